// Rolling-origin backtest of UN General Assembly vote forecasts, as a CLI helper that
// any verb can host: `statecraft unga backtest ...` and, when it gains the options,
// `statecraft backtest --votes ... --roll-calls ... --test-sessions A-B --model M`.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "rollcall/forecast.h"

namespace statecraft::cli {

struct UngaBacktestOptions {
  std::string votes;
  std::string roll_calls;
  std::string test_sessions = "60-69";
  std::string model = "recommended";
  std::string format = "table";
  int dimensions = 2;
  int window = 12;
  double drift_sd = 0.25;
  double mix_shares = 0.5;
  double mix_last_vote = 0.5;
  int iterations = 60;
  int combiner_sessions = 12;
  double combiner_l2 = 1.0;
  bool no_ideal_point_features = false;
};

// Adds --votes, --roll-calls, --test-sessions and the model's tuning options. When
// `with_model_and_format`, also --model and --format (a host verb may own those).
void register_unga_backtest_options(CLI::App* command, UngaBacktestOptions& options,
                                    bool with_model_and_format);

// Loads the files, runs the backtest and prints it (table or JSON) to stdout.
void run_unga_backtest(const UngaBacktestOptions& options);

// "A-B" or "A" -> [A, B]; throws InputError naming `flag`.
std::pair<int, int> parse_session_range(const std::string& text, const std::string& flag);

// The --model flag's value; throws InputError naming --model.
rollcall::Model parse_model_flag(const std::string& text);

// Forecast parameters from the options (model, dimensions, window, mixture weights).
rollcall::ForecastParams forecast_params(const UngaBacktestOptions& options);

}  // namespace statecraft::cli
