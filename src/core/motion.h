// A proposal put to a forum.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/figure.h"

namespace statecraft {

enum class MotionOutcome { passed, failed, not_tabled };

struct Motion {
  std::string id;
  std::string forum;
  std::string description;
  std::string issue;               // the issue it is about; empty if none
  std::optional<double> position;  // where the motion stands on that issue's scale
  std::vector<std::string> sponsors;
  std::vector<std::string> opponents;
  // Ids of the forum's gates it must clear. When the scenario does not list them
  // (gates_listed false and the list empty) the motion clears all of the forum's gates;
  // an explicit empty list (`gates: []`, gates_listed true) means none.
  std::vector<std::string> gates;
  bool gates_listed = false;
  std::optional<Date> date;
  std::optional<MotionOutcome> outcome;  // what really happened
  std::string outcome_source;
};

}  // namespace statecraft

namespace statecraft {
std::string_view to_string(MotionOutcome outcome);
std::optional<MotionOutcome> parse_motion_outcome(std::string_view text);
}  // namespace statecraft
