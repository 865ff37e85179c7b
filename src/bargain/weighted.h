// Weighted central positions. Achen's compromise model forecasts the mean of the
// positions weighted by capability x salience; the weighted median is the position
// no weighted majority prefers to move from (Black 1948), with single-peaked,
// symmetric preferences on one dimension.
#pragma once

#include <span>

#include "bargain/trajectory.h"
#include "core/issue.h"

namespace statecraft::bargain {

// Sum(w x) / Sum(w). Throws PreconditionError when the sizes differ, a weight is
// negative or the total weight is not positive.
[[nodiscard]] double weighted_mean(std::span<const double> positions, std::span<const double> weights);

// The lower weighted median: the smallest position at which the cumulative weight
// (positions in ascending order) reaches half the total. Ties in position are one
// point, so the answer does not depend on input order. Same preconditions.
[[nodiscard]] double weighted_median(std::span<const double> positions, std::span<const double> weights);

// capability x salience for every stance, input order.
[[nodiscard]] std::vector<double> influence_weights(const Issue& issue);
[[nodiscard]] std::vector<double> positions_of(const Issue& issue);

// One-round trajectories, named "achen" and "median".
[[nodiscard]] Trajectory run_weighted_mean(const Issue& issue);
[[nodiscard]] Trajectory run_weighted_median(const Issue& issue);

}  // namespace statecraft::bargain
