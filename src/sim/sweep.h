// A sweep: many runs of the engines over one scenario, each with some fields set from a
// grid or drawn at random. Row r is a pure function of (scenario, spec, r), so the table
// is the same bytes whichever threads or MPI ranks compute which rows.
//
// Rows are ordered grid point (slowest), sample, replication (fastest). Sample s draws
// field d from Rng(seed, s, kDrawStream + d): every grid point sees the same draws
// (common random numbers, so grid points differ only by the grid). Replication k of
// sample s perturbs stances from Rng(seed, s * replications + k, kStanceStream).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/progress.h"
#include "core/scenario.h"
#include "sim/field.h"
#include "sim/sweep_spec.h"

namespace statecraft::sim {

inline constexpr std::uint64_t kDrawStream = 0x5357454550000000ULL;    // "SWEEP"
inline constexpr std::uint64_t kStanceStream = 0x5354414e43450000ULL;  // "STANCE"
inline constexpr std::uint64_t kPowerStream = 0x504f574552000000ULL;   // "POWER"

// Samples drawn per game by Monte Carlo when exact power indices are infeasible.
inline constexpr std::size_t kPowerSamples = 20000;

class SweepPlan {
 public:
  // Resolves every field and runs the engines once on the scenario as given (the values
  // reused for engines no field can change). Throws PreconditionError when a field
  // does not resolve or an engine rejects the scenario; api::prepare_sweep checks
  // everything first and reports it with the spec's file:line:col.
  SweepPlan(Scenario scenario, SweepSpec spec);

  [[nodiscard]] std::size_t rows() const { return rows_; }
  [[nodiscard]] std::size_t grid_points() const { return grid_points_; }
  // Columns of a row: the inputs (grid fields, then drawn fields, as set after clamping
  // to their range), then the outputs.
  [[nodiscard]] const std::vector<std::string>& inputs() const { return inputs_; }
  [[nodiscard]] const std::vector<std::string>& outputs() const { return outputs_; }
  [[nodiscard]] std::size_t width() const { return inputs_.size() + outputs_.size(); }
  [[nodiscard]] const SweepSpec& spec() const { return spec_; }
  // The engines (EngineBit) some field or the stance draws reach: the others are run
  // once and their outputs copied into every row.
  [[nodiscard]] std::uint32_t engines_touched() const { return touched_; }

  // Rows [begin, end) into out[(row - begin) * width() ...], in parallel with oneTBB
  // inside the caller's task arena.
  void compute(std::size_t begin, std::size_t end, double* out) const;
  // One row (what compute runs per row).
  void compute_row(std::size_t row, double* out) const;

 private:
  struct World {  // the scenario on one date, with the fields resolved against it
    Scenario scenario;
    std::vector<std::optional<FieldRef>> fields;
  };
  struct VoteTarget {
    std::size_t world;  // index into worlds_
    std::string forum;
    std::string motion;
  };
  struct ForecastTarget {
    std::size_t issue;
    bargain::Model model;
  };
  struct PowerTarget {
    std::size_t forum;
    std::vector<std::size_t> members;  // all, in forum order
  };

  void field_values(std::size_t row, std::vector<double>& values) const;
  void prepare(Scenario& world, const std::vector<std::optional<FieldRef>>& fields,
               const std::vector<double>& values, std::size_t row) const;
  void run_engines(std::size_t row, const std::vector<double>& values, double* out, bool baseline) const;

  SweepSpec spec_;
  std::vector<World> worlds_;  // [0]: the scenario as given; then one per motion date
  std::vector<std::string> inputs_;
  std::vector<std::string> outputs_;
  std::vector<ForecastTarget> forecasts_;
  std::vector<VoteTarget> votes_;
  std::vector<PowerTarget> powers_;
  bool has_corridor_ = false;
  std::vector<std::string> corridor_countries_;
  std::vector<double> baseline_;  // outputs on the unmodified scenario
  std::size_t grid_points_ = 1;
  std::size_t rows_ = 0;
  std::uint32_t touched_ = 0;
};

// Every row on this process with `threads` worker threads (0: all cores), as one
// row-major table (rows() x width()).
[[nodiscard]] std::vector<double> run_sweep(const SweepPlan& plan, int threads,
                                            const ProgressCallback& progress = {});

}  // namespace statecraft::sim
