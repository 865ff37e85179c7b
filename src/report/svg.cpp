#include "report/svg.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace statecraft::report {

namespace {

// A colour-blind-safe qualitative palette (Okabe & Ito, 2008).
constexpr const char* kPalette[] = {"#0072B2", "#E69F00", "#009E73", "#D55E00",
                                    "#CC79A7", "#56B4E9", "#F0E442", "#000000"};
constexpr const char* kAccent = "#D55E00";
constexpr const char* kMuted = "#0072B2";

std::string num(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", v);
  return buffer;
}

std::string tick_label(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", std::abs(v) < 1e-12 ? 0.0 : v);
  return buffer;
}

}  // namespace

std::string escape_xml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::vector<double> nice_ticks(double lo, double hi, int target_count) {
  if (!(hi > lo)) hi = lo + 1.0;
  double raw_step = (hi - lo) / std::max(1, target_count);
  double magnitude = std::pow(10.0, std::floor(std::log10(raw_step)));
  double step = magnitude;
  for (double multiple : {1.0, 2.0, 5.0, 10.0}) {
    step = multiple * magnitude;
    if (step >= raw_step) break;
  }
  std::vector<double> ticks;
  for (double t = std::ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step) ticks.push_back(t);
  return ticks;
}

std::string render(const LineChart& chart) {
  const double left = 56;
  const double right = 150;  // room for the legend
  const double top = 32;
  const double bottom = 44;
  const double plot_w = chart.width - left - right;
  const double plot_h = chart.height - top - bottom;

  double x_lo = std::numeric_limits<double>::infinity();
  double x_hi = -x_lo;
  double y_lo = x_lo;
  double y_hi = -x_lo;
  for (const auto& s : chart.series) {
    for (double v : s.x) x_lo = std::min(x_lo, v), x_hi = std::max(x_hi, v);
    for (const auto* values : {&s.y, &s.lower, &s.upper}) {
      for (double v : *values) y_lo = std::min(y_lo, v), y_hi = std::max(y_hi, v);
    }
  }
  if (!std::isfinite(x_lo)) x_lo = 0, x_hi = 1;
  if (!std::isfinite(y_lo)) y_lo = 0, y_hi = 1;
  if (x_hi == x_lo) x_hi = x_lo + 1;
  if (chart.y_min) y_lo = *chart.y_min;
  if (chart.y_max) y_hi = *chart.y_max;
  if (y_hi == y_lo) y_hi = y_lo + 1;
  auto ticks_y = nice_ticks(y_lo, y_hi);
  if (!chart.y_min) y_lo = std::min(y_lo, ticks_y.front());
  if (!chart.y_max) y_hi = std::max(y_hi, ticks_y.back());
  auto px = [&](double x) { return left + (x - x_lo) / (x_hi - x_lo) * plot_w; };
  auto py = [&](double y) { return top + (1.0 - (y - y_lo) / (y_hi - y_lo)) * plot_h; };

  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(chart.width) +
                    " " + std::to_string(chart.height) +
                    "\" role=\"img\" font-family=\"sans-serif\" font-size=\"11\">";
  svg += "<title>" + escape_xml(chart.title) + "</title>";
  svg += "<text x=\"" + num(left) + "\" y=\"18\" font-size=\"13\" font-weight=\"bold\">" +
         escape_xml(chart.title) + "</text>";
  for (double t : nice_ticks(y_lo, y_hi)) {
    if (t < y_lo - 1e-9 || t > y_hi + 1e-9) continue;
    svg += "<line x1=\"" + num(left) + "\" x2=\"" + num(left + plot_w) + "\" y1=\"" + num(py(t)) +
           "\" y2=\"" + num(py(t)) + "\" stroke=\"#ddd\"/>";
    svg += "<text x=\"" + num(left - 6) + "\" y=\"" + num(py(t) + 4) + "\" text-anchor=\"end\">" +
           tick_label(t) + "</text>";
  }
  for (double t : nice_ticks(x_lo, x_hi)) {
    if (t < x_lo - 1e-9 || t > x_hi + 1e-9) continue;
    svg += "<text x=\"" + num(px(t)) + "\" y=\"" + num(top + plot_h + 16) + "\" text-anchor=\"middle\">" +
           tick_label(t) + "</text>";
  }
  svg += "<line x1=\"" + num(left) + "\" x2=\"" + num(left) + "\" y1=\"" + num(top) + "\" y2=\"" +
         num(top + plot_h) + "\" stroke=\"#333\"/><line x1=\"" + num(left) + "\" x2=\"" + num(left + plot_w) +
         "\" y1=\"" + num(top + plot_h) + "\" y2=\"" + num(top + plot_h) + "\" stroke=\"#333\"/>";
  svg += "<text x=\"" + num(left + plot_w / 2) + "\" y=\"" + num(chart.height - 8.0) +
         "\" text-anchor=\"middle\">" + escape_xml(chart.x_label) + "</text>";
  svg += "<text transform=\"translate(14 " + num(top + plot_h / 2) +
         ") rotate(-90)\" text-anchor=\"middle\">" + escape_xml(chart.y_label) + "</text>";

  for (std::size_t i = 0; i < chart.series.size(); ++i) {
    const Series& s = chart.series[i];
    const char* colour = kPalette[i % std::size(kPalette)];
    std::size_t n = std::min(s.x.size(), s.y.size());
    if (s.lower.size() == n && s.upper.size() == n && n > 0) {
      std::string points;
      for (std::size_t k = 0; k < n; ++k) points += num(px(s.x[k])) + "," + num(py(s.upper[k])) + " ";
      for (std::size_t k = n; k-- > 0;) points += num(px(s.x[k])) + "," + num(py(s.lower[k])) + " ";
      svg += "<polygon points=\"" + points + "\" fill=\"" + colour +
             "\" fill-opacity=\"0.18\" stroke=\"none\"/>";
    }
    std::string points;
    for (std::size_t k = 0; k < n; ++k) points += num(px(s.x[k])) + "," + num(py(s.y[k])) + " ";
    svg += "<polyline points=\"" + points + "\" fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"2\"/>";
    for (std::size_t k = 0; k < n; ++k) {
      svg += "<circle cx=\"" + num(px(s.x[k])) + "\" cy=\"" + num(py(s.y[k])) + "\" r=\"2.5\" fill=\"" +
             colour + "\"/>";
    }
    double ly = top + 8 + 16.0 * static_cast<double>(i);
    svg += "<rect x=\"" + num(left + plot_w + 12) + "\" y=\"" + num(ly - 8) +
           "\" width=\"10\" height=\"10\" fill=\"" + colour + "\"/><text x=\"" + num(left + plot_w + 27) +
           "\" y=\"" + num(ly + 1) + "\">" + escape_xml(s.label) + "</text>";
  }
  svg += "</svg>";
  return svg;
}

