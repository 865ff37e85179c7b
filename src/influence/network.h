// The influence network: how much each actor listens to each other actor, derived from
// the relations of a scenario by the documented function of docs/influence.md.
#pragma once

#include <Eigen/SparseCore>
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/parameters.h"
#include "core/scenario.h"

namespace statecraft::influence {

// Coefficients of the influence function; registered as "influence.*".
struct InfluenceParams {
  double trade_weight = 1.0;
  double investment_weight = 0.5;
  double investment_half_usd_m = 1000.0;
  double aid_weight = 0.7;
  double aid_half_usd_m = 500.0;
  double arms_weight = 0.8;
  double security_weight = 0.8;
  double alignment_weight = 0.6;
  double hostility_weight = 1.5;
  double lobbying_weight = 0.5;
  double diaspora_weight = 0.2;
  double diaspora_half_k = 500.0;

  static InfluenceParams from(const Parameters& parameters);
};

// The terms of the pull of an influencer j on a target i, before weighting. Signs:
// every term raises the pull except `hostility` and `misalignment`, which lower it.
enum class Term : unsigned char {
  trade,         // share of i's exports that go to j, in [0, 1]
  investment,    // I/(I + half), I = investment by j in i
  aid,           // A/(A + half), A = aid + finance from j to i
  arms,          // share of i's arms imports supplied by j
  security,      // max of the security cooperation recorded either way
  alignment,     // max(0, alignment of i with j)
  misalignment,  // max(0, -alignment of i with j)
  hostility,     // hostility of i towards j
  lobbying,      // j's diplomatic effort on i
  diaspora,      // D/(D + half), D = j's diaspora in i
};
inline constexpr std::size_t kTermCount = 10;
std::string_view to_string(Term term);

// One directed channel: `influencer` can move `target` with `weight` in [0, 1).
struct Channel {
  std::size_t influencer = 0;
  std::size_t target = 0;
  double pull = 0.0;    // weighted sum of the terms (may be negative)
  double weight = 0.0;  // 1 - exp(-max(0, pull))
  std::array<double, kTermCount> terms{};  // unweighted terms
};

struct InfluenceNetwork {
  std::vector<std::string> actors;  // scenario order; indices below refer to it
  std::vector<Channel> channels;    // one per ordered pair with any tie, sorted (target, influencer)
  // weights(i, j): how much i listens to j (row = target, column = influencer); the
  // diagonal is empty.
  Eigen::SparseMatrix<double, Eigen::RowMajor> weights;

  [[nodiscard]] std::size_t index_of(std::string_view actor) const;  // throws PreconditionError
  [[nodiscard]] double weight(std::size_t target, std::size_t influencer) const;
};

// Per actor: reach = sum of its channels' weights onto others; exposure = sum of the
// weights of others onto it; leverage = sum over partners of max(0, w(partner, actor) -
// w(actor, partner)), the asymmetric dependence it could cash in.
struct ActorInfluence {
  std::string actor;
  double reach = 0.0;
  double exposure = 0.0;
  double leverage = 0.0;
};

// Leverage of `over` ... of one actor over another: w(target, influencer) - w(influencer, target).
struct Leverage {
  std::size_t holder = 0;   // the actor with the upper hand
  std::size_t subject = 0;  // the actor that depends more
  double value = 0.0;       // > 0
};

InfluenceNetwork build_influence_network(const Scenario& scenario, const InfluenceParams& params);

std::vector<ActorInfluence> actor_influence(const InfluenceNetwork& network);

// Every pair with positive asymmetry, largest first (ties by indices).
std::vector<Leverage> leverage_pairs(const InfluenceNetwork& network);

// The channels sorted by weight, largest first (ties by target, then influencer).
std::vector<Channel> strongest_channels(const InfluenceNetwork& network, std::size_t count);

}  // namespace statecraft::influence
