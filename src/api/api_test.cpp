// The library verbs: the same numbers as the engines, and errors that name the flag.
#include <gtest/gtest.h>

#include <string>

#include "api/corridor.h"
#include "api/forecast.h"
#include "api/power.h"
#include "api/vote.h"
#include "core/error.h"
#include "io/scenario_loader.h"

namespace statecraft::api {
namespace {

const std::string kCases = std::string(STATECRAFT_SOURCE_DIR) + "/cases/pakistan/";

std::string error_of(const std::function<void()>& run) {
  try {
    run();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(ApiPower, UnscShapleyShubikFromWeights) {
  // UN Security Council as [39; 7 x 5, 1 x 10]: Shapley–Shubik 421/2145 per permanent
  // member (Shapley & Shubik 1954, with the post-1965 council).
  PowerRequest request;
  request.quota = 39;
  request.weights = {7, 7, 7, 7, 7, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
  const auto out = power(request);
  EXPECT_EQ(out["method"], "exact");
  EXPECT_NEAR(out["shapley"][0].get<double>(), 421.0 / 2145.0, 1e-12);
  EXPECT_NEAR(out["shapley"][14].get<double>(), 4.0 / 2145.0, 1e-12);
}

TEST(ApiPower, ErrorsNameTheFlag) {
  PowerRequest request;
  request.quota = 100;
  request.weights = {1, 2};
  EXPECT_NE(error_of([&] { (void)power(request); }).find("--quota"), std::string::npos);
  request.weights = {1, -2};
  EXPECT_NE(error_of([&] { (void)power(request); }).find("--weights"), std::string::npos);
}

TEST(ApiForecast, ModelAllGivesEveryModelAndMatrices) {
  ForecastRequest request;
  const Scenario scenario = io::load_scenario(kCases + "nsg_pakistan.yaml");
  request.world.path = "nsg_pakistan.yaml";
  request.world.loaded = &scenario;
  request.issue = scenario.issues.front().id;
  request.model = "all";
  const ForecastOutput out = forecast(request);
  ASSERT_EQ(out.json["models"].size(), 4U);
  ASSERT_EQ(out.trajectories.size(), 4U);
  for (std::size_t m = 0; m < 4; ++m) {
    const auto& matrix = out.trajectories[m];
    EXPECT_EQ(matrix.positions.size(), matrix.rounds * out.actors.size());
    EXPECT_EQ(matrix.rounds, out.json["models"][m]["rounds"].size());
    // The last row of the matrix is the last round of the JSON trajectory.
    const auto& last = out.json["models"][m]["rounds"].back()["positions"];
    EXPECT_DOUBLE_EQ(matrix.positions[(matrix.rounds - 1) * out.actors.size()],
                     last[out.actors.front()].get<double>());
  }
}

TEST(ApiForecast, UnknownIssueNamesTheFlag) {
  ForecastRequest request;
  request.world.path = kCases + "nsg_pakistan.yaml";
  request.issue = "no_such_issue";
  EXPECT_NE(error_of([&] { (void)forecast(request); }).find("--issue: error: no issue 'no_such_issue'"),
            std::string::npos);
  request.issue.clear();
  request.table = "x.csv";
  EXPECT_NE(error_of([&] { (void)forecast(request); }).find("either SCENARIO"), std::string::npos);
}

TEST(ApiVote, UnknownMotionAndWrongForum) {
  VoteRequest request;
  request.world.path = kCases + "nsg_2008.yaml";
  request.forum = "nsg";
  request.motion = "nope";
  EXPECT_NE(error_of([&] { (void)vote(request); }).find("--motion"), std::string::npos);
}

TEST(ApiCorridor, ClosureOfUnknownCrossingNamesTheFlag) {
  CorridorRequest request;
  request.world.path = kCases + "corridors.yaml";
  request.close = {"no_such_crossing"};
  EXPECT_NE(error_of([&] { (void)corridor(request); }).find("--close"), std::string::npos);
  request.close.clear();
  const auto out = corridor(request);
  EXPECT_TRUE(out.json.contains("hub_share"));
  EXPECT_GT(out.json["delivered"].get<double>(), 0.0);
}

}  // namespace
}  // namespace statecraft::api
