// `corridor` as a library call: security-adjusted routing of a scenario's corridor
// network under shocks, or a sweep of one armed group's activity.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api/world.h"
#include "corridor/sweep.h"

namespace statecraft::api {

struct CorridorRequest {
  WorldInput world;
  std::vector<std::string> close;  // --close ID (repeatable)
  std::vector<std::string> set;    // --set risk.X=V or PARAMETER=V (repeatable)
  std::string sweep_threat;        // --sweep-threat GROUP
  std::size_t points = 21;
  std::string routing = "automatic";  // automatic, joint or sequential
};

struct CorridorOutput {
  nlohmann::json json;                         // exactly what `statecraft corridor --format json` prints
  std::optional<corridor::SweepResult> sweep;  // with sweep_threat
};

[[nodiscard]] CorridorOutput corridor(const CorridorRequest& request);

}  // namespace statecraft::api
