#include "bargain/expected_utility.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>
#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cmath>

#include "bargain/test_support.h"
#include "bargain/weighted.h"
#include "core/rng.h"

namespace statecraft::bargain {
namespace {

// Scholz, Calbert & Smith (2011), Table 2: median after rounds 1-8 (as printed,
// which truncates rather than rounds: the values below are consistent with it).
constexpr double kPublished[] = {8.4, 9.9, 9.9, 9.9, 9.9, 7.4, 8.8, 9.6};
// An independent open replication of their code, and what this engine gives.
constexpr double kReplication[] = {8.42, 9.61, 9.96, 9.96, 9.96, 7.47, 8.82, 9.67};

TEST(ExpectedUtility, EmissionStandardsTable2) {
  BdmParams params;
  params.rounds = 8;
  params.tolerance = 0.0;
  const Trajectory trajectory = run_bdm(testing::emissions(), params);
  ASSERT_EQ(trajectory.rounds.size(), 9u);
  EXPECT_DOUBLE_EQ(trajectory.rounds[0].median, 7.0);
  EXPECT_NEAR(trajectory.rounds[0].mean, 7.39, 0.005);
  for (std::size_t r = 1; r <= 8; ++r) {
    const double median = trajectory.rounds[r].median;
    EXPECT_NEAR(median, kReplication[r - 1], 0.006) << "round " << r;
    if (r == 2) {
      // The one published figure we do not reach: 9.61 vs 9.9. Both readings of the
      // probability of success (per pair or over all pairs) and both compromise
      // rules give <= 9.62 here; the open replication of Scholz's own code gives 9.61
      // too, so we take Table 2's 9.9 for round 2 to be a transcription slip. The
      // medians of later rounds match, which they would not if round 2 differed.
      EXPECT_NEAR(median, 9.61, 0.01);
      EXPECT_GT(std::abs(median - kPublished[r - 1]), 0.1);
    } else {
      EXPECT_NEAR(median, kPublished[r - 1], 0.1) << "round " << r;
    }
  }
  EXPECT_DOUBLE_EQ(trajectory.forecast, trajectory.rounds.back().median);
  // Round 1: Belgium, Ireland and Greece (at 7) must move; someone explains it.
  EXPECT_FALSE(trajectory.rounds[1].moves.empty());
}

// Straightforward O(n^3) transcription of the same round, to check the prefix-sum
// version against.
std::vector<double> naive_round(const std::vector<double>& x, const std::vector<double>& c,
                                const std::vector<double>& s, double range) {
  const std::size_t n = x.size();
  std::vector<double> w(n);
  for (std::size_t i = 0; i < n; ++i) w[i] = c[i] * s[i];
  auto utility_gap = [&](std::size_t k, std::size_t a, std::size_t b, const std::vector<double>& r) {
    return w[k] *
           (std::pow(std::abs(x[k] - x[b]) / range, r[k]) - std::pow(std::abs(x[k] - x[a]) / range, r[k]));
  };
  auto probability = [&](std::size_t a, std::size_t b, const std::vector<double>& r) {
    if (std::abs(x[a] - x[b]) <= 1e-6 * range) return 0.0;
    double all = 0.0;
    for (std::size_t k = 0; k < n; ++k)
      for (std::size_t p = 0; p < n; ++p)
        for (std::size_t q = 0; q < n; ++q) all += std::abs(utility_gap(k, p, q, r));
    double support = 0.0;
    for (std::size_t k = 0; k < n; ++k) support += std::max(0.0, utility_gap(k, a, b, r));
    return support / all;
  };
  auto eu = [&](std::size_t a, std::size_t b, double e, const std::vector<double>& r) {
    const double d = std::abs(x[a] - x[b]) / range;
    const double us = 2 - 4 * std::pow(0.5 - 0.5 * d, e);
    const double uf = 2 - 4 * std::pow(0.5 + 0.5 * d, e);
    const double uq = 2 - 4 * std::pow(0.5, e);
    const double p = probability(a, b, r);
    return s[b] * (p * us + (1 - p) * uf) + (1 - s[b]) * us - uq;
  };
  const std::vector<double> ones(n, 1.0);
  std::vector<double> danger(n, 0.0);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j)
      if (j != i && std::abs(x[j] - x[i]) > 1e-6 * range) danger[i] += eu(j, i, 1.0, ones);
  const double hi = *std::max_element(danger.begin(), danger.end());
  const double lo = *std::min_element(danger.begin(), danger.end());
  std::vector<double> r(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double big_r =
        hi - lo > 1e-12 * std::max(std::abs(hi), std::abs(lo)) ? (2 * danger[i] - hi - lo) / (hi - lo) : 0.0;
    r[i] = (1 - big_r / 3) / (1 + big_r / 3);
  }
  std::vector<double> out = x;
  for (std::size_t i = 0; i < n; ++i) {
    double best[3] = {INFINITY, INFINITY, INFINITY};
    double target[3] = {0, 0, 0};
    for (std::size_t j = 0; j < n; ++j) {
      if (std::abs(x[j] - x[i]) <= 1e-6 * range) continue;
      const double eij = eu(i, j, r[i], r);
      const double eji = eu(j, i, r[i], r);
      int kind = -1;
      double to = x[j], key = std::abs(x[j] - x[i]);
      const double tie = 1e-12;  // the engine's kTie
      if (eji > eij + tie && eij > tie)
        kind = 0;
      else if (eji > tie && eij < -tie && eji > -eij + tie) {
        kind = 1;
        to = x[i] + (x[j] - x[i]) * (-eij / eji);
        key = (-eij * x[i] + eji * x[j]) / (-eij + eji);
      } else if (eji > tie && eij < -tie)
        kind = 2;
      if (kind < 0) continue;
      if (key < best[kind] || (key == best[kind] && to < target[kind])) {
        best[kind] = key;
        target[kind] = to;
      }
    }
    for (int k = 0; k < 3; ++k)
      if (best[k] < INFINITY) {
        out[i] = target[k];
        break;
      }
  }
  return out;
}

RC_GTEST_PROP(ExpectedUtility, RoundMatchesNaiveTranscription, ()) {
  const auto n = *rc::gen::inRange<std::size_t>(2, 9);
  std::vector<double> x(n), c(n), s(n);
  for (std::size_t i = 0; i < n; ++i) {
    x[i] = *rc::gen::inRange(0, 11) * 10.0;
    c[i] = *rc::gen::inRange(1, 100) / 10.0;
    s[i] = *rc::gen::inRange(1, 11) / 10.0;
  }
  const auto [lo, hi] = std::minmax_element(x.begin(), x.end());
  RC_PRE(*hi > *lo);
  const BdmRoundResult fast = bdm_round({x, c, s, *hi - *lo}, BdmParams{});
  const std::vector<double> slow = naive_round(x, c, s, *hi - *lo);
  for (std::size_t i = 0; i < n; ++i) RC_ASSERT(std::abs(fast.positions[i] - slow[i]) < 1e-9);
}

Issue random_issue(std::size_t n) {
  std::vector<double> x(n), c(n), s(n);
  for (std::size_t i = 0; i < n; ++i) {
    x[i] = *rc::gen::inRange(0, 101) * 1.0;
    c[i] = *rc::gen::inRange(1, 1000) / 10.0;
    s[i] = *rc::gen::inRange(1, 101) / 100.0;
  }
  return testing::make_issue(x, c, s);
}

RC_GTEST_PROP(ExpectedUtility, WithinRangePermutationAndCapabilityScale, ()) {
  const auto n = *rc::gen::inRange<std::size_t>(1, 10);
  const Issue issue = random_issue(n);
  BdmParams params;
  params.rounds = 6;
  const Trajectory base = run_bdm(issue, params);
  const auto positions = positions_of(issue);
  const auto [lo, hi] = std::minmax_element(positions.begin(), positions.end());
  RC_ASSERT(base.forecast >= *lo && base.forecast <= *hi);
  for (const auto& round : base.rounds)
    for (double p : round.positions) RC_ASSERT(p >= *lo - 1e-9 && p <= *hi + 1e-9);

  Issue reversed = issue;
  std::reverse(reversed.stances.begin(), reversed.stances.end());
  RC_ASSERT(std::abs(run_bdm(reversed, params).forecast - base.forecast) < 1e-9);

  Issue scaled = issue;
  for (auto& stance : scaled.stances) stance.capability.value *= 3.25;
  RC_ASSERT(std::abs(run_bdm(scaled, params).forecast - base.forecast) < 1e-9);
}

TEST(ExpectedUtility, CycleLengthFindsTheShortestRepeat) {
  auto rounds_of = [](const std::vector<std::vector<double>>& positions) {
    std::vector<Round> rounds;
    for (const auto& p : positions) rounds.push_back(Round{static_cast<int>(rounds.size()), p, 0.0, 0.0, {}});
    return rounds;
  };
  // A-B-A: period 2.
  EXPECT_EQ(cycle_length(rounds_of({{1, 2}, {3, 4}, {1, 2}}), 0.0), 2);
  // Within tolerance counts as equal; beyond it does not.
  EXPECT_EQ(cycle_length(rounds_of({{1, 2}, {3, 4}, {1, 2.05}}), 0.1), 2);
  EXPECT_EQ(cycle_length(rounds_of({{1, 2}, {3, 4}, {1, 2.05}}), 0.01), 0);
  // A-B-C-A: period 3; A-B-A-B-A: still 2 (the shortest).
  EXPECT_EQ(cycle_length(rounds_of({{1}, {2}, {3}, {1}}), 0.0), 3);
  EXPECT_EQ(cycle_length(rounds_of({{1}, {2}, {1}, {2}, {1}}), 0.0), 2);
  // A repeat of the previous round is convergence, not a cycle; two rounds are too few.
  EXPECT_EQ(cycle_length(rounds_of({{1}, {2}, {2}}), 0.0), 0);
  EXPECT_EQ(cycle_length(rounds_of({{1}, {1}}), 0.0), 0);
  // Only the last round is compared: an early repeat that has since been left is not a cycle.
  EXPECT_EQ(cycle_length(rounds_of({{1}, {2}, {1}, {5}}), 0.0), 0);
}

TEST(ExpectedUtility, TwoRoundCycleStopsWithTheMeanOfItsMedians) {
  // Found by search over small integer issues: rounds 2 and 4 have the same positions
  // (80, 0, 0, 50, 0), and round 3 is (80, 0, 50, 50, 0) in between.
  const Issue issue = testing::make_issue({80, 80, 20, 50, 0}, {3, 1, 5, 1, 2}, {0.7, 0.6, 0.4, 0.6, 0.9});
  BdmParams params;
  params.rounds = 3;
  const Trajectory cut = run_bdm(issue, params);
  EXPECT_EQ(cut.stopped, "round_limit");
  EXPECT_EQ(cut.cycle_length, 0);
  EXPECT_FALSE(cut.converged);
  ASSERT_EQ(cut.rounds.size(), 4u);
  // Without cycle detection the forecast would flip between the two medians of the
  // cycle with the parity of the round limit.
  EXPECT_NE(cut.rounds[2].median, cut.rounds[3].median);
  for (int limit : {4, 5, 6, 7, 50}) {
    params.rounds = limit;
    const Trajectory t = run_bdm(issue, params);
    EXPECT_EQ(t.stopped, "cycle") << limit;
    EXPECT_EQ(t.cycle_length, 2) << limit;
    EXPECT_FALSE(t.converged);
    ASSERT_EQ(t.rounds.size(), 5u) << limit;
    EXPECT_EQ(t.rounds[4].positions, t.rounds[2].positions);
    EXPECT_DOUBLE_EQ(t.forecast, 0.5 * (t.rounds[3].median + t.rounds[4].median)) << limit;
    EXPECT_DOUBLE_EQ(t.forecast, 25.0) << limit;
  }
}

TEST(ExpectedUtility, UnanimityIsAFixedPoint) {
  const Issue issue = testing::make_issue({40, 40, 40}, {1, 2, 3}, {0.5, 0.9, 0.1});
  const Trajectory trajectory = run_bdm(issue, BdmParams{});
  EXPECT_TRUE(trajectory.converged);
  EXPECT_DOUBLE_EQ(trajectory.forecast, 40.0);
  for (const auto& round : trajectory.rounds)
    for (double p : round.positions) EXPECT_DOUBLE_EQ(p, 40.0);
}

TEST(ExpectedUtility, SameResultWithOneThreadOrMany) {
  // 300 actors: large enough for the parallel path.
  std::vector<double> x, c, s;
  Rng rng(7, 0, 0);
  for (int i = 0; i < 300; ++i) {
    x.push_back(std::floor(rng.uniform() * 101));
    c.push_back(0.1 + rng.uniform());
    s.push_back(0.05 + 0.95 * rng.uniform());
  }
  const Issue issue = testing::make_issue(x, c, s);
  BdmParams params;
  params.rounds = 3;
  auto with_threads = [&](int threads) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                              static_cast<std::size_t>(threads));
    tbb::task_arena arena(threads);
    return arena.execute([&] { return run_bdm(issue, params); });
  };
  const Trajectory single = with_threads(1);
  for (int threads : {2, 4}) {
    const Trajectory many = with_threads(threads);
    ASSERT_EQ(single.rounds.size(), many.rounds.size());
    for (std::size_t r = 0; r < many.rounds.size(); ++r) {
      EXPECT_EQ(single.rounds[r].positions, many.rounds[r].positions) << threads;
      ASSERT_EQ(single.rounds[r].moves.size(), many.rounds[r].moves.size());
      for (std::size_t m = 0; m < many.rounds[r].moves.size(); ++m) {
        EXPECT_EQ(single.rounds[r].moves[m].proposer, many.rounds[r].moves[m].proposer);
      }
    }
  }
}

