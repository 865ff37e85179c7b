#include "io/scenario_loader.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <set>

#include "games/expression.h"
#include "io/node_reader.h"
#include "io/raw_node.h"

namespace statecraft::io {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// ---------------------------------------------------------------------------
// Reading files and following `extends:`.

RawNode load_chain(const std::filesystem::path& path, const SourceLocation& requested_from,
                   std::vector<std::filesystem::path>& stack);

RawNode resolve_extends(RawNode document, const std::filesystem::path& base_dir,
                        std::vector<std::filesystem::path>& stack) {
  RawNode merged;
  merged.kind = RawNode::Kind::map;
  merged.location = document.location;
  if (!document.is_map()) {
    throw InputError(document.location, "expected a map of top-level keys, found a " +
                                            std::string(kind_name(document.kind)));
  }
  if (const RawNode* extends = document.find("extends")) {
    std::string relative = as_string(*extends, "extends");
    std::filesystem::path base_path = base_dir / relative;
    merged = load_chain(base_path, extends->location, stack);
    document.erase("extends");
  }
  merge_into(merged, document);
  return merged;
}

RawNode load_chain(const std::filesystem::path& path, const SourceLocation& requested_from,
                   std::vector<std::filesystem::path>& stack) {
  std::error_code ec;
  std::filesystem::path canonical = std::filesystem::weakly_canonical(path, ec);
  if (ec) canonical = path;
  if (std::find(stack.begin(), stack.end(), canonical) != stack.end()) {
    std::string cycle;
    for (const auto& p : stack) cycle += p.filename().string() + " -> ";
    cycle += canonical.filename().string();
    throw InputError(requested_from, "extends cycle: " + cycle);
  }
  RawNode document = parse_yaml_file(path, requested_from);
  stack.push_back(canonical);
  RawNode merged = resolve_extends(std::move(document), path.parent_path(), stack);
  stack.pop_back();
  return merged;
}

// ---------------------------------------------------------------------------
// Converting the merged tree into the core model.

std::string with_suggestion(std::string message, const std::string& word, const std::vector<std::string>& known) {
  std::vector<std::string_view> views(known.begin(), known.end());
  std::string suggestion = closest_match(word, views);
  if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
  return message;
}

class Builder {
 public:
  Scenario build(const RawNode& root) {
    MapReader top(root, "scenario",
                  {"name", "description", "date", "extends", "actors", "relations", "issues", "forums",
                   "motions", "network", "games", "events", "parameters", "source", "note",
                   "narratives", "actions", "horizon"});
    scenario_.name = top.string("name");
    if (scenario_.name.empty()) throw InputError(root.location, "scenario is missing required key 'name'");
    scenario_.description = top.string("description");
    if (const RawNode* date = top.optional("date")) scenario_.date = as_date(*date, "date");

    if (const RawNode* n = top.optional("actors")) read_actors(*n);
    if (const RawNode* n = top.optional("relations")) read_relations(*n);
    if (const RawNode* n = top.optional("issues")) read_issues(*n);
    if (const RawNode* n = top.optional("forums")) read_forums(*n);
    if (const RawNode* n = top.optional("motions")) read_motions(*n);
    if (const RawNode* n = top.optional("network")) read_network(*n);
    if (const RawNode* n = top.optional("games")) read_games(*n);
    if (const RawNode* n = top.optional("events")) read_events(*n);
    if (const RawNode* n = top.optional("narratives")) read_narratives(*n);
    if (const RawNode* n = top.optional("actions")) read_actions(*n);
    if (const RawNode* n = top.optional("horizon")) read_horizon(*n);
    if (const RawNode* n = top.optional("parameters")) read_parameters(*n);
    return std::move(scenario_);
  }

 private:
  // --- ids ---------------------------------------------------------------

  static const std::vector<RawNode>& list(const RawNode& node, std::string_view what) {
    if (!node.is_sequence()) {
      throw InputError(node.location, "expected a list for " + std::string(what) + ", found a " +
                                          std::string(kind_name(node.kind)));
    }
    return node.items;
  }

  static std::string read_id(const MapReader& map) {
    const RawNode& node = map.required("id");
    std::string id = as_string(node, "id");
    bool ok = !id.empty() && std::isalpha(static_cast<unsigned char>(id[0])) != 0;
    for (char c : id) {
      ok = ok && (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-');
    }
    if (!ok) {
      throw InputError(node.location, "invalid id '" + id +
                                          "': use a letter followed by letters, digits, '_' or '-'");
    }
    return id;
  }

  static void claim(std::vector<std::string>& ids, const std::string& id, const RawNode& node,
                    std::string_view what) {
    if (std::find(ids.begin(), ids.end(), id) != ids.end()) {
      throw InputError(node.location, "duplicate " + std::string(what) + " id '" + id + "'");
    }
    ids.push_back(id);
  }

  static void require_known(const std::vector<std::string>& ids, const std::string& id, const RawNode& node,
                            std::string_view what) {
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
      throw InputError(node.location, with_suggestion("unknown " + std::string(what) + " '" + id + "'", id, ids));
    }
  }

  // A located list of known actor ids, each at most once.
  std::vector<std::string> actor_list(const MapReader& map, std::string_view key,
                                      const std::vector<std::string>* within = nullptr,
                                      std::string_view within_what = {}) const {
    const RawNode* node = map.optional(key);
    if (node == nullptr) return {};
    std::vector<std::string> out;
    for (const auto& item : list(*node, key)) {
      std::string id = as_string(item, key);
      require_known(actor_ids_, id, item, "actor");
      if (within != nullptr && std::find(within->begin(), within->end(), id) == within->end()) {
        throw InputError(item.location, "'" + id + "' in " + std::string(key) + " is not a member of " +
                                            std::string(within_what));
      }
      if (std::find(out.begin(), out.end(), id) != out.end()) {
        throw InputError(item.location, "'" + id + "' appears twice in " + std::string(key));
      }
      out.push_back(id);
    }
    return out;
  }

  // --- actors --------------------------------------------------------------

  void read_actors(const RawNode& node) {
    for (const auto& item : list(node, "actors")) {
      MapReader map(item, "actor", {"id", "name", "kind", "capabilities", "attributes", "source", "note"});
      Actor actor;
      actor.id = read_id(map);
      claim(actor_ids_, actor.id, map.required("id"), "actor");
      actor.name = map.string("name", actor.id);
      if (const RawNode* kind = map.optional("kind")) {
        std::string text = as_string(*kind, "kind");
        auto parsed = parse_actor_kind(text);
        if (!parsed) {
          throw InputError(kind->location, "unknown actor kind '" + text +
                                               "'; expected state, armed_group, organisation or bloc");
        }
        actor.kind = *parsed;
      }
      std::string source = map.string("source");
      if (const RawNode* caps = map.optional("capabilities")) {
        if (!caps->is_map()) throw InputError(caps->location, "expected a map for capabilities");
        for (const auto& [key, value] : caps->entries) {
          Figure f = as_figure(value, key.scalar, source);
          check_range(f.value, 0.0, kInf, value, "capability " + key.scalar);
          actor.capabilities[key.scalar] = f;
        }
      }
      if (const RawNode* attrs = map.optional("attributes")) {
        if (!attrs->is_map()) throw InputError(attrs->location, "expected a map for attributes");
        for (const auto& [key, value] : attrs->entries) actor.attributes[key.scalar] = as_string(value, key.scalar);
      }
      scenario_.actors.push_back(std::move(actor));
    }
  }

