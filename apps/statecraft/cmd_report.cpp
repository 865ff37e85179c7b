// `statecraft report SCENARIO... -o OUT.html [--seed S] [--samples N]`: one
// self-contained HTML page with every analysis that applies to each scenario (forecasts
// with Monte Carlo bands, vote maps, voting power, the influence network, strategy,
// corridor flows), and a short summary table on stdout. The page is written only when
// everything succeeded, and then all at once.
#include <fmt/core.h>

#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "commands.h"
#include "io/atomic_file.h"
#include "io/scenario_loader.h"
#include "report/scenario_report.h"
#include "run_recorder.h"

#ifndef STATECRAFT_VERSION
#define STATECRAFT_VERSION "0.0.0"
#endif

namespace statecraft::cli {

namespace {

struct ReportCommandOptions {
  std::vector<std::string> scenarios;
  std::string output;
  std::uint64_t seed = 1;
  int samples = 200;
  int smp_samples = 0;
  bool no_summary = false;
};

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

nlohmann::json summary_json(const std::vector<report::ScenarioSummary>& summaries) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : summaries) {
    nlohmann::json motions = nlohmann::json::array();
    for (const auto& m : s.motions) {
      motions.push_back({{"motion", m.motion},
                         {"forum", m.forum},
                         {"date", m.date},
                         {"p_pass", m.p_pass},
                         {"outcome", m.outcome}});
    }
    nlohmann::json issues = nlohmann::json::array();
    for (const auto& i : s.issues) {
      nlohmann::json row = {{"issue", i.issue}, {"bdm", i.forecast}};
      if (i.low) row["interval"] = {*i.low, *i.high};
      if (i.outcome) row["outcome"] = *i.outcome;
      issues.push_back(row);
    }
    nlohmann::json hubs = nlohmann::json::object();
    for (const auto& [country, share] : s.hub_shares) hubs[country] = share;
    out.push_back({{"scenario", s.path}, {"motions", motions}, {"issues", issues}, {"hub_share", hubs}});
  }
  return out;
}

}  // namespace

void register_report(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand(
      "report",
      "Write a self-contained HTML report (SVG charts) of one or more scenarios, and print a summary");
  auto options = std::make_shared<ReportCommandOptions>();
  command->add_option("SCENARIO", options->scenarios, "Scenario YAML files, one chapter each")
      ->required()
      ->check(CLI::ExistingFile);
  command->add_option("-o,--output", options->output, "HTML file to write")->required();
  command->add_option("--seed", options->seed, "Seed for the Monte Carlo bands");
  command->add_option("--samples", options->samples, "Monte Carlo samples per issue and model (0: no bands)")
      ->check(CLI::Range(0, 1000000));
  command
      ->add_option("--smp-samples", options->smp_samples,
                   "Monte Carlo samples for the spatial model (slow: about a second per run; default 0)")
      ->check(CLI::Range(0, 1000000));
  command->add_flag("--no-summary", options->no_summary, "Do not print the summary table");
  command->callback([options, &context] {
    RunRecorder recorder(context, "report");
    std::vector<report::ReportInput> inputs;
    for (const auto& path : options->scenarios) {
      inputs.push_back({path, read_text(path), io::load_scenario(path)});
    }
    report::ReportOptions report_options;
    report_options.seed = options->seed;
    report_options.forecast_samples = options->samples;
    report_options.smp_samples = options->smp_samples;
    report_options.version = STATECRAFT_VERSION;
    const report::Report built = report::build_report(inputs, report_options);
    io::write_file_atomically(options->output, report::render(built.html));
    if (!options->no_summary) fmt::print("{}", report::summary_text(built.summaries));
    const nlohmann::json parameters = {{"scenarios", options->scenarios},
                                       {"output", options->output},
                                       {"samples", options->samples},
                                       {"seed", options->seed}};
    recorder.record(options->scenarios.front(), parameters, options->seed, summary_json(built.summaries));
    context.exit_code = 0;
  });
}

}  // namespace statecraft::cli
