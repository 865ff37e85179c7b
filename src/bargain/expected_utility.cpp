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
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 16),
                    [&](const tbb::blocked_range<std::size_t>& block) {
                      for (std::size_t i = block.begin(); i != block.end(); ++i) body(i);
                    });
}

// Scratch memory for the O(n^2) tables, kept per thread between rounds: allocating
// them afresh each round costs more in page faults (memset of new pages) than the
// round's arithmetic at n ~ 100. A nested call on the same thread (TBB may run another
// task while this one waits) takes a different buffer from the pool, so it is
// re-entrant. Contents are always fully overwritten before use.
template <typename T>
class ScratchOf {
 public:
  explicit ScratchOf(std::size_t size) {
    // Best fit: the smallest pooled buffer that is large enough, else the largest one
    // (grown). Taking any buffer would keep regrowing small ones into large ones, and
    // the page faults of growing cost more than the work at every n.
    auto& pool = pool_();
    std::size_t pick = pool.size();
    for (std::size_t b = 0; b < pool.size(); ++b) {
      const std::size_t have = pool[b].size();
      if (pick == pool.size()) {
        pick = b;
        continue;
      }
      const std::size_t best = pool[pick].size();
      const bool fits = have >= size;
      const bool best_fits = best >= size;
      if ((fits && (!best_fits || have < best)) || (!fits && !best_fits && have > best)) pick = b;
    }
    if (pick != pool.size()) {
      data_ = std::move(pool[pick]);
      pool[pick] = std::move(pool.back());
      pool.pop_back();
    }
    if (data_.size() < size) data_.resize(size);
  }
  ScratchOf(const ScratchOf&) = delete;
  ScratchOf& operator=(const ScratchOf&) = delete;
  ~ScratchOf() { pool_().push_back(std::move(data_)); }
  [[nodiscard]] T* data() { return data_.data(); }

 private:
  static std::vector<std::vector<T>>& pool_() {
    thread_local std::vector<std::vector<T>> pool;
    return pool;
  }
  std::vector<T> data_;
};

using Scratch = ScratchOf<double>;

// x^r with the common risk-neutral case exact and cheap. (A hand-written series for
// 2^(r log2 x) measured slower than glibc's table-driven pow, so we keep std::pow.)
double power(double base, double exponent) {
  return exponent == 1.0 ? base : std::pow(base, exponent);
}

