#include "api/optimize.h"

#include <cmath>

#include "analysis/strategy.h"

namespace statecraft::api {

nlohmann::json optimize(const OptimizeRequest& request) {
  if (!std::isfinite(request.budget) || request.budget < 0.0)
    flag_error("--budget", "must be a non-negative number");
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
  return analysis::optimize(scenario, *forum, *motion, request.budget, request.target);
}

}  // namespace statecraft::api
