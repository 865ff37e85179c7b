// `influence` as a library call: the influence network derived from relations
// (strongest channels, reach, exposure, leverage) and the narrative dynamics.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "api/world.h"

namespace statecraft::api {

struct InfluenceRequest {
  WorldInput world;
  std::size_t top = 10;  // channels and asymmetries listed
};

// Exactly what `statecraft influence --format json` prints.
[[nodiscard]] nlohmann::json influence(const InfluenceRequest& request);

}  // namespace statecraft::api
