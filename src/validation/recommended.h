// The model docs/VALIDATION.md recommends, with its parameters fitted on
// ../shared/data/deu3/deu3-train.tsv (all 256 counted issues) by `make validate`
// (statecraft validation; the values below are copied from its "recommended" output and
// a test refits them). `statecraft backtest --data FILE --model recommended` runs it.
#pragma once

#include "validation/family.h"
#include "validation/intervals.h"

namespace statecraft::validation {

struct Recommended {
  const char* family;        // name of the family in docs/VALIDATION.md's table
  ProcedureParams params;    // the fitted point
  double tau;                // outcome scatter of the 80% Monte Carlo interval
  PredictiveSpec intervals;  // samples, seed and position noise of those intervals
};

[[nodiscard]] const Recommended& recommended();
// The recommended rule as a one-point family.
[[nodiscard]] Family recommended_family();

}  // namespace statecraft::validation
