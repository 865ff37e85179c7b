#include "rollcall/combiner.h"

#include <Eigen/Dense>
#include <algorithm>
#include <array>
#include <cmath>

#include "core/error.h"
#include "rollcall/text_neighbours.h"

namespace statecraft::rollcall {
namespace {

constexpr auto kF = static_cast<std::size_t>(kCombinerFeatures);
constexpr int kClasses = kVoteCategories;  // class 0 (yes) is the reference
constexpr int kFree = kClasses - 1;

// Feature offsets (see combiner.h for the meaning).
enum : std::size_t {
  kBias = 0,
  kLastSameTitle = 1,     // 4 indicators
  kLastSimilarTitle = 5,  // 4
  kLastSameSubject = 9,   // 4
  kNoBallotInMatch = 13,
  kNoMatch = 14,
  kShares3 = 15,      // 4 log shares
  kShares1 = 19,      // 4
  kFlagShares = 23,   // 4
  kPredecessor = 27,  // 4 shares of the predecessor's ballots
  kAmendment = 31,
  kParagraph = 32,
  kImportant = 33,
  kIdealPoint = 34,         // 4 log probabilities
  kLastButOne = 38,         // 4 indicators: the vote on the predecessor's own predecessor
  kResumed = 42,            // roll call outside September-December (resumed part of the session)
  kResumedAbsence = 43,     // kResumed x log absence share of the previous session
  kAbsentLastAbsence = 44,  // absent on the predecessor x log absence share (3 sessions)
  kSubjectShares = 45,      // 4 log shares on roll calls of the same subject (3 sessions)
  kTextShares = 49,         // 4 log shares on the roll calls alike in wording (text_neighbours.h)
  kTextSimilarity = 53,     // their mean cosine similarity
};
static_assert(kTextSimilarity + 1 == kF);

using Counts = std::array<double, 4>;
constexpr Counts kUniform{0.25, 0.25, 0.25, 0.25};

// Counts on roll calls with these issue flags (flags >= 0) or of this subject (subject >= 0).
std::vector<Counts> counts_by_country(const VoteIndex& index, int first, int last, int flags,
                                      int subject = -1) {
  std::vector<Counts> counts(static_cast<std::size_t>(index.country_count), Counts{});
  for (int s = std::max(first, 0); s <= last; ++s) {
    for (std::size_t item = index.first_item(s); item < index.end_item(s); ++item) {
      if (flags >= 0 && index.issue_flags[item] != flags) continue;
      if (subject >= 0 && index.subject[item] != subject) continue;
      for (std::size_t b = index.ballot_begin[item]; b < index.ballot_begin[item + 1]; ++b) {
        counts[static_cast<std::size_t>(index.ballot_country[b])]
              [static_cast<std::size_t>(index.ballot_vote[b])] += 1;
      }
    }
  }
  return counts;
}

// Log of (n_k + w * prior_k) / (n + w), prior_k a probability vector.
void log_shares(const Counts& n, const Counts& prior, double weight, double* out) {
  const double total = n[0] + n[1] + n[2] + n[3];
  for (std::size_t k = 0; k < 4; ++k) out[k] = std::log((n[k] + weight * prior[k]) / (total + weight));
}

// Multinomial logit probabilities of one row.
void softmax(const Eigen::MatrixXd& coefficients, const double* row, double* p) {
  std::array<double, kClasses> eta{};
  for (int k = 1; k < kClasses; ++k) {
    double e = 0;
    for (std::size_t f = 0; f < kF; ++f) e += coefficients(k - 1, static_cast<Eigen::Index>(f)) * row[f];
    eta[static_cast<std::size_t>(k)] = e;
  }
  const double top = *std::max_element(eta.begin(), eta.end());
  double total = 0;
  for (std::size_t k = 0; k < 4; ++k) total += (p[k] = std::exp(eta[k] - top));
  for (std::size_t k = 0; k < 4; ++k) p[k] /= total;
}

// Penalised multinomial logistic regression by Newton's method with step halving.
Eigen::MatrixXd fit_multinomial(
    const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>& x,
    const std::vector<int>& y, double l2, int iterations) {
  const auto n = x.rows();
  const auto F = static_cast<Eigen::Index>(kF);
  const Eigen::Index P = kFree * F;
  using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  Eigen::MatrixXd w = Eigen::MatrixXd::Zero(kFree, F);
  RowMajor prob(n, kClasses);  // row-major: softmax writes one row through a pointer
  const auto objective = [&](const Eigen::MatrixXd& coefficients, RowMajor& p) {
    double value = 0;
    for (Eigen::Index i = 0; i < n; ++i) {
      softmax(coefficients, x.row(i).data(), p.row(i).data());
      value += std::log(std::max(p(i, y[static_cast<std::size_t>(i)]), 1e-300));
    }
    for (Eigen::Index k = 0; k < kFree; ++k) {
      for (Eigen::Index f = 1; f < F; ++f) value -= 0.5 * l2 * coefficients(k, f) * coefficients(k, f);
    }
    return value;
  };
  double current = objective(w, prob);
  for (int iteration = 0; iteration < iterations; ++iteration) {
    Eigen::VectorXd gradient = Eigen::VectorXd::Zero(P);
    Eigen::MatrixXd hessian = Eigen::MatrixXd::Zero(P, P);
    Eigen::MatrixXd residual(n, kFree);
    for (Eigen::Index i = 0; i < n; ++i) {
      for (Eigen::Index k = 0; k < kFree; ++k) {
        residual(i, k) = (y[static_cast<std::size_t>(i)] == k + 1 ? 1.0 : 0.0) - prob(i, k + 1);
      }
    }
    for (Eigen::Index k = 0; k < kFree; ++k) {
      gradient.segment(k * F, F) = x.transpose() * residual.col(k);
      for (Eigen::Index l = k; l < kFree; ++l) {
        Eigen::VectorXd weight =
            prob.col(k + 1).cwiseProduct((k == l ? 1.0 : 0.0) * Eigen::VectorXd::Ones(n) - prob.col(l + 1));
        const Eigen::MatrixXd block = x.transpose() * (x.array().colwise() * weight.array()).matrix();
        hessian.block(k * F, l * F, F, F) = block;
        if (l != k) hessian.block(l * F, k * F, F, F) = block.transpose();
      }
    }
    for (Eigen::Index k = 0; k < kFree; ++k) {
      for (Eigen::Index f = 1; f < F; ++f) {
        gradient(k * F + f) -= l2 * w(k, f);
        hessian(k * F + f, k * F + f) += l2;
      }
      hessian(k * F, k * F) += 1e-9;
    }
    const Eigen::VectorXd step = hessian.ldlt().solve(gradient);
    double scale = 1.0;
    bool improved = false;
    for (int halving = 0; halving < 30; ++halving, scale *= 0.5) {
      Eigen::MatrixXd trial = w;
      for (Eigen::Index k = 0; k < kFree; ++k) trial.row(k) += scale * step.segment(k * F, F).transpose();
      RowMajor trial_prob(n, kClasses);
      const double value = objective(trial, trial_prob);
      if (value >= current) {
        improved = value - current > 1e-9 * std::abs(current);
        w = trial;
        prob = trial_prob;
        current = value;
        break;
      }
    }
    if (!improved) break;
  }
  return w;
}

}  // namespace

std::vector<double> combiner_features(const VoteIndex& index, int session, const ForecastParams& params) {
  const std::size_t begin = index.first_item(session), end = index.end_item(session);
  const std::size_t ballots = index.ballot_begin[end] - index.ballot_begin[begin];
  std::vector<double> rows(ballots * kF, 0.0);

  const auto recent3 = counts_by_country(index, session - 3, session - 1, -1);
  const auto recent1 = counts_by_country(index, session - 1, session - 1, -1);
  Counts overall{};
  for (const auto& n : recent3) {
    for (std::size_t k = 0; k < 4; ++k) overall[k] += n[k];
  }
  const double overall_total = overall[0] + overall[1] + overall[2] + overall[3];
  for (auto& x : overall) x = overall_total > 0 ? (x + 1) / (overall_total + 4) : 0.25;
  std::map<int, std::vector<Counts>> by_flags, by_subject;

  std::vector<Probabilities> ideal;
  if (params.combiner_ideal_points) {
    ForecastParams p = params;
    p.model = Model::ideal_point;
    p.mix_shares = 0;
    p.mix_last_vote = 0;
    ideal = forecast_session(index, session, p);
  }

  const auto neighbours =
      text_neighbours(index, session, params.combiner_text_sessions, params.combiner_text_neighbours);
  std::vector<Counts> alike(static_cast<std::size_t>(index.country_count));

  std::vector<int> last(static_cast<std::size_t>(index.country_count), -1);
  std::size_t row = 0;
  for (std::size_t item = begin; item < end; ++item) {
    const std::int32_t match = index.match[item];
    const MatchKind kind = index.match_kind[item];
    std::fill(last.begin(), last.end(), -1);
    std::vector<int> before_last(static_cast<std::size_t>(index.country_count), -1);
    if (match >= 0 && index.match[static_cast<std::size_t>(match)] >= 0) {
      const auto grand = static_cast<std::size_t>(index.match[static_cast<std::size_t>(match)]);
      for (std::size_t b = index.ballot_begin[grand]; b < index.ballot_begin[grand + 1]; ++b) {
        before_last[static_cast<std::size_t>(index.ballot_country[b])] =
            static_cast<int>(index.ballot_vote[b]);
      }
    }
    const bool resumed = index.month[item] >= 1 && index.month[item] <= 8;
    Counts predecessor{};
    if (match >= 0) {
      for (std::size_t b = index.ballot_begin[static_cast<std::size_t>(match)];
           b < index.ballot_begin[static_cast<std::size_t>(match) + 1]; ++b) {
        last[static_cast<std::size_t>(index.ballot_country[b])] = static_cast<int>(index.ballot_vote[b]);
        predecessor[static_cast<std::size_t>(index.ballot_vote[b])] += 1;
      }
      const double total = predecessor[0] + predecessor[1] + predecessor[2] + predecessor[3];
      for (auto& x : predecessor) x = total > 0 ? x / total : 0;
    }
    const int flags = index.issue_flags[item];
    auto it = by_flags.find(flags);
    if (it == by_flags.end())
      it = by_flags.emplace(flags, counts_by_country(index, session - 3, session - 1, flags)).first;
    const int subject = index.subject[item];
    auto sub = by_subject.end();
    if (subject >= 0) {
      sub = by_subject.find(subject);
      if (sub == by_subject.end()) {
        sub = by_subject.emplace(subject, counts_by_country(index, session - 3, session - 1, -1, subject))
                  .first;
      }
    }
    // Each country's votes on the roll calls alike in wording, weighted by similarity.
    std::fill(alike.begin(), alike.end(), Counts{});
    double similarity = 0;
    for (const TextNeighbour& n : neighbours[item - begin]) {
      similarity += n.similarity;
      for (std::size_t b = index.ballot_begin[n.item]; b < index.ballot_begin[n.item + 1]; ++b) {
        alike[static_cast<std::size_t>(index.ballot_country[b])]
             [static_cast<std::size_t>(index.ballot_vote[b])] += n.similarity;
      }
    }
    if (!neighbours[item - begin].empty()) similarity /= static_cast<double>(neighbours[item - begin].size());
    for (std::size_t b = index.ballot_begin[item]; b < index.ballot_begin[item + 1]; ++b, ++row) {
      double* x = rows.data() + row * kF;
      const auto c = static_cast<std::size_t>(index.ballot_country[b]);
      x[kBias] = 1;
      if (kind == MatchKind::none) {
        x[kNoMatch] = 1;
      } else if (last[c] < 0) {
        x[kNoBallotInMatch] = 1;
      } else {
        const std::size_t offset = kind == MatchKind::same_title      ? kLastSameTitle
                                   : kind == MatchKind::similar_title ? kLastSimilarTitle
                                                                      : kLastSameSubject;
        x[offset + static_cast<std::size_t>(last[c])] = 1;
      }
      double shares3[4];
      log_shares(recent3[c], overall, 2.0, shares3);
      std::copy(shares3, shares3 + 4, x + kShares3);
      Counts prior3{};
      for (std::size_t k = 0; k < 4; ++k) prior3[k] = std::exp(shares3[k]);
      log_shares(recent1[c], prior3, 4.0, x + kShares1);
      log_shares(it->second[c], prior3, 4.0, x + kFlagShares);
      for (std::size_t k = 0; k < 4; ++k) x[kPredecessor + k] = predecessor[k];
      if (sub != by_subject.end()) {
        log_shares(sub->second[c], prior3, 4.0, x + kSubjectShares);
      } else {
        std::copy(shares3, shares3 + 4, x + kSubjectShares);
      }
      log_shares(alike[c], kUniform, similarity + params.combiner_text_prior, x + kTextShares);
      x[kTextSimilarity] = similarity;
      x[kAmendment] = (index.motion_flags[item] & kAmendmentVote) != 0;
      x[kParagraph] = (index.motion_flags[item] & kParagraphVote) != 0;
      x[kImportant] = (index.motion_flags[item] & kImportantVote) != 0;
      if (before_last[c] >= 0) x[kLastButOne + static_cast<std::size_t>(before_last[c])] = 1;
      x[kResumed] = resumed ? 1 : 0;
      x[kResumedAbsence] = resumed ? x[kShares1 + 3] : 0;
      x[kAbsentLastAbsence] = last[c] == 3 ? x[kShares3 + 3] : 0;
      if (!ideal.empty()) {
        for (std::size_t k = 0; k < 4; ++k) x[kIdealPoint + k] = std::log(std::max(ideal[row][k], 1e-6));
      }
    }
  }
  return rows;
}

std::vector<Probabilities> forecast_combined(const VoteIndex& index, int session,
                                             const ForecastParams& params, CombinerCache* cache) {
  CombinerCache local;
  CombinerCache& store = cache != nullptr ? *cache : local;
  const auto features = [&](int s) -> const std::vector<double>& {
    auto it = store.features.find(s);
    if (it == store.features.end()) it = store.features.emplace(s, combiner_features(index, s, params)).first;
    return it->second;
  };
  const int first = std::max(2, session - params.combiner_sessions);
  std::size_t n = 0;
  for (int s = first; s < session; ++s)
    n += index.ballot_begin[index.end_item(s)] - index.ballot_begin[index.first_item(s)];
  if (n == 0) {
    throw PreconditionError("forecast_combined: no earlier session to fit on before session " +
                            std::to_string(session));
  }
  Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> x(static_cast<Eigen::Index>(n),
                                                                           static_cast<Eigen::Index>(kF));
  std::vector<int> y;
  y.reserve(n);
  std::size_t row = 0;
  for (int s = first; s < session; ++s) {
    const auto& rows = features(s);
    std::copy(rows.begin(), rows.end(), x.data() + row * kF);
    for (std::size_t b = index.ballot_begin[index.first_item(s)]; b < index.ballot_begin[index.end_item(s)];
         ++b) {
      y.push_back(static_cast<int>(index.ballot_vote[b]));
    }
    row += rows.size() / kF;
  }
  const Eigen::MatrixXd w = fit_multinomial(x, y, params.combiner_l2, params.combiner_iterations);
  const auto& rows = features(session);
  std::vector<Probabilities> out(rows.size() / kF);
  for (std::size_t i = 0; i < out.size(); ++i) {
    softmax(w, rows.data() + i * kF, out[i].data());
    double total = 0;
    for (auto& p : out[i]) total += (p = std::max(p, params.probability_floor));
    for (auto& p : out[i]) p /= total;
  }
  return out;
}

}  // namespace statecraft::rollcall
