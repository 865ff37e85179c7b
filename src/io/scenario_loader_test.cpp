// The scenario loader beyond single-error cases (those live in tests/bad/): extends
// merge semantics, figure sources, capability_from, world_at, did-you-mean, and the
// documentation's relation-dimension table.
#include "io/scenario_loader.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.h"
#include "io/node_reader.h"
#include "io/table_loader.h"

namespace fs = std::filesystem;
using namespace statecraft;

namespace {

// A fresh directory under the system temp dir, removed with the test.
class TempDir {
 public:
  TempDir() {
    const auto* info = testing::UnitTest::GetInstance()->current_test_info();
    std::string name = "statecraft-loader-" + std::to_string(getpid()) + "-" +
                       (info != nullptr ? std::string(info->name()) : std::string("prop")) + "-" +
                       std::to_string(counter_++);
    path_ = fs::temp_directory_path() / name;
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  fs::path write(const std::string& name, const std::string& text) const {
    fs::path file = path_ / name;
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }
  [[nodiscard]] const fs::path& path() const { return path_; }

 private:
  static inline int counter_ = 0;
  fs::path path_;
};

// The InputError message of loading `yaml`, or "" when it loads.
std::string error_of(const std::string& yaml) {
  try {
    io::load_scenario_text(yaml, "t.yaml");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

const Stance& stance_of(const Scenario& s, const std::string& issue, const std::string& actor) {
  const Issue* i = s.find_issue(issue);
  if (i == nullptr) throw std::runtime_error("no issue " + issue);
  const Stance* st = i->find_stance(actor);
  if (st == nullptr) throw std::runtime_error("no stance " + actor);
  return *st;
}

// --- extends -------------------------------------------------------------------

const char* kBase = R"(name: base world
date: 2008-01-01
description: the base
actors:
  - {id: USA, name: United States, capabilities: {overall: 5, diplomatic: 4}}
  - {id: IND, capabilities: {overall: 2}}
  - {id: PAK, capabilities: {overall: 1}}
relations:
  - {from: USA, to: IND, alignment: 0.3, exports_usd_m: 40000}
  - {from: USA, to: PAK, aid_usd_m: 97}
issues:
  - id: waiver
    stances:
      - {actor: USA, position: 100, salience: 0.9}
      - {actor: IND, position: 100, salience: 1}
forums:
  - id: nsg
    members: [USA, IND]
    rule: {kind: consensus}
parameters:
  {}
events:
  - date: 2010-01-01
    changes: [{change: set_relation, from: USA, to: PAK, dimension: aid_usd_m, value: 200}]
)";

TEST(Extends, OverlayMergesByIdAndReplacesLists) {
  TempDir dir;
  dir.write("world.yaml", kBase);
  fs::path episode = dir.write("episodes/episode.yaml", R"(extends: ../world.yaml
name: episode
actors:
  - {id: USA, name: USA (episode)}
  - {id: CHN, capabilities: {overall: 4}}
relations:
  - {from: USA, to: IND, lobbying: 0.9}
  - {from: CHN, to: PAK, arms_share: 0.8}
issues:
  - id: waiver
    stances:
      - {actor: IND, salience: 0.7}
      - {actor: PAK, position: 0, salience: 1}
forums:
  - id: nsg
    members: [USA, IND, CHN]
events:
  - date: 2016-06-27
    changes: [{change: join, actor: PAK, forum: nsg}]
)");
  Scenario s = io::load_scenario(episode);

  EXPECT_EQ(s.name, "episode");                 // scalar replaced
  EXPECT_EQ(s.description, "the base");         // scalar kept
  ASSERT_TRUE(s.date.has_value());
  EXPECT_EQ(s.date->to_string(), "2008-01-01");

  // Actors: USA overridden key by key, CHN appended after the base's.
  ASSERT_EQ(s.actors.size(), 4U);
  EXPECT_EQ(s.actors[0].id, "USA");
  EXPECT_EQ(s.actors[0].name, "USA (episode)");
  EXPECT_EQ(s.actors[0].capabilities.at("diplomatic").value, 4.0);
  EXPECT_EQ(s.actors[3].id, "CHN");

  // Relations merged by (from, to): a new dimension joins the old ones.
  const Relation* usa_ind = s.find_relation("USA", "IND");
  ASSERT_NE(usa_ind, nullptr);
  EXPECT_EQ(usa_ind->value_or("alignment"), 0.3);
  EXPECT_EQ(usa_ind->value_or("exports_usd_m"), 40000.0);
  EXPECT_EQ(usa_ind->value_or("lobbying"), 0.9);
  EXPECT_NE(s.find_relation("CHN", "PAK"), nullptr);
  EXPECT_EQ(s.relations.size(), 3U);

  // Stances merged by actor: IND keeps its position, takes the new salience.
  EXPECT_EQ(stance_of(s, "waiver", "IND").position.value, 100.0);
  EXPECT_EQ(stance_of(s, "waiver", "IND").salience.value, 0.7);
  EXPECT_EQ(stance_of(s, "waiver", "USA").salience.value, 0.9);
  EXPECT_EQ(stance_of(s, "waiver", "PAK").position.value, 0.0);
  EXPECT_EQ(s.find_issue("waiver")->stances.size(), 3U);

  // Member lists are replaced whole, the forum's rule kept.
  const Forum* nsg = s.find_forum("nsg");
  ASSERT_NE(nsg, nullptr);
  EXPECT_EQ(nsg->members, (std::vector<std::string>{"USA", "IND", "CHN"}));
  EXPECT_EQ(nsg->rule.kind, RuleKind::consensus);

  // Events appended to the base timeline.
  ASSERT_EQ(s.events.size(), 2U);
  EXPECT_EQ(s.events[0].date.to_string(), "2010-01-01");
  EXPECT_EQ(s.events[1].date.to_string(), "2016-06-27");
}

TEST(Extends, ReplacedListIsRevalidated) {
  TempDir dir;
  dir.write("world.yaml", kBase);
  fs::path episode = dir.write("episode.yaml", R"(extends: world.yaml
forums:
  - {id: nsg, members: [USA, XXX]}
)");
  try {
    io::load_scenario(episode);
    FAIL() << "accepted an unknown member";
  } catch (const InputError& e) {
    // The error points into the file that introduced the bad value.
    EXPECT_EQ(e.location().file, episode.string());
    EXPECT_EQ(e.location().line, 3);
    EXPECT_NE(std::string(e.what()).find("unknown actor 'XXX'"), std::string::npos) << e.what();
  }
}

// An episode's events join the base timeline by date: history can be added anywhere.
TEST(Extends, EpisodeEventsAreMergedIntoTheBaseTimelineByDate) {
  TempDir dir;
  dir.write("world.yaml", kBase);
  fs::path episode = dir.write("episode.yaml", R"(extends: world.yaml
events:
  - date: 2009-01-01
    changes: [{change: join, actor: PAK, forum: nsg}]
)");
  Scenario s = io::load_scenario(episode);
  ASSERT_GE(s.events.size(), 2u);
  EXPECT_EQ(s.events.front().date.to_string(), "2009-01-01");
  for (std::size_t i = 1; i < s.events.size(); ++i) EXPECT_LE(s.events[i - 1].date, s.events[i].date);
}

// Within one file, the timeline must still be written in date order.
TEST(Extends, EpisodeEventsMustBeInOrderWithinTheFile) {
  TempDir dir;
  dir.write("world.yaml", kBase);
  fs::path episode = dir.write("episode.yaml", R"(extends: world.yaml
events:
  - date: 2012-01-01
    changes: [{change: join, actor: PAK, forum: nsg}]
  - date: 2009-01-01
    changes: [{change: leave, actor: PAK, forum: nsg}]
)");
  try {
    io::load_scenario(episode);
    FAIL() << "accepted an event out of order";
  } catch (const InputError& e) {
    EXPECT_EQ(e.location().file, episode.string());
    EXPECT_EQ(e.location().line, 5);
    EXPECT_NE(e.message().find("events must be in date order"), std::string::npos) << e.message();
  }
}

TEST(Extends, ChainOfThreeFiles) {
  TempDir dir;
  dir.write("a.yaml", kBase);
  dir.write("b.yaml", "extends: a.yaml\nname: b\nactors: [{id: CHN}]\n");
  fs::path c = dir.write("c.yaml", "extends: b.yaml\nactors: [{id: CHN, name: China}]\n");
  Scenario s = io::load_scenario(c);
  EXPECT_EQ(s.name, "b");
  ASSERT_NE(s.find_actor("CHN"), nullptr);
  EXPECT_EQ(s.find_actor("CHN")->name, "China");
}

TEST(Extends, TextLoaderResolvesRelativeToBaseDir) {
  TempDir dir;
  dir.write("world.yaml", kBase);
  Scenario s = io::load_scenario_text("extends: world.yaml\nname: from text\n", "text.yaml", dir.path());
  EXPECT_EQ(s.name, "from text");
  EXPECT_EQ(s.actors.size(), 3U);
}

TEST(Extends, DuplicateInOverlayIsReported) {
  TempDir dir;
  dir.write("world.yaml", kBase);
  fs::path episode = dir.write("episode.yaml", "extends: world.yaml\nactors:\n  - {id: CHN}\n  - {id: CHN}\n");
  try {
    io::load_scenario(episode);
    FAIL() << "accepted a duplicate";
  } catch (const InputError& e) {
    EXPECT_EQ(e.location().line, 4);
    EXPECT_NE(e.message().find("CHN"), std::string::npos) << e.message();
  }
}

// --- figures and sources ----------------------------------------------------------

TEST(Figures, ObjectSourceIsInheritedByFiguresWithoutOne) {
  Scenario s = io::load_scenario_text(R"(name: sources
actors:
  - id: PAK
    source: "CINC 2016"
    capabilities:
      overall: 0.9
      gdp_usd_bn: {value: 375, source: "World Bank 2023"}
      diplomatic: {value: 0.5, assumed: true}
  - {id: USA, capabilities: {overall: 5}}
relations:
  - {from: USA, to: PAK, source: "APP 2022", aid_usd_m: 97, alignment: {value: 0.2, source: "analyst", assumed: true}}
issues:
  - id: waiver
    source: "issue source"
    stances:
      - {actor: PAK, position: 100, salience: 1}
      - {actor: USA, position: 0, salience: {value: 0.4, source: "stance figure"}, source: "stance source"}
)",
                                      "t.yaml");
  const Actor& pak = *s.find_actor("PAK");
  EXPECT_EQ(pak.capabilities.at("overall").source, "CINC 2016");
  EXPECT_FALSE(pak.capabilities.at("overall").assumed);
  EXPECT_EQ(pak.capabilities.at("gdp_usd_bn").source, "World Bank 2023");
  EXPECT_EQ(pak.capabilities.at("gdp_usd_bn").value, 375.0);
  EXPECT_EQ(pak.capabilities.at("diplomatic").source, "CINC 2016");
  EXPECT_TRUE(pak.capabilities.at("diplomatic").assumed);
  EXPECT_EQ(s.find_actor("USA")->capabilities.at("overall").source, "");

  const Relation& r = *s.find_relation("USA", "PAK");
  EXPECT_EQ(r.dimensions.at("aid_usd_m").source, "APP 2022");
  EXPECT_EQ(r.dimensions.at("alignment").source, "analyst");
  EXPECT_TRUE(r.dimensions.at("alignment").assumed);

  EXPECT_EQ(stance_of(s, "waiver", "PAK").position.source, "issue source");
  EXPECT_EQ(stance_of(s, "waiver", "USA").position.source, "stance source");
  EXPECT_EQ(stance_of(s, "waiver", "USA").salience.source, "stance figure");
}

// --- capabilities -----------------------------------------------------------------

TEST(Capabilities, ResolvedFromCapabilityFrom) {
  Scenario s = io::load_scenario_text(R"(name: capabilities
actors:
  - {id: PAK, source: "CINC", capabilities: {overall: 1, diplomatic: 0.3}}
  - {id: IND, capabilities: {overall: 2, diplomatic: 0.8}}
issues:
  - id: by_default
    stances:
      - {actor: PAK, position: 100, salience: 1}
  - id: by_name
    capability_from: diplomatic
    stances:
      - {actor: PAK, position: 100, salience: 1}
      - {actor: IND, position: 0, salience: 1, capability: 7}
)",
                                      "t.yaml");
  EXPECT_EQ(stance_of(s, "by_default", "PAK").capability.value, 1.0);
  EXPECT_EQ(stance_of(s, "by_default", "PAK").capability.source, "CINC");  // the actor's figure, source and all
  EXPECT_EQ(stance_of(s, "by_name", "PAK").capability.value, 0.3);
  EXPECT_EQ(stance_of(s, "by_name", "IND").capability.value, 7.0);  // explicit wins
  EXPECT_EQ(s.find_issue("by_name")->capability_from, "diplomatic");
}

// A motion without `gates:` clears all of its forum's gates; `gates: []` clears none.
TEST(Motions, ExplicitEmptyGateListIsKept) {
  Scenario s = io::load_scenario_text(R"(name: gates
actors:
  - {id: PAK}
  - {id: IND}
forums:
  - id: council
    members: [PAK, IND]
    rule: {kind: majority}
    gates:
      - {id: request, signatures: 1}
motions:
  - {id: all_gates, forum: council}
  - {id: no_gates, forum: council, gates: []}
  - {id: one_gate, forum: council, gates: [request]}
)",
                                      "t.yaml");
  EXPECT_FALSE(s.find_motion("all_gates")->gates_listed);
  EXPECT_TRUE(s.find_motion("no_gates")->gates_listed);
  EXPECT_TRUE(s.find_motion("no_gates")->gates.empty());
  EXPECT_EQ(s.find_motion("one_gate")->gates, std::vector<std::string>{"request"});
}

