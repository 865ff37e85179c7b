#include "api/influence.h"

#include "analysis/influence.h"

namespace statecraft::api {

nlohmann::json influence(const InfluenceRequest& request) {
  if (request.top < 1) flag_error("--top", "must be at least 1");
  const Scenario scenario = load_world(request.world);
  return analysis::influence(scenario, request.top);
}

}  // namespace statecraft::api
