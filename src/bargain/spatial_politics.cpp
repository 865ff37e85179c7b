#include "bargain/spatial_politics.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "bargain/weighted.h"
#include "core/error.h"

namespace statecraft::bargain {

SmpParams SmpParams::from(const Parameters& parameters) {
  SmpParams params;
  params.rounds = static_cast<int>(parameters.get("smp.rounds"));
  params.victory_exponent = parameters.get("smp.victory_exponent");
  params.tolerance = parameters.get("smp.tolerance");
  return params;
}

namespace {

class Election {
 public:
  Election(std::span<const SpatialActor> actors, double exponent) : actors_(actors), exponent_(exponent) {
    for (const auto& actor : actors) {
      double total = 0.0;
      for (double s : actor.salience) total += s;
      salience_total_.push_back(total);
      // Votes are weighted by capability x mean salience; the utility itself weighs
      // dimensions by relative salience.
      vote_weight_.push_back(actor.capability * total / static_cast<double>(actor.salience.size()));
    }
  }

  // u_k(p) = 1 - sum_d s_kd |y_kd - p_d| / sum_d s_kd, in [0, 1].
  [[nodiscard]] double utility(std::size_t k, std::span<const double> point) const {
    if (salience_total_[k] <= 0.0) return 1.0;
    double distance = 0.0;
    for (std::size_t d = 0; d < point.size(); ++d) {
      distance += actors_[k].salience[d] * std::abs(actors_[k].ideal[d] - point[d]);
    }
    return 1.0 - distance / salience_total_[k];
  }

  // P(a beats b) = S_a^g / (S_a^g + S_b^g), S_a = sum_k max(0, w_k (u_k(a) - u_k(b))).
  [[nodiscard]] double victory(std::span<const double> a, std::span<const double> b) const {
    double for_a = 0.0;
    double for_b = 0.0;
    for (std::size_t k = 0; k < actors_.size(); ++k) {
      const double vote = vote_weight_[k] * (utility(k, a) - utility(k, b));
      if (vote > 0.0) for_a += vote; else for_b -= vote;
    }
    if (for_a <= 0.0 && for_b <= 0.0) return 0.5;
    const double sa = std::pow(for_a, exponent_);
    const double sb = std::pow(for_b, exponent_);
    return sa / (sa + sb);
  }

  // Probabilistic Condorcet election: p_a proportional to prod_b P(a beats b).
  [[nodiscard]] std::vector<double> outcome(const std::vector<std::vector<double>>& positions) const {
    const std::size_t n = positions.size();
    std::vector<double> log_p(n, 0.0);
    for (std::size_t a = 0; a < n; ++a) {
      for (std::size_t b = a + 1; b < n; ++b) {
        const double p = victory(positions[a], positions[b]);
        log_p[a] += safe_log(p);
        log_p[b] += safe_log(1.0 - p);
      }
    }
    return normalise(log_p);
  }

  static double safe_log(double p) { return p > 0.0 ? std::log(p) : -std::numeric_limits<double>::infinity(); }

  static std::vector<double> normalise(std::vector<double> log_p) {
    const double top = *std::max_element(log_p.begin(), log_p.end());
    if (!std::isfinite(top)) return std::vector<double>(log_p.size(), 1.0 / static_cast<double>(log_p.size()));
    double total = 0.0;
    for (double& v : log_p) total += (v = std::exp(v - top));
    for (double& v : log_p) v /= total;
    return log_p;
  }

