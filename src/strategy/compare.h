// Strategy comparison over a horizon (core/horizon.h): for each strategy and each budget
// of the grid, the plan that maximises the expected number of motions passed,
//   sum over motions m of weight_m x P(m passes | the actions acting on m),
// at total cost within the budget. A one-off action (kind lobbying, or any action of a
// per_motion strategy) is bought for one motion and acts on it alone; a lasting action
// is bought once and acts on every motion. docs/influence.md §4 gives the search.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "core/horizon.h"
#include "core/scenario.h"
#include "strategy/plan.h"

namespace statecraft::strategy {

// One motion of the horizon in the world it is voted in (already at its date).
struct HorizonWorld {
  Scenario world;
  std::string forum;
  std::string motion;
  std::vector<std::string> extra_sponsors;  // added to the motion's sponsors
  double weight = 1.0;
};

struct MotionOutcome {
  double p_pass = 0.0;               // forum engine, after the plan
  double cost = 0.0;                 // spent on one-off actions for this motion
  std::vector<std::string> actions;  // every action acting on it (one-off and lasting)
};

struct StrategyPoint {
  std::string strategy;
  double budget = 0.0;
  double cost = 0.0;                   // total spent
  double expected_passes = 0.0;        // sum of weight x p_pass
  std::vector<std::string> lasting;    // lasting actions bought (once)
  std::vector<MotionOutcome> motions;  // horizon order
  std::string method;                  // "enumeration" or "greedy+swap"
};

struct ComparisonResult {
  std::vector<std::string> motions;  // motion ids, horizon order
  std::vector<std::string> forums;
  std::vector<double> p_before;  // no action
  std::vector<std::string> strategies;
  std::vector<double> budgets;
  std::vector<StrategyPoint> points;  // strategy-major, budgets ascending
};

// `menu` holds the horizon's actions (indices refer to it); strategies select from it by
// kind or id, and only `horizon.actor`'s actions (all when empty). Throws
// PreconditionError for an unknown forum, motion or sponsor, or an empty budget grid.
ComparisonResult compare_strategies(std::span<const HorizonWorld> worlds, std::span<const Action> menu,
                                    const Horizon& horizon, const StrategyParams& params);

}  // namespace statecraft::strategy
