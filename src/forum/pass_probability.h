// Exact probability that a motion passes a forum, and who is pivotal.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/decision_rule.h"
#include "core/forum.h"
#include "core/motion.h"
#include "forum/ballot.h"

namespace statecraft::forum {

struct StageProbability {
  std::string id;  // gate id, or "vote"
  std::string description;
  double p_pass = 0.0;  // marginal: this stage alone, whatever the others do
};

struct MemberPivot {
  std::string member;
  // Probability that the motion clears every stage when this member casts the ballot
  // (at every stage) and the others vote with their probabilities.
  double p_pass_if_yes = 0.0;
  double p_pass_if_no = 0.0;
  double p_pass_if_abstain = 0.0;
  double p_pass_if_absent = 0.0;
  // P(the outcome differs between this member voting yes and voting no). Every rule
  // here is monotone (turning a no into a yes never turns a pass into a fail), so it
  // equals p_pass_if_yes - p_pass_if_no.
  double pivotality = 0.0;
};

struct PassResult {
  double p_pass = 0.0;        // clears every gate and the vote
  double p_gates = 1.0;       // clears every gate (reaches the vote)
  double expected_yes = 0.0;  // expected number of yes votes
  std::vector<StageProbability> stages;  // gates in order, then "vote"
  std::vector<MemberPivot> members;      // in forum order
  bool exact = true;  // false when weights were coarsened to fit the programme
};

// Votes must be given for exactly the forum's members, in the forum's order. Members
// vote independently; one ballot per member counts at every stage (a member that votes
// yes also signs and does not object), so stages are evaluated jointly, not multiplied.
PassResult pass_probability(const Forum& forum, const Motion& motion,
                            std::span<const MemberVote> votes);

// The probability that one rule passes (no gates, no pivots).
double pass_probability(const DecisionRule& rule, const std::vector<std::string>& members,
                        std::span<const MemberVote> votes);

}  // namespace statecraft::forum
