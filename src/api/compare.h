// `optimize --compare` as a library call: over a scenario's `horizon:` (motions in
// several forums and episode files), per-motion lobbying against lasting partnerships
// under the same budgets. Shared by the CLI and `statecraft serve` (POST /api/compare).
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/horizon.h"
#include "core/scenario.h"
#include "strategy/compare.h"

namespace statecraft::api {

// The horizon's motions in their worlds: this scenario or another episode file, each
// on its date, passed through `adjust` when given (the CLI's --positions-from-narratives).
// Ids in other files are checked here, InputError at the horizon entry's location.
[[nodiscard]] std::vector<strategy::HorizonWorld> horizon_worlds(
    const Scenario& scenario, const Horizon& horizon,
    const std::function<Scenario(Scenario)>& adjust = nullptr);

// The comparison as `statecraft optimize --compare --format json` prints it.
[[nodiscard]] nlohmann::json comparison_json(const strategy::ComparisonResult& result);

// Runs the comparison with the horizon's budgets, or `budgets` when not empty (which
// must be ascending and >= 0; std::invalid_argument otherwise). PreconditionError when
// the scenario has no horizon or no actions.
[[nodiscard]] strategy::ComparisonResult compare(const Scenario& scenario, const std::vector<double>& budgets,
                                                 const std::function<Scenario(Scenario)>& adjust = nullptr);

}  // namespace statecraft::api
