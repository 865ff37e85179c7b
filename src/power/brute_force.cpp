#include "power/brute_force.h"

#include <bit>
#include <cmath>
#include <cstdint>
#include <string>

#include "core/error.h"

namespace statecraft::power {

PowerIndices brute_force_power(const VotingGame& game) {
  check_game(game);
  const int n = game.size();
  if (n > kMaxBruteForceMembers) {
    throw PreconditionError("brute force power: " + std::to_string(n) + " members is too many");
  }
  std::uint32_t veto_mask = 0;
  for (int i = 0; i < n; ++i) {
    if (game.is_veto(i)) veto_mask |= 1u << i;
  }
  const std::uint32_t all = (1u << n) - 1u;
  auto wins = [&](std::uint32_t coalition) {
    if ((coalition & veto_mask) != veto_mask) return false;
    std::int64_t weight = 0;
    for (int i = 0; i < n; ++i) {
      if (coalition & (1u << i)) weight += game.weights[static_cast<std::size_t>(i)];
    }
    return game.wins_by_numbers(std::popcount(coalition), weight);
  };

  PowerIndices result;
  result.banzhaf_raw.assign(static_cast<std::size_t>(n), 0.0);
  result.shapley.assign(static_cast<std::size_t>(n), 0.0);
  for (std::uint32_t coalition = 0; coalition <= all; ++coalition) {
    if (!wins(coalition)) continue;
    const int size = std::popcount(coalition);
    // Orderings in which the coalition's members come first and member i last among them.
    const double share = std::exp(std::lgamma(static_cast<double>(size)) +
                                  std::lgamma(static_cast<double>(n - size + 1)) - std::lgamma(n + 1.0));
    for (int i = 0; i < n; ++i) {
      if (!(coalition & (1u << i)) || wins(coalition & ~(1u << i))) continue;
      result.banzhaf_raw[static_cast<std::size_t>(i)] += 1.0;
      result.shapley[static_cast<std::size_t>(i)] += share;
    }
  }
  double total = 0.0;
  for (double& raw : result.banzhaf_raw) {
    raw = std::ldexp(raw, -(n - 1));
    total += raw;
  }
  for (double raw : result.banzhaf_raw) result.banzhaf.push_back(raw / total);
  return result;
}

}  // namespace statecraft::power
