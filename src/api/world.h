// Where a verb's world comes from: a scenario file, or a scenario already loaded (the
// Python bindings load once and run many verbs), and the date to evaluate it on.
#pragma once

#include <optional>
#include <string>

#include "core/date.h"
#include "core/scenario.h"

namespace statecraft::api {

struct WorldInput {
  std::string path;                  // the file, or the name used in messages
  const Scenario* loaded = nullptr;  // when set, used instead of reading `path`
  std::string at;                    // YYYY-MM-DD: apply the events up to this date
};

// The scenario as given (loaded or read from `path`).
[[nodiscard]] Scenario load(const WorldInput& input);

// `--at` parsed, or an InputError naming the flag.
[[nodiscard]] std::optional<Date> parse_at(const std::string& at);

// The scenario on `input.at` (or as given when no date is set).
[[nodiscard]] Scenario load_world(const WorldInput& input);

// An error about a flag, worded as the CLI words it: "--flag: error: message".
[[noreturn]] void flag_error(const std::string& flag, const std::string& message);

}  // namespace statecraft::api
