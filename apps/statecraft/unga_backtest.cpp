#include "unga_backtest.h"

#include <fmt/core.h>

#include <charconv>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "io/unvotes_loader.h"
#include "rollcall/backtest.h"

namespace statecraft::cli {
namespace {

constexpr const char* kCitation =
    "UN General Assembly votes: Voeten, Strezhnev & Bailey, doi:10.7910/DVN/LEJUQZ (CC0), via R package "
    "unvotes";

nlohmann::ordered_json score_json(const rollcall::Score& s) {
  return {{"roll_calls", s.roll_calls},
          {"votes", s.votes},
          {"accuracy", s.accuracy},
          {"log_loss", s.log_loss},
          {"brier", s.brier}};
}

}  // namespace

std::pair<int, int> parse_session_range(const std::string& text, const std::string& flag) {
  const auto dash = text.find('-');
  const std::string first = text.substr(0, dash);
  const std::string last = dash == std::string::npos ? first : text.substr(dash + 1);
  int a = 0, b = 0;
  const auto ok = [](const std::string& s, int& v) {
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && p == s.data() + s.size() && !s.empty();
  };
  if (!ok(first, a) || !ok(last, b) || a < 1 || b < a) {
    throw InputError(SourceLocation{flag, 0, 0},
                     "'" + text + "' is not a session range A-B with 1 <= A <= B");
  }
  return {a, b};
}

rollcall::Model parse_model_flag(const std::string& text) {
  try {
    return rollcall::parse_model(text);
  } catch (const PreconditionError& e) {
    throw InputError(SourceLocation{"--model", 0, 0}, e.what());
  }
}

rollcall::ForecastParams forecast_params(const UngaBacktestOptions& options) {
  rollcall::ForecastParams params;
  params.model = parse_model_flag(options.model);
  params.ideal_points.dimensions = options.dimensions;
  params.ideal_points.drift_sd = options.drift_sd;
  params.ideal_points.max_iterations = options.iterations;
  params.window_sessions = options.window;
  params.mix_shares = options.mix_shares;
  params.mix_last_vote = options.mix_last_vote;
  params.combiner_sessions = options.combiner_sessions;
  params.combiner_l2 = options.combiner_l2;
  params.combiner_ideal_points = !options.no_ideal_point_features;
  return params;
}

void register_unga_backtest_options(CLI::App* command, UngaBacktestOptions& options,
                                    bool with_model_and_format) {
  command->add_option("--votes", options.votes, "votes.csv(.gz) of the unvotes data")
      ->check(CLI::ExistingFile);
  command->add_option("--roll-calls", options.roll_calls, "roll_calls.csv(.gz) of the unvotes data")
      ->check(CLI::ExistingFile);
  command->add_option("--test-sessions", options.test_sessions, "Sessions to forecast, A-B (default 60-69)");
  if (with_model_and_format) {
    command
        ->add_option("--model", options.model,
                     "shares, lineage, ideal-point, combined or recommended (= combined)")
        ->check(CLI::IsMember({"shares", "lineage", "ideal-point", "combined", "recommended"}));
    command->add_option("--format", options.format, "Output format")->check(CLI::IsMember({"table", "json"}));
  }
  command->add_option("--dims", options.dimensions, "Ideal-point dimensions")->check(CLI::IsMember({1, 2}));
  command->add_option("--window", options.window, "Sessions fitted before each forecast session")
      ->check(CLI::Range(1, 100));
  command->add_option("--drift-sd", options.drift_sd, "Ideal-point drift per session (sd)")
      ->check(CLI::PositiveNumber);
  command->add_option("--mix-shares", options.mix_shares, "Weight of the country's recent vote shares")
      ->check(CLI::Range(0.0, 1.0));
  command
      ->add_option("--mix-last-vote", options.mix_last_vote,
                   "Weight of the country's last vote in the lineage")
      ->check(CLI::Range(0.0, 1.0));
  command->add_option("--iterations", options.iterations, "Alternating Newton iterations at most")
      ->check(CLI::Range(1, 10000));
  command
      ->add_option("--combiner-sessions", options.combiner_sessions,
                   "Earlier sessions the combined model is fitted on")
      ->check(CLI::Range(1, 60));
  command->add_option("--combiner-l2", options.combiner_l2, "Ridge penalty of the combined model")
      ->check(CLI::NonNegativeNumber);
  command->add_flag("--no-ideal-point-features", options.no_ideal_point_features,
                    "Leave the ideal-point probabilities out of the combined model");
}

void run_unga_backtest(const UngaBacktestOptions& options) {
  if (options.votes.empty() || options.roll_calls.empty()) {
    throw InputError(SourceLocation{"--votes", 0, 0}, "the UN backtest needs both --votes and --roll-calls");
  }
  const auto [first, last] = parse_session_range(options.test_sessions, "--test-sessions");
  const rollcall::ForecastParams params = forecast_params(options);
  const rollcall::UngaData data = io::load_unvotes(options.votes, options.roll_calls);
  const rollcall::VoteIndex index = rollcall::index_votes(data);
  if (last > index.max_session) {
    throw InputError(SourceLocation{"--test-sessions", 0, 0},
                     fmt::format("session {} is not in the data (last session {})", last, index.max_session));
  }
  const rollcall::BacktestResult result = rollcall::backtest(index, first, last, params);

  nlohmann::ordered_json out;
  out["model"] = options.model;
  out["roll_calls"] = result.score.roll_calls;
  out["votes"] = result.score.votes;
  out["accuracy"] = result.score.accuracy;
  out["log_loss"] = result.score.log_loss;
  out["brier"] = result.score.brier;
  out["confusion"] = nlohmann::ordered_json::object();  // actual -> predicted counts
  for (int a = 0; a < rollcall::kVoteCategories; ++a) {
    nlohmann::ordered_json row = nlohmann::ordered_json::object();
    for (int p = 0; p < rollcall::kVoteCategories; ++p) {
      row[rollcall::to_string(static_cast<rollcall::Vote>(p))] =
          result.score.confusion[static_cast<std::size_t>(a)][static_cast<std::size_t>(p)];
    }
    out["confusion"][rollcall::to_string(static_cast<rollcall::Vote>(a))] = row;
  }
  out["test_sessions"] = options.test_sessions;
  out["baselines"] = nlohmann::ordered_json::object();
  for (const auto& [name, score] : result.baselines) out["baselines"][name] = score_json(score);
  out["sessions"] = nlohmann::ordered_json::array();
  for (const auto& s : result.sessions) {
    auto row = score_json(s.score);
    row["session"] = s.session;
    out["sessions"].push_back(row);
  }
  out["parameters"] = {{"dims", options.dimensions},
                       {"window", options.window},
                       {"drift_sd", options.drift_sd},
                       {"mix_shares", options.mix_shares},
                       {"mix_last_vote", options.mix_last_vote},
                       {"iterations", options.iterations},
                       {"combiner_sessions", options.combiner_sessions},
                       {"combiner_l2", options.combiner_l2},
                       {"ideal_point_features", !options.no_ideal_point_features}};
  out["source"] = kCitation;
  if (options.format == "json") {
    fmt::print("{}\n", out.dump());
    return;
  }
  fmt::print("rolling-origin backtest, sessions {}-{} ({} roll calls, {} votes)\n", first, last,
             result.score.roll_calls, result.score.votes);
  fmt::print("{:<14} {:>9} {:>9} {:>9}\n", "model", "accuracy", "log loss", "brier");
  fmt::print("{:<14} {:>9.4f} {:>9.4f} {:>9.4f}\n", options.model, result.score.accuracy,
             result.score.log_loss, result.score.brier);
  for (const auto& [name, score] : result.baselines) {
    fmt::print("{:<14} {:>9.4f} {:>9.4f} {:>9.4f}\n", name + " (base)", score.accuracy, score.log_loss,
               score.brier);
  }
  fmt::print("{} by outcome (rows) and most probable category (columns):\n", options.model);
  fmt::print("{:<9} {:>8} {:>8} {:>8} {:>8}\n", "", "yes", "no", "abstain", "absent");
  for (int a = 0; a < rollcall::kVoteCategories; ++a) {
    const auto& row = result.score.confusion[static_cast<std::size_t>(a)];
    fmt::print("{:<9} {:>8} {:>8} {:>8} {:>8}\n", rollcall::to_string(static_cast<rollcall::Vote>(a)), row[0],
               row[1], row[2], row[3]);
  }
  fmt::print("data: {}\n", kCitation);
}

}  // namespace statecraft::cli
