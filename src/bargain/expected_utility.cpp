#include "bargain/expected_utility.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <array>
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

// Scratch memory for the O(n^2) tables, kept per thread between rounds: allocating
// them afresh each round costs more in page faults (memset of new pages) than the
// round's arithmetic at n ~ 100. A nested call on the same thread (TBB may run another
// task while this one waits) takes a different buffer from the pool, so it is
// re-entrant. Contents are always fully overwritten before use.
class Scratch {
 public:
  explicit Scratch(std::size_t size) {
    auto& pool = pool_();
    if (!pool.empty()) {
      data_ = std::move(pool.back());
      pool.pop_back();
    }
    if (data_.size() < size) data_.resize(size);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  ~Scratch() { pool_().push_back(std::move(data_)); }
  [[nodiscard]] double* data() { return data_.data(); }

 private:
  static std::vector<std::vector<double>>& pool_() {
    thread_local std::vector<std::vector<double>> pool;
    return pool;
  }
  std::vector<double> data_;
};

// x^r with the common risk-neutral case exact and cheap. (A hand-written series for
// 2^(r log2 x) measured slower than glibc's table-driven pow, so we keep std::pow.)
double power(double base, double exponent) { return exponent == 1.0 ? base : std::pow(base, exponent); }

// Votes of every actor k on every pair of positions (a, b):
//   v_k(a, b) = w_k [ g_k(|x_k - x_b|) - g_k(|x_k - x_a|) ],  g_k(d) = (d / range)^{r_k},
// positive when k prefers a. k prefers a exactly when x_k lies on a's side of the
// midpoint (x_a + x_b) / 2, whatever r_k, so with actors sorted by position the
// supporters of each side form a contiguous block. With prefix sums, over voters in
// that order, of U(k, t) = w_k g_k(|x_k - x_t|) for every target t, the support for
// each side is a few look-ups: O(1) per pair once the block boundary is known,
// instead of O(n). Everything here is in rank space (actors sorted by position).
class VoteTable {
 public:
  // `utility(k, t)` gives U(k, t) for voter k and target t; it is called for every
  // ordered pair (rows of voters in parallel), so it must be a pure function.
  template <typename Utility>
  VoteTable(std::size_t n, Utility&& utility) : n_(n), storage_((n_ + 1) * n_), prefix_(storage_.data()) {
    // Voters are processed in blocks: a block's utilities are computed row by row
    // (voter-major, which the pair sums below need) and then written into the
    // target-major prefix table a short run at a time, so both stay cache friendly.
    constexpr std::size_t kBlock = 16;
    const std::size_t blocks = (n_ + kBlock - 1) / kBlock;
    std::vector<double> pair_sums(n_, 0.0);
    auto fill_block = [&](std::size_t block) {
      const std::size_t first = block * kBlock;
      const std::size_t last = std::min(n_, first + kBlock);
      Scratch scratch((last - first) * n_);
      double* rows = scratch.data();
      for (std::size_t k = first; k < last; ++k) {
        double* row = &rows[(k - first) * n_];
        for (std::size_t t = 0; t < n_; ++t) row[t] = utility(k, t);
        // Sum over ordered pairs (a, b) of |U(k, a) - U(k, b)|: with the values in
        // ascending order u_(0..n-1), it is 2 sum_m u_(m) (2m - n + 1). Values grow
        // with the distance from x_k, so merging the two sides of k gives that order.
        std::size_t left = k;       // next on the left is left - 1
        std::size_t right = k + 1;  // next on the right
        double value_sum = 0.0;
        double seen = 0.0;
        const double offset = static_cast<double>(n_) - 1.0;
        auto take = [&](double value) {
          value_sum += value * (2.0 * seen - offset);
          seen += 1.0;
        };
        take(row[k]);
        while (left > 0 || right < n_) {
          if (right >= n_ || (left > 0 && row[left - 1] <= row[right])) {
            take(row[--left]);
          } else {
            take(row[right++]);
          }
        }
        pair_sums[k] = 2.0 * value_sum;
      }
      for (std::size_t t = 0; t < n_; ++t) {
        if (first == 0) prefix_[t * (n_ + 1)] = 0.0;
        double* out = &prefix_[t * (n_ + 1) + first + 1];
        for (std::size_t k = first; k < last; ++k) out[k - first] = rows[(k - first) * n_ + t];
      }
    };
    if (n_ < kParallelThreshold) {
      for (std::size_t b = 0; b < blocks; ++b) fill_block(b);
    } else {
      tbb::parallel_for(tbb::blocked_range<std::size_t>(0, blocks), [&](const tbb::blocked_range<std::size_t>& r) {
        for (std::size_t b = r.begin(); b != r.end(); ++b) fill_block(b);
      });
    }
    for_each_index(n_, [&](std::size_t t) {
      double* row = &prefix_[t * (n_ + 1)];
      for (std::size_t m = 1; m <= n_; ++m) row[m] += row[m - 1];
    });
    for (double s : pair_sums) all_votes_ += s;  // fixed order: thread-count independent
  }

