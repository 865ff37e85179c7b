// The bargaining models by name, so callers (CLI, backtests, Monte Carlo) can pick
// one at run time.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "bargain/trajectory.h"
#include "core/issue.h"
#include "core/parameters.h"

namespace statecraft::bargain {

enum class Model { achen, median, bdm, smp };

inline constexpr Model kAllModels[] = {Model::achen, Model::median, Model::bdm, Model::smp};

[[nodiscard]] std::string_view to_string(Model model);
[[nodiscard]] std::optional<Model> parse_model(std::string_view name);

// Runs `model` on `issue` with parameters from the registry (scenario values or
// defaults); `rounds`, when given, overrides bdm.rounds / smp.rounds.
[[nodiscard]] Trajectory run_model(Model model, const Issue& issue, const Parameters& parameters,
                                   std::optional<int> rounds = std::nullopt);

}  // namespace statecraft::bargain
