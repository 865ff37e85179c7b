// Corridor routing as JSON: flows per edge, deliveries per demand, hub shares per
// country and, under shocks, the cost of the shock against the unshocked network.
#pragma once

#include <nlohmann/json.hpp>

#include "core/scenario.h"
#include "corridor/routing.h"
#include "corridor/sweep.h"

namespace statecraft::analysis {

nlohmann::json corridor_json(const corridor::CorridorResult& result);

// Routes the scenario's network under `shocks` with its parameters; when any shock is
// given, adds "shock_cost" per country and "base" (the unshocked totals and hub shares).
nlohmann::json route(const Scenario& scenario, const corridor::Shocks& shocks);

// The same for a network already routed under `shocks` with `parameters` (the
// unshocked base is routed here with the same parameters when needed).
nlohmann::json route_json(const Scenario& scenario, const corridor::Shocks& shocks,
                          const corridor::CorridorResult& routed,
                          const corridor::RoutingParameters& parameters);

// A threat sweep as JSON: per point, the activity, total cost, unmet demand and each
// country's hub share, its elasticity to the activity and its net cost.
nlohmann::json sweep_json(const corridor::SweepResult& sweep);

}  // namespace statecraft::analysis
