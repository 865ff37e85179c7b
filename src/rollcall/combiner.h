// The recommended vote forecast: a discriminative combination of the forecasts'
// ingredients. A multinomial logistic regression (yes / no / abstain / absent; the
// conditional logit of McFadden 1974 with class-specific coefficients) is fitted, for
// each forecast session s, on the ballots of sessions s-K..s-1, each described by
// features computed from the sessions before its own session only. It then scores the
// ballots of s. So the fit never sees a vote of s or later (rolling origin), and the
// coefficients double as a calibration (temperature and per-category bias) of the
// ingredients:
//   - the country's vote on the matched predecessor (same title, similar title, same
//     subject: one set of indicators each), or that there is none;
//   - the country's vote shares over the previous 3 sessions and the previous session,
//     and on roll calls with the same issue flags or the same subject (log shares);
//   - the predecessor's outcome (shares of yes, no, abstain, absent);
//   - the motion's kind (amendment, paragraph vote, important vote);
//   - the log probabilities of the dynamic ideal-point model (ideal_points.h);
//   - the vote on the predecessor's predecessor; whether the roll call falls in the
//     resumed part of the session (January-August), alone and times the country's
//     absence share; absence on the predecessor times the country's absence share;
//   - the country's votes on the earlier roll calls most alike in wording
//     (text_neighbours.h; log shares, similarity-weighted) and their mean similarity.
// Coefficients get a Gaussian prior (ridge, l2) except the intercepts; the fit is
// Newton's method with step halving on the concave log posterior.
#pragma once

#include <map>
#include <vector>

#include "rollcall/forecast.h"

namespace statecraft::rollcall {

inline constexpr int kCombinerFeatures = 54;

// Per-session feature rows (ballots in index order, kCombinerFeatures each). A backtest
// shares one cache across its sessions; the rows of a session depend only on the
// sessions before it, so sharing changes no number.
struct CombinerCache {
  std::map<int, std::vector<double>> features;
};

[[nodiscard]] std::vector<double> combiner_features(const VoteIndex& index, int session,
                                                    const ForecastParams& params);

[[nodiscard]] std::vector<Probabilities> forecast_combined(const VoteIndex& index, int session,
                                                           const ForecastParams& params,
                                                           CombinerCache* cache);

}  // namespace statecraft::rollcall
