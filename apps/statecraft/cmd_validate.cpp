// `statecraft validate SCENARIO...`: load each file, report the first error of each.
#include <fmt/core.h>

#include <iostream>

#include "commands.h"
#include "core/error.h"
#include "io/scenario_loader.h"

namespace statecraft::cli {

void register_validate(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand("validate", "Check scenario files; exit 0 when all are valid, 1 otherwise");
  auto files = std::make_shared<std::vector<std::string>>();
  command->add_option("SCENARIO", *files, "Scenario YAML files")->required()->check(CLI::ExistingFile);
  command->callback([files, &context] {
    int failures = 0;
    for (const auto& file : *files) {
      try {
        Scenario s = io::load_scenario(file);
        fmt::print("{}: ok ({} actors, {} relations, {} issues, {} forums, {} motions, {} events)\n", file,
                   s.actors.size(), s.relations.size(), s.issues.size(), s.forums.size(), s.motions.size(),
                   s.events.size());
      } catch (const InputError& e) {
        std::cerr << e.what() << "\n";
        ++failures;
      }
    }
    context.exit_code = failures == 0 ? 0 : 1;
  });
}

}  // namespace statecraft::cli
