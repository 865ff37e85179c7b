#include "validation/protocol.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "bargain/monte_carlo.h"
#include "core/error.h"
#include "core/rng.h"

namespace statecraft::validation {

namespace {

constexpr std::uint64_t kFoldPurpose = 0x464f4c44;       // "FOLD"
constexpr std::uint64_t kBootstrapPurpose = 0x424f4f54;  // "BOOT"

// Distinct groups in order of first appearance, and each case's group index.
struct Groups {
  std::vector<std::string> names;
  std::vector<std::size_t> of_case;
  std::vector<std::vector<std::size_t>> members;
};

Groups group(std::span<const std::string> keys) {
  Groups g;
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    auto [it, inserted] = index.emplace(keys[i], g.names.size());
    if (inserted) {
      g.names.push_back(keys[i]);
      g.members.emplace_back();
    }
    g.of_case.push_back(it->second);
    g.members[it->second].push_back(i);
  }
  return g;
}

double median_of(std::vector<double> values) {
  return bargain::quantile(std::move(values), 0.5);
}

struct Scores {
  double mae = 0.0;
  double median = 0.0;
  double within_10 = 0.0;
};

Scores scores(std::span<const double> errors) {
  Scores s;
  std::vector<double> values(errors.begin(), errors.end());
  double within = 0.0;
  for (double e : values) {
    s.mae += e;
    within += e <= 10.0 + 1e-9 ? 1.0 : 0.0;
  }
  s.mae /= static_cast<double>(values.size());
  s.within_10 = within / static_cast<double>(values.size());
  s.median = median_of(std::move(values));
  return s;
}

// Case indices of one cluster-bootstrap replicate: groups drawn with replacement.
std::vector<std::size_t> resample(const Groups& g, std::uint64_t seed, int replicate) {
  Rng rng(seed, static_cast<std::uint64_t>(replicate), kBootstrapPurpose);
  std::vector<std::size_t> cases;
  for (std::size_t k = 0; k < g.names.size(); ++k) {
    const auto pick = std::min(g.names.size() - 1,
                               static_cast<std::size_t>(rng.uniform() * static_cast<double>(g.names.size())));
    cases.insert(cases.end(), g.members[pick].begin(), g.members[pick].end());
  }
  return cases;
}

Estimate estimate(double value, std::vector<double> replicates) {
  return {value, bargain::quantile(replicates, 0.025), bargain::quantile(replicates, 0.975)};
}

}  // namespace

std::vector<int> grouped_folds(std::span<const std::string> proposals, int folds, std::uint64_t seed) {
  if (folds < 2) throw PreconditionError("grouped_folds: need at least 2 folds");
  const Groups g = group(proposals);
  // Shuffle the proposals (sorted by name first, so the file order does not matter).
  std::vector<std::size_t> order(g.names.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return g.names[a] < g.names[b]; });
  Rng rng(seed, 0, kFoldPurpose);
  for (std::size_t k = order.size(); k > 1; --k) {
    const auto j = std::min(k - 1, static_cast<std::size_t>(rng.uniform() * static_cast<double>(k)));
    std::swap(order[k - 1], order[j]);
  }
  std::vector<std::size_t> size(static_cast<std::size_t>(folds), 0);
  std::vector<int> fold_of_group(g.names.size(), 0);
  for (std::size_t group_index : order) {
    const auto smallest = static_cast<std::size_t>(std::min_element(size.begin(), size.end()) - size.begin());
    fold_of_group[group_index] = static_cast<int>(smallest);
    size[smallest] += g.members[group_index].size();
  }
  std::vector<int> fold(proposals.size());
  for (std::size_t i = 0; i < proposals.size(); ++i) fold[i] = fold_of_group[g.of_case[i]];
  return fold;
}

