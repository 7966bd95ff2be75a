#include <augury/scenario/grading_io.hpp>

#include "csv.hpp"

#include <augury/detail/join.hpp>
#include <augury/error.hpp>

#include <nlohmann/json.hpp>

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <utility>

namespace augury {
namespace {

constexpr const char* valid_codes = "A, B, C, D, E, F, 1, 2, 3, 4, 5, 6, copy";

const char* meaning(const std::string& code) {
  static const std::map<std::string, const char*> m{
      {"A", "completely reliable"},
      {"B", "usually reliable"},
      {"C", "fairly reliable"},
      {"D", "not usually reliable"},
      {"E", "unreliable"},
      {"F", "reliability cannot be judged (also the source weight of ungraded reports)"},
      {"1", "confirmed by other sources"},
      {"2", "probably true"},
      {"3", "possibly true"},
      {"4", "doubtful"},
      {"5", "improbable"},
      {"6", "truth cannot be judged (also the information weight of ungraded reports)"},
      {"copy", "fidelity of a report relaying an upstream source"}};
  const auto it = m.find(code);
  return it == m.end() ? "" : it->second;
}

/// Sets the entry `code` (already upper-cased for letters) of `table`; throws report_error
/// on an unknown code or a weight outside [0, 1].
void set_entry(grading_table& table, const std::string& code, double weight) {
  if (code == "copy") {
    table.set_copy_fidelity(weight);
  } else if (code.size() == 1 && code[0] >= 'A' && code[0] <= 'E') {
    table.set_source_weight(code[0], weight);
  } else if (code == "F") {
    table.set_default_source_weight(weight);
  } else if (code.size() == 1 && code[0] >= '1' && code[0] <= '5') {
    table.set_information_weight(code[0], weight);
  } else if (code == "6") {
    table.set_default_information_weight(weight);
  } else {
    throw report_error("unknown grading code '" + code + "' (codes: " + valid_codes + ")");
  }
}

std::string normal_code(std::string code) {
  if (code.size() == 1) code[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(code[0])));
  else
    for (char& c : code) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return code;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw parse_error(path, 0, 0, "cannot open the file");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// (line, column) of byte `offset` in `text`, both 1-based.
std::pair<std::size_t, std::size_t> position_of(std::string_view text, std::size_t offset) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

}  // namespace

grading_table parse_grading_csv(std::string_view text, const std::string& source_name) {
  const auto records = detail::parse_csv(text, source_name);
  if (records.empty()) throw parse_error(source_name, 1, 0, "no header row (expected code,weight)");
  const detail::csv_header header(records.front(), source_name);
  header.require({"code", "weight"}, {"note"});
  grading_table table;
  std::map<std::string, std::size_t> seen;
  for (std::size_t i = 1; i < records.size(); ++i) {
    const auto& rec = records[i];
    auto fail = [&](const std::string& what) { throw parse_error(source_name, rec.line, 0, what); };
    if (rec.fields.size() != header.size())
      fail("row has " + std::to_string(rec.fields.size()) + " fields, the header has " +
           std::to_string(header.size()));
    const std::string code = normal_code(detail::trim(header.field(rec, "code")));
    const std::string number = detail::trim(header.field(rec, "weight"));
    if (const auto it = seen.find(code); it != seen.end())
      fail("grading code '" + code + "' is given again; line " + std::to_string(it->second) +
           " already sets it");
    seen.emplace(code, rec.line);
    char* stop = nullptr;
    errno = 0;
    const double w = number.empty() ? 0.0 : std::strtod(number.c_str(), &stop);
    if (number.empty() || stop != number.c_str() + number.size() || errno == ERANGE)
      fail("weight '" + number + "' of code '" + code + "' is not a number");
    try {
      set_entry(table, code, w);
    } catch (const report_error& e) {
      fail(e.what());
    }
  }
  return table;
}

grading_table parse_grading_json(std::string_view text, const std::string& source_name) {
  using json = nlohmann::json;
  json doc;
  try {
    doc = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    const auto [line, column] = position_of(text, e.byte > 0 ? e.byte - 1 : 0);
    std::string what = e.what();
    // nlohmann's message starts with its own "[json.exception.parse_error.101] parse error at
    // line L, column C: "; keep only the description.
    if (const auto colon = what.find(": "); colon != std::string::npos) what = what.substr(colon + 2);
    throw parse_error(source_name, line, column, what);
  }
  auto fail = [&](const std::string& what) { throw parse_error(source_name, 0, 0, what); };
  if (!doc.is_object())
    fail("a grading table is a JSON object with members source, information, copy_fidelity");
  grading_table table;
  auto weight_of = [&](const json& value, const std::string& what) {
    if (!value.is_number()) fail(what + " is not a number");
    return value.get<double>();
  };
  for (const auto& [key, value] : doc.items()) {
    const bool source = key == "source", information = key == "information";
    if (key == "copy_fidelity") {
      try {
        set_entry(table, "copy", weight_of(value, "copy_fidelity"));
      } catch (const report_error& e) {
        fail(e.what());
      }
      continue;
    }
    if (!source && !information)
      fail("unknown member '" + key + "' (members: source, information, copy_fidelity)");
    if (!value.is_object())
      fail("member '" + key + "' must be an object from " +
           (source ? "letter A-F" : "digit 1-6") + " to weight");
    for (const auto& [code_text, w] : value.items()) {
      const std::string code = normal_code(code_text);
      const bool ok = code.size() == 1 && (source ? (code[0] >= 'A' && code[0] <= 'F')
                                                  : (code[0] >= '1' && code[0] <= '6'));
      if (!ok)
        fail("'" + code_text + "' in '" + key + "' is not " +
             (source ? "a source-reliability letter (A, B, C, D, E, F)"
                     : "an information-credibility digit (1, 2, 3, 4, 5, 6)"));
      try {
        set_entry(table, code, weight_of(w, key + "." + code_text));
      } catch (const report_error& e) {
        fail(e.what());
      }
    }
  }
  return table;
}

grading_table read_grading_table(const std::string& path) {
  const std::string text = read_file(path);
  const bool json_name = path.size() >= 5 && path.compare(path.size() - 5, 5, ".json") == 0;
  const auto first = text.find_first_not_of(" \t\r\n");
  if (json_name || (first != std::string::npos && text[first] == '{'))
    return parse_grading_json(text, path);
  return parse_grading_csv(text, path);
}

std::string write_grading_csv(const grading_table& t) {
  std::string out = "code,weight,note\n";
  auto row = [&](const std::string& code, double w) {
    out += code + "," + detail::format_number(w) + "," + detail::csv_quote(meaning(code)) + "\n";
  };
  for (char c : std::string("ABCDE")) row(std::string(1, c), t.source_weight(c));
  row("F", t.default_source_weight());
  for (char c : std::string("12345")) row(std::string(1, c), t.information_weight(c));
  row("6", t.default_information_weight());
  row("copy", t.copy_fidelity());
  return out;
}

std::string write_grading_json(const grading_table& t) {
  nlohmann::ordered_json j;
  for (char c : std::string("ABCDE")) j["source"][std::string(1, c)] = t.source_weight(c);
  j["source"]["F"] = t.default_source_weight();
  for (char c : std::string("12345")) j["information"][std::string(1, c)] = t.information_weight(c);
  j["information"]["6"] = t.default_information_weight();
  j["copy_fidelity"] = t.copy_fidelity();
  return j.dump(2) + "\n";
}

bool same_weights(const grading_table& a, const grading_table& b) noexcept {
  for (char c : std::string("ABCDEF"))
    if (a.source_weight(c) != b.source_weight(c)) return false;
  for (char c : std::string("123456"))
    if (a.information_weight(c) != b.information_weight(c)) return false;
  return a.copy_fidelity() == b.copy_fidelity();
}

}  // namespace augury
