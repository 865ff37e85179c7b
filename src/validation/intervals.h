// Monte Carlo forecast intervals and their calibration. Sample k of an issue is
//   y_k = clamp(f(issue perturbed by position noise, stream (seed, k)) + tau * z_k, scale),
// z_k standard normal from the stream (seed, k, "OUTCOME"): uncertainty about the
// recorded positions (the model reruns on each perturbed copy) plus the bargaining
// outcome's own scatter around the model, tau. The central interval of mass m runs
// between the (1 - m)/2 and (1 + m)/2 quantiles of the y_k. tau is fitted on training
// issues only (the smallest tau whose 80% intervals cover 80% of them), and coverage is
// then counted on issues the fit never saw. docs/models.md, "Calibrated intervals".
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "validation/family.h"

namespace statecraft::validation {

struct PredictiveSpec {
  int samples = 200;
  std::uint64_t seed = 1;
  double position_noise = 10.0;  // sd of every recorded position, scale units
};

// f on `spec.samples` perturbed copies of the case's issue, sample order.
[[nodiscard]] std::vector<double> base_draws(const Family& family, std::size_t point, const DeuCase& c,
                                             const PredictiveSpec& spec);
// base_draws of every case, in parallel.
[[nodiscard]] std::vector<std::vector<double>> base_draws(const Family& family, std::size_t point,
                                                          std::span<const DeuCase> cases,
                                                          const PredictiveSpec& spec);

// z_k for k < spec.samples.
[[nodiscard]] std::vector<double> outcome_shocks(const PredictiveSpec& spec);

struct Interval {
  double low = 0.0;
  double high = 0.0;
};

[[nodiscard]] Interval predictive_interval(std::span<const double> base, std::span<const double> shocks,
                                           double tau, double mass, double scale_min, double scale_max);

// Share of `subset` whose outcome lies inside its interval (ends included).
[[nodiscard]] double coverage(const std::vector<std::vector<double>>& draws, std::span<const double> shocks,
                              std::span<const DeuCase> cases, std::span<const std::size_t> subset, double tau,
                              double mass);

// The smallest tau in [0, 200] (bisection to 0.01) whose `mass` intervals cover at least
// `mass` of `subset`.
[[nodiscard]] double fit_tau(const std::vector<std::vector<double>>& draws, std::span<const double> shocks,
                             std::span<const DeuCase> cases, std::span<const std::size_t> subset,
                             double mass = 0.8);

// Observed coverage at each nominal mass, out of sample: for every fold (or the test
// side of a split) tau is fitted on the other cases with the point fitted there.
struct Calibration {
  std::vector<double> nominal;
  std::vector<double> observed;
  std::vector<double> tau;  // per fold (one entry for a split)
  std::size_t issues = 0;
};

// `draws_for(point)` gives base draws of every case for a point (callers cache them).
using DrawsFor = std::function<const std::vector<std::vector<double>>&(std::size_t point)>;

[[nodiscard]] Calibration calibrate(const DrawsFor& draws_for, std::span<const double> shocks,
                                    std::span<const DeuCase> cases,
                                    std::span<const std::vector<std::size_t>> train_sets,
                                    std::span<const std::vector<std::size_t>> test_sets,
                                    std::span<const std::size_t> points, std::span<const double> nominal);

}  // namespace statecraft::validation
