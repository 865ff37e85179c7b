// One issue of a legislative-bargaining data set (DEU III layout) with what the
// validation protocol needs besides the stances: the proposal it belongs to (issues of
// one proposal share a fold), the procedure, the Council's voting rule and the date.
#pragma once

#include <string>
#include <vector>

#include "core/issue.h"

namespace statecraft::validation {

struct DeuCase {
  Issue issue;              // every stance with capability 1 (weight = salience); carries the outcome
  std::vector<double> gdp;  // the GDP-row capability of each stance (parallel to issue.stances)
  std::string proposal;     // issues with the same proposal are never split across folds
  bool codecision = false;  // ordinary legislative procedure (COD): the Parliament co-decides
  bool unanimity = false;   // the Council decides by unanimity rather than qualified majority
  int introduced = 0;       // yyyymmdd when the proposal was introduced, 0 unknown

  [[nodiscard]] double outcome() const { return issue.outcome ? issue.outcome->value : 0.0; }
};

}  // namespace statecraft::validation