  // --- relations -------------------------------------------------------------

  void read_relations(const RawNode& node) {
    std::vector<std::string_view> allowed = {"from", "to", "both_ways", "source", "note"};
    for (const auto& d : relation_dimensions()) allowed.push_back(d.name);
    std::set<std::pair<std::string, std::string>> seen;
    for (const auto& item : list(node, "relations")) {
      MapReader map(item, "relation", allowed);
      Relation relation;
      relation.from = map.required_string("from");
      relation.to = map.required_string("to");
      require_known(actor_ids_, relation.from, map.required("from"), "actor");
      require_known(actor_ids_, relation.to, map.required("to"), "actor");
      if (relation.from == relation.to) {
        throw InputError(map.required("to").location, "a relation must link two different actors");
      }
      std::string source = map.string("source");
      for (const auto& [key, value] : item.entries) {
        const RelationDimension* dimension = find_relation_dimension(key.scalar);
        if (dimension == nullptr) continue;
        Figure f = as_figure(value, key.scalar, source);
        check_range(f.value, dimension->min, dimension->max, value, key.scalar);
        relation.dimensions[key.scalar] = f;
      }
      if (relation.dimensions.empty()) {
        throw InputError(item.location, "relation " + relation.from + " -> " + relation.to +
                                            " has no dimension (e.g. exports_usd_m, alignment)");
      }
      bool both_ways = map.boolean("both_ways").value_or(false);
      add_relation(std::move(relation), item, both_ways, seen);
    }
  }

  void add_relation(Relation relation, const RawNode& item, bool both_ways,
                    std::set<std::pair<std::string, std::string>>& seen) {
    if (both_ways) {
      Relation reverse{relation.to, relation.from, relation.dimensions};
      add_relation(std::move(reverse), item, false, seen);
    }
    if (!seen.insert({relation.from, relation.to}).second) {
      throw InputError(item.location, "duplicate relation " + relation.from + " -> " + relation.to);
    }
    scenario_.relations.push_back(std::move(relation));
  }

  // --- issues ---------------------------------------------------------------

  void read_issues(const RawNode& node) {
    for (const auto& item : list(node, "issues")) {
      MapReader map(item, "issue",
                    {"id", "name", "description", "scale", "capability_from", "status_quo", "outcome",
                     "uncertainty", "stances", "source", "note"});
      Issue issue;
      issue.id = read_id(map);
      claim(issue_ids_, issue.id, map.required("id"), "issue");
      issue.name = map.string("name", issue.id);
      issue.description = map.string("description");
      std::string source = map.string("source");
      if (const RawNode* scale = map.optional("scale")) {
        if (!scale->is_sequence() || scale->items.size() != 2) {
          throw InputError(scale->location, "scale must be a list of two numbers [min, max]");
        }
        issue.scale_min = as_number(scale->items[0], "scale");
        issue.scale_max = as_number(scale->items[1], "scale");
        if (!(issue.scale_min < issue.scale_max)) {
          throw InputError(scale->location, "scale minimum must be below its maximum");
        }
      }
      issue.capability_from = map.string("capability_from", "overall");
      auto on_scale = [&](std::string_view key) -> std::optional<Figure> {
        auto f = map.figure(key, source);
        if (f) check_range(f->value, issue.scale_min, issue.scale_max, *map.optional(key), key);
        return f;
      };
      issue.status_quo = on_scale("status_quo");
      issue.outcome = on_scale("outcome");
      double default_position_sd = 0.0;
      double default_salience_sd = 0.0;
      double default_capability_sd = 0.0;
      if (const RawNode* u = map.optional("uncertainty")) {
        MapReader uncertainty(*u, "uncertainty", {"position_sd", "salience_sd", "capability_sd"});
        default_position_sd = non_negative(uncertainty, "position_sd").value_or(0.0);
        default_salience_sd = non_negative(uncertainty, "salience_sd").value_or(0.0);
        default_capability_sd = non_negative(uncertainty, "capability_sd").value_or(0.0);
      }
      const RawNode& stances = map.required("stances");
      for (const auto& stance_node : list(stances, "stances")) {
        MapReader s(stance_node, "stance",
                    {"actor", "position", "salience", "capability", "position_sd", "salience_sd",
                     "capability_sd", "source", "note"});
        Stance stance;
        stance.actor = s.required_string("actor");
        require_known(actor_ids_, stance.actor, s.required("actor"), "actor");
        if (issue.find_stance(stance.actor) != nullptr) {
          throw InputError(s.required("actor").location,
                           "actor '" + stance.actor + "' has two stances on issue '" + issue.id + "'");
        }
        std::string stance_source = s.string("source", source);
        stance.position = as_figure(s.required("position"), "position", stance_source);
        check_range(stance.position.value, issue.scale_min, issue.scale_max, s.required("position"), "position");
        stance.salience = as_figure(s.required("salience"), "salience", stance_source);
        check_range(stance.salience.value, 0.0, 1.0, s.required("salience"), "salience");
        if (auto capability = s.figure("capability", stance_source)) {
          check_range(capability->value, 0.0, kInf, *s.optional("capability"), "capability");
          stance.capability = *capability;
        } else {
          const Actor& actor = *scenario_.find_actor(stance.actor);
          auto it = actor.capabilities.find(issue.capability_from);
          if (it == actor.capabilities.end()) {
            throw InputError(stance_node.location, "stance of '" + stance.actor +
                                                       "' has no capability and actor has no capability '" +
                                                       issue.capability_from + "'");
          }
          stance.capability = it->second;
        }
        stance.position_sd = non_negative(s, "position_sd").value_or(default_position_sd);
        stance.salience_sd = non_negative(s, "salience_sd").value_or(default_salience_sd);
        stance.capability_sd = non_negative(s, "capability_sd").value_or(default_capability_sd);
        issue.stances.push_back(std::move(stance));
      }
      scenario_.issues.push_back(std::move(issue));
    }
  }

  static std::optional<double> non_negative(const MapReader& map, std::string_view key) {
    auto value = map.number(key);
    if (value) check_range(*value, 0.0, kInf, *map.optional(key), key);
    return value;
  }

  // --- forums ---------------------------------------------------------------

