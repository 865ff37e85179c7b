// Name tables for small enums: one place for the to_string / parse loops that the
// actor kind, rule kind, majority base and change kind all need.
#pragma once

#include <array>
#include <optional>
#include <string_view>
#include <utility>

namespace statecraft {

template <typename Enum, std::size_t N>
using EnumNames = std::array<std::pair<Enum, std::string_view>, N>;

// The name of `value`; the first entry's name when the table lacks it.
template <typename Enum, std::size_t N>
std::string_view enum_name(const EnumNames<Enum, N>& table, Enum value) {
  for (const auto& [k, name] : table) {
    if (k == value) return name;
  }
  return table[0].second;
}

template <typename Enum, std::size_t N>
std::optional<Enum> parse_enum(const EnumNames<Enum, N>& table, std::string_view text) {
  for (const auto& [k, name] : table) {
    if (name == text) return k;
  }
  return std::nullopt;
}

}  // namespace statecraft
