// `statecraft unga forecast` as a library call: one General Assembly roll call
// forecast before it is cast (rollcall/roll_call_forecast.h), with the distribution of
// each ballot's count and the probability that it passes, by the forum engine.
#pragma once

#include <nlohmann/json.hpp>

#include "rollcall/forecast.h"
#include "rollcall/unga_data.h"

namespace statecraft::api {

struct UngaForecastRequest {
  rollcall::RollCall proposal;  // rcid != 0: a roll call of the data; 0: a new one
  rollcall::ForecastParams params;
  // Article 18(2) of the Charter: "important questions" need two-thirds of the members
  // present and voting; other questions a simple majority of them (18(3)).
  bool two_thirds = false;
};

[[nodiscard]] nlohmann::ordered_json unga_forecast(const rollcall::UngaData& data,
                                                   const UngaForecastRequest& request);

}  // namespace statecraft::api
