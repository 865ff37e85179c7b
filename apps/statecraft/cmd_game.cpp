// `statecraft game SCENARIO --game G [--samples N] [--seed S] [--close ID]... [--set ...]
//  [--at DATE] [--format table|json]`: subgame-perfect equilibrium of a sequential game,
// and with uncertain payoffs the Monte Carlo probability of each equilibrium path.
#include <fmt/core.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "commands.h"
#include "core/error.h"
#include "corridor_options.h"
#include "games/backward_induction.h"
#include "games/game_payoffs.h"
#include "games/monte_carlo.h"
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

bool uncertain(const games::PayoffTable& sd) {
  for (const auto& row : sd) {
    for (double v : row) {
      if (v > 0.0) return true;
    }
  }
  return false;
}

}  // namespace

void register_game(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand(
      "game", "Subgame-perfect equilibrium of a sequential game; Monte Carlo over uncertain payoffs");
  auto options = std::make_shared<GameOptions>();
  command->add_option("SCENARIO", options->scenario, "Scenario YAML file")->required()->check(CLI::ExistingFile);
  command->add_option("--game", options->game, "Game id in the scenario")->required();
  command->add_option("--samples", options->samples, "Monte Carlo samples over uncertain payoffs");
  command->add_option("--seed", options->seed, "Seed for Monte Carlo");
  command->add_option("--close", options->close, "Close a corridor edge or node before evaluating payoff expressions");
  command->add_option("--set", options->set, "risk.X=V or PARAMETER=V, as for `statecraft corridor`");
  command->add_option("--at", options->at, "Evaluate the world on this date (YYYY-MM-DD)");
  command->add_option("--format", options->format, "Output format")->check(CLI::IsMember({"table", "json"}));
  command->callback([options, &context] {
    RunRecorder recorder(context, "game");
    Scenario scenario = load_world(options->scenario, options->at);
    const Game* game = scenario.find_game(options->game);
    if (game == nullptr) throw CLI::ValidationError("--game", "no game '" + options->game + "' in " + options->scenario);
    const corridor::Shocks shocks = read_shocks(scenario, options->close, options->set);
    const games::PayoffTable mean = games::payoff_table(*game, corridor_resolver(scenario, shocks));
    const games::PayoffTable sd = games::payoff_sds(*game);
    const games::Solution solution = games::solve(*game, mean);
    const std::vector<games::Path> paths = games::equilibrium_paths(*game, solution);

    nlohmann::json result;
    result["game"] = game->id;
    result["players"] = game->players;
    // The most likely equilibrium path under the central payoffs (ties to the first found).
    const games::Path* likely = &paths.front();
    for (const auto& p : paths) {
      if (p.probability > likely->probability) likely = &p;
    }
    result["equilibrium"] = likely->labels;
    result["terminal"] = likely->terminal;
    nlohmann::json strategy = nlohmann::json::object();
    nlohmann::json ties = nlohmann::json::array();
    for (std::size_t n = 0; n < game->nodes.size(); ++n) {
      const GameNode& node = game->nodes[n];
      if (node.terminal() || node.player == "chance") continue;
      strategy[node.id] = node.moves[solution.choice[n]].label;
      if (solution.tie[n]) ties.push_back(node.id);
    }
    result["strategy"] = strategy;
    result["ties"] = ties;
    nlohmann::json payoffs = nlohmann::json::object();
    for (std::size_t p = 0; p < game->players.size(); ++p) payoffs[game->players[p]] = solution.value[0][p];
    result["payoffs"] = payoffs;
    nlohmann::json terminal_payoffs = nlohmann::json::object();
    for (std::size_t n = 0; n < game->nodes.size(); ++n) {
      if (!game->nodes[n].terminal()) continue;
      nlohmann::json row = nlohmann::json::object();
      for (std::size_t p = 0; p < game->players.size(); ++p) row[game->players[p]] = mean[n][p];
      terminal_payoffs[game->nodes[n].id] = row;
    }
    result["terminal_payoffs"] = terminal_payoffs;

    std::size_t samples = options->samples;
    if (samples == 0 && uncertain(sd)) samples = static_cast<std::size_t>(scenario.parameters.get("games.samples"));
    nlohmann::json p_path = nlohmann::json::object();
    if (samples > 0) {
      const games::MonteCarloResult mc = games::simulate(*game, mean, sd, samples, options->seed);
      for (const auto& [k, v] : mc.p_path) p_path[k] = v;
      result["p_move"] = mc.p_move;
      nlohmann::json mean_payoff = nlohmann::json::object();
      for (std::size_t p = 0; p < game->players.size(); ++p) mean_payoff[game->players[p]] = mc.mean_payoff[p];
      result["mean_payoffs"] = mean_payoff;
    } else {
      for (const auto& p : paths) p_path[p.key()] = p.probability;
    }
    result["p_path"] = p_path;
    result["samples"] = samples;
    result["seed"] = options->seed;

    if (options->format == "json") {
      fmt::print("{}\n", result.dump());
    } else {
      fmt::print("game {} ({} players){}\n", game->id, game->players.size(),
                 samples > 0 ? fmt::format(", {} Monte Carlo samples, seed {}", samples, options->seed) : "");
      std::string path;
      for (const auto& l : likely->labels) path += (path.empty() ? "" : " > ") + l;
      fmt::print("equilibrium path: {} (ends at {})\n", path, likely->terminal);
      fmt::print("payoffs:");
      for (std::size_t p = 0; p < game->players.size(); ++p) {
        fmt::print(" {} {:.6g}", game->players[p], solution.value[0][p]);
      }
      fmt::print("\nstrategy:");
      for (const auto& [node, move] : strategy.items()) fmt::print(" {}={}", node, move.get<std::string>());
      if (!ties.empty()) fmt::print("\nwarning: indifferent at {} (first listed move taken)", ties.dump());
      fmt::print("\n\n{:>8}  path\n", "p");
      std::vector<std::pair<double, std::string>> rows;
      for (const auto& [k, v] : p_path.items()) rows.emplace_back(v.get<double>(), k);
      std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
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
    const nlohmann::json recorded_parameters = {{"game", options->game}, {"samples", samples}, {"close", options->close},
                                                {"set", options->set}, {"at", options->at}};
    recorder.record(options->scenario, recorded_parameters, options->seed, result);
    context.exit_code = 0;
  });
}

}  // namespace statecraft::cli