  DecisionRule read_rule(const RawNode& node, const std::vector<std::string>& members,
                         const std::string& forum_id) const {
    MapReader map(node, "decision rule",
                  {"kind", "base", "share", "strictly_more", "min_yes", "quorum", "veto_players", "weights",
                   "quota", "quota_share", "state_share", "population_share", "blocking_minimum",
                   "population", "population_from", "source", "note"});
    DecisionRule rule;
    const RawNode& kind_node = map.required("kind");
    std::string kind = as_string(kind_node, "kind");
    auto parsed = parse_rule_kind(kind);
    if (!parsed) {
      throw InputError(kind_node.location,
                       with_suggestion("unknown rule kind '" + kind + "'", kind,
                                       {"consensus", "unanimity", "majority", "weighted", "double_majority"}));
    }
    rule.kind = *parsed;
    if (const RawNode* base = map.optional("base")) {
      std::string text = as_string(*base, "base");
      auto b = parse_majority_base(text);
      if (!b) {
        throw InputError(base->location, "unknown majority base '" + text +
                                             "'; expected members or present_and_voting");
      }
      rule.base = *b;
    }
    auto share_in = [&](std::string_view key, double min_exclusive) -> std::optional<double> {
      auto value = map.number(key);
      if (value && !(*value > min_exclusive && *value <= 1.0)) {
        throw InputError(map.optional(key)->location, std::string(key) + " " + format_number(*value) +
                                                          " is outside (0, 1]");
      }
      return value;
    };
    if (auto v = share_in("share", 0.0)) rule.share = *v;
    rule.strictly_more = map.boolean("strictly_more").value_or(rule.strictly_more);
    if (auto v = map.number("min_yes")) {
      const RawNode& n = *map.optional("min_yes");
      if (*v != std::floor(*v)) throw InputError(n.location, "min_yes must be a whole number");
      check_range(*v, 1.0, static_cast<double>(members.size()), n, "min_yes");
      rule.min_yes = static_cast<int>(*v);
    }
    rule.quorum = share_in("quorum", 0.0);
    std::string within = "forum '" + forum_id + "'";
    rule.veto_players = actor_list(map, "veto_players", &members, within);
    auto member_map = [&](std::string_view key) {
      std::map<std::string, double> out;
      const RawNode* n = map.optional(key);
      if (n == nullptr) return out;
      if (!n->is_map()) throw InputError(n->location, "expected a map member -> number for " + std::string(key));
      for (const auto& [k, v] : n->entries) {
        require_known(members, k.scalar, k, within + " member");
        double value = as_number(v, key);
        check_range(value, 0.0, kInf, v, std::string(key) + " of " + k.scalar);
        out[k.scalar] = value;
      }
      return out;
    };
    rule.weights = member_map("weights");
    rule.quota = map.number("quota");
    rule.quota_share = share_in("quota_share", 0.0);
    if (rule.kind == RuleKind::weighted) {
      if (rule.weights.empty()) throw InputError(node.location, "a weighted rule needs 'weights'");
      if (rule.quota.has_value() == rule.quota_share.has_value()) {
        throw InputError(node.location, "a weighted rule needs exactly one of 'quota' and 'quota_share'");
      }
      if (rule.quota) {
        double total = 0;
        for (const auto& [id, w] : rule.weights) total += w;
        check_range(*rule.quota, 0.0, total, *map.optional("quota"), "quota");
      }
    }
    if (auto v = share_in("state_share", 0.0)) rule.state_share = *v;
    if (auto v = share_in("population_share", 0.0)) rule.population_share = *v;
    if (auto v = map.number("blocking_minimum")) {
      check_range(*v, 0.0, static_cast<double>(members.size()), *map.optional("blocking_minimum"), "blocking_minimum");
      rule.blocking_minimum = static_cast<int>(*v);
    }
    rule.population = member_map("population");
    if (const RawNode* from = map.optional("population_from")) {
      std::string capability = as_string(*from, "population_from");
      for (const auto& member : members) {
        const Actor& actor = *scenario_.find_actor(member);
        auto it = actor.capabilities.find(capability);
        if (it == actor.capabilities.end()) {
          throw InputError(from->location, "member '" + member + "' has no capability '" + capability + "'");
        }
        rule.population[member] = it->second.value;
      }
    }
    if (rule.kind == RuleKind::double_majority && rule.population.size() != members.size()) {
      throw InputError(node.location, "a double_majority rule needs a population for every member "
                                      "('population' or 'population_from')");
    }
    return rule;
  }

  void read_forums(const RawNode& node) {
    for (const auto& item : list(node, "forums")) {
      MapReader map(item, "forum",
                    {"id", "name", "description", "members", "rule", "rule_source", "gates", "blocs", "source",
                     "note"});
      Forum forum;
      forum.id = read_id(map);
      claim(forum_ids_, forum.id, map.required("id"), "forum");
      forum.name = map.string("name", forum.id);
      map.required("members");
      forum.members = actor_list(map, "members");
      if (forum.members.empty()) throw InputError(map.required("members").location, "a forum needs members");
      forum.rule = read_rule(map.required("rule"), forum.members, forum.id);
      forum.rule_source = map.string("rule_source");
      std::vector<std::string> gate_ids;
      if (const RawNode* gates = map.optional("gates")) {
        for (const auto& g : list(*gates, "gates")) {
          MapReader gate_map(g, "gate", {"id", "description", "rule", "signatures", "signature_share", "source", "note"});
          AgendaGate gate;
          gate.id = read_id(gate_map);
          claim(gate_ids, gate.id, gate_map.required("id"), "gate");
          gate.description = gate_map.string("description");
          int kinds = 0;
          if (const RawNode* r = gate_map.optional("rule")) {
            gate.rule = read_rule(*r, forum.members, forum.id);
            ++kinds;
          }
          if (auto v = gate_map.number("signatures")) {
            const RawNode& n = *gate_map.optional("signatures");
            if (*v != std::floor(*v)) throw InputError(n.location, "signatures must be a whole number");
            check_range(*v, 1.0, static_cast<double>(forum.members.size()), n, "signatures");
            gate.min_signatures = static_cast<int>(*v);
            ++kinds;
          }
          if (auto v = gate_map.number("signature_share")) {
            const RawNode& n = *gate_map.optional("signature_share");
            if (!(*v > 0.0 && *v <= 1.0)) {
              throw InputError(n.location, "signature_share " + format_number(*v) + " is outside (0, 1]");
            }
            gate.signature_share = *v;
            ++kinds;
          }
          if (kinds != 1) {
            throw InputError(g.location, "gate '" + gate.id +
                                             "' needs exactly one of 'rule', 'signatures' and 'signature_share'");
          }
          forum.gates.push_back(std::move(gate));
        }
      }
      if (const RawNode* blocs = map.optional("blocs")) {
        std::vector<std::string> bloc_ids;
        for (const auto& b : list(*blocs, "blocs")) {
          MapReader bloc_map(b, "bloc", {"id", "members", "discipline", "source", "note"});
          Bloc bloc;
          bloc.id = read_id(bloc_map);
          claim(bloc_ids, bloc.id, bloc_map.required("id"), "bloc");
          bloc_map.required("members");
          bloc.members = actor_list(bloc_map, "members", &forum.members, "forum '" + forum.id + "'");
          if (auto d = bloc_map.number("discipline")) {
            check_range(*d, 0.0, 1.0, *bloc_map.optional("discipline"), "discipline");
            bloc.discipline = *d;
          }
          forum.blocs.push_back(std::move(bloc));
        }
      }
      scenario_.forums.push_back(std::move(forum));
    }
  }

