#include "api/forecast.h"

#include "analysis/forecast.h"
#include "bargain/model.h"
#include "core/error.h"
#include "io/table_loader.h"

namespace statecraft::api {

using Json = nlohmann::ordered_json;

ForecastOutput forecast(const ForecastRequest& request) {
  const bool from_scenario = !request.world.path.empty() || request.world.loaded != nullptr;
  if (from_scenario == !request.table.empty()) {
    flag_error("forecast", "give either SCENARIO with --issue, or --table FILE.csv");
  }
  if (request.rounds && (*request.rounds < 0 || *request.rounds > 100000)) {
    flag_error("--rounds", "must be between 0 and 100000");
  }
  if (request.samples < 0) flag_error("--samples", "must not be negative");
  if (request.noise < 0.0) flag_error("--noise", "must not be negative");
  if (request.noise > 0.0 && request.samples == 0) {
    flag_error("--noise", "is the Monte Carlo position noise: give --samples N with it");
  }
  std::vector<bargain::Model> models;
  if (request.model == "all") {
    models.assign(std::begin(bargain::kAllModels), std::end(bargain::kAllModels));
  } else if (auto model = bargain::parse_model(request.model)) {
    models.push_back(*model);
  } else {
    flag_error("--model", "'" + request.model + "' is not one of achen, median, bdm, smp, all");
  }

  Issue issue;
  Parameters parameters;
  std::string source;
  if (!request.table.empty()) {
    if (!request.issue.empty()) flag_error("--issue", "not used with --table");
    issue = io::load_table(request.table);
    source = request.table;
  } else {
    if (request.issue.empty()) flag_error("--issue", "required with a scenario");
    const Scenario scenario = load_world(request.world);
    const Issue* found = scenario.find_issue(request.issue);
    if (found == nullptr) flag_error("--issue", "no issue '" + request.issue + "' in " + request.world.path);
    issue = *found;
    parameters = scenario.parameters;
    source = request.world.path;
  }
  if (issue.stances.empty()) throw InputError(SourceLocation{source, 0, 0}, "issue has no stances");
  if (request.samples > 0 && request.noise > 0.0 && request.noise > issue.scale_max - issue.scale_min) {
    flag_error("--noise", "larger than the issue's scale");
  }

  ForecastOutput output;
  for (const auto& stance : issue.stances) output.actors.push_back(stance.actor);
  analysis::ForecastSpec spec;
  spec.models = models;
  spec.rounds = request.rounds;
  spec.samples = request.samples;
  spec.seed = request.seed;
  spec.noise = request.noise;
  Json results = Json::array();
  for (auto& model : analysis::forecast(issue, parameters, spec)) {
    // The trajectory again as one flat round-major buffer, for NumPy.
    PositionMatrix matrix{model["model"].get<std::string>(), model["rounds"].size(), {}};
    matrix.positions.reserve(matrix.rounds * output.actors.size());
    for (const auto& round : model["rounds"]) {
      for (const auto& actor : output.actors)
        matrix.positions.push_back(round["positions"][actor].get<double>());
    }
    output.trajectories.push_back(std::move(matrix));
    results.push_back(std::move(model));
  }
  output.json = models.size() == 1 ? results.front() : Json{{"models", results}};
  return output;
}

}  // namespace statecraft::api
