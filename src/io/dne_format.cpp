// Netica DNE reader and writer (docs/formats/dne.md).

#include <augury/error.hpp>
#include <augury/io/dne.hpp>

#include "error_collector.hpp"
#include "file_io.hpp"
#include "format_common.hpp"
#include "text_lexer.hpp"

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <utility>
#include <vector>

namespace augury::io {
namespace {

using detail_text::block;
using detail_text::describe;
using detail_text::entry;
using detail_text::token;
using detail_text::token_kind;
using detail_text::value;

/// Netica's limit on the length of node and state names.
constexpr std::size_t max_name_length = 30;

const char* const identifier_rule =
    "Netica names start with an ASCII letter, contain only ASCII letters, digits and '_', and have at most 30 "
    "characters";

bool is_netica_name(std::string_view s) {
  return s.size() <= max_name_length && detail_formats::is_identifier(s);
}

struct dne_node {
  const entry* e = nullptr;
  std::string name;
  var_id v = 0;
  bool broken = false;  // its declaration failed (collect mode)
};

class dne_parser {
 public:
  dne_parser(std::string_view text, const std::string& source, const read_options& options)
      : lex_(text, source, {"{}()=;,", true, false, true}), tolerance_(options.sum_tolerance), errs_(options, source) {}

  bayesian_network run() {
    return errs_.guard([&] { return read(); });
  }

 private:
  // The text is read as a whole first, so a syntax error stops reading even in collect
  // mode; after that each node is checked on its own (declaration, then table).
  bayesian_network read() {
    const token kw = lex_.next();
    if (!kw.is_word("bnet"))
      lex_.fail(kw.offset, "expected 'bnet' starting the network (after the '// ~->[DNET-1]->~' line), found " +
                               describe(kw));
    const token name = lex_.next();
    if (!name.is_name()) lex_.fail(name.offset, "expected the network name after 'bnet', found " + describe(name));
    const token open = lex_.expect('{', "after the network name");
    detail_text::block_reader reader(lex_, ',');
    const auto body = reader.read_block(open.offset, "the bnet block");
    if (lex_.peek().is_punct(';')) lex_.next();
    const token end = lex_.next();
    if (end.kind != token_kind::end)
      lex_.fail(end.offset, "expected the end of the file after the bnet block, found " + describe(end));

    bayesian_network net(std::string(name.text));
    for (const char* key : {"title", "comment"})
      if (const entry* e = body->find(key); e && e->val.what == value::kind::string)
        net.properties()[key] = std::string(e->val.text);

    std::vector<dne_node> nodes;
    std::unordered_map<std::string, std::size_t> by_name;
    for (const auto& e : body->entries) {
      if (e.key.text != "node") continue;
      bool listed = false;
      const bool ok = errs_.attempt([&] {
        if (!e.name || !e.val.body) lex_.fail(e.key.offset, "expected 'node NAME { ... }'");
        dne_node n;
        n.e = &e;
        n.name = std::string(e.name->text);
        if (auto it = by_name.find(n.name); it != by_name.end())
          lex_.fail(e.name->offset, "node '" + n.name + "' is declared twice (first at line " +
                                        std::to_string(lex_.line_of(nodes[it->second].e->name->offset)) + ")");
        by_name.emplace(n.name, nodes.size());
        nodes.push_back(std::move(n));
        listed = true;
        nodes.back().v = declare(net, nodes.back());
      });
      // A node whose declaration failed stays listed, so that its children are set aside too.
      if (!ok && listed) nodes.back().broken = true;
    }
    for (const auto& n : nodes)
      if (!n.broken) errs_.attempt([&] { define(net, n, by_name, nodes); });
    return net;
  }

  std::string word_of(const block& b, const char* key, const char* fallback, std::size_t& offset) const {
    const entry* e = b.find(key);
    if (!e) return fallback;
    offset = e->val.offset;
    return std::string(e->val.text);
  }

  var_id declare(bayesian_network& net, const dne_node& n) {
    const block& b = *n.e->val.body;
    std::size_t at = n.e->name->offset;
    const std::string kind = word_of(b, "kind", "NATURE", at);
    if (kind != "NATURE")
      lex_.fail(at, "node '" + n.name + "' has kind = " + kind +
                        "; only NATURE (chance) nodes are supported (not DECISION, UTILITY or CONSTANT)");
    const std::string discrete = word_of(b, "discrete", "TRUE", at);
    if (discrete != "TRUE")
      lex_.fail(at, "node '" + n.name + "' has discrete = " + discrete + "; continuous nodes are not supported");
    const entry* states = b.find("states");
    if (!states || states->val.what != value::kind::list)
      lex_.fail(n.e->name->offset, "node '" + n.name +
                                       "' has no states = (s1, s2, ...) list (nodes with unnamed states are not supported)");
    if (states->val.empty_items > 0)
      lex_.fail(states->val.offset, "the states of node '" + n.name + "' have an empty entry");
    std::vector<std::string> names;
    for (const auto& t : states->val.leaves) names.emplace_back(t.text);
    if (const entry* numstates = b.find("numstates")) {
      std::size_t count = 0;
      const auto text = numstates->val.text;
      const auto r = std::from_chars(text.data(), text.data() + text.size(), count);
      if (r.ec != std::errc() || r.ptr != text.data() + text.size() || count != names.size())
        lex_.fail(numstates->val.offset, "node '" + n.name + "' has numstates = " + std::string(text) + " but lists " +
                                             std::to_string(names.size()) + " states");
    }
    try {
      return net.add_variable(n.name, std::move(names));
    } catch (const model_error& e) {
      lex_.fail(states->val.offset, e.what());
    }
  }

