// BIF reader: a hand-written lexer and recursive-descent parser (docs/formats/bif.md).
//
// The parser reads the text once. A probability block is turned into a CPT as soon as its
// child and parents are declared, so errors are reported in file order; blocks that name a
// variable declared further down are kept and resolved at the end.

#include <augury/detail/join.hpp>
#include <augury/detail/utf8.hpp>
#include <augury/error.hpp>
#include <augury/io/bif.hpp>

#include "bif_common.hpp"
#include "error_collector.hpp"
#include "file_io.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace augury::io {
namespace {

using detail_bif::is_delimiter;
using detail_bif::is_space;

enum class token_kind { end, word, quoted, punct };

struct token {
  token_kind kind = token_kind::end;
  std::size_t offset = 0;  // byte offset of the token's first character
  std::string_view text;   // word, unquoted string contents, or the punctuation character

  [[nodiscard]] bool is_punct(char c) const {
    return kind == token_kind::punct && text.size() == 1 && text[0] == c;
  }
  [[nodiscard]] bool is_word(std::string_view w) const {
    return kind == token_kind::word && text == w;
  }
  [[nodiscard]] bool is_name() const {
    return kind == token_kind::word || kind == token_kind::quoted;
  }
};

/// "'abc'", "'{'", "end of input": what was found, for error messages.
std::string describe(const token& t) {
  switch (t.kind) {
    case token_kind::end:
      return "end of input";
    case token_kind::quoted:
      return "\"" + std::string(t.text.substr(0, 60)) + (t.text.size() > 60 ? "..." : "") + "\"";
    default:
      return "'" + std::string(t.text.substr(0, 60)) + (t.text.size() > 60 ? "..." : "") + "'";
  }
}

/// At most `limit` names joined with ", ", then "and N more".
std::string limited_list(const std::vector<std::string>& names, std::size_t limit = 40) {
  if (names.size() <= limit) return detail::join(names);
  std::vector<std::string> head(names.begin(), names.begin() + static_cast<std::ptrdiff_t>(limit));
  return detail::join(head) + ", ... and " + std::to_string(names.size() - limit) + " more";
}

class lexer {
 public:
  lexer(std::string_view text, const std::string& source) : text_(text), source_(source) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // UTF-8 byte-order mark
  }

  /// The next token, consumed.
  token next() {
    if (peeked_) {
      last_ = *peeked_;
      peeked_.reset();
      return last_;
    }
    last_ = scan();
    return last_;
  }

  /// The next token, not consumed.
  const token& peek() {
    if (!peeked_) peeked_ = scan();
    return *peeked_;
  }

  struct property_line {
    std::string text;
    bool quoted = false;  // the whole text was one quoted string, returned unquoted
  };

  /// Reads the raw text of a `property` entry (the keyword already consumed) up to its `;`,
  /// which is consumed. Comments are dropped; a property without its `;` ends at the end of
  /// its line when the next line starts with `property` or `}`, or before an unmatched `}`.
  property_line property_text() {
    const std::size_t start = pos_;
    skip_space_and_comments();
    // Whole-text quoted form: property "key = value";
    if (pos_ < text_.size() && text_[pos_] == '"') {
      const std::size_t save = pos_;
      token q = scan_quoted();
      skip_space_and_comments();
      if (pos_ < text_.size() && text_[pos_] == ';') {
        ++pos_;
        return {std::string(q.text), true};
      }
      pos_ = save;
    }
    const property_line line = property_text_raw(start);
    check_utf8(line.text, start);
    return line;
  }

