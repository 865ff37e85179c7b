// Rolling-origin backtest of the vote forecasts: each session in [first, last] is
// forecast from the sessions before it only (Tashman 2000, Int. J. Forecasting
// 16:437-450), and scored by accuracy (most probable category), log loss and the
// multi-category Brier score (Brier 1950), over all ballots including absences.
#pragma once

#include <array>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "rollcall/forecast.h"

namespace statecraft::rollcall {

struct Score {
  std::size_t roll_calls = 0;
  std::size_t votes = 0;
  double accuracy = 0;
  double log_loss = 0;
  double brier = 0;
  // confusion[actual][predicted]: ballots by outcome and most probable category.
  std::array<std::array<std::size_t, kVoteCategories>, kVoteCategories> confusion{};
};

struct SessionScore {
  int session = 0;
  Score score;
};

struct BacktestResult {
  std::string model;
  Score score;
  std::vector<SessionScore> sessions;
  std::map<std::string, Score> baselines;  // "shares", "lineage"
};

// Accumulates forecasts against outcomes.
class ScoreAccumulator {
 public:
  void add(const Probabilities& forecast, Vote outcome);
  void add_roll_call() { ++roll_calls_; }
  [[nodiscard]] Score score() const;

 private:
  std::size_t roll_calls_ = 0, votes_ = 0, correct_ = 0;
  std::array<std::array<std::size_t, kVoteCategories>, kVoteCategories> confusion_{};
  double log_loss_ = 0, brier_ = 0;
};

// Throws PreconditionError unless 1 <= first <= last <= index.max_session.
[[nodiscard]] BacktestResult backtest(const VoteIndex& index, int first_session, int last_session,
                                      const ForecastParams& params, bool with_baselines = true);

}  // namespace statecraft::rollcall