  // Supporting votes for the left (lower-ranked) and the right actor of a pair, given
  // the number of voters strictly left of the midpoint (below) and at or left of it
  // (through); voters exactly at the midpoint are indifferent.
  struct Support {
    double left = 0.0;
    double right = 0.0;
  };

  [[nodiscard]] Support support(std::size_t left, std::size_t right, std::size_t below, std::size_t through) const {
    const double* l = &prefix_[left * (n_ + 1)];
    const double* r = &prefix_[right * (n_ + 1)];
    // Rounding in the prefix differences can leave -1e-17 where the sum is 0.
    return {std::max(0.0, r[below] - l[below]), std::max(0.0, (l[n_] - l[through]) - (r[n_] - r[through]))};
  }

  [[nodiscard]] double all_votes() const { return all_votes_; }

 private:
  std::size_t n_;
  Scratch storage_;
  double* prefix_;  // n x (n + 1), target-major: [t][m] = sum over the m leftmost voters of U(k, t)
  double all_votes_ = 0.0;      // sum over voters and ordered pairs of |v_k(a, b)|
};

// The midpoint boundaries of a receiver against every other actor, advanced as the
// other actor's rank grows (the midpoint only moves right), so each costs O(1) amortised.
class Boundary {
 public:
  Boundary(std::span<const double> sorted, double receiver) : sorted_(sorted), receiver_(receiver) {}

  // (below, through) for the pair (receiver, other); call with non-decreasing `other`.
  std::pair<std::size_t, std::size_t> at(double other) {
    const double mid = 0.5 * (receiver_ + other);
    while (below_ < sorted_.size() && sorted_[below_] < mid) ++below_;
    if (through_ < below_) through_ = below_;
    while (through_ < sorted_.size() && sorted_[through_] <= mid) ++through_;
    return {below_, through_};
  }