std::string render(const BarChart& chart) {
  const double label_w = 150;
  const double value_w = 60;
  const double row_h = 18;
  const double top = 30;
  const double plot_w = chart.width - label_w - value_w;
  const double height = top + row_h * static_cast<double>(chart.bars.size()) + 26;
  double max_value = 0;
  for (const auto& b : chart.bars) max_value = std::max(max_value, b.value);
  if (chart.max_value) max_value = *chart.max_value;
  if (max_value <= 0) max_value = 1;

  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(chart.width) +
                    " " + num(height) + "\" role=\"img\" font-family=\"sans-serif\" font-size=\"11\">";
  svg += "<title>" + escape_xml(chart.title) + "</title>";
  svg +=
      "<text x=\"4\" y=\"18\" font-size=\"13\" font-weight=\"bold\">" + escape_xml(chart.title) + "</text>";
  for (std::size_t i = 0; i < chart.bars.size(); ++i) {
    const Bar& b = chart.bars[i];
    double y = top + row_h * static_cast<double>(i);
    double w = std::clamp(b.value / max_value, 0.0, 1.0) * plot_w;
    svg += "<text x=\"" + num(label_w - 6) + "\" y=\"" + num(y + 12) + "\" text-anchor=\"end\">" +
           escape_xml(b.label) + "</text>";
    svg += "<rect x=\"" + num(label_w) + "\" y=\"" + num(y + 2) + "\" width=\"" + num(w) + "\" height=\"" +
           num(row_h - 5) + "\" fill=\"" + (b.highlight ? kAccent : kMuted) + "\"/>";
    svg += "<text x=\"" + num(label_w + w + 4) + "\" y=\"" + num(y + 12) + "\">" +
           tick_label(std::round(b.value * 1e4) / 1e4) + "</text>";
  }
  svg += "<text x=\"" + num(label_w) + "\" y=\"" + num(height - 8) + "\">" + escape_xml(chart.value_label) +
         "</text>";
  svg += "</svg>";
  return svg;
}

