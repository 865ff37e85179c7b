// From a game as written (numbers and expressions) to the numeric payoff table the
// solver needs. Expressions are evaluated once, with a resolver supplied by the caller
// (the CLI resolves corridor quantities by running the corridor engine).
#pragma once

#include "core/game.h"
#include "games/backward_induction.h"
#include "games/expression.h"

namespace statecraft::games {

// Payoffs of every terminal node, expressions evaluated. Errors in an expression are
// reported as InputError at its location in the scenario file (column shifted by the
// offset in the text).
PayoffTable payoff_table(const Game& game, const QuantityResolver& resolver);

// True when any payoff of the game is an expression.
bool has_expressions(const Game& game);

}  // namespace statecraft::games
