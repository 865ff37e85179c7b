// A strategy horizon: several motions in several forums, one actor's budget, and the
// strategies to compare on them (`statecraft optimize SCENARIO --compare`). The thesis it
// tests (essay 000): lasting bilateral partnerships, bought once, pay off in every forum,
// whereas lobbying is aimed at one vote and must be bought again for the next.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/action.h"
#include "core/date.h"
#include "core/error.h"

namespace statecraft {

// One motion of the horizon. It may live in another scenario file (an episode of the
// same world); the horizon's actions are then applied to that file's world.
struct HorizonMotion {
  std::string scenario;  // resolved path of the file that holds it; empty: this scenario
  std::string forum;
  std::string motion;
  std::optional<Date> at;             // evaluate that file's world on this date
  std::vector<std::string> sponsors;  // added to the motion's sponsors for the horizon
  double weight = 1.0;                // in the objective: sum of weight x pass probability
  SourceLocation location;            // of the entry, for errors found once the file is loaded
};

// Which actions a strategy may buy, and whether they last.
//  - per_motion (lobbying): an action is bought for one motion and acts on that motion
//    only; using it on another motion costs its price again.
//  - lasting (partnerships): an action is bought once and its relation effects hold for
//    every motion of the horizon.
struct HorizonStrategy {
  std::string id;
  std::string name;
  std::vector<ActionKind> kinds;     // empty with empty `actions`: every action
  std::vector<std::string> actions;  // explicit action ids (added to the kinds' actions)
  bool per_motion = false;
};

struct Horizon {
  std::string actor;  // whose budget; only its actions are bought (empty: any actor's)
  std::vector<HorizonMotion> motions;
  std::vector<double> budgets;  // ascending, >= 0
  std::vector<HorizonStrategy> strategies;
  std::string source;
  std::string note;
};

// The two strategies of the thesis, used when a horizon declares none: per-motion
// lobbying (actions of kind lobbying) against lasting partnerships (every other kind).
inline std::vector<HorizonStrategy> default_horizon_strategies() {
  HorizonStrategy lobbying{"lobbying", "per-motion multilateral lobbying", {ActionKind::lobbying}, {}, true};
  HorizonStrategy partnerships{
      "partnerships",
      "lasting bilateral partnerships",
      {ActionKind::trade_agreement, ActionKind::investment, ActionKind::security_cooperation, ActionKind::aid,
       ActionKind::visit, ActionKind::other},
      {},
      false};
  return {lobbying, partnerships};
}

}  // namespace statecraft
