#include "core/event.h"

#include <array>
#include <utility>

namespace statecraft {

namespace {
constexpr std::array<std::pair<ChangeKind, std::string_view>, 8> kKinds{{
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

std::string_view to_string(ChangeKind kind) {
  for (const auto& [k, name] : kKinds) {
    if (k == kind) return name;
  }
  return "set_relation";
}

std::optional<ChangeKind> parse_change_kind(std::string_view text) {
  for (const auto& [k, name] : kKinds) {
    if (name == text) return k;
  }
  return std::nullopt;
}

}  // namespace statecraft
