// Strategy search: 60 bilateral actions for a motion in a 47-member forum (a UN HRC-like
// majority of those present and voting behind a one-third signature gate). Issue 6
// target: under 10 s.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "strategy/compare.h"
#include "strategy/plan.h"

namespace {

using namespace statecraft;

struct Xorshift {
  std::uint64_t s = 0x2545f4914f6cdd1dULL;
  std::uint64_t next() {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return s;
  }
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
};

Scenario hrc_like(int members, int actions) {
  Scenario s;
  s.name = "hrc-like";
  Xorshift rng;
  for (const char* id : {"SPN", "OPP"}) s.actors.push_back(Actor{id, id, ActorKind::state, {}, {}});
  Forum f;
  f.id = "council";
  f.rule.kind = RuleKind::majority;
  f.rule.base = MajorityBase::present_and_voting;
  AgendaGate gate;
  gate.id = "special_session";
  gate.signature_share = 1.0 / 3.0;
  f.gates.push_back(gate);
  for (int i = 0; i < members; ++i) {
    std::string id = "M" + std::to_string(i);
    s.actors.push_back(Actor{id, id, ActorKind::state, {}, {}});
    f.members.push_back(id);
    // Ties with the opponent outweigh those with the sponsor for most members.
    Relation to_opp{id, "OPP", {}};
    to_opp.dimensions["alignment"] = Figure{rng.unit() * 0.6, "", false};
    s.relations.push_back(to_opp);
    Relation to_spn{id, "SPN", {}};
    to_spn.dimensions["alignment"] = Figure{rng.unit() * 0.4 - 0.1, "", false};
    s.relations.push_back(to_spn);
  }
  s.forums.push_back(f);
  Motion m;
  m.id = "session";
  m.forum = "council";
  m.sponsors = {"SPN"};
  m.opponents = {"OPP"};
  s.motions.push_back(m);
  for (int k = 0; k < actions; ++k) {
    Action a;
    a.id = "a" + std::to_string(k);
    a.actor = "SPN";
    a.target = "M" + std::to_string(rng.next() % static_cast<std::uint64_t>(members));
    a.cost = 5.0 + std::floor(rng.unit() * 100.0);
    if (k % 3 == 0)
      a.effects["lobbying"] = 0.5;
    else if (k % 3 == 1)
      a.reverse_effects["alignment"] = 0.2 + 0.3 * rng.unit();
    else
      a.effects["security_cooperation"] = 0.3;
    s.actions.push_back(a);
  }
  return s;
}

void BM_Optimize60Actions47Members(benchmark::State& state) {
  const Scenario s = hrc_like(47, 60);
  strategy::StrategyParams params;
  params.target_p = 0.5;
  params.exact_max_actions = 0;  // MILP + local search
  double p = 0.0;
  double cost = 0.0;
  for (auto _ : state) {
    auto plan = strategy::optimize(s, "council", "session", 1500.0, params);
    p = plan.p_after;
    cost = plan.cost;
    benchmark::DoNotOptimize(plan.actions.data());
  }
  state.counters["p_after"] = p;
  state.counters["cost"] = cost;
}
BENCHMARK(BM_Optimize60Actions47Members)->Unit(benchmark::kMillisecond)->Iterations(3);

// Ten motions in three forums of 47, 57 and 65 members (members overlap), one sponsor,
// one opponent; 60 actions of the sponsor, a third lobbying (one-off), the rest lasting;
// both default strategies at five budgets. Issue 6 target: under 60 s.
Scenario horizon_world() {
  Scenario s;
  s.name = "horizon";
  Xorshift rng;
  for (const char* id : {"SPN", "OPP"}) s.actors.push_back(Actor{id, id, ActorKind::state, {}, {}});
  constexpr int kActors = 90;
  for (int i = 0; i < kActors; ++i) {
    std::string id = "M" + std::to_string(i);
    s.actors.push_back(Actor{id, id, ActorKind::state, {}, {}});
    Relation to_opp{id, "OPP", {}};
    to_opp.dimensions["alignment"] = Figure{rng.unit() * 0.4, "", false};
    to_opp.dimensions["exports_usd_m"] = Figure{std::floor(rng.unit() * 1000.0), "", false};
    s.relations.push_back(to_opp);
    Relation to_spn{id, "SPN", {}};
    to_spn.dimensions["alignment"] = Figure{rng.unit() * 0.5, "", false};
    to_spn.dimensions["exports_usd_m"] = Figure{std::floor(rng.unit() * 1200.0), "", false};
    s.relations.push_back(to_spn);
  }
  const int sizes[] = {47, 57, 65};
  for (int f = 0; f < 3; ++f) {
    Forum forum;
    forum.id = "forum" + std::to_string(f);
    forum.rule.kind = RuleKind::majority;
    forum.rule.base = MajorityBase::present_and_voting;
    if (f == 1) {
      forum.rule.share = 2.0 / 3.0;
      forum.rule.strictly_more = false;
    }
    AgendaGate gate;
    gate.id = "gate";
    gate.signature_share = 1.0 / 3.0;
    forum.gates.push_back(gate);
    for (int i = 0; i < sizes[f]; ++i) forum.members.push_back("M" + std::to_string((i + 11 * f) % kActors));
    s.forums.push_back(forum);
  }
  for (int k = 0; k < 10; ++k) {
    Motion m;
    m.id = "motion" + std::to_string(k);
    m.forum = "forum" + std::to_string(k % 3);
    if (k % 2 == 0) m.gates = {"gate"};
    m.sponsors = {"SPN"};
    m.opponents = {"OPP"};
    s.motions.push_back(m);
  }
  for (int k = 0; k < 60; ++k) {
    Action a;
    a.id = "a" + std::to_string(k);
    a.actor = "SPN";
    a.target = "M" + std::to_string(rng.next() % static_cast<std::uint64_t>(kActors));
    a.cost = 5.0 + std::floor(rng.unit() * 100.0);
    if (k % 3 == 0) {
      a.kind = ActionKind::lobbying;
      a.effects["lobbying"] = 0.5;
    } else if (k % 3 == 1) {
      a.kind = ActionKind::visit;
      a.reverse_effects["alignment"] = 0.2 + 0.3 * rng.unit();
    } else {
      a.kind = ActionKind::security_cooperation;
      a.effects["security_cooperation"] = 0.3;
    }
    s.actions.push_back(a);
  }
  Horizon h;
  h.actor = "SPN";
  h.budgets = {0.0, 250.0, 500.0, 1000.0, 2000.0};
  for (const auto& m : s.motions) h.motions.push_back({"", m.forum, m.id, std::nullopt, {}, 1.0, {}});
  s.horizon = h;
  return s;
}

void BM_Compare10Motions(benchmark::State& state) {
  const Scenario s = horizon_world();
  std::vector<strategy::HorizonWorld> worlds;
  for (const auto& m : s.horizon->motions) worlds.push_back({s, m.forum, m.motion, {}, 1.0});
  const strategy::StrategyParams params;
  double lobbying = 0.0;
  double partnerships = 0.0;
  for (auto _ : state) {
    auto result = strategy::compare_strategies(worlds, s.actions, *s.horizon, params);
    for (const auto& p : result.points) {
      if (p.budget != 2000.0) continue;
      (p.strategy == "lobbying" ? lobbying : partnerships) = p.expected_passes;
    }
    benchmark::DoNotOptimize(result.points.data());
  }
  state.counters["E_lobbying_2000"] = lobbying;
  state.counters["E_partnerships_2000"] = partnerships;
}
BENCHMARK(BM_Compare10Motions)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
