// libFuzzer target for the input loaders: any byte string given to the scenario or the
// table loader must either load or be rejected with an InputError. Anything else (another
// exception, a crash, a sanitizer report, a hang) is a bug the fuzzer reports.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.h"
#include "io/scenario_loader.h"
#include "io/table_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    // `extends:` paths resolve against a directory that does not exist, so inputs cannot
    // reach the seed corpus or other files through relative paths.
    (void)statecraft::io::load_scenario_text(text, "fuzz.yaml", "/nonexistent/statecraft-fuzz");
  } catch (const statecraft::InputError&) {
  }
  try {
    (void)statecraft::io::load_table_text(text, "fuzz.csv");
  } catch (const statecraft::InputError&) {
  }
  return 0;
}
