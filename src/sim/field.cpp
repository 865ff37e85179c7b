#include "sim/field.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/error.h"

namespace statecraft::sim {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// Splits "a.b.c" at dots; parameter names keep their own dots (handled by the caller).
std::vector<std::string> split(std::string_view path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t dot = std::min(path.find('.', start), path.size());
    parts.emplace_back(path.substr(start, dot - start));
    start = dot + 1;
  }
  return parts;
}

template <class T, class Key>
std::optional<std::size_t> index_of(const std::vector<T>& items, Key key) {
  for (std::size_t i = 0; i < items.size(); ++i)
    if (key(items[i])) return i;
  return std::nullopt;
}

Resolution fail(std::string message) {
  return Resolution{std::nullopt, std::move(message)};
}

Resolution ok(FieldRef ref) {
  return Resolution{std::move(ref), {}};
}

std::string expected(std::string_view what, std::string_view found) {
  return "expected " + std::string(what) + " after '" + std::string(found) + "'";
}

Resolution resolve_network(const Network& network, const std::vector<std::string>& parts, FieldRef ref) {
  ref.engines = kCorridor;
  if (parts.size() != 4) return fail("expected network.edges|demands|threats.ID.FIELD");
  const std::string& id = parts[2];
  const std::string& what = parts[3];
  if (parts[1] == "edges") {
    auto i = index_of(network.edges, [&](const Edge& e) { return e.id == id; });
    if (!i) return fail("no corridor edge '" + id + "'");
    ref.index = *i;
    ref.min = 0.0;
    ref.max = kInfinity;
    if (what == "capacity")
      ref.kind = FieldKind::edge_capacity;
    else if (what == "cost_per_unit")
      ref.kind = FieldKind::edge_cost;
    else if (what == "length_km")
      ref.kind = FieldKind::edge_length;
    else
      return fail("an edge has no field '" + what + "' (capacity, cost_per_unit, length_km)");
    return ok(std::move(ref));
  }
  if (parts[1] == "demands") {
    auto i = index_of(network.demands, [&](const Demand& d) { return d.id == id; });
    if (!i) return fail("no corridor demand '" + id + "'");
    ref.index = *i;
    ref.min = 0.0;
    ref.max = kInfinity;
    if (what == "volume")
      ref.kind = FieldKind::demand_volume;
    else if (what == "value_usd_per_unit")
      ref.kind = FieldKind::demand_value;
    else
      return fail("a demand has no field '" + what + "' (volume, value_usd_per_unit)");
    return ok(std::move(ref));
  }
  if (parts[1] == "threats") {
    if (!index_of(network.threats, [&](const SecurityThreat& t) { return t.group == id; }))
      return fail("no corridor threat by group '" + id + "'");
    if (what != "activity") return fail("a threat has no field '" + what + "' (activity)");
    ref.kind = FieldKind::threat_activity;
    ref.key = id;
    ref.min = 0.0;
    ref.max = 1.0;
    return ok(std::move(ref));
  }
  return fail("network has no list '" + parts[1] + "' (edges, demands, threats)");
}

Resolution resolve_forum(const Scenario& scenario, const std::vector<std::string>& parts, FieldRef ref) {
  if (parts.size() < 4) return fail("expected forums.ID.blocs.BLOC.discipline or forums.ID.rule.FIELD");
  auto f = index_of(scenario.forums, [&](const Forum& forum) { return forum.id == parts[1]; });
  if (!f) return fail("no forum '" + parts[1] + "'");
  const Forum& forum = scenario.forums[*f];
  ref.index = *f;
  if (parts[2] == "blocs") {
    if (parts.size() != 5 || parts[4] != "discipline")
      return fail("expected forums.ID.blocs.BLOC.discipline");
    auto b = index_of(forum.blocs, [&](const Bloc& bloc) { return bloc.id == parts[3]; });
    if (!b) return fail("forum " + forum.id + " has no bloc '" + parts[3] + "'");
    ref.kind = FieldKind::bloc_discipline;
    ref.sub = *b;
    ref.min = 0.0;
    ref.max = 1.0;
    ref.engines = kVote;
    return ok(std::move(ref));
  }
  if (parts[2] != "rule") return fail("a forum has no field '" + parts[2] + "' (blocs, rule)");
  ref.engines = kVote | kPower;
  if (parts.size() == 4) {
    ref.min = 0.0;
    if (parts[3] == "share") {
      ref.kind = FieldKind::rule_share;
      ref.max = 1.0;
    } else if (parts[3] == "quota") {
      if (!forum.rule.quota) return fail("forum " + forum.id + "'s rule has no quota");
      ref.kind = FieldKind::rule_quota;
      ref.max = kInfinity;
    } else if (parts[3] == "quota_share") {
      if (!forum.rule.quota_share) return fail("forum " + forum.id + "'s rule has no quota_share");
      ref.kind = FieldKind::rule_quota_share;
      ref.max = 1.0;
    } else {
      return fail("a rule has no number '" + parts[3] +
                  "' (share, quota, quota_share, weights.M, population.M)");
    }
    return ok(std::move(ref));
  }
  if (parts.size() != 5 || (parts[3] != "weights" && parts[3] != "population"))
    return fail("expected forums.ID.rule.weights.MEMBER or forums.ID.rule.population.MEMBER");
  const auto& table = parts[3] == "weights" ? forum.rule.weights : forum.rule.population;
  if (!table.contains(parts[4]))
    return fail("forum " + forum.id + "'s rule has no " + parts[3] + " for '" + parts[4] + "'");
  ref.kind = parts[3] == "weights" ? FieldKind::rule_weight : FieldKind::rule_population;
  ref.key = parts[4];
  ref.min = 0.0;
  ref.max = kInfinity;
  return ok(std::move(ref));
}

