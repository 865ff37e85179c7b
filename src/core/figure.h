// A number with its provenance. Every figure in a scenario may say where it comes
// from (`source:`) and whether it is an analyst's assumption rather than a fact.
#pragma once

#include <string>

namespace statecraft {

struct Figure {
  double value = 0.0;
  std::string source;    // citation, URL or document id; empty when none was given
  bool assumed = false;  // true when the figure is an assumption, not a sourced fact
};

}  // namespace statecraft
