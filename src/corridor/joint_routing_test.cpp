// All demands solved together: the joint optimum (single-commodity min-cost flow or the
// multi-commodity LP) against sequential routing, brute force and bounds.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "corridor/routing.h"

namespace statecraft::corridor {
namespace {

Figure fig(double v) {
  return Figure{v, "", false};
}

Network nodes(std::size_t n) {
  Network net;
  for (std::size_t i = 0; i < n; ++i)
    net.nodes.push_back({"n" + std::to_string(i), "", "C" + std::to_string(i), "city"});
  return net;
}

void add_edge(Network& net, std::size_t from, std::size_t to, double capacity, double cost,
              bool bidirectional) {
  Edge e;
  e.id = "e" + std::to_string(net.edges.size());
  e.from = "n" + std::to_string(from);
  e.to = "n" + std::to_string(to);
  e.country = "C" + std::to_string(from);
  e.capacity = fig(capacity);
  e.cost_per_unit = fig(cost);
  e.bidirectional = bidirectional;
  net.edges.push_back(std::move(e));
}

void add_demand(Network& net, std::size_t from, std::size_t to, double volume, double value) {
  net.demands.push_back({"d" + std::to_string(net.demands.size()), "n" + std::to_string(from),
                         "n" + std::to_string(to), fig(volume), fig(value)});
}

RoutingParameters with(RoutingMethod method, bool force_lp = false) {
  RoutingParameters p;
  p.method = method;
  p.force_lp = force_lp;
  return p;
}

double objective(const CorridorResult& r) {
  return r.total_cost + r.forgone_value;
}

// What every routing must satisfy: per-direction capacities, delivered + unmet = volume,
// edge cost equal to the demands' routing cost.
void expect_consistent(const Network& net, const CorridorResult& r) {
  double edge_cost = 0.0;
  for (std::size_t e = 0; e < net.edges.size(); ++e) {
    const double cap = net.edges[e].capacity.value;
    EXPECT_LE(r.edges[e].flow_forward, cap + 1e-7) << net.edges[e].id;
    EXPECT_LE(r.edges[e].flow_backward, (net.edges[e].bidirectional ? cap : 0.0) + 1e-7) << net.edges[e].id;
    edge_cost += r.edges[e].flow * r.edges[e].cost_per_unit;
  }
  for (const auto& d : r.demands) EXPECT_NEAR(d.delivered + d.unmet, d.volume, 1e-7) << d.id;
  EXPECT_NEAR(edge_cost, r.total_cost, 1e-6 * std::max(1.0, r.total_cost));
}

// Two flows share the bridge m -> n (capacity 10, cost 1). Demand d0 (a -> b) could also
// go direct at cost 3; demand d1 (c -> d) has no other way and is worth 100 a unit.
// Sequential routing serves d0 first (its destination is listed first), takes the bridge
// and leaves d1 unmet: cost 10 + forgone 1000. Jointly d0 goes direct: 30 + 10 = 40.
Network shared_bridge() {
  Network net = nodes(6);  // a=0 b=1 c=2 d=3 m=4 n=5
  add_edge(net, 0, 4, 10, 0, false);
  add_edge(net, 4, 5, 10, 1, false);
  add_edge(net, 5, 1, 10, 0, false);
  add_edge(net, 2, 4, 10, 0, false);
  add_edge(net, 5, 3, 10, 0, false);
  add_edge(net, 0, 1, 10, 3, false);
  add_demand(net, 0, 1, 10, 100);
  add_demand(net, 2, 3, 10, 100);
  return net;
}

TEST(JointRouting, SequentialIsStrictlyWorseWhenCommoditiesShareABridge) {
  const Network net = shared_bridge();
  const CorridorResult sequential = route(net, with(RoutingMethod::sequential));
  const CorridorResult joint = route(net, with(RoutingMethod::joint));
  EXPECT_EQ(sequential.method, "sequential");
  EXPECT_FALSE(sequential.exact);
  EXPECT_DOUBLE_EQ(sequential.total_cost, 10);
  EXPECT_DOUBLE_EQ(sequential.unmet, 10);
  EXPECT_DOUBLE_EQ(objective(sequential), 1010);
  EXPECT_EQ(joint.method, "lp");
  EXPECT_TRUE(joint.exact);
  EXPECT_NEAR(joint.total_cost, 40, 1e-9);
  EXPECT_NEAR(joint.unmet, 0, 1e-9);
  EXPECT_NEAR(joint.demands[0].cost_per_unit, 3, 1e-9);
  EXPECT_NEAR(joint.demands[1].cost_per_unit, 1, 1e-9);
  EXPECT_NEAR(joint.edges[1].flow, 10, 1e-9);  // the bridge carries d1
  EXPECT_NEAR(joint.edges[5].flow, 10, 1e-9);  // d0 goes direct
  // automatic picks the LP on a network this small.
  EXPECT_EQ(route(net, RoutingParameters{}).method, "lp");
  // With room for both on the bridge the two methods agree.
  Network wide = net;
  wide.edges[1].capacity = fig(20);
  EXPECT_NEAR(objective(route(wide, with(RoutingMethod::joint))),
              objective(route(wide, with(RoutingMethod::sequential))), 1e-9);
}

TEST(JointRouting, DemandsWithoutValueAreDeliveredAsFullyAsPossibleFirst) {
  // The same bridge, goods of no stated value: sequential still strands d1; joint
  // delivers both (moving d0 onto the dearer direct road).
  Network net = shared_bridge();
  for (auto& d : net.demands) d.value_usd_per_unit = fig(0);
  const CorridorResult sequential = route(net, with(RoutingMethod::sequential));
  const CorridorResult joint = route(net, with(RoutingMethod::joint));
  EXPECT_DOUBLE_EQ(sequential.delivered, 10);
  EXPECT_NEAR(joint.delivered, 20, 1e-9);
  EXPECT_NEAR(joint.total_cost, 40, 1e-9);
}

TEST(JointRouting, OneOriginManyDestinationsIsOneCommodity) {
  // From hub 0 to 2 and 3; the cheap link 0 -> 1 (capacity 5) serves either. Sequential
  // gives it all to the first destination; the optimum gives it to the one that saves more.
  Network net = nodes(4);
  add_edge(net, 0, 1, 5, 1, false);
  add_edge(net, 1, 2, 10, 1, false);
  add_edge(net, 1, 3, 10, 1, false);
  add_edge(net, 0, 2, 10, 4, false);   // alternative to 2 costs 4 (saves 2 via the link)
  add_edge(net, 0, 3, 10, 10, false);  // alternative to 3 costs 10 (saves 8)
  add_demand(net, 0, 2, 5, 100);
  add_demand(net, 0, 3, 5, 100);
  const CorridorResult joint = route(net, with(RoutingMethod::joint));
  const CorridorResult lp = route(net, with(RoutingMethod::joint, true));
  const CorridorResult sequential = route(net, with(RoutingMethod::sequential));
  EXPECT_EQ(joint.method, "single_commodity");
  EXPECT_EQ(lp.method, "lp");
  EXPECT_DOUBLE_EQ(joint.total_cost, 5 * 4 + 5 * 2);
  EXPECT_NEAR(lp.total_cost, joint.total_cost, 1e-9);
  EXPECT_DOUBLE_EQ(sequential.total_cost, 5 * 2 + 5 * 10);
  EXPECT_DOUBLE_EQ(joint.demands[1].cost_per_unit, 2);
  expect_consistent(net, joint);
  expect_consistent(net, lp);
}

// Brute force over integral flows, one commodity per demand, one-way edges: the least
// routing cost plus forgone value. Tiny graphs only.
struct BruteForce {
  const Network& net;
  std::vector<std::size_t> from, to;
  std::vector<int> cap;
  std::vector<double> cost;
  std::vector<std::vector<int>> flow;  // [demand][edge]
  double best = std::numeric_limits<double>::infinity();

