#include "report/sweep_section.h"

#include <fmt/core.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "report/svg.h"

namespace statecraft::report {

namespace {

std::string number(const nlohmann::ordered_json& value) {
  return value.is_number() ? fmt::format("{:.4g}", value.get<double>()) : "n/a";
}

}  // namespace

Section sweep_section(const nlohmann::ordered_json& summary, std::size_t max_outputs) {
  Section section;
  section.title = "Sweep: distributions and sensitivities";
  const auto& inputs = summary.at("inputs");
  section.paragraphs.push_back(fmt::format(
      "{} runs. Sensitivity of each output to each input: first-order Sobol index (correlation ratio over "
      "binned inputs, Plischke, Borgonovo & Smith 2013; values below {:.3f} are noise) and standardised "
      "regression coefficient (Saltelli et al. 2008).",
      summary.at("rows").get<std::size_t>(), summary.at("sobol_floor").get<double>()));
  Table table;
  table.header = {"output", "mean", "5%", "50%", "95%", "most influential input", "Sobol", "SRC", "R²"};
  const auto& outputs = summary.at("outputs");
  for (std::size_t o = 0; o < std::min(outputs.size(), max_outputs); ++o) {
    const auto& out = outputs[o];
    std::string top = "-", sobol = "-", src = "-";
    double best = -1.0;
    for (const auto& input : inputs) {
      const auto& s = out.at("sobol").at(input.get<std::string>());
      if (s.is_number() && s.get<double>() > best) {
        best = s.get<double>();
        top = input.get<std::string>();
        sobol = number(s);
        src = number(out.at("src").at(top));
      }
    }
    if (out.at("sd").is_number() && out.at("sd").get<double>() == 0.0) top = "(constant)", sobol = src = "-";
    table.rows.push_back({out.at("name").get<std::string>(), number(out.at("mean")), number(out.at("q05")),
                          number(out.at("q50")), number(out.at("q95")), top, sobol, src,
                          number(out.at("r2"))});
  }
  if (outputs.size() > max_outputs)
    section.paragraphs.push_back(
        fmt::format("{} more outputs are in the JSON table.", outputs.size() - max_outputs));
  section.tables.push_back(std::move(table));
  if (!outputs.empty() && !inputs.empty()) {
    BarChart chart;
    chart.title = "First-order Sobol indices of " + outputs[0].at("name").get<std::string>();
    chart.value_label = "share of variance";
    chart.max_value = 1.0;
    for (const auto& input : inputs) {
      const auto& s = outputs[0].at("sobol").at(input.get<std::string>());
      chart.bars.push_back({input.get<std::string>(), s.is_number() ? s.get<double>() : 0.0});
    }
    section.figures.push_back(render(chart));
  }
  return section;
}

}  // namespace statecraft::report
