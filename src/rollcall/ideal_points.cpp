#include "rollcall/ideal_points.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "core/error.h"

namespace statecraft::rollcall {
namespace {


double logistic(double z) { return 1.0 / (1.0 + std::exp(-z)); }
// log(1 + e^z) without overflow.
double softplus(double z) { return z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z)); }

// Ordered category of a vote: no 0, abstain 1, yes 2; absent -1.
int category(Vote vote) {
  switch (vote) {
    case Vote::no: return 0;
    case Vote::abstain: return 1;
    case Vote::yes: return 2;
    case Vote::absent: return -1;
  }
  return -1;
}

// Log probability of one vote and its derivatives with respect to the two arguments of
// P = F(a) - F(b): a = tau_upper - eta (absent for "yes"), b = tau_lower - eta (absent
// for "no"). With f = F(1 - F) and f' = f(1 - 2F):
//   d logP/da = f(a)/P,  d logP/db = -f(b)/P,
//   d2/da2 = f'(a)/P - (f(a)/P)^2,  d2/db2 = -f'(b)/P - (f(b)/P)^2,  d2/dadb = f(a)f(b)/P^2.
struct Terms {
  double log_p = 0, ga = 0, gb = 0, haa = 0, hbb = 0, hab = 0;
};

Terms terms(int k, double eta, double cut_no, double cut_abstain) {
  Terms t;
  if (k == 0) {  // P = F(a), a = tau_no - eta
    const double a = cut_no - eta;
    const double fa = logistic(a);
    t.log_p = -softplus(-a);
    t.ga = 1.0 - fa;
    t.haa = -fa * (1.0 - fa);
  } else if (k == 2) {  // P = 1 - F(b), b = tau_abstain - eta
    const double b = cut_abstain - eta;
    const double fb = logistic(b);
    t.log_p = -softplus(b);
    t.gb = -fb;
    t.hbb = -fb * (1.0 - fb);
  } else {  // abstain: P = F(a) - F(b), a = tau_abstain - eta, b = tau_no - eta
    const double a = cut_abstain - eta;
    const double b = cut_no - eta;
    const double fa = logistic(a), fb = logistic(b);
    const double p = std::max(fa - fb, 1e-300);
    const double da = fa * (1.0 - fa), db = fb * (1.0 - fb);
    t.log_p = std::log(p);
    t.ga = da / p;
    t.gb = -db / p;
    t.haa = da * (1.0 - 2.0 * fa) / p - t.ga * t.ga;
    t.hbb = -db * (1.0 - 2.0 * fb) / p - t.gb * t.gb;
    t.hab = -t.ga * t.gb;
  }
  return t;
}

struct Observation {
  std::int32_t other = 0;  // item (local) for country lists, country for item lists
  std::int32_t slot = 0;   // session offset within the country's span (country lists)
  std::int8_t category = 0;
};

}  // namespace

OrderedProbabilities ordered_probabilities(double eta, double cut_no, double cut_abstain) {
  OrderedProbabilities p;
  p.no = logistic(cut_no - eta);
  const double upto_abstain = logistic(cut_abstain - eta);
  p.abstain = std::max(upto_abstain - p.no, 0.0);
  p.yes = logistic(eta - cut_abstain);
  return p;
}

