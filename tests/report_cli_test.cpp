// `statecraft report`: the page is written, well-formed, self-contained, has a section
// for every kind of content of the scenario, is the same bytes for the same seed, and
// a failed run leaves no file (and an existing file untouched).
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "run_process.h"

namespace {

namespace fs = std::filesystem;
using statecraft::test::run_process;

const std::string kScenario = std::string(STATECRAFT_SOURCE_DIR) + "/tests/cli/report/everything.yaml";
const std::string kBad = std::string(STATECRAFT_SOURCE_DIR) + "/tests/bad/11-unknown-stance-key.yaml";

fs::path scratch(const std::string& name) {
  auto dir = fs::temp_directory_path() / ("statecraft-report-cli-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  auto path = dir / name;
  fs::remove(path);
  return path;
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

// Checks that every element is closed in order (HTML void elements and "/>" excepted)
// and returns the first problem, or "" when the markup is balanced.
std::string check_balanced(const std::string& html) {
  static const std::vector<std::string> kVoid = {"meta", "br", "hr", "img", "link", "input"};
  std::vector<std::string> open;
  std::size_t at = 0;
  while ((at = html.find('<', at)) != std::string::npos) {
    const std::size_t end = html.find('>', at);
    if (end == std::string::npos) return "unterminated tag at " + std::to_string(at);
    std::string tag = html.substr(at + 1, end - at - 1);
    at = end + 1;
    if (tag.empty()) return "empty tag";
    if (tag[0] == '!') continue;  // <!DOCTYPE html>
    const bool closing = tag[0] == '/';
    const bool self_closing = tag.back() == '/';
    if (closing) tag = tag.substr(1);
    const std::string name = tag.substr(0, tag.find_first_of(" \t\n/"));
    if (closing) {
      if (open.empty() || open.back() != name) {
        return "</" + name + "> closes <" + (open.empty() ? std::string("nothing") : open.back()) + ">";
      }
      open.pop_back();
    } else if (!self_closing && std::find(kVoid.begin(), kVoid.end(), name) == kVoid.end()) {
      open.push_back(name);
      if (name == "style") {  // CSS is not markup: skip to its end tag
        at = html.find("</style>", at);
        if (at == std::string::npos) return "unclosed <style>";
      }
    }
  }
  if (!open.empty()) return "<" + open.back() + "> never closed";
  return "";
}

TEST(ReportCli, WritesAWellFormedSelfContainedPageWithEverySection) {
  const auto out = scratch("report.html");
  auto r = run_process(STATECRAFT_BIN,
                       {"--no-record", "report", kScenario, "-o", out.string(), "--samples", "40"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_TRUE(fs::exists(out));
  const std::string html = slurp(out);
  EXPECT_EQ(check_balanced(html), "");
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_GE(count(html, "<svg"), 6u);
  EXPECT_EQ(count(html, "<svg"), count(html, "</svg>"));
  for (const char* section : {"Overview", "Forecast: An inquiry (inquiry)", "Vote: inquiry_motion in council",
                              "Voting power: council", "Voting power: weighted", "Influence network",
                              "Strategy: inquiry_motion", "Corridor flows"}) {
    EXPECT_NE(html.find(section), std::string::npos) << section;
  }
  // Self-contained: no scripts, no external references of any kind.
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("href="), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
  EXPECT_EQ(count(html, "http"), count(html, "xmlns=\"http://www.w3.org/2000/svg\""));
  // The summary on stdout names the motion, its outcome and the corridor hub shares.
  EXPECT_NE(r.out.find("inquiry_motion"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("failed"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("corridor hub share:"), std::string::npos) << r.out;
}

TEST(ReportCli, SameSeedSameBytesOtherSeedOtherBands) {
  const auto a = scratch("a.html");
  const auto b = scratch("b.html");
  const auto c = scratch("c.html");
  for (const auto& [path, seed] : {std::pair{a, "7"}, std::pair{b, "7"}, std::pair{c, "8"}}) {
    auto r = run_process(STATECRAFT_BIN, {"--no-record", "report", kScenario, "-o", path.string(),
                                          "--samples", "40", "--seed", seed});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  EXPECT_EQ(slurp(a), slurp(b));
  EXPECT_NE(slurp(a), slurp(c));  // AAA's position is uncertain, so the bands move with the seed
}

TEST(ReportCli, AFailedRunLeavesNoFileAndKeepsAnOldOne) {
  const auto out = scratch("failed.html");
  auto r = run_process(STATECRAFT_BIN, {"--no-record", "report", kScenario, kBad, "-o", out.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("11-unknown-stance-key.yaml:"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out));

  { std::ofstream(out) << "previous report"; }
  r = run_process(STATECRAFT_BIN, {"--no-record", "report", kScenario, kBad, "-o", out.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(slurp(out), "previous report");

  // An output directory that does not exist: one error line, nothing written.
  const auto nowhere = out.parent_path() / "missing-dir" / "r.html";
  r = run_process(STATECRAFT_BIN, {"--no-record", "report", kScenario, "-o", nowhere.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(count(r.err, "\n"), 1u) << r.err;
  EXPECT_FALSE(fs::exists(nowhere.parent_path()));
  for (const auto& entry : fs::directory_iterator(out.parent_path())) {
    EXPECT_NE(entry.path().filename().string().front(), '.') << "temporary file left: " << entry.path();
  }
}

}  // namespace
