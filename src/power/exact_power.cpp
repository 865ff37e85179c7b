#include "power/exact_power.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <utility>

#include "core/error.h"

namespace statecraft::power {

namespace {

constexpr std::int64_t kUnbounded = std::numeric_limits<std::int64_t>::max() / 4;
// Largest size-by-weight table we allocate (doubles): 2 GB. Larger games go to Monte Carlo.
constexpr std::int64_t kMaxTableCells = 250'000'000;

// A half-open range [low, high) of coalition weights.
struct WeightRange {
  std::int64_t low = 0;
  std::int64_t high = 0;
};

// Weights (vetoes included) at which a coalition of `members` members, holding every
// veto player but not the non-veto member of weight `weight`, loses without it and
// wins with it. Because the winning condition is "enough members and enough weight,
// or enough members alone", the set is always one range.
WeightRange swing_weights(const VotingGame& game, int members, std::int64_t weight) {
  const auto& alone = game.members_alone_win;
  if (alone && members >= *alone) return {};                // already wins on numbers
  if (alone && members + 1 >= *alone) {                     // joining wins on numbers
    if (members >= game.min_members) return {-kUnbounded, game.quota};
    return {-kUnbounded, kUnbounded};
  }
  if (members >= game.min_members) return {game.quota - weight, game.quota};
  if (members + 1 == game.min_members) return {game.quota - weight, kUnbounded};
  return {};
}

// Weights at which a coalition of `members` members holding every veto player wins.
WeightRange winning_weights(const VotingGame& game, int members) {
  if (game.members_alone_win && members >= *game.members_alone_win) return {-kUnbounded, kUnbounded};
  if (members >= game.min_members) return {game.quota, kUnbounded};
  return {};
}

// The inner loops, written over non-overlapping arrays (`__restrict`, a GCC/Clang
// extension) so the compiler can vectorise them.
// target[p] += source[p] for p < count.
void add_into(double* __restrict target, const double* __restrict source, std::int64_t count) {
  for (std::int64_t p = 0; p < count; ++p) target[p] += source[p];
}
// out[p] = minuend[p] - subtrahend[p] for p < count.
void subtract_into(double* __restrict out, const double* __restrict minuend, const double* __restrict subtrahend,
                   std::int64_t count) {
  for (std::int64_t p = 0; p < count; ++p) out[p] = minuend[p] - subtrahend[p];
}
// out[p] = (first[p] + second[p]) / 2 for p < count.
void average_into(double* __restrict out, const double* first, const double* second, std::int64_t count) {
  for (std::int64_t p = 0; p < count; ++p) out[p] = 0.5 * (first[p] + second[p]);
}

// Sum of row[p] over p in [low, high), clipped to the row. Four running sums break the
// dependency chain (the order is fixed, so results stay reproducible).
double range_sum(const double* row, std::int64_t length, WeightRange range) {
  const std::int64_t low = std::max<std::int64_t>(range.low, 0);
  const std::int64_t high = std::min(range.high, length);
  double sums[4] = {0.0, 0.0, 0.0, 0.0};
  std::int64_t p = low;
  for (; p + 4 <= high; p += 4) {
    sums[0] += row[p];
    sums[1] += row[p + 1];
    sums[2] += row[p + 2];
    sums[3] += row[p + 3];
  }
  for (; p < high; ++p) sums[0] += row[p];
  return (sums[0] + sums[1]) + (sums[2] + sums[3]);
}

// Sum of row[top - p] over p in [low, high): the same range read through the
// complement. A coalition of c of the m members with weight p is the complement of one
// of m - c members with weight top - p, so upper rows need not be stored.
double mirrored_range_sum(const double* row, std::int64_t length, std::int64_t top, WeightRange range) {
  if (range.high <= range.low) return 0.0;
  const WeightRange mirrored{top - std::min(range.high, top + 1) + 1, top - range.low + 1};
  return range_sum(row, length, mirrored);
}

// Share of the n! orderings in which a given member comes straight after a given set
// of `before` other members: before! (n - 1 - before)! / n!.
double ordering_share(int members, int before) {
  return std::exp(std::lgamma(before + 1.0) + std::lgamma(static_cast<double>(members - before)) -
                  std::lgamma(members + 1.0));
}

bool is_plain_weighted(const VotingGame& game) {
  if (game.min_members > 0 || game.members_alone_win) return false;
  for (int i = 0; i < game.size(); ++i) {
    if (game.is_veto(i)) return false;
  }
  return true;
}

// Banzhaf for a plain weighted game [q; w]. P[p] is the probability that a uniformly
// random coalition of all members weighs p, kept only for p < q because a swing only
// ever looks below the quota. Removing member i: P = (P_without_i + shift_w P_without_i)/2,
// so P_without_i[p] = 2 P[p] - P_without_i[p - w], computed upward from p = 0.
// Working in probabilities (not counts) keeps every value in [0, 1] whatever n is;
// the subtraction is an alternating sum whose rounding error grows at most linearly
// in q / w, about q·1e-16 in absolute terms, far below the swing probabilities.
PowerIndices plain_weighted_banzhaf(const VotingGame& game) {
  const std::int64_t quota = game.quota;
  std::vector<double> current(static_cast<std::size_t>(quota), 0.0);
  std::vector<double> next(current.size(), 0.0);
  current[0] = 1.0;
  for (std::int64_t weight : game.weights) {
    if (weight == 0) continue;  // in or out, the weight is the same
    const std::int64_t split = std::min(weight, quota);
    for (std::int64_t p = 0; p < split; ++p) next[p] = 0.5 * current[p];
    if (split < quota) {
      average_into(next.data() + split, current.data() + split, current.data() + split - weight, quota - split);
    }
    std::swap(current, next);
  }

  std::map<std::int64_t, double> swing_by_weight;
  std::vector<double> without(current.size(), 0.0);
  PowerIndices result;
  result.banzhaf_raw.reserve(game.weights.size());
  for (std::int64_t weight : game.weights) {
    auto found = swing_by_weight.find(weight);
    if (found == swing_by_weight.end()) {
      double swing = 0.0;
      if (weight > 0) {
        const std::int64_t split = std::min(weight, quota);
        for (std::int64_t p = 0; p < split; ++p) without[p] = 2.0 * current[p];
        for (std::int64_t p = split; p < quota; ++p) without[p] = 2.0 * current[p] - without[p - weight];
        swing = range_sum(without.data(), quota, {quota - weight, quota});
        swing = std::max(swing, 0.0);  // rounding can leave -1e-17 where the truth is 0
      }
      found = swing_by_weight.emplace(weight, swing).first;
    }
    result.banzhaf_raw.push_back(found->second);
  }
  return result;
}

// Both indices through the size-by-weight table. N[c][p] counts coalitions of c
// non-veto members weighing p (rows c <= m/2 only; the rest by complement). Every
// veto player is added to each coalition before the rule is applied.
PowerIndices size_weight_power(const VotingGame& game) {
  const int n = game.size();
  std::vector<std::int64_t> free_weights;
  int vetoes = 0;
  std::int64_t veto_weight = 0;
  for (int i = 0; i < n; ++i) {
    const std::int64_t w = game.weights[static_cast<std::size_t>(i)];
    if (game.is_veto(i)) {
      ++vetoes;
      veto_weight += w;
    } else {
      free_weights.push_back(w);
    }
  }
  const int m = static_cast<int>(free_weights.size());
  if (m > kMaxExactSizeMembers) {
    throw PreconditionError("exact power: " + std::to_string(m) +
                            " members without a veto is beyond the exact method (counts overflow "
                            "double past 2^1000); use Monte Carlo");
  }
  std::int64_t free_total = 0;
  for (std::int64_t w : free_weights) free_total += w;
  const int half = m / 2;
  const std::int64_t length = free_total + 1;
  if ((half + 1) * length > kMaxTableCells) {
    throw PreconditionError("exact power: a table of " + std::to_string(half + 1) + " x " +
                            std::to_string(length) + " cells is too large; use Monte Carlo");
  }

  // Counts are doubles: exact up to 2^53 (n <= 53), then correct to about 1e-16 relative.
  std::vector<double> table(static_cast<std::size_t>((half + 1) * length), 0.0);
  auto row = [&](int c) { return table.data() + static_cast<std::int64_t>(c) * length; };
  row(0)[0] = 1.0;
  // Adding members lightest first keeps the running weight, and so each pass, short;
  // the table does not depend on the order.
  std::vector<std::int64_t> build_order = free_weights;
  std::sort(build_order.begin(), build_order.end());
  std::int64_t weight_so_far = 0;
  int placed = 0;
  for (std::int64_t w : build_order) {
    weight_so_far += w;
    ++placed;
    for (int c = std::min(placed, half); c >= 1; --c) {
      double* target = row(c);
      const double* source = row(c - 1);
      add_into(target + w, source, weight_so_far - w + 1);
    }
  }

  PowerIndices result;
  result.banzhaf_raw.assign(static_cast<std::size_t>(n), 0.0);
  result.shapley.assign(static_cast<std::size_t>(n), 0.0);
  const double coalitions_of_others = std::ldexp(1.0, -(n - 1));

  // Veto players: decisive in every winning coalition (which holds them all).
  if (vetoes > 0) {
    double winning = 0.0;
    double shapley = 0.0;
    for (int c = 0; c <= half; ++c) {
      const int members = vetoes + c;
      WeightRange range = winning_weights(game, members);
      range = {range.low - veto_weight, range.high - veto_weight};
      const double count = range_sum(row(c), length, range);
      winning += count;
      shapley += count * ordering_share(n, members - 1);
      const int upper = m - c;
      if (upper != c) {
        WeightRange upper_range = winning_weights(game, vetoes + upper);
        upper_range = {upper_range.low - veto_weight, upper_range.high - veto_weight};
        const double upper_count = mirrored_range_sum(row(c), length, free_total, upper_range);
        winning += upper_count;
        shapley += upper_count * ordering_share(n, vetoes + upper - 1);
      }
    }
    for (int i = 0; i < n; ++i) {
      if (!game.is_veto(i)) continue;
      result.banzhaf_raw[static_cast<std::size_t>(i)] = winning * coalitions_of_others;
      result.shapley[static_cast<std::size_t>(i)] = shapley;
    }
  }

  // Non-veto members: remove the member from the table, row by row, keeping two rows.
  // Rows c <= (m-1)/2 of the table without it: U[c][p] = N[c][p] - U[c-1][p-w]. Going up
  // from c = 0 the rounding error of each row is a few ulps of the largest count of a
  // lower row, which is below its own size while c <= m/2; the upper rows come from the
  // complement rather than from this subtraction, where the error would swamp them.
  std::map<std::int64_t, std::pair<double, double>> by_weight;
  const int others_half = (m - 1) / 2;
  std::vector<double> previous(static_cast<std::size_t>(length), 0.0);
  std::vector<double> current(static_cast<std::size_t>(length), 0.0);
  for (int i = 0; i < n; ++i) {
    if (game.is_veto(i)) continue;
    const std::int64_t w = game.weights[static_cast<std::size_t>(i)];
    auto found = by_weight.find(w);
    if (found == by_weight.end()) {
      const std::int64_t others_total = free_total - w;
      const std::int64_t others_length = others_total + 1;
      double swings = 0.0;
      double shapley = 0.0;
      for (int c = 0; c <= others_half; ++c) {
        const double* counts = row(c);
        if (c == 0) {
          std::fill(current.begin(), current.end(), 0.0);
          current[0] = 1.0;
        } else {
          const std::int64_t split = std::min(w, others_length);
          for (std::int64_t p = 0; p < split; ++p) current[p] = counts[p];
          if (split < others_length) {
            subtract_into(current.data() + split, counts + split, previous.data() + split - w, others_length - split);
          }
        }
        const int members = vetoes + c;
        WeightRange range = swing_weights(game, members, w);
        range = {range.low - veto_weight, range.high - veto_weight};
        const double count = range_sum(current.data(), others_length, range);
        swings += count;
        shapley += count * ordering_share(n, members);
        const int upper = m - 1 - c;
        if (upper != c) {
          WeightRange upper_range = swing_weights(game, vetoes + upper, w);
          upper_range = {upper_range.low - veto_weight, upper_range.high - veto_weight};
          const double upper_count = mirrored_range_sum(current.data(), others_length, others_total, upper_range);
          swings += upper_count;
          shapley += upper_count * ordering_share(n, vetoes + upper);
        }
        std::swap(previous, current);
      }
      found = by_weight.emplace(w, std::pair{std::max(swings, 0.0), std::max(shapley, 0.0)}).first;
    }
    result.banzhaf_raw[static_cast<std::size_t>(i)] = found->second.first * coalitions_of_others;
    result.shapley[static_cast<std::size_t>(i)] = found->second.second;
  }
  return result;
}

void normalise_banzhaf(PowerIndices& result) {
  double total = 0.0;
  for (double raw : result.banzhaf_raw) total += raw;
  result.banzhaf.clear();
  for (double raw : result.banzhaf_raw) result.banzhaf.push_back(total > 0.0 ? raw / total : 0.0);
}

}  // namespace

bool exact_is_feasible(const VotingGame& game) {
  std::int64_t free_members = 0;
  std::int64_t free_total = 0;
  for (int i = 0; i < game.size(); ++i) {
    if (game.is_veto(i)) continue;
    ++free_members;
    free_total += game.weights[static_cast<std::size_t>(i)];
  }
  return free_members <= kMaxExactSizeMembers && (free_members / 2 + 1) * (free_total + 1) <= kMaxTableCells;
}

PowerIndices exact_banzhaf(const VotingGame& game) {
  check_game(game);
  PowerIndices result = is_plain_weighted(game) ? plain_weighted_banzhaf(game) : size_weight_power(game);
  result.shapley.clear();
  normalise_banzhaf(result);
  return result;
}

PowerIndices exact_shapley(const VotingGame& game) {
  check_game(game);
  PowerIndices result = size_weight_power(game);
  result.banzhaf_raw.clear();
  return result;
}

PowerIndices exact_power(const VotingGame& game) {
  check_game(game);
  PowerIndices result = size_weight_power(game);
  normalise_banzhaf(result);
  return result;
}

}  // namespace statecraft::power
