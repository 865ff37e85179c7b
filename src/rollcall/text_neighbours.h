// Roll calls alike in wording. A resolution with no recurring title still resembles
// earlier ones ("the situation of human rights in X", "nuclear disarmament"), and how a
// country voted on those is the best guess of its vote. Each roll call's short title and
// description are read as a bag of words, weighted by tf-idf (sublinear term frequency
// 1 + ln tf, inverse document frequency ln((1 + n) / (1 + df)) + 1, Salton & Buckley
// 1988) and compared by cosine similarity. Document frequencies count the roll calls of
// sessions up to the forecast session only (the metadata of session s is known when s
// is forecast; no later text is read).
#pragma once

#include <cstddef>
#include <vector>

#include "rollcall/vote_index.h"

namespace statecraft::rollcall {

struct TextNeighbour {
  std::size_t item = 0;     // an item of an earlier session
  double similarity = 0.0;  // cosine, in (0, 1]
};

// For every item of `session`, its `count` most similar items of sessions
// session-`sessions_back`..session-1 (ties: the later item first), best first; items
// with no word in common are left out.
[[nodiscard]] std::vector<std::vector<TextNeighbour>> text_neighbours(const VoteIndex& index, int session,
                                                                      int sessions_back, int count);

}  // namespace statecraft::rollcall