// The round at several sizes (both sides of the parallel threshold and of the
// receiver block) against a round computed with one thread: bit-identical.
TEST(ExpectedUtility, RoundIdenticalForAnyThreadCount) {
  for (std::size_t n : {5, 63, 64, 97, 200}) {
    std::vector<double> x, c, s;
    Rng rng(11, n, 0);
    for (std::size_t i = 0; i < n; ++i) {
      x.push_back(100.0 * rng.uniform());
      c.push_back(0.1 + rng.uniform());
      s.push_back(0.05 + 0.95 * rng.uniform());
    }
    auto round_with = [&](int threads) {
      tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                                static_cast<std::size_t>(threads));
      tbb::task_arena arena(threads);
      return arena.execute([&] { return bdm_round({x, c, s, 100.0}, BdmParams{}); });
    };
    const BdmRoundResult one = round_with(1);
    const BdmRoundResult two = round_with(2);
    const BdmRoundResult three = round_with(3);
    EXPECT_EQ(one.positions, two.positions) << n;
    EXPECT_EQ(one.positions, three.positions) << n;
    EXPECT_EQ(one.risk_exponents, two.risk_exponents) << n;
    EXPECT_EQ(one.risk_exponents, three.risk_exponents) << n;
  }
}

}  // namespace
}  // namespace statecraft::bargain
