#include "sim/statistics.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <numeric>

namespace statecraft::sim {

namespace {

struct Moments {
  double mean = 0.0;
  double sd = 0.0;
};

Moments moments(const std::vector<double>& x) {
  Moments m;
  if (x.empty()) return m;
  for (double v : x) m.mean += v;
  m.mean /= static_cast<double>(x.size());
  double ss = 0.0;
  for (double v : x) ss += (v - m.mean) * (v - m.mean);
  m.sd = x.size() > 1 ? std::sqrt(ss / static_cast<double>(x.size() - 1)) : 0.0;
  return m;
}

// Correlation ratio of y on the bins of x (see statistics.h).
double correlation_ratio(const std::vector<double>& x, const std::vector<double>& y, bool discrete,
                         std::size_t bins) {
  const std::size_t n = x.size();
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  // Ties broken by row, so the bins never depend on the sort's whims.
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return x[a] < x[b] || (x[a] == x[b] && a < b); });
  const double mean = std::accumulate(y.begin(), y.end(), 0.0) / static_cast<double>(n);
  double total = 0.0;
  for (double v : y) total += (v - mean) * (v - mean);
  if (total <= 0.0) return 0.0;
  double between = 0.0;
  auto add_bin = [&](std::size_t from, std::size_t to) {
    if (to <= from) return;
    double sum = 0.0;
    for (std::size_t k = from; k < to; ++k) sum += y[order[k]];
    const double bin_mean = sum / static_cast<double>(to - from);
    between += static_cast<double>(to - from) * (bin_mean - mean) * (bin_mean - mean);
  };
  if (discrete) {
    std::size_t from = 0;
    for (std::size_t k = 1; k <= n; ++k) {
      if (k == n || x[order[k]] != x[order[from]]) {
        add_bin(from, k);
        from = k;
      }
    }
  } else {
    for (std::size_t b = 0; b < bins; ++b) add_bin(b * n / bins, (b + 1) * n / bins);
  }
  return between / total;
}

}  // namespace

double sorted_quantile(const std::vector<double>& sorted, double probability) {
  if (sorted.empty()) return 0.0;
  const double h = (static_cast<double>(sorted.size()) - 1.0) * probability;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

SweepSummary summarise(const std::vector<double>& table, const std::vector<std::string>& inputs,
                       const std::vector<std::string>& outputs, const std::vector<bool>& discrete) {
  const std::size_t width = inputs.size() + outputs.size();
  const std::size_t n = width == 0 ? 0 : table.size() / width;
  SweepSummary summary;
  summary.rows = n;
  auto column = [&](std::size_t c) {
    std::vector<double> v(n);
    for (std::size_t r = 0; r < n; ++r) v[r] = table[r * width + c];
    return v;
  };
  // Inputs that vary; a constant one explains nothing and would make the regression singular.
  std::vector<std::size_t> varying;
  std::vector<std::vector<double>> xs;
  std::vector<Moments> xm;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    std::vector<double> x = column(i);
    const Moments m = moments(x);
    if (m.sd > 0.0) {
      varying.push_back(i);
      summary.inputs.push_back(inputs[i]);
      xs.push_back(std::move(x));
      xm.push_back(m);
    }
  }
  const std::size_t bins =
      std::clamp<std::size_t>(static_cast<std::size_t>(std::sqrt(static_cast<double>(n))), 2, 32);
  summary.sobol_floor = n > 1 ? static_cast<double>(bins - 1) / static_cast<double>(n - 1) : 0.0;

  // Standardised design matrix, shared by every output.
  const auto k = static_cast<Eigen::Index>(varying.size());
  Eigen::MatrixXd design(static_cast<Eigen::Index>(n), k + 1);
  for (std::size_t r = 0; r < n; ++r) {
    design(static_cast<Eigen::Index>(r), 0) = 1.0;
    for (Eigen::Index j = 0; j < k; ++j)
      design(static_cast<Eigen::Index>(r), j + 1) = (xs[j][r] - xm[j].mean) / xm[j].sd;
  }
  const bool can_regress = n > static_cast<std::size_t>(k) + 1 && k > 0;
  Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr;
  if (can_regress) qr.compute(design);

  for (std::size_t o = 0; o < outputs.size(); ++o) {
    OutputSummary out;
    out.name = outputs[o];
    std::vector<double> y = column(inputs.size() + o);
    const Moments m = moments(y);
    out.mean = m.mean;
    out.sd = m.sd;
    std::vector<double> sorted = y;
    std::sort(sorted.begin(), sorted.end());
    if (!sorted.empty()) {
      out.min = sorted.front();
      out.max = sorted.back();
      out.q05 = sorted_quantile(sorted, 0.05);
      out.q50 = sorted_quantile(sorted, 0.5);
      out.q95 = sorted_quantile(sorted, 0.95);
    }
    // Equal values can still give a sd of 1e-18 from rounding in the mean: constant is constant.
    if (out.min == out.max) out.sd = 0.0;
    out.src.assign(varying.size(), 0.0);
    out.sobol.assign(varying.size(), 0.0);
    if (out.sd > 0.0) {
      if (can_regress) {
        Eigen::VectorXd yv(static_cast<Eigen::Index>(n));
        for (std::size_t r = 0; r < n; ++r) yv(static_cast<Eigen::Index>(r)) = (y[r] - m.mean) / m.sd;
        const Eigen::VectorXd beta = qr.solve(yv);
        const Eigen::VectorXd residual = yv - design * beta;
        out.r2 = 1.0 - residual.squaredNorm() / yv.squaredNorm();
        for (Eigen::Index j = 0; j < k; ++j) out.src[static_cast<std::size_t>(j)] = beta(j + 1);
      }
      for (std::size_t j = 0; j < varying.size(); ++j)
        out.sobol[j] = correlation_ratio(xs[j], y, discrete[varying[j]], bins);
    }
    summary.outputs.push_back(std::move(out));
  }
  return summary;
}

}  // namespace statecraft::sim
