// `game` as a library call: the subgame-perfect equilibrium of a sequential game and,
// with uncertain payoffs, the Monte Carlo probability of each equilibrium path.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api/world.h"

namespace statecraft::api {

struct GameRequest {
  WorldInput world;
  std::string game;
  std::size_t samples = 0;  // 0: the games.samples parameter when payoffs are uncertain, else none
  std::uint64_t seed = 1;
  std::vector<std::string> close;
  std::vector<std::string> set;
};

struct GameOutput {
  nlohmann::json json;  // exactly what `statecraft game --format json` prints
  // The equilibrium path the table shows (labels) and its probability, for printing.
  std::vector<std::string> path;
};

[[nodiscard]] GameOutput game(const GameRequest& request);

}  // namespace statecraft::api
