#include "report/scenario_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <utility>

#include "analysis/corridor.h"
#include "analysis/forecast.h"
#include "analysis/influence.h"
#include "analysis/power.h"
#include "analysis/strategy.h"
#include "analysis/vote.h"
#include "core/error.h"
#include "report/svg.h"

namespace statecraft::report {

namespace {

using Json = nlohmann::json;

std::string fixed(double value, int digits = 3) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
  return buffer;
}

std::string general(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.4g", value);
  return buffer;
}

// FNV-1a, 64 bits: a short fingerprint of the scenario text for the footer.
std::string fingerprint(const std::string& text) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ULL;
  char buffer[20];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(h));
  return buffer;
}

// Engine preconditions that the scenario breaks are input errors of that file.
template <typename F>
auto checked(const std::string& path, const std::string& what, F&& run) {
  try {
    return run();
  } catch (const PreconditionError& e) {
    throw InputError(SourceLocation{path, 0, 0}, what + ": " + e.what());
  }
}

// Results already drawn, by kind and id, so that a forum or network that an episode
// inherits unchanged from its base world is shown once and referred to afterwards.
class SeenResults {
 public:
  // The chapter that already showed this exact result, or empty (and remembers it).
  std::string earlier(const std::string& key, const Json& result, const std::string& chapter) {
    const std::string text = key + "\n" + result.dump();
    auto [it, inserted] = seen_.emplace(text, chapter);
    return inserted ? std::string() : it->second;
  }

 private:
  std::map<std::string, std::string> seen_;
};

Section overview_section(const ReportInput& input) {
  const Scenario& s = input.scenario;
  Section section;
  section.title = "Overview";
  section.level = 3;
  if (!s.description.empty()) section.paragraphs.push_back(s.description);
  std::map<std::string, int> kinds;
  for (const auto& a : s.actors) kinds[std::string(to_string(a.kind))]++;
  std::string actors = std::to_string(s.actors.size()) + " actors (";
  bool first = true;
  for (const auto& [kind, count] : kinds)
    actors += (first ? "" : ", ") + std::to_string(count) + " " + kind, first = false;
  actors += "), " + std::to_string(s.relations.size()) + " relations, " + std::to_string(s.forums.size()) +
            " forums, " + std::to_string(s.issues.size()) + " issues, " + std::to_string(s.motions.size()) +
            " motions, " + std::to_string(s.actions.size()) + " actions, " +
            std::to_string(s.network.nodes.size()) + " corridor nodes, " + std::to_string(s.events.size()) +
            " dated events" + (s.date ? "; the world as of " + s.date->to_string() : std::string()) + ".";
  section.paragraphs.push_back(actors);
  if (!s.forums.empty()) {
    Table forums{{"forum", "name", "members", "rule", "gates", "blocs"}, {}};
    for (const auto& f : s.forums) {
      forums.rows.push_back({f.id, f.name, std::to_string(f.members.size()),
                             std::string(to_string(f.rule.kind)), std::to_string(f.gates.size()),
                             std::to_string(f.blocs.size())});
    }
    section.tables.push_back(std::move(forums));
  }
  return section;
}

