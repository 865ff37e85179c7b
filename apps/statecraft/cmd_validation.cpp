// `statecraft validation --data FILE.tsv [--cases DIR] [--doc FILE.md] [--plot FILE.svg]
//  [--seed S] [--format text|json]`: every bargaining model and fitted family under the
// honest protocol of issue 9; with --doc, rewrites only the DEU III section of that
// document (between its markers) and writes the reliability plot. `make validate` runs it.
#include <fmt/core.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "api/validation.h"
#include "commands.h"
#include "core/error.h"
#include "io/atomic_file.h"
#include "report/validation_report.h"

namespace statecraft::cli {

namespace {
struct ValidationOptions {
  api::ValidationRequest request;
  std::string doc;
  std::string plot;
  std::string format = "text";
};

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(SourceLocation{path, 0, 0}, "cannot open file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}
}  // namespace

void register_validation(CLI::App& app, Context& context) {
  auto* command =
      app.add_subcommand("validation", "Validate the bargaining models on DEU III data (docs/VALIDATION.md)");
  auto options = std::make_shared<ValidationOptions>();
  command->add_option("--data", options->request.data, "TSV in the DEU III layout")
      ->required()
      ->check(CLI::ExistingFile);
  command
      ->add_option("--cases", options->request.cases, "Directory of scenarios whose motions are retrodicted")
      ->check(CLI::ExistingDirectory);
  command->add_option("--doc", options->doc,
                      "Markdown file whose DEU III section (between markers) is rewritten");
  command->add_option("--plot", options->plot,
                      "Reliability plot (SVG); default: deu3-reliability.svg beside --doc");
  command->add_option("--seed", options->request.seed, "Seed of folds, bootstrap and Monte Carlo");
  command->add_option("--folds", options->request.folds, "Cross-validation folds")->check(CLI::Range(2, 100));
  command->add_option("--bootstrap", options->request.bootstrap, "Bootstrap replicates")
      ->check(CLI::Range(1, 100000));
  command->add_option("--samples", options->request.samples, "Monte Carlo draws per issue")
      ->check(CLI::Range(10, 100000));
  command->add_flag("!--no-spatial", options->request.spatial, "Skip the spatial-model families (slow)");
  command->add_option("--format", options->format, "Output format")->check(CLI::IsMember({"text", "json"}));
  command->callback([options, &context] {
    const nlohmann::ordered_json result = api::validation(options->request);
    if (!options->doc.empty()) {
      const std::filesystem::path doc(options->doc);
      const std::filesystem::path plot = options->plot.empty() ? doc.parent_path() / "deu3-reliability.svg"
                                                               : std::filesystem::path(options->plot);
      const std::string relative =
          std::filesystem::relative(plot, doc.parent_path().empty() ? "." : doc.parent_path()).string();
      const std::string existing = std::filesystem::exists(doc) ? read_text(options->doc) : std::string();
      std::string updated;
      try {
        updated = report::splice_section(existing, report::validation_markdown(result, relative));
      } catch (const std::invalid_argument& e) {
        throw InputError(SourceLocation{options->doc, 0, 0}, e.what());
      }
      const auto& in = result["intervals"];
      const auto to_vector = [](const nlohmann::ordered_json& a) { return a.get<std::vector<double>>(); };
      io::write_file_atomically(
          plot, report::reliability_svg(to_vector(in["cv"]["nominal"]), to_vector(in["cv"]["observed"]),
                                        to_vector(in["time"]["observed"])));
      io::write_file_atomically(doc, updated);
    }
    if (options->format == "json") {
      fmt::print("{}\n", result.dump());
    } else {
      for (const auto& m : result["models"]) {
        fmt::print("{:<18} CV MAE {:6.2f}  time-split MAE {:6.2f}  in-sample {:6.2f}  fitted {}\n",
                   m["name"].get<std::string>(), m["cv"]["mae"]["value"].get<double>(),
                   m["time"]["mae"]["value"].get<double>(), m["in_sample_mae"].get<double>(),
                   m["fitted_on_all"].get<std::string>());
      }
      const auto& in = result["intervals"];
      fmt::print("selected {} (tau {:.2f}); 80% interval coverage: CV {:.3f}, time split {:.3f}\n",
                 result["selected"].get<std::string>(), in["tau_all"].get<double>(),
                 in["cv"]["observed"][7].get<double>(), in["time"]["observed"][7].get<double>());
      fmt::print("recommended stored: {} at {} (tau {:.2f}), MAE {:.2f}, matches refit: {}\n",
                 result["recommended"]["family"].get<std::string>(),
                 result["recommended"]["point"].get<std::string>(),
                 result["recommended"]["tau"].get<double>(), result["recommended"]["mae"].get<double>(),
                 result["recommended"]["matches_selection"].get<bool>());
      if (!options->doc.empty()) fmt::print("wrote {}\n", options->doc);
    }
    context.exit_code = 0;
  });
}

}  // namespace statecraft::cli
