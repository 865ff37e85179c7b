// A whole world as one immutable value: everything an engine may be asked about.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/action.h"
#include "core/actor.h"
#include "core/date.h"
#include "core/event.h"
#include "core/forum.h"
#include "core/game.h"
#include "core/horizon.h"
#include "core/issue.h"
#include "core/motion.h"
#include "core/narrative.h"
#include "core/network.h"
#include "core/parameters.h"
#include "core/relation.h"

namespace statecraft {

struct Scenario {
  std::string name;
  std::string description;
  std::optional<Date> date;  // the date the world describes (before any event)
  std::vector<Actor> actors;
  std::vector<Relation> relations;
  std::vector<Issue> issues;
  std::vector<Forum> forums;
  std::vector<Motion> motions;
  Network network;
  std::vector<Game> games;
  std::vector<Event> events;  // in date order
  Narratives narratives;       // frames, stubbornness, campaigns (src/influence)
  std::vector<Action> actions;  // menu of bilateral actions (src/strategy)
  std::optional<Horizon> horizon;  // motions, budgets and strategies to compare (src/strategy)
  Parameters parameters;

  [[nodiscard]] const Actor* find_actor(std::string_view id) const;
  [[nodiscard]] const Issue* find_issue(std::string_view id) const;
  [[nodiscard]] const Forum* find_forum(std::string_view id) const;
  [[nodiscard]] const Motion* find_motion(std::string_view id) const;
  [[nodiscard]] const Game* find_game(std::string_view id) const;
  [[nodiscard]] const Relation* find_relation(std::string_view from, std::string_view to) const;
};

// The world as it stands on `date`: the scenario with every event dated on or before
// it applied, in order. Events after it are kept, so the result can be advanced again.
Scenario world_at(const Scenario& scenario, const Date& date);

}  // namespace statecraft
