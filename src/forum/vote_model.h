// How each member of a forum is likely to vote on a motion: from its own position on
// the motion's issue, bloc discipline, and the bilateral influence of the motion's
// sponsors and opponents. docs/vote-model.md gives the equations and every parameter.
#pragma once

#include <string>
#include <vector>

#include "core/forum.h"
#include "core/motion.h"
#include "core/parameters.h"
#include "core/scenario.h"
#include "forum/ballot.h"

namespace statecraft::forum {

// Model parameters; defaults and meanings are registered as "vote.*" in core/parameters.
struct VoteParams {
  double policy_weight = 1.0;
  double influence_weight = 1.0;
  double trade_weight = 1.0;
  double aid_weight = 0.5;
  double aid_half_usd_m = 500.0;
  double investment_weight = 0.3;
  double investment_half_usd_m = 1000.0;
  double arms_weight = 0.5;
  double security_weight = 0.5;
  double alignment_weight = 0.5;
  double hostility_weight = 1.0;
  double lobbying_gain = 1.0;
  double sponsor_commitment = 2.0;
  double noise = 0.25;
  double objection_threshold = 1.0;  // consensus forums: a "no" is a formal objection
  double abstain_band = 0.15;
  double absence = 0.05;
  double default_salience = 0.5;
  double bloc_shock_sd = 0.5;  // Monte Carlo only

  // Every field from the scenario's parameters (registered defaults where unset).
  static VoteParams from(const Parameters& parameters);
};

// Why a member leans the way it does. Utilities are for the motion against the status
// quo: positive leans yes, negative leans no.
struct MemberLean {
  std::string member;
  double salience = 0.0;
  double policy = 0.0;       // own position: salience-weighted, in [-1, 1] before policy_weight
  double influence = 0.0;    // net pull of sponsors (+) and opponents (-)
  double commitment = 0.0;   // +sponsor_commitment for a sponsor, - for an opponent
  double own_utility = 0.0;  // policy_weight * policy + influence_weight * influence + commitment
  double utility = 0.0;      // after bloc discipline
  // Extra utility below -abstain_band needed for a "no": vote.objection_threshold when
  // the forum decides by consensus (a "no" there blocks everyone: a formal objection),
  // 0 otherwise.
  double objection_threshold = 0.0;
  // Blocs the member follows, with the weight each has in its utility (for bloc shocks).
  std::vector<std::pair<std::size_t, double>> bloc_weights;  // (index in forum.blocs, weight)
};

// Influence of actor `from` (a sponsor or opponent) on member `to`, before sign.
double bilateral_influence(const Scenario& scenario, const std::string& from, const std::string& to,
                           const VoteParams& params);

// One lean per forum member, in forum order. Throws PreconditionError when the motion's
// issue is unknown or a sponsor, opponent or bloc member is not an actor.
std::vector<MemberLean> member_leans(const Scenario& scenario, const Forum& forum, const Motion& motion,
                                     const VoteParams& params);

// Ordered logit with an abstention band, and absence falling with salience. The no
// cutpoint sits `objection_threshold` further down (MemberLean::objection_threshold).
MemberVote ballot_probabilities(const std::string& member, double utility, double salience,
                                const VoteParams& params, double objection_threshold = 0.0);

std::vector<MemberVote> member_votes(const Scenario& scenario, const Forum& forum, const Motion& motion,
                                     const VoteParams& params);

}  // namespace statecraft::forum
