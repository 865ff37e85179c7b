#include "store/run_json.h"

#include <map>

namespace statecraft::store {

namespace {

nlohmann::json parse_or_text(const std::string& text) {
  auto parsed = nlohmann::json::parse(text, nullptr, false);
  return parsed.is_discarded() ? nlohmann::json(text) : parsed;
}

}  // namespace

nlohmann::json run_to_json(const RunRecord& run, bool full) {
  nlohmann::json out = {{"id", run.id},
                        {"created_at", run.created_at},
                        {"verb", run.verb},
                        {"scenario", run.scenario_path},
                        {"scenario_hash", run.scenario_hash},
                        {"seed", run.seed},
                        {"version", run.version},
                        {"duration_ms", run.duration_ms}};
  if (full) {
    out["parameters"] = parse_or_text(run.parameters_json);
    out["result"] = parse_or_text(run.result_json);
    out["scenario_content"] = run.scenario_content;
  }
  return out;
}

void flatten(const nlohmann::json& value, const std::string& path,
             std::vector<std::pair<std::string, std::string>>& rows) {
  if (value.is_object()) {
    for (const auto& [key, child] : value.items()) flatten(child, path + "/" + key, rows);
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) flatten(value[i], path + "/" + std::to_string(i), rows);
  } else {
    rows.emplace_back(path.empty() ? "/" : path, value.is_string() ? value.get<std::string>() : value.dump());
  }
}

std::vector<FieldDifference> diff_runs(const RunRecord& a, const RunRecord& b) {
  auto left_json = run_to_json(a, true);
  auto right_json = run_to_json(b, true);
  for (auto* j : {&left_json, &right_json}) {
    j->erase("id");
    j->erase("created_at");
    j->erase("duration_ms");
    j->erase("scenario_content");
  }
  std::vector<std::pair<std::string, std::string>> left;
  std::vector<std::pair<std::string, std::string>> right;
  flatten(left_json, "", left);
  flatten(right_json, "", right);
  std::map<std::string, std::pair<std::string, std::string>> table;
  for (const auto& [path, value] : left) table[path].first = value;
  for (const auto& [path, value] : right) table[path].second = value;
  std::vector<FieldDifference> out;
  for (const auto& [path, values] : table) {
    if (values.first != values.second) out.push_back({path, values.first, values.second});
  }
  return out;
}

}  // namespace statecraft::store
