#include "rollcall/roll_call_forecast.h"

#include <algorithm>
#include <string>

#include "core/error.h"
#include "rollcall/vote_index.h"

namespace statecraft::rollcall {

RollCallForecast forecast_roll_call(const UngaData& data, const RollCall& proposal,
                                    const ForecastParams& params) {
  RollCallForecast out;
  int last_session = 0, last_rcid = 0;
  for (const RollCall& rc : data.roll_calls) {
    last_session = std::max(last_session, rc.session);
    last_rcid = std::max(last_rcid, rc.rcid);
  }
  const UngaData* source = &data;
  UngaData extended;
  int rcid = proposal.rcid;
  if (rcid != 0) {
    const auto it = std::find_if(data.roll_calls.begin(), data.roll_calls.end(),
                                 [&](const RollCall& rc) { return rc.rcid == rcid; });
    if (it == data.roll_calls.end())
      throw PreconditionError("no roll call " + std::to_string(rcid) + " in the data");
    out.roll_call = *it;
    out.recorded = true;
  } else {
    if (proposal.session < 2 || proposal.session > last_session + 1) {
      throw PreconditionError("session " + std::to_string(proposal.session) + " is not within 2-" +
                              std::to_string(last_session + 1));
    }
    // The proposal joins a copy of the data with a placeholder ballot (absent) for each
    // member; the forecast of session s never reads a ballot of s (forecast.h), so the
    // placeholders only say who the members are.
    extended = data;
    out.roll_call = proposal;
    out.roll_call.rcid = rcid = last_rcid + 1;
    extended.roll_calls.push_back(out.roll_call);
    std::vector<bool> member(data.countries.size(), false);
    std::vector<int> session_of(static_cast<std::size_t>(last_rcid) + 1, 0);
    for (const RollCall& rc : data.roll_calls) session_of[static_cast<std::size_t>(rc.rcid)] = rc.session;
    for (const Ballot& b : data.ballots) {
      if (session_of[static_cast<std::size_t>(b.rcid)] == proposal.session - 1)
        member[static_cast<std::size_t>(b.country)] = true;
    }
    for (std::size_t c = 0; c < member.size(); ++c) {
      if (member[c]) extended.ballots.push_back({rcid, static_cast<std::int32_t>(c), Vote::absent});
    }
    source = &extended;
  }

  const VoteIndex index = index_votes(*source);
  const int session = out.roll_call.session;
  std::size_t item = index.first_item(session);
  while (item < index.end_item(session) && source->roll_calls[index.roll_call[item]].rcid != rcid) ++item;
  const std::vector<Probabilities> forecasts = forecast_session(index, session, params);
  const std::size_t offset = index.ballot_begin[item] - index.ballot_begin[index.first_item(session)];
  for (std::size_t b = index.ballot_begin[item]; b < index.ballot_begin[item + 1]; ++b) {
    out.members.push_back(index.ballot_country[b]);
    out.probabilities.push_back(forecasts[offset + (b - index.ballot_begin[item])]);
    out.recorded_votes.push_back(out.recorded ? static_cast<int>(index.ballot_vote[b]) : -1);
  }
  return out;
}

}  // namespace statecraft::rollcall
