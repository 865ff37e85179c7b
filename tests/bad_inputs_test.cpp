// The bad-input corpus tests/bad/: every malformed scenario must be rejected by
// `statecraft validate` with exit code 1, nothing on stdout and exactly the one-line
// error recorded next to it in NN-name.expected. CSV tables go through io::load_table
// (the CLI verb that reads tables is tested elsewhere once it exists).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "core/error.h"
#include "io/table_loader.h"
#include "run_process.h"

namespace fs = std::filesystem;
using statecraft::test::read_text;
using statecraft::test::run_process;

namespace {

const fs::path kBadDir = fs::path(STATECRAFT_SOURCE_DIR) / "tests" / "bad";

// Input files directly under tests/bad with the given extension, sorted by name.
// Helper files for `extends:` cases live in subfolders and are not inputs.
std::vector<std::string> inputs_with(const std::string& extension) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(kBadDir)) {
    if (entry.is_regular_file() && entry.path().extension() == extension) {
      names.push_back(entry.path().filename().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

fs::path expected_path(const std::string& input) {
  return kBadDir / fs::path(input).replace_extension(".expected");
}

// gtest parameter names may hold only letters, digits and '_'.
std::string test_name(const testing::TestParamInfo<std::string>& info) {
  std::string name = fs::path(info.param).stem().string();
  for (char& c : name) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0) c = '_';
  }
  return name;
}

bool is_one_line(const std::string& text) {
  return !text.empty() && text.back() == '\n' && text.find('\n') == text.size() - 1;
}

// --- the corpus itself ---------------------------------------------------------

TEST(BadCorpus, HasAtLeastFortyFiveInputs) {
  EXPECT_GE(inputs_with(".yaml").size() + inputs_with(".csv").size(), 45U);
}

TEST(BadCorpus, EveryInputHasAnExpectedFile) {
  for (const auto& extension : {".yaml", ".csv"}) {
    for (const auto& input : inputs_with(extension)) {
      fs::path expected = expected_path(input);
      ASSERT_TRUE(fs::is_regular_file(expected)) << input << " has no " << expected.filename();
      EXPECT_TRUE(is_one_line(read_text(expected))) << expected << " must hold exactly one line";
    }
  }
}

TEST(BadCorpus, EveryExpectedFileHasAnInput) {
  for (const auto& expected : inputs_with(".expected")) {
    fs::path stem = fs::path(expected).stem();
    bool found = fs::exists(kBadDir / fs::path(stem).concat(".yaml")) ||
                 fs::exists(kBadDir / fs::path(stem).concat(".csv"));
    EXPECT_TRUE(found) << expected << " belongs to no input";
  }
}

TEST(BadCorpus, NoOtherFilesAtTopLevel) {
  for (const auto& entry : fs::directory_iterator(kBadDir)) {
    if (entry.is_directory()) continue;
    std::string extension = entry.path().extension().string();
    EXPECT_TRUE(extension == ".yaml" || extension == ".csv" || extension == ".expected")
        << entry.path().filename() << " is neither an input nor an .expected file";
  }
}

// --- scenarios through the CLI -----------------------------------------------

class BadScenario : public testing::TestWithParam<std::string> {};

TEST_P(BadScenario, ValidateRejectsWithTheExpectedLine) {
  const std::string& input = GetParam();
  std::string expected = read_text(expected_path(input));
  ASSERT_TRUE(is_one_line(expected)) << "missing or malformed " << expected_path(input);

  auto result = run_process(STATECRAFT_BIN, {"validate", input}, kBadDir);
  EXPECT_EQ(result.exit_code, 1) << input;
  EXPECT_EQ(result.err, expected) << input;
  EXPECT_EQ(result.out, "") << input;
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadScenario, testing::ValuesIn(inputs_with(".yaml")), test_name);

// --- CSV tables through the loader ----------------------------------------------

class BadTable : public testing::TestWithParam<std::string> {};

TEST_P(BadTable, LoaderRejectsWithTheExpectedLine) {
  const std::string& input = GetParam();
  std::string expected = read_text(expected_path(input));
  ASSERT_TRUE(is_one_line(expected)) << "missing or malformed " << expected_path(input);
  expected.pop_back();  // what() has no trailing newline; the CLI adds it

  // As the CLI would see it when run from tests/bad: the file named as given.
  try {
    statecraft::io::load_table_text(read_text(kBadDir / input), input);
    ADD_FAILURE() << input << " was accepted";
  } catch (const statecraft::InputError& e) {
    EXPECT_EQ(std::string(e.what()), expected) << input;
  }

  // Through the file reader, the location names the path it was given.
  fs::path full = kBadDir / input;
  try {
    statecraft::io::load_table(full);
    ADD_FAILURE() << input << " was accepted";
  } catch (const statecraft::InputError& e) {
    EXPECT_EQ(std::string(e.what()), full.string() + expected.substr(input.size())) << input;
    EXPECT_EQ(e.location().file, full.string());
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadTable, testing::ValuesIn(inputs_with(".csv")), test_name);

TEST(BadTable, UnreadableFileIsAnInputError) {
  fs::path missing = kBadDir / "no-such-table.csv";
  try {
    statecraft::io::load_table(missing);
    ADD_FAILURE() << "a missing table was accepted";
  } catch (const statecraft::InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              missing.string() + ": error: cannot read table file '" + missing.string() + "'");
  }
}

}  // namespace