// Sum over ordered pairs (a, b) of |u_a - u_b| for one voter's row u_t = U(k, t), in
// O(n): with the values in ascending order u_(0..n-1) it is 2 sum_m u_(m) (2m - n + 1).
// U grows with the distance from x_k (actors in rank order), so merging the two sides
// of k gives that order without sorting.
double sum_of_abs_differences(const double* row, std::size_t n, std::size_t k) {
  std::size_t left = k;       // next on the left is left - 1
  std::size_t right = k + 1;  // next on the right
  double value_sum = 0.0;
  double seen = 0.0;
  const double offset = static_cast<double>(n) - 1.0;
  auto take = [&](double value) {
    value_sum += value * (2.0 * seen - offset);
    seen += 1.0;
  };
  take(row[k]);
  while (left > 0 || right < n) {
    if (right >= n || (left > 0 && row[left - 1] <= row[right])) {
      take(row[--left]);
    } else {
      take(row[right++]);
    }
  }
  return 2.0 * value_sum;
}

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
  // ordered pair (rows of voters in parallel), so it must be a pure function. The
  // denominator over all pairs (all_votes) is computed only when asked for.
  template <typename Utility>
  VoteTable(std::size_t n, Utility&& utility, bool with_all_votes)
      : n_(n), storage_((n_ + 1) * n_), prefix_(storage_.data()) {
    // Voters are processed in blocks: a block's utilities are computed row by row
    // (voter-major, which the pair sums below need) and then written into the
    // target-major prefix table a short run at a time, so both stay cache friendly.
    constexpr std::size_t kBlock = 16;
    const std::size_t blocks = (n_ + kBlock - 1) / kBlock;
    Scratch pair_sum_storage(n_);
    double* pair_sums = pair_sum_storage.data();
    std::fill(pair_sums, pair_sums + n_, 0.0);
    auto fill_block = [&](std::size_t block) {
      const std::size_t first = block * kBlock;
      const std::size_t last = std::min(n_, first + kBlock);
      Scratch scratch((last - first) * n_);
      double* rows = scratch.data();
      for (std::size_t k = first; k < last; ++k) {
        double* row = &rows[(k - first) * n_];
        for (std::size_t t = 0; t < n_; ++t) row[t] = utility(k, t);
        if (with_all_votes) pair_sums[k] = sum_of_abs_differences(row, n_, k);
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
      tbb::parallel_for(tbb::blocked_range<std::size_t>(0, blocks),
                        [&](const tbb::blocked_range<std::size_t>& r) {
                          for (std::size_t b = r.begin(); b != r.end(); ++b) fill_block(b);
                        });
    }
    for_each_index(n_, [&](std::size_t t) {
      double* row = &prefix_[t * (n_ + 1)];
      for (std::size_t m = 1; m <= n_; ++m) row[m] += row[m - 1];
    });
    for (std::size_t k = 0; k < n_; ++k) all_votes_ += pair_sums[k];  // fixed order: thread-count independent
  }

  // Supporting votes for the left (lower-ranked) and the right actor of a pair, given
  // the number of voters strictly left of the midpoint (below) and at or left of it
  // (through); voters exactly at the midpoint are indifferent.
  struct Support {
    double left = 0.0;
    double right = 0.0;
  };

  [[nodiscard]] Support support(std::size_t left, std::size_t right, std::size_t below,
                                std::size_t through) const {
    const double* l = &prefix_[left * (n_ + 1)];
    const double* r = &prefix_[right * (n_ + 1)];
    // Rounding in the prefix differences can leave -1e-17 where the sum is 0.
    return {std::max(0.0, r[below] - l[below]), std::max(0.0, (l[n_] - l[through]) - (r[n_] - r[through]))};
  }

  [[nodiscard]] double all_votes() const { return all_votes_; }

  // Asks for target t's prefix entry at m ahead of use: the receiver loop visits a new
  // row for every other actor, and at large n each visit would otherwise wait on memory.
  void prefetch(std::size_t t, std::size_t m) const {
    __builtin_prefetch(&prefix_[t * (n_ + 1) + std::min(m, n_)]);
  }

 private:
  std::size_t n_;
  Scratch storage_;
  double* prefix_;          // n x (n + 1), target-major: [t][m] = sum over the m leftmost voters of U(k, t)
  double all_votes_ = 0.0;  // sum over voters and ordered pairs of |v_k(a, b)|
};

// The midpoint boundaries of a receiver against every other actor, advanced as the
// other actor's rank grows (the midpoint only moves right), so each costs O(1) amortised.
class Boundary {
 public:
  Boundary() = default;
  // `sorted` must be followed in memory by a sentinel +infinity (sorted.data()[size]),
  // so the scans below need no bounds checks.
  Boundary(std::span<const double> sorted, double receiver) : sorted_(sorted.data()), receiver_(receiver) {}
  // Starting the scans at `start`, a count of positions known to lie below every
  // midpoint this boundary will be asked about.
  Boundary(std::span<const double> sorted, double receiver, std::size_t start)
      : sorted_(sorted.data()), receiver_(receiver), below_(start), through_(start) {}

  [[nodiscard]] std::size_t below() const { return below_; }

  // (below, through) for the pair (receiver, other); call with non-decreasing `other`.
  // The midpoint moves by half a rank per call on average, so two unconditional steps
  // (adding a comparison's result, no branch) cover most calls and the loop after
  // them is rarely entered: a mispredicted loop exit per pair cost more than the rest
  // of the pair's arithmetic.
  std::pair<std::size_t, std::size_t> at(double other) {
    const double mid = 0.5 * (receiver_ + other);
    below_ += static_cast<std::size_t>(sorted_[below_] < mid);
    below_ += static_cast<std::size_t>(sorted_[below_] < mid);
    while (sorted_[below_] < mid) ++below_;
    if (through_ < below_) through_ = below_;
    while (sorted_[through_] <= mid) ++through_;
    return {below_, through_};
  }

