#include "bargain/spatial_politics.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>

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

// A voter whose utilities for two positions differ by no more than this is
// indifferent between them. Utilities lie in [0, 1]; rounding leaves differences of
// ~1e-16 between positions that are equal in exact arithmetic, and without this slack
// P(a beats b) = S_a / (S_a + S_b) would be a ratio of rounding errors there (0/0 in
// exact arithmetic), i.e. 0 or 1 instead of 1/2.
constexpr double kIndifference = 1e-13;

// Two candidates whose expected utilities differ by no more than this are equally
// good; the choice between them is then made by position (see choose below), never by
// the order in which they were examined.
constexpr double kEqualValue = 1e-12;

// Moved positions lie on a grid of 2^-30 of the unit scale, so the same point reached
// by different paths (x_i + f (x_j - x_i) for different i, j, f) is the same double.
double snap(double value) {
  return std::ldexp(std::nearbyint(std::ldexp(value, 30)), -30);
}

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

  // P(a beats b) = S_a^g / (S_a^g + S_b^g), S_a = sum_k max(0, w_k (u_k(a) - u_k(b)))
  // over the voters that are not indifferent; 1/2 when every voter is.
  [[nodiscard]] double victory(std::span<const double> a, std::span<const double> b) const {
    double for_a = 0.0;
    double for_b = 0.0;
    for (std::size_t k = 0; k < actors_.size(); ++k) {
      const double difference = utility(k, a) - utility(k, b);
      if (std::abs(difference) <= kIndifference) continue;
      const double vote = vote_weight_[k] * difference;
      if (vote > 0.0)
        for_a += vote;
      else
        for_b -= vote;
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

  static double safe_log(double p) {
    return p > 0.0 ? std::log(p) : -std::numeric_limits<double>::infinity();
  }

  static std::vector<double> normalise(std::vector<double> log_p) {
    const double top = *std::max_element(log_p.begin(), log_p.end());
    if (!std::isfinite(top))
      return std::vector<double>(log_p.size(), 1.0 / static_cast<double>(log_p.size()));
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

std::vector<double> expected_point(const std::vector<std::vector<double>>& positions,
                                   const std::vector<double>& p) {
  std::vector<double> point(positions.front().size(), 0.0);
  for (std::size_t a = 0; a < positions.size(); ++a) {
    for (std::size_t d = 0; d < point.size(); ++d) point[d] += p[a] * positions[a][d];
  }
  return point;
}

// Among equally good candidates (within kEqualValue of the best): staying put if that
// is one of them, otherwise the one closest to the current position (L1), otherwise
// the lexicographically smallest point. Every criterion is a property of the point,
// so the choice does not depend on the order of the candidates (or of the actors).
std::size_t choose(const std::vector<std::vector<double>>& candidates, const std::vector<double>& values) {
  const double best_value = *std::max_element(values.begin(), values.end());
  const std::vector<double>& current = candidates.front();
  auto distance = [&](const std::vector<double>& point) {
    double total = 0.0;
    for (std::size_t d = 0; d < point.size(); ++d) total += std::abs(point[d] - current[d]);
    return total;
  };
  std::size_t best = candidates.size();
  double best_distance = 0.0;
  for (std::size_t c = 0; c < candidates.size(); ++c) {
    if (values[c] < best_value - kEqualValue) continue;
    const double d = distance(candidates[c]);
    if (best == candidates.size() || d < best_distance ||
        (d == best_distance && candidates[c] < candidates[best])) {
      best = c;
      best_distance = d;
    }
  }
  return best;
}

// The smallest L >= 2 such that `now` (round r) equals round r - L coordinate by
// coordinate within `tolerance`, or 0 if none. `history` holds rounds 0 .. r - 1.
int repeat_length(const std::vector<std::vector<std::vector<double>>>& history,
                  const std::vector<std::vector<double>>& now, double tolerance) {
  for (std::size_t length = 2; length <= history.size(); ++length) {
    const auto& then = history[history.size() - length];
    bool same = true;
    for (std::size_t a = 0; same && a < now.size(); ++a) {
      for (std::size_t d = 0; same && d < now[a].size(); ++d)
        same = std::abs(now[a][d] - then[a][d]) <= tolerance;
    }
    if (same) return static_cast<int>(length);
  }
  return 0;
}

}  // namespace

SpatialResult run_spatial_politics(std::span<const SpatialActor> input, const SmpParams& params) {
  if (input.empty()) throw PreconditionError("smp: no actors");
  const std::size_t dimensions = input.front().ideal.size();
  if (dimensions == 0) throw PreconditionError("smp: no dimensions");
  for (const auto& actor : input) {
    if (actor.ideal.size() != dimensions || actor.salience.size() != dimensions) {
      throw PreconditionError("smp: actors differ in dimension count");
    }
    if (!(actor.capability >= 0.0) || !std::isfinite(actor.capability)) {
      throw PreconditionError("smp: capability negative or not finite");
    }
    for (std::size_t d = 0; d < dimensions; ++d) {
      if (!(actor.ideal[d] >= 0.0 && actor.ideal[d] <= 1.0))
        throw PreconditionError("smp: position outside [0, 1]");
      if (!(actor.salience[d] >= 0.0 && actor.salience[d] <= 1.0))
        throw PreconditionError("smp: salience outside [0, 1]");
    }
  }
  const std::size_t n = input.size();
  // The engine works on the actors in a canonical order (by ideal, then salience, then
  // capability), so every floating-point sum runs in the same order whatever order the
  // caller lists them in, and permuting the actors permutes the result bit for bit.
  // Actors equal in all three are interchangeable, so their relative order is moot.
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const SpatialActor& x = input[a];
    const SpatialActor& y = input[b];
    if (x.ideal != y.ideal) return x.ideal < y.ideal;
    if (x.salience != y.salience) return x.salience < y.salience;
    return x.capability < y.capability;
  });
  std::vector<SpatialActor> actors;
  actors.reserve(n);
  for (std::size_t m = 0; m < n; ++m) actors.push_back(input[order[m]]);
  const Election election(actors, params.victory_exponent);

  std::vector<std::vector<double>> positions;
  for (const auto& actor : actors) positions.push_back(actor.ideal);
  SpatialResult result;
  // Each round's advocated positions in canonical order, for the cycle check.
  std::vector<std::vector<std::vector<double>>> history{positions};
  auto record = [&](std::vector<SpatialMove> moves) {
    const std::vector<double> probability = election.outcome(positions);
    SpatialRound round;
    round.positions.resize(n);
    round.outcome_probability.resize(n);
    for (std::size_t m = 0; m < n; ++m) {
      round.positions[order[m]] = positions[m];
      round.outcome_probability[order[m]] = probability[m];
    }
    round.expected_outcome = expected_point(positions, probability);
    round.moves = std::move(moves);
    result.rounds.push_back(std::move(round));
  };
  record({});
  // Per actor (canonical order) in a round: the chosen candidate and the expected
  // utilities of staying and of that candidate, for the explanation.
  std::vector<std::size_t> chosen(n, 0);
  std::vector<double> value_of_staying(n, 0.0);
  std::vector<double> value_of_chosen(n, 0.0);
  constexpr std::array<double, 3> kFractions{0.25, 0.5, 1.0};

  for (int round = 1; round <= params.rounds; ++round) {
    // log P(a beats b) for the current positions; actor i's candidates change only
    // the contests involving i.
    std::vector<std::vector<double>> log_victory(n, std::vector<double>(n, 0.0));
    for (std::size_t a = 0; a < n; ++a) {
      for (std::size_t b = a + 1; b < n; ++b) {
        const double p = election.victory(positions[a], positions[b]);
        log_victory[a][b] = Election::safe_log(p);
        log_victory[b][a] = Election::safe_log(1.0 - p);
      }
    }
    std::vector<std::vector<double>> next = positions;
    // Best responses are simultaneous: every actor answers the positions of the
    // previous round, so the order in which actors are handled does not matter.
    auto best_response = [&](std::size_t i) {
      // Candidates: stay, return to the ideal, or move a quarter, half or all of the
      // way towards another actor's advocated position.
      std::vector<std::vector<double>> candidates{positions[i], actors[i].ideal};
      // Candidate c >= 2 is fraction kFractions[(c - 2) % 3] of the way towards the
      // ((c - 2) / 3)-th other actor (see explain below).
      for (std::size_t j = 0; j < n; ++j) {
        if (j == i) continue;
        for (double fraction : {kFractions[0], kFractions[1]}) {
          std::vector<double> c(dimensions);
          for (std::size_t d = 0; d < dimensions; ++d) {
            const double from = positions[i][d];
            const double to = positions[j][d];
            c[d] = std::clamp(snap(from + fraction * (to - from)), std::min(from, to), std::max(from, to));
          }
          candidates.push_back(std::move(c));
        }
        candidates.push_back(positions[j]);  // all the way: exactly j's position
      }
      // Each other position's log-probability without its contest against i.
      std::vector<double> others(n, 0.0);
      for (std::size_t a = 0; a < n; ++a) {
        if (a == i) continue;
        for (std::size_t b = 0; b < n; ++b) {
          if (b != a && b != i) others[a] += log_victory[a][b];
        }
      }
      std::vector<double> values(candidates.size());
      std::vector<double> log_p(n);
      for (std::size_t c = 0; c < candidates.size(); ++c) {
        log_p[i] = 0.0;
        for (std::size_t a = 0; a < n; ++a) {
          if (a == i) continue;
          const double p = election.victory(candidates[c], positions[a]);
          log_p[i] += Election::safe_log(p);
          log_p[a] = others[a] + Election::safe_log(1.0 - p);
        }
        const std::vector<double> p = Election::normalise(log_p);
        double value = 0.0;
        for (std::size_t a = 0; a < n; ++a)
          value += p[a] * election.utility(i, a == i ? candidates[c] : positions[a]);
        values[c] = value;
      }
      const std::size_t pick = choose(candidates, values);
      next[i] = candidates[pick];
      chosen[i] = pick;
      value_of_staying[i] = values[0];
      value_of_chosen[i] = values[pick];
    };
    if (n >= 32) {
      tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n),
                        [&](const tbb::blocked_range<std::size_t>& block) {
                          for (std::size_t i = block.begin(); i != block.end(); ++i) best_response(i);
                        });
    } else {
      for (std::size_t i = 0; i < n; ++i) best_response(i);
    }
    double largest_move = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t d = 0; d < dimensions; ++d)
        largest_move = std::max(largest_move, std::abs(next[i][d] - positions[i][d]));
    }
    // The explanation: every actor whose advocated position changed, by the rule
    // that produced its new position, in input order.
    std::vector<SpatialMove> moves;
    for (std::size_t i = 0; i < n; ++i) {
      if (next[i] == positions[i]) continue;
      SpatialMove move;
      move.actor = order[i];
      if (chosen[i] == 1) {
        move.kind = SmpMoveKind::ideal;
      } else {
        const std::size_t other = (chosen[i] - 2) / 3;  // among the actors other than i
        move.kind = SmpMoveKind::toward;
        move.toward = order[other < i ? other : other + 1];
        move.fraction = kFractions[(chosen[i] - 2) % 3];
      }
      move.from = positions[i];
      move.to = next[i];
      move.utility_stay = value_of_staying[i];
      move.utility_moved = value_of_chosen[i];
      moves.push_back(std::move(move));
    }
    std::sort(moves.begin(), moves.end(),
              [](const SpatialMove& a, const SpatialMove& b) { return a.actor < b.actor; });
    positions = std::move(next);
    record(std::move(moves));
    if (largest_move <= params.tolerance) {
      result.converged = true;
      break;
    }
    // A repeated state: best responses depend on the advocated positions only, so
    // positions equal (within the tolerance) to those of L >= 2 rounds ago mean the
    // dynamic cycles with period L for ever. Stop and report it.
    const int length = repeat_length(history, positions, params.tolerance);
    if (length > 0) {
      result.stopped = "cycle";
      result.cycle_length = length;
      return result;
    }
    history.push_back(positions);
  }
  if (!result.converged) result.stopped = "round_limit";
  return result;
}

