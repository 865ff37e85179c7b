// Decision rules as types. Each rule can say whether one concrete profile of ballots
// passes (straight from its definition, for enumeration and Monte Carlo), and can
// compile itself into tally counters for the exact dynamic programme (tally.h).
//
// Conventions shared by every rule (docs/vote-model.md, "Decision rules"):
//  - "present" means yes, no or abstain; absent members are not present;
//  - a quorum is a share of all members that must be present;
//  - a veto player defeats the motion by voting no; its abstention or absence does not
//    (UN Security Council practice under Charter Art. 27(3) since 1946);
//  - shares are compared with a tolerance of 1e-9 on the ratio, so 2/3 entered as
//    0.666666666667 behaves as two thirds.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/decision_rule.h"
#include "core/forum.h"
#include "core/motion.h"
#include "forum/ballot.h"
#include "forum/tally.h"

namespace statecraft::forum {

// Collects the counters, defeating ballots and conditions of one or more rules applied
// to the same ballots; the conditions are joined by "and".
class TallyBuilder {
 public:
  explicit TallyBuilder(std::size_t members);
  [[nodiscard]] std::size_t members() const { return members_; }
  std::size_t add_counter(Counter counter);
  void defeat(std::size_t member, Ballot ballot);
  // Conditions must be non-decreasing in every counter ("at least k" tests, and/or of
  // them): build() marks the spec monotone, which the halves method relies on.
  void require(std::function<bool(std::span<const std::int64_t>)> condition);
  [[nodiscard]] TallySpec build() const;

 private:
  std::size_t members_;
  TallySpec spec_;
  std::vector<std::function<bool(std::span<const std::int64_t>)>> conditions_;
};

class Rule {
 public:
  virtual ~Rule() = default;
  // Whether this profile (one ballot per member, in member order) passes.
  [[nodiscard]] virtual bool passes(std::span<const Ballot> ballots) const = 0;
  virtual void add_to(TallyBuilder& tally) const = 0;
  // False when weights had to be coarsened to fit the dynamic programme.
  [[nodiscard]] virtual bool exact() const { return true; }
  [[nodiscard]] virtual std::size_t members() const = 0;
};

// Smallest count c with c >= share * n (or c > share * n when strict), within tolerance.
std::int64_t min_count(double share, std::int64_t n, bool strict);
// Whether yes out of votes meets share (strictly when strict), within tolerance.
bool share_met(std::int64_t yes, std::int64_t votes, double share, bool strict);

// A threshold p/q, q > 0, met by y/v >= p/q, or by y/v > p/q when `strict`.
struct Fraction {
  std::int64_t p = 0;
  std::int64_t q = 1;
  bool strict = false;
};
// The simplest threshold such that, for all 1 <= v <= n and 0 <= y <= v,
// share_met(y, v, share, strict) holds exactly when y/v meets it ("more than 1/2" stays
// 1/2, strict, rather than becoming 97/193). Empty when no y/v passes.
std::optional<Fraction> threshold_fraction(double share, bool strict, std::int64_t n);

// Weights turned into integers for the dynamic programme: scaled by the smallest power
// of ten (up to 10^6) that makes them all integral, or, when the threshold would still
// need more than `max_cells` cells, divided by a coarser unit and rounded (exact = false).
struct IntegerWeights {
  std::vector<std::int64_t> weights;
  std::int64_t threshold = 0;  // reach at least this
  bool exact = true;
  double unit = 1.0;  // one integer step in the original unit
};
IntegerWeights integer_weights(std::span<const double> weights, double threshold, std::int64_t max_cells);

// Conditions any rule may carry: quorum and veto players.
struct CommonConditions {
  std::optional<std::int64_t> quorum_count;  // members that must be present
  std::vector<bool> veto;                    // per member

  CommonConditions(const DecisionRule& rule, const std::vector<std::string>& members);
  [[nodiscard]] bool passes(std::span<const Ballot> ballots) const;
  void add_to(TallyBuilder& tally) const;
};

// Passes unless a member objects (votes no). Abstaining or being absent is not objecting.
class ConsensusRule final : public Rule {
 public:
  ConsensusRule(const DecisionRule& rule, const std::vector<std::string>& members);
  [[nodiscard]] bool passes(std::span<const Ballot> ballots) const override;
  void add_to(TallyBuilder& tally) const override;
  [[nodiscard]] std::size_t members() const override { return members_; }