std::string yes_colour(double p_yes) {
  // Diverging scale: no (#B2182B) through neutral grey (#E0E0E0) to yes (#2166AC).
  const double p = std::clamp(std::isfinite(p_yes) ? p_yes : 0.5, 0.0, 1.0);
  const int no[3] = {0xB2, 0x18, 0x2B};
  const int mid[3] = {0xE0, 0xE0, 0xE0};
  const int yes[3] = {0x21, 0x66, 0xAC};
  const int* a = p < 0.5 ? no : mid;
  const int* b = p < 0.5 ? mid : yes;
  const double t = p < 0.5 ? p / 0.5 : (p - 0.5) / 0.5;
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "#%02X%02X%02X",
                static_cast<int>(std::lround(a[0] + t * (b[0] - a[0]))),
                static_cast<int>(std::lround(a[1] + t * (b[1] - a[1]))),
                static_cast<int>(std::lround(a[2] + t * (b[2] - a[2]))));
  return buffer;
}

std::string render(const VoteMap& map) {
  const double tile = 46;
  const double gap = 4;
  const double top = 30;
  const int columns = std::max(1, static_cast<int>((map.width - 8) / (tile + gap)));
  const auto rows = static_cast<int>((map.tiles.size() + static_cast<std::size_t>(columns) - 1) /
                                     static_cast<std::size_t>(columns));
  const double legend_y = top + rows * (tile + gap) + 10;
  const double height = legend_y + 40;
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(map.width) +
                    " " + num(height) + "\" role=\"img\" font-family=\"sans-serif\" font-size=\"10\">";
  svg += "<title>" + escape_xml(map.title) + "</title>";
  svg += "<text x=\"4\" y=\"18\" font-size=\"13\" font-weight=\"bold\">" + escape_xml(map.title) + "</text>";
  for (std::size_t i = 0; i < map.tiles.size(); ++i) {
    const VoteTile& t = map.tiles[i];
    const double x = 4 + static_cast<double>(i % static_cast<std::size_t>(columns)) * (tile + gap);
    const double y = top + static_cast<double>(i / static_cast<std::size_t>(columns)) * (tile + gap);
    svg += "<g><title>" + escape_xml(t.label) + ": p(yes) " + num(t.p_yes) + (t.pivotal ? ", pivotal" : "") +
           "</title><rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(tile) + "\" height=\"" +
           num(tile) + "\" rx=\"4\" fill=\"" + yes_colour(t.p_yes) + "\" stroke=\"" +
           (t.pivotal ? "#000" : "#fff") + "\" stroke-width=\"" + (t.pivotal ? "3" : "1") + "\"/>";
    const bool dark = t.p_yes < 0.2 || t.p_yes > 0.8;
    const char* ink = dark ? "#fff" : "#111";
    svg += "<text x=\"" + num(x + tile / 2) + "\" y=\"" + num(y + 19) + "\" text-anchor=\"middle\" fill=\"" +
           ink + "\">" + escape_xml(t.label.substr(0, 8)) + "</text>";
    svg += "<text x=\"" + num(x + tile / 2) + "\" y=\"" + num(y + 33) + "\" text-anchor=\"middle\" fill=\"" +
           ink + "\">" + num(t.p_yes) + "</text></g>";
  }
  // Legend: eleven swatches from no to yes, and the pivotal outline.
  for (int k = 0; k <= 10; ++k) {
    svg += "<rect x=\"" + num(4 + 18.0 * k) + "\" y=\"" + num(legend_y) +
           "\" width=\"18\" height=\"10\" fill=\"" + yes_colour(k / 10.0) + "\"/>";
  }
  svg += "<text x=\"4\" y=\"" + num(legend_y + 24) + "\">p(yes) 0</text><text x=\"202\" y=\"" +
         num(legend_y + 24) + "\" text-anchor=\"end\">1</text>";
  svg += "<rect x=\"230\" y=\"" + num(legend_y) +
         "\" width=\"14\" height=\"14\" fill=\"none\" stroke=\"#000\" "
         "stroke-width=\"3\"/><text x=\"250\" y=\"" +
         num(legend_y + 11) + "\">pivotal member</text>";
  svg += "</svg>";
  return svg;
}

