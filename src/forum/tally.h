// Exact distribution of a vote's tally by dynamic programming over members.
//
// A decision rule is compiled into a TallySpec: a few integer counters that every
// ballot increments (yes votes, present members, yes weight, a signed margin ...),
// ballots that defeat the motion outright (a veto player's "no", an objection under
// consensus), and a predicate on the final counter values. The engine then computes,
// exactly, the probability that the predicate holds when members vote independently
// with the given ballot probabilities: a Poisson-binomial recursion generalised to
// several counters (Chen & Liu 1997, "Statistical applications of the Poisson-binomial
// and conditional Bernoulli distributions", Statistica Sinica 7, eq. 5). A counter is
// either
//  - saturating: non-negative increments, values clamped at `cap` (the predicate only
//    asks "at least cap?"), so its dimension has cap + 1 cells whatever the weights; or
//  - signed: any integer increments, full range kept (a margin such as
//    (q - p) * yes - p * no for a share p/q of those present and voting).
// Pivotality uses a forward pass (distribution of the tally before member i) and a
// backward pass (probability of passing from each tally after member i), so P(pass |
// member i casts ballot b) costs one dot product per member and ballot: O(members x
// cells) overall. Forward distributions are kept at checkpoints every ~sqrt(members)
// steps and recomputed within a segment, bounding memory at ~2 sqrt(members) arrays.
//
// Small forums with a large weight counter (the EU Council: 27 members, a population
// quota near 300,000 units) are cheaper by splitting the members into two halves
// (Horowitz & Sahni 1974, meet in the middle): when every counter counts yes ballots
// only and the pass condition is non-decreasing in every counter, list each half's
// 2^(n/2) yes-sets with their probability, grouped by the small counters and sorted by
// weight, and sum the probability of the pairs that reach the weight each group needs
// with two pointers. Cost O(n·2^(n/2)) per evaluation whatever the weights; pivotality
// rebuilds one half without the member, so O(n²·2^(n/2)) in all. `automatic` takes the
// cheaper method by an operation count; both are exact.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "forum/ballot.h"

namespace statecraft::forum {

struct Counter {
  bool saturating = true;
  std::int64_t cap = 0;  // saturating counters only
  // increments[member][ballot]; non-negative for saturating counters
  std::vector<std::array<std::int64_t, kBallotCount>> increments;
};

struct TallySpec {
  std::size_t members = 0;
  std::vector<Counter> counters;
  // defeats[member][ballot]: this ballot alone defeats the motion
  std::vector<std::array<bool, kBallotCount>> defeats;
  // On the final counter values (saturating ones clamped at their caps), in counter order.
  std::function<bool(std::span<const std::int64_t>)> passes;
  // Whether `passes` is non-decreasing in every counter (raising a counter never turns a
  // pass into a fail). Only then may the halves method be used; TallyBuilder sets it,
  // because every rule's condition is a conjunction or disjunction of "at least k".
  bool monotone = false;

  // Number of cells of the dense tally (product of counter ranges).
  [[nodiscard]] std::size_t cells() const;
  // Evaluates one concrete profile (one ballot per member) by the same counters.
  [[nodiscard]] bool passes_profile(std::span<const Ballot> ballots) const;
};

struct TallyResult {
  double p_pass = 0.0;
  // p_pass_given[member][ballot]: probability of passing when this member casts this
  // ballot and the others vote as given. Empty unless pivots were requested.
  std::vector<std::array<double, kBallotCount>> p_pass_given;
};

// Cells above this are refused (PreconditionError): callers coarsen weights first.
inline constexpr std::size_t kMaxTallyCells = std::size_t{1} << 23;
// Most members the halves method takes (2^20 yes-sets per half).
inline constexpr std::size_t kMaxHalvesMembers = 40;

enum class TallyMethod { automatic, dynamic_programme, halves };

// Whether the halves method applies to this spec: monotone, every counter saturating
// and moved by yes ballots only, at most kMaxHalvesMembers members.
bool halves_apply(const TallySpec& spec);

// probabilities[member] = {p_yes, p_no, p_abstain, p_absent}. `method` halves throws
// PreconditionError when halves_apply is false.
TallyResult evaluate_tally(const TallySpec& spec,
                           std::span<const std::array<double, kBallotCount>> probabilities, bool with_pivots,
                           TallyMethod method = TallyMethod::automatic);

}  // namespace statecraft::forum
