#include "forum/tally.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>

#include "core/error.h"

namespace statecraft::forum {

std::string_view to_string(Ballot ballot) {
  switch (ballot) {
    case Ballot::yes: return "yes";
    case Ballot::no: return "no";
    case Ballot::abstain: return "abstain";
    case Ballot::absent: return "absent";
  }
  return "?";
}

void check_probabilities(const MemberVote& vote) {
  double sum = 0.0;
  for (Ballot b : kBallots) {
    double p = vote.probability(b);
    if (!(p >= -1e-12 && p <= 1.0 + 1e-12)) {
      throw PreconditionError("probability of " + std::string(to_string(b)) + " for " + vote.member +
                              " is outside [0, 1]");
    }
    sum += p;
  }
  if (std::abs(sum - 1.0) > 1e-9) {
    throw PreconditionError("ballot probabilities of " + vote.member + " do not sum to 1");
  }
}

namespace {

using Index = std::int64_t;

// The dense layout of a tally: one dimension per counter, the last one contiguous.
struct Layout {
  std::vector<Index> size;
  std::vector<Index> stride;
  std::vector<Index> low;  // counter value at index 0 (signed counters); 0 when saturating
  std::vector<Index> cap;  // saturating: cap; signed: -1
  std::size_t cells = 1;
};

// A rectangle of reachable indices, [from, to] per dimension.
struct Box {
  std::vector<Index> from;
  std::vector<Index> to;
  bool empty = false;
};

// The spec's counters in layout order: the one with most cells moves to the last,
// contiguous dimension so inner loops are long. `order[d]` is the spec index of
// dimension d.
std::vector<Counter> effective_counters(const TallySpec& spec, std::vector<std::size_t>& order) {
  std::vector<Counter> counters = spec.counters;
  order.resize(counters.size());
  for (std::size_t d = 0; d < order.size(); ++d) order[d] = d;
  if (counters.size() > 1) {
    auto cells_of = [](const Counter& c) {
      if (c.saturating) return c.cap + 1;
      Index lo = 0;
      Index hi = 0;
      for (const auto& inc : c.increments) {
        lo += *std::min_element(inc.begin(), inc.end());
        hi += *std::max_element(inc.begin(), inc.end());
      }
      return hi - lo + 1;
    };
    std::size_t largest = 0;
    for (std::size_t d = 1; d < counters.size(); ++d) {
      if (cells_of(counters[d]) > cells_of(counters[largest])) largest = d;
    }
    std::swap(counters[largest], counters.back());
    std::swap(order[largest], order.back());
  }
  if (counters.empty()) {
    // A rule that only asks "was any ballot defeating?" still needs one cell.
    Counter none;
    none.saturating = true;
    none.cap = 0;
    none.increments.assign(spec.members, {0, 0, 0, 0});
    counters.push_back(std::move(none));
  }
  return counters;
}

Layout make_layout(const std::vector<Counter>& counters, std::size_t members) {
  Layout layout;
  const std::size_t dims = counters.size();
  layout.size.resize(dims);
  layout.stride.resize(dims);
  layout.low.resize(dims);
  layout.cap.resize(dims);
  for (std::size_t d = 0; d < dims; ++d) {
    const Counter& c = counters[d];
    if (c.increments.size() != members) {
      throw PreconditionError("tally counter has increments for " + std::to_string(c.increments.size()) +
                              " members, expected " + std::to_string(members));
    }
    if (c.saturating) {
      if (c.cap < 0) throw PreconditionError("saturating counter with negative cap");
      for (const auto& inc : c.increments) {
        for (Index x : inc) {
          if (x < 0) throw PreconditionError("saturating counter with a negative increment");
        }
      }
      layout.size[d] = c.cap + 1;
      layout.low[d] = 0;
      layout.cap[d] = c.cap;
    } else {
      Index lo = 0;
      Index hi = 0;
      for (const auto& inc : c.increments) {
        lo += *std::min_element(inc.begin(), inc.end());
        hi += *std::max_element(inc.begin(), inc.end());
      }
      layout.size[d] = hi - lo + 1;
      layout.low[d] = lo;
      layout.cap[d] = -1;
    }
  }
  double cells = 1.0;
  for (Index s : layout.size) cells *= static_cast<double>(s);
  if (cells > static_cast<double>(kMaxTallyCells)) {
    throw PreconditionError("tally needs " + std::to_string(static_cast<long long>(cells)) +
                            " cells, more than the limit of " + std::to_string(kMaxTallyCells));
  }
  layout.cells = static_cast<std::size_t>(cells);
  Index stride = 1;
  for (std::size_t d = dims; d-- > 0;) {
    layout.stride[d] = stride;
    stride *= layout.size[d];
  }
  return layout;
}

inline Index shift(Index x, Index inc, Index cap) {
  Index t = x + inc;
  return (cap >= 0 && t > cap) ? cap : t;
}

// Ballots of one member that lead to the same tally move, with their summed probability.
struct Move {
  std::vector<Index> increment;
  double probability = 0.0;
  std::vector<std::size_t> ballots;  // which ballots share this move
};

std::vector<Move> moves_of(const std::vector<Counter>& counters, const TallySpec& spec, std::size_t member,
                           const std::array<double, kBallotCount>& p) {
  std::vector<Move> moves;
  for (std::size_t b = 0; b < kBallotCount; ++b) {
    if (spec.defeats[member][b]) continue;
    std::vector<Index> inc(counters.size());
    for (std::size_t d = 0; d < counters.size(); ++d) inc[d] = counters[d].increments[member][b];
    auto it = std::find_if(moves.begin(), moves.end(), [&](const Move& m) { return m.increment == inc; });
    if (it == moves.end()) {
      moves.push_back(Move{std::move(inc), p[b], {b}});
    } else {
      it->probability += p[b];
      it->ballots.push_back(b);
    }
  }
  return moves;
}

Box next_box(const Box& box, const std::vector<Move>& moves, const Layout& layout) {
  Box next;
  if (box.empty || moves.empty()) {
    next.empty = true;
    next.from = box.from;
    next.to = box.to;
    return next;
  }
  const std::size_t dims = layout.size.size();
  next.from.assign(dims, 0);
  next.to.assign(dims, 0);
  for (std::size_t d = 0; d < dims; ++d) {
    Index lo = 0;
    Index hi = 0;
    bool first = true;
    for (const Move& m : moves) {
      Index a = shift(box.from[d], m.increment[d], layout.cap[d]);
      Index b = shift(box.to[d], m.increment[d], layout.cap[d]);
      lo = first ? a : std::min(lo, a);
      hi = first ? b : std::max(hi, b);
      first = false;
    }
    next.from[d] = lo;
    next.to[d] = hi;
  }
  return next;
}

// Calls row(source_base, target_base, x_from, x_to, increment_last, cap_last) for every
// row of `box` along the last dimension, with the target offsets of `increment`.
template <typename Row>
void for_rows(const Box& box, const std::vector<Index>& increment, const Layout& layout, Row&& row) {
  if (box.empty) return;
  const std::size_t dims = layout.size.size();
  const std::size_t last = dims - 1;
  std::vector<Index> index(box.from.begin(), box.from.end());
  while (true) {
    Index source = 0;
    Index target = 0;
    for (std::size_t d = 0; d < last; ++d) {
      source += index[d] * layout.stride[d];
      target += shift(index[d], increment[d], layout.cap[d]) * layout.stride[d];
    }
    row(source, target, box.from[last], box.to[last], increment[last], layout.cap[last]);
    // Odometer over the outer dimensions.
    std::size_t d = last;
    while (d > 0) {
      --d;
      if (index[d] < box.to[d]) {
        ++index[d];
        break;
      }
      index[d] = box.from[d];
      if (d == 0) return;
    }
    if (last == 0) return;
  }
}

void zero_box(std::vector<double>& a, const Box& box, const Layout& layout) {
  std::vector<Index> none(layout.size.size(), 0);
  for_rows(box, none, layout, [&](Index s, Index, Index x0, Index x1, Index, Index) {
    std::fill(a.begin() + (s + x0), a.begin() + (s + x1 + 1), 0.0);
  });
}

// Splits a row [x0, x1] into the part that moves by `inc` and the part clamped at `cap`.
inline Index last_unclamped(Index x1, Index inc, Index cap) {
  return cap >= 0 ? std::min(x1, cap - inc) : x1;
}

// forward: to += p * shift(from)
void scatter(const std::vector<double>& from, std::vector<double>& to, const Box& box, const Move& move,
             const Layout& layout) {
  const double p = move.probability;
  if (p == 0.0) return;
  for_rows(box, move.increment, layout, [&](Index s, Index t, Index x0, Index x1, Index inc, Index cap) {
    const Index mid = last_unclamped(x1, inc, cap);
    const double* src = from.data() + s;
    double* dst = to.data() + t;
    for (Index x = x0; x <= mid; ++x) dst[x + inc] += p * src[x];
    if (mid < x1) {
      double rest = 0.0;
      for (Index x = std::max(x0, mid + 1); x <= x1; ++x) rest += src[x];
      to[static_cast<std::size_t>(t + cap)] += p * rest;
    }
  });
}

// backward: value_here += p * value_next(shift(.))
void gather(const std::vector<double>& value_next, std::vector<double>& value_here, const Box& box,
            const std::vector<Index>& increment, double p, const Layout& layout) {
  if (p == 0.0) return;
  for_rows(box, increment, layout, [&](Index s, Index t, Index x0, Index x1, Index inc, Index cap) {
    for (Index x = x0; x <= x1; ++x) {
      value_here[static_cast<std::size_t>(s + x)] +=
          p * value_next[static_cast<std::size_t>(t + shift(x, inc, cap))];
    }
  });
}

double dot(const std::vector<double>& distribution, const std::vector<double>& value_next, const Box& box,
           const std::vector<Index>& increment, const Layout& layout) {
  double acc = 0.0;
  for_rows(box, increment, layout, [&](Index s, Index t, Index x0, Index x1, Index inc, Index cap) {
    for (Index x = x0; x <= x1; ++x) {
      acc += distribution[static_cast<std::size_t>(s + x)] *
             value_next[static_cast<std::size_t>(t + shift(x, inc, cap))];
    }
  });
  return acc;
}

// value[cell] = 1 when the final tally in that cell passes, over the final box.
std::vector<double> terminal_values(const TallySpec& spec, const Box& box, const Layout& layout,
                                    const std::vector<std::size_t>& order) {
  const std::size_t real_counters = order.size();
  std::vector<double> value(layout.cells, 0.0);
  if (box.empty) return value;
  const std::size_t dims = layout.size.size();
  std::vector<Index> none(dims, 0);
  std::vector<Index> index(dims);
  std::vector<std::int64_t> values(real_counters);
  for_rows(box, none, layout, [&](Index s, Index, Index x0, Index x1, Index, Index) {
    // Decode the outer indices from the row's base offset.
    Index rest = s;
    for (std::size_t d = 0; d + 1 < dims; ++d) {
      index[d] = rest / layout.stride[d];
      rest %= layout.stride[d];
    }
    for (Index x = x0; x <= x1; ++x) {
      index[dims - 1] = x;
      for (std::size_t d = 0; d < real_counters; ++d) values[order[d]] = index[d] + layout.low[d];
      value[static_cast<std::size_t>(s + x)] = spec.passes(values) ? 1.0 : 0.0;
    }
  });
  return value;
}

double total(const std::vector<double>& a, const std::vector<double>& value, const Box& box,
             const Layout& layout) {
  std::vector<Index> none(layout.size.size(), 0);
  return dot(a, value, box, none, layout);
}

}  // namespace

std::size_t TallySpec::cells() const {
  double n = 1.0;
  for (const Counter& c : counters) {
    if (c.saturating) {
      n *= static_cast<double>(c.cap + 1);
    } else {
      Index lo = 0;
      Index hi = 0;
      for (const auto& inc : c.increments) {
        lo += *std::min_element(inc.begin(), inc.end());
        hi += *std::max_element(inc.begin(), inc.end());
      }
      n *= static_cast<double>(hi - lo + 1);
    }
  }
  return static_cast<std::size_t>(std::min(n, 1e18));
}

bool TallySpec::passes_profile(std::span<const Ballot> ballots) const {
  if (ballots.size() != members) throw PreconditionError("profile has the wrong number of ballots");
  std::vector<std::int64_t> values(counters.size(), 0);
  for (std::size_t i = 0; i < members; ++i) {
    const std::size_t b = index_of(ballots[i]);
    if (defeats[i][b]) return false;
    for (std::size_t d = 0; d < counters.size(); ++d) {
      values[d] += counters[d].increments[i][b];
      if (counters[d].saturating) values[d] = std::min(values[d], counters[d].cap);
    }
  }
  return passes(values);
}

namespace {

TallyResult evaluate_by_programme(const TallySpec& spec,
                                  std::span<const std::array<double, kBallotCount>> probabilities,
                                  bool with_pivots) {
  const std::size_t n = spec.members;
  std::vector<std::size_t> order;
  const std::vector<Counter> counters = effective_counters(spec, order);
  const Layout layout = make_layout(counters, n);
  const std::size_t dims = layout.size.size();

  // Boxes and moves for every step.
  std::vector<std::vector<Move>> moves(n);
  std::vector<Box> boxes(n + 1);
  boxes[0].from.resize(dims);
  for (std::size_t d = 0; d < dims; ++d) boxes[0].from[d] = -layout.low[d];
  boxes[0].to = boxes[0].from;
  for (std::size_t i = 0; i < n; ++i) {
    moves[i] = moves_of(counters, spec, i, probabilities[i]);
    boxes[i + 1] = next_box(boxes[i], moves[i], layout);
  }

  auto step = [&](const std::vector<double>& from, std::vector<double>& to, std::size_t i) {
    zero_box(to, boxes[i + 1], layout);
    for (const Move& m : moves[i]) scatter(from, to, boxes[i], m, layout);
  };
  std::vector<double> start(layout.cells, 0.0);
  {
    Index origin = 0;
    for (std::size_t d = 0; d < dims; ++d) origin += boxes[0].from[d] * layout.stride[d];
    start[static_cast<std::size_t>(origin)] = 1.0;
  }

  TallyResult result;
  const std::vector<double> final_value = terminal_values(spec, boxes[n], layout, order);

  if (!with_pivots) {
    std::vector<double> a = start;
    std::vector<double> b(layout.cells, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
      step(a, b, i);
      std::swap(a, b);
    }
    result.p_pass = total(a, final_value, boxes[n], layout);
    return result;
  }

  // Forward with checkpoints every k steps.
  const std::size_t k =
      std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(n)))));
  std::vector<std::vector<double>> checkpoints;
  {
    std::vector<double> a = start;
    std::vector<double> b(layout.cells, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
      if (i % k == 0) checkpoints.push_back(a);
      step(a, b, i);
      std::swap(a, b);
    }
    result.p_pass = total(a, final_value, boxes[n], layout);
  }

  result.p_pass_given.assign(n, {0.0, 0.0, 0.0, 0.0});
  std::vector<double> value = final_value;  // value of passing from the tally after step i
  std::vector<double> value_here(layout.cells, 0.0);
  std::vector<std::vector<double>> segment;
  for (std::size_t seg = checkpoints.size(); seg-- > 0;) {
    const std::size_t first = seg * k;
    const std::size_t end = std::min(n, first + k);
    // Recompute forward distributions before steps first .. end-1.
    segment.resize(end - first);
    segment[0] = checkpoints[seg];
    for (std::size_t i = first + 1; i < end; ++i) {
      segment[i - first].assign(layout.cells, 0.0);
      step(segment[i - first - 1], segment[i - first], i - 1);
    }
    for (std::size_t i = end; i-- > first;) {
      const std::vector<double>& before = segment[i - first];
      for (const Move& m : moves[i]) {
        const double p = dot(before, value, boxes[i], m.increment, layout);
        for (std::size_t b : m.ballots) result.p_pass_given[i][b] = p;
      }
      zero_box(value_here, boxes[i], layout);
      for (const Move& m : moves[i]) gather(value, value_here, boxes[i], m.increment, m.probability, layout);
      std::swap(value, value_here);
    }
    checkpoints.pop_back();
  }
  // p_pass_given is P(pass and member casts b) / P(member casts b) = P(pass | b): the
  // forward distribution before step i already excludes defeats by earlier members,
  // and the backward value after step i includes later ones.
  return result;
}

