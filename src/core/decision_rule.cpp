#include "core/decision_rule.h"

#include <array>
#include <utility>

namespace statecraft {

namespace {
constexpr std::array<std::pair<RuleKind, std::string_view>, 5> kKinds{{
    {RuleKind::consensus, "consensus"},
    {RuleKind::unanimity, "unanimity"},
    {RuleKind::majority, "majority"},
    {RuleKind::weighted, "weighted"},
    {RuleKind::double_majority, "double_majority"},
}};
constexpr std::array<std::pair<MajorityBase, std::string_view>, 2> kBases{{
    {MajorityBase::members, "members"},
    {MajorityBase::present_and_voting, "present_and_voting"},
}};

template <typename Enum, std::size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum e) {
  for (const auto& [k, name] : table) {
    if (k == e) return name;
  }
  return table[0].second;
}

template <typename Enum, std::size_t N>
std::optional<Enum> parse(const std::array<std::pair<Enum, std::string_view>, N>& table,
                          std::string_view text) {
  for (const auto& [k, name] : table) {
    if (name == text) return k;
  }
  return std::nullopt;
}
}  // namespace

std::string_view to_string(RuleKind kind) { return name_of(kKinds, kind); }
std::optional<RuleKind> parse_rule_kind(std::string_view text) { return parse(kKinds, text); }
std::string_view to_string(MajorityBase base) { return name_of(kBases, base); }
std::optional<MajorityBase> parse_majority_base(std::string_view text) {
  return parse(kBases, text);
}

}  // namespace statecraft
