// The scenario timeline: dated changes to the world, for counterfactuals and
// structural shifts. `world_at(scenario, date)` applies every event up to a date.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"

namespace statecraft {

enum class ChangeKind {
  set_relation,     // actor -> target: dimension = value
  remove_relation,  // actor -> target: drop the whole tie
  join,             // actor joins forum `target`
  leave,            // actor leaves forum `target`
  set_stance,       // actor's position and/or salience on issue `target`
  set_capability,   // actor's capability `dimension` = value
  set_edge,         // corridor edge `target`: open and/or capacity
  set_threat,       // armed group `actor`'s activity near its targets = value
};

std::string_view to_string(ChangeKind kind);
std::optional<ChangeKind> parse_change_kind(std::string_view text);

struct Change {
  ChangeKind kind = ChangeKind::set_relation;
  std::string actor;
  std::string target;     // relation partner, forum, issue or edge id
  std::string dimension;  // relation dimension or capability name
  std::optional<double> value;
  std::optional<double> position;
  std::optional<double> salience;
  std::optional<bool> open;
  std::optional<double> capacity;
  std::string source;  // citation of this change's value; the event's source when empty
  bool assumed = false;
};

struct Event {
  Date date;
  std::string description;
  std::string source;
  std::vector<Change> changes;
};

}  // namespace statecraft
