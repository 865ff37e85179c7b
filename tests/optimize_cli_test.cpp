// `statecraft optimize`: bad flags give one stderr line naming the flag and exit 1;
// `--positions-from-narratives` feeds the Friedkin–Johnsen equilibrium into the vote
// model; `--compare` writes its JSON and SVG, and nothing when it fails. Numbers of the
// optimiser itself are golden cases (tests/golden/optimize-*).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "run_process.h"

namespace fs = std::filesystem;
using statecraft::test::ProcessResult;
using statecraft::test::run_process;

namespace {

const fs::path kDir = fs::path(STATECRAFT_SOURCE_DIR) / "tests" / "cli" / "optimize";
const fs::path kGolden = fs::path(STATECRAFT_SOURCE_DIR) / "tests" / "golden";

ProcessResult optimize(std::vector<std::string> args) {
  args.insert(args.begin(), "optimize");
  args.push_back("--no-record");
  return run_process(STATECRAFT_BIN, args, kDir);
}

bool is_one_line(const std::string& text) {
  return !text.empty() && text.back() == '\n' && text.find('\n') == text.size() - 1;
}

void expect_flag_error(const std::vector<std::string>& args, const std::string& flag) {
  const auto r = optimize(args);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(is_one_line(r.err)) << r.err;
  EXPECT_NE(r.err.find(flag), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
}

const std::string kThree = (kGolden / "optimize-three-members" / "scenario.yaml").string();
const std::string kTwo = (kGolden / "optimize-compare-two-forums" / "scenario.yaml").string();

TEST(OptimizeCli, BadFlagsNameTheFlag) {
  expect_flag_error({kThree, "--forum", "council", "--motion", "motion", "--budget", "-1"}, "--budget");
  expect_flag_error({kThree, "--forum", "council", "--motion", "motion", "--budget", "ten"}, "--budget");
  expect_flag_error({kThree, "--forum", "council", "--motion", "motion"}, "--budget");
  expect_flag_error({kThree, "--motion", "motion", "--budget", "5"}, "--forum");
  expect_flag_error({kThree, "--forum", "council", "--budget", "5"}, "--motion");
  expect_flag_error({kThree, "--forum", "nope", "--motion", "motion", "--budget", "5"}, "--forum");
  expect_flag_error({kThree, "--forum", "council", "--motion", "nope", "--budget", "5"}, "--motion");
  expect_flag_error({kThree, "--forum", "council", "--motion", "motion", "--budget", "5", "--target", "1.5"},
                    "--target");
  expect_flag_error({kThree, "--forum", "council", "--motion", "motion", "--budget", "5", "--format", "xml"},
                    "--format");
  expect_flag_error({kThree, "--forum", "council", "--motion", "motion", "--budget", "5", "--svg", "x.svg"},
                    "--svg");
  expect_flag_error({kTwo, "--compare", "--budget", "5"}, "--budget");
  expect_flag_error({kTwo, "--compare", "--forum", "f1"}, "--forum");
  expect_flag_error({kTwo, "--compare", "--budgets", "5,-1"}, "--budgets");
  expect_flag_error({kTwo, "--compare", "--budgets", "10,5"}, "--budgets");
  expect_flag_error({kThree, "--compare"}, "--compare");  // no horizon
  expect_flag_error(
      {"narrative.yaml", "--forum", "f", "--motion", "mot", "--budget", "5", "--at", "2020-13-01"}, "--at");
  expect_flag_error(
      {kThree, "--forum", "council", "--motion", "motion", "--budget", "5", "--positions-from-narratives"},
      "--positions-from-narratives");  // no frame names an issue
}

TEST(OptimizeCli, HorizonErrorsNameTheFileAndLine) {
  auto r = optimize({"horizon-bad-motion.yaml", "--compare"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(is_one_line(r.err)) << r.err;
  EXPECT_NE(r.err.find("horizon-bad-motion.yaml:10:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("no_such_motion"), std::string::npos) << r.err;
  r = optimize({"horizon-missing-file.yaml", "--compare"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("horizon-missing-file.yaml:10:"), std::string::npos) << r.err;
  r = optimize({"horizon-budgets-order.yaml", "--compare"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("horizon-budgets-order.yaml:12:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("increasing"), std::string::npos) << r.err;
}

// The member's stance (10) says no; its frame's equilibrium (0.8, fully stubborn) says
// yes. Closed forms in narrative.yaml.
TEST(OptimizeCli, PositionsFromNarrativesFeedTheVoteModel) {
  auto plain =
      optimize({"narrative.yaml", "--forum", "f", "--motion", "mot", "--budget", "0", "--format", "json"});
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_NEAR(nlohmann::json::parse(plain.out).at("p_before").get<double>(), 0.021881270936130466, 1e-12);
  auto framed = optimize({"narrative.yaml", "--forum", "f", "--motion", "mot", "--budget", "0", "--format",
                          "json", "--positions-from-narratives"});
  ASSERT_EQ(framed.exit_code, 0) << framed.err;
  const auto j = nlohmann::json::parse(framed.out);
  EXPECT_NEAR(j.at("p_before").get<double>(), 0.8581489350995123, 1e-12);
  EXPECT_EQ(j.at("positions_from_narratives")[0], "frame -> iss");
}

TEST(OptimizeCli, CompareWritesJsonTableAndSvg) {
  const fs::path svg = fs::temp_directory_path() / "statecraft_optimize_cli_test.svg";
  fs::remove(svg);
  auto r = optimize({kTwo, "--compare", "--format", "json", "-o", svg.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j.at("points").size(), 18U);  // 3 strategies x 6 budgets
  std::ifstream in(svg);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_NE(text.str().find("<svg"), std::string::npos);
  EXPECT_NE(text.str().find("partnerships: m2"), std::string::npos);
  EXPECT_NE(text.str().find("lobbying: m1"), std::string::npos);
  fs::remove(svg);
  auto table = optimize({kTwo, "--compare", "--budgets", "0,15"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("partnerships"), std::string::npos);
  EXPECT_NE(table.out.find("lasting [visit]"), std::string::npos) << table.out;
  // A failing run writes nothing.
  auto bad = optimize({"horizon-bad-motion.yaml", "--compare", "--svg", svg.string()});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_FALSE(fs::exists(svg));
}

}  // namespace