 private:
  std::span<const double> sorted_;
  double receiver_;
  std::size_t below_ = 0;
  std::size_t through_ = 0;
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
// `status_quo` is U_sq = 2 - 4 (1/2)^exponent, which depends on the exponent only and
// is computed once per actor by the caller.
double expected_utility(const Context& context, std::size_t challenger, std::size_t target, double probability,
                        const Utilities& utilities, double exponent, double status_quo) {
  const double salience = context.actors.saliences[target];
  const double q = context.params.status_quo_probability;
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

int cycle_length(const std::vector<Round>& rounds, double tolerance) {
  if (rounds.size() < 3) return 0;
  const std::vector<double>& now = rounds.back().positions;
  for (std::size_t length = 2; length < rounds.size(); ++length) {
    const std::vector<double>& then = rounds[rounds.size() - 1 - length].positions;
    bool same = then.size() == now.size();
    for (std::size_t i = 0; same && i < now.size(); ++i) same = std::abs(now[i] - then[i]) <= tolerance;
    if (same) return static_cast<int>(length);
  }
  return 0;
}

BdmRoundResult bdm_round(const BdmActors& input, const BdmParams& params) {
  check_actors(input);
  const std::size_t n = input.positions.size();
  // Work in rank space: actors sorted by position (ties by input order).
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return input.positions[a] != input.positions[b] ? input.positions[a] < input.positions[b] : a < b;
  });
  std::vector<double> x(n), capability(n), salience(n), weights(n);
  for (std::size_t m = 0; m < n; ++m) {
    x[m] = input.positions[order[m]];
    capability[m] = input.capabilities[order[m]];
    salience[m] = input.saliences[order[m]];
    weights[m] = capability[m] * salience[m];
  }
  const BdmActors actors{x, capability, salience, input.range};
  const Context context{actors, params, weighted_median(x, weights)};
  const double range = input.range;

  // Probability that `a` beats `b`, from the support of a pair (left, right).
  auto probabilities = [&](const VoteTable& table, std::size_t left, std::size_t right,
                           std::pair<std::size_t, std::size_t> boundary) {
    const VoteTable::Support s = table.support(left, right, boundary.first, boundary.second);
    const double denominator = params.pairwise_probability ? s.left + s.right : table.all_votes();
    return denominator > 0.0 ? std::pair{s.left / denominator, s.right / denominator} : std::pair{0.0, 0.0};
  };

  // Receivers are handled in blocks of consecutive ranks. For one other actor j the
  // block's midpoints are close together, so the look-ups into j's prefix row stay
  // within a few cache lines; each receiver's own row is read almost sequentially.
  constexpr std::size_t kReceiverBlock = 32;
  const std::size_t receiver_blocks = (n + kReceiverBlock - 1) / kReceiverBlock;
  auto for_each_receiver_block = [&](auto&& body) {
    if (n < kParallelThreshold) {
      for (std::size_t b = 0; b < receiver_blocks; ++b) body(b);
    } else {
      tbb::parallel_for(tbb::blocked_range<std::size_t>(0, receiver_blocks),
                        [&](const tbb::blocked_range<std::size_t>& r) {
                          for (std::size_t b = r.begin(); b != r.end(); ++b) body(b);
                        });
    }
  };

  // Section 5: risk. With every r = 1, actor i's danger is the sum over the others of
  // their expected utility of challenging i; R_i places it between the least and the
  // most endangered actor, and r_i = (1 - R_i/3) / (1 + R_i/3) maps R in [-1, 1] to
  // r in [0.5, 2] (the most endangered actor becomes the most risk averse, r = 0.5).
  std::vector<double> danger(n, 0.0);
  {
    // Risk neutral: g_k(d) = d, no powers at all.
    const VoteTable table(n, [&](std::size_t k, std::size_t t) { return weights[k] * (std::abs(x[k] - x[t]) / range); });
    for_each_receiver_block([&](std::size_t block) {
      const std::size_t first = block * kReceiverBlock;
      const std::size_t last = std::min(n, first + kReceiverBlock);
      std::vector<Boundary> boundaries;
      for (std::size_t i = first; i < last; ++i) boundaries.emplace_back(x, x[i]);
      for (std::size_t j = 0; j < n; ++j) {
        for (std::size_t i = first; i < last; ++i) {
          const auto boundary = boundaries[i - first].at(x[j]);
          if (x[j] == x[i]) continue;  // EU is 0 at equal positions
          const auto [p_left, p_right] = probabilities(table, std::min(i, j), std::max(i, j), boundary);
          const double p_j_wins = j < i ? p_left : p_right;
          danger[i] += expected_utility(context, j, i, p_j_wins, basic_utilities(std::abs(x[i] - x[j]) / range, 1.0), 1.0, 0.0);
        }
      }
    });
  }
  const auto [least, most] = std::minmax_element(danger.begin(), danger.end());
  std::vector<double> risk(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double spread = *most - *least;
    const double relative = spread > 0.0 ? (2.0 * danger[i] - *most - *least) / spread : 0.0;
    risk[i] = (1.0 - relative / 3.0) / (1.0 + relative / 3.0);
  }

