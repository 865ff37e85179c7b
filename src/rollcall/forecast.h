// Forecasting the votes of one General Assembly session before it is cast, from the
// roll calls' metadata (session, short title, issue flags) and the votes of earlier
// sessions only. Probabilities are in Vote order: yes, no, abstain, absent.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "rollcall/ideal_points.h"
#include "rollcall/vote_index.h"

namespace statecraft::rollcall {

using Probabilities = std::array<double, kVoteCategories>;

enum class Model {
  shares,       // README baseline 1: the country's vote shares over the previous 3 sessions
  lineage,      // README baseline 2: baseline 1, moved 0.8 towards the country's last vote
                // on the latest earlier roll call with the same short title
  ideal_point,  // dynamic ordered ideal points + matched item location + absence rates
  combined,     // multinomial logit over the ingredients above (combiner.h): recommended
};
[[nodiscard]] Model parse_model(const std::string& name);  // throws PreconditionError
[[nodiscard]] std::string to_string(Model model);

struct ForecastParams {
  Model model = Model::combined;
  // Baselines (the data README's definitions).
  int share_sessions = 3;
  double share_prior = 0.5;  // Krichevsky-Trofimov: add 1/2 to each category's count
  double lineage_weight = 0.8;
  // Ideal-point model.
  IdealPointParams ideal_points{.dimensions = 2};
  int window_sessions = 12;  // sessions fitted before the forecast session
  // Final mixture: model, the country's recent shares (baseline 1) and its last vote
  // on the lineage predecessor (one-hot), weights tuned on sessions 57-59 only (see docs/VALIDATION.md).
  double mix_shares = 0.5;
  double mix_last_vote = 0.5;
  double absence_prior_votes = 20.0;  // shrinks a country's absence rate to the mean
  double probability_floor = 1e-4;
  // Combiner (combiner.h): sessions fitted on, ridge penalty, Newton steps at most, and
  // whether the ideal-point model's probabilities are among its features.
  int combiner_sessions = 12;
  double combiner_l2 = 1.0;
  int combiner_iterations = 30;
  bool combiner_ideal_points = true;
  // Roll calls alike in wording (text_neighbours.h): how many, from how many earlier
  // sessions, and the weight of a uniform prior on the country's votes over them (in
  // similarity units, added to their mean similarity). Chosen on sessions 50-59.
  int combiner_text_neighbours = 5;
  int combiner_text_sessions = 3;
  double combiner_text_prior = 0.2;
};

struct CombinerCache;

// Forecasts every ballot of session `session` (in index order: items of the session,
// then ballots within each item), using sessions before `session` only. Pure function;
// `cache` (may be null) keeps the combiner's per-session features for the next call.
[[nodiscard]] std::vector<Probabilities> forecast_session(const VoteIndex& index, int session,
                                                          const ForecastParams& params,
                                                          CombinerCache* cache = nullptr);

}  // namespace statecraft::rollcall
