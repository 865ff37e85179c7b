// Strategy search: which bilateral actions from a scenario's menu (`actions:`) raise a
// motion's pass probability to a target at least cost, or as far as a budget allows.
//
// 1. An exact MILP (GLPK) on the deterministic threshold version of the vote model: each
//    member's utility is linearised in the actions (its change under each action alone),
//    a member counts as yes when its utility clears the abstention band, as an objector
//    when below minus the band; the forum's rule, its gates and veto players become
//    linear constraints; minimise cost within the budget (threshold_milp.h).
// 2. Local search on the exact probabilistic model (forum::member_votes and
//    forum::pass_probability): add the best gain per cost until the target is met, then
//    drop and swap actions while it stays met.
// Menus of at most strategy.exact_max_actions actions are instead solved exactly by
// enumerating every affordable subset. Every plan is re-evaluated with the forum engine.
// docs/influence.md §3 gives the equations.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/parameters.h"
#include "core/scenario.h"
#include "forum/vote_model.h"

namespace statecraft::strategy {

struct StrategyParams {
  double target_p = 0.5;
  int local_search_rounds = 200;
  double won_margin = 0.0;
  int exact_max_actions = 12;

  static StrategyParams from(const Parameters& parameters);
};

// The scenario with the chosen actions' effects added to its relations (created when
// absent), each dimension clamped to its range. Indices into scenario.actions, or into
// `menu` for the second form (a horizon's actions applied to an episode's world).
Scenario apply_actions(const Scenario& scenario, std::span<const std::size_t> chosen);
Scenario apply_actions(const Scenario& scenario, std::span<const Action> menu,
                       std::span<const std::size_t> chosen);

// Exact pass probability of `motion` in `forum` after the chosen actions.
//
// An action changes only the relations between its actor and its target, and a member's
// lean depends only on the relations that touch it (docs/vote-model.md), so the
// evaluator keeps the members' base leans and, per candidate plan, recomputes the
// influence of just the members an action touches, on a small copy of their own
// relations; bloc discipline, ballots and the tally follow. The tally programme is built
// once. This is the same arithmetic as forum::member_votes + forum::pass_probability on
// apply_actions(...) (tests check agreement to 1e-12); `exact_pass_probability` takes
// that long way. Not thread-safe: evaluations reuse mutable workspaces.
class PlanEvaluator {
 public:
  PlanEvaluator(const Scenario& scenario, const std::string& forum, const std::string& motion);
  // Indices of later calls refer to `menu`, which must outlive the evaluator.
  PlanEvaluator(const Scenario& scenario, std::span<const Action> menu, const std::string& forum,
                const std::string& motion);
  PlanEvaluator(const PlanEvaluator&) = delete;
  PlanEvaluator& operator=(const PlanEvaluator&) = delete;
  ~PlanEvaluator();

  [[nodiscard]] double pass_probability(std::span<const std::size_t> chosen) const;
  // The same through a full copy of the scenario and the forum engine.
  [[nodiscard]] double exact_pass_probability(std::span<const std::size_t> chosen) const;
  // Members' utilities (after bloc discipline) under the chosen actions, forum order.
  [[nodiscard]] std::vector<double> utilities(std::span<const std::size_t> chosen) const;
  // Whether action k can change any member's lean on this motion.
  [[nodiscard]] bool touches(std::size_t k) const;
  [[nodiscard]] const Scenario& scenario() const { return scenario_; }
  [[nodiscard]] std::span<const Action> menu() const { return menu_; }
  [[nodiscard]] const Forum& forum() const { return *forum_; }
  [[nodiscard]] const Motion& motion() const { return *motion_; }
  [[nodiscard]] const forum::VoteParams& vote_params() const { return vote_; }

 private:
  struct Workspace;
  const std::vector<double>& evaluate_utilities(std::span<const std::size_t> chosen) const;

  const Scenario& scenario_;
  std::span<const Action> menu_;
  const Forum* forum_;
  const Motion* motion_;
  forum::VoteParams vote_;
  std::unique_ptr<Workspace> ws_;
};

struct PlanStep {
  std::string action;
  double cost = 0.0;
  double marginal = 0.0;  // p(plan) − p(plan without this action)
};

struct Plan {
  std::vector<std::size_t> actions;  // indices into scenario.actions, ascending
  std::vector<PlanStep> steps;       // same order
  double cost = 0.0;
  double p_before = 0.0;
  double p_after = 0.0;
  bool meets_target = false;
  std::string method;  // "enumeration" or "milp+local_search"
  // Threshold model: whether the MILP found a plan within budget (false also when unused).
  bool milp_feasible = false;
  std::vector<std::size_t> milp_actions;  // the MILP's plan before local search
};

// Cheapest plan within `budget` whose exact pass probability reaches params.target_p;
// when none does, the plan with the highest probability found (ties: cheaper).
// Throws PreconditionError for an unknown forum or motion, or a motion of another forum.
Plan optimize(const Scenario& scenario, const std::string& forum, const std::string& motion, double budget,
              const StrategyParams& params);

}  // namespace statecraft::strategy