// ---- The halves method -------------------------------------------------------------

constexpr std::int64_t kNever = std::numeric_limits<std::int64_t>::max();
constexpr std::size_t kMaxHalvesKeys = std::size_t{1} << 12;
constexpr std::size_t kYes = 0;  // index_of(Ballot::yes)

// The counters split for the halves: the one with the largest cap is the weight,
// summed without limit and compared with a per-key threshold; the others are the key,
// saturated at their caps and encoded in mixed radix.
struct HalvesPlan {
  std::size_t weight_counter = 0;
  std::vector<std::size_t> key_counters;
  std::vector<std::int64_t> radix;  // cap + 1 per key counter
  std::size_t keys = 1;
  std::vector<std::int64_t> threshold;  // per key: least weight that passes, or kNever
};

// One member as the halves see it: a yes moves the key and the weight; any other
// ballot that does not defeat moves nothing.
struct HalfMember {
  std::vector<std::int64_t> key_step;  // per key counter
  std::int64_t weight = 0;
  double p_yes = 0.0;      // 0 when yes defeats
  double p_neutral = 0.0;  // non-yes ballots that do not defeat
};

std::size_t add_keys(const HalvesPlan& plan, std::size_t key, std::span<const std::int64_t> step) {
  if (step.empty()) return key;
  // Decode, add with saturation, re-encode (least significant counter first).
  std::size_t out = 0;
  std::size_t scale = 1;
  for (std::size_t d = 0; d < plan.radix.size(); ++d) {
    const auto r = static_cast<std::size_t>(plan.radix[d]);
    const auto digit = static_cast<std::int64_t>(key % r);
    key /= r;
    const std::int64_t sum = std::min(digit + step[d], plan.radix[d] - 1);
    out += static_cast<std::size_t>(sum) * scale;
    scale *= r;
  }
  return out;
}

