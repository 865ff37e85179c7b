// EU27 member states and their populations, for the Council's qualified-majority game
// in tests and benchmarks (not used by the engine itself).
//
// Source: Eurostat, population on 1 January 2023 (table demo_pjan), the figures the
// Council adopted for its voting rules in 2024 (Council Decision (EU) 2023/2806,
// annex). ASSUMED: transcribed from memory of that table, rounded to thousands; verify
// against the published annex before quoting results. Exactness of the computed
// indices is relative to these figures.
#pragma once

#include <array>
#include <string_view>
#include <utility>

namespace statecraft::power {

inline constexpr std::array<std::pair<std::string_view, double>, 27> kEu27Population2023Thousands{{
    {"DEU", 84359}, {"FRA", 68071}, {"ITA", 58851}, {"ESP", 48060}, {"POL", 36754}, {"ROU", 19052},
    {"NLD", 17811}, {"BEL", 11743}, {"CZE", 10828}, {"SWE", 10522}, {"PRT", 10467}, {"GRC", 10414},
    {"HUN", 9597},  {"AUT", 9105},  {"BGR", 6448},  {"DNK", 5933},  {"FIN", 5564},  {"SVK", 5429},
    {"IRL", 5194},  {"HRV", 3851},  {"LTU", 2857},  {"SVN", 2117},  {"LVA", 1883},  {"EST", 1366},
    {"CYP", 921},   {"LUX", 661},   {"MLT", 542},
}};

}  // namespace statecraft::power
