#include "forum/monte_carlo.h"

#include <gtest/gtest.h>

#include <cmath>

#include "forum/pass_probability.h"

namespace statecraft::forum {
namespace {

// 31 members with spread-out utilities, two blocs; simple majority after a consensus gate
// would be too tight, so: a signature gate of 8 then a simple majority.
struct World {
  Forum forum;
  Motion motion;
  std::vector<MemberLean> leans;
};

World setup() {
  World s;
  s.forum.id = "F";
  s.forum.rule.kind = RuleKind::majority;
  AgendaGate gate;
  gate.id = "request";
  gate.min_signatures = 8;
  s.forum.gates.push_back(gate);
  Bloc north{"north", {}, 0.8};
  Bloc south{"south", {}, 0.6};
  for (int i = 0; i < 31; ++i) {
    MemberLean lean;
    lean.member = "M" + std::to_string(i);
    lean.salience = (i % 5) / 4.0;
    lean.utility = std::sin(i * 1.7) * 0.6 + 0.05;
    s.forum.members.push_back(lean.member);
    if (i < 10) {
      north.members.push_back(lean.member);
      lean.bloc_weights.emplace_back(0, north.discipline);
    } else if (i < 20) {
      south.members.push_back(lean.member);
      lean.bloc_weights.emplace_back(1, south.discipline);
    }
    s.leans.push_back(lean);
  }
  s.forum.blocs = {north, south};
  s.motion.id = "m";
  return s;
}

TEST(MonteCarlo, AgreesWithTheExactProgrammeWithoutBlocShocks) {
  World s = setup();
  VoteParams params;
  params.bloc_shock_sd = 0.0;
  std::vector<MemberVote> votes;
  for (const auto& l : s.leans) votes.push_back(ballot_probabilities(l.member, l.utility, l.salience, params));
  const PassResult exact = pass_probability(s.forum, s.motion, votes);
  const MonteCarloResult mc = simulate_votes(s.forum, s.motion, s.leans, params, 40000, 7);
  ASSERT_GT(exact.p_pass, 0.1);
  ASSERT_LT(exact.p_pass, 0.9);
  EXPECT_NEAR(mc.p_pass, exact.p_pass, 4 * mc.standard_error);
  EXPECT_NEAR(mc.expected_yes, exact.expected_yes, 0.05);
  for (std::size_t k = 0; k < exact.stages.size(); ++k) {
    EXPECT_NEAR(mc.stage_p_pass[k], exact.stages[k].p_pass, 0.012);
  }
}

TEST(MonteCarlo, BlocShocksWidenTheSpreadOfYesVotes) {
  // Correlation does not move expected yes much but changes the pass probability.
  World s = setup();
  VoteParams independent;
  independent.bloc_shock_sd = 0.0;
  VoteParams correlated;
  correlated.bloc_shock_sd = 2.0;
  const auto a = simulate_votes(s.forum, s.motion, s.leans, independent, 20000, 3);
  const auto b = simulate_votes(s.forum, s.motion, s.leans, correlated, 20000, 3);
  EXPECT_GT(std::abs(a.p_pass - b.p_pass), 4 * std::hypot(a.standard_error, b.standard_error));
}

TEST(MonteCarlo, SameSeedSameResultDifferentSeedDifferentDraws) {
  World s = setup();
  VoteParams params;
  const auto a = simulate_votes(s.forum, s.motion, s.leans, params, 2000, 11);
  const auto b = simulate_votes(s.forum, s.motion, s.leans, params, 2000, 11);
  const auto c = simulate_votes(s.forum, s.motion, s.leans, params, 2000, 12);
  EXPECT_EQ(a.p_pass, b.p_pass);
  EXPECT_EQ(a.expected_yes, b.expected_yes);
  EXPECT_NE(a.expected_yes, c.expected_yes);
}

}  // namespace
}  // namespace statecraft::forum
