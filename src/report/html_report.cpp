#include "report/html_report.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "report/svg.h"

namespace statecraft::report {

namespace {
constexpr const char* kStyle = R"css(
body{font-family:system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
h1{margin-bottom:0}.subtitle{color:#555;margin-top:.2em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;margin:.8em 0;font-size:.92em}th,td{border:1px solid #ddd;padding:.25em .6em;text-align:left}
th{background:#f4f4f4}td.num{text-align:right;font-variant-numeric:tabular-nums}figure{margin:1em 0}svg{max-width:100%;height:auto}
footer{margin-top:3em;color:#666;font-size:.85em;border-top:1px solid #ccc;padding-top:.5em}
)css";

bool looks_numeric(const std::string& text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+' || c == 'e' ||
          c == '%')) {
      return false;
    }
  }
  return true;
}
}  // namespace

std::string render(const HtmlReport& report) {
  std::string html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">";
  html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">";
  html += "<title>" + escape_xml(report.title) + "</title><style>" + kStyle + "</style></head><body>\n";
  html += "<h1>" + escape_xml(report.title) + "</h1>";
  if (!report.subtitle.empty()) html += "<p class=\"subtitle\">" + escape_xml(report.subtitle) + "</p>";
  for (const auto& section : report.sections) {
    const std::string heading = "h" + std::to_string(std::clamp(section.level, 2, 4));
    html += "\n<section><" + heading + ">" + escape_xml(section.title) + "</" + heading + ">";
    for (const auto& p : section.paragraphs) html += "<p>" + escape_xml(p) + "</p>";
    for (const auto& f : section.figures) html += "<figure>" + f + "</figure>";
    for (const auto& t : section.tables) {
      html += "<table><thead><tr>";
      for (const auto& h : t.header) html += "<th>" + escape_xml(h) + "</th>";
      html += "</tr></thead><tbody>";
      for (const auto& row : t.rows) {
        html += "<tr>";
        for (const auto& cell : row) {
          html +=
              std::string(looks_numeric(cell) ? "<td class=\"num\">" : "<td>") + escape_xml(cell) + "</td>";
        }
        html += "</tr>";
      }
      html += "</tbody></table>";
    }
    html += "</section>";
  }
  if (!report.footer.empty()) html += "\n<footer>" + escape_xml(report.footer) + "</footer>";
  html += "\n</body></html>\n";
  return html;
}

}  // namespace statecraft::report