  // --- motions ---------------------------------------------------------------

  void read_motions(const RawNode& node) {
    std::vector<std::string> motion_ids;
    for (const auto& item : list(node, "motions")) {
      MapReader map(item, "motion",
                    {"id", "forum", "description", "issue", "position", "sponsors", "opponents", "gates", "date",
                     "outcome", "source", "note"});
      Motion motion;
      motion.id = read_id(map);
      claim(motion_ids, motion.id, map.required("id"), "motion");
      motion.forum = map.required_string("forum");
      require_known(forum_ids_, motion.forum, map.required("forum"), "forum");
      const Forum& forum = *scenario_.find_forum(motion.forum);
      motion.description = map.string("description");
      motion.issue = map.string("issue");
      if (!motion.issue.empty()) require_known(issue_ids_, motion.issue, *map.optional("issue"), "issue");
      if (auto position = map.number("position")) {
        if (motion.issue.empty()) {
          throw InputError(map.optional("position")->location, "a motion's position needs an 'issue'");
        }
        const Issue& issue = *scenario_.find_issue(motion.issue);
        check_range(*position, issue.scale_min, issue.scale_max, *map.optional("position"), "position");
        motion.position = position;
      }
      motion.sponsors = actor_list(map, "sponsors");
      motion.opponents = actor_list(map, "opponents");
      for (const auto& id : motion.sponsors) {
        if (std::find(motion.opponents.begin(), motion.opponents.end(), id) != motion.opponents.end()) {
          throw InputError(map.optional("opponents")->location, "'" + id + "' is both sponsor and opponent");
        }
      }
      if (const RawNode* gates = map.optional("gates")) {
        motion.gates_listed = true;
        std::vector<std::string> forum_gates;
        for (const auto& g : forum.gates) forum_gates.push_back(g.id);
        for (const auto& g : list(*gates, "gates")) {
          std::string id = as_string(g, "gates");
          require_known(forum_gates, id, g, "gate of forum '" + forum.id + "'");
          motion.gates.push_back(id);
        }
      }
      if (const RawNode* date = map.optional("date")) motion.date = as_date(*date, "date");
      if (const RawNode* outcome = map.optional("outcome")) {
        const RawNode* result = outcome;
        if (outcome->is_map()) {
          MapReader o(*outcome, "outcome", {"result", "source", "note"});
          result = &o.required("result");
          motion.outcome_source = o.string("source");
        }
        std::string text = as_string(*result, "outcome");
        auto parsed = parse_motion_outcome(text);
        if (!parsed) {
          throw InputError(result->location, "unknown outcome '" + text + "'; expected passed, failed or not_tabled");
        }
        motion.outcome = parsed;
      }
      scenario_.motions.push_back(std::move(motion));
    }
  }

  // --- network ---------------------------------------------------------------

  void read_network(const RawNode& node) {
    MapReader map(node, "network", {"nodes", "edges", "demands", "threats", "source", "note"});
    Network& network = scenario_.network;
    std::vector<std::string> node_ids;
    std::vector<std::string> edge_ids;
    if (const RawNode* nodes = map.optional("nodes")) {
      for (const auto& item : list(*nodes, "nodes")) {
        MapReader n(item, "node", {"id", "name", "country", "kind", "source", "note"});
        Node out;
        out.id = read_id(n);
        claim(node_ids, out.id, n.required("id"), "node");
        out.name = n.string("name", out.id);
        out.country = n.string("country");
        if (!out.country.empty()) require_known(actor_ids_, out.country, *n.optional("country"), "actor");
        out.kind = n.string("kind", "city");
        one_of(out.kind, {"city", "port", "border_crossing", "hub"}, n.optional("kind"), "node kind");
        network.nodes.push_back(std::move(out));
      }
    }
    if (const RawNode* edges = map.optional("edges")) {
      for (const auto& item : list(*edges, "edges")) {
        MapReader e(item, "edge",
                    {"id", "from", "to", "mode", "country", "length_km", "capacity", "cost_per_unit", "open",
                     "bidirectional", "source", "note"});
        Edge out;
        out.id = read_id(e);
        claim(edge_ids, out.id, e.required("id"), "edge");
        if (std::find(node_ids.begin(), node_ids.end(), out.id) != node_ids.end()) {
          throw InputError(e.required("id").location, "edge id '" + out.id + "' is also a node id");
        }
        out.from = e.required_string("from");
        out.to = e.required_string("to");
        require_known(node_ids, out.from, e.required("from"), "node");
        require_known(node_ids, out.to, e.required("to"), "node");
        if (out.from == out.to) throw InputError(e.required("to").location, "an edge must join two different nodes");
        out.mode = e.string("mode", "road");
        one_of(out.mode, {"road", "rail", "sea", "pipeline"}, e.optional("mode"), "edge mode");
        out.country = e.string("country");
        if (!out.country.empty()) require_known(actor_ids_, out.country, *e.optional("country"), "actor");
        std::string source = e.string("source");
        out.length_km = non_negative_figure(e, "length_km", source).value_or(Figure{});
        out.capacity = non_negative_figure(e, "capacity", source).value_or(Figure{kInf, "", false});
        out.cost_per_unit = non_negative_figure(e, "cost_per_unit", source).value_or(Figure{});
        out.open = e.boolean("open").value_or(true);
        out.bidirectional = e.boolean("bidirectional").value_or(true);
        network.edges.push_back(std::move(out));
      }
    }
    if (const RawNode* demands = map.optional("demands")) {
      std::vector<std::string> demand_ids;
      for (const auto& item : list(*demands, "demands")) {
        MapReader d(item, "demand", {"id", "from", "to", "volume", "value_usd_per_unit", "source", "note"});
        Demand out;
        out.id = read_id(d);
        claim(demand_ids, out.id, d.required("id"), "demand");
        out.from = d.required_string("from");
        out.to = d.required_string("to");
        require_known(node_ids, out.from, d.required("from"), "node");
        require_known(node_ids, out.to, d.required("to"), "node");
        std::string source = d.string("source");
        d.required("volume");
        out.volume = *non_negative_figure(d, "volume", source);
        out.value_usd_per_unit = non_negative_figure(d, "value_usd_per_unit", source).value_or(Figure{});
        network.demands.push_back(std::move(out));
      }
    }
    if (const RawNode* threats = map.optional("threats")) {
      std::vector<std::string> targets = node_ids;
      targets.insert(targets.end(), edge_ids.begin(), edge_ids.end());
      for (const auto& item : list(*threats, "threats")) {
        MapReader t(item, "threat", {"group", "targets", "activity", "source", "note"});
        SecurityThreat out;
        out.group = t.required_string("group");
        require_known(actor_ids_, out.group, t.required("group"), "actor");
        for (const auto& target : list(t.required("targets"), "targets")) {
          std::string id = as_string(target, "targets");
          require_known(targets, id, target, "node or edge");
          out.targets.push_back(id);
        }
        out.activity = as_figure(t.required("activity"), "activity", t.string("source"));
        check_range(out.activity.value, 0.0, 1.0, t.required("activity"), "activity");
        network.threats.push_back(std::move(out));
      }
    }
  }

