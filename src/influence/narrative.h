// Narrative dynamics: Friedkin–Johnsen opinion dynamics over the influence network.
//
//   x(t+1) = Λ W x(t) + (I − Λ) u          (Friedkin & Johnsen 1990, 1999)
//
// x(t) is each actor's adoption of a frame in [0, 1], u its anchor (prejudice), W the
// row-stochastic influence matrix (own weight on the diagonal), Λ = diag(1 − s) with s
// the stubbornness. When every actor with s = 0 can reach, along W, one with s > 0,
// I − ΛW is non-singular and the equilibrium is x* = (I − ΛW)⁻¹ (I − Λ) u, which we get
// by a sparse LU solve. docs/influence.md gives the derivation and the campaign rules.
#pragma once

#include <Eigen/SparseCore>
#include <string>
#include <vector>

#include "core/parameters.h"
#include "core/scenario.h"
#include "influence/network.h"

namespace statecraft::influence {

using SparseRowMatrix = Eigen::SparseMatrix<double, Eigen::RowMajor>;

struct NarrativeParams {
  int rounds = 20;
  double default_stubbornness = 0.3;
  double default_position = 0.5;
  double self_weight = 1.0;

  static NarrativeParams from(const Parameters& parameters);
};

// W with `self_weight` on the diagonal, each row divided by its sum. A row with no
// weight at all (no ties and self_weight 0) becomes the unit row: the actor keeps its view.
SparseRowMatrix row_stochastic(const SparseRowMatrix& weights, double self_weight);

// One Friedkin–Johnsen step. `susceptibility` is 1 − stubbornness.
Eigen::VectorXd fj_step(const SparseRowMatrix& stochastic, const Eigen::VectorXd& susceptibility,
                        const Eigen::VectorXd& x, const Eigen::VectorXd& anchors);

struct Equilibrium {
  Eigen::VectorXd values;
  // Actors whose limit is not pinned by any stubborn actor (fully susceptible and unable
  // to reach a stubborn one). Empty when the equilibrium is exact and unique.
  std::vector<std::size_t> unanchored;
};

// The fixed point of fj_step by a sparse LU solve of (I − ΛW) x = (I − Λ) u. Unanchored
// actors (if any) are held at `fallback` (e.g. the last round of a trajectory) and the
// rest is solved exactly given them. Throws PreconditionError on size mismatch or a
// susceptibility outside [0, 1].
Equilibrium fj_equilibrium(const SparseRowMatrix& stochastic, const Eigen::VectorXd& susceptibility,
                           const Eigen::VectorXd& anchors, const Eigen::VectorXd* fallback = nullptr);

struct FrameDynamics {
  std::string frame;
  std::vector<std::vector<double>> trajectory;  // rounds + 1 rows, one value per actor
  std::vector<double> anchors_final;            // after every campaign
  std::vector<double> equilibrium;              // of the final network and anchors
  std::vector<std::string> unanchored;          // empty when the equilibrium is exact
};

struct NarrativeResult {
  std::vector<std::string> actors;  // network order (scenario order)
  int rounds = 0;
  std::vector<FrameDynamics> frames;  // scenario order
};

// Runs every frame of scenario.narratives over `network` (built from the same
// scenario). Campaigns add weight to target → actor while active (for good when
// lasting) and move targets' anchors by anchor_shift per active round.
NarrativeResult run_narratives(const Scenario& scenario, const InfluenceNetwork& network,
                               const NarrativeParams& params);

// The scenario with the stance positions of `frame`'s issue replaced by the frame's
// equilibrium, mapped onto the scale (0 → min, 1 → max). Stances of actors
// not in the network are kept. Throws PreconditionError when the frame has no issue.
Scenario with_frame_positions(const Scenario& scenario, const NarrativeResult& result,
                              const std::string& frame);

}  // namespace statecraft::influence
