#include "validation/family.h"

#include <fmt/core.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>

#include "bargain/expected_utility.h"
#include "bargain/spatial_politics.h"
#include "bargain/weighted.h"
#include "core/error.h"

namespace statecraft::validation {

double Family::forecast(const DeuCase& c, const Issue& issue, std::size_t point) const {
  std::vector<double> values;
  values.reserve(components.size());
  for (const auto& component : components) values.push_back(component(c, issue));
  return combine(c, issue, values, point);
}

ForecastMatrix forecast_matrix(const Family& family, std::span<const DeuCase> cases) {
  ForecastMatrix forecasts(family.points.size(), std::vector<double>(cases.size()));
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, cases.size()),
                    [&](const tbb::blocked_range<std::size_t>& r) {
                      std::vector<double> values(family.components.size());
                      for (std::size_t i = r.begin(); i != r.end(); ++i) {
                        for (std::size_t k = 0; k < values.size(); ++k)
                          values[k] = family.components[k](cases[i], cases[i].issue);
                        for (std::size_t p = 0; p < family.points.size(); ++p) {
                          forecasts[p][i] = family.combine(cases[i], cases[i].issue, values, p);
                        }
                      }
                    });
  return forecasts;
}

std::size_t best_point(const ForecastMatrix& forecasts, std::span<const double> outcomes,
                       std::span<const std::size_t> subset) {
  if (forecasts.empty()) throw PreconditionError("best_point: a family without points");
  std::size_t best = 0;
  double best_error = 0.0;
  for (std::size_t p = 0; p < forecasts.size(); ++p) {
    double error = 0.0;
    for (std::size_t i : subset) error += std::abs(forecasts[p][i] - outcomes[i]);
    // A relative margin keeps rounding in the sums from deciding between equal points.
    if (p == 0 || error < best_error * (1.0 - 1e-12)) {
      best = p;
      best_error = error;
    }
  }
  return best;
}

namespace {

// Weighted mean with weights multiplier(stance) * salience * capability; falls back to
// the plain mean of positions when every weight is zero (no actor cares).
template <typename Multiplier>
double mean_with(const Issue& issue, Multiplier multiplier) {
  double sum = 0.0;
  double total = 0.0;
  double plain = 0.0;
  for (std::size_t i = 0; i < issue.stances.size(); ++i) {
    const Stance& s = issue.stances[i];
    const double w = multiplier(i) * s.salience.value;
    sum += w * s.position.value;
    total += w;
    plain += s.position.value;
  }
  if (total > 0.0) return sum / total;
  return plain / static_cast<double>(issue.stances.size());
}

double achen(const DeuCase&, const Issue& issue) {
  return mean_with(issue, [&](std::size_t i) { return issue.stances[i].capability.value; });
}

double position_of(const Issue& issue, const std::string& actor, double fallback) {
  for (const auto& s : issue.stances) {
    if (s.actor == actor) return s.position.value;
  }
  return fallback;
}

Family single(std::string name, std::string description,
              std::function<double(const DeuCase&, const Issue&)> rule) {
  Family f;
  f.name = std::move(name);
  f.description = std::move(description);
  f.points = {"-"};
  f.components = {std::move(rule)};
  f.combine = [](const DeuCase&, const Issue&, std::span<const double> v, std::size_t) { return v[0]; };
  return f;
}

std::vector<double> lambda_grid() {
  std::vector<double> grid;
  for (int k = 0; k <= 20; ++k) grid.push_back(k / 20.0);
  return grid;
}

}  // namespace

Family weighted_mean_family() {
  return single("achen", "weighted mean, capability equal (Achen's compromise model)", achen);
}

Family weighted_mean_gdp_family() {
  return single("achen-gdp", "weighted mean, GDP row as capability",
                [](const DeuCase& c, const Issue& issue) {
                  return mean_with(issue, [&](std::size_t i) { return c.gdp.at(i); });
                });
}

Family weighted_median_family() {
  return single("median", "lower weighted median, capability equal", [](const DeuCase&, const Issue& issue) {
    return bargain::weighted_median(bargain::positions_of(issue), bargain::influence_weights(issue));
  });
}

Family bdm_family() {
  return single("bdm", "expected-utility model (Scholz et al. 2011), default parameters",
                [](const DeuCase&, const Issue& issue) {
                  return bargain::run_bdm(issue, bargain::BdmParams{}).forecast;
                });
}

Family smp_family(std::span<const double> victory_exponents) {
  Family f;
  f.name = victory_exponents.size() == 1 ? "smp" : "smp-fitted";
  f.description = victory_exponents.size() == 1 ? "spatial model of politics, default parameters"
                                                : "spatial model of politics, victory exponent fitted";
  for (double gamma : victory_exponents) {
    f.points.push_back(fmt::format("gamma={:g}", gamma));
    f.components.push_back([gamma](const DeuCase&, const Issue& issue) {
      bargain::SmpParams params;
      params.victory_exponent = gamma;
      return bargain::run_smp(issue, params).forecast;
    });
  }
  f.combine = [](const DeuCase&, const Issue&, std::span<const double> v, std::size_t p) { return v[p]; };
  return f;
}

