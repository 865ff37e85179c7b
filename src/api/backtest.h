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

// `backtest --data FILE --model recommended`: the model and fitted parameters
// docs/VALIDATION.md recommends (src/validation/recommended.h), with each issue's 80%
// Monte Carlo interval and the share of outcomes inside them ("coverage80").
[[nodiscard]] nlohmann::ordered_json backtest_recommended(const BacktestRequest& request);

// The data set's citation, printed with every backtest.
inline constexpr const char* kDeu3Citation =
    "DEU III: Arregui & Perarnaud (2021), doi:10.34810/data53, CC BY 4.0";

}  // namespace statecraft::api
