#include "store/run_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace statecraft::store {
namespace {

std::filesystem::path fresh_path(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("statecraft-store-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto path = dir / name;
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  return path;
}

RunRecord sample_run(int i) {
  RunRecord run;
  run.verb = "forecast";
  run.scenario_path = "cases/x.yaml";
  run.scenario_content = "name: x\n# " + std::to_string(i);
  run.parameters_json = R"({"model":"bdm"})";
  run.seed = static_cast<std::uint64_t>(i);
  run.version = "0.1.0";
  run.duration_ms = 1.5;
  run.result_json = R"({"forecast":)" + std::to_string(i) + "}";
  return run;
}

TEST(RunStore, RecordsAndReadsBackRuns) {
  auto path = fresh_path("basic.sqlite");
  auto store = RunStore::open(path);
  EXPECT_EQ(store.schema_version(), RunStore::kSchemaVersion);
  auto a = store.record(sample_run(1));
  auto b = store.record(sample_run(2));
  EXPECT_LT(a, b);
  auto runs = store.list();
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0].id, b);  // newest first
  auto run = store.get(a);
  ASSERT_TRUE(run.has_value());
  EXPECT_EQ(run->result_json, R"({"forecast":1})");
  EXPECT_EQ(run->scenario_hash, content_hash("name: x\n# 1"));
  EXPECT_FALSE(run->created_at.empty());
  EXPECT_FALSE(store.get(999).has_value());
}

TEST(RunStore, ReopeningKeepsRunsAndSchema) {
  auto path = fresh_path("reopen.sqlite");
  { RunStore::open(path).record(sample_run(7)); }
  auto store = RunStore::open(path);
  EXPECT_EQ(store.list().size(), 1u);
  EXPECT_EQ(store.integrity_check(), "ok");
}

TEST(RunStore, ContentHashIsStableAndDiscriminating) {
  EXPECT_EQ(content_hash(""), "cbf29ce484222325");  // FNV-1a 64 offset basis
  EXPECT_NE(content_hash("a"), content_hash("b"));
  EXPECT_EQ(content_hash("abc"), content_hash("abc"));
}

// A writer killed with SIGKILL in the middle of recording must leave the store
// consistent, with every run it reported as committed still readable.
TEST(RunStore, KillNineLosesNoCommittedRun) {
  auto path = fresh_path("kill.sqlite");
  { RunStore::open(path).record(sample_run(0)); }  // an earlier run that must survive
  int pipe_fds[2];
  ASSERT_EQ(::pipe(pipe_fds), 0);
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::close(pipe_fds[0]);
    auto store = RunStore::open(path);
    for (int i = 1;; ++i) {
      auto run = sample_run(i);
      run.result_json.append(std::string(static_cast<std::size_t>(1000 + (i % 7) * 3000), 'x'));
      std::int64_t id = store.record(run);
      if (::write(pipe_fds[1], &id, sizeof id) != sizeof id) ::_exit(1);
    }
  }
  ::close(pipe_fds[1]);
  std::vector<std::int64_t> committed;
  std::int64_t id = 0;
  while (committed.size() < 200 && ::read(pipe_fds[0], &id, sizeof id) == sizeof id) committed.push_back(id);
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  ::close(pipe_fds[0]);
  ASSERT_TRUE(WIFSIGNALED(status));
  ASSERT_EQ(committed.size(), 200u);

  auto store = RunStore::open(path);
  EXPECT_EQ(store.integrity_check(), "ok");
  ASSERT_TRUE(store.get(1).has_value());
  EXPECT_EQ(store.get(1)->result_json, R"({"forecast":0})");
  for (std::int64_t committed_id : committed) {
    auto run = store.get(committed_id);
    ASSERT_TRUE(run.has_value()) << "run " << committed_id << " was lost";
    EXPECT_EQ(run->verb, "forecast");
  }
  // And the store still takes new runs.
  EXPECT_GT(store.record(sample_run(9999)), committed.back());
}

TEST(RunStore, RefusesANewerSchema) {
  auto path = fresh_path("newer.sqlite");
  { RunStore::open(path); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version=99;", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  EXPECT_THROW(RunStore::open(path), StoreError);
}

}  // namespace
}  // namespace statecraft::store
