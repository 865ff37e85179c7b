#include "core/issue.h"

namespace statecraft {

const Stance* Issue::find_stance(const std::string& actor) const {
  for (const auto& s : stances) {
    if (s.actor == actor) return &s;
  }
  return nullptr;
}

}  // namespace statecraft
