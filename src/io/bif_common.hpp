#pragma once
// Character classes, number parsing and property splitting shared by the BIF reader and
// writer (private to src/io).

#include <augury/model/bayesian_network.hpp>

#include <charconv>
#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

namespace augury::io::detail_bif {

/// Room for the binary rounding of a sum of decimal numbers, added to the user's tolerance:
/// three times 0.333333 is 1 - 1e-6 in decimal but 1 - 1.00000000003e-6 in binary.
inline constexpr double rounding_slack = 1e-12;

inline bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/// Characters that end an unquoted word.
inline bool is_delimiter(char c) {
  switch (c) {
    case '{': case '}': case '(': case ')': case '[': case ']':
    case ',': case ';': case '|': case '"':
      return true;
    default:
      return is_space(c);
  }
}

/// A row sum for messages: 15 significant digits, so 0.7 + 0.2 shows as 0.9 while any sum
/// that fails the check (off by more than 1e-12) still shows its difference from 1.
inline std::string format_sum(double sum) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, sum, std::chars_format::general, 15);
  return std::string(buf, r.ptr);
}

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

/// Parses a whole word as a finite double (an optional leading '+' is allowed).
inline bool parse_number(std::string_view word, double& out) {
  const char* b = word.data();
  const char* e = b + word.size();
  if (b != e && *b == '+') ++b;
  const auto r = std::from_chars(b, e, out, std::chars_format::general);
  if (r.ec == std::errc::result_out_of_range && r.ptr == e) {
    // Below the smallest subnormal (1e-400): the nearest double is zero. Overflow stays an error.
    for (const char* p = b; p + 1 < e; ++p)
      if ((*p == 'e' || *p == 'E') && p[1] == '-') {
        out = *b == '-' ? -0.0 : 0.0;
        return true;
      }
    return false;
  }
  return r.ec == std::errc() && r.ptr == e && std::isfinite(out);
}

/// Undoes the \" and \\ escapes of a quoted BIF string.
inline std::string unescape(std::string_view body) {
  std::string s;
  s.reserve(body.size());
  for (std::size_t j = 0; j < body.size(); ++j) {
    if (body[j] == '\\' && j + 1 < body.size() && (body[j + 1] == '"' || body[j + 1] == '\\')) ++j;
    s += body[j];
  }
  return s;
}

/// Splits the text of a `property` line into key and value: around the first '=' if there
/// is one (`label = "x"`), otherwise at the first white space (`version 1.0`). Both are
/// trimmed. When `strip_quotes`, a value that is one quoted string is unquoted.
inline std::pair<std::string, std::string> split_property(std::string_view text, bool strip_quotes) {
  text = trim(text);
  std::string_view key, value;
  const auto eq = text.find('=');
  if (eq != std::string_view::npos) {
    key = trim(text.substr(0, eq));
    value = trim(text.substr(eq + 1));
  } else {
    std::size_t i = 0;
    while (i < text.size() && !is_space(text[i])) ++i;
    key = text.substr(0, i);
    value = trim(text.substr(i));
  }
  if (strip_quotes && value.size() >= 2 && value.front() == '"' && value.back() == '"') {
    const std::string_view inner = value.substr(1, value.size() - 2);
    bool single = true;
    for (std::size_t j = 0; j < inner.size(); ++j) {
      if (inner[j] == '\\' && j + 1 < inner.size() && (inner[j + 1] == '"' || inner[j + 1] == '\\')) {
        ++j;
      } else if (inner[j] == '"') {
        single = false;
        break;
      }
    }
    if (single) return {std::string(key), unescape(inner)};
  }
  return {std::string(key), std::string(value)};
}

/// 1-based line and column (in characters, counting UTF-8 sequences once) of a byte offset.
/// "\n", "\r\n" and a lone "\r" each end a line.
inline std::pair<std::size_t, std::size_t> line_column(std::string_view text, std::size_t offset) {
  if (offset > text.size()) offset = text.size();
  std::size_t line = 1, line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
      ++line;
      line_start = i + 1;
    }
  }
  std::size_t column = 1;
  for (std::size_t i = line_start; i < offset; ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  return {line, column};
}

}  // namespace augury::io::detail_bif
