#include "influence/narrative.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cmath>

namespace statecraft::influence {
namespace {

SparseRowMatrix dense_to_sparse(const Eigen::MatrixXd& m) {
  SparseRowMatrix s = m.sparseView();
  s.makeCompressed();
  return s;
}

double unit(int k) { return static_cast<double>(k) / 1000.0; }

// Two actors, W = [[1-a, a], [b, 1-b]], susceptibilities l1, l2 < 1: the 2x2 system
// solved by Cramer's rule.
RC_GTEST_PROP(FriedkinJohnsen, TwoNodesMatchTheClosedForm, ()) {
  const double a = unit(*rc::gen::inRange(0, 1001));
  const double b = unit(*rc::gen::inRange(0, 1001));
  const double l1 = unit(*rc::gen::inRange(0, 990));
  const double l2 = unit(*rc::gen::inRange(0, 990));
  const double u1 = unit(*rc::gen::inRange(0, 1001));
  const double u2 = unit(*rc::gen::inRange(0, 1001));
  Eigen::MatrixXd w(2, 2);
  w << 1 - a, a, b, 1 - b;
  Eigen::VectorXd lambda(2), u(2);
  lambda << l1, l2;
  u << u1, u2;
  Equilibrium e = fj_equilibrium(dense_to_sparse(w), lambda, u);
  const double c1 = 1 - l1 * (1 - a);
  const double c2 = 1 - l2 * (1 - b);
  const double det = c1 * c2 - l1 * l2 * a * b;
  const double x1 = ((1 - l1) * u1 * c2 + l1 * a * (1 - l2) * u2) / det;
  const double x2 = (c1 * (1 - l2) * u2 + l2 * b * (1 - l1) * u1) / det;
  RC_ASSERT(e.unanchored.empty());
  RC_ASSERT(std::abs(e.values[0] - x1) < 1e-9);
  RC_ASSERT(std::abs(e.values[1] - x2) < 1e-9);
}

// A star: centre 0 gives alpha to each of k leaves; each leaf gives beta to the centre.
// Leaves: x_i = (lL beta x0 + (1 - lL) u_i) / d, d = 1 - lL (1 - beta); substituting into
// the centre's equation gives x0 in closed form.
RC_GTEST_PROP(FriedkinJohnsen, StarMatchesTheClosedForm, ()) {
  const int k = *rc::gen::inRange(1, 12);
  const double alpha = unit(*rc::gen::inRange(0, 1001)) / k;
  const double beta = unit(*rc::gen::inRange(0, 1001));
  const double l0 = unit(*rc::gen::inRange(0, 990));
  const double lL = unit(*rc::gen::inRange(0, 990));
  const double u0 = unit(*rc::gen::inRange(0, 1001));
  const auto n = static_cast<Eigen::Index>(k + 1);
  Eigen::MatrixXd w = Eigen::MatrixXd::Zero(n, n);
  Eigen::VectorXd lambda = Eigen::VectorXd::Constant(n, lL), u(n);
  lambda[0] = l0;
  u[0] = u0;
  w(0, 0) = 1 - k * alpha;
  double sum_u = 0;
  for (Eigen::Index i = 1; i < n; ++i) {
    w(0, i) = alpha;
    w(i, 0) = beta;
    w(i, i) = 1 - beta;
    u[i] = unit(*rc::gen::inRange(0, 1001));
    sum_u += u[i];
  }
  Equilibrium e = fj_equilibrium(dense_to_sparse(w), lambda, u);
  const double d = 1 - lL * (1 - beta);
  const double x0 = (l0 * alpha * (1 - lL) * sum_u / d + (1 - l0) * u0) /
                    (1 - l0 * (1 - k * alpha) - l0 * alpha * k * lL * beta / d);
  RC_ASSERT(std::abs(e.values[0] - x0) < 1e-9);
  for (Eigen::Index i = 1; i < n; ++i) {
    RC_ASSERT(std::abs(e.values[i] - (lL * beta * x0 + (1 - lL) * u[i]) / d) < 1e-9);
  }
}

TEST(FriedkinJohnsen, IterationConvergesToTheSolvedEquilibrium) {
  Eigen::MatrixXd raw(3, 3);
  raw << 0, 0.5, 0.2, 0.1, 0, 0.0, 0.3, 0.3, 0;
  SparseRowMatrix w = row_stochastic(dense_to_sparse(raw), 1.0);
  for (Eigen::Index i = 0; i < 3; ++i) EXPECT_NEAR(Eigen::VectorXd(w.row(i).transpose()).sum(), 1.0, 1e-12);
  Eigen::VectorXd lambda(3), u(3);
  lambda << 0.9, 0.5, 1.0;
  u << 1.0, 0.0, 0.3;
  Eigen::VectorXd x = u;
  for (int t = 0; t < 2000; ++t) x = fj_step(w, lambda, x, u);
  Equilibrium e = fj_equilibrium(w, lambda, u);
  EXPECT_TRUE(e.unanchored.empty());  // actor 2 is fully susceptible but listens to 0 and 1
  for (Eigen::Index i = 0; i < 3; ++i) EXPECT_NEAR(e.values[i], x[i], 1e-10);
}

TEST(FriedkinJohnsen, FullyStubbornActorsKeepTheirAnchor) {
  Eigen::MatrixXd raw(2, 2);
  raw << 0.0, 5.0, 5.0, 0.0;
  SparseRowMatrix w = row_stochastic(dense_to_sparse(raw), 1.0);
  Eigen::VectorXd lambda(2), u(2);
  lambda << 0.0, 1.0;  // actor 0 does not move; actor 1 moves all the way
  u << 0.8, 0.1;
  Equilibrium e = fj_equilibrium(w, lambda, u);
  EXPECT_NEAR(e.values[0], 0.8, 1e-12);
  EXPECT_NEAR(e.values[1], 0.8, 1e-12);  // consensus with its only stubborn neighbour
}

TEST(FriedkinJohnsen, UnanchoredActorsAreReportedAndHeldAtTheFallback) {
  Eigen::MatrixXd raw(3, 3);
  raw << 0, 0, 0, 0, 0, 1, 0, 1, 0;  // 1 and 2 listen only to each other
  SparseRowMatrix w = row_stochastic(dense_to_sparse(raw), 1.0);
  Eigen::VectorXd lambda(3), u(3), fallback(3);
  lambda << 0.5, 1.0, 1.0;
  u << 0.4, 0.0, 1.0;
  fallback << 0.0, 0.6, 0.6;
  EXPECT_THROW((void)fj_equilibrium(w, lambda, u), PreconditionError);
  Equilibrium e = fj_equilibrium(w, lambda, u, &fallback);
  EXPECT_EQ(e.unanchored, (std::vector<std::size_t>{1, 2}));
  EXPECT_NEAR(e.values[0], 0.4, 1e-12);
  EXPECT_NEAR(e.values[1], 0.6, 1e-12);
}

Scenario pair_world() {
  Scenario s;
  s.name = "pair";
  for (const char* id : {"AAA", "BBB"}) s.actors.push_back(Actor{id, id, ActorKind::state, {}, {}});
  Relation r{"AAA", "BBB", {}};
  r.dimensions["alignment"] = Figure{1.0, "", false};  // AAA listens to BBB
  s.relations.push_back(r);
  Frame f;
  f.id = "frame";
  f.positions.push_back({"AAA", Figure{0.0, "", false}, std::nullopt, Figure{0.2, "", false}});
  f.positions.push_back({"BBB", Figure{1.0, "", false}, std::nullopt, Figure{1.0, "", false}});
  s.narratives.frames.push_back(f);
  return s;
}

TEST(Narratives, TrajectoryStartsAtPositionsAndApproachesTheEquilibrium) {
  Scenario s = pair_world();
  NarrativeParams p;
  p.rounds = 200;
  InfluenceParams ip;
  InfluenceNetwork net = build_influence_network(s, ip);
  NarrativeResult r = run_narratives(s, net, p);
  ASSERT_EQ(r.frames.size(), 1u);
  const auto& d = r.frames[0];
  ASSERT_EQ(d.trajectory.size(), 201u);
  EXPECT_EQ(d.trajectory[0][0], 0.0);
  // AAA: x = 0.8 (w x + (1 - w) * 0) + 0.2 * 0 with w the normalised weight on BBB,
  // and BBB fixed at 1: x = 0.8 w / (1 - 0.8 (1 - w)).
  const double a = 1.0 - std::exp(-ip.alignment_weight);
  const double wb = a / (1.0 + a);
  const double expected = 0.8 * wb / (1.0 - 0.8 * (1.0 - wb));
  EXPECT_NEAR(d.equilibrium[0], expected, 1e-12);
  EXPECT_NEAR(d.trajectory.back()[0], expected, 1e-9);
  EXPECT_NEAR(d.equilibrium[1], 1.0, 1e-12);
}

TEST(Narratives, CampaignsMoveAnchorsForGoodAndWeightsWhileActive) {
  Scenario s = pair_world();
  Campaign c;
  c.id = "media";
  c.actor = "BBB";
  c.targets = {"AAA"};
  c.frame = "frame";
  c.start = 0;
  c.end = 5;
  c.anchor_shift = 0.1;
  s.narratives.campaigns.push_back(c);
  NarrativeParams p;
  p.rounds = 3;  // extended to the campaign's end
  InfluenceNetwork net = build_influence_network(s, InfluenceParams{});
  NarrativeResult r = run_narratives(s, net, p);
  EXPECT_EQ(r.rounds, 5);
  EXPECT_NEAR(r.frames[0].anchors_final[0], 0.5, 1e-12);
  NarrativeResult base = run_narratives(pair_world(), net, p);
  EXPECT_GT(r.frames[0].equilibrium[0], base.frames[0].equilibrium[0]);

  // A temporary weight boost changes the path, not the equilibrium; a lasting one both.
  Scenario t = pair_world();
  Campaign e;
  e.id = "summit";
  e.actor = "BBB";
  e.targets = {"AAA"};
  e.start = 1;
  e.end = 3;
  e.weight = 2.0;
  t.narratives.campaigns.push_back(e);
  NarrativeResult temp = run_narratives(t, net, p);
  EXPECT_NEAR(temp.frames[0].equilibrium[0], base.frames[0].equilibrium[0], 1e-12);
  EXPECT_GT(temp.frames[0].trajectory[3][0], base.frames[0].trajectory[3][0]);
  t.narratives.campaigns[0].lasting = true;
  NarrativeResult lasting = run_narratives(t, net, p);
  EXPECT_GT(lasting.frames[0].equilibrium[0], base.frames[0].equilibrium[0]);
}

TEST(Narratives, EquilibriumSetsTheLinkedIssuesStancePositions) {
  Scenario s = pair_world();
  Issue issue;
  issue.id = "iss";
  issue.scale_min = 0;
  issue.scale_max = 200;
  issue.stances.push_back(Stance{"AAA", Figure{10, "", false}, Figure{1, "", false}, Figure{1, "", false}});
  s.issues.push_back(issue);
  s.narratives.frames[0].issue = "iss";
  InfluenceNetwork net = build_influence_network(s, InfluenceParams{});
  NarrativeResult r = run_narratives(s, net, NarrativeParams{});
  Scenario t = with_frame_positions(s, r, "frame");
  EXPECT_NEAR(t.issues[0].stances[0].position.value, 200 * r.frames[0].equilibrium[0], 1e-12);
  EXPECT_TRUE(t.issues[0].stances[0].position.assumed);
  EXPECT_THROW((void)with_frame_positions(pair_world(), r, "frame"), PreconditionError);  // no issue named
}

}  // namespace
}  // namespace statecraft::influence
