// `statecraft corridor SCENARIO [--close ID]... [--set risk.X=V]... [--at DATE]
//  [--sweep-threat GROUP --points N [--svg FILE]] [--routing automatic|joint|sequential]
//  [--format table|json]`:
// security-adjusted routing of the scenario's corridor network, and shocks to it.
#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analysis/corridor.h"
#include "commands.h"
#include "core/error.h"
#include "corridor/routing.h"
#include "corridor/sweep.h"
#include "corridor_options.h"
#include "io/atomic_file.h"
#include "report/svg.h"
#include "run_recorder.h"

namespace statecraft::cli {

namespace {

struct CorridorOptions {
  std::string scenario;
  std::vector<std::string> close;
  std::vector<std::string> set;
  std::string at;
  std::string format = "table";
  std::string sweep_threat;
  std::size_t points = 21;
  std::string svg;
  std::string routing = "automatic";
};

void print_table(const corridor::CorridorResult& r, const std::map<std::string, double>* shock_cost) {
  fmt::print("delivered {:.6g}, unmet {:.6g}, routing cost {:.6g} (solved by {}{})\n\n", r.delivered, r.unmet,
             r.total_cost, r.method, r.exact ? "" : ", not guaranteed optimal");
  fmt::print("{:<8} {:>9} {:>9} {:>14} {:>14} {:>14}{}\n", "country", "hub_share", "value_sh", "earnings_usd",
             "burden_usd", "net_cost_usd", shock_cost != nullptr ? "   shock_cost" : "");
  for (const auto& c : r.countries) {
    fmt::print("{:<8} {:>9.4f} {:>9.4f} {:>14.6g} {:>14.6g} {:>14.6g}", c.country, c.hub_share, c.value_share,
               c.earnings_usd, c.burden_usd, c.net_cost_usd);
    if (shock_cost != nullptr) fmt::print(" {:>12.6g}", shock_cost->at(c.country));
    fmt::print("\n");
  }
  fmt::print("\n{:<24} {:>10} {:>10} {:>6} {:>10} {:>10}\n", "demand", "volume", "delivered", "unmet",
             "cost/unit", "route");
  for (const auto& d : r.demands) {
    std::string route;
    for (const auto& c : d.countries_crossed) route += (route.empty() ? "" : "-") + c;
    fmt::print("{:<24} {:>10.6g} {:>10.6g} {:>6.4g} {:>10.6g} {}\n", d.id, d.volume, d.delivered, d.unmet,
               d.cost_per_unit, route);
  }
  fmt::print("\n{:<26} {:>10} {:>6} {:>10} {:>10}\n", "edge", "flow", "risk", "cost/unit", "capacity");
  for (const auto& e : r.edges) {
    fmt::print("{:<26} {:>10.6g} {:>6.3f} {:>10.6g} {:>10}\n", e.id, e.flow, e.risk, e.cost_per_unit,
               !e.open                  ? std::string("closed")
               : std::isinf(e.capacity) ? std::string("-")
                                        : fmt::format("{:.6g}", e.capacity));
  }
}

// The hub-share curve as a self-contained SVG line chart (report/svg.h): hub share (y,
// 0..1) of each country against the group's activity (x). Countries whose share is 0
// throughout are left out; ids are escaped by the renderer.
std::string sweep_svg(const corridor::SweepResult& s) {
  report::LineChart chart;
  chart.title = "Hub share vs activity of " + s.group;
  chart.x_label = "activity of " + s.group;
  chart.y_label = "hub share";
  chart.y_min = 0.0;
  chart.y_max = 1.0;
  for (std::size_t c = 0; c < s.countries.size(); ++c) {
    bool any = false;
    for (const auto& p : s.points) any = any || p.hub_share[c] > 0.0;
    if (!any) continue;
    report::Series series;
    series.label = s.countries[c];
    for (const auto& p : s.points) {
      series.x.push_back(p.activity);
      series.y.push_back(p.hub_share[c]);
    }
    chart.series.push_back(std::move(series));
  }
  return report::render(chart);
}

void print_sweep(const corridor::SweepResult& s) {
  std::vector<std::size_t> shown;
  for (std::size_t c = 0; c < s.countries.size(); ++c) {
    bool any = false;
    for (const auto& p : s.points) any = any || p.hub_share[c] > 0.0;
    if (any) shown.push_back(c);
  }
  fmt::print("hub share vs activity of {} (elasticity d ln share / d ln activity in brackets)\n", s.group);
  fmt::print("{:>8} {:>12} {:>8}", "activity", "total_cost", "unmet");
  for (std::size_t c : shown) fmt::print(" {:>16}", s.countries[c]);
  fmt::print("\n");
  for (std::size_t i = 0; i < s.points.size(); ++i) {
    const auto& p = s.points[i];
    fmt::print("{:>8.3f} {:>12.6g} {:>8.4g}", p.activity, p.total_cost, p.unmet);
    for (std::size_t c : shown) fmt::print(" {:>7.4f} ({:>6.2f})", p.hub_share[c], s.elasticity(c, i));
    fmt::print("\n");
  }
}

}  // namespace

void register_corridor(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand(
      "corridor",
      "Security-adjusted routing over the corridor network: flows, unmet demand, hub shares, shocks");
  auto options = std::make_shared<CorridorOptions>();
  command->add_option("SCENARIO", options->scenario, "Scenario YAML file")
      ->required()
      ->check(CLI::ExistingFile);
  command->add_option("--close", options->close, "Close an edge, or every edge at a node (repeatable)");
  command->add_option(
      "--set", options->set,
      "risk.GROUP=V (armed-group activity), risk.ID=V (risk of a node or edge) or PARAMETER=V (repeatable)");
  command->add_option("--at", options->at, "Evaluate the world on this date (YYYY-MM-DD)");
  command->add_option("--format", options->format, "Output format")->check(CLI::IsMember({"table", "json"}));
  command->add_option("--sweep-threat", options->sweep_threat,
                      "Sweep this armed group's activity from 0 to 1");
  command->add_option("--points", options->points, "Points of the sweep (default 21)")
      ->check(CLI::Range(2, 1000000));
  command->add_option("--svg", options->svg,
                      "With --sweep-threat: write the hub-share curve as SVG to this file");
  command
      ->add_option("--routing", options->routing,
                   "joint: exact optimum of all demands together (min-cost flow or multi-commodity LP); "
                   "sequential: one destination after another (fast, greedy when they compete); "
                   "automatic (default): joint unless the LP would be too large")
      ->check(CLI::IsMember({"automatic", "joint", "sequential"}));
  command->callback([options, &context] {
    RunRecorder recorder(context, "corridor");
    Scenario scenario = load_world(options->scenario, options->at);
    if (scenario.network.empty()) {
      throw InputError(SourceLocation{options->scenario}, "the scenario has no corridor network");
    }
    const corridor::Shocks shocks = read_shocks(scenario, options->close, options->set);
    auto parameters = corridor::RoutingParameters::from(scenario.parameters);
    parameters.method = *corridor::parse_routing_method(options->routing);  // CLI11 checked the name
    if (!options->svg.empty() && options->sweep_threat.empty()) {
      throw CLI::ValidationError("--svg", "needs --sweep-threat GROUP");
    }
    nlohmann::json result;
    if (!options->sweep_threat.empty()) {
      bool known = false;
      for (const auto& t : scenario.network.threats) known = known || t.group == options->sweep_threat;
      if (!known) {
        throw CLI::ValidationError("--sweep-threat",
                                   "no threat by '" + options->sweep_threat + "' in the network");
      }
      const corridor::SweepResult sweep = corridor::sweep_threat(scenario.network, parameters, shocks,
                                                                 options->sweep_threat, options->points);
      result = {{"sweep", analysis::sweep_json(sweep)}};
      if (!options->svg.empty()) io::write_file_atomically(options->svg, sweep_svg(sweep));
      if (options->format == "json") {
        fmt::print("{}\n", result.dump());
      } else {
        print_sweep(sweep);
      }
    } else {
      const corridor::CorridorResult routed = corridor::route(scenario.network, parameters, shocks);
      result = analysis::route_json(scenario, shocks, routed, parameters);
      const bool shocked = result.contains("shock_cost");
      const auto cost = shocked ? result["shock_cost"].get<std::map<std::string, double>>()
                                : std::map<std::string, double>{};
      if (options->format == "json") {
        fmt::print("{}\n", result.dump());
      } else {
        print_table(routed, shocked ? &cost : nullptr);
      }
    }
    const nlohmann::json recorded_parameters = {
        {"close", options->close},   {"set", options->set},
        {"at", options->at},         {"sweep_threat", options->sweep_threat},
        {"points", options->points}, {"routing", options->routing}};
    recorder.record(options->scenario, recorded_parameters, 0, result);
    context.exit_code = 0;
  });
}

}  // namespace statecraft::cli