TEST(Capabilities, MissingNamedCapabilityIsAnError) {
  std::string e = error_of(R"(name: x
actors: [{id: PAK, capabilities: {overall: 1}}]
issues:
  - id: i
    capability_from: military
    stances: [{actor: PAK, position: 1, salience: 1}]
)");
  EXPECT_EQ(e, "t.yaml:6:15: error: stance of 'PAK' has no capability and actor has no capability 'military'");
}

TEST(Capabilities, UncertaintyDefaultsApplyToStances) {
  Scenario s = io::load_scenario_text(R"(name: sd
actors: [{id: PAK, capabilities: {overall: 1}}, {id: IND, capabilities: {overall: 1}}]
issues:
  - id: i
    uncertainty: {position_sd: 5, salience_sd: 0.1}
    stances:
      - {actor: PAK, position: 1, salience: 1}
      - {actor: IND, position: 1, salience: 1, position_sd: 2}
)",
                                      "t.yaml");
  EXPECT_EQ(stance_of(s, "i", "PAK").position_sd, 5.0);
  EXPECT_EQ(stance_of(s, "i", "PAK").salience_sd, 0.1);
  EXPECT_EQ(stance_of(s, "i", "IND").position_sd, 2.0);
  EXPECT_EQ(stance_of(s, "i", "IND").capability_sd, 0.0);
}

