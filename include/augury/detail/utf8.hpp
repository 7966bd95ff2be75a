#pragma once
// UTF-8 validation for the readers: every name, state and property they return must be valid
// UTF-8 (Python strings and JSON need it), so a reader reports a bad byte where it is.

#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>

namespace augury::detail {

/// Offset of the first byte of `s` that does not start a well-formed UTF-8 sequence
/// (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF), or npos.
inline std::size_t invalid_utf8_offset(std::string_view s) noexcept {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const auto cont = [&](std::size_t i) { return i < s.size() && (byte(i) & 0xC0) == 0x80; };
  std::size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = byte(i);
    if (c < 0x80) {
      ++i;
    } else if (c >= 0xC2 && c <= 0xDF) {
      if (!cont(i + 1)) return i;
      i += 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      if (!cont(i + 1) || !cont(i + 2)) return i;
      const unsigned char d = byte(i + 1);
      if ((c == 0xE0 && d < 0xA0) || (c == 0xED && d > 0x9F)) return i;
      i += 3;
    } else if (c >= 0xF0 && c <= 0xF4) {
      if (!cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return i;
      const unsigned char d = byte(i + 1);
      if ((c == 0xF0 && d < 0x90) || (c == 0xF4 && d > 0x8F)) return i;
      i += 4;
    } else {
      return i;
    }
  }
  return std::string_view::npos;
}

/// "invalid UTF-8 byte 0xFF": how the readers describe the byte at an invalid offset.
inline std::string invalid_utf8_message(std::string_view s, std::size_t offset) {
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned>(static_cast<unsigned char>(s[offset])));
  return std::string("invalid UTF-8 byte ") + hex;
}

}  // namespace augury::detail
