#pragma once
/// \file
/// The exception hierarchy of augury. Every error the library raises derives from
/// augury::error, so callers can catch one type; the subclasses say which part of the
/// input was wrong. Messages name the offending entity and list the valid choices.

#include <cstddef>
#include <stdexcept>
#include <string>
#include <utility>

namespace augury {

/// Root of every exception thrown by augury.
class error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A model is malformed: unknown variable or state, bad CPT shape, a conditional
/// distribution that does not sum to 1, a cycle, a duplicate name.
class model_error : public error {
 public:
  using error::error;
};

/// Evidence is malformed: unknown variable or state, likelihood vector of the wrong
/// length, negative, non-finite or all-zero entries.
class evidence_error : public error {
 public:
  using error::error;
};

/// The evidence has probability zero under the model, so no posterior exists.
/// The message names the evidence involved.
class impossible_evidence_error : public evidence_error {
 public:
  using evidence_error::evidence_error;
};

/// A file or text could not be parsed. Carries where the problem was found.
class parse_error : public error {
 public:
  /// \param source file name (or "<string>") \param line 1-based line (0 if unknown)
  /// \param column 1-based column (0 if unknown) \param what_happened description
  parse_error(std::string source, std::size_t line, std::size_t column,
              const std::string& what_happened)
      : error(format(source, line, column, what_happened)),
        source_(std::move(source)),
        line_(line),
        column_(column),
        detail_(what_happened) {}

  /// File name, or "<string>" for text parsed from memory.
  [[nodiscard]] const std::string& source() const noexcept { return source_; }
  /// 1-based line of the problem, 0 when unknown.
  [[nodiscard]] std::size_t line() const noexcept { return line_; }
  /// 1-based column of the problem, 0 when unknown.
  [[nodiscard]] std::size_t column() const noexcept { return column_; }
  /// The message without the location prefix.
  [[nodiscard]] const std::string& detail() const noexcept { return detail_; }

 private:
  static std::string format(const std::string& source, std::size_t line, std::size_t column,
                            const std::string& what_happened) {
    std::string s = source;
    if (line > 0) {
      s += ":" + std::to_string(line);
      if (column > 0) s += ":" + std::to_string(column);
    }
    return s + ": " + what_happened;
  }
  std::string source_;
  std::size_t line_;
  std::size_t column_;
  std::string detail_;
};

/// Inference cannot be carried out as asked (for example a clique table that would not
/// fit in the memory budget).
class inference_error : public error {
 public:
  using error::error;
};

/// A dated report, timeline or mapping is malformed or cannot be mapped onto the model.
class report_error : public error {
 public:
  using error::error;
};

}  // namespace augury
