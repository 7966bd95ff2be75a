#pragma once
// A tokenizer for the brace-and-semicolon text formats (GeNIe DSL, Hugin NET, Netica DNE,
// DSC), and a reader of their generic `key = value;` blocks (private to src/io).
//
// A word is every character up to white space, a punctuation character of the format, a
// double quote or the start of a comment, so names may start with digits and numbers are
// words. Strings are double-quoted; `\"` and `\\` are escapes (and, with
// `c_escapes`, `\n`, `\t` and a backslash before a line break, Netica's line continuation).

#include <augury/detail/utf8.hpp>
#include <augury/error.hpp>

#include "bif_common.hpp"

#include <cstddef>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace augury::io::detail_text {

enum class token_kind { end, word, string, punct };

struct token {
  token_kind kind = token_kind::end;
  std::size_t offset = 0;  // byte offset of the first character (the quote of a string)
  std::string_view text;   // the word, the unescaped string, or the punctuation character

  [[nodiscard]] bool is_punct(char c) const {
    return kind == token_kind::punct && text.size() == 1 && text[0] == c;
  }
  [[nodiscard]] bool is_word(std::string_view w) const { return kind == token_kind::word && text == w; }
  [[nodiscard]] bool is_name() const { return kind == token_kind::word || kind == token_kind::string; }
};

/// "'abc'", "\"abc\"", "end of input": what was found, for messages.
inline std::string describe(const token& t) {
  const auto cut = [](std::string_view s) {
    return std::string(s.substr(0, 60)) + (s.size() > 60 ? "..." : "");
  };
  switch (t.kind) {
    case token_kind::end:
      return "end of input";
    case token_kind::string:
      return "\"" + cut(t.text) + "\"";
    default:
      return "'" + cut(t.text) + "'";
  }
}

struct lexer_options {
  std::string_view punctuation;  // single characters that are tokens of their own
  bool slash_comments = true;    // `// ...` and `/* ... */`
  bool percent_comments = false; // `% ...` (Hugin)
  bool c_escapes = false;        // `\n`, `\t` and backslash-newline in strings (Netica)
};

