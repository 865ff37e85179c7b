#include "api/compare.h"

#include <map>
#include <stdexcept>
#include <string>

#include "core/error.h"
#include "io/scenario_loader.h"
#include "strategy/plan.h"

namespace statecraft::api {

std::vector<strategy::HorizonWorld> horizon_worlds(const Scenario& scenario, const Horizon& horizon,
                                                   const std::function<Scenario(Scenario)>& adjust) {
  std::map<std::string, Scenario> files;
  std::vector<strategy::HorizonWorld> out;
  for (const HorizonMotion& hm : horizon.motions) {
    Scenario world;
    if (hm.scenario.empty()) {
      world = scenario;
    } else {
      auto it = files.find(hm.scenario);
      if (it == files.end()) it = files.emplace(hm.scenario, io::load_scenario(hm.scenario)).first;
      world = it->second;
    }
    if (hm.at) world = world_at(world, *hm.at);
    if (adjust) world = adjust(std::move(world));
    const Forum* forum = world.find_forum(hm.forum);
    if (forum == nullptr) throw InputError(hm.location, "no forum '" + hm.forum + "' in " + hm.scenario);
    const Motion* motion = world.find_motion(hm.motion);
    if (motion == nullptr || motion->forum != forum->id) {
      throw InputError(hm.location,
                       "no motion '" + hm.motion + "' in forum '" + hm.forum + "' of " + hm.scenario);
    }
    for (const auto& s : hm.sponsors) {
      if (world.find_actor(s) == nullptr)
        throw InputError(hm.location, "sponsor '" + s + "' is not an actor of " + hm.scenario);
    }
    for (const Action& a : scenario.actions) {
      if (world.find_actor(a.actor) == nullptr || world.find_actor(a.target) == nullptr) {
        throw InputError(hm.location, "action '" + a.id + "' names an actor missing from " +
                                          (hm.scenario.empty() ? std::string("this scenario") : hm.scenario));
      }
    }
    out.push_back({std::move(world), hm.forum, hm.motion, hm.sponsors, hm.weight});
  }
  return out;
}

nlohmann::json comparison_json(const strategy::ComparisonResult& r) {
  nlohmann::json out;
  out["motions"] = nlohmann::json::array();
  for (std::size_t m = 0; m < r.motions.size(); ++m) {
    out["motions"].push_back({{"motion", r.motions[m]}, {"forum", r.forums[m]}, {"p_before", r.p_before[m]}});
  }
  out["budgets"] = r.budgets;
  out["strategies"] = r.strategies;
  out["points"] = nlohmann::json::array();
  for (const auto& p : r.points) {
    nlohmann::json point{{"strategy", p.strategy}, {"budget", p.budget},
                         {"cost", p.cost},         {"expected_passes", p.expected_passes},
                         {"method", p.method},     {"lasting", p.lasting}};
    point["motions"] = nlohmann::json::array();
    for (std::size_t m = 0; m < p.motions.size(); ++m) {
      point["motions"].push_back({{"motion", r.motions[m]},
                                  {"p_pass", p.motions[m].p_pass},
                                  {"one_off_cost", p.motions[m].cost},
                                  {"actions", p.motions[m].actions}});
    }
    out["points"].push_back(std::move(point));
  }
  return out;
}

strategy::ComparisonResult compare(const Scenario& scenario, const std::vector<double>& budgets,
                                   const std::function<Scenario(Scenario)>& adjust) {
  if (!scenario.horizon)
    throw PreconditionError("the scenario declares no horizon: (motions and budgets to compare)");
  if (scenario.actions.empty())
    throw PreconditionError("the scenario declares no actions: (nothing to optimise over)");
  Horizon horizon = *scenario.horizon;
  if (!budgets.empty()) {
    for (std::size_t i = 0; i < budgets.size(); ++i) {
      if (!(budgets[i] >= 0.0) || (i > 0 && !(budgets[i] > budgets[i - 1]))) {
        throw std::invalid_argument("budgets must be >= 0 and in increasing order");
      }
    }
    horizon.budgets = budgets;
  }
  const auto worlds = horizon_worlds(scenario, horizon, adjust);
  return strategy::compare_strategies(worlds, scenario.actions, horizon,
                                      strategy::StrategyParams::from(scenario.parameters));
}

}  // namespace statecraft::api