std::size_t add_keys(const HalvesPlan& plan, std::size_t a, std::size_t b) {
  if (plan.radix.empty()) return 0;
  std::vector<std::int64_t> digits(plan.radix.size());
  for (std::size_t d = 0; d < plan.radix.size(); ++d) {
    const auto r = static_cast<std::size_t>(plan.radix[d]);
    digits[d] = static_cast<std::int64_t>(b % r);
    b /= r;
  }
  return add_keys(plan, a, digits);
}

std::optional<HalvesPlan> make_halves_plan(const TallySpec& spec) {
  if (!halves_apply(spec)) return std::nullopt;
  HalvesPlan plan;
  for (std::size_t d = 1; d < spec.counters.size(); ++d) {
    if (spec.counters[d].cap > spec.counters[plan.weight_counter].cap) plan.weight_counter = d;
  }
  for (std::size_t d = 0; d < spec.counters.size(); ++d) {
    if (d == plan.weight_counter) continue;
    plan.key_counters.push_back(d);
    plan.radix.push_back(spec.counters[d].cap + 1);
    if (plan.keys > kMaxHalvesKeys / static_cast<std::size_t>(plan.radix.back())) return std::nullopt;
    plan.keys *= static_cast<std::size_t>(plan.radix.back());
  }
  // Threshold per key by bisection on the weight: `passes` is monotone.
  const std::int64_t cap = spec.counters[plan.weight_counter].cap;
  std::vector<std::int64_t> values(spec.counters.size(), 0);
  auto passes_at = [&](std::size_t key, std::int64_t weight) {
    for (std::size_t d = 0; d < plan.key_counters.size(); ++d) {
      const auto r = static_cast<std::size_t>(plan.radix[d]);
      values[plan.key_counters[d]] = static_cast<std::int64_t>(key % r);
      key /= r;
    }
    values[plan.weight_counter] = weight;
    return spec.passes(values);
  };
  plan.threshold.assign(plan.keys, kNever);
  for (std::size_t key = 0; key < plan.keys; ++key) {
    if (!passes_at(key, cap)) continue;
    std::int64_t low = 0;  // passes at `high`; find the least such weight
    std::int64_t high = cap;
    if (passes_at(key, 0)) high = 0;
    while (low < high) {
      const std::int64_t mid = low + (high - low) / 2;
      if (passes_at(key, mid)) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    plan.threshold[key] = high;
  }
  return plan;
}

// The yes-sets of some members: grouped by key (group k is [start[k], start[k + 1])),
// sorted by weight within a group; `tail[j]` is the probability of entries j.. to the
// end of j's group.
struct Half {
  std::vector<std::int64_t> weight;
  std::vector<double> probability;
  std::vector<double> tail;
  std::vector<std::size_t> start;
};

struct HalfItem {
  std::int64_t weight;
  double probability;
};

// Per-key lists reused across builds, so a build allocates nothing once warm.
struct HalfScratch {
  std::vector<std::vector<HalfItem>> current;
  std::vector<std::vector<HalfItem>> next;
  std::vector<HalfItem> merged;
};

// Adds members one at a time, keeping every key's list sorted by weight: the lists after
// member j are the lists before it (it does not vote yes) merged with the lists before
// it shifted by its yes step (it does), so no sort is needed. Yes-sets of probability
// zero are dropped: they add nothing to any sum.
void build_half(const HalvesPlan& plan, std::span<const HalfMember> members, std::size_t skip, Half& half,
                HalfScratch& scratch) {
  auto& current = scratch.current;
  auto& next = scratch.next;
  current.resize(plan.keys);
  next.resize(plan.keys);
  for (auto& list : current) list.clear();
  current[0].push_back({0, 1.0});
  for (std::size_t j = 0; j < members.size(); ++j) {
    if (j == skip) continue;
    const HalfMember& m = members[j];
    for (std::size_t k = 0; k < plan.keys; ++k) {
      next[k].clear();
      if (m.p_neutral > 0.0) {
        for (const HalfItem& item : current[k])
          next[k].push_back({item.weight, item.probability * m.p_neutral});
      }
    }
    if (m.p_yes > 0.0) {
      for (std::size_t k = 0; k < plan.keys; ++k) {
        const auto& from = current[k];
        if (from.empty()) continue;
        auto& into = next[add_keys(plan, k, m.key_step)];
        auto& merged = scratch.merged;
        merged.clear();
        std::size_t a = 0;
        std::size_t b = 0;
        while (a < into.size() || b < from.size()) {
          if (b == from.size() || (a < into.size() && into[a].weight <= from[b].weight + m.weight)) {
            merged.push_back(into[a++]);
          } else {
            merged.push_back({from[b].weight + m.weight, from[b].probability * m.p_yes});
            ++b;
          }
        }
        std::swap(into, merged);
      }
    }
    std::swap(current, next);
  }
  half.start.assign(plan.keys + 1, 0);
  for (std::size_t k = 0; k < plan.keys; ++k) half.start[k + 1] = half.start[k] + current[k].size();
  const std::size_t total = half.start[plan.keys];
  half.weight.resize(total);
  half.probability.resize(total);
  half.tail.resize(total);
  for (std::size_t k = 0; k < plan.keys; ++k) {
    double sum = 0.0;
    for (std::size_t e = current[k].size(); e-- > 0;) {
      const std::size_t at = half.start[k] + e;
      half.weight[at] = current[k][e].weight;
      half.probability[at] = current[k][e].probability;
      sum += current[k][e].probability;
      half.tail[at] = sum;
    }
  }
}

// P(pass) when the members of x and y vote with their probabilities and one more
// ballot adds `key_step` and `weight` (a member fixed to yes; nothing when neutral).
double combine(const HalvesPlan& plan, const Half& x, const Half& y, std::span<const std::int64_t> key_step,
               std::int64_t weight) {
  double total = 0.0;
  for (std::size_t kx = 0; kx < plan.keys; ++kx) {
    const std::size_t x_begin = x.start[kx];
    const std::size_t x_end = x.start[kx + 1];
    if (x_begin == x_end) continue;
    const std::size_t shifted = add_keys(plan, kx, key_step);
    for (std::size_t ky = 0; ky < plan.keys; ++ky) {
      const std::size_t y_begin = y.start[ky];
      const std::size_t y_end = y.start[ky + 1];
      if (y_begin == y_end) continue;
      const std::int64_t threshold = plan.threshold[add_keys(plan, shifted, ky)];
      if (threshold == kNever) continue;
      const std::int64_t need = threshold - weight;
      // Heaviest x first: the y weight it needs only grows as x shrinks.
      std::size_t j = y_begin;
      for (std::size_t e = x_end; e-- > x_begin;) {
        const std::int64_t room = need - x.weight[e];
        while (j < y_end && y.weight[j] < room) ++j;
        if (j == y_end) break;
        total += x.probability[e] * y.tail[j];
      }
    }
  }
  return total;
}

TallyResult evaluate_by_halves(const TallySpec& spec, const HalvesPlan& plan,
                               std::span<const std::array<double, kBallotCount>> probabilities,
                               bool with_pivots) {
  const std::size_t n = spec.members;
  std::vector<HalfMember> members(n);
  for (std::size_t i = 0; i < n; ++i) {
    HalfMember& m = members[i];
    for (std::size_t d : plan.key_counters) m.key_step.push_back(spec.counters[d].increments[i][kYes]);
    m.weight = spec.counters[plan.weight_counter].increments[i][kYes];
    m.p_yes = spec.defeats[i][kYes] ? 0.0 : probabilities[i][kYes];
    for (std::size_t b = 0; b < kBallotCount; ++b) {
      if (b != kYes && !spec.defeats[i][b]) m.p_neutral += probabilities[i][b];
    }
  }
  const std::size_t split = n / 2;
  const std::span<const HalfMember> first(members.data(), split);
  const std::span<const HalfMember> second(members.data() + split, n - split);
  constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
  HalfScratch scratch;
  Half a;
  Half b;
  build_half(plan, first, kNone, a, scratch);
  build_half(plan, second, kNone, b, scratch);
  const std::vector<std::int64_t> no_step(plan.key_counters.size(), 0);
  TallyResult result;
  result.p_pass = combine(plan, a, b, no_step, 0);
  if (!with_pivots) return result;

  result.p_pass_given.assign(n, {0.0, 0.0, 0.0, 0.0});
  Half without;
  for (std::size_t i = 0; i < n; ++i) {
    const bool in_first = i < split;
    build_half(plan, in_first ? first : second, in_first ? i : i - split, without, scratch);
    const Half& other = in_first ? b : a;
    const double if_yes =
        spec.defeats[i][kYes] ? 0.0 : combine(plan, without, other, members[i].key_step, members[i].weight);
    const double if_neutral = combine(plan, without, other, no_step, 0);
    for (std::size_t ballot = 0; ballot < kBallotCount; ++ballot) {
      if (spec.defeats[i][ballot]) continue;
      result.p_pass_given[i][ballot] = ballot == kYes ? if_yes : if_neutral;
    }
  }
  return result;
}

}  // namespace

