// The corridor model on small hand-made networks: rerouting, unmet demand, hub shares,
// security risk and sweeps.
#include "corridor/routing.h"

#include <gtest/gtest.h>

#include <numeric>

#include "core/error.h"
#include "corridor/security.h"
#include "corridor/sweep.h"

namespace statecraft::corridor {
namespace {

Figure fig(double v) { return Figure{v, "", false}; }

Edge edge(std::string id, std::string from, std::string to, std::string country, double capacity, double cost) {
  Edge e;
  e.id = std::move(id);
  e.from = std::move(from);
  e.to = std::move(to);
  e.country = std::move(country);
  e.capacity = fig(capacity);
  e.cost_per_unit = fig(cost);
  return e;
}

// Central Asian goods reach the sea either through Pakistan (Torkham or Chaman, then a
// Pakistani port) or through Iran (Chabahar). The Torkham route is cheapest.
Network two_routes() {
  Network n;
  n.nodes = {{"tashkent", "Tashkent", "UZB", "city"}, {"kabul", "Kabul", "AFG", "city"},
             {"kandahar", "Kandahar", "AFG", "city"}, {"torkham", "Torkham", "PAK", "border_crossing"},
             {"chaman", "Chaman", "PAK", "border_crossing"}, {"karachi", "Karachi", "PAK", "port"},
             {"chabahar", "Chabahar", "IRN", "port"}, {"sea", "Arabian Sea", "", "hub"}};
  n.edges = {edge("tashkent_kabul", "tashkent", "kabul", "AFG", 1000, 10),
             edge("kabul_torkham", "kabul", "torkham", "AFG", 60, 3),
             edge("torkham_karachi", "torkham", "karachi", "PAK", 1000, 10),
             edge("kabul_kandahar", "kabul", "kandahar", "AFG", 1000, 5),
             edge("kandahar_chaman", "kandahar", "chaman", "AFG", 1000, 2),
             edge("chaman_karachi", "chaman", "karachi", "PAK", 1000, 9),
             edge("kandahar_chabahar", "kandahar", "chabahar", "IRN", 1000, 20),
             edge("karachi_sea", "karachi", "sea", "", 1000, 1),
             edge("chabahar_sea", "chabahar", "sea", "", 1000, 1)};
  n.demands = {{"uzb_exports", "tashkent", "sea", fig(100), fig(0)}};
  return n;
}

RoutingParameters defaults() {
  RoutingParameters p;
  p.security = SecurityParameters{2.0, 0.8, 1.0};
  p.unmet_value_share = 1.0;
  return p;
}

TEST(Routing, FillsTheCheapRouteThenOverflows) {
  CorridorResult r = route(two_routes(), defaults());
  EXPECT_DOUBLE_EQ(r.delivered, 100);
  EXPECT_DOUBLE_EQ(r.unmet, 0);
  EXPECT_DOUBLE_EQ(r.find_edge("kabul_torkham")->flow, 60);   // full
  EXPECT_DOUBLE_EQ(r.find_edge("chaman_karachi")->flow, 40);  // the rest via Chaman
  EXPECT_DOUBLE_EQ(r.find_edge("kandahar_chabahar")->flow, 0);
  // Torkham route 10+3+10+1 = 24, Chaman route 10+5+2+9+1 = 27.
  EXPECT_DOUBLE_EQ(r.total_cost, 60 * 24 + 40 * 27);
  EXPECT_DOUBLE_EQ(r.demands[0].cost_per_unit, (60 * 24 + 40 * 27) / 100.0);
  EXPECT_DOUBLE_EQ(r.find_country("PAK")->hub_share, 1.0);
  EXPECT_DOUBLE_EQ(r.find_country("AFG")->hub_share, 1.0);
  EXPECT_DOUBLE_EQ(r.find_country("IRN")->hub_share, 0.0);
  EXPECT_DOUBLE_EQ(r.find_country("UZB")->hub_share, 0.0);  // the origin is not transit
}

TEST(Routing, ClosingTorkhamReroutesAndCostsMore) {
  Network n = two_routes();
  CorridorResult base = route(n, defaults());
  Shocks close_torkham;
  close_torkham.closed = {"torkham"};  // a node: every edge touching it closes
  CorridorResult closed = route(n, defaults(), close_torkham);
  EXPECT_DOUBLE_EQ(closed.find_edge("kabul_torkham")->flow, 0);
  EXPECT_FALSE(closed.find_edge("torkham_karachi")->open);
  EXPECT_DOUBLE_EQ(closed.find_edge("chaman_karachi")->flow, 100);
  EXPECT_GT(closed.total_cost, base.total_cost);
  // Closing Chaman too sends everything through Iran: Pakistan's hub share collapses.
  close_torkham.closed.push_back("kandahar_chaman");
  CorridorResult both = route(n, defaults(), close_torkham);
  EXPECT_DOUBLE_EQ(both.find_edge("kandahar_chabahar")->flow, 100);
  EXPECT_DOUBLE_EQ(both.find_country("PAK")->hub_share, 0.0);
  EXPECT_DOUBLE_EQ(both.find_country("IRN")->hub_share, 1.0);
  auto cost = shock_cost(base, both);
  EXPECT_GT(cost["PAK"], 0.0);  // Pakistan loses what was spent on its roads
  EXPECT_LT(cost["IRN"], 0.0);  // Iran gains it
}

TEST(Routing, UnmetWhenNoRouteIsOpen) {
  Network n = two_routes();
  Shocks s;
  s.closed = {"tashkent_kabul"};
  CorridorResult r = route(n, defaults(), s);
  EXPECT_DOUBLE_EQ(r.delivered, 0);
  EXPECT_DOUBLE_EQ(r.unmet, 100);
  EXPECT_DOUBLE_EQ(r.total_cost, 0);
  EXPECT_DOUBLE_EQ(r.find_country("PAK")->hub_share, 0.0);
}

TEST(Routing, TradeIsForgoneWhenMovingCostsMoreThanTheGoodsAreWorth) {
  Network n = two_routes();
  n.demands[0].value_usd_per_unit = fig(25);  // Torkham route (24) pays, Chaman (27) does not
  CorridorResult r = route(n, defaults());
  EXPECT_DOUBLE_EQ(r.delivered, 60);
  EXPECT_DOUBLE_EQ(r.unmet, 40);
  // Burden: routing cost plus forgone value, split between UZB and the sea (no country: all to UZB).
  EXPECT_DOUBLE_EQ(r.find_country("UZB")->burden_usd, 60 * 24 + 40 * 25);
}

TEST(Routing, HubSharesCountEachCrossedTransitCountryOnce) {
  // Two demands: one crosses AFG and PAK in transit, the other starts in AFG (so only PAK is transit).
  Network n = two_routes();
  n.demands.push_back({"afg_exports", "kabul", "sea", fig(50), fig(0)});
  CorridorResult r = route(n, defaults());
  EXPECT_DOUBLE_EQ(r.delivered, 150);
  const double pak = r.find_country("PAK")->transit_volume;
  const double afg = r.find_country("AFG")->transit_volume;
  const double irn = r.find_country("IRN")->transit_volume;
  EXPECT_DOUBLE_EQ(afg, 100);
  EXPECT_DOUBLE_EQ(pak + irn, 150);  // every unit leaves through exactly one of them
  double per_demand = 0;
  for (const auto& d : r.demands) per_demand += d.delivered;
  EXPECT_DOUBLE_EQ(per_demand, r.delivered);
  // Flow on edges equals routed cost.
  double edge_cost = 0;
  for (const auto& e : r.edges) edge_cost += e.flow * e.cost_per_unit;
  EXPECT_NEAR(edge_cost, r.total_cost, 1e-9);
  // Earnings on each territory sum to the cost of edges with a country.
  double earnings = 0;
  for (const auto& c : r.countries) earnings += c.earnings_usd;
  EXPECT_NEAR(earnings, r.total_cost - r.find_edge("karachi_sea")->flow * 1 - r.find_edge("chabahar_sea")->flow * 1,
              1e-9);
}

TEST(Security, RiskCombinesThreatsAndEndNodes) {
  Network n = two_routes();
  n.threats = {{"ttp", {"torkham"}, fig(0.5)}, {"ttp", {"kabul_torkham"}, fig(0.2)}};
  auto risks = edge_risks(n, {});
  EXPECT_NEAR(risks[1], 1 - 0.5 * 0.8, 1e-12);  // kabul_torkham: its own threat and torkham's
  EXPECT_NEAR(risks[2], 0.5, 1e-12);            // torkham_karachi: torkham's only
  EXPECT_DOUBLE_EQ(risks[0], 0.0);
  Shocks calm;
  calm.group_activity["ttp"] = 0.0;
  EXPECT_DOUBLE_EQ(edge_risks(n, calm)[1], 0.0);
  Shocks bad;
  bad.group_activity["isis"] = 0.5;
  EXPECT_THROW(edge_risks(n, bad), PreconditionError);
  EXPECT_FALSE(check_shocks(n, bad).empty());
}

TEST(Security, CostRisesAndCapacityFallsWithRisk) {
  SecurityParameters p{2.0, 0.8, 0.9};
  EXPECT_DOUBLE_EQ(adjusted_cost(10, 0.5, p), 20);
  EXPECT_DOUBLE_EQ(adjusted_capacity(100, 0.5, p), 60);
  EXPECT_DOUBLE_EQ(adjusted_capacity(100, 0.95, p), 0);  // above the closure threshold
  EXPECT_DOUBLE_EQ(adjusted_capacity(std::numeric_limits<double>::infinity(), 0.95, p), 0);
}

TEST(Sweep, PakistanHubShareFallsAsTtpActivityRises) {
  Network n = two_routes();
  // TTP threatens Pakistani roads; Iran's route has no threat.
  n.threats = {{"ttp", {"torkham_karachi", "chaman_karachi"}, fig(0.1)}};
  SweepResult s = sweep_threat(n, defaults(), {}, "ttp", 11);
  ASSERT_EQ(s.points.size(), 11U);
  const auto pak = static_cast<std::size_t>(
      std::find(s.countries.begin(), s.countries.end(), "PAK") - s.countries.begin());
  ASSERT_LT(pak, s.countries.size());
  EXPECT_DOUBLE_EQ(s.points.front().hub_share[pak], 1.0);
  EXPECT_DOUBLE_EQ(s.points.back().hub_share[pak], 0.0);  // at activity 1: cost x3 and capacity x0.2 lose to Iran
  for (std::size_t i = 1; i < s.points.size(); ++i) {
    EXPECT_LE(s.points[i].hub_share[pak], s.points[i - 1].hub_share[pak] + 1e-12);
  }
  // The same sweep is bit-identical when repeated (points are independent of threads).
  SweepResult again = sweep_threat(n, defaults(), {}, "ttp", 11);
  for (std::size_t i = 0; i < s.points.size(); ++i) EXPECT_EQ(s.points[i].total_cost, again.points[i].total_cost);
  EXPECT_THROW(sweep_threat(n, defaults(), {}, "ttp", 1), PreconditionError);
}

}  // namespace
}  // namespace statecraft::corridor
