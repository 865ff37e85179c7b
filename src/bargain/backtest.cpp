#include "bargain/backtest.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <cmath>

#include "core/error.h"

namespace statecraft::bargain {

BacktestResult run_backtest(std::span<const Issue> issues, Model model, const Parameters& parameters) {
  if (issues.empty()) throw PreconditionError("backtest: no issues");
  BacktestResult result;
  result.model = model;
  result.rows.resize(issues.size());
  for (const auto& issue : issues) {
    if (!issue.outcome) throw PreconditionError("backtest: issue " + issue.id + " has no outcome");
  }
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, issues.size()), [&](const tbb::blocked_range<std::size_t>& block) {
    for (std::size_t i = block.begin(); i != block.end(); ++i) {
      const Issue& issue = issues[i];
      const double forecast = run_model(model, issue, parameters).forecast;
      const double outcome = issue.outcome->value;
      result.rows[i] = {issue.id, forecast, outcome, std::abs(forecast - outcome)};
    }
  });
  double total = 0.0;
  for (const auto& row : result.rows) total += row.error;
  result.mean_absolute_error = total / static_cast<double>(result.rows.size());
  return result;
}

}  // namespace statecraft::bargain
