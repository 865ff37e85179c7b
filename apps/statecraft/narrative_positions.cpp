#include "narrative_positions.h"

#include <CLI/CLI.hpp>

#include "influence/narrative.h"
#include "influence/network.h"

namespace statecraft::cli {

Scenario with_narrative_positions(const Scenario& scenario, const std::string& flag,
                                  std::vector<std::string>* applied) {
  bool any = false;
  for (const auto& f : scenario.narratives.frames) any = any || !f.issue.empty();
  if (!any) throw CLI::ValidationError(flag, "the scenario has no narrative frame that names an issue");
  // One network and one run: every frame's equilibrium comes from the same world.
  const auto net =
      influence::build_influence_network(scenario, influence::InfluenceParams::from(scenario.parameters));
  const auto result =
      influence::run_narratives(scenario, net, influence::NarrativeParams::from(scenario.parameters));
  Scenario out = scenario;
  for (const auto& f : scenario.narratives.frames) {
    if (f.issue.empty()) continue;
    out = influence::with_frame_positions(out, result, f.id);
    if (applied != nullptr) applied->push_back(f.id + " -> " + f.issue);
  }
  return out;
}

}  // namespace statecraft::cli
