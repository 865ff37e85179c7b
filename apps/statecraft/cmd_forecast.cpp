// `statecraft forecast SCENARIO --issue ID | --table FILE.csv [--model M|all]
//  [--rounds N] [--samples N] [--seed S] [--noise SD] [--format table|json]`:
// where a negotiation on one issue ends, round by round, per bargaining model.
#include <fmt/core.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "analysis/forecast.h"
#include "bargain/model.h"
#include "commands.h"
#include "core/error.h"
#include "io/scenario_loader.h"
#include "io/table_loader.h"
#include "run_recorder.h"

namespace statecraft::cli {

namespace {

struct ForecastOptions {
  std::string scenario;
  std::string issue;
  std::string table;
  std::string model = "bdm";
  std::optional<int> rounds;
  int samples = 0;
  std::uint64_t seed = 1;
  double noise = 0.0;
  std::string format = "table";
};

using Json = nlohmann::ordered_json;  // keeps actors in input order

void print_table(const Issue& issue, const Json& model) {
  fmt::print("model {}: forecast {:.4g}", model["model"].get<std::string>(), model["forecast"].get<double>());
  if (model.contains("interval")) {
    fmt::print(" ({:.0f}% interval {:.4g} to {:.4g} over {} samples)",
               100.0 * model["interval_mass"].get<double>(), model["interval"][0].get<double>(),
               model["interval"][1].get<double>(), model["samples"].get<int>());
  }
  fmt::print("\n{:>5}  {:>9}  {:>9}  moves\n", "round", "median", "mean");
  for (const auto& round : model["rounds"]) {
    std::string moves;
    if (round.contains("moves")) {
      // A table stays readable with many actors: the first few moves, then a count
      // (`--format json` has them all).
      constexpr std::size_t kShown = 4;
      std::size_t shown = 0;
      for (const auto& move : round["moves"]) {
        if (++shown > kShown) {
          moves += fmt::format("; ... {} moves in all", round["moves"].size());
          break;
        }
        // bdm: the offer taken and from whom; smp: the best-response rule.
        std::string why;
        if (move.contains("offer")) {
          why =
              fmt::format("{} by {}", move["offer"].get<std::string>(), move["proposer"].get<std::string>());
        } else if (move.contains("toward")) {
          why = fmt::format("{:g} toward {}", move["fraction"].get<double>(),
                            move["toward"].get<std::string>());
        } else {
          why = move["rule"].get<std::string>();
        }
        moves += fmt::format("{}{} {:.4g}->{:.4g} ({})", moves.empty() ? "" : "; ",
                             move["actor"].get<std::string>(), move["from"].get<double>(),
                             move["to"].get<double>(), why);
      }
    }
    fmt::print("{:>5}  {:>9.4g}  {:>9.4g}  {}\n", round["round"].get<int>(), round["median"].get<double>(),
               round["mean"].get<double>(), moves);
  }
  (void)issue;
}

}  // namespace

void register_forecast(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand("forecast",
                                     "Forecast a negotiation on one issue (weighted mean, weighted median, "
                                     "Bueno de Mesquita's expected-utility model, spatial model)");
  auto options = std::make_shared<ForecastOptions>();
  command->add_option("SCENARIO", options->scenario, "Scenario YAML file")->check(CLI::ExistingFile);
  command->add_option("--issue", options->issue, "Issue id in the scenario");
  command->add_option("--table", options->table, "CSV with header actor,capability,position,salience")
      ->check(CLI::ExistingFile);
  command->add_option("--model", options->model, "achen, median, bdm, smp or all")
      ->check(CLI::IsMember({"achen", "median", "bdm", "smp", "all"}));
  command->add_option("--rounds", options->rounds, "Upper limit on rounds (bdm, smp)")
      ->check(CLI::Range(0, 100000));
  command->add_option("--samples", options->samples, "Monte Carlo samples over declared uncertainty")
      ->check(CLI::Range(0, 100000000));
  command->add_option("--seed", options->seed, "Seed for Monte Carlo");
  command
      ->add_option("--noise", options->noise,
                   "Position standard deviation (scale units) for stances that declare none (Monte Carlo)")
      ->check(CLI::NonNegativeNumber);
  command->add_option("--format", options->format, "Output format")->check(CLI::IsMember({"table", "json"}));
  command->callback([options, &context] {
    RunRecorder recorder(context, "forecast");
    if (options->scenario.empty() == options->table.empty()) {
      throw CLI::ValidationError("forecast", "give either SCENARIO with --issue, or --table FILE.csv");
    }
    Issue issue;
    Parameters parameters;
    std::string source;
    if (!options->table.empty()) {
      if (!options->issue.empty()) throw CLI::ValidationError("--issue", "not used with --table");
      issue = io::load_table(options->table);
      source = options->table;
    } else {
      if (options->issue.empty()) throw CLI::ValidationError("--issue", "required with a scenario");
      const Scenario scenario = io::load_scenario(options->scenario);
      const Issue* found = scenario.find_issue(options->issue);
      if (found == nullptr) {
        throw CLI::ValidationError("--issue", "no issue '" + options->issue + "' in " + options->scenario);
      }
      issue = *found;
      parameters = scenario.parameters;
      source = options->scenario;
    }
    if (issue.stances.empty()) throw InputError(SourceLocation{source, 0, 0}, "issue has no stances");
    if (options->noise > 0.0 && options->samples == 0) {
      throw CLI::ValidationError("--noise", "is the Monte Carlo position noise: give --samples N with it");
    }
    if (options->samples > 0 && options->noise > 0.0 && options->noise > issue.scale_max - issue.scale_min) {
      throw CLI::ValidationError("--noise", "larger than the issue's scale");
    }

    std::vector<bargain::Model> models;
    if (options->model == "all") {
      models.assign(std::begin(bargain::kAllModels), std::end(bargain::kAllModels));
    } else {
      models.push_back(*bargain::parse_model(options->model));
    }
    analysis::ForecastSpec spec;
    spec.models = models;
    spec.rounds = options->rounds;
    spec.samples = options->samples;
    spec.seed = options->seed;
    spec.noise = options->noise;
    Json results = Json::array();
    for (auto& model : analysis::forecast(issue, parameters, spec)) results.push_back(std::move(model));
    const Json result = models.size() == 1 ? results.front() : Json{{"models", results}};
    if (options->format == "json") {
      fmt::print("{}\n", result.dump());
    } else {
      fmt::print("issue {} ({} actors)\n", issue.id.empty() ? source : issue.id, issue.stances.size());
      for (const auto& model : results) {
        fmt::print("\n");
        print_table(issue, model);
      }
    }
    const nlohmann::json recorded = {
        {"issue", options->issue},     {"table", options->table},
        {"model", options->model},     {"rounds", options->rounds ? *options->rounds : -1},
        {"samples", options->samples}, {"noise", options->noise}};
    recorder.record(source, recorded, options->seed, nlohmann::json::parse(result.dump()));
    context.exit_code = 0;
  });
}

}  // namespace statecraft::cli
