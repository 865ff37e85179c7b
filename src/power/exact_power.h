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
//
// Small games with a large total weight (the EU Council: 27 members, populations in
// thousands, W ≈ 448,000) are cheaper by splitting the members into two halves
// (Horowitz & Sahni 1974, "Computing partitions with applications to the knapsack
// problem", J. ACM 21(2)): list the 2^(m/2) coalitions of each half by size, sorted
// by weight, and count the pairs whose summed weight falls in the swing range with two
// pointers. Cost O(d·m·2^(m/2)) with d distinct weights, independent of W; counts are
// exact 64-bit integers. `exact_power` picks whichever method is cheaper.
#pragma once

#include "power/power_indices.h"
#include "power/voting_game.h"

namespace statecraft::power {

// Largest number of non-veto members the size-by-weight table accepts: its counts are
// doubles up to 2^m, which stay finite for m <= 1000. Beyond that use Monte Carlo.
inline constexpr int kMaxExactSizeMembers = 1000;

// Largest number of non-veto members the split (halves) method accepts: 2^20
// coalitions per half.
inline constexpr int kMaxHalvesMembers = 40;

// Which exact method to use; `automatic` estimates both costs and takes the cheaper.
enum class ExactMethod { automatic, size_weight_table, halves };

// Whether exact_power can score this game within the limits above (members without a
// veto, and a size-by-weight table of at most 250 million cells, 2 GB; or at most
// kMaxHalvesMembers members without a veto, whatever the weights). Callers choose Monte
// Carlo when it cannot.
bool exact_is_feasible(const VotingGame& game);

// Raw and normalised Banzhaf (shapley left empty).
PowerIndices exact_banzhaf(const VotingGame& game);
// Shapley–Shubik (banzhaf fields left empty).
PowerIndices exact_shapley(const VotingGame& game);
// Both, from one size-by-weight table.
PowerIndices exact_power(const VotingGame& game);
// The same with a chosen method (tests compare the methods; benchmarks time each).
PowerIndices exact_power(const VotingGame& game, ExactMethod method);

}  // namespace statecraft::power