IdealPointFit fit_ideal_points(const VoteIndex& index, int first_session, int last_session,
                               const IdealPointParams& params) {
  if (first_session < 0 || last_session > index.max_session || first_session > last_session) {
    throw PreconditionError("fit_ideal_points: sessions " + std::to_string(first_session) + ".." +
                            std::to_string(last_session) + " are not within 0.." +
                            std::to_string(index.max_session));
  }
  if (params.dimensions != 1 && params.dimensions != 2) {
    throw PreconditionError("fit_ideal_points: dimensions must be 1 or 2");
  }
  if (!(params.drift_sd > 0) || !(params.prior_sd_position > 0) || !(params.prior_sd_discrimination > 0) ||
      !(params.prior_sd_cut > 0)) {
    throw PreconditionError("fit_ideal_points: prior standard deviations must be positive");
  }
  const int dims = params.dimensions;
  const auto D = static_cast<std::size_t>(dims);
  IdealPointFit fit;
  fit.dimensions = dims;
  fit.first_session = first_session;
  fit.last_session = last_session;
  fit.country_count = index.country_count;
  fit.first_item = index.first_item(first_session);
  fit.item_count = index.end_item(last_session) - fit.first_item;
  const std::size_t J = fit.item_count;
  const auto C = static_cast<std::size_t>(index.country_count);
  const auto S = static_cast<std::size_t>(fit.session_count());

  // Country spans and per-country observation lists.
  fit.country_first.assign(C, -1);
  fit.country_last.assign(C, -1);
  std::vector<std::size_t> count(C + 1, 0);
  std::vector<double> yes(C, 0), no(C, 0), abstain(C, 0);
  for (std::size_t j = 0; j < J; ++j) {
    const std::size_t item = fit.first_item + j;
    const int s = index.session[item];
    for (std::size_t b = index.ballot_begin[item]; b < index.ballot_begin[item + 1]; ++b) {
      const int k = category(index.ballot_vote[b]);
      if (k < 0) continue;
      const auto c = static_cast<std::size_t>(index.ballot_country[b]);
      if (fit.country_first[c] < 0) fit.country_first[c] = s;
      fit.country_last[c] = s;
      ++count[c + 1];
      (k == 2 ? yes : k == 0 ? no : abstain)[c] += 1;
    }
  }
  for (std::size_t c = 0; c < C; ++c) count[c + 1] += count[c];
  std::vector<Observation> by_country(count[C]);
  {
    std::vector<std::size_t> cursor(count.begin(), count.end() - 1);
    for (std::size_t j = 0; j < J; ++j) {
      const std::size_t item = fit.first_item + j;
      for (std::size_t b = index.ballot_begin[item]; b < index.ballot_begin[item + 1]; ++b) {
        const int k = category(index.ballot_vote[b]);
        if (k < 0) continue;
        const auto c = static_cast<std::size_t>(index.ballot_country[b]);
        by_country[cursor[c]++] = {static_cast<std::int32_t>(j),
                                   static_cast<std::int32_t>(index.session[item] - fit.country_first[c]),
                                   static_cast<std::int8_t>(k)};
      }
    }
  }

  // Starting values: positions from yes/no and abstain shares (standardised), items
  // with no discrimination and cut points at their marginal frequencies.
  fit.position.assign(C * S * D, std::numeric_limits<double>::quiet_NaN());
  fit.standard_error.assign(C * S * D, std::numeric_limits<double>::quiet_NaN());
  {
    std::vector<double> start0(C, 0), start1(C, 0);
    double m0 = 0, m1 = 0, n = 0;
    for (std::size_t c = 0; c < C; ++c) {
      const double total = yes[c] + no[c] + abstain[c];
      if (total <= 0) continue;
      start0[c] = (no[c] - yes[c]) / total;
      start1[c] = abstain[c] / total;
      m0 += start0[c];
      m1 += start1[c];
      n += 1;
    }
    m0 /= std::max(n, 1.0);
    m1 /= std::max(n, 1.0);
    double v0 = 0, v1 = 0;
    for (std::size_t c = 0; c < C; ++c) {
      if (fit.country_first[c] < 0) continue;
      v0 += (start0[c] - m0) * (start0[c] - m0);
      v1 += (start1[c] - m1) * (start1[c] - m1);
    }
    const double s0 = std::sqrt(v0 / std::max(n, 1.0)) + 1e-9, s1 = std::sqrt(v1 / std::max(n, 1.0)) + 1e-9;
    for (std::size_t c = 0; c < C; ++c) {
      if (fit.country_first[c] < 0) continue;
      for (int s = fit.country_first[c]; s <= fit.country_last[c]; ++s) {
        fit.position[fit.slot(static_cast<int>(c), s, 0)] = (start0[c] - m0) / s0;
        if (dims == 2) fit.position[fit.slot(static_cast<int>(c), s, 1)] = (start1[c] - m1) / s1;
      }
    }
  }
  fit.discrimination.assign(J * D, 0.0);
  fit.cut_no.assign(J, 0.0);
  fit.cut_abstain.assign(J, 0.0);
  for (std::size_t j = 0; j < J; ++j) {
    const std::size_t item = fit.first_item + j;
    double n_no = 0, n_abstain = 0, n = 0;
    for (std::size_t b = index.ballot_begin[item]; b < index.ballot_begin[item + 1]; ++b) {
      const int k = category(index.ballot_vote[b]);
      if (k < 0) continue;
      n += 1;
      n_no += k == 0;
      n_abstain += k == 1;
    }
    const auto logit = [](double p) { return std::log(p / (1.0 - p)); };
    fit.cut_no[j] = logit((n_no + 0.5) / (n + 1.5));
    fit.cut_abstain[j] = std::max(logit((n_no + n_abstain + 1.0) / (n + 1.5)), fit.cut_no[j] + 0.05);
  }

  const double lambda_beta = 1.0 / (params.prior_sd_discrimination * params.prior_sd_discrimination);
  const double lambda_cut = 1.0 / (params.prior_sd_cut * params.prior_sd_cut);
  const double lambda_first = 1.0 / (params.prior_sd_position * params.prior_sd_position);
  const double lambda_drift = 1.0 / (params.drift_sd * params.drift_sd);

  // Voters of each item (country and its session slot offset are found from fit).
  auto position_of = [&](std::size_t c, int s) -> const double* { return &fit.position[fit.slot(static_cast<int>(c), s, 0)]; };

  // ---- item step: one damped Newton step per item on theta = (beta_0, beta_1, tau_no,
  // tau_abstain); in one dimension beta_1 stays 0 (its row is decoupled).
  constexpr int kNo = 2, kAbstain = 3;
  auto eta_of = [&](const Eigen::Vector4d& theta, const double* x) {
    return dims == 2 ? theta[0] * x[0] + theta[1] * x[1] : theta[0] * x[0];
  };
  auto item_objective = [&](std::size_t j, const Eigen::Vector4d& theta) {
    const std::size_t item = fit.first_item + j;
    const int s = index.session[item];
    double value = 0;
    for (std::size_t b = index.ballot_begin[item]; b < index.ballot_begin[item + 1]; ++b) {
      const int k = category(index.ballot_vote[b]);
      if (k < 0) continue;
      const double* x = position_of(static_cast<std::size_t>(index.ballot_country[b]), s);
      value += terms(k, eta_of(theta, x), theta[kNo], theta[kAbstain]).log_p;
    }
    value -= 0.5 * lambda_beta * theta.head<2>().squaredNorm();
    value -= 0.5 * lambda_cut * theta.tail<2>().squaredNorm();
    return value;
  };
  auto item_step = [&](std::size_t j) {
    const std::size_t item = fit.first_item + j;
    const int s = index.session[item];
    Eigen::Vector4d theta(fit.discrimination[j * D], dims == 2 ? fit.discrimination[j * D + 1] : 0.0,
                          fit.cut_no[j], fit.cut_abstain[j]);
    Eigen::Vector4d grad = Eigen::Vector4d::Zero();
    Eigen::Matrix4d hess = Eigen::Matrix4d::Zero();
    double value = 0;
    for (std::size_t b = index.ballot_begin[item]; b < index.ballot_begin[item + 1]; ++b) {
      const int k = category(index.ballot_vote[b]);
      if (k < 0) continue;
      const double* x = position_of(static_cast<std::size_t>(index.ballot_country[b]), s);
      const Terms t = terms(k, eta_of(theta, x), theta[kNo], theta[kAbstain]);
      value += t.log_p;
      Eigen::Vector4d da(-x[0], dims == 2 ? -x[1] : 0.0, 0.0, 0.0);
      Eigen::Vector4d db = da;
      // a is tied to the upper cut of the vote's category, b to the lower one.
      if (k == 0) da[kNo] = 1.0;
      if (k == 1) {
        da[kAbstain] = 1.0;
        db[kNo] = 1.0;
      }
      if (k == 2) db[kAbstain] = 1.0;
      grad += t.ga * da + t.gb * db;
      hess += t.haa * da * da.transpose() + t.hbb * db * db.transpose() +
              t.hab * (da * db.transpose() + db * da.transpose());
    }
    value -= 0.5 * lambda_beta * theta.head<2>().squaredNorm() + 0.5 * lambda_cut * theta.tail<2>().squaredNorm();
    for (int r = 0; r < 4; ++r) {
      const double lambda = r < 2 ? lambda_beta : lambda_cut;
      grad[r] -= lambda * theta[r];
      hess(r, r) -= lambda;
    }
    const Eigen::Vector4d step = (-hess).ldlt().solve(grad);
    double scale = 1.0;
    for (int tries = 0; tries < 30; ++tries, scale *= 0.5) {
      const Eigen::Vector4d candidate = theta + scale * step;
      if (!(candidate[kAbstain] > candidate[kNo] + 1e-6)) continue;
      if (item_objective(j, candidate) >= value - 1e-12) {
        for (std::size_t d = 0; d < D; ++d) fit.discrimination[j * D + d] = candidate[static_cast<Eigen::Index>(d)];
        fit.cut_no[j] = candidate[kNo];
        fit.cut_abstain[j] = candidate[kAbstain];
        return;
      }
    }
  };

  // ---- country step: one damped Newton step per country on its whole trajectory.
  std::vector<double> country_value(C, 0.0);
  auto country_system = [&](std::size_t c, const Eigen::VectorXd& x, Eigen::VectorXd* grad, Eigen::MatrixXd* hess) {
    const int span = fit.country_last[c] - fit.country_first[c] + 1;
    double value = 0;
    if (grad) grad->setZero(span * dims);
    if (hess) hess->setZero(span * dims, span * dims);
    for (std::size_t o = count[c]; o < count[c + 1]; ++o) {
      const Observation& obs = by_country[o];
      const auto j = static_cast<std::size_t>(obs.other);
      const double* beta = &fit.discrimination[j * D];
      const Eigen::Index base = static_cast<Eigen::Index>(obs.slot) * dims;
      double eta = 0;
      for (std::size_t d = 0; d < D; ++d) eta += beta[d] * x[base + static_cast<Eigen::Index>(d)];
      const Terms t = terms(obs.category, eta, fit.cut_no[j], fit.cut_abstain[j]);
      value += t.log_p;
      if (!grad) continue;
      const double g = -(t.ga + t.gb);
      const double h = t.haa + t.hbb + 2.0 * t.hab;
      for (int d = 0; d < dims; ++d) {
        (*grad)[base + d] += g * beta[d];
        for (int e = 0; e < dims; ++e) (*hess)(base + d, base + e) += h * beta[d] * beta[e];
      }
    }
    for (int d = 0; d < dims; ++d) {
      value -= 0.5 * lambda_first * x[d] * x[d];
      if (grad) {
        (*grad)[d] -= lambda_first * x[d];
        (*hess)(d, d) -= lambda_first;
      }
      for (int t = 1; t < span; ++t) {
        const Eigen::Index now = t * dims + d, before = (t - 1) * dims + d;
        const double diff = x[now] - x[before];
        value -= 0.5 * lambda_drift * diff * diff;
        if (!grad) continue;
        (*grad)[now] -= lambda_drift * diff;
        (*grad)[before] += lambda_drift * diff;
        (*hess)(now, now) -= lambda_drift;
        (*hess)(before, before) -= lambda_drift;
        (*hess)(now, before) += lambda_drift;
        (*hess)(before, now) += lambda_drift;
      }
    }
    return value;
  };
  auto load_x = [&](std::size_t c) {
    const int span = fit.country_last[c] - fit.country_first[c] + 1;
    Eigen::VectorXd x(span * dims);
    const double* p = position_of(c, fit.country_first[c]);
    for (Eigen::Index r = 0; r < x.size(); ++r) x[r] = p[r];
    return x;
  };
  auto country_step = [&](std::size_t c, bool standard_errors) {
    if (fit.country_first[c] < 0) return;
    Eigen::VectorXd x = load_x(c);
    Eigen::VectorXd grad;
    Eigen::MatrixXd hess;
    const double value = country_system(c, x, &grad, &hess);
    const Eigen::MatrixXd precision = -hess;
    const Eigen::LDLT<Eigen::MatrixXd> ldlt(precision);
    const Eigen::VectorXd step = ldlt.solve(grad);
    double accepted = value;
    double scale = 1.0;
    for (int tries = 0; tries < 30; ++tries, scale *= 0.5) {
      const Eigen::VectorXd candidate = x + scale * step;
      const double v = country_system(c, candidate, nullptr, nullptr);
      if (v >= value - 1e-12) {
        x = candidate;
        accepted = v;
        break;
      }
    }
    double* p = &fit.position[fit.slot(static_cast<int>(c), fit.country_first[c], 0)];
    for (Eigen::Index r = 0; r < x.size(); ++r) p[r] = x[r];
    country_value[c] = accepted;
    if (standard_errors) {
      Eigen::VectorXd g2;
      Eigen::MatrixXd h2;
      (void)country_system(c, x, &g2, &h2);
      const Eigen::MatrixXd covariance = (-h2).ldlt().solve(Eigen::MatrixXd::Identity(x.size(), x.size()));
      double* se = &fit.standard_error[fit.slot(static_cast<int>(c), fit.country_first[c], 0)];
      for (Eigen::Index r = 0; r < x.size(); ++r) se[r] = std::sqrt(std::max(covariance(r, r), 0.0));
    }
  };

  double previous = -std::numeric_limits<double>::infinity();
  for (int iteration = 1; iteration <= params.max_iterations; ++iteration) {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, J, 16), [&](const tbb::blocked_range<std::size_t>& r) {
      for (std::size_t j = r.begin(); j < r.end(); ++j) item_step(j);
    });
    const bool last = iteration == params.max_iterations;
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, C, 4), [&](const tbb::blocked_range<std::size_t>& r) {
      for (std::size_t c = r.begin(); c < r.end(); ++c) country_step(c, last);
    });
    double total = 0;
    for (std::size_t c = 0; c < C; ++c) total += country_value[c];
    for (std::size_t j = 0; j < J; ++j) {
      for (std::size_t d = 0; d < D; ++d) total -= 0.5 * lambda_beta * fit.discrimination[j * D + d] * fit.discrimination[j * D + d];
      total -= 0.5 * lambda_cut * (fit.cut_no[j] * fit.cut_no[j] + fit.cut_abstain[j] * fit.cut_abstain[j]);
    }
    fit.log_posterior = total;
    fit.iterations = iteration;
    if (last) break;
    if (std::abs(total - previous) <= params.tolerance * std::abs(total)) {
      // Converged: one more country pass to record standard errors.
      tbb::parallel_for(tbb::blocked_range<std::size_t>(0, C, 4), [&](const tbb::blocked_range<std::size_t>& r) {
        for (std::size_t c = r.begin(); c < r.end(); ++c) country_step(c, true);
      });
      break;
    }
    previous = total;
  }

  if (params.orient_country >= 0 && params.orient_country < index.country_count) {
    const auto c = static_cast<std::size_t>(params.orient_country);
    if (fit.country_first[c] >= 0) {
      for (std::size_t d = 0; d < D; ++d) {
        double mean = 0;
        for (int s = fit.country_first[c]; s <= fit.country_last[c]; ++s) {
          mean += fit.position[fit.slot(static_cast<int>(c), s, static_cast<int>(d))];
        }
        if (mean >= 0) continue;
        for (std::size_t q = d; q < fit.position.size(); q += D) fit.position[q] = -fit.position[q];
        for (std::size_t j = 0; j < J; ++j) fit.discrimination[j * D + d] = -fit.discrimination[j * D + d];
      }
    }
  }
  return fit;
}

}  // namespace statecraft::rollcall
