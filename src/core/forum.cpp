#include "core/forum.h"

#include <algorithm>

namespace statecraft {

bool Forum::has_member(const std::string& actor) const {
  return std::find(members.begin(), members.end(), actor) != members.end();
}

}  // namespace statecraft
