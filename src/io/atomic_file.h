// Writing output files all-or-nothing: the content goes to a temporary file beside
// the target, which is renamed over it only when complete, so a failure or a kill
// never leaves a half-written report or table.
#pragma once

#include <filesystem>
#include <string_view>

namespace statecraft::io {

// Throws InputError naming the path (as "PATH: error: cannot write ...") on failure;
// the target is then untouched and no temporary file is left behind.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace statecraft::io
