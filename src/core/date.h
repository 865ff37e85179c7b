// Calendar dates (ISO 8601, YYYY-MM-DD) for the scenario timeline.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace statecraft {

struct Date {
  int year = 0;
  int month = 1;
  int day = 1;

  auto operator<=>(const Date&) const = default;
  [[nodiscard]] std::string to_string() const;  // YYYY-MM-DD
};

// Parses YYYY-MM-DD and checks the day exists in that month (leap years included).
// Returns nullopt for anything else.
std::optional<Date> parse_date(std::string_view text);

}  // namespace statecraft
