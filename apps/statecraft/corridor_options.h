// Flags shared by `statecraft corridor` and `statecraft game` (whose payoffs may be
// corridor quantities): loading the world on a date, `--close`, `--set risk.X=V` and
// `--set <parameter>=V`, and resolving `corridor.*` quantities in payoff expressions.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/scenario.h"
#include "corridor/routing.h"
#include "games/expression.h"

namespace statecraft::cli {

// Loads SCENARIO and applies `--at DATE` when given (bad date: error naming --at).
Scenario load_world(const std::string& path, const std::string& at);

// Turns `--close` and `--set` values into shocks and parameter overrides on `scenario`.
// `--set risk.GROUP=V` sets an armed group's activity, `--set risk.ID=V` the risk of a
// node or edge, `--set NAME=V` a registered model parameter. Errors name the flag.
corridor::Shocks read_shocks(Scenario& scenario, const std::vector<std::string>& close,
                             const std::vector<std::string>& set);

// Resolver for `corridor.*` quantities (docs/scenario-format.md, Games) over `scenario`
// with `shocks` as the baseline.
games::QuantityResolver corridor_resolver(const Scenario& scenario, const corridor::Shocks& shocks);

}  // namespace statecraft::cli
