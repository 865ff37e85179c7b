// Exact Banzhaf and Shapley–Shubik indices by counting coalitions with dynamic
// programming over (coalition size, total weight), the generating-function method of
// Brams & Affuso (1976) and Bilbao, Fernández, Jiménez Losada & López (2000),
// "Generating functions for computing power indices efficiently", TOP 8(2).
//
// Cost, with n members, m of them without a veto and total weight W:
//   exact_banzhaf, plain weighted game: O(n·q + d·q) with q the quota and d the number of
//     distinct weights (one truncated weight distribution, then "remove one member").
//   everything else: O(m²·W / 2) to build the size-by-weight table, plus O(m·W / 2) per
//     distinct weight to remove a member from it.
// Memory: O(q) for the plain Banzhaf path, O(m·W / 2) doubles otherwise.
#pragma once

#include "power/power_indices.h"
#include "power/voting_game.h"

namespace statecraft::power {

// Largest number of non-veto members the size-by-weight table accepts: its counts are
// doubles up to 2^m, which stay finite for m <= 1000. Beyond that use Monte Carlo.
inline constexpr int kMaxExactSizeMembers = 1000;

// Whether exact_power can score this game within the limits above (members without a
// veto, and a size-by-weight table of at most 250 million cells, 2 GB). Callers choose
// Monte Carlo when it cannot.
bool exact_is_feasible(const VotingGame& game);

// Raw and normalised Banzhaf (shapley left empty).
PowerIndices exact_banzhaf(const VotingGame& game);
// Shapley–Shubik (banzhaf fields left empty).
PowerIndices exact_shapley(const VotingGame& game);
// Both, from one size-by-weight table.
PowerIndices exact_power(const VotingGame& game);

}  // namespace statecraft::power
