#include "api/game.h"

#include "api/corridor_shocks.h"
#include "games/backward_induction.h"
#include "games/game_payoffs.h"
#include "games/monte_carlo.h"

namespace statecraft::api {

namespace {

bool uncertain(const games::PayoffTable& sd) {
  for (const auto& row : sd) {
    for (double v : row) {
      if (v > 0.0) return true;
    }
  }
  return false;
}

}  // namespace

GameOutput game(const GameRequest& request) {
  Scenario scenario = load_world(request.world);
  const Game* game = scenario.find_game(request.game);
  if (game == nullptr) flag_error("--game", "no game '" + request.game + "' in " + request.world.path);
  const corridor::Shocks shocks = read_shocks(scenario, request.close, request.set);
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

  std::size_t samples = request.samples;
  if (samples == 0 && uncertain(sd))
    samples = static_cast<std::size_t>(scenario.parameters.get("games.samples"));
  nlohmann::json p_path = nlohmann::json::object();
  if (samples > 0) {
    const games::MonteCarloResult mc = games::simulate(*game, mean, sd, samples, request.seed);
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
  result["seed"] = request.seed;
  return GameOutput{std::move(result), likely->labels};
}

}  // namespace statecraft::api