  void define(bayesian_network& net, const dne_node& n, const std::unordered_map<std::string, std::size_t>& by_name,
              const std::vector<dne_node>& nodes) {
    const block& b = *n.e->val.body;
    std::vector<var_id> parents;
    if (const entry* p = b.find("parents")) {
      if (p->val.what != value::kind::list || p->val.empty_items > 0)
        lex_.fail(p->val.offset, "expected parents = (A, B, ...) without empty entries in node '" + n.name + "'");
      for (const auto& t : p->val.leaves) {
        auto it = by_name.find(std::string(t.text));
        if (errs_.enabled() && it != by_name.end() && nodes[it->second].broken) return;  // set aside
        if (it == by_name.end()) {
          std::vector<std::string> names;
          for (const auto& m : nodes) names.push_back(m.name);
          lex_.fail(t.offset, "node '" + n.name + "' names unknown parent '" + std::string(t.text) + "' (nodes: " +
                                  detail_formats::limited_list(names) + ")");
        }
        parents.push_back(nodes[it->second].v);
      }
    }
    const variable& cv = net.var(n.v);
    const std::size_t k = cv.cardinality();
    std::vector<double> values;
    std::vector<std::size_t> offsets;
    std::string what = "probs";
    std::size_t list_offset = n.e->name->offset;
    std::size_t at = 0;
    const std::string chance = word_of(b, "chance", "CHANCE", at);
    const entry* probs = b.find("probs");
    const entry* functable = b.find("functable");
    if (probs) {
      list_offset = probs->val.offset;
      if (probs->val.what != value::kind::list || probs->val.empty_items > 0)
        lex_.fail(probs->val.offset, "expected probs = (p1, p2, ...) without empty entries in node '" + n.name + "'");
      values.reserve(probs->val.leaves.size());
      for (const auto& t : probs->val.leaves) {
        double x = 0.0;
        if (t.kind != token_kind::word || !detail_bif::parse_number(t.text, x)) {
          if (t.text == "@imposs")
            lex_.fail(t.offset, "the probs of node '" + n.name +
                                    "' mark a parent configuration as impossible (@imposs); such tables are not supported");
          lex_.fail(t.offset, "expected a number in the probs of node '" + n.name + "', found " + describe(t));
        }
        values.push_back(x);
        offsets.push_back(t.offset);
      }
    } else if (functable && chance == "DETERMIN") {
      // One state per parent configuration (by name or as #index): a 0/1 table.
      what = "functable";
      list_offset = functable->val.offset;
      if (functable->val.what != value::kind::list || functable->val.empty_items > 0)
        lex_.fail(functable->val.offset, "expected functable = (s1, s2, ...) without empty entries in node '" + n.name + "'");
      for (const auto& t : functable->val.leaves) {
        std::optional<std::size_t> s = cv.find_state(t.text);
        if (!s && t.text.size() > 1 && t.text[0] == '#') {
          std::size_t index = 0;
          const auto r = std::from_chars(t.text.data() + 1, t.text.data() + t.text.size(), index);
          if (r.ec == std::errc() && r.ptr == t.text.data() + t.text.size() && index < k) s = index;
        }
        if (!s)
          lex_.fail(t.offset, "the functable of node '" + n.name + "' names '" + std::string(t.text) +
                                  "', which is not one of its states (" + detail::join(cv.states()) + ")");
        for (std::size_t c = 0; c < k; ++c) {
          values.push_back(c == *s ? 1.0 : 0.0);
          offsets.push_back(t.offset);
        }
      }
    } else {
      lex_.fail(n.e->name->offset, "node '" + n.name + "' has no probs = (...) table" +
                                       (b.find("equation") ? " (tables given only by an equation are not supported)" : ""));
    }
    detail_formats::set_checked_cpt(net, n.v, parents, std::move(values), tolerance_, detail_formats::row_sums::check,
                                    what, [&](std::size_t row, const std::string& message) {
                                      const std::size_t i = row * k;
                                      lex_.fail(i < offsets.size() ? offsets[i] : list_offset, message);
                                    },
                                    &errs_);
  }

