// A member's ballot on a motion and the probabilities of each.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace statecraft::forum {

// Absent members are not present; abstaining members are present but do not vote.
enum class Ballot : unsigned char { yes = 0, no = 1, abstain = 2, absent = 3 };

inline constexpr std::size_t kBallotCount = 4;
inline constexpr std::array<Ballot, kBallotCount> kBallots{Ballot::yes, Ballot::no,
                                                           Ballot::abstain, Ballot::absent};

std::string_view to_string(Ballot ballot);

inline constexpr std::size_t index_of(Ballot ballot) { return static_cast<std::size_t>(ballot); }

// One member's probabilities of casting each ballot. They sum to 1.
struct MemberVote {
  std::string member;
  double p_yes = 0.0;
  double p_no = 0.0;
  double p_abstain = 0.0;
  double p_absent = 0.0;

  [[nodiscard]] double probability(Ballot ballot) const {
    switch (ballot) {
      case Ballot::yes: return p_yes;
      case Ballot::no: return p_no;
      case Ballot::abstain: return p_abstain;
      case Ballot::absent: return p_absent;
    }
    return 0.0;
  }
  [[nodiscard]] std::array<double, kBallotCount> probabilities() const {
    return {p_yes, p_no, p_abstain, p_absent};
  }
};

// Throws PreconditionError unless every probability is in [0, 1] (within 1e-12, for
// rounding) and each member's four sum to 1 (within 1e-9).
void check_probabilities(const MemberVote& vote);

}  // namespace statecraft::forum
