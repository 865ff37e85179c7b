#include "corridor_options.h"

#include <CLI/CLI.hpp>

#include "api/corridor_shocks.h"
#include "commands.h"
#include "core/date.h"
#include "core/error.h"
#include "io/scenario_loader.h"

namespace statecraft::cli {

Scenario load_world(const std::string& path, const std::string& at) {
  Scenario scenario = io::load_scenario(path);
  if (!at.empty()) {
    auto date = parse_date(at);
    if (!date) throw CLI::ValidationError("--at", "expected a date YYYY-MM-DD, found '" + at + "'");
    scenario = world_at(scenario, *date);
  }
  return scenario;
}

corridor::Shocks read_shocks(Scenario& scenario, const std::vector<std::string>& close,
                             const std::vector<std::string>& set) {
  return flag_errors_as_usage_errors([&] { return api::read_shocks(scenario, close, set); });
}

games::QuantityResolver corridor_resolver(const Scenario& scenario, const corridor::Shocks& shocks) {
  return api::corridor_resolver(scenario, shocks);
}

}  // namespace statecraft::cli
