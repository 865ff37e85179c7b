// `backtest --data` as a library call: a bargaining model against recorded outcomes in
// the DEU III layout.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace statecraft::api {

struct BacktestRequest {
  std::string data;                  // --data FILE.tsv
  std::string model;                 // achen, median, bdm or smp
  std::string capability = "equal";  // equal or gdp
  std::optional<int> rounds;
};

// Exactly what `statecraft backtest --data ... --format json` prints.
[[nodiscard]] nlohmann::ordered_json backtest(const BacktestRequest& request);

// The data set's citation, printed with every backtest.
inline constexpr const char* kDeu3Citation =
    "DEU III: Arregui & Perarnaud (2021), doi:10.34810/data53, CC BY 4.0";

}  // namespace statecraft::api
