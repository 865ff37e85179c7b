#include "bargain/spatial_politics.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>

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
  const Trajectory trajectory = run_smp(testing::make_issue({25, 25, 25}, {1, 5, 2}, {1, 0.5, 0.2}), SmpParams{});
  EXPECT_TRUE(trajectory.converged);
  EXPECT_NEAR(trajectory.forecast, 25.0, 1e-9);
}

TEST(SpatialPolitics, TwoDimensions) {
  std::vector<SpatialActor> actors{{1.0, {0.0, 0.0}, {1.0, 0.2}},
                                   {1.0, {1.0, 0.0}, {0.5, 0.5}},
                                   {2.0, {0.5, 1.0}, {0.2, 1.0}}};
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

RC_GTEST_PROP(SpatialPolitics, WithinRangePermutationAndCapabilityScale, ()) {
  const auto n = *rc::gen::inRange<std::size_t>(1, 7);
  std::vector<double> x(n), c(n), s(n);
  for (std::size_t i = 0; i < n; ++i) {
    x[i] = *rc::gen::inRange(0, 101) * 1.0;
    c[i] = *rc::gen::inRange(1, 100) / 10.0;
    s[i] = *rc::gen::inRange(1, 101) / 100.0;
  }
  const Issue issue = testing::make_issue(x, c, s);
  SmpParams params;
  params.rounds = 5;
  const double base = run_smp(issue, params).forecast;
  const auto [lo, hi] = std::minmax_element(x.begin(), x.end());
  RC_ASSERT(base >= *lo - 1e-9 && base <= *hi + 1e-9);
  Issue reversed = issue;
  std::reverse(reversed.stances.begin(), reversed.stances.end());
  RC_ASSERT(std::abs(run_smp(reversed, params).forecast - base) < 1e-6);
  Issue scaled = issue;
  for (auto& stance : scaled.stances) stance.capability.value *= 4.0;
  RC_ASSERT(std::abs(run_smp(scaled, params).forecast - base) < 1e-6);
}

}  // namespace
}  // namespace statecraft::bargain
