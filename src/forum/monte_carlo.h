// Monte Carlo estimate of a motion's pass probability, with correlated bloc shocks:
// the second method beside the exact programme (pass_probability.h). In sample s each
// bloc b draws a common shock eta_b ~ N(0, bloc_shock_sd); a member's utility becomes
// utility + sum over its blocs of weight_b * eta_b, and its ballot is drawn from the
// ordered logit of vote_model.h. With bloc_shock_sd = 0 members are independent and the
// estimate converges to the exact probability.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/forum.h"
#include "core/motion.h"
#include "forum/ballot.h"
#include "forum/vote_model.h"

namespace statecraft::forum {

struct MonteCarloResult {
  std::size_t samples = 0;
  double p_pass = 0.0;
  double standard_error = 0.0;  // binomial: sqrt(p (1 - p) / samples)
  double expected_yes = 0.0;
  std::vector<double> stage_p_pass;  // marginal per stage, as PassResult::stages
};

// Sample s draws from Rng(seed, s, kVotePurpose), so results do not depend on how
// samples are split across threads or ranks.
inline constexpr std::uint64_t kVotePurpose = 0x766f7465;  // "vote"

MonteCarloResult simulate_votes(const Forum& forum, const Motion& motion,
                                std::span<const MemberLean> leans, const VoteParams& params,
                                std::size_t samples, std::uint64_t seed);

}  // namespace statecraft::forum
