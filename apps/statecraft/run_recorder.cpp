#include "run_recorder.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include "store/run_store.h"

#ifndef STATECRAFT_VERSION
#define STATECRAFT_VERSION "0.0.0"
#endif

namespace statecraft::cli {

RunRecorder::RunRecorder(const Context& context, std::string verb)
    : context_(context), verb_(std::move(verb)), start_(std::chrono::steady_clock::now()) {}

std::int64_t RunRecorder::record(const std::string& scenario_path, const nlohmann::json& parameters,
                                 std::uint64_t seed, const nlohmann::json& result) const {
  if (context_.no_record) return 0;
  store::RunRecord run;
  run.verb = verb_;
  run.scenario_path = scenario_path;
  if (!scenario_path.empty()) {
    std::ifstream in(scenario_path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    run.scenario_content = text.str();
  }
  run.parameters_json = parameters.dump();
  run.seed = seed;
  run.version = STATECRAFT_VERSION;
  run.duration_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_).count();
  run.result_json = result.dump();
  try {
    auto path = context_.db_path.empty() ? store::default_store_path() : std::filesystem::path(context_.db_path);
    return store::RunStore::open(path).record(std::move(run));
  } catch (const std::exception& e) {
    std::cerr << "statecraft: warning: run not recorded: " << e.what() << "\n";
    return 0;
  }
}

}  // namespace statecraft::cli