  static std::optional<Figure> non_negative_figure(const MapReader& map, std::string_view key,
                                                   const std::string& source) {
    auto f = map.figure(key, source);
    if (f) check_range(f->value, 0.0, kInf, *map.optional(key), key);
    return f;
  }

  static void one_of(const std::string& value, const std::vector<std::string>& allowed, const RawNode* node,
                     std::string_view what) {
    if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return;
    std::string expected;
    for (const auto& a : allowed) expected += (expected.empty() ? "" : ", ") + a;
    throw InputError(node != nullptr ? node->location : SourceLocation{},
                     "unknown " + std::string(what) + " '" + value + "'; expected one of " + expected);
  }

  // --- games -------------------------------------------------------------------

  void read_games(const RawNode& node) {
    std::vector<std::string> game_ids;
    for (const auto& item : list(node, "games")) {
      MapReader map(item, "game", {"id", "name", "description", "players", "nodes", "source", "note"});
      Game game;
      game.id = read_id(map);
      claim(game_ids, game.id, map.required("id"), "game");
      game.name = map.string("name", game.id);
      game.description = map.string("description");
      map.required("players");
      game.players = actor_list(map, "players");
      std::string source = map.string("source");
      std::vector<std::string> node_ids;
      const auto& nodes = list(map.required("nodes"), "nodes");
      if (nodes.empty()) throw InputError(map.required("nodes").location, "a game needs at least one node");
      for (const auto& n : nodes) {
        MapReader nm(n, "game node", {"id", "player", "moves", "payoffs", "payoff_sd", "source", "note"});
        claim(node_ids, read_id(nm), nm.required("id"), "game node");
      }
      for (const auto& n : nodes) {
        MapReader nm(n, "game node", {"id", "player", "moves", "payoffs", "payoff_sd", "source", "note"});
        GameNode out;
        out.id = nm.required_string("id");
        std::string node_source = nm.string("source", source);
        bool has_moves = nm.optional("moves") != nullptr;
        bool has_payoffs = nm.optional("payoffs") != nullptr;
        if (has_moves == has_payoffs) {
          throw InputError(n.location, "game node '" + out.id + "' needs either 'moves' or 'payoffs'");
        }
        if (has_moves) {
          out.player = nm.required_string("player");
          if (out.player != "chance") require_known(game.players, out.player, nm.required("player"), "player");
          double total_probability = 0;
          for (const auto& m : list(*nm.optional("moves"), "moves")) {
            MapReader mm(m, "move", {"label", "next", "probability", "note"});
            GameMove move;
            move.label = mm.required_string("label");
            move.next = mm.required_string("next");
            require_known(node_ids, move.next, mm.required("next"), "game node");
            if (move.next == out.id) throw InputError(mm.required("next").location, "a move cannot lead to its own node");
            if (out.player == "chance") {
              const RawNode& p = mm.required("probability");
              move.probability = as_number(p, "probability");
              check_range(move.probability, 0.0, 1.0, p, "probability");
              total_probability += move.probability;
            } else if (mm.optional("probability") != nullptr) {
              throw InputError(mm.optional("probability")->location, "only moves of the chance player have a probability");
            }
            out.moves.push_back(std::move(move));
          }
          if (out.moves.empty()) throw InputError(nm.optional("moves")->location, "moves must not be empty");
          if (out.player == "chance" && std::abs(total_probability - 1.0) > 1e-9) {
            throw InputError(nm.optional("moves")->location,
                             "chance probabilities sum to " + format_number(total_probability) + ", not 1");
          }
        } else {
          const RawNode& payoffs = *nm.optional("payoffs");
          if (!payoffs.is_map()) throw InputError(payoffs.location, "expected a map player -> payoff for payoffs");
          for (const auto& [k, v] : payoffs.entries) {
            require_known(game.players, k.scalar, k, "player");
            if (v.is_map() && v.find("expression") != nullptr) {
              read_payoff_expression(v, k.scalar, node_source, out);
              continue;
            }
            out.payoffs[k.scalar] = as_figure(v, "payoff", node_source);
          }
          for (const auto& player : game.players) {
            if (out.payoffs.count(player) == 0) {
              throw InputError(payoffs.location, "terminal node '" + out.id + "' has no payoff for '" + player + "'");
            }
          }
          if (const RawNode* sd = nm.optional("payoff_sd")) {
            if (!sd->is_map()) throw InputError(sd->location, "expected a map player -> number for payoff_sd");
            for (const auto& [k, v] : sd->entries) {
              require_known(game.players, k.scalar, k, "player");
              double value = as_number(v, "payoff_sd");
              check_range(value, 0.0, kInf, v, "payoff_sd");
              out.payoff_sd[k.scalar] = value;
            }
          }
        }
        game.nodes.push_back(std::move(out));
      }
      check_acyclic(game, map.required("nodes"));
      scenario_.games.push_back(std::move(game));
    }
  }

  // A payoff written as `{expression: "...", source: ...}`: its syntax is checked here
  // so `validate` catches it; the games engine evaluates it (src/games/expression.h).
  static void read_payoff_expression(const RawNode& node, const std::string& player, const std::string& source,
                                     GameNode& out) {
    MapReader map(node, "payoff", {"expression", "source", "assumed", "note"});
    const RawNode& text_node = map.required("expression");
    const std::string text = as_string(text_node, "expression");
    try {
      (void)games::Expression::parse(text);
    } catch (const games::ExpressionError& e) {
      SourceLocation at = text_node.location;
      if (at.column > 0) at.column += static_cast<int>(e.offset());
      throw InputError(at, std::string("payoff expression: ") + e.what());
    }
    out.payoffs[player] = Figure{0.0, map.string("source", source), map.boolean("assumed").value_or(false)};
    out.payoff_expressions[player] = text;
    out.payoff_locations[player] = text_node.location;
  }

  static void check_acyclic(const Game& game, const RawNode& where) {
    // Depth-first search from the root; a back edge is a cycle (games must be finite trees or DAGs).
    std::map<std::string, int> state;  // 0 unseen, 1 on stack, 2 done
    std::map<std::string, const GameNode*> by_id;
    for (const auto& n : game.nodes) by_id[n.id] = &n;
    std::vector<std::pair<const GameNode*, std::size_t>> stack{{&game.nodes.front(), 0}};
    state[game.nodes.front().id] = 1;
    while (!stack.empty()) {
      auto& [current, next_move] = stack.back();
      if (next_move == current->moves.size()) {
        state[current->id] = 2;
        stack.pop_back();
        continue;
      }
      const GameNode* child = by_id.at(current->moves[next_move++].next);
      if (state[child->id] == 1) {
        throw InputError(where.location, "game '" + game.id + "' has a cycle through node '" + child->id + "'");
      }
      if (state[child->id] == 0) {
        state[child->id] = 1;
        stack.emplace_back(child, 0);
      }
    }
  }

  // --- events ----------------------------------------------------------------