  property_line property_text_raw(std::size_t start) {
    std::string out;
    int depth = 0;
    bool in_quotes = false;
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (in_quotes) {
        if (c == '\\' && pos_ + 1 < text_.size() &&
            (text_[pos_ + 1] == '"' || text_[pos_ + 1] == '\\')) {
          out += text_.substr(pos_, 2);  // kept: split_property unquotes a quoted value
          pos_ += 2;
          continue;
        }
        if (c == '"') in_quotes = false;
        out += c;
        ++pos_;
        continue;
      }
      if (c == '"') {
        in_quotes = true;
        out += c;
        ++pos_;
        continue;
      }
      if (c == ';') {
        ++pos_;
        return {out, false};
      }
      if (c == '/' && pos_ + 1 < text_.size() && (text_[pos_ + 1] == '/' || text_[pos_ + 1] == '*')) {
        skip_comment();
        out += ' ';
        continue;
      }
      if (c == '{') ++depth;
      if (c == '}') {
        if (depth == 0) return {out, false};  // `}` of the enclosing block: the `;` is missing
        --depth;
      }
      if (c == '\n') {
        const std::size_t save = pos_;
        skip_space_and_comments();
        const std::string_view rest = text_.substr(pos_);
        const bool next_entry = rest.substr(0, 1) == "}" ||
                                (rest.substr(0, 8) == "property" &&
                                 (rest.size() == 8 || is_delimiter(rest[8])));
        if (next_entry && !detail_bif::trim(out).empty()) return {out, false};
        pos_ = save;
      }
      out += c;
      ++pos_;
    }
    fail(start, "expected ';' ending the property, found end of input");
  }

  /// Names, states and properties must be valid UTF-8; `text` starts near `offset`.
  void check_utf8(std::string_view text, std::size_t offset) const {
    const std::size_t bad = augury::detail::invalid_utf8_offset(text);
    if (bad == std::string_view::npos) return;
    const std::size_t at = text_.find(text.substr(bad, 1), offset);
    fail(at == std::string_view::npos ? offset : at,
         augury::detail::invalid_utf8_message(text, bad) + " (BIF text must be UTF-8 or ASCII)");
  }

  [[noreturn]] void fail(std::size_t offset, const std::string& message) const { throw error_at(offset, message); }

  [[nodiscard]] parse_error error_at(std::size_t offset, const std::string& message) const {
    const auto lc = detail_bif::line_column(text_, offset);
    return parse_error(source_, lc.first, lc.second, message);
  }

  /// Byte offset the scanner has reached (past any peeked token).
  [[nodiscard]] std::size_t position() const { return pos_; }
  /// The token most recently returned by next().
  [[nodiscard]] const token& last() const { return last_; }
  /// Makes `t` the next token again; false (and nothing done) when a token is already peeked.
  bool unread(const token& t) {
    if (peeked_) return false;
    peeked_ = t;
    return true;
  }

  [[nodiscard]] std::size_t line_of(std::size_t offset) const {
    return detail_bif::line_column(text_, offset).first;
  }

  [[nodiscard]] const std::string& source() const { return source_; }
  [[nodiscard]] std::string_view text() const { return text_; }

 private:
  void skip_comment() {
    if (text_[pos_ + 1] == '/') {
      const std::size_t nl = text_.find('\n', pos_);
      pos_ = nl == std::string_view::npos ? text_.size() : nl;
      return;
    }
    const std::size_t close = text_.find("*/", pos_ + 2);
    if (close == std::string_view::npos) fail(pos_, "unterminated comment: '/*' without '*/'");
    pos_ = close + 2;
  }

  void skip_space_and_comments() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (is_space(c)) {
        ++pos_;
      } else if (c == '/' && pos_ + 1 < text_.size() &&
                 (text_[pos_ + 1] == '/' || text_[pos_ + 1] == '*')) {
        skip_comment();
      } else {
        break;
      }
    }
  }

  token scan_quoted() {
    const std::size_t open = pos_;
    std::size_t i = pos_ + 1;
    bool escaped = false;
    while (i < text_.size() && text_[i] != '"') {
      if (text_[i] == '\\' && i + 1 < text_.size() && (text_[i + 1] == '"' || text_[i + 1] == '\\')) {
        escaped = true;
        ++i;
      }
      ++i;
    }
    if (i >= text_.size()) fail(open, "unterminated quoted name: '\"' without a closing '\"'");
    pos_ = i + 1;
    std::string_view body = text_.substr(open + 1, i - open - 1);
    check_utf8(body, open);
    if (!escaped) return {token_kind::quoted, open, body};
    arena_.push_back(detail_bif::unescape(body));
    return {token_kind::quoted, open, arena_.back()};
  }

  token scan() {
    skip_space_and_comments();
    if (pos_ >= text_.size()) return {token_kind::end, text_.size(), {}};
    const std::size_t start = pos_;
    const char c = text_[pos_];
    if (c == '"') return scan_quoted();
    if (is_delimiter(c)) {
      ++pos_;
      return {token_kind::punct, start, text_.substr(start, 1)};
    }
    std::size_t i = pos_ + 1;
    while (i < text_.size()) {
      const char d = text_[i];
      if (is_delimiter(d)) break;
      if (d == '/' && i + 1 < text_.size() && (text_[i + 1] == '/' || text_[i + 1] == '*')) break;
      ++i;
    }
    pos_ = i;
    check_utf8(text_.substr(start, i - start), start);
    return {token_kind::word, start, text_.substr(start, i - start)};
  }

  std::string_view text_;
  const std::string& source_;
  std::size_t pos_ = 0;
  std::optional<token> peeked_;
  token last_;
  std::deque<std::string> arena_;  // unescaped quoted names (stable addresses)
};

