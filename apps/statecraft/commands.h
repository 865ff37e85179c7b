// One registration function per CLI verb. Each adds its subcommand to the app and
// sets the callback that runs it; the callback sets `exit_code` and may throw
// InputError (reported as "file:line:col: error: ..." with exit 1).
#pragma once

#include <CLI/CLI.hpp>

namespace statecraft::cli {

struct Context {
  int exit_code = 0;
};

void register_validate(CLI::App& app, Context& context);
void register_info(CLI::App& app, Context& context);

}  // namespace statecraft::cli
