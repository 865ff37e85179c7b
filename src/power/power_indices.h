// What a voting-power computation returns: one entry per member, in input order.
#pragma once

#include <cstddef>
#include <vector>

namespace statecraft::power {

struct PowerIndices {
  // Banzhaf swing probability: the share of the 2^(n-1) coalitions of the other
  // members that lose without this member and win with it (Banzhaf 1965; Penrose 1946).
  std::vector<double> banzhaf_raw;
  // The same, divided by its sum over members, so it sums to 1.
  std::vector<double> banzhaf;
  // Shapley–Shubik: the share of the n! orderings in which this member's vote turns a
  // losing coalition into a winning one (Shapley & Shubik 1954). Sums to 1.
  std::vector<double> shapley;

  // Monte Carlo only (empty for exact results): one standard error per member and the
  // number of samples behind each index.
  std::vector<double> banzhaf_raw_error;
  std::vector<double> banzhaf_error;  // approximate: banzhaf_raw_error / sum of banzhaf_raw
  std::vector<double> shapley_error;
  std::size_t samples = 0;
};

}  // namespace statecraft::power
