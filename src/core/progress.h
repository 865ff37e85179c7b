// How long-running engines (Monte Carlo, sweeps, optimisation) report progress.
// The callback only observes: calling it or not never changes a result. It may be
// called from several threads at once.
#pragma once

#include <cstddef>
#include <functional>

namespace statecraft {

using ProgressCallback = std::function<void(std::size_t done, std::size_t total)>;

}  // namespace statecraft