  // Section 6: offers. Actor i, looking at j with its own risk exponent (Scholz's
  // "from i's perspective"), compares its EU of challenging j (e_ij) with j's EU of
  // challenging i (e_ji) and expects:
  //   e_ji > e_ij > 0                     confrontation, which i loses: i moves to x_j
  //   e_ji > 0 > e_ij, e_ji > |e_ij|      compromise: i moves |e_ij / e_ji| of the way
  //   e_ji > 0 > e_ij, e_ji <= |e_ij|     capitulation: i moves to x_j
  // Confrontations take precedence over compromises over capitulations.
  struct Candidate {
    bool present = false;
    double key = 0.0;
    Move move;
  };
  std::vector<std::array<Candidate, 3>> best(n);
  {
    // Every power below is base^r with a base that depends on the unordered pair
    // only: |x_k - x_t| / range for the votes, 0.5 -/+ 0.5 d for U_s and U_f. Their
    // logarithms are computed once per pair and each ordered pair then costs exp(r L)
    // (r = 1 keeps the exact base). Layout, n x n by rank:
    //   log_distance[a n + b] = ln(d_ab) for every a, b (symmetric; -inf at d = 0);
    //   log_utility[a n + b]  = ln(0.5 - 0.5 d_ab) for a < b, ln(0.5 + 0.5 d_ab) for a > b.
    // Each entry is a pure function of the pair, so the tables do not depend on the
    // thread count.
    Scratch log_distance_storage(n * n);
    Scratch log_utility_storage(n * n);
    double* log_distance = log_distance_storage.data();
    double* log_utility = log_utility_storage.data();
    // Built in square tiles of the upper triangle; each tile also writes its mirror
    // image, so the writes below the diagonal are short contiguous runs, not a column
    // stride of n (which cost more than the logarithms saved).
    constexpr std::size_t kTile = 16;
    const std::size_t tiles = (n + kTile - 1) / kTile;
    for_each_index(tiles, [&](std::size_t row_tile) {
      const std::size_t a0 = row_tile * kTile;
      const std::size_t a1 = std::min(n, a0 + kTile);
      std::array<double, kTile * kTile> mirror_distance{};
      std::array<double, kTile * kTile> mirror_utility{};
      for (std::size_t column_tile = row_tile; column_tile < tiles; ++column_tile) {
        const std::size_t b0 = column_tile * kTile;
        const std::size_t b1 = std::min(n, b0 + kTile);
        for (std::size_t a = a0; a < a1; ++a) {
          for (std::size_t b = std::max(b0, a); b < b1; ++b) {
            const std::size_t slot = (b - b0) * kTile + (a - a0);
            if (b == a) {
              log_distance[a * n + a] = -std::numeric_limits<double>::infinity();
              log_utility[a * n + a] = std::log(0.5);
              mirror_distance[slot] = log_distance[a * n + a];
              mirror_utility[slot] = log_utility[a * n + a];
              continue;
            }
            const double d = (x[b] - x[a]) / range;  // x is sorted: x[b] >= x[a]
            const double ld = std::log(d);
            log_distance[a * n + b] = ld;
            log_utility[a * n + b] = std::log(0.5 - 0.5 * d);
            mirror_distance[slot] = ld;
            mirror_utility[slot] = std::log(0.5 + 0.5 * d);
          }
        }
        for (std::size_t b = b0; b < b1; ++b) {
          for (std::size_t a = a0; a < std::min(a1, b + 1); ++a) {
            const std::size_t slot = (b - b0) * kTile + (a - a0);
            if (a == b) continue;
            log_distance[b * n + a] = mirror_distance[slot];
            log_utility[b * n + a] = mirror_utility[slot];
          }
        }
      }
    });
    std::vector<double> status_quo(n);
    for (std::size_t i = 0; i < n; ++i) status_quo[i] = 2.0 - 4.0 * power(0.5, risk[i]);
    const VoteTable table(n, [&](std::size_t k, std::size_t t) {
      const double r = risk[k];
      return weights[k] * (r == 1.0 ? std::abs(x[k] - x[t]) / range : std::exp(r * log_distance[k * n + t]));
    });
    for_each_receiver_block([&](std::size_t block) {
      const std::size_t first = block * kReceiverBlock;
      const std::size_t last = std::min(n, first + kReceiverBlock);
      std::vector<Boundary> boundaries;
      for (std::size_t i = first; i < last; ++i) boundaries.emplace_back(x, x[i]);
      for (std::size_t j = 0; j < n; ++j) {
        const double xj = x[j];
        for (std::size_t i = first; i < last; ++i) {
          const auto boundary = boundaries[i - first].at(xj);
          const double xi = x[i];
          if (xj == xi) continue;
          const auto [p_left, p_right] = probabilities(table, std::min(i, j), std::max(i, j), boundary);
          const double p_i_wins = i < j ? p_left : p_right;
          const double p_j_wins = i < j ? p_right : p_left;
          const double exponent = risk[i];
          const Utilities utilities =
              exponent == 1.0 ? basic_utilities(std::abs(xi - xj) / range, 1.0)
                              : Utilities{2.0 - 4.0 * std::exp(exponent * log_utility[std::min(i, j) * n + std::max(i, j)]),
                                          2.0 - 4.0 * std::exp(exponent * log_utility[std::max(i, j) * n + std::min(i, j)])};
          const double e_ij = expected_utility(context, i, j, p_i_wins, utilities, exponent, status_quo[i]);
          const double e_ji = expected_utility(context, j, i, p_j_wins, utilities, exponent, status_quo[i]);
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
          Candidate& slot = best[i][static_cast<std::size_t>(move.kind)];
          // Ties go to the lower resulting position, so the choice does not depend on
          // the order in which offers are examined.
          if (!slot.present || key < slot.key || (key == slot.key && move.to_position < slot.move.to_position)) {
            slot = {true, key, move};
          }
        }
      }
    });
  }

