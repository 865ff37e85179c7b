#include "forum/rules.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "core/error.h"

namespace statecraft::forum {

namespace {
constexpr double kShareTolerance = 1e-9;

// Largest cells a single weight counter may take.
constexpr std::int64_t kMaxWeightCells = std::int64_t{1} << 22;

std::size_t find_member(const std::vector<std::string>& members, const std::string& id,
                        std::string_view what) {
  auto it = std::find(members.begin(), members.end(), id);
  if (it == members.end()) {
    throw PreconditionError(std::string(what) + " " + id + " is not a member of the forum");
  }
  return static_cast<std::size_t>(it - members.begin());
}

void check_size(std::span<const Ballot> ballots, std::size_t members) {
  if (ballots.size() != members) {
    throw PreconditionError("profile has " + std::to_string(ballots.size()) + " ballots for " +
                            std::to_string(members) + " members");
  }
}

bool present(Ballot b) {
  return b != Ballot::absent;
}

std::vector<double> per_member(const std::map<std::string, double>& values,
                               const std::vector<std::string>& members, std::string_view what) {
  std::vector<double> out;
  out.reserve(members.size());
  for (const auto& m : members) {
    auto it = values.find(m);
    if (it == values.end()) throw PreconditionError("no " + std::string(what) + " for member " + m);
    if (!(it->second >= 0.0) || !std::isfinite(it->second)) {
      throw PreconditionError(std::string(what) + " of " + m + " is not a non-negative number");
    }
    out.push_back(it->second);
  }
  return out;
}

// A counter of how many members cast one of `counted` ballots, capped at `cap`.
Counter count_of(std::size_t members, std::initializer_list<Ballot> counted, std::int64_t cap) {
  Counter c;
  c.saturating = true;
  c.cap = cap;
  std::array<std::int64_t, kBallotCount> inc{0, 0, 0, 0};
  for (Ballot b : counted) inc[index_of(b)] = 1;
  c.increments.assign(members, inc);
  return c;
}
}  // namespace

// ---------------------------------------------------------------------------------
TallyBuilder::TallyBuilder(std::size_t members) : members_(members) {
  spec_.members = members;
  spec_.defeats.assign(members, {false, false, false, false});
}

std::size_t TallyBuilder::add_counter(Counter counter) {
  // Stages often count the same thing (yes votes for a signature gate and for the vote):
  // share one counter, raising a saturating cap to the larger, so the table does not grow.
  for (std::size_t i = 0; i < spec_.counters.size(); ++i) {
    Counter& existing = spec_.counters[i];
    if (existing.saturating == counter.saturating && existing.increments == counter.increments) {
      existing.cap = std::max(existing.cap, counter.cap);
      return i;
    }
  }
  spec_.counters.push_back(std::move(counter));
  return spec_.counters.size() - 1;
}

void TallyBuilder::defeat(std::size_t member, Ballot ballot) {
  spec_.defeats.at(member)[index_of(ballot)] = true;
}

void TallyBuilder::require(std::function<bool(std::span<const std::int64_t>)> condition) {
  conditions_.push_back(std::move(condition));
}

TallySpec TallyBuilder::build() const {
  TallySpec spec = spec_;
  spec.monotone = true;  // every rule's condition is built from "counter >= k" (rules.h)
  auto conditions = conditions_;
  spec.passes = [conditions](std::span<const std::int64_t> values) {
    return std::all_of(conditions.begin(), conditions.end(), [&](const auto& c) { return c(values); });
  };
  return spec;
}

// ---------------------------------------------------------------------------------
std::int64_t min_count(double share, std::int64_t n, bool strict) {
  for (std::int64_t c = 0; c <= n; ++c) {
    if (share_met(c, n, share, strict)) return c;
  }
  return n + 1;
}

bool share_met(std::int64_t yes, std::int64_t votes, double share, bool strict) {
  const double y = static_cast<double>(yes);
  const double v = static_cast<double>(votes);
  return strict ? y > (share + kShareTolerance) * v : y >= (share - kShareTolerance) * v;
}

std::optional<Fraction> threshold_fraction(double share, bool strict, std::int64_t n) {
  // Among all ratios y/v with 1 <= v <= n: the largest that fails (a) and the smallest
  // that passes (b). Any fraction in (a, b] separates them.
  std::optional<Fraction> fail;
  std::optional<Fraction> pass;
  auto less = [](const Fraction& x, const Fraction& y) { return x.p * y.q < y.p * x.q; };
  for (std::int64_t v = 1; v <= n; ++v) {
    std::int64_t t = v + 1;
    for (std::int64_t y = 0; y <= v; ++y) {
      if (share_met(y, v, share, strict)) {
        t = y;
        break;
      }
    }
    if (t <= v && (!pass || less(Fraction{t, v}, *pass))) pass = Fraction{t, v};
    if (t > 0 && (!fail || less(*fail, Fraction{t - 1, v}))) fail = Fraction{t - 1, v};
  }
  if (!pass) return std::nullopt;
  if (!fail) return Fraction{0, 1, false};
  // Simplest p/q in [fail, pass]: smallest q with ceil(fail * q) / q <= pass. Equal to
  // `fail` means the threshold is strict (ratios equal to it fail).
  for (std::int64_t q = 1; q <= pass->q; ++q) {
    const std::int64_t p = (fail->p * q + fail->q - 1) / fail->q;
    if (p * pass->q <= pass->p * q) return Fraction{p, q, p * fail->q == fail->p * q};
  }
  return pass;
}

IntegerWeights integer_weights(std::span<const double> weights, double threshold, std::int64_t max_cells) {
  IntegerWeights out;
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  if (threshold <= 0.0) {
    out.weights.assign(weights.size(), 0);
    out.threshold = 0;
    return out;
  }
  const double reach = std::min(threshold, total + 1.0);  // thresholds above total never pass
  double scale = 1.0;
  for (int digits = 0; digits <= 6; ++digits, scale *= 10.0) {
    bool integral = true;
    for (double w : weights) {
      const double x = w * scale;
      if (std::abs(x - std::round(x)) > 1e-9 * std::max(1.0, x)) {
        integral = false;
        break;
      }
    }
    if (!integral) continue;
    const double t = std::ceil(reach * scale - 1e-9 * std::max(1.0, reach * scale));
    if (t + 1.0 > static_cast<double>(max_cells)) break;
    out.weights.clear();
    for (double w : weights) out.weights.push_back(std::llround(w * scale));
    out.threshold = static_cast<std::int64_t>(t);
    out.unit = 1.0 / scale;
    out.exact = true;
    return out;
  }
  // Coarsen: the threshold spans about max_cells / 2 units.
  out.exact = false;
  out.unit = reach / static_cast<double>(max_cells / 2);
  out.weights.clear();
  for (double w : weights) out.weights.push_back(std::llround(w / out.unit));
  out.threshold = static_cast<std::int64_t>(std::ceil(reach / out.unit - 1e-9));
  return out;
}

// ---------------------------------------------------------------------------------
CommonConditions::CommonConditions(const DecisionRule& rule, const std::vector<std::string>& members)
    : veto(members.size(), false) {
  if (rule.quorum) {
    if (!(*rule.quorum >= 0.0 && *rule.quorum <= 1.0)) {
      throw PreconditionError("quorum is outside [0, 1]");
    }
    quorum_count = min_count(*rule.quorum, static_cast<std::int64_t>(members.size()), false);
  }
  for (const auto& v : rule.veto_players) veto[find_member(members, v, "veto player")] = true;
}

bool CommonConditions::passes(std::span<const Ballot> ballots) const {
  for (std::size_t i = 0; i < ballots.size(); ++i) {
    if (veto[i] && ballots[i] == Ballot::no) return false;
  }
  if (quorum_count) {
    auto n = std::count_if(ballots.begin(), ballots.end(), present);
    if (n < *quorum_count) return false;
  }
  return true;
}

void CommonConditions::add_to(TallyBuilder& tally) const {
  for (std::size_t i = 0; i < veto.size(); ++i) {
    if (veto[i]) tally.defeat(i, Ballot::no);
  }
  if (quorum_count) {
    const std::int64_t q = *quorum_count;
    const std::size_t c =
        tally.add_counter(count_of(tally.members(), {Ballot::yes, Ballot::no, Ballot::abstain}, q));
    tally.require([c, q](std::span<const std::int64_t> v) { return v[c] >= q; });
  }
}

// ---------------------------------------------------------------------------------
ConsensusRule::ConsensusRule(const DecisionRule& rule, const std::vector<std::string>& members)
    : members_(members.size()), common_(rule, members) {}

bool ConsensusRule::passes(std::span<const Ballot> ballots) const {
  check_size(ballots, members_);
  if (std::find(ballots.begin(), ballots.end(), Ballot::no) != ballots.end()) return false;
  return common_.passes(ballots);
}

void ConsensusRule::add_to(TallyBuilder& tally) const {
  for (std::size_t i = 0; i < members_; ++i) tally.defeat(i, Ballot::no);
  common_.add_to(tally);
}

bool UnanimityRule::passes(std::span<const Ballot> ballots) const {
  check_size(ballots, members_);
  return std::all_of(ballots.begin(), ballots.end(), [](Ballot b) { return b == Ballot::yes; });
}

void UnanimityRule::add_to(TallyBuilder& tally) const {
  for (std::size_t i = 0; i < members_; ++i) {
    tally.defeat(i, Ballot::no);
    tally.defeat(i, Ballot::abstain);
    tally.defeat(i, Ballot::absent);
  }
}

// ---------------------------------------------------------------------------------
MajorityRule::MajorityRule(const DecisionRule& rule, const std::vector<std::string>& members)
    : members_(members.size()),
      base_(rule.base),
      share_(rule.share),
      strictly_more_(rule.strictly_more),
      min_yes_(rule.min_yes.value_or(0)),
      common_(rule, members) {
  if (!(share_ >= 0.0 && share_ <= 1.0)) throw PreconditionError("majority share is outside [0, 1]");
  if (base_ == MajorityBase::present_and_voting) min_yes_ = std::max<std::int64_t>(min_yes_, 1);
}

bool MajorityRule::passes(std::span<const Ballot> ballots) const {
  check_size(ballots, members_);
  if (!common_.passes(ballots)) return false;
  const auto yes = std::count(ballots.begin(), ballots.end(), Ballot::yes);
  const auto no = std::count(ballots.begin(), ballots.end(), Ballot::no);
  if (yes < min_yes_) return false;
  const std::int64_t base = base_ == MajorityBase::members ? static_cast<std::int64_t>(members_) : yes + no;
  return share_met(yes, base, share_, strictly_more_);
}

void MajorityRule::add_to(TallyBuilder& tally) const {
  common_.add_to(tally);
  const auto n = static_cast<std::int64_t>(members_);
  if (base_ == MajorityBase::members) {
    const std::int64_t need = std::max(min_count(share_, n, strictly_more_), min_yes_);
    const std::size_t c = tally.add_counter(count_of(members_, {Ballot::yes}, std::min(need, n)));
    tally.require([c, need](std::span<const std::int64_t> v) { return v[c] >= need; });
    return;
  }
  const auto fraction = threshold_fraction(share_, strictly_more_, n);
  if (!fraction || min_yes_ > n) {
    tally.require([](std::span<const std::int64_t>) { return false; });
    return;
  }
  // yes / (yes + no) >= p / q  <=>  (q - p) yes - p no >= 0  (> 0 when strict)
  Counter margin;
  margin.saturating = false;
  margin.increments.assign(members_, {fraction->q - fraction->p, -fraction->p, 0, 0});
  const std::size_t m = tally.add_counter(std::move(margin));
  const std::int64_t least = fraction->strict ? 1 : 0;
  tally.require([m, least](std::span<const std::int64_t> v) { return v[m] >= least; });
  const std::int64_t need = min_yes_;
  const std::size_t c = tally.add_counter(count_of(members_, {Ballot::yes}, need));
  tally.require([c, need](std::span<const std::int64_t> v) { return v[c] >= need; });
}

// ---------------------------------------------------------------------------------
WeightedRule::WeightedRule(const DecisionRule& rule, const std::vector<std::string>& members)
    : weights_(per_member(rule.weights, members, "weight")),
      quota_(0.0),
      total_(std::accumulate(weights_.begin(), weights_.end(), 0.0)),
      min_yes_(rule.min_yes.value_or(0)),
      common_(rule, members) {
  if (rule.quota) {
    quota_ = *rule.quota;
  } else if (rule.quota_share) {
    quota_ = *rule.quota_share * total_;
  } else {
    throw PreconditionError("weighted rule without quota or quota_share");
  }
  integer_ = integer_weights(weights_, quota_, kMaxWeightCells);
}

bool WeightedRule::passes(std::span<const Ballot> ballots) const {
  check_size(ballots, weights_.size());
  if (!common_.passes(ballots)) return false;
  double yes_weight = 0.0;
  std::int64_t yes = 0;
  for (std::size_t i = 0; i < ballots.size(); ++i) {
    if (ballots[i] == Ballot::yes) {
      yes_weight += weights_[i];
      ++yes;
    }
  }
  return yes >= min_yes_ && yes_weight >= quota_ - 1e-9 * std::max(1.0, quota_);
}

void WeightedRule::add_to(TallyBuilder& tally) const {
  common_.add_to(tally);
  Counter weight;
  weight.saturating = true;
  weight.cap = integer_.threshold;
  for (std::int64_t w : integer_.weights) weight.increments.push_back({w, 0, 0, 0});
  const std::size_t c = tally.add_counter(std::move(weight));
  const std::int64_t need = integer_.threshold;
  tally.require([c, need](std::span<const std::int64_t> v) { return v[c] >= need; });
  if (min_yes_ > 0) {
    const std::int64_t k = min_yes_;
    const std::size_t y =
        tally.add_counter(count_of(weights_.size(), {Ballot::yes},
                                   std::min<std::int64_t>(k, static_cast<std::int64_t>(weights_.size()))));
    tally.require([y, k](std::span<const std::int64_t> v) { return v[y] >= k; });
  }
}

// ---------------------------------------------------------------------------------
DoubleMajorityRule::DoubleMajorityRule(const DecisionRule& rule, const std::vector<std::string>& members)
    : population_(per_member(rule.population, members, "population")),
      min_states_(min_count(rule.state_share, static_cast<std::int64_t>(members.size()), false)),
      min_population_(0.0),
      total_population_(std::accumulate(population_.begin(), population_.end(), 0.0)),
      blocking_minimum_(rule.blocking_minimum),
      common_(rule, members) {
  if (!(rule.state_share >= 0.0 && rule.state_share <= 1.0) ||
      !(rule.population_share >= 0.0 && rule.population_share <= 1.0)) {
    throw PreconditionError("double majority shares are outside [0, 1]");
  }
  min_population_ = rule.population_share * total_population_;
  integer_ = integer_weights(
      population_, min_population_,
      static_cast<std::int64_t>(kMaxTallyCells) / static_cast<std::int64_t>(members.size() + 1));
}

bool DoubleMajorityRule::passes(std::span<const Ballot> ballots) const {
  check_size(ballots, population_.size());
  if (!common_.passes(ballots)) return false;
  std::int64_t yes = 0;
  double yes_population = 0.0;
  for (std::size_t i = 0; i < ballots.size(); ++i) {
    if (ballots[i] == Ballot::yes) {
      ++yes;
      yes_population += population_[i];
    }
  }
  const auto n = static_cast<std::int64_t>(population_.size());
  if (yes < min_states_) return false;
  const bool no_blocking_minority = n - yes < blocking_minimum_;
  return no_blocking_minority || yes_population >= min_population_ - 1e-9 * std::max(1.0, min_population_);
}

void DoubleMajorityRule::add_to(TallyBuilder& tally) const {
  common_.add_to(tally);
  const auto n = static_cast<std::int64_t>(population_.size());
  const std::int64_t states = min_states_;
  const std::int64_t unblocked = n - blocking_minimum_ + 1;  // yes count with no blocking minority
  const std::int64_t cap = std::clamp<std::int64_t>(std::max(states, unblocked), 0, n);
  const std::size_t c = tally.add_counter(count_of(population_.size(), {Ballot::yes}, cap));
  Counter population;
  population.saturating = true;
  population.cap = integer_.threshold;
  for (std::int64_t w : integer_.weights) population.increments.push_back({w, 0, 0, 0});
  const std::size_t p = tally.add_counter(std::move(population));
  const std::int64_t need = integer_.threshold;
  tally.require(
      [=](std::span<const std::int64_t> v) { return v[c] >= states && (v[p] >= need || v[c] >= unblocked); });
}

// ---------------------------------------------------------------------------------
SignatureGate::SignatureGate(std::int64_t required, std::size_t members)
    : required_(required), members_(members) {
  if (required < 0) throw PreconditionError("negative signature requirement");
}

bool SignatureGate::passes(std::span<const Ballot> ballots) const {
  check_size(ballots, members_);
  return std::count(ballots.begin(), ballots.end(), Ballot::yes) >= required_;
}

void SignatureGate::add_to(TallyBuilder& tally) const {
  const std::int64_t need = required_;
  if (need > static_cast<std::int64_t>(members_)) {
    tally.require([](std::span<const std::int64_t>) { return false; });
    return;
  }
  const std::size_t c = tally.add_counter(count_of(members_, {Ballot::yes}, need));
  tally.require([c, need](std::span<const std::int64_t> v) { return v[c] >= need; });
}

// ---------------------------------------------------------------------------------
std::unique_ptr<Rule> make_rule(const DecisionRule& rule, const std::vector<std::string>& members) {
  switch (rule.kind) {
    case RuleKind::consensus: return std::make_unique<ConsensusRule>(rule, members);
    case RuleKind::unanimity: return std::make_unique<UnanimityRule>(members.size());
    case RuleKind::majority: return std::make_unique<MajorityRule>(rule, members);
    case RuleKind::weighted: return std::make_unique<WeightedRule>(rule, members);
    case RuleKind::double_majority: return std::make_unique<DoubleMajorityRule>(rule, members);
  }
  throw PreconditionError("unknown rule kind");
}

bool Procedure::passes(std::span<const Ballot> ballots) const {
  return std::all_of(stages.begin(), stages.end(), [&](const Stage& s) { return s.rule->passes(ballots); });
}

Procedure make_procedure(const Forum& forum, const Motion& motion) {
  Procedure procedure;
  for (const auto& id : motion.gates) {
    auto it =
        std::find_if(forum.gates.begin(), forum.gates.end(), [&](const AgendaGate& g) { return g.id == id; });
    if (it == forum.gates.end()) {
      throw PreconditionError("motion " + motion.id + " names gate " + id + ", which forum " + forum.id +
                              " does not have");
    }
  }
  const auto n = static_cast<std::int64_t>(forum.members.size());
  for (const AgendaGate& gate : forum.gates) {
    if ((motion.gates_listed || !motion.gates.empty()) &&
        std::find(motion.gates.begin(), motion.gates.end(), gate.id) == motion.gates.end()) {
      continue;
    }
    Stage stage{gate.id, gate.description, nullptr};
    if (gate.rule) {
      stage.rule = make_rule(*gate.rule, forum.members);
    } else if (gate.min_signatures) {
      stage.rule = std::make_unique<SignatureGate>(*gate.min_signatures, forum.members.size());
    } else if (gate.signature_share) {
      // "one third of the members", rounded up: 47 members need 16.
      stage.rule =
          std::make_unique<SignatureGate>(min_count(*gate.signature_share, n, false), forum.members.size());
    } else {
      throw PreconditionError("gate " + gate.id + " has neither a rule nor a signature count");
    }
    procedure.stages.push_back(std::move(stage));
  }
  procedure.stages.push_back(Stage{"vote", "the vote on the motion", make_rule(forum.rule, forum.members)});
  return procedure;
}

}  // namespace statecraft::forum
