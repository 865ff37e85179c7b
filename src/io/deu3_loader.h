// The DEU III layout (Arregui & Perarnaud 2021, doi:10.34810/data53; CC BY 4.0):
// tab-separated, quoted header; row 2 holds each actor's GDP in the p-columns;
// rows 3+ are issues with p<actor> position 0-100, s<actor> salience 0-100, rp
// reference point and out outcome. See ../shared/data/README.md.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/issue.h"

namespace statecraft::io {

enum class Deu3Capability {
  equal,  // every actor 1
  gdp,    // the file's GDP row
};

struct Deu3Data {
  // The counted issues, file order: an outcome and at least 3 actors with both a
  // position and a salience. Stances are exactly those actors, with salience / 100.
  std::vector<Issue> issues;
  std::size_t issue_rows = 0;  // data rows read (row 3 onwards)
  std::vector<std::string> actors;  // actor codes from the header (com, ep, at, ...)
};

Deu3Data load_deu3(const std::filesystem::path& path, Deu3Capability capability);
Deu3Data load_deu3_text(std::string_view text, const std::string& name, Deu3Capability capability);

}  // namespace statecraft::io