// --- the timeline ---------------------------------------------------------------

const char* kTimeline = R"(name: timeline
date: 2008-01-01
actors:
  - {id: USA, capabilities: {overall: 5}}
  - {id: IND, capabilities: {overall: 2}}
  - {id: PAK, capabilities: {overall: 1}}
relations:
  - {from: USA, to: IND, alignment: 0.3}
issues:
  - id: waiver
    stances: [{actor: IND, position: 100, salience: 1}, {actor: PAK, position: 0, salience: 1}]
forums:
  - {id: mtcr, members: [USA], rule: {kind: consensus}}
events:
  - date: 2016-06-27
    source: "mtcr.info"
    changes:
      - {change: join, actor: IND, forum: mtcr}
      - {change: set_relation, from: USA, to: IND, dimension: alignment, value: 0.6}
  - date: 2016-06-27
    changes: [{change: set_stance, actor: PAK, issue: waiver, salience: 0.5}]
  - date: 2020-01-01
    changes:
      - {change: set_capability, actor: PAK, capability: overall, value: 1.5}
      - {change: remove_relation, from: USA, to: IND}
)";

TEST(Timeline, WorldAtAppliesEventsUpToTheDate) {
  Scenario s = io::load_scenario_text(kTimeline, "t.yaml");
  ASSERT_EQ(s.events.size(), 3U);

  Scenario before = world_at(s, *parse_date("2016-06-26"));
  EXPECT_EQ(before.find_forum("mtcr")->members.size(), 1U);
  EXPECT_EQ(before.find_relation("USA", "IND")->value_or("alignment"), 0.3);
  EXPECT_EQ(before.events.size(), 3U);

  Scenario on = world_at(s, *parse_date("2016-06-27"));  // events on the date apply
  EXPECT_EQ(on.find_forum("mtcr")->members, (std::vector<std::string>{"USA", "IND"}));
  EXPECT_EQ(on.find_relation("USA", "IND")->value_or("alignment"), 0.6);
  EXPECT_EQ(stance_of(on, "waiver", "PAK").salience.value, 0.5);
  EXPECT_EQ(on.events.size(), 1U);
  ASSERT_TRUE(on.date.has_value());
  EXPECT_EQ(on.date->to_string(), "2016-06-27");

  Scenario later = world_at(on, *parse_date("2024-01-01"));  // advancing again
  EXPECT_EQ(later.find_relation("USA", "IND"), nullptr);
  EXPECT_EQ(later.find_actor("PAK")->capabilities.at("overall").value, 1.5);
  EXPECT_TRUE(later.events.empty());
  // The original is untouched.
  EXPECT_EQ(s.find_relation("USA", "IND")->value_or("alignment"), 0.3);
}

