#include "forum/tally.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/error.h"

namespace statecraft::forum {
namespace {

TEST(Tally, CountsYesVotesAsPoissonBinomial) {
  // Three members with p_yes 0.5, 0.2, 0.9: P(at least 2 yes) by hand.
  TallySpec spec;
  spec.members = 3;
  spec.defeats.assign(3, {false, false, false, false});
  Counter yes;
  yes.cap = 2;
  yes.increments.assign(3, {1, 0, 0, 0});
  spec.counters.push_back(yes);
  spec.passes = [](std::span<const std::int64_t> v) { return v[0] >= 2; };
  std::vector<std::array<double, kBallotCount>> p{
      {0.5, 0.5, 0, 0}, {0.2, 0.3, 0.5, 0}, {0.9, 0, 0, 0.1}};
  const double a = 0.5, b = 0.2, c = 0.9;
  const double expected = a * b * (1 - c) + a * (1 - b) * c + (1 - a) * b * c + a * b * c;
  TallyResult r = evaluate_tally(spec, p, true);
  EXPECT_NEAR(r.p_pass, expected, 1e-15);
  // Member 0 yes: need one more of {b, c}; no: need both.
  EXPECT_NEAR(r.p_pass_given[0][0], 1 - (1 - b) * (1 - c), 1e-15);
  EXPECT_NEAR(r.p_pass_given[0][1], b * c, 1e-15);
}

TEST(Tally, SignedMarginAndDefeatingBallots) {
  // Pass when yes - no > 0; member 1's no defeats outright.
  TallySpec spec;
  spec.members = 2;
  spec.defeats = {{false, false, false, false}, {false, true, false, false}};
  Counter margin;
  margin.saturating = false;
  margin.increments.assign(2, {1, -1, 0, 0});
  spec.counters.push_back(margin);
  spec.passes = [](std::span<const std::int64_t> v) { return v[0] > 0; };
  std::vector<std::array<double, kBallotCount>> p{{0.6, 0.4, 0, 0}, {0.3, 0.3, 0.4, 0}};
  // passes: (yes, yes), (yes, abstain), (no, yes) -> 0 margin fails.
  EXPECT_NEAR(evaluate_tally(spec, p, false).p_pass, 0.6 * 0.3 + 0.6 * 0.4, 1e-15);
}

TEST(Tally, RefusesTooManyCells) {
  TallySpec spec;
  spec.members = 1;
  spec.defeats.assign(1, {false, false, false, false});
  Counter huge;
  huge.cap = std::int64_t{1} << 30;
  huge.increments.assign(1, {1, 0, 0, 0});
  spec.counters.push_back(huge);
  spec.passes = [](std::span<const std::int64_t>) { return true; };
  std::vector<std::array<double, kBallotCount>> p{{1, 0, 0, 0}};
  EXPECT_THROW(evaluate_tally(spec, p, false), PreconditionError);
}

}  // namespace
}  // namespace statecraft::forum
