// Bargaining engines: one round of the expected-utility model for 10 to 3,000 actors
// (the pairwise work should grow as n^2 log n), and Monte Carlo throughput.
#include <benchmark/benchmark.h>
#include <tbb/global_control.h>

#include <cmath>

#include "bargain/expected_utility.h"
#include "bargain/monte_carlo.h"
#include "core/rng.h"

namespace {

using namespace statecraft;
using namespace statecraft::bargain;

Issue random_issue(std::size_t n, std::uint64_t seed) {
  Issue issue;
  issue.id = "bench";
  Rng rng(seed, 0, 0);
  for (std::size_t i = 0; i < n; ++i) {
    Stance stance;
    stance.actor = "a" + std::to_string(i);
    stance.position.value = 100.0 * rng.uniform();
    stance.capability.value = 0.1 + rng.uniform();
    stance.salience.value = 0.05 + 0.95 * rng.uniform();
    issue.stances.push_back(stance);
  }
  return issue;
}

void BM_BdmRound(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const Issue issue = random_issue(n, 1);
  std::vector<double> positions, capabilities, saliences;
  for (const auto& s : issue.stances) {
    positions.push_back(s.position.value);
    capabilities.push_back(s.capability.value);
    saliences.push_back(s.salience.value);
  }
  const BdmActors actors{positions, capabilities, saliences, 100.0};
  const BdmParams params;
  for (auto _ : state) {
    BdmRoundResult result = bdm_round(actors, params);
    benchmark::DoNotOptimize(result.positions.data());
  }
  state.SetComplexityN(state.range(0));
}
// Actor counts of a round, and its expected growth.
void RoundSizes(benchmark::internal::Benchmark* b) {
  for (const int n : {10, 30, 100, 300, 1000, 3000}) b->Arg(n);
  b->Unit(benchmark::kMillisecond)->Complexity(benchmark::oNSquared);
}
BENCHMARK(BM_BdmRound)->Apply(RoundSizes)->UseRealTime();

// The same round on one thread: its CPU time is the whole work of a round, which the
// multi-threaded figure (main thread only) does not show. Measured this way because
// the machine is shared and wall time under load says little.
void BM_BdmRoundOneThread(benchmark::State& state) {
  tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
  BM_BdmRound(state);
}
BENCHMARK(BM_BdmRoundOneThread)->Apply(RoundSizes);

// 10,000 samples of a 30-actor issue, 20 rounds of the expected-utility model each.
void BM_MonteCarloBdm(benchmark::State& state) {
  Issue issue = random_issue(30, 2);
  for (auto& stance : issue.stances) {
    stance.position_sd = 5.0;
    stance.salience_sd = 0.05;
  }
  BdmParams params;
  params.rounds = 20;
  params.tolerance = 0.0;  // always the full 20 rounds
  MonteCarloSpec spec;
  spec.samples = static_cast<int>(state.range(0));
  spec.seed = 3;
  for (auto _ : state) {
    MonteCarloResult result = run_monte_carlo(
        issue, [&](const Issue& sample) { return run_bdm(sample, params).forecast; }, spec);
    benchmark::DoNotOptimize(result.mean);
  }
}
BENCHMARK(BM_MonteCarloBdm)->Arg(10000)->Unit(benchmark::kSecond)->UseRealTime()->Iterations(1);

// Fixed amounts of work for load-independent before/after comparisons with
// `valgrind --tool=callgrind` (instruction counts; see bench/RESULTS.md): 100 samples
// of the issue above, and single rounds at 30 and 1,000 actors.
BENCHMARK(BM_MonteCarloBdm)->Arg(100)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);
BENCHMARK(BM_BdmRoundOneThread)->Arg(30)->Arg(1000)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
