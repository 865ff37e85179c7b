// `power` as a library call: Banzhaf and Shapley–Shubik indices of a forum's decision
// rule or of a weighted game [quota; weights].
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "api/world.h"
#include "power/voting_game.h"

namespace statecraft::api {

struct PowerRequest {
  WorldInput world;  // with `forum`; or leave empty and give quota and weights
  std::string forum;
  std::optional<double> quota;
  std::vector<double> weights;
  std::size_t samples = 0;  // 0: exact when feasible, else analysis::kDefaultPowerSamples
  std::uint64_t seed = 1;
};

// The weighted game [quota; weights] with members named "1", "2", ...; errors name
// --quota or --weights, worded as the CLI words them.
[[nodiscard]] power::VotingGame weighted_game(double quota, const std::vector<double>& weights);

// Exactly what `statecraft power --format json` prints.
[[nodiscard]] nlohmann::json power(const PowerRequest& request);

}  // namespace statecraft::api
