// Tests of the validation protocol (issue 9): folds grouped by proposal, the time
// split's ordering, fitting only on training issues, calibrated intervals, and the
// stored recommended parameters against a refit on the training file.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <set>

#include "core/rng.h"
#include "io/deu3_loader.h"
#include "validation/family.h"
#include "validation/intervals.h"
#include "validation/protocol.h"
#include "validation/recommended.h"

namespace statecraft::validation {
namespace {

const char* kDeu = STATECRAFT_SHARED_DIR "/data/deu3/deu3-train.tsv";

std::vector<DeuCase> load_train() {
  const auto data = io::load_deu3(kDeu, io::Deu3Capability::equal);
  std::vector<DeuCase> cases;
  for (std::size_t i = 0; i < data.issues.size(); ++i) {
    DeuCase c;
    c.issue = data.issues[i];
    c.gdp.assign(c.issue.stances.size(), 1.0);
    c.proposal = data.info[i].proposal;
    c.codecision = data.info[i].procedure == "COD";
    c.unanimity = data.info[i].voting_rule.rfind("Unan", 0) == 0;
    c.introduced = data.info[i].introduced;
    cases.push_back(std::move(c));
  }
  return cases;
}

TEST(Deu3Date, ReadsEveryFormInTheFile) {
  EXPECT_EQ(io::parse_deu3_date("26-01-00"), 20000126);
  EXPECT_EQ(io::parse_deu3_date("07-02-96"), 19960207);
  EXPECT_EQ(io::parse_deu3_date("14-12-1999"), 19991214);
  EXPECT_EQ(io::parse_deu3_date("2013-10-04"), 20041013);  // "13-10-04" read by a spreadsheet as yy-mm-dd
  EXPECT_EQ(io::parse_deu3_date("1930-05-05"), 20050530);
  EXPECT_EQ(io::parse_deu3_date("2005"), 20050101);
  EXPECT_EQ(io::parse_deu3_date(""), 0);
  EXPECT_EQ(io::parse_deu3_date("13-13-04"), 0);
  EXPECT_EQ(io::parse_deu3_date("ab-01-04"), 0);
}

TEST(Protocol, FoldsKeepEveryProposalTogetherAndAreBalanced) {
  const auto cases = load_train();
  ASSERT_EQ(cases.size(), 256u);
  std::vector<std::string> proposals;
  for (const auto& c : cases) proposals.push_back(c.proposal);
  const auto folds = grouped_folds(proposals, 10, 1);
  std::map<std::string, std::set<int>> folds_of;
  std::vector<int> size(10, 0);
  for (std::size_t i = 0; i < cases.size(); ++i) {
    folds_of[proposals[i]].insert(folds[i]);
    ++size[static_cast<std::size_t>(folds[i])];
  }
  for (const auto& [proposal, set] : folds_of) EXPECT_EQ(set.size(), 1u) << proposal;
  // Greedy filling keeps the folds within the largest proposal's size of each other.
  EXPECT_GT(*std::min_element(size.begin(), size.end()), 10);
  EXPECT_EQ(folds, grouped_folds(proposals, 10, 1));  // seeded: deterministic
  EXPECT_NE(folds, grouped_folds(proposals, 10, 2));
  // File order does not matter: reversing the cases reverses the folds.
  std::vector<std::string> reversed(proposals.rbegin(), proposals.rend());
  auto back = grouped_folds(reversed, 10, 1);
  std::reverse(back.begin(), back.end());
  EXPECT_EQ(back, folds);
}

TEST(Protocol, TimeSplitFitsOnOlderProposalsOnly) {
  const auto cases = load_train();
  std::vector<std::string> proposals;
  std::vector<int> dates;
  for (const auto& c : cases) {
    proposals.push_back(c.proposal);
    dates.push_back(c.introduced);
    EXPECT_GT(c.introduced, 19950000) << c.issue.id;  // every date in the file is read
  }
  const auto train = time_split(proposals, dates, 2.0 / 3.0);
  int last_train = 0, first_test = 99999999;
  std::map<std::string, std::set<bool>> sides;
  std::size_t n_train = 0;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    (train[i] ? last_train : first_test) =
        train[i] ? std::max(last_train, dates[i]) : std::min(first_test, dates[i]);
    sides[proposals[i]].insert(train[i]);
    n_train += train[i] ? 1 : 0;
  }
  EXPECT_LT(last_train, first_test);
  for (const auto& [proposal, set] : sides) EXPECT_EQ(set.size(), 1u) << proposal;
  EXPECT_GT(n_train, 100u);
  EXPECT_LT(n_train, 230u);
}

// A two-point family whose best point differs by fold: the cross-validated choice must
// be the one fitted without the test fold.
TEST(Protocol, CrossValidationChoosesWithoutTheTestFold) {
  const std::vector<double> outcomes = {0, 0, 0, 10, 10, 10};
  // point 0 forecasts 0 everywhere, point 1 forecasts 10 everywhere.
  const ForecastMatrix forecasts = {std::vector<double>(6, 0.0), std::vector<double>(6, 10.0)};
  const std::vector<int> folds = {0, 0, 1, 1, 1, 1};
  const auto cv = cross_validate(forecasts, outcomes, folds);
  // Fold 0 is fitted on {0, 10, 10, 10}: point 1. Fold 1 on {0, 0}: point 0.
  EXPECT_EQ(cv.point[0], 1u);
  EXPECT_EQ(cv.point[2], 0u);
  EXPECT_DOUBLE_EQ(cv.forecast[3], 0.0);
  const std::vector<bool> train = {true, true, true, false, false, false};
  const auto split = split_validate(forecasts, outcomes, train);
  ASSERT_EQ(split.cases, (std::vector<std::size_t>{3, 4, 5}));
  EXPECT_EQ(split.point.front(), 0u);
}

TEST(Protocol, BootstrapIsSeededAndBracketsTheEstimate) {
  std::vector<double> errors;
  std::vector<std::string> groups;
  Rng rng(3, 0, 1);
  for (int i = 0; i < 200; ++i) {
    errors.push_back(20.0 * rng.uniform());
    groups.push_back("p" + std::to_string(i / 3));
  }
  const auto a = summarise(errors, groups, 500, 7);
  const auto b = summarise(errors, groups, 500, 7);
  EXPECT_EQ(a.mae.low, b.mae.low);
  EXPECT_LT(a.mae.low, a.mae.value);
  EXPECT_GT(a.mae.high, a.mae.value);
  EXPECT_NEAR(a.mae.value, 10.0, 1.5);
  const auto d = mae_difference(errors, errors, groups, 100, 7);
  EXPECT_DOUBLE_EQ(d.value, 0.0);
}

// Synthetic issues whose outcome scatters N(0, 15) around the weighted mean: tau fitted on
// half of 1,000 recovers about 15, and 80% intervals cover about 80% of the other half.
TEST(Intervals, FittedTauGivesStatedCoverageOnUnseenIssues) {
  std::vector<DeuCase> cases;
  for (int i = 0; i < 1000; ++i) {
    Rng rng(11, static_cast<std::uint64_t>(i), 2);
    DeuCase c;
    c.issue.id = "s" + std::to_string(i);
    for (int a = 0; a < 5; ++a) {
      Stance s;
      s.actor = "a" + std::to_string(a);
      s.position.value = 30.0 + 40.0 * rng.uniform();
      s.salience.value = 0.2 + 0.8 * rng.uniform();
      s.capability.value = 1.0;
      c.issue.stances.push_back(s);
    }
    double sum = 0, total = 0;
    for (const auto& s : c.issue.stances) {
      sum += s.salience.value * s.position.value;
      total += s.salience.value;
    }
    c.issue.outcome = Figure{std::clamp(sum / total + 15.0 * rng.normal(), 0.0, 100.0), "", false};
    c.gdp.assign(5, 1.0);
    c.proposal = c.issue.id;
    cases.push_back(std::move(c));
  }
  const Family family = weighted_mean_family();
  PredictiveSpec spec;
  spec.samples = 200;
  spec.position_noise = 0.0;
  const auto draws = base_draws(family, 0, cases, spec);
  const auto shocks = outcome_shocks(spec);
  std::vector<std::size_t> fit(500), test(500);
  std::iota(fit.begin(), fit.end(), std::size_t{0});
  std::iota(test.begin(), test.end(), std::size_t{500});
  const double tau = fit_tau(draws, shocks, cases, fit);
  EXPECT_NEAR(tau, 15.0, 3.0);
  const double covered = coverage(draws, shocks, cases, test, tau, 0.8);
  // 500 held-out issues: the binomial sd of an 80% coverage is 0.018; allow three.
  EXPECT_GE(covered, 0.74);
  EXPECT_LE(covered, 0.86);
  EXPECT_LT(coverage(draws, shocks, cases, test, tau, 0.5), covered);
}

// The rule stored for `--model recommended` is the one docs/VALIDATION.md selects
// (the salience-weighted mean: no fitted family beat it in grouped cross-validation),
// its tau is the refit on the whole training file, and its 80% intervals cover 75-85%
// of the training outcomes.
TEST(Recommended, StoredRuleAndTauEqualTheRefitOnTheTrainingFile) {
  const auto cases = load_train();
  const Recommended& stored = recommended();
  ASSERT_EQ(std::string(stored.family), "achen");
  const Family rec = recommended_family();
  const Family mean = weighted_mean_family();
  double total = 0.0;
  for (const auto& c : cases) {
    EXPECT_NEAR(rec.forecast(c, c.issue, 0), mean.forecast(c, c.issue, 0), 1e-9) << c.issue.id;
    total += std::abs(rec.forecast(c, c.issue, 0) - c.outcome());
  }
  EXPECT_NEAR(total / static_cast<double>(cases.size()), 23.20, 0.005);  // issue 4's reference MAE
  std::vector<std::size_t> all(cases.size());
  std::iota(all.begin(), all.end(), std::size_t{0});
  const auto draws = base_draws(rec, 0, cases, stored.intervals);
  const auto shocks = outcome_shocks(stored.intervals);
  EXPECT_NEAR(fit_tau(draws, shocks, cases, all), stored.tau, 0.05);
  const double covered = coverage(draws, shocks, cases, all, stored.tau, 0.8);
  EXPECT_GE(covered, 0.75);
  EXPECT_LE(covered, 0.85);
}

// Cross-validation of the procedure family on the real file: every fold's point is the
// one fitted on the other folds.
TEST(Protocol, ProcedureFamilyIsFittedOnTrainingFoldsOnly) {
  const auto cases = load_train();
  std::vector<std::string> proposals;
  std::vector<double> outcomes;
  for (const auto& c : cases) {
    proposals.push_back(c.proposal);
    outcomes.push_back(c.outcome());
  }
  const auto folds = grouped_folds(proposals, 5, 1);
  const auto matrix = forecast_matrix(procedure_family(ProcedureGrid::weights_only), cases);
  const auto cv = cross_validate(matrix, outcomes, folds);
  for (int k = 0; k < 5; ++k) {
    std::vector<std::size_t> train;
    std::size_t test = cases.size();
    for (std::size_t i = 0; i < cases.size(); ++i) {
      if (folds[i] != k) {
        train.push_back(i);
      } else if (test == cases.size()) {
        test = i;
      }
    }
    ASSERT_LT(test, cases.size());
    EXPECT_EQ(cv.point[test], best_point(matrix, outcomes, train));
  }
}

}  // namespace
}  // namespace statecraft::validation
