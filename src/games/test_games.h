// Small games for tests, built in code.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/game.h"

namespace statecraft::games::testing {

inline GameNode decision(std::string id, std::string player, std::vector<std::pair<std::string, std::string>> moves) {
  GameNode n;
  n.id = std::move(id);
  n.player = std::move(player);
  for (auto& [label, next] : moves) n.moves.push_back({label, next, 0.0});
  return n;
}

inline GameNode chance(std::string id, std::vector<std::tuple<std::string, std::string, double>> moves) {
  GameNode n;
  n.id = std::move(id);
  n.player = "chance";
  for (auto& [label, next, p] : moves) n.moves.push_back({label, next, p});
  return n;
}

inline GameNode terminal(std::string id, std::vector<std::pair<std::string, double>> payoffs,
                         std::vector<std::pair<std::string, double>> sd = {}) {
  GameNode n;
  n.id = std::move(id);
  for (auto& [player, value] : payoffs) n.payoffs[player] = Figure{value, "", false};
  for (auto& [player, value] : sd) n.payoff_sd[player] = value;
  return n;
}

// Selten's chain-store stage game: an entrant stays out (0, 2) or enters; the
// incumbent then fights (-1, -1) or accommodates (1, 1).
inline Game entry_deterrence() {
  Game g;
  g.id = "entry";
  g.players = {"entrant", "incumbent"};
  g.nodes = {decision("start", "entrant", {{"out", "stay_out"}, {"in", "respond"}}),
             decision("respond", "incumbent", {{"fight", "fought"}, {"accommodate", "shared"}}),
             terminal("stay_out", {{"entrant", 0}, {"incumbent", 2}}),
             terminal("fought", {{"entrant", -1}, {"incumbent", -1}}),
             terminal("shared", {{"entrant", 1}, {"incumbent", 1}})};
  return g;
}

}  // namespace statecraft::games::testing
