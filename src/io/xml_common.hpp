#pragma once
// XML helpers shared by the XMLBIF and XDSL readers and writers (private to src/io): loading
// with pugixml and turning its errors and node positions into parse_error line and column.

#include <augury/detail/utf8.hpp>
#include <augury/error.hpp>

#include "bif_common.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace augury::io::detail_xml {

/// A parsed document together with the text it came from, for error positions.
class document {
 public:
  /// Parses `text`. \throws parse_error at the offending markup if it is not well-formed XML.
  document(std::string_view text, const std::string& source, const char* format) : text_(text), source_(source) {
    const auto result = doc_.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_auto);
    if (!result) {
      std::size_t at = result.offset < 0 ? 0 : static_cast<std::size_t>(result.offset);
      if (at > text.size()) at = text.size();
      if (is_markup_error(result.status)) {
        const std::size_t lt = text.rfind('<', at);
        if (lt != std::string_view::npos) at = lt;
      }
      std::string found;
      for (std::size_t i = at; i < text.size() && i < at + 40 && text[i] != '\n' && text[i] != '\r'; ++i) found += text[i];
      fail(at, std::string("not well-formed XML, so not a readable ") + format + " file: " + explain(result.status) +
                   (found.empty() ? std::string(" at the end of the document") : ", found '" + found + "'"));
    }
    check_utf8(doc_, format);
  }

  [[nodiscard]] const pugi::xml_document& doc() const { return doc_; }

  /// Byte offset of `node` in the text: the '<' of an element, the first character of text.
  [[nodiscard]] std::size_t offset_of(const pugi::xml_node& node) const {
    const std::ptrdiff_t o = node.offset_debug();
    if (o < 0) return 0;
    std::size_t at = static_cast<std::size_t>(o);
    if (node.type() == pugi::node_element && at > 0 && at <= text_.size() && text_[at - 1] == '<') --at;
    return at;
  }

  [[noreturn]] void fail(std::size_t offset, const std::string& message) const { throw error_at(offset, message); }

  [[nodiscard]] parse_error error_at(std::size_t offset, const std::string& message) const {
    const auto lc = detail_bif::line_column(text_, offset);
    return parse_error(source_, lc.first, lc.second, message);
  }

  [[noreturn]] void fail(const pugi::xml_node& node, const std::string& message) const {
    fail(offset_of(node), message);
  }

  [[nodiscard]] std::string_view text() const { return text_; }

 private:
  // pugixml does not check that UTF-8 input is valid (and converts declared Latin-1 to UTF-8),
  // so every name, attribute and text is checked here: names and states reach users, and
  // Python's str, as text.
  void check_utf8(const pugi::xml_node& root, const char* format) const {
    std::vector<pugi::xml_node> stack{root};
    while (!stack.empty()) {
      const pugi::xml_node node = stack.back();
      stack.pop_back();
      const auto check = [&](std::string_view s) {
        const std::size_t bad = augury::detail::invalid_utf8_offset(s);
        if (bad != std::string_view::npos)
          fail(node, augury::detail::invalid_utf8_message(s, bad) + " (a " + format +
                         " file must be valid UTF-8, or declare its encoding)");
      };
      check(node.name());
      check(node.value());
      for (const auto& a : node.attributes()) {
        check(a.name());
        check(a.value());
      }
      for (const auto& c : node.children()) stack.push_back(c);
    }
  }

  static bool is_markup_error(pugi::xml_parse_status s) {
    return s != pugi::status_bad_pcdata && s != pugi::status_no_document_element;
  }

  static const char* explain(pugi::xml_parse_status s) {
    switch (s) {
      case pugi::status_unrecognized_tag: return "unrecognised markup after '<'";
      case pugi::status_bad_pi: return "a malformed declaration or processing instruction ('<?...?>')";
      case pugi::status_bad_comment: return "a malformed comment (a comment is written '<!-- ... -->')";
      case pugi::status_bad_cdata: return "a malformed CDATA section";
      case pugi::status_bad_doctype: return "a malformed DOCTYPE declaration";
      case pugi::status_bad_pcdata: return "malformed text content";
      case pugi::status_bad_start_element: return "a malformed start tag";
      case pugi::status_bad_attribute: return "a malformed attribute";
      case pugi::status_bad_end_element: return "a malformed end tag";
      case pugi::status_end_element_mismatch: return "an end tag that does not match the open element";
      case pugi::status_no_document_element: return "no root element";
      default: return "the document could not be parsed";
    }
  }

  pugi::xml_document doc_;
  std::string_view text_;
  const std::string& source_;
};

/// ASCII case-insensitive comparison of an element name.
inline bool name_is(const pugi::xml_node& node, std::string_view name) {
  const std::string_view n = node.name();
  if (n.size() != name.size()) return false;
  for (std::size_t i = 0; i < n.size(); ++i) {
    char a = n[i], b = name[i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (b >= 'A' && b <= 'Z') b = static_cast<char>(b - 'A' + 'a');
    if (a != b) return false;
  }
  return true;
}

/// The text of an element (its PCDATA and CDATA children), trimmed.
inline std::string text_of(const pugi::xml_node& node) {
  std::string s;
  for (const auto& c : node.children())
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) s += c.value();
  return std::string(detail_bif::trim(s));
}

/// The first text child of an element, for positions inside it (or the element itself).
inline pugi::xml_node text_node(const pugi::xml_node& node) {
  for (const auto& c : node.children())
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) return c;
  return node;
}

/// The whitespace-separated words of the text of `element`, each with its byte offset in the
/// document (exact when the text holds no entity references; otherwise the offset of the text).
inline std::vector<std::pair<std::string, std::size_t>> words_of(const document& d, const pugi::xml_node& element) {
  std::vector<std::pair<std::string, std::size_t>> words;
  const pugi::xml_node t = text_node(element);
  const std::string_view all = d.text();
  if (t != element && t.type() == pugi::node_pcdata && t.next_sibling().type() != pugi::node_pcdata) {
    const std::size_t begin = d.offset_of(t);
    const std::size_t end = std::min(all.find('<', begin), all.size());
    const std::string_view raw = all.substr(begin, end - begin);
    if (begin < all.size() && raw.find('&') == std::string_view::npos) {
      for (std::size_t i = 0; i < raw.size();) {
        while (i < raw.size() && detail_bif::is_space(raw[i])) ++i;
        const std::size_t start = i;
        while (i < raw.size() && !detail_bif::is_space(raw[i])) ++i;
        if (i > start) words.emplace_back(std::string(raw.substr(start, i - start)), begin + start);
      }
      return words;
    }
  }
  const std::string text = text_of(element);
  const std::size_t at = d.offset_of(t);
  for (std::size_t i = 0; i < text.size();) {
    while (i < text.size() && detail_bif::is_space(text[i])) ++i;
    const std::size_t start = i;
    while (i < text.size() && !detail_bif::is_space(text[i])) ++i;
    if (i > start) words.emplace_back(text.substr(start, i - start), at);
  }
  return words;
}

/// `s` escaped for XML text or a double-quoted attribute.
inline std::string escaped(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

/// Whether `s` can be written as XML text and read back unchanged by a reader that trims:
/// no control characters (XML 1.0 forbids most; tab, CR and LF would be normalised) and no
/// white space at either end.
inline bool is_xml_safe(std::string_view s) {
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) return false;
  }
  return s.empty() || (!detail_bif::is_space(s.front()) && !detail_bif::is_space(s.back()));
}

}  // namespace augury::io::detail_xml
