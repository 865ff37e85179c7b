#include "analysis/corridor.h"

#include <cmath>
#include <map>
#include <string>

namespace statecraft::analysis {

nlohmann::json corridor_json(const corridor::CorridorResult& r) {
  nlohmann::json out;
  out["total_cost"] = r.total_cost;
  out["delivered"] = r.delivered;
  out["unmet"] = r.unmet;
  out["forgone_value"] = r.forgone_value;
  out["method"] = r.method;
  out["exact"] = r.exact;
  out["hub_share"] = nlohmann::json::object();
  out["value_share"] = nlohmann::json::object();
  for (const auto& c : r.countries) {
    out["hub_share"][c.country] = c.hub_share;
    out["value_share"][c.country] = c.value_share;
  }
  out["edges"] = nlohmann::json::array();
  for (const auto& e : r.edges) {
    out["edges"].push_back(
        {{"id", e.id},
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

nlohmann::json route(const Scenario& scenario, const corridor::Shocks& shocks) {
  const auto parameters = corridor::RoutingParameters::from(scenario.parameters);
  return route_json(scenario, shocks, corridor::route(scenario.network, parameters, shocks), parameters);
}

nlohmann::json route_json(const Scenario& scenario, const corridor::Shocks& shocks,
                          const corridor::CorridorResult& routed,
                          const corridor::RoutingParameters& parameters) {
  nlohmann::json result = corridor_json(routed);
  const bool shocked =
      !shocks.closed.empty() || !shocks.group_activity.empty() || !shocks.target_risk.empty();
  if (shocked) {
    const corridor::CorridorResult base = corridor::route(scenario.network, parameters, {});
    const std::map<std::string, double> cost = corridor::shock_cost(base, routed);
    result["shock_cost"] = cost;
    result["base"] = {{"total_cost", base.total_cost}, {"unmet", base.unmet}};
    result["base"]["hub_share"] = nlohmann::json::object();
    for (const auto& c : base.countries) result["base"]["hub_share"][c.country] = c.hub_share;
  }
  return result;
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

}  // namespace statecraft::analysis
