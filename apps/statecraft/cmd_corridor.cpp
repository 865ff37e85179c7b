// `statecraft corridor SCENARIO [--close ID]... [--set risk.X=V]... [--at DATE]
//  [--sweep-threat GROUP --points N [--svg FILE]] [--format table|json]`:
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
};

void print_table(const corridor::CorridorResult& r, const std::map<std::string, double>* shock_cost) {
  fmt::print("delivered {:.6g}, unmet {:.6g}, routing cost {:.6g}\n\n", r.delivered, r.unmet, r.total_cost);
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

// A self-contained SVG line chart: hub share (y, 0..1) of each country against the
// group's activity (x, 0..1). Countries whose share is 0 throughout are left out.
std::string sweep_svg(const corridor::SweepResult& s) {
  constexpr double kWidth = 640;
  constexpr double kHeight = 400;
  constexpr double kLeft = 60;
  constexpr double kRight = 130;
  constexpr double kTop = 30;
  constexpr double kBottom = 50;
  const double plot_w = kWidth - kLeft - kRight;
  const double plot_h = kHeight - kTop - kBottom;
  const double x0 = s.points.front().activity;
  const double x1 = s.points.back().activity;
  auto x = [&](double a) { return kLeft + (a - x0) / (x1 - x0) * plot_w; };
  auto y = [&](double share) { return kTop + (1.0 - share) * plot_h; };
  static const char* kColours[] = {"#1b6ca8", "#d1495b", "#2e933c", "#edae49",
                                   "#6a4c93", "#00798c", "#8d6a9f", "#555555"};
  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
      "font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n",
      kWidth, kHeight);
  out += fmt::format("<text x=\"{}\" y=\"18\" font-size=\"14\">Hub share vs activity of {}</text>\n", kLeft,
                     s.group);
  for (int i = 0; i <= 4; ++i) {
    const double v = i / 4.0;
    out += fmt::format("<line x1=\"{0}\" y1=\"{1:.1f}\" x2=\"{2}\" y2=\"{1:.1f}\" stroke=\"#ddd\"/>\n", kLeft,
                       y(v), kLeft + plot_w);
    out += fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{:.2f}</text>\n", kLeft - 6, y(v) + 4,
                       v);
    const double a = x0 + v * (x1 - x0);
    out += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{:.2f}</text>\n", x(a),
                       kTop + plot_h + 18, a);
  }
  out += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">activity of {}</text>\n",
                     kLeft + plot_w / 2, kHeight - 8, s.group);
  out += fmt::format(
      "<text x=\"14\" y=\"{:.1f}\" transform=\"rotate(-90 14 {:.1f})\" text-anchor=\"middle\">hub "
      "share</text>\n",
      kTop + plot_h / 2, kTop + plot_h / 2);
  out += fmt::format(
      "<rect x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"none\" stroke=\"#333\"/>\n", kLeft,
      kTop, plot_w, plot_h);
  std::size_t drawn = 0;
  for (std::size_t c = 0; c < s.countries.size(); ++c) {
    bool any = false;
    for (const auto& p : s.points) any = any || p.hub_share[c] > 0.0;
    if (!any) continue;
    const char* colour = kColours[drawn % std::size(kColours)];
    std::string points;
    for (const auto& p : s.points) points += fmt::format("{:.2f},{:.2f} ", x(p.activity), y(p.hub_share[c]));
    out += fmt::format("<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"2\" points=\"{}\"/>\n", colour,
                       points);
    const double ly = kTop + 10 + 18 * static_cast<double>(drawn);
    out += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{2:.1f}\" y2=\"{1:.1f}\" stroke=\"{3}\" "
        "stroke-width=\"2\"/>\n",
        kLeft + plot_w + 10, ly, kLeft + plot_w + 30, colour);
    out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\">{}</text>\n", kLeft + plot_w + 36, ly + 4,
                       s.countries[c]);
    ++drawn;
  }
  out += "</svg>\n";
  return out;
}

nlohmann::json sweep_json(const corridor::SweepResult& s) {
  nlohmann::json points = nlohmann::json::array();
  for (std::size_t i = 0; i < s.points.size(); ++i) {
    const auto& p = s.points[i];
    nlohmann::json share = nlohmann::json::object();
    nlohmann::json elasticity = nlohmann::json::object();
    nlohmann::json net = nlohmann::json::object();
    for (std::size_t c = 0; c < s.countries.size(); ++c) {
      share[s.countries[c]] = p.hub_share[c];
      elasticity[s.countries[c]] = s.elasticity(c, i);
      net[s.countries[c]] = p.net_cost_usd[c];
    }
    points.push_back({{"activity", p.activity},
                      {"total_cost", p.total_cost},
                      {"unmet", p.unmet},
                      {"hub_share", share},
                      {"elasticity", elasticity},
                      {"net_cost_usd", net}});
  }
  return {{"group", s.group}, {"points", points}};
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
  command->callback([options, &context] {
    RunRecorder recorder(context, "corridor");
    Scenario scenario = load_world(options->scenario, options->at);
    if (scenario.network.empty()) {
      throw InputError(SourceLocation{options->scenario}, "the scenario has no corridor network");
    }
    const corridor::Shocks shocks = read_shocks(scenario, options->close, options->set);
    const auto parameters = corridor::RoutingParameters::from(scenario.parameters);
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
      result = {{"sweep", sweep_json(sweep)}};
      if (!options->svg.empty()) io::write_file_atomically(options->svg, sweep_svg(sweep));
      if (options->format == "json") {
        fmt::print("{}\n", result.dump());
      } else {
        print_sweep(sweep);
      }
    } else {
      const corridor::CorridorResult routed = corridor::route(scenario.network, parameters, shocks);
      result = analysis::route_json(scenario, shocks, routed);
      const bool shocked = result.contains("shock_cost");
      const auto cost = shocked ? result["shock_cost"].get<std::map<std::string, double>>()
                                : std::map<std::string, double>{};
      if (options->format == "json") {
        fmt::print("{}\n", result.dump());
      } else {
        print_table(routed, shocked ? &cost : nullptr);
      }
    }
    const nlohmann::json recorded_parameters = {{"close", options->close},
                                                {"set", options->set},
                                                {"at", options->at},
                                                {"sweep_threat", options->sweep_threat},
                                                {"points", options->points}};
    recorder.record(options->scenario, recorded_parameters, 0, result);
    context.exit_code = 0;
  });
}

}  // namespace statecraft::cli
