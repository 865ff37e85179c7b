// One registration function per CLI verb. Each adds its subcommand to the app and
// sets the callback that runs it; the callback sets `exit_code` and may throw
// InputError (reported as "file:line:col: error: ..." with exit 1).
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "core/error.h"

namespace statecraft::cli {

// Runs `call` (a src/api function), turning its errors about a flag ("--flag: error:
// ...") into the usage errors the CLI prints for its own flag checks.
template <class Call>
auto flag_errors_as_usage_errors(Call&& call) {
  try {
    return call();
  } catch (const InputError& e) {
    if (e.location().file.rfind("--", 0) == 0) throw CLI::ValidationError(e.location().file, e.message());
    throw;
  }
}

struct Context {
  int exit_code = 0;
  // Run store options, global to every verb: where runs are recorded, and whether.
  std::string db_path;  // empty: store::default_store_path()
  bool no_record = false;
  bool quiet = false;  // no progress output on stderr
};

void register_validate(CLI::App& app, Context& context);
void register_info(CLI::App& app, Context& context);
void register_runs(CLI::App& app, Context& context);
void register_power(CLI::App& app, Context& context);
void register_influence(CLI::App& app, Context& context);
void register_optimize(CLI::App& app, Context& context);
void register_corridor(CLI::App& app, Context& context);
void register_game(CLI::App& app, Context& context);
void register_forecast(CLI::App& app, Context& context);
void register_backtest(CLI::App& app, Context& context);
void register_validation(CLI::App& app, Context& context);
void register_unga(CLI::App& app, Context& context);
void register_vote(CLI::App& app, Context& context);
void register_report(CLI::App& app, Context& context);
void register_serve(CLI::App& app, Context& context);
void register_sweep(CLI::App& app, Context& context);
void register_synth(CLI::App& app, Context& context);

}  // namespace statecraft::cli
