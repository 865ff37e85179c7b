// Corridor engine benchmarks (bench/RESULTS.md): min-cost routing on a large random
// network, and the 1,000-point TTP sweep of the Pakistan corridor case.
#include <benchmark/benchmark.h>

#include <string>

#include "core/rng.h"
#include "corridor/routing.h"
#include "corridor/sweep.h"
#include "io/scenario_loader.h"

namespace {

using namespace statecraft;

Figure fig(double v) {
  return Figure{v, "", false};
}

// A connected random network: a random spanning tree plus random extra edges, all
// bidirectional, capacities 50..500 and costs 1..100; `demands` random OD pairs.
Network random_network(std::size_t nodes, std::size_t edges, std::size_t demands, std::uint64_t seed) {
  Rng rng(seed, 0, 1);
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng.uniform() * static_cast<double>(n)); };
  Network net;
  for (std::size_t i = 0; i < nodes; ++i) {
    net.nodes.push_back({"n" + std::to_string(i), "", "C" + std::to_string(i % 20), "city"});
  }
  for (std::size_t e = 0; e < edges; ++e) {
    std::size_t a = e + 1 < nodes ? e + 1 : pick(nodes);
    std::size_t b = e + 1 < nodes ? pick(e + 1) : pick(nodes);
    if (a == b) b = (a + 1) % nodes;
    Edge edge;
    edge.id = "e" + std::to_string(e);
    edge.from = net.nodes[a].id;
    edge.to = net.nodes[b].id;
    edge.country = net.nodes[a].country;
    edge.capacity = fig(50 + 450 * rng.uniform());
    edge.cost_per_unit = fig(1 + 99 * rng.uniform());
    net.edges.push_back(std::move(edge));
  }
  for (std::size_t d = 0; d < demands; ++d) {
    std::size_t a = pick(nodes);
    std::size_t b = pick(nodes);
    if (a == b) b = (a + 1) % nodes;
    net.demands.push_back(
        {"d" + std::to_string(d), net.nodes[a].id, net.nodes[b].id, fig(10 + 190 * rng.uniform()), fig(0)});
  }
  return net;
}

void BM_RouteRandomNetwork(benchmark::State& state) {
  const auto nodes = static_cast<std::size_t>(state.range(0));
  const auto edges = static_cast<std::size_t>(state.range(1));
  const auto demands = static_cast<std::size_t>(state.range(2));
  const Network net = random_network(nodes, edges, demands, 2026);
  corridor::RoutingParameters parameters;
  parameters.method =
      state.range(3) == 0 ? corridor::RoutingMethod::sequential : corridor::RoutingMethod::joint;
  std::size_t augmentations = 0;
  for (auto _ : state) {
    corridor::CorridorResult r = corridor::route(net, parameters);
    augmentations = r.augmentations;
    benchmark::DoNotOptimize(r.total_cost);
  }
  state.counters["augmentations"] = static_cast<double>(augmentations);
}
// Last argument: 0 sequential (one shared residual graph, min-cost flow per destination),
// 1 joint (the multi-commodity LP on these networks: many destinations).
BENCHMARK(BM_RouteRandomNetwork)
    ->Args({1000, 5000, 10, 0})
    ->Args({10000, 50000, 100, 0})
    ->Args({100, 500, 10, 1})
    ->Args({300, 1500, 10, 1})
    ->Unit(benchmark::kMillisecond);

void BM_PakistanTtpSweep(benchmark::State& state) {
  const Scenario scenario = io::load_scenario(STATECRAFT_SOURCE_DIR "/cases/pakistan/corridors.yaml");
  const auto parameters = corridor::RoutingParameters::from(scenario.parameters);
  const auto points = static_cast<std::size_t>(state.range(0));
  for (auto _ : state) {
    corridor::SweepResult s = corridor::sweep_threat(scenario.network, parameters, {}, "ttp", points);
    benchmark::DoNotOptimize(s.points.back().total_cost);
  }
}
// The sweep runs its points on oneTBB workers: count the CPU time of every thread.
BENCHMARK(BM_PakistanTtpSweep)->Arg(1000)->MeasureProcessCPUTime()->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
