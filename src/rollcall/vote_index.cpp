#include "rollcall/vote_index.h"

#include <algorithm>
#include <numeric>
#include <string_view>
#include <unordered_map>

namespace statecraft::rollcall {
namespace {

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// Sorted distinct words of a title key, as ids shared across roll calls.
std::vector<int> title_words(const std::string& key, std::unordered_map<std::string, int>& ids) {
  std::vector<int> words;
  std::size_t i = 0;
  while (i < key.size()) {
    const std::size_t j = std::min(key.find(' ', i), key.size());
    words.push_back(ids.emplace(key.substr(i, j - i), static_cast<int>(ids.size())).first->second);
    i = j + 1;
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

double jaccard(const std::vector<int>& a, const std::vector<int>& b) {
  std::size_t common = 0, i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++common, ++i, ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  const std::size_t all = a.size() + b.size() - common;
  return all > 0 ? static_cast<double>(common) / static_cast<double>(all) : 0.0;
}

// A year (19xx or 20xx): it dates a text but says nothing of its subject.
bool is_year(std::string_view word) {
  return word.size() == 4 && (word.starts_with("19") || word.starts_with("20")) &&
         std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Function words that carry no subject (our own short list; idf discounts the rest).
bool is_stop_word(std::string_view w) {
  static constexpr std::string_view kStop[] = {
      "a",    "about", "after", "all",   "also", "an",   "and",   "any",   "are",   "as",
      "at",   "be",    "been",  "by",    "for",  "from", "had",   "has",   "have",  "in",
      "into", "is",    "it",    "its",   "may",  "more", "no",    "not",   "of",    "on",
      "or",   "other", "such",  "than",  "that", "the",  "their", "them",  "there", "these",
      "this", "those", "to",    "under", "was",  "were", "which", "while", "who",   "with"};
  return std::find(std::begin(kStop), std::end(kStop), w) != std::end(kStop);
}

}  // namespace

WordBag word_bag(const std::string& text, std::unordered_map<std::string, std::int32_t>& ids) {
  std::vector<std::int32_t> words;
  std::string word;
  const auto flush = [&] {
    // Numbers stay (resolution numbers such as 1514 link a text to the ones it recalls)
    // except years, which only date it.
    if (word.size() >= 2 && !is_year(word) && !is_stop_word(word)) {
      words.push_back(ids.emplace(word, static_cast<std::int32_t>(ids.size())).first->second);
    }
    word.clear();
  };
  for (const char raw : text) {
    const char c = raw >= 'A' && raw <= 'Z' ? static_cast<char>(raw - 'A' + 'a') : raw;
    if (is_alnum(c)) {
      word += c;
    } else {
      flush();
    }
  }
  flush();
  std::sort(words.begin(), words.end());
  WordBag bag;
  for (const std::int32_t w : words) {
    if (!bag.empty() && bag.back().first == w) {
      ++bag.back().second;
    } else {
      bag.emplace_back(w, std::uint16_t{1});
    }
  }
  return bag;
}

std::string title_key(const std::string& description) {
  std::string_view text = description;
  if (const auto at = text.find("entitled"); at != std::string_view::npos) {
    std::size_t k = at + 8;
    while (k < text.size() && (text[k] == ' ' || text[k] == '\t' || text[k] == '\n')) ++k;
    if (k < text.size() && text[k] == '_') {
      text = text.substr(k + 1);
      text = text.substr(0, text.find('_'));
    }
  }
  if (text.data() == description.data()) {
    // "Title : resolution / adopted by the General Assembly" and the like.
    for (std::size_t colon = text.find(':'); colon != std::string_view::npos;
         colon = text.find(':', colon + 1)) {
      if (colon == 0 || (text[colon - 1] != ' ' && text[colon - 1] != '\n')) continue;
      std::size_t k = colon + 1;
      while (k < text.size() && (text[k] == ' ' || text[k] == '\n')) ++k;
      const std::string_view rest = text.substr(k);
      if (rest.starts_with("resolution") || rest.starts_with("draft resolution") ||
          rest.starts_with("decision")) {
        text = text.substr(0, colon - 1);
        break;
      }
    }
  }
  std::string words;
  for (const char raw : text) {
    const char c = raw >= 'A' && raw <= 'Z' ? static_cast<char>(raw - 'A' + 'a') : raw;
    words += is_alnum(c) ? c : ' ';
  }
  // Drop years (19xx, 20xx) and collapse spaces.
  std::string key;
  std::size_t i = 0;
  while (i < words.size()) {
    if (words[i] == ' ') {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < words.size() && words[j] != ' ') ++j;
    const std::string_view word(words.data() + i, j - i);
    if (!is_year(word)) {
      if (!key.empty()) key += ' ';
      key += word;
    }
    i = j;
  }
  if (key.size() > 120) key.resize(120);  // long descriptions run on into the debate
  while (!key.empty() && key.back() == ' ') key.pop_back();
  return key;
}

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
  std::unordered_map<std::string_view, std::int32_t> subject_ids;
  for (std::size_t i = 0; i < n; ++i) {
    const RollCall& rc = data.roll_calls[index.roll_call[i]];
    item_of_rcid.emplace(rc.rcid, i);
    index.session.push_back(rc.session);
    index.issue_flags.push_back(rc.issue_flags);
    index.subject.push_back(
        rc.short_title.empty()
            ? -1
            : subject_ids.emplace(rc.short_title, static_cast<std::int32_t>(subject_ids.size()))
                  .first->second);
    const bool dated = rc.date.size() >= 7 && rc.date[5] >= '0' && rc.date[5] <= '1' && rc.date[6] >= '0' &&
                       rc.date[6] <= '9';
    index.month.push_back(dated ? static_cast<std::uint8_t>((rc.date[5] - '0') * 10 + (rc.date[6] - '0'))
                                : 0);
    index.motion_flags.push_back(static_cast<std::uint8_t>((rc.amendment ? kAmendmentVote : 0) |
                                                           (rc.paragraph ? kParagraphVote : 0) |
                                                           (rc.important ? kImportantVote : 0)));
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

  // Match by the resolution's own title: same title (latest earlier session), else the
  // most similar title in the previous kMatchSessions sessions (latest wins ties), else
  // the subject lineage. Titles, like subjects, are published once their session ends.
  index.match.assign(n, -1);
  index.match_kind.assign(n, MatchKind::none);
  std::vector<std::string> keys(n);
  std::vector<std::vector<int>> words(n);
  std::unordered_map<std::string, int> word_ids;
  for (std::size_t i = 0; i < n; ++i) {
    keys[i] = title_key(data.roll_calls[index.roll_call[i]].description);
    words[i] = title_words(keys[i], word_ids);
  }
  std::unordered_map<std::string_view, std::int32_t> latest_title;
  for (int s = 0; s <= index.max_session; ++s) {
    for (std::size_t i = index.first_item(s); i < index.end_item(s); ++i) {
      if (!keys[i].empty()) {
        if (const auto it = latest_title.find(keys[i]); it != latest_title.end()) {
          index.match[i] = it->second;
          index.match_kind[i] = MatchKind::same_title;
          continue;
        }
        double best = kMatchSimilarity;
        for (std::size_t j = index.first_item(std::max(0, s - kMatchSessions)); j < index.first_item(s);
             ++j) {
          if (words[j].empty()) continue;
          const double similarity = jaccard(words[i], words[j]);
          if (similarity >= best) {
            best = similarity;
            index.match[i] = static_cast<std::int32_t>(j);
            index.match_kind[i] = MatchKind::similar_title;
          }
        }
        if (index.match[i] >= 0) continue;
      }
      if (index.lineage[i] >= 0) {
        index.match[i] = index.lineage[i];
        index.match_kind[i] = MatchKind::same_subject;
      }
    }
    for (std::size_t i = index.first_item(s); i < index.end_item(s); ++i) {
      if (!keys[i].empty()) latest_title[keys[i]] = static_cast<std::int32_t>(i);
    }
  }

  std::unordered_map<std::string, std::int32_t> text_ids;
  index.text.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const RollCall& rc = data.roll_calls[index.roll_call[i]];
    index.text.push_back(word_bag(rc.short_title + ' ' + rc.description, text_ids));
  }
  index.word_count = static_cast<int>(text_ids.size());

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
