#include "bargain/monte_carlo.h"

#include <gtest/gtest.h>
#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include "bargain/expected_utility.h"
#include "bargain/test_support.h"
#include "bargain/weighted.h"

namespace statecraft::bargain {
namespace {

// Runs `body` with at most `threads` threads: the global limit caps TBB's workers and
// the arena gives the work that many slots, so 4 really means 4 on a 2-core machine.
template <typename Body>
auto with_threads(int threads, Body&& body) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  tbb::task_arena arena(threads);
  return arena.execute(body);
}

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
  const MonteCarloResult single = with_threads(1, [&] { return run_monte_carlo(issue, forecast, spec); });
  for (int threads : {2, 3, 4}) {
    const MonteCarloResult many =
        with_threads(threads, [&] { return run_monte_carlo(issue, forecast, spec); });
    EXPECT_EQ(single.forecasts, many.forecasts) << threads;
    EXPECT_EQ(single.mean, many.mean) << threads;
    EXPECT_EQ(single.low, many.low) << threads;
    EXPECT_EQ(single.high, many.high) << threads;
  }
  EXPECT_LT(single.low, single.high);
  // Another seed gives another sample.
  spec.seed = 43;
  EXPECT_NE(run_monte_carlo(issue, forecast, spec).forecasts, single.forecasts);
}

TEST(MonteCarlo, PerturbIntoDrawsWhatPerturbDraws) {
  Issue issue = testing::emissions();
  issue.stances[0].position_sd = 2.0;
  issue.stances[1].capability_sd = 0.5;
  Rng a(9, 4, 1);
  Rng b(9, 4, 1);
  const Issue fresh = perturb(issue, a, 0.3);
  Issue reused = issue;
  reused.stances[2].position.value = -99;  // overwritten, whatever it held
  perturb_into(issue, b, 0.3, reused);
  for (std::size_t i = 0; i < issue.stances.size(); ++i) {
    EXPECT_EQ(fresh.stances[i].position.value, reused.stances[i].position.value);
    EXPECT_EQ(fresh.stances[i].salience.value, reused.stances[i].salience.value);
    EXPECT_EQ(fresh.stances[i].capability.value, reused.stances[i].capability.value);
  }
  EXPECT_NE(fresh.stances[0].position.value, issue.stances[0].position.value);
}

TEST(MonteCarlo, NoUncertaintyMeansNoSpread) {
  const Issue issue = testing::emissions();
  MonteCarloSpec spec;
  spec.samples = 20;
  const auto result = run_monte_carlo(
      issue, [](const Issue& i) { return run_weighted_mean(i).forecast; }, spec);
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
