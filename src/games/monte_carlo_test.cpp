// Monte Carlo over uncertain payoffs converges to the analytic probability.
#include "games/monte_carlo.h"

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <cmath>

#include "core/error.h"
#include "games/test_games.h"

namespace statecraft::games {
namespace {

using namespace testing;

// The incumbent fights when -1 + e_f > 1 + e_a with e ~ N(0, 1.5^2) each:
// P = P(N(0, 4.5) > 2) = 1 - Phi(2 / sqrt(4.5)).
TEST(GamesMonteCarlo, ConvergesToTheNormalProbability) {
  Game g = entry_deterrence();
  g.nodes[3].payoff_sd["incumbent"] = 1.5;
  g.nodes[4].payoff_sd["incumbent"] = 1.5;
  const double p_fight = 0.5 * std::erfc(2.0 / std::sqrt(4.5) / std::sqrt(2.0));
  MonteCarloResult r = simulate(g, figure_payoffs(g), payoff_sds(g), 200000, 42);
  EXPECT_NEAR(r.p_move.at("respond").at("fight"), p_fight, 0.004);  // ~4 standard errors
  EXPECT_NEAR(r.p_move.at("respond").at("accommodate"), 1 - p_fight, 0.004);
  // The entrant enters iff the incumbent accommodates (enter gives -1 or 1 vs 0 out).
  EXPECT_NEAR(r.p_path.at("in > accommodate"), 1 - p_fight, 0.004);
  EXPECT_NEAR(r.p_path.at("out"), p_fight, 0.004);
  double total = 0;
  for (const auto& [k, v] : r.p_path) total += v;
  EXPECT_NEAR(total, 1.0, 1e-12);
}

TEST(GamesMonteCarlo, KnownPayoffsGiveTheDeterministicAnswer) {
  Game g = entry_deterrence();
  MonteCarloResult r = simulate(g, figure_payoffs(g), payoff_sds(g), 100, 1);
  EXPECT_DOUBLE_EQ(r.p_path.at("in > accommodate"), 1.0);
  EXPECT_DOUBLE_EQ(r.mean_payoff[0], 1.0);
  EXPECT_DOUBLE_EQ(r.payoff_sd[0], 0.0);
}

TEST(GamesMonteCarlo, IdenticalForAnyThreadCount) {
  Game g = entry_deterrence();
  g.nodes[3].payoff_sd["incumbent"] = 1.0;
  g.nodes[2].payoff_sd["entrant"] = 0.5;
  MonteCarloResult many = simulate(g, figure_payoffs(g), payoff_sds(g), 5000, 7);
  MonteCarloResult one;
  {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 1);
    one = simulate(g, figure_payoffs(g), payoff_sds(g), 5000, 7);
  }
  EXPECT_EQ(many.p_path, one.p_path);
  EXPECT_EQ(many.mean_payoff, one.mean_payoff);
  MonteCarloResult other_seed = simulate(g, figure_payoffs(g), payoff_sds(g), 5000, 8);
  EXPECT_NE(many.p_path, other_seed.p_path);
  EXPECT_THROW(simulate(g, figure_payoffs(g), payoff_sds(g), 0, 7), PreconditionError);
}

}  // namespace
}  // namespace statecraft::games