Resolution resolve_issue(const Scenario& scenario, const std::vector<std::string>& parts, FieldRef ref) {
  if (parts.size() < 3) return fail(expected("stances.ACTOR.FIELD or status_quo", "issues.ID"));
  auto i = index_of(scenario.issues, [&](const Issue& issue) { return issue.id == parts[1]; });
  if (!i) return fail("no issue '" + parts[1] + "'");
  const Issue& issue = scenario.issues[*i];
  ref.index = *i;
  ref.engines = kForecast | kVote;
  if (parts[2] == "status_quo" && parts.size() == 3) {
    ref.kind = FieldKind::status_quo;
    ref.min = issue.scale_min;
    ref.max = issue.scale_max;
    return ok(std::move(ref));
  }
  if (parts[2] != "stances" || parts.size() != 5)
    return fail("expected issues.ID.stances.ACTOR.position|salience|capability or issues.ID.status_quo");
  auto s = index_of(issue.stances, [&](const Stance& stance) { return stance.actor == parts[3]; });
  if (!s) return fail("issue " + issue.id + " has no stance of '" + parts[3] + "'");
  ref.sub = *s;
  if (parts[4] == "position") {
    ref.kind = FieldKind::stance_position;
    ref.min = issue.scale_min;
    ref.max = issue.scale_max;
  } else if (parts[4] == "salience") {
    ref.kind = FieldKind::stance_salience;
    ref.min = 0.0;
    ref.max = 1.0;
  } else if (parts[4] == "capability") {
    ref.kind = FieldKind::stance_capability;
    ref.min = 0.0;
    ref.max = kInfinity;
  } else {
    return fail("a stance has no field '" + parts[4] + "' (position, salience, capability)");
  }
  return ok(std::move(ref));
}

double& number(Scenario& s, const FieldRef& f) {
  switch (f.kind) {
    case FieldKind::actor_capability: return s.actors[f.index].capabilities[f.key].value;
    case FieldKind::stance_position: return s.issues[f.index].stances[f.sub].position.value;
    case FieldKind::stance_salience: return s.issues[f.index].stances[f.sub].salience.value;
    case FieldKind::stance_capability: return s.issues[f.index].stances[f.sub].capability.value;
    case FieldKind::status_quo: {
      auto& sq = s.issues[f.index].status_quo;
      if (!sq) sq = Figure{};
      return sq->value;
    }
    case FieldKind::relation: return s.relations[f.index].dimensions[f.key].value;
    case FieldKind::bloc_discipline: return s.forums[f.index].blocs[f.sub].discipline;
    case FieldKind::rule_weight: return s.forums[f.index].rule.weights[f.key];
    case FieldKind::rule_population: return s.forums[f.index].rule.population[f.key];
    case FieldKind::rule_share: return s.forums[f.index].rule.share;
    case FieldKind::rule_quota: return *s.forums[f.index].rule.quota;
    case FieldKind::rule_quota_share: return *s.forums[f.index].rule.quota_share;
    case FieldKind::edge_capacity: return s.network.edges[f.index].capacity.value;
    case FieldKind::edge_cost: return s.network.edges[f.index].cost_per_unit.value;
    case FieldKind::edge_length: return s.network.edges[f.index].length_km.value;
    case FieldKind::demand_volume: return s.network.demands[f.index].volume.value;
    case FieldKind::demand_value: return s.network.demands[f.index].value_usd_per_unit.value;
    case FieldKind::parameter:
    case FieldKind::threat_activity: break;
  }
  throw PreconditionError("field " + f.path + " is not a single number");
}

}  // namespace

