// A number in a scenario that a sweep may set: a model parameter, an actor's
// capability, a stance, a relation, a corridor edge, a bloc's discipline, a rule's
// weight... addressed by a dotted path (docs/sweeps.md lists them all):
//
//   parameters.NAME                         actors.ID.capabilities.NAME
//   issues.ID.stances.ACTOR.position|salience|capability    issues.ID.status_quo
//   relations.FROM.TO.DIMENSION             forums.ID.blocs.BLOC.discipline
//   forums.ID.rule.weights|population.MEMBER    forums.ID.rule.share|quota|quota_share
//   network.edges.ID.capacity|cost_per_unit|length_km
//   network.demands.ID.volume|value_usd_per_unit    network.threats.GROUP.activity
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/scenario.h"

namespace statecraft::sim {

// Which engines' results a field can change (a bit set).
enum EngineBit : std::uint32_t {
  kForecast = 1u << 0,
  kVote = 1u << 1,
  kPower = 1u << 2,
  kCorridor = 1u << 3,
};

enum class FieldKind {
  parameter,
  actor_capability,
  stance_position,
  stance_salience,
  stance_capability,
  status_quo,
  relation,
  bloc_discipline,
  rule_weight,
  rule_population,
  rule_share,
  rule_quota,
  rule_quota_share,
  edge_capacity,
  edge_cost,
  edge_length,
  demand_volume,
  demand_value,
  threat_activity,
};

// A path resolved against one scenario: indices into its vectors, so setting it costs
// no lookup. Resolve again for another scenario (e.g. the world on a motion's date).
struct FieldRef {
  FieldKind kind = FieldKind::parameter;
  std::string path;
  std::string key;  // parameter, capability, dimension or member name
  std::size_t index = 0;
  std::size_t sub = 0;
  // Admissible range; values are clamped into it when set.
  double min = 0.0;
  double max = 0.0;
  std::uint32_t engines = 0;
  // actor_capability: stances that took their capability from this actor's figure (same
  // value when resolved), as (issue, stance): they follow it.
  std::vector<std::pair<std::size_t, std::size_t>> followers;
};

// The field at `path`, or an error message saying which part was not found.
struct Resolution {
  std::optional<FieldRef> field;
  std::string error;
};
[[nodiscard]] Resolution resolve_field(const Scenario& scenario, std::string_view path);

// Sets the field (clamped to its range) in `scenario`, which must be the scenario it was
// resolved against or a copy of it.
void apply_field(Scenario& scenario, const FieldRef& field, double value);

// The field's current value in `scenario`.
[[nodiscard]] double field_value(const Scenario& scenario, const FieldRef& field);

}  // namespace statecraft::sim
