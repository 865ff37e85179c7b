#include "bargain/weighted.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/error.h"

namespace statecraft::bargain {

const char* to_string(OfferKind kind) {
  switch (kind) {
    case OfferKind::confrontation: return "confrontation";
    case OfferKind::compromise: return "compromise";
    case OfferKind::capitulation: return "capitulation";
  }
  return "?";
}

const char* to_string(SmpMoveKind kind) {
  switch (kind) {
    case SmpMoveKind::ideal: return "ideal";
    case SmpMoveKind::toward: return "toward";
  }
  return "?";
}

namespace {
double checked_total(std::span<const double> positions, std::span<const double> weights) {
  if (positions.size() != weights.size()) throw PreconditionError("positions and weights differ in length");
  if (positions.empty()) throw PreconditionError("no positions");
  double total = 0.0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (!(weights[i] >= 0.0) || !std::isfinite(weights[i]))
      throw PreconditionError("a weight is negative or not finite");
    if (!std::isfinite(positions[i])) throw PreconditionError("a position is not finite");
    total += weights[i];
  }
  if (!(total > 0.0)) throw PreconditionError("total weight (capability x salience) is zero");
  return total;
}
}  // namespace

double weighted_mean(std::span<const double> positions, std::span<const double> weights) {
  const double total = checked_total(positions, weights);
  double sum = 0.0;
  for (std::size_t i = 0; i < positions.size(); ++i) sum += weights[i] * positions[i];
  return sum / total;
}

double weighted_median(std::span<const double> positions, std::span<const double> weights) {
  const double total = checked_total(positions, weights);
  std::vector<std::size_t> order(positions.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  // Sorting by (position, weight) makes the accumulation order independent of the
  // input order, so permuting actors cannot flip a knife-edge comparison.
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return positions[a] != positions[b] ? positions[a] < positions[b] : weights[a] < weights[b];
  });
  // A relative slack keeps an exact half (e.g. two equal blocs) on the lower side
  // despite rounding in the sum.
  const double half = 0.5 * total * (1.0 - 1e-12);
  double cumulative = 0.0;
  for (std::size_t m = 0; m < order.size(); ++m) {
    cumulative += weights[order[m]];
    const bool last_of_tie = m + 1 == order.size() || positions[order[m + 1]] != positions[order[m]];
    if (last_of_tie && cumulative >= half) return positions[order[m]];
  }
  return positions[order.back()];
}

std::vector<double> influence_weights(const Issue& issue) {
  std::vector<double> weights;
  weights.reserve(issue.stances.size());
  for (const auto& stance : issue.stances) weights.push_back(stance.capability.value * stance.salience.value);
  return weights;
}

std::vector<double> positions_of(const Issue& issue) {
  std::vector<double> positions;
  positions.reserve(issue.stances.size());
  for (const auto& stance : issue.stances) positions.push_back(stance.position.value);
  return positions;
}

namespace {
Trajectory single_round(const Issue& issue, const char* model, bool median) {
  const auto positions = positions_of(issue);
  const auto weights = influence_weights(issue);
  Trajectory trajectory;
  trajectory.model = model;
  Round round;
  round.positions = positions;
  round.median = weighted_median(positions, weights);
  round.mean = weighted_mean(positions, weights);
  trajectory.forecast = median ? round.median : round.mean;
  trajectory.rounds.push_back(std::move(round));
  trajectory.converged = true;
  return trajectory;
}
}  // namespace

Trajectory run_weighted_mean(const Issue& issue) {
  return single_round(issue, "achen", false);
}
Trajectory run_weighted_median(const Issue& issue) {
  return single_round(issue, "median", true);
}

}  // namespace statecraft::bargain