  explicit BruteForce(const Network& n) : net(n) {
    for (const auto& e : n.edges) {
      from.push_back(std::stoul(e.from.substr(1)));
      to.push_back(std::stoul(e.to.substr(1)));
      cap.push_back(static_cast<int>(e.capacity.value));
      cost.push_back(e.cost_per_unit.value);
    }
    flow.assign(n.demands.size(), std::vector<int>(n.edges.size(), 0));
  }

  void evaluate() {
    double total = 0.0;
    for (std::size_t d = 0; d < net.demands.size(); ++d) {
      std::vector<int> balance(net.nodes.size(), 0);
      for (std::size_t e = 0; e < cost.size(); ++e) {
        balance[from[e]] -= flow[d][e];
        balance[to[e]] += flow[d][e];
        total += flow[d][e] * cost[e];
      }
      const std::size_t o = std::stoul(net.demands[d].from.substr(1));
      const std::size_t t = std::stoul(net.demands[d].to.substr(1));
      const int delivered = balance[t];
      if (delivered < 0 || delivered > static_cast<int>(net.demands[d].volume.value) ||
          balance[o] != -delivered)
        return;
      for (std::size_t v = 0; v < balance.size(); ++v) {
        if (v != o && v != t && balance[v] != 0) return;
      }
      total += (net.demands[d].volume.value - delivered) * net.demands[d].value_usd_per_unit.value;
    }
    best = std::min(best, total);
  }