class lexer {
 public:
  lexer(std::string_view text, const std::string& source, lexer_options options)
      : text_(text), source_(source), options_(options) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // UTF-8 byte-order mark
  }

  token next() {
    if (peeked_) {
      token t = *peeked_;
      peeked_.reset();
      return t;
    }
    return scan();
  }

  const token& peek() {
    if (!peeked_) peeked_ = scan();
    return *peeked_;
  }

  [[noreturn]] void fail(std::size_t offset, const std::string& message) const { throw error_at(offset, message); }

  [[nodiscard]] parse_error error_at(std::size_t offset, const std::string& message) const {
    const auto lc = detail_bif::line_column(text_, offset);
    return parse_error(source_, lc.first, lc.second, message);
  }

  [[nodiscard]] std::size_t line_of(std::size_t offset) const {
    return detail_bif::line_column(text_, offset).first;
  }

  [[nodiscard]] std::string_view text() const { return text_; }
  [[nodiscard]] const std::string& source() const { return source_; }

  /// Consumes the next token, which must be the punctuation `c`.
  token expect(char c, const std::string& context) {
    token t = next();
    if (!t.is_punct(c))
      fail(t.offset, "expected '" + std::string(1, c) + "' " + context + ", found " + describe(t));
    return t;
  }

 private:
  [[nodiscard]] bool is_punct(char c) const { return options_.punctuation.find(c) != std::string_view::npos; }

  [[nodiscard]] bool comment_at(std::size_t i) const {
    if (i >= text_.size()) return false;
    if (options_.percent_comments && text_[i] == '%') return true;
    return options_.slash_comments && text_[i] == '/' && i + 1 < text_.size() &&
           (text_[i + 1] == '/' || text_[i + 1] == '*');
  }

  void skip_space_and_comments() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (detail_bif::is_space(c)) {
        ++pos_;
      } else if (comment_at(pos_)) {
        if (c == '%' || text_[pos_ + 1] == '/') {
          const std::size_t nl = text_.find('\n', pos_);
          pos_ = nl == std::string_view::npos ? text_.size() : nl;
        } else {
          const std::size_t close = text_.find("*/", pos_ + 2);
          if (close == std::string_view::npos) fail(pos_, "unterminated comment: '/*' without '*/'");
          pos_ = close + 2;
        }
      } else {
        break;
      }
    }
  }

  token scan_string() {
    const std::size_t open = pos_;
    std::size_t i = pos_ + 1;
    bool escaped = false;
    while (i < text_.size() && text_[i] != '"') {
      if (text_[i] == '\\' && i + 1 < text_.size()) {
        escaped = true;
        ++i;
      }
      ++i;
    }
    if (i >= text_.size()) fail(open, "unterminated string: '\"' without a closing '\"'");
    pos_ = i + 1;
    const std::string_view body = text_.substr(open + 1, i - open - 1);
    check_utf8(body, open + 1);
    if (!escaped) return {token_kind::string, open, body};
    std::string s;
    s.reserve(body.size());
    for (std::size_t j = 0; j < body.size(); ++j) {
      const char c = body[j];
      if (c != '\\' || j + 1 >= body.size()) {
        s += c;
        continue;
      }
      const char d = body[j + 1];
      if (d == '"' || d == '\\') {
        s += d;
        ++j;
      } else if (options_.c_escapes && d == 'n') {
        s += '\n';
        ++j;
      } else if (options_.c_escapes && d == 't') {
        s += '\t';
        ++j;
      } else if (options_.c_escapes && (d == '\n' || d == '\r')) {
        // Line continuation: the break and the next line's indentation are not part of the text.
        j += 1;
        if (d == '\r' && j + 1 < body.size() && body[j + 1] == '\n') ++j;
        while (j + 1 < body.size() && (body[j + 1] == ' ' || body[j + 1] == '\t')) ++j;
      } else {
        s += c;  // any other backslash is kept as it is
      }
    }
    arena_.push_back(std::move(s));
    return {token_kind::string, open, arena_.back()};
  }

  token scan() {
    skip_space_and_comments();
    if (pos_ >= text_.size()) return {token_kind::end, text_.size(), {}};
    const std::size_t start = pos_;
    const char c = text_[pos_];
    if (c == '"') return scan_string();
    if (is_punct(c)) {
      ++pos_;
      return {token_kind::punct, start, text_.substr(start, 1)};
    }
    std::size_t i = pos_ + 1;
    while (i < text_.size()) {
      const char d = text_[i];
      if (detail_bif::is_space(d) || d == '"' || is_punct(d) || comment_at(i)) break;
      ++i;
    }
    pos_ = i;
    check_utf8(text_.substr(start, i - start), start);
    return {token_kind::word, start, text_.substr(start, i - start)};
  }

  // Names, states and strings reach users (and Python's str) as text: they must be UTF-8.
  // Comments are skipped unread, so a stray byte there does not stop a file.
  void check_utf8(std::string_view text, std::size_t offset) const {
    const std::size_t bad = augury::detail::invalid_utf8_offset(text);
    if (bad == std::string_view::npos) return;
    fail(offset + bad, augury::detail::invalid_utf8_message(text, bad) + " (the text must be UTF-8 or ASCII)");
  }

  std::string_view text_;
  const std::string& source_;
  lexer_options options_;
  std::size_t pos_ = 0;
  std::optional<token> peeked_;
  std::deque<std::string> arena_;  // unescaped strings (stable addresses)
};

// ---- generic `key = value;` blocks (DSL, DNE, and the bodies of NET blocks) --------------------

struct block;

/// The value of an attribute: a word or string, a parenthesised list (nested lists are
/// flattened: `leaves` holds every word and string in order, commas dropped, and `empty_items`
/// counts list positions left empty between commas), or a `{ ... }` block.
struct value {
  enum class kind { word, string, list, block } what = kind::word;
  std::size_t offset = 0;
  std::string_view text;          // word or string
  std::vector<token> leaves;      // list
  std::size_t empty_items = 0;    // list: `(a, , b)` has one
  std::shared_ptr<block> body;    // block (also `font { ... }`: then text is the word)
};

/// One entry of a block: `key = value;`, or a named block `key NAME { ... };`
/// (DSL/DNE `node X { ... }`), or an anonymous one `key { ... };`.
struct entry {
  token key;
  std::optional<token> name;  // named blocks
  value val;
};

struct block {
  std::size_t open_offset = 0;
  std::size_t close_offset = 0;
  std::vector<entry> entries;

  /// The first entry whose key is `key` (exact match), or null.
  [[nodiscard]] const entry* find(std::string_view key) const {
    for (const auto& e : entries)
      if (e.key.text == key) return &e;
    return nullptr;
  }
};

/// Reads blocks for one format. `list_separator` is ',' for DSL and DNE and absent (0) for
/// NET, whose list items are separated by white space only.
class block_reader {
 public:
  block_reader(lexer& lex, char list_separator) : lex_(lex), sep_(list_separator) {}

