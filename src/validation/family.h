// Forecasting rules as families indexed by a grid of parameter points. A model without
// free parameters is a family of one point; "fitting" a family on some issues means
// picking the point with the smallest mean absolute error on them (an exhaustive grid:
// nothing depends on a starting value, and the same data give the same point).
//
// Equations of every family: docs/models.md, "Validated models (issue 9)".
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "validation/deu_case.h"

namespace statecraft::validation {

struct Family {
  std::string name;
  std::string description;
  std::vector<std::string> points;  // one label per parameter point, e.g. "lambda=0.85"
  // Base rules evaluated once per issue (e.g. the weighted mean and the expected-utility
  // model); every point then combines their values. `issue` is the case's issue or a
  // perturbed copy of it (same stances, other numbers).
  std::vector<std::function<double(const DeuCase&, const Issue&)>> components;
  std::function<double(const DeuCase&, const Issue&, std::span<const double> components, std::size_t point)>
      combine;

  // The forecast of point `point` on `issue` (a version of `c.issue`).
  [[nodiscard]] double forecast(const DeuCase& c, const Issue& issue, std::size_t point) const;
};

// forecasts[point][case]: every point of `family` on every case (cases in parallel).
using ForecastMatrix = std::vector<std::vector<double>>;
[[nodiscard]] ForecastMatrix forecast_matrix(const Family& family, std::span<const DeuCase> cases);

// The point with the smallest summed |forecast - outcome| over `subset` (case indices);
// ties go to the lowest point index, so the choice is deterministic.
[[nodiscard]] std::size_t best_point(const ForecastMatrix& forecasts, std::span<const double> outcomes,
                                     std::span<const std::size_t> subset);

// ---- The families -------------------------------------------------------------------

// Weights w_i = m_i * salience_i (times GDP for the gdp variant); the mean of positions.
[[nodiscard]] Family weighted_mean_family();      // "achen": capability equal
[[nodiscard]] Family weighted_mean_gdp_family();  // "achen-gdp": the GDP row as capability
[[nodiscard]] Family weighted_median_family();    // "median"
[[nodiscard]] Family bdm_family();                // "bdm": Scholz et al. (2011) with default parameters
[[nodiscard]] Family smp_family(
    std::span<const double> victory_exponents);  // "smp" (one point) or "smp-fitted"
[[nodiscard]] Family
commission_family();  // "commission": the Commission's position (weighted mean when absent)
[[nodiscard]] Family status_quo_family();  // "status-quo": the reference point (weighted mean when absent)

// (a) lambda * weighted mean + (1 - lambda) * expected-utility forecast, lambda on a grid.
[[nodiscard]] Family blend_bdm_family();
// lambda * weighted mean + (1 - lambda) * SMP(gamma), over lambda x gamma.
[[nodiscard]] Family blend_smp_family(std::span<const double> victory_exponents);

// (b) The procedure and the reference point: institution weights by procedure and a
// pull towards the status quo by voting rule.
struct ProcedureParams {
  double commission = 1.0;      // weight multiplier of the Commission
  double parliament_cod = 1.0;  // of the Parliament under co-decision
  double parliament_cns = 1.0;  // of the Parliament under consultation
  double pull_qmv = 0.0;        // share of the way to the reference point, QMV
  double pull_unanimity = 0.0;  // the same under unanimity
};
[[nodiscard]] double procedure_forecast(const DeuCase& c, const Issue& issue, const ProcedureParams& params);
[[nodiscard]] std::string label(const ProcedureParams& params);
// Grid over all five parameters ("procedure"), over the weights only ("procedure-weights")
// or over the pulls only ("status-quo-pull").
enum class ProcedureGrid { full, weights_only, pulls_only };
[[nodiscard]] Family procedure_family(ProcedureGrid grid);

}  // namespace statecraft::validation
