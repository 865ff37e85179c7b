#include "api/unga_forecast.h"

#include <array>
#include <string>
#include <vector>

#include "core/decision_rule.h"
#include "forum/count_distribution.h"
#include "forum/pass_probability.h"
#include "rollcall/roll_call_forecast.h"

namespace statecraft::api {
namespace {

std::string member_id(const rollcall::Country& c) {
  return c.iso3.empty() ? "COW" + std::to_string(c.ccode) : c.iso3;
}

}  // namespace

nlohmann::ordered_json unga_forecast(const rollcall::UngaData& data, const UngaForecastRequest& request) {
  const rollcall::RollCallForecast f = rollcall::forecast_roll_call(data, request.proposal, request.params);
  DecisionRule rule;
  rule.kind = RuleKind::majority;
  rule.base = MajorityBase::present_and_voting;
  rule.share = request.two_thirds ? 2.0 / 3.0 : 0.5;
  rule.strictly_more = !request.two_thirds;

  std::vector<std::string> ids;
  std::vector<forum::MemberVote> votes;
  std::vector<std::array<double, forum::kBallotCount>> probabilities;
  for (std::size_t m = 0; m < f.members.size(); ++m) {
    const auto& p = f.probabilities[m];
    ids.push_back(member_id(data.countries[static_cast<std::size_t>(f.members[m])]));
    votes.push_back({ids.back(), p[0], p[1], p[2], p[3]});
    probabilities.push_back({p[0], p[1], p[2], p[3]});
  }
  const double p_pass = forum::pass_probability(rule, ids, votes);

  nlohmann::ordered_json flags = nlohmann::ordered_json::array();
  for (std::size_t k = 0; k < rollcall::kIssueFlagNames.size(); ++k) {
    if ((f.roll_call.issue_flags & (1u << k)) != 0) flags.push_back(rollcall::kIssueFlagNames[k]);
  }
  nlohmann::ordered_json out;
  out["roll_call"] = {
      {"rcid", f.recorded ? nlohmann::ordered_json(f.roll_call.rcid) : nlohmann::ordered_json()},
      {"session", f.roll_call.session},
      {"date", f.roll_call.date},
      {"short", f.roll_call.short_title},
      {"description", f.roll_call.description},
      {"issues", flags},
      {"amendment", f.roll_call.amendment},
      {"paragraph", f.roll_call.paragraph}};
  out["model"] = rollcall::to_string(request.params.model);
  out["rule"] = request.two_thirds ? "two-thirds of members present and voting (Charter art. 18(2))"
                                   : "simple majority of members present and voting (Charter art. 18(3))";
  out["members"] = f.members.size();
  out["p_pass"] = p_pass;
  nlohmann::ordered_json counts;
  for (const forum::Ballot b : forum::kBallots) {
    const forum::CountSummary s = forum::count_distribution(probabilities, b);
    counts[std::string(forum::to_string(b))] = {
        {"mean", s.mean}, {"low", s.low}, {"high", s.high}, {"distribution", s.distribution}};
  }
  out["counts"] = counts;
  if (f.recorded) {
    // The record judged by the same rule: each member's recorded ballot with certainty.
    std::array<int, 4> n{};
    std::vector<forum::MemberVote> cast;
    for (std::size_t m = 0; m < f.members.size(); ++m) {
      const auto v = static_cast<std::size_t>(f.recorded_votes[m]);
      ++n[v];
      cast.push_back(
          {ids[m], v == 0 ? 1.0 : 0.0, v == 1 ? 1.0 : 0.0, v == 2 ? 1.0 : 0.0, v == 3 ? 1.0 : 0.0});
    }
    const bool passed = forum::pass_probability(rule, ids, cast) > 0.5;
    out["recorded"] = {{"yes", n[0]}, {"no", n[1]}, {"abstain", n[2]}, {"absent", n[3]}, {"passed", passed}};
  }
  out["member_forecasts"] = nlohmann::ordered_json::array();
  for (std::size_t m = 0; m < f.members.size(); ++m) {
    const auto& c = data.countries[static_cast<std::size_t>(f.members[m])];
    const auto& p = f.probabilities[m];
    nlohmann::ordered_json row = {{"id", ids[m]}, {"ccode", c.ccode},  {"name", c.name},  {"p_yes", p[0]},
                                  {"p_no", p[1]}, {"p_abstain", p[2]}, {"p_absent", p[3]}};
    if (f.recorded) row["recorded"] = rollcall::to_string(static_cast<rollcall::Vote>(f.recorded_votes[m]));
    out["member_forecasts"].push_back(row);
  }
  out["source"] =
      "votes: Voeten, Strezhnev & Bailey, doi:10.7910/DVN/LEJUQZ (CC0); forecast from earlier sessions only";
  return out;
}

}  // namespace statecraft::api
