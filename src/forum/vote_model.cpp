#include "forum/vote_model.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"

namespace statecraft::forum {

VoteParams VoteParams::from(const Parameters& p) {
  VoteParams v;
  v.policy_weight = p.get("vote.policy_weight");
  v.influence_weight = p.get("vote.influence_weight");
  v.trade_weight = p.get("vote.trade_weight");
  v.aid_weight = p.get("vote.aid_weight");
  v.aid_half_usd_m = p.get("vote.aid_half_usd_m");
  v.investment_weight = p.get("vote.investment_weight");
  v.investment_half_usd_m = p.get("vote.investment_half_usd_m");
  v.arms_weight = p.get("vote.arms_weight");
  v.security_weight = p.get("vote.security_weight");
  v.alignment_weight = p.get("vote.alignment_weight");
  v.hostility_weight = p.get("vote.hostility_weight");
  v.lobbying_gain = p.get("vote.lobbying_gain");
  v.sponsor_commitment = p.get("vote.sponsor_commitment");
  v.noise = p.get("vote.noise");
  v.objection_threshold = p.get("vote.objection_threshold");
  v.abstain_band = p.get("vote.abstain_band");
  v.absence = p.get("vote.absence");
  v.default_salience = p.get("vote.default_salience");
  v.bloc_shock_sd = p.get("vote.bloc_shock_sd");
  return v;
}

namespace {
double dimension(const Scenario& s, const std::string& from, const std::string& to, std::string_view name) {
  const Relation* r = s.find_relation(from, to);
  return r == nullptr ? 0.0 : r->value_or(name, 0.0);
}

// The member's value of a dimension towards `other`, or the other's towards it when the
// member's own is not recorded (alignment and hostility are usually near-symmetric).
double either_way(const Scenario& s, const std::string& member, const std::string& other,
                  std::string_view name) {
  const Relation* r = s.find_relation(member, other);
  if (r != nullptr && r->dimensions.contains(std::string(name))) return r->value_or(name);
  return dimension(s, other, member, name);
}

double saturate(double x, double half) {
  return x <= 0.0 ? 0.0 : x / (x + half);
}

double logistic(double x) {
  return 1.0 / (1.0 + std::exp(-x));
}

void require_actor(const Scenario& s, const std::string& id, std::string_view role) {
  if (s.find_actor(id) == nullptr) {
    throw PreconditionError(std::string(role) + " " + id + " is not an actor of the scenario");
  }
}
}  // namespace

double bilateral_influence(const Scenario& s, const std::string& from, const std::string& to,
                           const VoteParams& p) {
  if (from == to) return 0.0;
  // Trade dependence: the share of `to`'s recorded exports that go to `from`.
  double exports_total = 0.0;
  for (const Relation& r : s.relations) {
    if (r.from == to) exports_total += r.value_or("exports_usd_m");
  }
  const double trade = exports_total > 0.0 ? dimension(s, to, from, "exports_usd_m") / exports_total : 0.0;
  const double aid = saturate(dimension(s, from, to, "aid_usd_m") + dimension(s, from, to, "finance_usd_m"),
                              p.aid_half_usd_m);
  const double investment = saturate(dimension(s, from, to, "investment_usd_m"), p.investment_half_usd_m);
  const double arms = dimension(s, from, to, "arms_share");
  const double security = std::max(dimension(s, from, to, "security_cooperation"),
                                   dimension(s, to, from, "security_cooperation"));
  const double alignment = either_way(s, to, from, "alignment");
  const double hostility = either_way(s, to, from, "hostility");
  const double lobbying = dimension(s, from, to, "lobbying");
  const double tie = p.trade_weight * trade + p.aid_weight * aid + p.investment_weight * investment +
                     p.arms_weight * arms + p.security_weight * security + p.alignment_weight * alignment -
                     p.hostility_weight * hostility;
  return tie * (1.0 + p.lobbying_gain * lobbying);
}

std::vector<MemberLean> member_leans(const Scenario& s, const Forum& forum, const Motion& motion,
                                     const VoteParams& p) {
  const Issue* issue = nullptr;
  if (!motion.issue.empty()) {
    issue = s.find_issue(motion.issue);
    if (issue == nullptr)
      throw PreconditionError("motion " + motion.id + " names unknown issue " + motion.issue);
  }
  for (const auto& a : motion.sponsors) require_actor(s, a, "sponsor");
  for (const auto& a : motion.opponents) require_actor(s, a, "opponent");

  std::vector<MemberLean> leans;
  leans.reserve(forum.members.size());
  for (const auto& m : forum.members) {
    MemberLean lean;
    lean.member = m;
    lean.salience = p.default_salience;
    // In a consensus forum a "no" blocks the whole membership and is remembered: members
    // with reservations put them on record and stay silent rather than object (the NSG's
    // 2008 holdouts did exactly that). docs/vote-model.md §1.5.
    if (forum.rule.kind == RuleKind::consensus) lean.objection_threshold = p.objection_threshold;
    const Stance* stance = issue != nullptr ? issue->find_stance(m) : nullptr;
    if (stance != nullptr) lean.salience = stance->salience.value;
    if (stance != nullptr && motion.position) {
      const double width = issue->scale_max - issue->scale_min;
      if (!(width > 0.0)) throw PreconditionError("issue " + issue->id + " has an empty scale");
      const double x = stance->position.value;
      const double to_motion = std::abs(x - *motion.position);
      const double gain =
          issue->status_quo ? std::abs(x - issue->status_quo->value) - to_motion : 0.5 * width - to_motion;
      const double range = issue->status_quo ? width : 0.5 * width;
      lean.policy = lean.salience * std::clamp(gain / range, -1.0, 1.0);
    }
    for (const auto& a : motion.sponsors) lean.influence += bilateral_influence(s, a, m, p);
    for (const auto& a : motion.opponents) lean.influence -= bilateral_influence(s, a, m, p);
    const bool sponsor =
        std::find(motion.sponsors.begin(), motion.sponsors.end(), m) != motion.sponsors.end();
    const bool opponent =
        std::find(motion.opponents.begin(), motion.opponents.end(), m) != motion.opponents.end();
    lean.commitment = (sponsor ? p.sponsor_commitment : 0.0) - (opponent ? p.sponsor_commitment : 0.0);
    lean.own_utility = p.policy_weight * lean.policy + p.influence_weight * lean.influence + lean.commitment;
    leans.push_back(std::move(lean));
  }

  // Bloc discipline: a member's utility moves towards its blocs' mean utilities.
  std::vector<double> bloc_mean(forum.blocs.size(), 0.0);
  for (std::size_t b = 0; b < forum.blocs.size(); ++b) {
    const Bloc& bloc = forum.blocs[b];
    if (!(bloc.discipline >= 0.0 && bloc.discipline <= 1.0)) {
      throw PreconditionError("bloc " + bloc.id + " has discipline outside [0, 1]");
    }
    double sum = 0.0;
    int count = 0;
    for (const auto& m : bloc.members) {
      auto it = std::find(forum.members.begin(), forum.members.end(), m);
      if (it == forum.members.end()) continue;  // bloc members outside the forum do not vote
      sum += leans[static_cast<std::size_t>(it - forum.members.begin())].own_utility;
      ++count;
    }
    bloc_mean[b] = count > 0 ? sum / count : 0.0;
  }
  for (std::size_t i = 0; i < leans.size(); ++i) {
    MemberLean& lean = leans[i];
    double pull = 0.0;
    for (std::size_t b = 0; b < forum.blocs.size(); ++b) {
      const auto& members = forum.blocs[b].members;
      if (std::find(members.begin(), members.end(), lean.member) == members.end()) continue;
      lean.bloc_weights.emplace_back(b, forum.blocs[b].discipline);
      pull += forum.blocs[b].discipline;
    }
    const double scale = pull > 1.0 ? 1.0 / pull : 1.0;
    lean.utility = (1.0 - pull * scale) * lean.own_utility;
    for (auto& [b, w] : lean.bloc_weights) {
      w *= scale;
      lean.utility += w * bloc_mean[b];
    }
  }
  return leans;
}

MemberVote ballot_probabilities(const std::string& member, double utility, double salience,
                                const VoteParams& p, double objection_threshold) {
  if (!(p.noise > 0.0)) throw PreconditionError("vote.noise must be positive");
  MemberVote v;
  v.member = member;
  v.p_absent = std::clamp(p.absence * (1.0 - std::clamp(salience, 0.0, 1.0)), 0.0, 1.0);
  const double present = 1.0 - v.p_absent;
  const double yes = logistic((utility - p.abstain_band) / p.noise);
  const double no = logistic((-utility - p.abstain_band - objection_threshold) / p.noise);
  v.p_yes = present * yes;
  v.p_no = present * no;
  v.p_abstain = std::max(0.0, present * (1.0 - yes - no));
  // Absorb rounding so the four sum to one.
  v.p_abstain = std::max(0.0, 1.0 - v.p_yes - v.p_no - v.p_absent);
  return v;
}

std::vector<MemberVote> member_votes(const Scenario& s, const Forum& forum, const Motion& motion,
                                     const VoteParams& p) {
  std::vector<MemberVote> votes;
  for (const MemberLean& lean : member_leans(s, forum, motion, p)) {
    votes.push_back(
        ballot_probabilities(lean.member, lean.utility, lean.salience, p, lean.objection_threshold));
  }
  return votes;
}

}  // namespace statecraft::forum
