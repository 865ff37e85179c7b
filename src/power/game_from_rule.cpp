#include "power/game_from_rule.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "core/error.h"

namespace statecraft::power {

namespace {
constexpr int kMaxDecimals = 6;
// Largest scaled total weight: keeps every table index and sum well inside int64 and
// any table we might allocate within reach of memory.
constexpr double kMaxScaledTotal = 1e15;
// How far from a whole number a scaled decimal may land through binary rounding.
constexpr double kWholeTolerance = 1e-7;

std::int64_t ceil_with_tolerance(double value) {
  const double tolerance = 1e-9 * std::max(1.0, std::fabs(value));
  return static_cast<std::int64_t>(std::ceil(value - tolerance));
}
}  // namespace

ScaledWeights scale_to_integers(std::span<const double> values, const std::string& what) {
  for (double v : values) {
    if (!std::isfinite(v) || v < 0.0) {
      throw PreconditionError(what + ": weight " + std::to_string(v) + " is not a non-negative number");
    }
  }
  double scale = 1.0;
  for (int decimals = 0; decimals <= kMaxDecimals; ++decimals, scale *= 10.0) {
    bool whole = true;
    double total = 0.0;
    for (double v : values) {
      const double scaled = v * scale;
      total += scaled;
      whole = whole && std::fabs(scaled - std::round(scaled)) <= kWholeTolerance * std::max(1.0, scaled);
    }
    if (!whole) continue;
    if (total > kMaxScaledTotal) {
      throw PreconditionError(what + ": total weight " + std::to_string(total) + " (after scaling by 10^" +
                              std::to_string(decimals) + ") is too large");
    }
    ScaledWeights result;
    result.decimals = decimals;
    for (double v : values) result.weights.push_back(std::llround(v * scale));
    return result;
  }
  throw PreconditionError(what + ": weights need more than " + std::to_string(kMaxDecimals) +
                          " decimal places; round them in the input");
}

std::int64_t threshold(double share, std::int64_t total, bool strictly_more) {
  const double target = share * static_cast<double>(total);
  if (!strictly_more) return ceil_with_tolerance(target);
  const double tolerance = 1e-9 * std::max(1.0, std::fabs(target));
  return static_cast<std::int64_t>(std::floor(target + tolerance)) + 1;
}

VotingGame game_from_rule(const DecisionRule& rule, const std::vector<std::string>& members) {
  if (members.empty()) throw PreconditionError("voting game: the forum has no members");
  const auto n = static_cast<std::int64_t>(members.size());
  VotingGame game;

  auto per_member = [&](const std::map<std::string, double>& values, const std::string& what) {
    std::vector<double> ordered;
    for (const auto& member : members) {
      auto found = values.find(member);
      if (found == values.end()) throw PreconditionError(what + ": no value for member " + member);
      ordered.push_back(found->second);
    }
    return ordered;
  };

  switch (rule.kind) {
    case RuleKind::consensus:
    case RuleKind::unanimity:
      game.weights.assign(members.size(), 1);
      game.quota = n;
      break;
    case RuleKind::majority: {
      game.weights.assign(members.size(), 1);
      std::int64_t needed = threshold(rule.share, n, rule.strictly_more);
      if (rule.min_yes) needed = std::max<std::int64_t>(needed, *rule.min_yes);
      game.quota = std::max<std::int64_t>(needed, 1);
      break;
    }
    case RuleKind::weighted: {
      const std::vector<double> raw = per_member(rule.weights, "weighted rule");
      ScaledWeights scaled = scale_to_integers(raw, "weighted rule");
      game.weights = std::move(scaled.weights);
      std::int64_t total = 0;
      for (std::int64_t w : game.weights) total += w;
      if (rule.quota) {
        game.quota = ceil_with_tolerance(*rule.quota * std::pow(10.0, scaled.decimals));
      } else if (rule.quota_share) {
        game.quota = threshold(*rule.quota_share, total, false);
      } else {
        throw PreconditionError("weighted rule: neither quota nor quota_share is set");
      }
      if (rule.min_yes) game.min_members = *rule.min_yes;
      break;
    }
    case RuleKind::double_majority: {
      const std::vector<double> raw = per_member(rule.population, "double majority");
      ScaledWeights scaled = scale_to_integers(raw, "double majority population");
      game.weights = std::move(scaled.weights);
      std::int64_t total = 0;
      for (std::int64_t w : game.weights) total += w;
      game.quota = threshold(rule.population_share, total, false);
      game.min_members = static_cast<int>(threshold(rule.state_share, n, false));
      if (rule.min_yes) game.min_members = std::max(game.min_members, *rule.min_yes);
      if (rule.blocking_minimum > 0) game.members_alone_win = static_cast<int>(n) - rule.blocking_minimum + 1;
      break;
    }
  }

  const bool everyone_vetoes = rule.kind == RuleKind::consensus || rule.kind == RuleKind::unanimity;
  if (everyone_vetoes || !rule.veto_players.empty()) {
    game.veto.assign(members.size(), everyone_vetoes);
    for (const auto& player : rule.veto_players) {
      auto found = std::find(members.begin(), members.end(), player);
      if (found == members.end()) throw PreconditionError("veto player " + player + " is not a member");
      game.veto[static_cast<std::size_t>(found - members.begin())] = true;
    }
  }
  return game;
}

}  // namespace statecraft::power
