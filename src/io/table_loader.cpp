#include "io/table_loader.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <fstream>
#include <optional>
#include <sstream>
#include <vector>

#include "core/error.h"
#include "io/node_reader.h"

namespace statecraft::io {

namespace {

struct Field {
  std::string text;
  int column = 1;  // 1-based character column where the field starts
};

// Splits one CSV line (RFC 4180 quoting, no embedded newlines) into fields.
std::vector<Field> split_csv(const std::string& line, const std::string& file, int line_number) {
  std::vector<Field> fields;
  Field current;
  bool quoted = false;
  bool field_was_quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        current.text += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        current.text += c;
      }
    } else if (c == '"' && current.text.empty() && !field_was_quoted) {
      quoted = true;
      field_was_quoted = true;
    } else if (c == ',') {
      fields.push_back(current);
      current = Field{"", static_cast<int>(i) + 2};
      field_was_quoted = false;
    } else {
      current.text += c;
    }
  }
  if (quoted) throw InputError({file, line_number, current.column}, "unterminated quoted field");
  fields.push_back(current);
  for (auto& f : fields) {
    // Trim surrounding blanks: tables written by hand often align columns.
    auto not_space = [](unsigned char ch) { return std::isspace(ch) == 0; };
    auto begin = std::find_if(f.text.begin(), f.text.end(), not_space);
    auto end = std::find_if(f.text.rbegin(), f.text.rend(), not_space).base();
    f.text = begin < end ? std::string(begin, end) : std::string();
  }
  return fields;
}

double parse_number(const Field& field, const std::string& file, int line, std::string_view what) {
  double value = 0;
  const char* begin = field.text.data();
  const char* end = begin + field.text.size();
  auto [ptr, ec] = std::from_chars(begin, end, value);
  if (field.text.empty() || ec != std::errc() || ptr != end || !std::isfinite(value)) {
    throw InputError({file, line, field.column},
                     "expected a number for " + std::string(what) + ", found '" + field.text + "'");
  }
  return value;
}

}  // namespace

Issue load_table_text(std::string_view csv, const std::string& name, const TableOptions& options) {
  std::istringstream in{std::string(csv)};
  std::string line;
  int line_number = 0;
  std::vector<Field> header;
  while (std::getline(in, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line_number == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // UTF-8 BOM
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    header = split_csv(line, name, line_number);
    break;
  }
  if (header.empty()) throw InputError({name, 0, 0}, "empty table: expected a header actor,capability,position,salience");

  constexpr std::array<std::string_view, 4> kColumns{"actor", "capability", "position", "salience"};
  std::array<std::size_t, 4> index{};
  std::vector<std::string_view> header_names;
  for (const auto& h : header) header_names.push_back(h.text);
  for (std::size_t c = 0; c < kColumns.size(); ++c) {
    auto it = std::find_if(header.begin(), header.end(), [&](const Field& f) { return f.text == kColumns[c]; });
    if (it == header.end()) {
      throw InputError({name, line_number, 0}, "missing column '" + std::string(kColumns[c]) +
                                                   "' in header (expected actor,capability,position,salience)");
    }
    if (std::count_if(header.begin(), header.end(), [&](const Field& f) { return f.text == kColumns[c]; }) > 1) {
      throw InputError({name, line_number, 0}, "column '" + std::string(kColumns[c]) + "' appears twice in header");
    }
    index[c] = static_cast<std::size_t>(it - header.begin());
  }

  Issue issue;
  issue.id = "table";
  issue.name = name;
  issue.scale_min = options.scale_min;
  issue.scale_max = options.scale_max;
  while (std::getline(in, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    auto fields = split_csv(line, name, line_number);
    if (fields.size() != header.size()) {
      throw InputError({name, line_number, 0}, "row has " + std::to_string(fields.size()) + " fields, header has " +
                                                   std::to_string(header.size()));
    }
    const Field& actor = fields[index[0]];
    if (actor.text.empty()) throw InputError({name, line_number, actor.column}, "empty actor name");
    if (issue.find_stance(actor.text) != nullptr) {
      throw InputError({name, line_number, actor.column}, "duplicate actor '" + actor.text + "'");
    }
    Stance stance;
    stance.actor = actor.text;
    double capability = parse_number(fields[index[1]], name, line_number, "capability");
    double position = parse_number(fields[index[2]], name, line_number, "position");
    double salience = parse_number(fields[index[3]], name, line_number, "salience");
    auto range_error = [&](std::size_t column, std::string_view what, double value, std::string range) {
      throw InputError({name, line_number, fields[index[column]].column},
                       std::string(what) + " " + format_number(value) + " " + range);
    };
    if (capability < 0) range_error(1, "capability", capability, "must be >= 0");
    if (position < options.scale_min || position > options.scale_max) {
      range_error(2, "position", position,
                  "is outside [" + format_number(options.scale_min) + ", " + format_number(options.scale_max) + "]");
    }
    if (salience < 0 || salience > 1) range_error(3, "salience", salience, "is outside [0, 1]");
    stance.capability = Figure{capability, name, false};
    stance.position = Figure{position, name, false};
    stance.salience = Figure{salience, name, false};
    issue.stances.push_back(std::move(stance));
  }
  if (issue.stances.empty()) throw InputError({name, line_number, 0}, "table has a header but no rows");
  return issue;
}

Issue load_table(const std::filesystem::path& path, const TableOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in || std::filesystem::is_directory(path)) {
    throw InputError({path.string(), 0, 0}, "cannot read table file '" + path.string() + "'");
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return load_table_text(buffer.str(), path.string(), options);
}

}  // namespace statecraft::io
