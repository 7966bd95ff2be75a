#pragma once
// Whole-file reading and writing for the model readers and writers (private to src/io).

#include <augury/error.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

namespace augury::io::detail_io {

/// The bytes of the file at `path`.
/// \throws augury::error naming the path and the system's reason if it cannot be read.
inline std::string read_file(const std::string& path, const char* what) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f)
    throw error(std::string("cannot open ") + what + " file '" + path + "': " + std::strerror(errno));
  std::string text;
  char buffer[1 << 16];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) text.append(buffer, n);
  const bool failed = std::ferror(f) != 0;
  const int err = errno;
  std::fclose(f);
  if (failed)
    throw error(std::string("cannot read ") + what + " file '" + path + "': " + std::strerror(err));
  return text;
}

/// Writes `text` to `path`, replacing the file.
/// \throws augury::error naming the path if it cannot be written completely.
inline void write_file(const std::string& path, const std::string& text, const char* what) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f)
    throw error(std::string("cannot create ") + what + " file '" + path + "': " + std::strerror(errno));
  const std::size_t written = std::fwrite(text.data(), 1, text.size(), f);
  const bool failed = written != text.size() || std::ferror(f) != 0;
  const int err = errno;
  const bool close_failed = std::fclose(f) != 0;
  if (failed || close_failed)
    throw error(std::string("cannot write ") + what + " file '" + path + "': " + std::strerror(err));
}

}  // namespace augury::io::detail_io
