// Helpers shared by the forum tests: brute-force enumeration of ballot profiles.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "forum/ballot.h"
#include "forum/rules.h"

namespace statecraft::forum::testing {

inline std::vector<std::string> member_ids(std::size_t n) {
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < n; ++i) ids.push_back("M" + std::to_string(i));
  return ids;
}

inline MemberVote vote(const std::string& id, double yes, double no, double abstain) {
  return MemberVote{id, yes, no, abstain, 1.0 - yes - no - abstain};
}

struct BruteForce {
  double p_pass = 0.0;
  std::vector<double> pivotality;  // P(outcome differs between yes and no)
};

// Enumerates all 4^n profiles. `passes` takes a profile and says whether it passes.
template <typename Passes>
BruteForce enumerate(const std::vector<MemberVote>& votes, Passes&& passes) {
  const std::size_t n = votes.size();
  BruteForce out;
  out.pivotality.assign(n, 0.0);
  std::vector<Ballot> profile(n, Ballot::yes);
  std::size_t total = 1;
  for (std::size_t i = 0; i < n; ++i) total *= kBallotCount;
  for (std::size_t code = 0; code < total; ++code) {
    std::size_t c = code;
    double p = 1.0;
    for (std::size_t i = 0; i < n; ++i) {
      profile[i] = kBallots[c % kBallotCount];
      c /= kBallotCount;
      p *= votes[i].probability(profile[i]);
    }
    if (passes(profile)) out.p_pass += p;
    // Pivotality: weight the others' profile once, at this member's "yes" entry.
    for (std::size_t i = 0; i < n; ++i) {
      if (profile[i] != Ballot::yes) continue;
      double others = 1.0;
      for (std::size_t j = 0; j < n; ++j) {
        if (j != i) others *= votes[j].probability(profile[j]);
      }
      const bool with_yes = passes(profile);
      profile[i] = Ballot::no;
      const bool with_no = passes(profile);
      profile[i] = Ballot::yes;
      if (with_yes != with_no) out.pivotality[i] += others;
    }
  }
  return out;
}

}  // namespace statecraft::forum::testing
