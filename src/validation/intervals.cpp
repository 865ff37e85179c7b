#include "validation/intervals.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>

#include "bargain/monte_carlo.h"
#include "core/error.h"
#include "core/rng.h"

namespace statecraft::validation {

namespace {
constexpr std::uint64_t kBargainPurpose = 0x4241524741494e;  // "BARGAIN", as in the forecast Monte Carlo
constexpr std::uint64_t kOutcomePurpose = 0x4f5554434f4d45;  // "OUTCOME"
}  // namespace

std::vector<double> base_draws(const Family& family, std::size_t point, const DeuCase& c,
                               const PredictiveSpec& spec) {
  if (spec.samples < 1) throw PreconditionError("predictive draws: samples must be >= 1");
  std::vector<double> draws(static_cast<std::size_t>(spec.samples));
  Issue sample = c.issue;
  for (std::size_t k = 0; k < draws.size(); ++k) {
    Rng rng(spec.seed, k, kBargainPurpose);
    bargain::perturb_into(c.issue, rng, spec.position_noise, sample);
    draws[k] = family.forecast(c, sample, point);
  }
  return draws;
}

std::vector<std::vector<double>> base_draws(const Family& family, std::size_t point,
                                            std::span<const DeuCase> cases, const PredictiveSpec& spec) {
  std::vector<std::vector<double>> draws(cases.size());
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, cases.size()),
                    [&](const tbb::blocked_range<std::size_t>& r) {
                      for (std::size_t i = r.begin(); i != r.end(); ++i)
                        draws[i] = base_draws(family, point, cases[i], spec);
                    });
  return draws;
}

std::vector<double> outcome_shocks(const PredictiveSpec& spec) {
  std::vector<double> z(static_cast<std::size_t>(std::max(spec.samples, 0)));
  for (std::size_t k = 0; k < z.size(); ++k) {
    Rng rng(spec.seed, k, kOutcomePurpose);
    z[k] = rng.normal();
  }
  return z;
}

Interval predictive_interval(std::span<const double> base, std::span<const double> shocks, double tau,
                             double mass, double scale_min, double scale_max) {
  if (base.size() != shocks.size() || base.empty()) throw PreconditionError("predictive interval: bad sizes");
  std::vector<double> y(base.size());
  for (std::size_t k = 0; k < y.size(); ++k)
    y[k] = std::clamp(base[k] + tau * shocks[k], scale_min, scale_max);
  return {bargain::quantile(y, (1.0 - mass) / 2.0), bargain::quantile(y, (1.0 + mass) / 2.0)};
}

double coverage(const std::vector<std::vector<double>>& draws, std::span<const double> shocks,
                std::span<const DeuCase> cases, std::span<const std::size_t> subset, double tau,
                double mass) {
  if (subset.empty()) return 0.0;
  std::size_t inside = 0;
  for (std::size_t i : subset) {
    const Issue& issue = cases[i].issue;
    const Interval interval =
        predictive_interval(draws[i], shocks, tau, mass, issue.scale_min, issue.scale_max);
    const double y = cases[i].outcome();
    if (y >= interval.low - 1e-9 && y <= interval.high + 1e-9) ++inside;
  }
  return static_cast<double>(inside) / static_cast<double>(subset.size());
}

double fit_tau(const std::vector<std::vector<double>>& draws, std::span<const double> shocks,
               std::span<const DeuCase> cases, std::span<const std::size_t> subset, double mass) {
  double low = 0.0;
  double high = 200.0;
  if (coverage(draws, shocks, cases, subset, low, mass) >= mass) return low;
  while (high - low > 0.01) {
    const double mid = 0.5 * (low + high);
    (coverage(draws, shocks, cases, subset, mid, mass) >= mass ? high : low) = mid;
  }
  return high;
}

Calibration calibrate(const DrawsFor& draws_for, std::span<const double> shocks,
                      std::span<const DeuCase> cases, std::span<const std::vector<std::size_t>> train_sets,
                      std::span<const std::vector<std::size_t>> test_sets,
                      std::span<const std::size_t> points, std::span<const double> nominal) {
  if (train_sets.size() != test_sets.size() || train_sets.size() != points.size()) {
    throw PreconditionError("calibrate: bad sizes");
  }
  Calibration result;
  result.nominal.assign(nominal.begin(), nominal.end());
  std::vector<double> inside(nominal.size(), 0.0);
  for (std::size_t f = 0; f < train_sets.size(); ++f) {
    const auto& draws = draws_for(points[f]);
    const double tau = fit_tau(draws, shocks, cases, train_sets[f]);
    result.tau.push_back(tau);
    for (std::size_t m = 0; m < nominal.size(); ++m) {
      inside[m] += coverage(draws, shocks, cases, test_sets[f], tau, nominal[m]) *
                   static_cast<double>(test_sets[f].size());
    }
    result.issues += test_sets[f].size();
  }
  for (double count : inside)
    result.observed.push_back(result.issues == 0 ? 0.0 : count / static_cast<double>(result.issues));
  return result;
}

}  // namespace statecraft::validation