std::vector<std::pair<double, double>> layout(const NetworkGraph& graph) {
  const std::size_t n = graph.nodes.size();
  std::vector<std::pair<double, double>> at(n);
  constexpr double kPi = 3.14159265358979323846;
  for (std::size_t i = 0; i < n; ++i) {
    const double angle =
        2.0 * kPi * static_cast<double>(i) / static_cast<double>(std::max<std::size_t>(n, 1));
    at[i] = {0.5 + 0.4 * std::cos(angle), 0.5 + 0.4 * std::sin(angle)};
  }
  if (n < 3) return at;
  // Fruchterman & Reingold (1991): repulsion k^2/d between all pairs, attraction d^2/k
  // along edges, steps capped by a temperature that cools linearly. Fixed iteration
  // count and start, so the picture is the same on every run.
  const double k = std::sqrt(1.0 / static_cast<double>(n));
  constexpr int kIterations = 200;
  std::vector<std::pair<double, double>> shift(n);
  for (int iteration = 0; iteration < kIterations; ++iteration) {
    const double temperature = 0.1 * (1.0 - static_cast<double>(iteration) / kIterations);
    std::fill(shift.begin(), shift.end(), std::pair<double, double>{0.0, 0.0});
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = i + 1; j < n; ++j) {
        double dx = at[i].first - at[j].first;
        double dy = at[i].second - at[j].second;
        const double d2 = std::max(dx * dx + dy * dy, 1e-6);
        const double f = k * k / d2;
        shift[i].first += dx * f, shift[i].second += dy * f;
        shift[j].first -= dx * f, shift[j].second -= dy * f;
      }
    }
    for (const auto& e : graph.edges) {
      if (e.from >= n || e.to >= n || e.from == e.to) continue;
      const double dx = at[e.from].first - at[e.to].first;
      const double dy = at[e.from].second - at[e.to].second;
      const double d = std::sqrt(dx * dx + dy * dy);
      const double f = d / k;
      shift[e.from].first -= dx * f, shift[e.from].second -= dy * f;
      shift[e.to].first += dx * f, shift[e.to].second += dy * f;
    }
    for (std::size_t i = 0; i < n; ++i) {
      const double length = std::sqrt(shift[i].first * shift[i].first + shift[i].second * shift[i].second);
      if (length > 0) {
        const double step = std::min(length, temperature) / length;
        at[i].first += shift[i].first * step;
        at[i].second += shift[i].second * step;
      }
    }
  }
  // Fit into the unit square.
  double x_lo = 1e300, x_hi = -1e300, y_lo = 1e300, y_hi = -1e300;
  for (const auto& [x, y] : at)
    x_lo = std::min(x_lo, x), x_hi = std::max(x_hi, x), y_lo = std::min(y_lo, y), y_hi = std::max(y_hi, y);
  const double span_x = std::max(x_hi - x_lo, 1e-9);
  const double span_y = std::max(y_hi - y_lo, 1e-9);
  for (auto& [x, y] : at) x = (x - x_lo) / span_x, y = (y - y_lo) / span_y;
  return at;
}

