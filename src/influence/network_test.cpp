#include "influence/network.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cmath>

namespace statecraft::influence {
namespace {

Scenario three_actors() {
  Scenario s;
  s.name = "test";
  for (const char* id : {"AAA", "BBB", "CCC"}) s.actors.push_back(Actor{id, id, ActorKind::state, {}, {}});
  return s;
}

Relation relation(const std::string& from, const std::string& to, std::map<std::string, double> dims) {
  Relation r{from, to, {}};
  for (auto& [k, v] : dims) r.dimensions[k] = Figure{v, "", false};
  return r;
}

TEST(InfluenceNetwork, TermsFollowTheDirectionOfEachDimension) {
  Scenario s = three_actors();
  s.relations.push_back(relation("AAA", "BBB", {{"exports_usd_m", 300}, {"aid_usd_m", 500}}));
  s.relations.push_back(relation("AAA", "CCC", {{"exports_usd_m", 100}}));
  InfluenceParams p;
  InfluenceNetwork net = build_influence_network(s, p);
  // AAA sells 3/4 of its exports to BBB: BBB pulls AAA by the trade term.
  EXPECT_NEAR(net.weight(0, 1), 1.0 - std::exp(-p.trade_weight * 0.75), 1e-12);
  // AAA aids BBB with aid = half: AAA pulls BBB by aid_weight * 0.5.
  EXPECT_NEAR(net.weight(1, 0), 1.0 - std::exp(-p.aid_weight * 0.5), 1e-12);
  EXPECT_NEAR(net.weight(0, 2), 1.0 - std::exp(-p.trade_weight * 0.25), 1e-12);
  EXPECT_EQ(net.weight(2, 0), 0.0);
  // Leverage of BBB over AAA: w(AAA<-BBB) - w(BBB<-AAA).
  auto lev = leverage_pairs(net);
  ASSERT_FALSE(lev.empty());
  auto reach = actor_influence(net);
  EXPECT_NEAR(reach[0].reach, net.weight(1, 0), 1e-12);
  EXPECT_NEAR(reach[0].exposure, net.weight(0, 1) + net.weight(0, 2), 1e-12);
}

TEST(InfluenceNetwork, HostilityCutsPullToZero) {
  Scenario s = three_actors();
  s.relations.push_back(relation("AAA", "BBB", {{"hostility", 1.0}, {"alignment", -1.0}}));
  s.relations.push_back(relation("BBB", "AAA", {{"lobbying", 0.5}}));
  InfluenceNetwork net = build_influence_network(s, InfluenceParams{});
  EXPECT_EQ(net.weight(0, 1), 0.0);
}

// Which channel a dimension of relation (from, to) feeds: true when it is the pull of
// `to` on `from` (from listens to to), false when the pull of `from` on `to`.
bool from_listens(const std::string& dimension) {
  return dimension == "exports_usd_m" || dimension == "alignment" || dimension == "hostility";
}

RC_GTEST_PROP(InfluenceNetwork, WeightIsMonotoneInEachDimension, ()) {
  Scenario s = three_actors();
  const auto dims = relation_dimensions();
  // A random world over three actors.
  for (const char* from : {"AAA", "BBB", "CCC"}) {
    for (const char* to : {"AAA", "BBB", "CCC"}) {
      if (std::string(from) == to || !*rc::gen::arbitrary<bool>()) continue;
      Relation r{from, to, {}};
      for (const auto& d : dims) {
        if (!*rc::gen::arbitrary<bool>()) continue;
        double hi = std::isinf(d.max) ? 5000.0 : d.max;
        double v = d.min + (hi - d.min) * *rc::gen::inRange(0, 1001) / 1000.0;
        r.dimensions[std::string(d.name)] = Figure{v, "", false};
      }
      s.relations.push_back(r);
    }
  }
  if (s.relations.empty()) s.relations.push_back(relation("AAA", "BBB", {{"alignment", 0.0}}));
  const std::size_t k = *rc::gen::inRange<std::size_t>(0, s.relations.size());
  const auto& d = dims[*rc::gen::inRange<std::size_t>(0, dims.size())];
  const std::string name(d.name);
  double hi = std::isinf(d.max) ? 5000.0 : d.max;
  double before = s.relations[k].value_or(name, d.min < 0 ? 0.0 : d.min);
  double after = std::min(hi, before + (hi - d.min) * *rc::gen::inRange(1, 1001) / 1000.0);

  InfluenceParams p;
  InfluenceNetwork a = build_influence_network(s, p);
  Scenario t = s;
  t.relations[k].dimensions[name] = Figure{after, "", false};
  InfluenceNetwork b = build_influence_network(t, p);
  std::size_t from = a.index_of(s.relations[k].from);
  std::size_t to = a.index_of(s.relations[k].to);
  auto [target, influencer] = from_listens(name) ? std::pair{from, to} : std::pair{to, from};
  const double w0 = a.weight(target, influencer);
  const double w1 = b.weight(target, influencer);
  if (name == "hostility") {
    RC_ASSERT(w1 <= w0 + 1e-15);
  } else {
    RC_ASSERT(w1 >= w0 - 1e-15);
  }
  // The function is strictly monotone where the pull is positive and unsaturated.
  if (name == "lobbying" && after > before && w0 > 0.0 && w0 < 0.999) RC_ASSERT(w1 > w0);
}

}  // namespace
}  // namespace statecraft::influence
