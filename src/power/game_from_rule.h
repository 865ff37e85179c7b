// Turning a forum's decision rule into the voting game whose power indices we compute.
//
// Power indices treat every member as voting yes or no, so abstention, absence,
// quorum and the majority base (members vs present and voting) do not arise: a
// majority of those present and voting is scored like a majority of members.
//
// Rule by rule (members in the forum's order):
//   consensus, unanimity  every member is a veto player; only the full forum wins.
//   majority              unit weights, quota = fewest yes votes meeting `share`
//                         (strictly more when `strictly_more`) and `min_yes`.
//   weighted              the rule's weights; quota absolute or `quota_share` of the total.
//   double_majority       weights = population; at least `state_share` of members and
//                         `population_share` of population, or fewer than
//                         `blocking_minimum` members left outside.
//   veto_players          under any rule, members every winning coalition must hold.
//
// Non-integer weights are scaled exactly by the smallest power of ten (up to 10^6)
// that makes them all integers; a quota is then rounded up, since "weight >= 50.5"
// and "weight >= 51" admit the same integer weights. Weights needing more than six
// decimals are refused rather than rounded, because rounding can change who wins.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/decision_rule.h"
#include "core/forum.h"
#include "power/voting_game.h"

namespace statecraft::power {

VotingGame game_from_rule(const DecisionRule& rule, const std::vector<std::string>& members);
inline VotingGame game_from_forum(const Forum& forum) { return game_from_rule(forum.rule, forum.members); }

// Decimal weights as integers: values × 10^decimals, with `decimals` the fewest (0..6)
// that make every value whole. Throws PreconditionError (naming `what`) for negative,
// non-finite or over-precise values.
struct ScaledWeights {
  std::vector<std::int64_t> weights;
  int decimals = 0;
};
ScaledWeights scale_to_integers(std::span<const double> values, const std::string& what);

// Smallest integer k with k >= share × total (k > share × total when `strictly_more`),
// allowing for the rounding of share × total in binary floating point.
std::int64_t threshold(double share, std::int64_t total, bool strictly_more);

}  // namespace statecraft::power
