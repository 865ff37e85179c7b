// A directed, multi-dimensional bilateral tie from one actor to another.
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>

#include "core/figure.h"

namespace statecraft {

// The dimensions a relation may carry, each with its meaning and admissible range.
// Direction matters: `from` exports to, invests in, aids, arms ... `to`.
struct RelationDimension {
  std::string_view name;
  std::string_view meaning;
  double min;
  double max;  // +infinity when unbounded
};

// All known relation dimensions, in documentation order.
std::span<const RelationDimension> relation_dimensions();
const RelationDimension* find_relation_dimension(std::string_view name);

struct Relation {
  std::string from;
  std::string to;
  std::map<std::string, Figure> dimensions;  // keys are names from relation_dimensions()

  // Value of a dimension, or `fallback` when the relation does not carry it.
  [[nodiscard]] double value_or(std::string_view dimension, double fallback = 0.0) const;
};

}  // namespace statecraft
