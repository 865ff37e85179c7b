// `statecraft validation` as a library call (issue 9): every bargaining model and every
// fitted model family on a DEU III file under the honest protocol (grouped
// cross-validation, time split, bootstrap intervals), calibrated Monte Carlo intervals,
// and the retrodiction of the case library's forum motions with known outcomes.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "validation/deu_case.h"

namespace statecraft::api {

struct ValidationRequest {
  std::string data;   // --data FILE.tsv (DEU III layout)
  std::string cases;  // --cases DIR: scenario files whose motions are retrodicted; empty: none
  std::uint64_t seed = 1;
  int folds = 10;
  int bootstrap = 2000;
  int samples = 200;               // Monte Carlo draws per issue for the intervals
  double train_share = 2.0 / 3.0;  // time split: share of proposals (oldest first) to fit on
  bool spatial = true;             // include the spatial-model families (the slow part)
};

[[nodiscard]] nlohmann::ordered_json validation(const ValidationRequest& request);

// The counted issues of a DEU III file with proposal, procedure, voting rule and date.
// With `with_gdp` false the GDP row is not read (every case's gdp is 1), so a file
// whose GDP row is incomplete still runs the models that do not use it.
[[nodiscard]] std::vector<validation::DeuCase> load_deu_cases(const std::string& path, bool with_gdp = true);

// Pass probability of every motion with a recorded outcome in the scenario files under
// `directory`, each evaluated on the world of the day before the motion's date.
[[nodiscard]] nlohmann::ordered_json retrodict_motions(const std::string& directory);

}  // namespace statecraft::api
