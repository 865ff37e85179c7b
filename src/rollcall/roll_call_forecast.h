// One roll call forecast before it is cast, from its metadata (session, date, issue
// flags, short title, description, motion kind) and the votes of earlier sessions only:
// each member's probabilities of yes, no, abstain and absent under the model of
// `params` (forecast.h). The count distribution and the pass probability are the forum
// engine's (forum/count_distribution.h, forum/pass_probability.h); src/api joins them.
#pragma once

#include <cstdint>
#include <vector>

#include "rollcall/forecast.h"
#include "rollcall/unga_data.h"

namespace statecraft::rollcall {

struct RollCallForecast {
  RollCall roll_call;                 // the metadata forecast from
  bool recorded = false;              // the data hold its ballots (a past roll call)
  std::vector<std::int32_t> members;  // indices into UngaData::countries
  std::vector<Probabilities> probabilities;
  std::vector<int> recorded_votes;  // per member, a Vote, or -1 when not recorded
};

// `proposal.rcid` names a roll call of `data`: its metadata are the data's and its
// members the states with a ballot on it (membership is known before a vote). Or it is
// 0: a roll call not in the data, in session `proposal.session` (2 to one after the
// last), whose members are the states with a ballot in the previous session. Either
// way only sessions before the roll call's session are read. PreconditionError for an
// unknown rcid or a session out of range.
[[nodiscard]] RollCallForecast forecast_roll_call(const UngaData& data, const RollCall& proposal,
                                                  const ForecastParams& params);

}  // namespace statecraft::rollcall
