// `statecraft vote`: each member's probabilities of voting yes / no / abstain / absent
// on a motion, the exact probability that it clears its gates and passes, and who is
// pivotal; optionally a Monte Carlo cross-check with correlated bloc shocks.
#include <fmt/core.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analysis/vote.h"
#include "commands.h"
#include "core/date.h"
#include "core/error.h"
#include "io/scenario_loader.h"
#include "run_recorder.h"

namespace statecraft::cli {

namespace {

struct VoteOptions {
  std::string scenario;
  std::string forum;
  std::string motion;
  std::string format = "table";
  std::string at;
  std::size_t samples = 0;  // 0: exact only
  std::uint64_t seed = 1;
};

void print_table(const nlohmann::json& r) {
  fmt::print("forum {}, motion {}, rule {}{}\n", r["forum"].get<std::string>(),
             r["motion"].get<std::string>(), r["rule"].get<std::string>(),
             r.contains("at") ? ", at " + r["at"].get<std::string>() : std::string());
  fmt::print("p_pass {:.4f}  expected_yes {:.2f}{}\n", r["p_pass"].get<double>(),
             r["expected_yes"].get<double>(), r["exact"].get<bool>() ? "" : "  (weights coarsened)");
  for (const auto& s : r["stages"]) {
    fmt::print("  stage {:<24} p_pass {:.4f}\n", s["id"].get<std::string>(), s["p_pass"].get<double>());
  }
  if (!r["gates"].empty()) fmt::print("  all gates cleared      p {:.4f}\n", r["p_gates"].get<double>());
  if (r.contains("monte_carlo")) {
    const auto& mc = r["monte_carlo"];
    fmt::print("Monte Carlo ({} samples, bloc shock sd {}): p_pass {:.4f} ± {:.4f}\n",
               mc["samples"].get<std::size_t>(), mc["bloc_shock_sd"].get<double>(),
               mc["p_pass"].get<double>(), mc["standard_error"].get<double>());
  }
  fmt::print("{:<10} {:>7} {:>7} {:>7} {:>7} {:>8} {:>8}\n", "member", "yes", "no", "abstain", "absent",
             "pivotal", "utility");
  for (const auto& m : r["members"]) {
    fmt::print("{:<10} {:>7.3f} {:>7.3f} {:>7.3f} {:>7.3f} {:>8.4f} {:>8.3f}\n", m["id"].get<std::string>(),
               m["p_yes"].get<double>(), m["p_no"].get<double>(), m["p_abstain"].get<double>(),
               m["p_absent"].get<double>(), m["pivotal"].get<double>(), m["utility"].get<double>());
  }
}

}  // namespace

void register_vote(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand(
      "vote", "Probability that a motion passes a forum, each member's vote and who is pivotal");
  auto options = std::make_shared<VoteOptions>();
  command->add_option("SCENARIO", options->scenario, "Scenario YAML file")
      ->required()
      ->check(CLI::ExistingFile);
  command->add_option("--forum", options->forum, "Forum id in the scenario")->required();
  command->add_option("--motion", options->motion, "Motion id in the scenario")->required();
  command->add_option("--format", options->format, "Output format")->check(CLI::IsMember({"table", "json"}));
  command->add_option("--at", options->at,
                      "Apply the scenario's events up to this date (YYYY-MM-DD); default: the "
                      "motion's date, if it has one");
  command->add_option("--samples", options->samples,
                      "Also estimate by Monte Carlo with correlated bloc shocks (0: exact only)");
  command->add_option("--seed", options->seed, "Seed for Monte Carlo");
  command->callback([options, &context] {
    RunRecorder recorder(context, "vote");
    std::optional<Date> at;
    if (!options->at.empty()) {
      at = parse_date(options->at);
      if (!at) throw CLI::ValidationError("--at", "expected a date YYYY-MM-DD, found '" + options->at + "'");
    }
    const Scenario loaded = io::load_scenario(options->scenario);
    const Motion* motion_in_file = loaded.find_motion(options->motion);
    if (motion_in_file == nullptr) {
      throw CLI::ValidationError("--motion", "no motion '" + options->motion + "' in " + options->scenario);
    }
    if (!at && motion_in_file->date) at = motion_in_file->date;
    const Scenario scenario = at ? world_at(loaded, *at) : loaded;
    const Forum* forum = scenario.find_forum(options->forum);
    if (forum == nullptr) {
      throw CLI::ValidationError("--forum", "no forum '" + options->forum + "' in " + options->scenario);
    }
    const Motion* motion = scenario.find_motion(options->motion);
    if (!motion->forum.empty() && motion->forum != forum->id) {
      throw CLI::ValidationError("--motion", "motion '" + motion->id + "' is put to forum '" + motion->forum +
                                                 "', not '" + forum->id + "'");
    }

    nlohmann::json result;
    try {
      result = analysis::vote(scenario, *forum, *motion, at ? at->to_string() : std::string(),
                              options->samples, options->seed);
    } catch (const PreconditionError& e) {
      throw InputError(SourceLocation{options->scenario},
                       "forum " + forum->id + ", motion " + motion->id + ": " + e.what());
    }

    if (options->format == "json") {
      fmt::print("{}\n", result.dump());
    } else {
      print_table(result);
    }
    const nlohmann::json parameters = {{"forum", options->forum},
                                       {"motion", options->motion},
                                       {"at", options->at},
                                       {"samples", options->samples},
                                       {"seed", options->seed}};
    recorder.record(options->scenario, parameters, options->seed, result);
    context.exit_code = 0;
  });
}

}  // namespace statecraft::cli
