// Bueno de Mesquita's expected-utility model of group decisions, as formalised by
// Scholz, Calbert & Smith, "Unravelling Bueno de Mesquita's group decision model",
// Journal of Theoretical Politics 23(4), 2011. Equations and every interpretive
// choice are in docs/models.md ("bdm").
#pragma once

#include <span>
#include <vector>

#include "bargain/trajectory.h"
#include "core/issue.h"
#include "core/parameters.h"

namespace statecraft::bargain {

struct BdmParams {
  int rounds = 10;                       // bdm.rounds: upper limit on rounds
  double status_quo_probability = 1.0;   // bdm.status_quo_probability: Q
  double improvement_probability = 1.0;  // bdm.improvement_probability: T
  // bdm.pairwise_probability: false = divide supporting votes by the sum of |votes|
  // over all voters and all pairs (what reproduces Scholz et al.'s Table 2); true =
  // by the |votes| on this pair only (the paper's equation as printed).
  bool pairwise_probability = false;
  // bdm.closest_compromise: false = among compromise offers take the one with the
  // smallest EU-weighted position (reproduces Table 2); true = the one that moves
  // the actor least (the rule as stated in the text).
  bool closest_compromise = false;
  double tolerance = 1e-6;  // bdm.tolerance: stop when no actor moves more than this share of the range

  [[nodiscard]] static BdmParams from(const Parameters& parameters);
};

// The actors of one round, in input order. `range` is the distance that normalises
// utilities (the spread of the starting positions; fixed for the whole run).
struct BdmActors {
  std::span<const double> positions;
  std::span<const double> capabilities;
  std::span<const double> saliences;  // in [0, 1]
  double range = 1.0;
};

struct BdmRoundResult {
  std::vector<double> risk_exponents;  // r_i in [0.5, 2]
  std::vector<double> positions;       // after the accepted offers
  std::vector<Move> moves;             // one per actor that moved, in actor order
};

// One round: risk exponents from the actors' security (all r = 1), then offers with
// those exponents, then every actor takes its best offer simultaneously.
// Pairwise work is O(n^2) (plus an O(n log n) sort): see VoteTable in expected_utility.cpp.
[[nodiscard]] BdmRoundResult bdm_round(const BdmActors& actors, const BdmParams& params);

// The smallest L >= 2 such that the last round's positions equal those of the round L
// rounds earlier (every |difference| <= tolerance), or 0 when there is none.
[[nodiscard]] int cycle_length(const std::vector<Round>& rounds, double tolerance);

// Rounds until no actor moves (within tolerance), the positions repeat those of an
// earlier round (a cycle: stopped = "cycle", cycle_length = L, forecast = the mean of
// the weighted median over the last L rounds), or `params.rounds` is reached.
// Otherwise the forecast is the weighted median of the final positions. Requires at least one
// stance, saliences in [0, 1], capabilities >= 0 and a positive total weight.
[[nodiscard]] Trajectory run_bdm(const Issue& issue, const BdmParams& params);

}  // namespace statecraft::bargain
