// A synthetic world for scale tests: many states with heavy-tailed capabilities,
// regional clusters and alliance systems, sparse relations, issues with clustered
// positions, and forums of every decision rule, each with a motion to vote on.
//
// Calibration (rough, for realistic dispersion rather than any real country):
//   GDP, USD bn: lognormal with median 40 and sigma 2.2 of the logarithm. With 193
//     states this gives a world total near USD 90-100 trillion, the largest economy
//     near 20-25 trillion, and a top share near 20-25%, as in the World Bank's World
//     Development Indicators for 2022 (NY.GDP.MKTP.CD: world ~100 tn, USA 25.5 tn,
//     median economy ~40 bn).
//   Military expenditure, USD bn: GDP times a burden that is lognormal with median
//     1.5% and sigma 0.6, as the spread of burdens in SIPRI's Military Expenditure
//     Database 2023 (world 2.44 tn, 2.3% of world GDP; most states 1-2%, a few above 5%).
//   Population, million: lognormal, median 9, sigma 1.6 (WDI 2022: median ~9 m,
//     two states above 1.4 bn).
//   overall capability: the mean of a state's shares of world GDP and military
//     spending, scaled so the strongest state has 1 (as world.yaml's `overall`).
// Clusters: ceil(states / 20) regions; the three strongest states lead alliance
// systems joined by whole regions. Relations: each state ties to about 4 others in its
// region and 1 elsewhere, and to its alliance leader, so the graph is sparse (O(n)).
#pragma once

#include <cstdint>

#include "core/scenario.h"

namespace statecraft::sim {

struct SynthSpec {
  int states = 193;
  int issues = 100;
  int forums = 30;
  std::uint64_t seed = 1;
};

// Throws PreconditionError unless 3 <= states <= 9999, 0 <= issues, forums <= 9999.
[[nodiscard]] Scenario synthetic_world(const SynthSpec& spec);

}  // namespace statecraft::sim
