// DSC reader and writer (docs/formats/dsc.md).

#include <augury/error.hpp>
#include <augury/io/dsc.hpp>

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

using detail_text::describe;
using detail_text::token;
using detail_text::token_kind;

const char* const identifier_rule =
    "DSC node names start with an ASCII letter or '_' and contain only ASCII letters, digits and '_'";

struct dsc_row {
  enum class kind { labelled, fallback, plain } what = kind::plain;
  std::size_t offset = 0;
  std::vector<token> labels;
  std::vector<double> values;
  std::vector<std::size_t> offsets;
};

struct dsc_block {
  token keyword;
  token child;
  std::vector<token> parents;
  std::vector<dsc_row> rows;
  std::size_t close_offset = 0;
};

struct dsc_node {
  token name;
  var_id v = 0;
};

class dsc_parser {
 public:
  dsc_parser(std::string_view text, const std::string& source, const read_options& options)
      : lex_(text, source, {"{}()[]:;,|=", true, false, false}), tolerance_(options.sum_tolerance),
        errs_(options, source) {}

  bayesian_network run() {
    return errs_.guard([&] { return read(); });
  }

 private:
  // A syntax error or a bad node declaration stops reading even in collect mode; after the
  // text is read, each probability block is checked on its own.
  bayesian_network read() {
    bayesian_network net;
    token t = lex_.next();
    if (!t.is_word("belief"))
      lex_.fail(t.offset, "expected 'belief network \"name\"' at the start of a DSC file, found " + describe(t));
    t = lex_.next();
    if (!t.is_word("network")) lex_.fail(t.offset, "expected 'network' after 'belief', found " + describe(t));
    t = lex_.next();
    if (!t.is_name()) lex_.fail(t.offset, "expected the network name after 'belief network', found " + describe(t));
    net.set_name(std::string(t.text));
    if (lex_.peek().is_punct('{')) skip_braces(lex_.next());

    for (;;) {
      t = lex_.next();
      if (t.kind == token_kind::end) break;
      if (t.is_word("node")) {
        read_node(net, t);
      } else if (t.is_word("probability")) {
        read_probability(t);
      } else {
        lex_.fail(t.offset, "expected 'node' or 'probability', found " + describe(t));
      }
    }
    std::vector<std::optional<std::size_t>> block_of(nodes_.size());
    for (std::size_t i = 0; i < blocks_.size(); ++i) {
      errs_.attempt([&] {
        const std::size_t c = lookup(blocks_[i].child, "variable");
        if (block_of[c])
          lex_.fail(blocks_[i].keyword.offset, "a second probability block for '" + std::string(blocks_[i].child.text) +
                                                   "' (the first is at line " +
                                                   std::to_string(lex_.line_of(blocks_[*block_of[c]].keyword.offset)) + ")");
        block_of[c] = i;
        define(net, blocks_[i], nodes_[c].v);
      });
    }
    for (std::size_t c = 0; c < nodes_.size(); ++c)
      if (!block_of[c])
        errs_.report(lex_.error_at(nodes_[c].name.offset,
                                   "node '" + std::string(nodes_[c].name.text) + "' has no probability block"));
    return net;
  }

  void skip_braces(const token& open) {
    int depth = 1;
    while (depth > 0) {
      const token t = lex_.next();
      if (t.kind == token_kind::end)
        lex_.fail(open.offset, "the '{' opened here is never closed");
      if (t.is_punct('{')) ++depth;
      if (t.is_punct('}')) --depth;
    }
  }

