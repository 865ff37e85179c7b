#include "rollcall/text_neighbours.h"

#include <algorithm>
#include <cmath>

namespace statecraft::rollcall {
namespace {

// A unit-length tf-idf vector as sorted (word id, weight) pairs.
using TermVector = std::vector<std::pair<std::int32_t, double>>;

TermVector weigh(const WordBag& bag, const std::vector<double>& idf) {
  TermVector v;
  v.reserve(bag.size());
  double norm = 0;
  for (const auto& [word, count] : bag) {
    const double w = (1.0 + std::log(static_cast<double>(count))) * idf[static_cast<std::size_t>(word)];
    v.emplace_back(word, w);
    norm += w * w;
  }
  if (norm > 0) {
    const double scale = 1.0 / std::sqrt(norm);
    for (auto& term : v) term.second *= scale;
  }
  return v;
}

double dot(const TermVector& a, const TermVector& b) {
  double sum = 0;
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i].first == b[j].first) {
      sum += a[i++].second * b[j++].second;
    } else if (a[i].first < b[j].first) {
      ++i;
    } else {
      ++j;
    }
  }
  return sum;
}

}  // namespace

std::vector<std::vector<TextNeighbour>> text_neighbours(const VoteIndex& index, int session,
                                                        int sessions_back, int count) {
  const std::size_t first = index.first_item(std::max(0, session - sessions_back));
  const std::size_t begin = index.first_item(session), end = index.end_item(session);
  // Document frequencies over every item up to the forecast session.
  std::vector<double> df(static_cast<std::size_t>(index.word_count), 0.0);
  for (std::size_t i = 0; i < end; ++i) {
    for (const auto& term : index.text[i]) df[static_cast<std::size_t>(term.first)] += 1;
  }
  const auto documents = static_cast<double>(end);
  std::vector<double> idf(df.size());
  for (std::size_t w = 0; w < df.size(); ++w) idf[w] = std::log((1 + documents) / (1 + df[w])) + 1;

  std::vector<TermVector> earlier;
  earlier.reserve(begin - first);
  for (std::size_t j = first; j < begin; ++j) earlier.push_back(weigh(index.text[j], idf));
  std::vector<std::vector<TextNeighbour>> out(end - begin);
  std::vector<TextNeighbour> candidates;
  for (std::size_t i = begin; i < end; ++i) {
    const TermVector v = weigh(index.text[i], idf);
    candidates.clear();
    for (std::size_t j = first; j < begin; ++j) {
      const double similarity = dot(v, earlier[j - first]);
      if (similarity > 0) candidates.push_back({j, similarity});
    }
    const auto keep = std::min(candidates.size(), static_cast<std::size_t>(std::max(count, 0)));
    std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(keep),
                      candidates.end(), [](const TextNeighbour& a, const TextNeighbour& b) {
                        return a.similarity != b.similarity ? a.similarity > b.similarity : a.item > b.item;
                      });
    out[i - begin].assign(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(keep));
  }
  return out;
}

}  // namespace statecraft::rollcall
