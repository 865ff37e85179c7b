// A self-contained HTML report: one file, inline CSS and SVG, no scripts or network.
#pragma once

#include <string>
#include <vector>

namespace statecraft::report {

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

struct Section {
  std::string title;
  std::vector<std::string> paragraphs;  // plain text, escaped on output
  std::vector<std::string> figures;     // SVG markup from svg.h
  std::vector<Table> tables;
  int level = 2;  // heading level: 2 for a chapter of its own, 3 inside one
};

struct HtmlReport {
  std::string title;
  std::string subtitle;
  std::vector<Section> sections;
  std::string footer;  // provenance: version, scenario hash, seed
};

std::string render(const HtmlReport& report);

}  // namespace statecraft::report