Section forecast_section(const ReportInput& input, const Issue& issue, const ReportOptions& options,
                         ScenarioSummary& summary) {
  std::vector<nlohmann::ordered_json> models;
  for (bargain::Model model : bargain::kAllModels) {
    analysis::ForecastSpec spec;
    spec.models = {model};
    spec.samples = model == bargain::Model::smp ? options.smp_samples : options.forecast_samples;
    spec.seed = options.seed;
    spec.bands = spec.samples > 0;
    auto result = checked(input.path, "issue " + issue.id,
                          [&] { return analysis::forecast(issue, input.scenario.parameters, spec); });
    models.push_back(std::move(result.front()));
  }
  double interval_mass = 0.0;
  for (const auto& m : models) {
    if (m.contains("interval_mass")) interval_mass = m["interval_mass"].get<double>();
  }
  Section section;
  section.title = "Forecast: " + (issue.name.empty() ? issue.id : issue.name + " (" + issue.id + ")");
  section.level = 3;
  if (!issue.description.empty()) section.paragraphs.push_back(issue.description);
  // The longest trajectory sets the x axis; shorter ones hold their forecast.
  std::size_t length = 2;
  for (const auto& m : models) {
    length = std::max(length, m["rounds"].size() + 1);
    if (m.contains("band")) length = std::max(length, m["band"]["low"].size());
  }
  LineChart chart;
  chart.title = "Median position per round, " + std::to_string(issue.stances.size()) + " actors" +
                (interval_mass > 0.0 ? "; bands: Monte Carlo " + fixed(100.0 * interval_mass, 0) +
                                           "% interval of each model's samples"
                                     : std::string());
  chart.x_label = "round (last point: forecast)";
  chart.y_label = "position";
  chart.y_min = issue.scale_min;
  chart.y_max = issue.scale_max;
  chart.width = 760;
  Table table{{"model", "forecast", "interval low", "interval high", "samples", "rounds", "stopped"}, {}};
  for (const auto& m : models) {
    Series series;
    series.label = m["model"].get<std::string>();
    std::vector<double> path;
    for (const auto& round : m["rounds"]) path.push_back(round["median"].get<double>());
    path.push_back(m["forecast"].get<double>());
    for (std::size_t r = 0; r < length; ++r) {
      series.x.push_back(static_cast<double>(r));
      series.y.push_back(r < path.size() ? path[r] : path.back());
    }
    if (m.contains("band")) {
      const auto low = m["band"]["low"].get<std::vector<double>>();
      const auto high = m["band"]["high"].get<std::vector<double>>();
      for (std::size_t r = 0; r < length; ++r) {
        series.lower.push_back(r < low.size() ? low[r] : low.back());
        series.upper.push_back(r < high.size() ? high[r] : high.back());
      }
    }
    chart.series.push_back(std::move(series));
    table.rows.push_back({m["model"].get<std::string>(), general(m["forecast"].get<double>()),
                          m.contains("interval") ? general(m["interval"][0].get<double>()) : "",
                          m.contains("interval") ? general(m["interval"][1].get<double>()) : "",
                          m.contains("samples") ? std::to_string(m["samples"].get<int>()) : "0",
                          std::to_string(m["rounds"].size()), m["stopped"].get<std::string>()});
    if (m["model"] == "bdm") {
      ScenarioSummary::IssueRow row;
      row.issue = issue.id;
      row.forecast = m["forecast"].get<double>();
      if (m.contains("interval"))
        row.low = m["interval"][0].get<double>(), row.high = m["interval"][1].get<double>();
      if (issue.outcome) row.outcome = issue.outcome->value;
      row.scale_min = issue.scale_min;
      row.scale_max = issue.scale_max;
      summary.issues.push_back(row);
    }
  }
  section.figures.push_back(render(chart));
  section.tables.push_back(std::move(table));
  if (issue.outcome) section.paragraphs.push_back("Recorded outcome: " + general(issue.outcome->value) + ".");
  return section;
}

