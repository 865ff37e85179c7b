// Invariants on random games: the exact methods equal enumeration of all coalitions,
// and relabelling members only relabels their power.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include "power/brute_force.h"
#include "power/exact_power.h"

namespace statecraft::power {
namespace {

// A random game in the full shape the engine supports: up to 16 members, weights up to
// 40 (many ties), a count condition, a "wins on numbers" clause and veto players.
// Kept to games where the grand coalition wins and the empty one loses.
rc::Gen<VotingGame> any_game(bool plain_weighted) {
  return rc::gen::exec([plain_weighted] {
    const int n = *rc::gen::inRange(1, 17);
    VotingGame game;
    game.weights = *rc::gen::container<std::vector<std::int64_t>>(static_cast<std::size_t>(n),
                                                                  rc::gen::inRange<std::int64_t>(0, 41));
    std::int64_t total = 0;
    for (std::int64_t w : game.weights) total += w;
    if (total == 0) game.weights[0] = total = 1;
    game.quota = *rc::gen::inRange<std::int64_t>(1, total + 1);
    if (!plain_weighted) {
      if (*rc::gen::arbitrary<bool>()) game.min_members = *rc::gen::inRange(0, n + 1);
      if (*rc::gen::arbitrary<bool>()) game.members_alone_win = *rc::gen::inRange(1, n + 1);
      if (*rc::gen::arbitrary<bool>()) {
        game.veto = *rc::gen::container<std::vector<bool>>(
            static_cast<std::size_t>(n), rc::gen::weightedElement<bool>({{1, true}, {4, false}}));
      }
    }
    return game;
  });
}

void expect_same(const std::vector<double>& actual, const std::vector<double>& expected, double tolerance) {
  RC_ASSERT(actual.size() == expected.size());
  for (std::size_t i = 0; i < actual.size(); ++i) {
    RC_ASSERT(std::fabs(actual[i] - expected[i]) <= tolerance);
  }
}

RC_GTEST_PROP(PowerProperties, ExactEqualsEnumeration, ()) {
  const VotingGame game = *any_game(false);
  const PowerIndices exact = exact_power(game);
  const PowerIndices brute = brute_force_power(game);
  expect_same(exact.banzhaf_raw, brute.banzhaf_raw, 1e-12);
  expect_same(exact.banzhaf, brute.banzhaf, 1e-12);
  expect_same(exact.shapley, brute.shapley, 1e-12);
}

// Each exact method on its own (automatic picks one by cost, so it would test only one).
RC_GTEST_PROP(PowerProperties, BothExactMethodsEqualEnumeration, ()) {
  const VotingGame game = *any_game(false);
  const PowerIndices brute = brute_force_power(game);
  for (ExactMethod method : {ExactMethod::size_weight_table, ExactMethod::halves}) {
    const PowerIndices exact = exact_power(game, method);
    expect_same(exact.banzhaf_raw, brute.banzhaf_raw, 1e-12);
    expect_same(exact.banzhaf, brute.banzhaf, 1e-12);
    expect_same(exact.shapley, brute.shapley, 1e-12);
  }
}

// Random double-majority games (the EU Council's shape): populations up to 10^6, so the
// size-by-weight table would be large and the halves do the work; a state share, a
// population quota and a "fewer than k against" clause.
RC_GTEST_PROP(PowerProperties, DoubleMajorityByHalvesEqualsEnumeration, ()) {
  const int n = *rc::gen::inRange(1, 17);
  VotingGame game;
  game.weights = *rc::gen::container<std::vector<std::int64_t>>(static_cast<std::size_t>(n),
                                                                rc::gen::inRange<std::int64_t>(1, 1'000'001));
  std::int64_t total = 0;
  for (std::int64_t w : game.weights) total += w;
  game.quota = *rc::gen::inRange<std::int64_t>(1, total + 1);
  game.min_members = *rc::gen::inRange(0, n + 1);
  const int blocking = *rc::gen::inRange(1, 5);
  if (n - blocking + 1 >= 1) game.members_alone_win = n - blocking + 1;
  const PowerIndices brute = brute_force_power(game);
  const PowerIndices exact = exact_power(game, ExactMethod::halves);
  expect_same(exact.banzhaf_raw, brute.banzhaf_raw, 1e-12);
  expect_same(exact.banzhaf, brute.banzhaf, 1e-12);
  expect_same(exact.shapley, brute.shapley, 1e-12);
}

RC_GTEST_PROP(PowerProperties, PlainBanzhafEqualsEnumeration, ()) {
  const VotingGame game = *any_game(true);
  const PowerIndices fast = exact_banzhaf(game);
  const PowerIndices brute = brute_force_power(game);
  expect_same(fast.banzhaf_raw, brute.banzhaf_raw, 1e-12);
  expect_same(fast.banzhaf, brute.banzhaf, 1e-12);
}

RC_GTEST_PROP(PowerProperties, ShapleySumsToOneAndRelabellingOnlyRelabels, ()) {
  const VotingGame game = *any_game(false);
  const PowerIndices before = exact_power(game);
  double total = 0.0;
  for (double s : before.shapley) total += s;
  RC_ASSERT(std::fabs(total - 1.0) <= 1e-12);

  std::vector<std::size_t> order(game.weights.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  for (std::size_t i = order.size(); i > 1; --i) {  // Fisher–Yates with generated draws
    const auto j = *rc::gen::inRange<std::size_t>(0, i);
    std::swap(order[i - 1], order[j]);
  }
  VotingGame shuffled = game;
  for (std::size_t i = 0; i < order.size(); ++i) {
    shuffled.weights[i] = game.weights[order[i]];
    if (!game.veto.empty()) shuffled.veto[i] = game.veto[order[i]];
  }
  const PowerIndices after = exact_power(shuffled);
  for (std::size_t i = 0; i < order.size(); ++i) {
    RC_ASSERT(std::fabs(after.shapley[i] - before.shapley[order[i]]) <= 1e-12);
    RC_ASSERT(std::fabs(after.banzhaf_raw[i] - before.banzhaf_raw[order[i]]) <= 1e-12);
  }
}

}  // namespace
}  // namespace statecraft::power
