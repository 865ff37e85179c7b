// Power indices by sampling, for games too large for the exact tables: Banzhaf from
// uniformly random coalitions, Shapley–Shubik from uniformly random orderings (Mann &
// Shapley 1960). Each sample draws from its own counter-based stream
// Rng(seed, sample, purpose), so results depend on the seed only, never on threads.
#pragma once

#include <cstddef>
#include <cstdint>

#include "power/power_indices.h"
#include "power/voting_game.h"

namespace statecraft::power {

// `samples` coalitions and `samples` orderings. Standard errors are the binomial
// sqrt(p (1 - p) / samples) of each member's estimate.
PowerIndices monte_carlo_power(const VotingGame& game, std::size_t samples, std::uint64_t seed);

}  // namespace statecraft::power
