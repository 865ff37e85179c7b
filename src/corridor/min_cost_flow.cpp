#include "corridor/min_cost_flow.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <string>

#include "core/error.h"

namespace statecraft::corridor {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
// Residual capacities below this are treated as used up. Flows here are volumes in the
// units of a scenario (thousand tonnes, trucks); 1e-9 of a unit is far below meaning.
constexpr double kCapacityEpsilon = 1e-9;

constexpr char kUntouched = 0;
constexpr char kLabelled = 1;
constexpr char kSettled = 2;

void check_capacity(std::size_t k, double capacity) {
  if (!(capacity >= 0.0)) {
    throw PreconditionError("flow arc " + std::to_string(k) + " has a negative or undefined capacity");
  }
}

}  // namespace

MinCostFlow::MinCostFlow(std::size_t node_count, std::span<const FlowArc> arcs) : node_count_(node_count) {
  const std::size_t m = arcs.size();
  constexpr std::size_t kLimit = std::size_t{1} << 31U;
  if (node_count >= kLimit || m >= kLimit / 2)
    throw PreconditionError("flow graph too large (2^31 nodes or arcs)");
  first_.assign(node_count + 1, 0);
  for (std::size_t k = 0; k < m; ++k) {
    const FlowArc& a = arcs[k];
    if (a.from >= node_count || a.to >= node_count) {
      throw PreconditionError("flow arc " + std::to_string(k) + " names a node outside the graph");
    }
    check_capacity(k, a.capacity);
    if (!(a.cost >= 0.0) || std::isinf(a.cost)) {
      throw PreconditionError("flow arc " + std::to_string(k) + " has a negative or undefined cost");
    }
    ++first_[a.from + 1];
    ++first_[a.to + 1];
  }
  for (std::size_t v = 0; v < node_count; ++v) first_[v + 1] += first_[v];
  arcs_.resize(2 * m);
  position_.resize(m);
  input_.resize(2 * m);
  std::vector<std::uint32_t> fill(first_.begin(), first_.end() - 1);
  for (std::size_t k = 0; k < m; ++k) {
    const FlowArc& a = arcs[k];
    const std::uint32_t forward = fill[a.from]++;
    const std::uint32_t backward = fill[a.to]++;
    arcs_[forward] = {static_cast<std::uint32_t>(a.to), backward, a.cost, a.capacity};
    arcs_[backward] = {static_cast<std::uint32_t>(a.from), forward, -a.cost, 0.0};
    position_[k] = forward;
    input_[forward] = static_cast<std::uint32_t>(k);
    input_[backward] = static_cast<std::uint32_t>(k);
  }
  is_used_.assign(m, 0);
  potential_.assign(node_count, 0.0);
  distance_.assign(node_count, kInfinity);
  parent_arc_.assign(node_count, 0);
  state_.assign(node_count, kUntouched);
  touched_.reserve(node_count);
  heap_.reserve(node_count);
}

void MinCostFlow::reset(std::span<const double> capacities) {
  if (capacities.size() != position_.size()) throw PreconditionError("reset needs one capacity per arc");
  for (std::size_t k = 0; k < capacities.size(); ++k) {
    check_capacity(k, capacities[k]);
    Arc& forward = arcs_[position_[k]];
    forward.residual = capacities[k];
    arcs_[forward.mate].residual = 0.0;
    is_used_[k] = 0;
  }
  used_.clear();
  std::fill(potential_.begin(), potential_.end(), 0.0);
  augmentations_ = 0;
}

void MinCostFlow::clear_flow() {
  for (std::uint32_t k : used_) {
    Arc& forward = arcs_[position_[k]];
    Arc& backward = arcs_[forward.mate];
    forward.residual += backward.residual;  // back to the capacity (infinity stays infinity)
    backward.residual = 0.0;
    is_used_[k] = 0;
  }
  used_.clear();
  std::fill(potential_.begin(), potential_.end(), 0.0);
  augmentations_ = 0;
}

void MinCostFlow::set_capacity(std::size_t k, double capacity) {
  if (k >= position_.size()) throw PreconditionError("no flow arc " + std::to_string(k));
  check_capacity(k, capacity);
  const double current = flow(k);
  if (capacity < current) throw PreconditionError("capacity below the flow on arc " + std::to_string(k));
  arcs_[position_[k]].residual = capacity - current;
}

