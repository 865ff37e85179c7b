// Running a table of independent rows in blocks: on this process, or over the ranks of
// an MPI job with dynamic load balancing. This header has no MPI in it; the MPI calls
// live in mpi_runner.cpp (or mpi_runner_none.cpp when statecraft is built without MPI),
// so nothing else needs MPI headers.
//
// Protocol (MPI): rank 0 cuts the rows into blocks (about 16 per rank) and hands each
// worker two at a time, so a worker always has the next block in hand while its last
// result travels; on each returned result it hands that worker the next block. Rank 0
// computes blocks itself, in slices with the workers served between them, so no core
// idles and no worker waits long for rank 0 to take its result. Results are placed by row
// index, so the table does not depend on which rank computed what.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "core/progress.h"

namespace statecraft::sim {

// Fills rows [begin, end) of a width-column table at `out` (row-major).
using BlockFunction = std::function<void(std::size_t begin, std::size_t end, double* out)>;

// This process's place in an MPI job: rank 0 of 1 when not started by mpirun/srun or
// when built without MPI.
struct RankInfo {
  int rank = 0;
  int size = 1;
  int local_size = 1;  // ranks on this machine
};

// Whether this build can run across MPI ranks.
[[nodiscard]] bool mpi_built();

// Initialises MPI once when the process was started by an MPI launcher (mpirun, srun:
// detected from its environment), else does nothing. Safe to call more than once.
RankInfo start_ranks();
// Finalises MPI if start_ranks initialised it.
void stop_ranks();
// Ends every rank of the job (a rank that fails cannot leave the others waiting).
[[noreturn]] void abort_ranks(int exit_code);

// The whole rows x width table on rank 0 (and on a single process), empty on other
// ranks. `progress` (rank 0 only) is called after each block.
[[nodiscard]] std::vector<double> run_blocks(std::size_t rows, std::size_t width,
                                             const BlockFunction& compute,
                                             const ProgressCallback& progress = {});

// The single-process loop, in blocks of `block_rows` (run_blocks' path for one rank).
[[nodiscard]] std::vector<double> run_blocks_locally(std::size_t rows, std::size_t width,
                                                     std::size_t block_rows, const BlockFunction& compute,
                                                     const ProgressCallback& progress);

// Rows per block for `ranks` ranks: about 16 blocks per rank, at least one row.
[[nodiscard]] std::size_t block_rows_for(std::size_t rows, int ranks);

}  // namespace statecraft::sim
