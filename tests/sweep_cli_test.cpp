// `statecraft sweep` and `statecraft synth` through the CLI: the table is the same
// bytes for 1, 2 and 4 threads and for 1 and 2 MPI ranks; spec errors are one line
// naming file:line:col; synth is deterministic and its world validates.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "run_process.h"

namespace fs = std::filesystem;
using statecraft::test::ProcessResult;
using statecraft::test::run_process;

namespace {

const std::string kScenario = "cases/pakistan/nsg_2008.yaml";
const std::string kSpec = "tests/cli/sweep/small.yaml";

ProcessResult statecraft(std::vector<std::string> args) {
  args.insert(args.begin(), "--no-record");
  return run_process(STATECRAFT_BIN, args, fs::path(STATECRAFT_SOURCE_DIR));
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

fs::path temp_path(const std::string& name) {
  return fs::temp_directory_path() / ("statecraft-sweep-test-" + std::to_string(::getpid()) + "-" + name);
}

std::string sweep_csv(const std::string& threads) {
  const ProcessResult r =
      statecraft({"sweep", kScenario, "--spec", kSpec, "--threads", threads, "--format", "csv"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out;
}

TEST(SweepCli, SameBytesForOneTwoAndFourThreads) {
  const std::string one = sweep_csv("1");
  ASSERT_FALSE(one.empty());
  // Header plus 16 rows.
  EXPECT_EQ(std::count(one.begin(), one.end(), '\n'), 17);
  EXPECT_NE(one.find("forecast.nsg_waiver_ind.bdm"), std::string::npos);
  EXPECT_NE(one.find("vote.india_waiver_2008.p_pass"), std::string::npos);
  EXPECT_NE(one.find("power.nsg.USA"), std::string::npos);
  EXPECT_EQ(sweep_csv("2"), one);
  EXPECT_EQ(sweep_csv("4"), one);
}

TEST(SweepCli, TwoMpiRanksGiveTheSingleProcessBytes) {
  const std::string mpiexec = STATECRAFT_MPIEXEC;
  if (mpiexec.empty()) GTEST_SKIP() << "built without MPI";
  // CI runs as root in a container without ssh: allow root, and name an rsh agent that
  // exists (it is never used for ranks on this machine).
  ::setenv("OMPI_MCA_plm_rsh_agent", "sh", 1);
  ::setenv("OMPI_MCA_btl_vader_single_copy_mechanism", "none", 1);
  ::setenv("OMPI_MCA_rmaps_base_oversubscribe", "1", 1);
  // Under the ASan CI build: Open MPI keeps allocations until exit by design, which
  // LeakSanitizer would report; address and UB checks stay on.
  ::setenv("ASAN_OPTIONS", "detect_leaks=0", 1);
  const fs::path single = temp_path("single.csv");
  const fs::path ranks = temp_path("ranks.csv");
  ProcessResult r = statecraft(
      {"sweep", kScenario, "--spec", kSpec, "--threads", "1", "--format", "csv", "-o", single.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = run_process(
      mpiexec,
      {"--oversubscribe", "--allow-run-as-root", "-np", "2", STATECRAFT_BIN, "--no-record", "--quiet",
       "sweep", kScenario, "--spec", kSpec, "--threads", "1", "--format", "csv", "-o", ranks.string()},
      fs::path(STATECRAFT_SOURCE_DIR));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("on 2 ranks"), std::string::npos) << r.out;
  const std::string expected = read(single);
  ASSERT_FALSE(expected.empty());
  EXPECT_EQ(read(ranks), expected);
  fs::remove(single);
  fs::remove(ranks);
}

TEST(SweepCli, JsonHasTheSummaryWithSensitivities) {
  const ProcessResult r = statecraft({"sweep", kScenario, "--spec", kSpec, "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"summary\""), std::string::npos);
  EXPECT_NE(r.out.find("\"sobol\""), std::string::npos);
  EXPECT_NE(r.out.find("\"src\""), std::string::npos);
}

struct BadSpec {
  std::string file;
  std::string expected;  // the whole stderr line
};

TEST(SweepCli, SpecErrorsAreOneLineWithFileLineColumn) {
  const std::vector<BadSpec> cases{
      {"tests/cli/sweep/bad-field.yaml",
       "tests/cli/sweep/bad-field.yaml:3:13: error: field issues.nsg_waiver_ind.stances.XXX.position: issue "
       "nsg_waiver_ind has no stance of 'XXX'"},
      {"tests/cli/sweep/bad-value.yaml",
       "tests/cli/sweep/bad-value.yaml:3:19: error: issues.nsg_waiver_ind.stances.CHN.salience 1.5 is "
       "outside [0, 1]"},
      {"tests/cli/sweep/bad-distribution.yaml",
       "tests/cli/sweep/bad-distribution.yaml:2:50: error: unknown distribution 'gamma' (uniform, normal, "
       "truncated_normal, beta, lognormal)"},
      {"tests/cli/sweep/bad-sd.yaml",
       "tests/cli/sweep/bad-sd.yaml:2:71: error: sd must be positive, found -2"},
  };
  for (const auto& c : cases) {
    const ProcessResult r = statecraft({"sweep", kScenario, "--spec", c.file});
    EXPECT_EQ(r.exit_code, 1) << c.file;
    EXPECT_EQ(r.out, "") << c.file;
    EXPECT_EQ(r.err, c.expected + "\n") << c.file;
  }
  // A misspelt key: did-you-mean, at the key.
  const ProcessResult r = statecraft({"sweep", kScenario, "--spec", "tests/cli/sweep/bad-key.yaml"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err.rfind("tests/cli/sweep/bad-key.yaml:6:5: error:", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("sd"), std::string::npos) << r.err;
}

TEST(SweepCli, OutputFlagNeedsCsvOrJson) {
  const ProcessResult r = statecraft({"sweep", kScenario, "--spec", kSpec, "-o", "/tmp/never-written.csv"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("--format"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists("/tmp/never-written.csv"));
}

TEST(SynthCli, SameSeedSameBytesAndTheWorldValidates) {
  const std::vector<std::string> args{"synth",    "--states", "40",     "--issues", "6",
                                      "--forums", "8",        "--seed", "3"};
  const ProcessResult a = statecraft(args);
  const ProcessResult b = statecraft(args);
  ASSERT_EQ(a.exit_code, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
  std::vector<std::string> other = args;
  other.back() = "4";
  EXPECT_NE(statecraft(other).out, a.out);
  const fs::path file = temp_path("synth.yaml");
  std::vector<std::string> to_file = args;
  to_file.insert(to_file.end(), {"-o", file.string()});
  ASSERT_EQ(statecraft(to_file).exit_code, 0);
  EXPECT_EQ(read(file), a.out);
  const ProcessResult valid = statecraft({"validate", file.string()});
  EXPECT_EQ(valid.exit_code, 0) << valid.out << valid.err;
  // And a sweep runs on it.
  const ProcessResult sweep = statecraft({"sweep", file.string(), "--spec", "tests/cli/sweep/synth.yaml"});
  EXPECT_EQ(sweep.exit_code, 0) << sweep.err;
  fs::remove(file);
  EXPECT_EQ(statecraft({"synth", "--states", "2"}).exit_code, 1);
}

}  // namespace
