#include "power/voting_game.h"

#include <string>

#include "core/error.h"

namespace statecraft::power {

VotingGame weighted_game(std::vector<std::int64_t> weights, std::int64_t quota) {
  VotingGame game;
  game.weights = std::move(weights);
  game.quota = quota;
  return game;
}

bool is_winning(const VotingGame& game, const std::vector<bool>& coalition) {
  int members = 0;
  std::int64_t weight = 0;
  for (int i = 0; i < game.size(); ++i) {
    const bool in = coalition[static_cast<std::size_t>(i)];
    if (!in && game.is_veto(i)) return false;
    if (in) {
      ++members;
      weight += game.weights[static_cast<std::size_t>(i)];
    }
  }
  return game.wins_by_numbers(members, weight);
}

void check_game(const VotingGame& game) {
  if (game.weights.empty()) throw PreconditionError("voting game: no members");
  if (!game.veto.empty() && game.veto.size() != game.weights.size()) {
    throw PreconditionError("voting game: " + std::to_string(game.veto.size()) + " veto flags for " +
                            std::to_string(game.weights.size()) + " members");
  }
  std::int64_t total = 0;
  for (std::int64_t w : game.weights) {
    if (w < 0) throw PreconditionError("voting game: negative weight " + std::to_string(w));
    total += w;
  }
  if (!game.wins_by_numbers(game.size(), total)) {
    throw PreconditionError("voting game: even the grand coalition loses (quota " +
                            std::to_string(game.quota) + ", total weight " + std::to_string(total) +
                            ")");
  }
  bool any_veto = false;
  for (int i = 0; i < game.size(); ++i) any_veto = any_veto || game.is_veto(i);
  if (!any_veto && game.wins_by_numbers(0, 0)) {
    throw PreconditionError("voting game: the empty coalition wins (quota " +
                            std::to_string(game.quota) + ")");
  }
}

}  // namespace statecraft::power
