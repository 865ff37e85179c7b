#include "analysis/strategy.h"

namespace statecraft::analysis {

nlohmann::json plan_json(const Scenario& scenario, const Forum& forum, const Motion& motion, double budget,
                         double target, const strategy::Plan& plan) {
  nlohmann::json result;
  result["forum"] = forum.id;
  result["motion"] = motion.id;
  result["budget"] = budget;
  result["target"] = target;
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

nlohmann::json optimize(const Scenario& scenario, const Forum& forum, const Motion& motion, double budget,
                        std::optional<double> target) {
  strategy::StrategyParams params = strategy::StrategyParams::from(scenario.parameters);
  if (target) params.target_p = *target;
  const strategy::Plan plan = strategy::optimize(scenario, forum.id, motion.id, budget, params);
  return plan_json(scenario, forum, motion, budget, params.target_p, plan);
}

}  // namespace statecraft::analysis
