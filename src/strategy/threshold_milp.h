// The deterministic threshold version of a forum vote as a 0-1 MILP, solved with GLPK.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "core/forum.h"
#include "core/motion.h"

namespace statecraft::strategy {

struct ThresholdProblem {
  std::vector<double> base_utility;             // per member, forum order
  std::vector<std::vector<double>> delta;       // [action][member]: utility change, action alone
  std::vector<double> cost;                     // per action
  double budget = 0.0;
  double yes_threshold = 0.0;  // utility a member needs to vote yes
  double no_threshold = 0.0;   // utility below which a member votes no
};

// Minimum-cost set of actions (ascending indices) under which the linearised utilities
// carry the motion through every stage of `forum` it must clear (its gates, veto players
// and the vote), all members present; nullopt when no set within budget does.
std::optional<std::vector<std::size_t>> solve_threshold_milp(const Forum& forum, const Motion& motion,
                                                             const ThresholdProblem& problem);

}  // namespace statecraft::strategy
