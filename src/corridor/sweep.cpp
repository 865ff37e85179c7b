#include "corridor/sweep.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>

#include "core/error.h"

namespace statecraft::corridor {

double SweepResult::elasticity(std::size_t country, std::size_t i) const {
  if (points.size() < 2 || i >= points.size()) return 0.0;
  const std::size_t lo = i == 0 ? 0 : i - 1;
  const std::size_t hi = std::min(points.size() - 1, i + 1);
  const double s0 = points[lo].hub_share[country];
  const double s1 = points[hi].hub_share[country];
  const double a0 = points[lo].activity;
  const double a1 = points[hi].activity;
  if (s0 <= 0.0 || s1 <= 0.0 || a0 <= 0.0 || a1 <= 0.0 || a0 == a1) return 0.0;
  return (std::log(s1) - std::log(s0)) / (std::log(a1) - std::log(a0));
}

SweepResult sweep_threat(const Network& network, const RoutingParameters& parameters, const Shocks& shocks,
                         const std::string& group, std::size_t points, double from, double to) {
  if (points < 2) throw PreconditionError("a sweep needs at least 2 points");
  if (!(from >= 0.0 && to <= 1.0 && from < to)) throw PreconditionError("sweep range must satisfy 0 <= from < to <= 1");
  Shocks probe = shocks;
  probe.group_activity[group] = from;
  if (std::string problem = check_shocks(network, probe); !problem.empty()) throw PreconditionError(problem);

  SweepResult result;
  result.group = group;
  const CorridorResult first = route(network, parameters, probe);
  for (const auto& c : first.countries) result.countries.push_back(c.country);
  result.points.resize(points);
  tbb::parallel_for(std::size_t{0}, points, [&](std::size_t i) {
    Shocks local = shocks;
    const double activity = from + (to - from) * static_cast<double>(i) / static_cast<double>(points - 1);
    local.group_activity[group] = activity;
    const CorridorResult r = route(network, parameters, local);
    SweepPoint& p = result.points[i];
    p.activity = activity;
    p.total_cost = r.total_cost;
    p.unmet = r.unmet;
    for (const auto& c : r.countries) {
      p.hub_share.push_back(c.hub_share);
      p.net_cost_usd.push_back(c.net_cost_usd);
    }
  });
  return result;
}

}  // namespace statecraft::corridor
