// The menu of bilateral actions a strategy may buy: a trade agreement, an investment,
// security cooperation, aid, a high-level visit, lobbying a single vote. Each changes
// the relation dimensions between its actor and its target (src/strategy searches it).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace statecraft {

enum class ActionKind { trade_agreement, investment, security_cooperation, aid, visit, lobbying, other };

struct Action {
  std::string id;
  ActionKind kind = ActionKind::other;
  std::string actor;   // who acts (pays)
  std::string target;  // whose relation changes
  double cost = 0.0;   // budget units (the scenario says which; million USD in the cases)
  double duration_years = 1.0;  // how long it takes to take effect (descriptive)
  // Added to the relation actor -> target, dimension by dimension, clamped to the
  // dimension's range; `reverse_effects` likewise to target -> actor.
  std::map<std::string, double> effects;
  std::map<std::string, double> reverse_effects;
  std::string source;
  std::string note;
};

inline const char* to_string(ActionKind kind) {
  switch (kind) {
    case ActionKind::trade_agreement: return "trade_agreement";
    case ActionKind::investment: return "investment";
    case ActionKind::security_cooperation: return "security_cooperation";
    case ActionKind::aid: return "aid";
    case ActionKind::visit: return "visit";
    case ActionKind::lobbying: return "lobbying";
    case ActionKind::other: return "other";
  }
  return "other";
}

inline std::optional<ActionKind> parse_action_kind(const std::string& text) {
  for (ActionKind k : {ActionKind::trade_agreement, ActionKind::investment, ActionKind::security_cooperation,
                       ActionKind::aid, ActionKind::visit, ActionKind::lobbying, ActionKind::other}) {
    if (text == to_string(k)) return k;
  }
  return std::nullopt;
}

}  // namespace statecraft
