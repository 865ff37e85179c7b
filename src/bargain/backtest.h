// Backtests: a model's forecast against the recorded outcome on many issues.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "bargain/model.h"
#include "core/issue.h"
#include "core/parameters.h"

namespace statecraft::bargain {

struct BacktestRow {
  std::string issue;
  double forecast = 0.0;
  double outcome = 0.0;
  double error = 0.0;  // |forecast - outcome|
};

struct BacktestResult {
  Model model = Model::achen;
  std::vector<BacktestRow> rows;  // issue order
  double mean_absolute_error = 0.0;
};

// Every issue must carry an outcome (PreconditionError otherwise). Issues run in
// parallel; rows and the error are in issue order, so results do not depend on threads.
[[nodiscard]] BacktestResult run_backtest(std::span<const Issue> issues, Model model, const Parameters& parameters);

}  // namespace statecraft::bargain
