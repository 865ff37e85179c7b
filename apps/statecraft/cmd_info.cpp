// `statecraft info SCENARIO [--at DATE]`: a readable summary of a world.
#include <fmt/core.h>

#include <map>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "core/error.h"
#include "io/scenario_loader.h"

namespace statecraft::cli {

namespace {

std::string describe(const DecisionRule& rule) {
  std::string out(to_string(rule.kind));
  if (rule.kind == RuleKind::majority) {
    out += fmt::format(" ({} {:.4g} of {}", rule.strictly_more ? ">" : ">=", rule.share, to_string(rule.base));
    if (rule.min_yes) out += fmt::format(", at least {} yes", *rule.min_yes);
    out += ")";
  } else if (rule.kind == RuleKind::weighted) {
    out += rule.quota ? fmt::format(" (quota {:.6g})", *rule.quota) : fmt::format(" (quota {:.4g} of weight)", *rule.quota_share);
  } else if (rule.kind == RuleKind::double_majority) {
    out += fmt::format(" ({:.4g} of members, {:.4g} of population, blocking minority >= {})", rule.state_share,
                       rule.population_share, rule.blocking_minimum);
  }
  if (rule.quorum) out += fmt::format(", quorum {:.4g}", *rule.quorum);
  if (!rule.veto_players.empty()) out += fmt::format(", {} veto players", rule.veto_players.size());
  return out;
}

std::string describe(const AgendaGate& gate, std::size_t members) {
  if (gate.rule) return gate.id + ": " + describe(*gate.rule);
  int needed = gate.min_signatures ? *gate.min_signatures
                                   : static_cast<int>(std::ceil(*gate.signature_share * static_cast<double>(members) - 1e-9));
  return fmt::format("{}: {} signatures of {}", gate.id, needed, members);
}

nlohmann::json summary_json(const Scenario& s) {
  nlohmann::json out;
  out["name"] = s.name;
  out["date"] = s.date ? s.date->to_string() : "";
  std::map<std::string, int> kinds;
  for (const auto& a : s.actors) ++kinds[std::string(to_string(a.kind))];
  out["actors"] = {{"count", s.actors.size()}, {"by_kind", kinds}};
  out["relations"] = s.relations.size();
  out["forums"] = nlohmann::json::array();
  for (const auto& f : s.forums) {
    nlohmann::json forum = {{"id", f.id}, {"name", f.name}, {"members", f.members.size()}, {"rule", describe(f.rule)}};
    forum["gates"] = nlohmann::json::array();
    for (const auto& g : f.gates) forum["gates"].push_back(describe(g, f.members.size()));
    out["forums"].push_back(forum);
  }
  out["issues"] = nlohmann::json::array();
  for (const auto& i : s.issues) out["issues"].push_back({{"id", i.id}, {"name", i.name}, {"stances", i.stances.size()}});
  out["motions"] = nlohmann::json::array();
  for (const auto& m : s.motions) {
    out["motions"].push_back({{"id", m.id}, {"forum", m.forum}, {"outcome", m.outcome ? std::string(to_string(*m.outcome)) : ""}});
  }
  out["network"] = {{"nodes", s.network.nodes.size()}, {"edges", s.network.edges.size()},
                    {"demands", s.network.demands.size()}, {"threats", s.network.threats.size()}};
  out["games"] = s.games.size();
  out["events_pending"] = s.events.size();
  return out;
}

void print_table(const Scenario& s) {
  fmt::print("{}{}\n", s.name, s.date ? " (as of " + s.date->to_string() + ")" : "");
  if (!s.description.empty()) fmt::print("  {}\n", s.description);
  std::map<std::string, int> kinds;
  for (const auto& a : s.actors) ++kinds[std::string(to_string(a.kind))];
  std::string by_kind;
  for (const auto& [k, n] : kinds) by_kind += fmt::format("{}{} {}", by_kind.empty() ? "" : ", ", n, k);
  fmt::print("\nActors     {} ({})\n", s.actors.size(), by_kind);
  fmt::print("Relations  {}\n", s.relations.size());
  if (!s.forums.empty()) {
    fmt::print("\nForums\n  {:<18} {:>7}  {}\n", "id", "members", "rule");
    for (const auto& f : s.forums) {
      fmt::print("  {:<18} {:>7}  {}\n", f.id, f.members.size(), describe(f.rule));
      for (const auto& g : f.gates) fmt::print("  {:<18} {:>7}  gate {}\n", "", "", describe(g, f.members.size()));
    }
  }
  if (!s.issues.empty()) {
    fmt::print("\nIssues\n  {:<28} {:>7}  {}\n", "id", "stances", "name");
    for (const auto& i : s.issues) fmt::print("  {:<28} {:>7}  {}\n", i.id, i.stances.size(), i.name);
  }
  if (!s.motions.empty()) {
    fmt::print("\nMotions\n  {:<28} {:<18} {}\n", "id", "forum", "real outcome");
    for (const auto& m : s.motions) {
      fmt::print("  {:<28} {:<18} {}\n", m.id, m.forum, m.outcome ? std::string(to_string(*m.outcome)) : "-");
    }
  }
  if (!s.network.empty()) {
    fmt::print("\nNetwork    {} nodes, {} edges, {} demands, {} threats\n", s.network.nodes.size(),
               s.network.edges.size(), s.network.demands.size(), s.network.threats.size());
  }
  if (!s.games.empty()) fmt::print("Games      {}\n", s.games.size());
  fmt::print("Events     {} pending\n", s.events.size());
}

void print_parameters() {
  fmt::print("{:<32} {:>10} {:>10} {:>10}  {}\n", "parameter", "default", "min", "max", "meaning");
  for (const auto& p : parameter_specs()) {
    fmt::print("{:<32} {:>10.4g} {:>10.4g} {:>10.4g}  {}\n", p.name, p.default_value, p.min, p.max, p.meaning);
  }
}

}  // namespace

void register_info(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand("info", "Summarise a scenario: actors, relations, forums and rules, issues");
  struct Options {
    std::string file;
    std::string at;
    std::string format = "table";
    bool parameters = false;
  };
  auto options = std::make_shared<Options>();
  command->add_option("SCENARIO", options->file, "Scenario YAML file")->check(CLI::ExistingFile);
  command->add_option("--at", options->at, "Evaluate the world on this date (YYYY-MM-DD)");
  command->add_option("--format", options->format, "Output format")->check(CLI::IsMember({"table", "json"}));
  command->add_flag("--parameters", options->parameters, "List the model parameters a scenario may set");
  command->callback([options, &context] {
    if (options->parameters) {
      print_parameters();
      return;
    }
    if (options->file.empty()) throw CLI::RequiredError("SCENARIO");
    Scenario scenario = io::load_scenario(options->file);
    if (!options->at.empty()) {
      auto date = parse_date(options->at);
      if (!date) throw CLI::ValidationError("--at", "expected a date YYYY-MM-DD, found '" + options->at + "'");
      scenario = world_at(scenario, *date);
    }
    if (options->format == "json") {
      fmt::print("{}\n", summary_json(scenario).dump(2));
    } else {
      print_table(scenario);
    }
    context.exit_code = 0;
  });
}

}  // namespace statecraft::cli