 private:
  const double* sorted_ = nullptr;
  double receiver_ = 0.0;
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
  return {2.0 - 4.0 * power(0.5 - 0.5 * distance, exponent),
          2.0 - 4.0 * power(0.5 + 0.5 * distance, exponent)};
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
double expected_utility(const Context& context, std::size_t challenger, std::size_t target,
                        double probability, const Utilities& utilities, double exponent, double status_quo) {
  const double salience = context.actors.saliences[target];
  const double q = context.params.status_quo_probability;
  double value = salience * (probability * utilities.success + (1.0 - probability) * utilities.failure) +
                 (1.0 - salience) * utilities.success - q * status_quo;
  if (q < 1.0) {
    const double range = context.actors.range;
    const double spread =
        0.25 *
        (std::abs(context.actors.positions[challenger] - context.median) +
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
  if (!(actors.range > 0.0) || !std::isfinite(actors.range))
    throw PreconditionError("bdm: range must be positive");
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

// Two expected utilities closer than this are equal (see the offer rules).
constexpr double kTie = 1e-12;

// An actor's best offer of one kind so far in a round (section 6).
struct OfferCandidate {
  bool present = false;
  double key = 0.0;
  Move move;
};

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
  // Work in rank space: actors sorted by position. Ties are broken by capability, then
  // salience, then input order, so actors that differ in anything the model reads
  // come out in the same order whatever order they were given in (and with it every
  // floating-point sum below); only fully identical actors keep their input order.
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (input.positions[a] != input.positions[b]) return input.positions[a] < input.positions[b];
    if (input.capabilities[a] != input.capabilities[b]) return input.capabilities[a] < input.capabilities[b];
    if (input.saliences[a] != input.saliences[b]) return input.saliences[a] < input.saliences[b];
    return a < b;
  });
  // Per-actor arrays, carved from one per-thread buffer: x, capability, salience,
  // weight, prefix sums of w and w x (n + 1 each), danger, risk, U_sq; x has a
  // sentinel +infinity after its n positions.
  Scratch actor_storage(9 * n + 3);
  double* const x = actor_storage.data();
  x[n] = std::numeric_limits<double>::infinity();  // sentinel for Boundary
  double* const capability = x + n + 1;
  double* const salience = capability + n;
  double* const weights = salience + n;
  double* const weight_prefix = weights + n;              // n + 1
  double* const moment_prefix = weight_prefix + (n + 1);  // n + 1
  double* const danger = moment_prefix + (n + 1);
  double* const risk = danger + n;
  double* const status_quo = risk + n;
  weight_prefix[0] = 0.0;
  moment_prefix[0] = 0.0;
  for (std::size_t m = 0; m < n; ++m) {
    x[m] = input.positions[order[m]];
    capability[m] = input.capabilities[order[m]];
    salience[m] = input.saliences[order[m]];
    weights[m] = capability[m] * salience[m];
    weight_prefix[m + 1] = weight_prefix[m] + weights[m];
    moment_prefix[m + 1] = moment_prefix[m] + weights[m] * x[m];
  }
  const std::span<const double> sorted(x, n);
  const BdmActors actors{sorted, std::span<const double>(capability, n), std::span<const double>(salience, n),
                         input.range};
  const Context context{actors, params, weighted_median(sorted, std::span<const double>(weights, n))};
  const double range = input.range;
  const double q = params.status_quo_probability;
  // Positions closer than the stopping tolerance are one position: they do not
  // contest. Near-coincident positions (a few 1e-8 of the range apart after actors
  // converge on a point) otherwise meet in contests whose votes are all of the size of
  // the gap, and which side wins was decided by rounding, not by the model.
  const double same = params.tolerance * range;

  // EU of `challenger` challenging `target` with the target's salience s_t, when
  // Q = 1 (the default, and what Table 2 uses): s_t [P U_s + (1 - P) U_f] +
  // (1 - s_t) U_s - U_sq. Otherwise the general form with the (1 - Q) term.
  auto eu = [&](std::size_t challenger, std::size_t target, double probability, const Utilities& u,
                double exponent, double u_sq) {
    if (q == 1.0) {
      const double s_t = salience[target];
      return s_t * (probability * u.success + (1.0 - probability) * u.failure) + (1.0 - s_t) * u.success -
             u_sq;
    }
    return expected_utility(context, challenger, target, probability, u, exponent, u_sq);
  };

  // Receivers are handled in blocks of consecutive ranks. For one other actor j the
  // block's midpoints are close together, so the look-ups into j's prefix row stay
  // within a few cache lines; each receiver's own row is read almost sequentially.
  // Every receiver's results (danger[i], best[i]) are written by exactly one task and
  // summed in rank order, so the round is identical for any thread count.
  constexpr std::size_t kReceiverBlock = 32;
  const std::size_t receiver_blocks = (n + kReceiverBlock - 1) / kReceiverBlock;
  // body(first, last, boundaries): receivers [first, last) and each one's Boundary in
  // `sorted` (boundaries[i - first]).
  auto for_each_receiver_block = [&](auto&& body) {
    const auto run = [&](std::size_t block) {
      const std::size_t first = block * kReceiverBlock;
      const std::size_t last = std::min(n, first + kReceiverBlock);
      std::array<Boundary, kReceiverBlock> boundaries{};
      for (std::size_t i = first; i < last; ++i) boundaries[i - first] = Boundary(sorted, x[i]);
      body(first, last, boundaries);
    };
    if (n < kParallelThreshold) {
      for (std::size_t b = 0; b < receiver_blocks; ++b) run(b);
    } else {
      tbb::parallel_for(tbb::blocked_range<std::size_t>(0, receiver_blocks),
                        [&](const tbb::blocked_range<std::size_t>& r) {
                          for (std::size_t b = r.begin(); b != r.end(); ++b) run(b);
                        });
    }
  };

  // Section 5: risk. With every r = 1, actor i's danger is the sum over the others of
  // their expected utility of challenging i; R_i places it between the least and the
  // most endangered actor, and r_i = (1 - R_i/3) / (1 + R_i/3) maps R in [-1, 1] to
  // r in [0.5, 2] (the most endangered actor becomes the most risk averse, r = 0.5).
  {
    // Risk neutral, g_k(d) = d: voter k's vote on a pair (a, b), x_a < x_b, is
    // w_k (x_b - x_a) / range for x_k <= x_a, w_k (x_a + x_b - 2 x_k) / range between
    // x_a and the midpoint, and the mirror image on b's side. The support for each
    // side is therefore a closed form in prefix sums W of w_k and WX of w_k x_k over
    // voters in rank order, with no n^2 table:
    //   left  = [(x_b - x_a) W[0, a] + (x_a + x_b) W(a, below) - 2 WX(a, below)] / range
    //   right = [2 WX[through, b) - (x_a + x_b) W[through, b) + (x_b - x_a) W[b, n)] / range
    // The denominator over all pairs is the same sum as in VoteTable, with U = w d.
    double all_votes = 0.0;
    if (!params.pairwise_probability) {
      // One merge per voter, in parallel; the per-voter sums are added in rank order.
      Scratch sum_storage(n);
      double* const voter_sums = sum_storage.data();
      for_each_index(n, [&](std::size_t k) {
        Scratch row_storage(n);
        double* const row = row_storage.data();
        for (std::size_t t = 0; t < n; ++t) row[t] = weights[k] * (std::abs(x[k] - x[t]) / range);
        voter_sums[k] = sum_of_abs_differences(row, n, k);
      });
      for (std::size_t k = 0; k < n; ++k) all_votes += voter_sums[k];
    }
    auto neutral_support = [&](std::size_t a, std::size_t b, std::size_t below, std::size_t through) {
      const double gap = x[b] - x[a];
      const double both = x[a] + x[b];
      const double left = gap * weight_prefix[a + 1] + both * (weight_prefix[below] - weight_prefix[a + 1]) -
                          2.0 * (moment_prefix[below] - moment_prefix[a + 1]);
      const double right = 2.0 * (moment_prefix[b] - moment_prefix[through]) -
                           both * (weight_prefix[b] - weight_prefix[through]) +
                           gap * (weight_prefix[n] - weight_prefix[b]);
      // Rounding in the prefix differences can leave -1e-17 where the sum is 0.
      return VoteTable::Support{std::max(0.0, left / range), std::max(0.0, right / range)};
    };
    const double neutral_status_quo = 2.0 - 4.0 * 0.5;
    // The term actor j's challenge adds to receiver i's danger, given j's chance.
    // (Forced inline: called from two loops, GCC would otherwise keep it out of line
    // and pay a call per ordered pair.)
    auto danger_term = [&](std::size_t i, std::size_t j, double p_j_wins) __attribute__((always_inline)) {
      const double d = std::abs(x[i] - x[j]) / range;
      // With r = 1 and Q = 1: U_s = 2d, U_f = -2d, U_sq = 0, so
      // EU(j->i) = s_i (P 2d - (1 - P) 2d) + (1 - s_i) 2d = 2d (1 - 2 s_i (1 - P)).
      return q == 1.0 ? 2.0 * d * (1.0 - 2.0 * salience[i] * (1.0 - p_j_wins))
                      : eu(j, i, p_j_wins, basic_utilities(d, 1.0), 1.0, neutral_status_quo);
    };
    if (n < kParallelThreshold) {
      // Few actors, one thread: each unordered pair once. Its midpoint boundary and
      // supports serve both members, which halves the pair work. Rows a in ascending
      // order, b > a ascending, so receiver m gets its terms in ascending order of the
      // challenger (rows a < m, then its own row): the same sums, bit for bit, as the
      // per-receiver loop below.
      std::fill(danger, danger + n, 0.0);
      for (std::size_t a = 0; a + 1 < n; ++a) {
        Boundary boundary(sorted, x[a], static_cast<std::size_t>(std::lower_bound(x, x + n, x[a]) - x));
        for (std::size_t b = a + 1; b < n; ++b) {
          const auto [below, through] = boundary.at(x[b]);
          if (std::abs(x[b] - x[a]) <= same) continue;  // one position: no contest
          const VoteTable::Support support = neutral_support(a, b, below, through);
          const double denominator = params.pairwise_probability ? support.left + support.right : all_votes;
          const double p_a_wins = denominator > 0.0 ? support.left / denominator : 0.0;
          const double p_b_wins = denominator > 0.0 ? support.right / denominator : 0.0;
          danger[a] += danger_term(a, b, p_b_wins);
          danger[b] += danger_term(b, a, p_a_wins);
        }
      }
    } else {
      for_each_receiver_block([&](std::size_t first, std::size_t last,
                                  std::array<Boundary, kReceiverBlock>& boundaries) {
        std::array<double, kReceiverBlock> sums{};
        for (std::size_t j = 0; j < n; ++j) {
          for (std::size_t i = first; i < last; ++i) {
            const auto [below, through] = boundaries[i - first].at(x[j]);
            if (std::abs(x[j] - x[i]) <= same) continue;  // one position: no contest
            const std::size_t a = std::min(i, j);
            const std::size_t b = std::max(i, j);
            const VoteTable::Support support = neutral_support(a, b, below, through);
            const double denominator = params.pairwise_probability ? support.left + support.right : all_votes;
            const double p_j_wins =
                denominator > 0.0 ? (j < i ? support.left : support.right) / denominator : 0.0;
            sums[i - first] += danger_term(i, j, p_j_wins);
          }
        }
        for (std::size_t i = first; i < last; ++i) danger[i] = sums[i - first];
      });
    }
  }
  double least = danger[0];
  double most = danger[0];
  for (std::size_t i = 1; i < n; ++i) {
    least = std::min(least, danger[i]);
    most = std::max(most, danger[i]);
  }
  // Dangers equal in exact arithmetic (every actor equally endangered, e.g. two blocs
  // of mirror-image actors) can differ by rounding; dividing by that spread would turn
  // the rounding into R = -1 or +1, i.e. r = 2 or 0.5. A spread within 1e-12 of the
  // dangers' size counts as none: R = 0, r = 1 for all.
  const double spread = most - least;
  const double size = std::max(std::abs(most), std::abs(least));
  const bool no_spread = !(spread > 1e-12 * size);
  for (std::size_t i = 0; i < n; ++i) {
    const double relative = no_spread ? 0.0 : (2.0 * danger[i] - most - least) / spread;
    risk[i] = (1.0 - relative / 3.0) / (1.0 + relative / 3.0);
    status_quo[i] = 2.0 - 4.0 * power(0.5, risk[i]);
  }

  // Section 6: offers. Actor i, looking at j with its own risk exponent (Scholz's
  // "from i's perspective"), compares its EU of challenging j (e_ij) with j's EU of
  // challenging i (e_ji) and expects:
  //   e_ji > e_ij > 0                     confrontation, which i loses: i moves to x_j
  //   e_ji > 0 > e_ij, e_ji > |e_ij|      compromise: i moves |e_ij / e_ji| of the way
  //   e_ji > 0 > e_ij, e_ji <= |e_ij|     capitulation: i moves to x_j
  // Confrontations take precedence over compromises over capitulations.
  ScratchOf<std::array<OfferCandidate, 3>> best_storage(n);
  std::array<OfferCandidate, 3>* const best = best_storage.data();
  std::fill(best, best + n, std::array<OfferCandidate, 3>{});
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
    if (n < kParallelThreshold) {
      // Small tables stay in L1 whatever the order: row by row, no tiles.
      for (std::size_t a = 0; a < n; ++a) {
        log_distance[a * n + a] = -std::numeric_limits<double>::infinity();
        log_utility[a * n + a] = std::log(0.5);
        for (std::size_t b = a + 1; b < n; ++b) {
          const double d = (x[b] - x[a]) / range;  // x is sorted: x[b] >= x[a]
          const double ld = std::log(d);
          log_distance[a * n + b] = ld;
          log_distance[b * n + a] = ld;
          log_utility[a * n + b] = std::log(0.5 - 0.5 * d);
          log_utility[b * n + a] = std::log(0.5 + 0.5 * d);
        }
      }
    } else {
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
    }
    const VoteTable table(
        n,
        [&](std::size_t k, std::size_t t) {
          const double r = risk[k];
          return weights[k] *
                 (r == 1.0 ? std::abs(x[k] - x[t]) / range : std::exp(r * log_distance[k * n + t]));
        },
        !params.pairwise_probability);
    // Receiver i's reading of its contest with j (section 6), kept if it is i's best
    // offer of its kind so far.
    // Forced inline: out of line it cost a call per ordered pair (+5 % instructions at n = 1,000).
    auto consider = [&](std::size_t i, std::size_t j, double p_i_wins, double p_j_wins,
                        const Utilities& utilities) __attribute__((always_inline)) {
      const double xi = x[i];
      const double xj = x[j];
      const double exponent = risk[i];
      const double e_ij = eu(i, j, p_i_wins, utilities, exponent, status_quo[i]);
      const double e_ji = eu(j, i, p_j_wins, utilities, exponent, status_quo[i]);
      OfferKind kind;
      double to = xj;
      double key;
      // Expected utilities lie in [-4, 4]; two closer than kTie are equal (equal in
      // exact arithmetic and ordered only by rounding); beyond it every comparison
      // is strict, as in the table above.
      if (e_ji > e_ij + kTie && e_ij > kTie) {
        kind = OfferKind::confrontation;
        key = std::abs(xj - xi);
      } else if (e_ji > kTie && e_ij < -kTie && e_ji > -e_ij + kTie) {
        kind = OfferKind::compromise;
        to = xi + (xj - xi) * (-e_ij / e_ji);
        // Scholz's rule: the smallest EU-weighted average of the two positions.
        key = params.closest_compromise ? std::abs(to - xi) : (-e_ij * xi + e_ji * xj) / (-e_ij + e_ji);
      } else if (e_ji > kTie && e_ij < -kTie) {
        kind = OfferKind::capitulation;
        key = std::abs(xj - xi);
      } else {
        return;
      }
      OfferCandidate& slot = best[i][static_cast<std::size_t>(kind)];
      // Ties go to the lower resulting position, so the choice does not depend on
      // the order in which offers are examined.
      if (!slot.present || key < slot.key || (key == slot.key && to < slot.move.to_position)) {
        slot = {true, key, Move{i, j, kind, xi, to}};
      }
    };
    if (n < kParallelThreshold) {
      // Few actors, one thread: each unordered pair once, its boundary and supports
      // shared by both members (as in the risk phase); U_s and U_f with each
      // receiver's own exponent. Receiver m meets its challengers in ascending order
      // (rows a < m, then its own row), as in the per-receiver loop below, so ties
      // between equal offers resolve identically.
      auto utilities_of = [&](std::size_t i, std::size_t j) __attribute__((always_inline)) {
        const double exponent = risk[i];
        if (exponent == 1.0) return basic_utilities(std::abs(x[i] - x[j]) / range, 1.0);
        const std::size_t a = std::min(i, j);
        const std::size_t b = std::max(i, j);
        return Utilities{2.0 - 4.0 * std::exp(exponent * log_utility[a * n + b]),
                         2.0 - 4.0 * std::exp(exponent * log_utility[b * n + a])};
      };
      for (std::size_t a = 0; a + 1 < n; ++a) {
        Boundary boundary(sorted, x[a], static_cast<std::size_t>(std::lower_bound(x, x + n, x[a]) - x));
        for (std::size_t b = a + 1; b < n; ++b) {
          const auto [below, through] = boundary.at(x[b]);
          if (std::abs(x[b] - x[a]) <= same) continue;
          const VoteTable::Support support = table.support(a, b, below, through);
          const double denominator =
              params.pairwise_probability ? support.left + support.right : table.all_votes();
          double p_a_wins = 0.0;
          double p_b_wins = 0.0;
          if (denominator > 0.0) {
            p_a_wins = support.left / denominator;
            p_b_wins = support.right / denominator;
          }
          consider(a, b, p_a_wins, p_b_wins, utilities_of(a, b));
          consider(b, a, p_b_wins, p_a_wins, utilities_of(b, a));
        }
      }
    } else {
      for_each_receiver_block(
          [&](std::size_t first, std::size_t last, std::array<Boundary, kReceiverBlock>& boundaries) {
            // U_s and U_f for the block's receivers against a chunk of other actors are
            // computed first, in a loop that does little but call exp: interleaved with the
            // offer logic, each call spilled every live register around it.
            constexpr std::size_t kChunk = 128;
            Scratch utility_storage(2 * kReceiverBlock * kChunk);
            double* const success = utility_storage.data();
            double* const failure = success + kReceiverBlock * kChunk;
            constexpr std::size_t kAhead = 8;
            for (std::size_t j0 = 0; j0 < n; j0 += kChunk) {
              const std::size_t j1 = std::min(n, j0 + kChunk);
              for (std::size_t i = first; i < last; ++i) {
                const double exponent = risk[i];
                double* const us = &success[(i - first) * kChunk - j0];
                double* const uf = &failure[(i - first) * kChunk - j0];
                if (exponent == 1.0) {
                  for (std::size_t j = j0; j < j1; ++j) {
                    const Utilities u = basic_utilities(std::abs(x[i] - x[j]) / range, 1.0);
                    us[j] = u.success;
                    uf[j] = u.failure;
                  }
                  continue;
                }
                for (std::size_t j = j0; j < j1; ++j) {
                  const std::size_t a = std::min(i, j);
                  const std::size_t b = std::max(i, j);
                  us[j] = 2.0 - 4.0 * std::exp(exponent * log_utility[a * n + b]);
                  uf[j] = 2.0 - 4.0 * std::exp(exponent * log_utility[b * n + a]);
                }
              }
              for (std::size_t j = j0; j < j1; ++j) {
                const double xj = x[j];
                if (j + kAhead < n) table.prefetch(j + kAhead, boundaries[0].below());
                for (std::size_t i = first; i < last; ++i) {
                  const auto [below, through] = boundaries[i - first].at(xj);
                  const double xi = x[i];
                  if (std::abs(xj - xi) <= same) continue;
                  const std::size_t a = std::min(i, j);
                  const std::size_t b = std::max(i, j);
                  const VoteTable::Support support = table.support(a, b, below, through);
                  const double denominator =
                      params.pairwise_probability ? support.left + support.right : table.all_votes();
                  double p_i_wins = 0.0;
                  double p_j_wins = 0.0;
                  if (denominator > 0.0) {
                    p_i_wins = (i < j ? support.left : support.right) / denominator;
                    p_j_wins = (i < j ? support.right : support.left) / denominator;
                  }
                  const std::size_t slot_of_j = (i - first) * kChunk + (j - j0);
                  consider(i, j, p_i_wins, p_j_wins, Utilities{success[slot_of_j], failure[slot_of_j]});
                }
              }
            }
          });
    }
  }

  // Back to input order.
  BdmRoundResult result;
  result.risk_exponents.resize(n);
  result.positions.assign(input.positions.begin(), input.positions.end());
  std::vector<std::optional<Move>> chosen(n);
  for (std::size_t m = 0; m < n; ++m) {
    result.risk_exponents[order[m]] = risk[m];
    for (const OfferCandidate& candidate : best[m]) {
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
      for (std::size_t k = 0; k < static_cast<std::size_t>(length); ++k)
        total += trajectory.rounds[last - k].median;
      trajectory.forecast = total / static_cast<double>(length);
      return trajectory;
    }
  }
  if (!trajectory.converged) trajectory.stopped = "round_limit";
  trajectory.forecast = trajectory.rounds.back().median;
  return trajectory;
}

}  // namespace statecraft::bargain
