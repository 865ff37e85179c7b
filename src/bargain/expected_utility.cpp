#include "bargain/expected_utility.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>

#include "bargain/weighted.h"
#include "core/error.h"

namespace statecraft::bargain {

BdmParams BdmParams::from(const Parameters& parameters) {
  BdmParams params;
  params.rounds = static_cast<int>(parameters.get("bdm.rounds"));
  params.status_quo_probability = parameters.get("bdm.status_quo_probability");
  params.improvement_probability = parameters.get("bdm.improvement_probability");
  params.pairwise_probability = parameters.get("bdm.pairwise_probability") >= 0.5;
  params.closest_compromise = parameters.get("bdm.closest_compromise") >= 0.5;
  params.tolerance = parameters.get("bdm.tolerance");
  return params;
}

namespace {

// Below this many actors the TBB task overhead exceeds the work.
constexpr std::size_t kParallelThreshold = 64;

template <typename Body>
void for_each_index(std::size_t n, Body&& body) {
  if (n < kParallelThreshold) {
    for (std::size_t i = 0; i < n; ++i) body(i);
    return;
  }
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 16), [&](const tbb::blocked_range<std::size_t>& block) {
    for (std::size_t i = block.begin(); i != block.end(); ++i) body(i);
  });
}

// x^r with the common risk-neutral case exact and cheap.
double power(double base, double exponent) { return exponent == 1.0 ? base : std::pow(base, exponent); }

// Votes of every actor k on every pair of positions (a, b):
//   v_k(a, b) = w_k [ g_k(|x_k - x_b|) - g_k(|x_k - x_a|) ],  g_k(d) = (d / range)^{r_k},
// positive when k prefers a. k prefers a exactly when x_k lies on a's side of the
// midpoint (x_a + x_b) / 2, whatever r_k, so the supporters of a form a contiguous
// block of actors sorted by position. With prefix sums over that order of
// U(k, t) = w_k g_k(|x_k - x_t|) for every target t, the support for a against b is
// two look-ups after one binary search: O(log n) per pair instead of O(n).
class VoteTable {
 public:
  VoteTable(std::span<const double> positions, std::span<const double> weights,
            std::span<const double> exponents, double range)
      : n_(positions.size()), positions_(positions), order_(n_), sorted_(n_), prefix_((n_ + 1) * n_, 0.0) {
    std::iota(order_.begin(), order_.end(), std::size_t{0});
    std::sort(order_.begin(), order_.end(), [&](std::size_t a, std::size_t b) {
      return positions[a] != positions[b] ? positions[a] < positions[b] : a < b;
    });
    for (std::size_t m = 0; m < n_; ++m) sorted_[m] = positions[order_[m]];

    // Row m + 1 first holds voter order_[m]'s own utilities; a prefix pass follows.
    std::vector<double> pair_sums(n_, 0.0);
    for_each_index(n_, [&](std::size_t m) {
      const std::size_t k = order_[m];
      double* row = &prefix_[(m + 1) * n_];
      for (std::size_t t = 0; t < n_; ++t) {
        row[t] = weights[k] * power(std::abs(positions[k] - positions[t]) / range, exponents[k]);
      }
      // Sum over ordered pairs (a, b) of |U(k, a) - U(k, b)|. Values grow with the
      // distance from x_k, so walking outwards from k in sorted order and merging
      // the two sides yields them in ascending order without sorting.
      std::size_t left = m;       // next candidate on the left is left - 1
      std::size_t right = m + 1;  // next candidate on the right
      double value_sum = 0.0;
      std::size_t seen = 0;
      auto take = [&](double value) {
        value_sum += value * (2.0 * static_cast<double>(seen) - static_cast<double>(n_) + 1.0);
        ++seen;
      };
      take(row[k]);
      while (left > 0 || right < n_) {
        if (right >= n_ || (left > 0 && row[order_[left - 1]] <= row[order_[right]])) {
          take(row[order_[--left]]);
        } else {
          take(row[order_[right++]]);
        }
      }
      pair_sums[m] = 2.0 * value_sum;
    });
    for (std::size_t m = 0; m < n_; ++m) {
      const double* previous = &prefix_[m * n_];
      double* current = &prefix_[(m + 1) * n_];
      for (std::size_t t = 0; t < n_; ++t) current[t] += previous[t];
      all_votes_ += pair_sums[m];
    }
  }

