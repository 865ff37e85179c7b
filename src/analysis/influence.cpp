#include "analysis/influence.h"

#include <string>

#include "influence/narrative.h"
#include "influence/network.h"

namespace statecraft::analysis {

namespace {

nlohmann::json channel_json(const influence::InfluenceNetwork& net, const influence::Channel& c) {
  nlohmann::json terms = nlohmann::json::object();
  for (std::size_t t = 0; t < influence::kTermCount; ++t) {
    if (c.terms[t] != 0.0)
      terms[std::string(influence::to_string(static_cast<influence::Term>(t)))] = c.terms[t];
  }
  return {{"from", net.actors[c.influencer]},
          {"to", net.actors[c.target]},
          {"weight", c.weight},
          {"pull", c.pull},
          {"terms", terms}};
}

}  // namespace

nlohmann::json influence(const Scenario& scenario, std::size_t top) {
  const auto net =
      influence::build_influence_network(scenario, influence::InfluenceParams::from(scenario.parameters));
  nlohmann::json out;
  out["actors"] = nlohmann::json::array();
  for (const auto& a : influence::actor_influence(net)) {
    out["actors"].push_back(
        {{"id", a.actor}, {"reach", a.reach}, {"exposure", a.exposure}, {"leverage", a.leverage}});
  }
  out["channels"] = nlohmann::json::array();
  for (const auto& c : influence::strongest_channels(net, top))
    out["channels"].push_back(channel_json(net, c));
  out["leverage"] = nlohmann::json::array();
  auto pairs = influence::leverage_pairs(net);
  for (std::size_t k = 0; k < pairs.size() && k < top; ++k) {
    out["leverage"].push_back({{"holder", net.actors[pairs[k].holder]},
                               {"subject", net.actors[pairs[k].subject]},
                               {"value", pairs[k].value}});
  }
  if (!scenario.narratives.empty()) {
    const auto result =
        influence::run_narratives(scenario, net, influence::NarrativeParams::from(scenario.parameters));
    nlohmann::json frames = nlohmann::json::array();
    for (const auto& f : result.frames) {
      nlohmann::json frame;
      frame["id"] = f.frame;
      nlohmann::json eq = nlohmann::json::object();
      nlohmann::json anchors = nlohmann::json::object();
      for (std::size_t i = 0; i < result.actors.size(); ++i) {
        eq[result.actors[i]] = f.equilibrium[i];
        anchors[result.actors[i]] = f.anchors_final[i];
      }
      frame["equilibrium"] = eq;
      frame["anchors"] = anchors;
      frame["unanchored"] = f.unanchored;
      frame["exact"] = f.unanchored.empty();
      nlohmann::json rounds = nlohmann::json::array();
      for (std::size_t t = 0; t < f.trajectory.size(); ++t) {
        nlohmann::json positions = nlohmann::json::object();
        double sum = 0.0;
        for (std::size_t i = 0; i < result.actors.size(); ++i) {
          positions[result.actors[i]] = f.trajectory[t][i];
          sum += f.trajectory[t][i];
        }
        double mean = result.actors.empty() ? 0.0 : sum / static_cast<double>(result.actors.size());
        rounds.push_back({{"round", t}, {"mean", mean}, {"positions", positions}});
      }
      frame["rounds"] = rounds;
      frames.push_back(frame);
    }
    out["narratives"] = {{"rounds", result.rounds}, {"frames", frames}};
  }
  return out;
}

}  // namespace statecraft::analysis
