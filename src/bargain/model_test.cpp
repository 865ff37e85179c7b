// The four invariants of issue 4, checked for every model through the same entry
// point the CLI uses: a forecast lies within the range of positions, unanimity is a
// fixed point, permuting the actors changes nothing, and scaling every capability by
// the same factor changes nothing.
#include "bargain/model.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "bargain/test_support.h"

namespace statecraft::bargain {
namespace {

constexpr int kRounds = 6;

// Integer positions make ties (equal positions, equal weights) common, which is where
// order dependence hides.
Issue random_issue(std::size_t n) {
  std::vector<double> x(n), c(n), s(n);
  for (std::size_t i = 0; i < n; ++i) {
    x[i] = *rc::gen::inRange(0, 21) * 5.0;
    c[i] = *rc::gen::inRange(1, 100) / 10.0;
    s[i] = *rc::gen::inRange(1, 11) / 10.0;
  }
  return testing::make_issue(x, c, s);
}

// Fisher-Yates with rapidcheck's draws, so a failing permutation shrinks too.
std::vector<std::size_t> random_permutation(std::size_t n) {
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  for (std::size_t i = n; i > 1; --i) std::swap(order[i - 1], order[*rc::gen::inRange<std::size_t>(0, i)]);
  return order;
}

RC_GTEST_PROP(AllModels, ForecastWithinTheRangeOfPositions, ()) {
  const Issue issue = random_issue(*rc::gen::inRange<std::size_t>(1, 9));
  const auto positions = [&] {
    std::vector<double> p;
    for (const auto& stance : issue.stances) p.push_back(stance.position.value);
    return p;
  }();
  const auto [lo, hi] = std::minmax_element(positions.begin(), positions.end());
  for (Model model : kAllModels) {
    const Trajectory t = run_model(model, issue, Parameters{}, kRounds);
    RC_ASSERT(t.forecast >= *lo - 1e-9);
    RC_ASSERT(t.forecast <= *hi + 1e-9);
  }
}

RC_GTEST_PROP(AllModels, UnanimityIsAFixedPoint, ()) {
  const auto n = *rc::gen::inRange<std::size_t>(1, 9);
  Issue issue = random_issue(n);
  const double position = *rc::gen::inRange(0, 101) * 1.0;
  for (auto& stance : issue.stances) stance.position.value = position;
  for (Model model : kAllModels) {
    const Trajectory t = run_model(model, issue, Parameters{}, kRounds);
    RC_ASSERT(t.converged);
    RC_ASSERT(std::abs(t.forecast - position) < 1e-9);
    for (const auto& round : t.rounds)
      for (double p : round.positions) RC_ASSERT(std::abs(p - position) < 1e-9);
  }
}

RC_GTEST_PROP(AllModels, PermutingActorsChangesNothing, ()) {
  const auto n = *rc::gen::inRange<std::size_t>(1, 9);
  const Issue issue = random_issue(n);
  const std::vector<std::size_t> order = random_permutation(n);
  Issue permuted = issue;
  for (std::size_t i = 0; i < n; ++i) permuted.stances[i] = issue.stances[order[i]];
  for (Model model : kAllModels) {
    const Trajectory a = run_model(model, issue, Parameters{}, kRounds);
    const Trajectory b = run_model(model, permuted, Parameters{}, kRounds);
    RC_ASSERT(std::abs(a.forecast - b.forecast) < 1e-9);
    RC_ASSERT(a.rounds.size() == b.rounds.size());
    for (std::size_t r = 0; r < a.rounds.size(); ++r)
      for (std::size_t i = 0; i < n; ++i)
        RC_ASSERT(std::abs(b.rounds[r].positions[i] - a.rounds[r].positions[order[i]]) < 1e-9);
  }
}

RC_GTEST_PROP(AllModels, ScalingAllCapabilitiesChangesNothing, ()) {
  const Issue issue = random_issue(*rc::gen::inRange<std::size_t>(1, 9));
  const double factor = *rc::gen::element(0.001, 0.3, 3.25, 1000.0);
  Issue scaled = issue;
  for (auto& stance : scaled.stances) stance.capability.value *= factor;
  for (Model model : kAllModels) {
    const Trajectory a = run_model(model, issue, Parameters{}, kRounds);
    const Trajectory b = run_model(model, scaled, Parameters{}, kRounds);
    if (!(std::abs(a.forecast - b.forecast) < 1e-9)) {
      RC_FAIL(std::string(to_string(model)) + ": " + std::to_string(a.forecast) + " vs " +
              std::to_string(b.forecast));
    }
  }
}

}  // namespace
}  // namespace statecraft::bargain
