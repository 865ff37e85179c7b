#include "core/relation.h"

#include <array>
#include <limits>

namespace statecraft {

namespace {
constexpr double kUnbounded = std::numeric_limits<double>::infinity();

// Units are in the names so that a scenario reads unambiguously.
constexpr std::array<RelationDimension, 10> kDimensions{{
    {"exports_usd_m", "goods exports from `from` to `to` per year, million USD", 0.0, kUnbounded},
    {"investment_usd_m", "investment by `from` in `to` (stock or recent flow), million USD", 0.0,
     kUnbounded},
    {"aid_usd_m", "aid and concessional finance from `from` to `to` per year, million USD", 0.0,
     kUnbounded},
    {"finance_usd_m", "deposits, loans and rollovers from `from` to `to`, million USD", 0.0,
     kUnbounded},
    {"arms_share", "share of `to`'s arms imports supplied by `from`", 0.0, 1.0},
    {"security_cooperation", "depth of security cooperation (0 none, 1 alliance)", 0.0, 1.0},
    {"alignment", "political alignment of `from` with `to` (-1 opposed, +1 aligned)", -1.0, 1.0},
    {"hostility", "hostility of `from` towards `to` (0 none, 1 armed conflict)", 0.0, 1.0},
    {"diaspora_k", "people from `from` living in `to`, thousands", 0.0, kUnbounded},
    {"lobbying", "diplomatic effort `from` spends on `to` (0 none, 1 maximal)", 0.0, 1.0},
}};
}  // namespace

std::span<const RelationDimension> relation_dimensions() { return kDimensions; }

const RelationDimension* find_relation_dimension(std::string_view name) {
  for (const auto& d : kDimensions) {
    if (d.name == name) return &d;
  }
  return nullptr;
}

double Relation::value_or(std::string_view dimension, double fallback) const {
  auto it = dimensions.find(std::string(dimension));
  return it == dimensions.end() ? fallback : it->second.value;
}

}  // namespace statecraft
