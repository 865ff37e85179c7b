#include "analysis/vote.h"

#include <vector>

#include "forum/monte_carlo.h"
#include "forum/pass_probability.h"
#include "forum/vote_model.h"

namespace statecraft::analysis {

namespace {

nlohmann::json to_json(const Forum& forum, const Motion& motion, const std::string& at,
                       const std::vector<forum::MemberLean>& leans,
                       const std::vector<forum::MemberVote>& votes, const forum::PassResult& result) {
  nlohmann::json out;
  out["forum"] = forum.id;
  out["motion"] = motion.id;
  if (!at.empty()) out["at"] = at;
  out["rule"] = std::string(to_string(forum.rule.kind));
  out["p_pass"] = result.p_pass;
  out["p_gates"] = result.p_gates;
  out["expected_yes"] = result.expected_yes;
  out["exact"] = result.exact;
  out["gates"] = nlohmann::json::array();
  out["stages"] = nlohmann::json::array();
  for (const auto& stage : result.stages) {
    nlohmann::json s{{"id", stage.id}, {"description", stage.description}, {"p_pass", stage.p_pass}};
    if (&stage != &result.stages.back()) out["gates"].push_back(s);
    out["stages"].push_back(s);
  }
  out["members"] = nlohmann::json::array();
  for (std::size_t i = 0; i < votes.size(); ++i) {
    const auto& v = votes[i];
    const auto& m = result.members[i];
    out["members"].push_back({{"id", v.member},
                              {"p_yes", v.p_yes},
                              {"p_no", v.p_no},
                              {"p_abstain", v.p_abstain},
                              {"p_absent", v.p_absent},
                              {"pivotal", m.pivotality},
                              {"p_pass_if_yes", m.p_pass_if_yes},
                              {"p_pass_if_no", m.p_pass_if_no},
                              {"utility", leans[i].utility},
                              {"policy", leans[i].policy},
                              {"influence", leans[i].influence}});
  }
  return out;
}

}  // namespace

nlohmann::json vote(const Scenario& world, const Forum& forum, const Motion& motion, const std::string& at,
                    std::size_t samples, std::uint64_t seed) {
  const forum::VoteParams params = forum::VoteParams::from(world.parameters);
  const auto leans = forum::member_leans(world, forum, motion, params);
  std::vector<forum::MemberVote> votes;
  for (const auto& lean : leans) {
    votes.push_back(forum::ballot_probabilities(lean.member, lean.utility, lean.salience, params,
                                                lean.objection_threshold));
  }
  const forum::PassResult pass = forum::pass_probability(forum, motion, votes);
  nlohmann::json result = to_json(forum, motion, at, leans, votes, pass);
  if (samples > 0) {
    const auto mc = forum::simulate_votes(forum, motion, leans, params, samples, seed);
    result["monte_carlo"] = {{"samples", mc.samples},
                             {"seed", seed},
                             {"bloc_shock_sd", params.bloc_shock_sd},
                             {"p_pass", mc.p_pass},
                             {"standard_error", mc.standard_error},
                             {"expected_yes", mc.expected_yes},
                             {"stage_p_pass", mc.stage_p_pass}};
  }
  return result;
}

}  // namespace statecraft::analysis
