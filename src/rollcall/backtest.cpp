#include "rollcall/backtest.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "rollcall/combiner.h"

namespace statecraft::rollcall {

void ScoreAccumulator::add(const Probabilities& forecast, Vote outcome) {
  const auto k = static_cast<std::size_t>(outcome);
  // Most probable category; ties go to the first in Vote order.
  const auto best =
      static_cast<std::size_t>(std::max_element(forecast.begin(), forecast.end()) - forecast.begin());
  correct_ += best == k;
  ++confusion_[k][best];
  log_loss_ -= std::log(std::max(forecast[k], 1e-15));
  for (std::size_t q = 0; q < forecast.size(); ++q) {
    const double diff = forecast[q] - (q == k ? 1.0 : 0.0);
    brier_ += diff * diff;
  }
  ++votes_;
}

Score ScoreAccumulator::score() const {
  Score s;
  s.roll_calls = roll_calls_;
  s.votes = votes_;
  s.confusion = confusion_;
  if (votes_ > 0) {
    const auto n = static_cast<double>(votes_);
    s.accuracy = static_cast<double>(correct_) / n;
    s.log_loss = log_loss_ / n;
    s.brier = brier_ / n;
  }
  return s;
}

BacktestResult backtest(const VoteIndex& index, int first_session, int last_session,
                        const ForecastParams& params, bool with_baselines) {
  if (first_session < 1 || last_session > index.max_session || first_session > last_session) {
    throw PreconditionError("backtest: test sessions " + std::to_string(first_session) + "-" +
                            std::to_string(last_session) + " are not within 1-" +
                            std::to_string(index.max_session));
  }
  BacktestResult result;
  result.model = to_string(params.model);
  std::vector<Model> models = {params.model};
  if (with_baselines) {
    for (const Model m : {Model::shares, Model::lineage}) {
      if (m != params.model) models.push_back(m);
    }
  }
  std::vector<ScoreAccumulator> totals(models.size());
  CombinerCache cache;  // features of a session depend on earlier sessions only
  for (int s = first_session; s <= last_session; ++s) {
    for (std::size_t m = 0; m < models.size(); ++m) {
      ForecastParams p = params;
      p.model = models[m];
      const std::vector<Probabilities> forecasts = forecast_session(index, s, p, &cache);
      ScoreAccumulator session_total;
      std::size_t next = 0;
      for (std::size_t item = index.first_item(s); item < index.end_item(s); ++item) {
        if (index.ballot_begin[item + 1] > index.ballot_begin[item]) {
          totals[m].add_roll_call();
          session_total.add_roll_call();
        }
        for (std::size_t b = index.ballot_begin[item]; b < index.ballot_begin[item + 1]; ++b, ++next) {
          totals[m].add(forecasts[next], index.ballot_vote[b]);
          session_total.add(forecasts[next], index.ballot_vote[b]);
        }
      }
      if (m == 0) result.sessions.push_back({s, session_total.score()});
    }
  }
  result.score = totals[0].score();
  for (std::size_t m = 0; m < models.size(); ++m) {
    if (models[m] == Model::shares || models[m] == Model::lineage)
      result.baselines[to_string(models[m])] = totals[m].score();
  }
  return result;
}

}  // namespace statecraft::rollcall
