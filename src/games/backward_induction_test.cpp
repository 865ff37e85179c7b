// Backward induction on textbook games with known subgame-perfect equilibria.
#include "games/backward_induction.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "games/test_games.h"

namespace statecraft::games {
namespace {

using namespace testing;

TEST(BackwardInduction, EntryDeterrenceThreatIsNotCredible) {
  Game g = entry_deterrence();
  Solution s = solve(g, figure_payoffs(g));
  EXPECT_EQ(g.nodes[0].moves[s.choice[0]].label, "in");
  EXPECT_EQ(g.nodes[1].moves[s.choice[1]].label, "accommodate");
  EXPECT_EQ(s.value[0], (std::vector<double>{1, 1}));
  auto paths = equilibrium_paths(g, s);
  ASSERT_EQ(paths.size(), 1U);
  EXPECT_EQ(paths[0].key(), "in > accommodate");
  EXPECT_DOUBLE_EQ(paths[0].probability, 1.0);
  EXPECT_DOUBLE_EQ(s.reach[2], 0.0);
  EXPECT_DOUBLE_EQ(s.reach[4], 1.0);
}

TEST(BackwardInduction, EntryIsDeterredWhenFightingPays) {
  Game g = entry_deterrence();
  g.nodes[3].payoffs["incumbent"].value = 1.5;  // a tough incumbent prefers to fight
  Solution s = solve(g, figure_payoffs(g));
  EXPECT_EQ(equilibrium_paths(g, s)[0].key(), "out");
}

TEST(BackwardInduction, UltimatumProposerOffersTheSmallestPositiveShare) {
  // Split 4 units; offers of 1, 2 or 3 to the responder, who accepts or rejects (0, 0).
  Game g;
  g.id = "ultimatum";
  g.players = {"proposer", "responder"};
  g.nodes.push_back(decision("propose", "proposer", {{"offer1", "r1"}, {"offer2", "r2"}, {"offer3", "r3"}}));
  for (int k = 1; k <= 3; ++k) {
    const std::string id = std::to_string(k);
    g.nodes.push_back(decision("r" + id, "responder", {{"accept", "a" + id}, {"reject", "x" + id}}));
    g.nodes.push_back(terminal("a" + id, {{"proposer", 4 - k}, {"responder", k}}));
    g.nodes.push_back(terminal("x" + id, {{"proposer", 0}, {"responder", 0}}));
  }
  Solution s = solve(g, figure_payoffs(g));
  EXPECT_EQ(equilibrium_paths(g, s)[0].key(), "offer1 > accept");
  EXPECT_EQ(s.value[0], (std::vector<double>{3, 1}));
  // Off the path the responder still accepts every positive offer (subgame perfection).
  for (std::size_t n = 1; n < g.nodes.size(); ++n) {
    if (!g.nodes[n].terminal()) {
      EXPECT_EQ(g.nodes[n].moves[s.choice[n]].label, "accept");
    }
  }
}

TEST(BackwardInduction, CentipedeOfFourUnravelsToTakingAtOnce) {
  // Rosenthal (1981) centipede, 4 moves: taking at move k gives the mover the larger pile.
  Game g;
  g.id = "centipede";
  g.players = {"A", "B"};
  const double take[4][2] = {{1, 0}, {0, 2}, {3, 1}, {2, 4}};
  for (int k = 0; k < 4; ++k) {
    const std::string mover = k % 2 == 0 ? "A" : "B";
    const std::string next = k == 3 ? "end" : "m" + std::to_string(k + 1);
    g.nodes.push_back(decision("m" + std::to_string(k), mover, {{"take", "t" + std::to_string(k)}, {"pass", next}}));
  }
  for (int k = 0; k < 4; ++k) g.nodes.push_back(terminal("t" + std::to_string(k), {{"A", take[k][0]}, {"B", take[k][1]}}));
  g.nodes.push_back(terminal("end", {{"A", 5}, {"B", 3}}));
  Solution s = solve(g, figure_payoffs(g));
  EXPECT_EQ(equilibrium_paths(g, s)[0].key(), "take");
  for (int k = 0; k < 4; ++k) EXPECT_EQ(s.choice[static_cast<std::size_t>(k)], 0U) << "node " << k;
  EXPECT_EQ(s.value[0], (std::vector<double>{1, 0}));
}

TEST(BackwardInduction, ChanceNodesAverageAndBranchThePath) {
  // Nature makes the target strong (0.3) or weak (0.7); threatening pays only against the weak.
  Game g;
  g.id = "nature";
  g.players = {"S", "T"};
  g.nodes = {chance("nature", {{"strong", "s_strong", 0.3}, {"weak", "s_weak", 0.7}}),
             decision("s_strong", "S", {{"threaten", "war"}, {"accept", "sq1"}}),
             decision("s_weak", "S", {{"threaten", "win"}, {"accept", "sq2"}}),
             terminal("war", {{"S", -2}, {"T", -1}}), terminal("sq1", {{"S", 0}, {"T", 0}}),
             terminal("win", {{"S", 1}, {"T", -1}}), terminal("sq2", {{"S", 0}, {"T", 0}})};
  Solution s = solve(g, figure_payoffs(g));
  EXPECT_NEAR(s.value[0][0], 0.7, 1e-12);
  EXPECT_NEAR(s.value[0][1], -0.7, 1e-12);
  auto paths = equilibrium_paths(g, s);
  ASSERT_EQ(paths.size(), 2U);
  EXPECT_EQ(paths[0].key(), "strong > accept");
  EXPECT_DOUBLE_EQ(paths[0].probability, 0.3);
  EXPECT_EQ(paths[1].key(), "weak > threaten");
  EXPECT_DOUBLE_EQ(s.reach[5], 0.7);
}

TEST(BackwardInduction, TiesGoToTheFirstMoveAndAreFlagged) {
  Game g = entry_deterrence();
  g.nodes[3].payoffs["incumbent"].value = 1;  // fight and accommodate both give 1
  Solution s = solve(g, figure_payoffs(g));
  EXPECT_TRUE(s.tie[1]);
  EXPECT_EQ(s.choice[1], 0U);
  EXPECT_FALSE(s.tie[0]);
}

TEST(BackwardInduction, SharedSubtreesInADagAreReachedOnce) {
  Game g;
  g.id = "dag";
  g.players = {"A"};
  g.nodes = {chance("c", {{"h", "a", 0.5}, {"t", "b", 0.5}}), decision("a", "A", {{"go", "end"}}),
             decision("b", "A", {{"go", "end"}}), terminal("end", {{"A", 2}})};
  Solution s = solve(g, figure_payoffs(g));
  EXPECT_DOUBLE_EQ(s.reach[3], 1.0);
  EXPECT_DOUBLE_EQ(s.value[0][0], 2.0);
}

TEST(BackwardInduction, RejectsMismatchedTables) {
  Game g = entry_deterrence();
  EXPECT_THROW(solve(g, PayoffTable(2)), PreconditionError);
  PayoffTable t = figure_payoffs(g);
  t[3].clear();
  EXPECT_THROW(solve(g, t), PreconditionError);
}

}  // namespace
}  // namespace statecraft::games
