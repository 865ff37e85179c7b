#include "influence/narrative.h"

#include <Eigen/SparseLU>
#include <algorithm>
#include <cmath>
#include <deque>

#include "core/error.h"

namespace statecraft::influence {

NarrativeParams NarrativeParams::from(const Parameters& p) {
  NarrativeParams v;
  v.rounds = static_cast<int>(std::lround(p.get("narrative.rounds")));
  v.default_stubbornness = p.get("narrative.default_stubbornness");
  v.default_position = p.get("narrative.default_position");
  v.self_weight = p.get("narrative.self_weight");
  return v;
}

SparseRowMatrix row_stochastic(const SparseRowMatrix& weights, double self_weight) {
  if (weights.rows() != weights.cols()) throw PreconditionError("influence matrix must be square");
  if (!(self_weight >= 0.0)) throw PreconditionError("self weight must be >= 0");
  const Eigen::Index n = weights.rows();
  std::vector<Eigen::Triplet<double>> triplets;
  triplets.reserve(static_cast<std::size_t>(weights.nonZeros() + n));
  for (Eigen::Index i = 0; i < n; ++i) {
    double diagonal = self_weight;
    double sum = self_weight;
    for (SparseRowMatrix::InnerIterator it(weights, i); it; ++it) {
      if (it.value() < 0.0) throw PreconditionError("influence weights must be >= 0");
      if (it.col() == i) {
        diagonal += it.value();
      }
      sum += it.value();
    }
    if (sum <= 0.0) {
      triplets.emplace_back(i, i, 1.0);
      continue;
    }
    for (SparseRowMatrix::InnerIterator it(weights, i); it; ++it) {
      if (it.col() != i && it.value() > 0.0) triplets.emplace_back(i, it.col(), it.value() / sum);
    }
    if (diagonal > 0.0) triplets.emplace_back(i, i, diagonal / sum);
  }
  SparseRowMatrix out(n, n);
  out.setFromTriplets(triplets.begin(), triplets.end());
  out.makeCompressed();
  return out;
}

namespace {
void check_sizes(const SparseRowMatrix& w, const Eigen::VectorXd& lambda, const Eigen::VectorXd& u) {
  if (w.rows() != w.cols() || lambda.size() != w.rows() || u.size() != w.rows()) {
    throw PreconditionError("Friedkin-Johnsen: matrix and vectors differ in size");
  }
  for (Eigen::Index i = 0; i < lambda.size(); ++i) {
    if (!(lambda[i] >= 0.0 && lambda[i] <= 1.0)) {
      throw PreconditionError("Friedkin-Johnsen: susceptibility outside [0, 1]");
    }
  }
}
}  // namespace

Eigen::VectorXd fj_step(const SparseRowMatrix& w, const Eigen::VectorXd& lambda, const Eigen::VectorXd& x,
                        const Eigen::VectorXd& u) {
  check_sizes(w, lambda, u);
  if (x.size() != u.size()) throw PreconditionError("Friedkin-Johnsen: state has the wrong size");
  Eigen::VectorXd wx = w * x;
  return lambda.cwiseProduct(wx) + (Eigen::VectorXd::Ones(u.size()) - lambda).cwiseProduct(u);
}

Equilibrium fj_equilibrium(const SparseRowMatrix& w, const Eigen::VectorXd& lambda, const Eigen::VectorXd& u,
                           const Eigen::VectorXd* fallback) {
  check_sizes(w, lambda, u);
  const Eigen::Index n = w.rows();
  // Anchored: can reach, following i -> j whenever i listens to j, an actor with
  // stubbornness > 0. Found by a backward search from the stubborn actors.
  std::vector<std::vector<Eigen::Index>> listeners(static_cast<std::size_t>(n));
  for (Eigen::Index i = 0; i < n; ++i) {
    for (SparseRowMatrix::InnerIterator it(w, i); it; ++it) {
      if (it.value() > 0.0 && it.col() != i) listeners[static_cast<std::size_t>(it.col())].push_back(i);
    }
  }
  std::vector<bool> anchored(static_cast<std::size_t>(n), false);
  std::deque<Eigen::Index> queue;
  for (Eigen::Index i = 0; i < n; ++i) {
    if (lambda[i] < 1.0) {
      anchored[static_cast<std::size_t>(i)] = true;
      queue.push_back(i);
    }
  }
  while (!queue.empty()) {
    Eigen::Index j = queue.front();
    queue.pop_front();
    for (Eigen::Index i : listeners[static_cast<std::size_t>(j)]) {
      if (!anchored[static_cast<std::size_t>(i)]) {
        anchored[static_cast<std::size_t>(i)] = true;
        queue.push_back(i);
      }
    }
  }

  Equilibrium out;
  for (Eigen::Index i = 0; i < n; ++i) {
    if (!anchored[static_cast<std::size_t>(i)]) out.unanchored.push_back(static_cast<std::size_t>(i));
  }
  if (!out.unanchored.empty() && (fallback == nullptr || fallback->size() != n)) {
    throw PreconditionError("Friedkin-Johnsen: some actors are not anchored and no fallback was given");
  }

  // M = I − ΛW on anchored rows; identity rows (x_i = fallback_i) on unanchored ones.
  std::vector<Eigen::Triplet<double>> triplets;
  triplets.reserve(static_cast<std::size_t>(w.nonZeros() + n));
  Eigen::VectorXd rhs(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    if (!anchored[static_cast<std::size_t>(i)]) {
      triplets.emplace_back(i, i, 1.0);
      rhs[i] = (*fallback)[i];
      continue;
    }
    triplets.emplace_back(i, i, 1.0);
    for (SparseRowMatrix::InnerIterator it(w, i); it; ++it) {
      triplets.emplace_back(i, it.col(), -lambda[i] * it.value());
    }
    rhs[i] = (1.0 - lambda[i]) * u[i];
  }
  Eigen::SparseMatrix<double> m(n, n);  // column-major for SparseLU
  m.setFromTriplets(triplets.begin(), triplets.end());  // duplicates (diagonal) are summed
  m.makeCompressed();
  Eigen::SparseLU<Eigen::SparseMatrix<double>, Eigen::COLAMDOrdering<int>> lu;
  lu.compute(m);
  if (lu.info() != Eigen::Success) throw PreconditionError("Friedkin-Johnsen: I - Lambda W is singular");
  out.values = lu.solve(rhs);
  if (lu.info() != Eigen::Success) throw PreconditionError("Friedkin-Johnsen: sparse solve failed");
  return out;
}

namespace {

struct FrameSetup {
  Eigen::VectorXd position;
  Eigen::VectorXd anchor;
  Eigen::VectorXd lambda;
};

FrameSetup setup_frame(const Scenario& s, const InfluenceNetwork& net, const Frame& frame,
                       const NarrativeParams& p) {
  const auto n = static_cast<Eigen::Index>(net.actors.size());
  FrameSetup f{Eigen::VectorXd::Constant(n, p.default_position), Eigen::VectorXd::Constant(n, p.default_position),
               Eigen::VectorXd::Constant(n, 1.0 - p.default_stubbornness)};
  for (Eigen::Index i = 0; i < n; ++i) {
    auto it = s.narratives.stubbornness.find(net.actors[static_cast<std::size_t>(i)]);
    if (it != s.narratives.stubbornness.end()) f.lambda[i] = 1.0 - it->second.value;
  }
  for (const auto& fp : frame.positions) {
    const auto i = static_cast<Eigen::Index>(net.index_of(fp.actor));
    f.position[i] = fp.position.value;
    f.anchor[i] = fp.anchor ? fp.anchor->value : fp.position.value;
    if (fp.stubbornness) f.lambda[i] = 1.0 - fp.stubbornness->value;
  }
  return f;
}

bool weight_active(const Campaign& c, int round) {
  return c.weight > 0.0 && round >= c.start && (round < c.end || c.lasting);
}

// The raw weights with the boosts of the campaigns marked active
// (`active[k]`: campaign k adds its weight to each target listening to its actor).
SparseRowMatrix boosted(const Scenario& s, const InfluenceNetwork& net, const std::vector<bool>& active) {
  SparseRowMatrix w = net.weights;
  std::vector<Eigen::Triplet<double>> extra;
  for (std::size_t k = 0; k < s.narratives.campaigns.size(); ++k) {
    if (!active[k]) continue;
    const Campaign& c = s.narratives.campaigns[k];
    const auto j = static_cast<Eigen::Index>(net.index_of(c.actor));
    for (const auto& t : c.targets) {
      extra.emplace_back(static_cast<Eigen::Index>(net.index_of(t)), j, c.weight);
    }
  }
  if (extra.empty()) return w;
  SparseRowMatrix add(w.rows(), w.cols());
  add.setFromTriplets(extra.begin(), extra.end());
  return SparseRowMatrix(w + add);
}

}  // namespace

NarrativeResult run_narratives(const Scenario& s, const InfluenceNetwork& net, const NarrativeParams& p) {
  NarrativeResult out;
  out.actors = net.actors;
  out.rounds = s.narratives.rounds.value_or(p.rounds);
  for (const auto& c : s.narratives.campaigns) out.rounds = std::max(out.rounds, c.end);
  const std::size_t campaigns = s.narratives.campaigns.size();

  // Row-stochastic matrices are rebuilt only when the set of active boosts changes.
  auto active_at = [&](int round) {
    std::vector<bool> a(campaigns);
    for (std::size_t k = 0; k < campaigns; ++k) a[k] = weight_active(s.narratives.campaigns[k], round);
    return a;
  };
  std::vector<bool> final_active(campaigns);
  for (std::size_t k = 0; k < campaigns; ++k) {
    const Campaign& c = s.narratives.campaigns[k];
    final_active[k] = c.weight > 0.0 && c.lasting;
  }
  const SparseRowMatrix final_w = row_stochastic(boosted(s, net, final_active), p.self_weight);

  for (const auto& frame : s.narratives.frames) {
    FrameSetup f = setup_frame(s, net, frame, p);
    FrameDynamics d;
    d.frame = frame.id;
    Eigen::VectorXd x = f.position;
    Eigen::VectorXd u = f.anchor;
    d.trajectory.emplace_back(x.data(), x.data() + x.size());
    std::vector<bool> current;
    SparseRowMatrix w;
    for (int t = 0; t < out.rounds; ++t) {
      std::vector<bool> a = active_at(t);
      if (t == 0 || a != current) {
        w = row_stochastic(boosted(s, net, a), p.self_weight);
        current = std::move(a);
      }
      for (const auto& c : s.narratives.campaigns) {
        if (c.frame != frame.id || c.anchor_shift == 0.0 || t < c.start || t >= c.end) continue;
        for (const auto& target : c.targets) {
          const auto i = static_cast<Eigen::Index>(net.index_of(target));
          u[i] = std::clamp(u[i] + c.anchor_shift, 0.0, 1.0);
        }
      }
      x = fj_step(w, f.lambda, x, u);
      d.trajectory.emplace_back(x.data(), x.data() + x.size());
    }
    d.anchors_final.assign(u.data(), u.data() + u.size());
    Equilibrium e = fj_equilibrium(final_w, f.lambda, u, &x);
    d.equilibrium.assign(e.values.data(), e.values.data() + e.values.size());
    for (std::size_t i : e.unanchored) d.unanchored.push_back(net.actors[i]);
    out.frames.push_back(std::move(d));
  }
  return out;
}

Scenario with_frame_positions(const Scenario& scenario, const NarrativeResult& result, const std::string& frame) {
  const Frame* declared = nullptr;
  for (const auto& f : scenario.narratives.frames) {
    if (f.id == frame) declared = &f;
  }
  const FrameDynamics* dynamics = nullptr;
  for (const auto& d : result.frames) {
    if (d.frame == frame) dynamics = &d;
  }
  if (declared == nullptr || dynamics == nullptr) throw PreconditionError("unknown frame " + frame);
  if (declared->issue.empty()) throw PreconditionError("frame " + frame + " names no issue");
  Scenario out = scenario;
  auto issue = std::find_if(out.issues.begin(), out.issues.end(), [&](const Issue& i) { return i.id == declared->issue; });
  if (issue == out.issues.end()) throw PreconditionError("frame " + frame + " names unknown issue " + declared->issue);
  for (auto& stance : issue->stances) {
    for (std::size_t i = 0; i < result.actors.size(); ++i) {
      if (result.actors[i] != stance.actor) continue;
      stance.position.value = issue->scale_min + dynamics->equilibrium[i] * (issue->scale_max - issue->scale_min);
      stance.position.source = "narrative equilibrium of frame " + frame;
      stance.position.assumed = true;
    }
  }
  return out;
}

}  // namespace statecraft::influence