bool is_top_keyword(const token& t) {
  return t.is_word("variable") || t.is_word("probability") || t.is_word("network");
}

struct name_ref {
  std::string_view text;
  std::size_t offset = 0;
};

/// One entry of a probability block: `table ...;`, `default ...;` or `(labels) ...;`.
struct block_entry {
  enum class kind { table, fallback, row } what = kind::row;
  std::size_t offset = 0;
  std::size_t label_begin = 0, label_count = 0;
  std::size_t value_begin = 0, value_count = 0;
};

/// A probability block as written, before it is checked against the declarations.
struct probability_block {
  std::size_t offset = 0;
  name_ref child;
  std::vector<name_ref> parents;
  std::vector<block_entry> entries;
  std::vector<name_ref> labels;
  std::vector<double> values;
  std::optional<std::pair<std::size_t, std::string>> function;  // `property function X;`: offset, X
  std::size_t close_offset = 0;
};

struct declared_variable {
  std::string name;
  std::vector<std::string> states;
  std::unordered_map<std::string_view, std::size_t> state_index;  // views into `states`
  std::size_t offset = 0;
  var_id id = 0;
  std::optional<std::size_t> block_offset;  // where its probability block starts
};

class bif_parser {
 public:
  bif_parser(std::string_view text, const std::string& source, const read_options& options)
      : lex_(text, source), tolerance_(options.sum_tolerance), errs_(options, source) {}

  bayesian_network run() {
    return errs_.guard([&] { return read(); });
  }

 private:
  // Collect mode resumes at the next top-level keyword after a syntax error, and checks every
  // probability block on its own (docs/errors.md).
  bayesian_network read() {
    for (;;) {
      token t;
      const bool ok = errs_.attempt([&] {
        t = lex_.next();
        if (t.kind == token_kind::end) return;
        if (t.is_word("network")) {
          parse_network(t);
        } else if (t.is_word("variable")) {
          parse_variable(t);
        } else if (t.is_word("probability")) {
          parse_probability(t);
        } else {
          lex_.fail(t.offset, "expected 'network', 'variable' or 'probability', found " + describe(t));
        }
      });
      if (ok) {
        if (t.kind == token_kind::end) break;
        continue;
      }
      // Collect mode after a syntax error: what the broken block declared is set aside (so it
      // does not cause further errors), and reading resumes at the next top-level keyword.
      if (current_variable_) broken_variables_.insert(*current_variable_);
      if (!recover(t)) break;
    }
    for (auto& block : deferred_) errs_.attempt([&] { resolve(block); });
    for (const auto& v : variables_)
      if (!v.block_offset && !(errs_.enabled() && attempted_blocks_.count(v.name)))
        errs_.report(lex_.error_at(v.offset, "variable '" + v.name + "' has no probability block"));
    return std::move(net_);
  }
  // Skips to the next top-level `variable`, `probability` or `network` keyword (left unread),
  // keeping the errors the scanner raises on the way. A keyword the failed block stopped at
  // (a missing '}') is read again. False when the rest of the text cannot be scanned (an
  // unterminated comment or quoted name).
  bool recover(const token& block_start) {
    current_variable_.reset();
    if (is_top_keyword(lex_.last()) && lex_.last().offset != block_start.offset && lex_.unread(lex_.last()))
      return true;
    for (;;) {
      const std::size_t before = lex_.position();
      try {
        const token& t = lex_.peek();
        if (t.kind == token_kind::end || is_top_keyword(t)) return true;
        lex_.next();
      } catch (const parse_error& e) {
        errs_.add(e);
        if (lex_.position() == before) return false;
      }
    }
  }

  token expect_punct(char c, const std::string& context) {
    token t = lex_.next();
    if (!t.is_punct(c))
      lex_.fail(t.offset, "expected '" + std::string(1, c) + "' " + context + ", found " + describe(t));
    return t;
  }

  name_ref expect_name(const std::string& what) {
    token t = lex_.next();
    if (!t.is_name()) lex_.fail(t.offset, "expected " + what + ", found " + describe(t));
    if (t.text.empty()) lex_.fail(t.offset, "expected " + what + ", found an empty quoted name");
    return {t.text, t.offset};
  }