  // Sum of the positive votes for a against b, and the sum of |votes| on the pair.
  struct Support {
    double for_a = 0.0;
    double absolute = 0.0;
  };

  [[nodiscard]] Support support(std::size_t a, std::size_t b) const {
    const double xa = positions_[a];
    const double xb = positions_[b];
    const double mid = 0.5 * (xa + xb);
    auto prefix = [&](std::size_t m, std::size_t t) { return prefix_[m * n_ + t]; };
    Support result;
    if (xa < xb) {
      // Voters strictly left of the midpoint prefer a; those at the midpoint are indifferent.
      const auto m = static_cast<std::size_t>(std::lower_bound(sorted_.begin(), sorted_.end(), mid) - sorted_.begin());
      result.for_a = prefix(m, b) - prefix(m, a);
      const double against = (prefix(n_, a) - prefix(m, a)) - (prefix(n_, b) - prefix(m, b));
      result.absolute = std::max(0.0, result.for_a) + std::max(0.0, against);
    } else {
      const auto m = static_cast<std::size_t>(std::upper_bound(sorted_.begin(), sorted_.end(), mid) - sorted_.begin());
      result.for_a = (prefix(n_, b) - prefix(m, b)) - (prefix(n_, a) - prefix(m, a));
      const double against = prefix(m, a) - prefix(m, b);
      result.absolute = std::max(0.0, result.for_a) + std::max(0.0, against);
    }
    result.for_a = std::max(0.0, result.for_a);  // rounding can leave -1e-17
    return result;
  }

  // P(a beats b). Equal positions never contest (probability 0, as in Scholz's code).
  [[nodiscard]] double probability(std::size_t a, std::size_t b, bool pairwise) const {
    if (positions_[a] == positions_[b]) return 0.0;
    const Support s = support(a, b);
    const double denominator = pairwise ? s.absolute : all_votes_;
    return denominator > 0.0 ? s.for_a / denominator : 0.0;
  }

 private:
  std::size_t n_;
  std::span<const double> positions_;
  std::vector<std::size_t> order_;
  std::vector<double> sorted_;
  std::vector<double> prefix_;  // (n + 1) x n: prefix_[m][t] = sum over the m leftmost voters of U(k, t)
  double all_votes_ = 0.0;      // sum over voters and ordered pairs of |v_k(a, b)|
};

struct Utilities {
  double success;  // U_s: the challenger's view of the target giving in
  double failure;  // U_f
};

// Scholz et al. section 3: utilities on [-2, 2], concave (r < 1) or convex (r > 1)
// in the normalised distance d between challenger and target.
Utilities basic_utilities(double distance, double exponent) {
  return {2.0 - 4.0 * power(0.5 - 0.5 * distance, exponent), 2.0 - 4.0 * power(0.5 + 0.5 * distance, exponent)};
}

struct Context {
  const BdmActors& actors;
  const BdmParams& params;
  double median;
};

// EU of `challenger` challenging `target` (section 2.2), evaluated with `exponent`:
//   s_t [P U_s + (1 - P) U_f] + (1 - s_t) U_s - Q U_sq - (1 - Q) [T U_b + (1 - T) U_w]
double expected_utility(const Context& context, std::size_t challenger, std::size_t target, double probability,
                        const Utilities& utilities, double exponent) {
  const double salience = context.actors.saliences[target];
  const double q = context.params.status_quo_probability;
  const double status_quo = 2.0 - 4.0 * power(0.5, exponent);
  double value = salience * (probability * utilities.success + (1.0 - probability) * utilities.failure) +
                 (1.0 - salience) * utilities.success - q * status_quo;
  if (q < 1.0) {
    const double range = context.actors.range;
    const double spread = 0.25 * (std::abs(context.actors.positions[challenger] - context.median) +
                                  std::abs(context.actors.positions[challenger] - context.actors.positions[target])) /
                          range;
    const double better = 2.0 - 4.0 * power(std::max(0.0, 0.5 - spread), exponent);
    const double worse = 2.0 - 4.0 * power(0.5 + spread, exponent);
    const double t = context.params.improvement_probability;
    value -= (1.0 - q) * (t * better + (1.0 - t) * worse);
  }
  return value;
}

