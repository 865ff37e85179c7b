// Self-contained SVG charts for reports: no scripts, no external fonts or files, so a
// report opens offline in any browser. Output is deterministic (fixed number format).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace statecraft::report {

struct Series {
  std::string label;
  std::vector<double> x;
  std::vector<double> y;
  // Optional band around the line (e.g. a Monte Carlo interval), same length as x.
  std::vector<double> lower;
  std::vector<double> upper;
};

struct LineChart {
  std::string title;
  std::string x_label;
  std::string y_label;
  std::vector<Series> series;
  std::optional<double> y_min;  // fixed axis range; derived from the data when absent
  std::optional<double> y_max;
  int width = 640;
  int height = 320;
};

struct Bar {
  std::string label;
  double value = 0.0;
  bool highlight = false;  // drawn in the accent colour (e.g. a pivotal member)
};

struct BarChart {
  std::string title;
  std::string value_label;
  std::vector<Bar> bars;
  std::optional<double> max_value;  // axis end; the largest bar when absent
  int width = 640;
};

std::string render(const LineChart& chart);
std::string render(const BarChart& chart);  // horizontal bars, one row per bar

// Escapes &, <, >, " and ' for text and attribute values.
std::string escape_xml(std::string_view text);

// "Nice" axis ticks covering [lo, hi] (steps of 1, 2 or 5 times a power of ten).
std::vector<double> nice_ticks(double lo, double hi, int target_count = 5);

}  // namespace statecraft::report