  // network NAME { property ...; ... }
  void parse_network(const token& keyword) {
    if (network_offset_)
      lex_.fail(keyword.offset, "a second 'network' block (the first is at line " +
                                    std::to_string(lex_.line_of(*network_offset_)) + ")");
    network_offset_ = keyword.offset;
    std::string name;
    if (lex_.peek().is_name()) name = std::string(lex_.next().text);
    net_.set_name(name);
    const token open = expect_punct('{', "after the network name");
    for (;;) {
      const token t = lex_.next();
      if (t.is_punct('}')) break;
      if (t.is_word("property")) {
        const auto line = lex_.property_text();
        add_network_property(t.offset, line.text, line.quoted);
      } else {
        lex_.fail(t.offset, "expected 'property' or '}' in the network block (opened at line " +
                                std::to_string(lex_.line_of(open.offset)) + "), found " + describe(t));
      }
    }
  }

  void add_network_property(std::size_t offset, const std::string& text, bool quoted) {
    auto kv = detail_bif::split_property(text, !quoted);
    auto& props = net_.properties();
    auto it = props.find(kv.first);
    if (it != props.end())
      lex_.fail(offset, "network property '" + kv.first + "' is given twice (values '" + it->second +
                            "' and '" + kv.second + "')");
    props.emplace(std::move(kv.first), std::move(kv.second));
  }

  // variable NAME { type discrete [ k ] { s1, s2, ... }; property ...; }
  void parse_variable(const token& keyword) {
    const name_ref name = expect_name("a variable name after 'variable'");
    const std::string var_name(name.text);
    if (auto it = by_name_.find(var_name); it != by_name_.end())
      lex_.fail(name.offset, "variable '" + var_name + "' is declared twice (first at line " +
                                 std::to_string(lex_.line_of(variables_[it->second].offset)) + ")");
    current_variable_ = var_name;
    const token open = expect_punct('{', "after the name of variable '" + var_name + "'");
    std::optional<std::vector<std::string>> states;
    for (;;) {
      const token t = lex_.next();
      if (t.is_punct('}')) break;
      if (t.is_word("property")) {
        (void)lex_.property_text();  // variable properties are not kept (docs/formats/bif.md)
      } else if (t.is_word("type")) {
        if (states)
          lex_.fail(t.offset, "variable '" + var_name + "' has a second 'type' entry");
        states = parse_type(var_name);
      } else if (t.kind == token_kind::end) {
        lex_.fail(t.offset, "expected '}' closing variable '" + var_name + "' (opened at line " +
                                std::to_string(lex_.line_of(open.offset)) + "), found end of input");
      } else {
        lex_.fail(t.offset, "expected 'type', 'property' or '}' in variable '" + var_name +
                                "', found " + describe(t));
      }
    }
    if (!states)
      lex_.fail(name.offset, "variable '" + var_name + "' has no 'type discrete [ k ] { ... }' entry");

    declared_variable v;
    v.name = var_name;
    v.offset = keyword.offset;
    try {
      v.id = net_.add_variable(var_name, *states);
    } catch (const model_error& e) {
      lex_.fail(keyword.offset, e.what());
    }
    v.states = std::move(*states);
    variables_.push_back(std::move(v));
    auto& stored = variables_.back();
    for (std::size_t i = 0; i < stored.states.size(); ++i) stored.state_index.emplace(stored.states[i], i);
    by_name_.emplace(var_name, variables_.size() - 1);
    current_variable_.reset();
  }

  // discrete [ k ] { s1, s2, ... } ;?   ('type' already consumed)
  std::vector<std::string> parse_type(const std::string& var_name) {
    const token kind = lex_.next();
    if (!kind.is_word("discrete"))
      lex_.fail(kind.offset, "expected 'discrete' after 'type' in variable '" + var_name +
                                 "' (only discrete variables are supported), found " + describe(kind));
    expect_punct('[', "after 'discrete' in variable '" + var_name + "'");
    const token count = lex_.next();
    std::size_t k = 0;
    {
      const char* b = count.text.data();
      const char* e = b + count.text.size();
      auto r = std::from_chars(b, e, k);
      if (count.kind != token_kind::word || r.ec != std::errc() || r.ptr != e || k == 0)
        lex_.fail(count.offset, "expected the number of states (a positive integer) of variable '" +
                                    var_name + "', found " + describe(count));
    }
    expect_punct(']', "after the number of states of variable '" + var_name + "'");
    const token open = expect_punct('{', "opening the state list of variable '" + var_name + "'");
    std::vector<std::string> states;
    for (;;) {
      token t = lex_.next();
      if (t.is_punct('}') && !states.empty()) break;
      if (!t.is_name())
        lex_.fail(t.offset, "expected a state name of variable '" + var_name + "', found " + describe(t));
      states.emplace_back(t.text);
      const token& sep = lex_.peek();
      if (sep.is_punct(',')) {
        lex_.next();
        if (lex_.peek().is_punct('}'))
          lex_.fail(lex_.peek().offset, "expected a state name of variable '" + var_name +
                                            "' after ',', found '}'");
      } else if (!sep.is_punct('}') && !sep.is_name()) {
        lex_.fail(sep.offset, "expected ',' or '}' in the state list of variable '" + var_name +
                                  "', found " + describe(sep));
      }
    }
    if (states.size() != k)
      lex_.fail(open.offset, "variable '" + var_name + "' declares " + std::to_string(k) +
                                 " states but lists " + std::to_string(states.size()) + " (" +
                                 limited_list(states) + ")");
    if (lex_.peek().is_punct(';')) lex_.next();
    return states;
  }

