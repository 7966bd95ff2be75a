#include "csv.hpp"

#include <augury/detail/join.hpp>
#include <augury/detail/utf8.hpp>
#include <augury/error.hpp>

#include <algorithm>

namespace augury::detail {

std::vector<csv_record> parse_csv(std::string_view text, const std::string& source) {
  std::vector<csv_record> records;
  std::size_t i = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  std::size_t line = 1, column = 1;

  // Every field reaches users as text (Python str, JSON), so the file must be UTF-8.
  if (const std::size_t bad = invalid_utf8_offset(text); bad != std::string_view::npos) {
    const std::string_view before = text.substr(0, bad);
    const std::size_t bad_line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
    const std::size_t line_start = before.rfind('\n');
    const std::size_t bad_column = bad - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
    throw parse_error(source, bad_line, bad_column,
                      invalid_utf8_message(text, bad) + " (CSV files must be UTF-8)");
  }

  csv_record current;
  std::string field;
  bool in_record = false;    // something of this record has been read
  bool field_start = true;   // the next character starts a field
  bool saw_quotes = false;   // the record holds a quoted field (so it is not an empty line)

  auto step = [&] {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    ++i;
  };
  auto end_field = [&] {
    current.fields.push_back(std::move(field));
    field.clear();
    field_start = true;
  };
  auto end_record = [&] {
    end_field();
    // A record made of one unquoted empty field is an empty line, not a record.
    if (saw_quotes || current.fields.size() > 1 || !current.fields[0].empty())
      records.push_back(std::move(current));
    current = csv_record{};
    in_record = false;
    saw_quotes = false;
  };
  // Whether position j ends a line (LF, CRLF, or a lone CR at the very end).
  auto at_line_end = [&](std::size_t j) {
    return text[j] == '\n' || (text[j] == '\r' && (j + 1 == text.size() || text[j + 1] == '\n'));
  };

  while (i < text.size()) {
    if (!in_record) {
      current.line = line;
      in_record = true;
    }
    const char c = text[i];
    if (c == '"' && field_start) {
      const std::size_t open_line = line, open_column = column;
      saw_quotes = true;
      field_start = false;
      step();
      bool closed = false;
      while (i < text.size()) {
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            step();
            step();
            continue;
          }
          step();
          closed = true;
          break;
        }
        field += text[i];
        step();
      }
      if (!closed)
        throw parse_error(source, open_line, open_column,
                          "quoted field is never closed (expected a closing '\"')");
      if (i < text.size() && text[i] != ',' && !at_line_end(i))
        throw parse_error(source, line, column,
                          std::string("unexpected '") + text[i] +
                              "' after a closing quote (expected ',' or the end of the line)");
      continue;
    }
    if (c == '"')
      throw parse_error(source, line, column,
                        "quote inside an unquoted field (a field holding quotes must itself be "
                        "quoted, with each quote doubled)");
    if (c == ',') {
      end_field();
      step();
      continue;
    }
    if (at_line_end(i)) {
      if (c == '\r') step();
      if (i < text.size()) step();  // the '\n'
      end_record();
      continue;
    }
    field += c;
    field_start = false;
    step();
  }
  if (in_record) end_record();
  return records;
}

csv_header::csv_header(const csv_record& header, const std::string& source)
    : source_(source), line_(header.line) {
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    std::string name = trim(header.fields[i]);
    if (name.empty())
      throw parse_error(source, header.line, 0,
                        "header column " + std::to_string(i + 1) + " has no name");
    if (!index_.emplace(name, i).second)
      throw parse_error(source, header.line, 0, "header names column '" + name + "' twice");
    names_.push_back(std::move(name));
  }
}

std::size_t csv_header::find(const std::string& name) const {
  auto it = index_.find(name);
  return it == index_.end() ? npos : it->second;
}

void csv_header::require(const std::vector<std::string>& required,
                         const std::vector<std::string>& optional) const {
  std::vector<std::string> missing;
  for (const auto& r : required)
    if (find(r) == npos) missing.push_back(r);
  if (missing.empty()) return;
  std::string msg = std::string(missing.size() == 1 ? "missing column " : "missing columns ");
  std::vector<std::string> quoted;
  for (const auto& m : missing) quoted.push_back("'" + m + "'");
  msg += join(quoted) + " (required columns: " + join(required);
  if (!optional.empty()) msg += "; optional: " + join(optional);
  msg += "; found: " + join(names_) + ")";
  throw parse_error(source_, line_, 0, msg);
}

std::string csv_header::field(const csv_record& record, const std::string& name) const {
  const std::size_t i = find(name);
  if (i == npos || i >= record.fields.size()) return std::string();
  return record.fields[i];
}

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return std::string(s.substr(b, e - b));
}

std::string csv_quote(const std::string& field) {
  if (field.find_first_of(",\"\r\n") == std::string::npos) return field;
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace augury::detail
