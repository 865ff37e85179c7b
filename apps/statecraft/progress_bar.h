// Progress on stderr for long runs: a redrawn bar with rate and time left on a
// terminal, a plain line every few seconds otherwise (logs, CI), nothing when quiet.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>

#include "core/progress.h"

namespace statecraft::cli {

class ProgressBar {
 public:
  ProgressBar(std::string label, bool quiet);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  void update(std::size_t done, std::size_t total);
  void finish();
  // A callback for engines that forwards to this bar.
  ProgressCallback callback();

 private:
  void draw(std::size_t done, std::size_t total, bool final_line);

  std::string label_;
  bool quiet_;
  bool terminal_;
  bool finished_ = false;
  std::size_t last_done_ = 0;
  std::size_t last_total_ = 0;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  std::mutex mutex_;
};

// "3.2 s", "4 min 10 s", "1 h 02 min".
std::string format_duration(double seconds);

}  // namespace statecraft::cli
