// `statecraft backtest --data FILE.tsv --model M [--capability equal|gdp] [--rounds N]
//  [--format table|json]`: a bargaining model against recorded outcomes in the DEU III
// layout (Arregui & Perarnaud 2021, doi:10.34810/data53, CC BY 4.0).
#include <fmt/core.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "api/backtest.h"
#include "bargain/backtest.h"
#include "commands.h"
#include "core/error.h"
#include "io/deu3_loader.h"
#include "run_recorder.h"
#include "unga_backtest.h"

namespace statecraft::cli {

namespace {
constexpr const char* kCitation =
    "DEU III: Arregui & Perarnaud (2021), doi:10.34810/data53, CC BY 4.0";

struct BacktestOptions {
  std::string data;
  std::string model;
  std::string capability = "equal";
  std::optional<int> rounds;
  std::string format = "table";
};
}  // namespace

void register_backtest(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand("backtest", "Backtest a bargaining model on real outcomes (DEU III layout)");
  auto options = std::make_shared<BacktestOptions>();
  command->add_option("--data", options->data, "TSV in the DEU III layout")->check(CLI::ExistingFile);
  // UN General Assembly votes instead (--votes, --roll-calls, --test-sessions): src/rollcall.
  auto unga = std::make_shared<UngaBacktestOptions>();
  register_unga_backtest_options(command, *unga, false);
  command->add_option("--model", options->model, "achen, median, bdm, smp or recommended (docs/VALIDATION.md)")
      ->required()
      ->check(CLI::IsMember({"achen", "median", "bdm", "smp", "shares", "lineage", "ideal-point", "combined", "recommended"}));
  command->add_option("--capability", options->capability, "equal (default) or gdp (the file's GDP row)")
      ->check(CLI::IsMember({"equal", "gdp"}));
  command->add_option("--rounds", options->rounds, "Upper limit on rounds (bdm, smp)")->check(CLI::Range(0, 100000));
  command->add_option("--format", options->format, "Output format")->check(CLI::IsMember({"table", "json"}));
  command->callback([options, unga, &context] {
    if (!unga->votes.empty()) {
      unga->model = options->model;
      unga->format = options->format;
      run_unga_backtest(*unga);
      context.exit_code = 0;
      return;
    }
    if (options->data.empty()) throw InputError(SourceLocation{"--data", 0, 0}, "backtest needs --data or --votes");
    if (options->model == "recommended") {
      // The model and parameters docs/VALIDATION.md recommends (issue 9).
      RunRecorder recorder(context, "backtest");
      api::BacktestRequest request{options->data, options->model, options->capability, options->rounds};
      const nlohmann::ordered_json result = api::backtest_recommended(request);
      if (options->format == "json") {
        fmt::print("{}\n", result.dump());
      } else {
        fmt::print("model recommended ({} at {}): {} issues, mean absolute error {:.2f}, 80% intervals cover {:.1f}%\n",
                   result["family"].get<std::string>(), result["parameters"].get<std::string>(),
                   result["issues"].get<std::size_t>(), result["mae"].get<double>(),
                   100 * result["coverage80"].get<double>());
        fmt::print("data: {}\n", kCitation);
      }
      recorder.record(options->data, {{"model", "recommended"}}, 0, nlohmann::json::parse(result.dump()));
      context.exit_code = 0;
      return;
    }
    if (!bargain::parse_model(options->model)) {
      throw InputError(SourceLocation{"--model", 0, 0}, "model '" + options->model + "' needs --votes and --roll-calls");
    }
    RunRecorder recorder(context, "backtest");
    const auto data = io::load_deu3(options->data, options->capability == "gdp" ? io::Deu3Capability::gdp
                                                                                : io::Deu3Capability::equal);
    if (data.issues.empty()) {
      throw InputError(SourceLocation{options->data, 0, 0},
                       "no issue with an outcome and at least 3 actors with both a position and a salience");
    }
    const bargain::Model model = *bargain::parse_model(options->model);
    Parameters parameters;
    if (options->rounds) {
      parameters.set("bdm.rounds", *options->rounds);
      parameters.set("smp.rounds", *options->rounds);
    }
    const bargain::BacktestResult backtest = bargain::run_backtest(data.issues, model, parameters);

    nlohmann::ordered_json result;
    result["model"] = options->model;
    result["capability"] = options->capability;
    result["issues"] = backtest.rows.size();
    result["mae"] = backtest.mean_absolute_error;
    result["rows"] = nlohmann::ordered_json::array();
    for (const auto& row : backtest.rows) {
      result["rows"].push_back(
          {{"issue", row.issue}, {"forecast", row.forecast}, {"outcome", row.outcome}, {"error", row.error}});
    }
    result["source"] = kCitation;
    if (options->format == "json") {
      fmt::print("{}\n", result.dump());
    } else {
      fmt::print("model {} (capability {}): {} issues of {} rows, mean absolute error {:.2f}\n", options->model,
                 options->capability, backtest.rows.size(), data.issue_rows, backtest.mean_absolute_error);
      fmt::print("data: {}\n", kCitation);
    }
    const nlohmann::json recorded = {{"model", options->model}, {"capability", options->capability},
                                     {"rounds", options->rounds ? *options->rounds : -1}};
    recorder.record(options->data, recorded, 0, nlohmann::json::parse(result.dump()));
    context.exit_code = 0;
  });
}

}  // namespace statecraft::cli
