#include "io/node_reader.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>

namespace statecraft::io {

namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string found_description(const RawNode& node) {
  if (node.is_scalar()) return "'" + node.scalar + "'";
  return "a " + std::string(kind_name(node.kind));
}

}  // namespace

std::string closest_match(std::string_view word, const std::vector<std::string_view>& candidates) {
  std::string best;
  std::size_t best_distance = std::numeric_limits<std::size_t>::max();
  for (auto candidate : candidates) {
    std::size_t d = edit_distance(word, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = std::string(candidate);
    }
  }
  // A plausible typo: at most a third of the word changed, and never more than 3 edits.
  std::size_t limit = std::min<std::size_t>(3, std::max<std::size_t>(1, word.size() / 3));
  return best_distance <= limit ? best : std::string();
}

MapReader::MapReader(const RawNode& node, std::string_view what,
                     std::initializer_list<std::string_view> allowed)
    : node_(node), what_(what) {
  check(std::vector<std::string_view>(allowed));
}

MapReader::MapReader(const RawNode& node, std::string_view what,
                     const std::vector<std::string_view>& allowed)
    : node_(node), what_(what) {
  check(allowed);
}

void MapReader::check(const std::vector<std::string_view>& allowed) const {
  if (!node_.is_map()) {
    throw InputError(node_.location, "expected a map for " + what_ + ", found " + found_description(node_));
  }
  for (const auto& [key, value] : node_.entries) {
    if (std::find(allowed.begin(), allowed.end(), key.scalar) != allowed.end()) continue;
    std::string message = "unknown key '" + key.scalar + "' in " + what_;
    std::string suggestion = closest_match(key.scalar, allowed);
    if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
    throw InputError(key.location, message);
  }
}

const RawNode& MapReader::required(std::string_view key) const {
  const RawNode* value = node_.find(key);
  if (value == nullptr) {
    throw InputError(node_.location, what_ + " is missing required key '" + std::string(key) + "'");
  }
  return *value;
}

std::string MapReader::string(std::string_view key, std::string fallback) const {
  const RawNode* value = optional(key);
  return value == nullptr ? fallback : as_string(*value, key);
}

std::string MapReader::required_string(std::string_view key) const {
  std::string value = as_string(required(key), key);
  if (value.empty()) throw InputError(required(key).location, std::string(key) + " must not be empty");
  return value;
}

std::optional<double> MapReader::number(std::string_view key) const {
  const RawNode* value = optional(key);
  if (value == nullptr) return std::nullopt;
  return as_number(*value, key);
}

std::optional<bool> MapReader::boolean(std::string_view key) const {
  const RawNode* value = optional(key);
  if (value == nullptr) return std::nullopt;
  return as_bool(*value, key);
}

std::vector<std::string> MapReader::string_list(std::string_view key) const {
  const RawNode* value = optional(key);
  if (value == nullptr) return {};
  return as_string_list(*value, key);
}

std::optional<Figure> MapReader::figure(std::string_view key, const std::string& default_source) const {
  const RawNode* value = optional(key);
  if (value == nullptr) return std::nullopt;
  return as_figure(*value, key, default_source);
}

std::string as_string(const RawNode& node, std::string_view what) {
  if (!node.is_scalar()) {
    throw InputError(node.location, "expected text for " + std::string(what) + ", found " + found_description(node));
  }
  return node.scalar;
}

double as_number(const RawNode& node, std::string_view what) {
  if (!node.is_scalar()) {
    throw InputError(node.location,
                     "expected a number for " + std::string(what) + ", found " + found_description(node));
  }
  const std::string& text = node.scalar;
  double value = 0.0;
  const char* begin = text.data();
  const char* end = begin + text.size();
  if (begin != end && *begin == '+') ++begin;
  auto [ptr, ec] = std::from_chars(begin, end, value);
  if (ec != std::errc() || ptr != end || text.empty() || !std::isfinite(value)) {
    throw InputError(node.location, "expected a number for " + std::string(what) + ", found '" + text + "'");
  }
  return value;
}

bool as_bool(const RawNode& node, std::string_view what) {
  if (node.is_scalar()) {
    if (node.scalar == "true" || node.scalar == "True") return true;
    if (node.scalar == "false" || node.scalar == "False") return false;
  }
  throw InputError(node.location,
                   "expected true or false for " + std::string(what) + ", found " + found_description(node));
}

Date as_date(const RawNode& node, std::string_view what) {
  std::string text = as_string(node, what);
  auto date = parse_date(text);
  if (!date) {
    throw InputError(node.location, "expected a date YYYY-MM-DD for " + std::string(what) + ", found '" + text + "'");
  }
  return *date;
}

std::vector<std::string> as_string_list(const RawNode& node, std::string_view what) {
  if (!node.is_sequence()) {
    throw InputError(node.location, "expected a list for " + std::string(what) + ", found " + found_description(node));
  }
  std::vector<std::string> out;
  out.reserve(node.items.size());
  for (const auto& item : node.items) out.push_back(as_string(item, what));
  return out;
}

Figure as_figure(const RawNode& node, std::string_view what, const std::string& default_source) {
  if (node.is_map()) {
    MapReader figure(node, std::string(what), {"value", "source", "assumed", "note"});
    Figure out;
    out.value = as_number(figure.required("value"), what);
    out.source = figure.string("source", default_source);
    out.assumed = figure.boolean("assumed").value_or(false);
    return out;
  }
  return Figure{as_number(node, what), default_source, false};
}

std::string format_number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

void check_range(double value, double min, double max, const RawNode& node, std::string_view what) {
  if (value >= min && value <= max) return;
  std::string range = std::isinf(max) ? "must be >= " + format_number(min)
                                      : "is outside [" + format_number(min) + ", " + format_number(max) + "]";
  throw InputError(value_node(node).location, std::string(what) + " " + format_number(value) + " " + range);
}

const RawNode& value_node(const RawNode& figure_node) {
  if (figure_node.is_map()) {
    if (const RawNode* v = figure_node.find("value")) return *v;
  }
  return figure_node;
}

}  // namespace statecraft::io
