// `statecraft corridor` and `statecraft game` on the Pakistan cases: JSON contract,
// closures, risk settings, routing methods, the sweep's SVG, and one-line usage errors.
#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "run_process.h"

namespace fs = std::filesystem;
using statecraft::test::ProcessResult;
using statecraft::test::read_text;
using statecraft::test::run_process;

namespace {

const std::string kCases = std::string(STATECRAFT_SOURCE_DIR) + "/cases/pakistan/";

ProcessResult statecraft_cli(std::vector<std::string> args) {
  args.insert(args.begin(), "--no-record");
  return run_process(STATECRAFT_BIN, args);
}

nlohmann::json run_json(const std::vector<std::string>& args) {
  std::vector<std::string> full = args;
  full.push_back("--format");
  full.push_back("json");
  ProcessResult r = statecraft_cli(full);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  return nlohmann::json::parse(r.out);
}

bool is_one_line(const std::string& text) {
  return !text.empty() && text.back() == '\n' && text.find('\n') == text.size() - 1;
}

void expect_usage_error(const ProcessResult& r, const std::string& must_mention) {
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(is_one_line(r.err)) << r.err;
  EXPECT_EQ(r.err.rfind("statecraft: error: ", 0), 0U) << r.err;
  EXPECT_NE(r.err.find(must_mention), std::string::npos) << r.err;
}

const nlohmann::json& find_by_id(const nlohmann::json& list, const std::string& id) {
  for (const auto& item : list) {
    if (item.at("id") == id) return item;
  }
  throw std::runtime_error("no '" + id + "' in " + list.dump().substr(0, 200));
}

TEST(CorridorCli, JsonCarriesFlowsCostsUnmetAndHubShares) {
  const nlohmann::json r = run_json({"corridor", kCases + "corridors.yaml"});
  for (const char* key : {"total_cost", "delivered", "unmet", "forgone_value", "method", "exact", "hub_share",
                          "value_share", "edges", "demands", "countries"}) {
    EXPECT_TRUE(r.contains(key)) << key;
  }
  EXPECT_EQ(r.at("method"), "lp");  // six demands, three destinations, a small network
  EXPECT_EQ(r.at("exact"), true);
  for (const char* key :
       {"id", "flow", "flow_forward", "flow_backward", "risk", "cost_per_unit", "capacity", "open"}) {
    EXPECT_TRUE(r.at("edges").at(0).contains(key)) << key;
  }
  double delivered = 0.0;
  for (const auto& d : r.at("demands")) {
    for (const char* key :
         {"id", "volume", "delivered", "unmet", "routing_cost", "cost_per_unit", "countries_crossed"}) {
      EXPECT_TRUE(d.contains(key)) << key;
    }
    EXPECT_NEAR(d.at("delivered").get<double>() + d.at("unmet").get<double>(), d.at("volume").get<double>(),
                1e-6);
    delivered += d.at("delivered").get<double>();
  }
  EXPECT_NEAR(delivered, r.at("delivered").get<double>(), 1e-6);
  for (const auto& c : r.at("countries")) {
    for (const char* key :
         {"id", "hub_share", "value_share", "transit_volume", "earnings_usd", "burden_usd", "net_cost_usd"}) {
      EXPECT_TRUE(c.contains(key)) << key;
    }
    EXPECT_GE(c.at("hub_share").get<double>(), 0.0);
    EXPECT_LE(c.at("hub_share").get<double>(), 1.0 + 1e-12);
  }
}

TEST(CorridorCli, ClosingTorkhamStopsItsFlowAndCostsPakistan) {
  const nlohmann::json r = run_json({"corridor", kCases + "corridors.yaml", "--close", "torkham"});
  const auto& torkham = find_by_id(r.at("edges"), "torkham");
  EXPECT_EQ(torkham.at("open"), false);
  EXPECT_EQ(torkham.at("flow"), 0.0);
  ASSERT_TRUE(r.contains("shock_cost"));
  ASSERT_TRUE(r.contains("base"));
  EXPECT_GT(r.at("shock_cost").at("PAK").get<double>(), 0.0);
  EXPECT_GE(r.at("base").at("hub_share").at("PAK").get<double>(), r.at("hub_share").at("PAK").get<double>());
  // The same closure written in the scenario (torkham.yaml also raises TTP activity).
  const nlohmann::json file = run_json({"corridor", kCases + "torkham.yaml"});
  EXPECT_EQ(find_by_id(file.at("edges"), "torkham").at("flow"), 0.0);
}

TEST(CorridorCli, SetRiskChangesRiskAndHubShare) {
  const nlohmann::json base = run_json({"corridor", kCases + "corridors.yaml"});
  const nlohmann::json calm = run_json({"corridor", kCases + "corridors.yaml", "--set", "risk.ttp=0"});
  EXPECT_GT(find_by_id(base.at("edges"), "torkham").at("risk").get<double>(), 0.0);
  EXPECT_EQ(find_by_id(calm.at("edges"), "torkham").at("risk"), 0.0);
  EXPECT_GT(calm.at("hub_share").at("PAK").get<double>(), base.at("hub_share").at("PAK").get<double>());
  // risk.ID sets one node's or edge's risk directly.
  const nlohmann::json edge = run_json({"corridor", kCases + "corridors.yaml", "--set", "risk.torkham=1"});
  EXPECT_EQ(find_by_id(edge.at("edges"), "torkham").at("risk"), 1.0);
  EXPECT_EQ(find_by_id(edge.at("edges"), "torkham").at("flow"), 0.0);  // risk 1 >= corridor.risk_closure
}

TEST(CorridorCli, JointRoutingIsNoWorseThanSequential) {
  const nlohmann::json joint = run_json({"corridor", kCases + "corridors.yaml", "--routing", "joint"});
  const nlohmann::json sequential =
      run_json({"corridor", kCases + "corridors.yaml", "--routing", "sequential"});
  EXPECT_EQ(joint.at("method"), "lp");
  EXPECT_EQ(sequential.at("method"), "sequential");
  EXPECT_EQ(sequential.at("exact"), false);
  const double j = joint.at("total_cost").get<double>() + joint.at("forgone_value").get<double>();
  const double s = sequential.at("total_cost").get<double>() + sequential.at("forgone_value").get<double>();
  EXPECT_LE(j, s * (1 + 1e-12));
}

TEST(CorridorCli, BadFlagsNameTheFlag) {
  const std::string file = kCases + "corridors.yaml";
  expect_usage_error(statecraft_cli({"corridor", file, "--close", "nowhere"}), "--close");
  expect_usage_error(statecraft_cli({"corridor", file, "--set", "risk.nobody=0.5"}), "--set");
  expect_usage_error(statecraft_cli({"corridor", file, "--set", "risk.ttp=2"}), "--set");
  expect_usage_error(statecraft_cli({"corridor", file, "--set", "risk.ttp"}), "--set");
  expect_usage_error(statecraft_cli({"corridor", file, "--set", "no.such.parameter=1"}), "--set");
  expect_usage_error(statecraft_cli({"corridor", file, "--routing", "fastest"}), "--routing");
  expect_usage_error(statecraft_cli({"corridor", file, "--points", "1", "--sweep-threat", "ttp"}),
                     "--points");
  expect_usage_error(statecraft_cli({"corridor", file, "--sweep-threat", "nobody"}), "--sweep-threat");
  expect_usage_error(statecraft_cli({"corridor", file, "--svg", "/tmp/x.svg"}), "--svg");
  expect_usage_error(statecraft_cli({"corridor", file, "--frobnicate"}), "--frobnicate");
}

// A small XML well-formedness check, enough for the SVG writer: every tag closes in
// order, attributes are name="value" pairs, & starts a known entity, no stray < or >.
bool well_formed_xml(const std::string& text, std::string& why) {
  std::vector<std::string> open;
  std::size_t i = 0;
  auto entity_ok = [&](std::size_t at) {
    for (const char* e : {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "&apos;"}) {
      if (text.compare(at, std::char_traits<char>::length(e), e) == 0) return true;
    }
    return false;
  };
  while (i < text.size()) {
    if (text[i] == '&' && !entity_ok(i)) {
      why = "bad entity at " + std::to_string(i);
      return false;
    }
    if (text[i] == '>') {
      why = "stray > at " + std::to_string(i);
      return false;
    }
    if (text[i] != '<') {
      ++i;
      continue;
    }
    const std::size_t end = text.find('>', i);
    if (end == std::string::npos) {
      why = "unclosed tag";
      return false;
    }
    std::string tag = text.substr(i + 1, end - i - 1);
    i = end + 1;
    if (tag.rfind("?xml", 0) == 0) continue;
    if (!tag.empty() && tag[0] == '/') {
      if (open.empty() || open.back() != tag.substr(1)) {
        why = "</" + tag.substr(1) + "> closes " + (open.empty() ? std::string("nothing") : open.back());
        return false;
      }
      open.pop_back();
      continue;
    }
    const bool self_closing = !tag.empty() && tag.back() == '/';
    if (self_closing) tag.pop_back();
    std::size_t j = 0;
    while (j < tag.size() && (std::isalnum(static_cast<unsigned char>(tag[j])) != 0 || tag[j] == '-')) ++j;
    if (j == 0) {
      why = "tag without a name";
      return false;
    }
    const std::string name = tag.substr(0, j);
    while (j < tag.size()) {  // attributes
      while (j < tag.size() && tag[j] == ' ') ++j;
      if (j == tag.size()) break;
      const std::size_t eq = tag.find('=', j);
      if (eq == std::string::npos || eq + 1 >= tag.size() || tag[eq + 1] != '"') {
        why = "bad attribute in <" + name + ">";
        return false;
      }
      const std::size_t close = tag.find('"', eq + 2);
      if (close == std::string::npos) {
        why = "unterminated attribute in <" + name + ">";
        return false;
      }
      if (tag.find('<', eq + 2) < close) {
        why = "< inside an attribute of <" + name + ">";
        return false;
      }
      j = close + 1;
    }
    if (!self_closing) open.push_back(name);
  }
  if (!open.empty()) {
    why = "<" + open.back() + "> never closed";
    return false;
  }
  return true;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(CorridorCli, SweepWritesAWellFormedSvgWithOneSeriesPerCountryThatCarriesTransit) {
  const fs::path svg =
      fs::temp_directory_path() / ("statecraft-corridor-" + std::to_string(::getpid()) + ".svg");
  const nlohmann::json r = run_json({"corridor", kCases + "corridors.yaml", "--sweep-threat", "ttp",
                                     "--points", "11", "--svg", svg.string()});
  const std::string text = read_text(svg);
  fs::remove(svg);
  const auto& points = r.at("sweep").at("points");
  ASSERT_EQ(points.size(), 11U);
  EXPECT_EQ(points.front().at("activity"), 0.0);
  EXPECT_EQ(points.back().at("activity"), 1.0);
  std::size_t series = 0;
  for (const auto& [country, share] : points.front().at("hub_share").items()) {
    bool any = false;
    for (const auto& p : points) any = any || p.at("hub_share").at(country).get<double>() > 0.0;
    series += any ? 1U : 0U;
    EXPECT_TRUE(points.front().at("elasticity").contains(country));
  }
  ASSERT_GT(series, 0U);
  std::string why;
  EXPECT_TRUE(well_formed_xml(text, why)) << why;
  EXPECT_EQ(text.rfind("<svg", 0), 0U);
  EXPECT_EQ(count(text, "<polyline"), series);
  // Each polyline has one "x,y" pair per sweep point.
  for (std::size_t at = text.find("<polyline points=\""); at != std::string::npos;
       at = text.find("<polyline points=\"", at + 1)) {
    const std::size_t begin = at + std::string("<polyline points=\"").size();
    const std::string list = text.substr(begin, text.find('"', begin) - begin);
    EXPECT_EQ(count(list, ","), 11U) << list;
  }
  EXPECT_NE(text.find(">PAK<"), std::string::npos);  // legend
}

TEST(GameCli, TalibanTtpEquilibriumPathAndMonteCarlo) {
  const nlohmann::json r = run_json(
      {"game", kCases + "taliban-ttp.yaml", "--game", "ttp_compliance", "--samples", "2000", "--seed", "3"});
  EXPECT_EQ(r.at("equilibrium"), (nlohmann::json{"induce", "defy"}));
  EXPECT_EQ(r.at("strategy").at("threat_response"), "defy");
  EXPECT_EQ(r.at("strategy").at("inducement_response"), "defy");
  EXPECT_EQ(r.at("strategy").at("enforce"), "close_border");
  double total = 0.0;
  for (const auto& [path, p] : r.at("p_path").items()) total += p.get<double>();
  EXPECT_NEAR(total, 1.0, 1e-9);
  // Same seed, same bytes.
  const nlohmann::json again = run_json(
      {"game", kCases + "taliban-ttp.yaml", "--game", "ttp_compliance", "--samples", "2000", "--seed", "3"});
  EXPECT_EQ(r.dump(), again.dump());
}

TEST(GameCli, UnknownGameIsAOneLineError) {
  expect_usage_error(statecraft_cli({"game", kCases + "taliban-ttp.yaml", "--game", "chess"}), "chess");
  expect_usage_error(statecraft_cli({"game", kCases + "taliban-ttp.yaml", "--game", "chess"}), "--game");
  expect_usage_error(statecraft_cli({"game", kCases + "taliban-ttp.yaml"}), "--game");
}

}  // namespace
