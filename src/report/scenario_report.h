// The analyst's report on one or more scenarios: every engine that applies to what a
// scenario contains, composed into one self-contained HTML page (html_report.h) and a
// short plain-text summary. Engines are called through src/analysis, so the numbers
// are those the CLI prints for the same scenario and seed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/scenario.h"
#include "report/html_report.h"

namespace statecraft::report {

struct ReportOptions {
  std::uint64_t seed = 1;
  int forecast_samples = 200;  // Monte Carlo samples per issue and model (0: no bands)
  // The spatial model (smp) costs about a second per run on a 50-actor issue, against
  // milliseconds for the others, so its band has its own sample count, none by default.
  int smp_samples = 0;
  std::size_t influence_top = 30;  // strongest channels drawn in the influence graph
  // Strategy budgets, as fractions of the total cost of the scenario's action menu.
  std::vector<double> budget_fractions = {0.25, 0.5, 1.0};
  std::string version;  // program version, for the footer
};

struct ReportInput {
  std::string path;  // shown in headings and the footer
  std::string text;  // the file's content, hashed for the footer
  Scenario scenario;
};

// The headline numbers of one scenario, for the summary table.
struct ScenarioSummary {
  struct MotionRow {
    std::string motion;
    std::string forum;
    std::string date;  // the vote's date, or empty
    double p_pass = 0.0;
    std::string outcome;  // what happened ("passed", "failed", "not_tabled"), or empty
  };
  struct IssueRow {
    std::string issue;
    double forecast = 0.0;  // expected-utility model (bdm)
    std::optional<double> low;
    std::optional<double> high;
    std::optional<double> outcome;
    double scale_min = 0.0;
    double scale_max = 100.0;
  };
  std::string path;
  std::string name;
  std::vector<MotionRow> motions;
  std::vector<IssueRow> issues;
  std::vector<std::pair<std::string, double>> hub_shares;  // countries with a positive share
};

struct Report {
  HtmlReport html;
  std::vector<ScenarioSummary> summaries;  // one per input, input order
};

// Throws InputError naming the scenario file when an engine rejects its content.
Report build_report(const std::vector<ReportInput>& inputs, const ReportOptions& options);

// Fixed-width plain text: motions (p_pass, outcome), issues (forecast, interval,
// outcome), corridor hub shares, one block per scenario.
std::string summary_text(const std::vector<ScenarioSummary>& summaries);

}  // namespace statecraft::report