  detail_text::lexer lex_;
  double tolerance_;
  detail_io::error_collector errs_;
};

// ---- writer ------------------------------------------------------------------------------------

std::string network_identifier(const std::string& name) {
  if (is_netica_name(name)) return name;
  std::string id = detail_formats::to_identifier(name, "Network");
  if (id.size() > max_name_length) id.resize(max_name_length);
  return id;
}

/// A Netica string, or nothing if `s` has a control character other than tab and newline.
std::optional<std::string> dne_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      return std::nullopt;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

bool written_property(const std::string& key, const std::string& value) {
  return (key == "title" || key == "comment") && dne_string(value).has_value();
}

/// `text` padded with spaces to `width` characters (at least one space after it).
std::string padded(const std::string& text, std::size_t width) {
  return text + std::string(text.size() < width ? width - text.size() : 1, ' ');
}

}  // namespace

namespace detail_formats {

std::vector<std::string> dne_losses(const bayesian_network& net) {
  std::vector<std::string> lost;
  if (!is_netica_name(net.name()))
    lost.push_back("network name '" + net.name() + "' (written as '" + network_identifier(net.name()) +
                   "': a Netica name is an identifier of at most 30 characters)");
  for (const auto& [key, value] : net.properties())
    if (!written_property(key, value))
      lost.push_back("network property '" + key + "' = '" + value +
                     "' (DNE keeps only 'title' and 'comment', as strings without control characters other than "
                     "tab and newline)");
  return lost;
}

}  // namespace detail_formats

bayesian_network parse_dne(std::string_view text, const std::string& source_name, const read_options& options) {
  detail_io::check_read_options(options);
  return detail_io::read_collecting(options, source_name,
                                   [&] { return dne_parser(text, source_name, options).run(); });
}

bayesian_network read_dne(const std::string& path, const read_options& options) {
  const std::string text = detail_io::read_file(path, "DNE");
  return parse_dne(text, path, options);
}

std::string to_dne(const bayesian_network& net) {
  net.validate();
  for (const auto& v : net.variables()) {
    if (!is_netica_name(v.name()))
      throw error(detail_formats::unspellable("DNE", detail_formats::variable_text(v.name()), identifier_rule));
    for (const auto& s : v.states())
      if (!is_netica_name(s))
        throw error(detail_formats::unspellable("DNE", detail_formats::state_text(s, v.name()), identifier_rule));
  }
  std::string out = "// ~->[DNET-1]->~\n\nbnet " + network_identifier(net.name()) + " {\n";
  for (const auto& [key, value] : net.properties())
    if (written_property(key, value)) out += key + " = " + *dne_string(value) + ";\n";
  out += "autoupdate = TRUE;\n";
  for (var_id id = 0; id < net.size(); ++id) {
    const variable& v = net.var(id);
    const cpt& table = net.cpt_of(id);
    const auto& parents = table.parents();
    const std::size_t k = v.cardinality();
    out += "\nnode " + v.name() + " {\n\tkind = NATURE;\n\tdiscrete = TRUE;\n\tchance = CHANCE;\n\tstates = (";
    for (std::size_t s = 0; s < k; ++s) {
      if (s) out += ", ";
      out += v.state(s);
    }
    out += ");\n\tparents = (";
    for (std::size_t i = 0; i < parents.size(); ++i) {
      if (i) out += ", ";
      out += net.var(parents[i]).name();
    }
    out += ");\n\tprobs = \n\t\t// ";
    // Columns wide enough for every number and state name of this table.
    const auto& values = table.table().values();
    std::vector<std::string> numbers(values.size());
    std::size_t width = 12;
    for (std::size_t i = 0; i < values.size(); ++i) {
      detail_formats::append_number(numbers[i], values[i]);
      width = std::max(width, numbers[i].size() + 2);
    }
    for (const auto& s : v.states()) width = std::max(width, s.size() + 1);
    for (std::size_t s = 0; s < k; ++s) out += padded(v.state(s), width);
    if (!parents.empty()) {
      out += " //";
      for (var_id p : parents) out += " " + net.var(p).name();
    }
    while (out.back() == ' ') out.pop_back();
    std::vector<std::size_t> idx(parents.size(), 0);
    for (std::size_t r = 0; r < table.rows(); ++r) {
      out += r == 0 ? "\n\t\t  (" : "\n\t\t   ";
      for (std::size_t c = 0; c < k; ++c) {
        const bool last = r + 1 == table.rows() && c + 1 == k;
        out += padded(numbers[r * k + c] + (last ? ");" : ","), width);
      }
      if (!parents.empty()) {
        out += "//";
        for (std::size_t i = 0; i < parents.size(); ++i) out += " " + net.var(parents[i]).state(idx[i]);
        for (std::size_t i = parents.size(); i-- > 0;) {  // last parent fastest
          if (++idx[i] < net.var(parents[i]).cardinality()) break;
          idx[i] = 0;
        }
      }
      while (!out.empty() && out.back() == ' ') out.pop_back();
    }
    out += "\n\t};\n";
  }
  out += "};\n";
  return out;
}

void write_dne(const bayesian_network& net, const std::string& path) {
  detail_io::write_file(path, to_dne(net), "DNE");
}

}  // namespace augury::io
