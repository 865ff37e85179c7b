#include "bargain/monte_carlo.h"

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include "bargain/expected_utility.h"
#include "bargain/test_support.h"
#include "bargain/weighted.h"

namespace statecraft::bargain {
namespace {

TEST(MonteCarlo, IdenticalForOneThreadOrMany) {
  Issue issue = testing::emissions();
  for (auto& stance : issue.stances) {
    stance.position_sd = 1.0;
    stance.salience_sd = 0.1;
  }
  issue.scale_min = 0;
  issue.scale_max = 14;
  MonteCarloSpec spec;
  spec.samples = 200;
  spec.seed = 42;
  BdmParams params;
  params.rounds = 5;
  auto forecast = [&](const Issue& sample) { return run_bdm(sample, params).forecast; };
  MonteCarloResult single;
  {
    tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
    single = run_monte_carlo(issue, forecast, spec);
  }
  const MonteCarloResult many = run_monte_carlo(issue, forecast, spec);
  EXPECT_EQ(single.forecasts, many.forecasts);
  EXPECT_EQ(single.low, many.low);
  EXPECT_EQ(single.high, many.high);
  EXPECT_LE(many.low, many.high);
  // Another seed gives another sample.
  spec.seed = 43;
  EXPECT_NE(run_monte_carlo(issue, forecast, spec).forecasts, many.forecasts);
}

TEST(MonteCarlo, NoUncertaintyMeansNoSpread) {
  const Issue issue = testing::emissions();
  MonteCarloSpec spec;
  spec.samples = 20;
  const auto result = run_monte_carlo(issue, [](const Issue& i) { return run_weighted_mean(i).forecast; }, spec);
  EXPECT_DOUBLE_EQ(result.low, result.high);
  EXPECT_NEAR(result.mean, 7.39, 0.005);
}

TEST(MonteCarlo, Quantile) {
  EXPECT_DOUBLE_EQ(quantile({3, 1, 2, 4}, 0.5), 2.5);
  EXPECT_DOUBLE_EQ(quantile({3, 1, 2, 4}, 0.0), 1.0);
  EXPECT_DOUBLE_EQ(quantile({3, 1, 2, 4}, 1.0), 4.0);
}

}  // namespace
}  // namespace statecraft::bargain
