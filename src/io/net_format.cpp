// Hugin NET reader and writer (docs/formats/net.md).

#include <augury/error.hpp>
#include <augury/io/net.hpp>

#include "error_collector.hpp"
#include "file_io.hpp"
#include "format_common.hpp"
#include "text_lexer.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
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

const char* const identifier_rule =
    "Hugin node names start with an ASCII letter or '_' and contain only ASCII letters, digits and '_'";

struct net_node {
  token name;
  std::shared_ptr<block> body;
  var_id v = 0;
  bool broken = false;  // its declaration failed (collect mode)
};

struct net_potential {
  token keyword;
  token child;
  std::vector<token> parents;
  std::shared_ptr<block> body;
};

bool is_node_kind_word(std::string_view w) {
  return w == "discrete" || w == "continuous" || w == "chance" || w == "decision" || w == "utility" ||
         w == "function" || w == "node";
}

class net_parser {
 public:
  net_parser(std::string_view text, const std::string& source, const read_options& options)
      : lex_(text, source, {"{}()=;|", true, true, false}), reader_(lex_, 0), tolerance_(options.sum_tolerance),
        errs_(options, source) {}

  bayesian_network run() {
    return errs_.guard([&] { return read(); });
  }

 private:
  // A syntax error stops reading even in collect mode; after the text is read, each node and
  // each potential is checked on its own.
  bayesian_network read() {
    for (;;) {
      const token t = lex_.next();
      if (t.kind == token_kind::end) break;
      if (t.is_word("net")) {
        if (net_block_)
          lex_.fail(t.offset, "a second 'net' block (the first is at line " + std::to_string(lex_.line_of(net_offset_)) + ")");
        net_offset_ = t.offset;
        const token open = lex_.expect('{', "after 'net'");
        net_block_ = reader_.read_block(open.offset, "the net block");
      } else if (t.kind == token_kind::word && is_node_kind_word(t.text)) {
        read_node(t);
      } else if (t.is_word("potential")) {
        read_potential(t);
      } else if (t.is_word("class")) {
        lex_.fail(t.offset, "object-oriented NET classes ('class') are not supported; save the network as a plain "
                            "(flat) NET file");
      } else {
        lex_.fail(t.offset, "expected 'net', 'node' or 'potential', found " + describe(t));
      }
    }

    bayesian_network net;
    if (net_block_) read_net_attributes(net);
    std::unordered_map<std::string, std::size_t> by_name;
    for (auto& n : nodes_) n.broken = !errs_.attempt([&] {
      const std::string name(n.name.text);
      if (auto it = by_name.find(name); it != by_name.end())
        lex_.fail(n.name.offset, "node '" + name + "' is declared twice (first at line " +
                                     std::to_string(lex_.line_of(nodes_[it->second].name.offset)) + ")");
      by_name.emplace(name, static_cast<std::size_t>(&n - nodes_.data()));
      const entry* states = n.body->find("states");
      if (!states || states->val.what != value::kind::list)
        lex_.fail(n.name.offset, "node '" + name + "' has no states = (\"s1\" \"s2\" ...) attribute");
      std::vector<std::string> names;
      for (const auto& s : states->val.leaves) names.emplace_back(s.text);
      try {
        n.v = net.add_variable(name, std::move(names));
      } catch (const model_error& e) {
        lex_.fail(states->val.offset, e.what());
      }
    });

    std::vector<std::optional<std::size_t>> potential_of(nodes_.size());
    for (std::size_t i = 0; i < potentials_.size(); ++i) {
      const auto& p = potentials_[i];
      errs_.attempt([&] {
        const std::size_t c = lookup(by_name, p.child, "node");
        if (potential_of[c])
          lex_.fail(p.keyword.offset, "a second potential for '" + std::string(p.child.text) + "' (the first is at line " +
                                          std::to_string(lex_.line_of(potentials_[*potential_of[c]].keyword.offset)) + ")");
        potential_of[c] = i;
        if (errs_.enabled()) {
          // A potential over a node whose declaration failed is not checked.
          bool broken = nodes_[c].broken;
          for (const auto& t : p.parents)
            if (auto it = by_name.find(std::string(t.text)); it != by_name.end()) broken = broken || nodes_[it->second].broken;
          if (broken) return;
        }
        define(net, p, nodes_[c].v, by_name);
      });
    }
    for (std::size_t c = 0; c < nodes_.size(); ++c)
      if (!potential_of[c] && !nodes_[c].broken)
        errs_.report(lex_.error_at(nodes_[c].name.offset, "node '" + std::string(nodes_[c].name.text) + "' has no potential"));
    return net;
  }