  // probability ( X | A, B ) { entries }    also JavaBayes' ( X A B )
  void parse_probability(const token& keyword) {
    probability_block block;
    block.offset = keyword.offset;
    expect_punct('(', "after 'probability'");
    block.child = expect_name("the name of the variable the probability block is for");
    attempted_blocks_.emplace(block.child.text);
    bool saw_bar = false;
    for (;;) {
      token t = lex_.next();
      if (t.is_punct(')')) break;
      if (t.is_punct('|')) {
        if (saw_bar || !block.parents.empty())
          lex_.fail(t.offset, "unexpected '|' in the header of the probability block of '" +
                                  std::string(block.child.text) + "'");
        saw_bar = true;
        if (lex_.peek().is_punct(')'))
          lex_.fail(lex_.peek().offset, "expected a parent name after '|', found ')'");
        continue;
      }
      if (t.is_punct(',')) {
        if (!lex_.peek().is_name())
          lex_.fail(lex_.peek().offset, "expected a parent name after ',', found " + describe(lex_.peek()));
        continue;
      }
      if (!t.is_name())
        lex_.fail(t.offset, "expected a parent name, '|' or ')' in the header of the probability block of '" +
                                std::string(block.child.text) + "', found " + describe(t));
      block.parents.push_back({t.text, t.offset});
    }
    const std::string child(block.child.text);
    const token open = expect_punct('{', "opening the probability block of '" + child + "'");
    for (;;) {
      const token t = lex_.next();
      if (t.is_punct('}')) {
        block.close_offset = t.offset;
        break;
      }
      if (t.is_word("table") || t.is_word("default")) {
        block_entry e;
        e.what = t.is_word("table") ? block_entry::kind::table : block_entry::kind::fallback;
        e.offset = t.offset;
        read_values(block, e, child);
        block.entries.push_back(e);
      } else if (t.is_punct('(')) {
        block_entry e;
        e.what = block_entry::kind::row;
        e.offset = t.offset;
        e.label_begin = block.labels.size();
        for (;;) {
          const token l = lex_.next();
          if (!l.is_name())
            lex_.fail(l.offset, "expected a parent state name in a row of '" + child + "', found " +
                                    describe(l));
          block.labels.push_back({l.text, l.offset});
          const token sep = lex_.next();
          if (sep.is_punct(')')) break;
          if (sep.is_punct(',')) continue;
          if (sep.is_name()) {  // labels separated by white space only
            block.labels.push_back({sep.text, sep.offset});
            const token s2 = lex_.peek();
            if (s2.is_punct(')')) {
              lex_.next();
              break;
            }
            if (s2.is_punct(',')) lex_.next();
            continue;
          }
          lex_.fail(sep.offset, "expected ',' or ')' in a row label of '" + child + "', found " +
                                    describe(sep));
        }
        e.label_count = block.labels.size() - e.label_begin;
        read_values(block, e, child);
        block.entries.push_back(e);
      } else if (t.is_word("property")) {
        const auto line = lex_.property_text();
        auto kv = detail_bif::split_property(line.text, !line.quoted);
        if (kv.first == "function") block.function = std::make_pair(t.offset, kv.second);
      } else if (t.kind == token_kind::end) {
        lex_.fail(t.offset, "expected '}' closing the probability block of '" + child +
                                "' (opened at line " + std::to_string(lex_.line_of(open.offset)) +
                                "), found end of input");
      } else {
        lex_.fail(t.offset, "expected '(', 'table', 'default', 'property' or '}' in the probability block of '" +
                                child + "', found " + describe(t));
      }
    }
    bool known = by_name_.count(child) > 0;
    for (const auto& p : block.parents) known = known && by_name_.count(std::string(p.text)) > 0;
    if (known) {
      if (!errs_.attempt([&] { resolve(block); })) return;
    } else {
      deferred_.push_back(std::move(block));
    }
  }

