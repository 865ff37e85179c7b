// `statecraft optimize SCENARIO --forum F --motion M --budget B [--target P] [--at DATE]
// [--format table|json]`: the cheapest plan of bilateral actions from the scenario's
// `actions:` menu that lifts the motion's pass probability to the target, or the best
// plan within the budget when the target is out of reach.
#include <fmt/core.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "analysis/strategy.h"
#include "commands.h"
#include "core/error.h"
#include "io/scenario_loader.h"
#include "run_recorder.h"

namespace statecraft::cli {

namespace {

struct OptimizeOptions {
  std::string scenario;
  std::string forum;
  std::string motion;
  double budget = 0.0;
  std::optional<double> target;
  std::string at;
  std::string format = "table";
};

}  // namespace

void register_optimize(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand(
      "optimize", "Cheapest plan of bilateral actions that lifts a motion's pass probability to a target");
  auto options = std::make_shared<OptimizeOptions>();
  command->add_option("SCENARIO", options->scenario, "Scenario YAML file")
      ->required()
      ->check(CLI::ExistingFile);
  command->add_option("--forum", options->forum, "Forum id")->required();
  command->add_option("--motion", options->motion, "Motion id (in that forum)")->required();
  command->add_option("--budget", options->budget, "Budget, in the unit of the actions' costs")
      ->required()
      ->check(CLI::NonNegativeNumber);
  command->add_option("--target", options->target, "Pass probability to reach (default strategy.target_p)")
      ->check(CLI::Range(0.0, 1.0));
  command->add_option("--at", options->at, "Evaluate the world on this date (YYYY-MM-DD)");
  command->add_option("--format", options->format, "Output format")->check(CLI::IsMember({"table", "json"}));
  command->callback([options, &context] {
    RunRecorder recorder(context, "optimize");
    Scenario scenario = io::load_scenario(options->scenario);
    if (!options->at.empty()) {
      auto date = parse_date(options->at);
      if (!date)
        throw CLI::ValidationError("--at", "expected a date YYYY-MM-DD, found '" + options->at + "'");
      scenario = world_at(scenario, *date);
    }
    const Forum* forum = scenario.find_forum(options->forum);
    if (forum == nullptr)
      throw CLI::ValidationError("--forum", "no forum '" + options->forum + "' in " + options->scenario);
    const Motion* motion = scenario.find_motion(options->motion);
    if (motion == nullptr || motion->forum != forum->id) {
      throw CLI::ValidationError("--motion",
                                 "no motion '" + options->motion + "' in forum '" + options->forum + "'");
    }
    if (scenario.actions.empty()) {
      throw CLI::ValidationError("SCENARIO",
                                 options->scenario + " declares no actions: (nothing to optimise over)");
    }
    const nlohmann::json result =
        analysis::optimize(scenario, *forum, *motion, options->budget, options->target);
    if (options->format == "json") {
      fmt::print("{}\n", result.dump());
    } else {
      fmt::print("{} in {}: p_pass {:.3f} -> {:.3f} for {:.6g} of budget {:.6g} (target {:.3g}: {}; {})\n",
                 motion->id, forum->id, result["p_before"].get<double>(), result["p_after"].get<double>(),
                 result["cost"].get<double>(), options->budget, result["target"].get<double>(),
                 result["meets_target"].get<bool>() ? "met" : "not met", result["method"].get<std::string>());
      fmt::print("  {:<32} {:>10} {:>9}\n", "action", "cost", "marginal");
      for (const auto& step : result["plan"]) {
        fmt::print("  {:<32} {:>10.6g} {:>9.4f}\n", step["action"].get<std::string>(),
                   step["cost"].get<double>(), step["marginal"].get<double>());
      }
    }
    nlohmann::json recorded = scenario.parameters.explicit_values();
    recorded["forum"] = forum->id;
    recorded["motion"] = motion->id;
    recorded["budget"] = options->budget;
    recorded["target"] = result["target"];
    recorder.record(options->scenario, recorded, 0, result);
    context.exit_code = 0;
  });
}

}  // namespace statecraft::cli
