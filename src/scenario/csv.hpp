#pragma once
// A small RFC 4180 CSV reader shared by the report, timeline and mapping readers.
// Private to the library: not installed, not part of the public API.

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace augury::detail {

/// One record: its fields and the 1-based line on which it starts.
struct csv_record {
  std::vector<std::string> fields;
  std::size_t line = 0;
};

/// Splits `text` into records (RFC 4180: comma-separated fields; a field in double quotes may
/// hold commas, line breaks and doubled quotes ""). Records end at LF or CRLF; a UTF-8 byte
/// order mark at the start is skipped; empty lines are not records.
/// \throws parse_error (with `source`, line and column) on a quote inside an unquoted field,
///   text after a closing quote, or a quoted field that never closes.
std::vector<csv_record> parse_csv(std::string_view text, const std::string& source);

/// A header row: column name -> index, with the header's line for messages.
class csv_header {
 public:
  /// \throws parse_error on an empty or repeated column name.
  csv_header(const csv_record& header, const std::string& source);

  /// Index of `name`, or npos if absent.
  [[nodiscard]] std::size_t find(const std::string& name) const;
  /// Throws parse_error naming each missing column of `required` and listing the columns
  /// the file must have (`required`) and may have (`optional`).
  void require(const std::vector<std::string>& required,
               const std::vector<std::string>& optional) const;
  /// Number of columns.
  [[nodiscard]] std::size_t size() const noexcept { return names_.size(); }
  /// The field of `record` in column `name`, or "" if the file has no such column.
  [[nodiscard]] std::string field(const csv_record& record, const std::string& name) const;

  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

 private:
  std::vector<std::string> names_;
  std::map<std::string, std::size_t> index_;
  std::string source_;
  std::size_t line_;
};

/// Trims spaces and tabs at both ends.
std::string trim(std::string_view s);

/// Quotes `field` for CSV output when it holds a comma, quote, CR or LF.
std::string csv_quote(const std::string& field);

}  // namespace augury::detail
