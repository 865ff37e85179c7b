#include "power/exact_power.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <span>
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
  if (alone && members >= *alone) return {};  // already wins on numbers
  if (alone && members + 1 >= *alone) {       // joining wins on numbers
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
void subtract_into(double* __restrict out, const double* __restrict minuend,
                   const double* __restrict subtrahend, std::int64_t count) {
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
      average_into(next.data() + split, current.data() + split, current.data() + split - weight,
                   quota - split);
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
            subtract_into(current.data() + split, counts + split, previous.data() + split - w,
                          others_length - split);
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
          const double upper_count =
              mirrored_range_sum(current.data(), others_length, others_total, upper_range);
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

// ---- The split (halves) method -------------------------------------------------------

// The coalitions of a few members, grouped by size and sorted by weight within a size:
// weights[start[c] .. start[c + 1]) are the weights of the C(h, c) coalitions of size c.
struct SizedSubsets {
  std::vector<std::int64_t> weights;
  std::vector<std::size_t> start;
  [[nodiscard]] int members() const { return static_cast<int>(start.size()) - 2; }
  [[nodiscard]] const std::int64_t* begin(int c) const {
    return weights.data() + start[static_cast<std::size_t>(c)];
  }
  [[nodiscard]] std::size_t count(int c) const {
    return start[static_cast<std::size_t>(c) + 1] - start[static_cast<std::size_t>(c)];
  }
};

// Adds members one at a time: the coalitions of size c after adding weight w are those
// of size c before (without it) merged with those of size c - 1 before shifted by w, so
// every group stays sorted without a sort. `scratch` is reused between calls.
void build_subsets(std::span<const std::int64_t> members, SizedSubsets& out,
                   std::vector<std::int64_t>& scratch) {
  const std::size_t total = std::size_t{1} << members.size();
  out.weights.assign(total, 0);
  scratch.assign(total, 0);
  out.start.assign(members.size() + 2, 0);
  std::vector<std::size_t> next_start(members.size() + 2, 0);
  // Before any member: one empty coalition of size 0.
  out.start[1] = 1;
  for (std::size_t c = 2; c < out.start.size(); ++c) out.start[c] = 1;
  for (std::size_t k = 0; k < members.size(); ++k) {
    const std::int64_t w = members[k];
    // Sizes after adding member k: group c has C(k, c) + C(k, c - 1) entries.
    next_start[0] = 0;
    for (std::size_t c = 0; c <= k + 1; ++c) {
      const std::size_t without = out.start[c + 1] - out.start[c];
      const std::size_t with = c == 0 ? 0 : out.start[c] - out.start[c - 1];
      next_start[c + 1] = next_start[c] + without + with;
    }
    for (std::size_t c = k + 2; c + 1 < next_start.size(); ++c) next_start[c + 1] = next_start[c];
    for (std::size_t c = 0; c <= k + 1; ++c) {
      const std::int64_t* a = out.weights.data() + out.start[c];
      const std::int64_t* a_end = out.weights.data() + out.start[c + 1];
      const std::int64_t* b = c == 0 ? a_end : out.weights.data() + out.start[c - 1];
      const std::int64_t* b_end = c == 0 ? a_end : out.weights.data() + out.start[c];
      std::int64_t* target = scratch.data() + next_start[c];
      while (a != a_end && b != b_end) *target++ = (*b + w < *a) ? (*b++ + w) : *a++;
      while (a != a_end) *target++ = *a++;
      while (b != b_end) *target++ = *b++ + w;
    }
    std::swap(out.weights, scratch);
    std::swap(out.start, next_start);
  }
}

// Number of pairs (x from a, y from b), both sorted ascending, with x + y < limit.
std::uint64_t pairs_below(const std::int64_t* a, std::size_t a_count, const std::int64_t* b,
                          std::size_t b_count, std::int64_t limit) {
  std::uint64_t pairs = 0;
  std::size_t j = b_count;  // b[0 .. j) < limit - x for the current x
  for (std::size_t i = 0; i < a_count; ++i) {
    const std::int64_t room = limit - a[i];
    while (j > 0 && b[j - 1] >= room) --j;
    if (j == 0) break;  // larger x only lowers the room
    pairs += j;
  }
  return pairs;
}

// counts[c] = number of coalitions of `members` with c members whose weight lies in
// range_of(c) (a WeightRange), by the two halves.
template <typename RangeOf>
std::vector<std::uint64_t> count_in_ranges(std::span<const std::int64_t> members, RangeOf&& range_of,
                                           SizedSubsets& first, SizedSubsets& second,
                                           std::vector<std::int64_t>& scratch) {
  const std::size_t split = members.size() / 2;
  build_subsets(members.first(split), first, scratch);
  build_subsets(members.subspan(split), second, scratch);
  std::int64_t total = 0;
  for (std::int64_t w : members) total += w;
  std::vector<std::uint64_t> counts(members.size() + 1, 0);
  for (int a = 0; a <= first.members(); ++a) {
    for (int b = 0; b <= second.members(); ++b) {
      const WeightRange range = range_of(a + b);
      if (range.high <= range.low || range.high <= 0 || range.low > total) continue;
      const std::uint64_t all = static_cast<std::uint64_t>(first.count(a)) * second.count(b);
      const std::uint64_t below_high =
          range.high > total
              ? all
              : pairs_below(first.begin(a), first.count(a), second.begin(b), second.count(b), range.high);
      const std::uint64_t below_low =
          range.low <= 0
              ? 0
              : pairs_below(first.begin(a), first.count(a), second.begin(b), second.count(b), range.low);
      counts[static_cast<std::size_t>(a + b)] += below_high - below_low;
    }
  }
  return counts;
}

// Both indices by the halves: for every veto player the winning coalitions of the
// non-veto members, for every distinct non-veto weight the swings among the others.
PowerIndices halves_power(const VotingGame& game) {
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
  if (m > kMaxHalvesMembers) {
    throw PreconditionError("exact power: " + std::to_string(m) +
                            " members without a veto is beyond the split method (at most " +
                            std::to_string(kMaxHalvesMembers) + ")");
  }
  PowerIndices result;
  result.banzhaf_raw.assign(static_cast<std::size_t>(n), 0.0);
  result.shapley.assign(static_cast<std::size_t>(n), 0.0);
  const double coalitions_of_others = std::ldexp(1.0, -(n - 1));
  SizedSubsets first;
  SizedSubsets second;
  std::vector<std::int64_t> scratch;

  if (vetoes > 0) {
    const auto counts = count_in_ranges(
        free_weights,
        [&](int c) {
          const WeightRange range = winning_weights(game, vetoes + c);
          return WeightRange{range.low - veto_weight, range.high - veto_weight};
        },
        first, second, scratch);
    double winning = 0.0;
    double shapley = 0.0;
    for (int c = 0; c <= m; ++c) {
      const auto count = static_cast<double>(counts[static_cast<std::size_t>(c)]);
      winning += count;
      shapley += count * ordering_share(n, vetoes + c - 1);
    }
    for (int i = 0; i < n; ++i) {
      if (!game.is_veto(i)) continue;
      result.banzhaf_raw[static_cast<std::size_t>(i)] = winning * coalitions_of_others;
      result.shapley[static_cast<std::size_t>(i)] = shapley;
    }
  }

  std::map<std::int64_t, std::pair<double, double>> by_weight;
  std::vector<std::int64_t> others;
  for (int i = 0; i < n; ++i) {
    if (game.is_veto(i)) continue;
    const std::int64_t w = game.weights[static_cast<std::size_t>(i)];
    auto found = by_weight.find(w);
    if (found == by_weight.end()) {
      others = free_weights;
      others.erase(std::find(others.begin(), others.end(), w));
      const auto counts = count_in_ranges(
          others,
          [&](int c) {
            const WeightRange range = swing_weights(game, vetoes + c, w);
            return WeightRange{range.low - veto_weight, range.high - veto_weight};
          },
          first, second, scratch);
      double swings = 0.0;
      double shapley = 0.0;
      for (int c = 0; c < m; ++c) {
        const auto count = static_cast<double>(counts[static_cast<std::size_t>(c)]);
        swings += count;
        shapley += count * ordering_share(n, vetoes + c);
      }
      found = by_weight.emplace(w, std::pair{swings, shapley}).first;
    }
    result.banzhaf_raw[static_cast<std::size_t>(i)] = found->second.first * coalitions_of_others;
    result.shapley[static_cast<std::size_t>(i)] = found->second.second;
  }
  return result;
}

// Rough operation counts of the two methods, to choose between them.
struct MethodCosts {
  double table = 0.0;   // infinite when the table is not allowed
  double halves = 0.0;  // infinite beyond kMaxHalvesMembers
};

MethodCosts method_costs(const VotingGame& game) {
  double free_members = 0.0;
  double free_total = 0.0;
  std::map<std::int64_t, int> distinct;
  bool any_veto = false;
  for (int i = 0; i < game.size(); ++i) {
    if (game.is_veto(i)) {
      any_veto = true;
      continue;
    }
    free_members += 1.0;
    free_total += static_cast<double>(game.weights[static_cast<std::size_t>(i)]);
    distinct[game.weights[static_cast<std::size_t>(i)]] += 1;
  }
  const double d = static_cast<double>(distinct.size()) + (any_veto ? 1.0 : 0.0);
  const double infinite = std::numeric_limits<double>::infinity();
  const double half_rows = std::floor(free_members / 2.0) + 1.0;
  MethodCosts costs;
  costs.table = free_members <= kMaxExactSizeMembers && half_rows * (free_total + 1.0) <= kMaxTableCells
                    ? half_rows * (free_total + 1.0) * (free_members / 2.0 + d)
                    : infinite;
  // Per distinct weight: two half lists of 2^(m/2) entries built in about m/2 passes,
  // then about (m/2 + 1) two-pointer sweeps over each half per range end.
  costs.halves =
      free_members <= kMaxHalvesMembers
          ? d * std::ldexp(1.0, static_cast<int>(free_members / 2.0) + 1) * (free_members + 2.0) * 2.0
          : infinite;
  return costs;
}

PowerIndices both_indices(const VotingGame& game, ExactMethod method) {
  if (method == ExactMethod::automatic) {
    const MethodCosts costs = method_costs(game);
    method = costs.halves < costs.table ? ExactMethod::halves : ExactMethod::size_weight_table;
  }
  return method == ExactMethod::halves ? halves_power(game) : size_weight_power(game);
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
  return free_members <= kMaxHalvesMembers || (free_members <= kMaxExactSizeMembers &&
                                               (free_members / 2 + 1) * (free_total + 1) <= kMaxTableCells);
}

PowerIndices exact_banzhaf(const VotingGame& game) {
  check_game(game);
  PowerIndices result;
  if (is_plain_weighted(game)) {
    // O(q·d) unless the halves are cheaper still (few members, a huge quota).
    const MethodCosts costs = method_costs(game);
    const double plain_cost = static_cast<double>(game.quota) * static_cast<double>(game.size());
    result = costs.halves < plain_cost ? halves_power(game) : plain_weighted_banzhaf(game);
  } else {
    result = both_indices(game, ExactMethod::automatic);
  }
  result.shapley.clear();
  normalise_banzhaf(result);
  return result;
}

PowerIndices exact_shapley(const VotingGame& game) {
  check_game(game);
  PowerIndices result = both_indices(game, ExactMethod::automatic);
  result.banzhaf_raw.clear();
  return result;
}

PowerIndices exact_power(const VotingGame& game) {
  return exact_power(game, ExactMethod::automatic);
}

PowerIndices exact_power(const VotingGame& game, ExactMethod method) {
  check_game(game);
  PowerIndices result = both_indices(game, method);
  normalise_banzhaf(result);
  return result;
}

}  // namespace statecraft::power
