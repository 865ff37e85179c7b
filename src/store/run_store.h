// The run store: every engine run, with what produced it, in one SQLite file.
// Storage stays outside the engines (they never see it); the CLI records runs here.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace statecraft::store {

struct RunRecord {
  std::int64_t id = 0;           // assigned by the store
  std::string created_at;        // UTC, ISO 8601; assigned by the store when empty
  std::string verb;              // forecast, vote, power, ...
  std::string scenario_path;     // as given on the command line (may be empty)
  std::string scenario_hash;     // hash of scenario_content
  std::string scenario_content;  // the input text as read
  std::string parameters_json;   // flags and model parameters
  std::uint64_t seed = 0;
  std::string version;           // program version
  double duration_ms = 0.0;
  std::string result_json;       // the full result
};

// Error from the store itself (cannot open, corrupt file, disk full).
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class RunStore {
 public:
  // Opens (creating if needed) the database and migrates its schema to the current
  // version. WAL journal: readers never block the writer, and a process killed at
  // any point leaves every committed run intact.
  static RunStore open(const std::filesystem::path& path);

  RunStore(RunStore&&) noexcept;
  RunStore& operator=(RunStore&&) noexcept;
  ~RunStore();

  // Records one run in a single transaction and returns its id.
  std::int64_t record(RunRecord run);
  [[nodiscard]] std::vector<RunRecord> list(int limit = 100) const;  // newest first, no content/result
  [[nodiscard]] std::optional<RunRecord> get(std::int64_t id) const;
  [[nodiscard]] int schema_version() const;
  [[nodiscard]] std::string integrity_check() const;  // "ok" when the file is sound

  static constexpr int kSchemaVersion = 1;

 private:
  explicit RunStore(sqlite3* db);
  sqlite3* db_ = nullptr;
};

// Where the store lives when the user does not say: $STATECRAFT_DB, else
// $XDG_DATA_HOME/statecraft/runs.sqlite, else ~/.local/share/statecraft/runs.sqlite.
std::filesystem::path default_store_path();

// 64-bit FNV-1a of the text, as 16 hex digits: identifies identical scenario inputs.
std::string content_hash(const std::string& text);

}  // namespace statecraft::store
