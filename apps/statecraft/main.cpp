// statecraft: thin command-line front end. Parses flags, calls loaders and engines,
// prints. No modelling happens here.
#include <cstdio>
#include <exception>
#include <iostream>

#include "commands.h"
#include "core/error.h"

#ifndef STATECRAFT_VERSION
#define STATECRAFT_VERSION "0.0.0"
#endif

int main(int argc, char** argv) {
  using namespace statecraft;
  CLI::App app{"statecraft: forecast bargaining and forum outcomes from a scenario of world politics",
               "statecraft"};
  app.set_version_flag("--version", std::string("statecraft ") + STATECRAFT_VERSION);
  app.require_subcommand(1);
  // Global options may follow the verb too (`statecraft forecast ... --db runs.sqlite`).
  app.fallthrough(true);

  cli::Context context;
  app.add_option("--db", context.db_path, "Run store file (default: $STATECRAFT_DB or the XDG data dir)");
  app.add_flag("--no-record", context.no_record, "Do not record this run in the run store");
  app.add_flag("--quiet", context.quiet, "No progress output on stderr");
  cli::register_validate(app, context);
  cli::register_info(app, context);
  cli::register_runs(app, context);
  cli::register_power(app, context);
  cli::register_influence(app, context);
  cli::register_optimize(app, context);
  cli::register_corridor(app, context);
  cli::register_game(app, context);
  cli::register_forecast(app, context);
  cli::register_backtest(app, context);
  cli::register_validation(app, context);
  cli::register_unga(app, context);
  cli::register_vote(app, context);
  cli::register_report(app, context);
  cli::register_serve(app, context);
  cli::register_sweep(app, context);
  cli::register_synth(app, context);

  // A first word that is not a flag must be a verb; CLI11 alone would only say that
  // "a subcommand is required", without naming what it did not recognise.
  if (argc > 1 && argv[1][0] != '-') {
    try {
      (void)app.get_subcommand(argv[1]);
    } catch (const CLI::OptionNotFound&) {
      std::cerr << "statecraft: error: unknown verb '" << argv[1] << "' (see statecraft --help)\n";
      return 1;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // One line, naming the flag CLI11 complained about, and exit 1 whatever the kind.
    std::cerr << "statecraft: error: " << e.what() << " (see statecraft --help)\n";
    return 1;
  } catch (const InputError& e) {
    std::cerr << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "statecraft: error: " << e.what() << "\n";
    return 1;
  }
  return context.exit_code;
}
