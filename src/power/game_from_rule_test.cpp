// Decision rules as voting games, including the EU Council's double majority.
#include "power/game_from_rule.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <numeric>

#include "core/error.h"
#include "power/eu27_population.h"
#include "power/exact_power.h"
#include "power/monte_carlo_power.h"

namespace statecraft::power {
namespace {

std::vector<std::string> member_ids(int count) {
  std::vector<std::string> ids;
  for (int i = 0; i < count; ++i) ids.push_back("M" + std::to_string(i));
  return ids;
}

TEST(GameFromRule, MajorityThresholds) {
  DecisionRule simple;
  simple.kind = RuleKind::majority;  // share 0.5, strictly more
  EXPECT_EQ(game_from_rule(simple, member_ids(47)).quota, 24);
  EXPECT_EQ(game_from_rule(simple, member_ids(46)).quota, 24);
  DecisionRule third = simple;  // UN HRC special session: one third of 47 -> 16
  third.share = 1.0 / 3.0;
  third.strictly_more = false;
  EXPECT_EQ(game_from_rule(third, member_ids(47)).quota, 16);
  EXPECT_EQ(game_from_rule(third, member_ids(45)).quota, 15);  // exactly a third, not 16
  DecisionRule two_thirds = third;
  two_thirds.share = 2.0 / 3.0;
  EXPECT_EQ(game_from_rule(two_thirds, member_ids(193)).quota, 129);
}

TEST(GameFromRule, SecurityCouncilRuleGivesPublishedValues) {
  DecisionRule rule;
  rule.kind = RuleKind::majority;
  rule.base = MajorityBase::members;
  rule.min_yes = 9;
  const std::vector<std::string> members{"CHN", "FRA", "RUS", "GBR", "USA", "E1", "E2", "E3",
                                         "E4",  "E5",  "E6",  "E7",  "E8",  "E9", "E10"};
  rule.veto_players = {"USA", "CHN", "FRA", "RUS", "GBR"};
  const PowerIndices result = exact_power(game_from_rule(rule, members));
  EXPECT_NEAR(result.shapley[0], 0.19627, 5e-6);
  EXPECT_NEAR(result.shapley[14], 0.001865, 5e-7);
  EXPECT_NEAR(result.banzhaf[4], 0.166929, 5e-7);
  EXPECT_NEAR(result.banzhaf[5], 0.016535, 5e-7);
}

TEST(GameFromRule, DecimalWeightsScaleExactly) {
  DecisionRule rule;
  rule.kind = RuleKind::weighted;
  rule.weights = {{"A", 0.4}, {"B", 0.4}, {"C", 0.4}, {"D", 0.2}, {"E", 0.2}, {"F", 0.1}};
  rule.quota = 1.2;
  const VotingGame game = game_from_rule(rule, {"A", "B", "C", "D", "E", "F"});
  EXPECT_EQ(game.weights, (std::vector<std::int64_t>{4, 4, 4, 2, 2, 1}));
  EXPECT_EQ(game.quota, 12);
  const PowerIndices result = exact_power(game);
  EXPECT_NEAR(result.banzhaf[0], 5.0 / 21, 1e-14);
  EXPECT_EQ(result.banzhaf[5], 0.0);
}

TEST(GameFromRule, QuotaShareAndRoundedUpQuota) {
  DecisionRule rule;
  rule.kind = RuleKind::weighted;
  rule.weights = {{"A", 49}, {"B", 48}, {"C", 3}};
  rule.quota_share = 0.51;
  EXPECT_EQ(game_from_rule(rule, {"A", "B", "C"}).quota, 51);
  rule.quota_share.reset();
  rule.quota = 50.5;  // same integer weights pass as with 51
  EXPECT_EQ(game_from_rule(rule, {"A", "B", "C"}).quota, 51);
}

TEST(GameFromRule, RefusesWhatItCannotScoreExactly) {
  DecisionRule rule;
  rule.kind = RuleKind::weighted;
  rule.weights = {{"A", 0.1234567}, {"B", 1.0}};
  rule.quota = 1.0;
  EXPECT_THROW(game_from_rule(rule, {"A", "B"}), PreconditionError);
  rule.weights = {{"A", 1.0}};
  EXPECT_THROW(game_from_rule(rule, {"A", "B"}), PreconditionError);  // B has no weight
  DecisionRule vetoed;
  vetoed.kind = RuleKind::majority;
  vetoed.veto_players = {"Z"};
  EXPECT_THROW(game_from_rule(vetoed, {"A", "B"}), PreconditionError);
}

TEST(GameFromRule, ConsensusMakesEveryoneAVetoPlayer) {
  DecisionRule rule;
  rule.kind = RuleKind::consensus;
  const VotingGame game = game_from_rule(rule, member_ids(65));  // Conference on Disarmament
  const PowerIndices result = exact_power(game);
  for (double s : result.shapley) EXPECT_NEAR(s, 1.0 / 65, 1e-14);
  EXPECT_NEAR(result.banzhaf_raw[0], std::ldexp(1.0, -64), 1e-30);
}

DecisionRule eu_council() {
  DecisionRule rule;
  rule.kind = RuleKind::double_majority;  // defaults: 55% of states, 65% of population, 4 to block
  for (const auto& [id, population] : kEu27Population2023Thousands) rule.population[std::string(id)] = population;
  return rule;
}

std::vector<std::string> eu_members() {
  std::vector<std::string> ids;
  for (const auto& entry : kEu27Population2023Thousands) ids.emplace_back(entry.first);
  return ids;
}

TEST(GameFromRule, EuCouncilDoubleMajority) {
  const VotingGame game = game_from_rule(eu_council(), eu_members());
  EXPECT_EQ(game.min_members, 15);  // 55% of 27 = 14.85
  ASSERT_TRUE(game.members_alone_win.has_value());
  EXPECT_EQ(*game.members_alone_win, 24);  // fewer than 4 against
  const std::int64_t total = std::accumulate(game.weights.begin(), game.weights.end(), std::int64_t{0});
  EXPECT_GE(game.quota * 100, total * 65);
  EXPECT_LT((game.quota - 1) * 100, total * 65);

  const auto start = std::chrono::steady_clock::now();
  const PowerIndices exact = exact_power(game);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  RecordProperty("eu27_exact_seconds", std::to_string(seconds));

  EXPECT_NEAR(std::accumulate(exact.shapley.begin(), exact.shapley.end(), 0.0), 1.0, 1e-12);
  // More population never means less power (members differ only in population here).
  for (std::size_t i = 1; i < exact.shapley.size(); ++i) {
    EXPECT_LE(exact.shapley[i], exact.shapley[i - 1] + 1e-15) << eu_members()[i];
    EXPECT_LE(exact.banzhaf[i], exact.banzhaf[i - 1] + 1e-15) << eu_members()[i];
  }
  // Germany has the most Shapley–Shubik power, roughly in proportion to the square
  // root of population in the Banzhaf sense and above it in the Shapley sense.
  EXPECT_GT(exact.shapley[0], 0.15);
  EXPECT_LT(exact.shapley[0], 0.25);
  EXPECT_GT(exact.banzhaf[26], 0.0);  // Malta is not a dummy

  // Independent check: sampling (which evaluates the rule directly) within 4 standard errors.
  const PowerIndices sampled = monte_carlo_power(game, 200'000, 2024);
  for (std::size_t i = 0; i < exact.shapley.size(); ++i) {
    EXPECT_NEAR(sampled.shapley[i], exact.shapley[i], 4 * sampled.shapley_error[i] + 1e-12) << i;
    EXPECT_NEAR(sampled.banzhaf_raw[i], exact.banzhaf_raw[i], 4 * sampled.banzhaf_raw_error[i] + 1e-12) << i;
  }
}

}  // namespace
}  // namespace statecraft::power