Section vote_section(const ReportInput& input, const Motion& motion, const ReportOptions& options,
                     ScenarioSummary& summary, Json& vote_out) {
  // As `statecraft vote`: the world on the motion's date when it has one.
  const Scenario world = motion.date ? world_at(input.scenario, *motion.date) : input.scenario;
  const Forum* forum = world.find_forum(motion.forum);
  if (forum == nullptr) {
    throw InputError(SourceLocation{input.path, 0, 0},
                     "motion " + motion.id + " names no forum of the scenario");
  }
  vote_out = checked(input.path, "forum " + forum->id + ", motion " + motion.id, [&] {
    return analysis::vote(world, *forum, motion, motion.date ? motion.date->to_string() : std::string(), 0,
                          options.seed);
  });
  Section section;
  section.title = "Vote: " + motion.id + " in " + forum->id;
  section.level = 3;
  if (!motion.description.empty()) section.paragraphs.push_back(motion.description);
  const double p_pass = vote_out["p_pass"].get<double>();
  std::string line = "Pass probability " + fixed(p_pass) + " under the " +
                     vote_out["rule"].get<std::string>() + " rule; expected yes votes " +
                     fixed(vote_out["expected_yes"].get<double>(), 1) + " of " +
                     std::to_string(forum->members.size()) + ".";
  if (motion.outcome) line += " What happened: " + std::string(to_string(*motion.outcome)) + ".";
  section.paragraphs.push_back(line);
  VoteMap map;
  map.title = "Members by probability of voting yes (" + motion.id + ", p_pass " + fixed(p_pass) + ")";
  map.width = 760;
  struct Pivot {
    std::string id;
    double pivotal;
    double p_yes;
  };
  std::vector<Pivot> pivots;
  for (const auto& m : vote_out["members"]) {
    const double pivotal = m["pivotal"].get<double>();
    map.tiles.push_back({m["id"].get<std::string>(), m["p_yes"].get<double>(), pivotal >= 0.05});
    pivots.push_back({m["id"].get<std::string>(), pivotal, m["p_yes"].get<double>()});
  }
  section.figures.push_back(render(map));
  std::stable_sort(pivots.begin(), pivots.end(),
                   [](const Pivot& a, const Pivot& b) { return a.pivotal > b.pivotal; });
  Table stages{{"stage", "p_pass"}, {}};
  for (const auto& s : vote_out["stages"])
    stages.rows.push_back({s["id"].get<std::string>(), fixed(s["p_pass"].get<double>())});
  section.tables.push_back(std::move(stages));
  Table table{{"most pivotal member", "pivotality", "p(yes)"}, {}};
  for (std::size_t i = 0; i < pivots.size() && i < 10; ++i) {
    if (pivots[i].pivotal <= 0.0) break;
    table.rows.push_back({pivots[i].id, fixed(pivots[i].pivotal, 4), fixed(pivots[i].p_yes)});
  }
  if (table.rows.empty())
    section.paragraphs.push_back("No member is pivotal: no single vote changes the outcome.");
  section.tables.push_back(std::move(table));
  summary.motions.push_back({motion.id, forum->id, motion.date ? motion.date->to_string() : std::string(),
                             p_pass,
                             motion.outcome ? std::string(to_string(*motion.outcome)) : std::string()});
  return section;
}

Section power_section(const ReportInput& input, const Forum& forum, const std::string& chapter,
                      SeenResults& seen) {
  const Json power =
      checked(input.path, "forum " + forum.id, [&] { return analysis::forum_power(forum, 0, 1); });
  Section section;
  section.title = "Voting power: " + forum.id;
  section.level = 3;
  const std::string earlier = seen.earlier("power:" + forum.id, power, chapter);
  if (!earlier.empty()) {
    section.paragraphs.push_back("Same members and rule as in " + earlier + ": see the power bars there.");
    return section;
  }
  section.paragraphs.push_back("Normalised Banzhaf index of each member (" +
                               power["method"].get<std::string>() +
                               "); members with a veto are highlighted.");
  BarChart chart;
  chart.title = "Banzhaf power in " + forum.id + " (" + std::string(to_string(forum.rule.kind)) + ")";
  chart.value_label = "normalised Banzhaf index";
  chart.width = 760;
  const auto banzhaf = power["banzhaf"].get<std::vector<double>>();
  const auto weights = power["weights"].get<std::vector<long long>>();
  long long total = 0;
  for (long long w : weights) total += w;
  const auto quota = power["quota"].get<long long>();
  for (std::size_t i = 0; i < forum.members.size() && i < banzhaf.size(); ++i) {
    // A member is a veto player when the others together fall short of the quota.
    chart.bars.push_back({forum.members[i], banzhaf[i], total - weights[i] < quota});
  }
  section.figures.push_back(render(chart));
  return section;
}

