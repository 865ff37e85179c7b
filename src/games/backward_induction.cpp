#include "games/backward_induction.h"

#include <cmath>
#include <functional>
#include <unordered_map>

#include "core/error.h"

namespace statecraft::games {

namespace {

constexpr double kTieTolerance = 1e-12;

std::unordered_map<std::string, std::size_t> index_nodes(const Game& game) {
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < game.nodes.size(); ++i) index.emplace(game.nodes[i].id, i);
  return index;
}

}  // namespace

std::size_t player_index(const Game& game, const std::string& player) {
  for (std::size_t i = 0; i < game.players.size(); ++i) {
    if (game.players[i] == player) return i;
  }
  throw PreconditionError("'" + player + "' is not a player of game '" + game.id + "'");
}

PayoffTable figure_payoffs(const Game& game) {
  PayoffTable table(game.nodes.size());
  for (std::size_t n = 0; n < game.nodes.size(); ++n) {
    if (!game.nodes[n].terminal()) continue;
    table[n].assign(game.players.size(), 0.0);
    for (const auto& [player, figure] : game.nodes[n].payoffs) table[n][player_index(game, player)] = figure.value;
  }
  return table;
}

PayoffTable payoff_sds(const Game& game) {
  PayoffTable table(game.nodes.size());
  for (std::size_t n = 0; n < game.nodes.size(); ++n) {
    if (!game.nodes[n].terminal()) continue;
    table[n].assign(game.players.size(), 0.0);
    for (const auto& [player, sd] : game.nodes[n].payoff_sd) table[n][player_index(game, player)] = sd;
  }
  return table;
}

Solution solve(const Game& game, const PayoffTable& payoffs) {
  if (game.nodes.empty()) throw PreconditionError("game '" + game.id + "' has no nodes");
  if (payoffs.size() != game.nodes.size()) throw PreconditionError("payoff table does not match the game");
  const auto index = index_nodes(game);
  const std::size_t players = game.players.size();
  Solution s;
  s.choice.assign(game.nodes.size(), 0);
  s.value.assign(game.nodes.size(), {});
  s.reach.assign(game.nodes.size(), 0.0);
  s.tie.assign(game.nodes.size(), false);
  std::vector<char> done(game.nodes.size(), 0);
  auto child = [&](const GameMove& move) {
    auto it = index.find(move.next);
    if (it == index.end()) throw PreconditionError("move '" + move.label + "' leads to unknown node '" + move.next + "'");
    return it->second;
  };

  // Iterative post-order from the root (games are acyclic; the loader checks).
  std::vector<std::pair<std::size_t, std::size_t>> stack{{0, 0}};
  while (!stack.empty()) {
    auto& [n, next_move] = stack.back();
    const GameNode& node = game.nodes[n];
    if (next_move < node.moves.size()) {
      const std::size_t c = child(node.moves[next_move++]);
      if (done[c] == 0) stack.emplace_back(c, 0);
      continue;
    }
    if (node.terminal()) {
      if (payoffs[n].size() != players) throw PreconditionError("terminal '" + node.id + "' lacks payoffs");
      s.value[n] = payoffs[n];
    } else if (node.player == "chance") {
      s.value[n].assign(players, 0.0);
      for (const auto& move : node.moves) {
        const auto& v = s.value[child(move)];
        for (std::size_t p = 0; p < players; ++p) s.value[n][p] += move.probability * v[p];
      }
    } else {
      const std::size_t mover = player_index(game, node.player);
      std::size_t best = 0;
      for (std::size_t m = 1; m < node.moves.size(); ++m) {
        const double candidate = s.value[child(node.moves[m])][mover];
        const double incumbent = s.value[child(node.moves[best])][mover];
        if (candidate > incumbent + kTieTolerance) best = m;
      }
      const double best_value = s.value[child(node.moves[best])][mover];
      for (std::size_t m = 0; m < node.moves.size(); ++m) {
        if (m != best && std::abs(s.value[child(node.moves[m])][mover] - best_value) <= kTieTolerance) s.tie[n] = true;
      }
      s.choice[n] = best;
      s.value[n] = s.value[child(node.moves[best])];
    }
    done[n] = 1;
    stack.pop_back();
  }

  // Reach probabilities, root first: in a DAG a node's probability is the sum over its
  // parents, so nodes are visited in an order where every parent comes first
  // (Kahn's topological order over the reachable subgraph).
  std::vector<std::size_t> parents(game.nodes.size(), 0);
  for (std::size_t n = 0; n < game.nodes.size(); ++n) {
    if (done[n] == 0) continue;
    for (const auto& move : game.nodes[n].moves) ++parents[child(move)];
  }
  s.reach[0] = 1.0;
  std::vector<std::size_t> ready{0};
  while (!ready.empty()) {
    const std::size_t n = ready.back();
    ready.pop_back();
    const GameNode& node = game.nodes[n];
    for (std::size_t m = 0; m < node.moves.size(); ++m) {
      const std::size_t c = child(node.moves[m]);
      const double p = node.player == "chance" ? node.moves[m].probability : (m == s.choice[n] ? 1.0 : 0.0);
      s.reach[c] += s.reach[n] * p;
      if (--parents[c] == 0) ready.push_back(c);
    }
  }
  return s;
}

std::string Path::key() const {
  std::string out;
  for (const auto& label : labels) out += (out.empty() ? "" : " > ") + label;
  return out;
}

std::vector<Path> equilibrium_paths(const Game& game, const Solution& solution) {
  const auto index = index_nodes(game);
  std::vector<Path> out;
  Path current;
  std::function<void(std::size_t, double)> walk = [&](std::size_t n, double probability) {
    const GameNode& node = game.nodes[n];
    if (node.terminal()) {
      current.terminal = node.id;
      current.probability = probability;
      out.push_back(current);
      return;
    }
    for (std::size_t m = 0; m < node.moves.size(); ++m) {
      const double p = node.player == "chance" ? node.moves[m].probability : (m == solution.choice[n] ? 1.0 : 0.0);
      if (p <= 0.0) continue;
      current.labels.push_back(node.moves[m].label);
      walk(index.at(node.moves[m].next), probability * p);
      current.labels.pop_back();
    }
  };
  walk(0, 1.0);
  return out;
}

}  // namespace statecraft::games
