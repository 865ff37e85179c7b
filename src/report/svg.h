// Self-contained SVG charts for reports: no scripts, no external fonts or files, so a
// report opens offline in any browser. Output is deterministic (fixed number format).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
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

// Members of a forum as tiles coloured by their probability of voting yes (red 0,
// grey 0.5, blue 1); pivotal members get a thick outline.
struct VoteTile {
  std::string label;
  double p_yes = 0.0;
  bool pivotal = false;
};

struct VoteMap {
  std::string title;
  std::vector<VoteTile> tiles;
  int width = 640;
};

// A drawn graph: nodes placed on a circle and relaxed by a fixed number of
// force-directed steps (deterministic), edges as lines or arrows of given width.
struct GraphNode {
  std::string id;
  std::string label;
  double size = 1.0;   // relative radius
  std::string colour;  // empty: palette by group
  int group = 0;
};

struct GraphEdge {
  std::size_t from = 0;  // node indices
  std::size_t to = 0;
  double width = 1.0;   // stroke width in pixels
  std::string label;    // shown at the middle of the edge when not empty
  bool dashed = false;  // e.g. a closed corridor edge
  bool directed = false;
};

struct NetworkGraph {
  std::string title;
  std::vector<GraphNode> nodes;
  std::vector<GraphEdge> edges;
  int width = 640;
  int height = 480;
};

std::string render(const LineChart& chart);
std::string render(const BarChart& chart);  // horizontal bars, one row per bar
std::string render(const VoteMap& map);
std::string render(const NetworkGraph& graph);

// Node positions in [0, 1]^2 for `graph` (circle, then force-directed relaxation).
std::vector<std::pair<double, double>> layout(const NetworkGraph& graph);

// "#rrggbb" for p in [0, 1] on the red-grey-blue scale of VoteMap.
std::string yes_colour(double p_yes);

// Escapes &, <, >, " and ' for text and attribute values.
std::string escape_xml(std::string_view text);

// "Nice" axis ticks covering [lo, hi] (steps of 1, 2 or 5 times a power of ten).
std::vector<double> nice_ticks(double lo, double hi, int target_count = 5);

}  // namespace statecraft::report
