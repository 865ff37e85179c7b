// Min-cost flow against textbook instances and against brute force on random small graphs.
#include "corridor/min_cost_flow.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "core/error.h"

namespace statecraft::corridor {
namespace {

// Flow conservation and capacity: what a feasible flow must satisfy.
void expect_feasible(std::size_t n, const std::vector<FlowArc>& arcs, const FlowSolution& s,
                     std::size_t source, std::size_t sink) {
  std::vector<double> balance(n, 0.0);
  for (std::size_t k = 0; k < arcs.size(); ++k) {
    EXPECT_GE(s.arc_flow[k], -1e-9);
    EXPECT_LE(s.arc_flow[k], arcs[k].capacity + 1e-9);
    balance[arcs[k].from] -= s.arc_flow[k];
    balance[arcs[k].to] += s.arc_flow[k];
  }
  for (std::size_t v = 0; v < n; ++v) {
    const double expected = v == source ? -s.flow : v == sink ? s.flow : 0.0;
    EXPECT_NEAR(balance[v], expected, 1e-7) << "node " << v;
  }
}

TEST(MinCostFlow, PrefersTheCheaperPathUntilItIsFull) {
  // 0 -> 1 -> 3 costs 2 per unit (capacity 4); 0 -> 2 -> 3 costs 5 (capacity 10).
  std::vector<FlowArc> arcs{{0, 1, 4, 1}, {1, 3, 4, 1}, {0, 2, 10, 2}, {2, 3, 10, 3}};
  FlowSolution s = min_cost_flow(4, arcs, 0, 3, 6);
  EXPECT_DOUBLE_EQ(s.flow, 6);
  EXPECT_DOUBLE_EQ(s.arc_flow[0], 4);
  EXPECT_DOUBLE_EQ(s.arc_flow[2], 2);
  EXPECT_DOUBLE_EQ(s.cost, 4 * 2 + 2 * 5);
  expect_feasible(4, arcs, s, 0, 3);
}

TEST(MinCostFlow, NeedsTheReverseArcToReachTheOptimum) {
  // The classic instance where the first shortest path (0-1-2-3, cost 3) must be partly
  // undone: the optimum for 2 units is 0-1-3 and 0-2-3, cost 4 + 4 = 8 (Ahuja et al. style).
  std::vector<FlowArc> arcs{{0, 1, 1, 1}, {0, 2, 1, 3}, {1, 2, 1, 1}, {1, 3, 1, 3}, {2, 3, 1, 1}};
  FlowSolution s = min_cost_flow(4, arcs, 0, 3, 2);
  EXPECT_DOUBLE_EQ(s.flow, 2);
  EXPECT_DOUBLE_EQ(s.cost, 8);
  EXPECT_DOUBLE_EQ(s.arc_flow[2], 0);  // the middle arc was cancelled
  expect_feasible(4, arcs, s, 0, 3);
}

TEST(MinCostFlow, SendsWhatFitsWhenTheSinkIsCutOff) {
  std::vector<FlowArc> arcs{{0, 1, 3, 1}, {1, 2, 2, 1}};
  FlowSolution s = min_cost_flow(3, arcs, 0, 2, 10);
  EXPECT_DOUBLE_EQ(s.flow, 2);
  EXPECT_DOUBLE_EQ(s.cost, 4);
  FlowSolution none = min_cost_flow(3, std::vector<FlowArc>{{0, 1, 3, 1}}, 0, 2, 10);
  EXPECT_DOUBLE_EQ(none.flow, 0);
}

TEST(MinCostFlow, UnlimitedCapacityAndFractions) {
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<FlowArc> arcs{{0, 1, inf, 0.5}, {1, 2, 2.5, 1}, {0, 2, inf, 4}};
  FlowSolution s = min_cost_flow(3, arcs, 0, 2, 3.25);
  EXPECT_DOUBLE_EQ(s.flow, 3.25);
  EXPECT_DOUBLE_EQ(s.arc_flow[1], 2.5);
  EXPECT_DOUBLE_EQ(s.arc_flow[2], 0.75);
  EXPECT_DOUBLE_EQ(s.cost, 2.5 * 1.5 + 0.75 * 4);
}

TEST(MinCostFlow, RejectsNegativeCostsAndBadNodes) {
  EXPECT_THROW(min_cost_flow(2, std::vector<FlowArc>{{0, 1, 1, -1}}, 0, 1, 1), PreconditionError);
  EXPECT_THROW(min_cost_flow(2, std::vector<FlowArc>{{0, 5, 1, 1}}, 0, 1, 1), PreconditionError);
  EXPECT_THROW(min_cost_flow(2, std::vector<FlowArc>{}, 0, 2, 1), PreconditionError);
}

// Brute force for integral data: the min-cost flow of value F is found by enumerating
// every integral flow vector within capacities (tiny graphs only) and keeping the
// cheapest that conserves flow and sends the most possible up to `amount`.
struct Brute {
  double best_flow = -1;
  double best_cost = 0;
};

void enumerate(const std::vector<FlowArc>& arcs, std::size_t n, std::size_t source, std::size_t sink,
               int amount, std::size_t k, std::vector<int>& flow, Brute& out) {
  if (k == arcs.size()) {
    std::vector<int> balance(n, 0);
    for (std::size_t i = 0; i < arcs.size(); ++i) {
      balance[arcs[i].from] -= flow[i];
      balance[arcs[i].to] += flow[i];
    }
    for (std::size_t v = 0; v < n; ++v) {
      if (v != source && v != sink && balance[v] != 0) return;
    }
    const int sent = balance[sink];
    if (sent < 0 || sent > amount || balance[source] != -sent) return;
    double cost = 0;
    for (std::size_t i = 0; i < arcs.size(); ++i) cost += flow[i] * arcs[i].cost;
    if (sent > out.best_flow || (sent == out.best_flow && cost < out.best_cost)) {
      out.best_flow = sent;
      out.best_cost = cost;
    }
    return;
  }
  for (int f = 0; f <= static_cast<int>(arcs[k].capacity); ++f) {
    flow[k] = f;
    enumerate(arcs, n, source, sink, amount, k + 1, flow, out);
  }
}

RC_GTEST_PROP(MinCostFlowProperty, EqualsBruteForceOnSmallGraphs, ()) {
  const auto n = *rc::gen::inRange<std::size_t>(2, 5);
  const auto m = *rc::gen::inRange<std::size_t>(1, 7);
  std::vector<FlowArc> arcs;
  for (std::size_t k = 0; k < m; ++k) {
    const auto from = *rc::gen::inRange<std::size_t>(0, n);
    auto to = *rc::gen::inRange<std::size_t>(0, n - 1);
    if (to >= from) ++to;  // no self-loops
    arcs.push_back({from, to, static_cast<double>(*rc::gen::inRange(0, 3)),
                    static_cast<double>(*rc::gen::inRange(0, 6))});
  }
  const int amount = *rc::gen::inRange(0, 7);
  const std::size_t sink = n - 1;
  FlowSolution s = min_cost_flow(n, arcs, 0, sink, amount);
  Brute brute;
  std::vector<int> flow(arcs.size(), 0);
  enumerate(arcs, n, 0, sink, amount, 0, flow, brute);
  RC_ASSERT(std::abs(s.flow - brute.best_flow) < 1e-9);
  RC_ASSERT(std::abs(s.cost - brute.best_cost) < 1e-9);
  double cost = 0;
  for (std::size_t k = 0; k < arcs.size(); ++k) {
    RC_ASSERT(s.arc_flow[k] >= -1e-12 && s.arc_flow[k] <= arcs[k].capacity + 1e-12);
    cost += s.arc_flow[k] * arcs[k].cost;
  }
  RC_ASSERT(std::abs(cost - s.cost) < 1e-9);
}

// Reusing one graph (clear_flow, then new capacities) must give what a fresh solve gives:
// the sequential corridor routing depends on it.
RC_GTEST_PROP(MinCostFlowProperty, ReusedGraphEqualsFreshSolve, ()) {
  const auto n = *rc::gen::inRange<std::size_t>(2, 7);
  const auto m = *rc::gen::inRange<std::size_t>(1, 12);
  std::vector<FlowArc> arcs;
  for (std::size_t k = 0; k < m; ++k) {
    const auto from = *rc::gen::inRange<std::size_t>(0, n);
    auto to = *rc::gen::inRange<std::size_t>(0, n - 1);
    if (to >= from) ++to;
    arcs.push_back({from, to, static_cast<double>(*rc::gen::inRange(0, 5)),
                    static_cast<double>(*rc::gen::inRange(0, 9))});
  }
  MinCostFlow graph(n, arcs);
  std::vector<double> capacity;
  for (const auto& a : arcs) capacity.push_back(a.capacity);
  graph.reset(capacity);
  for (int round = 0; round < 3; ++round) {
    const auto source = *rc::gen::inRange<std::size_t>(0, n);
    const auto sink = *rc::gen::inRange<std::size_t>(0, n);
    const double amount = *rc::gen::inRange(0, 9);
    std::vector<FlowArc> fresh_arcs = arcs;
    for (std::size_t k = 0; k < arcs.size(); ++k) fresh_arcs[k].capacity = capacity[k];
    const FlowSolution fresh = min_cost_flow(n, fresh_arcs, source, sink, amount);
    const double sent = graph.send(source, sink, amount);
    RC_ASSERT(std::abs(sent - fresh.flow) < 1e-9);
    double cost = 0.0;
    for (std::size_t k = 0; k < arcs.size(); ++k) cost += graph.flow(k) * arcs[k].cost;
    RC_ASSERT(std::abs(cost - fresh.cost) < 1e-9);
    for (std::size_t k = 0; k < arcs.size(); ++k) {
      const bool listed =
          std::find(graph.used_arcs().begin(), graph.used_arcs().end(), k) != graph.used_arcs().end();
      RC_ASSERT(graph.flow(k) <= 1e-12 || listed);  // every arc with flow is reported as used
    }
    // Next round: what this round used is taken away, as sequential routing does.
    std::vector<double> used(arcs.size());
    for (std::size_t k = 0; k < arcs.size(); ++k) used[k] = graph.flow(k);
    graph.clear_flow();
    for (std::size_t k = 0; k < arcs.size(); ++k) {
      RC_ASSERT(graph.flow(k) == 0.0);
      capacity[k] = std::max(0.0, capacity[k] - used[k]);
      graph.set_capacity(k, capacity[k]);
    }
  }
}

}  // namespace
}  // namespace statecraft::corridor