  /// Reads a block after its '{' (already consumed at `open_offset`), up to and including
  /// its '}'. A ';' after the '}' is left to the caller.
  std::shared_ptr<block> read_block(std::size_t open_offset, const std::string& context) {
    auto b = std::make_shared<block>();
    b->open_offset = open_offset;
    for (;;) {
      token t = lex_.next();
      if (t.is_punct('}')) {
        b->close_offset = t.offset;
        return b;
      }
      if (t.kind == token_kind::end)
        lex_.fail(t.offset, "expected '}' closing " + context + " (opened at line " +
                                std::to_string(lex_.line_of(open_offset)) + "), found end of input");
      if (t.is_punct(';')) continue;  // stray ';' (e.g. `};` after a nested block)
      if (t.kind != token_kind::word)
        lex_.fail(t.offset, "expected an attribute name or '}' in " + context + ", found " + describe(t));
      entry e;
      e.key = t;
      const token& after = lex_.peek();
      if (after.is_punct('=')) {
        lex_.next();
        e.val = read_value(t.text);
        const token end = lex_.next();
        if (!end.is_punct(';')) {
          if (end.is_punct('}')) {  // a last attribute without ';' (tolerated)
            b->entries.push_back(std::move(e));
            b->close_offset = end.offset;
            return b;
          }
          lex_.fail(end.offset, "expected ';' after the value of '" + std::string(t.text) + "' in " + context +
                                    ", found " + describe(end));
        }
      } else if (after.is_punct('{')) {
        const token open = lex_.next();
        e.val.what = value::kind::block;
        e.val.offset = open.offset;
        e.val.body = read_block(open.offset, "'" + std::string(t.text) + "'");
        if (lex_.peek().is_punct(';')) lex_.next();
      } else if (after.is_name()) {
        e.name = lex_.next();
        const token open = lex_.expect('{', "after '" + std::string(t.text) + " " + std::string(e.name->text) + "'");
        e.val.what = value::kind::block;
        e.val.offset = open.offset;
        e.val.body = read_block(open.offset, "'" + std::string(t.text) + " " + std::string(e.name->text) + "'");
        if (lex_.peek().is_punct(';')) lex_.next();
      } else {
        lex_.fail(after.offset, "expected '=' after '" + std::string(t.text) + "' in " + context + ", found " +
                                    describe(after));
      }
      b->entries.push_back(std::move(e));
    }
  }

  /// A value after '='.
  value read_value(std::string_view key) {
    value v;
    token t = lex_.next();
    v.offset = t.offset;
    if (t.kind == token_kind::word) {
      v.what = value::kind::word;
      v.text = t.text;
      if (lex_.peek().is_punct('{')) {  // Netica: `nodefont = font {shape= "Arial"; size= 9;};`
        const token open = lex_.next();
        v.what = value::kind::block;
        v.body = read_block(open.offset, "'" + std::string(key) + "'");
      }
      return v;
    }
    if (t.kind == token_kind::string) {
      v.what = value::kind::string;
      v.text = t.text;
      return v;
    }
    if (t.is_punct('{')) {
      v.what = value::kind::block;
      v.body = read_block(t.offset, "'" + std::string(key) + "'");
      return v;
    }
    if (t.is_punct('(')) {
      v.what = value::kind::list;
      read_list(v, t.offset, key);
      return v;
    }
    lex_.fail(t.offset, "expected a value after '" + std::string(key) + " =', found " + describe(t));
  }

  /// The items of a list after its '(' up to its matching ')'.
  void read_list(value& v, std::size_t open_offset, std::string_view key) {
    int depth = 1;
    bool item_pending = false;  // since the last separator or '(' at this level
    for (;;) {
      token t = lex_.next();
      if (t.kind == token_kind::end)
        lex_.fail(open_offset, "the list of '" + std::string(key) + "' has no closing ')'");
      if (t.is_punct('(')) {
        ++depth;
        item_pending = false;
        continue;
      }
      if (t.is_punct(')')) {
        if (--depth == 0) return;
        item_pending = true;
        continue;
      }
      if (sep_ != 0 && t.is_punct(sep_)) {
        if (!item_pending) ++v.empty_items;
        item_pending = false;
        continue;
      }
      if (t.is_name()) {
        v.leaves.push_back(t);
        item_pending = true;
        continue;
      }
      lex_.fail(t.offset, "unexpected " + describe(t) + " in the list of '" + std::string(key) + "'");
    }
  }

 private:
  lexer& lex_;
  char sep_;
};

}  // namespace augury::io::detail_text
