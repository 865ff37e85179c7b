// How a forum decides: the rule a motion must satisfy to pass.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace statecraft {

enum class RuleKind {
  consensus,        // passes unless a member objects; abstaining or absence is not objecting
  unanimity,        // every member votes yes
  majority,         // a share (or count) of yes votes among a base
  weighted,         // yes weight reaches a quota (IMF-style)
  double_majority,  // a share of members and a share of population (EU Council QMV)
};

// Which votes a majority is computed over.
enum class MajorityBase {
  members,             // all members: abstentions and absences count against
  present_and_voting,  // yes + no only: abstentions and absences are not counted
};

std::string_view to_string(RuleKind kind);
std::optional<RuleKind> parse_rule_kind(std::string_view text);
std::string_view to_string(MajorityBase base);
std::optional<MajorityBase> parse_majority_base(std::string_view text);

struct DecisionRule {
  RuleKind kind = RuleKind::consensus;

  // majority: yes must reach `share` of the base (strictly more than it when
  // `strictly_more`, so simple majority is share 0.5 strictly_more), and at least
  // `min_yes` votes when set (UNSC: 9).
  MajorityBase base = MajorityBase::present_and_voting;
  double share = 0.5;
  bool strictly_more = true;
  std::optional<int> min_yes;

  // Share of members that must be present (voting yes, no or abstaining).
  std::optional<double> quorum;

  // Members whose "no" alone defeats the motion (UNSC permanent members).
  std::vector<std::string> veto_players;

  // weighted: yes weight must reach `quota` (absolute) or `quota_share` of total weight.
  std::map<std::string, double> weights;
  std::optional<double> quota;
  std::optional<double> quota_share;

  // double_majority: yes members >= state_share of members and their population
  // >= population_share of the total; also passes when fewer than `blocking_minimum`
  // members vote against or abstain (EU: a blocking minority needs at least 4).
  double state_share = 0.55;
  double population_share = 0.65;
  int blocking_minimum = 4;
  std::map<std::string, double> population;  // per member, any unit
};

}  // namespace statecraft
