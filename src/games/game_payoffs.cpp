#include "games/game_payoffs.h"

#include "core/error.h"

namespace statecraft::games {

bool has_expressions(const Game& game) {
  for (const auto& node : game.nodes) {
    if (!node.payoff_expressions.empty()) return true;
  }
  return false;
}

PayoffTable payoff_table(const Game& game, const QuantityResolver& resolver) {
  PayoffTable table = figure_payoffs(game);
  for (std::size_t n = 0; n < game.nodes.size(); ++n) {
    const GameNode& node = game.nodes[n];
    for (const auto& [player, text] : node.payoff_expressions) {
      SourceLocation where;
      if (auto it = node.payoff_locations.find(player); it != node.payoff_locations.end()) where = it->second;
      try {
        table[n][player_index(game, player)] = Expression::parse(text).evaluate(resolver);
      } catch (const ExpressionError& e) {
        SourceLocation at = where;
        if (at.column > 0) at.column += static_cast<int>(e.offset());
        throw InputError(at, "in payoff of '" + player + "' at '" + node.id + "': " + e.what());
      }
    }
  }
  return table;
}

}  // namespace statecraft::games
