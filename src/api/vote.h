// `vote` as a library call: each member's ballot probabilities on a motion, the exact
// probability that it clears its gates and passes, who is pivotal, and optionally a
// Monte Carlo cross-check with correlated bloc shocks.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "api/world.h"

namespace statecraft::api {

struct VoteRequest {
  WorldInput world;  // `at` defaults to the motion's date when it has one
  std::string forum;
  std::string motion;
  std::size_t samples = 0;  // 0: exact only
  std::uint64_t seed = 1;
};

// Exactly what `statecraft vote --format json` prints.
[[nodiscard]] nlohmann::json vote(const VoteRequest& request);

}  // namespace statecraft::api
