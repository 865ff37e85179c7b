#include "api/backtest.h"

#include <cmath>

#include "api/validation.h"
#include "api/world.h"
#include "bargain/backtest.h"
#include "core/error.h"
#include "io/deu3_loader.h"
#include "validation/intervals.h"
#include "validation/recommended.h"

namespace statecraft::api {

nlohmann::ordered_json backtest_recommended(const BacktestRequest& request) {
  if (request.data.empty()) flag_error("--data", "required");
  if (request.capability != "equal") flag_error("--capability", "the recommended model sets its own weights");
  const std::vector<validation::DeuCase> cases = load_deu_cases(request.data, false);
  if (cases.empty()) {
    throw InputError(SourceLocation{request.data, 0, 0},
                     "no issue with an outcome and at least 3 actors with both a position and a salience");
  }
  const validation::Recommended& stored = validation::recommended();
  const validation::Family family = validation::recommended_family();
  const std::vector<double> shocks = validation::outcome_shocks(stored.intervals);
  const auto draws = validation::base_draws(family, 0, cases, stored.intervals);
  nlohmann::ordered_json out;
  out["model"] = "recommended";
  out["family"] = stored.family;
  out["parameters"] = family.points[0];
  out["tau"] = stored.tau;
  out["issues"] = cases.size();
  out["rows"] = nlohmann::ordered_json::array();
  double total = 0.0;
  std::size_t inside = 0;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const Issue& issue = cases[i].issue;
    const double forecast = family.forecast(cases[i], issue, 0);
    const double outcome = cases[i].outcome();
    const auto interval =
        validation::predictive_interval(draws[i], shocks, stored.tau, 0.8, issue.scale_min, issue.scale_max);
    const bool covered = outcome >= interval.low - 1e-9 && outcome <= interval.high + 1e-9;
    total += std::abs(forecast - outcome);
    inside += covered ? 1 : 0;
    out["rows"].push_back({{"issue", issue.id},
                           {"forecast", forecast},
                           {"outcome", outcome},
                           {"error", std::abs(forecast - outcome)},
                           {"low80", interval.low},
                           {"high80", interval.high}});
  }
  out["mae"] = total / static_cast<double>(cases.size());
  out["coverage80"] = static_cast<double>(inside) / static_cast<double>(cases.size());
  out["source"] = kDeu3Citation;
  return out;
}

nlohmann::ordered_json backtest(const BacktestRequest& request) {
  if (request.model == "recommended") return backtest_recommended(request);
  if (request.data.empty()) flag_error("--data", "required");
  const auto model = bargain::parse_model(request.model);
  if (!model) flag_error("--model", "'" + request.model + "' is not one of achen, median, bdm, smp");
  if (request.capability != "equal" && request.capability != "gdp") {
    flag_error("--capability", "'" + request.capability + "' is not one of equal, gdp");
  }
  if (request.rounds && (*request.rounds < 0 || *request.rounds > 100000)) {
    flag_error("--rounds", "must be between 0 and 100000");
  }
  const auto data = io::load_deu3(
      request.data, request.capability == "gdp" ? io::Deu3Capability::gdp : io::Deu3Capability::equal);
  if (data.issues.empty()) {
    throw InputError(SourceLocation{request.data, 0, 0},
                     "no issue with an outcome and at least 3 actors with both a position and a salience");
  }
  Parameters parameters;
  if (request.rounds) {
    parameters.set("bdm.rounds", *request.rounds);
    parameters.set("smp.rounds", *request.rounds);
  }
  const bargain::BacktestResult result = bargain::run_backtest(data.issues, *model, parameters);

  nlohmann::ordered_json out;
  out["model"] = request.model;
  out["capability"] = request.capability;
  out["issues"] = result.rows.size();
  out["mae"] = result.mean_absolute_error;
  out["rows"] = nlohmann::ordered_json::array();
  for (const auto& row : result.rows) {
    out["rows"].push_back(
        {{"issue", row.issue}, {"forecast", row.forecast}, {"outcome", row.outcome}, {"error", row.error}});
  }
  out["source"] = kDeu3Citation;
  return out;
}

}  // namespace statecraft::api
