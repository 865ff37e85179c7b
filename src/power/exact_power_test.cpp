// Known values from the literature, and agreement between the two exact methods.
#include "power/exact_power.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/error.h"
#include "power/brute_force.h"
#include "power/eu27_population.h"
#include "power/game_from_rule.h"

namespace statecraft::power {
namespace {

double sum(const std::vector<double>& values) {
  return std::accumulate(values.begin(), values.end(), 0.0);
}

// UN Security Council as a weighted game [39; 7×5, 1×10]. Published values: Shapley–Shubik
// 421/2145 = 0.19627 per permanent member and 4/2145 = 0.001865 per elected member
// (Shapley & Shubik 1954 for the 11-member council; Straffin 1993, "Game Theory and
// Strategy", ch. 9 for 15); normalised Banzhaf 0.166929 / 0.016535 (Felsenthal &
// Machover 1998, "The Measurement of Voting Power", §5.3).
VotingGame security_council() {
  std::vector<std::int64_t> weights(5, 7);
  weights.resize(15, 1);
  return weighted_game(weights, 39);
}

TEST(ExactPower, SecurityCouncilKnownValues) {
  const PowerIndices result = exact_power(security_council());
  for (int i = 0; i < 5; ++i) {
    EXPECT_NEAR(result.shapley[i], 421.0 / 2145.0, 1e-12);
    EXPECT_NEAR(result.shapley[i], 0.19627, 5e-6);
    EXPECT_NEAR(result.banzhaf[i], 0.166929, 5e-7);
  }
  for (int i = 5; i < 15; ++i) {
    EXPECT_NEAR(result.shapley[i], 4.0 / 2145.0, 1e-12);
    EXPECT_NEAR(result.shapley[i], 0.001865, 5e-7);
    EXPECT_NEAR(result.banzhaf[i], 0.016535, 5e-7);
  }
  // Raw Banzhaf: a permanent member is decisive in 848 of the 2^14 coalitions of the
  // others (all 4 other permanent members and at least 4 of the 10 elected), an
  // elected member in 84 (all 5 permanent and exactly 3 of the other 9).
  EXPECT_NEAR(result.banzhaf_raw[0], 848.0 / 16384.0, 1e-15);
  EXPECT_NEAR(result.banzhaf_raw[5], 84.0 / 16384.0, 1e-15);
}

TEST(ExactPower, SecurityCouncilAsVetoGameMatchesWeightedForm) {
  VotingGame vetoes;
  vetoes.weights.assign(15, 1);
  vetoes.quota = 9;
  vetoes.veto.assign(15, false);
  for (int i = 0; i < 5; ++i) vetoes.veto[i] = true;
  const PowerIndices weighted = exact_power(security_council());
  const PowerIndices composite = exact_power(vetoes);
  for (int i = 0; i < 15; ++i) {
    EXPECT_NEAR(composite.shapley[i], weighted.shapley[i], 1e-14);
    EXPECT_NEAR(composite.banzhaf_raw[i], weighted.banzhaf_raw[i], 1e-14);
  }
}

// EEC Council of Ministers 1958, [12; 4,4,4,2,2,1] (Felsenthal & Machover 1998, §2.3;
// Luxembourg is a dummy).
TEST(ExactPower, EuropeanEconomicCommunity1958KnownValues) {
  const VotingGame game = weighted_game({4, 4, 4, 2, 2, 1}, 12);
  const PowerIndices result = exact_power(game);
  const PowerIndices banzhaf_only = exact_banzhaf(game);
  const std::vector<double> shapley{14.0 / 60, 14.0 / 60, 14.0 / 60, 9.0 / 60, 9.0 / 60, 0.0};
  const std::vector<double> banzhaf{5.0 / 21, 5.0 / 21, 5.0 / 21, 3.0 / 21, 3.0 / 21, 0.0};
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_NEAR(result.shapley[i], shapley[i], 1e-14) << i;
    EXPECT_NEAR(result.banzhaf[i], banzhaf[i], 1e-14) << i;
    EXPECT_NEAR(banzhaf_only.banzhaf[i], banzhaf[i], 1e-14) << i;
  }
  EXPECT_NEAR(result.shapley[0], 0.2333, 5e-5);
  EXPECT_NEAR(result.shapley[3], 0.15, 1e-14);
  EXPECT_EQ(result.shapley[5], 0.0);
}

// [51; 49, 48, 3]: any two members win, none alone; weights notwithstanding, all equal.
TEST(ExactPower, UnequalWeightsEqualPower) {
  const PowerIndices result = exact_power(weighted_game({49, 48, 3}, 51));
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(result.shapley[i], 1.0 / 3, 1e-14);
    EXPECT_NEAR(result.banzhaf[i], 1.0 / 3, 1e-14);
    EXPECT_NEAR(result.banzhaf_raw[i], 0.5, 1e-14);
  }
}

TEST(ExactPower, DictatorHasAllPower) {
  const PowerIndices result = exact_power(weighted_game({60, 20, 20}, 51));
  EXPECT_NEAR(result.shapley[0], 1.0, 1e-14);
  EXPECT_NEAR(result.banzhaf[0], 1.0, 1e-14);
  EXPECT_EQ(result.banzhaf_raw[1], 0.0);
}

TEST(ExactPower, UnanimityGivesEqualShares) {
  VotingGame game;
  game.weights.assign(7, 0);
  game.veto.assign(7, true);
  const PowerIndices result = exact_power(game);
  for (int i = 0; i < 7; ++i) {
    EXPECT_NEAR(result.shapley[i], 1.0 / 7, 1e-14);
    EXPECT_NEAR(result.banzhaf_raw[i], 1.0 / 64, 1e-14);
  }
}

