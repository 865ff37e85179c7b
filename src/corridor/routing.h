// Security-adjusted routing of every origin-destination demand over a corridor
// network, and what it means for each country: flows, costs, unmet demand, hub shares.
//
// Model. Edges carry their risk-adjusted cost and capacity (security.h). A
// bidirectional edge is two arcs, each with the edge's full capacity (roads and rails
// carry traffic both ways independently). Demands that end at the same node form one
// commodity: a single-sink flow decomposes into paths from each origin, so routing them
// together is exact; likewise demands that start at the same node.
//
// How all demands are solved (RoutingMethod):
//   joint       exact optimum of the whole problem. When every demand ends at one node,
//               or every demand starts at one node, the problem is a single-commodity
//               min-cost flow and is solved by min_cost_flow through a super-source and a
//               super-sink. Otherwise goods bound for different places compete for the
//               same capacity (a multi-commodity flow, which no path-augmenting method
//               solves exactly) and the engine solves the linear programme
//                 min  sum_k sum_a cost_a x_ka + sum_d penalty_d u_d
//                 s.t. flow conservation of each commodity k (demands grouped by
//                      destination) with supplies volume_d - u_d at the origins,
//                      sum_k x_ka <= capacity_a for every arc, 0 <= u_d <= volume_d,
//               with GLPK's simplex (an LP optimum is the multi-commodity optimum;
//               fractional flows are meaningful here: volumes are money, not trucks).
//               Demands with no value (penalty 0) are delivered as fully as possible
//               first (a first LP minimises their unmet volume), as min_cost_flow's
//               max-flow semantics does for one commodity.
//   sequential  commodities (by destination) are routed one after another, in order of
//               first appearance of their destination in `network.demands`, each by
//               min_cost_flow on the capacity the earlier ones left. Exact when no two
//               commodities compete for a saturated arc; otherwise a greedy
//               approximation whose cost can exceed the optimum (earlier commodities take
//               the shared cheap arc even when a later one has no alternative). Fast on
//               large networks: one shared residual graph, no LP.
//   automatic   joint when it is single-commodity or the LP has at most
//               RoutingParameters::lp_column_limit columns (commodities x arcs),
//               sequential otherwise. CorridorResult::method says which ran.
// The joint and sequential results are both deterministic.
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
#include <optional>
#include <string>
#include <vector>

#include "core/network.h"
#include "core/parameters.h"
#include "corridor/security.h"

namespace statecraft::corridor {

struct EdgeResult {
  std::string id;
  double flow = 0.0;           // both directions together
  double flow_forward = 0.0;   // from -> to
  double flow_backward = 0.0;  // to -> from
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
  double routing_cost_usd = 0.0;               // cost of moving the delivered volume
  double cost_per_unit = 0.0;                  // routing_cost_usd / delivered (0 when nothing moves)
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

enum class RoutingMethod { automatic, joint, sequential };

struct CorridorResult {
  double total_cost = 0.0;     // routing cost of all delivered volume
  double forgone_value = 0.0;  // sum of unmet * value * unmet_value_share: the rest of the objective
  std::string method;          // "single_commodity", "lp" or "sequential": what solved it
  bool exact = true;           // false only for sequential routing of several competing commodities
  double delivered = 0.0;
  double unmet = 0.0;
  std::vector<EdgeResult> edges;         // network order
  std::vector<DemandResult> demands;     // network order
  std::vector<CountryResult> countries;  // every country with a node or an edge, first-seen order
  std::size_t augmentations = 0;

  [[nodiscard]] const CountryResult* find_country(const std::string& id) const;
  [[nodiscard]] const EdgeResult* find_edge(const std::string& id) const;
};

struct RoutingParameters {
  SecurityParameters security;
  double unmet_value_share = 1.0;
  RoutingMethod method = RoutingMethod::automatic;
  // automatic uses the LP up to this many columns (about 0.1-0.5 s of simplex here).
  std::size_t lp_column_limit = 20000;
  // Solve even a single-commodity problem by the LP (to cross-check the two solvers).
  bool force_lp = false;

  static RoutingParameters from(const Parameters& parameters);
};

CorridorResult route(const Network& network, const RoutingParameters& parameters, const Shocks& shocks = {});

// Change in each country's net cost caused by `shock` relative to `base` (same network):
// positive means the shock costs the country money.
// "automatic", "joint", "sequential"; parse returns nullopt for anything else.
const char* to_string(RoutingMethod method);
std::optional<RoutingMethod> parse_routing_method(const std::string& text);

std::map<std::string, double> shock_cost(const CorridorResult& base, const CorridorResult& shocked);

}  // namespace statecraft::corridor