  // Numbers up to and including ';', separated by commas and/or white space.
  void read_values(probability_block& block, block_entry& e, const std::string& child) {
    e.value_begin = block.values.size();
    bool after_comma = true;  // a number may come first
    for (;;) {
      const token t = lex_.next();
      if (t.is_punct(';')) {
        if (!after_comma || block.values.size() == e.value_begin) {
          if (block.values.size() == e.value_begin)
            lex_.fail(t.offset, "expected at least one probability before ';' in the probability block of '" +
                                    child + "'");
          break;
        }
        lex_.fail(t.offset, "expected a number after ',', found ';'");
      }
      if (t.is_punct(',')) {
        if (after_comma)
          lex_.fail(t.offset, "expected a number in the probability block of '" + child + "', found ','");
        after_comma = true;
        continue;
      }
      if (t.kind != token_kind::word)
        lex_.fail(t.offset, "expected a number or ';' in the probability block of '" + child +
                                "', found " + describe(t));
      double v = 0.0;
      if (!detail_bif::parse_number(t.text, v))
        lex_.fail(t.offset, "expected a number or ';' in the probability block of '" + child +
                                "', found " + describe(t));
      block.values.push_back(v);
      after_comma = false;
    }
    e.value_count = block.values.size() - e.value_begin;
  }

  declared_variable& lookup(const name_ref& n, const std::string& role) {
    auto it = by_name_.find(std::string(n.text));
    if (it == by_name_.end()) {
      std::vector<std::string> names;
      for (const auto& v : variables_) names.push_back(v.name);
      lex_.fail(n.offset, "probability block names unknown " + role + " '" + std::string(n.text) +
                              "' (variables: " + (names.empty() ? "none declared" : limited_list(names)) + ")");
    }
    return variables_[it->second];
  }

  /// "(a, b)" from entry labels.
  static std::string label_text(const probability_block& b, const block_entry& e) {
    std::string s = "(";
    for (std::size_t i = 0; i < e.label_count; ++i) {
      if (i) s += ", ";
      s += b.labels[e.label_begin + i].text;
    }
    return s + ")";
  }

  /// "(a, b)" for parent configuration `row` (last parent fastest).
  std::string configuration_text(const std::vector<const declared_variable*>& parents,
                                 std::size_t row) const {
    std::vector<std::string> parts(parents.size());
    for (std::size_t i = parents.size(); i-- > 0;) {
      const auto k = parents[i]->states.size();
      parts[i] = parents[i]->states[row % k];
      row /= k;
    }
    return "(" + detail::join(parts) + ")";
  }

  std::string parent_list(const std::vector<const declared_variable*>& parents) const {
    std::vector<std::string> names;
    for (const auto* p : parents) names.push_back(p->name);
    return detail::join(names);
  }