  // node NAME { type : discrete [ k ] = { "s1", ... }; other : value; ... }
  void read_node(bayesian_network& net, const token& keyword) {
    const token name = lex_.next();
    if (!name.is_name()) lex_.fail(name.offset, "expected a node name after 'node', found " + describe(name));
    const std::string var_name(name.text);
    const token open = lex_.expect('{', "after the name of node '" + var_name + "'");
    std::optional<std::vector<std::string>> states;
    std::size_t states_offset = name.offset;
    for (;;) {
      const token t = lex_.next();
      if (t.is_punct('}')) break;
      if (t.kind == token_kind::end)
        lex_.fail(t.offset, "expected '}' closing node '" + var_name + "' (opened at line " +
                                std::to_string(lex_.line_of(open.offset)) + "), found end of input");
      if (t.kind != token_kind::word)
        lex_.fail(t.offset, "expected an attribute such as 'type' in node '" + var_name + "', found " + describe(t));
      lex_.expect(':', "after '" + std::string(t.text) + "' in node '" + var_name + "'");
      if (t.text != "type") {  // name, position, label, ...: skipped
        skip_to_semicolon(var_name);
        continue;
      }
      if (states) lex_.fail(t.offset, "node '" + var_name + "' has a second 'type'");
      const token kind = lex_.next();
      if (!kind.is_word("discrete"))
        lex_.fail(kind.offset, "expected 'discrete' after 'type :' in node '" + var_name +
                                   "' (only discrete nodes are supported), found " + describe(kind));
      lex_.expect('[', "after 'discrete' in node '" + var_name + "'");
      const token count = lex_.next();
      std::size_t k = 0;
      const auto r = std::from_chars(count.text.data(), count.text.data() + count.text.size(), k);
      if (count.kind != token_kind::word || r.ec != std::errc() || r.ptr != count.text.data() + count.text.size() || k == 0)
        lex_.fail(count.offset, "expected the number of states of node '" + var_name + "', found " + describe(count));
      lex_.expect(']', "after the number of states of node '" + var_name + "'");
      lex_.expect('=', "after 'discrete [ " + std::to_string(k) + " ]' in node '" + var_name + "'");
      const token list = lex_.expect('{', "opening the states of node '" + var_name + "'");
      states_offset = list.offset;
      states.emplace();
      for (;;) {
        const token s = lex_.next();
        if (!s.is_name())
          lex_.fail(s.offset, "expected a state name in node '" + var_name + "', found " + describe(s));
        states->emplace_back(s.text);
        const token sep = lex_.next();
        if (sep.is_punct('}')) break;
        if (!sep.is_punct(','))
          lex_.fail(sep.offset, "expected ',' or '}' in the states of node '" + var_name + "', found " + describe(sep));
      }
      if (states->size() != k)
        lex_.fail(list.offset, "node '" + var_name + "' declares " + std::to_string(k) + " states but lists " +
                                   std::to_string(states->size()));
      lex_.expect(';', "after the states of node '" + var_name + "'");
    }
    if (!states) lex_.fail(keyword.offset, "node '" + var_name + "' has no 'type : discrete [ k ] = { ... };' entry");
    if (by_name_.count(var_name))
      lex_.fail(name.offset, "node '" + var_name + "' is declared twice (first at line " +
                                 std::to_string(lex_.line_of(nodes_[by_name_[var_name]].name.offset)) + ")");
    dsc_node n;
    n.name = name;
    try {
      n.v = net.add_variable(var_name, std::move(*states));
    } catch (const model_error& e) {
      lex_.fail(states_offset, e.what());
    }
    by_name_.emplace(var_name, nodes_.size());
    nodes_.push_back(n);
  }

  void skip_to_semicolon(const std::string& var_name) {
    int depth = 0;
    for (;;) {
      const token t = lex_.next();
      if (t.kind == token_kind::end)
        lex_.fail(t.offset, "expected ';' ending an attribute of node '" + var_name + "', found end of input");
      if (t.is_punct('(') || t.is_punct('{') || t.is_punct('[')) ++depth;
      if (t.is_punct(')') || t.is_punct('}') || t.is_punct(']')) --depth;
      if (depth <= 0 && t.is_punct(';')) return;
    }
  }

