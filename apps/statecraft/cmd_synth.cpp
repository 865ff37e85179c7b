// `statecraft synth`: a synthetic world of many states (src/sim/synth.h) as scenario
// YAML, for scale tests. Same flags, same bytes.
#include <fmt/core.h>

#include "api/sweep.h"
#include "commands.h"
#include "io/atomic_file.h"

namespace statecraft::cli {

namespace {

struct SynthOptions {
  sim::SynthSpec spec;
  std::string output;
};

}  // namespace

void register_synth(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand(
      "synth", "Generate a synthetic world (heavy-tailed capabilities, alliances) as YAML");
  auto options = std::make_shared<SynthOptions>();
  command->add_option("--states", options->spec.states, "Number of states (3 to 9999)")
      ->check(CLI::Range(3, 9999));
  command->add_option("--issues", options->spec.issues, "Number of issues (0 to 9999)")
      ->check(CLI::Range(0, 9999));
  command->add_option("--forums", options->spec.forums, "Number of forums (0 to 9999)")
      ->check(CLI::Range(0, 9999));
  command->add_option("--seed", options->spec.seed, "Seed: the same seed gives the same world");
  command->add_option("-o,--output", options->output, "Scenario file to write (default: stdout)");
  command->callback([options, &context] {
    const std::string yaml = api::synth_yaml(options->spec);
    if (options->output.empty())
      fmt::print("{}", yaml);
    else
      io::write_file_atomically(options->output, yaml);
    context.exit_code = 0;
  });
}

}  // namespace statecraft::cli
