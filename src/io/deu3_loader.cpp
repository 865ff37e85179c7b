#include "io/deu3_loader.h"

#include <charconv>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include "core/error.h"

namespace statecraft::io {

namespace {

struct Cell {
  std::string text;
  int column = 1;  // 1-based character column of the cell's start
};

std::vector<Cell> split_tabs(std::string_view line) {
  std::vector<Cell> cells;
  std::size_t start = 0;
  while (true) {
    const std::size_t tab = line.find('\t', start);
    std::string_view field = line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start);
    if (field.size() >= 2 && field.front() == '"' && field.back() == '"') field = field.substr(1, field.size() - 2);
    cells.push_back({std::string(field), static_cast<int>(start) + 1});
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return cells;
}

class Reader {
 public:
  Reader(std::string name) : name_(std::move(name)) {}

  [[noreturn]] void fail(int line, int column, const std::string& message) const {
    throw InputError(SourceLocation{name_, line, column}, message);
  }

  // Empty cell: no value. Otherwise a number in [low, high].
  std::optional<double> number(const std::vector<Cell>& cells, std::size_t index, int line, double low, double high,
                               const std::string& what) const {
    if (index >= cells.size() || cells[index].text.empty()) return std::nullopt;
    const std::string& text = cells[index].text;
    double value = 0.0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) {
      fail(line, cells[index].column, what + " '" + text + "' is not a number");
    }
    if (!(value >= low && value <= high)) {
      std::ostringstream message;
      message << what << " " << text << " is outside [" << low << ", " << high << "]";
      fail(line, cells[index].column, message.str());
    }
    return value;
  }

 private:
  std::string name_;
};

int two_digit_year(int yy) { return yy < 50 ? 2000 + yy : 1900 + yy; }

std::optional<int> digits(std::string_view text) {
  if (text.empty() || text.size() > 4) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

int parse_deu3_date(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t dash = text.find('-', start);
    parts.push_back(text.substr(start, dash == std::string_view::npos ? std::string_view::npos : dash - start));
    if (dash == std::string_view::npos) break;
    start = dash + 1;
  }
  if (parts.size() == 1) {
    const auto year = digits(parts[0]);
    return parts[0].size() == 4 && year && *year >= 1900 ? *year * 10000 + 101 : 0;
  }
  if (parts.size() != 3) return 0;
  const auto a = digits(parts[0]);
  const auto month = digits(parts[1]);
  const auto c = digits(parts[2]);
  if (!a || !month || !c || *month < 1 || *month > 12) return 0;
  int day = *a;
  int year = 0;
  if (parts[0].size() == 4) {  // spreadsheet-garbled dd-mm-yy: 19dd/20dd-mm-yy
    if (parts[2].size() != 2) return 0;
    day = *a % 100;
    year = two_digit_year(*c);
  } else if (parts[2].size() == 4) {
    year = *c;
  } else if (parts[2].size() == 2) {
    year = two_digit_year(*c);
  } else {
    return 0;
  }
  if (day < 1 || day > 31) return 0;
  return year * 10000 + *month * 100 + day;
}

Deu3Data load_deu3_text(std::string_view text, const std::string& name, Deu3Capability capability) {
  const Reader reader(name);
  std::vector<std::string> lines;
  {
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      std::string line(text.substr(start, end - start));
      if (!line.empty() && line.back() == '\r') line.pop_back();
      lines.push_back(std::move(line));
      start = end + 1;
    }
  }
  if (lines.size() < 2) reader.fail(0, 0, "expected a header row and a GDP row");

  const std::vector<Cell> header = split_tabs(lines[0]);
  std::map<std::string, std::size_t> column_of;
  for (std::size_t c = 0; c < header.size(); ++c) column_of.emplace(header[c].text, c);
  auto require = [&](const std::string& column) {
    auto it = column_of.find(column);
    if (it == column_of.end()) reader.fail(1, 1, "missing column '" + column + "'");
    return it->second;
  };
  const std::size_t issue_column = require("isnr");
  const std::size_t proposal_column = require("prnr");
  const std::size_t outcome_column = require("out");
  const std::size_t reference_column = require("rp");
  // Optional columns (a file without them still loads; the validation protocol then
  // treats every issue as introduced on an unknown date under an unknown procedure).
  auto optional_column = [&](const std::string& column) -> std::optional<std::size_t> {
    auto it = column_of.find(column);
    if (it == column_of.end()) return std::nullopt;
    return it->second;
  };
  const auto procedure_column = optional_column("proc");
  const auto rule_column = optional_column("counvte");
  const auto intro_column = optional_column("intro");