  // probability ( CHILD | P1, P2 ) { (i, j) : p1, p2; ... }
  void read_probability(const token& keyword) {
    dsc_block b;
    b.keyword = keyword;
    lex_.expect('(', "after 'probability'");
    b.child = lex_.next();
    if (!b.child.is_name()) lex_.fail(b.child.offset, "expected a variable name after 'probability (', found " + describe(b.child));
    const std::string child(b.child.text);
    token t = lex_.next();
    if (t.is_punct('|')) {
      for (;;) {
        const token p = lex_.next();
        if (!p.is_name()) lex_.fail(p.offset, "expected a parent name in the header of '" + child + "', found " + describe(p));
        b.parents.push_back(p);
        t = lex_.next();
        if (!t.is_punct(',')) break;
      }
    }
    if (!t.is_punct(')'))
      lex_.fail(t.offset, "expected ')' closing the header of '" + child + "', found " + describe(t));
    const token open = lex_.expect('{', "after the header of '" + child + "'");
    for (;;) {
      t = lex_.next();
      if (t.is_punct('}')) {
        b.close_offset = t.offset;
        break;
      }
      if (t.kind == token_kind::end)
        lex_.fail(t.offset, "expected '}' closing the probability block of '" + child + "' (opened at line " +
                                std::to_string(lex_.line_of(open.offset)) + "), found end of input");
      dsc_row row;
      row.offset = t.offset;
      if (t.is_punct('(')) {
        row.what = dsc_row::kind::labelled;
        for (;;) {
          const token l = lex_.next();
          if (l.kind != token_kind::word)
            lex_.fail(l.offset, "expected a state index in a row label of '" + child + "', found " + describe(l));
          row.labels.push_back(l);
          const token sep = lex_.next();
          if (sep.is_punct(')')) break;
          if (!sep.is_punct(','))
            lex_.fail(sep.offset, "expected ',' or ')' in a row label of '" + child + "', found " + describe(sep));
        }
        lex_.expect(':', "after the row label in the probability block of '" + child + "'");
      } else if (t.is_word("default")) {
        row.what = dsc_row::kind::fallback;
        lex_.expect(':', "after 'default' in the probability block of '" + child + "'");
      } else if (t.is_word("function")) {
        const token f = (lex_.peek().is_punct(':') ? (lex_.next(), lex_.next()) : lex_.next());
        lex_.fail(t.offset, "the probability block of '" + child + "' declares 'function : " + std::string(f.text) +
                                "' (a noisy-MAX/noisy-OR model); only full tables are supported");
      } else {
        row.what = dsc_row::kind::plain;
        row.values.emplace_back();
        row.offsets.push_back(t.offset);
        if (t.kind != token_kind::word || !detail_bif::parse_number(t.text, row.values.back()))
          lex_.fail(t.offset, "expected a row label '(i, j) :', 'default :' or a number in the probability block of '" +
                                  child + "', found " + describe(t));
        t = lex_.next();
        if (t.is_punct(';')) {
          b.rows.push_back(std::move(row));
          continue;
        }
        if (!t.is_punct(','))
          lex_.fail(t.offset, "expected ',' or ';' in the probability block of '" + child + "', found " + describe(t));
      }
      for (;;) {
        const token v = lex_.next();
        double x = 0.0;
        if (v.kind != token_kind::word || !detail_bif::parse_number(v.text, x))
          lex_.fail(v.offset, "expected a number in the probability block of '" + child + "', found " + describe(v));
        row.values.push_back(x);
        row.offsets.push_back(v.offset);
        const token sep = lex_.next();
        if (sep.is_punct(';')) break;
        if (!sep.is_punct(','))
          lex_.fail(sep.offset, "expected ',' or ';' in the probability block of '" + child + "', found " + describe(sep));
      }
      b.rows.push_back(std::move(row));
    }
    blocks_.push_back(std::move(b));
  }

  std::size_t lookup(const token& name, const std::string& role) const {
    auto it = by_name_.find(std::string(name.text));
    if (it == by_name_.end()) {
      std::vector<std::string> names;
      for (const auto& n : nodes_) names.emplace_back(n.name.text);
      lex_.fail(name.offset, "probability block names unknown " + role + " '" + std::string(name.text) + "' (nodes: " +
                                 (names.empty() ? std::string("none declared") : detail_formats::limited_list(names)) + ")");
    }
    return it->second;
  }

  static std::string label_text(const dsc_row& row) {
    std::string s = "(";
    for (std::size_t i = 0; i < row.labels.size(); ++i) s += (i ? ", " : "") + std::string(row.labels[i].text);
    return s + ")";
  }

