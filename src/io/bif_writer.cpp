// BIF writer in the bnlearn layout (docs/formats/bif.md).

#include <augury/error.hpp>
#include <augury/io/bif.hpp>

#include "bif_common.hpp"
#include "file_io.hpp"

#include <charconv>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace augury::io {
namespace {

/// Whether `name` reads back as itself when written without quotes.
bool is_plain(std::string_view name) {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    if (c < 0x20 || c == 0x7F || detail_bif::is_delimiter(name[i])) return false;
    if (c == '/' && i + 1 < name.size() && (name[i + 1] == '/' || name[i + 1] == '*')) return false;
  }
  return true;
}

std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string name_text(std::string_view name) {
  return is_plain(name) ? std::string(name) : quoted(name);
}

/// Shortest decimal form that reads back to the same double.
void append_number(std::string& out, double v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

/// `property ...;` for one network property, so that split_property gives back key and value.
std::string property_line(const std::string& key, const std::string& value) {
  const auto has_edge_space = [](const std::string& s) {
    return !s.empty() && (detail_bif::is_space(s.front()) || detail_bif::is_space(s.back()));
  };
  if (key.find('=') != std::string::npos || has_edge_space(key) || has_edge_space(value))
    throw error("network property '" + key + "' = '" + value +
                "' cannot be written to BIF unchanged: the key must not contain '=' and neither key nor "
                "value may start or end with white space");
  bool plain = is_plain(key);
  for (std::size_t i = 0; plain && i < value.size(); ++i) {
    const auto c = static_cast<unsigned char>(value[i]);
    if (c < 0x20 || c == 0x7F || c == ';' || c == '"' || c == '{' || c == '}' || c == '\\' ||
        (c == '/' && i + 1 < value.size() && (value[i + 1] == '/' || value[i + 1] == '*')))
      plain = false;
  }
  if (plain) return "  property " + key + " = " + value + ";\n";
  return "  property " + quoted(key + " = " + value) + ";\n";
}

}  // namespace

std::string to_bif(const bayesian_network& net) {
  net.validate();
  std::string out;
  out.reserve(64 * net.size());
  out += "network " + name_text(net.name()) + " {\n";
  for (const auto& [key, value] : net.properties()) out += property_line(key, value);
  out += "}\n";

  for (const auto& v : net.variables()) {
    out += "variable " + name_text(v.name()) + " {\n  type discrete [ " + std::to_string(v.cardinality()) +
           " ] { ";
    for (std::size_t s = 0; s < v.cardinality(); ++s) {
      if (s) out += ", ";
      out += name_text(v.state(s));
    }
    out += " };\n}\n";
  }

  for (var_id id = 0; id < net.size(); ++id) {
    const cpt& table = net.cpt_of(id);
    const auto& parents = table.parents();
    const auto& values = table.table().values();
    const std::size_t k = table.columns();
    out += "probability ( " + name_text(net.var(id).name());
    for (std::size_t i = 0; i < parents.size(); ++i)
      out += (i == 0 ? " | " : ", ") + name_text(net.var(parents[i]).name());
    out += " ) {\n";
    if (parents.empty()) {
      out += "  table ";
      for (std::size_t c = 0; c < k; ++c) {
        if (c) out += ", ";
        append_number(out, values[c]);
      }
      out += ";\n";
    } else {
      // Plain names of every parent state, computed once.
      std::vector<std::vector<std::string>> labels;
      for (var_id p : parents) {
        labels.emplace_back();
        for (const auto& s : net.var(p).states()) labels.back().push_back(name_text(s));
      }
      std::vector<std::size_t> idx(parents.size(), 0);
      for (std::size_t r = 0; r < table.rows(); ++r) {
        out += "  (";
        for (std::size_t i = 0; i < parents.size(); ++i) {
          if (i) out += ", ";
          out += labels[i][idx[i]];
        }
        out += ") ";
        for (std::size_t c = 0; c < k; ++c) {
          if (c) out += ", ";
          append_number(out, values[r * k + c]);
        }
        out += ";\n";
        for (std::size_t i = parents.size(); i-- > 0;) {  // last parent fastest
          if (++idx[i] < labels[i].size()) break;
          idx[i] = 0;
        }
      }
    }
    out += "}\n";
  }
  return out;
}

void write_bif(const bayesian_network& net, const std::string& path) {
  detail_io::write_file(path, to_bif(net), "BIF");
}

}  // namespace augury::io
