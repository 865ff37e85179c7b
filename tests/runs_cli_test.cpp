// The run store through the CLI: an engine run is recorded, and `runs` reads it back.
#include <gtest/gtest.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "run_process.h"

namespace {

namespace fs = std::filesystem;
using statecraft::test::run_process;

const std::string kTable = std::string(STATECRAFT_SHARED_DIR) + "/data/bdm_emissions/emissions-1994.csv";

fs::path fresh_db() {
  auto path = fs::temp_directory_path() / ("statecraft-runs-cli-" + std::to_string(::getpid()) + ".sqlite");
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix);
  return path;
}

TEST(RunsCli, ForecastsAreRecordedListedShownDiffedAndExported) {
  auto db = fresh_db();
  auto forecast = [&](const std::string& model) {
    return run_process(STATECRAFT_BIN, {"--db", db.string(), "forecast", "--table", kTable, "--model", model,
                                        "--format", "json"});
  };
  auto a = forecast("achen");
  auto b = forecast("median");
  ASSERT_EQ(a.exit_code, 0) << a.err;
  ASSERT_EQ(b.exit_code, 0) << b.err;

  auto list = run_process(STATECRAFT_BIN, {"--db", db.string(), "runs", "list", "--format", "json"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  auto runs = nlohmann::json::parse(list.out);
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0]["verb"], "forecast");
  EXPECT_EQ(runs[0]["id"], 2);  // newest first

  auto show = run_process(STATECRAFT_BIN, {"--db", db.string(), "runs", "show", "1"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  auto run = nlohmann::json::parse(show.out);
  // The stored result is the forecast that was printed.
  EXPECT_EQ(run["result"], nlohmann::json::parse(a.out));

  auto diff = run_process(STATECRAFT_BIN, {"--db", db.string(), "runs", "diff", "1", "2"});
  ASSERT_EQ(diff.exit_code, 0) << diff.err;
  EXPECT_NE(diff.out.find("achen"), std::string::npos) << diff.out;
  EXPECT_NE(diff.out.find("median"), std::string::npos) << diff.out;

  auto csv = run_process(STATECRAFT_BIN, {"--db", db.string(), "runs", "export", "1", "--format", "csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out.rfind("run,verb,seed,path,value\n", 0), 0u) << csv.out;

  auto missing = run_process(STATECRAFT_BIN, {"--db", db.string(), "runs", "show", "99"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("no run with id 99"), std::string::npos) << missing.err;
}

TEST(RunsCli, NoRecordLeavesTheStoreEmpty) {
  auto db = fresh_db();
  auto r = run_process(STATECRAFT_BIN, {"--db", db.string(), "--no-record", "forecast", "--table", kTable});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto list = run_process(STATECRAFT_BIN, {"--db", db.string(), "runs", "list", "--format", "json"});
  EXPECT_EQ(nlohmann::json::parse(list.out).size(), 0u);
}

}  // namespace
