// Runs as JSON, and what differs between two runs: shared by `statecraft runs` and the
// HTTP API so both show a run the same way.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "store/run_store.h"

namespace statecraft::store {

// id, created_at, verb, scenario, scenario_hash, seed, version, duration_ms; with
// `full` also parameters and result (parsed JSON) and scenario_content.
nlohmann::json run_to_json(const RunRecord& run, bool full);

// Every leaf of a JSON value as (path, value) rows, paths in JSON-pointer form,
// strings unquoted, other values as JSON text.
void flatten(const nlohmann::json& value, const std::string& path,
             std::vector<std::pair<std::string, std::string>>& rows);

struct FieldDifference {
  std::string field;  // JSON pointer into the run
  std::string a;      // empty when absent from that run
  std::string b;
};

// Fields of the two runs (parameters, seed, scenario, results) whose values differ,
// sorted by path; id, time of creation, duration and the scenario text are left out.
std::vector<FieldDifference> diff_runs(const RunRecord& a, const RunRecord& b);

}  // namespace statecraft::store
