// `statecraft sweep SCENARIO --spec SPEC.yaml`: every engine the spec names over a grid
// of fixed values and random draws (docs/sweeps.md), on all cores and, started under
// `mpirun -np N`, across ranks. Rank 0 gathers the table, prints the summary (means,
// quantiles, sensitivities), writes the table (-o, all or nothing) and records the run
// (one transaction); other ranks only compute.
#include <fmt/core.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "api/sweep.h"
#include "api/world.h"
#include "commands.h"
#include "core/error.h"
#include "io/atomic_file.h"
#include "progress_bar.h"
#include "report/html_report.h"
#include "report/sweep_section.h"
#include "run_recorder.h"
#include "sim/block_runner.h"

namespace statecraft::cli {

namespace {

struct SweepOptions {
  std::string scenario;
  std::string spec;
  int threads = 0;
  std::string format = "table";
  std::string output;
  std::string report;
};

constexpr std::size_t kMaxTableOutputs = 40;

void print_summary(const sim::SweepSummary& summary, std::size_t rows, int ranks, int threads) {
  fmt::print("{} rows on {} rank{} x {} thread{}\n", rows, ranks, ranks == 1 ? "" : "s", threads,
             threads == 1 ? "" : "s");
  fmt::print("{:<40} {:>11} {:>10} {:>11} {:>11} {:>11}  {}\n", "output", "mean", "sd", "q05", "q50", "q95",
             "most sensitive to (Sobol first-order / SRC)");
  // Outputs that vary first; constant ones (e.g. power when no draw reaches a rule) are only counted.
  std::size_t shown = 0, constant = 0;
  for (const sim::OutputSummary& out : summary.outputs) {
    if (out.sd == 0.0) {
      ++constant;
      continue;
    }
    if (shown++ >= kMaxTableOutputs) continue;
    std::vector<std::size_t> order(summary.inputs.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return out.sobol[a] > out.sobol[b]; });
    std::string sensitive;
    for (std::size_t k = 0; k < std::min<std::size_t>(2, order.size()); ++k)
      sensitive += fmt::format("{}{} {:.2f}/{:+.2f}", k ? ", " : "", summary.inputs[order[k]],
                               out.sobol[order[k]], out.src[order[k]]);
    fmt::print("{:<40} {:>11.5g} {:>10.4g} {:>11.5g} {:>11.5g} {:>11.5g}  {}\n", out.name, out.mean, out.sd,
               out.q05, out.q50, out.q95, sensitive);
  }
  if (shown > kMaxTableOutputs)
    fmt::print("... {} more varying outputs (--format json or -o FILE for all)\n", shown - kMaxTableOutputs);
  if (constant > 0) fmt::print("{} outputs are the same in every row (in the table and JSON)\n", constant);
  if (!summary.inputs.empty())
    fmt::print("Sobol indices below about {:.3f} are indistinguishable from 0 at this sample size\n",
               summary.sobol_floor);
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void run(const SweepOptions& options, const Context& context, const sim::RankInfo& ranks) {
  RunRecorder recorder(context, "sweep");
  if (options.threads < 0) throw CLI::ValidationError("--threads", "must be 0 (all cores) or more");
  if (!options.output.empty() && options.format == "table")
    throw CLI::ValidationError("--format", "give --format csv or json with -o");
  // Ranks on one machine share its cores.
  const int cores = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  const int threads = options.threads > 0 ? options.threads : std::max(1, cores / ranks.local_size);

  const Scenario scenario = api::load_world(api::WorldInput{options.scenario, nullptr, {}});
  sim::SweepSpec spec = api::load_sweep_spec(options.spec, scenario);
  const std::uint64_t seed = spec.seed;
  std::optional<sim::SweepPlan> plan;
  try {
    plan.emplace(scenario, std::move(spec));
  } catch (const PreconditionError& e) {
    throw InputError(SourceLocation{options.scenario}, e.what());
  }

  std::optional<ProgressBar> bar;
  if (ranks.rank == 0) bar.emplace("sweep", context.quiet);
  const std::vector<double> table =
      sim::run_sweep(*plan, threads, bar ? bar->callback() : ProgressCallback{});
  if (bar) bar->finish();
  if (ranks.rank != 0) return;

  const sim::SweepSummary summary = api::summarise_sweep(*plan, table);
  const nlohmann::ordered_json result = api::sweep_json(*plan, table, summary, true);
  std::string data;
  if (options.format == "csv") data = api::sweep_csv(*plan, table);
  if (options.format == "json") data = result.dump() + "\n";
  if (!options.output.empty()) {
    io::write_file_atomically(options.output, data);
    print_summary(summary, plan->rows(), ranks.size, threads);
  } else if (options.format == "table") {
    print_summary(summary, plan->rows(), ranks.size, threads);
  } else {
    fmt::print("{}", data);
  }
  if (!options.report.empty()) {
    report::HtmlReport page;
    page.title = "Sweep of " + options.scenario;
    page.subtitle = "specification " + options.spec;
    page.sections.push_back(report::sweep_section(result["summary"]));
    page.footer = fmt::format("statecraft sweep, seed {}", seed);
    io::write_file_atomically(options.report, report::render(page));
  }
  // Threads and ranks are left out: they never change the result.
  const nlohmann::json parameters = {{"spec", options.spec}, {"spec_text", read_text(options.spec)}};
  recorder.record(options.scenario, parameters, seed, nlohmann::json::parse(result.dump()));
}

}  // namespace

void register_sweep(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand(
      "sweep", "Run the engines over a grid and random draws of a scenario (docs/sweeps.md); MPI-aware");
  auto options = std::make_shared<SweepOptions>();
  command->add_option("SCENARIO", options->scenario, "Scenario YAML file")
      ->required()
      ->check(CLI::ExistingFile);
  command->add_option("--spec", options->spec, "Sweep specification YAML")
      ->required()
      ->check(CLI::ExistingFile);
  command->add_option("--threads", options->threads,
                      "Threads per process (default: the cores, shared among local ranks)");
  command->add_option("--format", options->format, "table (summary), csv or json (the full table)")
      ->check(CLI::IsMember({"table", "csv", "json"}));
  command->add_option("-o,--output", options->output, "Write the table here (csv or json), all or nothing");
  command->add_option("--report", options->report, "Also write the summary as an HTML report here");
  command->callback([options, &context] {
    const sim::RankInfo ranks = sim::start_ranks();
    try {
      run(*options, context, ranks);
    } catch (...) {
      // Every rank reads the same input and fails the same way: rank 0 reports it.
      if (ranks.rank != 0) {
        sim::stop_ranks();
        std::exit(1);
      }
      sim::stop_ranks();
      throw;
    }
    sim::stop_ranks();
    context.exit_code = 0;
  });
}

}  // namespace statecraft::cli
