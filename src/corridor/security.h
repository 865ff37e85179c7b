// How armed-group activity makes a corridor dearer and thinner: "no security, no trade".
//
// Each threat names targets (nodes or edges) and an activity a in [0, 1]. An edge is
// exposed to every threat that targets it or either of its end nodes; independent
// threats combine like independent hazards:
//
//     risk(e) = 1 - prod_{threats t exposing e} (1 - a_t)                      in [0, 1]
//
// Risk then raises the cost of moving a unit along the edge (insurance, escorts, bribes,
// delay) and lowers the capacity that can be used (convoys suspended, crossings shut
// for days at a time):
//
//     cost'(e)     = cost(e) * (1 + corridor.risk_cost_gain * risk(e))
//     capacity'(e) = capacity(e) * max(0, 1 - corridor.risk_capacity_loss * risk(e))
//     capacity'(e) = 0 when risk(e) >= corridor.risk_closure
//
// The three parameters are analyst assumptions (see `statecraft info --parameters`),
// not estimates; the sweep verb shows how much conclusions depend on them.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/network.h"
#include "core/parameters.h"

namespace statecraft::corridor {

struct SecurityParameters {
  double risk_cost_gain = 2.0;
  double risk_capacity_loss = 0.8;
  double risk_closure = 1.0;

  static SecurityParameters from(const Parameters& parameters);
};

// Shocks applied on top of the scenario, e.g. from `--close` and `--set risk.X=V`.
struct Shocks {
  std::vector<std::string> closed;                   // edge ids, or node ids (closes every edge touching the node)
  std::map<std::string, double> group_activity;      // armed-group id -> activity in [0, 1] for all its threats
  std::map<std::string, double> target_risk;         // node or edge id -> risk in [0, 1], replacing the computed one
};

// Risk of each edge of `network`, in edge order, with the shocks applied.
// Throws PreconditionError for an unknown id or a value outside [0, 1].
std::vector<double> edge_risks(const Network& network, const Shocks& shocks);

// Checks that every id in `shocks` names something in `network` and every value is in
// [0, 1]; returns an empty string when all is well, else a one-line description.
std::string check_shocks(const Network& network, const Shocks& shocks);

double adjusted_cost(double cost, double risk, const SecurityParameters& p);
double adjusted_capacity(double capacity, double risk, const SecurityParameters& p);

}  // namespace statecraft::corridor
