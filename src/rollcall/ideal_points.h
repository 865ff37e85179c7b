// Dynamic ideal points from roll-call votes: an ordered (no < abstain < yes) item-
// response model in one or two dimensions whose country positions drift as a random
// walk across sessions, fitted by penalised maximum likelihood (maximum a posteriori
// under Gaussian priors) with alternating Newton steps.
//
// Model, for country i in session t voting on item j (absences are left out here and
// modelled apart, see forecast.h):
//   eta = beta_j . x_{i,t},   P(vote <= k) = F(tau_{j,k} - eta),  k in {no, abstain},
// with F the logistic function and tau_{j,no} < tau_{j,abstain}: the graded-response
// model of Samejima (1969, Psychometrika Monograph 17) with a cumulative logit link
// (McCullagh 1980, JRSS B 42:109-142). Priors: x_{i,first} ~ N(0, prior_sd_position^2),
// x_{i,t} - x_{i,t-1} ~ N(0, drift_sd^2) (the dynamic smoothing of Martin & Quinn 2002,
// Political Analysis 10:134-153; Bailey, Strezhnev & Voeten 2017, JCR 61:430-456 for the
// General Assembly), beta_j ~ N(0, prior_sd_discrimination^2), tau ~ N(0, prior_sd_cut^2).
//
// Fitting: alternately, for every item given the positions, and for every country
// given the items, one damped Newton step on that block's log posterior (each block's
// log likelihood is concave: the cumulative logit likelihood is log-concave in its
// linear predictor and cut points, Pratt 1981, JASA 76:103-106). Blocks are independent
// given the other side, so each half-step runs in parallel (oneTBB) with identical
// results for any thread count. Standard errors of positions are the square roots of
// the diagonal of the inverse negative Hessian of each country's block at the optimum
// (conditional on the items).
#pragma once

#include <cstddef>
#include <vector>

#include "rollcall/vote_index.h"

namespace statecraft::rollcall {

struct IdealPointParams {
  int dimensions = 1;  // 1 or 2
  double drift_sd = 0.25;
  double prior_sd_position = 1.0;
  double prior_sd_discrimination = 2.5;
  double prior_sd_cut = 5.0;
  int max_iterations = 60;
  double tolerance = 1e-6;  // relative change of the log posterior
  // If >= 0, each dimension is flipped so that this country's mean position is positive
  // (the likelihood is invariant to the sign; this only fixes the orientation of plots).
  int orient_country = -1;
};

struct IdealPointFit {
  int dimensions = 1;
  int first_session = 0;
  int last_session = 0;
  int country_count = 0;
  // Country c in session s (first..last), dimension d: index
  // ((c * session_count() + (s - first_session)) * dimensions + d). NaN outside the
  // span of sessions in which the country voted (yes, no or abstain) within the window.
  std::vector<double> position;
  std::vector<double> standard_error;
  std::vector<int> country_first;  // first / last session of the country's span; -1 if none
  std::vector<int> country_last;
  // Items first_item .. first_item + item_count - 1 (chronological item indices).
  std::size_t first_item = 0;
  std::size_t item_count = 0;
  std::vector<double> discrimination;  // item * dimensions + d
  std::vector<double> cut_no;          // tau_{j,no}
  std::vector<double> cut_abstain;     // tau_{j,abstain}
  double log_posterior = 0.0;
  int iterations = 0;

  [[nodiscard]] int session_count() const { return last_session - first_session + 1; }
  [[nodiscard]] std::size_t slot(int country, int session, int dimension) const {
    return (static_cast<std::size_t>(country) * static_cast<std::size_t>(session_count()) +
            static_cast<std::size_t>(session - first_session)) *
               static_cast<std::size_t>(dimensions) +
           static_cast<std::size_t>(dimension);
  }
  [[nodiscard]] bool has_item(std::size_t item) const {
    return item >= first_item && item < first_item + item_count;
  }
};

// Fits sessions first_session..last_session of `index`. Throws PreconditionError on a
// bad range or parameters. Deterministic (no random start): positions start from each
// country's yes and no shares.
[[nodiscard]] IdealPointFit fit_ideal_points(const VoteIndex& index, int first_session, int last_session,
                                             const IdealPointParams& params);

// P(no), P(abstain), P(yes) of the ordered model at linear predictor eta.
struct OrderedProbabilities {
  double no = 0, abstain = 0, yes = 0;
};
[[nodiscard]] OrderedProbabilities ordered_probabilities(double eta, double cut_no, double cut_abstain);

}  // namespace statecraft::rollcall
