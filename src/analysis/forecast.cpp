#include "analysis/forecast.h"

#include <algorithm>
#include <mutex>
#include <utility>
#include <vector>

#include "bargain/monte_carlo.h"

namespace statecraft::analysis {

namespace {

using Json = nlohmann::ordered_json;

Json trajectory_json(const Issue& issue, const bargain::Trajectory& trajectory) {
  Json out;
  out["model"] = trajectory.model;
  out["rounds"] = Json::array();
  for (const auto& round : trajectory.rounds) {
    Json positions = Json::object();
    for (std::size_t i = 0; i < issue.stances.size(); ++i)
      positions[issue.stances[i].actor] = round.positions[i];
    Json moves = Json::array();
    for (const auto& move : round.moves) {
      moves.push_back({{"actor", issue.stances[move.actor].actor},
                       {"proposer", issue.stances[move.proposer].actor},
                       {"offer", bargain::to_string(move.kind)},
                       {"from", move.from_position},
                       {"to", move.to_position}});
    }
    // smp: which actor moved where, by which best-response rule, and the expected
    // utilities (staying against moving) that made it move.
    Json smp_moves = Json::array();
    for (const auto& move : round.smp_moves) {
      Json item = {{"actor", issue.stances[move.actor].actor}, {"rule", bargain::to_string(move.kind)}};
      if (move.kind == bargain::SmpMoveKind::toward) {
        item["toward"] = issue.stances[move.toward].actor;
        item["fraction"] = move.fraction;
      }
      item["from"] = move.from_position;
      item["to"] = move.to_position;
      item["utility_stay"] = move.utility_stay;
      item["utility_moved"] = move.utility_moved;
      item["gain"] = move.utility_moved - move.utility_stay;
      smp_moves.push_back(std::move(item));
    }
    Json entry = {
        {"round", round.index}, {"median", round.median}, {"mean", round.mean}, {"positions", positions}};
    if (trajectory.model == "bdm") entry["moves"] = moves;
    if (trajectory.model == "smp") entry["moves"] = smp_moves;
    out["rounds"].push_back(entry);
  }
  out["forecast"] = trajectory.forecast;
  out["converged"] = trajectory.converged;
  out["stopped"] = trajectory.stopped;
  if (trajectory.stopped == "cycle") out["cycle_length"] = trajectory.cycle_length;
  return out;
}

// Per-round quantiles of sampled median paths; a path that stopped early holds its
// forecast for the remaining rounds (where the negotiation ended).
Json band_json(const std::vector<std::vector<double>>& paths, double mass) {
  std::size_t length = 0;
  for (const auto& path : paths) length = std::max(length, path.size());
  Json low = Json::array();
  Json high = Json::array();
  std::vector<double> column(paths.size());
  for (std::size_t r = 0; r < length; ++r) {
    for (std::size_t k = 0; k < paths.size(); ++k)
      column[k] = r < paths[k].size() ? paths[k][r] : paths[k].back();
    low.push_back(bargain::quantile(column, 0.5 * (1.0 - mass)));
    high.push_back(bargain::quantile(column, 0.5 * (1.0 + mass)));
  }
  return {{"low", low}, {"high", high}};
}

}  // namespace

std::vector<nlohmann::ordered_json> forecast(const Issue& issue, const Parameters& parameters,
                                             const ForecastSpec& spec) {
  std::vector<Json> results;
  for (bargain::Model model : spec.models) {
    const bargain::Trajectory trajectory = bargain::run_model(model, issue, parameters, spec.rounds);
    Json out = trajectory_json(issue, trajectory);
    if (spec.samples > 0) {
      bargain::MonteCarloSpec mc_spec;
      mc_spec.samples = spec.samples;
      mc_spec.seed = spec.seed;
      mc_spec.interval_mass = parameters.get("monte_carlo.interval");
      mc_spec.position_noise = spec.noise;
      const auto rounds = spec.rounds;
      // Sampled median paths for the band. run_monte_carlo calls the forecast once per
      // sample on any thread, so paths arrive in any order; per-round quantiles do not
      // depend on that order, so the band is the same for any thread count.
      std::mutex mutex;
      std::vector<std::vector<double>> paths;
      const bargain::MonteCarloResult mc = bargain::run_monte_carlo(
          issue,
          [&](const Issue& sample) {
            const bargain::Trajectory t = bargain::run_model(model, sample, parameters, rounds);
            if (spec.bands) {
              std::vector<double> path;
              for (const auto& round : t.rounds) path.push_back(round.median);
              path.push_back(t.forecast);
              const std::lock_guard lock(mutex);
              paths.push_back(std::move(path));
            }
            return t.forecast;
          },
          mc_spec);
      out["interval"] = {mc.low, mc.high};
      out["interval_mass"] = mc_spec.interval_mass;
      out["samples"] = spec.samples;
      out["seed"] = spec.seed;
      out["mean_forecast"] = mc.mean;
      if (spec.bands) {
        out["band"] = band_json(paths, mc_spec.interval_mass);
      }
    }
    results.push_back(std::move(out));
  }
  return results;
}

}  // namespace statecraft::analysis
