// block_runner.h without MPI: one process, every block computed here.
#include <cstdlib>

#include "sim/block_runner.h"

namespace statecraft::sim {

bool mpi_built() {
  return false;
}
RankInfo start_ranks() {
  return {};
}
void stop_ranks() {}
void abort_ranks(int exit_code) {
  std::exit(exit_code);
}

std::vector<double> run_blocks(std::size_t rows, std::size_t width, const BlockFunction& compute,
                               const ProgressCallback& progress) {
  return run_blocks_locally(rows, width, block_rows_for(rows, 1), compute, progress);
}

}  // namespace statecraft::sim