  // Back to input order.
  BdmRoundResult result;
  result.risk_exponents.resize(n);
  result.positions.assign(input.positions.begin(), input.positions.end());
  std::vector<std::optional<Move>> chosen(n);
  for (std::size_t m = 0; m < n; ++m) {
    result.risk_exponents[order[m]] = risk[m];
    for (const Candidate& candidate : best[m]) {
      if (!candidate.present) continue;
      Move move = candidate.move;
      move.actor = order[move.actor];
      move.proposer = order[move.proposer];
      chosen[move.actor] = move;
      break;
    }
  }
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
    // A repeated state: the positions equal (within the same tolerance) those of
    // round `round - length` for some length >= 2. The model is deterministic, so
    // it would repeat that cycle until the round limit; stop and report it.
    const int length = cycle_length(trajectory.rounds, params.tolerance * range);
    if (length > 0) {
      trajectory.stopped = "cycle";
      trajectory.cycle_length = length;
      double total = 0.0;
      const std::size_t last = trajectory.rounds.size() - 1;
      for (std::size_t k = 0; k < static_cast<std::size_t>(length); ++k) total += trajectory.rounds[last - k].median;
      trajectory.forecast = total / static_cast<double>(length);
      return trajectory;
    }
  }
  if (!trajectory.converged) trajectory.stopped = "round_limit";
  trajectory.forecast = trajectory.rounds.back().median;
  return trajectory;
}

}  // namespace statecraft::bargain
