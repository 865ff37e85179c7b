// Counter-based random numbers. A stream is keyed by (seed, index, purpose), so the
// draws of Monte Carlo sample 17 are the same whichever thread or MPI rank computes
// it, and whatever else was drawn before.
#pragma once

#include <cstdint>

namespace statecraft {

class Rng {
 public:
  Rng(std::uint64_t seed, std::uint64_t index, std::uint64_t purpose = 0);

  std::uint64_t next_u64();
  double uniform();        // in [0, 1)
  double normal();         // standard normal
  double normal(double mean, double sd) { return mean + sd * normal(); }

 private:
  std::uint64_t key_;
  std::uint64_t counter_ = 0;
};

// A well-mixed 64-bit hash (SplitMix64 finaliser, Steele, Lea & Flood 2014).
std::uint64_t mix64(std::uint64_t x);

}  // namespace statecraft
