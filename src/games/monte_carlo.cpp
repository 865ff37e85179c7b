#include "games/monte_carlo.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "core/rng.h"

namespace statecraft::games {

namespace {

// Samples per block. Fixed, so the summation order never depends on the thread count.
constexpr std::size_t kBlock = 256;

struct Tally {
  std::map<std::string, double> p_path;
  std::map<std::string, double> p_terminal;
  std::vector<std::vector<double>> move_count;  // per node, per move
  std::vector<double> payoff_sum;
  std::vector<double> payoff_square_sum;
};

Tally empty_tally(const Game& game) {
  Tally t;
  t.move_count.resize(game.nodes.size());
  for (std::size_t n = 0; n < game.nodes.size(); ++n) t.move_count[n].assign(game.nodes[n].moves.size(), 0.0);
  t.payoff_sum.assign(game.players.size(), 0.0);
  t.payoff_square_sum.assign(game.players.size(), 0.0);
  return t;
}

void add(Tally& into, const Tally& from) {
  for (const auto& [k, v] : from.p_path) into.p_path[k] += v;
  for (const auto& [k, v] : from.p_terminal) into.p_terminal[k] += v;
  for (std::size_t n = 0; n < into.move_count.size(); ++n) {
    for (std::size_t m = 0; m < into.move_count[n].size(); ++m) into.move_count[n][m] += from.move_count[n][m];
  }
  for (std::size_t p = 0; p < into.payoff_sum.size(); ++p) {
    into.payoff_sum[p] += from.payoff_sum[p];
    into.payoff_square_sum[p] += from.payoff_square_sum[p];
  }
}

}  // namespace

MonteCarloResult simulate(const Game& game, const PayoffTable& mean, const PayoffTable& sd, std::size_t samples,
                          std::uint64_t seed) {
  if (samples == 0) throw PreconditionError("Monte Carlo needs at least one sample");
  if (mean.size() != game.nodes.size() || sd.size() != game.nodes.size()) {
    throw PreconditionError("payoff tables do not match game '" + game.id + "'");
  }
  const std::size_t blocks = (samples + kBlock - 1) / kBlock;
  std::vector<Tally> tallies(blocks);
  tbb::parallel_for(std::size_t{0}, blocks, [&](std::size_t b) {
    Tally tally = empty_tally(game);
    PayoffTable drawn = mean;
    const std::size_t end = std::min(samples, (b + 1) * kBlock);
    for (std::size_t s = b * kBlock; s < end; ++s) {
      Rng rng(seed, s, kGamesPurpose);
      // Draws in a fixed order (node, then player) so a sample's numbers never depend
      // on anything but its index.
      for (std::size_t n = 0; n < mean.size(); ++n) {
        for (std::size_t p = 0; p < mean[n].size(); ++p) {
          drawn[n][p] = sd[n][p] > 0.0 ? rng.normal(mean[n][p], sd[n][p]) : mean[n][p];
        }
      }
      const Solution solution = solve(game, drawn);
      for (const Path& path : equilibrium_paths(game, solution)) {
        tally.p_path[path.key()] += path.probability;
        tally.p_terminal[path.terminal] += path.probability;
      }
      for (std::size_t n = 0; n < game.nodes.size(); ++n) {
        if (!game.nodes[n].terminal() && game.nodes[n].player != "chance") tally.move_count[n][solution.choice[n]] += 1.0;
      }
      for (std::size_t p = 0; p < game.players.size(); ++p) {
        tally.payoff_sum[p] += solution.value[0][p];
        tally.payoff_square_sum[p] += solution.value[0][p] * solution.value[0][p];
      }
    }
    tallies[b] = std::move(tally);
  });

  Tally total = empty_tally(game);
  for (const auto& t : tallies) add(total, t);
  const double n = static_cast<double>(samples);
  MonteCarloResult result;
  result.samples = samples;
  for (const auto& [k, v] : total.p_path) result.p_path[k] = v / n;
  for (const auto& [k, v] : total.p_terminal) result.p_terminal[k] = v / n;
  for (std::size_t node = 0; node < game.nodes.size(); ++node) {
    const GameNode& g = game.nodes[node];
    if (g.terminal() || g.player == "chance") continue;
    for (std::size_t m = 0; m < g.moves.size(); ++m) result.p_move[g.id][g.moves[m].label] += total.move_count[node][m] / n;
  }
  for (std::size_t p = 0; p < game.players.size(); ++p) {
    const double m = total.payoff_sum[p] / n;
    result.mean_payoff.push_back(m);
    result.payoff_sd.push_back(std::sqrt(std::max(0.0, total.payoff_square_sum[p] / n - m * m)));
  }
  return result;
}

}  // namespace statecraft::games
