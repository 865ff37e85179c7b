#include "corridor/min_cost_flow.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <queue>
#include <string>
#include <utility>

#include "core/error.h"

namespace statecraft::corridor {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
// Residual capacities below this are treated as used up. Flows here are volumes in the
// units of a scenario (thousand tonnes, trucks); 1e-9 of a unit is far below meaning.
constexpr double kCapacityEpsilon = 1e-9;

// The residual graph: arc 2k is input arc k, arc 2k+1 its reverse.
struct ResidualGraph {
  std::vector<std::size_t> head;      // target node of each residual arc
  std::vector<double> residual;       // remaining capacity
  std::vector<double> cost;           // cost per unit (reverse arcs: negated)
  std::vector<std::size_t> first;     // CSR: arcs leaving node v are order[first[v] .. first[v+1])
  std::vector<std::size_t> order;
};

ResidualGraph build(std::size_t node_count, std::span<const FlowArc> arcs) {
  ResidualGraph g;
  g.head.resize(2 * arcs.size());
  g.residual.resize(2 * arcs.size());
  g.cost.resize(2 * arcs.size());
  std::vector<std::size_t> tail(2 * arcs.size());
  for (std::size_t k = 0; k < arcs.size(); ++k) {
    const FlowArc& a = arcs[k];
    if (a.from >= node_count || a.to >= node_count) {
      throw PreconditionError("flow arc " + std::to_string(k) + " names a node outside the graph");
    }
    if (!(a.capacity >= 0.0) || !(a.cost >= 0.0) || std::isinf(a.cost)) {
      throw PreconditionError("flow arc " + std::to_string(k) + " has a negative or undefined capacity or cost");
    }
    g.head[2 * k] = a.to;
    g.residual[2 * k] = a.capacity;
    g.cost[2 * k] = a.cost;
    tail[2 * k] = a.from;
    g.head[2 * k + 1] = a.from;
    g.residual[2 * k + 1] = 0.0;
    g.cost[2 * k + 1] = -a.cost;
    tail[2 * k + 1] = a.to;
  }
  g.first.assign(node_count + 1, 0);
  for (std::size_t t : tail) ++g.first[t + 1];
  for (std::size_t v = 0; v < node_count; ++v) g.first[v + 1] += g.first[v];
  g.order.resize(tail.size());
  std::vector<std::size_t> fill(g.first.begin(), g.first.end() - 1);
  for (std::size_t r = 0; r < tail.size(); ++r) g.order[fill[tail[r]]++] = r;
  return g;
}

}  // namespace

FlowSolution min_cost_flow(std::size_t node_count, std::span<const FlowArc> arcs, std::size_t source,
                           std::size_t sink, double amount) {
  if (source >= node_count || sink >= node_count) throw PreconditionError("source or sink outside the graph");
  if (!(amount >= 0.0)) throw PreconditionError("amount to send must be >= 0");
  FlowSolution solution;
  solution.arc_flow.assign(arcs.size(), 0.0);
  if (source == sink || amount <= kCapacityEpsilon) return solution;

  ResidualGraph g = build(node_count, arcs);
  std::vector<double> potential(node_count, 0.0);
  std::vector<double> distance(node_count);
  std::vector<std::size_t> parent_arc(node_count);
  std::vector<char> settled(node_count);
  using Entry = std::pair<double, std::size_t>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;

  double remaining = amount;
  while (remaining > kCapacityEpsilon) {
    std::fill(distance.begin(), distance.end(), kInfinity);
    std::fill(settled.begin(), settled.end(), 0);
    distance[source] = 0.0;
    queue.push({0.0, source});
    while (!queue.empty()) {
      auto [d, u] = queue.top();
      queue.pop();
      if (settled[u] != 0) continue;
      settled[u] = 1;
      if (u == sink) break;  // everything cheaper than the sink is settled; that is all we need
      for (std::size_t i = g.first[u]; i < g.first[u + 1]; ++i) {
        const std::size_t r = g.order[i];
        if (g.residual[r] <= kCapacityEpsilon) continue;
        const std::size_t v = g.head[r];
        if (settled[v] != 0) continue;
        // Reduced costs are >= 0 in exact arithmetic; clamp rounding noise so Dijkstra's
        // invariant holds.
        const double reduced = std::max(0.0, g.cost[r] + potential[u] - potential[v]);
        if (d + reduced < distance[v]) {
          distance[v] = d + reduced;
          parent_arc[v] = r;
          queue.push({distance[v], v});
        }
      }
    }
    while (!queue.empty()) queue.pop();
    if (settled[sink] == 0) break;  // the sink cannot be reached: send what we have
    const double sink_distance = distance[sink];
    for (std::size_t v = 0; v < node_count; ++v) potential[v] += std::min(distance[v], sink_distance);

    double bottleneck = remaining;
    for (std::size_t v = sink; v != source; v = g.head[parent_arc[v] ^ 1U]) {
      bottleneck = std::min(bottleneck, g.residual[parent_arc[v]]);
    }
    for (std::size_t v = sink; v != source; v = g.head[parent_arc[v] ^ 1U]) {
      const std::size_t r = parent_arc[v];
      if (!std::isinf(g.residual[r])) g.residual[r] -= bottleneck;
      g.residual[r ^ 1U] += bottleneck;
    }
    remaining -= bottleneck;
    ++solution.augmentations;
  }

  for (std::size_t k = 0; k < arcs.size(); ++k) {
    // The reverse arc's residual is exactly the flow pushed along the forward arc.
    const double flow = g.residual[2 * k + 1];
    solution.arc_flow[k] = flow;
    solution.cost += flow * arcs[k].cost;
  }
  solution.flow = amount - std::max(remaining, 0.0);
  if (remaining <= kCapacityEpsilon) solution.flow = amount;
  return solution;
}

}  // namespace statecraft::corridor
