// `sweep` as a library call: a sweep specification (YAML, docs/sweeps.md) read with
// file:line:col errors and checked against the scenario, the table run on this
// process's cores (or, under mpirun, across ranks), and the table and its summary as
// CSV or JSON.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/scenario.h"
#include "sim/statistics.h"
#include "sim/sweep.h"
#include "sim/synth.h"

namespace statecraft::api {

// Reads the spec at `path` and checks every field, value and id against `scenario`.
// Throws InputError at the offending node.
[[nodiscard]] sim::SweepSpec load_sweep_spec(const std::string& path, const Scenario& scenario);

// The summary of a finished table (grid axes are binned by value for Sobol indices).
[[nodiscard]] sim::SweepSummary summarise_sweep(const sim::SweepPlan& plan, const std::vector<double>& table);

// The table as CSV: a header, then one line per row (row, grid point, sample,
// replication, the inputs, the outputs); numbers in shortest round-trip form, so equal
// tables give equal bytes.
[[nodiscard]] std::string sweep_csv(const sim::SweepPlan& plan, const std::vector<double>& table);

// {"rows", "inputs", "outputs", "summary"} and, with `with_table`, "columns" and "table".
[[nodiscard]] nlohmann::ordered_json sweep_json(const sim::SweepPlan& plan, const std::vector<double>& table,
                                                const sim::SweepSummary& summary, bool with_table);

[[nodiscard]] nlohmann::ordered_json summary_json(const sim::SweepSummary& summary);

// A synthetic world (sim::synthetic_world) as scenario YAML that `statecraft validate` accepts.
[[nodiscard]] std::string synth_yaml(const sim::SynthSpec& spec);

}  // namespace statecraft::api
