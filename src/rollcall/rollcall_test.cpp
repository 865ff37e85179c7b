#include <gtest/gtest.h>

#include <cmath>

#include "core/error.h"
#include "core/rng.h"
#include "io/unvotes_loader.h"
#include "rollcall/backtest.h"
#include "rollcall/ideal_points.h"
#include "rollcall/roll_call_forecast.h"
#include "rollcall/text_neighbours.h"
#include "rollcall/vote_index.h"

namespace statecraft::rollcall {
namespace {

const UngaData& shared_data() {
  static const UngaData data = [] {
    const std::string dir = std::string(STATECRAFT_SHARED_DIR) + "/data/unvotes/";
    return io::load_unvotes(dir + "votes.csv.gz", dir + "roll_calls.csv.gz");
  }();
  return data;
}
const VoteIndex& shared_index() {
  static const VoteIndex index = index_votes(shared_data());
  return index;
}

// The data README's reference baselines on sessions 65-69 (80,670 votes): this checks
// the rolling-origin evaluation, the baseline definitions and the lineage links.
TEST(RollcallBacktest, ReproducesTheReadmeBaselines) {
  ForecastParams params;
  params.model = Model::shares;
  const BacktestResult result = backtest(shared_index(), 65, 69, params);
  EXPECT_EQ(result.score.votes, 80'670u);
  const Score& shares = result.baselines.at("shares");
  const Score& lineage = result.baselines.at("lineage");
  EXPECT_NEAR(shares.accuracy, 0.762, 0.005);
  EXPECT_NEAR(shares.log_loss, 0.696, 0.005);
  EXPECT_NEAR(lineage.accuracy, 0.777, 0.005);
  EXPECT_NEAR(lineage.log_loss, 0.688, 0.005);
  EXPECT_EQ(result.sessions.size(), 5u);
}

TEST(RollcallBacktest, ForecastsUseOnlyEarlierSessions) {
  // Changing every vote of session 66 must not change the forecasts of session 66.
  UngaData changed = shared_data();
  const auto& rcs = changed.roll_calls;
  std::vector<int> session_of_rcid(100'000, 0);
  for (const auto& rc : rcs) session_of_rcid[static_cast<std::size_t>(rc.rcid)] = rc.session;
  for (auto& b : changed.ballots) {
    if (session_of_rcid[static_cast<std::size_t>(b.rcid)] == 66) b.vote = Vote::no;
  }
  const VoteIndex changed_index = index_votes(changed);
  ForecastParams params;
  params.model = Model::lineage;
  EXPECT_EQ(forecast_session(shared_index(), 66, params), forecast_session(changed_index, 66, params));
  // ...while those of session 67, which may use session 66, do change.
  EXPECT_NE(forecast_session(shared_index(), 67, params), forecast_session(changed_index, 67, params));
}

// The combined model (combiner.h), on a small fit (one earlier session, no ideal-point
// features, so that the test stays fast): no vote of the forecast session leaks into
// its forecasts, and it beats the README's lineage baseline on that session.
TEST(RollcallBacktest, CombinedModelUsesOnlyEarlierSessionsAndBeatsLineage) {
  UngaData changed = shared_data();
  std::vector<int> session_of_rcid(100'000, 0);
  for (const auto& rc : changed.roll_calls) session_of_rcid[static_cast<std::size_t>(rc.rcid)] = rc.session;
  for (auto& b : changed.ballots) {
    if (session_of_rcid[static_cast<std::size_t>(b.rcid)] == 66) b.vote = Vote::absent;
  }
  const VoteIndex changed_index = index_votes(changed);
  ForecastParams params;
  params.model = Model::combined;
  params.combiner_sessions = 1;
  params.combiner_ideal_points = false;
  const auto forecasts = forecast_session(shared_index(), 66, params);
  EXPECT_EQ(forecasts, forecast_session(changed_index, 66, params));

  ForecastParams lineage = params;
  lineage.model = Model::lineage;
  const auto baseline = forecast_session(shared_index(), 66, lineage);
  ScoreAccumulator combined_score, lineage_score;
  const VoteIndex& index = shared_index();
  std::size_t next = 0;
  for (std::size_t b = index.ballot_begin[index.first_item(66)]; b < index.ballot_begin[index.end_item(66)];
       ++b, ++next) {
    combined_score.add(forecasts[next], index.ballot_vote[b]);
    lineage_score.add(baseline[next], index.ballot_vote[b]);
  }
  ASSERT_EQ(next, forecasts.size());
  EXPECT_LT(combined_score.score().log_loss, lineage_score.score().log_loss - 0.05);
}

// The resolution's own title from the description (the recurring-resolution match).
TEST(VoteIndex, TitleKeyReadsTheResolutionsOwnTitle) {
  EXPECT_EQ(
      title_key("Palestine refugees' properties and their revenues : resolution / adopted by the General "
                "Assembly"),
      "palestine refugees properties and their revenues");
  EXPECT_EQ(
      title_key("The President (spoke in French): Draft resolution XXII, entitled _Convening of the fourth "
                "special session_. A recorded vote"),
      "convening of the fourth special session");
  EXPECT_EQ(title_key("Follow-up to the 1996 advisory opinion : draft resolution"),
            "follow up to the advisory opinion");
  EXPECT_EQ(title_key(""), "");
}

TEST(VoteIndex, WordBagDropsFunctionWordsAndYearsButKeepsResolutionNumbers) {
  std::unordered_map<std::string, std::int32_t> ids;
  const WordBag bag =
      word_bag("Implementation of resolution 1514 (XV) of the 1960 Declaration: the DECLARATION", ids);
  ASSERT_EQ(bag.size(), 5u);  // implementation, resolution, 1514, xv, declaration
  EXPECT_EQ(ids.count("of"), 0u);
  EXPECT_EQ(ids.count("1960"), 0u);
  EXPECT_EQ(ids.count("1514"), 1u);
  EXPECT_EQ(bag[static_cast<std::size_t>(ids.at("declaration"))].second, 2);
}

// Neighbours in wording come from earlier sessions only, best first, and a roll call
// with no word in common has none.
TEST(TextNeighbours, FindsTheEarlierRollCallsAlikeInWording) {
  UngaData data;
  const auto add = [&](int rcid, int session, const std::string& text) {
    RollCall rc;
    rc.rcid = rcid;
    rc.session = session;
    rc.date = std::to_string(1945 + session) + "-10-01";
    rc.description = text;
    data.roll_calls.push_back(rc);
  };
  add(1, 1, "Human rights in Iran");
  add(2, 1, "Nuclear disarmament and the treaty on non-proliferation");
  add(3, 2, "Situation of human rights in Myanmar");
  add(4, 3, "Situation of human rights in the Democratic People's Republic of Korea");
  add(5, 3, "Agricultural technology for development");
  add(6, 4, "Human rights in Myanmar");  // a later session: never a neighbour of session 3
  const VoteIndex index = index_votes(data);
  const auto n = text_neighbours(index, 3, 2, 5);
  ASSERT_EQ(n.size(), 2u);
  ASSERT_EQ(n[0].size(), 2u);   // items 0 (session 1) and 2 (session 2); not the nuclear one
  EXPECT_EQ(n[0][0].item, 2u);  // shares situation, human, rights; item 0 two of them
  EXPECT_EQ(n[0][1].item, 0u);
  EXPECT_GT(n[0][0].similarity, n[0][1].similarity);
  EXPECT_LE(n[0][0].similarity, 1.0 + 1e-12);
  EXPECT_TRUE(n[1].empty());
  EXPECT_EQ(text_neighbours(index, 3, 1, 5)[0].size(), 1u);  // only session 2 within reach
}

// A roll call forecast before it is cast reads no ballot of its own session: changing
// its recorded votes changes nothing, and a new roll call's members are the previous
// session's.
TEST(RollCallForecast, ReadsNoBallotOfItsSessionAndTakesMembersFromThePreviousOne) {
  UngaData data;
  data.countries = {{2, "USA", "United States"}, {365, "RUS", "Russia"}, {770, "PAK", "Pakistan"}};
  int rcid = 0;
  for (int session = 1; session <= 3; ++session) {
    for (int k = 0; k < 4; ++k) {
      RollCall rc;
      rc.rcid = ++rcid;
      rc.session = session;
      rc.date = std::to_string(1945 + session) + "-10-1" + std::to_string(k);
      rc.description = "item " + std::to_string(k);
      data.roll_calls.push_back(rc);
      data.ballots.push_back({rcid, 0, k % 2 == 0 ? Vote::yes : Vote::no});
      data.ballots.push_back({rcid, 1, Vote::abstain});
      if (session < 3) data.ballots.push_back({rcid, 2, Vote::yes});  // PAK leaves after session 2
    }
  }
  ForecastParams params;
  params.model = Model::lineage;
  RollCall past;
  past.rcid = 10;  // session 3
  const RollCallForecast a = forecast_roll_call(data, past, params);
  ASSERT_TRUE(a.recorded);
  ASSERT_EQ(a.members.size(), 2u);
  EXPECT_EQ(a.recorded_votes[0], static_cast<int>(Vote::no));
  UngaData changed = data;
  for (Ballot& b : changed.ballots) {
    if (b.rcid >= 9) b.vote = Vote::absent;
  }
  const RollCallForecast b = forecast_roll_call(changed, past, params);
  for (std::size_t m = 0; m < a.probabilities.size(); ++m) EXPECT_EQ(a.probabilities[m], b.probabilities[m]);

  RollCall proposal;
  proposal.session = 3;
  proposal.description = "item 1";
  const RollCallForecast fresh = forecast_roll_call(data, proposal, params);
  EXPECT_FALSE(fresh.recorded);
  EXPECT_EQ(fresh.members.size(), 3u);  // PAK voted in session 2
  EXPECT_EQ(fresh.recorded_votes, std::vector<int>(3, -1));
  proposal.session = 5;
  EXPECT_THROW((void)forecast_roll_call(data, proposal, params), PreconditionError);
  past.rcid = 99;
  EXPECT_THROW((void)forecast_roll_call(data, past, params), PreconditionError);
}

TEST(RollcallBacktest, ScoresArePerfectForPerfectForecasts) {
  ScoreAccumulator acc;
  acc.add({1, 0, 0, 0}, Vote::yes);
  acc.add({0, 0, 0.5, 0.5}, Vote::absent);
  const Score s = acc.score();
  EXPECT_DOUBLE_EQ(s.accuracy, 0.5);  // tie goes to abstain, the first of the two
  EXPECT_NEAR(s.log_loss, std::log(2.0) / 2, 1e-12);
  EXPECT_NEAR(s.brier, 0.5 / 2, 1e-12);
}

TEST(RollcallBacktest, RejectsBadSessionsAndModels) {
  EXPECT_THROW((void)backtest(shared_index(), 0, 3, ForecastParams{}), PreconditionError);
  EXPECT_THROW((void)backtest(shared_index(), 60, 70, ForecastParams{}), PreconditionError);
  EXPECT_THROW((void)parse_model("oracle"), PreconditionError);
}

// Synthetic votes from known one-dimensional positions: the fit recovers them.
TEST(IdealPoints, RecoversSimulatedPositions) {
  UngaData data;
  const int countries = 60, sessions = 4, items_per_session = 40;
  std::vector<double> truth(countries);
  for (int c = 0; c < countries; ++c) {
    truth[static_cast<std::size_t>(c)] = -2.0 + 4.0 * c / (countries - 1);
    data.countries.push_back({c + 1, "C" + std::to_string(c), "Country"});
  }
  int rcid = 1;
  for (int s = 1; s <= sessions; ++s) {
    for (int j = 0; j < items_per_session; ++j, ++rcid) {
      RollCall rc;
      rc.rcid = rcid;
      rc.session = s;
      rc.date = "2000-01-01";
      data.roll_calls.push_back(rc);
      const double beta = (j % 2 == 0 ? 1.5 : -1.5) * (0.5 + 0.5 * (j % 5) / 4.0);
      const double cut_no = -1.0 + 0.05 * (j % 7), cut_abstain = cut_no + 0.8;
      for (int c = 0; c < countries; ++c) {
        const auto p = ordered_probabilities(beta * truth[static_cast<std::size_t>(c)], cut_no, cut_abstain);
        Rng rng(7, static_cast<std::uint64_t>(rcid) * 1000 + static_cast<std::uint64_t>(c));
        const double u = rng.uniform();
        const Vote v = u < p.no ? Vote::no : u < p.no + p.abstain ? Vote::abstain : Vote::yes;
        data.ballots.push_back({rcid, c, v});
      }
    }
  }
  const VoteIndex index = index_votes(data);
  IdealPointParams params;
  params.orient_country = countries - 1;
  const IdealPointFit fit = fit_ideal_points(index, 1, sessions, params);
  double sxy = 0, sxx = 0, syy = 0, mx = 0, my = 0;
  for (int c = 0; c < countries; ++c) {
    mx += truth[static_cast<std::size_t>(c)] / countries;
    my += fit.position[fit.slot(c, 2, 0)] / countries;
  }
  for (int c = 0; c < countries; ++c) {
    const double x = truth[static_cast<std::size_t>(c)] - mx, y = fit.position[fit.slot(c, 2, 0)] - my;
    sxy += x * y;
    sxx += x * x;
    syy += y * y;
  }
  EXPECT_GT(sxy / std::sqrt(sxx * syy), 0.95);
  EXPECT_GT(fit.position[fit.slot(countries - 1, 1, 0)], 0.0);  // oriented
  EXPECT_GT(fit.standard_error[fit.slot(0, 1, 0)], 0.0);
  EXPECT_LT(fit.standard_error[fit.slot(0, 1, 0)], 1.0);
}

}  // namespace
}  // namespace statecraft::rollcall
