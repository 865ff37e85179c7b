// Sequential-game benchmarks (bench/RESULTS.md): backward induction on a large tree and
// Monte Carlo over uncertain payoffs.
#include <benchmark/benchmark.h>

#include <string>

#include "core/rng.h"
#include "games/backward_induction.h"
#include "games/monte_carlo.h"

namespace {

using namespace statecraft;

// A complete tree of the given depth and branching, players alternating, random
// payoffs with standard deviation 1 at the leaves.
Game random_tree(int depth, int branching) {
  Game g;
  g.id = "tree";
  g.players = {"A", "B"};
  Rng rng(7, 0, 2);
  std::size_t next_id = 0;
  std::vector<std::pair<std::size_t, int>> frontier{{next_id++, 0}};
  g.nodes.push_back({});
  g.nodes[0].id = "n0";
  for (std::size_t i = 0; i < frontier.size(); ++i) {
    auto [index, level] = frontier[i];
    GameNode& node = g.nodes[index];
    if (level == depth) {
      node.payoffs["A"] = Figure{rng.normal(), "", false};
      node.payoffs["B"] = Figure{rng.normal(), "", false};
      node.payoff_sd = {{"A", 1.0}, {"B", 1.0}};
      continue;
    }
    node.player = level % 2 == 0 ? "A" : "B";
    for (int b = 0; b < branching; ++b) {
      const std::string child = "n" + std::to_string(next_id);
      g.nodes[index].moves.push_back({"m" + std::to_string(b), child, 0.0});
      g.nodes.push_back({});
      g.nodes.back().id = child;
      frontier.emplace_back(next_id++, level + 1);
    }
  }
  return g;
}

void BM_BackwardInduction(benchmark::State& state) {
  const Game g = random_tree(static_cast<int>(state.range(0)), 3);
  const games::PayoffTable payoffs = games::figure_payoffs(g);
  for (auto _ : state) {
    games::Solution s = games::solve(g, payoffs);
    benchmark::DoNotOptimize(s.value[0][0]);
  }
  state.counters["nodes"] = static_cast<double>(g.nodes.size());
}
BENCHMARK(BM_BackwardInduction)->Arg(4)->Arg(8)->Unit(benchmark::kMicrosecond);

void BM_MonteCarlo(benchmark::State& state) {
  const Game g = random_tree(3, 3);  // 40 nodes, about the size of a case game
  const auto mean = games::figure_payoffs(g);
  const auto sd = games::payoff_sds(g);
  for (auto _ : state) {
    games::MonteCarloResult r = games::simulate(g, mean, sd, static_cast<std::size_t>(state.range(0)), 1);
    benchmark::DoNotOptimize(r.mean_payoff[0]);
  }
}
BENCHMARK(BM_MonteCarlo)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