  void read_events(const RawNode& node) {
    std::optional<Date> previous;
    for (const auto& item : list(node, "events")) {
      MapReader map(item, "event", {"date", "description", "source", "changes", "note"});
      Event event;
      const RawNode& date_node = map.required("date");
      event.date = as_date(date_node, "date");
      if (previous && event.date < *previous) {
        throw InputError(date_node.location, "event dated " + event.date.to_string() +
                                                 " comes after one dated " + previous->to_string() +
                                                 ": events must be in date order");
      }
      if (scenario_.date && event.date < *scenario_.date) {
        throw InputError(date_node.location, "event dated " + event.date.to_string() +
                                                 " is before the scenario's date " + scenario_.date->to_string());
      }
      previous = event.date;
      event.description = map.string("description");
      event.source = map.string("source");
      const auto& changes = list(map.required("changes"), "changes");
      if (changes.empty()) throw InputError(map.required("changes").location, "an event needs at least one change");
      for (const auto& c : changes) event.changes.push_back(read_change(c));
      scenario_.events.push_back(std::move(event));
    }
  }

  // A change's value is a figure: a number, or {value, source, assumed} to cite it.
  static void read_change_value(const MapReader& map, Change& change) {
    Figure figure = as_figure(map.required("value"), "value", "");
    change.value = figure.value;
    change.source = figure.source;
    change.assumed = figure.assumed;
  }

  Change read_change(const RawNode& node) const {
    if (!node.is_map()) throw InputError(node.location, "expected a map for change");
    const RawNode* kind_node = node.find("change");
    if (kind_node == nullptr) throw InputError(node.location, "change is missing required key 'change'");
    std::string kind_text = as_string(*kind_node, "change");
    auto kind = parse_change_kind(kind_text);
    if (!kind) {
      throw InputError(kind_node->location,
                       with_suggestion("unknown change '" + kind_text + "'", kind_text,
                                       {"set_relation", "remove_relation", "join", "leave", "set_stance",
                                        "set_capability", "set_edge", "set_threat"}));
    }
    Change change;
    change.kind = *kind;
    auto actor_at = [&](const MapReader& m, std::string_view key) {
      std::string id = m.required_string(key);
      require_known(actor_ids_, id, m.required(key), "actor");
      return id;
    };
    switch (*kind) {
      case ChangeKind::set_relation: {
        MapReader m(node, "set_relation change", {"change", "from", "to", "dimension", "value", "note"});
        change.actor = actor_at(m, "from");
        change.target = actor_at(m, "to");
        change.dimension = m.required_string("dimension");
        const RelationDimension* d = find_relation_dimension(change.dimension);
        if (d == nullptr) {
          std::vector<std::string> names;
          for (const auto& dim : relation_dimensions()) names.emplace_back(dim.name);
          throw InputError(m.required("dimension").location,
                           with_suggestion("unknown relation dimension '" + change.dimension + "'", change.dimension, names));
        }
        read_change_value(m, change);
        check_range(*change.value, d->min, d->max, m.required("value"), change.dimension);
        break;
      }
      case ChangeKind::remove_relation: {
        MapReader m(node, "remove_relation change", {"change", "from", "to", "note"});
        change.actor = actor_at(m, "from");
        change.target = actor_at(m, "to");
        break;
      }
      case ChangeKind::join:
      case ChangeKind::leave: {
        MapReader m(node, std::string(to_string(*kind)) + " change", {"change", "actor", "forum", "note"});
        change.actor = actor_at(m, "actor");
        change.target = m.required_string("forum");
        require_known(forum_ids_, change.target, m.required("forum"), "forum");
        break;
      }
      case ChangeKind::set_stance: {
        MapReader m(node, "set_stance change", {"change", "actor", "issue", "position", "salience", "note"});
        change.actor = actor_at(m, "actor");
        change.target = m.required_string("issue");
        require_known(issue_ids_, change.target, m.required("issue"), "issue");
        const Issue& issue = *scenario_.find_issue(change.target);
        if (issue.find_stance(change.actor) == nullptr) {
          throw InputError(m.required("actor").location,
                           "'" + change.actor + "' has no stance on issue '" + issue.id + "' to change");
        }
        change.position = m.number("position");
        change.salience = m.number("salience");
        if (!change.position && !change.salience) {
          throw InputError(node.location, "set_stance needs 'position' or 'salience'");
        }
        if (change.position) check_range(*change.position, issue.scale_min, issue.scale_max, *m.optional("position"), "position");
        if (change.salience) check_range(*change.salience, 0.0, 1.0, *m.optional("salience"), "salience");
        break;
      }
      case ChangeKind::set_capability: {
        MapReader m(node, "set_capability change", {"change", "actor", "capability", "value", "note"});
        change.actor = actor_at(m, "actor");
        change.dimension = m.required_string("capability");
        read_change_value(m, change);
        check_range(*change.value, 0.0, kInf, m.required("value"), "capability " + change.dimension);
        break;
      }
      case ChangeKind::set_edge: {
        MapReader m(node, "set_edge change", {"change", "edge", "open", "capacity", "note"});
        change.target = m.required_string("edge");
        std::vector<std::string> edge_ids;
        for (const auto& e : scenario_.network.edges) edge_ids.push_back(e.id);
        require_known(edge_ids, change.target, m.required("edge"), "edge");
        change.open = m.boolean("open");
        change.capacity = m.number("capacity");
        if (!change.open && !change.capacity) throw InputError(node.location, "set_edge needs 'open' or 'capacity'");
        if (change.capacity) check_range(*change.capacity, 0.0, kInf, *m.optional("capacity"), "capacity");
        break;
      }
      case ChangeKind::set_threat: {
        MapReader m(node, "set_threat change", {"change", "group", "value", "note"});
        change.actor = actor_at(m, "group");
        bool has_threat = std::any_of(scenario_.network.threats.begin(), scenario_.network.threats.end(),
                                      [&](const SecurityThreat& t) { return t.group == change.actor; });
        if (!has_threat) {
          throw InputError(m.required("group").location, "'" + change.actor + "' has no threat in the network to change");
        }
        read_change_value(m, change);
        check_range(*change.value, 0.0, 1.0, m.required("value"), "activity");
        break;
      }
    }
    return change;
  }

  // --- narratives (src/influence) -------------------------------------------

  static int whole_number(const RawNode& node, std::string_view what, double min, double max) {
    double v = as_number(node, what);
    check_range(v, min, max, node, what);
    if (v != std::floor(v)) throw InputError(node.location, std::string(what) + " must be a whole number");
    return static_cast<int>(v);
  }

  static Figure unit_figure(const MapReader& map, std::string_view key, const std::string& source) {
    Figure f = as_figure(map.required(key), key, source);
    check_range(f.value, 0.0, 1.0, value_node(map.required(key)), key);
    return f;
  }

