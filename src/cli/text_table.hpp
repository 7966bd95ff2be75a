#pragma once
// Plain-text tables and number formatting for the program's readable output.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace augury::cli {

/// Fixed-point text with `digits` decimals.
inline std::string format_fixed(double value, int digits) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
  // A tiny negative rounding error of zero prints as 0.000000, not -0.000000.
  const std::string text = buffer;
  if (text[0] == '-' && text.find_first_not_of("0.", 1) == std::string::npos) return text.substr(1);
  return text;
}

/// Short general-format text (6 significant digits).
inline std::string format_general(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.6g", value);
  return buffer;
}

/// A bar of up to `width` blocks for a probability in [0, 1].
inline std::string bar(double p, int width) {
  const int n = static_cast<int>(std::lround(std::clamp(p, 0.0, 1.0) * width));
  std::string s;
  for (int i = 0; i < n; ++i) s += "\u2588";
  return s;
}

/// Number of code points in UTF-8 text (for column alignment).
inline std::size_t display_width(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

/// Columns separated by two spaces. `align` has one letter per column: 'l' left, 'r' right.
class text_table {
 public:
  text_table(std::vector<std::string> header, std::string align)
      : header_(std::move(header)), align_(std::move(align)) {
    align_.resize(header_.size(), 'l');
  }
  void add_row(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  void print(std::ostream& out) const {
    std::vector<std::size_t> width(header_.size(), 0);
    for (std::size_t c = 0; c < header_.size(); ++c) width[c] = display_width(header_[c]);
    for (const auto& r : rows_)
      for (std::size_t c = 0; c < r.size() && c < width.size(); ++c)
        width[c] = std::max(width[c], display_width(r[c]));
    const auto line = [&](const std::vector<std::string>& r) {
      std::string text;
      for (std::size_t c = 0; c < r.size(); ++c) {
        const std::size_t pad = width[c] - display_width(r[c]);
        if (c) text += "  ";
        if (align_[c] == 'r') text += std::string(pad, ' ') + r[c];
        else if (c + 1 < r.size()) text += r[c] + std::string(pad, ' ');
        else text += r[c];
      }
      while (!text.empty() && text.back() == ' ') text.pop_back();
      out << text << "\n";
    };
    line(header_);
    for (const auto& r : rows_) line(r);
  }

 private:
  std::vector<std::string> header_;
  std::string align_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace augury::cli
