// `statecraft runs list|show ID|diff A B|export ID`: the run store from the shell.
#include <fmt/core.h>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "store/run_json.h"
#include "store/run_store.h"

namespace statecraft::cli {

namespace {

store::RunStore open_store(const Context& context) {
  auto path = context.db_path.empty() ? store::default_store_path() : std::filesystem::path(context.db_path);
  return store::RunStore::open(path);
}

store::RunRecord must_get(const store::RunStore& runs, std::int64_t id, const std::string& flag) {
  auto run = runs.get(id);
  if (!run) throw CLI::ValidationError(flag, "no run with id " + std::to_string(id));
  return *run;
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

void register_runs(CLI::App& app, Context& context) {
  auto* runs = app.add_subcommand("runs", "List, show, compare and export recorded runs");
  runs->require_subcommand(1);

  auto* list = runs->add_subcommand("list", "The most recent runs, newest first");
  auto limit = std::make_shared<int>(20);
  auto list_format = std::make_shared<std::string>("table");
  list->add_option("--limit", *limit, "How many runs")->check(CLI::PositiveNumber);
  list->add_option("--format", *list_format, "Output format")->check(CLI::IsMember({"table", "json"}));
  list->callback([&context, limit, list_format] {
    auto store = open_store(context);
    auto rows = store.list(*limit);
    if (*list_format == "json") {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& r : rows) out.push_back(store::run_to_json(r, false));
      fmt::print("{}\n", out.dump(2));
      return;
    }
    fmt::print("{:>6}  {:<20}  {:<10}  {:<16}  {:>10}  {}\n", "id", "created (UTC)", "verb", "scenario hash",
               "ms", "scenario");
    for (const auto& r : rows) {
      fmt::print("{:>6}  {:<20}  {:<10}  {:<16}  {:>10.1f}  {}\n", r.id, r.created_at, r.verb,
                 r.scenario_hash, r.duration_ms, r.scenario_path);
    }
  });

  auto* show = runs->add_subcommand("show", "One run in full, as JSON");
  auto show_id = std::make_shared<std::int64_t>(0);
  show->add_option("ID", *show_id, "Run id")->required();
  show->callback([&context, show_id] {
    auto store = open_store(context);
    fmt::print("{}\n", store::run_to_json(must_get(store, *show_id, "ID"), true).dump(2));
  });

  auto* diff =
      runs->add_subcommand("diff", "What differs between two runs: parameters, seed, scenario, results");
  auto ids = std::make_shared<std::pair<std::int64_t, std::int64_t>>();
  diff->add_option("A", ids->first, "First run id")->required();
  diff->add_option("B", ids->second, "Second run id")->required();
  diff->callback([&context, ids] {
    auto store = open_store(context);
    const auto differences =
        store::diff_runs(must_get(store, ids->first, "A"), must_get(store, ids->second, "B"));
    fmt::print("{:<48}  {:<24}  {}\n", "field", fmt::format("run {}", ids->first),
               fmt::format("run {}", ids->second));
    for (const auto& d : differences) {
      fmt::print("{:<48}  {:<24}  {}\n", d.field, d.a.empty() ? "-" : d.a, d.b.empty() ? "-" : d.b);
    }
    if (differences.empty()) fmt::print("(identical apart from id and timing)\n");
  });

  auto* exporter = runs->add_subcommand("export", "One run's result as JSON or as tidy CSV (path,value)");
  auto export_id = std::make_shared<std::int64_t>(0);
  auto export_format = std::make_shared<std::string>("json");
  exporter->add_option("ID", *export_id, "Run id")->required();
  exporter->add_option("--format", *export_format, "Output format")->check(CLI::IsMember({"json", "csv"}));
  exporter->callback([&context, export_id, export_format] {
    auto store = open_store(context);
    auto run = store::run_to_json(must_get(store, *export_id, "ID"), true);
    if (*export_format == "json") {
      fmt::print("{}\n", run.dump(2));
      return;
    }
    std::vector<std::pair<std::string, std::string>> rows;
    store::flatten(run["result"], "", rows);
    fmt::print("run,verb,seed,path,value\n");
    for (const auto& [path, value] : rows) {
      fmt::print("{},{},{},{},{}\n", *export_id, csv_field(run["verb"].get<std::string>()),
                 run["seed"].dump(), csv_field(path), csv_field(value));
    }
  });
}

}  // namespace statecraft::cli
