#include "api/corridor.h"

#include <cmath>
#include <map>

#include "analysis/corridor.h"
#include "api/corridor_shocks.h"
#include "core/error.h"
#include "corridor/routing.h"

namespace statecraft::api {

CorridorOutput corridor(const CorridorRequest& request) {
  if (request.points < 2 || request.points > 1000000) flag_error("--points", "must be between 2 and 1000000");
  Scenario scenario = load_world(request.world);
  if (scenario.network.empty()) {
    throw InputError(SourceLocation{request.world.path}, "the scenario has no corridor network");
  }
  const corridor::Shocks shocks = read_shocks(scenario, request.close, request.set);
  auto parameters = corridor::RoutingParameters::from(scenario.parameters);
  const auto method = corridor::parse_routing_method(request.routing);
  if (!method)
    flag_error("--routing", "'" + request.routing + "' is not one of automatic, joint, sequential");
  parameters.method = *method;
  CorridorOutput output;
  if (!request.sweep_threat.empty()) {
    bool known = false;
    for (const auto& t : scenario.network.threats) known = known || t.group == request.sweep_threat;
    if (!known) flag_error("--sweep-threat", "no threat by '" + request.sweep_threat + "' in the network");
    output.sweep =
        corridor::sweep_threat(scenario.network, parameters, shocks, request.sweep_threat, request.points);
    output.json = {{"sweep", analysis::sweep_json(*output.sweep)}};
    return output;
  }
  const corridor::CorridorResult routed = corridor::route(scenario.network, parameters, shocks);
  output.json = analysis::route_json(scenario, shocks, routed, parameters);
  return output;
}

}  // namespace statecraft::api
