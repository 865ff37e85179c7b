#include "sim/block_runner.h"

#include <algorithm>

namespace statecraft::sim {

std::size_t block_rows_for(std::size_t rows, int ranks) {
  const std::size_t blocks = 16 * static_cast<std::size_t>(std::max(ranks, 1));
  return std::max<std::size_t>(1, (rows + blocks - 1) / blocks);
}

std::vector<double> run_blocks_locally(std::size_t rows, std::size_t width, std::size_t block_rows,
                                       const BlockFunction& compute, const ProgressCallback& progress) {
  std::vector<double> table(rows * width);
  for (std::size_t begin = 0; begin < rows; begin += block_rows) {
    const std::size_t end = std::min(rows, begin + block_rows);
    compute(begin, end, table.data() + begin * width);
    if (progress) progress(end, rows);
  }
  return table;
}

}  // namespace statecraft::sim
