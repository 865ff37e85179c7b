// The honest protocol of issue 9: parameters are chosen on training issues only, and
// scored on issues they never saw — K folds grouped by proposal (every issue of a
// proposal in the same fold) and a time-ordered split (fit on the older proposals,
// score on the newer). Scores come with cluster-bootstrap intervals (proposals are
// resampled, since issues of one proposal are not independent).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "validation/family.h"

namespace statecraft::validation {

// Fold (0..folds-1) of every case: proposals are shuffled by `seed`, then each goes to
// the fold with the fewest issues so far (lowest index on ties). Requires folds >= 2.
[[nodiscard]] std::vector<int> grouped_folds(std::span<const std::string> proposals, int folds,
                                             std::uint64_t seed);

// true = training. Proposals are ordered by date introduced (unknown dates first, ties by
// proposal id); the oldest ones up to `train_share` of all proposals train, the rest test,
// so every training proposal is introduced no later than every test proposal.
[[nodiscard]] std::vector<bool> time_split(std::span<const std::string> proposals,
                                           std::span<const int> introduced, double train_share);

// Out-of-sample forecasts: for each case, the forecast of the point fitted without it.
struct OutOfSample {
  std::vector<double> forecast;    // per case (cross-validation) or per test case (split)
  std::vector<std::size_t> point;  // the point used for that case
  std::vector<std::size_t> cases;  // which cases were scored (all, or the test side)
};

[[nodiscard]] OutOfSample cross_validate(const ForecastMatrix& forecasts, std::span<const double> outcomes,
                                         std::span<const int> folds);
[[nodiscard]] OutOfSample split_validate(const ForecastMatrix& forecasts, std::span<const double> outcomes,
                                         const std::vector<bool>& train);

struct Estimate {
  double value = 0.0;
  double low = 0.0;   // 2.5% of the bootstrap distribution
  double high = 0.0;  // 97.5%
};

struct ErrorSummary {
  std::size_t issues = 0;
  Estimate mae;
  Estimate median;     // median absolute error
  Estimate within_10;  // share of issues with |error| <= 10
};

// Summary of absolute errors with percentile intervals from `replicates` cluster
// bootstrap samples (clusters = `groups`, e.g. proposals), stream (seed, replicate).
[[nodiscard]] ErrorSummary summarise(std::span<const double> errors, std::span<const std::string> groups,
                                     int replicates, std::uint64_t seed);

// MAE(a) - MAE(b) on the same cases, with a paired cluster-bootstrap interval.
[[nodiscard]] Estimate mae_difference(std::span<const double> errors_a, std::span<const double> errors_b,
                                      std::span<const std::string> groups, int replicates,
                                      std::uint64_t seed);

}  // namespace statecraft::validation