Section influence_section(const ReportInput& input, const ReportOptions& options, const std::string& chapter,
                          SeenResults& seen) {
  const Json influence = checked(input.path, "influence network",
                                 [&] { return analysis::influence(input.scenario, options.influence_top); });
  Section section;
  section.title = "Influence network";
  section.level = 3;
  const std::string earlier = seen.earlier("influence", influence, chapter);
  if (!earlier.empty()) {
    section.paragraphs.push_back("The relations give the same influence network as in " + earlier + ".");
    return section;
  }
  section.paragraphs.push_back(
      "The " + std::to_string(influence["channels"].size()) +
      " strongest channels (arrow from influencer to target; width: how far the target "
      "listens); node size: the actor's reach.");
  NetworkGraph graph;
  graph.title = "Strongest influence channels";
  graph.width = 760;
  graph.height = 560;
  std::map<std::string, std::size_t> index;
  std::map<std::string, double> reach;
  double max_reach = 0.0;
  for (const auto& a : influence["actors"]) {
    reach[a["id"].get<std::string>()] = a["reach"].get<double>();
    max_reach = std::max(max_reach, a["reach"].get<double>());
  }
  auto node = [&](const std::string& id) {
    auto [it, inserted] = index.emplace(id, graph.nodes.size());
    if (inserted) {
      const Actor* actor = input.scenario.find_actor(id);
      GraphNode n;
      n.id = id;
      n.label = actor != nullptr && !actor->name.empty() ? actor->name : id;
      n.size = max_reach > 0 ? reach[id] / max_reach : 0.5;
      n.group = actor != nullptr ? static_cast<int>(actor->kind) : 0;
      graph.nodes.push_back(n);
    }
    return it->second;
  };
  double max_weight = 0.0;
  for (const auto& c : influence["channels"]) max_weight = std::max(max_weight, c["weight"].get<double>());
  Table table{{"from", "to", "weight"}, {}};
  for (const auto& c : influence["channels"]) {
    GraphEdge e;
    e.from = node(c["from"].get<std::string>());
    e.to = node(c["to"].get<std::string>());
    e.width = max_weight > 0 ? 0.5 + 4.0 * c["weight"].get<double>() / max_weight : 1.0;
    e.directed = true;
    graph.edges.push_back(e);
    if (table.rows.size() < 10) {
      table.rows.push_back(
          {c["from"].get<std::string>(), c["to"].get<std::string>(), fixed(c["weight"].get<double>())});
    }
  }
  section.figures.push_back(render(graph));
  section.tables.push_back(std::move(table));
  return section;
}

Section strategy_section(const ReportInput& input, const Motion& motion, const ReportOptions& options) {
  const Scenario world = motion.date ? world_at(input.scenario, *motion.date) : input.scenario;
  const Forum* forum = world.find_forum(motion.forum);
  double menu_cost = 0.0;
  for (const auto& a : world.actions) menu_cost += a.cost;
  Section section;
  section.title = "Strategy: " + motion.id;
  section.level = 3;
  LineChart chart;
  chart.title = "Pass probability of " + motion.id + " with the best plan per budget";
  chart.x_label = "budget (share of the whole action menu's cost " + general(menu_cost) + ")";
  chart.y_label = "p_pass";
  chart.y_min = 0.0;
  chart.y_max = 1.0;
  Series before{"before", {}, {}, {}, {}};
  Series after{"after plan", {}, {}, {}, {}};
  Table table{{"budget", "cost", "p_before", "p_after", "target met", "plan"}, {}};
  for (double fraction : options.budget_fractions) {
    const double budget = fraction * menu_cost;
    const Json plan = checked(input.path, "strategy for motion " + motion.id, [&] {
      return analysis::optimize(world, *forum, motion, budget, std::nullopt);
    });
    before.x.push_back(fraction);
    before.y.push_back(plan["p_before"].get<double>());
    after.x.push_back(fraction);
    after.y.push_back(plan["p_after"].get<double>());
    std::string actions;
    for (const auto& step : plan["plan"])
      actions += (actions.empty() ? "" : ", ") + step["action"].get<std::string>();
    table.rows.push_back({general(budget), general(plan["cost"].get<double>()),
                          fixed(plan["p_before"].get<double>()), fixed(plan["p_after"].get<double>()),
                          plan["meets_target"].get<bool>() ? "yes" : "no",
                          actions.empty() ? "(none)" : actions});
  }
  section.paragraphs.push_back(
      "Cheapest plan of the scenario's " + std::to_string(world.actions.size()) +
      " bilateral actions that lifts the pass probability to the target, or the best "
      "within the budget.");
  chart.series.push_back(std::move(before));
  chart.series.push_back(std::move(after));
  section.figures.push_back(render(chart));
  section.tables.push_back(std::move(table));
  return section;
}

