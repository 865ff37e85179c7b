// The DEU III section of docs/VALIDATION.md (issue 9) from the JSON of `statecraft
// validation`, the reliability plot of its Monte Carlo intervals, and the splice that
// replaces only the text between the section's markers.
#pragma once

#include <nlohmann/json.hpp>
#include <span>
#include <string>

namespace statecraft::report {

inline constexpr const char* kDeu3Begin = "<!-- deu3:begin -->";
inline constexpr const char* kDeu3End = "<!-- deu3:end -->";

// Observed against stated coverage of central intervals, with the diagonal.
[[nodiscard]] std::string reliability_svg(std::span<const double> nominal,
                                          std::span<const double> observed_cv,
                                          std::span<const double> observed_time);

// Markdown (without the markers); `plot` is the SVG's path relative to the document.
[[nodiscard]] std::string validation_markdown(const nlohmann::ordered_json& result, const std::string& plot);

// `document` with the text between kDeu3Begin and kDeu3End replaced by `section` (the
// markers kept); when the markers are absent they are appended with the section at the
// end. Everything outside the markers is left byte for byte.
[[nodiscard]] std::string splice_section(const std::string& document, const std::string& section);

}  // namespace statecraft::report
