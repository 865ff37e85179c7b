// `statecraft game SCENARIO --game G [--samples N] [--seed S] [--close ID]... [--set ...]
//  [--at DATE] [--format table|json]`: subgame-perfect equilibrium of a sequential game,
// and with uncertain payoffs the Monte Carlo probability of each equilibrium path.
#include <fmt/core.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api/game.h"
#include "commands.h"
#include "core/error.h"
#include "corridor_options.h"
#include "run_recorder.h"

namespace statecraft::cli {

namespace {

struct GameOptions {
  std::string scenario;
  std::string game;
  std::size_t samples = 0;  // 0: the games.samples parameter when payoffs are uncertain, else none
  std::uint64_t seed = 1;
  std::vector<std::string> close;
  std::vector<std::string> set;
  std::string at;
  std::string format = "table";
};

}  // namespace

void register_game(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand(
      "game", "Subgame-perfect equilibrium of a sequential game; Monte Carlo over uncertain payoffs");
  auto options = std::make_shared<GameOptions>();
  command->add_option("SCENARIO", options->scenario, "Scenario YAML file")
      ->required()
      ->check(CLI::ExistingFile);
  command->add_option("--game", options->game, "Game id in the scenario")->required();
  command->add_option("--samples", options->samples, "Monte Carlo samples over uncertain payoffs");
  command->add_option("--seed", options->seed, "Seed for Monte Carlo");
  command->add_option("--close", options->close,
                      "Close a corridor edge or node before evaluating payoff expressions");
  command->add_option("--set", options->set, "risk.X=V or PARAMETER=V, as for `statecraft corridor`");
  command->add_option("--at", options->at, "Evaluate the world on this date (YYYY-MM-DD)");
  command->add_option("--format", options->format, "Output format")->check(CLI::IsMember({"table", "json"}));
  command->callback([options, &context] {
    RunRecorder recorder(context, "game");
    api::GameRequest request;
    request.world.path = options->scenario;
    request.world.at = options->at;
    request.game = options->game;
    request.samples = options->samples;
    request.seed = options->seed;
    request.close = options->close;
    request.set = options->set;
    const nlohmann::json result = flag_errors_as_usage_errors([&] { return api::game(request).json; });
    const std::size_t samples = result["samples"].get<std::size_t>();

    if (options->format == "json") {
      fmt::print("{}\n", result.dump());
    } else {
      const auto& players = result["players"];
      fmt::print("game {} ({} players){}\n", result["game"].get<std::string>(), players.size(),
                 samples > 0 ? fmt::format(", {} Monte Carlo samples, seed {}", samples, options->seed) : "");
      std::string path;
      for (const auto& l : result["equilibrium"]) path += (path.empty() ? "" : " > ") + l.get<std::string>();
      fmt::print("equilibrium path: {} (ends at {})\n", path, result["terminal"].get<std::string>());
      fmt::print("payoffs:");
      for (const auto& player : players) {
        fmt::print(" {} {:.6g}", player.get<std::string>(),
                   result["payoffs"][player.get<std::string>()].get<double>());
      }
      fmt::print("\nstrategy:");
      for (const auto& [node, move] : result["strategy"].items())
        fmt::print(" {}={}", node, move.get<std::string>());
      if (!result["ties"].empty()) {
        fmt::print("\nwarning: indifferent at {} (first listed move taken)", result["ties"].dump());
      }
      fmt::print("\n\n{:>8}  path\n", "p");
      std::vector<std::pair<double, std::string>> rows;
      for (const auto& [k, v] : result["p_path"].items()) rows.emplace_back(v.get<double>(), k);
      std::stable_sort(rows.begin(), rows.end(),
                       [](const auto& a, const auto& b) { return a.first > b.first; });
      for (const auto& [p, k] : rows) fmt::print("{:>8.4f}  {}\n", p, k);
      if (result.contains("p_move")) {
        fmt::print("\nprobability of each move in the equilibrium strategy:\n");
        for (const auto& [node, moves] : result["p_move"].items()) {
          fmt::print("  {}:", node);
          for (const auto& [move, p] : moves.items()) fmt::print(" {} {:.4f}", move, p.get<double>());
          fmt::print("\n");
        }
      }
    }
    const nlohmann::json recorded_parameters = {{"game", options->game},
                                                {"samples", samples},
                                                {"close", options->close},
                                                {"set", options->set},
                                                {"at", options->at}};
    recorder.record(options->scenario, recorded_parameters, options->seed, result);
    context.exit_code = 0;
  });
}

}  // namespace statecraft::cli
