// Unit tests of the sweep engine: distributions, field paths, row independence and
// thread-count independence, summary statistics against known answers, synthetic worlds.
#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <cmath>
#include <numeric>

#include "core/error.h"
#include "sim/block_runner.h"
#include "sim/distribution.h"
#include "sim/field.h"
#include "sim/statistics.h"
#include "sim/sweep.h"
#include "sim/synth.h"

namespace statecraft::sim {
namespace {

double mean_of(const Distribution& d, int n) {
  double sum = 0.0;
  for (int i = 0; i < n; ++i) {
    Rng rng(7, static_cast<std::uint64_t>(i), 3);
    sum += sample_value(d, rng);
  }
  return sum / n;
}

TEST(Distribution, MeansMatchTheirFormulas) {
  Distribution u{DistributionKind::uniform};
  u.min = 2.0;
  u.max = 4.0;
  EXPECT_NEAR(mean_of(u, 20000), 3.0, 0.02);
  Distribution b{DistributionKind::beta};
  b.alpha = 2.0;
  b.beta = 6.0;
  EXPECT_NEAR(mean_of(b, 20000), 0.25, 0.005);  // alpha / (alpha + beta)
  Distribution l{DistributionKind::lognormal};
  l.mu = 0.0;
  l.sigma = 0.5;
  EXPECT_NEAR(mean_of(l, 20000), std::exp(0.125), 0.02);
  // Standard normal truncated to [0, inf) has mean sqrt(2 / pi).
  Distribution t{DistributionKind::truncated_normal};
  t.mean = 0.0;
  t.sd = 1.0;
  t.min = 0.0;
  t.max = 50.0;
  EXPECT_NEAR(mean_of(t, 20000), std::sqrt(2.0 / 3.141592653589793), 0.02);
}

TEST(Distribution, InverseNormalCdfInvertsTheCdf) {
  for (double p : {1e-12, 0.001, 0.02, 0.3, 0.5, 0.9, 0.999})
    EXPECT_NEAR(normal_cdf(inverse_normal_cdf(p)), p, 1e-12 + p * 1e-9);
}

Scenario small_world() {
  Scenario s;
  for (const char* id : {"AAA", "BBB", "CCC"}) {
    Actor a;
    a.id = id;
    a.capabilities["overall"] = Figure{1.0};
    s.actors.push_back(a);
  }
  Issue issue;
  issue.id = "i1";
  for (const auto& [actor, position] :
       std::vector<std::pair<std::string, double>>{{"AAA", 10}, {"BBB", 60}, {"CCC", 90}}) {
    Stance st;
    st.actor = actor;
    st.position = Figure{position};
    st.salience = Figure{0.8};
    st.capability = Figure{1.0};
    st.position_sd = 5.0;
    issue.stances.push_back(st);
  }
  s.issues.push_back(issue);
  Relation r;
  r.from = "AAA";
  r.to = "BBB";
  r.dimensions["alignment"] = Figure{0.5};
  s.relations.push_back(r);
  Forum f;
  f.id = "f";
  f.members = {"AAA", "BBB", "CCC"};
  f.rule.kind = RuleKind::majority;
  s.forums.push_back(f);
  Motion m;
  m.id = "m";
  m.forum = "f";
  m.issue = "i1";
  m.position = 70.0;
  m.sponsors = {"CCC"};
  s.motions.push_back(m);
  // A second motion on a date: voted on the world of that date (a world of its own).
  m.id = "m_dated";
  m.date = parse_date("2020-01-01");
  s.motions.push_back(m);
  return s;
}

TEST(Field, ResolvesPathsAndSaysWhatIsMissing) {
  const Scenario s = small_world();
  EXPECT_TRUE(resolve_field(s, "parameters.vote.noise").field);
  EXPECT_TRUE(resolve_field(s, "issues.i1.stances.BBB.position").field);
  EXPECT_TRUE(resolve_field(s, "relations.AAA.BBB.alignment").field);
  EXPECT_TRUE(resolve_field(s, "actors.AAA.capabilities.overall").field);
  EXPECT_EQ(resolve_field(s, "issues.i2.status_quo").error, "no issue 'i2'");
  EXPECT_EQ(resolve_field(s, "parameters.vote.nosie").error,
            "unknown model parameter 'vote.nosie' (statecraft info --parameters lists them)");
  EXPECT_EQ(resolve_field(s, "relations.BBB.AAA.alignment").error, "no relation from 'BBB' to 'AAA'");
  // An actor's capability carries over to the stances that took it from the actor.
  Scenario copy = s;
  apply_field(copy, *resolve_field(s, "actors.AAA.capabilities.overall").field, 3.0);
  EXPECT_EQ(copy.issues[0].stances[0].capability.value, 3.0);
  // Values are clamped into the field's range.
  apply_field(copy, *resolve_field(s, "relations.AAA.BBB.alignment").field, 7.0);
  EXPECT_EQ(copy.relations[0].value_or("alignment"), 1.0);
}

SweepSpec small_spec() {
  SweepSpec spec;
  spec.seed = 11;
  spec.samples = 6;
  spec.replications = 2;
  spec.stance_uncertainty = true;
  spec.grid.push_back({"parameters.vote.noise", {0.1, 0.5}});
  Draw d;
  d.field = "issues.i1.stances.BBB.position";
  d.distribution.kind = DistributionKind::uniform;
  d.distribution.min = 0.0;
  d.distribution.max = 100.0;
  spec.draws.push_back(d);
  spec.engines.forecast = true;
  spec.engines.models = {bargain::Model::achen, bargain::Model::bdm};
  spec.engines.vote = true;
  spec.engines.power = true;
  return spec;
}

TEST(Sweep, RowsDoNotDependOnBlocksOrThreads) {
  const SweepPlan plan(small_world(), small_spec());
  ASSERT_EQ(plan.rows(), 24u);
  ASSERT_EQ(plan.outputs().size(), 2u + 2u + 3u);
  const std::vector<double> one = run_sweep(plan, 1);
  const std::vector<double> four = run_sweep(plan, 4);
  EXPECT_EQ(one, four);
  // Row 13 alone equals row 13 of the table.
  std::vector<double> row(plan.width());
  plan.compute_row(13, row.data());
  EXPECT_TRUE(std::equal(row.begin(), row.end(), one.begin() + 13 * plan.width()));
  // Draws are common across grid points: sample s has the same drawn value at both.
  const std::size_t w = plan.width();
  EXPECT_EQ(one[1 * w + 1], one[(12 + 1) * w + 1]);
  // Replications share the draw but not the stance perturbation.
  EXPECT_EQ(one[0 * w + 1], one[1 * w + 1]);
  EXPECT_NE(one[0 * w + 2], one[1 * w + 2]);
}

TEST(Sweep, UnknownFieldIsAPreconditionError) {
  SweepSpec spec = small_spec();
  spec.draws[0].field = "issues.i1.stances.ZZZ.position";
  EXPECT_THROW(SweepPlan(small_world(), spec), PreconditionError);
}

TEST(Statistics, RecoversALinearModel) {
  // y = 2 x1 + 0 x2 with x1, x2 independent uniforms: SRC(x1) = 1, SRC(x2) = 0, and
  // the first-order Sobol index of x1 is 1.
  const std::size_t n = 2000;
  std::vector<double> table;
  for (std::size_t r = 0; r < n; ++r) {
    Rng rng(1, r, 0);
    const double x1 = rng.uniform();
    const double x2 = rng.uniform();
    table.insert(table.end(), {x1, x2, 2.0 * x1, 5.0});
  }
  const SweepSummary s = summarise(table, {"x1", "x2"}, {"y", "constant"}, {false, false});
  ASSERT_EQ(s.outputs.size(), 2u);
  EXPECT_NEAR(s.outputs[0].src[0], 1.0, 1e-9);
  EXPECT_NEAR(s.outputs[0].src[1], 0.0, 1e-9);
  EXPECT_NEAR(s.outputs[0].r2, 1.0, 1e-9);
  EXPECT_GT(s.outputs[0].sobol[0], 0.99);
  EXPECT_LT(s.outputs[0].sobol[1], 3 * s.sobol_floor);
  EXPECT_NEAR(s.outputs[0].mean, 1.0, 0.03);
  EXPECT_EQ(s.outputs[1].sd, 0.0);
  EXPECT_EQ(s.outputs[1].sobol[0], 0.0);
}

TEST(Statistics, SobolOfANonLinearEffectThatRegressionMisses) {
  // y = (x - 0.5)^2: no linear trend (SRC ~ 0) but x explains everything (Sobol ~ 1).
  const std::size_t n = 4000;
  std::vector<double> table;
  for (std::size_t r = 0; r < n; ++r) {
    Rng rng(2, r, 0);
    const double x = rng.uniform();
    table.insert(table.end(), {x, (x - 0.5) * (x - 0.5)});
  }
  const SweepSummary s = summarise(table, {"x"}, {"y"}, {false});
  EXPECT_LT(std::abs(s.outputs[0].src[0]), 0.1);
  EXPECT_GT(s.outputs[0].sobol[0], 0.95);
}

TEST(BlockRunner, LocalBlocksFillEveryRow) {
  const std::vector<double> table = run_blocks_locally(10, 2, 3,
                                                       [](std::size_t b, std::size_t e, double* out) {
                                                         for (std::size_t r = b; r < e; ++r) {
                                                           out[(r - b) * 2] = static_cast<double>(r);
                                                           out[(r - b) * 2 + 1] = static_cast<double>(r * r);
                                                         }
                                                       },
                                                       {});
  for (std::size_t r = 0; r < 10; ++r) EXPECT_EQ(table[r * 2 + 1], static_cast<double>(r * r));
}

TEST(Synth, SameSeedSameWorldHeavyTailedCapabilities) {
  const Scenario a = synthetic_world({50, 5, 6, 3});
  const Scenario b = synthetic_world({50, 5, 6, 3});
  ASSERT_EQ(a.actors.size(), 50u);
  EXPECT_EQ(a.forums.size(), 6u);
  EXPECT_EQ(a.issues.size(), 5u);
  for (std::size_t i = 0; i < a.actors.size(); ++i)
    EXPECT_EQ(a.actors[i].capabilities.at("gdp_usd_bn").value,
              b.actors[i].capabilities.at("gdp_usd_bn").value);
  EXPECT_NE(synthetic_world({50, 5, 6, 4}).actors[0].capabilities.at("gdp_usd_bn").value,
            a.actors[0].capabilities.at("gdp_usd_bn").value);
  // Heavy tail: the largest economy is many times the median one.
  std::vector<double> gdp;
  for (const auto& actor : a.actors) gdp.push_back(actor.capabilities.at("gdp_usd_bn").value);
  std::sort(gdp.begin(), gdp.end());
  EXPECT_GT(gdp.back() / gdp[gdp.size() / 2], 20.0);
  // Sparse relations: O(states), not O(states^2).
  EXPECT_LT(a.relations.size(), 7u * a.actors.size());
}

}  // namespace
}  // namespace statecraft::sim
