#include "core/event.h"

#include "core/enum_names.h"

namespace statecraft {

namespace {
constexpr EnumNames<ChangeKind, 8> kKinds{{
    {ChangeKind::set_relation, "set_relation"},
    {ChangeKind::remove_relation, "remove_relation"},
    {ChangeKind::join, "join"},
    {ChangeKind::leave, "leave"},
    {ChangeKind::set_stance, "set_stance"},
    {ChangeKind::set_capability, "set_capability"},
    {ChangeKind::set_edge, "set_edge"},
    {ChangeKind::set_threat, "set_threat"},
}};
}  // namespace

std::string_view to_string(ChangeKind kind) { return enum_name(kKinds, kind); }

std::optional<ChangeKind> parse_change_kind(std::string_view text) { return parse_enum(kKinds, text); }

}  // namespace statecraft
