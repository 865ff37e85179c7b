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

  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(chart.width) + " " +
                    std::to_string(chart.height) + "\" role=\"img\" font-family=\"sans-serif\" font-size=\"11\">";
  svg += "<title>" + escape_xml(chart.title) + "</title>";
  svg += "<text x=\"" + num(left) + "\" y=\"18\" font-size=\"13\" font-weight=\"bold\">" + escape_xml(chart.title) + "</text>";
  for (double t : nice_ticks(y_lo, y_hi)) {
    if (t < y_lo - 1e-9 || t > y_hi + 1e-9) continue;
    svg += "<line x1=\"" + num(left) + "\" x2=\"" + num(left + plot_w) + "\" y1=\"" + num(py(t)) + "\" y2=\"" +
           num(py(t)) + "\" stroke=\"#ddd\"/>";
    svg += "<text x=\"" + num(left - 6) + "\" y=\"" + num(py(t) + 4) + "\" text-anchor=\"end\">" + tick_label(t) + "</text>";
  }
  for (double t : nice_ticks(x_lo, x_hi)) {
    if (t < x_lo - 1e-9 || t > x_hi + 1e-9) continue;
    svg += "<text x=\"" + num(px(t)) + "\" y=\"" + num(top + plot_h + 16) + "\" text-anchor=\"middle\">" +
           tick_label(t) + "</text>";
  }
  svg += "<line x1=\"" + num(left) + "\" x2=\"" + num(left) + "\" y1=\"" + num(top) + "\" y2=\"" + num(top + plot_h) +
         "\" stroke=\"#333\"/><line x1=\"" + num(left) + "\" x2=\"" + num(left + plot_w) + "\" y1=\"" +
         num(top + plot_h) + "\" y2=\"" + num(top + plot_h) + "\" stroke=\"#333\"/>";
  svg += "<text x=\"" + num(left + plot_w / 2) + "\" y=\"" + num(chart.height - 8.0) + "\" text-anchor=\"middle\">" +
         escape_xml(chart.x_label) + "</text>";
  svg += "<text transform=\"translate(14 " + num(top + plot_h / 2) + ") rotate(-90)\" text-anchor=\"middle\">" +
         escape_xml(chart.y_label) + "</text>";

  for (std::size_t i = 0; i < chart.series.size(); ++i) {
    const Series& s = chart.series[i];
    const char* colour = kPalette[i % std::size(kPalette)];
    std::size_t n = std::min(s.x.size(), s.y.size());
    if (s.lower.size() == n && s.upper.size() == n && n > 0) {
      std::string points;
      for (std::size_t k = 0; k < n; ++k) points += num(px(s.x[k])) + "," + num(py(s.upper[k])) + " ";
      for (std::size_t k = n; k-- > 0;) points += num(px(s.x[k])) + "," + num(py(s.lower[k])) + " ";
      svg += "<polygon points=\"" + points + "\" fill=\"" + colour + "\" fill-opacity=\"0.18\" stroke=\"none\"/>";
    }
    std::string points;
    for (std::size_t k = 0; k < n; ++k) points += num(px(s.x[k])) + "," + num(py(s.y[k])) + " ";
    svg += "<polyline points=\"" + points + "\" fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"2\"/>";
    for (std::size_t k = 0; k < n; ++k) {
      svg += "<circle cx=\"" + num(px(s.x[k])) + "\" cy=\"" + num(py(s.y[k])) + "\" r=\"2.5\" fill=\"" + colour + "\"/>";
    }
    double ly = top + 8 + 16.0 * static_cast<double>(i);
    svg += "<rect x=\"" + num(left + plot_w + 12) + "\" y=\"" + num(ly - 8) + "\" width=\"10\" height=\"10\" fill=\"" +
           colour + "\"/><text x=\"" + num(left + plot_w + 27) + "\" y=\"" + num(ly + 1) + "\">" + escape_xml(s.label) +
           "</text>";
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

  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(chart.width) + " " +
                    num(height) + "\" role=\"img\" font-family=\"sans-serif\" font-size=\"11\">";
  svg += "<title>" + escape_xml(chart.title) + "</title>";
  svg += "<text x=\"4\" y=\"18\" font-size=\"13\" font-weight=\"bold\">" + escape_xml(chart.title) + "</text>";
  for (std::size_t i = 0; i < chart.bars.size(); ++i) {
    const Bar& b = chart.bars[i];
    double y = top + row_h * static_cast<double>(i);
    double w = std::clamp(b.value / max_value, 0.0, 1.0) * plot_w;
    svg += "<text x=\"" + num(label_w - 6) + "\" y=\"" + num(y + 12) + "\" text-anchor=\"end\">" + escape_xml(b.label) + "</text>";
    svg += "<rect x=\"" + num(label_w) + "\" y=\"" + num(y + 2) + "\" width=\"" + num(w) + "\" height=\"" +
           num(row_h - 5) + "\" fill=\"" + (b.highlight ? kAccent : kMuted) + "\"/>";
    svg += "<text x=\"" + num(label_w + w + 4) + "\" y=\"" + num(y + 12) + "\">" + tick_label(std::round(b.value * 1e4) / 1e4) +
           "</text>";
  }
  svg += "<text x=\"" + num(label_w) + "\" y=\"" + num(height - 8) + "\">" + escape_xml(chart.value_label) + "</text>";
  svg += "</svg>";
  return svg;
}

}  // namespace statecraft::report