  void define(bayesian_network& net, const dsc_block& b, var_id child) {
    const std::string cname(b.child.text);
    std::vector<var_id> parents;
    for (const auto& p : b.parents) {
      const var_id pv = nodes_[lookup(p, "parent")].v;
      parents.push_back(pv);
    }
    const std::size_t k = net.var(child).cardinality();
    const std::size_t size = detail_formats::table_size(net, parents, child);
    if (size == 0)
      lex_.fail(b.keyword.offset, "the table of '" + cname + "' would have more entries than memory can hold");
    const std::size_t rows = size / k;
    std::vector<double> table(size, 0.0);
    constexpr std::size_t none = static_cast<std::size_t>(-1);
    std::vector<std::size_t> source(rows, none);
    std::optional<std::size_t> fallback;
    bool plain = false;
    for (std::size_t ri = 0; ri < b.rows.size(); ++ri) {
      const dsc_row& row = b.rows[ri];
      if (row.what == dsc_row::kind::plain) {
        if (!parents.empty())
          lex_.fail(row.offset, "the probability block of '" + cname + "' has a row without a '(i, j) :' label, but '" +
                                    cname + "' has parents; every row needs the state indices of its parents");
        if (plain) lex_.fail(row.offset, "the probability block of '" + cname + "' gives its table twice");
        plain = true;
      }
      if (row.what == dsc_row::kind::fallback) {
        if (fallback)
          lex_.fail(row.offset, "the probability block of '" + cname + "' has a second 'default' (the first is at line " +
                                    std::to_string(lex_.line_of(b.rows[*fallback].offset)) + ")");
        fallback = ri;
      }
      if (row.values.size() != k)
        lex_.fail(row.offset, std::string(row.what == dsc_row::kind::labelled ? "row " + label_text(row) : "the row") +
                                  " of '" + cname + "' has " + std::to_string(row.values.size()) + " values, but '" +
                                  cname + "' has " + std::to_string(k) + " states (" +
                                  detail_formats::limited_list(net.var(child).states()) + ")");
      if (row.what != dsc_row::kind::labelled) {
        if (row.what == dsc_row::kind::plain) {
          std::copy(row.values.begin(), row.values.end(), table.begin());
          source[0] = ri;
        }
        continue;
      }
      if (row.labels.size() != parents.size())
        lex_.fail(row.offset, "row " + label_text(row) + " of '" + cname + "' has " + std::to_string(row.labels.size()) +
                                  " indices but '" + cname + "' has " + std::to_string(parents.size()) + " parents");
      std::size_t r = 0;
      for (std::size_t i = 0; i < parents.size(); ++i) {
        const token& l = row.labels[i];
        const variable& pv = net.var(parents[i]);
        std::size_t index = 0;
        const auto res = std::from_chars(l.text.data(), l.text.data() + l.text.size(), index);
        if (res.ec != std::errc() || res.ptr != l.text.data() + l.text.size() || index >= pv.cardinality())
          lex_.fail(l.offset, "row " + label_text(row) + " of '" + cname + "': '" + std::string(l.text) +
                                  "' is not a state index of parent '" + pv.name() + "' (0 to " +
                                  std::to_string(pv.cardinality() - 1) + ": " + detail_formats::limited_list(pv.states()) + ")");
        r = r * pv.cardinality() + index;
      }
      if (source[r] != none)
        lex_.fail(row.offset, "row " + label_text(row) + " of '" + cname + "' is given twice (first at line " +
                                  std::to_string(lex_.line_of(b.rows[source[r]].offset)) + ")");
      std::copy(row.values.begin(), row.values.end(), table.begin() + static_cast<std::ptrdiff_t>(r * k));
      source[r] = ri;
    }
    std::vector<std::size_t> missing;
    for (std::size_t r = 0; r < rows; ++r) {
      if (source[r] != none) continue;
      if (fallback) {
        std::copy(b.rows[*fallback].values.begin(), b.rows[*fallback].values.end(),
                  table.begin() + static_cast<std::ptrdiff_t>(r * k));
        source[r] = *fallback;
      } else {
        missing.push_back(r);
      }
    }
    if (!missing.empty()) {
      std::vector<std::string> shown;
      for (std::size_t i = 0; i < missing.size() && i < 5; ++i)
        shown.push_back("(" + detail_formats::configuration_text(net, parents, missing[i]) + ")");
      lex_.fail(b.close_offset, "the probability block of '" + cname + "' has no row for " + shown.front() +
                                    " and no 'default' (" + std::to_string(missing.size()) + " of " +
                                    std::to_string(rows) + " parent configurations missing: " + detail::join(shown) +
                                    (missing.size() > shown.size() ? ", ..." : "") + ")");
    }
    detail_formats::set_checked_cpt(
        net, child, parents, std::move(table), tolerance_, detail_formats::row_sums::check, "probability block",
        [&](std::size_t r, const std::string& message) {
          if (r < rows && source[r] != none) {
            const dsc_row& row = b.rows[source[r]];
            const std::string block = "in its probability block";
            const std::size_t at = message.find(block);
            if (at == std::string::npos) lex_.fail(row.offset, message);
            const std::string entry = row.what == dsc_row::kind::labelled ? "in row " + label_text(row)
                                      : row.what == dsc_row::kind::fallback ? "in its default row"
                                                                            : "in its probability block";
            lex_.fail(row.offset, message.substr(0, at) + entry + message.substr(at + block.size()));
          }
          lex_.fail(b.keyword.offset, message);
        },
        &errs_);
  }

