#pragma once
/// \file
/// The exception hierarchy of augury. Every error the library raises derives from
/// augury::error, so callers can catch one type; the subclasses say which part of the
/// input was wrong. Messages name the offending entity and list the valid choices.

#include <algorithm>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

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

 protected:
  /// For subclasses whose what() is not "source:line:column: detail".
  struct preformatted {};
  parse_error(preformatted, const std::string& what, std::string source, std::size_t line,
              std::size_t column, std::string detail)
      : error(what), source_(std::move(source)), line_(line), column_(column), detail_(std::move(detail)) {}

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

/// Every problem a model reader found in one file, thrown by the readers when
/// io::read_options::collect_all_errors is set (docs/errors.md, "Collecting every error").
///
/// In collect mode a reader always throws this type when it found any problem, even a
/// single one, so a caller can rely on errors() being there. It is a parse_error located at
/// the first problem (source(), line(), column() are those of errors().front()), so code
/// that catches parse_error keeps working. what() is a header line followed by one line per
/// problem, in file order:
///
///     model.bif: 3 errors
///     model.bif:12:5: the table of 'A' has 3 values, expected 4 (B[2] x A[2])
///     model.bif:20:3: row (x) of 'C': parent 'B' has no state 'x' (states: b0, b1)
///     model.bif:31:1: variable 'D' has no probability block
///
/// At most max_kept problems are kept; when more were found the last line of what() is
/// "... and N more" and total() counts them all.
class parse_errors : public parse_error {
 public:
  /// Most problems kept (and listed in what()).
  static constexpr std::size_t max_kept = 100;

  /// \param source file name (or "<string>") \param errors the problems in file order, at
  /// most max_kept (extra ones are dropped) \param total how many were found, at least
  /// errors.size() (a smaller value is raised to it)
  parse_errors(const std::string& source, std::vector<parse_error> errors, std::size_t total = 0)
      : parse_errors(source, trimmed(std::move(errors)), total, 0) {}

  /// The problems kept, in file order (at most max_kept).
  [[nodiscard]] const std::vector<parse_error>& errors() const noexcept { return errors_; }
  /// How many problems were found, including those beyond max_kept.
  [[nodiscard]] std::size_t total() const noexcept { return total_; }

 private:
  parse_errors(const std::string& source, std::vector<parse_error> errors, std::size_t total, int)
      : parse_error(preformatted{}, source + ": " + body(errors, std::max(total, errors.size())), source,
                    errors.empty() ? 0 : errors.front().line(), errors.empty() ? 0 : errors.front().column(),
                    body(errors, std::max(total, errors.size()))),
        errors_(std::move(errors)),
        total_(std::max(total, errors_.size())) {}

  static std::vector<parse_error> trimmed(std::vector<parse_error> errors) {
    if (errors.size() > max_kept) errors.erase(errors.begin() + static_cast<std::ptrdiff_t>(max_kept), errors.end());
    return errors;
  }

  // "3 errors" and one line per kept error, then "... and N more" if some were dropped.
  static std::string body(const std::vector<parse_error>& errors, std::size_t total) {
    std::string s = std::to_string(total) + (total == 1 ? " error" : " errors");
    for (const auto& e : errors) s += std::string("\n") + e.what();
    if (total > errors.size()) s += "\n... and " + std::to_string(total - errors.size()) + " more";
    return s;
  }

  std::vector<parse_error> errors_;
  std::size_t total_;
};

/// Inference cannot be carried out as asked (for example a clique table that would not
/// fit in the memory budget).
class inference_error : public error {
 public:
  using error::error;
};

/// A computation stopped at an interruption point because its interrupt_flag was raised
/// (interruption.hpp); nothing the caller holds was changed.
class interrupted_error : public error {
 public:
  using error::error;
};

/// A dated report, timeline or mapping is malformed or cannot be mapped onto the model.
class report_error : public error {
 public:
  using error::error;
};

}  // namespace augury
