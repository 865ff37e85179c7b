// Bargaining forecasts as JSON: each model's trajectory round by round and, with
// samples, its Monte Carlo interval and the per-round band of the sampled trajectories.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "bargain/model.h"
#include "core/issue.h"
#include "core/parameters.h"

namespace statecraft::analysis {

struct ForecastSpec {
  std::vector<bargain::Model> models;
  std::optional<int> rounds;  // upper limit on rounds (bdm, smp)
  int samples = 0;            // Monte Carlo samples; 0: none
  std::uint64_t seed = 1;
  double noise = 0.0;  // position sd for stances that declare none
  // With samples: also keep each sampled trajectory's medians and report per-round
  // quantile bands ("band": {"low": [...], "high": [...]}) for charts.
  bool bands = false;
};

// One object per model, actors in input order:
// {model, rounds: [{round, median, mean, positions, moves?}], forecast, converged,
//  stopped, cycle_length?, interval?, interval_mass?, samples?, seed?, mean_forecast?, band?}
// moves: bdm {actor, proposer, offer, from, to}; smp {actor, rule: ideal|toward,
// toward?, fraction?, from, to, utility_stay, utility_moved, gain}.
// The Monte Carlo numbers are those of bargain::run_monte_carlo with the same seed.
std::vector<nlohmann::ordered_json> forecast(const Issue& issue, const Parameters& parameters,
                                             const ForecastSpec& spec);

}  // namespace statecraft::analysis
