// block_runner.h over MPI: the only file of statecraft that includes <mpi.h>.
#include <mpi.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <exception>
#include <iostream>
#include <limits>

#include "core/error.h"
#include "sim/block_runner.h"

namespace statecraft::sim {

namespace {

bool g_started = false;

enum Tag : int { kWork = 1, kStop = 2, kHeader = 3, kData = 4 };

// Was this process started by an MPI launcher? Open MPI's mpirun, PMIx (srun, prun)
// and Hydra (MPICH) each leave their mark in the environment. A plain `statecraft
// sweep` does not initialise MPI at all (a singleton MPI_Init can be slow or fail in a
// container).
bool under_launcher() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_SIZE", "PMI_RANK"})
    if (std::getenv(name) != nullptr) return true;
  return false;
}

int world_rank() {
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  return rank;
}

int world_size() {
  int size = 1;
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  return size;
}

int count_of(std::size_t n) {
  if (n > static_cast<std::size_t>(std::numeric_limits<int>::max()))
    throw PreconditionError(
        "sweep: a block is too large for one MPI message; use more ranks or fewer columns");
  return static_cast<int>(n);
}

void send_block(int worker, std::uint64_t begin, std::uint64_t end) {
  const std::uint64_t range[2] = {begin, end};
  MPI_Send(range, 2, MPI_UINT64_T, worker, kWork, MPI_COMM_WORLD);
}

// A worker: computes the blocks it is handed, in order, sending each result back as a
// header (begin, end) and the rows, until told to stop and out of work.
void work(std::size_t width, const BlockFunction& compute) {
  std::deque<std::pair<std::uint64_t, std::uint64_t>> queue;
  bool stopped = false;
  std::vector<double> rows;
  for (;;) {
    // Take every message already here; wait for one only when there is nothing to do.
    for (;;) {
      int waiting = 0;
      MPI_Status status;
      if (queue.empty() && !stopped) {
        MPI_Probe(0, MPI_ANY_TAG, MPI_COMM_WORLD, &status);
        waiting = 1;
      } else {
        MPI_Iprobe(0, MPI_ANY_TAG, MPI_COMM_WORLD, &waiting, &status);
      }
      if (!waiting) break;
      std::uint64_t range[2] = {0, 0};
      MPI_Recv(range, 2, MPI_UINT64_T, 0, status.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      if (status.MPI_TAG == kStop)
        stopped = true;
      else
        queue.emplace_back(range[0], range[1]);
    }
    if (queue.empty()) return;
    const auto [begin, end] = queue.front();
    queue.pop_front();
    rows.assign((end - begin) * width, 0.0);
    compute(begin, end, rows.data());
    const std::uint64_t header[2] = {begin, end};
    MPI_Send(header, 2, MPI_UINT64_T, 0, kHeader, MPI_COMM_WORLD);
    MPI_Send(rows.data(), count_of(rows.size()), MPI_DOUBLE, 0, kData, MPI_COMM_WORLD);
  }
}

// Rank 0: hands out blocks, computes blocks itself in between, collects results.
std::vector<double> lead(std::size_t rows, std::size_t width, int size, const BlockFunction& compute,
                         const ProgressCallback& progress) {
  const std::size_t block_rows = block_rows_for(rows, size);
  std::vector<double> table(rows * width);
  std::size_t next = 0;  // first row not yet handed out
  std::size_t done = 0;  // rows whose results are in the table
  std::size_t outstanding = 0;
  auto take = [&](std::uint64_t& begin, std::uint64_t& end) {
    if (next >= rows) return false;
    begin = next;
    end = std::min(rows, next + block_rows);
    next = end;
    return true;
  };
  auto stop_all_if_done = [&, stopped = false]() mutable {
    if (next < rows || stopped) return;
    for (int w = 1; w < size; ++w) MPI_Send(nullptr, 0, MPI_UINT64_T, w, kStop, MPI_COMM_WORLD);
    stopped = true;
  };
  for (int w = 1; w < size; ++w) {
    for (int k = 0; k < 2; ++k) {
      std::uint64_t begin = 0, end = 0;
      if (!take(begin, end)) break;
      send_block(w, begin, end);
      ++outstanding;
    }
  }
  stop_all_if_done();
  auto receive = [&](int blocking) {
    MPI_Status status;
    int arrived = 0;
    if (blocking) {
      MPI_Probe(MPI_ANY_SOURCE, kHeader, MPI_COMM_WORLD, &status);
      arrived = 1;
    } else {
      MPI_Iprobe(MPI_ANY_SOURCE, kHeader, MPI_COMM_WORLD, &arrived, &status);
    }
    if (!arrived) return false;
    const int worker = status.MPI_SOURCE;
    std::uint64_t header[2] = {0, 0};
    MPI_Recv(header, 2, MPI_UINT64_T, worker, kHeader, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    MPI_Recv(table.data() + header[0] * width, count_of((header[1] - header[0]) * width), MPI_DOUBLE, worker,
             kData, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    --outstanding;
    done += header[1] - header[0];
    std::uint64_t begin = 0, end = 0;
    if (take(begin, end)) {
      send_block(worker, begin, end);
      ++outstanding;
    }
    stop_all_if_done();
    if (progress) progress(done, rows);
    return true;
  };
  for (;;) {
    while (receive(0)) {
    }
    std::uint64_t begin = 0, end = 0;
    if (take(begin, end)) {
      // Computed in slices with a look at the workers between them: a worker's result
      // larger than MPI's eager limit cannot leave the worker until rank 0 receives it,
      // so a whole block here would leave each worker waiting for up to a block's time.
      const std::uint64_t slice = std::max<std::uint64_t>(1, (end - begin) / 16);
      for (std::uint64_t from = begin; from < end; from += slice) {
        const std::uint64_t to = std::min<std::uint64_t>(end, from + slice);
        compute(from, to, table.data() + from * width);
        while (receive(0)) {
        }
      }
      done += end - begin;
      if (progress) progress(done, rows);
      stop_all_if_done();
      continue;
    }
    stop_all_if_done();
    if (outstanding == 0) break;
    receive(1);
  }
  return table;
}

}  // namespace

bool mpi_built() {
  return true;
}

RankInfo start_ranks() {
  int initialised = 0;
  MPI_Initialized(&initialised);
  if (!initialised) {
    if (!under_launcher()) return {};
    MPI_Init(nullptr, nullptr);
    g_started = true;
  }
  RankInfo info{world_rank(), world_size(), 1};
  if (const char* local = std::getenv("OMPI_COMM_WORLD_LOCAL_SIZE"))
    info.local_size = std::max(1, std::atoi(local));
  return info;
}

void stop_ranks() {
  int finalised = 0;
  MPI_Finalized(&finalised);
  if (g_started && !finalised) MPI_Finalize();
}

void abort_ranks(int exit_code) {
  int initialised = 0;
  MPI_Initialized(&initialised);
  if (initialised && g_started) MPI_Abort(MPI_COMM_WORLD, exit_code);
  std::exit(exit_code);
}

std::vector<double> run_blocks(std::size_t rows, std::size_t width, const BlockFunction& compute,
                               const ProgressCallback& progress) {
  int initialised = 0;
  MPI_Initialized(&initialised);
  const int size = initialised ? world_size() : 1;
  if (size == 1) return run_blocks_locally(rows, width, block_rows_for(rows, 1), compute, progress);
  // A rank that fails must not leave the others waiting for it forever.
  try {
    if (world_rank() == 0) return lead(rows, width, size, compute, progress);
    work(width, compute);
    return {};
  } catch (const std::exception& e) {
    std::cerr << "statecraft: error: rank " << world_rank() << ": " << e.what() << "\n";
    abort_ranks(1);
  }
}

}  // namespace statecraft::sim
