// Monte Carlo over the uncertainty declared on an issue's stances (position_sd,
// salience_sd, capability_sd), or a blanket position noise. Sample k draws from the
// counter-based stream (seed, k, purpose), so results are identical whatever the
// number of threads.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "core/issue.h"
#include "core/rng.h"

namespace statecraft::bargain {

struct MonteCarloSpec {
  int samples = 1000;
  std::uint64_t seed = 1;
  double interval_mass = 0.8;  // central probability of the reported interval
  // Standard deviation (issue scale units) added to stances that declare none;
  // 0 = only declared uncertainty.
  double position_noise = 0.0;
};

struct MonteCarloResult {
  std::vector<double> forecasts;  // one per sample, sample order
  double mean = 0.0;
  double low = 0.0;   // quantile (1 - mass) / 2
  double high = 0.0;  // quantile (1 + mass) / 2
};

// One perturbed copy of `issue`: positions clamped to the scale, saliences to
// [0, 1], capabilities to >= 0. Three normal draws per stance whatever its sds, so
// adding uncertainty to one actor does not reshuffle the others' draws.
[[nodiscard]] Issue perturb(const Issue& issue, Rng& rng, double position_noise);

// The same draws written into `sample`, a copy of `issue` whose numbers are
// overwritten (no allocation): what run_monte_carlo uses for each sample.
void perturb_into(const Issue& issue, Rng& rng, double position_noise, Issue& sample);

// Runs `forecast` on `spec.samples` perturbed copies in parallel (oneTBB).
[[nodiscard]] MonteCarloResult run_monte_carlo(const Issue& issue,
                                               const std::function<double(const Issue&)>& forecast,
                                               const MonteCarloSpec& spec);

// Linear-interpolation quantile (type 7) of unsorted values.
[[nodiscard]] double quantile(std::vector<double> values, double probability);

}  // namespace statecraft::bargain
