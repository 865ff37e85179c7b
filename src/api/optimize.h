// `optimize` as a library call: the cheapest plan of bilateral actions that lifts a
// motion's pass probability to a target, or the best plan within the budget.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "api/world.h"

namespace statecraft::api {

struct OptimizeRequest {
  WorldInput world;
  std::string forum;
  std::string motion;
  double budget = 0.0;
  std::optional<double> target;  // default: the strategy.target_p parameter
};

// Exactly what `statecraft optimize --format json` prints.
[[nodiscard]] nlohmann::json optimize(const OptimizeRequest& request);

}  // namespace statecraft::api
