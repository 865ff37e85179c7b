#include "forum/vote_model.h"

#include <gtest/gtest.h>

#include "core/error.h"

namespace statecraft::forum {
namespace {

Figure fig(double v) {
  return Figure{v, "test", true};
}

// Members A, B, C on an issue with status quo 0; motion at 100, sponsored by S.
Scenario world() {
  Scenario s;
  for (const char* id : {"A", "B", "C", "S", "O"})
    s.actors.push_back(Actor{id, id, ActorKind::state, {}, {}});
  Issue issue;
  issue.id = "waiver";
  issue.status_quo = fig(0);
  for (const char* id : {"A", "B", "C"}) issue.stances.push_back(Stance{id, fig(50), fig(0.5), fig(1)});
  s.issues.push_back(issue);
  Forum f;
  f.id = "F";
  f.members = {"A", "B", "C"};
  f.rule.kind = RuleKind::majority;
  s.forums.push_back(f);
  Motion m;
  m.id = "m";
  m.forum = "F";
  m.issue = "waiver";
  m.position = 100;
  m.sponsors = {"S"};
  s.motions.push_back(m);
  return s;
}

TEST(VoteParams, RegisteredDefaultsMatchTheStruct) {
  const VoteParams from_registry = VoteParams::from(Parameters{});
  const VoteParams defaults;
  EXPECT_EQ(from_registry.noise, defaults.noise);
  EXPECT_EQ(from_registry.trade_weight, defaults.trade_weight);
  EXPECT_EQ(from_registry.aid_half_usd_m, defaults.aid_half_usd_m);
  EXPECT_EQ(from_registry.sponsor_commitment, defaults.sponsor_commitment);
  EXPECT_EQ(from_registry.bloc_shock_sd, defaults.bloc_shock_sd);
  EXPECT_EQ(from_registry.absence, defaults.absence);
  EXPECT_EQ(from_registry.abstain_band, defaults.abstain_band);
  EXPECT_EQ(from_registry.objection_threshold, defaults.objection_threshold);
}

// A consensus forum moves the no cutpoint down by vote.objection_threshold: a mild
// supporter almost never blocks, a member far below the band still objects, and a
// majority forum is unchanged.
TEST(VoteModel, ConsensusObjectionNeedsMoreThanAMildReservation) {
  VoteParams p;
  const MemberVote plain = ballot_probabilities("A", 0.15, 1.0, p);
  const MemberVote consensus = ballot_probabilities("A", 0.15, 1.0, p, p.objection_threshold);
  EXPECT_NEAR(plain.p_yes, consensus.p_yes, 1e-15);
  EXPECT_GT(plain.p_no, 0.2);
  EXPECT_LT(consensus.p_no, 0.006);  // L(-5.2) = 0.0055
  EXPECT_NEAR(consensus.p_yes + consensus.p_no + consensus.p_abstain + consensus.p_absent, 1.0, 1e-12);
  EXPECT_GT(ballot_probabilities("A", -2.0, 1.0, p, p.objection_threshold).p_no, 0.9);

  Scenario s;
  for (const char* id : {"A", "B"}) {
    Actor a;
    a.id = id;
    s.actors.push_back(a);
  }
  Forum f;
  f.id = "f";
  f.members = {"A", "B"};
  Motion m;
  m.id = "m";
  f.rule.kind = RuleKind::consensus;
  for (const MemberLean& lean : member_leans(s, f, m, p))
    EXPECT_EQ(lean.objection_threshold, p.objection_threshold);
  f.rule.kind = RuleKind::majority;
  for (const MemberLean& lean : member_leans(s, f, m, p)) EXPECT_EQ(lean.objection_threshold, 0.0);
}

TEST(VoteModel, BallotProbabilitiesSumToOneAndFollowUtility) {
  VoteParams p;
  for (double u : {-3.0, -0.1, 0.0, 0.2, 5.0}) {
    MemberVote v = ballot_probabilities("A", u, 0.3, p);
    EXPECT_NEAR(v.p_yes + v.p_no + v.p_abstain + v.p_absent, 1.0, 1e-12);
    EXPECT_NEAR(v.p_absent, p.absence * 0.7, 1e-12);
  }
  MemberVote neutral = ballot_probabilities("A", 0.0, 1.0, p);
  EXPECT_NEAR(neutral.p_yes, neutral.p_no, 1e-12);
  EXPECT_GT(neutral.p_abstain, 0.0);
  EXPECT_GT(ballot_probabilities("A", 1.0, 1.0, p).p_yes, 0.9);
  EXPECT_GT(ballot_probabilities("A", -1.0, 1.0, p).p_no, 0.9);
}

TEST(VoteModel, PositionCloserToMotionThanStatusQuoLeansYes) {
  Scenario s = world();
  s.issues[0].stances[0].position = fig(90);  // A near the motion
  s.issues[0].stances[1].position = fig(10);  // B near the status quo
  s.motions[0].sponsors.clear();
  auto leans = member_leans(s, s.forums[0], s.motions[0], VoteParams{});
  EXPECT_NEAR(leans[0].policy, 0.5 * (90 - 10) / 100.0, 1e-12);
  EXPECT_NEAR(leans[1].policy, 0.5 * (10 - 90) / 100.0, 1e-12);
  EXPECT_NEAR(leans[2].policy, 0.0, 1e-12);  // indifferent at 50
}

TEST(VoteModel, TradeDependenceAidAndHostilityShapeTheSponsorsPull) {
  Scenario s = world();
  // A sends 80% of its recorded exports to the sponsor; B is hostile to it.
  s.relations.push_back(Relation{"A", "S", {{"exports_usd_m", fig(800)}}});
  s.relations.push_back(Relation{"A", "C", {{"exports_usd_m", fig(200)}}});
  s.relations.push_back(Relation{"B", "S", {{"hostility", fig(0.8)}}});
  s.relations.push_back(Relation{"S", "C", {{"aid_usd_m", fig(500)}}});
  VoteParams p;
  auto leans = member_leans(s, s.forums[0], s.motions[0], p);
  EXPECT_NEAR(leans[0].influence, p.trade_weight * 0.8, 1e-12);
  EXPECT_NEAR(leans[1].influence, -p.hostility_weight * 0.8, 1e-12);
  EXPECT_NEAR(leans[2].influence, p.aid_weight * 0.5, 1e-12);  // aid at the half point
  // The same ties make an opponent push the other way.
  s.motions[0].opponents = {"S"};
  s.motions[0].sponsors.clear();
  auto against = member_leans(s, s.forums[0], s.motions[0], p);
  EXPECT_NEAR(against[0].influence, -leans[0].influence, 1e-12);
  // Lobbying multiplies the pull.
  s.relations.push_back(Relation{"S", "A", {{"lobbying", fig(1.0)}}});
  auto lobbied = member_leans(s, s.forums[0], s.motions[0], p);
  EXPECT_NEAR(lobbied[0].influence, -leans[0].influence * (1 + p.lobbying_gain), 1e-12);
}

TEST(VoteModel, FullBlocDisciplineGivesEveryMemberTheBlocMean) {
  Scenario s = world();
  s.issues[0].stances[0].position = fig(100);
  s.issues[0].stances[1].position = fig(0);
  s.forums[0].blocs.push_back(Bloc{"ab", {"A", "B"}, 1.0});
  s.motions[0].sponsors.clear();
  auto leans = member_leans(s, s.forums[0], s.motions[0], VoteParams{});
  const double mean = (leans[0].own_utility + leans[1].own_utility) / 2;
  EXPECT_NEAR(leans[0].utility, mean, 1e-12);
  EXPECT_NEAR(leans[1].utility, mean, 1e-12);
  EXPECT_NEAR(leans[2].utility, leans[2].own_utility, 1e-12);
}

TEST(VoteModel, SponsorsCommitAndUnknownSponsorsAreRejected) {
  Scenario s = world();
  s.motions[0].sponsors = {"A"};
  auto leans = member_leans(s, s.forums[0], s.motions[0], VoteParams{});
  EXPECT_NEAR(leans[0].commitment, VoteParams{}.sponsor_commitment, 1e-12);
  s.motions[0].sponsors = {"Z"};
  EXPECT_THROW(member_leans(s, s.forums[0], s.motions[0], VoteParams{}), PreconditionError);
}

}  // namespace
}  // namespace statecraft::forum