  detail_text::lexer lex_;
  double tolerance_;
  detail_io::error_collector errs_;
  std::vector<dsc_node> nodes_;
  std::unordered_map<std::string, std::size_t> by_name_;
  std::vector<dsc_block> blocks_;
};

bool writable_string(const std::string& s) {
  return s.find('"') == std::string::npos && s.find('\\') == std::string::npos &&
         !detail_formats::has_control_character(s);
}

}  // namespace

namespace detail_formats {

std::vector<std::string> dsc_losses(const bayesian_network& net) {
  std::vector<std::string> lost;
  if (!writable_string(net.name()))
    lost.push_back("network name '" + net.name() + "' (a DSC string cannot hold '\"', '\\' or control characters)");
  for (const auto& [key, value] : net.properties())
    lost.push_back("network property '" + key + "' = '" + value + "' (DSC has no network properties)");
  return lost;
}

}  // namespace detail_formats

bayesian_network parse_dsc(std::string_view text, const std::string& source_name, const read_options& options) {
  detail_io::check_read_options(options);
  return detail_io::read_collecting(options, source_name,
                                   [&] { return dsc_parser(text, source_name, options).run(); });
}

bayesian_network read_dsc(const std::string& path, const read_options& options) {
  const std::string text = detail_io::read_file(path, "DSC");
  return parse_dsc(text, path, options);
}

std::string to_dsc(const bayesian_network& net) {
  net.validate();
  for (const auto& v : net.variables()) {
    if (!detail_formats::is_identifier(v.name(), true))
      throw error(detail_formats::unspellable("DSC", detail_formats::variable_text(v.name()), identifier_rule));
    for (const auto& s : v.states())
      if (!writable_string(s))
        throw error(detail_formats::unspellable("DSC", detail_formats::state_text(s, v.name()),
                                                "a DSC string cannot hold '\"', '\\' or control characters"));
  }
  std::string out = "belief network \"" + (writable_string(net.name()) ? net.name() : std::string()) + "\"\n";
  for (const auto& v : net.variables()) {
    out += "node " + v.name() + " {\n  type : discrete [ " + std::to_string(v.cardinality()) + " ] = { ";
    for (std::size_t s = 0; s < v.cardinality(); ++s) out += (s ? ", \"" : "\"") + v.state(s) + "\"";
    out += " };\n}\n";
  }
  for (var_id id = 0; id < net.size(); ++id) {
    const cpt& table = net.cpt_of(id);
    const auto& parents = table.parents();
    const auto& values = table.table().values();
    const std::size_t k = table.columns();
    out += "probability ( " + net.var(id).name();
    for (std::size_t i = 0; i < parents.size(); ++i) out += (i ? ", " : " | ") + net.var(parents[i]).name();
    out += " ) {\n";
    if (parents.empty()) {
      out += "   ";
      for (std::size_t c = 0; c < k; ++c) {
        if (c) out += ", ";
        detail_formats::append_number(out, values[c]);
      }
      out += ";\n";
    } else {
      // Rows with the first parent varying fastest, as bnlearn writes them.
      std::vector<std::size_t> idx(parents.size(), 0);
      for (std::size_t n = 0; n < table.rows(); ++n) {
        std::size_t r = 0;
        out += "  (";
        for (std::size_t i = 0; i < parents.size(); ++i) {
          if (i) out += ", ";
          out += std::to_string(idx[i]);
          r = r * net.var(parents[i]).cardinality() + idx[i];
        }
        out += ") : ";
        for (std::size_t c = 0; c < k; ++c) {
          if (c) out += ", ";
          detail_formats::append_number(out, values[r * k + c]);
        }
        out += ";\n";
        for (std::size_t i = 0; i < parents.size(); ++i) {
          if (++idx[i] < net.var(parents[i]).cardinality()) break;
          idx[i] = 0;
        }
      }
    }
    out += "}\n";
  }
  return out;
}

void write_dsc(const bayesian_network& net, const std::string& path) {
  detail_io::write_file(path, to_dsc(net), "DSC");
}

}  // namespace augury::io
