// Security-adjusted routing of every origin-destination demand over a corridor
// network, and what it means for each country: flows, costs, unmet demand, hub shares.
//
// Model. Edges carry their risk-adjusted cost and capacity (security.h). A
// bidirectional edge is two arcs, each with the edge's full capacity (roads and rails
// carry traffic both ways independently). Demands that end at the same node form one
// commodity: a single-sink flow decomposes into paths from each origin, so routing them
// together is exact. Commodities are routed one after another, in order of first
// appearance of their destination in `network.demands`, each by min-cost flow on the
// capacity the earlier ones left; this is exact when commodities do not compete for a
// saturated edge and a greedy approximation of the multi-commodity optimum when they do.
//
// Demand that cannot move (no open route, or capacity used up) is unmet. A demand with
// a value per unit may also be forgone when moving it would cost more than
// corridor.unmet_value_share of its value: "no security, no trade".
//
// Country results. For a country C and the delivered flow:
//   hub_share[C]       = volume whose route crosses C's territory while neither origin
//                        nor destination lies in C (transit), / total delivered volume
//   value_share[C]     = the same, weighted by the goods' value per unit
//   earnings_usd[C]    = sum over C's edges of flow * risk-adjusted cost (money spent moving
//                        goods across C: what a transit country earns)
//   burden_usd[C]      = routing cost plus forgone value (unmet * value * unmet_value_share)
//                        of demands that start or end in C, split evenly between the
//                        origin and destination countries
//   net_cost_usd[C]    = burden_usd[C] - earnings_usd[C]
// The cost of a shock to C is net_cost_usd after it minus before it (closure_cost).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/network.h"
#include "core/parameters.h"
#include "corridor/security.h"

namespace statecraft::corridor {

struct EdgeResult {
  std::string id;
  double flow = 0.0;          // both directions together
  double flow_forward = 0.0;  // from -> to
  double flow_backward = 0.0; // to -> from
  double risk = 0.0;
  double cost_per_unit = 0.0;  // risk-adjusted
  double capacity = 0.0;       // risk-adjusted usable capacity per direction (0 when closed)
  bool open = true;
};

struct DemandResult {
  std::string id;
  double volume = 0.0;
  double delivered = 0.0;
  double unmet = 0.0;
  double routing_cost_usd = 0.0;    // cost of moving the delivered volume
  double cost_per_unit = 0.0;       // routing_cost_usd / delivered (0 when nothing moves)
  std::vector<std::string> countries_crossed;  // by any part of its route, in first-crossed order
};

struct CountryResult {
  std::string country;
  double transit_volume = 0.0;
  double transit_value_usd = 0.0;
  double hub_share = 0.0;
  double value_share = 0.0;
  double earnings_usd = 0.0;
  double burden_usd = 0.0;
  double net_cost_usd = 0.0;
};

struct CorridorResult {
  double total_cost = 0.0;  // routing cost of all delivered volume
  double delivered = 0.0;
  double unmet = 0.0;
  std::vector<EdgeResult> edges;      // network order
  std::vector<DemandResult> demands;  // network order
  std::vector<CountryResult> countries;  // every country with a node or an edge, first-seen order
  std::size_t augmentations = 0;

  [[nodiscard]] const CountryResult* find_country(const std::string& id) const;
  [[nodiscard]] const EdgeResult* find_edge(const std::string& id) const;
};

struct RoutingParameters {
  SecurityParameters security;
  double unmet_value_share = 1.0;

  static RoutingParameters from(const Parameters& parameters);
};

CorridorResult route(const Network& network, const RoutingParameters& parameters, const Shocks& shocks = {});

// Change in each country's net cost caused by `shock` relative to `base` (same network):
// positive means the shock costs the country money.
std::map<std::string, double> shock_cost(const CorridorResult& base, const CorridorResult& shocked);

}  // namespace statecraft::corridor
