// Summary statistics of a sweep table: per output its mean, spread and quantiles, and
// its sensitivity to each input.
//
// Sensitivity, two measures (Saltelli et al. 2008, "Global Sensitivity Analysis. The
// Primer", Wiley, ch. 1 and 4):
//   src    standardised regression coefficient: the OLS slope of the output on all
//          inputs at once, times sd(input) / sd(output). Exact for a linear model; with
//          `r2` (the regression's R^2) near 1 the squared SRCs sum to about r2.
//   sobol  first-order Sobol index Var(E[Y | X_i]) / Var(Y), estimated from the same
//          rows (no extra model runs) by the correlation ratio over bins of X_i: sort
//          the rows by X_i, cut them into B equal-count bins (B = floor(sqrt(N)),
//          between 2 and 32; a grid axis is binned by its distinct values instead), and
//          take the between-bin variance of Y over its total variance. This is the
//          "given data" estimator of Plischke, Borgonovo & Smith (2013), "Global
//          sensitivity measures from given data", European Journal of Operational
//          Research 226(3), 536-550, after Pearson's correlation ratio. It is biased
//          upwards by about (B - 1) / (N - 1) when X_i has no effect: `sobol_floor`.
// Outputs that do not vary get src and sobol 0.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace statecraft::sim {

struct OutputSummary {
  std::string name;
  double mean = 0.0;
  double sd = 0.0;
  double min = 0.0;
  double q05 = 0.0;
  double q50 = 0.0;
  double q95 = 0.0;
  double max = 0.0;
  double r2 = 0.0;            // of the linear regression behind src
  std::vector<double> src;    // one per input
  std::vector<double> sobol;  // one per input
};

struct SweepSummary {
  std::size_t rows = 0;
  std::vector<std::string> inputs;  // the inputs that vary (constant ones are left out)
  double sobol_floor = 0.0;         // (B - 1) / (N - 1) for continuous inputs
  std::vector<OutputSummary> outputs;
};

// `table` is row-major, rows x (inputs.size() + outputs.size()), inputs first.
// `discrete[i]`: input i takes few values (a grid axis) and is binned by value.
[[nodiscard]] SweepSummary summarise(const std::vector<double>& table, const std::vector<std::string>& inputs,
                                     const std::vector<std::string>& outputs,
                                     const std::vector<bool>& discrete);

// Linear-interpolation quantile (type 7) of sorted values.
[[nodiscard]] double sorted_quantile(const std::vector<double>& sorted, double probability);

}  // namespace statecraft::sim
