#include "forum/pass_probability.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cmath>

#include "core/error.h"
#include "forum/rules.h"
#include "forum/test_support.h"

namespace statecraft::forum {
namespace {

using testing::member_ids;
using testing::vote;

std::vector<MemberVote> certain_yes_no(std::size_t n, std::size_t yes) {
  std::vector<MemberVote> v;
  for (std::size_t i = 0; i < n; ++i)
    v.push_back(vote("M" + std::to_string(i), i < yes ? 1 : 0, i < yes ? 0 : 1, 0));
  return v;
}

TEST(PassProbability, IidMembersGiveABinomialTail) {
  // 193 members, each yes 0.5 / no 0.5, simple majority of members: P(Bin(193, .5) >= 97) = 0.5.
  DecisionRule rule;
  rule.kind = RuleKind::majority;
  rule.base = MajorityBase::members;
  std::vector<MemberVote> votes;
  const auto ids = member_ids(193);
  for (const auto& id : ids) votes.push_back(vote(id, 0.5, 0.5, 0));
  EXPECT_NEAR(pass_probability(rule, ids, votes), 0.5, 1e-12);
  // Ten members at p = 0.3, at least 7 yes: sum_{k>=7} C(10,k) .3^k .7^(10-k).
  const auto ten = member_ids(10);
  std::vector<MemberVote> v10;
  for (const auto& id : ten) v10.push_back(vote(id, 0.3, 0.7, 0));
  rule.share = 0.7;
  rule.strictly_more = false;
  double expected = 0;
  for (int k = 7; k <= 10; ++k) {
    expected += std::tgamma(11) / (std::tgamma(k + 1) * std::tgamma(11 - k)) * std::pow(0.3, k) *
                std::pow(0.7, 10 - k);
  }
  EXPECT_NEAR(pass_probability(rule, ten, v10), expected, 1e-12);
}

TEST(PassProbability, SecurityCouncilVetoAndPivots) {
  Forum unsc;
  unsc.id = "UNSC";
  unsc.members = member_ids(15);
  unsc.rule.kind = RuleKind::majority;
  unsc.rule.base = MajorityBase::members;
  unsc.rule.share = 0.6;
  unsc.rule.strictly_more = false;
  unsc.rule.min_yes = 9;
  unsc.rule.veto_players = {"M0", "M1", "M2", "M3", "M4"};
  Motion m;
  m.id = "m";
  // Everyone certain yes except M0, which votes no with probability 0.1.
  std::vector<MemberVote> votes = certain_yes_no(15, 15);
  votes[0] = vote("M0", 0.9, 0.1, 0);
  PassResult r = pass_probability(unsc, m, votes);
  EXPECT_NEAR(r.p_pass, 0.9, 1e-12);
  EXPECT_NEAR(r.members[0].pivotality, 1.0, 1e-12);  // its no always vetoes
  EXPECT_NEAR(r.members[5].pivotality, 0.0, 1e-12);  // 14 others yes: never decisive
  EXPECT_NEAR(r.expected_yes, 14.9, 1e-12);
}

TEST(PassProbability, GatesAreJointNotMultiplied) {
  // Agenda by consensus, then simple majority. With one ballot per member the joint
  // probability is P(no objection and majority), not the product of the two.
  Forum f;
  f.id = "F";
  f.members = member_ids(3);
  f.rule.kind = RuleKind::majority;
  AgendaGate agenda;
  agenda.id = "agenda";
  agenda.rule = DecisionRule{};  // consensus
  f.gates.push_back(agenda);
  Motion m;
  m.id = "m";
  std::vector<MemberVote> votes{vote("M0", 0.5, 0.5, 0), vote("M1", 0.5, 0.5, 0), vote("M2", 1, 0, 0)};
  PassResult r = pass_probability(f, m, votes);
  ASSERT_EQ(r.stages.size(), 2u);
  EXPECT_NEAR(r.stages[0].p_pass, 0.25, 1e-12);  // no member objects
  EXPECT_NEAR(r.stages[1].p_pass, 0.75, 1e-12);  // fails only when M0 and M1 both vote no
  EXPECT_NEAR(r.p_gates, 0.25, 1e-12);
  EXPECT_NEAR(r.p_pass, 0.25, 1e-12);  // the product would be 0.1875
}

TEST(PassProbability, RejectsVotesOutOfOrder) {
  Forum f;
  f.id = "F";
  f.members = member_ids(2);
  Motion m;
  m.id = "m";
  std::vector<MemberVote> votes{vote("M1", 1, 0, 0), vote("M0", 1, 0, 0)};
  EXPECT_THROW(pass_probability(f, m, votes), PreconditionError);
  std::vector<MemberVote> bad{vote("M0", 0.7, 0.7, 0), vote("M1", 1, 0, 0)};
  EXPECT_THROW(pass_probability(f, m, bad), PreconditionError);
}

// ---------------------------------------------------------------------------------
// Property: the programme equals enumeration of all 4^n ballot profiles.

rc::Gen<double> share_gen() {
  return rc::gen::oneOf(rc::gen::just(0.5), rc::gen::just(2.0 / 3.0), rc::gen::just(0.55),
                        rc::gen::just(0.65), rc::gen::just(1.0), rc::gen::just(0.0),
                        rc::gen::map(rc::gen::inRange(0, 101), [](int k) { return k / 100.0; }));
}

DecisionRule random_rule(std::size_t n, bool counts_only = false) {
  DecisionRule r;
  r.kind = counts_only ? *rc::gen::element(RuleKind::consensus, RuleKind::unanimity, RuleKind::majority)
                       : *rc::gen::element(RuleKind::consensus, RuleKind::unanimity, RuleKind::majority,
                                           RuleKind::weighted, RuleKind::double_majority);
  r.base = *rc::gen::element(MajorityBase::members, MajorityBase::present_and_voting);
  r.share = *share_gen();
  r.strictly_more = *rc::gen::arbitrary<bool>();
  if (*rc::gen::arbitrary<bool>()) r.min_yes = *rc::gen::inRange(0, static_cast<int>(n) + 2);
  if (*rc::gen::arbitrary<bool>()) r.quorum = *share_gen();
  const auto ids = member_ids(n);
  for (const auto& id : ids) {
    if (*rc::gen::inRange(0, 4) == 0) r.veto_players.push_back(id);
    r.weights[id] = *rc::gen::inRange(0, 10);
    r.population[id] = *rc::gen::inRange(1, 60) / (*rc::gen::arbitrary<bool>() ? 1.0 : 10.0);
  }
  double total = 0;
  for (const auto& [id, w] : r.weights) total += w;
  if (*rc::gen::arbitrary<bool>()) {
    r.quota = *rc::gen::inRange(0, static_cast<int>(total) + 3);
  } else {
    r.quota_share = *share_gen();
  }
  r.state_share = *share_gen();
  r.population_share = *share_gen();
  r.blocking_minimum = *rc::gen::inRange(0, static_cast<int>(n) + 2);
  return r;
}

std::vector<MemberVote> random_votes(std::size_t n) {
  std::vector<MemberVote> votes;
  for (std::size_t i = 0; i < n; ++i) {
    std::array<int, 4> w{};
    for (int& x : w) x = *rc::gen::inRange(0, 5);
    w[*rc::gen::inRange(0, 4)] += 1;  // never all zero, even while shrinking
    const int sum = w[0] + w[1] + w[2] + w[3];
    votes.push_back(
        MemberVote{"M" + std::to_string(i), w[0] / double(sum), w[1] / double(sum), w[2] / double(sum), 0});
    votes.back().p_absent = 1.0 - votes.back().p_yes - votes.back().p_no - votes.back().p_abstain;
  }
  return votes;
}

RC_GTEST_PROP(PassProbability, EqualsBruteForceEnumeration, ()) {
  const auto n = static_cast<std::size_t>(*rc::gen::inRange(1, 7));
  Forum f;
  f.id = "F";
  f.members = member_ids(n);
  f.rule = random_rule(n);
  const int gates = *rc::gen::inRange(0, 3);
  for (int g = 0; g < gates; ++g) {
    AgendaGate gate;
    gate.id = "g" + std::to_string(g);
    if (*rc::gen::arbitrary<bool>()) {
      gate.min_signatures = *rc::gen::inRange(0, static_cast<int>(n) + 1);
    } else {
      // Gates decide by counts; weighted gates on top of a weighted vote would multiply
      // the table sizes (correct, but slow for a property test).
      gate.rule = random_rule(n, true);
    }
    f.gates.push_back(gate);
  }
  Motion m;
  m.id = "m";
  const auto votes = random_votes(n);
  const Procedure procedure = make_procedure(f, m);
  const auto brute =
      testing::enumerate(votes, [&](const std::vector<Ballot>& b) { return procedure.passes(b); });
  const PassResult r = pass_probability(f, m, votes);
  RC_ASSERT(r.exact);
  RC_ASSERT(std::abs(r.p_pass - brute.p_pass) < 1e-12);
  for (std::size_t i = 0; i < n; ++i) {
    RC_ASSERT(std::abs(r.members[i].pivotality - brute.pivotality[i]) < 1e-12);
  }
}

RC_GTEST_PROP(PassProbability, PermutingMembersChangesNothing, ()) {
  const auto n = static_cast<std::size_t>(*rc::gen::inRange(1, 9));
  Forum f;
  f.id = "F";
  f.members = member_ids(n);
  f.rule = random_rule(n);
  Motion m;
  m.id = "m";
  const auto votes = random_votes(n);
  const auto order = *rc::gen::map(rc::gen::arbitrary<int>(), [n](int seed) {
    std::vector<std::size_t> o(n);
    for (std::size_t i = 0; i < n; ++i) o[i] = i;
    std::uint64_t s = static_cast<std::uint64_t>(seed);
    for (std::size_t i = n; i > 1; --i) {
      s = s * 6364136223846793005ULL + 1442695040888963407ULL;
      std::swap(o[i - 1], o[(s >> 33) % i]);
    }
    return o;
  });
  Forum g = f;
  std::vector<MemberVote> shuffled;
  g.members.clear();
  for (std::size_t i : order) {
    g.members.push_back(f.members[i]);
    shuffled.push_back(votes[i]);
  }
  const PassResult a = pass_probability(f, m, votes);
  const PassResult b = pass_probability(g, m, shuffled);
  RC_ASSERT(std::abs(a.p_pass - b.p_pass) < 1e-12);
  for (std::size_t k = 0; k < n; ++k) {
    RC_ASSERT(std::abs(b.members[k].pivotality - a.members[order[k]].pivotality) < 1e-12);
  }
}

// ---------------------------------------------------------------------------------
// Property: the halves method equals the programme (and enumeration on small forums)
// wherever it applies: rules whose counters count yes ballots only (consensus,
// unanimity, majority of members, weighted, double majority, signature gates), with
// vetoes; not quorums or present-and-voting majorities, which count other ballots.

TallySpec joint_spec(const Forum& f, const Motion& m) {
  const Procedure procedure = make_procedure(f, m);
  TallyBuilder all(f.members.size());
  for (const Stage& stage : procedure.stages) stage.rule->add_to(all);
  return all.build();
}

Forum yes_only_forum(std::size_t n) {
  Forum f;
  f.id = "F";
  f.members = member_ids(n);
  f.rule = random_rule(n);
  f.rule.base = MajorityBase::members;
  f.rule.quorum.reset();
  if (*rc::gen::arbitrary<bool>()) {
    AgendaGate gate;
    gate.id = "signatures";
    gate.min_signatures = *rc::gen::inRange(0, static_cast<int>(n) + 1);
    f.gates.push_back(gate);
  }
  return f;
}

std::vector<std::array<double, kBallotCount>> as_arrays(const std::vector<MemberVote>& votes) {
  std::vector<std::array<double, kBallotCount>> p;
  for (const auto& v : votes) p.push_back(v.probabilities());
  return p;
}

RC_GTEST_PROP(PassProbability, HalvesEqualProgrammeUpTo16Members, ()) {
  const auto n = static_cast<std::size_t>(*rc::gen::inRange(1, 17));
  const Forum f = yes_only_forum(n);
  Motion m;
  m.id = "m";
  const TallySpec spec = joint_spec(f, m);
  RC_PRE(halves_apply(spec));
  const auto p = as_arrays(random_votes(n));
  const TallyResult halves = evaluate_tally(spec, p, true, TallyMethod::halves);
  const TallyResult programme = evaluate_tally(spec, p, true, TallyMethod::dynamic_programme);
  RC_ASSERT(std::abs(halves.p_pass - programme.p_pass) < 1e-12);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t b = 0; b < kBallotCount; ++b) {
      RC_ASSERT(std::abs(halves.p_pass_given[i][b] - programme.p_pass_given[i][b]) < 1e-12);
    }
  }
}