// Dijkstra on reduced costs from `source`, stopped once `sink` is settled. On success
// the potentials are updated for the next round and parent_arc_ holds the path.
bool MinCostFlow::shortest_path(std::uint32_t source, std::uint32_t sink) {
  for (std::uint32_t v : touched_) {
    distance_[v] = kInfinity;
    state_[v] = kUntouched;
  }
  touched_.clear();
  heap_.clear();
  const auto later = std::greater<>();
  distance_[source] = 0.0;
  state_[source] = kLabelled;
  touched_.push_back(source);
  heap_.emplace_back(0.0, source);
  bool reached = false;
  while (!heap_.empty()) {
    std::pop_heap(heap_.begin(), heap_.end(), later);
    const auto [d, u] = heap_.back();
    heap_.pop_back();
    if (state_[u] == kSettled || d > distance_[u]) continue;  // a stale entry
    state_[u] = kSettled;
    if (u == sink) {
      reached = true;
      break;  // everything cheaper than the sink is settled; that is all we need
    }
    const double pu = potential_[u];
    for (std::uint32_t r = first_[u], end = first_[u + 1]; r < end; ++r) {
      const Arc& arc = arcs_[r];
      if (arc.residual <= kCapacityEpsilon) continue;
      const std::uint32_t v = arc.head;
      if (state_[v] == kSettled) continue;
      // Reduced costs are >= 0 in exact arithmetic; clamp rounding noise so Dijkstra's
      // invariant holds.
      const double label = d + std::max(0.0, arc.cost + pu - potential_[v]);
      if (label < distance_[v]) {
        if (state_[v] == kUntouched) {
          state_[v] = kLabelled;
          touched_.push_back(v);
        }
        distance_[v] = label;
        parent_arc_[v] = r;
        heap_.emplace_back(label, v);
        std::push_heap(heap_.begin(), heap_.end(), later);
      }
    }
  }
  if (!reached) return false;
  const double sink_distance = distance_[sink];
  for (std::uint32_t v : touched_) {
    if (state_[v] == kSettled) potential_[v] += distance_[v] - sink_distance;
  }
  return true;
}

double MinCostFlow::send(std::size_t source, std::size_t sink, double amount) {
  if (source >= node_count_ || sink >= node_count_)
    throw PreconditionError("source or sink outside the graph");
  if (!(amount >= 0.0)) throw PreconditionError("amount to send must be >= 0");
  if (source == sink) return 0.0;
  const auto s = static_cast<std::uint32_t>(source);
  const auto t = static_cast<std::uint32_t>(sink);
  double remaining = amount;
  while (remaining > kCapacityEpsilon && shortest_path(s, t)) {
    double bottleneck = remaining;
    for (std::uint32_t v = t; v != s; v = arcs_[arcs_[parent_arc_[v]].mate].head) {
      bottleneck = std::min(bottleneck, arcs_[parent_arc_[v]].residual);
    }
    for (std::uint32_t v = t; v != s; v = arcs_[arcs_[parent_arc_[v]].mate].head) {
      const std::uint32_t r = parent_arc_[v];
      arcs_[r].residual -= bottleneck;  // infinity stays infinity
      arcs_[arcs_[r].mate].residual += bottleneck;
      const std::uint32_t k = input_[r];
      if (is_used_[k] == 0) {
        is_used_[k] = 1;
        used_.push_back(k);
      }
    }
    remaining -= bottleneck;
    ++augmentations_;
  }
  return remaining <= kCapacityEpsilon ? amount : amount - remaining;
}

FlowSolution min_cost_flow(std::size_t node_count, std::span<const FlowArc> arcs, std::size_t source,
                           std::size_t sink, double amount) {
  if (source >= node_count || sink >= node_count) throw PreconditionError("source or sink outside the graph");
  if (!(amount >= 0.0)) throw PreconditionError("amount to send must be >= 0");
  MinCostFlow graph(node_count, arcs);
  FlowSolution solution;
  solution.arc_flow.assign(arcs.size(), 0.0);
  if (amount <= kCapacityEpsilon) return solution;
  solution.flow = graph.send(source, sink, amount);
  solution.augmentations = graph.augmentations();
  for (std::size_t k = 0; k < arcs.size(); ++k) {
    // The reverse arc's residual is exactly the flow pushed along the forward arc.
    solution.arc_flow[k] = graph.flow(k);
    solution.cost += solution.arc_flow[k] * arcs[k].cost;
  }
  return solution;
}

}  // namespace statecraft::corridor
