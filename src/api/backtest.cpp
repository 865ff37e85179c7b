#include "api/backtest.h"

#include "api/world.h"
#include "bargain/backtest.h"
#include "core/error.h"
#include "io/deu3_loader.h"

namespace statecraft::api {

nlohmann::ordered_json backtest(const BacktestRequest& request) {
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
