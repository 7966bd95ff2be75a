#pragma once
// String helpers used to build error messages; not part of the public API.

#include <sstream>
#include <string>
#include <vector>

namespace augury::detail {

/// Joins items with ", " (used to list valid choices in error messages).
template <class Range>
std::string join(const Range& items, const char* separator = ", ") {
  std::ostringstream out;
  bool first = true;
  for (const auto& item : items) {
    if (!first) out << separator;
    out << item;
    first = false;
  }
  return out.str();
}

/// Formats a double with the fewest significant digits (up to 17) that read back to the
/// same value, so messages show 0.9 rather than 0.90000000000000002.
inline std::string format_number(double value) {
  std::string text;
  for (int digits = 6; digits <= 17; ++digits) {
    std::ostringstream out;
    out.precision(digits);
    out << value;
    text = out.str();
    if (std::stod(text) == value) break;
  }
  return text;
}

}  // namespace augury::detail