TEST(ExactPower, RejectsGamesWithoutDecisiveMembers) {
  EXPECT_THROW(exact_power(weighted_game({1, 2}, 4)), PreconditionError);   // nobody wins
  EXPECT_THROW(exact_power(weighted_game({1, 2}, 0)), PreconditionError);   // everybody wins
  EXPECT_THROW(exact_power(weighted_game({1, -2}, 1)), PreconditionError);  // negative weight
  EXPECT_THROW(exact_power(weighted_game({}, 1)), PreconditionError);
}

// The plain Banzhaf path (one weight distribution in probabilities) and the
// size-by-weight table (counts, with complements) share no arithmetic; on a large
// game with uneven weights they must agree, which bounds the rounding of both.
TEST(ExactPower, TwoExactMethodsAgreeOnLargeGame) {
  std::vector<std::int64_t> weights;
  std::int64_t total = 0;
  for (int i = 0; i < 300; ++i) {
    const std::int64_t w = 1 + (i * 7919) % 97 + (i % 50 == 0 ? 400 : 0);
    weights.push_back(w);
    total += w;
  }
  const VotingGame game = weighted_game(weights, total * 2 / 3);
  const PowerIndices plain = exact_banzhaf(game);
  const PowerIndices table = exact_power(game);
  for (std::size_t i = 0; i < weights.size(); ++i) {
    EXPECT_NEAR(table.banzhaf_raw[i], plain.banzhaf_raw[i], 1e-9 * plain.banzhaf_raw[i] + 1e-15) << i;
  }
  EXPECT_NEAR(sum(table.shapley), 1.0, 1e-9);
  EXPECT_NEAR(sum(plain.banzhaf), 1.0, 1e-12);
}

// A game where the top rows of the table matter (a high quota): the complement trick
// must give the same answer as brute force.
TEST(ExactPower, HighQuotaMatchesBruteForce) {
  const VotingGame game = weighted_game({5, 3, 3, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 25);
  const PowerIndices exact = exact_power(game);
  const PowerIndices brute = brute_force_power(game);
  for (std::size_t i = 0; i < game.weights.size(); ++i) {
    EXPECT_NEAR(exact.shapley[i], brute.shapley[i], 1e-13);
    EXPECT_NEAR(exact.banzhaf_raw[i], brute.banzhaf_raw[i], 1e-13);
  }
}

// The known values again through each method on its own (the automatic choice takes
// the table for these small weights).
TEST(ExactPower, KnownValuesByEachMethod) {
  for (ExactMethod method : {ExactMethod::size_weight_table, ExactMethod::halves}) {
    const PowerIndices unsc = exact_power(security_council(), method);
    EXPECT_NEAR(unsc.shapley[0], 421.0 / 2145.0, 1e-12);
    EXPECT_NEAR(unsc.shapley[14], 4.0 / 2145.0, 1e-12);
    EXPECT_NEAR(unsc.banzhaf_raw[0], 848.0 / 16384.0, 1e-15);
    EXPECT_NEAR(unsc.banzhaf_raw[14], 84.0 / 16384.0, 1e-15);
    const PowerIndices eec = exact_power(weighted_game({4, 4, 4, 2, 2, 1}, 12), method);
    EXPECT_NEAR(eec.shapley[0], 14.0 / 60, 1e-14);
    EXPECT_NEAR(eec.banzhaf[3], 3.0 / 21, 1e-14);
    EXPECT_EQ(eec.shapley[5], 0.0);
    const PowerIndices equal = exact_power(weighted_game({49, 48, 3}, 51), method);
    for (int i = 0; i < 3; ++i) EXPECT_NEAR(equal.shapley[i], 1.0 / 3, 1e-14);
  }
}

// EU Council QMV (55% of 27 states, 65% of population in thousands, blocking minority
// of 4): the halves (chosen automatically, W-independent) and the size-by-weight table
// agree to rounding, and the indices sum to 1.
TEST(ExactPower, Eu27DoubleMajorityMethodsAgree) {
  DecisionRule rule;
  rule.kind = RuleKind::double_majority;
  std::vector<std::string> members;
  for (const auto& [id, population] : kEu27Population2023Thousands) {
    members.emplace_back(id);
    rule.population[members.back()] = population;
  }
  const VotingGame game = game_from_rule(rule, members);
  ASSERT_EQ(game.min_members, 15);
  ASSERT_EQ(game.members_alone_win, 24);
  const PowerIndices halves = exact_power(game);
  const PowerIndices table = exact_power(game, ExactMethod::size_weight_table);
  for (std::size_t i = 0; i < members.size(); ++i) {
    EXPECT_NEAR(halves.shapley[i], table.shapley[i], 1e-12) << members[i];
    EXPECT_NEAR(halves.banzhaf_raw[i], table.banzhaf_raw[i], 1e-12) << members[i];
  }
  EXPECT_NEAR(sum(halves.shapley), 1.0, 1e-12);
  // Germany, the most populous, has the most power; Malta the least.
  EXPECT_EQ(std::max_element(halves.shapley.begin(), halves.shapley.end()) - halves.shapley.begin(), 0);
  EXPECT_EQ(std::min_element(halves.shapley.begin(), halves.shapley.end()) - halves.shapley.begin(), 26);
  // Counts are exact integers: raw Banzhaf times 2^26 is whole.
  for (double raw : halves.banzhaf_raw) {
    const double swings = std::ldexp(raw, 26);
    EXPECT_EQ(swings, std::round(swings));
  }
}

}  // namespace
}  // namespace statecraft::power
