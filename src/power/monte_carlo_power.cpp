#include "power/monte_carlo_power.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "core/error.h"
#include "core/rng.h"

namespace statecraft::power {

namespace {
constexpr std::uint64_t kCoalitionPurpose = 0x706f7765722d6231ULL;  // "power-b1"
constexpr std::uint64_t kOrderingPurpose = 0x706f7765722d7331ULL;   // "power-s1"

double binomial_error(double share, std::size_t samples) {
  return std::sqrt(std::max(share * (1.0 - share), 0.0) / static_cast<double>(samples));
}
}  // namespace

PowerIndices monte_carlo_power(const VotingGame& game, std::size_t samples, std::uint64_t seed) {
  check_game(game);
  if (samples == 0) throw PreconditionError("monte carlo power: samples must be positive");
  const int n = game.size();
  const auto size = static_cast<std::size_t>(n);
  int veto_total = 0;
  for (int i = 0; i < n; ++i) veto_total += game.is_veto(i) ? 1 : 0;

  auto wins = [&](int members, std::int64_t weight, int vetoes_in) {
    return vetoes_in == veto_total && game.wins_by_numbers(members, weight);
  };

  // Banzhaf: one random coalition of everyone serves every member at once, because its
  // restriction to the others is a uniformly random coalition of the others.
  std::vector<double> swings(size, 0.0);
  std::vector<bool> in(size, false);
  for (std::size_t sample = 0; sample < samples; ++sample) {
    Rng rng(seed, sample, kCoalitionPurpose);
    int members = 0;
    int vetoes_in = 0;
    std::int64_t weight = 0;
    std::uint64_t bits = 0;
    for (int i = 0; i < n; ++i) {
      if (i % 64 == 0) bits = rng.next_u64();
      const bool chosen = (bits >> (i % 64)) & 1u;
      in[static_cast<std::size_t>(i)] = chosen;
      if (chosen) {
        ++members;
        weight += game.weights[static_cast<std::size_t>(i)];
        vetoes_in += game.is_veto(i) ? 1 : 0;
      }
    }
    const bool sample_wins = wins(members, weight, vetoes_in);
    for (int i = 0; i < n; ++i) {
      const std::int64_t w = game.weights[static_cast<std::size_t>(i)];
      const int v = game.is_veto(i) ? 1 : 0;
      const bool decisive = in[static_cast<std::size_t>(i)]
                                ? sample_wins && !wins(members - 1, weight - w, vetoes_in - v)
                                : !sample_wins && wins(members + 1, weight + w, vetoes_in + v);
      if (decisive) swings[static_cast<std::size_t>(i)] += 1.0;
    }
  }

  // Shapley–Shubik: walk a random ordering until the coalition wins; the member who
  // tips it is pivotal. The game is monotone (weights are non-negative), so exactly one is.
  std::vector<double> pivots(size, 0.0);
  std::vector<int> order(size);
  for (std::size_t sample = 0; sample < samples; ++sample) {
    Rng rng(seed, sample, kOrderingPurpose);
    std::iota(order.begin(), order.end(), 0);
    int members = 0;
    int vetoes_in = 0;
    std::int64_t weight = 0;
    // Fisher–Yates, drawing each next member only as the walk needs it.
    for (int position = 0; position < n; ++position) {
      const auto remaining = static_cast<double>(n - position);
      const int pick = position + std::min(n - position - 1, static_cast<int>(rng.uniform() * remaining));
      std::swap(order[static_cast<std::size_t>(position)], order[static_cast<std::size_t>(pick)]);
      const int member = order[static_cast<std::size_t>(position)];
      ++members;
      weight += game.weights[static_cast<std::size_t>(member)];
      vetoes_in += game.is_veto(member) ? 1 : 0;
      if (wins(members, weight, vetoes_in)) {
        pivots[static_cast<std::size_t>(member)] += 1.0;
        break;
      }
    }
  }

  PowerIndices result;
  result.samples = samples;
  const auto count = static_cast<double>(samples);
  double raw_total = 0.0;
  for (std::size_t i = 0; i < size; ++i) {
    result.banzhaf_raw.push_back(swings[i] / count);
    result.banzhaf_raw_error.push_back(binomial_error(result.banzhaf_raw[i], samples));
    result.shapley.push_back(pivots[i] / count);
    result.shapley_error.push_back(binomial_error(result.shapley[i], samples));
    raw_total += result.banzhaf_raw[i];
  }
  for (std::size_t i = 0; i < size; ++i) {
    result.banzhaf.push_back(raw_total > 0.0 ? result.banzhaf_raw[i] / raw_total : 0.0);
    result.banzhaf_error.push_back(raw_total > 0.0 ? result.banzhaf_raw_error[i] / raw_total : 0.0);
  }
  return result;
}

}  // namespace statecraft::power