  void read_narratives(const RawNode& node) {
    MapReader map(node, "narratives", {"frames", "stubbornness", "campaigns", "rounds", "source", "note"});
    Narratives& out = scenario_.narratives;
    const std::string source = map.string("source");
    if (const RawNode* r = map.optional("rounds")) out.rounds = whole_number(*r, "rounds", 0, 100000);
    std::vector<std::string> frame_ids;
    if (const RawNode* frames = map.optional("frames")) {
      for (const auto& item : list(*frames, "frames")) {
        MapReader f(item, "frame", {"id", "name", "description", "issue", "positions", "source", "note"});
        Frame frame;
        frame.id = read_id(f);
        claim(frame_ids, frame.id, f.required("id"), "frame");
        frame.name = f.string("name", frame.id);
        frame.description = f.string("description");
        if (const RawNode* issue = f.optional("issue")) {
          frame.issue = as_string(*issue, "issue");
          require_known(issue_ids_, frame.issue, *issue, "issue");
        }
        const std::string frame_source = f.string("source", source);
        if (const RawNode* positions = f.optional("positions")) {
          for (const auto& p : list(*positions, "positions")) {
            MapReader pm(p, "frame position", {"actor", "position", "anchor", "stubbornness", "source", "note"});
            FramePosition fp;
            fp.actor = pm.required_string("actor");
            require_known(actor_ids_, fp.actor, pm.required("actor"), "actor");
            for (const auto& other : frame.positions) {
              if (other.actor == fp.actor) {
                throw InputError(pm.required("actor").location,
                                 "actor '" + fp.actor + "' has two positions on frame '" + frame.id + "'");
              }
            }
            const std::string ps = pm.string("source", frame_source);
            fp.position = unit_figure(pm, "position", ps);
            if (pm.optional("anchor") != nullptr) fp.anchor = unit_figure(pm, "anchor", ps);
            if (pm.optional("stubbornness") != nullptr) fp.stubbornness = unit_figure(pm, "stubbornness", ps);
            frame.positions.push_back(std::move(fp));
          }
        }
        out.frames.push_back(std::move(frame));
      }
    }
    if (const RawNode* s = map.optional("stubbornness")) {
      if (!s->is_map()) throw InputError(s->location, "expected a map actor -> number in [0, 1] for stubbornness");
      for (const auto& [key, value] : s->entries) {
        require_known(actor_ids_, key.scalar, key, "actor");
        Figure f = as_figure(value, key.scalar, source);
        check_range(f.value, 0.0, 1.0, value_node(value), "stubbornness of " + key.scalar);
        out.stubbornness[key.scalar] = f;
      }
    }
    if (const RawNode* campaigns = map.optional("campaigns")) {
      std::vector<std::string> campaign_ids;
      for (const auto& item : list(*campaigns, "campaigns")) {
        MapReader c(item, "campaign",
                    {"id", "kind", "actor", "targets", "frame", "start", "end", "weight", "anchor_shift", "lasting",
                     "source", "note"});
        Campaign campaign;
        campaign.id = read_id(c);
        claim(campaign_ids, campaign.id, c.required("id"), "campaign");
        if (const RawNode* kind = c.optional("kind")) {
          std::string text = as_string(*kind, "kind");
          auto parsed = parse_campaign_kind(text);
          if (!parsed) {
            throw InputError(kind->location,
                             "unknown campaign kind '" + text + "'; expected engagement, summit, media or other");
          }
          campaign.kind = *parsed;
        }
        campaign.actor = c.required_string("actor");
        require_known(actor_ids_, campaign.actor, c.required("actor"), "actor");
        c.required("targets");
        campaign.targets = actor_list(c, "targets");
        if (campaign.targets.empty()) throw InputError(c.required("targets").location, "targets must not be empty");
        for (std::size_t k = 0; k < campaign.targets.size(); ++k) {
          if (campaign.targets[k] == campaign.actor) {
            throw InputError(c.required("targets").items[k].location,
                             "campaign '" + campaign.id + "' targets its own actor '" + campaign.actor + "'");
          }
        }
        if (const RawNode* frame = c.optional("frame")) {
          campaign.frame = as_string(*frame, "frame");
          require_known(frame_ids, campaign.frame, *frame, "frame");
        }
        if (const RawNode* start = c.optional("start")) campaign.start = whole_number(*start, "start", 0, 100000);
        campaign.end = campaign.start + 1;
        if (const RawNode* end = c.optional("end")) {
          campaign.end = whole_number(*end, "end", 0, 100000);
          if (campaign.end <= campaign.start) {
            throw InputError(end->location, "campaign end " + std::to_string(campaign.end) +
                                                " must be after its start " + std::to_string(campaign.start));
          }
        }
        if (auto w = c.number("weight")) {
          check_range(*w, 0.0, 100.0, *c.optional("weight"), "weight");
          campaign.weight = *w;
        }
        if (auto shift = c.number("anchor_shift")) {
          check_range(*shift, -1.0, 1.0, *c.optional("anchor_shift"), "anchor_shift");
          campaign.anchor_shift = *shift;
          if (campaign.frame.empty() && *shift != 0.0) {
            throw InputError(c.optional("anchor_shift")->location, "anchor_shift needs a frame");
          }
        }
        if (campaign.weight == 0.0 && campaign.anchor_shift == 0.0) {
          throw InputError(item.location, "campaign '" + campaign.id + "' has no effect: give weight or anchor_shift");
        }
        campaign.lasting = c.boolean("lasting").value_or(false);
        campaign.source = c.string("source", source);
        out.campaigns.push_back(std::move(campaign));
      }
    }
  }

  // --- actions (src/strategy) ------------------------------------------------

  std::map<std::string, double> read_effects(const RawNode& node, std::string_view what) {
    if (!node.is_map()) throw InputError(node.location, "expected a map dimension -> change for " + std::string(what));
    std::vector<std::string> names;
    for (const auto& d : relation_dimensions()) names.emplace_back(d.name);
    std::map<std::string, double> out;
    for (const auto& [key, value] : node.entries) {
      const RelationDimension* d = find_relation_dimension(key.scalar);
      if (d == nullptr) {
        throw InputError(key.location,
                         with_suggestion("unknown relation dimension '" + key.scalar + "'", key.scalar, names));
      }
      double v = as_number(value, key.scalar);
      double span = std::isinf(d->max) ? kInf : d->max - d->min;
      check_range(v, -span, span, value, std::string(what) + " " + key.scalar);
      out[key.scalar] = v;
    }
    return out;
  }

