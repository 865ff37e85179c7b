#include "core/decision_rule.h"

#include "core/enum_names.h"

namespace statecraft {

namespace {
constexpr EnumNames<RuleKind, 5> kKinds{{
    {RuleKind::consensus, "consensus"},
    {RuleKind::unanimity, "unanimity"},
    {RuleKind::majority, "majority"},
    {RuleKind::weighted, "weighted"},
    {RuleKind::double_majority, "double_majority"},
}};
constexpr EnumNames<MajorityBase, 2> kBases{{
    {MajorityBase::members, "members"},
    {MajorityBase::present_and_voting, "present_and_voting"},
}};

}  // namespace

std::string_view to_string(RuleKind kind) { return enum_name(kKinds, kind); }
std::optional<RuleKind> parse_rule_kind(std::string_view text) { return parse_enum(kKinds, text); }
std::string_view to_string(MajorityBase base) { return enum_name(kBases, base); }
std::optional<MajorityBase> parse_majority_base(std::string_view text) {
  return parse_enum(kBases, text);
}

}  // namespace statecraft
