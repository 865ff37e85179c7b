// Benchmarks of the UN General Assembly roll-call pipeline on the shared data:
// loading all 863,201 votes, a full two-dimensional dynamic ideal-point fit, and a
// rolling-origin backtest over ten sessions. Figures: bench/RESULTS.md.
#include <benchmark/benchmark.h>

#include <string>

#include "io/unvotes_loader.h"
#include "rollcall/backtest.h"
#include "rollcall/ideal_points.h"

namespace {

using namespace statecraft;

const std::string kDir = std::string(STATECRAFT_SHARED_DIR) + "/data/unvotes/";

const rollcall::VoteIndex& shared_index() {
  static const rollcall::VoteIndex index =
      rollcall::index_votes(io::load_unvotes(kDir + "votes.csv.gz", kDir + "roll_calls.csv.gz"));
  return index;
}

void BM_LoadUnvotes(benchmark::State& state) {
  for (auto _ : state) {
    const auto data = io::load_unvotes(kDir + "votes.csv.gz", kDir + "roll_calls.csv.gz");
    benchmark::DoNotOptimize(data.ballots.data());
    state.counters["votes"] = static_cast<double>(data.ballots.size());
  }
}
BENCHMARK(BM_LoadUnvotes)->Unit(benchmark::kMillisecond);

void BM_IndexVotes(benchmark::State& state) {
  const auto data = io::load_unvotes(kDir + "votes.csv.gz", kDir + "roll_calls.csv.gz");
  for (auto _ : state) {
    const auto index = rollcall::index_votes(data);
    benchmark::DoNotOptimize(index.ballot_vote.data());
  }
}
BENCHMARK(BM_IndexVotes)->Unit(benchmark::kMillisecond);

// Sessions 1-69, all countries, until converged (relative change 1e-6) or 200 iterations.
void BM_FitIdealPointsAllSessions(benchmark::State& state) {
  const auto& index = shared_index();
  rollcall::IdealPointParams params;
  params.dimensions = static_cast<int>(state.range(0));
  params.max_iterations = 200;
  for (auto _ : state) {
    const auto fit = rollcall::fit_ideal_points(index, 1, index.max_session, params);
    state.counters["iterations"] = fit.iterations;
  }
}
BENCHMARK(BM_FitIdealPointsAllSessions)->Arg(1)->Arg(2)->Unit(benchmark::kSecond)->Iterations(1);

// Rolling origin over sessions 60-69 with the recommended model (each session refits).
void BM_BacktestTenSessions(benchmark::State& state) {
  const auto& index = shared_index();
  rollcall::ForecastParams params;
  for (auto _ : state) {
    const auto result = rollcall::backtest(index, 60, 69, params);
    state.counters["log_loss"] = result.score.log_loss;
    state.counters["accuracy"] = result.score.accuracy;
  }
}
BENCHMARK(BM_BacktestTenSessions)->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
