// Sampling agrees with the exact indices within its error bars, and depends on the
// seed alone.
#include "power/monte_carlo_power.h"

#include <gtest/gtest.h>

#include <cmath>

#include "power/exact_power.h"

namespace statecraft::power {
namespace {

VotingGame large_game() {
  // 120 members, a few large ones (an IMF-board-like skew), quota at 60%.
  std::vector<std::int64_t> weights;
  std::int64_t total = 0;
  for (int i = 0; i < 120; ++i) {
    const std::int64_t w = i < 5 ? 300 + 40 * i : 1 + (i * 37) % 29;
    weights.push_back(w);
    total += w;
  }
  return weighted_game(weights, total * 3 / 5);
}

TEST(MonteCarloPower, WithinErrorBarsOfExactOnLargeGame) {
  const VotingGame game = large_game();
  const PowerIndices exact = exact_power(game);
  const PowerIndices sampled = monte_carlo_power(game, 100'000, 7);
  ASSERT_EQ(sampled.samples, 100'000u);
  int outside_two_sigma = 0;
  for (std::size_t i = 0; i < game.weights.size(); ++i) {
    EXPECT_NEAR(sampled.shapley[i], exact.shapley[i], 4.5 * sampled.shapley_error[i] + 1e-12) << i;
    EXPECT_NEAR(sampled.banzhaf_raw[i], exact.banzhaf_raw[i], 4.5 * sampled.banzhaf_raw_error[i] + 1e-12) << i;
    if (std::fabs(sampled.shapley[i] - exact.shapley[i]) > 2 * sampled.shapley_error[i]) ++outside_two_sigma;
  }
  // The error bars are honest, not merely wide: about 5% fall outside two of them.
  EXPECT_LE(outside_two_sigma, 20);
}

TEST(MonteCarloPower, VetoAndCountConditions) {
  VotingGame game;  // UNSC-shaped
  game.weights.assign(15, 1);
  game.quota = 9;
  game.veto.assign(15, false);
  for (int i = 0; i < 5; ++i) game.veto[i] = true;
  const PowerIndices exact = exact_power(game);
  const PowerIndices sampled = monte_carlo_power(game, 50'000, 11);
  for (std::size_t i = 0; i < 15; ++i) {
    EXPECT_NEAR(sampled.shapley[i], exact.shapley[i], 4.5 * sampled.shapley_error[i] + 1e-12) << i;
    EXPECT_NEAR(sampled.banzhaf_raw[i], exact.banzhaf_raw[i], 4.5 * sampled.banzhaf_raw_error[i] + 1e-12) << i;
  }
}

TEST(MonteCarloPower, SameSeedSameResultOtherSeedOther) {
  const VotingGame game = large_game();
  const PowerIndices a = monte_carlo_power(game, 2'000, 5);
  const PowerIndices b = monte_carlo_power(game, 2'000, 5);
  const PowerIndices c = monte_carlo_power(game, 2'000, 6);
  EXPECT_EQ(a.shapley, b.shapley);
  EXPECT_EQ(a.banzhaf_raw, b.banzhaf_raw);
  EXPECT_NE(a.shapley, c.shapley);
}

}  // namespace
}  // namespace statecraft::power
