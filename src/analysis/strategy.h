// A strategy search as JSON: the cheapest plan of bilateral actions lifting a motion's
// pass probability to the target, or the best within the budget.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>

#include "core/scenario.h"
#include "strategy/plan.h"

namespace statecraft::analysis {

// `target`: pass probability to reach; the scenario's strategy.target_p when absent.
// A plan found by strategy::optimize, with what it was asked, as JSON.
nlohmann::json plan_json(const Scenario& scenario, const Forum& forum, const Motion& motion, double budget,
                         double target, const strategy::Plan& plan);

nlohmann::json optimize(const Scenario& scenario, const Forum& forum, const Motion& motion, double budget,
                        std::optional<double> target);

}  // namespace statecraft::analysis
