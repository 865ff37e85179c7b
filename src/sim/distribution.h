// Probability distributions a sweep draws scenario fields and model parameters from.
// Every draw takes its numbers from a counter-based Rng keyed by (seed, sample index,
// field), so a value depends only on those three, never on the thread or rank that
// computes it or on what was drawn before.
#pragma once

#include <string_view>

#include "core/rng.h"

namespace statecraft::sim {

enum class DistributionKind { uniform, normal, truncated_normal, beta, lognormal };

[[nodiscard]] std::string_view to_string(DistributionKind kind);

// Parameters by kind:
//   uniform           [min, max)
//   normal            mean, sd
//   truncated_normal  mean, sd, restricted to [min, max] (inverse-CDF sampling)
//   beta              alpha, beta, rescaled from [0, 1] to [min, max] (default [0, 1])
//   lognormal         exp(N(mu, sigma)): mu and sigma are those of the logarithm
struct Distribution {
  DistributionKind kind = DistributionKind::uniform;
  double min = 0.0;
  double max = 1.0;
  double mean = 0.0;
  double sd = 1.0;
  double alpha = 1.0;
  double beta = 1.0;
  double mu = 0.0;
  double sigma = 1.0;
};

// One draw. Throws PreconditionError for parameters a loader should have rejected
// (sd <= 0, min >= max, alpha <= 0, ...).
[[nodiscard]] double sample_value(const Distribution& distribution, Rng& rng);

// Standard normal CDF and its inverse (Acklam's rational approximation, refined by one
// Halley step, so it is accurate to about 1e-15 in (0, 1)).
[[nodiscard]] double normal_cdf(double x);
[[nodiscard]] double inverse_normal_cdf(double p);

}  // namespace statecraft::sim
