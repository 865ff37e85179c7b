#include "api/optimize.h"

#include <cmath>

#include "strategy/plan.h"

namespace statecraft::api {

nlohmann::json optimize(const OptimizeRequest& request) {
  if (!std::isfinite(request.budget) || request.budget < 0.0) flag_error("--budget", "must be a non-negative number");
  if (request.target && !(*request.target >= 0.0 && *request.target <= 1.0)) {
    flag_error("--target", "must be a probability in [0, 1]");
  }
  const Scenario scenario = load_world(request.world);
  const Forum* forum = scenario.find_forum(request.forum);
  if (forum == nullptr) flag_error("--forum", "no forum '" + request.forum + "' in " + request.world.path);
  const Motion* motion = scenario.find_motion(request.motion);
  if (motion == nullptr || motion->forum != forum->id) {
    flag_error("--motion", "no motion '" + request.motion + "' in forum '" + request.forum + "'");
  }
  if (scenario.actions.empty()) {
    flag_error("SCENARIO", request.world.path + " declares no actions: (nothing to optimise over)");
  }
  strategy::StrategyParams params = strategy::StrategyParams::from(scenario.parameters);
  if (request.target) params.target_p = *request.target;
  const strategy::Plan plan = strategy::optimize(scenario, forum->id, motion->id, request.budget, params);

  nlohmann::json result;
  result["forum"] = forum->id;
  result["motion"] = motion->id;
  result["budget"] = request.budget;
  result["target"] = params.target_p;
  result["p_before"] = plan.p_before;
  result["p_after"] = plan.p_after;
  result["cost"] = plan.cost;
  result["meets_target"] = plan.meets_target;
  result["method"] = plan.method;
  result["plan"] = nlohmann::json::array();
  for (const auto& step : plan.steps) {
    result["plan"].push_back({{"action", step.action}, {"cost", step.cost}, {"marginal", step.marginal}});
  }
  if (plan.method != "enumeration") {
    result["milp_feasible"] = plan.milp_feasible;
    nlohmann::json milp = nlohmann::json::array();
    for (std::size_t a : plan.milp_actions) milp.push_back(scenario.actions[a].id);
    result["milp_plan"] = milp;
  }
  return result;
}

}  // namespace statecraft::api
