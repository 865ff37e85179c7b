// Uncertain payoffs: each terminal payoff with a standard deviation is drawn from a
// normal distribution around its value, the game is solved again, and the equilibrium
// path is recorded. The share of samples giving each path is the probability that,
// say, a threat works, under the stated uncertainty.
//
// Sample s draws from Rng(seed, s, kGamesPurpose), and samples are summed in fixed
// blocks whose totals are added in block order, so the result is bit-identical for any
// thread count.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/game.h"
#include "games/backward_induction.h"

namespace statecraft::games {

inline constexpr std::uint64_t kGamesPurpose = 0x67616d6573ULL;  // "games"

struct MonteCarloResult {
  std::size_t samples = 0;
  std::map<std::string, double> p_path;      // path key -> probability (chance moves weighted in)
  std::map<std::string, double> p_terminal;  // terminal node id -> probability
  // Decision node id -> move label -> share of samples in which the equilibrium strategy
  // picks that move there (whether or not the node is reached): e.g. how often the
  // target's best reply to a threat is to comply.
  std::map<std::string, std::map<std::string, double>> p_move;
  std::vector<double> mean_payoff;  // expected equilibrium payoff per player (Game::players order)
  std::vector<double> payoff_sd;    // its standard deviation across samples
};

// Throws PreconditionError when samples is 0 or the tables do not match the game.
MonteCarloResult simulate(const Game& game, const PayoffTable& mean, const PayoffTable& sd, std::size_t samples,
                          std::uint64_t seed);

}  // namespace statecraft::games