  void read_actions(const RawNode& node) {
    std::vector<std::string> ids;
    for (const auto& item : list(node, "actions")) {
      MapReader map(item, "action",
                    {"id", "kind", "actor", "target", "cost", "duration_years", "effects", "reverse_effects",
                     "source", "note"});
      Action action;
      action.id = read_id(map);
      claim(ids, action.id, map.required("id"), "action");
      if (const RawNode* kind = map.optional("kind")) {
        std::string text = as_string(*kind, "kind");
        auto parsed = parse_action_kind(text);
        if (!parsed) {
          throw InputError(kind->location, "unknown action kind '" + text +
                                               "'; expected trade_agreement, investment, security_cooperation, "
                                               "aid, visit, lobbying or other");
        }
        action.kind = *parsed;
      }
      action.actor = map.required_string("actor");
      require_known(actor_ids_, action.actor, map.required("actor"), "actor");
      action.target = map.required_string("target");
      require_known(actor_ids_, action.target, map.required("target"), "actor");
      if (action.actor == action.target) {
        throw InputError(map.required("target").location, "an action must link two different actors");
      }
      action.source = map.string("source");
      Figure cost = as_figure(map.required("cost"), "cost", action.source);
      check_range(cost.value, 0.0, kInf, value_node(map.required("cost")), "cost");
      action.cost = cost.value;
      if (auto d = map.number("duration_years")) {
        check_range(*d, 0.0, 100.0, *map.optional("duration_years"), "duration_years");
        action.duration_years = *d;
      }
      if (const RawNode* e = map.optional("effects")) action.effects = read_effects(*e, "effect");
      if (const RawNode* e = map.optional("reverse_effects")) action.reverse_effects = read_effects(*e, "reverse effect");
      if (action.effects.empty() && action.reverse_effects.empty()) {
        throw InputError(item.location, "action '" + action.id + "' has no effects");
      }
      action.note = map.string("note");
      scenario_.actions.push_back(std::move(action));
    }
  }

  // --- horizon (statecraft optimize --compare) -------------------------------

  void read_horizon(const RawNode& node) {
    MapReader map(node, "horizon", {"actor", "motions", "budgets", "strategies", "source", "note"});
    Horizon h;
    h.source = map.string("source");
    h.note = map.string("note");
    if (const RawNode* actor = map.optional("actor")) {
      h.actor = as_string(*actor, "actor");
      require_known(actor_ids_, h.actor, *actor, "actor");
    }
    const RawNode& budgets = map.required("budgets");
    for (const auto& item : list(budgets, "budgets")) {
      const double b = as_number(item, "budget");
      check_range(b, 0.0, 1e15, item, "budget");
      if (!h.budgets.empty() && b <= h.budgets.back()) {
        throw InputError(item.location, "budgets must be in increasing order");
      }
      h.budgets.push_back(b);
    }
    if (h.budgets.empty()) throw InputError(budgets.location, "budgets must not be empty");
    const RawNode& motions = map.required("motions");
    for (const auto& item : list(motions, "motions")) {
      MapReader m(item, "horizon motion", {"scenario", "forum", "motion", "at", "sponsors", "weight", "note"});
      HorizonMotion hm;
      hm.location = item.location;
      hm.forum = m.required_string("forum");
      hm.motion = m.required_string("motion");
      if (const RawNode* at = m.optional("at")) hm.at = as_date(*at, "at");
      if (const RawNode* weight = m.optional("weight")) {
        hm.weight = as_number(*weight, "weight");
        check_range(hm.weight, 0.0, 1e6, *weight, "weight");
      }
      if (const RawNode* file = m.optional("scenario")) {
        // Another episode of the same world; its ids are checked when it is loaded.
        const std::filesystem::path relative = as_string(*file, "scenario");
        const std::filesystem::path path = std::filesystem::path(file->location.file).parent_path() / relative;
        std::error_code ec;
        if (!std::filesystem::is_regular_file(path, ec)) {
          throw InputError(file->location, "no scenario file '" + path.string() + "'");
        }
        hm.scenario = path.string();
        if (const RawNode* sponsors = m.optional("sponsors")) hm.sponsors = as_string_list(*sponsors, "sponsors");
      } else {
        require_known(forum_ids_, hm.forum, m.required("forum"), "forum");
        const Motion* motion = scenario_.find_motion(hm.motion);
        if (motion == nullptr) {
          std::vector<std::string> ids;
          for (const auto& mo : scenario_.motions) ids.push_back(mo.id);
          require_known(ids, hm.motion, m.required("motion"), "motion");
        } else if (motion->forum != hm.forum) {
          throw InputError(m.required("motion").location,
                           "motion '" + hm.motion + "' is put to forum '" + motion->forum + "', not '" + hm.forum + "'");
        }
        hm.sponsors = actor_list(m, "sponsors");
      }
      h.motions.push_back(std::move(hm));
    }
    if (h.motions.empty()) throw InputError(motions.location, "motions must not be empty");
    if (const RawNode* strategies = map.optional("strategies")) {
      std::vector<std::string> ids;
      std::vector<std::string> action_ids;
      for (const auto& a : scenario_.actions) action_ids.push_back(a.id);
      for (const auto& item : list(*strategies, "strategies")) {
        MapReader st(item, "strategy", {"id", "name", "kinds", "actions", "per_motion", "note"});
        HorizonStrategy strategy;
        strategy.id = read_id(st);
        claim(ids, strategy.id, st.required("id"), "strategy");
        strategy.name = st.string("name", strategy.id);
        if (const RawNode* kinds = st.optional("kinds")) {
          for (const auto& k : list(*kinds, "kinds")) {
            const std::string text = as_string(k, "kind");
            auto parsed = parse_action_kind(text);
            if (!parsed) {
              throw InputError(k.location, "unknown action kind '" + text +
                                               "'; expected trade_agreement, investment, security_cooperation, "
                                               "aid, visit, lobbying or other");
            }
            strategy.kinds.push_back(*parsed);
          }
        }
        if (const RawNode* actions = st.optional("actions")) {
          for (const auto& a : list(*actions, "actions")) {
            const std::string id = as_string(a, "action");
            require_known(action_ids, id, a, "action");
            strategy.actions.push_back(id);
          }
        }
        strategy.per_motion = st.boolean("per_motion").value_or(false);
        h.strategies.push_back(std::move(strategy));
      }
    }
    scenario_.horizon = std::move(h);
  }

  // --- parameters ------------------------------------------------------------

  void read_parameters(const RawNode& node) {
    if (!node.is_map()) throw InputError(node.location, "expected a map name -> number for parameters");
    std::vector<std::string> names;
    for (const auto& spec : parameter_specs()) names.emplace_back(spec.name);
    for (const auto& [key, value] : node.entries) {
      const ParameterSpec* spec = find_parameter(key.scalar);
      if (spec == nullptr) {
        throw InputError(key.location, with_suggestion("unknown parameter '" + key.scalar + "'", key.scalar, names));
      }
      double v = as_number(value, key.scalar);
      check_range(v, spec->min, spec->max, value, key.scalar);
      scenario_.parameters.set(key.scalar, v);
    }
  }

  Scenario scenario_;
  std::vector<std::string> actor_ids_;
  std::vector<std::string> issue_ids_;
  std::vector<std::string> forum_ids_;
};

}  // namespace

Scenario load_scenario(const std::filesystem::path& path) {
  std::vector<std::filesystem::path> stack;
  RawNode merged = load_chain(path, {}, stack);
  return Builder().build(merged);
}

Scenario load_scenario_text(std::string_view yaml, const std::string& name, const std::filesystem::path& base_dir) {
  std::vector<std::filesystem::path> stack;
  RawNode merged = resolve_extends(parse_yaml(yaml, name), base_dir, stack);
  return Builder().build(merged);
}

}  // namespace statecraft::io
