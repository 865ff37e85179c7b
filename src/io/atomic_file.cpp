#include "io/atomic_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "core/error.h"

namespace statecraft::io {

void write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  auto fail = [&](const std::string& why) {
    throw InputError({path.string(), 0, 0}, "cannot write output: " + why);
  };
  if (path.empty()) fail("empty path");
  std::filesystem::path directory = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  std::error_code ec;
  if (!std::filesystem::is_directory(directory, ec)) fail("directory '" + directory.string() + "' does not exist");
  std::string temp = (directory / ("." + path.filename().string() + ".XXXXXX")).string();
  int fd = ::mkstemp(temp.data());
  if (fd < 0) fail(std::strerror(errno));
  std::size_t written = 0;
  while (written < content.size()) {
    ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      int saved = errno;
      ::close(fd);
      std::remove(temp.c_str());
      fail(std::strerror(saved));
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    int saved = errno;
    std::remove(temp.c_str());
    fail(std::strerror(saved));
  }
  // Reports are meant to be shared: readable by others like any file the user makes.
  mode_t mask = ::umask(0);
  ::umask(mask);
  std::filesystem::permissions(temp, static_cast<std::filesystem::perms>(0666 & ~mask), ec);
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    int saved = errno;
    std::remove(temp.c_str());
    fail(std::strerror(saved));
  }
}

}  // namespace statecraft::io
