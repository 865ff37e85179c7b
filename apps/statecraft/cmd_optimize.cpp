// `statecraft optimize SCENARIO --forum F --motion M --budget B [--target P] [--at DATE]
// [--positions-from-narratives] [--format table|json]`: the cheapest plan of bilateral
// actions from the scenario's `actions:` menu that lifts the motion's pass probability
// to the target, or the best plan within the budget when the target is out of reach.
//
// `statecraft optimize SCENARIO --compare [--budgets B1,B2,...] [-o FILE.svg | --svg FILE]
// [--format table|json]`: over the scenario's `horizon:` (several motions in several
// forums, possibly in other episode files), per-motion lobbying against lasting
// bilateral partnerships under the same budgets (strategy/compare.h); a table or JSON,
// and an SVG of each motion's pass probability against the budget, one line per strategy.
#include <fmt/core.h>
#include <fmt/ranges.h>

#include <cmath>
#include <filesystem>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "analysis/strategy.h"
#include "api/compare.h"
#include "commands.h"
#include "core/error.h"
#include "io/atomic_file.h"
#include "io/scenario_loader.h"
#include "narrative_positions.h"
#include "report/svg.h"
#include "run_recorder.h"
#include "strategy/compare.h"
#include "strategy/plan.h"

namespace statecraft::cli {

namespace {

struct OptimizeOptions {
  std::string scenario;
  std::string forum;
  std::string motion;
  std::optional<double> budget;
  std::optional<double> target;
  std::string at;
  std::string format = "table";
  bool narrative_positions = false;
  bool compare = false;
  std::vector<double> budgets;
  std::string svg;
  std::string output;
};

// A finite number >= 0; the message names what was given (CLI11 prefixes the flag).
const CLI::Validator kNonNegative(
    [](std::string& text) -> std::string {
      const std::string bad = "expected a number >= 0, found '" + text + "'";
      try {
        std::size_t used = 0;
        const double v = std::stod(text, &used);
        return used == text.size() && std::isfinite(v) && v >= 0.0 ? std::string() : bad;
      } catch (const std::exception&) {
        return bad;
      }
    },
    "NUMBER>=0");

Scenario at_date(Scenario scenario, const std::string& at) {
  if (at.empty()) return scenario;
  auto date = parse_date(at);
  if (!date) throw CLI::ValidationError("--at", "expected a date YYYY-MM-DD, found '" + at + "'");
  return world_at(scenario, *date);
}

void print_comparison(const strategy::ComparisonResult& r) {
  fmt::print("{:<16} {:>9} {:>9} {:>9}", "strategy", "budget", "cost", "E[passed]");
  for (const auto& m : r.motions) fmt::print(" {:>12.12}", m);
  fmt::print("\n{:<16} {:>9} {:>9} {:>9.3f}", "(no action)", "", "", [&] {
    double e = 0.0;
    for (double p : r.p_before) e += p;
    return e;
  }());
  for (double p : r.p_before) fmt::print(" {:>12.3f}", p);
  fmt::print("\n");
  for (const auto& p : r.points) {
    fmt::print("{:<16} {:>9.6g} {:>9.6g} {:>9.3f}", p.strategy, p.budget, p.cost, p.expected_passes);
    for (const auto& m : p.motions) fmt::print(" {:>12.3f}", m.p_pass);
    fmt::print("\n");
  }
  fmt::print("\nplans (lasting actions bought once; one-off actions per motion, with their cost):\n");
  for (const auto& p : r.points) {
    fmt::print("  {} @ {:.6g}: lasting [{}]", p.strategy, p.budget,
               fmt::format("{}", fmt::join(p.lasting, ", ")));
    for (std::size_t m = 0; m < p.motions.size(); ++m) {
      if (p.motions[m].cost > 0.0) fmt::print("; {} one-off {:.6g}", r.motions[m], p.motions[m].cost);
    }
    fmt::print("\n");
  }
}

// One panel per motion would need a layout the SVG writer does not offer; one chart
// with a line per (strategy, motion) keeps every curve on the same axes instead.
std::string comparison_svg(const strategy::ComparisonResult& r) {
  report::LineChart chart;
  chart.title = "Pass probability against budget, by strategy and motion";
  chart.x_label = "budget";
  chart.y_label = "P(pass)";
  chart.y_min = 0.0;
  chart.y_max = 1.0;
  chart.width = 760;
  chart.height = 420;
  for (const auto& s : r.strategies) {
    for (std::size_t m = 0; m < r.motions.size(); ++m) {
      report::Series series;
      series.label = s + ": " + r.motions[m];
      for (const auto& p : r.points) {
        if (p.strategy != s) continue;
        series.x.push_back(p.budget);
        series.y.push_back(p.motions[m].p_pass);
      }
      chart.series.push_back(std::move(series));
    }
  }
  return report::render(chart);
}

void run_compare(const OptimizeOptions& o, const Scenario& scenario, Context& context,
                 RunRecorder& recorder) {
  if (!scenario.horizon) {
    throw CLI::ValidationError("--compare",
                               o.scenario + " declares no horizon: (motions and budgets to compare)");
  }
  if (scenario.actions.empty()) {
    throw CLI::ValidationError("SCENARIO", o.scenario + " declares no actions: (nothing to optimise over)");
  }
  Horizon horizon = *scenario.horizon;
  if (!o.budgets.empty()) {
    horizon.budgets = o.budgets;
    for (std::size_t i = 1; i < horizon.budgets.size(); ++i) {
      if (!(horizon.budgets[i] > horizon.budgets[i - 1])) {
        throw CLI::ValidationError("--budgets", "budgets must be in increasing order");
      }
    }
  }
  std::function<Scenario(Scenario)> adjust;
  if (o.narrative_positions) {
    adjust = [](Scenario world) { return with_narrative_positions(world, "--positions-from-narratives"); };
  }
  const auto result = api::compare(scenario, horizon.budgets, adjust);
  const nlohmann::json json = api::comparison_json(result);
  const std::string svg_path = !o.svg.empty() ? o.svg : o.output;
  if (!svg_path.empty()) io::write_file_atomically(svg_path, comparison_svg(result));
  if (o.format == "json") {
    fmt::print("{}\n", json.dump());
  } else {
    print_comparison(result);
    if (!svg_path.empty()) fmt::print("\nplot written to {}\n", svg_path);
  }
  nlohmann::json recorded = scenario.parameters.explicit_values();
  recorded["compare"] = true;
  recorded["budgets"] = horizon.budgets;
  recorder.record(o.scenario, recorded, 0, json);
  context.exit_code = 0;
}

}  // namespace

void register_optimize(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand(
      "optimize", "Cheapest plan of bilateral actions that lifts a motion's pass probability to a target");
  auto options = std::make_shared<OptimizeOptions>();
  command->add_option("SCENARIO", options->scenario, "Scenario YAML file")
      ->required()
      ->check(CLI::ExistingFile);
  command->add_option("--forum", options->forum, "Forum id (required without --compare)");
  command->add_option("--motion", options->motion, "Motion id, in that forum (required without --compare)");
  command
      ->add_option("--budget", options->budget,
                   "Budget, in the unit of the actions' costs (required without --compare)")
      ->check(kNonNegative);
  command->add_option("--target", options->target, "Pass probability to reach (default strategy.target_p)")
      ->check(CLI::Range(0.0, 1.0));
  command->add_option("--at", options->at, "Evaluate the world on this date (YYYY-MM-DD)");
  command->add_option("--format", options->format, "Output format")->check(CLI::IsMember({"table", "json"}));
  command->add_flag(
      "--positions-from-narratives", options->narrative_positions,
      "Set the stance positions of each narrative frame's issue to the frame's Friedkin-Johnsen equilibrium");
  command->add_flag("--compare", options->compare,
                    "Compare per-motion lobbying with lasting partnerships over the scenario's horizon");
  command->add_option("--budgets", options->budgets, "With --compare: budget grid, overriding the horizon's")
      ->delimiter(',')
      ->check(kNonNegative);
  command->add_option("--svg", options->svg,
                      "With --compare: write the pass-probability plot as SVG to this file");
  command->add_option("-o,--output", options->output, "With --compare: same as --svg");
  command->callback([options, &context] {
    const OptimizeOptions& o = *options;
    if (o.compare) {
      for (const auto& [flag, given] :
           {std::pair{"--forum", !o.forum.empty()}, std::pair{"--motion", !o.motion.empty()},
            std::pair{"--budget", o.budget.has_value()}, std::pair{"--target", o.target.has_value()},
            std::pair{"--at", !o.at.empty()}}) {
        if (given)
          throw CLI::ValidationError(flag, "does not apply with --compare (the horizon: section sets it)");
      }
      if (!o.svg.empty() && !o.output.empty())
        throw CLI::ValidationError("--svg", "give --svg or -o, not both");
    } else {
      if (o.forum.empty()) throw CLI::ValidationError("--forum", "is required (or use --compare)");
      if (o.motion.empty()) throw CLI::ValidationError("--motion", "is required (or use --compare)");
      if (!o.budget) throw CLI::ValidationError("--budget", "is required (or use --compare)");
      for (const auto& [flag, given] :
           {std::pair{"--budgets", !o.budgets.empty()}, std::pair{"--svg", !o.svg.empty()},
            std::pair{"--output", !o.output.empty()}}) {
        if (given) throw CLI::ValidationError(flag, "needs --compare");
      }
    }
    RunRecorder recorder(context, "optimize");
    Scenario scenario = io::load_scenario(o.scenario);
    if (o.compare) {
      run_compare(o, scenario, context, recorder);
      return;
    }
    scenario = at_date(std::move(scenario), o.at);
    std::vector<std::string> applied;
    if (o.narrative_positions)
      scenario = with_narrative_positions(scenario, "--positions-from-narratives", &applied);
    const Forum* forum = scenario.find_forum(o.forum);
    if (forum == nullptr)
      throw CLI::ValidationError("--forum", "no forum '" + o.forum + "' in " + o.scenario);
    const Motion* motion = scenario.find_motion(o.motion);
    if (motion == nullptr || motion->forum != forum->id) {
      throw CLI::ValidationError("--motion", "no motion '" + o.motion + "' in forum '" + o.forum + "'");
    }
    if (scenario.actions.empty()) {
      throw CLI::ValidationError("SCENARIO", o.scenario + " declares no actions: (nothing to optimise over)");
    }
    strategy::StrategyParams params = strategy::StrategyParams::from(scenario.parameters);
    if (o.target) params.target_p = *o.target;
    const strategy::Plan plan = strategy::optimize(scenario, forum->id, motion->id, *o.budget, params);

    nlohmann::json result = analysis::plan_json(scenario, *forum, *motion, *o.budget, params.target_p, plan);
    if (!applied.empty()) result["positions_from_narratives"] = applied;
    if (o.format == "json") {
      fmt::print("{}\n", result.dump());
    } else {
      for (const auto& a : applied) fmt::print("positions from narrative equilibrium: {}\n", a);
      fmt::print("{} in {}: p_pass {:.3f} -> {:.3f} for {:.6g} of budget {:.6g} (target {:.3g}: {}; {})\n",
                 motion->id, forum->id, plan.p_before, plan.p_after, plan.cost, *o.budget, params.target_p,
                 plan.meets_target ? "met" : "not met", plan.method);
      fmt::print("  {:<32} {:>10} {:>9}\n", "action", "cost", "marginal");
      for (const auto& step : plan.steps)
        fmt::print("  {:<32} {:>10.6g} {:>9.4f}\n", step.action, step.cost, step.marginal);
    }
    nlohmann::json recorded = scenario.parameters.explicit_values();
    recorded["forum"] = forum->id;
    recorded["motion"] = motion->id;
    recorded["budget"] = *o.budget;
    recorded["target"] = params.target_p;
    if (o.narrative_positions) recorded["positions_from_narratives"] = true;
    recorder.record(o.scenario, recorded, 0, result);
    context.exit_code = 0;
  });
}

}  // namespace statecraft::cli
