// A compact report section for a sweep: each output's mean and 90% band, and its most
// influential inputs by first-order Sobol index and standardised regression coefficient
// (docs/sweeps.md), with a bar chart of the first output's Sobol indices.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "report/html_report.h"

namespace statecraft::report {

// `summary` is the "summary" object of `statecraft sweep --format json`
// (api::summary_json). At most `max_outputs` outputs are listed.
Section sweep_section(const nlohmann::ordered_json& summary, std::size_t max_outputs = 40);

}  // namespace statecraft::report
