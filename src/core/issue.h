// A policy dimension under negotiation, with each actor's stance on it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/figure.h"

namespace statecraft {

// One actor's stance on an issue. Capability is resolved by the loader (from the
// stance itself or from the actor's capability named by the issue), so engines need
// nothing but the Issue.
struct Stance {
  std::string actor;
  Figure position;    // on the issue's scale
  Figure salience;    // in [0, 1]
  Figure capability;  // >= 0
  // Standard deviations for Monte Carlo (0 = certain).
  double position_sd = 0.0;
  double salience_sd = 0.0;
  double capability_sd = 0.0;
};

struct Issue {
  std::string id;
  std::string name;
  std::string description;
  double scale_min = 0.0;
  double scale_max = 100.0;
  std::string capability_from = "overall";  // actor capability used when a stance has none
  std::optional<Figure> status_quo;
  std::optional<Figure> outcome;  // what really happened, for backtests
  std::vector<Stance> stances;    // input order

  [[nodiscard]] const Stance* find_stance(const std::string& actor) const;
};

}  // namespace statecraft