bool halves_apply(const TallySpec& spec) {
  if (!spec.monotone || spec.counters.empty() || spec.members > kMaxHalvesMembers) return false;
  for (const Counter& c : spec.counters) {
    if (!c.saturating || c.cap < 0 || c.increments.size() != spec.members) return false;
    for (const auto& inc : c.increments) {
      if (inc[kYes] < 0) return false;
      for (std::size_t b = 0; b < kBallotCount; ++b) {
        if (b != kYes && inc[b] != 0) return false;
      }
    }
  }
  return true;
}

TallyResult evaluate_tally(const TallySpec& spec,
                           std::span<const std::array<double, kBallotCount>> probabilities, bool with_pivots,
                           TallyMethod method) {
  const std::size_t n = spec.members;
  if (probabilities.size() != n) throw PreconditionError("ballot probabilities for wrong count");
  if (spec.defeats.size() != n) throw PreconditionError("defeating ballots for wrong count");
  if (!spec.passes) throw PreconditionError("tally without a pass predicate");
  if (method == TallyMethod::dynamic_programme)
    return evaluate_by_programme(spec, probabilities, with_pivots);
  const std::optional<HalvesPlan> plan = make_halves_plan(spec);
  if (method == TallyMethod::halves) {
    if (!plan) throw PreconditionError("the halves method does not apply to this tally");
    return evaluate_by_halves(spec, *plan, probabilities, with_pivots);
  }
  if (plan) {
    // Operation counts: the programme sweeps its cells once per member (about four
    // times with pivots); the halves build and sweep 2^(n/2) entries per group pair
    // once, or once per member with pivots.
    const double nn = static_cast<double>(n);
    const double programme = static_cast<double>(spec.cells()) * nn * (with_pivots ? 4.0 : 1.0);
    const double per_half = std::ldexp(1.0, static_cast<int>((n + 1) / 2));
    const double groups = std::min(static_cast<double>(plan->keys), nn / 2.0 + 1.0);
    const double halves = (with_pivots ? nn + 1.0 : 1.0) * per_half * (nn / 2.0 + 4.0 * groups);
    if (halves < programme) return evaluate_by_halves(spec, *plan, probabilities, with_pivots);
  }
  return evaluate_by_programme(spec, probabilities, with_pivots);
}

}  // namespace statecraft::forum
