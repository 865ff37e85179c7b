#include "api/validation.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <map>
#include <numeric>
#include <set>

#include "analysis/vote.h"
#include "api/backtest.h"
#include "api/world.h"
#include "core/error.h"
#include "io/deu3_loader.h"
#include "io/scenario_loader.h"
#include "validation/family.h"
#include "validation/intervals.h"
#include "validation/protocol.h"
#include "validation/recommended.h"

namespace statecraft::api {

using validation::DeuCase;
using validation::Family;
using validation::ForecastMatrix;

std::vector<DeuCase> load_deu_cases(const std::string& path, bool with_gdp) {
  const auto equal = io::load_deu3(path, io::Deu3Capability::equal);
  const auto gdp = with_gdp ? io::load_deu3(path, io::Deu3Capability::gdp) : equal;
  std::vector<DeuCase> cases;
  for (std::size_t i = 0; i < equal.issues.size(); ++i) {
    DeuCase c;
    c.issue = equal.issues[i];
    for (const auto& stance : gdp.issues[i].stances) c.gdp.push_back(stance.capability.value);
    const io::Deu3IssueInfo& info = equal.info[i];
    c.proposal = info.proposal.empty() ? c.issue.id : info.proposal;
    c.codecision = info.procedure == "COD";
    c.unanimity = info.voting_rule.rfind("Unan", 0) == 0;
    c.introduced = info.introduced;
    cases.push_back(std::move(c));
  }
  return cases;
}

namespace {

nlohmann::ordered_json to_json(const validation::Estimate& e) {
  return {{"value", e.value}, {"low", e.low}, {"high", e.high}};
}

nlohmann::ordered_json to_json(const validation::ErrorSummary& s) {
  return {{"issues", s.issues},
          {"mae", to_json(s.mae)},
          {"median", to_json(s.median)},
          {"within_10", to_json(s.within_10)}};
}

nlohmann::ordered_json to_json(const validation::Calibration& c) {
  nlohmann::ordered_json out;
  out["issues"] = c.issues;
  out["nominal"] = c.nominal;
  out["observed"] = c.observed;
  out["tau"] = c.tau;
  return out;
}

std::string date_text(int yyyymmdd) {
  if (yyyymmdd == 0) return "unknown";
  return std::to_string(yyyymmdd / 10000) + "-" + (yyyymmdd / 100 % 100 < 10 ? "0" : "") +
         std::to_string(yyyymmdd / 100 % 100) + "-" + (yyyymmdd % 100 < 10 ? "0" : "") +
         std::to_string(yyyymmdd % 100);
}

// A model family with its forecasts on every case.
struct Evaluated {
  Family family;
  std::string kind;  // "baseline", "published", "new"
  ForecastMatrix forecasts;
};

ForecastMatrix select(const ForecastMatrix& m, std::vector<std::size_t> points) {
  ForecastMatrix out;
  for (std::size_t p : points) out.push_back(m.at(p));
  return out;
}

Family renamed(Family f, std::string name, std::string description, std::vector<std::string> points) {
  f.name = std::move(name);
  f.description = std::move(description);
  f.points = std::move(points);
  return f;
}

std::vector<double> errors_of(const std::vector<double>& forecasts, const std::vector<std::size_t>& cases,
                              std::span<const double> outcomes) {
  std::vector<double> e;
  for (std::size_t k = 0; k < cases.size(); ++k) e.push_back(std::abs(forecasts[k] - outcomes[cases[k]]));
  return e;
}

std::vector<std::string> groups_of(const std::vector<std::size_t>& cases, std::span<const DeuCase> all) {
  std::vector<std::string> g;
  for (std::size_t i : cases) g.push_back(all[i].proposal);
  return g;
}

Date day_before(const Date& d) {
  using namespace std::chrono;
  const sys_days day =
      sys_days{year{d.year} / month{static_cast<unsigned>(d.month)} / static_cast<unsigned>(d.day)};
  const year_month_day before{day - days{1}};
  return Date{static_cast<int>(before.year()), static_cast<int>(static_cast<unsigned>(before.month())),
              static_cast<int>(static_cast<unsigned>(before.day()))};
}

}  // namespace

nlohmann::ordered_json retrodict_motions(const std::string& directory) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    if (entry.is_regular_file() && entry.path().extension() == ".yaml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  std::map<std::string, bool> seen;  // a motion inherited by several files counts once
  for (const auto& file : files) {
    const Scenario scenario = io::load_scenario(file);
    for (const Motion& motion : scenario.motions) {
      if (!motion.outcome || !motion.date || motion.forum.empty()) continue;
      if (!seen.emplace(motion.id, true).second) continue;
      const Date at = day_before(*motion.date);
      const Scenario world = world_at(scenario, at);
      const Forum* forum = world.find_forum(motion.forum);
      const Motion* m = world.find_motion(motion.id);
      if (forum == nullptr || m == nullptr) continue;
      nlohmann::json vote;
      try {
        vote = analysis::vote(world, *forum, *m, at.to_string(), 0, 1);
      } catch (const PreconditionError& e) {
        throw InputError(SourceLocation{file.string()},
                         "forum " + forum->id + ", motion " + m->id + ": " + e.what());
      }
      const bool passed = *motion.outcome == MotionOutcome::passed;
      const double p = vote.at("p_pass").get<double>();
      rows.push_back({{"file", file.filename().string()},
                      {"motion", motion.id},
                      {"forum", motion.forum},
                      {"description", motion.description},
                      {"date", motion.date->to_string()},
                      {"at", at.to_string()},
                      {"p_pass", p},
                      {"outcome", std::string(to_string(*motion.outcome))},
                      {"passed", passed},
                      {"brier", (p - (passed ? 1.0 : 0.0)) * (p - (passed ? 1.0 : 0.0))},
                      {"source", motion.outcome_source}});
    }
  }
  return rows;
}

nlohmann::ordered_json validation(const ValidationRequest& request) {
  if (request.data.empty()) flag_error("--data", "required");
  if (request.folds < 2) flag_error("--folds", "must be at least 2");
  if (request.bootstrap < 1) flag_error("--bootstrap", "must be at least 1");
  if (request.samples < 10) flag_error("--samples", "must be at least 10");
  const std::vector<DeuCase> cases = load_deu_cases(request.data);
  if (cases.size() < 10) {
    throw InputError(SourceLocation{request.data, 0, 0}, "fewer than 10 counted issues: nothing to validate");
  }
  std::vector<double> outcomes;
  std::vector<std::string> proposals;
  std::vector<int> introduced;
  for (const auto& c : cases) {
    outcomes.push_back(c.outcome());
    proposals.push_back(c.proposal);
    introduced.push_back(c.introduced);
  }

  // ---- Forecasts of every family on every case ---------------------------------------
  std::vector<Evaluated> models;
  auto add = [&](Family f, std::string kind) {
    ForecastMatrix m = validation::forecast_matrix(f, cases);
    models.push_back({std::move(f), std::move(kind), std::move(m)});
  };
  add(validation::weighted_mean_family(), "baseline");
  add(validation::weighted_mean_gdp_family(), "baseline");
  add(validation::weighted_median_family(), "published");
  {
    Family blend = validation::blend_bdm_family();
    ForecastMatrix m = validation::forecast_matrix(blend, cases);
    models.push_back(
        {renamed(blend, "bdm", "expected-utility model (Scholz et al. 2011), default parameters", {"-"}),
         "published", select(m, {0})});
    models.push_back({std::move(blend), "new", std::move(m)});
  }
  if (request.spatial) {
    const std::vector<double> gammas = {0.5, 1.0, 2.0, 4.0};
    Family blend = validation::blend_smp_family(gammas);
    ForecastMatrix m = validation::forecast_matrix(blend, cases);
    const std::size_t per = 21;  // lambda grid points per gamma; lambda = 0 first
    models.push_back({renamed(validation::smp_family(std::vector<double>{1.0}), "smp",
                              "spatial model of politics, default parameters (gamma = 1)", {"gamma=1"}),
                      "published", select(m, {per})});
    models.push_back({validation::smp_family(gammas), "new", select(m, {0, per, 2 * per, 3 * per})});
    models.push_back({std::move(blend), "new", std::move(m)});
  }
  add(validation::procedure_family(validation::ProcedureGrid::weights_only), "new");
  add(validation::procedure_family(validation::ProcedureGrid::pulls_only), "new");
  add(validation::procedure_family(validation::ProcedureGrid::full), "new");

  // ---- Protocol ----------------------------------------------------------------------
  const std::vector<int> folds = validation::grouped_folds(proposals, request.folds, request.seed);
  const std::vector<bool> train = validation::time_split(proposals, introduced, request.train_share);
  std::vector<std::size_t> all(cases.size()), train_cases, test_cases;
  std::iota(all.begin(), all.end(), std::size_t{0});
  for (std::size_t i = 0; i < cases.size(); ++i) (train[i] ? train_cases : test_cases).push_back(i);
  if (train_cases.empty() || test_cases.empty()) {
    throw InputError(SourceLocation{request.data, 0, 0}, "the time split leaves one side empty");
  }
  int last_train = 0, first_test = 99999999;
  for (std::size_t i : train_cases) last_train = std::max(last_train, introduced[i]);
  for (std::size_t i : test_cases) first_test = std::min(first_test, introduced[i]);

  struct Scored {
    validation::OutOfSample cv, time;
    std::vector<double> cv_errors, time_errors;
    std::size_t full_point = 0;
  };
  std::vector<Scored> scored;
  for (const auto& model : models) {
    Scored s;
    s.cv = validation::cross_validate(model.forecasts, outcomes, folds);
    s.time = validation::split_validate(model.forecasts, outcomes, train);
    s.cv_errors = errors_of(s.cv.forecast, s.cv.cases, outcomes);
    s.time_errors = errors_of(s.time.forecast, s.time.cases, outcomes);
    s.full_point = validation::best_point(model.forecasts, outcomes, all);
    scored.push_back(std::move(s));
  }
  // The better weighted-mean baseline (no parameters: its CV and in-sample MAE agree).
  auto mean_of = [](const std::vector<double>& v) {
    return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
  };
  const std::size_t best_baseline = mean_of(scored[0].cv_errors) <= mean_of(scored[1].cv_errors) ? 0 : 1;
  // Selection among the fitted models by cross-validated MAE (the time split is reported,
  // not used to choose).
  std::size_t selected = 0;
  for (std::size_t k = 0; k < models.size(); ++k) {
    if (mean_of(scored[k].cv_errors) < mean_of(scored[selected].cv_errors) - 1e-12) selected = k;
  }

  const std::vector<std::string> cv_groups = groups_of(scored[0].cv.cases, cases);
  const std::vector<std::string> time_groups = groups_of(scored[0].time.cases, cases);
  const std::vector<std::string> train_groups = groups_of(train_cases, cases);
  const std::set<std::string> train_proposals(train_groups.begin(), train_groups.end());
  nlohmann::ordered_json out;
  out["data"] = std::filesystem::path(request.data).filename().string();
  out["source"] = kDeu3Citation;
  out["issues"] = cases.size();
  out["proposals"] = std::set<std::string>(proposals.begin(), proposals.end()).size();
  out["seed"] = request.seed;
  out["folds"] = request.folds;
  out["bootstrap"] = request.bootstrap;
  out["time_split"] = {
      {"train_share", request.train_share},
      {"train_issues", train_cases.size()},
      {"test_issues", test_cases.size()},
      {"train_proposals", train_proposals.size()},
      {"test_proposals", std::set<std::string>(time_groups.begin(), time_groups.end()).size()},
      {"last_train_date", date_text(last_train)},
      {"first_test_date", date_text(first_test)}};
  out["best_baseline"] = models[best_baseline].family.name;
  out["selected"] = models[selected].family.name;
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (std::size_t k = 0; k < models.size(); ++k) {
    const auto& model = models[k];
    const auto& s = scored[k];
    std::map<std::string, int> cv_points;
    for (std::size_t p : s.cv.point) ++cv_points[model.family.points[p]];
    std::vector<double> in_sample;
    for (std::size_t i = 0; i < cases.size(); ++i)
      in_sample.push_back(std::abs(model.forecasts[s.full_point][i] - outcomes[i]));
    nlohmann::ordered_json row;
    row["name"] = model.family.name;
    row["kind"] = model.kind;
    row["description"] = model.family.description;
    row["points"] = model.family.points.size();
    row["fitted_on_all"] = model.family.points[s.full_point];
    row["time_point"] = model.family.points[s.time.point.front()];
    row["in_sample_mae"] = mean_of(in_sample);
    row["cv"] = to_json(validation::summarise(s.cv_errors, cv_groups, request.bootstrap, request.seed));
    row["cv_vs_best_baseline"] = to_json(validation::mae_difference(
        s.cv_errors, scored[best_baseline].cv_errors, cv_groups, request.bootstrap, request.seed));
    row["time"] = to_json(validation::summarise(s.time_errors, time_groups, request.bootstrap, request.seed));
    row["time_vs_best_baseline"] = to_json(validation::mae_difference(
        s.time_errors, scored[best_baseline].time_errors, time_groups, request.bootstrap, request.seed));
    row["cv_points_chosen"] = cv_points;
    rows.push_back(std::move(row));
  }
  out["models"] = std::move(rows);

  // ---- Naive baselines on the issues where they exist --------------------------------
  nlohmann::ordered_json naive = nlohmann::ordered_json::array();
  for (const bool commission : {true, false}) {
    std::vector<std::size_t> subset;
    std::vector<double> naive_errors, mean_errors;
    for (std::size_t i = 0; i < cases.size(); ++i) {
      const Issue& issue = cases[i].issue;
      std::optional<double> value;
      if (commission) {
        if (const Stance* s = issue.find_stance("com")) value = s->position.value;
      } else if (issue.status_quo) {
        value = issue.status_quo->value;
      }
      if (!value) continue;
      subset.push_back(i);
      naive_errors.push_back(std::abs(*value - outcomes[i]));
      mean_errors.push_back(std::abs(models[best_baseline].forecasts[0][i] - outcomes[i]));
    }
    if (subset.empty()) continue;
    const auto groups = groups_of(subset, cases);
    naive.push_back(
        {{"name", commission ? "commission" : "status-quo"},
         {"description", commission ? "the Commission's position, on the issues where it took one"
                                    : "the reference point (status quo), on the issues where it is recorded"},
         {"summary", to_json(validation::summarise(naive_errors, groups, request.bootstrap, request.seed))},
         {"baseline_same_issues",
          to_json(validation::summarise(mean_errors, groups, request.bootstrap, request.seed))}});
  }
  out["naive"] = std::move(naive);

  // ---- Goal --------------------------------------------------------------------------
  const double target = mean_of(scored[best_baseline].cv_errors) - 2.0;
  out["goal"] = {
      {"baseline", models[best_baseline].family.name},
      {"baseline_mae", mean_of(scored[best_baseline].cv_errors)},
      {"target_mae", target},
      {"selected_cv_mae", mean_of(scored[selected].cv_errors)},
      {"selected_time_mae", mean_of(scored[selected].time_errors)},
      {"met", mean_of(scored[selected].cv_errors) <= target &&
                  mean_of(scored[selected].time_errors) <= mean_of(scored[best_baseline].time_errors) - 2.0}};

  // ---- Calibrated intervals of the selected model ------------------------------------
  validation::PredictiveSpec spec;
  spec.samples = request.samples;
  spec.seed = request.seed;
  const std::vector<double> shocks = validation::outcome_shocks(spec);
  const Family& chosen = models[selected].family;
  std::map<std::size_t, std::vector<std::vector<double>>> cache;
  validation::DrawsFor draws_for = [&](std::size_t point) -> const std::vector<std::vector<double>>& {
    auto it = cache.find(point);
    if (it == cache.end())
      it = cache.emplace(point, validation::base_draws(chosen, point, cases, spec)).first;
    return it->second;
  };
  const std::vector<double> nominal = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95};
  std::vector<std::vector<std::size_t>> cv_train, cv_test;
  std::vector<std::size_t> cv_point;
  for (int k = 0; k < request.folds; ++k) {
    std::vector<std::size_t> tr, te;
    for (std::size_t i = 0; i < cases.size(); ++i) (folds[i] == k ? te : tr).push_back(i);
    if (te.empty()) continue;
    cv_point.push_back(scored[selected].cv.point[te.front()]);
    cv_train.push_back(std::move(tr));
    cv_test.push_back(std::move(te));
  }
  const auto cv_calibration =
      validation::calibrate(draws_for, shocks, cases, cv_train, cv_test, cv_point, nominal);
  const std::vector<std::vector<std::size_t>> time_train = {train_cases}, time_test = {test_cases};
  const std::vector<std::size_t> time_point = {scored[selected].time.point.front()};
  const auto time_calibration =
      validation::calibrate(draws_for, shocks, cases, time_train, time_test, time_point, nominal);
  const double tau_all = validation::fit_tau(draws_for(scored[selected].full_point), shocks, cases, all);
  out["intervals"] = {{"model", chosen.name},
                      {"point", chosen.points[scored[selected].full_point]},
                      {"samples", spec.samples},
                      {"position_noise", spec.position_noise},
                      {"tau_all", tau_all},
                      {"cv", to_json(cv_calibration)},
                      {"time", to_json(time_calibration)}};