Section corridor_section(const ReportInput& input, const std::string& chapter, SeenResults& seen,
                         ScenarioSummary& summary) {
  const Scenario& s = input.scenario;
  const Json routed = checked(input.path, "corridor network", [&] { return analysis::route(s, {}); });
  for (const auto& c : routed["countries"]) {
    if (c["hub_share"].get<double>() > 0.0)
      summary.hub_shares.emplace_back(c["id"].get<std::string>(), c["hub_share"].get<double>());
  }
  Section section;
  section.title = "Corridor flows";
  section.level = 3;
  const std::string earlier = seen.earlier("corridor", routed, chapter);
  if (!earlier.empty()) {
    section.paragraphs.push_back("Same network and flows as in " + earlier + ".");
    return section;
  }
  section.paragraphs.push_back("Delivered " + general(routed["delivered"].get<double>()) + ", unmet " +
                               general(routed["unmet"].get<double>()) + ", routing cost " +
                               general(routed["total_cost"].get<double>()) +
                               ". Edge width: flow; dashed: closed; colour: the country a node lies in.");
  NetworkGraph graph;
  graph.title = "Security-adjusted flows";
  graph.width = 760;
  graph.height = 560;
  std::map<std::string, std::size_t> index;
  std::map<std::string, int> country_group;
  for (const auto& n : s.network.nodes) {
    index[n.id] = graph.nodes.size();
    auto [it, inserted] = country_group.emplace(n.country, static_cast<int>(country_group.size()));
    graph.nodes.push_back(
        {n.id, n.name.empty() ? n.id : n.name, n.kind == "border_crossing" ? 0.2 : 0.5, "", it->second});
  }
  double max_flow = 0.0;
  for (const auto& e : routed["edges"]) max_flow = std::max(max_flow, e["flow"].get<double>());
  for (std::size_t i = 0; i < s.network.edges.size(); ++i) {
    const Edge& edge = s.network.edges[i];
    const Json& r = routed["edges"][i];
    const double flow = r["flow"].get<double>();
    GraphEdge e;
    e.from = index.at(edge.from);
    e.to = index.at(edge.to);
    e.width = max_flow > 0 ? 0.5 + 7.0 * flow / max_flow : 1.0;
    e.dashed = !r["open"].get<bool>();
    if (flow > 0) e.label = general(flow);
    graph.edges.push_back(e);
  }
  section.figures.push_back(render(graph));
  BarChart shares;
  shares.title = "Hub share: each country's part of the volume moved across its territory";
  shares.value_label = "hub share";
  shares.width = 760;
  shares.max_value = 1.0;
  for (const auto& [country, share] : summary.hub_shares) shares.bars.push_back({country, share, false});
  section.figures.push_back(render(shares));
  Table demands{{"demand", "volume", "delivered", "unmet", "cost per unit", "countries crossed"}, {}};
  for (const auto& d : routed["demands"]) {
    std::string route;
    for (const auto& c : d["countries_crossed"]) route += (route.empty() ? "" : "-") + c.get<std::string>();
    demands.rows.push_back({d["id"].get<std::string>(), general(d["volume"].get<double>()),
                            general(d["delivered"].get<double>()), general(d["unmet"].get<double>()),
                            general(d["cost_per_unit"].get<double>()), route});
  }
  section.tables.push_back(std::move(demands));
  return section;
}

}  // namespace

