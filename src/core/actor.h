// An actor of world politics: a state, a non-state armed group, an international
// organisation or a bloc.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/figure.h"

namespace statecraft {

enum class ActorKind { state, armed_group, organisation, bloc };

std::string_view to_string(ActorKind kind);
std::optional<ActorKind> parse_actor_kind(std::string_view text);

struct Actor {
  std::string id;  // ISO 3166 alpha-3 for states (PAK), short lowercase otherwise (ttp)
  std::string name;
  ActorKind kind = ActorKind::state;
  // Named, non-negative capabilities: "overall", "military", "economic",
  // "diplomatic", "gdp_usd_bn", "population_m", ... Issues pick one by name.
  std::map<std::string, Figure> capabilities;
  // Free-form descriptive attributes (region, regime type, ...).
  std::map<std::string, std::string> attributes;
};

}  // namespace statecraft