Family commission_family() {
  return single(
      "commission", "the Commission's position (naive baseline)",
      [](const DeuCase& c, const Issue& issue) { return position_of(issue, "com", achen(c, issue)); });
}

Family status_quo_family() {
  return single("status-quo", "the reference point (naive baseline)",
                [](const DeuCase& c, const Issue& issue) {
                  return issue.status_quo ? issue.status_quo->value : achen(c, issue);
                });
}

Family blend_bdm_family() {
  Family f;
  f.name = "blend-bdm";
  f.description = "lambda x weighted mean + (1 - lambda) x expected-utility model, lambda fitted";
  const std::vector<double> lambdas = lambda_grid();
  for (double l : lambdas) f.points.push_back(fmt::format("lambda={:g}", l));
  f.components = {achen,
                  [](const DeuCase&, const Issue& issue) { return bargain::run_bdm(issue, {}).forecast; }};
  f.combine = [lambdas](const DeuCase&, const Issue&, std::span<const double> v, std::size_t p) {
    return lambdas[p] * v[0] + (1.0 - lambdas[p]) * v[1];
  };
  return f;
}

Family blend_smp_family(std::span<const double> victory_exponents) {
  Family f;
  f.name = "blend-smp";
  f.description = "lambda x weighted mean + (1 - lambda) x SMP(gamma), lambda and gamma fitted";
  const std::vector<double> lambdas = lambda_grid();
  for (double gamma : victory_exponents) {
    for (double l : lambdas) f.points.push_back(fmt::format("lambda={:g} gamma={:g}", l, gamma));
  }
  f.components = {achen};
  for (double gamma : victory_exponents) {
    f.components.push_back([gamma](const DeuCase&, const Issue& issue) {
      bargain::SmpParams params;
      params.victory_exponent = gamma;
      return bargain::run_smp(issue, params).forecast;
    });
  }
  f.combine = [lambdas](const DeuCase&, const Issue&, std::span<const double> v, std::size_t p) {
    const double l = lambdas[p % lambdas.size()];
    return l * v[0] + (1.0 - l) * v[1 + p / lambdas.size()];
  };
  return f;
}

double procedure_forecast(const DeuCase& c, const Issue& issue, const ProcedureParams& params) {
  const double parliament = c.codecision ? params.parliament_cod : params.parliament_cns;
  const double mean = mean_with(issue, [&](std::size_t i) {
    const std::string& actor = issue.stances[i].actor;
    const double m = actor == "com" ? params.commission : actor == "ep" ? parliament : 1.0;
    return m * issue.stances[i].capability.value;
  });
  if (!issue.status_quo) return mean;
  const double pull = c.unanimity ? params.pull_unanimity : params.pull_qmv;
  return (1.0 - pull) * mean + pull * issue.status_quo->value;
}

std::string label(const ProcedureParams& p) {
  return fmt::format("com={:g} ep_cod={:g} ep_cns={:g} pull_qmv={:g} pull_unan={:g}", p.commission,
                     p.parliament_cod, p.parliament_cns, p.pull_qmv, p.pull_unanimity);
}

Family procedure_family(ProcedureGrid grid) {
  const std::vector<double> multipliers = {0.5, 1.0, 1.5, 2.0, 3.0};
  const std::vector<double> cns = {0.0, 0.5, 1.0, 2.0};
  const std::vector<double> pulls = {0.0, 0.1, 0.2, 0.3, 0.4};
  const bool weights = grid != ProcedureGrid::pulls_only;
  const bool pull = grid != ProcedureGrid::weights_only;
  std::vector<ProcedureParams> params;
  for (double com : weights ? multipliers : std::vector<double>{1.0}) {
    for (double ep_cod : weights ? multipliers : std::vector<double>{1.0}) {
      for (double ep_cns : weights ? cns : std::vector<double>{1.0}) {
        for (double qmv : pull ? pulls : std::vector<double>{0.0}) {
          for (double unan : pull ? pulls : std::vector<double>{0.0})
            params.push_back({com, ep_cod, ep_cns, qmv, unan});
        }
      }
    }
  }
  Family f;
  f.name = grid == ProcedureGrid::full           ? "procedure"
           : grid == ProcedureGrid::weights_only ? "procedure-weights"
                                                 : "status-quo-pull";
  f.description = grid == ProcedureGrid::full
                      ? "institution weights by procedure + pull to the reference point by voting rule"
                  : grid == ProcedureGrid::weights_only ? "Commission and Parliament weights by procedure"
                                                        : "pull to the reference point by voting rule";
  for (const auto& p : params) f.points.push_back(label(p));
  f.combine = [params](const DeuCase& c, const Issue& issue, std::span<const double>, std::size_t p) {
    return procedure_forecast(c, issue, params[p]);
  };
  return f;
}

}  // namespace statecraft::validation
