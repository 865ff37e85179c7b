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
    {"bdm.closest_compromise", 0, 0, 1, "1: among compromise offers an actor takes the one moving it least (text of Scholz et al. 2011); 0: the smallest EU-weighted position (their code; reproduces their Table 2)"},
    {"bdm.improvement_probability", 1.0, 0, 1, "T: probability that, unchallenged, the other actor moves closer to the challenger (matters only when Q < 1)"},
    {"bdm.pairwise_probability", 0, 0, 1, "1: probability of success divides by the |votes| on the pair (the paper's equation); 0: by the |votes| on all pairs (Scholz et al.'s code; reproduces their Table 2)"},
    {"bdm.rounds", 10, 0, 10000, "upper limit on rounds of the expected-utility model"},
    {"bdm.status_quo_probability", 1.0, 0, 1, "Q: probability that, unchallenged, the other actor keeps its position"},
    {"bdm.tolerance", 1e-6, 0, 1, "the expected-utility model stops when no actor moves more than this share of the position range"},
    {"monte_carlo.samples", 1000, 1, 1e7, "default number of Monte Carlo samples"},
    {"monte_carlo.interval", 0.8, 0.01, 0.999, "central probability mass of reported intervals"},
    {"smp.rounds", 20, 0, 10000, "upper limit on rounds of the spatial model of politics"},
    {"smp.tolerance", 1e-6, 0, 1, "the spatial model stops when no actor moves more than this share of the scale"},
    {"smp.victory_exponent", 1, 0.1, 16, "gamma in P(a beats b) = S_a^gamma / (S_a^gamma + S_b^gamma), coalition strengths S"},
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
