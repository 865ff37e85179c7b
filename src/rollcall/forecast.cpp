#include "rollcall/forecast.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/error.h"
#include "rollcall/combiner.h"

namespace statecraft::rollcall {
namespace {

constexpr auto kCategories = static_cast<std::size_t>(kVoteCategories);

// Each country's ballot counts (yes, no, abstain, absent) over sessions [first, last].
std::vector<std::array<double, kCategories>> vote_counts(const VoteIndex& index, int first, int last) {
  std::vector<std::array<double, kCategories>> counts(static_cast<std::size_t>(index.country_count),
                                                      std::array<double, kCategories>{});
  first = std::max(first, 0);
  for (int s = first; s <= last; ++s) {
    for (std::size_t b = index.ballot_begin[index.first_item(s)]; b < index.ballot_begin[index.end_item(s)];
         ++b) {
      counts[static_cast<std::size_t>(index.ballot_country[b])]
            [static_cast<std::size_t>(index.ballot_vote[b])] += 1;
    }
  }
  return counts;
}

// Baseline 1: p_k = (n_k + a) / (n + 4a), counts over the previous `sessions` sessions.
Probabilities shares(const std::array<double, kCategories>& counts, double prior) {
  double total = 0;
  for (const double n : counts) total += n;
  Probabilities p{};
  for (std::size_t k = 0; k < kCategories; ++k) {
    p[k] = total + 4 * prior > 0 ? (counts[k] + prior) / (total + 4 * prior) : 0.25;
  }
  return p;
}

// Each country's ballot on item `item` (-1: no ballot).
std::vector<int> ballots_of(const VoteIndex& index, std::size_t item) {
  std::vector<int> vote(static_cast<std::size_t>(index.country_count), -1);
  for (std::size_t b = index.ballot_begin[item]; b < index.ballot_begin[item + 1]; ++b) {
    vote[static_cast<std::size_t>(index.ballot_country[b])] = static_cast<int>(index.ballot_vote[b]);
  }
  return vote;
}

void mix_one_hot(Probabilities& p, int category, double weight) {
  for (auto& x : p) x *= 1.0 - weight;
  p[static_cast<std::size_t>(category)] += weight;
}

void floor_and_normalise(Probabilities& p, double floor) {
  double total = 0;
  for (auto& x : p) {
    x = std::max(x, floor);
    total += x;
  }
  for (auto& x : p) x /= total;
}

struct ItemLocation {
  std::array<double, 2> discrimination{};
  double cut_no = 0, cut_abstain = 0;
};

}  // namespace

Model parse_model(const std::string& name) {
  if (name == "shares") return Model::shares;
  if (name == "lineage") return Model::lineage;
  if (name == "ideal-point" || name == "ideal_point") return Model::ideal_point;
  if (name == "combined" || name == "recommended") return Model::combined;
  throw PreconditionError("unknown model '" + name +
                          "'; expected shares, lineage, ideal-point, combined or recommended");
}

std::string to_string(Model model) {
  switch (model) {
    case Model::shares: return "shares";
    case Model::lineage: return "lineage";
    case Model::ideal_point: return "ideal-point";
    case Model::combined: return "combined";
  }
  return "?";
}

std::vector<Probabilities> forecast_session(const VoteIndex& index, int session, const ForecastParams& params,
                                            CombinerCache* cache) {
  if (session < 1 || session > index.max_session) {
    throw PreconditionError("forecast_session: session " + std::to_string(session) + " is not in 1.." +
                            std::to_string(index.max_session));
  }
  if (params.model == Model::combined && session >= 3)
    return forecast_combined(index, session, params, cache);
  const std::size_t begin = index.first_item(session), end = index.end_item(session);
  std::vector<Probabilities> out;
  out.reserve(index.ballot_begin[end] - index.ballot_begin[begin]);

  const auto recent = vote_counts(index, session - params.share_sessions, session - 1);
  std::vector<Probabilities> share(recent.size());
  for (std::size_t c = 0; c < recent.size(); ++c) share[c] = shares(recent[c], params.share_prior);

  if ((params.model != Model::ideal_point && params.model != Model::combined) || session - 1 < 1) {
    for (std::size_t item = begin; item < end; ++item) {
      const std::int32_t parent = index.lineage[item];
      const std::vector<int> last = parent >= 0 && params.model != Model::shares
                                        ? ballots_of(index, static_cast<std::size_t>(parent))
                                        : std::vector<int>{};
      for (std::size_t b = index.ballot_begin[item]; b < index.ballot_begin[item + 1]; ++b) {
        const auto c = static_cast<std::size_t>(index.ballot_country[b]);
        Probabilities p = share[c];
        if (!last.empty() && last[c] >= 0) mix_one_hot(p, last[c], params.lineage_weight);
        out.push_back(p);
      }
    }
    return out;
  }

  // Ideal-point model.
  const int first = std::max(1, session - params.window_sessions);
  const IdealPointFit fit = fit_ideal_points(index, first, session - 1, params.ideal_points);
  const int dims = fit.dimensions;
  const auto D = static_cast<std::size_t>(dims);

  // Absence: the country's rate in the previous session, shrunk to the session mean.
  const auto previous = vote_counts(index, session - 1, session - 1);
  double absent_total = 0, ballots_total = 0;
  for (const auto& n : previous) {
    absent_total += n[3];
    for (const double x : n) ballots_total += x;
  }
  const double mean_absence = ballots_total > 0 ? absent_total / ballots_total : 0.05;

  // Fallback item locations for roll calls without a lineage: the mean item of the
  // previous session with the same issue flags, else of the whole previous session.
  std::map<int, std::pair<ItemLocation, double>> by_flags;
  ItemLocation overall;
  double overall_n = 0;
  auto location_of = [&](std::size_t item) {
    const std::size_t j = item - fit.first_item;
    ItemLocation l;
    for (std::size_t d = 0; d < D; ++d) l.discrimination[d] = fit.discrimination[j * D + d];
    l.cut_no = fit.cut_no[j];
    l.cut_abstain = fit.cut_abstain[j];
    return l;
  };
  auto accumulate = [&](ItemLocation& sum, const ItemLocation& l) {
    for (std::size_t d = 0; d < D; ++d) sum.discrimination[d] += l.discrimination[d];
    sum.cut_no += l.cut_no;
    sum.cut_abstain += l.cut_abstain;
  };
  auto divide = [&](ItemLocation l, double n) {
    for (std::size_t d = 0; d < D; ++d) l.discrimination[d] /= n;
    l.cut_no /= n;
    l.cut_abstain /= n;
    return l;
  };
  for (std::size_t item = index.first_item(session - 1); item < index.end_item(session - 1); ++item) {
    const ItemLocation l = location_of(item);
    auto& [sum, n] = by_flags[index.issue_flags[item]];
    accumulate(sum, l);
    n += 1;
    accumulate(overall, l);
    overall_n += 1;
  }

  for (std::size_t item = begin; item < end; ++item) {
    const std::int32_t parent = index.match[item];
    ItemLocation location;
    if (parent >= 0 && fit.has_item(static_cast<std::size_t>(parent))) {
      location = location_of(static_cast<std::size_t>(parent));
    } else if (const auto it = by_flags.find(index.issue_flags[item]); it != by_flags.end()) {
      location = divide(it->second.first, it->second.second);
    } else if (overall_n > 0) {
      location = divide(overall, overall_n);
    }
    const std::vector<int> last =
        parent >= 0 ? ballots_of(index, static_cast<std::size_t>(parent)) : std::vector<int>{};
    for (std::size_t b = index.ballot_begin[item]; b < index.ballot_begin[item + 1]; ++b) {
      const auto c = static_cast<std::size_t>(index.ballot_country[b]);
      double eta = 0;
      if (fit.country_last[c] >= 0) {
        for (std::size_t d = 0; d < D; ++d) {
          eta += location.discrimination[d] *
                 fit.position[fit.slot(static_cast<int>(c), fit.country_last[c], static_cast<int>(d))];
        }
      }
      const OrderedProbabilities ordered = ordered_probabilities(eta, location.cut_no, location.cut_abstain);
      const auto& n = previous[c];
      const double cast = n[0] + n[1] + n[2] + n[3];
      const double absence =
          (n[3] + params.absence_prior_votes * mean_absence) / (cast + params.absence_prior_votes);
      Probabilities p = {(1 - absence) * ordered.yes, (1 - absence) * ordered.no,
                         (1 - absence) * ordered.abstain, absence};
      for (std::size_t k = 0; k < kCategories; ++k) {
        p[k] = (1 - params.mix_shares) * p[k] + params.mix_shares * share[c][k];
      }
      if (!last.empty() && last[c] >= 0) mix_one_hot(p, last[c], params.mix_last_vote);
      floor_and_normalise(p, params.probability_floor);
      out.push_back(p);
    }
  }
  (void)dims;
  return out;
}

}  // namespace statecraft::rollcall
