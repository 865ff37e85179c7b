#include "core/actor.h"

#include <array>
#include <utility>

namespace statecraft {

namespace {
constexpr std::array<std::pair<ActorKind, std::string_view>, 4> kKinds{{
    {ActorKind::state, "state"},
    {ActorKind::armed_group, "armed_group"},
    {ActorKind::organisation, "organisation"},
    {ActorKind::bloc, "bloc"},
}};
}  // namespace

std::string_view to_string(ActorKind kind) {
  for (const auto& [k, name] : kKinds) {
    if (k == kind) return name;
  }
  return "state";
}

std::optional<ActorKind> parse_actor_kind(std::string_view text) {
  for (const auto& [k, name] : kKinds) {
    if (name == text) return k;
  }
  return std::nullopt;
}

}  // namespace statecraft
