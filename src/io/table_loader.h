// The CSV table format expected-utility tools exchange: one row per actor with
// `actor,capability,position,salience` (header required, columns in any order,
// further columns ignored). Rows become the stances of one Issue.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/issue.h"

namespace statecraft::io {

struct TableOptions {
  double scale_min = 0.0;
  double scale_max = 100.0;
};

Issue load_table(const std::filesystem::path& path, const TableOptions& options = {});
Issue load_table_text(std::string_view csv, const std::string& name,
                      const TableOptions& options = {});

}  // namespace statecraft::io