TEST(Timeline, EqualDatesAreInOrder) {
  EXPECT_EQ(error_of(kTimeline), "");
}

// --- did-you-mean -----------------------------------------------------------------

TEST(DidYouMean, ClosestMatch) {
  std::vector<std::string_view> keys{"actors", "relations", "issues", "forums", "motions"};
  EXPECT_EQ(io::closest_match("actor", keys), "actors");
  EXPECT_EQ(io::closest_match("relatoins", keys), "relations");
  EXPECT_EQ(io::closest_match("Forums", keys), "forums");
  EXPECT_EQ(io::closest_match("zzz", keys), "");
  EXPECT_EQ(io::closest_match("x", keys), "");
  EXPECT_EQ(io::closest_match("issues", {}), "");
}

TEST(DidYouMean, SuggestedInMessages) {
  EXPECT_EQ(error_of("name: x\nmotoins: []\n"),
            "t.yaml:2:1: error: unknown key 'motoins' in scenario; did you mean 'motions'?");
  EXPECT_EQ(error_of("name: x\nwibble: 1\n"), "t.yaml:2:1: error: unknown key 'wibble' in scenario");
  EXPECT_EQ(error_of("name: x\nactors: [{id: PAK}]\nrelations: [{from: PAK, to: PAL, hostility: 1}]\n"),
            "t.yaml:3:29: error: unknown actor 'PAL'; did you mean 'PAK'?");
  EXPECT_EQ(error_of("name: x\nparameters:\n  bdm.round: 3\n"),
            "t.yaml:3:3: error: unknown parameter 'bdm.round'; did you mean 'bdm.rounds'?");
  EXPECT_EQ(error_of("name: x\nforums: [{id: f, members: [], rule: {kind: majorty}}]\n"),
            "t.yaml:2:27: error: a forum needs members");
}

