// UN General Assembly roll calls and the votes cast on them, as plain data.
// Loaded by io::load_unvotes (src/io/unvotes_loader.h); read by the rollcall engines.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace statecraft::rollcall {

// A country's vote on one roll call. The order is the order of probability vectors
// (std::array<double, kVoteCategories>) everywhere in this engine.
enum class Vote : std::uint8_t { yes = 0, no = 1, abstain = 2, absent = 3 };
inline constexpr int kVoteCategories = 4;
[[nodiscard]] const char* to_string(Vote vote);

// Issue flags as coded by the source (keyword-coded), one bit each.
enum IssueFlag : std::uint8_t {
  kPalestine = 1u << 0,    // me
  kNuclear = 1u << 1,      // nu
  kDisarmament = 1u << 2,  // di
  kHumanRights = 1u << 3,  // hr
  kColonialism = 1u << 4,  // co
  kEconomic = 1u << 5,     // ec
};

// The source's column names of the flags, in bit order (kPalestine is bit 0).
inline constexpr std::array<std::string_view, 6> kIssueFlagNames = {"me", "nu", "di", "hr", "co", "ec"};

struct RollCall {
  int rcid = 0;
  int session = 0;
  std::string date;        // YYYY-MM-DD
  std::string resolution;  // unres, e.g. "R/1/66"
  bool important = false;
  bool amendment = false;
  bool paragraph = false;
  std::string short_title;  // recurring resolutions keep the same short title
  std::string description;
  std::uint8_t issue_flags = 0;
};

struct Country {
  int ccode = 0;     // Correlates of War code: the reliable key
  std::string iso3;  // empty for a few historical states
  std::string name;
};

// One row of the votes file. `country` indexes UngaData::countries.
struct Ballot {
  std::int32_t rcid = 0;
  std::int32_t country = 0;
  Vote vote = Vote::absent;
};

struct UngaData {
  std::vector<RollCall> roll_calls;  // file order
  std::vector<Country> countries;    // order of first appearance in the votes file
  std::vector<Ballot> ballots;       // file order
};

}  // namespace statecraft::rollcall
