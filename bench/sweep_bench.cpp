// Cost of one sweep row (all engines) on the Pakistan cases and on synthetic worlds of
// growing size, and of a block of rows on 1 and 2 threads. The 10,000-draw sweeps and
// the rank scaling are measured with the CLI (bench/RESULTS.md gives the commands).
#include <benchmark/benchmark.h>
#include <tbb/task_arena.h>

#include "api/sweep.h"
#include "io/scenario_loader.h"
#include "sim/sweep.h"
#include "sim/synth.h"

namespace {

using namespace statecraft;

// Every engine, stance uncertainty, and draws reaching each engine.
sim::SweepSpec all_engines_spec(const Scenario& s, std::size_t samples) {
  sim::SweepSpec spec;
  spec.samples = samples;
  spec.stance_uncertainty = true;
  auto draw = [&](const std::string& field, double lo, double hi) {
    sim::Draw d;
    d.field = field;
    d.distribution.kind = sim::DistributionKind::uniform;
    d.distribution.min = lo;
    d.distribution.max = hi;
    spec.draws.push_back(d);
  };
  draw("parameters.vote.noise", 0.1, 0.5);
  if (!s.network.empty()) draw("parameters.corridor.risk_cost_gain", 1.0, 4.0);
  for (const Forum& f : s.forums)
    if (!f.blocs.empty()) {
      draw("forums." + f.id + ".blocs." + f.blocs[0].id + ".discipline", 0.0, 1.0);
      break;
    }
  spec.engines.forecast = !s.issues.empty();
  spec.engines.vote = !s.motions.empty();
  spec.engines.power = !s.forums.empty();
  spec.engines.corridor = !s.network.empty();
  return spec;
}

void run_rows(benchmark::State& state, const sim::SweepPlan& plan, int threads) {
  tbb::task_arena arena(threads);
  const std::size_t rows = plan.rows();
  std::vector<double> out(rows * plan.width());
  for (auto _ : state) {
    arena.execute([&] { plan.compute(0, rows, out.data()); });
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * rows));
}

// One Pakistan scenario file (the world and its episodes are benchmarked one by one).
void BM_PakistanRows(benchmark::State& state, const char* file) {
  const Scenario s = io::load_scenario(std::string(STATECRAFT_SOURCE_DIR) + "/cases/pakistan/" + file);
  const sim::SweepPlan plan(s, all_engines_spec(s, 16));
  run_rows(state, plan, static_cast<int>(state.range(0)));
}

// A synthetic world of range(0) states, range(1) issues, 30 forums.
void BM_SynthRows(benchmark::State& state) {
  const Scenario s =
      sim::synthetic_world({static_cast<int>(state.range(0)), static_cast<int>(state.range(1)), 30, 1});
  const sim::SweepPlan plan(s, all_engines_spec(s, 4));
  run_rows(state, plan, static_cast<int>(state.range(2)));
}

}  // namespace

BENCHMARK_CAPTURE(BM_PakistanRows, nsg_2008, "nsg_2008.yaml")
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_PakistanRows, torkham, "torkham.yaml")
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_PakistanRows, unhrc_kashmir, "unhrc_kashmir.yaml")
    ->Arg(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_SynthRows)
    ->Args({50, 10, 1})
    ->Args({100, 10, 1})
    ->Args({193, 10, 1})
    ->Args({193, 30, 1})
    ->Args({193, 100, 1})
    ->Args({193, 100, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_MAIN();