  // [discrete|continuous] [chance|decision|utility|function] node NAME { ... }
  void read_node(const token& first) {
    std::vector<std::string_view> kinds{first.text};
    token t = first;
    while (t.text != "node" && t.text != "decision" && t.text != "utility" && t.text != "function") {
      t = lex_.next();
      if (t.kind != token_kind::word || !is_node_kind_word(t.text))
        lex_.fail(t.offset, "expected 'node' after '" + std::string(kinds.back()) + "', found " + describe(t));
      kinds.push_back(t.text);
    }
    const token name = lex_.next();
    if (!name.is_name()) lex_.fail(name.offset, "expected a node name after '" + std::string(t.text) + "', found " + describe(name));
    for (auto k : kinds)
      if (k == "continuous" || k == "decision" || k == "utility" || k == "function")
        lex_.fail(first.offset, "node '" + std::string(name.text) + "' is a " + std::string(k) +
                                    " node; only discrete chance nodes are supported");
    const token open = lex_.expect('{', "after the name of node '" + std::string(name.text) + "'");
    nodes_.push_back({name, reader_.read_block(open.offset, "node '" + std::string(name.text) + "'"), 0});
  }

  // potential ( CHILD | P1 P2 ... ) { data = (...); ... }
  void read_potential(const token& keyword) {
    net_potential p;
    p.keyword = keyword;
    lex_.expect('(', "after 'potential'");
    p.child = lex_.next();
    if (!p.child.is_name()) lex_.fail(p.child.offset, "expected a node name after 'potential (', found " + describe(p.child));
    token t = lex_.next();
    if (t.is_name())
      lex_.fail(t.offset, "the potential of '" + std::string(p.child.text) + "' names a second node '" +
                              std::string(t.text) + "' before '|'; only one child per potential is supported");
    if (t.is_punct('|')) {
      for (t = lex_.next(); t.is_name(); t = lex_.next()) p.parents.push_back(t);
    }
    if (!t.is_punct(')'))
      lex_.fail(t.offset, "expected ')' closing the potential header of '" + std::string(p.child.text) + "', found " +
                              describe(t));
    const token open = lex_.expect('{', "after the potential header of '" + std::string(p.child.text) + "'");
    p.body = reader_.read_block(open.offset, "the potential of '" + std::string(p.child.text) + "'");
    potentials_.push_back(std::move(p));
  }

  void read_net_attributes(bayesian_network& net) {
    std::map<std::string, std::size_t> seen;
    for (const auto& e : net_block_->entries) {
      const std::string key(e.key.text);
      if (e.name || (e.val.what != value::kind::word && e.val.what != value::kind::string)) continue;  // lists: layout only
      if (auto it = seen.find(key); it != seen.end())
        lex_.fail(e.key.offset, "the net block gives '" + key + "' twice (first at line " +
                                    std::to_string(lex_.line_of(it->second)) + ")");
      seen.emplace(key, e.key.offset);
      if (key == "name") {
        net.set_name(std::string(e.val.text));
      } else {
        net.properties()[key] = std::string(e.val.text);
      }
    }
  }

  std::size_t lookup(const std::unordered_map<std::string, std::size_t>& by_name, const token& name,
                     const std::string& role) const {
    auto it = by_name.find(std::string(name.text));
    if (it == by_name.end()) {
      std::vector<std::string> names;
      for (const auto& n : nodes_) names.emplace_back(n.name.text);
      lex_.fail(name.offset, "potential names unknown " + role + " '" + std::string(name.text) + "' (nodes: " +
                                 (names.empty() ? std::string("none declared") : detail_formats::limited_list(names)) + ")");
    }
    return it->second;
  }

  void define(bayesian_network& net, const net_potential& p, var_id child,
              const std::unordered_map<std::string, std::size_t>& by_name) {
    const std::string cname(p.child.text);
    std::vector<var_id> parents;
    for (const auto& t : p.parents) parents.push_back(nodes_[lookup(by_name, t, "parent")].v);
    const entry* data = p.body->find("data");
    if (!data) {
      const bool model = p.body->find("model_nodes") || p.body->find("model_data");
      lex_.fail(p.keyword.offset, "the potential of '" + cname + "' has no data = (...) table" +
                                      (model ? " (tables given only by an expression, model_data, are not supported)" : ""));
    }
    if (data->val.what != value::kind::list)
      lex_.fail(data->val.offset, "expected data = (...) in the potential of '" + cname + "'");
    std::vector<double> values;
    values.reserve(data->val.leaves.size());
    for (const auto& t : data->val.leaves) {
      double x = 0.0;
      if (t.kind != token_kind::word || !detail_bif::parse_number(t.text, x))
        lex_.fail(t.offset, "expected a number in the data of '" + cname + "', found " + describe(t));
      values.push_back(x);
    }
    const auto& leaves = data->val.leaves;
    const std::size_t k = net.var(child).cardinality();
    detail_formats::set_checked_cpt(net, child, parents, std::move(values), tolerance_,
                                    detail_formats::row_sums::normalise, "data",
                                    [&](std::size_t row, const std::string& message) {
                                      const std::size_t at = row * k;
                                      lex_.fail(at < leaves.size() ? leaves[at].offset : data->val.offset, message);
                                    },
                                    &errs_);
  }

