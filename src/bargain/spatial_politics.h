// A spatial model of politics in several dimensions, in the spirit of KTAB's SMP
// (Wise et al., KTAB, CSIS/Brookings): actors advocate positions, the outcome is a
// probabilistic Condorcet election among the advocated positions, and each round
// every actor moves its advocated position to the best response that maximises its
// expected utility over that outcome distribution. Equations in docs/models.md ("smp").
#pragma once

#include <span>
#include <string>
#include <vector>

#include "bargain/trajectory.h"
#include "core/issue.h"
#include "core/parameters.h"

namespace statecraft::bargain {

struct SmpParams {
  int rounds = 20;                // smp.rounds
  double victory_exponent = 1.0;  // smp.victory_exponent (gamma)
  double tolerance = 1e-6;        // smp.tolerance, as a share of the unit scale

  [[nodiscard]] static SmpParams from(const Parameters& parameters);
};

// One actor on D dimensions, each scaled to [0, 1].
struct SpatialActor {
  double capability = 1.0;
  std::vector<double> ideal;     // D values in [0, 1]
  std::vector<double> salience;  // D values in [0, 1]
};

// Why an actor's advocated position changed in a round: the candidate it chose
// (its ideal, or a fraction of the way towards another actor's advocated position)
// and the expected utilities that made it better than staying.
struct SpatialMove {
  std::size_t actor = 0;  // input order
  SmpMoveKind kind = SmpMoveKind::toward;
  std::size_t toward = 0;  // with kind toward: that actor (input order)
  double fraction = 0.0;   // with kind toward: 0.25, 0.5 or 1
  std::vector<double> from;
  std::vector<double> to;
  double utility_stay = 0.0;
  double utility_moved = 0.0;
};

struct SpatialRound {
  std::vector<std::vector<double>> positions;  // advocated positions, actor-major
  std::vector<double> outcome_probability;     // probability each actor's position is adopted
  std::vector<double> expected_outcome;        // D values
  std::vector<SpatialMove> moves;              // actors that moved into this round, input order
};

struct SpatialResult {
  std::vector<SpatialRound> rounds;  // round 0 = ideals
  bool converged = false;
  // Why the run ended: "converged" (no actor moved more than the tolerance), "cycle"
  // (the advocated positions repeat those of an earlier round, see cycle_length) or
  // "round_limit".
  std::string stopped = "converged";
  // With stopped == "cycle": the period L >= 2, i.e. the last round's positions equal
  // (within the tolerance) those L rounds earlier. Best responses depend on the
  // positions only, so the dynamic would repeat that cycle for ever. 0 otherwise.
  int cycle_length = 0;
};

// Requires >= 1 actor, equal dimension counts >= 1, values in range.
[[nodiscard]] SpatialResult run_spatial_politics(std::span<const SpatialActor> actors,
                                                 const SmpParams& params);

// One-dimensional use on an issue: positions are rescaled from the issue's scale to
// [0, 1] and back; the forecast is the expected outcome of the final round, or, when
// the run stopped on a cycle of L rounds, the mean expected outcome over those L rounds.
[[nodiscard]] Trajectory run_smp(const Issue& issue, const SmpParams& params);

}  // namespace statecraft::bargain