std::string render(const NetworkGraph& graph) {
  const double margin = 40;
  const double top = 30;
  const double w = graph.width - 2 * margin;
  const double h = graph.height - top - margin;
  const auto at = layout(graph);
  auto px = [&](std::size_t i) { return margin + at[i].first * w; };
  auto py = [&](std::size_t i) { return top + 10 + at[i].second * (h - 10); };
  auto radius = [&](std::size_t i) { return 4.0 + 6.0 * std::clamp(graph.nodes[i].size, 0.0, 1.5); };
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(graph.width) +
                    " " + std::to_string(graph.height) +
                    "\" role=\"img\" font-family=\"sans-serif\" font-size=\"10\">";
  svg += "<title>" + escape_xml(graph.title) + "</title>";
  svg +=
      "<text x=\"4\" y=\"18\" font-size=\"13\" font-weight=\"bold\">" + escape_xml(graph.title) + "</text>";
  for (const auto& e : graph.edges) {
    if (e.from >= at.size() || e.to >= at.size()) continue;
    const double x1 = px(e.from), y1 = py(e.from), x2 = px(e.to), y2 = py(e.to);
    svg += "<line x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) + "\" y2=\"" + num(y2) +
           "\" stroke=\"#777\" stroke-opacity=\"0.7\" stroke-width=\"" + num(std::max(0.5, e.width)) + "\"" +
           (e.dashed ? " stroke-dasharray=\"5 4\"" : "") + "/>";
    const double dx = x2 - x1, dy = y2 - y1;
    const double length = std::sqrt(dx * dx + dy * dy);
    if (e.directed && length > 1e-6) {
      // Arrowhead drawn as a polygon (no <marker> ids, which would clash between the
      // several SVGs of one HTML page).
      const double ux = dx / length, uy = dy / length;
      const double tip_x = x2 - ux * radius(e.to), tip_y = y2 - uy * radius(e.to);
      const double size = 6 + std::max(0.5, e.width);
      svg += "<polygon points=\"" + num(tip_x) + "," + num(tip_y) + " " +
             num(tip_x - ux * size - uy * size * 0.5) + "," + num(tip_y - uy * size + ux * size * 0.5) + " " +
             num(tip_x - ux * size + uy * size * 0.5) + "," + num(tip_y - uy * size - ux * size * 0.5) +
             "\" fill=\"#555\"/>";
    }
    if (!e.label.empty()) {
      svg += "<text x=\"" + num((x1 + x2) / 2) + "\" y=\"" + num((y1 + y2) / 2 - 3) +
             "\" text-anchor=\"middle\" fill=\"#333\">" + escape_xml(e.label) + "</text>";
    }
  }
  for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
    const GraphNode& node = graph.nodes[i];
    const std::string colour =
        node.colour.empty()
            ? kPalette[static_cast<std::size_t>(std::max(0, node.group)) % std::size(kPalette)]
            : node.colour;
    svg += "<g><title>" + escape_xml(node.label.empty() ? node.id : node.label) + "</title><circle cx=\"" +
           num(px(i)) + "\" cy=\"" + num(py(i)) + "\" r=\"" + num(radius(i)) + "\" fill=\"" + colour +
           "\" stroke=\"#fff\" stroke-width=\"1.5\"/><text x=\"" + num(px(i)) + "\" y=\"" +
           num(py(i) - radius(i) - 3) + "\" text-anchor=\"middle\">" + escape_xml(node.id) + "</text></g>";
  }
  svg += "</svg>";
  return svg;
}

}  // namespace statecraft::report
