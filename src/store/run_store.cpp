#include "store/run_store.h"

#include <sqlite3.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <utility>

namespace statecraft::store {

namespace {

// Schema migrations, applied in order: migration i takes the schema from version i to
// version i + 1. Never edit a released migration; append a new one.
const char* const kMigrations[] = {
    R"sql(
      CREATE TABLE runs (
        id               INTEGER PRIMARY KEY AUTOINCREMENT,
        created_at       TEXT    NOT NULL,
        verb             TEXT    NOT NULL,
        scenario_path    TEXT    NOT NULL,
        scenario_hash    TEXT    NOT NULL,
        scenario_content TEXT    NOT NULL,
        parameters       TEXT    NOT NULL,
        seed             INTEGER NOT NULL,
        version          TEXT    NOT NULL,
        duration_ms      REAL    NOT NULL,
        result           TEXT    NOT NULL
      );
      CREATE INDEX runs_by_hash ON runs(scenario_hash);
    )sql",
};

class Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &statement_, nullptr) != SQLITE_OK) {
      throw StoreError(std::string("run store: ") + sqlite3_errmsg(db));
    }
  }
  ~Statement() { sqlite3_finalize(statement_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void bind(int index, const std::string& text) {
    sqlite3_bind_text(statement_, index, text.c_str(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  }
  void bind(int index, std::int64_t value) { sqlite3_bind_int64(statement_, index, value); }
  void bind(int index, double value) { sqlite3_bind_double(statement_, index, value); }

  // True while there is a row; throws on error.
  bool step() {
    int rc = sqlite3_step(statement_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw StoreError(std::string("run store: ") + sqlite3_errmsg(db_));
  }
  [[nodiscard]] std::string text(int column) const {
    const unsigned char* value = sqlite3_column_text(statement_, column);
    return value == nullptr ? std::string()
                            : std::string(reinterpret_cast<const char*>(value),
                                          static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
  }
  [[nodiscard]] std::int64_t integer(int column) const { return sqlite3_column_int64(statement_, column); }
  [[nodiscard]] double real(int column) const { return sqlite3_column_double(statement_, column); }

 private:
  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
};

void execute(sqlite3* db, const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error != nullptr ? error : "unknown error";
    sqlite3_free(error);
    throw StoreError("run store: " + message);
  }
}

std::string utc_now() {
  auto now = std::chrono::system_clock::now();
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

RunRecord summary_from(const Statement& row) {
  RunRecord run;
  run.id = row.integer(0);
  run.created_at = row.text(1);
  run.verb = row.text(2);
  run.scenario_path = row.text(3);
  run.scenario_hash = row.text(4);
  run.seed = static_cast<std::uint64_t>(row.integer(5));
  run.version = row.text(6);
  run.duration_ms = row.real(7);
  return run;
}

}  // namespace

RunStore::RunStore(sqlite3* db) : db_(db) {}
RunStore::RunStore(RunStore&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}
RunStore& RunStore::operator=(RunStore&& other) noexcept {
  if (this != &other) {
    if (db_ != nullptr) sqlite3_close(db_);
    db_ = std::exchange(other.db_, nullptr);
  }
  return *this;
}
RunStore::~RunStore() {
  if (db_ != nullptr) sqlite3_close(db_);
}

RunStore RunStore::open(const std::filesystem::path& path) {
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    std::string message = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    throw StoreError("run store: cannot open " + path.string() + ": " + message);
  }
  RunStore store(db);
  sqlite3_busy_timeout(db, 5000);
  execute(db, "PRAGMA journal_mode=WAL;");
  // NORMAL is durable against a killed process in WAL mode (only power loss can drop
  // the last transactions), and much faster than FULL.
  execute(db, "PRAGMA synchronous=NORMAL;");
  execute(db, "PRAGMA foreign_keys=ON;");
  // Migrate inside one immediate transaction so two processes opening a new file do
  // not both apply the same migration.
  execute(db, "BEGIN IMMEDIATE;");
  try {
    int version = store.schema_version();
    if (version > kSchemaVersion) {
      throw StoreError("run store: " + path.string() + " has schema version " + std::to_string(version) +
                       ", newer than this program's " + std::to_string(kSchemaVersion));
    }
    for (int v = version; v < kSchemaVersion; ++v) execute(db, kMigrations[v]);
    execute(db, ("PRAGMA user_version=" + std::to_string(kSchemaVersion) + ";").c_str());
    execute(db, "COMMIT;");
  } catch (...) {
    sqlite3_exec(db, "ROLLBACK;", nullptr, nullptr, nullptr);
    throw;
  }
  return store;
}

int RunStore::schema_version() const {
  Statement s(db_, "PRAGMA user_version;");
  s.step();
  return static_cast<int>(s.integer(0));
}

std::string RunStore::integrity_check() const {
  Statement s(db_, "PRAGMA integrity_check;");
  return s.step() ? s.text(0) : std::string("no answer");
}

std::int64_t RunStore::record(RunRecord run) {
  if (run.created_at.empty()) run.created_at = utc_now();
  if (run.scenario_hash.empty()) run.scenario_hash = content_hash(run.scenario_content);
  Statement insert(db_,
                   "INSERT INTO runs (created_at, verb, scenario_path, scenario_hash, scenario_content, parameters, "
                   "seed, version, duration_ms, result) VALUES (?,?,?,?,?,?,?,?,?,?);");
  insert.bind(1, run.created_at);
  insert.bind(2, run.verb);
  insert.bind(3, run.scenario_path);
  insert.bind(4, run.scenario_hash);
  insert.bind(5, run.scenario_content);
  insert.bind(6, run.parameters_json);
  insert.bind(7, static_cast<std::int64_t>(run.seed));
  insert.bind(8, run.version);
  insert.bind(9, run.duration_ms);
  insert.bind(10, run.result_json);
  // A single INSERT is its own transaction (autocommit): the run is either wholly in
  // the store or not at all.
  insert.step();
  return sqlite3_last_insert_rowid(db_);
}

std::vector<RunRecord> RunStore::list(int limit) const {
  Statement s(db_,
              "SELECT id, created_at, verb, scenario_path, scenario_hash, seed, version, duration_ms "
              "FROM runs ORDER BY id DESC LIMIT ?;");
  s.bind(1, static_cast<std::int64_t>(limit));
  std::vector<RunRecord> out;
  while (s.step()) out.push_back(summary_from(s));
  return out;
}

std::optional<RunRecord> RunStore::get(std::int64_t id) const {
  Statement s(db_,
              "SELECT id, created_at, verb, scenario_path, scenario_hash, seed, version, duration_ms, "
              "scenario_content, parameters, result FROM runs WHERE id = ?;");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  RunRecord run = summary_from(s);
  run.scenario_content = s.text(8);
  run.parameters_json = s.text(9);
  run.result_json = s.text(10);
  return run;
}

std::filesystem::path default_store_path() {
  if (const char* explicit_path = std::getenv("STATECRAFT_DB"); explicit_path != nullptr && *explicit_path != 0) {
    return explicit_path;
  }
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && *xdg != 0) {
    return std::filesystem::path(xdg) / "statecraft" / "runs.sqlite";
  }
  const char* home = std::getenv("HOME");
  return std::filesystem::path(home != nullptr ? home : ".") / ".local" / "share" / "statecraft" / "runs.sqlite";
}

std::string content_hash(const std::string& text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
  return buffer;
}

}  // namespace statecraft::store
