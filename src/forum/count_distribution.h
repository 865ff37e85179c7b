// How many members cast a given ballot: the exact distribution of a sum of independent,
// not identically distributed Bernoulli variables (the Poisson-binomial distribution),
// by the standard recursion over members, O(members^2). Used where a forecast gives
// each member's ballot probabilities and a reader wants "how many yes votes?", not only
// "does it pass?" (pass_probability.h).
#pragma once

#include <array>
#include <span>
#include <vector>

#include "forum/ballot.h"

namespace statecraft::forum {

struct CountSummary {
  std::vector<double> distribution;  // P(count = k), k = 0..members
  double mean = 0.0;
  int low = 0, high = 0;  // central interval: the 5% and 95% quantiles
};

// probabilities[member] = {p_yes, p_no, p_abstain, p_absent}.
[[nodiscard]] CountSummary count_distribution(std::span<const std::array<double, kBallotCount>> probabilities,
                                              Ballot ballot);

}  // namespace statecraft::forum
