// The event timeline across `extends:`: episodes may add history anywhere in their
// base's timeline, each file's own events must be in order, and a change's value may
// carry its own source.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "core/error.h"
#include "io/scenario_loader.h"

namespace statecraft::io {
namespace {

std::filesystem::path write(const std::string& name, const std::string& text) {
  auto dir = std::filesystem::temp_directory_path() / ("statecraft-timeline-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / name) << text;
  return dir / name;
}

const char* kBase = R"(name: base
date: 2008-01-01
actors: [{id: USA}, {id: IND}, {id: PAK}]
forums: [{id: nsg, members: [USA], rule: {kind: consensus}}]
events:
  - {date: 2010-01-01, source: base-a, changes: [{change: join, actor: IND, forum: nsg}]}
  - {date: 2016-01-01, source: base-b, changes: [{change: leave, actor: IND, forum: nsg}]}
)";

TEST(Timeline, EpisodeEventsAreMergedByDate) {
  write("base.yaml", kBase);
  auto child = write("child.yaml", R"(extends: base.yaml
name: child
events:
  - date: 2012-06-01
    source: child-event
    changes:
      - {change: set_relation, from: USA, to: IND, dimension: alignment, value: {value: 0.7, source: own-cite}}
      - {change: set_relation, from: USA, to: PAK, dimension: alignment, value: 0.1}
  - {date: 2016-01-01, source: child-same-day, changes: [{change: join, actor: PAK, forum: nsg}]}
)");
  Scenario s = load_scenario(child);
  ASSERT_EQ(s.events.size(), 4u);
  EXPECT_EQ(s.events[0].date.to_string(), "2010-01-01");
  EXPECT_EQ(s.events[1].date.to_string(), "2012-06-01");
  EXPECT_EQ(s.events[2].source, "base-b");  // same day: the base's event first
  EXPECT_EQ(s.events[3].source, "child-same-day");

  Scenario mid = world_at(s, *parse_date("2013-01-01"));
  EXPECT_EQ(mid.find_relation("USA", "IND")->dimensions.at("alignment").source, "own-cite");
  EXPECT_EQ(mid.find_relation("USA", "PAK")->dimensions.at("alignment").source, "child-event");
  EXPECT_TRUE(mid.find_forum("nsg")->has_member("IND"));
  Scenario late = world_at(s, *parse_date("2020-01-01"));
  EXPECT_FALSE(late.find_forum("nsg")->has_member("IND"));
  EXPECT_TRUE(late.find_forum("nsg")->has_member("PAK"));
}

TEST(Timeline, EventsOutOfOrderWithinOneFileAreAnError) {
  write("base.yaml", kBase);
  auto child = write("disorder.yaml", R"(extends: base.yaml
name: disorder
events:
  - {date: 2014-01-01, changes: [{change: join, actor: PAK, forum: nsg}]}
  - {date: 2013-01-01, changes: [{change: leave, actor: PAK, forum: nsg}]}
)");
  try {
    load_scenario(child);
    FAIL() << "expected an error";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), child.string() +
                                         ":5:12: error: event dated 2013-01-01 comes after one dated 2014-01-01: "
                                         "events must be in date order");
  }
}

}  // namespace
}  // namespace statecraft::io
