// The votes arranged for modelling: roll calls in chronological order (session, date,
// rcid), each with its ballots, and each linked to its recurring-resolution lineage.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "rollcall/unga_data.h"

namespace statecraft::rollcall {

struct VoteIndex {
  int country_count = 0;
  int max_session = 0;
  // Per roll call in chronological order ("item"):
  std::vector<std::size_t> roll_call;  // index into UngaData::roll_calls
  std::vector<int> session;
  std::vector<std::uint8_t> issue_flags;
  // The latest earlier-session roll call with the same non-empty short title, or -1.
  std::vector<std::int32_t> lineage;
  // Ballots of item i: [ballot_begin[i], ballot_begin[i + 1]).
  std::vector<std::size_t> ballot_begin;
  std::vector<std::int32_t> ballot_country;
  std::vector<Vote> ballot_vote;
  // Items of session s: [session_begin[s], session_begin[s + 1]), s in 0..max_session.
  std::vector<std::size_t> session_begin;

  [[nodiscard]] std::size_t item_count() const { return roll_call.size(); }
  [[nodiscard]] std::size_t first_item(int s) const { return session_begin[static_cast<std::size_t>(s)]; }
  [[nodiscard]] std::size_t end_item(int s) const { return session_begin[static_cast<std::size_t>(s) + 1]; }
};

[[nodiscard]] VoteIndex index_votes(const UngaData& data);

}  // namespace statecraft::rollcall
