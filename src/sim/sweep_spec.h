// What a sweep runs: the grid of fixed values, the random draws, how many samples and
// replications, and which engines' outputs to collect. Plain data; api/sweep_spec.cpp
// reads it from YAML with file:line:col errors.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "bargain/model.h"
#include "sim/distribution.h"

namespace statecraft::sim {

// One axis of the grid: a field and the values it takes. The grid is the Cartesian
// product of its axes, first axis slowest.
struct GridAxis {
  std::string field;
  std::vector<double> values;
};

// A field drawn at random, independently for each sample.
struct Draw {
  std::string field;
  Distribution distribution;
};

struct EngineSelection {
  bool forecast = false;
  std::vector<std::string> issues;  // empty: every issue
  std::vector<bargain::Model> models{bargain::Model::bdm};
  bool vote = false;
  std::vector<std::string> motions;  // empty: every motion put to a forum
  bool power = false;
  std::vector<std::string> forums;  // empty: every forum
  bool corridor = false;
};

struct SweepSpec {
  std::uint64_t seed = 1;
  std::size_t samples = 1;       // random draws per grid point
  std::size_t replications = 1;  // runs per (grid point, sample), each with its own stance-uncertainty stream
  // Perturb every stance by its declared position_sd, salience_sd and capability_sd in
  // each replication (the draws of `statecraft forecast --samples`).
  bool stance_uncertainty = false;
  std::vector<GridAxis> grid;
  std::vector<Draw> draws;
  EngineSelection engines;
};

}  // namespace statecraft::sim
