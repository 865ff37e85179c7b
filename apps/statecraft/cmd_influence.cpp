// `statecraft influence SCENARIO [--top N] [--at DATE] [--format table|json]`: the
// influence network derived from the relations (strongest channels, each actor's reach,
// exposure and leverage) and, when the scenario declares narratives, each frame's
// Friedkin–Johnsen trajectory and exact equilibrium.
#include <fmt/core.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "analysis/influence.h"
#include "commands.h"
#include "core/error.h"
#include "io/scenario_loader.h"
#include "run_recorder.h"

namespace statecraft::cli {

namespace {

struct InfluenceOptions {
  std::string scenario;
  std::string at;
  std::size_t top = 10;
  std::string format = "table";
};

void print_table(const nlohmann::json& r) {
  fmt::print("Strongest channels (weight = how far `to` listens to `from`)\n");
  fmt::print("  {:<14} {:<14} {:>7} {:>7}  terms\n", "from", "to", "weight", "pull");
  for (const auto& c : r["channels"]) {
    std::string terms;
    for (const auto& [k, v] : c["terms"].items())
      terms += fmt::format("{}{}={:.3g}", terms.empty() ? "" : " ", k, v.get<double>());
    fmt::print("  {:<14} {:<14} {:>7.3f} {:>7.3f}  {}\n", c["from"].get<std::string>(),
               c["to"].get<std::string>(), c["weight"].get<double>(), c["pull"].get<double>(), terms);
  }
  fmt::print("\nActors\n  {:<14} {:>8} {:>8} {:>8}\n", "id", "reach", "exposure", "leverage");
  for (const auto& a : r["actors"]) {
    fmt::print("  {:<14} {:>8.3f} {:>8.3f} {:>8.3f}\n", a["id"].get<std::string>(), a["reach"].get<double>(),
               a["exposure"].get<double>(), a["leverage"].get<double>());
  }
  fmt::print("\nLargest asymmetries (holder has leverage over subject)\n");
  for (const auto& l : r["leverage"]) {
    fmt::print("  {:<14} over {:<14} {:>7.3f}\n", l["holder"].get<std::string>(),
               l["subject"].get<std::string>(), l["value"].get<double>());
  }
  if (!r.contains("narratives")) return;
  for (const auto& f : r["narratives"]["frames"]) {
    const auto& rounds = f["rounds"];
    fmt::print("\nFrame {} ({} rounds{})\n", f["id"].get<std::string>(), rounds.size() - 1,
               f["exact"].get<bool>() ? "" : "; equilibrium not unique for the unanchored actors");
    fmt::print("  {:<14} {:>8} {:>8} {:>8}\n", "actor", "start", "end", "equil.");
    for (const auto& [actor, value] : f["equilibrium"].items()) {
      fmt::print("  {:<14} {:>8.3f} {:>8.3f} {:>8.3f}\n", actor,
                 rounds.front()["positions"][actor].get<double>(),
                 rounds.back()["positions"][actor].get<double>(), value.get<double>());
    }
  }
}

}  // namespace

void register_influence(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand(
      "influence",
      "Influence network from relations: strongest channels, reach, leverage; narrative dynamics");
  auto options = std::make_shared<InfluenceOptions>();
  command->add_option("SCENARIO", options->scenario, "Scenario YAML file")
      ->required()
      ->check(CLI::ExistingFile);
  command->add_option("--top", options->top, "How many channels and asymmetries to list")
      ->check(CLI::Range(1, 1000000));
  command->add_option("--at", options->at, "Evaluate the world on this date (YYYY-MM-DD)");
  command->add_option("--format", options->format, "Output format")->check(CLI::IsMember({"table", "json"}));
  command->callback([options, &context] {
    RunRecorder recorder(context, "influence");
    Scenario scenario = io::load_scenario(options->scenario);
    if (!options->at.empty()) {
      auto date = parse_date(options->at);
      if (!date)
        throw CLI::ValidationError("--at", "expected a date YYYY-MM-DD, found '" + options->at + "'");
      scenario = world_at(scenario, *date);
    }
    nlohmann::json result = analysis::influence(scenario, options->top);
    if (options->format == "json") {
      fmt::print("{}\n", result.dump());
    } else {
      print_table(result);
    }
    nlohmann::json params = scenario.parameters.explicit_values();
    params["top"] = options->top;
    if (!options->at.empty()) params["at"] = options->at;
    recorder.record(options->scenario, params, 0, result);
    context.exit_code = 0;
  });
}

}  // namespace statecraft::cli
