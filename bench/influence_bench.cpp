// Influence network and Friedkin–Johnsen equilibrium on a synthetic world of 193 states
// and 10,000 directed relations (issue 6 target: under 50 ms).
#include <benchmark/benchmark.h>

#include <cstdint>
#include <set>
#include <string>

#include "influence/narrative.h"
#include "influence/network.h"

namespace {

using namespace statecraft;

// Deterministic xorshift so every run builds the same world.
struct Xorshift {
  std::uint64_t s = 0x9e3779b97f4a7c15ULL;
  std::uint64_t next() {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return s;
  }
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
};

Scenario synthetic_world(int actors, int relations, int frames) {
  Scenario s;
  s.name = "synthetic";
  for (int i = 0; i < actors; ++i) {
    std::string id = "A" + std::to_string(i);
    s.actors.push_back(Actor{id, id, ActorKind::state, {}, {}});
  }
  Xorshift rng;
  std::set<std::pair<std::uint64_t, std::uint64_t>> seen;
  while (static_cast<int>(s.relations.size()) < relations) {
    auto a = rng.next() % static_cast<std::uint64_t>(actors);
    auto b = rng.next() % static_cast<std::uint64_t>(actors);
    if (a == b || !seen.insert({a, b}).second) continue;
    Relation r{s.actors[a].id, s.actors[b].id, {}};
    r.dimensions["exports_usd_m"] = Figure{rng.unit() * 5000, "", false};
    r.dimensions["alignment"] = Figure{rng.unit() * 2 - 1, "", false};
    if (rng.unit() < 0.3) r.dimensions["investment_usd_m"] = Figure{rng.unit() * 2000, "", false};
    if (rng.unit() < 0.1) r.dimensions["hostility"] = Figure{rng.unit(), "", false};
    if (rng.unit() < 0.2) r.dimensions["security_cooperation"] = Figure{rng.unit(), "", false};
    s.relations.push_back(std::move(r));
  }
  for (int f = 0; f < frames; ++f) {
    Frame frame;
    frame.id = "frame" + std::to_string(f);
    for (int i = 0; i < actors; ++i) {
      frame.positions.push_back({s.actors[static_cast<std::size_t>(i)].id, Figure{rng.unit(), "", false},
                                 std::nullopt, std::nullopt});
    }
    s.narratives.frames.push_back(std::move(frame));
  }
  return s;
}

void BM_InfluenceNetwork193(benchmark::State& state) {
  const Scenario s = synthetic_world(193, 10000, 1);
  for (auto _ : state) {
    auto net = influence::build_influence_network(s, influence::InfluenceParams{});
    benchmark::DoNotOptimize(net.weights.nonZeros());
  }
}
BENCHMARK(BM_InfluenceNetwork193)->Unit(benchmark::kMillisecond);

// Network + row normalisation + sparse LU equilibrium of one frame: the target.
void BM_InfluenceEquilibrium193(benchmark::State& state) {
  const Scenario s = synthetic_world(193, 10000, 1);
  Eigen::VectorXd lambda = Eigen::VectorXd::Constant(193, 0.7);
  Eigen::VectorXd u(193);
  for (Eigen::Index i = 0; i < 193; ++i) u[i] = s.narratives.frames[0].positions[static_cast<std::size_t>(i)].position.value;
  for (auto _ : state) {
    auto net = influence::build_influence_network(s, influence::InfluenceParams{});
    auto w = influence::row_stochastic(net.weights, 1.0);
    auto eq = influence::fj_equilibrium(w, lambda, u);
    benchmark::DoNotOptimize(eq.values.data());
  }
}
BENCHMARK(BM_InfluenceEquilibrium193)->Unit(benchmark::kMillisecond);

// The whole narrative run: 20 rounds of trajectory and the equilibrium, per frame count.
void BM_Narratives193(benchmark::State& state) {
  const Scenario s = synthetic_world(193, 10000, static_cast<int>(state.range(0)));
  const auto net = influence::build_influence_network(s, influence::InfluenceParams{});
  for (auto _ : state) {
    auto r = influence::run_narratives(s, net, influence::NarrativeParams{});
    benchmark::DoNotOptimize(r.frames.data());
  }
}
BENCHMARK(BM_Narratives193)->Arg(1)->Arg(4)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
