#include "core/scenario.h"

#include <algorithm>

#include "core/error.h"

namespace statecraft {

namespace {
template <typename T>
const T* find_by_id(const std::vector<T>& items, std::string_view id) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.id == id; });
  return it == items.end() ? nullptr : &*it;
}

template <typename T>
T& must_find(std::vector<T>& items, const std::string& id, std::string_view what) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.id == id; });
  if (it == items.end()) throw PreconditionError("event names unknown " + std::string(what) + " " + id);
  return *it;
}

Relation& relation_for(Scenario& world, const std::string& from, const std::string& to) {
  for (auto& r : world.relations) {
    if (r.from == from && r.to == to) return r;
  }
  world.relations.push_back(Relation{from, to, {}});
  return world.relations.back();
}

void apply(Scenario& world, const Change& change, const std::string& source) {
  switch (change.kind) {
    case ChangeKind::set_relation:
      relation_for(world, change.actor, change.target).dimensions[change.dimension] =
          Figure{change.value.value_or(0.0), source, change.assumed};
      break;
    case ChangeKind::remove_relation:
      std::erase_if(world.relations, [&](const Relation& r) {
        return r.from == change.actor && r.to == change.target;
      });
      break;
    case ChangeKind::join: {
      Forum& forum = must_find(world.forums, change.target, "forum");
      if (!forum.has_member(change.actor)) forum.members.push_back(change.actor);
      break;
    }
    case ChangeKind::leave: {
      Forum& forum = must_find(world.forums, change.target, "forum");
      std::erase(forum.members, change.actor);
      for (auto& bloc : forum.blocs) std::erase(bloc.members, change.actor);
      break;
    }
    case ChangeKind::set_stance: {
      Issue& issue = must_find(world.issues, change.target, "issue");
      auto it = std::find_if(issue.stances.begin(), issue.stances.end(),
                             [&](const Stance& s) { return s.actor == change.actor; });
      if (it == issue.stances.end()) {
        throw PreconditionError("event sets a stance of " + change.actor + " on " + issue.id +
                                ", which has none to change");
      }
      if (change.position) it->position = Figure{*change.position, source, false};
      if (change.salience) it->salience = Figure{*change.salience, source, false};
      break;
    }
    case ChangeKind::set_capability:
      must_find(world.actors, change.actor, "actor").capabilities[change.dimension] =
          Figure{change.value.value_or(0.0), source, change.assumed};
      break;
    case ChangeKind::set_edge: {
      Edge& edge = must_find(world.network.edges, change.target, "edge");
      if (change.open) edge.open = *change.open;
      if (change.capacity) edge.capacity = Figure{*change.capacity, source, false};
      break;
    }
    case ChangeKind::set_threat:
      for (auto& threat : world.network.threats) {
        if (threat.group == change.actor) threat.activity = Figure{change.value.value_or(0.0), source, change.assumed};
      }
      break;
  }
}
}  // namespace

const Actor* Scenario::find_actor(std::string_view id) const { return find_by_id(actors, id); }
const Issue* Scenario::find_issue(std::string_view id) const { return find_by_id(issues, id); }
const Forum* Scenario::find_forum(std::string_view id) const { return find_by_id(forums, id); }
const Motion* Scenario::find_motion(std::string_view id) const { return find_by_id(motions, id); }
const Game* Scenario::find_game(std::string_view id) const { return find_by_id(games, id); }

const Relation* Scenario::find_relation(std::string_view from, std::string_view to) const {
  for (const auto& r : relations) {
    if (r.from == from && r.to == to) return &r;
  }
  return nullptr;
}

Scenario world_at(const Scenario& scenario, const Date& date) {
  Scenario world = scenario;
  std::vector<Event> pending;
  for (const auto& event : scenario.events) {
    if (event.date <= date) {
      for (const auto& change : event.changes) {
        apply(world, change, change.source.empty() ? event.source : change.source);
      }
    } else {
      pending.push_back(event);
    }
  }
  world.events = std::move(pending);
  world.date = date;
  return world;
}

}  // namespace statecraft
