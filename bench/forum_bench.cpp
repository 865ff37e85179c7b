// Forum engine: exact pass probability and pivotality.
// Run: build-forum/bench/forum_bench --benchmark_min_time=0.5
#include <benchmark/benchmark.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/rng.h"
#include "forum/pass_probability.h"

namespace {

using statecraft::DecisionRule;
using statecraft::Forum;
using statecraft::MajorityBase;
using statecraft::Motion;
using statecraft::Rng;
using statecraft::RuleKind;
using statecraft::forum::MemberVote;

std::vector<std::string> ids(std::size_t n) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back("M" + std::to_string(i));
  return out;
}

std::vector<MemberVote> random_votes(const std::vector<std::string>& members, std::uint64_t seed) {
  std::vector<MemberVote> votes;
  for (std::size_t i = 0; i < members.size(); ++i) {
    Rng rng(seed, i);
    const double yes = 0.2 + 0.6 * rng.uniform();
    const double absent = 0.05 * rng.uniform();
    const double abstain = (1.0 - yes - absent) * 0.3 * rng.uniform();
    votes.push_back(MemberVote{members[i], yes, 1.0 - yes - absent - abstain, abstain, absent});
  }
  return votes;
}

DecisionRule assembly_rule(double share) {
  DecisionRule rule;
  rule.kind = RuleKind::majority;
  rule.base = MajorityBase::present_and_voting;
  rule.share = share;
  rule.strictly_more = share == 0.5;
  return rule;
}

// UN General Assembly size: simple majority / two thirds of those present and voting.
void BM_Assembly193_PassProbability(benchmark::State& state) {
  const auto members = ids(193);
  const auto votes = random_votes(members, 1);
  const DecisionRule rule = assembly_rule(state.range(0) == 0 ? 0.5 : 2.0 / 3.0);
  for (auto _ : state) {
    benchmark::DoNotOptimize(statecraft::forum::pass_probability(rule, members, votes));
  }
}
BENCHMARK(BM_Assembly193_PassProbability)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

// The same with every member's pivotality and per-stage probabilities.
void BM_Assembly193_WithPivots(benchmark::State& state) {
  Forum forum;
  forum.id = "UNGA";
  forum.members = ids(193);
  forum.rule = assembly_rule(0.5);
  Motion motion;
  motion.id = "m";
  const auto votes = random_votes(forum.members, 1);
  for (auto _ : state) {
    benchmark::DoNotOptimize(statecraft::forum::pass_probability(forum, motion, votes));
  }
}
BENCHMARK(BM_Assembly193_WithPivots)->Unit(benchmark::kMicrosecond);

// Growth with members: simple majority of present and voting, pass probability only.
void BM_Majority_Members(benchmark::State& state) {
  const auto members = ids(static_cast<std::size_t>(state.range(0)));
  const auto votes = random_votes(members, 2);
  const DecisionRule rule = assembly_rule(0.5);
  for (auto _ : state) {
    benchmark::DoNotOptimize(statecraft::forum::pass_probability(rule, members, votes));
  }
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_Majority_Members)->RangeMultiplier(2)->Range(25, 1600)->Complexity()->Unit(benchmark::kMicrosecond);

// EU Council QMV: 55% of 27 states, 65% of population (in thousands: exact integer
// table), blocking minority of 4. Populations are approximate 2023 figures, used only as
// benchmark input (not a sourced case figure).
const std::vector<std::pair<std::string, double>> kEuPopulationThousands{
    {"DEU", 84359}, {"FRA", 68173}, {"ITA", 58997}, {"ESP", 48085}, {"POL", 36754},
    {"ROU", 19055}, {"NLD", 17811}, {"BEL", 11743}, {"CZE", 10828}, {"SWE", 10522},
    {"PRT", 10467}, {"GRC", 10413}, {"HUN", 9600},  {"AUT", 9105},  {"BGR", 6448},
    {"DNK", 5933},  {"FIN", 5564},  {"SVK", 5429},  {"IRL", 5271},  {"HRV", 3851},
    {"LTU", 2858},  {"SVN", 2117},  {"LVA", 1883},  {"EST", 1366},  {"CYP", 921},
    {"LUX", 661},   {"MLT", 542}};

Forum eu_council(double unit) {
  Forum forum;
  forum.id = "EUCO";
  forum.rule.kind = RuleKind::double_majority;
  for (const auto& [id, thousands] : kEuPopulationThousands) {
    forum.members.push_back(id);
    forum.rule.population[id] = std::round(thousands / unit);
  }
  return forum;
}

void BM_EU27_DoubleMajority_PassProbability(benchmark::State& state) {
  const Forum forum = eu_council(static_cast<double>(state.range(0)));
  const auto votes = random_votes(forum.members, 3);
  for (auto _ : state) {
    benchmark::DoNotOptimize(statecraft::forum::pass_probability(forum.rule, forum.members, votes));
  }
}
// Population unit: 1 = thousands, 10 = ten thousands (rounded); both exact tables.
BENCHMARK(BM_EU27_DoubleMajority_PassProbability)->Arg(1)->Arg(10)->Unit(benchmark::kMillisecond);

void BM_EU27_DoubleMajority_WithPivots(benchmark::State& state) {
  const Forum forum = eu_council(static_cast<double>(state.range(0)));
  Motion motion;
  motion.id = "m";
  const auto votes = random_votes(forum.members, 3);
  for (auto _ : state) {
    auto r = statecraft::forum::pass_probability(forum, motion, votes);
    if (!r.exact) state.SkipWithError("EU27 table was coarsened");
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_EU27_DoubleMajority_WithPivots)->Arg(1)->Arg(10)->Unit(benchmark::kMillisecond);

// Growth with total weight: a weighted game of 50 members, quota half the total.
void BM_Weighted_TotalWeight(benchmark::State& state) {
  const auto members = ids(50);
  DecisionRule rule;
  rule.kind = RuleKind::weighted;
  double total = 0;
  for (std::size_t i = 0; i < members.size(); ++i) {
    Rng rng(4, i);
    const double w = 1.0 + std::floor(rng.uniform() * 2.0 * static_cast<double>(state.range(0)) / 50.0);
    rule.weights[members[i]] = w;
    total += w;
  }
  rule.quota = std::ceil(total / 2.0);
  const auto votes = random_votes(members, 5);
  for (auto _ : state) {
    benchmark::DoNotOptimize(statecraft::forum::pass_probability(rule, members, votes));
  }
  state.SetComplexityN(static_cast<std::int64_t>(total));
}
BENCHMARK(BM_Weighted_TotalWeight)->RangeMultiplier(10)->Range(100, 1000000)->Complexity()->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
