#include "bargain/monte_carlo.h"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>

#include "core/error.h"

namespace statecraft::bargain {

namespace {
// Stream purpose for bargaining draws ("BARGAIN" in ASCII), distinct from other engines'.
constexpr std::uint64_t kPurpose = 0x4241524741494EULL;
}  // namespace

void perturb_into(const Issue& issue, Rng& rng, double position_noise, Issue& sample) {
  if (sample.stances.size() != issue.stances.size())
    throw PreconditionError("monte carlo: sample is not a copy of the issue");
  for (std::size_t i = 0; i < issue.stances.size(); ++i) {
    const Stance& stance = issue.stances[i];
    Stance& out = sample.stances[i];
    const double position_sd = stance.position_sd > 0.0 ? stance.position_sd : position_noise;
    const double z_position = rng.normal();
    const double z_salience = rng.normal();
    const double z_capability = rng.normal();
    out.position.value =
        std::clamp(stance.position.value + position_sd * z_position, issue.scale_min, issue.scale_max);
    out.salience.value = std::clamp(stance.salience.value + stance.salience_sd * z_salience, 0.0, 1.0);
    out.capability.value = std::max(0.0, stance.capability.value + stance.capability_sd * z_capability);
  }
}

Issue perturb(const Issue& issue, Rng& rng, double position_noise) {
  Issue copy = issue;
  perturb_into(issue, rng, position_noise, copy);
  return copy;
}

double quantile(std::vector<double> values, double probability) {
  if (values.empty()) throw PreconditionError("quantile of no values");
  std::sort(values.begin(), values.end());
  const double h = probability * static_cast<double>(values.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(h));
  const std::size_t above = std::min(below + 1, values.size() - 1);
  return values[below] + (h - static_cast<double>(below)) * (values[above] - values[below]);
}

MonteCarloResult run_monte_carlo(const Issue& issue, const std::function<double(const Issue&)>& forecast,
                                 const MonteCarloSpec& spec) {
  if (spec.samples < 1) throw PreconditionError("monte carlo: samples must be >= 1");
  if (!(spec.interval_mass > 0.0 && spec.interval_mass < 1.0))
    throw PreconditionError("monte carlo: interval mass outside (0, 1)");
  if (!(spec.position_noise >= 0.0)) throw PreconditionError("monte carlo: negative noise");
  MonteCarloResult result;
  result.forecasts.resize(static_cast<std::size_t>(spec.samples));
  // One working copy of the issue per thread (names, sources and all), overwritten in
  // its numbers only for each sample: copying the whole issue per sample cost more
  // than drawing it. Sample k's draws depend on (seed, k) alone, never on which
  // thread or copy runs it, so the forecasts are the same for any thread count.
  tbb::enumerable_thread_specific<Issue> samples(issue);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, result.forecasts.size()),
                    [&](const tbb::blocked_range<std::size_t>& block) {
                      Issue& sample = samples.local();
                      for (std::size_t k = block.begin(); k != block.end(); ++k) {
                        Rng rng(spec.seed, k, kPurpose);
                        perturb_into(issue, rng, spec.position_noise, sample);
                        result.forecasts[k] = forecast(sample);
                      }
                    });
  double total = 0.0;
  for (double value : result.forecasts) total += value;  // sample order: thread-count independent
  result.mean = total / static_cast<double>(result.forecasts.size());
  result.low = quantile(result.forecasts, 0.5 * (1.0 - spec.interval_mass));
  result.high = quantile(result.forecasts, 0.5 * (1.0 + spec.interval_mass));
  return result;
}

}  // namespace statecraft::bargain