// --- documentation -----------------------------------------------------------------

TEST(Docs, RelationDimensionTableMatchesTheCode) {
  std::ifstream in(fs::path(STATECRAFT_SOURCE_DIR) / "docs" / "scenario-format.md");
  ASSERT_TRUE(in) << "docs/scenario-format.md not found";
  std::string line;
  bool in_table = false;
  std::vector<std::string> documented;
  const std::regex row(R"(^\|\s*`([a-z_]+)`\s*\|)");
  while (std::getline(in, line)) {
    if (!in_table) {
      in_table = line.rfind("| dimension |", 0) == 0;
      continue;
    }
    if (line.rfind("|---", 0) == 0) continue;
    if (line.empty() || line[0] != '|') break;
    std::smatch m;
    ASSERT_TRUE(std::regex_search(line, m, row)) << "unexpected row: " << line;
    documented.push_back(m[1]);
  }
  std::vector<std::string> in_code;
  for (const auto& d : relation_dimensions()) in_code.emplace_back(d.name);
  EXPECT_EQ(documented, in_code) << "docs/scenario-format.md and src/core/relation.cpp disagree";
}

// --- CSV tables -----------------------------------------------------------------------

TEST(Table, ReadsColumnsInAnyOrderAndIgnoresOthers) {
  Issue issue = io::load_table_text(
      "\xEF\xBB\xBFnote, salience ,actor,position,capability\r\nx,0.5,PAK,100,1\r\n\r\n\"a, b\",1,\"I\"\"N\",0,2\r\n",
      "t.csv");
  ASSERT_EQ(issue.stances.size(), 2U);
  EXPECT_EQ(issue.stances[0].actor, "PAK");
  EXPECT_EQ(issue.stances[0].salience.value, 0.5);
  EXPECT_EQ(issue.stances[1].actor, "I\"N");
  EXPECT_EQ(issue.stances[1].capability.value, 2.0);
  EXPECT_EQ(issue.stances[1].position.source, "t.csv");
}

