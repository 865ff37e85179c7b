#include "analysis/power.h"

#include "power/exact_power.h"
#include "power/game_from_rule.h"
#include "power/monte_carlo_power.h"

namespace statecraft::analysis {

nlohmann::json power(const power::VotingGame& game, const std::vector<std::string>& members,
                     bool name_members, std::size_t samples, std::uint64_t seed) {
  const power::PowerIndices indices =
      samples == 0 && power::exact_is_feasible(game)
          ? power::exact_power(game)
          : power::monte_carlo_power(game, samples > 0 ? samples : kDefaultPowerSamples, seed);
  nlohmann::json out;
  if (name_members) out["members"] = members;
  out["banzhaf"] = indices.banzhaf;
  out["banzhaf_raw"] = indices.banzhaf_raw;
  out["shapley"] = indices.shapley;
  out["method"] = indices.samples > 0 ? "monte_carlo" : "exact";
  out["quota"] = game.quota;
  out["weights"] = game.weights;  // as scored: integers after decimal scaling
  if (indices.samples > 0) {
    out["samples"] = indices.samples;
    out["banzhaf_error"] = indices.banzhaf_error;
    out["banzhaf_raw_error"] = indices.banzhaf_raw_error;
    out["shapley_error"] = indices.shapley_error;
  }
  return out;
}

nlohmann::json forum_power(const Forum& forum, std::size_t samples, std::uint64_t seed) {
  return power(power::game_from_forum(forum), forum.members, true, samples, seed);
}

}  // namespace statecraft::analysis
