#pragma once
/// \file
/// Reading and writing a grading table (grading.hpp) as a small CSV or JSON file, so that
/// the grade-to-weight numbers can be reviewed and changed without code (`--grading FILE`).
///
/// CSV: a header with the columns `code` and `weight` (by name, any order; other columns,
/// such as a `note`, are ignored), then one row per entry to set:
///
///     code,weight,note
///     A,0.90,completely reliable
///     B,0.75,usually reliable
///     F,0.50,reliability cannot be judged (also the source weight of ungraded reports)
///     2,0.75,probably true
///     6,0.50,truth cannot be judged (also the information weight of ungraded reports)
///     copy,0.95,fidelity of a report relaying an upstream source
///
/// Codes: the letters A-E (source reliability), F (the default source weight), the digits
/// 1-5 (information credibility), 6 (the default information weight) and `copy` (the copy
/// fidelity). Letters may be lower case. Entries not listed keep their default values.
///
/// JSON: an object with any of the members `source` (an object from letter A-F to weight),
/// `information` (an object from digit 1-6 to weight) and `copy_fidelity` (a number):
///
///     {"source": {"A": 0.9, "F": 0.5}, "information": {"1": 0.9}, "copy_fidelity": 0.95}

#include <augury/scenario/grading.hpp>

#include <string>
#include <string_view>

namespace augury {

/// Parses a grading table from CSV text (see the file comment); `source_name` names the text
/// in messages.
/// \throws parse_error (with the line) on malformed CSV, a missing `code` or `weight`
///   column, an unknown code (listing the codes), a code given twice (naming both lines), or
///   a weight that is not a number in [0, 1].
[[nodiscard]] grading_table parse_grading_csv(std::string_view text,
                                              const std::string& source_name = "<string>");

/// Parses a grading table from JSON text (see the file comment).
/// \throws parse_error (with line and column) on malformed JSON, an unknown member, letter
///   or digit (listing the valid ones), or a weight that is not a number in [0, 1].
[[nodiscard]] grading_table parse_grading_json(std::string_view text,
                                               const std::string& source_name = "<string>");

/// Reads a grading table from the file at `path`: JSON if the name ends in `.json` or the
/// text starts with `{`, CSV otherwise.
/// \throws parse_error as the parsers, or when the file cannot be opened.
[[nodiscard]] grading_table read_grading_table(const std::string& path);

/// The whole table as CSV (`code,weight,note`, every code A-F, 1-6 and copy, with the
/// meaning of each code as its note); parse_grading_csv reads it back to an equal table.
[[nodiscard]] std::string write_grading_csv(const grading_table& table);

/// The whole table as JSON (the members `source`, `information`, `copy_fidelity`);
/// parse_grading_json reads it back to an equal table.
[[nodiscard]] std::string write_grading_json(const grading_table& table);

/// Whether two tables give every code the same weight.
[[nodiscard]] bool same_weights(const grading_table& a, const grading_table& b) noexcept;

}  // namespace augury
