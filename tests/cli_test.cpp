// The `statecraft` command line: help, version, and the one-line errors for bad verbs,
// flags, files and dates. Runs the built binary.
#include <gtest/gtest.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "run_process.h"

namespace fs = std::filesystem;
using statecraft::test::ProcessResult;
using statecraft::test::run_process;

namespace {

const fs::path kCliDir = fs::path(STATECRAFT_SOURCE_DIR) / "tests" / "cli";

ProcessResult statecraft_cli(const std::vector<std::string>& args) {
  return run_process(STATECRAFT_BIN, args, kCliDir);
}

bool is_one_line(const std::string& text) {
  return !text.empty() && text.back() == '\n' && text.find('\n') == text.size() - 1;
}

// A CLI usage error: exit 1, nothing on stdout, one line "statecraft: error: ...".
void expect_usage_error(const ProcessResult& r, const std::string& must_mention) {
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(is_one_line(r.err)) << r.err;
  EXPECT_EQ(r.err.rfind("statecraft: error: ", 0), 0U) << r.err;
  EXPECT_NE(r.err.find(must_mention), std::string::npos) << r.err;
}

TEST(Cli, HelpExitsZeroAndListsVerbs) {
  auto r = statecraft_cli({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("validate"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("info"), std::string::npos) << r.out;
  EXPECT_EQ(r.err, "");
}

TEST(Cli, VersionPrintsNameAndSemver) {
  auto r = statecraft_cli({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(std::regex_match(r.out, std::regex("statecraft [0-9]+\\.[0-9]+\\.[0-9]+\n"))) << r.out;
  EXPECT_EQ(r.err, "");
}

TEST(Cli, NoVerbIsAnError) {
  expect_usage_error(statecraft_cli({}), "statecraft: error: ");
}

TEST(Cli, UnknownVerbIsAnError) {
  expect_usage_error(statecraft_cli({"frobnicate"}), "frobnicate");
}

TEST(Cli, UnknownFlagIsAnError) {
  expect_usage_error(statecraft_cli({"validate", "--frobnicate", "good-world.yaml"}), "--frobnicate");
}

TEST(Cli, MissingFileIsAnError) {
  expect_usage_error(statecraft_cli({"validate", "no-such-world.yaml"}), "no-such-world.yaml");
}

TEST(Cli, InfoOfMissingFileIsAnError) {
  expect_usage_error(statecraft_cli({"info", "no-such-world.yaml"}), "no-such-world.yaml");
}

TEST(Cli, ValidateGoodFile) {
  auto r = statecraft_cli({"validate", "good-world.yaml"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(
      r.out.rfind("good-world.yaml: ok (4 actors, 2 relations, 1 issues, 2 forums, 1 motions, 1 events)", 0),
      0U)
      << r.out;
}

TEST(Cli, ValidateReportsEachBadFileAndFails) {
  auto r = statecraft_cli({"validate", "good-world.yaml", "../bad/24-salience-3.yaml"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("good-world.yaml: ok"), std::string::npos) << r.out;
  EXPECT_TRUE(is_one_line(r.err)) << r.err;
  EXPECT_NE(r.err.find("../bad/24-salience-3.yaml:7:"), std::string::npos) << r.err;
}

TEST(Cli, InfoPrintsForumsWithRules) {
  auto r = statecraft_cli({"info", "good-world.yaml"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_NE(r.out.find("Forums"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("nsg"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("consensus"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("unsc_like"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("majority"), std::string::npos) << r.out;
}

TEST(Cli, InfoAtAppliesEvents) {
  auto before = statecraft_cli({"info", "good-world.yaml", "--format", "json"});
  auto after = statecraft_cli({"info", "good-world.yaml", "--at", "2016-06-09", "--format", "json"});
  ASSERT_EQ(before.exit_code, 0) << before.err;
  ASSERT_EQ(after.exit_code, 0) << after.err;
  EXPECT_NE(before.out.find("\"events_pending\": 1"), std::string::npos) << before.out;
  EXPECT_NE(after.out.find("\"events_pending\": 0"), std::string::npos) << after.out;
}

TEST(Cli, InfoAtBadDateNamesTheFlag) {
  expect_usage_error(statecraft_cli({"info", "good-world.yaml", "--at", "2023-13-01"}), "--at");
}

TEST(Cli, InfoOfBadScenarioIsTheLoaderLine) {
  auto r = statecraft_cli({"info", "../bad/24-salience-3.yaml"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(is_one_line(r.err)) << r.err;
  EXPECT_EQ(r.err.rfind("../bad/24-salience-3.yaml:7:", 0), 0U) << r.err;
}

}  // namespace

// ---- backtest --model recommended and validation (issue 9) ---------------------------

const std::string kDeu3Train = std::string(STATECRAFT_SOURCE_DIR) + "/../shared/data/deu3/deu3-train.tsv";

TEST(Cli, RecommendedBacktestRejectsACapabilityFlag) {
  auto r = statecraft_cli(
      {"backtest", "--data", kDeu3Train, "--model", "recommended", "--capability", "gdp", "--no-record"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(is_one_line(r.err)) << r.err;
  EXPECT_EQ(r.err.rfind("--capability: error: ", 0), 0U) << r.err;
}

TEST(Cli, ValidationRefusesADocumentWithMarkersOutOfOrderAndLeavesItAlone) {
  const fs::path dir = fs::temp_directory_path() / "statecraft-validation-cli";
  fs::create_directories(dir);
  const fs::path doc = dir / "VALIDATION.md";
  const std::string text = "UNGA\n<!-- deu3:end -->\n<!-- deu3:begin -->\n";
  {
    std::ofstream out(doc);
    out << text;
  }
  auto r = statecraft_cli({"validation", "--data", kDeu3Train, "--no-spatial", "--bootstrap", "5",
                           "--samples", "10", "--doc", doc.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(is_one_line(r.err)) << r.err;
  EXPECT_NE(r.err.find("VALIDATION.md"), std::string::npos) << r.err;
  std::ifstream in(doc);
  std::string after((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(after, text);
  EXPECT_FALSE(fs::exists(dir / "deu3-reliability.svg"));
  fs::remove_all(dir);
}

// ---- unga alignment --partners --format yaml (issue 12) ---------------------------------
// tests/cli/unga/ is a toy Assembly: seven states voting on ten roll calls in each of two
// sessions by their position on one line (PAK, IND, CHN close; USA far).

namespace {

std::vector<std::string> unga_alignment(std::vector<std::string> extra) {
  std::vector<std::string> args = {
      "--no-record", "unga", "alignment", "--votes", "unga/votes.csv", "--roll-calls", "unga/roll_calls.csv",
      "--country",   "PAK",  "--session", "2"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

}  // namespace

TEST(Cli, UngaAlignmentYamlIsScenarioRelationsWithTheirSource) {
  auto r = statecraft_cli(unga_alignment({"--partners", "ind,USA", "--format", "yaml"}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  const std::string cited =
      "source: \"UN General Assembly session 2 ideal points (statecraft unga alignment --country PAK "
      "--session 2); "
      "Voeten et al. doi:10.7910/DVN/LEJUQZ\"";
  // Partners in the order given, both directions with the same value.
  const std::regex entry(R"(- \{from: (\w+), to: (\w+), alignment: \{value: (-?[0-9]\.[0-9]{2}), )" +
                         std::regex_replace(cited, std::regex(R"([.()|])"), R"(\$&)") + R"(\}\}\n)");
  std::vector<std::smatch> found;
  for (auto it = std::sregex_iterator(r.out.begin(), r.out.end(), entry); it != std::sregex_iterator();
       ++it) {
    found.push_back(*it);
  }
  ASSERT_EQ(found.size(), 4U) << r.out;
  EXPECT_EQ(found[0][1].str() + found[0][2].str() + found[1][1].str() + found[1][2].str(), "PAKINDINDPAK");
  EXPECT_EQ(found[2][1].str() + found[2][2].str() + found[3][1].str() + found[3][2].str(), "PAKUSAUSAPAK");
  EXPECT_EQ(found[0][3], found[1][3]);
  // India votes with Pakistan, the US against it.
  EXPECT_GT(std::stod(found[0][3]), 0.3);
  EXPECT_LT(std::stod(found[2][3]), -0.3);

  // Pasted under `relations:`, the entries load as a scenario.
  const fs::path dir = fs::temp_directory_path() / "statecraft-unga-yaml";
  fs::create_directories(dir);
  {
    std::ofstream out(dir / "world.yaml");
    out << "name: pasted\ndate: 2008-01-01\nactors: [{id: PAK}, {id: IND}, {id: USA}]\nrelations:\n";
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);) out << "  " << line << "\n";
  }
  auto v = statecraft_cli({"validate", (dir / "world.yaml").string()});
  EXPECT_EQ(v.exit_code, 0) << v.err;
  EXPECT_NE(v.out.find("(3 actors, 4 relations,"), std::string::npos) << v.out;
  fs::remove_all(dir);
}

TEST(Cli, UngaAlignmentRejectsBadPartnersAndFormat) {
  for (const auto& [flag, value, message] : std::vector<std::array<std::string, 3>>{
           {"--partners", "IND,XXX",
            "--partners: error: no country with ISO3 "
            "code 'XXX'"},
           {"--partners", "IND,,USA", "--partners: error: empty ISO3 code"},
           {"--partners", "PAK", "--partners: error: PAK is the --country itself"},
           {"--format", "xml", "--format"}}) {
    auto r = statecraft_cli(unga_alignment({flag, value}));
    EXPECT_EQ(r.exit_code, 1) << value;
    EXPECT_EQ(r.out, "") << value;
    EXPECT_TRUE(is_one_line(r.err)) << r.err;
    EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
  }
}

// ---- unga forecast (issue 12) ------------------------------------------------------------

TEST(Cli, UngaForecastGivesMembersCountsAndPassProbability) {
  auto r = statecraft_cli({"--no-record", "unga", "forecast", "--votes", "unga/votes.csv", "--roll-calls",
                           "unga/roll_calls.csv", "--rcid", "15", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto out = nlohmann::json::parse(r.out);
  EXPECT_EQ(out["members"], 7);
  EXPECT_EQ(out["roll_call"]["session"], 2);
  const double p_pass = out["p_pass"];
  EXPECT_GT(p_pass, 0.0);
  EXPECT_LT(p_pass, 1.0);
  double total = 0, expected_yes = 0;
  for (const auto& p : out["counts"]["yes"]["distribution"]) total += p.get<double>();
  for (const auto& m : out["member_forecasts"]) expected_yes += m["p_yes"].get<double>();
  EXPECT_NEAR(total, 1.0, 1e-9);
  EXPECT_NEAR(out["counts"]["yes"]["mean"].get<double>(), expected_yes, 1e-9);
  EXPECT_EQ(out["recorded"]["yes"].get<int>() + out["recorded"]["no"].get<int>() +
                out["recorded"]["abstain"].get<int>() + out["recorded"]["absent"].get<int>(),
            7);
  // The US votes against the toy's majority: its forecast says so.
  for (const auto& m : out["member_forecasts"]) {
    if (m["id"] == "USA") {
      EXPECT_GT(m["p_no"].get<double>(), 0.5);
    }
  }
}

TEST(Cli, UngaForecastRejectsBadRequests) {
  const std::vector<std::string> base = {"--no-record",    "unga",         "forecast",           "--votes",
                                         "unga/votes.csv", "--roll-calls", "unga/roll_calls.csv"};
  for (const auto& [extra, message] : std::vector<std::pair<std::vector<std::string>, std::string>>{
           {{"--rcid", "999"}, "--rcid: error: no roll call 999"},
           {{"--rcid", "3", "--session", "2"}, "--rcid: error: give --rcid"},
           {{"--session", "3"}, "--session: error: a new roll call needs"},
           {{"--session", "9", "--description", "x"}, "--session: error: session 9 is not within 2-3"},
           {{"--session", "3", "--description", "x", "--issues", "me,zz"},
            "--issues: error: unknown issue 'zz'"},
           {{"--session", "3", "--description", "x", "--date", "1948/10/01"}, "--date: error:"},
           {{"--rcid", "3", "--model", "oracle"}, "--model: error: unknown model"}}) {
    std::vector<std::string> args = base;
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = statecraft_cli(args);
    EXPECT_EQ(r.exit_code, 1) << message;
    EXPECT_EQ(r.out, "") << message;
    EXPECT_TRUE(is_one_line(r.err)) << r.err;
    EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
  }
}
