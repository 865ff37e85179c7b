// Typed, located access to RawNode values, shared by the scenario loader and its
// sections. Each accessor throws an InputError at the offending node.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/figure.h"
#include "io/raw_node.h"

namespace statecraft::io {

// The closest candidate to `word` by edit distance, or "" when none is close enough
// to be a plausible typo.
std::string closest_match(std::string_view word, const std::vector<std::string_view>& candidates);

// A map whose keys are checked against a fixed list when it is opened.
class MapReader {
 public:
  MapReader(const RawNode& node, std::string_view what, std::initializer_list<std::string_view> allowed);
  MapReader(const RawNode& node, std::string_view what, const std::vector<std::string_view>& allowed);

  [[nodiscard]] const RawNode* optional(std::string_view key) const { return node_.find(key); }
  const RawNode& required(std::string_view key) const;  // throws when absent
  [[nodiscard]] const RawNode& node() const { return node_; }
  [[nodiscard]] std::string_view what() const { return what_; }

  [[nodiscard]] std::string string(std::string_view key, std::string fallback = {}) const;
  [[nodiscard]] std::string required_string(std::string_view key) const;
  [[nodiscard]] std::optional<double> number(std::string_view key) const;
  [[nodiscard]] std::optional<bool> boolean(std::string_view key) const;
  [[nodiscard]] std::vector<std::string> string_list(std::string_view key) const;
  [[nodiscard]] std::optional<Figure> figure(std::string_view key, const std::string& default_source) const;

 private:
  void check(const std::vector<std::string_view>& allowed) const;
  const RawNode& node_;
  std::string what_;
};

std::string as_string(const RawNode& node, std::string_view what);
double as_number(const RawNode& node, std::string_view what);
bool as_bool(const RawNode& node, std::string_view what);
Date as_date(const RawNode& node, std::string_view what);
std::vector<std::string> as_string_list(const RawNode& node, std::string_view what);
// A plain number or {value, source, assumed, note}.
Figure as_figure(const RawNode& node, std::string_view what, const std::string& default_source);

// "3", "0.25", "1e+06": how a number is shown in messages.
std::string format_number(double value);

// Throws "<what> <value> is outside [min, max]" at `node` unless min <= value <= max.
void check_range(double value, double min, double max, const RawNode& node, std::string_view what);

// Where a figure's number sits (the `value:` node of a figure map, else the node).
const RawNode& value_node(const RawNode& figure_node);

}  // namespace statecraft::io
