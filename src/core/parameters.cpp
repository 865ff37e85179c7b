#include "core/parameters.h"

#include <array>

#include "core/error.h"

namespace statecraft {

namespace {
// Engines register their parameters here. Keep names dotted by engine and sorted.
constexpr auto kSpecs = std::to_array<ParameterSpec>({
    {"corridor.risk_capacity_loss", 0.8, 0, 1, "share of an edge's capacity lost at risk 1 (capacity * (1 - loss * risk)); assumed"},
    {"corridor.risk_closure", 1.0, 0, 1, "edge risk at or above which the edge carries nothing"},
    {"corridor.risk_cost_gain", 2.0, 0, 100, "cost per unit multiplies by (1 + gain * risk): insurance, escorts, delay; assumed"},
    {"corridor.unmet_value_share", 1.0, 0, 1e6, "share of a demand's value per unit it will pay to move; dearer routes leave it unmet"},
    {"games.samples", 10000, 1, 1e8, "default Monte Carlo samples over uncertain payoffs in `statecraft game`"},
    {"monte_carlo.samples", 1000, 1, 1e7, "default number of Monte Carlo samples"},
    {"monte_carlo.interval", 0.8, 0.01, 0.999, "central probability mass of reported intervals"},
});
}  // namespace

std::span<const ParameterSpec> parameter_specs() { return kSpecs; }

const ParameterSpec* find_parameter(std::string_view name) {
  for (const auto& spec : kSpecs) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

double Parameters::get(std::string_view name) const {
  auto it = values_.find(std::string(name));
  if (it != values_.end()) return it->second;
  const ParameterSpec* spec = find_parameter(name);
  if (spec == nullptr) throw PreconditionError("unregistered parameter " + std::string(name));
  return spec->default_value;
}

}  // namespace statecraft
