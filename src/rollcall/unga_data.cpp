#include "rollcall/unga_data.h"

namespace statecraft::rollcall {

const char* to_string(Vote vote) {
  switch (vote) {
    case Vote::yes: return "yes";
    case Vote::no: return "no";
    case Vote::abstain: return "abstain";
    case Vote::absent: return "absent";
  }
  return "?";
}

}  // namespace statecraft::rollcall