RC_GTEST_PROP(PassProbability, HalvesEqualBruteForceEnumeration, ()) {
  const auto n = static_cast<std::size_t>(*rc::gen::inRange(1, 7));
  const Forum f = yes_only_forum(n);
  Motion m;
  m.id = "m";
  const TallySpec spec = joint_spec(f, m);
  RC_PRE(halves_apply(spec));
  const auto votes = random_votes(n);
  const Procedure procedure = make_procedure(f, m);
  const auto brute =
      testing::enumerate(votes, [&](const std::vector<Ballot>& b) { return procedure.passes(b); });
  const TallyResult halves = evaluate_tally(spec, as_arrays(votes), true, TallyMethod::halves);
  RC_ASSERT(std::abs(halves.p_pass - brute.p_pass) < 1e-12);
  for (std::size_t i = 0; i < n; ++i) {
    const double pivot =
        halves.p_pass_given[i][index_of(Ballot::yes)] - halves.p_pass_given[i][index_of(Ballot::no)];
    RC_ASSERT(std::abs(std::max(0.0, pivot) - brute.pivotality[i]) < 1e-12);
  }
}

TEST(PassProbability, HalvesRefuseTalliesTheyCannotDo) {
  DecisionRule rule;
  rule.kind = RuleKind::majority;
  rule.base = MajorityBase::present_and_voting;  // a signed margin counting no votes
  TallyBuilder tally(3);
  make_rule(rule, member_ids(3))->add_to(tally);
  const TallySpec spec = tally.build();
  EXPECT_FALSE(halves_apply(spec));
  const std::vector<std::array<double, kBallotCount>> p(3, {0.5, 0.5, 0.0, 0.0});
  EXPECT_THROW(evaluate_tally(spec, p, false, TallyMethod::halves), PreconditionError);
}

