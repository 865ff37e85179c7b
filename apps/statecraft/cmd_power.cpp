// `statecraft power`: Banzhaf and Shapley–Shubik voting power, either of a weighted
// game given on the command line (--quota Q --weights W1,W2,...) or of a scenario
// forum's decision rule (SCENARIO --forum F). Exact when the size-by-weight table
// fits, Monte Carlo otherwise (or when asked with --samples).
#include <fmt/core.h>

#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analysis/power.h"
#include "api/power.h"
#include "commands.h"
#include "core/error.h"
#include "io/scenario_loader.h"
#include "power/game_from_rule.h"
#include "run_recorder.h"

namespace statecraft::cli {

namespace {

struct PowerOptions {
  std::string scenario;
  std::string forum;
  std::string quota;
  std::string weights;
  std::string format = "table";
  std::size_t samples = 0;  // 0: exact when feasible, else analysis::kDefaultPowerSamples
  std::uint64_t seed = 1;
};

// A finite, non-negative decimal, or a one-line error naming the flag.
double parse_number(const std::string& text, const std::string& flag) {
  double value = 0.0;
  const char* end = text.data() + text.size();
  auto [rest, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || rest != end || !std::isfinite(value)) {
    throw CLI::ValidationError(flag, "expected a number, found '" + text + "'");
  }
  if (value < 0.0) throw CLI::ValidationError(flag, "'" + text + "' is negative");
  return value;
}

std::vector<double> parse_weights(const std::string& text) {
  std::vector<double> weights;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    weights.push_back(parse_number(text.substr(start, comma - start), "--weights"));
    start = comma + 1;
  }
  return weights;
}

// The weighted game of --quota/--weights, with decimals scaled like a scenario's.
power::VotingGame game_from_flags(const PowerOptions& options) {
  if (options.weights.empty())
    throw CLI::ValidationError("--weights", "required with --quota (or give SCENARIO --forum F)");
  if (options.quota.empty()) throw CLI::ValidationError("--quota", "required with --weights");
  const std::vector<double> weights = parse_weights(options.weights);
  const double quota = parse_number(options.quota, "--quota");
  return flag_errors_as_usage_errors([&] { return api::weighted_game(quota, weights); });
}

void print_table(const nlohmann::json& result, const std::vector<std::string>& members,
                 const power::VotingGame& game) {
  const bool sampled = result.contains("samples");
  fmt::print("quota {}, {} members, {}\n", game.quota, members.size(),
             sampled ? fmt::format("Monte Carlo ({} samples, ± one standard error)",
                                   result["samples"].get<std::size_t>())
                     : std::string("exact"));
  fmt::print("{:<12} {:>10} {:>5} {:>12} {:>10} {:>10}\n", "member", "weight", "veto", "banzhaf_raw",
             "banzhaf", "shapley");
  for (std::size_t i = 0; i < members.size(); ++i) {
    fmt::print("{:<12} {:>10} {:>5} {:>12.6g} {:>10.6f} {:>10.6f}", members[i], game.weights[i],
               game.is_veto(static_cast<int>(i)) ? "yes" : "", result["banzhaf_raw"][i].get<double>(),
               result["banzhaf"][i].get<double>(), result["shapley"][i].get<double>());
    if (sampled) {
      fmt::print("  ±{:.2g} ±{:.2g}", result["banzhaf_error"][i].get<double>(),
                 result["shapley_error"][i].get<double>());
    }
    fmt::print("\n");
  }
}

}  // namespace

void register_power(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand(
      "power", "Banzhaf and Shapley-Shubik voting power of a forum's rule or of --quota/--weights");
  auto options = std::make_shared<PowerOptions>();
  command->add_option("SCENARIO", options->scenario, "Scenario YAML file (with --forum)")
      ->check(CLI::ExistingFile);
  command->add_option("--forum", options->forum, "Forum id in the scenario");
  command->add_option("--quota", options->quota, "Weight a coalition needs (weighted game)");
  command->add_option("--weights", options->weights, "Comma-separated member weights, e.g. 7,7,7,7,7,1,1");
  command->add_option("--format", options->format, "Output format")->check(CLI::IsMember({"table", "json"}));
  command->add_option("--samples", options->samples, "Monte Carlo samples instead of the exact method");
  command->add_option("--seed", options->seed, "Seed for Monte Carlo");
  command->callback([options, &context] {
    RunRecorder recorder(context, "power");
    const bool from_scenario = !options->scenario.empty();
    power::VotingGame game;
    std::vector<std::string> members;
    if (from_scenario) {
      if (!options->quota.empty() || !options->weights.empty()) {
        throw CLI::ValidationError("--quota",
                                   "give either SCENARIO --forum F or --quota/--weights, not both");
      }
      if (options->forum.empty()) throw CLI::ValidationError("--forum", "required with SCENARIO");
      const Scenario scenario = io::load_scenario(options->scenario);
      const Forum* forum = scenario.find_forum(options->forum);
      if (forum == nullptr)
        throw CLI::ValidationError("--forum", "no forum '" + options->forum + "' in " + options->scenario);
      members = forum->members;
      try {
        game = power::game_from_forum(*forum);
      } catch (const PreconditionError& e) {
        throw InputError(SourceLocation{options->scenario}, "forum " + forum->id + ": " + e.what());
      }
    } else {
      if (!options->forum.empty()) throw CLI::ValidationError("--forum", "needs a SCENARIO");
      game = game_from_flags(*options);
      for (std::size_t i = 0; i < game.weights.size(); ++i) members.push_back(std::to_string(i + 1));
    }

    nlohmann::json result;
    try {
      result = analysis::power(game, members, from_scenario, options->samples, options->seed);
    } catch (const PreconditionError& e) {
      throw CLI::ValidationError(from_scenario ? "--forum" : "--quota", e.what());
    }

    if (options->format == "json") {
      fmt::print("{}\n", result.dump());
    } else {
      print_table(result, members, game);
    }
    const nlohmann::json parameters = {{"forum", options->forum},
                                       {"quota", options->quota},
                                       {"weights", options->weights},
                                       {"samples", options->samples},
                                       {"seed", options->seed}};
    recorder.record(options->scenario, parameters, options->seed, result);
    context.exit_code = 0;
  });
}

}  // namespace statecraft::cli
