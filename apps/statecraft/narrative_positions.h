// `--positions-from-narratives`: the vote model takes its members' positions from the
// Friedkin–Johnsen dynamics. Every frame of the scenario that names an issue sets that
// issue's stance positions to the frame's equilibrium (influence::with_frame_positions).
#pragma once

#include <string>
#include <vector>

#include "core/scenario.h"

namespace statecraft::cli {

// The scenario with the positions replaced; `applied` receives "frame -> issue" for each
// frame used. Throws CLI::ValidationError naming `flag` when no frame names an issue.
Scenario with_narrative_positions(const Scenario& scenario, const std::string& flag,
                                  std::vector<std::string>* applied = nullptr);

}  // namespace statecraft::cli