// EU Council QMV with populations in ten-thousands (the programme takes ~20 s with
// pivots at thousands on this machine): the automatic choice (the halves) and the
// programme agree on pass probability and every member's pivotality.
TEST(PassProbability, Eu27DoubleMajorityMethodsAgree) {
  const std::vector<std::pair<std::string, double>> populations{
      {"DEU", 84359}, {"FRA", 68071}, {"ITA", 58851}, {"ESP", 48060}, {"POL", 36754}, {"ROU", 19052},
      {"NLD", 17811}, {"BEL", 11743}, {"CZE", 10828}, {"SWE", 10522}, {"PRT", 10467}, {"GRC", 10414},
      {"HUN", 9597},  {"AUT", 9105},  {"BGR", 6448},  {"DNK", 5933},  {"FIN", 5564},  {"SVK", 5429},
      {"IRL", 5194},  {"HRV", 3851},  {"LTU", 2857},  {"SVN", 2117},  {"LVA", 1883},  {"EST", 1366},
      {"CYP", 921},   {"LUX", 661},   {"MLT", 542}};
  DecisionRule rule;
  rule.kind = RuleKind::double_majority;
  std::vector<std::string> members;
  std::vector<std::array<double, kBallotCount>> p;
  for (std::size_t i = 0; i < populations.size(); ++i) {
    members.push_back(populations[i].first);
    rule.population[members.back()] = std::round(populations[i].second / 10.0);
    const double yes = 0.45 + 0.5 * static_cast<double>((i * 7) % 11) / 10.0;
    p.push_back({yes, (1.0 - yes) * 0.7, (1.0 - yes) * 0.3, 0.0});
  }
  TallyBuilder tally(members.size());
  make_rule(rule, members)->add_to(tally);
  const TallySpec spec = tally.build();
  ASSERT_TRUE(halves_apply(spec));
  const TallyResult fast = evaluate_tally(spec, p, true);
  const TallyResult programme = evaluate_tally(spec, p, true, TallyMethod::dynamic_programme);
  EXPECT_NEAR(fast.p_pass, programme.p_pass, 1e-12);
  for (std::size_t i = 0; i < members.size(); ++i) {
    for (std::size_t b = 0; b < kBallotCount; ++b) {
      EXPECT_NEAR(fast.p_pass_given[i][b], programme.p_pass_given[i][b], 1e-12) << members[i];
    }
  }
}

TEST(PassProbability, CoarsenedWeightsAreFlaggedNotExact) {
  DecisionRule rule;
  rule.kind = RuleKind::weighted;
  rule.weights = {{"M0", 1e9 + 0.5}, {"M1", 3e9 + 0.25}};
  rule.quota = 2e9;
  WeightedRule r(rule, member_ids(2));
  EXPECT_FALSE(r.exact());
}

}  // namespace
}  // namespace statecraft::forum