  // Checks a probability block against the declarations and sets the CPT. A problem with the
  // block as a whole is thrown; in collect mode a problem with one row is kept and the other
  // rows are still checked (the CPT is then not set).
  void resolve(probability_block& block) {
    if (errs_.enabled()) {
      // A block about a variable whose declaration failed to parse is not checked.
      bool broken = broken_variables_.count(std::string(block.child.text)) > 0;
      for (const auto& p : block.parents) broken = broken || broken_variables_.count(std::string(p.text)) > 0;
      if (broken) return;
    }
    const std::size_t errors_before = errs_.count();
    const auto report = [&](std::size_t offset, const std::string& message) {
      errs_.report(lex_.error_at(offset, message));
    };
    declared_variable& child = lookup(block.child, "variable");
    const std::string& cname = child.name;
    std::vector<const declared_variable*> parents;
    for (const auto& p : block.parents) {
      const declared_variable& pv = lookup(p, "parent");
      if (&pv == &child)
        lex_.fail(p.offset, "variable '" + cname + "' cannot be its own parent");
      for (const auto* q : parents)
        if (q == &pv) lex_.fail(p.offset, "variable '" + cname + "' lists parent '" + pv.name + "' twice");
      parents.push_back(&pv);
    }
    if (child.block_offset)
      lex_.fail(block.offset, "a second probability block for '" + cname + "' (the first is at line " +
                                  std::to_string(lex_.line_of(*child.block_offset)) +
                                  "); each variable takes exactly one");
    child.block_offset = block.offset;
    const std::size_t k = child.states.size();
    std::size_t rows = 1;
    {
      std::vector<std::size_t> cards;
      for (const auto* p : parents) cards.push_back(p->states.size());
      cards.push_back(k);
      try {
        rows = factor::table_size(cards) / k;
      } catch (const model_error& e) {
        lex_.fail(block.offset, "probability block of '" + cname + "': " + e.what());
      }
    }
    // Message fragments, built only when an error is reported.
    const auto shape = [&] {
      std::string text;
      for (const auto* p : parents) text += p->name + "[" + std::to_string(p->states.size()) + "] x ";
      return text + cname + "[" + std::to_string(k) + "]";
    };
    const auto child_states = [&] {
      return "'" + cname + "' has " + std::to_string(k) + " state" + (k == 1 ? "" : "s") + " (" +
             limited_list(child.states) + ")";
    };

    if (block.function) {
      std::size_t listed = 0;
      for (const auto& e : block.entries) listed += e.what == block_entry::kind::row ? 1 : 0;
      lex_.fail(block.function->first,
                "the probability block of '" + cname + "' declares 'property function " +
                    block.function->second +
                    "' (a noisy-MAX/noisy-OR model given by a leak row and one row per parent, here " + std::to_string(listed) + " rows for " +
                    std::to_string(rows) + " parent configurations); noisy-MAX tables are not supported, "
                    "only full CPTs");
    }

    std::vector<double> table(rows * k, 0.0);
    constexpr std::size_t none = static_cast<std::size_t>(-1);
    std::vector<std::size_t> source(rows, none);  // entry index defining each row
    std::optional<std::size_t> fallback;
    std::optional<std::size_t> table_entry;
    bool has_rows = false;
    // Collect mode: rows whose entry was faulty (not checked again), and how many entries
    // could not be placed at all; missing rows are reported only when there are more of
    // them than such entries, since a misspelt label usually means the "missing" row.
    std::vector<bool> defective(rows, false);
    std::size_t unplaced = 0;

    for (std::size_t ei = 0; ei < block.entries.size(); ++ei) {
      const block_entry& e = block.entries[ei];
      const double* vals = block.values.data() + e.value_begin;
      switch (e.what) {
        case block_entry::kind::table: {
          if (table_entry || has_rows) {
            report(e.offset, "the probability block of '" + cname + "' has a 'table' after " +
                                 (table_entry ? "another 'table'" : "labelled rows") +
                                 "; use either one 'table' or rows");
            continue;
          }
          if (e.value_count != rows * k) {
            report(e.offset, "the table of '" + cname + "' has " + std::to_string(e.value_count) +
                                 " values, expected " + std::to_string(rows * k) + " (" + shape() + ")");
            table_entry = ei;
            unplaced = rows;
            continue;
          }
          // BIF 0.15 order: the child varies slowest, the last parent fastest.
          for (std::size_t c = 0; c < k; ++c)
            for (std::size_t r = 0; r < rows; ++r) table[r * k + c] = vals[c * rows + r];
          std::fill(source.begin(), source.end(), ei);
          table_entry = ei;
          break;
        }
        case block_entry::kind::fallback: {
          if (fallback) {
            report(e.offset, "the probability block of '" + cname + "' has a second 'default' (the first is at line " +
                                 std::to_string(lex_.line_of(block.entries[*fallback].offset)) + ")");
            continue;
          }
          if (e.value_count != k) {
            report(e.offset, "the default row of '" + cname + "' has " + std::to_string(e.value_count) +
                                 " values, but " + child_states());
            unplaced = rows;
            continue;
          }
          fallback = ei;
          break;
        }
        case block_entry::kind::row: {
          if (table_entry) {
            report(e.offset, "the probability block of '" + cname +
                                 "' has labelled rows after a 'table'; use either one 'table' or rows");
            continue;
          }
          has_rows = true;
          const auto labels = [&] { return label_text(block, e); };  // built only for messages
          if (parents.empty()) {
            report(e.offset, "row " + labels() + " of '" + cname + "': '" + cname +
                                 "' has no parents, so its block takes 'table' or 'default', not labelled rows");
            ++unplaced;
            continue;
          }
          if (e.label_count != parents.size()) {
            report(e.offset, "row " + labels() + " of '" + cname + "' names " + std::to_string(e.label_count) +
                                 " state" + (e.label_count == 1 ? "" : "s") + " but '" + cname + "' has " +
                                 std::to_string(parents.size()) + " parent" +
                                 (parents.size() == 1 ? "" : "s") + " (" + parent_list(parents) + ")");
            ++unplaced;
            continue;
          }
          std::size_t r = 0;
          bool placed = true;
          for (std::size_t i = 0; i < parents.size(); ++i) {
            const name_ref& l = block.labels[e.label_begin + i];
            const auto& pv = *parents[i];
            auto it = pv.state_index.find(l.text);
            if (it == pv.state_index.end()) {
              report(l.offset, "row " + labels() + " of '" + cname + "': parent '" + pv.name +
                                   "' has no state '" + std::string(l.text) + "' (states: " +
                                   limited_list(pv.states) + ")");
              placed = false;
              break;
            }
            r = r * pv.states.size() + it->second;
          }
          if (!placed) {
            ++unplaced;
            continue;
          }
          if (source[r] != none) {
            report(e.offset, "row " + labels() + " of '" + cname + "' is given twice (first at line " +
                                 std::to_string(lex_.line_of(block.entries[source[r]].offset)) + ")");
            continue;
          }
          if (e.value_count != k) {
            report(e.offset, "row " + labels() + " of '" + cname + "' has " + std::to_string(e.value_count) +
                                 " values, but " + child_states());
            source[r] = ei;
            defective[r] = true;
            continue;
          }
          std::copy(vals, vals + k, table.begin() + static_cast<std::ptrdiff_t>(r * k));
          source[r] = ei;
          break;
        }
      }
    }
    if (block.entries.empty())
      lex_.fail(block.offset, "the probability block of '" + cname + "' has no 'table', 'default' or rows");

    std::vector<std::size_t> missing;
    for (std::size_t r = 0; r < rows; ++r) {
      if (source[r] != none) continue;
      if (fallback) {
        const double* vals = block.values.data() + block.entries[*fallback].value_begin;
        std::copy(vals, vals + k, table.begin() + static_cast<std::ptrdiff_t>(r * k));
        source[r] = *fallback;
      } else {
        missing.push_back(r);
      }
    }
    if (missing.size() > unplaced) {
      std::vector<std::string> shown;
      for (std::size_t i = 0; i < missing.size() && i < 5; ++i)
        shown.push_back(configuration_text(parents, missing[i]));
      report(block.close_offset,
                "the probability block of '" + cname + "' has no row for " + shown.front() +
                    " and no 'default' (" + std::to_string(missing.size()) + " of " + std::to_string(rows) +
                    " parent configurations of (" + parent_list(parents) + ") missing: " +
                    detail::join(shown) + (missing.size() > shown.size() ? ", ..." : "") + ")");
    }

    // Each conditional distribution, reported at the entry that defined it.
    for (std::size_t r = 0; r < rows; ++r) {
      if (source[r] == none || defective[r]) continue;  // reported above (collect mode only)
      const block_entry& e = block.entries[source[r]];
      const auto where = [&] {  // built only for messages
        if (e.what == block_entry::kind::row) return "row " + label_text(block, e) + " of '" + cname + "'";
        return std::string(e.what == block_entry::kind::table ? "the table" : "the default row") + " of '" +
               cname + "'" + (parents.empty() ? "" : " for " + configuration_text(parents, r));
      };
      double sum = 0.0;
      bool negative = false;
      for (std::size_t c = 0; c < k && !negative; ++c) {
        const double p = table[r * k + c];
        if (p < 0.0) {
          report(e.offset, where() + " gives state '" + child.states[c] + "' the negative probability " +
                               detail::format_number(p));
          negative = true;
        }
        sum += p;
      }
      if (negative) continue;
      if (!(std::fabs(sum - 1.0) <= tolerance_ + detail_bif::rounding_slack))
        report(e.offset, where() + " sums to " + detail_bif::format_sum(sum) + ", not 1 (tolerance " +
                             detail::format_number(tolerance_) + ")");
    }
    if (errs_.count() != errors_before) return;  // collect mode: the rows above were reported

    std::vector<var_id> parent_ids;
    for (const auto* p : parents) parent_ids.push_back(p->id);
    try {
      net_.set_cpt(child.id, std::move(parent_ids), std::move(table), tolerance_ + detail_bif::rounding_slack);
    } catch (const model_error& e) {
      lex_.fail(block.offset, "probability block of '" + cname + "': " + e.what());
    }
  }

  lexer lex_;
  double tolerance_;
  bayesian_network net_;
  std::deque<declared_variable> variables_;
  std::unordered_map<std::string, std::size_t> by_name_;
  std::vector<probability_block> deferred_;
  std::optional<std::size_t> network_offset_;
  detail_io::error_collector errs_;
  std::optional<std::string> current_variable_;               // being declared (collect mode)
  std::unordered_set<std::string> broken_variables_;          // declarations that failed to parse
  std::unordered_set<std::string> attempted_blocks_;          // children of every block begun
};

}  // namespace

bayesian_network parse_bif(std::string_view text, const std::string& source_name,
                           const read_options& options) {
  detail_io::check_read_options(options);
  return bif_parser(text, source_name, options).run();
}

bayesian_network read_bif(const std::string& path, const read_options& options) {
  const std::string text = detail_io::read_file(path, "BIF");
  return parse_bif(text, path, options);
}

}  // namespace augury::io
