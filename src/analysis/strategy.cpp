#include "analysis/strategy.h"

#include "strategy/plan.h"

namespace statecraft::analysis {

nlohmann::json optimize(const Scenario& scenario, const Forum& forum, const Motion& motion, double budget,
                        std::optional<double> target) {
  strategy::StrategyParams params = strategy::StrategyParams::from(scenario.parameters);
  if (target) params.target_p = *target;
  const strategy::Plan plan = strategy::optimize(scenario, forum.id, motion.id, budget, params);
  nlohmann::json result;
  result["forum"] = forum.id;
  result["motion"] = motion.id;
  result["budget"] = budget;
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

}  // namespace statecraft::analysis