void check_actors(const BdmActors& actors) {
  const std::size_t n = actors.positions.size();
  if (n == 0) throw PreconditionError("bdm: no actors");
  if (actors.capabilities.size() != n || actors.saliences.size() != n) {
    throw PreconditionError("bdm: positions, capabilities and saliences differ in length");
  }
  if (!(actors.range > 0.0) || !std::isfinite(actors.range)) throw PreconditionError("bdm: range must be positive");
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(actors.positions[i])) throw PreconditionError("bdm: a position is not finite");
    if (!(actors.saliences[i] >= 0.0 && actors.saliences[i] <= 1.0)) {
      throw PreconditionError("bdm: salience outside [0, 1]");
    }
    if (!(actors.capabilities[i] >= 0.0) || !std::isfinite(actors.capabilities[i])) {
      throw PreconditionError("bdm: capability negative or not finite");
    }
  }
}

}  // namespace

BdmRoundResult bdm_round(const BdmActors& actors, const BdmParams& params) {
  check_actors(actors);
  const std::size_t n = actors.positions.size();
  std::vector<double> weights(n);
  for (std::size_t i = 0; i < n; ++i) weights[i] = actors.capabilities[i] * actors.saliences[i];
  const Context context{actors, params, weighted_median(actors.positions, weights)};

  // Section 5: risk. With every r = 1, actor i's danger is the sum over the others of
  // their expected utility of challenging i; R_i places it between the least and the
  // most endangered actor, and r_i = (1 - R_i/3) / (1 + R_i/3) maps R in [-1, 1] to
  // r in [0.5, 2] (the most endangered actor becomes the most risk averse, r = 0.5).
  std::vector<double> risk_neutral(n, 1.0);
  std::vector<double> danger(n, 0.0);
  {
    const VoteTable table(actors.positions, weights, risk_neutral, actors.range);
    for_each_index(n, [&](std::size_t i) {
      double sum = 0.0;
      for (std::size_t j = 0; j < n; ++j) {
        if (j == i || actors.positions[j] == actors.positions[i]) continue;  // EU is 0 at equal positions
        const double distance = std::abs(actors.positions[i] - actors.positions[j]) / actors.range;
        sum += expected_utility(context, j, i, table.probability(j, i, params.pairwise_probability),
                                basic_utilities(distance, 1.0), 1.0);
      }
      danger[i] = sum;
    });
  }
  const auto [least, most] = std::minmax_element(danger.begin(), danger.end());
  BdmRoundResult result;
  result.risk_exponents.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double spread = *most - *least;
    const double relative = spread > 0.0 ? (2.0 * danger[i] - *most - *least) / spread : 0.0;
    result.risk_exponents[i] = (1.0 - relative / 3.0) / (1.0 + relative / 3.0);
  }

  // Section 6: offers. Actor i, looking at j with its own risk exponent (Scholz's
  // "from i's perspective"), compares its EU of challenging j (e_ij) with j's EU of
  // challenging i (e_ji) and expects:
  //   e_ji > e_ij > 0                     confrontation, which i loses: i moves to x_j
  //   e_ji > 0 > e_ij, e_ji > |e_ij|      compromise: i moves |e_ij / e_ji| of the way
  //   e_ji > 0 > e_ij, e_ji <= |e_ij|     capitulation: i moves to x_j
  // Confrontations take precedence over compromises over capitulations.
  const VoteTable table(actors.positions, weights, result.risk_exponents, actors.range);
  result.positions.assign(actors.positions.begin(), actors.positions.end());
  std::vector<std::optional<Move>> chosen(n);
  for_each_index(n, [&](std::size_t i) {
    const double xi = actors.positions[i];
    const double exponent = result.risk_exponents[i];
    std::optional<Move> best[3];
    double best_key[3] = {0.0, 0.0, 0.0};
    for (std::size_t j = 0; j < n; ++j) {
      const double xj = actors.positions[j];
      if (j == i || xj == xi) continue;
      const Utilities utilities = basic_utilities(std::abs(xi - xj) / actors.range, exponent);
      const double e_ij = expected_utility(context, i, j, table.probability(i, j, params.pairwise_probability),
                                           utilities, exponent);
      const double e_ji = expected_utility(context, j, i, table.probability(j, i, params.pairwise_probability),
                                           utilities, exponent);
      Move move{i, j, OfferKind::confrontation, xi, xj};
      double key = 0.0;
      if (e_ji > e_ij && e_ij > 0.0) {
        key = std::abs(xj - xi);
      } else if (e_ji > 0.0 && e_ij < 0.0 && e_ji > -e_ij) {
        move.kind = OfferKind::compromise;
        move.to_position = xi + (xj - xi) * (-e_ij / e_ji);
        // Scholz's rule: the smallest EU-weighted average of the two positions.
        key = params.closest_compromise ? std::abs(move.to_position - xi)
                                        : (-e_ij * xi + e_ji * xj) / (-e_ij + e_ji);
      } else if (e_ji > 0.0 && e_ij < 0.0) {
        move.kind = OfferKind::capitulation;
        key = std::abs(xj - xi);
      } else {
        continue;
      }
      const auto slot = static_cast<std::size_t>(move.kind);
      // Ties go to the lower resulting position, then the earlier proposer, so the
      // choice does not depend on the order in which offers are examined.
      if (!best[slot] || key < best_key[slot] ||
          (key == best_key[slot] && move.to_position < best[slot]->to_position)) {
        best[slot] = move;
        best_key[slot] = key;
      }
    }
    for (const auto& candidate : best) {
      if (candidate) {
        chosen[i] = candidate;
        break;
      }
    }
  });
  for (std::size_t i = 0; i < n; ++i) {
    if (!chosen[i]) continue;
    result.positions[i] = chosen[i]->to_position;
    result.moves.push_back(*chosen[i]);
  }
  return result;
}