  detail_text::lexer lex_;
  detail_text::block_reader reader_;
  double tolerance_;
  std::shared_ptr<block> net_block_;
  std::size_t net_offset_ = 0;
  std::vector<net_node> nodes_;
  std::vector<net_potential> potentials_;
  detail_io::error_collector errs_;
};

// ---- writer ------------------------------------------------------------------------------------

bool writable_string(const std::string& s) {
  return s.find('"') == std::string::npos && s.find('\\') == std::string::npos &&
         !detail_formats::has_control_character(s);
}

bool writable_property(const std::string& key, const std::string& value) {
  return key != "name" && detail_formats::is_identifier(key, true) && writable_string(value);
}

void append_rows(std::string& out, const std::vector<double>& values, const std::vector<std::size_t>& cards,
                 std::size_t level, std::size_t& at, std::size_t k, int indent) {
  if (level == cards.size()) {
    out += '(';
    for (std::size_t c = 0; c < k; ++c) {
      if (c) out += ' ';
      detail_formats::append_number(out, values[at++]);
    }
    out += ')';
    return;
  }
  out += '(';
  for (std::size_t i = 0; i < cards[level]; ++i) {
    if (i) {
      out += '\n';
      out.append(static_cast<std::size_t>(indent + static_cast<int>(level) + 1), ' ');
    }
    append_rows(out, values, cards, level + 1, at, k, indent);
  }
  out += ')';
}

}  // namespace

namespace detail_formats {

std::vector<std::string> net_losses(const bayesian_network& net) {
  std::vector<std::string> lost;
  if (!writable_string(net.name()))
    lost.push_back("network name '" + net.name() + "' (a NET string cannot hold '\"', '\\' or control characters)");
  for (const auto& [key, value] : net.properties())
    if (!writable_property(key, value))
      lost.push_back("network property '" + key + "' = '" + value +
                     "' (NET attributes need an identifier other than 'name' as key and a value without '\"', '\\' "
                     "or control characters)");
  return lost;
}

}  // namespace detail_formats

bayesian_network parse_net(std::string_view text, const std::string& source_name, const read_options& options) {
  detail_io::check_read_options(options);
  return detail_io::read_collecting(options, source_name,
                                   [&] { return net_parser(text, source_name, options).run(); });
}

bayesian_network read_net(const std::string& path, const read_options& options) {
  const std::string text = detail_io::read_file(path, "NET");
  return parse_net(text, path, options);
}

std::string to_net(const bayesian_network& net) {
  net.validate();
  for (const auto& v : net.variables()) {
    if (!detail_formats::is_identifier(v.name(), true))
      throw error(detail_formats::unspellable("NET", detail_formats::variable_text(v.name()), identifier_rule));
    for (const auto& s : v.states())
      if (!writable_string(s))
        throw error(detail_formats::unspellable("NET", detail_formats::state_text(s, v.name()),
                                                "a NET string cannot hold '\"', '\\' or control characters"));
  }
  std::string out;
  out.reserve(128 * net.size());
  out += "net\n{\n";
  if (!net.name().empty() && writable_string(net.name())) out += "  name = \"" + net.name() + "\";\n";
  for (const auto& [key, value] : net.properties())
    if (writable_property(key, value)) out += "  " + key + " = \"" + value + "\";\n";
  out += "}\n";
  for (const auto& v : net.variables()) {
    out += "\nnode " + v.name() + "\n{\n  states = (";
    for (std::size_t s = 0; s < v.cardinality(); ++s) {
      if (s) out += ' ';
      out += "\"" + v.state(s) + "\"";
    }
    out += ");\n}\n";
  }
  for (var_id id = 0; id < net.size(); ++id) {
    const cpt& table = net.cpt_of(id);
    out += "\npotential ( " + net.var(id).name();
    if (!table.parents().empty()) {
      out += " |";
      for (var_id p : table.parents()) out += " " + net.var(p).name();
    }
    out += " )\n{\n  data = ";
    std::vector<std::size_t> cards;
    for (var_id p : table.parents()) cards.push_back(net.var(p).cardinality());
    std::size_t at = 0;
    append_rows(out, table.table().values(), cards, 0, at, table.columns(), 9);
    out += ";\n}\n";
  }
  return out;
}

void write_net(const bayesian_network& net, const std::string& path) {
  detail_io::write_file(path, to_net(net), "NET");
}

}  // namespace augury::io
