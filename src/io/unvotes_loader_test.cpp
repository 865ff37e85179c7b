#include "io/unvotes_loader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/error.h"

namespace statecraft::io {
namespace {

using rollcall::Vote;

const std::string kRollCallsHeader =
    "rcid,session,date,unres,importantvote,amend,para,short,descr,me,nu,di,hr,co,ec,issues,n_yes,n_no,"
    "n_abstain,n_absent\n";
const std::string kVotesHeader = "rcid,session,date,ccode,iso2,iso3,country,vote,vote_source\n";

// ctest runs every test of this file as its own process, in parallel: each test writes
// into a folder of its own, or two of them race on the same file names.
std::string write_file(const std::string& name, const std::string& content) {
  const auto dir = std::filesystem::path(testing::TempDir()) /
                   ("statecraft-unvotes-" + std::to_string(::getpid()) + "-" +
                    testing::UnitTest::GetInstance()->current_test_info()->name());
  std::filesystem::create_directories(dir);
  const auto path = dir / name;
  std::ofstream(path) << content;
  return path.string();
}

// Runs the loader and returns the error message (empty if it loaded).
std::string load_error(const std::string& votes, const std::string& roll_calls) {
  const std::string votes_path = write_file("votes.csv", votes);
  const std::string roll_calls_path = write_file("roll_calls.csv", roll_calls);
  try {
    (void)load_unvotes(votes_path, roll_calls_path);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

const std::string kGoodRollCalls =
    kRollCallsHeader +
    "3,1,1946-01-01,R/1/66,0,1,0,\"AMENDMENTS, RULES\",\"SAID \"\"QUOTED\"\"\nON TWO "
    "LINES\",0,0,0,1,0,0,,29,18,4,0\n"
    "4,1,1946-01-02,R/1/79,1,0,0,SECURITY COUNCIL ELECTIONS,x,1,0,0,0,0,1,,9,34,8,0\n";

TEST(UnvotesLoader, ReadsQuotedMultilineFieldsAndFlags) {
  const std::string votes = kVotesHeader +
                            "3,1,1946-01-01,2,US,USA,United States,yes,a\n"
                            "3,1,1946-01-01,20,CA,CAN,Canada,no,a\n"
                            "4,1,1946-01-02,2,US,USA,United States,absent,b\n";
  const auto data = load_unvotes(write_file("v.csv", votes), write_file("r.csv", kGoodRollCalls));
  ASSERT_EQ(data.roll_calls.size(), 2u);
  EXPECT_EQ(data.roll_calls[0].short_title, "AMENDMENTS, RULES");
  EXPECT_EQ(data.roll_calls[0].description, "SAID \"QUOTED\"\nON TWO LINES");
  EXPECT_TRUE(data.roll_calls[0].amendment);
  EXPECT_EQ(data.roll_calls[0].issue_flags, rollcall::kHumanRights);
  EXPECT_EQ(data.roll_calls[1].issue_flags, rollcall::kPalestine | rollcall::kEconomic);
  EXPECT_TRUE(data.roll_calls[1].important);
  ASSERT_EQ(data.ballots.size(), 3u);
  ASSERT_EQ(data.countries.size(), 2u);
  EXPECT_EQ(data.countries[1].iso3, "CAN");
  EXPECT_EQ(data.ballots[1].vote, Vote::no);
  EXPECT_EQ(data.ballots[2].vote, Vote::absent);
  EXPECT_EQ(data.ballots[2].country, 0);
}

TEST(UnvotesLoader, BadVoteNamesLineAndColumn) {
  // Line 3 of the votes file; the vote field starts at column 40.
  const std::string votes = kVotesHeader +
                            "3,1,1946-01-01,2,US,USA,United States,yes,a\n"
                            "3,1,1946-01-01,20,CA,CAN,Canada,maybe,a\n";
  const std::string error = load_error(votes, kGoodRollCalls);
  EXPECT_NE(error.find("votes.csv:3:33: error: vote 'maybe' is not yes, no, abstain or absent"),
            std::string::npos)
      << error;
}

TEST(UnvotesLoader, LineNumbersCountNewlinesInsideQuotes) {
  // The first roll call spans lines 2-3, so the bad rcid is on line 5.
  const std::string roll_calls = kGoodRollCalls + "x5,1,1946-01-03,R,0,0,0,T,D,0,0,0,0,0,0,,1,1,1,0\n";
  const std::string error = load_error(kVotesHeader, roll_calls);
  EXPECT_NE(error.find("roll_calls.csv:5:1: error: rcid 'x5' is not an integer"), std::string::npos) << error;
}

TEST(UnvotesLoader, RejectsUnknownRollCallDuplicatesAndShortRows) {
  EXPECT_NE(load_error(kVotesHeader + "99,1,1946-01-01,2,US,USA,United States,yes,a\n", kGoodRollCalls)
                .find("votes.csv:2:1: error: rcid 99 is not in"),
            std::string::npos);
  EXPECT_NE(
      load_error(kVotesHeader + "3,1,d,2,US,USA,United States,yes,a\n3,1,d,2,US,USA,United States,no,a\n",
                 kGoodRollCalls)
          .find("votes.csv:3:7: error: country 2 votes twice on roll call 3"),
      std::string::npos);
  EXPECT_NE(load_error(kVotesHeader + "3,1,d,2,US,USA\n", kGoodRollCalls)
                .find("votes.csv:2:1: error: row has 6 fields, header has 9"),
            std::string::npos);
  EXPECT_NE(load_error(kVotesHeader + "3,2,d,2,US,USA,United States,yes,a\n", kGoodRollCalls)
                .find("votes.csv:2:3: error: session 2 differs"),
            std::string::npos);
  EXPECT_NE(
      load_error("rcid,session\n", kGoodRollCalls).find("votes.csv:1:1: error: header has no column 'ccode'"),
      std::string::npos);
  EXPECT_NE(load_error(kVotesHeader, kRollCallsHeader + "3,1,d,R,0,0,0,\"open,x,0,0,0,0,0,0,,1,1,1,0\n")
                .find("roll_calls.csv:2:15: error: quoted field is not closed"),
            std::string::npos);
}

TEST(UnvotesLoader, MissingFileIsAnInputError) {
  EXPECT_THROW((void)load_unvotes("/nonexistent/votes.csv.gz", "/nonexistent/rc.csv.gz"), InputError);
}

TEST(UnvotesLoader, LoadsTheSharedGzipFiles) {
  const std::string dir = std::string(STATECRAFT_SHARED_DIR) + "/data/unvotes/";
  const auto data = load_unvotes(dir + "votes.csv.gz", dir + "roll_calls.csv.gz");
  EXPECT_EQ(data.ballots.size(), 863'201u);
  EXPECT_EQ(data.roll_calls.size(), 5'701u);
  EXPECT_EQ(data.countries[0].iso3, "USA");
  int max_session = 0;
  for (const auto& rc : data.roll_calls) max_session = std::max(max_session, rc.session);
  EXPECT_EQ(max_session, 69);
}

}  // namespace
}  // namespace statecraft::io
