#include "forum/pass_probability.h"

#include <algorithm>

#include "core/error.h"
#include "forum/rules.h"
#include "forum/tally.h"

namespace statecraft::forum {

namespace {
std::vector<std::array<double, kBallotCount>> probabilities_of(
    const std::vector<std::string>& members, std::span<const MemberVote> votes) {
  if (votes.size() != members.size()) {
    throw PreconditionError("votes given for " + std::to_string(votes.size()) + " of " +
                            std::to_string(members.size()) + " members");
  }
  std::vector<std::array<double, kBallotCount>> p;
  p.reserve(votes.size());
  for (std::size_t i = 0; i < votes.size(); ++i) {
    if (votes[i].member != members[i]) {
      throw PreconditionError("vote " + std::to_string(i) + " is for " + votes[i].member +
                              ", expected member " + members[i]);
    }
    check_probabilities(votes[i]);
    p.push_back(votes[i].probabilities());
  }
  return p;
}
}  // namespace

PassResult pass_probability(const Forum& forum, const Motion& motion,
                            std::span<const MemberVote> votes) {
  const auto p = probabilities_of(forum.members, votes);
  const Procedure procedure = make_procedure(forum, motion);
  const std::size_t n = forum.members.size();

  PassResult result;
  for (const auto& v : votes) result.expected_yes += v.p_yes;

  TallyBuilder all(n);
  TallyBuilder gates(n);
  for (const Stage& stage : procedure.stages) {
    stage.rule->add_to(all);
    if (&stage != &procedure.stages.back()) stage.rule->add_to(gates);
    result.exact = result.exact && stage.rule->exact();
    TallyBuilder alone(n);
    stage.rule->add_to(alone);
    result.stages.push_back(
        {stage.id, stage.description, evaluate_tally(alone.build(), p, false).p_pass});
  }
  const TallyResult joint = evaluate_tally(all.build(), p, true);
  result.p_pass = joint.p_pass;
  result.p_gates = procedure.stages.size() > 1 ? evaluate_tally(gates.build(), p, false).p_pass : 1.0;

  result.members.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& given = joint.p_pass_given[i];
    MemberPivot m;
    m.member = forum.members[i];
    m.p_pass_if_yes = given[index_of(Ballot::yes)];
    m.p_pass_if_no = given[index_of(Ballot::no)];
    m.p_pass_if_abstain = given[index_of(Ballot::abstain)];
    m.p_pass_if_absent = given[index_of(Ballot::absent)];
    m.pivotality = std::max(0.0, m.p_pass_if_yes - m.p_pass_if_no);
    result.members.push_back(m);
  }
  return result;
}

double pass_probability(const DecisionRule& rule, const std::vector<std::string>& members,
                        std::span<const MemberVote> votes) {
  const auto p = probabilities_of(members, votes);
  TallyBuilder tally(members.size());
  make_rule(rule, members)->add_to(tally);
  return evaluate_tally(tally.build(), p, false).p_pass;
}

}  // namespace statecraft::forum
