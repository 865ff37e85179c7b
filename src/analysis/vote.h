// A motion's vote as JSON: each member's ballot probabilities, the exact pass
// probability stage by stage, pivotality, and optionally a Monte Carlo cross-check.
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "core/scenario.h"

namespace statecraft::analysis {

// `world` is the scenario as of the vote (world_at already applied); `at` is recorded
// in the result when not empty. Throws PreconditionError from the forum engine.
nlohmann::json vote(const Scenario& world, const Forum& forum, const Motion& motion, const std::string& at,
                    std::size_t samples, std::uint64_t seed);

}  // namespace statecraft::analysis