  // ---- The stored recommended model, rerun ------------------------------------------
  const validation::Recommended& stored = validation::recommended();
  const Family recommended = validation::recommended_family();
  const ForecastMatrix rec = validation::forecast_matrix(recommended, cases);
  std::vector<double> rec_errors;
  for (std::size_t i = 0; i < cases.size(); ++i) rec_errors.push_back(std::abs(rec[0][i] - outcomes[i]));
  double selected_in_sample = 0.0;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    selected_in_sample += std::abs(models[selected].forecasts[scored[selected].full_point][i] - outcomes[i]);
  }
  selected_in_sample /= static_cast<double>(cases.size());
  // The stored rule matches this run's selection when it is the same family, forecasts
  // the same on every issue and has the same tau.
  bool same_forecasts = true;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    same_forecasts = same_forecasts &&
                     std::abs(rec[0][i] - models[selected].forecasts[scored[selected].full_point][i]) < 1e-9;
  }
  out["recommended"] = {{"family", stored.family},
                        {"point", recommended.points[0]},
                        {"tau", stored.tau},
                        {"mae", mean_of(rec_errors)},
                        {"selected_mae", selected_in_sample},
                        {"matches_selection", std::string(stored.family) == chosen.name && same_forecasts &&
                                                  std::abs(stored.tau - tau_all) < 0.05}};

  // ---- Retrodiction of forum motions --------------------------------------------------
  if (!request.cases.empty()) {
    nlohmann::ordered_json motions = retrodict_motions(request.cases);
    double brier = 0.0;
    for (const auto& m : motions) brier += m["brier"].get<double>();
    out["retrodiction"] = {{"motions", motions},
                           {"brier", motions.empty() ? 0.0 : brier / static_cast<double>(motions.size())},
                           {"brier_coin", 0.25}};
  }
  return out;
}

}  // namespace statecraft::api
