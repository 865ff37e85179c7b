#include "bargain/model.h"

#include "bargain/expected_utility.h"
#include "bargain/spatial_politics.h"
#include "bargain/weighted.h"

namespace statecraft::bargain {

std::string_view to_string(Model model) {
  switch (model) {
    case Model::achen: return "achen";
    case Model::median: return "median";
    case Model::bdm: return "bdm";
    case Model::smp: return "smp";
  }
  return "?";
}

std::optional<Model> parse_model(std::string_view name) {
  for (Model model : kAllModels) {
    if (to_string(model) == name) return model;
  }
  return std::nullopt;
}

Trajectory run_model(Model model, const Issue& issue, const Parameters& parameters, std::optional<int> rounds) {
  switch (model) {
    case Model::achen: return run_weighted_mean(issue);
    case Model::median: return run_weighted_median(issue);
    case Model::bdm: {
      BdmParams params = BdmParams::from(parameters);
      if (rounds) params.rounds = *rounds;
      return run_bdm(issue, params);
    }
    case Model::smp: {
      SmpParams params = SmpParams::from(parameters);
      if (rounds) params.rounds = *rounds;
      return run_smp(issue, params);
    }
  }
  return run_weighted_mean(issue);
}

}  // namespace statecraft::bargain
