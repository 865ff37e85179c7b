#include "forum/monte_carlo.h"

#include <cmath>

#include "core/error.h"
#include "core/rng.h"
#include "forum/rules.h"

namespace statecraft::forum {

MonteCarloResult simulate_votes(const Forum& forum, const Motion& motion, std::span<const MemberLean> leans,
                                const VoteParams& params, std::size_t samples, std::uint64_t seed) {
  if (leans.size() != forum.members.size()) {
    throw PreconditionError("leans given for " + std::to_string(leans.size()) + " of " +
                            std::to_string(forum.members.size()) + " members");
  }
  if (samples == 0) throw PreconditionError("Monte Carlo needs at least one sample");
  const Procedure procedure = make_procedure(forum, motion);
  MonteCarloResult result;
  result.samples = samples;
  result.stage_p_pass.assign(procedure.stages.size(), 0.0);
  std::size_t passed = 0;
  std::size_t yes_total = 0;
  std::vector<double> shock(forum.blocs.size(), 0.0);
  std::vector<Ballot> ballots(leans.size());
  for (std::size_t s = 0; s < samples; ++s) {
    Rng rng(seed, s, kVotePurpose);
    for (double& eta : shock) eta = params.bloc_shock_sd * rng.normal();
    for (std::size_t i = 0; i < leans.size(); ++i) {
      double utility = leans[i].utility;
      for (const auto& [b, w] : leans[i].bloc_weights) utility += w * shock[b];
      const MemberVote v = ballot_probabilities(leans[i].member, utility, leans[i].salience, params,
                                                leans[i].objection_threshold);
      const double u = rng.uniform();
      Ballot ballot = Ballot::absent;
      if (u < v.p_yes) {
        ballot = Ballot::yes;
      } else if (u < v.p_yes + v.p_no) {
        ballot = Ballot::no;
      } else if (u < v.p_yes + v.p_no + v.p_abstain) {
        ballot = Ballot::abstain;
      }
      ballots[i] = ballot;
      if (ballot == Ballot::yes) ++yes_total;
    }
    bool all = true;
    for (std::size_t k = 0; k < procedure.stages.size(); ++k) {
      const bool ok = procedure.stages[k].rule->passes(ballots);
      if (ok) result.stage_p_pass[k] += 1.0;
      all = all && ok;
    }
    if (all) ++passed;
  }
  const double n = static_cast<double>(samples);
  result.p_pass = static_cast<double>(passed) / n;
  result.standard_error = std::sqrt(result.p_pass * (1.0 - result.p_pass) / n);
  result.expected_yes = static_cast<double>(yes_total) / n;
  for (double& p : result.stage_p_pass) p /= n;
  return result;
}

}  // namespace statecraft::forum
