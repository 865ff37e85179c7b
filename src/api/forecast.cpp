#include "api/forecast.h"

#include "bargain/model.h"
#include "bargain/monte_carlo.h"
#include "core/error.h"
#include "io/table_loader.h"

namespace statecraft::api {

namespace {

using Json = nlohmann::ordered_json;  // keeps actors in input order

Json trajectory_json(const Issue& issue, const bargain::Trajectory& trajectory) {
  Json out;
  out["model"] = trajectory.model;
  out["rounds"] = Json::array();
  for (const auto& round : trajectory.rounds) {
    Json positions = Json::object();
    for (std::size_t i = 0; i < issue.stances.size(); ++i) positions[issue.stances[i].actor] = round.positions[i];
    Json moves = Json::array();
    for (const auto& move : round.moves) {
      moves.push_back({{"actor", issue.stances[move.actor].actor},
                       {"proposer", issue.stances[move.proposer].actor},
                       {"offer", bargain::to_string(move.kind)},
                       {"from", move.from_position},
                       {"to", move.to_position}});
    }
    Json entry = {{"round", round.index}, {"median", round.median}, {"mean", round.mean}, {"positions", positions}};
    if (trajectory.model == "bdm") entry["moves"] = moves;
    out["rounds"].push_back(entry);
  }
  out["forecast"] = trajectory.forecast;
  out["converged"] = trajectory.converged;
  out["stopped"] = trajectory.stopped;
  if (trajectory.stopped == "cycle") out["cycle_length"] = trajectory.cycle_length;
  return out;
}

}  // namespace

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
  Json results = Json::array();
  for (bargain::Model model : models) {
    const bargain::Trajectory trajectory = bargain::run_model(model, issue, parameters, request.rounds);
    PositionMatrix matrix{trajectory.model, trajectory.rounds.size(), {}};
    matrix.positions.reserve(trajectory.rounds.size() * issue.stances.size());
    for (const auto& round : trajectory.rounds) {
      matrix.positions.insert(matrix.positions.end(), round.positions.begin(), round.positions.end());
    }
    output.trajectories.push_back(std::move(matrix));
    Json out = trajectory_json(issue, trajectory);
    if (request.samples > 0) {
      bargain::MonteCarloSpec spec;
      spec.samples = request.samples;
      spec.seed = request.seed;
      spec.interval_mass = parameters.get("monte_carlo.interval");
      spec.position_noise = request.noise;
      const auto rounds = request.rounds;
      const bargain::MonteCarloResult mc = bargain::run_monte_carlo(
          issue, [&](const Issue& sample) { return bargain::run_model(model, sample, parameters, rounds).forecast; },
          spec);
      out["interval"] = {mc.low, mc.high};
      out["interval_mass"] = spec.interval_mass;
      out["samples"] = request.samples;
      out["seed"] = request.seed;
      out["mean_forecast"] = mc.mean;
    }
    results.push_back(std::move(out));
  }
  output.json = models.size() == 1 ? results.front() : Json{{"models", results}};
  return output;
}

}  // namespace statecraft::api
