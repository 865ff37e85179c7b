// Subgame-perfect equilibrium of a finite extensive-form game with perfect
// information, by backward induction (Kuhn 1953; Selten 1965/1975): at every decision
// node, working up from the terminals, the mover picks the move whose continuation
// gives it the highest payoff; chance nodes take the probability-weighted mean.
//
// Games may share subtrees (the loader accepts DAGs), so values are memoised per node;
// cost is O(nodes + moves) per solve. Ties are broken towards the move listed first,
// and reported, because a tie means the equilibrium is not unique.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "core/game.h"

namespace statecraft::games {

// Payoffs of every terminal node: payoff[node][player], players in Game::players
// order (decision nodes have empty rows).
using PayoffTable = std::vector<std::vector<double>>;

// The payoffs and standard deviations written in the game as numbers. Expression
// payoffs (GameNode::payoff_expressions) must be evaluated separately and written into
// the table (see payoff_table in game_payoffs.h).
PayoffTable figure_payoffs(const Game& game);
PayoffTable payoff_sds(const Game& game);

struct Solution {
  std::vector<std::size_t> choice;            // per node: index of the chosen move (decision nodes)
  std::vector<std::vector<double>> value;     // per node: expected payoff per player under the equilibrium
  std::vector<double> reach;                  // per node: probability it is reached in equilibrium play
  std::vector<bool> tie;                      // per node: the mover was indifferent between best moves
};

// Throws PreconditionError when the table does not match the game or a node is unknown.
Solution solve(const Game& game, const PayoffTable& payoffs);

// One root-to-terminal path of play with its probability in equilibrium.
struct Path {
  std::vector<std::string> labels;  // moves taken, chance moves included
  std::string terminal;
  double probability = 0.0;

  [[nodiscard]] std::string key() const;  // labels joined with " > "
};

// Every path with positive probability under the equilibrium, in depth-first move order.
std::vector<Path> equilibrium_paths(const Game& game, const Solution& solution);

std::size_t player_index(const Game& game, const std::string& player);

}  // namespace statecraft::games
