// Model parameters a scenario may set under `parameters:`. Every engine's tunable
// constant is registered here with its default, range and meaning, so the loader can
// reject unknown names and out-of-range values, and docs can list them.
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>

namespace statecraft {

struct ParameterSpec {
  std::string_view name;  // dotted: "<engine>.<name>", e.g. "vote.position_slope"
  double default_value;
  double min;
  double max;
  std::string_view meaning;
};

std::span<const ParameterSpec> parameter_specs();
const ParameterSpec* find_parameter(std::string_view name);

// Values set by a scenario; anything not set takes its registered default.
class Parameters {
 public:
  void set(std::string name, double value) { values_[std::move(name)] = value; }
  // The scenario's value, or the registered default. Throws PreconditionError for an
  // unregistered name (a programming error, not bad input).
  [[nodiscard]] double get(std::string_view name) const;
  [[nodiscard]] const std::map<std::string, double>& explicit_values() const { return values_; }

 private:
  std::map<std::string, double> values_;
};

}  // namespace statecraft
