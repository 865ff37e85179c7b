#include "corridor/routing.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "core/error.h"
#include "corridor/min_cost_flow.h"

namespace statecraft::corridor {

namespace {

constexpr double kEpsilon = 1e-9;

// Where an arc of one commodity's flow graph comes from.
struct ArcOrigin {
  enum class Kind { edge_forward, edge_backward, source_to_demand, demand_to_origin, demand_unmet, to_sink };
  Kind kind;
  std::size_t index;  // edge index or demand index
};

void add_unique(std::vector<std::string>& list, const std::string& value) {
  if (!value.empty() && std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

// Splits the flow of one commodity into paths, one demand at a time, and calls
// `on_path(demand, arcs_of_path, amount)` for each. Cycles met on the way carry no
// goods anywhere and are cancelled.
template <typename OnPath>
void decompose(std::size_t node_count, const std::vector<FlowArc>& arcs, std::vector<double> flow,
               const std::vector<std::size_t>& demand_nodes, std::size_t sink, OnPath on_path) {
  std::vector<std::vector<std::size_t>> out(node_count);
  for (std::size_t k = 0; k < arcs.size(); ++k) {
    if (flow[k] > kEpsilon) out[arcs[k].from].push_back(k);
  }
  std::vector<std::size_t> next(node_count, 0);  // first arc of out[v] that may still carry flow
  std::vector<std::size_t> path;
  std::vector<std::size_t> position(node_count, std::numeric_limits<std::size_t>::max());
  for (std::size_t d = 0; d < demand_nodes.size(); ++d) {
    const std::size_t start = demand_nodes[d];
    while (true) {
      path.clear();
      std::vector<std::size_t> visited{start};
      position[start] = 0;
      std::size_t v = start;
      bool stuck = false;
      while (v != sink) {
        while (next[v] < out[v].size() && flow[out[v][next[v]]] <= kEpsilon) ++next[v];
        if (next[v] == out[v].size()) {
          stuck = true;
          break;
        }
        const std::size_t k = out[v][next[v]];
        const std::size_t w = arcs[k].to;
        if (position[w] != std::numeric_limits<std::size_t>::max()) {
          // A cycle from w back to w: cancel its smallest flow and walk again from w.
          double smallest = flow[k];
          for (std::size_t i = position[w]; i < path.size(); ++i) smallest = std::min(smallest, flow[path[i]]);
          for (std::size_t i = position[w]; i < path.size(); ++i) flow[path[i]] -= smallest;
          flow[k] -= smallest;
          for (std::size_t i = position[w] + 1; i < visited.size(); ++i) {
            position[visited[i]] = std::numeric_limits<std::size_t>::max();
          }
          visited.resize(position[w] + 1);
          path.resize(position[w]);
          v = w;
          continue;
        }
        path.push_back(k);
        position[w] = path.size();
        visited.push_back(w);
        v = w;
      }
      for (std::size_t u : visited) position[u] = std::numeric_limits<std::size_t>::max();
      if (stuck || path.empty()) break;
      double amount = std::numeric_limits<double>::infinity();
      for (std::size_t k : path) amount = std::min(amount, flow[k]);
      for (std::size_t k : path) flow[k] -= amount;
      on_path(d, path, amount);
    }
  }
}

}  // namespace

RoutingParameters RoutingParameters::from(const Parameters& parameters) {
  RoutingParameters p;
  p.security = SecurityParameters::from(parameters);
  p.unmet_value_share = parameters.get("corridor.unmet_value_share");
  return p;
}

const CountryResult* CorridorResult::find_country(const std::string& id) const {
  for (const auto& c : countries) {
    if (c.country == id) return &c;
  }
  return nullptr;
}

const EdgeResult* CorridorResult::find_edge(const std::string& id) const {
  for (const auto& e : edges) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

CorridorResult route(const Network& network, const RoutingParameters& parameters, const Shocks& shocks) {
  const std::vector<double> risks = edge_risks(network, shocks);  // also checks the shocks
  std::unordered_map<std::string, std::size_t> node_index;
  for (std::size_t i = 0; i < network.nodes.size(); ++i) node_index.emplace(network.nodes[i].id, i);
  auto index_of = [&](const std::string& id) {
    auto it = node_index.find(id);
    if (it == node_index.end()) throw PreconditionError("unknown node '" + id + "'");
    return it->second;
  };
  auto is_closed = [&](const std::string& id) {
    return std::find(shocks.closed.begin(), shocks.closed.end(), id) != shocks.closed.end();
  };

  CorridorResult result;
  std::vector<std::string> countries;
  for (const auto& n : network.nodes) add_unique(countries, n.country);
  for (const auto& e : network.edges) add_unique(countries, e.country);

  const std::size_t node_count = network.nodes.size();
  std::vector<double> remaining_forward(network.edges.size());
  std::vector<double> remaining_backward(network.edges.size());
  for (std::size_t e = 0; e < network.edges.size(); ++e) {
    const Edge& edge = network.edges[e];
    EdgeResult out;
    out.id = edge.id;
    out.risk = risks[e];
    out.open = edge.open && !is_closed(edge.id) && !is_closed(edge.from) && !is_closed(edge.to);
    out.cost_per_unit = adjusted_cost(edge.cost_per_unit.value, risks[e], parameters.security);
    out.capacity = out.open ? adjusted_capacity(edge.capacity.value, risks[e], parameters.security) : 0.0;
    remaining_forward[e] = out.capacity;
    remaining_backward[e] = edge.bidirectional ? out.capacity : 0.0;
    result.edges.push_back(std::move(out));
  }
  for (const auto& d : network.demands) {
    DemandResult out;
    out.id = d.id;
    out.volume = d.volume.value;
    result.demands.push_back(std::move(out));
  }

  // Commodities: demands grouped by destination, in order of first appearance.
  std::vector<std::size_t> destinations;
  for (const auto& d : network.demands) {
    const std::size_t t = index_of(d.to);
    index_of(d.from);
    if (std::find(destinations.begin(), destinations.end(), t) == destinations.end()) destinations.push_back(t);
  }

  std::map<std::string, double> transit_volume;
  std::map<std::string, double> transit_value;
  for (const std::size_t destination : destinations) {
    std::vector<std::size_t> members;
    for (std::size_t i = 0; i < network.demands.size(); ++i) {
      const Demand& d = network.demands[i];
      if (index_of(d.to) != destination || d.volume.value <= 0.0) continue;
      if (d.from == d.to) {  // nothing to move
        result.demands[i].delivered = d.volume.value;
        continue;
      }
      members.push_back(i);
    }
    if (members.empty()) continue;
    // Nodes: network nodes, one per demand, then source and sink.
    const std::size_t source = node_count + members.size();
    const std::size_t sink = source + 1;
    std::vector<FlowArc> arcs;
    std::vector<ArcOrigin> origin;
    for (std::size_t e = 0; e < network.edges.size(); ++e) {
      const Edge& edge = network.edges[e];
      const double cost = result.edges[e].cost_per_unit;
      if (remaining_forward[e] > kEpsilon) {
        arcs.push_back({index_of(edge.from), index_of(edge.to), remaining_forward[e], cost});
        origin.push_back({ArcOrigin::Kind::edge_forward, e});
      }
      if (remaining_backward[e] > kEpsilon) {
        arcs.push_back({index_of(edge.to), index_of(edge.from), remaining_backward[e], cost});
        origin.push_back({ArcOrigin::Kind::edge_backward, e});
      }
    }
    double total = 0.0;
    std::vector<std::size_t> demand_nodes;
    for (std::size_t m = 0; m < members.size(); ++m) {
      const Demand& d = network.demands[members[m]];
      const std::size_t aux = node_count + m;
      demand_nodes.push_back(aux);
      total += d.volume.value;
      arcs.push_back({source, aux, d.volume.value, 0.0});
      origin.push_back({ArcOrigin::Kind::source_to_demand, members[m]});
      arcs.push_back({aux, index_of(d.from), d.volume.value, 0.0});
      origin.push_back({ArcOrigin::Kind::demand_to_origin, members[m]});
      const double penalty = d.value_usd_per_unit.value * parameters.unmet_value_share;
      if (penalty > 0.0) {
        arcs.push_back({aux, sink, d.volume.value, penalty});
        origin.push_back({ArcOrigin::Kind::demand_unmet, members[m]});
      }
    }
    arcs.push_back({destination, sink, total, 0.0});
    origin.push_back({ArcOrigin::Kind::to_sink, 0});

    const FlowSolution solution = min_cost_flow(sink + 1, arcs, source, sink, total);
    result.augmentations += solution.augmentations;
    for (std::size_t k = 0; k < arcs.size(); ++k) {
      const double f = solution.arc_flow[k];
      if (f <= 0.0) continue;
      const std::size_t e = origin[k].index;
      if (origin[k].kind == ArcOrigin::Kind::edge_forward) {
        result.edges[e].flow_forward += f;
        remaining_forward[e] = std::max(0.0, remaining_forward[e] - f);
      } else if (origin[k].kind == ArcOrigin::Kind::edge_backward) {
        result.edges[e].flow_backward += f;
        remaining_backward[e] = std::max(0.0, remaining_backward[e] - f);
      }
    }

    decompose(sink + 1, arcs, solution.arc_flow, demand_nodes, sink,
              [&](std::size_t m, const std::vector<std::size_t>& path, double amount) {
                const std::size_t i = members[m];
                const Demand& d = network.demands[i];
                DemandResult& out = result.demands[i];
                if (origin[path[0]].kind == ArcOrigin::Kind::demand_unmet) return;  // counted below
                std::vector<std::string> crossed;
                double cost = 0.0;
                for (std::size_t k : path) {
                  const auto kind = origin[k].kind;
                  if (kind != ArcOrigin::Kind::edge_forward && kind != ArcOrigin::Kind::edge_backward) continue;
                  const Edge& edge = network.edges[origin[k].index];
                  cost += arcs[k].cost;
                  const bool forward = kind == ArcOrigin::Kind::edge_forward;
                  add_unique(crossed, network.nodes[index_of(forward ? edge.from : edge.to)].country);
                  add_unique(crossed, edge.country);
                  add_unique(crossed, network.nodes[index_of(forward ? edge.to : edge.from)].country);
                }
                out.delivered += amount;
                out.routing_cost_usd += cost * amount;
                for (const auto& c : crossed) add_unique(out.countries_crossed, c);
                const std::string& origin_country = network.nodes[index_of(d.from)].country;
                const std::string& destination_country = network.nodes[index_of(d.to)].country;
                for (const auto& c : crossed) {
                  if (c == origin_country || c == destination_country) continue;
                  transit_volume[c] += amount;
                  transit_value[c] += amount * d.value_usd_per_unit.value;
                }
              });
  }

  double delivered_value = 0.0;
  std::map<std::string, double> burden;
  for (std::size_t i = 0; i < network.demands.size(); ++i) {
    const Demand& d = network.demands[i];
    DemandResult& out = result.demands[i];
    out.unmet = std::max(0.0, out.volume - out.delivered);
    if (out.unmet <= kEpsilon * std::max(1.0, out.volume)) out.unmet = 0.0;
    out.cost_per_unit = out.delivered > 0.0 ? out.routing_cost_usd / out.delivered : 0.0;
    result.total_cost += out.routing_cost_usd;
    result.delivered += out.delivered;
    result.unmet += out.unmet;
    delivered_value += out.delivered * d.value_usd_per_unit.value;
    const double cost = out.routing_cost_usd + out.unmet * d.value_usd_per_unit.value * parameters.unmet_value_share;
    const std::string& a = network.nodes[index_of(d.from)].country;
    const std::string& b = network.nodes[index_of(d.to)].country;
    if (!a.empty() && !b.empty() && a != b) {
      burden[a] += cost / 2.0;
      burden[b] += cost / 2.0;
    } else if (!a.empty() || !b.empty()) {
      burden[a.empty() ? b : a] += cost;
    }
  }
  std::map<std::string, double> earnings;
  for (std::size_t e = 0; e < network.edges.size(); ++e) {
    EdgeResult& out = result.edges[e];
    out.flow = out.flow_forward + out.flow_backward;
    if (!network.edges[e].country.empty()) earnings[network.edges[e].country] += out.flow * out.cost_per_unit;
  }
  for (const auto& c : countries) {
    CountryResult out;
    out.country = c;
    out.transit_volume = transit_volume[c];
    out.transit_value_usd = transit_value[c];
    out.hub_share = result.delivered > 0.0 ? out.transit_volume / result.delivered : 0.0;
    out.value_share = delivered_value > 0.0 ? out.transit_value_usd / delivered_value : 0.0;
    out.earnings_usd = earnings[c];
    out.burden_usd = burden[c];
    out.net_cost_usd = out.burden_usd - out.earnings_usd;
    result.countries.push_back(std::move(out));
  }
  return result;
}

std::map<std::string, double> shock_cost(const CorridorResult& base, const CorridorResult& shocked) {
  std::map<std::string, double> out;
  for (const auto& c : shocked.countries) {
    const CountryResult* before = base.find_country(c.country);
    out[c.country] = c.net_cost_usd - (before != nullptr ? before->net_cost_usd : 0.0);
  }
  return out;
}

}  // namespace statecraft::corridor