Resolution resolve_field(const Scenario& scenario, std::string_view path) {
  FieldRef ref;
  ref.path = std::string(path);
  const std::string prefix = "parameters.";
  if (path.starts_with(prefix)) {
    const std::string name(path.substr(prefix.size()));
    const ParameterSpec* spec = find_parameter(name);
    if (spec == nullptr)
      return fail("unknown model parameter '" + name + "' (statecraft info --parameters lists them)");
    ref.kind = FieldKind::parameter;
    ref.key = name;
    ref.min = spec->min;
    ref.max = spec->max;
    if (name.starts_with("bdm.") || name.starts_with("smp."))
      ref.engines = kForecast;
    else if (name.starts_with("vote."))
      ref.engines = kVote;
    else if (name.starts_with("corridor."))
      ref.engines = kCorridor;
    else
      ref.engines = kForecast | kVote | kCorridor;
    return ok(std::move(ref));
  }
  const std::vector<std::string> parts = split(path);
  const std::string& head = parts[0];
  if (head == "actors") {
    if (parts.size() != 4 || parts[2] != "capabilities") return fail("expected actors.ID.capabilities.NAME");
    auto a = index_of(scenario.actors, [&](const Actor& actor) { return actor.id == parts[1]; });
    if (!a) return fail("no actor '" + parts[1] + "'");
    const Actor& actor = scenario.actors[*a];
    auto capability = actor.capabilities.find(parts[3]);
    if (capability == actor.capabilities.end())
      return fail("actor " + actor.id + " has no capability '" + parts[3] + "'");
    ref.kind = FieldKind::actor_capability;
    ref.index = *a;
    ref.key = parts[3];
    ref.min = 0.0;
    ref.max = kInfinity;
    ref.engines = kForecast | kVote;
    // The loader copied the actor's figure into stances that gave none; a stance with
    // the same number on an issue reading this capability is one of those.
    for (std::size_t i = 0; i < scenario.issues.size(); ++i) {
      const Issue& issue = scenario.issues[i];
      if (issue.capability_from != parts[3]) continue;
      for (std::size_t s = 0; s < issue.stances.size(); ++s) {
        if (issue.stances[s].actor == actor.id &&
            issue.stances[s].capability.value == capability->second.value)
          ref.followers.emplace_back(i, s);
      }
    }
    return ok(std::move(ref));
  }
  if (head == "issues") return resolve_issue(scenario, parts, std::move(ref));
  if (head == "relations") {
    if (parts.size() != 4) return fail("expected relations.FROM.TO.DIMENSION");
    auto r = index_of(scenario.relations,
                      [&](const Relation& rel) { return rel.from == parts[1] && rel.to == parts[2]; });
    if (!r) return fail("no relation from '" + parts[1] + "' to '" + parts[2] + "'");
    const RelationDimension* dimension = find_relation_dimension(parts[3]);
    if (dimension == nullptr) return fail("unknown relation dimension '" + parts[3] + "'");
    ref.kind = FieldKind::relation;
    ref.index = *r;
    ref.key = parts[3];
    ref.min = dimension->min;
    ref.max = dimension->max;
    ref.engines = kVote;
    return ok(std::move(ref));
  }
  if (head == "forums") return resolve_forum(scenario, parts, std::move(ref));
  if (head == "network") return resolve_network(scenario.network, parts, std::move(ref));
  return fail("unknown field '" + head + "' (parameters, actors, issues, relations, forums, network)");
}

void apply_field(Scenario& scenario, const FieldRef& field, double value) {
  value = std::clamp(value, field.min, field.max);
  if (field.kind == FieldKind::parameter) {
    scenario.parameters.set(field.key, value);
    return;
  }
  if (field.kind == FieldKind::threat_activity) {
    for (auto& threat : scenario.network.threats)
      if (threat.group == field.key) threat.activity.value = value;
    return;
  }
  number(scenario, field) = value;
  for (const auto& [issue, stance] : field.followers)
    scenario.issues[issue].stances[stance].capability.value = value;
}

double field_value(const Scenario& scenario, const FieldRef& field) {
  if (field.kind == FieldKind::parameter) return scenario.parameters.get(field.key);
  if (field.kind == FieldKind::threat_activity) {
    for (const auto& threat : scenario.network.threats)
      if (threat.group == field.key) return threat.activity.value;
    return 0.0;
  }
  if (field.kind == FieldKind::relation) return scenario.relations[field.index].value_or(field.key, 0.0);
  if (field.kind == FieldKind::status_quo) {
    const auto& sq = scenario.issues[field.index].status_quo;
    return sq ? sq->value : 0.0;
  }
  // Every other kind names an element that exists (checked when resolving), so number()
  // inserts nothing: it only reads here.
  return number(const_cast<Scenario&>(scenario), field);
}

}  // namespace statecraft::sim