 private:
  std::span<const SpatialActor> actors_;
  double exponent_;
  std::vector<double> salience_total_;
  std::vector<double> vote_weight_;
};

std::vector<double> expected_point(const std::vector<std::vector<double>>& positions, const std::vector<double>& p) {
  std::vector<double> point(positions.front().size(), 0.0);
  for (std::size_t a = 0; a < positions.size(); ++a) {
    for (std::size_t d = 0; d < point.size(); ++d) point[d] += p[a] * positions[a][d];
  }
  return point;
}

}  // namespace

SpatialResult run_spatial_politics(std::span<const SpatialActor> actors, const SmpParams& params) {
  if (actors.empty()) throw PreconditionError("smp: no actors");
  const std::size_t dimensions = actors.front().ideal.size();
  if (dimensions == 0) throw PreconditionError("smp: no dimensions");
  for (const auto& actor : actors) {
    if (actor.ideal.size() != dimensions || actor.salience.size() != dimensions) {
      throw PreconditionError("smp: actors differ in dimension count");
    }
    if (!(actor.capability >= 0.0)) throw PreconditionError("smp: negative capability");
    for (std::size_t d = 0; d < dimensions; ++d) {
      if (!(actor.ideal[d] >= 0.0 && actor.ideal[d] <= 1.0)) throw PreconditionError("smp: position outside [0, 1]");
      if (!(actor.salience[d] >= 0.0 && actor.salience[d] <= 1.0)) throw PreconditionError("smp: salience outside [0, 1]");
    }
  }
  const std::size_t n = actors.size();
  const Election election(actors, params.victory_exponent);

  std::vector<std::vector<double>> positions;
  for (const auto& actor : actors) positions.push_back(actor.ideal);
  SpatialResult result;
  auto record = [&]() {
    SpatialRound round;
    round.positions = positions;
    round.outcome_probability = election.outcome(positions);
    round.expected_outcome = expected_point(positions, round.outcome_probability);
    result.rounds.push_back(std::move(round));
  };
  record();

  for (int round = 1; round <= params.rounds; ++round) {
    // Log-probability of each position without its contest against actor i is
    // reused across i's candidates: only the contests involving i change.
    std::vector<std::vector<double>> log_victory(n, std::vector<double>(n, 0.0));
    for (std::size_t a = 0; a < n; ++a) {
      for (std::size_t b = a + 1; b < n; ++b) {
        const double p = election.victory(positions[a], positions[b]);
        log_victory[a][b] = Election::safe_log(p);
        log_victory[b][a] = Election::safe_log(1.0 - p);
      }
    }
    std::vector<std::vector<double>> next = positions;
    auto best_response = [&](std::size_t i) {
      // Candidates: stay, return to the ideal, or move a quarter, half or all of the
      // way towards another actor's advocated position.
      std::vector<std::vector<double>> candidates{positions[i], actors[i].ideal};
      for (std::size_t j = 0; j < n; ++j) {
        if (j == i) continue;
        for (double fraction : {0.25, 0.5, 1.0}) {
          std::vector<double> c(dimensions);
          for (std::size_t d = 0; d < dimensions; ++d) {
            c[d] = positions[i][d] + fraction * (positions[j][d] - positions[i][d]);
          }
          candidates.push_back(std::move(c));
        }
      }
      double best_value = -std::numeric_limits<double>::infinity();
      std::size_t best = 0;
      std::vector<double> log_p(n);
      for (std::size_t c = 0; c < candidates.size(); ++c) {
        log_p[i] = 0.0;
        for (std::size_t a = 0; a < n; ++a) {
          if (a == i) continue;
          const double p = election.victory(candidates[c], positions[a]);
          log_p[i] += Election::safe_log(p);
          double others = 0.0;
          for (std::size_t b = 0; b < n; ++b) {
            if (b != a && b != i) others += log_victory[a][b];
          }
          log_p[a] = others + Election::safe_log(1.0 - p);
        }
        const std::vector<double> p = Election::normalise(log_p);
        double value = 0.0;
        for (std::size_t a = 0; a < n; ++a) value += p[a] * election.utility(i, a == i ? candidates[c] : positions[a]);
        // Strict improvement only, so an indifferent actor stays put.
        if (value > best_value + 1e-12) {
          best_value = value;
          best = c;
        }
      }
      next[i] = candidates[best];
    };
    if (n >= 32) {
      tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n), [&](const tbb::blocked_range<std::size_t>& block) {
        for (std::size_t i = block.begin(); i != block.end(); ++i) best_response(i);
      });
    } else {
      for (std::size_t i = 0; i < n; ++i) best_response(i);
    }
    double largest_move = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t d = 0; d < dimensions; ++d) largest_move = std::max(largest_move, std::abs(next[i][d] - positions[i][d]));
    }
    positions = std::move(next);
    record();
    if (largest_move <= params.tolerance) {
      result.converged = true;
      break;
    }
  }
  return result;
}

Trajectory run_smp(const Issue& issue, const SmpParams& params) {
  const double low = issue.scale_min;
  const double span = issue.scale_max - issue.scale_min;
  if (!(span > 0.0)) throw PreconditionError("smp: issue scale is empty");
  std::vector<SpatialActor> actors;
  for (const auto& stance : issue.stances) {
    actors.push_back({stance.capability.value, {(stance.position.value - low) / span}, {stance.salience.value}});
  }
  const SpatialResult spatial = run_spatial_politics(actors, params);
  const std::vector<double> weights = influence_weights(issue);
  Trajectory trajectory;
  trajectory.model = "smp";
  trajectory.converged = spatial.converged;
  if (!spatial.converged) trajectory.stopped = "round_limit";
  for (std::size_t r = 0; r < spatial.rounds.size(); ++r) {
    Round round;
    round.index = static_cast<int>(r);
    for (const auto& position : spatial.rounds[r].positions) round.positions.push_back(low + span * position[0]);
    round.median = weighted_median(round.positions, weights);
    round.mean = weighted_mean(round.positions, weights);
    trajectory.rounds.push_back(std::move(round));
  }
  trajectory.forecast = low + span * spatial.rounds.back().expected_outcome[0];
  return trajectory;
}

}  // namespace statecraft::bargain
