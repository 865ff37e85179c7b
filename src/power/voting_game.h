// A simple voting game in the form every statecraft decision rule reduces to: a
// coalition (the members voting yes) wins when it contains every veto player and
// either reaches both a member count and a weight quota, or is so large that it wins
// on numbers alone. This one shape covers weighted games [q; w1..wn] (IMF boards),
// majorities of members (unit counts), veto players (UNSC) and the EU's double
// majority with its blocking-minority clause, and it is what the exact dynamic
// programmes in `exact_power.h` are written for.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace statecraft::power {

struct VotingGame {
  // Per member, in input order. Integers so that the dynamic programmes can index
  // tables by total weight; `game_from_rule.h` turns decimal weights into integers
  // exactly (by a common power of ten) or refuses.
  std::vector<std::int64_t> weights;
  std::int64_t quota = 0;  // total weight a coalition needs (0: no weight condition)
  int min_members = 0;     // members a coalition needs (0: no count condition)
  // A coalition of at least this many members wins whatever its weight (EU: fewer
  // than 4 against means qualified majority is deemed attained, i.e. 24 of 27).
  std::optional<int> members_alone_win;
  std::vector<bool> veto;  // per member; empty means nobody has a veto

  [[nodiscard]] int size() const { return static_cast<int>(weights.size()); }
  [[nodiscard]] bool is_veto(int member) const {
    return !veto.empty() && veto[static_cast<std::size_t>(member)];
  }
  // Whether a coalition of `members` members with total `weight` wins, given that it
  // holds every veto player.
  [[nodiscard]] bool wins_by_numbers(int members, std::int64_t weight) const {
    if (members_alone_win && members >= *members_alone_win) return true;
    return members >= min_members && weight >= quota;
  }
};

// The weighted voting game [quota; weights...].
VotingGame weighted_game(std::vector<std::int64_t> weights, std::int64_t quota);

// Whether `coalition` (one flag per member) wins.
bool is_winning(const VotingGame& game, const std::vector<bool>& coalition);

// Throws PreconditionError unless the game is one the engines can score: at least
// one member, non-negative weights, vetoes sized to match, the empty coalition losing
// and the grand coalition winning (otherwise nobody is ever decisive and the
// normalised indices are 0/0).
void check_game(const VotingGame& game);

}  // namespace statecraft::power
