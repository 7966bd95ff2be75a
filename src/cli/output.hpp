#pragma once
// How a command delivers its result: the text to standard output or to the file named by
// -o, and numbers written the same way in every command's text and JSON.

#include "text_table.hpp"

#include <augury/error.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <ostream>
#include <string>

namespace augury::cli {

/// Writes `text` to `out` when `path` is empty or "-", else to the file `path` (replaced).
/// \throws augury::error naming the path if the file cannot be opened or written.
inline void write_result(std::ostream& out, const std::string& path, const std::string& text) {
  if (path.empty() || path == "-") {
    out << text;
    return;
  }
  std::ofstream file(path, std::ios::binary);
  if (!file) throw error("cannot open '" + path + "' for writing");
  file << text;
  file.flush();
  if (!file) throw error("could not write '" + path + "'");
}

/// A number for JSON output: the double itself (printed to round-trip precision), or null
/// when it is infinite or NaN, which JSON cannot spell.
inline nlohmann::ordered_json json_number(double x) {
  return std::isfinite(x) ? nlohmann::ordered_json(x) : nlohmann::ordered_json(nullptr);
}

/// Fixed-point text with `digits` decimals, and "inf" / "-inf" for infinite values.
inline std::string fixed_or_inf(double x, int digits) {
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  return format_fixed(x, digits);
}

}  // namespace augury::cli
