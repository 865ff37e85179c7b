// `forecast` as a library call: where a negotiation on one issue ends, per model, with
// the full trajectory and an optional Monte Carlo interval.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "api/world.h"

namespace statecraft::api {

struct ForecastRequest {
  WorldInput world;           // SCENARIO (with issue), or empty when `table` is given
  std::string issue;          // --issue
  std::string table;          // --table FILE.csv
  std::string model = "bdm";  // achen, median, bdm, smp or all
  std::optional<int> rounds;
  int samples = 0;
  std::uint64_t seed = 1;
  double noise = 0.0;
};

// One model's positions, round-major: positions[r * actors.size() + a].
struct PositionMatrix {
  std::string model;
  std::size_t rounds = 0;
  std::vector<double> positions;
};

struct ForecastOutput {
  nlohmann::ordered_json json;  // exactly what `statecraft forecast --format json` prints
  std::vector<std::string> actors;
  std::vector<PositionMatrix> trajectories;  // one per model, in output order
};

[[nodiscard]] ForecastOutput forecast(const ForecastRequest& request);

}  // namespace statecraft::api
