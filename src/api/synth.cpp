// The synthetic world as scenario YAML. Only what sim::synthetic_world fills is written;
// every figure is marked `assumed` (there is no source: it is synthetic).
#include <fmt/format.h>

#include "api/sweep.h"

namespace statecraft::api {

namespace {

std::string num(double value) {
  return fmt::format("{}", value);
}

std::string list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
  return out + "]";
}

std::string rule_yaml(const DecisionRule& rule) {
  std::string out = "{kind: " + std::string(to_string(rule.kind));
  if (rule.kind == RuleKind::majority) {
    out += ", share: " + num(rule.share) + ", strictly_more: " + (rule.strictly_more ? "true" : "false");
    if (rule.min_yes) out += ", min_yes: " + std::to_string(*rule.min_yes);
  }
  if (!rule.veto_players.empty()) out += ", veto_players: " + list(rule.veto_players);
  if (rule.kind == RuleKind::weighted) {
    out += ", quota_share: " + num(rule.quota_share.value_or(0.5)) + ",\n        weights: {";
    bool first = true;
    for (const auto& [member, weight] : rule.weights) {
      out += (first ? "" : ", ") + member + ": " + num(weight);
      first = false;
    }
    out += "}";
  }
  return out + "}";
}

}  // namespace

std::string synth_yaml(const sim::SynthSpec& spec) {
  const Scenario world = sim::synthetic_world(spec);
  std::string out;
  auto line = [&out](const std::string& text) { out += text + "\n"; };
  line("# " + world.name);
  line(fmt::format("# statecraft synth --states {} --issues {} --forums {} --seed {}", spec.states,
                   spec.issues, spec.forums, spec.seed));
  line("# Calibration and structure: src/sim/synth.h. Every figure is synthetic (assumed).");
  line("name: \"" + world.name + "\"");
  line("description: \"" + world.description + "\"");
  if (world.date) line("date: " + world.date->to_string());
  line("actors:");
  for (const Actor& a : world.actors) {
    std::string caps;
    for (const auto& [name, figure] : a.capabilities)
      caps += (caps.empty() ? "" : ", ") + name + ": " + num(figure.value);
    line("  - {id: " + a.id + ", name: \"" + a.name +
         "\", attributes: {region: " + a.attributes.at("region") + "},\n     capabilities: {" + caps + "}}");
  }
  line("relations:");
  for (const Relation& r : world.relations) {
    std::string dims;
    for (const auto& [name, figure] : r.dimensions) dims += ", " + name + ": " + num(figure.value);
    line("  - {from: " + r.from + ", to: " + r.to + dims + "}");
  }
  if (!world.issues.empty()) line("issues:");
  for (const Issue& issue : world.issues) {
    line("  - id: " + issue.id);
    line("    name: \"" + issue.name + "\"");
    line("    scale: [0, 100]");
    if (issue.status_quo) line("    status_quo: " + num(issue.status_quo->value));
    line("    uncertainty: {position_sd: 5, salience_sd: 0.05}");
    line("    stances:");
    for (const Stance& s : issue.stances)
      line("      - {actor: " + s.actor + ", position: " + num(s.position.value) +
           ", salience: " + num(s.salience.value) + "}");
  }
  if (!world.forums.empty()) line("forums:");
  for (const Forum& forum : world.forums) {
    line("  - id: " + forum.id);
    line("    name: \"" + forum.name + "\"");
    line("    members: " + list(forum.members));
    line("    rule: " + rule_yaml(forum.rule));
    if (!forum.blocs.empty()) {
      line("    blocs:");
      for (const Bloc& bloc : forum.blocs)
        line("      - {id: " + bloc.id + ", discipline: " + num(bloc.discipline) +
             ", members: " + list(bloc.members) + "}");
    }
  }
  if (!world.motions.empty()) line("motions:");
  for (const Motion& m : world.motions) {
    line("  - {id: " + m.id + ", forum: " + m.forum + ", issue: " + m.issue +
         ", position: " + num(*m.position) + ", sponsors: " + list(m.sponsors) + "}");
  }
  return out;
}

}  // namespace statecraft::api
