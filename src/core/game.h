// A small sequential game in extensive form: threats, inducements, comply or defy.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/figure.h"

namespace statecraft {

struct GameMove {
  std::string label;
  std::string next;          // id of the node this move leads to
  double probability = 0.0;  // only for moves of the "chance" player
};

// A decision node (has moves) or a terminal node (has payoffs).
struct GameNode {
  std::string id;
  std::string player;  // an actor id, or "chance"; empty for terminal nodes
  std::vector<GameMove> moves;
  std::map<std::string, Figure> payoffs;    // per player, terminal nodes only
  std::map<std::string, double> payoff_sd;  // uncertainty per player (0 = known)
  // Payoffs written as expressions of scenario quantities (docs/scenario-format.md,
  // Games), per player, with where each is written. The games engine evaluates them;
  // such a player's entry in `payoffs` holds 0 and the expression's source.
  std::map<std::string, std::string> payoff_expressions;
  std::map<std::string, SourceLocation> payoff_locations;

  [[nodiscard]] bool terminal() const { return moves.empty(); }
};

struct Game {
  std::string id;
  std::string name;
  std::string description;
  std::vector<std::string> players;
  std::vector<GameNode> nodes;  // the first node is the root
};

}  // namespace statecraft
