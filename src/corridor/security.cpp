#include "corridor/security.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/error.h"

namespace statecraft::corridor {

SecurityParameters SecurityParameters::from(const Parameters& parameters) {
  SecurityParameters p;
  p.risk_cost_gain = parameters.get("corridor.risk_cost_gain");
  p.risk_capacity_loss = parameters.get("corridor.risk_capacity_loss");
  p.risk_closure = parameters.get("corridor.risk_closure");
  return p;
}

std::string check_shocks(const Network& network, const Shocks& shocks) {
  std::set<std::string> nodes;
  std::set<std::string> edges;
  std::set<std::string> groups;
  for (const auto& n : network.nodes) nodes.insert(n.id);
  for (const auto& e : network.edges) edges.insert(e.id);
  for (const auto& t : network.threats) groups.insert(t.group);
  for (const auto& id : shocks.closed) {
    if (edges.count(id) == 0 && nodes.count(id) == 0) return "no edge or node '" + id + "' in the network";
  }
  for (const auto& [group, value] : shocks.group_activity) {
    if (groups.count(group) == 0) return "no threat by '" + group + "' in the network";
    if (!(value >= 0.0 && value <= 1.0)) return "activity of '" + group + "' must be in [0, 1]";
  }
  for (const auto& [target, value] : shocks.target_risk) {
    if (edges.count(target) == 0 && nodes.count(target) == 0) return "no edge or node '" + target + "' in the network";
    if (!(value >= 0.0 && value <= 1.0)) return "risk of '" + target + "' must be in [0, 1]";
  }
  return "";
}

std::vector<double> edge_risks(const Network& network, const Shocks& shocks) {
  if (std::string problem = check_shocks(network, shocks); !problem.empty()) throw PreconditionError(problem);
  // Survival probability per node and per edge: the product of (1 - activity).
  std::map<std::string, double> survival;
  for (const auto& threat : network.threats) {
    auto it = shocks.group_activity.find(threat.group);
    const double activity = it != shocks.group_activity.end() ? it->second : threat.activity.value;
    for (const auto& target : threat.targets) {
      auto [slot, inserted] = survival.try_emplace(target, 1.0);
      slot->second *= 1.0 - activity;
    }
  }
  auto target_survival = [&](const std::string& id) {
    if (auto fixed = shocks.target_risk.find(id); fixed != shocks.target_risk.end()) return 1.0 - fixed->second;
    auto it = survival.find(id);
    return it != survival.end() ? it->second : 1.0;
  };
  std::vector<double> risks;
  risks.reserve(network.edges.size());
  for (const auto& edge : network.edges) {
    double s = target_survival(edge.id) * target_survival(edge.from) * target_survival(edge.to);
    risks.push_back(std::clamp(1.0 - s, 0.0, 1.0));
  }
  return risks;
}

double adjusted_cost(double cost, double risk, const SecurityParameters& p) {
  return cost * (1.0 + p.risk_cost_gain * risk);
}

double adjusted_capacity(double capacity, double risk, const SecurityParameters& p) {
  if (risk >= p.risk_closure) return 0.0;
  const double usable = std::max(0.0, 1.0 - p.risk_capacity_loss * risk);
  return usable > 0.0 ? capacity * usable : 0.0;  // an unlimited edge times 0 is 0, not NaN
}

}  // namespace statecraft::corridor
