// Recording engine runs in the run store from CLI verbs.
#pragma once

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "commands.h"

namespace statecraft::cli {

// Measures a verb's run and records it: the scenario file's text, the parameters, the
// seed, the program version, the time taken and the full result. A store that cannot
// be written gives a warning on stderr, never a failed run.
class RunRecorder {
 public:
  RunRecorder(const Context& context, std::string verb);
  // Returns the new run's id, or 0 when nothing was recorded.
  std::int64_t record(const std::string& scenario_path, const nlohmann::json& parameters, std::uint64_t seed,
                      const nlohmann::json& result) const;

 private:
  const Context& context_;
  std::string verb_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace statecraft::cli
