#include "bargain/weighted.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>

#include "bargain/test_support.h"
#include "core/error.h"

namespace statecraft::bargain {
namespace {

TEST(Weighted, EmissionStandardsRoundZero) {
  const Issue issue = testing::emissions();
  EXPECT_DOUBLE_EQ(run_weighted_median(issue).forecast, 7.0);
  EXPECT_NEAR(run_weighted_mean(issue).forecast, 7.39, 0.005);
}

TEST(Weighted, LowerMedianOnExactHalf) {
  // Two equal blocs: the lower weighted median is the smaller position.
  const std::vector<double> positions{10.0, 30.0};
  const std::vector<double> weights{1.0, 1.0};
  EXPECT_DOUBLE_EQ(weighted_median(positions, weights), 10.0);
  const std::vector<double> heavier{1.0, 1.5};
  EXPECT_DOUBLE_EQ(weighted_median(positions, heavier), 30.0);
}

TEST(Weighted, RejectsZeroWeight) {
  const std::vector<double> positions{1.0, 2.0};
  const std::vector<double> weights{0.0, 0.0};
  EXPECT_THROW((void)weighted_mean(positions, weights), PreconditionError);
  EXPECT_THROW((void)weighted_median(positions, weights), PreconditionError);
}

rc::Gen<std::vector<double>> values(std::size_t n, int low, int high) {
  return rc::gen::container<std::vector<double>>(n, rc::gen::map(rc::gen::inRange(low, high + 1), [](int v) {
    return static_cast<double>(v);
  }));
}

RC_GTEST_PROP(Weighted, WithinRangePermutationAndScaleInvariant, ()) {
  const auto n = *rc::gen::inRange<std::size_t>(1, 12);
  const auto positions = *values(n, 0, 100);
  auto weights = *values(n, 1, 50);
  const double mean = weighted_mean(positions, weights);
  const double median = weighted_median(positions, weights);
  const auto [low, high] = std::minmax_element(positions.begin(), positions.end());
  RC_ASSERT(mean >= *low - 1e-9 && mean <= *high + 1e-9);
  RC_ASSERT(median >= *low && median <= *high);
  // Reverse the actors: same answers.
  std::vector<double> p2(positions.rbegin(), positions.rend());
  std::vector<double> w2(weights.rbegin(), weights.rend());
  RC_ASSERT(std::abs(weighted_mean(p2, w2) - mean) < 1e-9);
  RC_ASSERT(weighted_median(p2, w2) == median);
  // Scale all weights: same answers.
  for (double& w : weights) w *= 7.5;
  RC_ASSERT(std::abs(weighted_mean(positions, weights) - mean) < 1e-9);
  RC_ASSERT(weighted_median(positions, weights) == median);
}

}  // namespace
}  // namespace statecraft::bargain
