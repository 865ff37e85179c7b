// Errors that name where in the input they come from.
#pragma once

#include <stdexcept>
#include <string>

namespace statecraft {

// A place in an input file. Lines and columns are 1-based, as editors show them;
// 0 means "unknown" (e.g. an error about a whole file).
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;

  // "file:line:col", "file:line" or "file", depending on what is known.
  [[nodiscard]] std::string to_string() const;
};

// Bad input: a scenario, table or flag that cannot be accepted. `what()` is the full
// one-line message, "file:line:col: error: message".
class InputError : public std::runtime_error {
 public:
  InputError(SourceLocation location, const std::string& message);
  [[nodiscard]] const SourceLocation& location() const { return location_; }
  [[nodiscard]] const std::string& message() const { return message_; }

 private:
  SourceLocation location_;
  std::string message_;
};

// An engine's precondition was violated by its caller (a programming error or an
// input the loader should have rejected). Engines throw it rather than guess.
class PreconditionError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

}  // namespace statecraft
