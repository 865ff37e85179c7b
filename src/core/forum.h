// A multilateral forum: its members, how it decides, the gates an item must pass
// before it is voted on, and the blocs that vote together.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/decision_rule.h"
#include "core/figure.h"

namespace statecraft {

// A step before the vote itself. Either a decision under its own rule (an agenda
// item needs consensus) or a count of supporting signatures (a UN HRC special
// session needs one third of the members: 16 of 47).
struct AgendaGate {
  std::string id;
  std::string description;
  std::optional<DecisionRule> rule;       // set for a decision gate
  std::optional<int> min_signatures;      // set for a signature gate (absolute)
  std::optional<double> signature_share;  // or as a share of members (rounded up)
};

struct Bloc {
  std::string id;
  std::vector<std::string> members;
  double discipline = 0.0;  // in [0, 1]: how strongly members follow the bloc line
};

struct Forum {
  std::string id;
  std::string name;
  std::vector<std::string> members;  // input order
  DecisionRule rule;
  std::vector<AgendaGate> gates;  // applied in order before the vote
  std::vector<Bloc> blocs;
  std::string rule_source;  // citation for the rules of procedure

  [[nodiscard]] bool has_member(const std::string& actor) const;
};

}  // namespace statecraft
