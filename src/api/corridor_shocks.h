// Shocks to a corridor network given as the CLI gives them (`--close ID`,
// `--set risk.X=V`, `--set PARAMETER=V`), and the resolver that lets game payoffs name
// corridor quantities. Shared by `corridor` and `game`.
#pragma once

#include <string>
#include <vector>

#include "core/scenario.h"
#include "corridor/routing.h"
#include "games/game_payoffs.h"

namespace statecraft::api {

// Turns `close` and `set` values into shocks and parameter overrides on `scenario`.
// `risk.GROUP=V` sets an armed group's activity, `risk.ID=V` the risk of a node or
// edge, `NAME=V` a registered model parameter. Errors name the flag.
[[nodiscard]] corridor::Shocks read_shocks(Scenario& scenario, const std::vector<std::string>& close,
                                           const std::vector<std::string>& set);

// Resolver for `corridor.*` quantities (docs/scenario-format.md, Games) over `scenario`
// with `shocks` as the baseline. Keeps a pointer to `scenario`.
[[nodiscard]] games::QuantityResolver corridor_resolver(const Scenario& scenario,
                                                        const corridor::Shocks& shocks);

}  // namespace statecraft::api
