#include "api/world.h"

#include "core/error.h"
#include "io/scenario_loader.h"

namespace statecraft::api {

Scenario load(const WorldInput& input) {
  if (input.loaded != nullptr) return *input.loaded;
  return io::load_scenario(input.path);
}

std::optional<Date> parse_at(const std::string& at) {
  if (at.empty()) return std::nullopt;
  auto date = parse_date(at);
  if (!date) flag_error("--at", "expected a date YYYY-MM-DD, found '" + at + "'");
  return date;
}

Scenario load_world(const WorldInput& input) {
  const auto date = parse_at(input.at);
  Scenario scenario = load(input);
  if (date) scenario = world_at(scenario, *date);
  return scenario;
}

void flag_error(const std::string& flag, const std::string& message) {
  throw InputError(SourceLocation{flag, 0, 0}, message);
}

}  // namespace statecraft::api
