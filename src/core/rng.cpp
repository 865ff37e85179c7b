#include "core/rng.h"

#include <cmath>
#include <numbers>

namespace statecraft {

std::uint64_t mix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

Rng::Rng(std::uint64_t seed, std::uint64_t index, std::uint64_t purpose)
    : key_(mix64(mix64(mix64(seed) ^ index) ^ (purpose * 0xd6e8feb86659fd93ULL))) {}

std::uint64_t Rng::next_u64() {
  // Two rounds of mixing over (key, counter): a stateless function of the counter.
  return mix64(key_ ^ mix64(counter_++));
}

double Rng::uniform() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

double Rng::normal() {
  // Box–Muller; one value per call keeps the draw count per sample predictable.
  double u1 = uniform();
  double u2 = uniform();
  if (u1 <= 0.0) u1 = 0x1.0p-53;
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

}  // namespace statecraft
