// Shared helpers for the bargaining tests: the 1994 emission-standards table and
// random issues for property tests.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include "core/issue.h"

namespace statecraft::bargain::testing {

// Reads `actor,capability,position,salience` (the layout of the shared data file);
// the CSV loader proper lives in io and is tested there.
inline Issue read_table(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  Issue issue;
  issue.id = "table";
  std::string line;
  std::getline(in, line);  // header, fixed order in this file
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::stringstream fields(line);
    std::string actor, capability, position, salience;
    std::getline(fields, actor, ',');
    std::getline(fields, capability, ',');
    std::getline(fields, position, ',');
    std::getline(fields, salience, ',');
    Stance stance;
    stance.actor = actor;
    stance.capability.value = std::stod(capability);
    stance.position.value = std::stod(position);
    stance.salience.value = std::stod(salience);
    issue.stances.push_back(stance);
  }
  return issue;
}

inline Issue emissions() { return read_table(STATECRAFT_SHARED_DIR "/data/bdm_emissions/emissions-1994.csv"); }

inline Issue make_issue(const std::vector<double>& positions, const std::vector<double>& capabilities,
                        const std::vector<double>& saliences) {
  Issue issue;
  issue.id = "generated";
  for (std::size_t i = 0; i < positions.size(); ++i) {
    Stance stance;
    stance.actor = "a" + std::to_string(i);
    stance.position.value = positions[i];
    stance.capability.value = capabilities[i];
    stance.salience.value = saliences[i];
    issue.stances.push_back(stance);
  }
  return issue;
}

}  // namespace statecraft::bargain::testing
