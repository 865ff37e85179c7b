#include <gtest/gtest.h>

#include <set>

#include "core/date.h"
#include "core/error.h"
#include "core/rng.h"
#include "core/scenario.h"

namespace statecraft {
namespace {

TEST(Date, ParsesIsoDatesAndRejectsImpossibleOnes) {
  ASSERT_TRUE(parse_date("2008-09-06").has_value());
  EXPECT_EQ(parse_date("2008-09-06")->to_string(), "2008-09-06");
  EXPECT_TRUE(parse_date("2024-02-29").has_value());
  EXPECT_FALSE(parse_date("2023-02-29").has_value());
  EXPECT_FALSE(parse_date("2023-13-01").has_value());
  EXPECT_FALSE(parse_date("2023-1-01").has_value());
  EXPECT_FALSE(parse_date("yesterday").has_value());
  EXPECT_LT(*parse_date("2008-09-05"), *parse_date("2008-09-06"));
}

TEST(InputError, FormatsFileLineColumn) {
  InputError e({"a.yaml", 14, 9}, "salience 3 is outside [0, 1]");
  EXPECT_STREQ(e.what(), "a.yaml:14:9: error: salience 3 is outside [0, 1]");
  InputError whole({"b.csv", 0, 0}, "empty file");
  EXPECT_STREQ(whole.what(), "b.csv: error: empty file");
}

TEST(Rng, SameKeySameStreamDifferentKeyDifferentStream) {
  Rng a(42, 7, 1);
  Rng b(42, 7, 1);
  Rng c(42, 8, 1);
  for (int i = 0; i < 100; ++i) {
    auto x = a.next_u64();
    EXPECT_EQ(x, b.next_u64());
    EXPECT_NE(x, c.next_u64());
  }
}

TEST(Rng, UniformMeanAndNormalMomentsAreSane) {
  Rng rng(1, 0);
  double sum = 0;
  double sum_sq = 0;
  const int n = 200000;
  for (int i = 0; i < n; ++i) {
    double z = rng.normal();
    sum += z;
    sum_sq += z * z;
  }
  EXPECT_NEAR(sum / n, 0.0, 0.01);
  EXPECT_NEAR(sum_sq / n, 1.0, 0.02);
  Rng u(2, 0);
  double total = 0;
  for (int i = 0; i < n; ++i) {
    double x = u.uniform();
    ASSERT_GE(x, 0.0);
    ASSERT_LT(x, 1.0);
    total += x;
  }
  EXPECT_NEAR(total / n, 0.5, 0.005);
}

Scenario small_world() {
  Scenario s;
  s.actors = {Actor{"PAK", "Pakistan", ActorKind::state, {}, {}},
              Actor{"IND", "India", ActorKind::state, {}, {}},
              Actor{"USA", "United States", ActorKind::state, {}, {}}};
  Forum nsg;
  nsg.id = "nsg";
  nsg.members = {"USA"};
  s.forums.push_back(nsg);
  Issue issue;
  issue.id = "waiver";
  issue.stances.push_back(Stance{"USA", {90, "", false}, {0.9, "", false}, {1, "", false}});
  s.issues.push_back(issue);
  Event e1{*parse_date("2008-09-06"), "waiver", "src", {}};
  e1.changes.push_back(Change{ChangeKind::set_relation, "USA", "IND", "alignment", 0.6});
  Change stance{ChangeKind::set_stance, "USA", "waiver"};
  stance.position = 100;
  e1.changes.push_back(stance);
  Event e2{*parse_date("2016-06-09"), "joins", "src2", {}};
  e2.changes.push_back(Change{ChangeKind::join, "IND", "nsg"});
  s.events = {e1, e2};
  return s;
}

TEST(WorldAt, AppliesOnlyEventsUpToTheDate) {
  Scenario s = small_world();
  Scenario before = world_at(s, *parse_date("2008-01-01"));
  EXPECT_EQ(before.find_relation("USA", "IND"), nullptr);
  EXPECT_EQ(before.events.size(), 2u);

  Scenario mid = world_at(s, *parse_date("2010-01-01"));
  ASSERT_NE(mid.find_relation("USA", "IND"), nullptr);
  EXPECT_DOUBLE_EQ(mid.find_relation("USA", "IND")->value_or("alignment"), 0.6);
  EXPECT_EQ(mid.find_relation("USA", "IND")->dimensions.at("alignment").source, "src");
  EXPECT_DOUBLE_EQ(mid.find_issue("waiver")->stances[0].position.value, 100);
  EXPECT_FALSE(mid.find_forum("nsg")->has_member("IND"));
  EXPECT_EQ(mid.events.size(), 1u);

  Scenario late = world_at(mid, *parse_date("2020-01-01"));
  EXPECT_TRUE(late.find_forum("nsg")->has_member("IND"));
  EXPECT_TRUE(late.events.empty());
}

TEST(Parameters, DefaultsComeFromTheRegistry) {
  Parameters p;
  EXPECT_DOUBLE_EQ(p.get("monte_carlo.interval"), 0.8);
  p.set("monte_carlo.interval", 0.9);
  EXPECT_DOUBLE_EQ(p.get("monte_carlo.interval"), 0.9);
  EXPECT_THROW((void)p.get("no.such"), PreconditionError);
}

}  // namespace
}  // namespace statecraft
