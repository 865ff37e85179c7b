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

// What a validation protocol needs besides the stances (issue 9): the proposal (to keep
// its issues in one fold), the procedure and voting rule, and when it was introduced.
struct Deu3IssueInfo {
  std::string proposal;     // prnr
  std::string procedure;    // proc, e.g. COD (co-decision) or CNS (consultation); may be empty
  std::string voting_rule;  // counvte, e.g. QMV or Unan; may be empty
  // intro as yyyymmdd (0 when absent or unreadable). The file writes dd-mm-yy, a few
  // dd-mm-yyyy or yyyy, and some cells were turned by a spreadsheet into "20dd-mm-yy"
  // (a dd-mm-yy date read as yy-mm-dd: "2013-10-04" is 13 October 2004); those are read back.
  int introduced = 0;
};

struct Deu3Data {
  // The counted issues, file order: an outcome and at least 3 actors with both a
  // position and a salience. Stances are exactly those actors, with salience / 100.
  std::vector<Issue> issues;
  std::vector<Deu3IssueInfo> info;  // parallel to issues
  std::size_t issue_rows = 0;       // data rows read (row 3 onwards)
  std::vector<std::string> actors;  // actor codes from the header (com, ep, at, ...)
};

Deu3Data load_deu3(const std::filesystem::path& path, Deu3Capability capability);

// The intro cell as yyyymmdd, 0 when it is none of the forms described at Deu3IssueInfo.
int parse_deu3_date(std::string_view text);
Deu3Data load_deu3_text(std::string_view text, const std::string& name, Deu3Capability capability);

}  // namespace statecraft::io
