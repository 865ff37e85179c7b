// The `narratives:` and `actions:` sections of the scenario language: what the loader
// accepts, and the located errors it gives for what it rejects.
#include <gtest/gtest.h>

#include <string>

#include "core/error.h"
#include "io/scenario_loader.h"

namespace statecraft {
namespace {

const std::string kHead = R"(name: t
actors: [{id: AAA}, {id: BBB}, {id: CCC}]
issues: [{id: iss, stances: [{actor: AAA, position: 10, salience: 1, capability: 1}]}]
)";

Scenario load(const std::string& body) {
  return io::load_scenario_text(kHead + body, "t.yaml", ".");
}

std::string error_of(const std::string& body) {
  try {
    (void)load(body);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(ScenarioSections, ReadsNarratives) {
  Scenario s = load(R"(narratives:
  rounds: 7
  stubbornness: {AAA: 0.9, BBB: {value: 0.2, assumed: true}}
  frames:
    - id: f1
      issue: iss
      positions:
        - {actor: AAA, position: 1.0, anchor: 0.8, stubbornness: 0.5}
        - {actor: BBB, position: 0.1}
  campaigns:
    - {id: c1, kind: media, actor: AAA, targets: [BBB, CCC], frame: f1, start: 2, end: 4, anchor_shift: -0.05}
    - {id: c2, actor: BBB, targets: [AAA], weight: 0.5, lasting: true}
)");
  const Narratives& n = s.narratives;
  EXPECT_EQ(n.rounds, 7);
  ASSERT_EQ(n.frames.size(), 1u);
  EXPECT_EQ(n.frames[0].issue, "iss");
  ASSERT_EQ(n.frames[0].positions.size(), 2u);
  EXPECT_DOUBLE_EQ(n.frames[0].positions[0].anchor->value, 0.8);
  EXPECT_DOUBLE_EQ(n.frames[0].positions[0].stubbornness->value, 0.5);
  EXPECT_FALSE(n.frames[0].positions[1].anchor.has_value());
  EXPECT_DOUBLE_EQ(n.stubbornness.at("BBB").value, 0.2);
  EXPECT_TRUE(n.stubbornness.at("BBB").assumed);
  ASSERT_EQ(n.campaigns.size(), 2u);
  EXPECT_EQ(n.campaigns[0].kind, CampaignKind::media);
  EXPECT_EQ(n.campaigns[0].targets, (std::vector<std::string>{"BBB", "CCC"}));
  EXPECT_EQ(n.campaigns[0].end, 4);
  EXPECT_EQ(n.campaigns[1].start, 0);
  EXPECT_EQ(n.campaigns[1].end, 1);
  EXPECT_TRUE(n.campaigns[1].lasting);
}

TEST(ScenarioSections, ReadsActions) {
  Scenario s = load(R"(actions:
  - id: a1
    kind: investment
    actor: AAA
    target: BBB
    cost: {value: 500, assumed: true}
    duration_years: 2
    effects: {investment_usd_m: 1000, alignment: 0.1}
    reverse_effects: {alignment: -0.2}
)");
  ASSERT_EQ(s.actions.size(), 1u);
  const Action& a = s.actions[0];
  EXPECT_EQ(a.kind, ActionKind::investment);
  EXPECT_DOUBLE_EQ(a.cost, 500);
  EXPECT_DOUBLE_EQ(a.duration_years, 2);
  EXPECT_DOUBLE_EQ(a.effects.at("investment_usd_m"), 1000);
  EXPECT_DOUBLE_EQ(a.reverse_effects.at("alignment"), -0.2);
}

TEST(ScenarioSections, RejectsBadNarratives) {
  EXPECT_EQ(error_of("narratives: {frames: [{id: f, positons: []}]}\n"),
            "t.yaml:4:31: error: unknown key 'positons' in frame; did you mean 'positions'?");
  EXPECT_EQ(error_of("narratives: {frames: [{id: f, positions: [{actor: AAA, position: 1.5}]}]}\n"),
            "t.yaml:4:66: error: position 1.5 is outside [0, 1]");
  EXPECT_EQ(error_of("narratives: {frames: [{id: f, positions: [{actor: AAB, position: 1}]}]}\n"),
            "t.yaml:4:51: error: unknown actor 'AAB'; did you mean 'AAA'?");
  EXPECT_EQ(error_of("narratives: {frames: [{id: f, issue: nope}]}\n"),
            "t.yaml:4:38: error: unknown issue 'nope'");
  EXPECT_EQ(error_of("narratives: {stubbornness: {AAA: 2}}\n"),
            "t.yaml:4:34: error: stubbornness of AAA 2 is outside [0, 1]");
  EXPECT_EQ(
      error_of(
          "narratives: {campaigns: [{id: c, actor: AAA, targets: [BBB], frame: g, anchor_shift: 0.1}]}\n"),
      "t.yaml:4:69: error: unknown frame 'g'");
  EXPECT_EQ(
      error_of(
          "narratives: {campaigns: [{id: c, actor: AAA, targets: [BBB], start: 3, end: 2, weight: 1}]}\n"),
      "t.yaml:4:77: error: campaign end 2 must be after its start 3");
  EXPECT_EQ(error_of("narratives: {campaigns: [{id: c, actor: AAA, targets: [AAA], weight: 1}]}\n"),
            "t.yaml:4:56: error: campaign 'c' targets its own actor 'AAA'");
  EXPECT_EQ(error_of("narratives: {campaigns: [{id: c, actor: AAA, targets: [BBB]}]}\n"),
            "t.yaml:4:26: error: campaign 'c' has no effect: give weight or anchor_shift");
  EXPECT_EQ(
      error_of("narratives: {campaigns: [{id: c, actor: AAA, targets: [BBB], start: 1.5, weight: 1}]}\n"),
      "t.yaml:4:69: error: start must be a whole number");
}

TEST(ScenarioSections, RejectsBadActions) {
  EXPECT_EQ(error_of("actions: [{id: a, actor: AAA, target: BBB, cost: 1, effects: {aligment: 0.1}}]\n"),
            "t.yaml:4:63: error: unknown relation dimension 'aligment'; did you mean 'alignment'?");
  EXPECT_EQ(error_of("actions: [{id: a, actor: AAA, target: BBB, cost: -1, effects: {alignment: 0.1}}]\n"),
            "t.yaml:4:50: error: cost -1 must be >= 0");
  EXPECT_EQ(error_of("actions: [{id: a, actor: AAA, target: BBB, cost: 1, effects: {alignment: 3}}]\n"),
            "t.yaml:4:74: error: effect alignment 3 is outside [-2, 2]");
  EXPECT_EQ(
      error_of(
          "actions: [{id: a, kind: bribe, actor: AAA, target: BBB, cost: 1, effects: {alignment: 1}}]\n"),
      "t.yaml:4:25: error: unknown action kind 'bribe'; expected trade_agreement, investment, "
      "security_cooperation, aid, visit, lobbying or other");
  EXPECT_EQ(error_of("actions: [{id: a, actor: AAA, target: AAA, cost: 1, effects: {alignment: 1}}]\n"),
            "t.yaml:4:39: error: an action must link two different actors");
  EXPECT_EQ(error_of("actions: [{id: a, actor: AAA, target: BBB, cost: 1}]\n"),
            "t.yaml:4:11: error: action 'a' has no effects");
  EXPECT_EQ(error_of("actions: [{id: a, actor: AAA, target: BBB, cost: 1, effects: {alignment: 1}},\n"
                     "          {id: a, actor: AAA, target: CCC, cost: 1, effects: {alignment: 1}}]\n"),
            "t.yaml:5:16: error: duplicate action id 'a' (first at line 4)");
}

}  // namespace
}  // namespace statecraft

namespace statecraft {
namespace {
TEST(ScenarioSections, KashmirCaseLoads) {
  Scenario s = io::load_scenario(STATECRAFT_SOURCE_DIR "/cases/pakistan/kashmir-narrative.yaml");
  EXPECT_EQ(s.narratives.frames.size(), 2u);
  EXPECT_EQ(s.narratives.campaigns.size(), 3u);
}

TEST(ScenarioSections, PakistanStrategyHorizonLoads) {
  Scenario s = io::load_scenario(STATECRAFT_SOURCE_DIR "/cases/pakistan/strategy.yaml");
  ASSERT_TRUE(s.horizon.has_value());
  EXPECT_EQ(s.horizon->actor, "PAK");
  ASSERT_EQ(s.horizon->motions.size(), 5u);
  EXPECT_EQ(s.horizon->motions[0].motion, "admit_pakistan_2016");
  EXPECT_EQ(s.horizon->motions[0].sponsors, std::vector<std::string>{"PAK"});
  EXPECT_TRUE(s.horizon->motions[0].scenario.ends_with("nsg_pakistan.yaml"));
  ASSERT_TRUE(s.horizon->motions[1].at.has_value());
  EXPECT_EQ(s.horizon->budgets.size(), 7u);
  ASSERT_EQ(s.horizon->strategies.size(), 3u);
  EXPECT_TRUE(s.horizon->strategies[2].kinds.empty());  // mixed: every action
  EXPECT_EQ(s.actions.size(), 64u);
}

TEST(ScenarioSections, RejectsBadHorizons) {
  const std::string head =
      "name: t\nactors: [{id: A, capabilities: {overall: 1}}, {id: B, capabilities: {overall: 1}}]\n"
      "forums: [{id: f, members: [A, B], rule: {kind: consensus}}]\n"
      "motions: [{id: m, forum: f}]\n";
  auto error = [&](const std::string& horizon) {
    try {
      io::load_scenario_text(head + horizon, "h.yaml", ".");
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(
      error("horizon: {budgets: [0, 5], motions: [{forum: f, motion: nope}]}").find("unknown motion 'nope'"),
      std::string::npos);
  EXPECT_NE(error("horizon: {budgets: [5, 0], motions: [{forum: f, motion: m}]}").find("increasing"),
            std::string::npos);
  EXPECT_NE(error("horizon: {budgets: [], motions: [{forum: f, motion: m}]}").find("must not be empty"),
            std::string::npos);
  EXPECT_NE(error("horizon: {budgets: [1], motions: [{forum: g, motion: m}]}").find("unknown forum 'g'"),
            std::string::npos);
  EXPECT_NE(
      error(
          "horizon: {budgets: [1], motions: [{forum: f, motion: m}], strategies: [{id: s, kinds: [bribe]}]}")
          .find("unknown action kind 'bribe'"),
      std::string::npos);
  EXPECT_NE(error("horizon: {budgets: [1], motions: [{forum: f, motion: m, scenario: missing.yaml}]}")
                .find("no scenario file"),
            std::string::npos);
  EXPECT_NE(error("horizon: {budgets: [1], motions: [{forum: f, motion: m, sponsors: [Z]}]}")
                .find("unknown actor 'Z'"),
            std::string::npos);
  EXPECT_EQ(error("horizon: {budgets: [1], motions: [{forum: f, motion: m}]}"), "no error");
}
}  // namespace
}  // namespace statecraft
