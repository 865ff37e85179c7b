// `statecraft power`: errors on --quota/--weights (exit 1, nothing on stdout, one line
// on stderr naming the flag), the JSON contract, and exact vs Monte Carlo. Known values
// are golden cases (tests/golden/power-*).
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "run_process.h"

namespace fs = std::filesystem;
using statecraft::test::ProcessResult;
using statecraft::test::run_process;

namespace {

ProcessResult power(std::vector<std::string> args) {
  args.insert(args.begin(), "power");
  args.insert(args.begin(), "--no-record");
  return run_process(STATECRAFT_BIN, args, fs::path(STATECRAFT_SOURCE_DIR));
}

bool is_one_line(const std::string& text) {
  return !text.empty() && text.back() == '\n' && text.find('\n') == text.size() - 1;
}

struct BadCase {
  std::vector<std::string> args;
  std::string flag;      // the flag the message must name
  std::string fragment;  // and a piece of its reason
};

TEST(PowerCli, BadWeightsAndQuotaAreOneLineNamingTheFlagAndExitOne) {
  const std::vector<BadCase> cases{
      {{"--quota", "5", "--weights", "3,x,2"}, "--weights", "expected a number, found 'x'"},
      {{"--quota", "5", "--weights", "3,,2"}, "--weights", "expected a number, found ''"},
      {{"--quota", "5", "--weights", "3,-1,4"}, "--weights", "'-1' is negative"},
      {{"--quota", "5", "--weights", "3,inf"}, "--weights", "expected a number"},
      {{"--quota", "1", "--weights", "0.1234567,1"}, "--weights", "decimal places"},
      {{"--quota", "10", "--weights", "3,4,2"}, "--quota", "above the total weight 9"},
      {{"--quota", "0", "--weights", "3,4,2"}, "--quota", "must be positive"},
      {{"--quota", "-2", "--weights", "3,4,2"}, "--quota", "negative"},
      {{"--quota", "abc", "--weights", "3,4,2"}, "--quota", "expected a number, found 'abc'"},
      {{"--weights", "3,4,2"}, "--quota", "required with --weights"},
      {{"--quota", "5"}, "--weights", "required with --quota"},
      {{"--quota", "5", "--weights", "3,4", "--forum", "x"}, "--forum", "needs a SCENARIO"},
  };
  for (const BadCase& c : cases) {
    const ProcessResult r = power(c.args);
    std::string joined;
    for (const auto& a : c.args) joined += a + " ";
    EXPECT_EQ(r.exit_code, 1) << joined << "\n" << r.err;
    EXPECT_EQ(r.out, "") << joined;
    EXPECT_TRUE(is_one_line(r.err)) << joined << "\n" << r.err;
    EXPECT_NE(r.err.find(c.flag), std::string::npos) << joined << "\n" << r.err;
    EXPECT_NE(r.err.find(c.fragment), std::string::npos) << joined << "\n" << r.err;
  }
}

TEST(PowerCli, JsonOfAWeightedGameIsExactAndSumsToOne) {
  const ProcessResult r = power({"--quota", "6", "--weights", "4,3,2,1", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j.at("method"), "exact");
  double shapley = 0.0;
  double banzhaf = 0.0;
  for (double s : j.at("shapley")) shapley += s;
  for (double b : j.at("banzhaf")) banzhaf += b;
  EXPECT_NEAR(shapley, 1.0, 1e-12);
  EXPECT_NEAR(banzhaf, 1.0, 1e-12);
  // [6; 4,3,2,1]: member 1 swings with {2}, {3}, {2,3}, {2,4}, {3,4}... counted by hand: 5 of 8.
  EXPECT_NEAR(j.at("banzhaf_raw")[0].get<double>(), 5.0 / 8.0, 1e-15);
}

TEST(PowerCli, MonteCarloOnRequestCarriesErrorBarsAndCoversTheExactValue) {
  const ProcessResult exact =
      power({"--quota", "39", "--weights", "7,7,7,7,7,1,1,1,1,1,1,1,1,1,1", "--format", "json"});
  const ProcessResult sampled = power({"--quota", "39", "--weights", "7,7,7,7,7,1,1,1,1,1,1,1,1,1,1",
                                       "--format", "json", "--samples", "20000", "--seed", "3"});
  ASSERT_EQ(exact.exit_code, 0) << exact.err;
  ASSERT_EQ(sampled.exit_code, 0) << sampled.err;
  const auto e = nlohmann::json::parse(exact.out);
  const auto s = nlohmann::json::parse(sampled.out);
  EXPECT_EQ(s.at("method"), "monte_carlo");
  EXPECT_EQ(s.at("samples"), 20000);
  for (std::size_t i : {0u, 7u}) {
    const double error = s.at("shapley_error")[i].get<double>();
    EXPECT_GT(error, 0.0);
    EXPECT_NEAR(s.at("shapley")[i].get<double>(), e.at("shapley")[i].get<double>(), 4.0 * error + 1e-12);
  }
}

TEST(PowerCli, ScenarioForumEu27IsExact) {
  const ProcessResult r =
      power({"tests/golden/power-eu27-qmv/scenario.yaml", "--forum", "eu_council", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j.at("method"), "exact");
  EXPECT_EQ(j.at("members").size(), 27u);
}

}  // namespace