 private:
  std::size_t members_;
  CommonConditions common_;
};

// Every member votes yes.
class UnanimityRule final : public Rule {
 public:
  explicit UnanimityRule(std::size_t members) : members_(members) {}
  [[nodiscard]] bool passes(std::span<const Ballot> ballots) const override;
  void add_to(TallyBuilder& tally) const override;
  [[nodiscard]] std::size_t members() const override { return members_; }

 private:
  std::size_t members_;
};

// Yes must reach a share of all members, or of those present and voting (yes + no),
// and at least min_yes votes. Present-and-voting majorities need at least one yes.
class MajorityRule final : public Rule {
 public:
  MajorityRule(const DecisionRule& rule, const std::vector<std::string>& members);
  [[nodiscard]] bool passes(std::span<const Ballot> ballots) const override;
  void add_to(TallyBuilder& tally) const override;
  [[nodiscard]] std::size_t members() const override { return members_; }

 private:
  std::size_t members_;
  MajorityBase base_;
  double share_;
  bool strictly_more_;
  std::int64_t min_yes_;
  CommonConditions common_;
};

// Yes weight must reach the quota (absolute, or quota_share of the members' total).
class WeightedRule final : public Rule {
 public:
  WeightedRule(const DecisionRule& rule, const std::vector<std::string>& members);
  [[nodiscard]] bool passes(std::span<const Ballot> ballots) const override;
  void add_to(TallyBuilder& tally) const override;
  [[nodiscard]] bool exact() const override { return integer_.exact; }
  [[nodiscard]] std::size_t members() const override { return weights_.size(); }
  [[nodiscard]] double quota() const { return quota_; }

 private:
  std::vector<double> weights_;
  double quota_;
  double total_;
  std::int64_t min_yes_;
  IntegerWeights integer_;
  CommonConditions common_;
};

// Yes members reach state_share of the members and their population reaches
// population_share of the members' total; the population condition is waived when
// fewer than blocking_minimum members do not vote yes (TEU Art. 16(4): "A blocking
// minority must include at least four Council members, failing which the qualified
// majority shall be deemed attained"). Abstention and absence count as not yes.
class DoubleMajorityRule final : public Rule {
 public:
  DoubleMajorityRule(const DecisionRule& rule, const std::vector<std::string>& members);
  [[nodiscard]] bool passes(std::span<const Ballot> ballots) const override;
  void add_to(TallyBuilder& tally) const override;
  [[nodiscard]] bool exact() const override { return integer_.exact; }
  [[nodiscard]] std::size_t members() const override { return population_.size(); }

 private:
  std::vector<double> population_;
  std::int64_t min_states_;
  double min_population_;
  double total_population_;
  std::int64_t blocking_minimum_;
  IntegerWeights integer_;
  CommonConditions common_;
};

// A signature gate: at least `required` members sign. A member signs exactly when it
// would vote yes on the motion (one ballot per member across all stages).
class SignatureGate final : public Rule {
 public:
  SignatureGate(std::int64_t required, std::size_t members);
  [[nodiscard]] bool passes(std::span<const Ballot> ballots) const override;
  void add_to(TallyBuilder& tally) const override;
  [[nodiscard]] std::size_t members() const override { return members_; }
  [[nodiscard]] std::int64_t required() const { return required_; }

 private:
  std::int64_t required_;
  std::size_t members_;
};

std::unique_ptr<Rule> make_rule(const DecisionRule& rule, const std::vector<std::string>& members);

// The stages a motion goes through: its gates in the forum's order, then the vote.
struct Stage {
  std::string id;  // the gate's id, or "vote"
  std::string description;
  std::unique_ptr<Rule> rule;
};

struct Procedure {
  std::vector<Stage> stages;  // gates first, the vote last
  [[nodiscard]] bool passes(std::span<const Ballot> ballots) const;
};

// Throws PreconditionError when the motion names a gate the forum does not have.
Procedure make_procedure(const Forum& forum, const Motion& motion);

}  // namespace statecraft::forum
