#include "api/sweep.h"

#include <fmt/format.h>

#include <cmath>

namespace statecraft::api {

namespace {

// Shortest text that reads back as the same double: equal tables, equal bytes.
void append_number(std::string& out, double value) {
  if (std::isnan(value)) {
    out += "nan";
    return;
  }
  fmt::format_to(std::back_inserter(out), "{}", value);
}

// A value for JSON: NaN and infinities have no JSON form, null says "not a number".
nlohmann::ordered_json number_or_null(double value) {
  return std::isfinite(value) ? nlohmann::ordered_json(value) : nlohmann::ordered_json(nullptr);
}

}  // namespace

sim::SweepSummary summarise_sweep(const sim::SweepPlan& plan, const std::vector<double>& table) {
  std::vector<bool> discrete(plan.inputs().size(), false);
  for (std::size_t a = 0; a < plan.spec().grid.size(); ++a) discrete[a] = true;
  return sim::summarise(table, plan.inputs(), plan.outputs(), discrete);
}

std::string sweep_csv(const sim::SweepPlan& plan, const std::vector<double>& table) {
  std::string out = "row,grid_point,sample,replication";
  for (const auto& name : plan.inputs()) out += "," + name;
  for (const auto& name : plan.outputs()) out += "," + name;
  out += "\n";
  const std::size_t width = plan.width();
  const std::size_t reps = plan.spec().replications;
  const std::size_t per_point = plan.spec().samples * reps;
  for (std::size_t r = 0; r < plan.rows(); ++r) {
    fmt::format_to(std::back_inserter(out), "{},{},{},{}", r, r / per_point, (r % per_point) / reps,
                   r % reps);
    for (std::size_t c = 0; c < width; ++c) {
      out += ',';
      append_number(out, table[r * width + c]);
    }
    out += '\n';
  }
  return out;
}

nlohmann::ordered_json summary_json(const sim::SweepSummary& summary) {
  nlohmann::ordered_json out;
  out["rows"] = summary.rows;
  out["inputs"] = summary.inputs;
  out["sobol_method"] = "correlation ratio over equal-count bins (Plischke, Borgonovo & Smith 2013)";
  out["sobol_floor"] = summary.sobol_floor;
  out["outputs"] = nlohmann::ordered_json::array();
  for (const auto& o : summary.outputs) {
    nlohmann::ordered_json item;
    item["name"] = o.name;
    item["mean"] = number_or_null(o.mean);
    item["sd"] = number_or_null(o.sd);
    item["min"] = number_or_null(o.min);
    item["q05"] = number_or_null(o.q05);
    item["q50"] = number_or_null(o.q50);
    item["q95"] = number_or_null(o.q95);
    item["max"] = number_or_null(o.max);
    item["r2"] = number_or_null(o.r2);
    nlohmann::ordered_json src, sobol;
    for (std::size_t i = 0; i < summary.inputs.size(); ++i) {
      src[summary.inputs[i]] = number_or_null(o.src[i]);
      sobol[summary.inputs[i]] = number_or_null(o.sobol[i]);
    }
    item["src"] = summary.inputs.empty() ? nlohmann::ordered_json::object() : src;
    item["sobol"] = summary.inputs.empty() ? nlohmann::ordered_json::object() : sobol;
    out["outputs"].push_back(std::move(item));
  }
  return out;
}

nlohmann::ordered_json sweep_json(const sim::SweepPlan& plan, const std::vector<double>& table,
                                  const sim::SweepSummary& summary, bool with_table) {
  nlohmann::ordered_json out;
  const sim::SweepSpec& spec = plan.spec();
  out["seed"] = spec.seed;
  out["samples"] = spec.samples;
  out["replications"] = spec.replications;
  out["grid_points"] = plan.grid_points();
  out["rows"] = plan.rows();
  out["inputs"] = plan.inputs();
  out["outputs"] = plan.outputs();
  out["summary"] = summary_json(summary);
  if (with_table) {
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    const std::size_t width = plan.width();
    for (std::size_t r = 0; r < plan.rows(); ++r) {
      nlohmann::ordered_json row = nlohmann::ordered_json::array();
      for (std::size_t c = 0; c < width; ++c) row.push_back(number_or_null(table[r * width + c]));
      rows.push_back(std::move(row));
    }
    out["table"] = std::move(rows);
  }
  return out;
}

}  // namespace statecraft::api
