// Minimum-cost flow on a directed graph with capacities: the routing core of the
// corridor engine, kept free of any corridor notion so it can be tested against brute
// force on its own.
//
// Algorithm: successive shortest paths with node potentials (Edmonds & Karp 1972;
// Tomizawa 1971; textbook form in Ahuja, Magnanti & Orlin, "Network Flows", 1993,
// §9.7). Each round runs Dijkstra on reduced costs c(u,v) + pi(u) - pi(v), which stay
// non-negative, sends as much as the cheapest path allows, and updates the potentials.
// Dijkstra stops as soon as the sink is settled; potentials are then raised by
// min(dist(v), dist(sink)), which keeps every residual reduced cost non-negative.
//
// Complexity: O(R (A + N) log N) for R augmentations, A arcs and N nodes. With
// integral capacities R <= the flow sent; in practice R is the number of distinct
// bottlenecks met, a few per origin-destination pair in a corridor network.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace statecraft::corridor {

struct FlowArc {
  std::size_t from = 0;
  std::size_t to = 0;
  double capacity = 0.0;  // >= 0; may be +infinity
  double cost = 0.0;      // per unit of flow, >= 0 (no negative costs: zero potentials start valid)
};

struct FlowSolution {
  std::vector<double> arc_flow;  // one per input arc, in input order
  double flow = 0.0;             // amount sent from source to sink
  double cost = 0.0;             // sum of arc_flow * cost
  std::size_t augmentations = 0;
};

// Sends up to `amount` units from `source` to `sink` at the least total cost; sends
// less only when no more can reach the sink (then the result is a min-cost max-flow).
// Throws PreconditionError on a negative cost or capacity, or an out-of-range node.
FlowSolution min_cost_flow(std::size_t node_count, std::span<const FlowArc> arcs, std::size_t source,
                           std::size_t sink, double amount);

}  // namespace statecraft::corridor
