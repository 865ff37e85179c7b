#include "rollcall/vote_index.h"

#include <algorithm>
#include <numeric>
#include <string_view>
#include <unordered_map>

namespace statecraft::rollcall {

VoteIndex index_votes(const UngaData& data) {
  VoteIndex index;
  index.country_count = static_cast<int>(data.countries.size());
  const std::size_t n = data.roll_calls.size();
  index.roll_call.resize(n);
  std::iota(index.roll_call.begin(), index.roll_call.end(), std::size_t{0});
  std::sort(index.roll_call.begin(), index.roll_call.end(), [&](std::size_t a, std::size_t b) {
    const RollCall& x = data.roll_calls[a];
    const RollCall& y = data.roll_calls[b];
    if (x.session != y.session) return x.session < y.session;
    if (x.date != y.date) return x.date < y.date;
    return x.rcid < y.rcid;
  });
  std::unordered_map<int, std::size_t> item_of_rcid;
  for (std::size_t i = 0; i < n; ++i) {
    const RollCall& rc = data.roll_calls[index.roll_call[i]];
    item_of_rcid.emplace(rc.rcid, i);
    index.session.push_back(rc.session);
    index.issue_flags.push_back(rc.issue_flags);
    index.max_session = std::max(index.max_session, rc.session);
  }
  index.session_begin.assign(static_cast<std::size_t>(index.max_session) + 2, n);
  for (std::size_t i = n; i-- > 0;) index.session_begin[static_cast<std::size_t>(index.session[i])] = i;
  for (std::size_t s = index.session_begin.size() - 1; s-- > 0;) {
    index.session_begin[s] = std::min(index.session_begin[s], index.session_begin[s + 1]);
  }

  // Lineage: walk sessions in order, publishing a session's titles only after it ends,
  // so that a roll call's predecessor always lies in an earlier session.
  index.lineage.assign(n, -1);
  std::unordered_map<std::string_view, std::int32_t> latest;
  for (int s = 0; s <= index.max_session; ++s) {
    for (std::size_t i = index.first_item(s); i < index.end_item(s); ++i) {
      const std::string& title = data.roll_calls[index.roll_call[i]].short_title;
      if (title.empty()) continue;
      if (const auto it = latest.find(title); it != latest.end()) index.lineage[i] = it->second;
    }
    for (std::size_t i = index.first_item(s); i < index.end_item(s); ++i) {
      const std::string& title = data.roll_calls[index.roll_call[i]].short_title;
      if (!title.empty()) latest[title] = static_cast<std::int32_t>(i);
    }
  }

  // Ballots grouped by item (counting sort keeps file order within an item).
  index.ballot_begin.assign(n + 1, 0);
  for (const Ballot& b : data.ballots) ++index.ballot_begin[item_of_rcid.at(b.rcid) + 1];
  for (std::size_t i = 0; i < n; ++i) index.ballot_begin[i + 1] += index.ballot_begin[i];
  std::vector<std::size_t> cursor(index.ballot_begin.begin(), index.ballot_begin.end() - 1);
  index.ballot_country.resize(data.ballots.size());
  index.ballot_vote.resize(data.ballots.size());
  for (const Ballot& b : data.ballots) {
    const std::size_t slot = cursor[item_of_rcid.at(b.rcid)]++;
    index.ballot_country[slot] = b.country;
    index.ballot_vote[slot] = b.vote;
  }
  return index;
}

}  // namespace statecraft::rollcall