Report build_report(const std::vector<ReportInput>& inputs, const ReportOptions& options) {
  Report report;
  report.html.title =
      inputs.size() == 1
          ? "statecraft report: " +
                (inputs.front().scenario.name.empty() ? inputs.front().path : inputs.front().scenario.name)
          : "statecraft report: " + std::to_string(inputs.size()) + " scenarios";
  report.html.subtitle =
      "Forecasts, votes, voting power, influence, strategy and corridor flows computed by "
      "statecraft from the scenario files listed below; seed " +
      std::to_string(options.seed) + ".";
  SeenResults seen;
  std::string provenance = "statecraft " + options.version + ", seed " + std::to_string(options.seed) +
                           ", Monte Carlo samples per issue and model " +
                           std::to_string(options.forecast_samples) + ". Scenarios (FNV-1a of the file):";
  for (const ReportInput& input : inputs) {
    const Scenario& s = input.scenario;
    ScenarioSummary summary;
    summary.path = input.path;
    summary.name = s.name;
    const std::string chapter = "'" + (s.name.empty() ? input.path : s.name) + "'";
    Section head;
    head.title = (s.name.empty() ? input.path : s.name) + " — " + input.path;
    report.html.sections.push_back(std::move(head));
    report.html.sections.push_back(overview_section(input));
    for (const auto& issue : s.issues) {
      if (issue.stances.empty()) continue;
      report.html.sections.push_back(forecast_section(input, issue, options, summary));
    }
    std::set<std::string> forums_voting;
    for (const auto& motion : s.motions) {
      Json vote;
      report.html.sections.push_back(vote_section(input, motion, options, summary, vote));
      forums_voting.insert(motion.forum);
    }
    for (const auto& forum : s.forums)
      report.html.sections.push_back(power_section(input, forum, chapter, seen));
    if (!s.actors.empty()) report.html.sections.push_back(influence_section(input, options, chapter, seen));
    if (!s.actions.empty()) {
      for (const auto& motion : s.motions)
        report.html.sections.push_back(strategy_section(input, motion, options));
    }
    if (!s.network.empty()) report.html.sections.push_back(corridor_section(input, chapter, seen, summary));
    provenance += " " + input.path + " (" + fingerprint(input.text) + ")";
    report.summaries.push_back(std::move(summary));
  }
  report.html.footer = provenance + ".";
  return report;
}

std::string summary_text(const std::vector<ScenarioSummary>& summaries) {
  std::string out;
  char line[512];
  for (const auto& s : summaries) {
    out += s.path + (s.name.empty() ? "" : "  (" + s.name + ")") + "\n";
    if (s.motions.empty() && s.issues.empty() && s.hub_shares.empty())
      out += "  (no issues, motions or corridors)\n";
    if (!s.motions.empty()) {
      std::snprintf(line, sizeof line, "  %-34s %-22s %-10s %7s  %s\n", "motion", "forum", "date", "p_pass",
                    "outcome");
      out += line;
      for (const auto& m : s.motions) {
        std::snprintf(line, sizeof line, "  %-34s %-22s %-10s %7.3f  %s\n", m.motion.c_str(), m.forum.c_str(),
                      m.date.empty() ? "-" : m.date.c_str(), m.p_pass,
                      m.outcome.empty() ? "-" : m.outcome.c_str());
        out += line;
      }
    }
    if (!s.issues.empty()) {
      std::snprintf(line, sizeof line, "  %-34s %-22s %10s %17s  %s\n", "issue", "scale", "bdm", "interval",
                    "outcome");
      out += line;
      for (const auto& i : s.issues) {
        const std::string scale = general(i.scale_min) + ".." + general(i.scale_max);
        const std::string interval = i.low ? general(*i.low) + " to " + general(*i.high) : "-";
        std::snprintf(line, sizeof line, "  %-34s %-22s %10.4g %17s  %s\n", i.issue.c_str(), scale.c_str(),
                      i.forecast, interval.c_str(), i.outcome ? general(*i.outcome).c_str() : "-");
        out += line;
      }
    }
    if (!s.hub_shares.empty()) {
      out += "  corridor hub share:";
      for (const auto& [country, share] : s.hub_shares) out += " " + country + " " + fixed(share);
      out += "\n";
    }
    out += "\n";
  }
  return out;
}

}  // namespace statecraft::report
