#include "bargain/backtest.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "io/deu3_loader.h"

namespace statecraft::bargain {
namespace {

const char* const kDeu = STATECRAFT_SHARED_DIR "/data/deu3/deu3-train.tsv";

// Reference figures from issue 4 (our reference computation on DEU III, 256 issues).
TEST(Backtest, Deu3EqualCapability) {
  const auto data = io::load_deu3(kDeu, io::Deu3Capability::equal);
  EXPECT_EQ(data.issue_rows, 265u);
  ASSERT_EQ(data.issues.size(), 256u);
  EXPECT_NEAR(run_backtest(data.issues, Model::achen, Parameters{}).mean_absolute_error, 23.20, 0.05);
  EXPECT_NEAR(run_backtest(data.issues, Model::median, Parameters{}).mean_absolute_error, 27.97, 0.05);
}

TEST(Backtest, Deu3GdpCapability) {
  const auto data = io::load_deu3(kDeu, io::Deu3Capability::gdp);
  ASSERT_EQ(data.issues.size(), 256u);
  EXPECT_NEAR(run_backtest(data.issues, Model::achen, Parameters{}).mean_absolute_error, 23.91, 0.05);
  EXPECT_NEAR(run_backtest(data.issues, Model::median, Parameters{}).mean_absolute_error, 28.83, 0.05);
}

TEST(Deu3Loader, ErrorsNameFileAndLine) {
  const std::string header = "\"prnr\"\t\"isnr\"\t\"pcom\"\t\"scom\"\t\"pep\"\t\"sep\"\t\"pde\"\t\"sde\"\t\"rp\"\t\"out\"\n";
  const std::string gdp = "\t\t4.1\t\t4.1\t\t4.1\t\t\t\n";
  try {
    (void)io::load_deu3_text(header + gdp + "p1\ti1\t50\t50\t120\t50\t0\t10\t\t50\n", "x.tsv", io::Deu3Capability::equal);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.location().file, "x.tsv");
    EXPECT_EQ(e.location().line, 3);
    EXPECT_NE(std::string(e.what()).find("position of ep 120 is outside [0, 100]"), std::string::npos) << e.what();
  }
  const auto data = io::load_deu3_text(header + gdp + "p1\ti1\t50\t50\t100\t50\t0\t10\t\t50\n", "x.tsv",
                                       io::Deu3Capability::gdp);
  ASSERT_EQ(data.issues.size(), 1u);
  EXPECT_EQ(data.issues[0].stances.size(), 3u);
  EXPECT_DOUBLE_EQ(data.issues[0].stances[0].salience.value, 0.5);
  EXPECT_DOUBLE_EQ(data.issues[0].stances[0].capability.value, 4.1);
}

}  // namespace
}  // namespace statecraft::bargain
