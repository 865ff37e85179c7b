// What every bargaining model returns: the path of the negotiation, round by round,
// and the point forecast. Models that do not iterate (weighted mean, weighted median)
// return a single round, so callers can treat every model alike.
#pragma once

#include <string>
#include <vector>

namespace statecraft::bargain {

// How one actor came to move in a round of the expected-utility model (Scholz,
// Calbert & Smith 2011, section 6): the offer it accepted and from whom.
enum class OfferKind { confrontation, compromise, capitulation };

[[nodiscard]] const char* to_string(OfferKind kind);

struct Move {
  std::size_t actor = 0;     // index into the stances (input order)
  std::size_t proposer = 0;  // the actor whose offer was accepted
  OfferKind kind = OfferKind::compromise;
  double from_position = 0.0;
  double to_position = 0.0;
};

// How one actor moved in a round of the spatial model (smp): the best response it
// took (docs/models.md, "smp"). Positions on the scale.
enum class SmpMoveKind { ideal, toward };

[[nodiscard]] const char* to_string(SmpMoveKind kind);

struct SmpMove {
  std::size_t actor = 0;  // index into the stances (input order)
  SmpMoveKind kind = SmpMoveKind::toward;
  std::size_t toward = 0;  // with kind toward: the actor whose advocated position it moved towards
  double fraction = 0.0;   // with kind toward: share of the way, 0.25, 0.5 or 1
  double from_position = 0.0;
  double to_position = 0.0;
  double utility_stay = 0.0;   // the actor's expected utility had it stayed
  double utility_moved = 0.0;  // its expected utility at the new position (the best candidate)
};

struct Round {
  int index = 0;                   // 0 = the positions as given
  std::vector<double> positions;   // one per actor, input order
  double median = 0.0;             // weighted (capability x salience) median of positions
  double mean = 0.0;               // weighted (capability x salience) mean of positions
  std::vector<Move> moves;         // why positions changed from the previous round (bdm)
  std::vector<SmpMove> smp_moves;  // the same for the spatial model (smp)
};

struct Trajectory {
  std::string model;          // "achen", "median", "bdm" or "smp"
  std::vector<Round> rounds;  // at least one
  double forecast = 0.0;      // the model's predicted outcome on the scale
  bool converged = false;     // true when the stopping rule, not the round limit, ended it
  // Why the run ended: "converged" (nobody moved), "cycle" (the positions repeated
  // those of an earlier round, see cycle_length) or "round_limit".
  std::string stopped = "converged";
  // With stopped == "cycle": the number of rounds L >= 2 after which the positions
  // repeat; the forecast is then the mean of the weighted median over the last L
  // rounds (one full period of the cycle). 0 otherwise.
  int cycle_length = 0;
};

}  // namespace statecraft::bargain
