#include "progress_bar.h"

#include <fmt/core.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>

namespace statecraft::cli {

namespace {
constexpr auto kTerminalInterval = std::chrono::milliseconds(100);
constexpr auto kLogInterval = std::chrono::seconds(5);
constexpr int kBarWidth = 30;
}  // namespace

std::string format_duration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "?";
  if (seconds < 60) return fmt::format("{:.1f} s", seconds);
  auto whole = static_cast<long>(seconds);
  if (whole < 3600) return fmt::format("{} min {:02} s", whole / 60, whole % 60);
  return fmt::format("{} h {:02} min", whole / 3600, (whole % 3600) / 60);
}

ProgressBar::ProgressBar(std::string label, bool quiet)
    : label_(std::move(label)),
      quiet_(quiet),
      terminal_(::isatty(STDERR_FILENO) != 0),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

ProgressBar::~ProgressBar() { finish(); }

ProgressCallback ProgressBar::callback() {
  return [this](std::size_t done, std::size_t total) { update(done, total); };
}

void ProgressBar::update(std::size_t done, std::size_t total) {
  if (quiet_) return;
  std::lock_guard lock(mutex_);
  if (finished_ || done < last_done_) return;  // updates from threads may arrive out of order
  last_done_ = done;
  last_total_ = total;
  auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < (terminal_ ? std::chrono::duration_cast<std::chrono::milliseconds>(kTerminalInterval)
                                    : std::chrono::duration_cast<std::chrono::milliseconds>(kLogInterval))) {
    return;
  }
  last_draw_ = now;
  draw(done, total, false);
}

void ProgressBar::finish() {
  if (quiet_) return;
  std::lock_guard lock(mutex_);
  if (finished_) return;
  finished_ = true;
  // Nothing was shown for a run too short to need it: say nothing at the end either.
  if (last_draw_ == start_) return;
  draw(last_total_, last_total_, true);
}

void ProgressBar::draw(std::size_t done, std::size_t total, bool final_line) {
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0.0;
  double left = rate > 0 ? static_cast<double>(total - done) / rate : NAN;
  double fraction = total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 1.0;
  std::string stats = fmt::format("{}/{} ({:.0f}%), {:.1f}/s, {} left", done, total, 100 * fraction, rate,
                                  final_line ? format_duration(0) : format_duration(left));
  if (terminal_) {
    int filled = static_cast<int>(std::lround(fraction * kBarWidth));
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(kBarWidth, '-');
    std::fprintf(stderr, "\r%s [%s] %s\x1b[K%s", label_.c_str(), bar.c_str(), stats.c_str(), final_line ? "\n" : "");
  } else {
    std::fprintf(stderr, "%s: %s\n", label_.c_str(), stats.c_str());
  }
  std::fflush(stderr);
}

}  // namespace statecraft::cli
