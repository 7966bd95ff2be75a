// Format names, detection by extension and by content, and conversion (format.hpp).

#include <augury/detail/join.hpp>
#include <augury/error.hpp>
#include <augury/io/format.hpp>

#include "bif_common.hpp"
#include "file_io.hpp"
#include "format_common.hpp"

#include <cctype>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace augury::io {
namespace {

struct format_info {
  model_format format;
  const char* key;
  const char* title;
  std::vector<const char*> extensions;
};

const std::vector<format_info>& formats() {
  static const std::vector<format_info> table = {
      {model_format::bif, "bif", "BIF", {"bif"}},
      {model_format::json, "json", "JSON model", {"json"}},
      {model_format::xmlbif, "xmlbif", "XMLBIF", {"xml", "bifxml", "xmlbif"}},
      {model_format::xdsl, "xdsl", "GeNIe XDSL", {"xdsl"}},
      {model_format::dsl, "dsl", "GeNIe DSL", {"dsl"}},
      {model_format::net, "net", "Hugin NET", {"net"}},
      {model_format::dne, "dne", "Netica DNE", {"dne"}},
      {model_format::dsc, "dsc", "DSC", {"dsc"}},
  };
  return table;
}

const format_info& info(model_format f) {
  for (const auto& i : formats())
    if (i.format == f) return i;
  throw error("unknown model format number " + std::to_string(static_cast<int>(f)));
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

[[noreturn]] void unknown_extension(const std::string& path) {
  throw error("cannot tell the model format of '" + path + "' from its extension (supported: " +
              supported_model_extensions() + "); give the format explicitly (" + supported_model_format_keys() + ")");
}

/// What sniffing found: the format, where, and how it showed.
struct sniffed {
  model_format format;
  std::size_t offset;
  std::string evidence;
};

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

std::optional<sniffed> sniff(std::string_view text) {
  std::size_t i = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  for (;;) {
    while (i < text.size() && detail_bif::is_space(text[i])) ++i;
    if (i >= text.size()) return std::nullopt;
    if (text.compare(i, 2, "//") == 0) {
      if (text.compare(i, 11, "// ~->[DNET") == 0) return sniffed{model_format::dne, i, "Netica's '// ~->[DNET' line"};
      const std::size_t nl = text.find('\n', i);
      if (nl == std::string_view::npos) return std::nullopt;
      i = nl + 1;
      continue;
    }
    if (text.compare(i, 2, "/*") == 0) {
      const std::size_t close = text.find("*/", i + 2);
      if (close == std::string_view::npos) return std::nullopt;
      i = close + 2;
      continue;
    }
    break;
  }
  const char c = text[i];
  if (c == '%') return sniffed{model_format::net, i, "a '%' comment, as Hugin writes"};
  if (c == '{') return sniffed{model_format::json, i, "'{'"};
  if (c == '<') {
    // Skip the declaration, comments, processing instructions and a DOCTYPE to the root element.
    std::size_t j = i;
    for (;;) {
      if (j >= text.size() || text[j] != '<') return std::nullopt;
      if (text.compare(j, 4, "<!--") == 0) {
        const std::size_t e = text.find("-->", j);
        if (e == std::string_view::npos) return std::nullopt;
        j = e + 3;
      } else if (text.compare(j, 2, "<?") == 0) {
        const std::size_t e = text.find("?>", j);
        if (e == std::string_view::npos) return std::nullopt;
        j = e + 2;
      } else if (text.compare(j, 2, "<!") == 0) {
        int depth = 0;  // DOCTYPE with an internal subset: [ ... ]
        std::size_t e = j + 2;
        for (; e < text.size(); ++e) {
          if (text[e] == '[') ++depth;
          if (text[e] == ']') --depth;
          if (text[e] == '>' && depth <= 0) break;
        }
        if (e >= text.size()) return std::nullopt;
        j = e + 1;
      } else {
        std::size_t e = j + 1;
        while (e < text.size() && (word_char(text[e]) || text[e] == ':' || text[e] == '-' || text[e] == '.')) ++e;
        const std::string root(text.substr(j + 1, e - j - 1));
        if (lower(root) == "bif") return sniffed{model_format::xmlbif, j, "an XML document with the root element <" + root + ">"};
        if (root == "smile") return sniffed{model_format::xdsl, j, "an XML document with the root element <smile>"};
        return std::nullopt;
      }
      while (j < text.size() && detail_bif::is_space(text[j])) ++j;
    }
  }
  std::size_t e = i;
  while (e < text.size() && word_char(text[e])) ++e;
  const std::string_view word = text.substr(i, e - i);
  if (word == "network" || word == "variable" || word == "probability")
    return sniffed{model_format::bif, i, "'" + std::string(word) + "'"};
  if (word == "bnet") return sniffed{model_format::dne, i, "'bnet'"};
  if (word == "belief") return sniffed{model_format::dsc, i, "'belief network'"};
  if (word == "potential") return sniffed{model_format::net, i, "'potential'"};
  if (word == "net") {
    std::size_t j = e;
    while (j < text.size() && detail_bif::is_space(text[j])) ++j;
    if (j < text.size() && text[j] == '{') return sniffed{model_format::net, i, "'net {'"};
    if (j < text.size()) return sniffed{model_format::dsl, i, "'net' followed by a network identifier"};
  }
  return std::nullopt;
}

}  // namespace

const std::vector<model_format>& all_model_formats() {
  static const std::vector<model_format> all = [] {
    std::vector<model_format> v;
    for (const auto& i : formats()) v.push_back(i.format);
    return v;
  }();
  return all;
}

std::string format_key(model_format format) { return info(format).key; }

std::string format_title(model_format format) { return info(format).title; }

std::optional<model_format> model_format_named(std::string_view key) {
  const std::string k = lower(key);
  for (const auto& i : formats())
    if (k == i.key) return i.format;
  return std::nullopt;
}

std::string supported_model_format_keys() {
  std::vector<std::string> keys;
  for (const auto& i : formats()) keys.emplace_back(i.key);
  return detail::join(keys);
}

std::string supported_model_extensions() {
  std::vector<std::string> exts;
  for (const auto& i : formats())
    for (const char* e : i.extensions) exts.push_back(std::string(".") + e);
  return detail::join(exts);
}

std::optional<model_format> model_format_of(const std::string& path) {
  const auto slash = path.find_last_of("/\\");
  const auto dot = path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return std::nullopt;
  const std::string ext = lower(path.substr(dot + 1));
  for (const auto& i : formats())
    for (const char* e : i.extensions)
      if (ext == e) return i.format;
  return std::nullopt;
}

std::optional<model_format> sniff_model_format(std::string_view text) {
  if (auto s = sniff(text)) return s->format;
  return std::nullopt;
}

bayesian_network parse_model(std::string_view text, model_format format, const std::string& source_name,
                             const read_options& options) {
  if (auto s = sniff(text); s && s->format != format) {
    const auto lc = detail_bif::line_column(text, s->offset);
    throw parse_error(source_name, lc.first, lc.second,
                      "read as " + format_title(format) + ", but the content starts like " + format_title(s->format) +
                          " (" + s->evidence + "); give the format explicitly (" + format_key(s->format) +
                          ") if the file name is misleading");
  }
  switch (format) {
    case model_format::bif: return parse_bif(text, source_name, options);
    case model_format::json: return parse_json(text, source_name, options);
    case model_format::xmlbif: return parse_xmlbif(text, source_name, options);
    case model_format::xdsl: return parse_xdsl(text, source_name, options);
    case model_format::dsl: return parse_dsl(text, source_name, options);
    case model_format::net: return parse_net(text, source_name, options);
    case model_format::dne: return parse_dne(text, source_name, options);
    case model_format::dsc: return parse_dsc(text, source_name, options);
  }
  throw error("unknown model format number " + std::to_string(static_cast<int>(format)));
}

std::string to_model(const bayesian_network& net, model_format format) {
  switch (format) {
    case model_format::bif: return to_bif(net);
    case model_format::json: return to_json(net);
    case model_format::xmlbif: return to_xmlbif(net);
    case model_format::xdsl: return to_xdsl(net);
    case model_format::dsl: return to_dsl(net);
    case model_format::net: return to_net(net);
    case model_format::dne: return to_dne(net);
    case model_format::dsc: return to_dsc(net);
  }
  throw error("unknown model format number " + std::to_string(static_cast<int>(format)));
}

std::vector<std::string> conversion_losses(const bayesian_network& net, model_format format) {
  switch (format) {
    case model_format::xdsl: return detail_formats::xdsl_losses(net);
    case model_format::dsl: return detail_formats::dsl_losses(net);
    case model_format::net: return detail_formats::net_losses(net);
    case model_format::dne: return detail_formats::dne_losses(net);
    case model_format::dsc: return detail_formats::dsc_losses(net);
    default: return {};  // BIF, JSON and XMLBIF carry everything, or refuse to write
  }
}

bayesian_network read_model(const std::string& path, const read_options& options) {
  const auto format = model_format_of(path);
  if (!format) unknown_extension(path);
  return read_model_as(path, *format, options);
}

bayesian_network read_model_as(const std::string& path, model_format format, const read_options& options) {
  const std::string what = format_title(format);
  const std::string text = detail_io::read_file(path, what.c_str());
  return parse_model(text, format, path, options);
}

void write_model(const bayesian_network& net, const std::string& path) {
  const auto format = model_format_of(path);
  if (!format) unknown_extension(path);
  write_model_as(net, path, *format);
}

void write_model_as(const bayesian_network& net, const std::string& path, model_format format) {
  const std::string what = format_title(format);
  detail_io::write_file(path, to_model(net, format), what.c_str());
}

conversion convert_model(const std::string& input, const std::string& output, std::optional<model_format> from,
                         std::optional<model_format> to, const read_options& options) {
  if (!from) from = model_format_of(input);
  if (!from) unknown_extension(input);
  if (!to) to = model_format_of(output);
  if (!to) unknown_extension(output);
  conversion c{*from, *to, read_model_as(input, *from, options), {}};
  const std::string text = to_model(c.network, *to);
  c.losses = conversion_losses(c.network, *to);
  const std::string what = format_title(*to);
  detail_io::write_file(output, text, what.c_str());
  return c;
}

}  // namespace augury::io