  // An actor is every code with both a p<code> and an s<code> column (which rules
  // out prnr, proc, prname and the like).
  struct ActorColumns {
    std::string code;
    std::size_t position;
    std::size_t salience;
  };
  std::vector<ActorColumns> actor_columns;
  Deu3Data data;
  for (std::size_t c = 0; c < header.size(); ++c) {
    const std::string& h = header[c].text;
    if (h.size() < 2 || h[0] != 'p') continue;
    auto it = column_of.find("s" + h.substr(1));
    if (it == column_of.end()) continue;
    actor_columns.push_back({h.substr(1), c, it->second});
    data.actors.push_back(h.substr(1));
  }
  if (actor_columns.size() < 3) reader.fail(1, 1, "fewer than 3 actor columns (p<actor> with s<actor>)");

  const std::vector<Cell> gdp_row = split_tabs(lines[1]);
  if (issue_column < gdp_row.size() && !gdp_row[issue_column].text.empty()) {
    reader.fail(2, gdp_row[issue_column].column, "row 2 should be the GDP row (no issue id), found issue '" +
                                                     gdp_row[issue_column].text + "'");
  }
  std::vector<double> gdp(actor_columns.size(), 1.0);
  if (capability == Deu3Capability::gdp) {
    for (std::size_t a = 0; a < actor_columns.size(); ++a) {
      const auto value = reader.number(gdp_row, actor_columns[a].position, 2, 0.0, 1e6, "GDP of " + actor_columns[a].code);
      if (!value) reader.fail(2, 1, "GDP row has no value for actor '" + actor_columns[a].code + "'");
      gdp[a] = *value;
    }
  }

  for (std::size_t l = 2; l < lines.size(); ++l) {
    if (lines[l].empty()) continue;
    const int line = static_cast<int>(l) + 1;
    const std::vector<Cell> cells = split_tabs(lines[l]);
    if (cells.size() != header.size()) {
      reader.fail(line, 1, "expected " + std::to_string(header.size()) + " fields, found " + std::to_string(cells.size()));
    }
    ++data.issue_rows;
    Issue issue;
    issue.id = cells[issue_column].text;
    issue.name = cells[proposal_column].text;
    if (issue.id.empty()) reader.fail(line, cells[issue_column].column, "empty issue id (isnr)");
    if (auto out = reader.number(cells, outcome_column, line, 0.0, 100.0, "outcome")) {
      issue.outcome = Figure{*out, "DEU III (Arregui & Perarnaud 2021)", false};
    }
    if (auto rp = reader.number(cells, reference_column, line, 0.0, 100.0, "reference point")) {
      issue.status_quo = Figure{*rp, "DEU III (Arregui & Perarnaud 2021)", false};
    }
    for (std::size_t a = 0; a < actor_columns.size(); ++a) {
      const auto position = reader.number(cells, actor_columns[a].position, line, 0.0, 100.0,
                                          "position of " + actor_columns[a].code);
      const auto salience = reader.number(cells, actor_columns[a].salience, line, 0.0, 100.0,
                                          "salience of " + actor_columns[a].code);
      if (!position || !salience) continue;  // no stance unless both are recorded
      Stance stance;
      stance.actor = actor_columns[a].code;
      stance.position = Figure{*position, "DEU III", false};
      stance.salience = Figure{*salience / 100.0, "DEU III", false};
      stance.capability = Figure{gdp[a], capability == Deu3Capability::gdp ? "DEU III GDP row" : "", capability == Deu3Capability::equal};
      issue.stances.push_back(std::move(stance));
    }
    if (issue.outcome && issue.stances.size() >= 3) {
      Deu3IssueInfo info;
      info.proposal = cells[proposal_column].text;
      if (procedure_column) info.procedure = cells[*procedure_column].text;
      if (rule_column) info.voting_rule = cells[*rule_column].text;
      if (intro_column) info.introduced = parse_deu3_date(cells[*intro_column].text);
      data.issues.push_back(std::move(issue));
      data.info.push_back(std::move(info));
    }
  }
  return data;
}

Deu3Data load_deu3(const std::filesystem::path& path, Deu3Capability capability) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(SourceLocation{path.string(), 0, 0}, "cannot open file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return load_deu3_text(buffer.str(), path.string(), capability);
}

}  // namespace statecraft::io
