// Voting-power benchmarks: the issue-5 targets (exact Banzhaf, 1,000 members, total
// weight 100,000, < 1 s; exact Shapley–Shubik, 200 members, same weight, < 5 s; EU27
// double majority exact, < 100 ms) and the growth in members n and total weight W.
// Results and the command are in bench/RESULTS.md.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "core/rng.h"
#include "power/eu27_population.h"
#include "power/exact_power.h"
#include "power/game_from_rule.h"
#include "power/monte_carlo_power.h"

namespace {

using statecraft::power::VotingGame;

// n positive integer weights summing to exactly `total`, skewed like an IMF board
// (log-normal spread, sigma `spread`: a few members hold much of the weight).
std::vector<std::int64_t> skewed_weights(int members, std::int64_t total, double spread, std::uint64_t seed) {
  std::vector<double> raw;
  double raw_total = 0.0;
  for (int i = 0; i < members; ++i) {
    statecraft::Rng rng(seed, static_cast<std::uint64_t>(i), 0x7765696768747300ULL);
    raw.push_back(std::exp(spread * rng.normal()));
    raw_total += raw.back();
  }
  const std::int64_t spare = total - members;  // every member gets at least 1
  std::vector<std::int64_t> weights;
  std::int64_t assigned = 0;
  for (double r : raw) {
    weights.push_back(1 + static_cast<std::int64_t>(std::floor(r / raw_total * static_cast<double>(spare))));
    assigned += weights.back();
  }
  for (std::size_t i = 0; assigned < total; i = (i + 1) % weights.size(), ++assigned) ++weights[i];
  return weights;
}

VotingGame game(int members, std::int64_t total, double quota_share, double spread) {
  return statecraft::power::weighted_game(
      skewed_weights(members, total, spread, 42),
      static_cast<std::int64_t>(std::ceil(quota_share * static_cast<double>(total))) + 1);
}

// Exact Banzhaf, plain weighted game, simple majority of weight. Args: members, total weight.
void BM_ExactBanzhaf(benchmark::State& state) {
  const VotingGame g = game(static_cast<int>(state.range(0)), state.range(1), 0.5, 0.8);
  for (auto _ : state) benchmark::DoNotOptimize(statecraft::power::exact_banzhaf(g));
  state.counters["members"] = static_cast<double>(state.range(0));
  state.counters["total_weight"] = static_cast<double>(state.range(1));
}
BENCHMARK(BM_ExactBanzhaf)
    ->Args({1000, 100'000})
    ->Args({250, 100'000})
    ->Args({500, 100'000})
    ->Args({1000, 25'000})
    ->Args({1000, 50'000})
    ->Args({2000, 100'000})
    ->Unit(benchmark::kMillisecond);

// Exact Shapley–Shubik (and Banzhaf with it, from the size-by-weight table).
// Args: members, total weight, quota in percent of the weight (50 or 85, the IMF's
// ordinary and special majorities).
void BM_ExactShapley(benchmark::State& state) {
  const VotingGame g = game(static_cast<int>(state.range(0)), state.range(1),
                            static_cast<double>(state.range(2)) / 100.0, 1.2);
  for (auto _ : state) benchmark::DoNotOptimize(statecraft::power::exact_power(g));
  state.counters["members"] = static_cast<double>(state.range(0));
  state.counters["total_weight"] = static_cast<double>(state.range(1));
}
BENCHMARK(BM_ExactShapley)
    ->Args({200, 100'000, 50})
    ->Args({200, 100'000, 85})
    ->Args({50, 100'000, 50})
    ->Args({100, 100'000, 50})
    ->Args({200, 25'000, 50})
    ->Args({200, 50'000, 50})
    ->Unit(benchmark::kMillisecond);

// EU Council qualified majority: 55% of 27 states, 65% of population, blocking minority
// of at least 4. Both indices, exact. Args: method (0 automatic = the halves, 1 the
// size-by-weight table, the method before), population unit (1 = thousands, total about
// 448,000; 1000 = persons, the thousands figures times 1,000, total about 4.5e8).
void BM_Eu27DoubleMajority(benchmark::State& state) {
  statecraft::DecisionRule rule;
  rule.kind = statecraft::RuleKind::double_majority;
  std::vector<std::string> members;
  for (const auto& [id, population] : statecraft::power::kEu27Population2023Thousands) {
    members.emplace_back(id);
    rule.population[members.back()] = population * static_cast<double>(state.range(1));
  }
  const VotingGame g = statecraft::power::game_from_rule(rule, members);
  const auto method = state.range(0) == 0 ? statecraft::power::ExactMethod::automatic
                                          : statecraft::power::ExactMethod::size_weight_table;
  for (auto _ : state) benchmark::DoNotOptimize(statecraft::power::exact_power(g, method));
}
BENCHMARK(BM_Eu27DoubleMajority)->Args({0, 1})->Args({0, 1000})->Args({1, 1})->Unit(benchmark::kMillisecond);

// Growth of the halves with members: double-majority games of n members with skewed
// populations (total 10^6), 55% of members, 65% of weight, blocking minority of 4.
void BM_DoubleMajorityHalves(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  VotingGame g;
  g.weights = skewed_weights(n, 1'000'000, 1.0, 7);
  g.quota = 650'000;
  g.min_members = static_cast<int>(std::ceil(0.55 * n));
  g.members_alone_win = n - 3;
  for (auto _ : state) {
    benchmark::DoNotOptimize(statecraft::power::exact_power(g, statecraft::power::ExactMethod::halves));
  }
  state.counters["members"] = n;
}
BENCHMARK(BM_DoubleMajorityHalves)->DenseRange(15, 33, 6)->Unit(benchmark::kMillisecond);

// Monte Carlo, both indices, for a game beyond the exact limits' comfort. Args: members, samples.
void BM_MonteCarloPower(benchmark::State& state) {
  const VotingGame g = game(static_cast<int>(state.range(0)), 1'000'000, 0.5, 1.2);
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        statecraft::power::monte_carlo_power(g, static_cast<std::size_t>(state.range(1)), 9));
  }
}
BENCHMARK(BM_MonteCarloPower)->Args({1000, 10'000})->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
