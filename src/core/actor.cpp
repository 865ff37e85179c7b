#include "core/actor.h"

#include "core/enum_names.h"

namespace statecraft {

namespace {
constexpr EnumNames<ActorKind, 4> kKinds{{
    {ActorKind::state, "state"},
    {ActorKind::armed_group, "armed_group"},
    {ActorKind::organisation, "organisation"},
    {ActorKind::bloc, "bloc"},
}};
}  // namespace

std::string_view to_string(ActorKind kind) { return enum_name(kKinds, kind); }

std::optional<ActorKind> parse_actor_kind(std::string_view text) { return parse_enum(kKinds, text); }

}  // namespace statecraft
