#include "sim/distribution.h"

#include <cmath>
#include <numbers>

#include "core/error.h"

namespace statecraft::sim {

namespace {

// Gamma(shape, 1) by Marsaglia & Tsang (2000), "A simple method for generating gamma
// variables", ACM TOMS 26(3); shape < 1 through Gamma(shape + 1) * U^(1/shape).
double gamma_draw(double shape, Rng& rng) {
  if (shape < 1.0) {
    double u = rng.uniform();
    if (u <= 0.0) u = 0x1.0p-53;
    return gamma_draw(shape + 1.0, rng) * std::pow(u, 1.0 / shape);
  }
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    const double x = rng.normal();
    double v = 1.0 + c * x;
    if (v <= 0.0) continue;
    v = v * v * v;
    const double u = rng.uniform();
    if (u < 1.0 - 0.0331 * x * x * x * x) return d * v;
    if (u > 0.0 && std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v;
  }
}

}  // namespace

std::string_view to_string(DistributionKind kind) {
  switch (kind) {
    case DistributionKind::uniform: return "uniform";
    case DistributionKind::normal: return "normal";
    case DistributionKind::truncated_normal: return "truncated_normal";
    case DistributionKind::beta: return "beta";
    case DistributionKind::lognormal: return "lognormal";
  }
  return "uniform";
}

double normal_cdf(double x) {
  return 0.5 * std::erfc(-x / std::numbers::sqrt2);
}

double inverse_normal_cdf(double p) {
  if (!(p > 0.0 && p < 1.0)) throw PreconditionError("inverse_normal_cdf: p must be in (0, 1)");
  // Coefficients of P. J. Acklam's algorithm (2003, published on his web page; also in
  // Wichura-style references): relative error below 1.15e-9 before refinement.
  static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,  -2.759285104469687e+02,
                                 1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                                 6.680131188771972e+01, -1.328068155288572e+01};
  static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                                 -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                                 3.754408661907416e+00};
  constexpr double low = 0.02425;
  double x = 0.0;
  if (p < low) {
    const double q = std::sqrt(-2.0 * std::log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
  } else if (p <= 1.0 - low) {
    const double q = p - 0.5;
    const double r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
  } else {
    const double q = std::sqrt(-2.0 * std::log1p(-p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
  }
  // One Halley step on Phi(x) - p.
  const double e = normal_cdf(x) - p;
  const double u = e * std::sqrt(2.0 * std::numbers::pi) * std::exp(0.5 * x * x);
  return x - u / (1.0 + 0.5 * x * u);
}

double sample_value(const Distribution& dist, Rng& rng) {
  switch (dist.kind) {
    case DistributionKind::uniform:
      if (!(dist.min < dist.max)) throw PreconditionError("uniform: min must be below max");
      return dist.min + (dist.max - dist.min) * rng.uniform();
    case DistributionKind::normal:
      if (!(dist.sd > 0.0)) throw PreconditionError("normal: sd must be positive");
      return dist.mean + dist.sd * rng.normal();
    case DistributionKind::truncated_normal: {
      if (!(dist.sd > 0.0) || !(dist.min < dist.max))
        throw PreconditionError("truncated_normal: sd must be positive and min below max");
      // Inverse CDF between the bounds: one uniform per draw, no rejection loop, so
      // even a far-tail window costs the same.
      const double lo = normal_cdf((dist.min - dist.mean) / dist.sd);
      const double hi = normal_cdf((dist.max - dist.mean) / dist.sd);
      double p = lo + (hi - lo) * rng.uniform();
      p = std::min(std::max(p, 0x1.0p-60), 1.0 - 0x1.0p-53);
      const double x = dist.mean + dist.sd * inverse_normal_cdf(p);
      return std::min(std::max(x, dist.min), dist.max);
    }
    case DistributionKind::beta: {
      if (!(dist.alpha > 0.0) || !(dist.beta > 0.0) || !(dist.min < dist.max))
        throw PreconditionError("beta: alpha and beta must be positive and min below max");
      const double x = gamma_draw(dist.alpha, rng);
      const double y = gamma_draw(dist.beta, rng);
      const double share = x + y > 0.0 ? x / (x + y) : 0.5;
      return dist.min + (dist.max - dist.min) * share;
    }
    case DistributionKind::lognormal:
      if (!(dist.sigma > 0.0)) throw PreconditionError("lognormal: sigma must be positive");
      return std::exp(dist.mu + dist.sigma * rng.normal());
  }
  return 0.0;
}

}  // namespace statecraft::sim
