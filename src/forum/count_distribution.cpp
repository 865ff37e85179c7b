#include "forum/count_distribution.h"

#include <algorithm>

namespace statecraft::forum {

CountSummary count_distribution(std::span<const std::array<double, kBallotCount>> probabilities,
                                Ballot ballot) {
  const std::size_t k = index_of(ballot);
  CountSummary out;
  std::vector<double>& d = out.distribution;
  d.assign(probabilities.size() + 1, 0.0);
  d[0] = 1.0;
  std::size_t top = 0;  // highest count reachable so far
  for (const auto& p : probabilities) {
    const double q = std::clamp(p[k], 0.0, 1.0);
    ++top;
    for (std::size_t c = top; c > 0; --c) d[c] = d[c] * (1.0 - q) + d[c - 1] * q;
    d[0] *= 1.0 - q;
    out.mean += q;
  }
  // Quantiles from the cumulative distribution; a tolerance absorbs rounding.
  double cumulative = 0;
  bool low_found = false;
  for (std::size_t c = 0; c < d.size(); ++c) {
    cumulative += d[c];
    if (!low_found && cumulative >= 0.05 - 1e-12) {
      out.low = static_cast<int>(c);
      low_found = true;
    }
    if (cumulative >= 0.95 - 1e-12) {
      out.high = static_cast<int>(c);
      break;
    }
  }
  return out;
}

}  // namespace statecraft::forum
