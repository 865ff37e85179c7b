// The influence network as JSON: actors' reach, exposure and leverage, the strongest
// channels, the largest asymmetries and, when the scenario declares narratives, each
// frame's Friedkin–Johnsen trajectory and equilibrium.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>

#include "core/scenario.h"

namespace statecraft::analysis {

nlohmann::json influence(const Scenario& scenario, std::size_t top);

}  // namespace statecraft::analysis
