// Minimum-cost flow on a directed graph with capacities: the routing core of the
// corridor engine, kept free of any corridor notion so it can be tested against brute
// force on its own.
//
// Algorithm: successive shortest paths with node potentials (Edmonds & Karp 1972;
// Tomizawa 1971; textbook form in Ahuja, Magnanti & Orlin, "Network Flows", 1993,
// §9.7). Each round runs Dijkstra on reduced costs c(u,v) + pi(u) - pi(v), which stay
// non-negative, sends as much as the cheapest path allows, and updates the potentials.
// Dijkstra stops as soon as the sink is settled; only the settled nodes then get
// pi(v) += dist(v) - dist(sink) (every other node's shift is 0: the same as the textbook
// pi(v) += min(dist(v), dist(sink)) up to a constant, which reduced costs ignore), so a
// round costs what Dijkstra touched, not O(nodes).
//
// Layout: the residual graph is built once in compressed-row (CSR) form: the arcs
// leaving a node are contiguous, each arc stores its head, cost, residual capacity and
// the index of its reverse arc. The heap is a binary heap with lazy deletion (a node is
// pushed again when its label falls; stale entries are skipped when popped), which
// avoids decrease-key. All scratch arrays are members, so repeated solves on the same
// graph (the corridor engine solves one per commodity) allocate nothing.
//
// Complexity: O(R (A + N) log N) for R augmentations, A arcs and N nodes. With
// integral capacities R <= the flow sent; in practice R is the number of distinct
// bottlenecks met, a few per origin-destination pair in a corridor network.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
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

// A residual graph built once and solved many times with different capacities.
class MinCostFlow {
 public:
  // Throws PreconditionError on a negative or undefined cost or capacity, an infinite
  // cost, an arc naming a node outside [0, node_count), or more than 2^31 nodes or arcs.
  MinCostFlow(std::size_t node_count, std::span<const FlowArc> arcs);

  // Clears all flow and potentials and gives input arc k capacity capacities[k]
  // (>= 0, may be +infinity). Costs keep their construction values. O(arcs).
  void reset(std::span<const double> capacities);

  // Clears the flow of every arc that carries any and the potentials, keeping
  // capacities. O(arcs used + nodes), so solving many small commodities on one large
  // graph does not pay O(arcs) each time.
  void clear_flow();

  // Gives input arc k capacity `capacity` (>= its current flow). Only between clear_flow
  // (or reset) and the next send: potentials then are zero, so any capacity is valid.
  void set_capacity(std::size_t k, double capacity);

  // Sends up to `amount` more units from `source` to `sink` at least extra cost, on top
  // of the flow already sent since the last reset (successive shortest paths keep the
  // flow optimal for its value, so several sends equal one send of the sum). Returns
  // the amount sent: less than `amount` only when no more can reach the sink.
  double send(std::size_t source, std::size_t sink, double amount);

  // Flow on input arc k.
  [[nodiscard]] double flow(std::size_t k) const { return arcs_[arcs_[position_[k]].mate].residual; }
  // Input arcs that may carry flow since the last reset or clear_flow (each once).
  [[nodiscard]] std::span<const std::uint32_t> used_arcs() const { return used_; }
  [[nodiscard]] std::size_t node_count() const { return node_count_; }
  [[nodiscard]] std::size_t arc_count() const { return position_.size(); }
  [[nodiscard]] std::size_t augmentations() const { return augmentations_; }

 private:
  bool shortest_path(std::uint32_t source, std::uint32_t sink);

  // One residual arc; 24 bytes so a node's arcs share cache lines.
  struct Arc {
    std::uint32_t head;
    std::uint32_t mate;  // index of the reverse arc
    double cost;         // reverse arcs carry the negated cost
    double residual;
  };

  std::size_t node_count_ = 0;
  // Residual arcs in CSR order: arcs leaving v are [first_[v], first_[v + 1]).
  std::vector<std::uint32_t> first_;
  std::vector<Arc> arcs_;
  std::vector<std::uint32_t> position_;  // input arc k -> its forward residual arc
  std::vector<std::uint32_t> input_;     // residual arc -> its input arc
  std::vector<std::uint32_t> used_;      // input arcs touched by an augmentation
  std::vector<char> is_used_;
  // Scratch for Dijkstra, sized once.
  std::vector<double> potential_;
  std::vector<double> distance_;
  std::vector<std::uint32_t> parent_arc_;
  std::vector<char> state_;             // 0 untouched, 1 labelled, 2 settled
  std::vector<std::uint32_t> touched_;  // nodes labelled in this round (to reset cheaply)
  std::vector<std::pair<double, std::uint32_t>> heap_;
  std::size_t augmentations_ = 0;
};

// Sends up to `amount` units from `source` to `sink` at the least total cost; sends
// less only when no more can reach the sink (then the result is a min-cost max-flow).
// Throws PreconditionError on a negative cost or capacity, or an out-of-range node.
FlowSolution min_cost_flow(std::size_t node_count, std::span<const FlowArc> arcs, std::size_t source,
                           std::size_t sink, double amount);

}  // namespace statecraft::corridor
