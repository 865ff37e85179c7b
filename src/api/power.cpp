#include "api/power.h"

#include <fmt/core.h>

#include <cmath>

#include "analysis/power.h"
#include "core/error.h"
#include "power/game_from_rule.h"

namespace statecraft::api {

power::VotingGame weighted_game(double quota, const std::vector<double>& weights) {
  if (weights.empty()) flag_error("--weights", "required with --quota (or give SCENARIO --forum F)");
  double total = 0.0;
  for (double w : weights) {
    if (!std::isfinite(w) || w < 0.0) flag_error("--weights", "weights must be finite and non-negative");
    total += w;
  }
  if (!std::isfinite(quota) || quota <= 0.0)
    flag_error("--quota", fmt::format("must be positive, found {}", quota));
  if (quota > total) flag_error("--quota", fmt::format("{} is above the total weight {}", quota, total));
  DecisionRule rule;
  rule.kind = RuleKind::weighted;
  rule.quota = quota;
  std::vector<std::string> members;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    members.push_back(std::to_string(i + 1));
    rule.weights[members.back()] = weights[i];
  }
  try {
    return power::game_from_rule(rule, members);
  } catch (const PreconditionError& e) {
    flag_error("--weights", e.what());
  }
}

nlohmann::json power(const PowerRequest& request) {
  const bool from_scenario = !request.world.path.empty() || request.world.loaded != nullptr;
  power::VotingGame game;
  std::vector<std::string> members;
  if (from_scenario) {
    if (request.quota || !request.weights.empty()) {
      flag_error("--quota", "give either SCENARIO --forum F or --quota/--weights, not both");
    }
    if (request.forum.empty()) flag_error("--forum", "required with SCENARIO");
    const Scenario scenario = load_world(request.world);
    const Forum* forum = scenario.find_forum(request.forum);
    if (forum == nullptr) flag_error("--forum", "no forum '" + request.forum + "' in " + request.world.path);
    members = forum->members;
    try {
      game = power::game_from_forum(*forum);
    } catch (const PreconditionError& e) {
      throw InputError(SourceLocation{request.world.path}, "forum " + forum->id + ": " + e.what());
    }
  } else {
    if (!request.forum.empty()) flag_error("--forum", "needs a SCENARIO");
    if (!request.quota) flag_error("--quota", "required with --weights");
    game = weighted_game(*request.quota, request.weights);
    for (std::size_t i = 0; i < game.weights.size(); ++i) members.push_back(std::to_string(i + 1));
  }

  try {
    return analysis::power(game, members, from_scenario, request.samples, request.seed);
  } catch (const PreconditionError& e) {
    flag_error(from_scenario ? "--forum" : "--quota", e.what());
  }
}

}  // namespace statecraft::api
