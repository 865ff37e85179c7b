// Voting power (Banzhaf, Shapley–Shubik) as JSON, exact when the size-by-weight table
// fits and by Monte Carlo otherwise.
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/forum.h"
#include "power/voting_game.h"

namespace statecraft::analysis {

inline constexpr std::size_t kDefaultPowerSamples = 100'000;

// Exact when samples == 0 and feasible, else Monte Carlo with `samples` (or the
// default) draws. Throws PreconditionError from the power engine.
nlohmann::json power(const power::VotingGame& game, const std::vector<std::string>& members,
                     bool name_members, std::size_t samples, std::uint64_t seed);

// A forum's decision rule as a weighted game, members named.
nlohmann::json forum_power(const Forum& forum, std::size_t samples, std::uint64_t seed);

}  // namespace statecraft::analysis