std::vector<bool> time_split(std::span<const std::string> proposals, std::span<const int> introduced,
                             double train_share) {
  if (proposals.size() != introduced.size()) throw PreconditionError("time_split: sizes differ");
  if (!(train_share > 0.0 && train_share < 1.0)) throw PreconditionError("time_split: share outside (0, 1)");
  const Groups g = group(proposals);
  // A proposal's date: the earliest known date among its issues (0 = unknown).
  std::vector<int> date(g.names.size(), 0);
  for (std::size_t i = 0; i < proposals.size(); ++i) {
    int& d = date[g.of_case[i]];
    if (introduced[i] != 0 && (d == 0 || introduced[i] < d)) d = introduced[i];
  }
  std::vector<std::size_t> order(g.names.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return date[a] != date[b] ? date[a] < date[b] : g.names[a] < g.names[b];
  });
  const auto train_groups =
      static_cast<std::size_t>(std::llround(train_share * static_cast<double>(order.size())));
  std::vector<bool> train_group(g.names.size(), false);
  for (std::size_t k = 0; k < train_groups && k < order.size(); ++k) train_group[order[k]] = true;
  // Proposals introduced on the same day as the last training proposal train too, so the
  // split is a cut in time.
  if (train_groups > 0 && train_groups < order.size()) {
    const int cut = date[order[train_groups - 1]];
    for (std::size_t k = train_groups; k < order.size() && date[order[k]] == cut; ++k)
      train_group[order[k]] = true;
  }
  std::vector<bool> train(proposals.size());
  for (std::size_t i = 0; i < proposals.size(); ++i) train[i] = train_group[g.of_case[i]];
  return train;
}

OutOfSample cross_validate(const ForecastMatrix& forecasts, std::span<const double> outcomes,
                           std::span<const int> folds) {
  OutOfSample out;
  const std::size_t n = outcomes.size();
  out.forecast.resize(n);
  out.point.resize(n);
  out.cases.resize(n);
  std::iota(out.cases.begin(), out.cases.end(), std::size_t{0});
  const int fold_count = folds.empty() ? 0 : *std::max_element(folds.begin(), folds.end()) + 1;
  for (int k = 0; k < fold_count; ++k) {
    std::vector<std::size_t> train;
    for (std::size_t i = 0; i < n; ++i) {
      if (folds[i] != k) train.push_back(i);
    }
    const std::size_t point = best_point(forecasts, outcomes, train);
    for (std::size_t i = 0; i < n; ++i) {
      if (folds[i] != k) continue;
      out.forecast[i] = forecasts[point][i];
      out.point[i] = point;
    }
  }
  return out;
}

OutOfSample split_validate(const ForecastMatrix& forecasts, std::span<const double> outcomes,
                           const std::vector<bool>& train) {
  std::vector<std::size_t> fit;
  OutOfSample out;
  for (std::size_t i = 0; i < outcomes.size(); ++i) (train[i] ? fit : out.cases).push_back(i);
  if (fit.empty() || out.cases.empty()) throw PreconditionError("split_validate: an empty side");
  const std::size_t point = best_point(forecasts, outcomes, fit);
  for (std::size_t i : out.cases) {
    out.forecast.push_back(forecasts[point][i]);
    out.point.push_back(point);
  }
  return out;
}

ErrorSummary summarise(std::span<const double> errors, std::span<const std::string> groups, int replicates,
                       std::uint64_t seed) {
  if (errors.empty() || errors.size() != groups.size()) throw PreconditionError("summarise: bad sizes");
  if (replicates < 1) throw PreconditionError("summarise: replicates must be >= 1");
  const Groups g = group(groups);
  const Scores full = scores(errors);
  std::vector<double> mae, median, within;
  std::vector<double> sample;
  for (int b = 0; b < replicates; ++b) {
    sample.clear();
    for (std::size_t i : resample(g, seed, b)) sample.push_back(errors[i]);
    const Scores s = scores(sample);
    mae.push_back(s.mae);
    median.push_back(s.median);
    within.push_back(s.within_10);
  }
  ErrorSummary summary;
  summary.issues = errors.size();
  summary.mae = estimate(full.mae, std::move(mae));
  summary.median = estimate(full.median, std::move(median));
  summary.within_10 = estimate(full.within_10, std::move(within));
  return summary;
}

Estimate mae_difference(std::span<const double> errors_a, std::span<const double> errors_b,
                        std::span<const std::string> groups, int replicates, std::uint64_t seed) {
  if (errors_a.size() != errors_b.size() || errors_a.size() != groups.size() || errors_a.empty()) {
    throw PreconditionError("mae_difference: bad sizes");
  }
  const Groups g = group(groups);
  auto difference = [&](std::span<const std::size_t> cases) {
    double d = 0.0;
    for (std::size_t i : cases) d += errors_a[i] - errors_b[i];
    return d / static_cast<double>(cases.size());
  };
  std::vector<std::size_t> all(errors_a.size());
  std::iota(all.begin(), all.end(), std::size_t{0});
  std::vector<double> replicate_values;
  for (int b = 0; b < replicates; ++b) replicate_values.push_back(difference(resample(g, seed, b)));
  return estimate(difference(all), std::move(replicate_values));
}

}  // namespace statecraft::validation