TEST(Table, CustomScale) {
  io::TableOptions options;
  options.scale_min = -1;
  options.scale_max = 1;
  EXPECT_EQ(io::load_table_text("actor,capability,position,salience\nA,1,-1,1\n", "t.csv", options).stances.size(), 1U);
  EXPECT_THROW(io::load_table_text("actor,capability,position,salience\nA,1,2,1\n", "t.csv", options), InputError);
}

// --- properties -----------------------------------------------------------------------

// Any order of the actors loads, and keeps the ids in the order written.
RC_GTEST_PROP(Property, ActorOrderDoesNotMatter, ()) {
  const auto count = *rc::gen::inRange<std::size_t>(1, 12);
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < count; ++i) ids.push_back("A" + std::to_string(i));
  const auto order = *rc::gen::container<std::vector<std::size_t>>(count, rc::gen::inRange<std::size_t>(0, 1000));
  // A permutation from random sort keys.
  std::vector<std::size_t> index(count);
  for (std::size_t i = 0; i < count; ++i) index[i] = i;
  std::stable_sort(index.begin(), index.end(), [&](std::size_t a, std::size_t b) { return order[a] < order[b]; });

  std::ostringstream yaml;
  yaml << "name: generated\nactors:\n";
  for (auto i : index) yaml << "  - {id: " << ids[i] << ", capabilities: {overall: " << i + 1 << "}}\n";
  yaml << "relations:\n  - {from: " << ids.front() << ", to: " << ids.back() << ", alignment: 0.5}\n";
  yaml << "issues:\n  - id: i\n    stances:\n";
  for (auto i : index) yaml << "      - {actor: " << ids[i] << ", position: " << i << ", salience: 1}\n";
  yaml << "forums:\n  - {id: f, members: [" << ids.front() << "], rule: {kind: consensus}}\n";

  if (count == 1) {
    // A relation of an actor with itself is rejected, whatever the order.
    RC_ASSERT_THROWS_AS(io::load_scenario_text(yaml.str(), "gen.yaml"), InputError);
    return;
  }
  Scenario s = io::load_scenario_text(yaml.str(), "gen.yaml");
  RC_ASSERT(s.actors.size() == count);
  for (std::size_t k = 0; k < count; ++k) {
    RC_ASSERT(s.actors[k].id == ids[index[k]]);
    const Stance* stance = s.issues.front().find_stance(ids[index[k]]);
    RC_ASSERT(stance != nullptr);
    RC_ASSERT(stance->capability.value == static_cast<double>(index[k] + 1));
  }
}

}  // namespace
