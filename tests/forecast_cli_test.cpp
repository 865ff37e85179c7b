// `statecraft forecast` and `statecraft backtest`: usage errors end with exit code 1
// and exactly one line on stderr (nothing on stdout); Monte Carlo output is the same
// for the same seed. The numbers themselves are golden cases (tests/golden/forecast-*,
// backtest-*).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "run_process.h"

namespace fs = std::filesystem;
using statecraft::test::ProcessResult;
using statecraft::test::run_process;

namespace {

const std::string kEmissions = STATECRAFT_SHARED_DIR "/data/bdm_emissions/emissions-1994.csv";
const std::string kDeu3 = STATECRAFT_SHARED_DIR "/data/deu3/deu3-train.tsv";
const std::string kNsg = STATECRAFT_SOURCE_DIR "/cases/pakistan/nsg_pakistan.yaml";

ProcessResult statecraft(std::vector<std::string> args) {
  args.push_back("--no-record");
  return run_process(STATECRAFT_BIN, args, fs::temp_directory_path());
}

bool is_one_line(const std::string& text) {
  return !text.empty() && text.back() == '\n' && text.find('\n') == text.size() - 1;
}

// Exit code 1, stdout empty, one line on stderr that mentions `needle`.
void expect_usage_error(const std::vector<std::string>& args, const std::string& needle) {
  std::string shown;
  for (const auto& a : args) shown += a + " ";
  const ProcessResult r = statecraft(args);
  EXPECT_EQ(r.exit_code, 1) << shown << "\nstderr: " << r.err;
  EXPECT_TRUE(r.out.empty()) << shown << "\nstdout: " << r.out;
  EXPECT_TRUE(is_one_line(r.err)) << shown << "\nstderr: " << r.err;
  EXPECT_NE(r.err.find(needle), std::string::npos) << shown << "\nstderr: " << r.err;
}

// A temporary CSV table with the given text, removed at the end of the test.
class TempTable {
 public:
  explicit TempTable(const std::string& text)
      : path_(fs::temp_directory_path() / ("statecraft-forecast-" + std::to_string(::getpid()) + ".csv")) {
    std::ofstream(path_) << text;
  }
  TempTable(const TempTable&) = delete;
  TempTable& operator=(const TempTable&) = delete;
  ~TempTable() {
    std::error_code ec;
    fs::remove(path_, ec);
  }
  [[nodiscard]] std::string path() const { return path_.string(); }

 private:
  fs::path path_;
};

TEST(ForecastCli, UnknownModelIsAUsageError) {
  expect_usage_error({"forecast", "--table", kEmissions, "--model", "nope"}, "--model");
}

TEST(ForecastCli, UnknownIssueIsAUsageError) {
  expect_usage_error({"forecast", kNsg, "--issue", "no_such_issue"}, "no_such_issue");
}

TEST(ForecastCli, NegativeSamplesIsAUsageError) {
  expect_usage_error({"forecast", "--table", kEmissions, "--samples", "-1"}, "--samples");
}

TEST(ForecastCli, TableAndScenarioTogetherIsAUsageError) {
  expect_usage_error({"forecast", kNsg, "--issue", "nsg_membership_pak", "--table", kEmissions}, "either");
}

TEST(ForecastCli, BadCsvIsAnInputError) {
  // A non-numeric capability on the second data row.
  const TempTable table("actor,capability,position,salience\nA,1,10,0.5\nB,lots,20,0.5\nC,1,30,0.5\n");
  const ProcessResult r = statecraft({"forecast", "--table", table.path(), "--format", "json"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_TRUE(is_one_line(r.err)) << r.err;
  // The message names the file.
  EXPECT_NE(r.err.find(table.path()), std::string::npos) << r.err;
}

TEST(ForecastCli, GoodCsvFromTheSameHelperWorks) {
  // Guards the test above: the helper's file is read, so the failure is the content.
  const TempTable table("actor,capability,position,salience\nA,1,10,0.5\nB,2,20,0.5\nC,1,30,0.5\n");
  const ProcessResult r =
      statecraft({"forecast", "--table", table.path(), "--model", "median", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_DOUBLE_EQ(nlohmann::json::parse(r.out).at("forecast").get<double>(), 20.0);
}

// SMP's cycle rule and its per-round explanation reach both output formats (the
// three-actor 4-cycle of docs/models.md, "smp"). The table once threw on smp moves,
// which have no offer or proposer.
TEST(ForecastCli, SmpCycleAndMovesInJsonAndTable) {
  const TempTable table("actor,capability,position,salience\nA,3,0,0.25\nB,3,80,0.25\nC,3,60,1\n");
  const ProcessResult r =
      statecraft({"forecast", "--table", table.path(), "--model", "smp", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json.at("stopped"), "cycle");
  EXPECT_EQ(json.at("cycle_length"), 4);
  const auto& move = json.at("rounds").at(1).at("moves").at(0);
  EXPECT_EQ(move.at("actor"), "A");
  EXPECT_EQ(move.at("rule"), "toward");
  EXPECT_EQ(move.at("toward"), "B");
  EXPECT_EQ(move.at("fraction"), 0.5);
  EXPECT_GT(move.at("gain").get<double>(), 0.0);
  const ProcessResult text = statecraft({"forecast", "--table", table.path(), "--model", "smp"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("A 0->40 (0.5 toward B)"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("(ideal)"), std::string::npos) << text.out;
}

TEST(BacktestCli, UnknownModelAndCapabilityAreUsageErrors) {
  expect_usage_error({"backtest", "--data", kDeu3, "--model", "nope"}, "--model");
  expect_usage_error({"backtest", "--data", kDeu3, "--model", "achen", "--capability", "nope"},
                     "--capability");
}

TEST(ForecastCli, NoiseWithoutSamplesIsAUsageError) {
  expect_usage_error({"forecast", "--table", kEmissions, "--noise", "1"}, "--noise");
}

TEST(ForecastCli, NoiseIsTheOnlyUncertaintyOfATable) {
  // A CSV declares no standard deviations: without --noise every sample is the table.
  auto interval = [](const std::string& noise) {
    const ProcessResult r = statecraft({"forecast", "--table", kEmissions, "--model", "achen", "--samples",
                                        "50", "--seed", "3", "--noise", noise, "--format", "json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const auto json = nlohmann::json::parse(r.out);
    return std::pair{json.at("interval").at(0).get<double>(), json.at("interval").at(1).get<double>()};
  };
  const auto still = interval("0");
  EXPECT_EQ(still.first, still.second);
  const auto noisy = interval("1");
  EXPECT_LT(noisy.first, noisy.second);
}

TEST(ForecastCli, MonteCarloIsReproducibleForASeedAndMovesWithIt) {
  auto run = [](const std::string& seed) {
    const ProcessResult r = statecraft({"forecast", "--table", kEmissions, "--model", "bdm", "--samples",
                                        "200", "--seed", seed, "--noise", "1", "--format", "json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out);
  };
  const auto first = run("11");
  const auto again = run("11");
  const auto other = run("12");
  ASSERT_TRUE(first.contains("interval"));
  EXPECT_EQ(first.at("interval"), again.at("interval"));
  EXPECT_EQ(first.at("mean_forecast"), again.at("mean_forecast"));
  EXPECT_EQ(first.at("samples"), 200);
  const double low = first.at("interval").at(0).get<double>();
  const double high = first.at("interval").at(1).get<double>();
  EXPECT_LE(low, high);
  EXPECT_NE(first.at("mean_forecast"), other.at("mean_forecast"));
}

}  // namespace
