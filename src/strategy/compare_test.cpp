#include "strategy/compare.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cmath>

#include "forum/pass_probability.h"

namespace statecraft::strategy {
namespace {

int uniform(int lo, int hi) {
  return *rc::gen::resize(100, rc::gen::inRange(lo, hi));
}

// A sponsor SPN, an opponent OPP, `members` members with exports, alignment and
// hostility ties to both, a bloc, and two forums of overlapping members with one motion
// each (one behind a signature gate). Actions: lobbying, visits, investment, trade.
Scenario random_world(int members, int actions) {
  Scenario s;
  s.name = "random";
  for (const char* id : {"SPN", "OPP"}) s.actors.push_back(Actor{id, id, ActorKind::state, {}, {}});
  Forum f1;
  f1.id = "f1";
  f1.rule.kind = RuleKind::majority;
  f1.rule.base = MajorityBase::present_and_voting;
  Forum f2;
  f2.id = "f2";
  f2.rule.kind = uniform(0, 2) == 0 ? RuleKind::consensus : RuleKind::majority;
  f2.rule.base = MajorityBase::members;
  AgendaGate gate;
  gate.id = "sign";
  gate.signature_share = 1.0 / 3.0;
  f2.gates.push_back(gate);
  Bloc bloc;
  bloc.id = "b";
  bloc.discipline = uniform(0, 11) / 10.0;
  for (int i = 0; i < members; ++i) {
    std::string id = "M" + std::to_string(i);
    s.actors.push_back(Actor{id, id, ActorKind::state, {}, {}});
    if (i % 3 != 2) f1.members.push_back(id);
    if (i % 3 != 0) f2.members.push_back(id);
    if (uniform(0, 2) == 0) bloc.members.push_back(id);
    for (const char* other : {"SPN", "OPP"}) {
      Relation r{id, other, {}};
      r.dimensions["alignment"] = Figure{uniform(-5, 8) / 10.0, "", false};
      if (uniform(0, 2) == 0)
        r.dimensions["exports_usd_m"] = Figure{static_cast<double>(uniform(1, 1000)), "", false};
      if (uniform(0, 3) == 0) r.dimensions["hostility"] = Figure{uniform(0, 5) / 10.0, "", false};
      s.relations.push_back(r);
    }
  }
  if (uniform(0, 2) == 0) f1.members.push_back("SPN");  // a sponsor that votes
  if (uniform(0, 3) == 0) f2.members.push_back("OPP");  // an opponent that votes
  f1.blocs.push_back(bloc);
  f2.blocs.push_back(bloc);
  s.forums = {f1, f2};
  Motion m1;
  m1.id = "m1";
  m1.forum = "f1";
  m1.sponsors = {"SPN"};
  m1.opponents = {"OPP"};
  Motion m2 = m1;
  m2.id = "m2";
  m2.forum = "f2";
  m2.gates = {"sign"};
  s.motions = {m1, m2};
  for (int k = 0; k < actions; ++k) {
    Action a;
    a.id = "a" + std::to_string(k);
    a.actor = uniform(0, 5) == 0 ? "OPP" : "SPN";
    a.target = "M" + std::to_string(uniform(0, members));
    if (uniform(0, 6) == 0) a.actor = "M" + std::to_string(uniform(0, members));  // between members
    if (a.actor == a.target) a.actor = "SPN";
    a.cost = uniform(1, 60);
    switch (uniform(0, 4)) {
      case 0:
        a.kind = ActionKind::lobbying;
        a.effects["lobbying"] = uniform(1, 11) / 10.0;
        break;
      case 1:
        a.kind = ActionKind::visit;
        a.reverse_effects["alignment"] = uniform(1, 6) / 10.0;
        break;
      case 2:
        a.kind = ActionKind::investment;
        a.effects["investment_usd_m"] = uniform(100, 2000);
        break;
      default:
        a.kind = ActionKind::trade_agreement;
        a.reverse_effects["exports_usd_m"] = uniform(10, 500);
        a.effects["alignment"] = uniform(1, 4) / 10.0;
        break;
    }
    s.actions.push_back(a);
  }
  return s;
}

// The incremental evaluator against the forum engine on a full copy of the world.
RC_GTEST_PROP(PlanEvaluator, AgreesWithTheForumEngineOnACopiedWorld, ()) {
  const Scenario s = random_world(uniform(3, 9), uniform(1, 10));
  for (const char* motion : {"m1", "m2"}) {
    const Scenario& world = s;
    const PlanEvaluator eval(world, world.find_motion(motion)->forum, motion);
    std::vector<std::size_t> plan;
    for (std::size_t k = 0; k < s.actions.size(); ++k) {
      if (uniform(0, 2) == 0) plan.push_back(k);
    }
    const Scenario applied = apply_actions(s, plan);
    const Forum& f = *s.find_forum(world.find_motion(motion)->forum);
    const Motion& m = *s.find_motion(motion);
    const auto params = forum::VoteParams::from(s.parameters);
    const double reference = forum::pass_probability(f, m, forum::member_votes(applied, f, m, params)).p_pass;
    RC_ASSERT(std::abs(eval.pass_probability(plan) - reference) < 1e-12);
    RC_ASSERT(std::abs(eval.exact_pass_probability(plan) - reference) < 1e-15);
    const auto leans = forum::member_leans(applied, f, m, params);
    const auto utilities = eval.utilities(plan);
    for (std::size_t i = 0; i < leans.size(); ++i)
      RC_ASSERT(std::abs(utilities[i] - leans[i].utility) < 1e-12);
  }
}

struct Reference {
  double value = 0.0;
  double cost = 0.0;
};

// Every subset of (one-off action, motion) and lasting-action items, evaluated on full
// copies of the world by the forum engine: the best expected number of motions passed.
Reference brute_force(const Scenario& s, const HorizonStrategy& strategy, double budget) {
  struct Item {
    std::size_t action;
    int motion;  // -1: lasting, acts on both
  };
  std::vector<Item> items;
  for (std::size_t k = 0; k < s.actions.size(); ++k) {
    const Action& a = s.actions[k];
    if (a.actor != "SPN") continue;
    const bool chosen =
        std::find(strategy.kinds.begin(), strategy.kinds.end(), a.kind) != strategy.kinds.end();
    if (!chosen) continue;
    if (a.kind == ActionKind::lobbying) {
      items.push_back({k, 0});
      items.push_back({k, 1});
    } else {
      items.push_back({k, -1});
    }
  }
  const auto params = forum::VoteParams::from(s.parameters);
  Reference best{-1.0, 0.0};
  for (std::size_t mask = 0; mask < (std::size_t{1} << items.size()); ++mask) {
    double cost = 0.0;
    std::vector<std::size_t> acts[2];
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (!((mask >> i) & 1U)) continue;
      cost += s.actions[items[i].action].cost;
      for (int m = 0; m < 2; ++m) {
        if (items[i].motion < 0 || items[i].motion == m) acts[m].push_back(items[i].action);
      }
    }
    if (cost > budget + 1e-9) continue;
    double value = 0.0;
    for (int m = 0; m < 2; ++m) {
      std::sort(acts[m].begin(), acts[m].end());
      const Scenario w = apply_actions(s, acts[m]);
      const Motion& motion = s.motions[static_cast<std::size_t>(m)];
      const Forum& f = *s.find_forum(motion.forum);
      value += forum::pass_probability(f, motion, forum::member_votes(w, f, motion, params)).p_pass;
    }
    if (value > best.value + 1e-12 || (std::abs(value - best.value) <= 1e-12 && cost < best.cost))
      best = {value, cost};
  }
  return best;
}

std::vector<HorizonWorld> both_motions(const Scenario& s) {
  return {{s, "f1", "m1", {}, 1.0}, {s, "f2", "m2", {}, 1.0}};
}

// With few items the comparison enumerates: it must find the brute-force optimum of the
// objective for each strategy and budget, and report the forum engine's probabilities.
RC_GTEST_PROP(CompareStrategies, SmallMenusMatchEveryEnumeratedPlan, ()) {
  const Scenario s = random_world(uniform(3, 7), uniform(1, 6));
  Horizon h;
  h.actor = "SPN";
  h.budgets = {0.0, static_cast<double>(uniform(1, 60)), static_cast<double>(uniform(60, 200))};
  const auto result = compare_strategies(both_motions(s), s.actions, h, StrategyParams{});
  RC_ASSERT(result.points.size() == 2 * h.budgets.size());
  const auto strategies = default_horizon_strategies();
  for (const auto& point : result.points) {
    const auto& strategy = point.strategy == "lobbying" ? strategies[0] : strategies[1];
    RC_ASSERT(point.method == std::string("enumeration"));
    RC_ASSERT(point.cost <= point.budget + 1e-9);
    const Reference ref = brute_force(s, strategy, point.budget);
    RC_ASSERT(std::abs(point.expected_passes - ref.value) < 1e-9);
  }
}

// Larger menus: the greedy and swap search stays within budget, never does worse at a
// larger budget, and never does worse than enumeration can guarantee... only when it
// enumerates, so here: monotone, honest, within budget.
RC_GTEST_PROP(CompareStrategies, SearchIsMonotoneInBudgetAndHonest, ()) {
  const Scenario s = random_world(uniform(4, 10), uniform(14, 30));
  Horizon h;
  h.actor = "SPN";
  h.budgets = {0.0, 40.0, 80.0, 160.0, 320.0};
  StrategyParams params;
  params.exact_max_actions = 0;
  const auto result = compare_strategies(both_motions(s), s.actions, h, params);
  for (std::size_t i = 0; i < result.points.size(); ++i) {
    const auto& p = result.points[i];
    RC_ASSERT(p.cost <= p.budget + 1e-9);
    double e = 0.0;
    for (const auto& m : p.motions) e += m.p_pass;
    RC_ASSERT(std::abs(e - p.expected_passes) < 1e-12);
    if (i > 0 && result.points[i - 1].strategy == p.strategy) {
      RC_ASSERT(p.expected_passes >= result.points[i - 1].expected_passes - 1e-9);
    }
  }
}

// One member M0 in two forums (a majority of one), tied to the sponsor by alignment
// 0.2; a lobbying action on M0 for 10 and a visit to M0 for 15.
Scenario one_member_world() {
  Scenario s;
  s.name = "one";
  for (const char* id : {"SPN", "M0"}) s.actors.push_back(Actor{id, id, ActorKind::state, {}, {}});
  Relation tie{"M0", "SPN", {}};
  tie.dimensions["alignment"] = Figure{0.2, "", false};
  s.relations.push_back(tie);
  for (const char* f : {"f1", "f2"}) {
    Forum forum;
    forum.id = f;
    forum.members = {"M0"};
    forum.rule.kind = RuleKind::majority;
    forum.rule.base = MajorityBase::members;
    s.forums.push_back(forum);
    Motion m;
    m.id = std::string("m") + f[1];
    m.forum = f;
    m.sponsors = {"SPN"};
    s.motions.push_back(m);
  }
  Action lobby;
  lobby.id = "lobby";
  lobby.kind = ActionKind::lobbying;
  lobby.actor = "SPN";
  lobby.target = "M0";
  lobby.cost = 10;
  lobby.effects["lobbying"] = 2.0;
  Action visit;
  visit.id = "visit";
  visit.kind = ActionKind::visit;
  visit.actor = "SPN";
  visit.target = "M0";
  visit.cost = 15;
  visit.reverse_effects["alignment"] = 0.4;
  s.actions = {lobby, visit};
  return s;
}

// An action between two members that changes one member's exports moves that member's
// trade share with the sponsor (the denominator), though neither party is a sponsor.
TEST(PlanEvaluator, ExportsBetweenMembersChangeTheTradeShare) {
  Scenario s = one_member_world();
  s.actors.push_back(Actor{"M1", "M1", ActorKind::state, {}, {}});
  s.relations[0].dimensions["exports_usd_m"] =
      Figure{100.0, "", false};  // M0 -> SPN: all its recorded exports
  s.forums[0].members.push_back("M1");
  Action trade;
  trade.id = "trade";
  trade.kind = ActionKind::trade_agreement;
  trade.actor = "M1";
  trade.target = "M0";
  trade.cost = 1;
  trade.reverse_effects["exports_usd_m"] = 300.0;  // M0 -> M1: M0's share to SPN 1 -> 0.25
  s.actions = {trade};
  const PlanEvaluator eval(s, "f1", "m1");
  EXPECT_TRUE(eval.touches(0));
  const std::size_t plan[] = {0};
  EXPECT_LT(eval.utilities(plan)[0], eval.utilities({})[0] - 0.5);
  EXPECT_NEAR(eval.pass_probability(plan), eval.exact_pass_probability(plan), 1e-12);
  EXPECT_LT(eval.pass_probability(plan), eval.pass_probability({}) - 1e-3);
}

TEST(CompareStrategies, LastingActionsPayOnceForEveryMotionOneOffActionsPerMotion) {
  // One member M0 in both forums (unanimity of one): a lobbying action on M0 costs 10 per
  // motion, a visit to M0 costs 15 once. With 20 the visit lifts both motions; lobbying
  // can be bought for both motions too (2 x 10). With 15, lobbying reaches one motion only.
  const Scenario s = one_member_world();
  Horizon h;
  h.budgets = {15.0, 20.0};
  const auto r = compare_strategies(both_motions(s), s.actions, h, StrategyParams{});
  ASSERT_EQ(r.points.size(), 4U);
  const double p0 = r.p_before[0];
  EXPECT_NEAR(r.p_before[1], p0, 1e-15);
  // lobbying @ 15: one motion lifted, 10 spent on it.
  EXPECT_DOUBLE_EQ(r.points[0].cost, 10.0);
  EXPECT_GT(r.points[0].motions[0].p_pass, p0);
  EXPECT_NEAR(r.points[0].motions[1].p_pass, p0, 1e-15);
  // lobbying @ 20: both, 10 each.
  EXPECT_DOUBLE_EQ(r.points[1].cost, 20.0);
  EXPECT_DOUBLE_EQ(r.points[1].motions[1].cost, 10.0);
  EXPECT_NEAR(r.points[1].motions[0].p_pass, r.points[0].motions[0].p_pass, 1e-15);
  // partnerships @ 15: the visit once, both motions lifted, recorded as lasting.
  EXPECT_DOUBLE_EQ(r.points[2].cost, 15.0);
  EXPECT_EQ(r.points[2].lasting, std::vector<std::string>{"visit"});
  EXPECT_GT(r.points[2].motions[0].p_pass, p0);
  EXPECT_NEAR(r.points[2].motions[0].p_pass, r.points[2].motions[1].p_pass, 1e-15);
  EXPECT_EQ(r.points[2].motions[1].actions, std::vector<std::string>{"visit"});
}

TEST(CompareStrategies, RejectsAnEmptyBudgetGridAndAnOpposingSponsor) {
  const Scenario s = one_member_world();
  Horizon h;
  EXPECT_THROW(compare_strategies(both_motions(s), s.actions, h, StrategyParams{}), PreconditionError);
  h.budgets = {1.0};
  auto worlds = both_motions(s);
  worlds[0].extra_sponsors = {"M0"};
  EXPECT_NO_THROW(compare_strategies(worlds, s.actions, h, StrategyParams{}));
  Scenario opposed = s;
  opposed.motions[0].opponents = {"M0"};
  worlds = both_motions(opposed);
  worlds[0].extra_sponsors = {"M0"};
  EXPECT_THROW(compare_strategies(worlds, s.actions, h, StrategyParams{}), PreconditionError);
}

}  // namespace
}  // namespace statecraft::strategy
