#include "forum/tally.h"

#include "forum/count_distribution.h"

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

// ---- count_distribution.h -----------------------------------------------------------

namespace statecraft::forum {
namespace {

TEST(CountDistribution, IsTheExactPoissonBinomial) {
  // Two members: yes with 0.5 and 0.2. P(0) = 0.4, P(1) = 0.5, P(2) = 0.1.
  const std::vector<std::array<double, kBallotCount>> p = {{0.5, 0.5, 0, 0}, {0.2, 0.3, 0.4, 0.1}};
  const CountSummary yes = count_distribution(p, Ballot::yes);
  ASSERT_EQ(yes.distribution.size(), 3u);
  EXPECT_NEAR(yes.distribution[0], 0.4, 1e-12);
  EXPECT_NEAR(yes.distribution[1], 0.5, 1e-12);
  EXPECT_NEAR(yes.distribution[2], 0.1, 1e-12);
  EXPECT_NEAR(yes.mean, 0.7, 1e-12);
  EXPECT_EQ(yes.low, 0);
  EXPECT_EQ(yes.high, 2);
  const CountSummary absent = count_distribution(p, Ballot::absent);
  EXPECT_NEAR(absent.distribution[1], 0.1, 1e-12);
  EXPECT_EQ(absent.high, 1);
}

TEST(CountDistribution, MatchesTheBinomialForIdenticalMembers) {
  // 10 members, each yes with 0.3: Binomial(10, 0.3); P(3) = 120 * 0.3^3 * 0.7^7.
  const std::vector<std::array<double, kBallotCount>> p(10, {0.3, 0.7, 0, 0});
  const CountSummary yes = count_distribution(p, Ballot::yes);
  EXPECT_NEAR(yes.distribution[3], 120 * 0.027 * 0.0823543, 1e-12);
  double total = 0;
  for (const double x : yes.distribution) total += x;
  EXPECT_NEAR(total, 1.0, 1e-12);
  EXPECT_EQ(yes.low, 1);   // P(<=0)=0.028, P(<=1)=0.149
  EXPECT_EQ(yes.high, 5);  // P(<=4)=0.850, P(<=5)=0.953
}

}  // namespace
}  // namespace statecraft::forum
