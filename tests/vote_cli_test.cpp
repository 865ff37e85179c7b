// `statecraft vote`: JSON contract, table output, gates, Monte Carlo cross-check and
// one-line errors. Runs the built binary on tests/cli/vote/council.yaml.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "run_process.h"

namespace fs = std::filesystem;
using statecraft::test::ProcessResult;
using statecraft::test::run_process;

namespace {

const fs::path kDir = fs::path(STATECRAFT_SOURCE_DIR) / "tests" / "cli" / "vote";

ProcessResult vote(std::vector<std::string> args) {
  args.insert(args.begin(), "vote");
  args.push_back("--no-record");
  return run_process(STATECRAFT_BIN, args, kDir);
}

bool is_one_line(const std::string& text) {
  return !text.empty() && text.back() == '\n' && text.find('\n') == text.size() - 1;
}

TEST(VoteCli, JsonHasTheContractKeysWithMembersInInputOrder) {
  auto r = vote({"council.yaml", "--forum", "council", "--motion", "inquiry_motion", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  const double p = j.at("p_pass").get<double>();
  EXPECT_GT(p, 0.0);
  EXPECT_LT(p, 1.0);
  const auto& members = j.at("members");
  ASSERT_EQ(members.size(), 5u);
  const char* order[] = {"AAA", "BBB", "CCC", "DDD", "EEE"};
  double expected_yes = 0.0;
  for (std::size_t i = 0; i < 5; ++i) {
    const auto& m = members[i];
    EXPECT_EQ(m.at("id"), order[i]);
    const double sum = m.at("p_yes").get<double>() + m.at("p_no").get<double>() +
                       m.at("p_abstain").get<double>() + m.at("p_absent").get<double>();
    EXPECT_NEAR(sum, 1.0, 1e-9);
    EXPECT_GE(m.at("pivotal").get<double>(), 0.0);
    expected_yes += m.at("p_yes").get<double>();
  }
  EXPECT_NEAR(j.at("expected_yes").get<double>(), expected_yes, 1e-9);
  // AAA sends 90% of its exports to the sponsor; EEE is hostile to it and far away.
  EXPECT_GT(members[0].at("p_yes").get<double>(), members[4].at("p_yes").get<double>());
  ASSERT_EQ(j.at("gates").size(), 1u);
  EXPECT_EQ(j.at("gates")[0].at("id"), "request");
  EXPECT_LE(p, j.at("p_gates").get<double>() + 1e-12);
}

TEST(VoteCli, MonteCarloAgreesWithExactWithoutBlocShocks) {
  auto r = vote({"council.yaml", "--forum", "council", "--motion", "inquiry_motion", "--format", "json",
                 "--samples", "40000", "--seed", "5"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  const auto& mc = j.at("monte_carlo");
  EXPECT_NEAR(mc.at("p_pass").get<double>(), j.at("p_pass").get<double>(),
              4 * mc.at("standard_error").get<double>() + 1e-9);
}

TEST(VoteCli, TableIsTheDefault) {
  auto r = vote({"council.yaml", "--forum", "council", "--motion", "inquiry_motion"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("p_pass"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("EEE"), std::string::npos) << r.out;
}

TEST(VoteCli, BadInputIsOneLineAndExitOne) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"council.yaml", "--forum", "nope", "--motion", "inquiry_motion"},
           {"council.yaml", "--forum", "council", "--motion", "nope"},
           {"council.yaml", "--forum", "other", "--motion", "inquiry_motion"},
           {"council.yaml", "--forum", "council", "--motion", "inquiry_motion", "--at", "2019-02-30"},
           {"council.yaml", "--forum", "council"},
           {"missing.yaml", "--forum", "council", "--motion", "inquiry_motion"}}) {
    auto r = vote(args);
    EXPECT_EQ(r.exit_code, 1) << args[2];
    EXPECT_EQ(r.out, "");
    EXPECT_TRUE(is_one_line(r.err)) << r.err;
  }
}

}  // namespace