  void search(std::size_t slot) {
    const std::size_t edges = cost.size();
    if (slot == net.demands.size() * edges) {
      evaluate();
      return;
    }
    const std::size_t d = slot / edges;
    const std::size_t e = slot % edges;
    int used = 0;
    for (std::size_t other = 0; other < d; ++other) used += flow[other][e];
    for (int f = 0; f + used <= cap[e]; ++f) {
      flow[d][e] = f;
      search(slot + 1);
    }
    flow[d][e] = 0;
  }
};

RC_GTEST_PROP(JointRoutingProperty, LpEqualsBruteForceForOneCommodityAndBoundsItOtherwise, ()) {
  const auto n = *rc::gen::inRange<std::size_t>(3, 5);
  const auto m = *rc::gen::inRange<std::size_t>(2, 5);
  Network net = nodes(n);
  for (std::size_t k = 0; k < m; ++k) {
    const auto a = *rc::gen::inRange<std::size_t>(0, n);
    auto b = *rc::gen::inRange<std::size_t>(0, n - 1);
    if (b >= a) ++b;
    add_edge(net, a, b, *rc::gen::inRange(0, 3), *rc::gen::inRange(0, 6), false);
  }
  const auto demands = *rc::gen::inRange<std::size_t>(1, 3);
  for (std::size_t d = 0; d < demands; ++d) {
    const auto a = *rc::gen::inRange<std::size_t>(0, n);
    auto b = *rc::gen::inRange<std::size_t>(0, n - 1);
    if (b >= a) ++b;
    add_demand(net, a, b, *rc::gen::inRange(1, 3), *rc::gen::inRange(1, 12));
  }
  BruteForce brute(net);
  brute.search(0);
  const CorridorResult lp = route(net, with(RoutingMethod::joint, true));
  const CorridorResult joint = route(net, with(RoutingMethod::joint));
  const CorridorResult sequential = route(net, with(RoutingMethod::sequential));
  RC_ASSERT(lp.method == "lp");
  // The LP relaxes the integral problem; with one commodity it is integral (network
  // matrix) and meets brute force exactly, as does min_cost_flow.
  RC_ASSERT(objective(lp) <= brute.best + 1e-7);
  RC_ASSERT(objective(joint) <= objective(sequential) + 1e-7);
  RC_ASSERT(std::abs(objective(joint) - objective(lp)) < 1e-7);
  if (joint.method == "single_commodity") RC_ASSERT(std::abs(objective(joint) - brute.best) < 1e-7);
}

RC_GTEST_PROP(JointRoutingProperty, JointIsNeverWorseThanSequentialOnLargerGraphs, ()) {
  const auto n = *rc::gen::inRange<std::size_t>(4, 9);
  const auto m = *rc::gen::inRange<std::size_t>(n, 3 * n);
  Network net = nodes(n);
  for (std::size_t k = 0; k < m; ++k) {
    const auto a = *rc::gen::inRange<std::size_t>(0, n);
    auto b = *rc::gen::inRange<std::size_t>(0, n - 1);
    if (b >= a) ++b;
    add_edge(net, a, b, *rc::gen::inRange(0, 20), *rc::gen::inRange(0, 30), *rc::gen::arbitrary<bool>());
  }
  const auto demands = *rc::gen::inRange<std::size_t>(1, 6);
  const bool priceless = *rc::gen::arbitrary<bool>();
  for (std::size_t d = 0; d < demands; ++d) {
    const auto a = *rc::gen::inRange<std::size_t>(0, n);
    auto b = *rc::gen::inRange<std::size_t>(0, n - 1);
    if (b >= a) ++b;
    add_demand(net, a, b, *rc::gen::inRange(1, 30), priceless ? 0 : *rc::gen::inRange(1, 100));
  }
  const CorridorResult joint = route(net, with(RoutingMethod::joint));
  const CorridorResult lp = route(net, with(RoutingMethod::joint, true));
  const CorridorResult sequential = route(net, with(RoutingMethod::sequential));
  expect_consistent(net, joint);
  expect_consistent(net, lp);
  expect_consistent(net, sequential);
  if (priceless) {
    // Lexicographic: most delivered first, then least cost.
    RC_ASSERT(joint.delivered >= sequential.delivered - 1e-7);
    RC_ASSERT(std::abs(joint.delivered - lp.delivered) < 1e-6);
    if (std::abs(joint.delivered - sequential.delivered) < 1e-7) {
      RC_ASSERT(joint.total_cost <= sequential.total_cost + 1e-6);
    }
    RC_ASSERT(std::abs(joint.total_cost - lp.total_cost) < 1e-6 * std::max(1.0, lp.total_cost));
  } else {
    RC_ASSERT(objective(joint) <= objective(sequential) + 1e-6);
    RC_ASSERT(std::abs(objective(joint) - objective(lp)) < 1e-6 * std::max(1.0, objective(lp)));
  }
  // Lower bound: each commodity alone on the whole network (no competition).
  if (!priceless) {
    double alone = 0.0;
    for (const auto& d : net.demands) {
      Network single = net;
      single.demands = {d};
      alone += objective(route(single, with(RoutingMethod::joint)));
    }
    RC_ASSERT(objective(joint) >= alone - 1e-6);
  }
}

}  // namespace
}  // namespace statecraft::corridor
