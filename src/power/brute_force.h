// Power indices by enumerating all 2^n coalitions: the definition itself, kept as the
// reference the fast methods are tested against. Only for small games (n <= 24).
#pragma once

#include "power/power_indices.h"
#include "power/voting_game.h"

namespace statecraft::power {

inline constexpr int kMaxBruteForceMembers = 24;

PowerIndices brute_force_power(const VotingGame& game);

}  // namespace statecraft::power
