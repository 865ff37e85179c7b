// Reading scenarios (YAML, with `extends:` and an `events:` timeline) into the core
// model. Every rejection is an InputError naming file:line:col.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/scenario.h"

namespace statecraft::io {

// Loads a scenario file, following `extends:` chains (paths relative to the file that
// names them), and validates the merged result.
Scenario load_scenario(const std::filesystem::path& path);

// Loads a scenario from YAML text; `name` is used as the file name in errors.
// `extends:` paths are resolved relative to `base_dir`.
Scenario load_scenario_text(std::string_view yaml, const std::string& name,
                            const std::filesystem::path& base_dir = ".");

}  // namespace statecraft::io