Trajectory run_smp(const Issue& issue, const SmpParams& params) {
  const double low = issue.scale_min;
  const double span = issue.scale_max - issue.scale_min;
  if (!(span > 0.0)) throw PreconditionError("smp: issue scale is empty");
  std::vector<SpatialActor> actors;
  for (const auto& stance : issue.stances) {
    actors.push_back(
        {stance.capability.value, {(stance.position.value - low) / span}, {stance.salience.value}});
  }
  const SpatialResult spatial = run_spatial_politics(actors, params);
  const std::vector<double> weights = influence_weights(issue);
  Trajectory trajectory;
  trajectory.model = "smp";
  trajectory.converged = spatial.converged;
  trajectory.stopped = spatial.stopped;
  trajectory.cycle_length = spatial.cycle_length;
  for (std::size_t r = 0; r < spatial.rounds.size(); ++r) {
    Round round;
    round.index = static_cast<int>(r);
    for (const auto& position : spatial.rounds[r].positions)
      round.positions.push_back(low + span * position[0]);
    round.median = weighted_median(round.positions, weights);
    round.mean = weighted_mean(round.positions, weights);
    for (const SpatialMove& move : spatial.rounds[r].moves) {
      round.smp_moves.push_back({move.actor, move.kind, move.toward, move.fraction, low + span * move.from[0],
                                 low + span * move.to[0], move.utility_stay, move.utility_moved});
    }
    trajectory.rounds.push_back(std::move(round));
  }
  // On a cycle of L rounds: the mean expected outcome over one full period (the last
  // L rounds), as for bdm's cycles.
  const std::size_t period = spatial.stopped == "cycle" ? static_cast<std::size_t>(spatial.cycle_length) : 1;
  double total = 0.0;
  for (std::size_t k = 0; k < period; ++k)
    total += spatial.rounds[spatial.rounds.size() - 1 - k].expected_outcome[0];
  trajectory.forecast = low + span * (total / static_cast<double>(period));
  return trajectory;
}

}  // namespace statecraft::bargain
