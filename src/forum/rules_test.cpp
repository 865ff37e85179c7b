#include "forum/rules.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "core/error.h"
#include "forum/test_support.h"

namespace statecraft::forum {
namespace {

using B = Ballot;
using testing::member_ids;

std::vector<Ballot> profile(std::initializer_list<Ballot> b) {
  return b;
}

TEST(ConsensusRule, OneObjectionBlocksAbstentionDoesNot) {
  DecisionRule rule;
  rule.kind = RuleKind::consensus;
  ConsensusRule r(rule, member_ids(3));
  EXPECT_TRUE(r.passes(profile({B::yes, B::abstain, B::absent})));
  EXPECT_TRUE(r.passes(profile({B::abstain, B::abstain, B::abstain})));
  EXPECT_FALSE(r.passes(profile({B::yes, B::yes, B::no})));
}

TEST(UnanimityRule, EveryMemberMustVoteYes) {
  UnanimityRule r(3);
  EXPECT_TRUE(r.passes(profile({B::yes, B::yes, B::yes})));
  EXPECT_FALSE(r.passes(profile({B::yes, B::yes, B::abstain})));
  EXPECT_FALSE(r.passes(profile({B::yes, B::absent, B::yes})));
}

TEST(MajorityRule, SimpleMajorityOfPresentAndVotingIgnoresAbstentions) {
  DecisionRule rule;
  rule.kind = RuleKind::majority;  // defaults: present and voting, > 1/2
  MajorityRule r(rule, member_ids(5));
  EXPECT_TRUE(r.passes(profile({B::yes, B::abstain, B::abstain, B::absent, B::abstain})));
  EXPECT_FALSE(r.passes(profile({B::yes, B::no, B::abstain, B::absent, B::abstain})));
  EXPECT_FALSE(r.passes(profile({B::abstain, B::abstain, B::abstain, B::absent, B::abstain})));
}

TEST(MajorityRule, TwoThirdsOfPresentAndVotingTiesAtExactlyTwoThirds) {
  DecisionRule rule;
  rule.kind = RuleKind::majority;
  rule.share = 2.0 / 3.0;
  rule.strictly_more = false;
  MajorityRule r(rule, member_ids(6));
  EXPECT_TRUE(r.passes(profile({B::yes, B::yes, B::no, B::abstain, B::absent, B::absent})));
  EXPECT_FALSE(r.passes(profile({B::yes, B::yes, B::no, B::no, B::yes, B::absent})));
}

TEST(MajorityRule, MajorityOfMembersCountsAbsenceAgainst) {
  DecisionRule rule;
  rule.kind = RuleKind::majority;
  rule.base = MajorityBase::members;
  MajorityRule r(rule, member_ids(4));
  EXPECT_FALSE(r.passes(profile({B::yes, B::yes, B::absent, B::absent})));
  EXPECT_TRUE(r.passes(profile({B::yes, B::yes, B::yes, B::no})));
}

DecisionRule security_council() {
  DecisionRule rule;
  rule.kind = RuleKind::majority;
  rule.base = MajorityBase::members;
  rule.share = 0.6;
  rule.strictly_more = false;
  rule.min_yes = 9;
  rule.veto_players = {"M0", "M1", "M2", "M3", "M4"};
  return rule;
}

TEST(MajorityRule, SecurityCouncilNeedsNineAndNoPermanentNo) {
  MajorityRule r(security_council(), member_ids(15));
  std::vector<Ballot> b(15, B::no);
  for (int i = 0; i < 9; ++i) b[static_cast<std::size_t>(i)] = B::yes;
  b[0] = B::abstain;  // a permanent member abstains: not a veto
  b[9] = B::yes;
  EXPECT_TRUE(r.passes(b));
  b[1] = B::no;  // a permanent member votes no: veto
  EXPECT_FALSE(r.passes(b));
  std::vector<Ballot> eight(15, B::abstain);
  for (std::size_t i = 0; i < 8; ++i) eight[i] = B::yes;
  EXPECT_FALSE(r.passes(eight));
}

TEST(MajorityRule, QuorumCountsPresentMembers) {
  DecisionRule rule;
  rule.kind = RuleKind::majority;
  rule.quorum = 2.0 / 3.0;  // OIC: two thirds of members
  MajorityRule r(rule, member_ids(6));
  EXPECT_FALSE(r.passes(profile({B::yes, B::yes, B::yes, B::absent, B::absent, B::absent})));
  EXPECT_TRUE(r.passes(profile({B::yes, B::yes, B::yes, B::abstain, B::absent, B::absent})));
}

TEST(WeightedRule, QuotaOnYesWeight) {
  DecisionRule rule;
  rule.kind = RuleKind::weighted;
  rule.weights = {{"M0", 4}, {"M1", 4}, {"M2", 4}, {"M3", 2}, {"M4", 2}, {"M5", 1}};
  rule.quota = 12;  // EEC 1958
  WeightedRule r(rule, member_ids(6));
  EXPECT_TRUE(r.passes(profile({B::yes, B::yes, B::yes, B::no, B::no, B::no})));
  EXPECT_FALSE(r.passes(profile({B::yes, B::yes, B::no, B::yes, B::no, B::yes})));
  EXPECT_TRUE(r.passes(profile({B::yes, B::yes, B::no, B::yes, B::yes, B::no})));
  EXPECT_TRUE(r.exact());
}

TEST(WeightedRule, MissingWeightIsAPreconditionError) {
  DecisionRule rule;
  rule.kind = RuleKind::weighted;
  rule.weights = {{"M0", 1}};
  rule.quota = 1;
  EXPECT_THROW(WeightedRule(rule, member_ids(2)), PreconditionError);
}

TEST(DoubleMajorityRule, PopulationConditionWaivedWithoutBlockingMinority) {
  DecisionRule rule;
  rule.kind = RuleKind::double_majority;
  // Six members: one giant. 55% of 6 = 3.3 -> 4 states; 65% of population.
  rule.population = {{"M0", 70}, {"M1", 6}, {"M2", 6}, {"M3", 6}, {"M4", 6}, {"M5", 6}};
  rule.blocking_minimum = 2;
  DoubleMajorityRule r(rule, member_ids(6));
  // Five small ones (30%): fails population, but only one member against -> no
  // blocking minority of 2 -> passes.
  EXPECT_TRUE(r.passes(profile({B::no, B::yes, B::yes, B::yes, B::yes, B::yes})));
  // Four small ones: two against (blocking minority exists), population 24% -> fails.
  EXPECT_FALSE(r.passes(profile({B::no, B::yes, B::yes, B::yes, B::yes, B::abstain})));
  // Giant plus three: 4 states and 88% -> passes.
  EXPECT_TRUE(r.passes(profile({B::yes, B::yes, B::yes, B::yes, B::no, B::no})));
  // Giant plus two: 3 states < 4 -> fails.
  EXPECT_FALSE(r.passes(profile({B::yes, B::yes, B::yes, B::no, B::no, B::no})));
}

TEST(SignatureGate, OneThirdOfFortySevenIsSixteen) {
  Forum hrc;
  hrc.id = "HRC";
  hrc.members = member_ids(47);
  hrc.rule.kind = RuleKind::majority;
  AgendaGate gate;
  gate.id = "special_session";
  gate.signature_share = 1.0 / 3.0;
  hrc.gates.push_back(gate);
  Motion motion;
  motion.id = "m";
  Procedure p = make_procedure(hrc, motion);
  ASSERT_EQ(p.stages.size(), 2u);
  const auto* g = dynamic_cast<const SignatureGate*>(p.stages[0].rule.get());
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->required(), 16);
}

TEST(Procedure, MotionNamingAnUnknownGateIsRejected) {
  Forum f;
  f.id = "F";
  f.members = member_ids(3);
  Motion m;
  m.id = "m";
  m.gates = {"nope"};
  EXPECT_THROW(make_procedure(f, m), PreconditionError);
}

// A motion that does not list gates clears all of the forum's; an explicit empty list
// (`gates: []` in a scenario) clears none; a list clears exactly those.
TEST(Procedure, GatesAbsentMeansAllExplicitEmptyMeansNone) {
  Forum f;
  f.id = "F";
  f.members = member_ids(3);
  for (const char* id : {"agenda", "signatures"}) {
    AgendaGate g;
    g.id = id;
    g.min_signatures = 1;
    f.gates.push_back(g);
  }
  Motion m;
  m.id = "m";
  EXPECT_EQ(make_procedure(f, m).stages.size(), 3u);
  m.gates_listed = true;
  EXPECT_EQ(make_procedure(f, m).stages.size(), 1u);
  m.gates = {"signatures"};
  const Procedure one = make_procedure(f, m);
  ASSERT_EQ(one.stages.size(), 2u);
  EXPECT_EQ(one.stages[0].id, "signatures");
}

TEST(ThresholdFraction, SimpleMajorityStaysOneHalf) {
  const auto f = threshold_fraction(0.5, true, 193);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->p, 1);
  EXPECT_EQ(f->q, 2);
  EXPECT_TRUE(f->strict);
  const auto two_thirds = threshold_fraction(2.0 / 3.0, false, 193);
  ASSERT_TRUE(two_thirds);
  EXPECT_EQ(two_thirds->q, 3);
  EXPECT_FALSE(two_thirds->strict);
}

RC_GTEST_PROP(ThresholdFraction, SeparatesPassingFromFailingRatios, ()) {
  const auto n = *rc::gen::inRange<std::int64_t>(1, 40);
  const double share = *rc::gen::oneOf(
      rc::gen::just(0.5), rc::gen::just(2.0 / 3.0), rc::gen::just(0.55), rc::gen::just(0.0),
      rc::gen::just(1.0), rc::gen::map(rc::gen::inRange(0, 1001), [](int k) { return k / 1000.0; }));
  const bool strict = *rc::gen::arbitrary<bool>();
  const auto f = threshold_fraction(share, strict, n);
  for (std::int64_t v = 1; v <= n; ++v) {
    for (std::int64_t y = 0; y <= v; ++y) {
      const bool direct = share_met(y, v, share, strict);
      const bool by_fraction = f && (f->strict ? y * f->q > f->p * v : y * f->q >= f->p * v);
      RC_ASSERT(direct == by_fraction);
    }
  }
}

}  // namespace
}  // namespace statecraft::forum