Trajectory run_bdm(const Issue& issue, const BdmParams& params) {
  if (params.rounds < 0) throw PreconditionError("bdm: rounds must be >= 0");
  std::vector<double> positions = positions_of(issue);
  std::vector<double> capabilities;
  std::vector<double> saliences;
  for (const auto& stance : issue.stances) {
    capabilities.push_back(stance.capability.value);
    saliences.push_back(stance.salience.value);
  }
  const std::vector<double> weights = influence_weights(issue);

  Trajectory trajectory;
  trajectory.model = "bdm";
  Round start;
  start.positions = positions;
  start.median = weighted_median(positions, weights);
  start.mean = weighted_mean(positions, weights);
  trajectory.rounds.push_back(start);

  const auto [low, high] = std::minmax_element(positions.begin(), positions.end());
  const double range = *high - *low;
  if (range <= 0.0) {
    // Unanimity: nobody has anything to gain from a challenge.
    trajectory.converged = true;
    trajectory.forecast = start.median;
    return trajectory;
  }
  for (int round = 1; round <= params.rounds; ++round) {
    BdmRoundResult step = bdm_round({positions, capabilities, saliences, range}, params);
    double largest_move = 0.0;
    for (std::size_t i = 0; i < positions.size(); ++i) {
      largest_move = std::max(largest_move, std::abs(step.positions[i] - positions[i]));
    }
    positions = std::move(step.positions);
    Round record;
    record.index = round;
    record.positions = positions;
    record.median = weighted_median(positions, weights);
    record.mean = weighted_mean(positions, weights);
    record.moves = std::move(step.moves);
    trajectory.rounds.push_back(std::move(record));
    if (largest_move <= params.tolerance * range) {
      trajectory.converged = true;
      break;
    }
  }
  trajectory.forecast = trajectory.rounds.back().median;
  return trajectory;
}

}  // namespace statecraft::bargain
