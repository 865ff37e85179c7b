#include "core/error.h"

namespace statecraft {

std::string SourceLocation::to_string() const {
  std::string out = file.empty() ? std::string("<input>") : file;
  if (line > 0) {
    out += ":" + std::to_string(line);
    if (column > 0) out += ":" + std::to_string(column);
  }
  return out;
}

InputError::InputError(SourceLocation location, const std::string& message)
    : std::runtime_error(location.to_string() + ": error: " + message),
      location_(std::move(location)),
      message_(message) {}

}  // namespace statecraft
