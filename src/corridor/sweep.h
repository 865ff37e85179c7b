// Elasticity of hub shares to armed-group activity: route the network again at each of
// a grid of activity levels of one group and record every country's hub share.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/network.h"
#include "corridor/routing.h"

namespace statecraft::corridor {

struct SweepPoint {
  double activity = 0.0;
  double total_cost = 0.0;
  double unmet = 0.0;
  std::vector<double> hub_share;  // one per SweepResult::countries
  std::vector<double> net_cost_usd;
};

struct SweepResult {
  std::string group;
  std::vector<std::string> countries;  // order of CorridorResult::countries
  std::vector<SweepPoint> points;      // ascending activity

  // Arc elasticity d ln(hub share) / d ln(activity) of `country` between points i-1 and
  // i+1 (one-sided at the ends); 0 where the share or the activity is 0.
  [[nodiscard]] double elasticity(std::size_t country, std::size_t i) const;
};

// `points` >= 2 evenly spaced activity levels of `group` from `from` to `to` (within
// [0, 1]), other shocks held fixed. Points are computed in parallel (oneTBB); each is
// a pure function of its activity, so the result does not depend on the thread count.
SweepResult sweep_threat(const Network& network, const RoutingParameters& parameters, const Shocks& shocks,
                         const std::string& group, std::size_t points, double from = 0.0, double to = 1.0);

}  // namespace statecraft::corridor
