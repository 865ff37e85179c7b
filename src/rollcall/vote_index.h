// The votes arranged for modelling: roll calls in chronological order (session, date,
// rcid), each with its ballots, and each linked to its recurring-resolution lineage.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "rollcall/unga_data.h"

namespace statecraft::rollcall {

enum class MatchKind : std::uint8_t { none = 0, same_title = 1, similar_title = 2, same_subject = 3 };
inline constexpr int kMatchSessions = 5;
inline constexpr double kMatchSimilarity = 0.5;

// The resolution's own title from a roll call's description: the text before
// " : resolution|draft resolution|decision", or after "entitled _" in a record of the
// meeting; lower case, letters and digits only, years dropped. Empty if none.
[[nodiscard]] std::string title_key(const std::string& description);

// The words of a roll call's short title and description, for comparing wording
// (text_neighbours.h): lower-case runs of two or more letters or digits, neither a
// number nor a common English function word; sorted (word id, count) pairs.
using WordBag = std::vector<std::pair<std::int32_t, std::uint16_t>>;
[[nodiscard]] WordBag word_bag(const std::string& text, std::unordered_map<std::string, std::int32_t>& ids);

inline constexpr std::uint8_t kAmendmentVote = 1u << 0;
inline constexpr std::uint8_t kParagraphVote = 1u << 1;
inline constexpr std::uint8_t kImportantVote = 1u << 2;

struct VoteIndex {
  int country_count = 0;
  int max_session = 0;
  // Per roll call in chronological order ("item"):
  std::vector<std::size_t> roll_call;  // index into UngaData::roll_calls
  std::vector<int> session;
  std::vector<std::uint8_t> issue_flags;
  std::vector<std::uint8_t> motion_flags;
  std::vector<std::uint8_t> month;
  std::vector<std::int32_t> subject;  // id of the non-empty short title, or -1  // 1-12 from the date, 0 if
                                      // unknown  // kAmendmentVote | kParagraphVote | kImportantVote
  // The latest earlier-session roll call with the same non-empty short title, or -1
  // (the data README's lineage; the short title is a subject heading that several
  // resolutions of a session share).
  std::vector<std::int32_t> lineage;
  // The closest earlier-session predecessor by the resolution's own title (read from the
  // description): the latest with the same title, else the most similar title of the
  // previous kMatchSessions sessions (token Jaccard >= kMatchSimilarity), else `lineage`.
  std::vector<std::int32_t> match;
  std::vector<MatchKind> match_kind;
  std::vector<WordBag> text;  // short title + description
  int word_count = 0;         // distinct words over all items
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
