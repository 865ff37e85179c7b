#include "api/corridor.h"

#include <cmath>
#include <map>

#include "api/corridor_shocks.h"
#include "core/error.h"
#include "corridor/routing.h"

namespace statecraft::api {

namespace {

nlohmann::json to_json(const corridor::CorridorResult& r) {
  nlohmann::json out;
  out["total_cost"] = r.total_cost;
  out["delivered"] = r.delivered;
  out["unmet"] = r.unmet;
  out["hub_share"] = nlohmann::json::object();
  out["value_share"] = nlohmann::json::object();
  for (const auto& c : r.countries) {
    out["hub_share"][c.country] = c.hub_share;
    out["value_share"][c.country] = c.value_share;
  }
  out["edges"] = nlohmann::json::array();
  for (const auto& e : r.edges) {
    out["edges"].push_back({{"id", e.id},
                            {"flow", e.flow},
                            {"flow_forward", e.flow_forward},
                            {"flow_backward", e.flow_backward},
                            {"risk", e.risk},
                            {"cost_per_unit", e.cost_per_unit},
                            {"capacity", std::isinf(e.capacity) ? nlohmann::json(nullptr) : nlohmann::json(e.capacity)},
                            {"open", e.open}});
  }
  out["demands"] = nlohmann::json::array();
  for (const auto& d : r.demands) {
    out["demands"].push_back({{"id", d.id},
                              {"volume", d.volume},
                              {"delivered", d.delivered},
                              {"unmet", d.unmet},
                              {"routing_cost", d.routing_cost_usd},
                              {"cost_per_unit", d.cost_per_unit},
                              {"countries_crossed", d.countries_crossed}});
  }
  out["countries"] = nlohmann::json::array();
  for (const auto& c : r.countries) {
    out["countries"].push_back({{"id", c.country},
                                {"hub_share", c.hub_share},
                                {"value_share", c.value_share},
                                {"transit_volume", c.transit_volume},
                                {"earnings_usd", c.earnings_usd},
                                {"burden_usd", c.burden_usd},
                                {"net_cost_usd", c.net_cost_usd}});
  }
  return out;
}

nlohmann::json sweep_json(const corridor::SweepResult& s) {
  nlohmann::json points = nlohmann::json::array();
  for (std::size_t i = 0; i < s.points.size(); ++i) {
    const auto& p = s.points[i];
    nlohmann::json share = nlohmann::json::object();
    nlohmann::json elasticity = nlohmann::json::object();
    nlohmann::json net = nlohmann::json::object();
    for (std::size_t c = 0; c < s.countries.size(); ++c) {
      share[s.countries[c]] = p.hub_share[c];
      elasticity[s.countries[c]] = s.elasticity(c, i);
      net[s.countries[c]] = p.net_cost_usd[c];
    }
    points.push_back({{"activity", p.activity},
                      {"total_cost", p.total_cost},
                      {"unmet", p.unmet},
                      {"hub_share", share},
                      {"elasticity", elasticity},
                      {"net_cost_usd", net}});
  }
  return {{"group", s.group}, {"points", points}};
}

}  // namespace

CorridorOutput corridor(const CorridorRequest& request) {
  if (request.points < 2 || request.points > 1000000) flag_error("--points", "must be between 2 and 1000000");
  Scenario scenario = load_world(request.world);
  if (scenario.network.empty()) {
    throw InputError(SourceLocation{request.world.path}, "the scenario has no corridor network");
  }
  const corridor::Shocks shocks = read_shocks(scenario, request.close, request.set);
  const auto parameters = corridor::RoutingParameters::from(scenario.parameters);
  CorridorOutput output;
  if (!request.sweep_threat.empty()) {
    bool known = false;
    for (const auto& t : scenario.network.threats) known = known || t.group == request.sweep_threat;
    if (!known) flag_error("--sweep-threat", "no threat by '" + request.sweep_threat + "' in the network");
    output.sweep = corridor::sweep_threat(scenario.network, parameters, shocks, request.sweep_threat, request.points);
    output.json = {{"sweep", sweep_json(*output.sweep)}};
    return output;
  }
  const corridor::CorridorResult routed = corridor::route(scenario.network, parameters, shocks);
  output.json = to_json(routed);
  const bool shocked = !shocks.closed.empty() || !shocks.group_activity.empty() || !shocks.target_risk.empty();
  if (shocked) {
    const corridor::CorridorResult base = corridor::route(scenario.network, parameters, {});
    output.json["shock_cost"] = corridor::shock_cost(base, routed);
    output.json["base"] = {{"total_cost", base.total_cost}, {"unmet", base.unmet}};
    output.json["base"]["hub_share"] = nlohmann::json::object();
    for (const auto& c : base.countries) output.json["base"]["hub_share"][c.country] = c.hub_share;
  }
  return output;
}

}  // namespace statecraft::api
