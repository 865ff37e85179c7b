#include "core/motion.h"

namespace statecraft {

std::string_view to_string(MotionOutcome outcome) {
  switch (outcome) {
    case MotionOutcome::passed: return "passed";
    case MotionOutcome::failed: return "failed";
    case MotionOutcome::not_tabled: return "not_tabled";
  }
  return "failed";
}

std::optional<MotionOutcome> parse_motion_outcome(std::string_view text) {
  if (text == "passed") return MotionOutcome::passed;
  if (text == "failed") return MotionOutcome::failed;
  if (text == "not_tabled") return MotionOutcome::not_tabled;
  return std::nullopt;
}

}  // namespace statecraft
