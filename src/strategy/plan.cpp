#include "strategy/plan.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "core/error.h"
#include "forum/pass_probability.h"
#include "forum/rules.h"
#include "forum/tally.h"
#include "strategy/threshold_milp.h"

namespace statecraft::strategy {

StrategyParams StrategyParams::from(const Parameters& p) {
  StrategyParams v;
  v.target_p = p.get("strategy.target_p");
  v.local_search_rounds = static_cast<int>(std::lround(p.get("strategy.local_search_rounds")));
  v.won_margin = p.get("strategy.won_margin");
  v.exact_max_actions = static_cast<int>(std::lround(p.get("strategy.exact_max_actions")));
  return v;
}

namespace {

Relation& relation_for(std::vector<Relation>& relations, const std::string& from, const std::string& to) {
  for (auto& r : relations) {
    if (r.from == from && r.to == to) return r;
  }
  relations.push_back(Relation{from, to, {}});
  return relations.back();
}

// Alignment and hostility are read either way round by the vote model (the member's own
// record, else the other side's), so a change to an unrecorded one starts from the
// reverse relation's value rather than from 0, which could otherwise lower the tie.
void add_effects(std::vector<Relation>& relations, const std::string& from, const std::string& to,
                 const std::map<std::string, double>& effects) {
  double reverse_alignment = 0.0;
  double reverse_hostility = 0.0;
  for (const auto& r : relations) {
    if (r.from == to && r.to == from) {
      reverse_alignment = r.value_or("alignment");
      reverse_hostility = r.value_or("hostility");
    }
  }
  Relation& r = relation_for(relations, from, to);
  for (const auto& [name, change] : effects) {
    const RelationDimension* d = find_relation_dimension(name);
    if (d == nullptr) throw PreconditionError("action changes unknown dimension " + name);
    if (!r.dimensions.contains(name)) {
      if (name == "alignment") r.dimensions[name].value = reverse_alignment;
      if (name == "hostility") r.dimensions[name].value = reverse_hostility;
    }
    Figure& f = r.dimensions[name];
    f.value = std::clamp(f.value + change, d->min, d->max);
    f.assumed = true;
  }
}

}  // namespace

Scenario apply_actions(const Scenario& scenario, std::span<const Action> menu,
                       std::span<const std::size_t> chosen) {
  Scenario out = scenario;
  for (std::size_t k : chosen) {
    if (k >= menu.size()) throw PreconditionError("action index out of range");
    const Action& a = menu[k];
    if (!a.effects.empty()) add_effects(out.relations, a.actor, a.target, a.effects);
    if (!a.reverse_effects.empty()) add_effects(out.relations, a.target, a.actor, a.reverse_effects);
  }
  return out;
}

Scenario apply_actions(const Scenario& scenario, std::span<const std::size_t> chosen) {
  return apply_actions(scenario, scenario.actions, chosen);
}

// Everything an evaluation reuses: the base leans, each member's own relations, which
// members each action touches, bloc membership, the compiled tally, and scratch space.
struct PlanEvaluator::Workspace {
  std::vector<forum::MemberLean> leans;  // base, forum order
  std::vector<std::array<double, forum::kBallotCount>> base_probabilities;
  std::vector<std::vector<Relation>> incident;           // per member: relations from or to it
  std::vector<std::vector<std::size_t>> action_members;  // per action: forum indices touched
  std::vector<std::vector<std::size_t>> bloc_members;    // per bloc: forum indices, bloc order
  std::vector<double> pull;                              // per member: sum of its blocs' discipline
  forum::TallySpec tally;
  // Scratch.
  Scenario local;  // holds one member's relations for forum::bilateral_influence
  std::vector<double> own;
  std::vector<double> utility;
  std::vector<double> bloc_mean;
  std::vector<char> touched;
  std::vector<std::array<double, forum::kBallotCount>> probabilities;
};

PlanEvaluator::PlanEvaluator(const Scenario& scenario, const std::string& forum, const std::string& motion)
    : PlanEvaluator(scenario, scenario.actions, forum, motion) {}

PlanEvaluator::~PlanEvaluator() = default;

PlanEvaluator::PlanEvaluator(const Scenario& scenario, std::span<const Action> menu, const std::string& forum,
                             const std::string& motion)
    : scenario_(scenario),
      menu_(menu),
      forum_(scenario.find_forum(forum)),
      motion_(scenario.find_motion(motion)),
      vote_(forum::VoteParams::from(scenario.parameters)),
      ws_(std::make_unique<Workspace>()) {
  if (forum_ == nullptr) throw PreconditionError("unknown forum " + forum);
  if (motion_ == nullptr) throw PreconditionError("unknown motion " + motion);
  if (motion_->forum != forum_->id) {
    throw PreconditionError("motion " + motion + " belongs to forum " + motion_->forum + ", not " + forum);
  }
  Workspace& w = *ws_;
  const auto& members = forum_->members;
  const std::size_t n = members.size();
  w.leans = forum::member_leans(scenario, *forum_, *motion_, vote_);
  for (const auto& lean : w.leans) {
    w.base_probabilities.push_back(
        forum::ballot_probabilities(lean.member, lean.utility, lean.salience, vote_, lean.objection_threshold)
            .probabilities());
  }
  std::map<std::string, std::size_t, std::less<>> index;
  for (std::size_t i = 0; i < n; ++i) index.emplace(members[i], i);
  w.incident.resize(n);
  for (const Relation& r : scenario.relations) {
    auto from = index.find(r.from);
    auto to = index.find(r.to);
    if (from != index.end()) w.incident[from->second].push_back(r);
    if (to != index.end() && (from == index.end() || to->second != from->second))
      w.incident[to->second].push_back(r);
  }
  // Member i reads the relations between it and each sponsor or opponent, and its own
  // exports to everyone (the trade share's denominator). An action on the pair (i, j)
  // therefore moves i's lean only when j sponsors or opposes the motion, or when it
  // changes i's exports.
  auto party = [&](const std::string& id) {
    return std::find(motion_->sponsors.begin(), motion_->sponsors.end(), id) != motion_->sponsors.end() ||
           std::find(motion_->opponents.begin(), motion_->opponents.end(), id) != motion_->opponents.end();
  };
  for (const Action& a : menu_) {
    std::vector<std::size_t> touched;
    auto consider = [&](const std::string& member, const std::string& other,
                        const std::map<std::string, double>& outgoing) {
      auto it = index.find(member);
      if (it == index.end() || std::find(touched.begin(), touched.end(), it->second) != touched.end()) return;
      if (party(other) || outgoing.contains("exports_usd_m")) touched.push_back(it->second);
    };
    // The actor's outgoing changes are `effects`, the target's are `reverse_effects`.
    if (!a.effects.empty() || !a.reverse_effects.empty()) {
      consider(a.actor, a.target, a.effects);
      consider(a.target, a.actor, a.reverse_effects);
    }
    w.action_members.push_back(std::move(touched));
  }
  w.pull.assign(n, 0.0);
  for (const Bloc& bloc : forum_->blocs) {
    std::vector<std::size_t> in;
    for (const auto& m : bloc.members) {
      auto it = index.find(m);
      if (it != index.end()) in.push_back(it->second);
    }
    w.bloc_members.push_back(std::move(in));
  }
  for (std::size_t i = 0; i < n; ++i) {
    for (const auto& [b, weight] : w.leans[i].bloc_weights) w.pull[i] += forum_->blocs[b].discipline;
  }
  const forum::Procedure procedure = forum::make_procedure(*forum_, *motion_);
  forum::TallyBuilder builder(n);
  for (const auto& stage : procedure.stages) stage.rule->add_to(builder);
  w.tally = builder.build();
  w.local.parameters = scenario.parameters;
  w.own.resize(n);
  w.utility.resize(n);
  w.bloc_mean.resize(forum_->blocs.size());
  w.touched.resize(n);
}

bool PlanEvaluator::touches(std::size_t k) const {
  if (k >= menu_.size()) throw PreconditionError("action index out of range");
  return !ws_->action_members[k].empty();
}

// The arithmetic of forum::member_leans, restricted to the members the plan touches; the
// order of operations is kept so untouched members' utilities are bit-for-bit the base.
const std::vector<double>& PlanEvaluator::evaluate_utilities(std::span<const std::size_t> chosen) const {
  Workspace& w = *ws_;
  const std::size_t n = w.leans.size();
  std::fill(w.touched.begin(), w.touched.end(), char{0});
  for (std::size_t k : chosen) {
    if (k >= menu_.size()) throw PreconditionError("action index out of range");
    for (std::size_t i : w.action_members[k]) w.touched[i] = 1;
  }
  for (std::size_t i = 0; i < n; ++i) {
    const forum::MemberLean& lean = w.leans[i];
    if (!w.touched[i]) {
      w.own[i] = lean.own_utility;
      continue;
    }
    w.local.relations = w.incident[i];
    for (std::size_t k : chosen) {
      const auto& hit = w.action_members[k];
      if (std::find(hit.begin(), hit.end(), i) == hit.end()) continue;
      const Action& a = menu_[k];
      if (!a.effects.empty()) add_effects(w.local.relations, a.actor, a.target, a.effects);
      if (!a.reverse_effects.empty()) add_effects(w.local.relations, a.target, a.actor, a.reverse_effects);
    }
    double influence = 0.0;
    for (const auto& s : motion_->sponsors)
      influence += forum::bilateral_influence(w.local, s, lean.member, vote_);
    for (const auto& s : motion_->opponents)
      influence -= forum::bilateral_influence(w.local, s, lean.member, vote_);
    w.own[i] = vote_.policy_weight * lean.policy + vote_.influence_weight * influence + lean.commitment;
  }
  for (std::size_t b = 0; b < w.bloc_members.size(); ++b) {
    double sum = 0.0;
    for (std::size_t i : w.bloc_members[b]) sum += w.own[i];
    const auto count = static_cast<double>(w.bloc_members[b].size());
    w.bloc_mean[b] = w.bloc_members[b].empty() ? 0.0 : sum / count;
  }
  for (std::size_t i = 0; i < n; ++i) {
    const double pull = w.pull[i];
    const double scale = pull > 1.0 ? 1.0 / pull : 1.0;
    double u = (1.0 - pull * scale) * w.own[i];
    for (const auto& [b, weight] : w.leans[i].bloc_weights) u += weight * w.bloc_mean[b];
    w.utility[i] = u;
  }
  return w.utility;
}

double PlanEvaluator::pass_probability(std::span<const std::size_t> chosen) const {
  Workspace& w = *ws_;
  const auto& utility = evaluate_utilities(chosen);
  w.probabilities = w.base_probabilities;
  for (std::size_t i = 0; i < utility.size(); ++i) {
    if (utility[i] == w.leans[i].utility) continue;  // same input, same ballot
    w.probabilities[i] = forum::ballot_probabilities(w.leans[i].member, utility[i], w.leans[i].salience,
                                                     vote_, w.leans[i].objection_threshold)
                             .probabilities();
  }
  return forum::evaluate_tally(w.tally, w.probabilities, false).p_pass;
}

double PlanEvaluator::exact_pass_probability(std::span<const std::size_t> chosen) const {
  const Scenario world = apply_actions(scenario_, menu_, chosen);
  const auto votes = forum::member_votes(world, *forum_, *motion_, vote_);
  return forum::pass_probability(*forum_, *motion_, votes).p_pass;
}

std::vector<double> PlanEvaluator::utilities(std::span<const std::size_t> chosen) const {
  return evaluate_utilities(chosen);
}

namespace {

double cost_of(const Scenario& s, const std::vector<std::size_t>& plan) {
  double c = 0.0;
  for (std::size_t k : plan) c += s.actions[k].cost;
  return c;
}

// Better plan: meets the target at lower cost; else higher probability; ties cheaper.
bool better(double p, double cost, double best_p, double best_cost, double target) {
  const bool meets = p >= target;
  const bool best_meets = best_p >= target;
  if (meets != best_meets) return meets;
  if (meets) return cost < best_cost - 1e-12;
  if (p > best_p + 1e-12) return true;
  return std::abs(p - best_p) <= 1e-12 && cost < best_cost - 1e-12;
}

std::vector<std::size_t> enumerate(const PlanEvaluator& eval, const std::vector<std::size_t>& menu,
                                   double budget, double target) {
  const Scenario& s = eval.scenario();
  std::vector<std::size_t> best;
  double best_p = eval.pass_probability(best);
  double best_cost = 0.0;
  const std::size_t count = std::size_t{1} << menu.size();
  for (std::size_t mask = 1; mask < count; ++mask) {
    std::vector<std::size_t> plan;
    double cost = 0.0;
    for (std::size_t i = 0; i < menu.size(); ++i) {
      if ((mask >> i) & 1U) {
        plan.push_back(menu[i]);
        cost += s.actions[menu[i]].cost;
      }
    }
    if (cost > budget + 1e-9) continue;
    if (best_p >= target && cost >= best_cost) continue;  // cannot beat a plan that already meets it
    const double p = eval.pass_probability(plan);
    if (better(p, cost, best_p, best_cost, target)) {
      best = std::move(plan);
      best_p = p;
      best_cost = cost;
    }
  }
  return best;
}

std::vector<std::size_t> local_search(const PlanEvaluator& eval, const std::vector<std::size_t>& menu,
                                      std::vector<std::size_t> plan, double budget, double target,
                                      int rounds) {
  const Scenario& s = eval.scenario();
  auto sorted = [](std::vector<std::size_t> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  plan = sorted(plan);
  double p = eval.pass_probability(plan);
  double cost = cost_of(s, plan);
  for (int round = 0; round < rounds; ++round) {
    bool moved = false;
    if (p < target) {
      // Add the affordable action with the best gain per unit cost.
      double best_ratio = 0.0;
      std::size_t best_action = 0;
      double best_p = p;
      for (std::size_t a : menu) {
        if (std::binary_search(plan.begin(), plan.end(), a) || cost + s.actions[a].cost > budget + 1e-9)
          continue;
        auto trial = plan;
        trial.push_back(a);
        const double q = eval.pass_probability(sorted(trial));
        const double ratio = (q - p) / std::max(s.actions[a].cost, 1e-9);
        if (q > p + 1e-12 && ratio > best_ratio) {
          best_ratio = ratio;
          best_action = a;
          best_p = q;
        }
      }
      if (best_ratio > 0.0) {
        plan.push_back(best_action);
        plan = sorted(plan);
        p = best_p;
        cost = cost_of(s, plan);
        moved = true;
      }
    }
    if (!moved) {
      // Drop the dearest action that is not needed (target still met, or no loss).
      std::vector<std::size_t> by_cost = plan;
      std::sort(by_cost.begin(), by_cost.end(),
                [&](std::size_t x, std::size_t y) { return s.actions[x].cost > s.actions[y].cost; });
      for (std::size_t a : by_cost) {
        std::vector<std::size_t> trial;
        for (std::size_t b : plan) {
          if (b != a) trial.push_back(b);
        }
        const double q = eval.pass_probability(trial);
        if ((p >= target && q >= target) || (p < target && q >= p - 1e-12)) {
          plan = trial;
          p = q;
          cost = cost_of(s, plan);
          moved = true;
          break;
        }
      }
    }
    if (!moved && p >= target) {
      // Swap one action for a cheaper one outside the plan, keeping the target.
      double best_saving = 0.0;
      std::vector<std::size_t> best_plan;
      double best_p = p;
      for (std::size_t a : plan) {
        for (std::size_t b : menu) {
          if (std::binary_search(plan.begin(), plan.end(), b)) continue;
          const double saving = s.actions[a].cost - s.actions[b].cost;
          if (saving <= best_saving + 1e-12) continue;
          std::vector<std::size_t> trial;
          for (std::size_t c : plan) {
            if (c != a) trial.push_back(c);
          }
          trial.push_back(b);
          trial = sorted(trial);
          const double q = eval.pass_probability(trial);
          if (q >= target) {
            best_saving = saving;
            best_plan = trial;
            best_p = q;
          }
        }
      }
      if (best_saving > 0.0) {
        plan = best_plan;
        p = best_p;
        cost = cost_of(s, plan);
        moved = true;
      }
    }
    if (!moved) break;
  }
  return plan;
}

}  // namespace

Plan optimize(const Scenario& scenario, const std::string& forum, const std::string& motion, double budget,
              const StrategyParams& params) {
  if (!(budget >= 0.0)) throw PreconditionError("budget must be >= 0");
  const PlanEvaluator eval(scenario, forum, motion);
  Plan out;
  out.p_before = eval.exact_pass_probability({});
  // Only affordable actions are on the menu.
  std::vector<std::size_t> menu;
  for (std::size_t a = 0; a < scenario.actions.size(); ++a) {
    if (scenario.actions[a].cost <= budget + 1e-9) menu.push_back(a);
  }
  const double target = params.target_p;
  std::vector<std::size_t> plan;
  if (static_cast<int>(menu.size()) <= params.exact_max_actions) {
    out.method = "enumeration";
    plan = enumerate(eval, menu, budget, target);
  } else {
    out.method = "milp+local_search";
    ThresholdProblem problem;
    problem.base_utility = eval.utilities({});
    problem.cost.resize(menu.size());
    problem.delta.resize(menu.size());
    for (std::size_t i = 0; i < menu.size(); ++i) {
      problem.cost[i] = scenario.actions[menu[i]].cost;
      const std::size_t one[] = {menu[i]};
      auto u = eval.utilities(one);
      for (std::size_t m = 0; m < u.size(); ++m) u[m] -= problem.base_utility[m];
      problem.delta[i] = std::move(u);
    }
    problem.budget = budget;
    problem.yes_threshold = eval.vote_params().abstain_band + params.won_margin;
    problem.no_threshold = -eval.vote_params().abstain_band + params.won_margin;
    if (auto milp = solve_threshold_milp(eval.forum(), eval.motion(), problem)) {
      out.milp_feasible = true;
      for (std::size_t i : *milp) out.milp_actions.push_back(menu[i]);
      plan = out.milp_actions;
    }
    plan = local_search(eval, menu, plan, budget, target, params.local_search_rounds);
  }
  std::sort(plan.begin(), plan.end());
  out.actions = plan;
  out.cost = cost_of(scenario, plan);
  out.p_after = eval.exact_pass_probability(plan);  // the forum engine's own figure
  out.meets_target = out.p_after >= target;
  for (std::size_t a : plan) {
    std::vector<std::size_t> without;
    for (std::size_t b : plan) {
      if (b != a) without.push_back(b);
    }
    out.steps.push_back(
        {scenario.actions[a].id, scenario.actions[a].cost, out.p_after - eval.pass_probability(without)});
  }
  return out;
}

}  // namespace statecraft::strategy
