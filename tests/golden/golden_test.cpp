// Data-driven golden tests: each folder under tests/golden/ holds a scenario (or table)
// and `case.json`, which names the CLI arguments to run and the numbers expected at
// JSON pointers of the output, with tolerances. Adding a case is adding files.
//
// case.json:
//   {"description": "...", "source": "where the expected numbers come from",
//    "args": ["forecast", "{dir}/scenario.yaml", "--issue", "x", "--format", "json"],
//    "expect": [{"pointer": "/forecast", "value": 9.6, "tolerance": 0.1},
//               {"pointer": "/model", "equals": "bdm"}]}
// `{dir}` is replaced by the case folder and `{shared}` by ../shared.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

struct Output {
  int exit_code = -1;
  std::string stdout_text;
};

Output run(const std::vector<std::string>& args) {
  std::string command = shell_quote(STATECRAFT_BIN) + " --no-record";
  for (const auto& a : args) command += " " + shell_quote(a);
  command += " 2>/dev/null";
  Output out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) out.stdout_text.append(buffer.data(), n);
  int status = ::pclose(pipe);
  out.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

std::vector<fs::path> case_dirs() {
  std::vector<fs::path> dirs;
  fs::path root = fs::path(STATECRAFT_SOURCE_DIR) / "tests" / "golden";
  for (const auto& entry : fs::directory_iterator(root)) {
    if (entry.is_directory() && fs::exists(entry.path() / "case.json")) dirs.push_back(entry.path());
  }
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

class Golden : public testing::TestWithParam<fs::path> {};

TEST_P(Golden, MatchesExpectedNumbers) {
  const fs::path dir = GetParam();
  std::ifstream in(dir / "case.json");
  nlohmann::json spec = nlohmann::json::parse(in);
  std::vector<std::string> args;
  for (const auto& a : spec.at("args")) {
    std::string arg = replace_all(a.get<std::string>(), "{dir}", dir.string());
    args.push_back(replace_all(arg, "{shared}", STATECRAFT_SHARED_DIR));
  }
  Output out = run(args);
  ASSERT_EQ(out.exit_code, spec.value("exit_code", 0)) << "output: " << out.stdout_text;
  nlohmann::json result = nlohmann::json::parse(out.stdout_text, nullptr, false);
  ASSERT_FALSE(result.is_discarded()) << "not JSON: " << out.stdout_text.substr(0, 500);
  ASSERT_FALSE(spec.at("expect").empty()) << "a golden case must check something";
  for (const auto& e : spec.at("expect")) {
    nlohmann::json::json_pointer pointer(e.at("pointer").get<std::string>());
    ASSERT_TRUE(result.contains(pointer)) << "missing " << pointer.to_string();
    const auto& actual = result.at(pointer);
    if (e.contains("equals")) {
      EXPECT_EQ(actual, e.at("equals")) << pointer.to_string();
    } else {
      ASSERT_TRUE(actual.is_number()) << pointer.to_string() << " is " << actual.dump();
      EXPECT_NEAR(actual.get<double>(), e.at("value").get<double>(), e.value("tolerance", 1e-9))
          << pointer.to_string() << " (" << spec.value("source", "") << ")";
    }
  }
}

std::string case_name(const testing::TestParamInfo<fs::path>& info) {
  std::string name = info.param.filename().string();
  for (char& c : name) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Cases, Golden, testing::ValuesIn(case_dirs()), case_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(Golden);

}  // namespace
