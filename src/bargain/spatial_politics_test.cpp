#include "bargain/spatial_politics.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cmath>

#include "bargain/test_support.h"
#include "bargain/weighted.h"

namespace statecraft::bargain {
namespace {

TEST(SpatialPolitics, EmissionStandardsSettlesInsideTheRange) {
  const Trajectory trajectory = run_smp(testing::emissions(), SmpParams{});
  EXPECT_GE(trajectory.forecast, 4.0);
  EXPECT_LE(trajectory.forecast, 10.0);
  EXPECT_GE(trajectory.rounds.size(), 2u);
}

TEST(SpatialPolitics, UnanimityIsAFixedPoint) {
  const Trajectory trajectory =
      run_smp(testing::make_issue({25, 25, 25}, {1, 5, 2}, {1, 0.5, 0.2}), SmpParams{});
  EXPECT_TRUE(trajectory.converged);
  EXPECT_NEAR(trajectory.forecast, 25.0, 1e-9);
}

TEST(SpatialPolitics, TwoDimensions) {
  std::vector<SpatialActor> actors{
      {1.0, {0.0, 0.0}, {1.0, 0.2}}, {1.0, {1.0, 0.0}, {0.5, 0.5}}, {2.0, {0.5, 1.0}, {0.2, 1.0}}};
  const SpatialResult result = run_spatial_politics(actors, SmpParams{});
  const auto& outcome = result.rounds.back().expected_outcome;
  ASSERT_EQ(outcome.size(), 2u);
  for (double v : outcome) {
    EXPECT_GE(v, 0.0);
    EXPECT_LE(v, 1.0);
  }
  double total = 0.0;
  for (double p : result.rounds.back().outcome_probability) total += p;
  EXPECT_NEAR(total, 1.0, 1e-12);
}

TEST(SpatialPolitics, PositionsEqualUpToRoundingAreOneOption) {
  // Two actors whose ideals differ only in the last bit are, for every voter, the same
  // option: their contest is a tie (1/2) and they get the same probability. Before the
  // indifference slack, P(0.6 beats 0.6 + 1 ulp) was a ratio of rounding errors (0.93
  // against 0.05 here), which is what made the model depend on the order of actors:
  // the same point reached by different moves differed in the last bits.
  const double nudged = std::nextafter(0.6, 1.0);
  SmpParams params;
  params.rounds = 0;
  const std::vector<SpatialActor> exact{{1.0, {0.2}, {0.5}}, {3.0, {0.6}, {0.9}}, {1.0, {0.6}, {0.2}}};
  const std::vector<SpatialActor> rounded{{1.0, {0.2}, {0.5}}, {3.0, {0.6}, {0.9}}, {1.0, {nudged}, {0.2}}};
  const SpatialRound a = run_spatial_politics(exact, params).rounds.front();
  const SpatialRound b = run_spatial_politics(rounded, params).rounds.front();
  ASSERT_EQ(b.outcome_probability.size(), 3u);
  EXPECT_DOUBLE_EQ(b.outcome_probability[1], b.outcome_probability[2]);
  for (std::size_t k = 0; k < 3; ++k) EXPECT_NEAR(a.outcome_probability[k], b.outcome_probability[k], 1e-12);
}

TEST(SpatialPolitics, ReversedActorsFoundByRapidcheck) {
  // The counter-example of seed 9 (before the fix the forecasts were 9.52 and 8.54:
  // in one order the two moderates stayed at 32, in the other they cycled).
  const Issue issue = testing::make_issue({41, 67, 5, 32}, {0.1, 0.1, 0.1, 0.3}, {0.01, 0.01, 0.33, 0.01});
  Issue reversed = issue;
  std::reverse(reversed.stances.begin(), reversed.stances.end());
  SmpParams params;
  params.rounds = 5;
  EXPECT_EQ(run_smp(issue, params).forecast, run_smp(reversed, params).forecast);
}

// Three actors whose simultaneous best responses go round in a cycle of four rounds
// (found by a search over small integer issues): round 4 repeats round 0. The run stops
// there, says so, and forecasts the mean expected outcome over the four rounds.
TEST(SpatialPolitics, CycleIsDetectedAndReported) {
  const Issue issue = testing::make_issue({0, 80, 60}, {3, 3, 3}, {0.25, 0.25, 1.0});
  SmpParams params;
  params.rounds = 30;
  std::vector<SpatialActor> actors;
  for (const auto& stance : issue.stances)
    actors.push_back({stance.capability.value, {stance.position.value / 100.0}, {stance.salience.value}});
  const SpatialResult spatial = run_spatial_politics(actors, params);
  EXPECT_EQ(spatial.stopped, "cycle");
  EXPECT_EQ(spatial.cycle_length, 4);
  EXPECT_FALSE(spatial.converged);
  ASSERT_EQ(spatial.rounds.size(), 5u);
  EXPECT_EQ(spatial.rounds[4].positions, spatial.rounds[0].positions);
  for (std::size_t r = 1; r < 4; ++r) EXPECT_NE(spatial.rounds[r].positions, spatial.rounds[0].positions);

  const Trajectory trajectory = run_smp(issue, params);
  EXPECT_EQ(trajectory.stopped, "cycle");
  EXPECT_EQ(trajectory.cycle_length, 4);
  double mean = 0.0;
  for (std::size_t r = 1; r <= 4; ++r) mean += spatial.rounds[r].expected_outcome[0];
  EXPECT_NEAR(trajectory.forecast, 100.0 * mean / 4.0, 1e-9);

  // Stopped before the state repeats: the round limit, as before.
  params.rounds = 3;
  const Trajectory short_run = run_smp(issue, params);
  EXPECT_EQ(short_run.stopped, "round_limit");
  EXPECT_EQ(short_run.cycle_length, 0);
}

// Every change of position is explained, and only those: the mover, the rule, the
// actor it moved towards (a move all the way lands exactly on that actor's previous
// position) and expected utilities showing the move beats staying.
TEST(SpatialPolitics, EveryMoveIsExplained) {
  for (const Issue& issue :
       {testing::emissions(), testing::make_issue({0, 80, 60}, {3, 3, 3}, {0.25, 0.25, 1.0})}) {
    const Trajectory trajectory = run_smp(issue, SmpParams{});
    std::size_t explained = 0;
    EXPECT_TRUE(trajectory.rounds.front().smp_moves.empty());
    for (std::size_t r = 1; r < trajectory.rounds.size(); ++r) {
      const Round& before = trajectory.rounds[r - 1];
      const Round& now = trajectory.rounds[r];
      std::vector<bool> moved(now.positions.size(), false);
      for (const SmpMove& move : now.smp_moves) {
        ASSERT_LT(move.actor, now.positions.size());
        moved[move.actor] = true;
        EXPECT_DOUBLE_EQ(move.from_position, before.positions[move.actor]);
        EXPECT_DOUBLE_EQ(move.to_position, now.positions[move.actor]);
        EXPECT_GT(move.utility_moved, move.utility_stay);
        if (move.kind == SmpMoveKind::ideal) {
          EXPECT_DOUBLE_EQ(move.to_position, trajectory.rounds.front().positions[move.actor]);
        } else {
          EXPECT_NE(move.toward, move.actor);
          EXPECT_TRUE(move.fraction == 0.25 || move.fraction == 0.5 || move.fraction == 1.0);
          const double target = before.positions[move.toward];
          if (move.fraction == 1.0) {
            EXPECT_DOUBLE_EQ(move.to_position, target);
          }
          // A partial move lands between the mover and its target.
          EXPECT_LE(std::abs(move.to_position - target), std::abs(move.from_position - target) + 1e-9);
        }
        ++explained;
      }
      for (std::size_t i = 0; i < now.positions.size(); ++i)
        EXPECT_EQ(moved[i], now.positions[i] != before.positions[i]) << "round " << r << " actor " << i;
    }
    EXPECT_GT(explained, 0u);
  }
}

// Fisher-Yates with rapidcheck's draws, so a failing permutation shrinks too.
std::vector<std::size_t> random_permutation(std::size_t n) {
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  for (std::size_t i = n; i > 1; --i) std::swap(order[i - 1], order[*rc::gen::inRange<std::size_t>(0, i)]);
  return order;
}

// Any permutation of the actors permutes the trajectory and leaves the forecast
// unchanged bit for bit (the engine works in a canonical order); scaling every
// capability changes nothing beyond rounding; the forecast lies within the positions.
RC_GTEST_PROP(SpatialPolitics, WithinRangePermutationAndCapabilityScale, ()) {
  const auto n = *rc::gen::inRange<std::size_t>(1, 9);
  std::vector<double> x(n), c(n), s(n);
  for (std::size_t i = 0; i < n; ++i) {
    x[i] = *rc::gen::inRange(0, 101) * 1.0;
    c[i] = *rc::gen::inRange(1, 100) / 10.0;
    s[i] = *rc::gen::inRange(1, 101) / 100.0;
  }
  const Issue issue = testing::make_issue(x, c, s);
  SmpParams params;
  params.rounds = 5;
  const Trajectory base = run_smp(issue, params);
  const auto [lo, hi] = std::minmax_element(x.begin(), x.end());
  RC_ASSERT(base.forecast >= *lo - 1e-9 && base.forecast <= *hi + 1e-9);
  for (const auto& round : base.rounds)
    for (double p : round.positions) RC_ASSERT(p >= *lo - 1e-9 && p <= *hi + 1e-9);

  const std::vector<std::size_t> order = random_permutation(n);
  Issue permuted = issue;
  for (std::size_t i = 0; i < n; ++i) permuted.stances[i] = issue.stances[order[i]];
  const Trajectory moved = run_smp(permuted, params);
  RC_ASSERT(moved.forecast == base.forecast);
  RC_ASSERT(moved.rounds.size() == base.rounds.size());
  for (std::size_t r = 0; r < base.rounds.size(); ++r)
    for (std::size_t i = 0; i < n; ++i)
      RC_ASSERT(moved.rounds[r].positions[i] == base.rounds[r].positions[order[i]]);

  Issue scaled = issue;
  const double factor = *rc::gen::element(0.01, 4.0, 1000.0);
  for (auto& stance : scaled.stances) stance.capability.value *= factor;
  RC_ASSERT(std::abs(run_smp(scaled, params).forecast - base.forecast) < 1e-6);
}

RC_GTEST_PROP(SpatialPolitics, UnanimityIsAFixedPointForAnyWeights, ()) {
  const auto n = *rc::gen::inRange<std::size_t>(1, 8);
  const double position = *rc::gen::inRange(0, 101) * 1.0;
  std::vector<double> c(n), s(n);
  for (std::size_t i = 0; i < n; ++i) {
    c[i] = *rc::gen::inRange(1, 100) / 10.0;
    s[i] = *rc::gen::inRange(1, 101) / 100.0;
  }
  const Trajectory trajectory =
      run_smp(testing::make_issue(std::vector<double>(n, position), c, s), SmpParams{});
  RC_ASSERT(trajectory.converged);
  RC_ASSERT(trajectory.rounds.size() == 2u);
  RC_ASSERT(std::abs(trajectory.forecast - position) < 1e-9);
}

}  // namespace
}  // namespace statecraft::bargain
