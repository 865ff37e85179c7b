#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "report/html_report.h"
#include "report/svg.h"
#include "report/sweep_section.h"
#include "report/validation_report.h"

namespace statecraft::report {
namespace {

int count(const std::string& text, const std::string& what) {
  int n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(Svg, EscapesMarkup) {
  EXPECT_EQ(escape_xml("a<b & \"c\" 'd'>"), "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;");
}

TEST(Svg, NiceTicksCoverTheRangeWithRoundSteps) {
  auto ticks = nice_ticks(0, 100);
  ASSERT_GE(ticks.size(), 3u);
  EXPECT_DOUBLE_EQ(ticks.front(), 0);
  EXPECT_DOUBLE_EQ(ticks.back(), 100);
  auto small = nice_ticks(4.0, 10.0);
  EXPECT_DOUBLE_EQ(small[1] - small[0], 2.0);
}

TEST(Svg, LineChartDrawsEverySeriesAndBandInsideTheViewBox) {
  LineChart chart;
  chart.title = "Forecast <bdm>";
  chart.series.push_back({"median", {0, 1, 2}, {7, 8.4, 9.9}, {6, 7, 8}, {8, 9, 10}});
  chart.series.push_back({"mean", {0, 1, 2}, {7.4, 8, 9}, {}, {}});
  std::string svg = render(chart);
  EXPECT_EQ(count(svg, "<polyline"), 2);
  EXPECT_EQ(count(svg, "<polygon"), 1);
  EXPECT_NE(svg.find("Forecast &lt;bdm&gt;"), std::string::npos);
  // Every coordinate lies within the 640 x 320 view box.
  std::regex coordinate(R"((?:cx|cy)=\"(-?[0-9.]+)\")");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), coordinate); it != std::sregex_iterator();
       ++it) {
    double v = std::stod((*it)[1]);
    EXPECT_GE(v, 0);
    EXPECT_LE(v, 640);
  }
  EXPECT_EQ(svg, render(chart));  // deterministic
}

TEST(Svg, BarChartHighlightsAndScales) {
  BarChart chart;
  chart.bars = {{"USA", 0.5, true}, {"IND", 0.25, false}};
  std::string svg = render(chart);
  EXPECT_EQ(count(svg, "<rect"), 2);
  EXPECT_NE(svg.find("#D55E00"), std::string::npos);
  EXPECT_NE(svg.find("width=\"430.00\""), std::string::npos);  // largest bar spans the plot
  EXPECT_NE(svg.find("width=\"215.00\""), std::string::npos);
}

TEST(Html, IsSelfContainedAndEscaped) {
  HtmlReport report;
  report.title = "NSG <2008>";
  report.sections.push_back(
      {"Votes", {"p & q"}, {"<svg></svg>"}, {Table{{"member", "p"}, {{"AUT", "0.4"}}}}});
  std::string html = render(report);
  EXPECT_NE(html.find("<title>NSG &lt;2008&gt;</title>"), std::string::npos);
  EXPECT_NE(html.find("<p>p &amp; q</p>"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"num\">0.4</td>"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("http://"), html.find("http://www.w3.org/2000/svg"));  // only the SVG namespace
  EXPECT_EQ(html.find("https://"), std::string::npos);
}

TEST(SweepSection, NamesTheMostInfluentialInputAndMarksConstants) {
  const auto summary =
      nlohmann::ordered_json::parse(R"({"rows": 100, "inputs": ["a", "b"], "sobol_floor": 0.09,
    "outputs": [
      {"name": "y", "mean": 1, "sd": 0.5, "q05": 0.2, "q50": 1, "q95": 1.8, "r2": 0.9,
       "src": {"a": 0.1, "b": 0.9}, "sobol": {"a": 0.02, "b": 0.8}},
      {"name": "z", "mean": 3, "sd": 0, "q05": 3, "q50": 3, "q95": 3, "r2": 0,
       "src": {"a": 0, "b": 0}, "sobol": {"a": 0, "b": 0}}]})");
  const Section section = sweep_section(summary);
  ASSERT_EQ(section.tables.size(), 1u);
  ASSERT_EQ(section.tables[0].rows.size(), 2u);
  EXPECT_EQ(section.tables[0].rows[0][5], "b");
  EXPECT_EQ(section.tables[0].rows[0][6], "0.8");
  EXPECT_EQ(section.tables[0].rows[1][5], "(constant)");
  EXPECT_EQ(section.figures.size(), 1u);
}

}  // namespace
}  // namespace statecraft::report

// ---- DEU III validation section (issue 9) --------------------------------------------

namespace statecraft::report {
namespace {

TEST(ValidationReport, SpliceReplacesOnlyBetweenTheMarkers) {
  const std::string doc = "# Validation\n\nUNGA text\n<!-- deu3:begin -->\nold\n<!-- deu3:end -->\ntail\n";
  const std::string out = splice_section(doc, "new\n");
  EXPECT_EQ(out, "# Validation\n\nUNGA text\n<!-- deu3:begin -->\nnew\n<!-- deu3:end -->\ntail\n");
  EXPECT_EQ(splice_section(out, "new\n"), out);  // idempotent
  // Without markers the section is appended, the rest kept byte for byte.
  const std::string appended = splice_section("UNGA", "x\n");
  EXPECT_EQ(appended, "UNGA\n\n<!-- deu3:begin -->\nx\n<!-- deu3:end -->\n");
  EXPECT_THROW((void)splice_section("<!-- deu3:end --> <!-- deu3:begin -->", "x"), std::invalid_argument);
}

TEST(ValidationReport, ReliabilityPlotHasBothCurvesAndTheDiagonal) {
  const std::vector<double> nominal = {0.5, 0.8, 0.9};
  const std::vector<double> cv = {0.55, 0.79, 0.91};
  const std::vector<double> time = {0.6, 0.76, 0.87};
  const std::string svg = reliability_svg(nominal, cv, time);
  EXPECT_NE(svg.find("<svg"), std::string::npos);
  EXPECT_NE(svg.find("perfect calibration"), std::string::npos);
  EXPECT_NE(svg.find("grouped cross-validation"), std::string::npos);
  EXPECT_NE(svg.find("time split"), std::string::npos);
}

}  // namespace
}  // namespace statecraft::report
