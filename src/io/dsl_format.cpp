// GeNIe DSL reader and writer (docs/formats/dsl.md).
//
// The file is read into generic `KEY = value;` blocks first (text_lexer.hpp), so sections
// this reader does not use (SCREEN, USER_PROPERTIES, EXTRA_DEFINITION, OBSERVATION_COST with
// its own `node` entries, ...) are skipped whatever they contain.

#include <augury/error.hpp>
#include <augury/io/dsl.hpp>

#include "error_collector.hpp"
#include "file_io.hpp"
#include "format_common.hpp"
#include "text_lexer.hpp"

#include <cstddef>
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
    "GeNIe identifiers start with an ASCII letter and contain only ASCII letters, digits and '_'";

struct dsl_node {
  const entry* e = nullptr;
  std::string id;
  var_id v = 0;
  bool broken = false;  // its declaration failed (collect mode)
};

class dsl_parser {
 public:
  dsl_parser(std::string_view text, const std::string& source, const read_options& options)
      : lex_(text, source, {"{}()=;,", true, false, false}), tolerance_(options.sum_tolerance), errs_(options, source) {}

  bayesian_network run() {
    return errs_.guard([&] { return read(); });
  }

 private:
  // The text is read as a whole first, so a syntax error stops reading even in collect
  // mode; after that each node is checked on its own (declaration, then table).
  bayesian_network read() {
    const token kw = lex_.next();
    if (!kw.is_word("net"))
      lex_.fail(kw.offset, "expected 'net' at the start of a DSL file, found " + describe(kw));
    const token name = lex_.next();
    if (!name.is_name()) lex_.fail(name.offset, "expected the network identifier after 'net', found " + describe(name));
    const token open = lex_.expect('{', "after the network identifier");
    detail_text::block_reader reader(lex_, ',');
    const auto body = reader.read_block(open.offset, "the network block");
    if (lex_.peek().is_punct(';')) lex_.next();
    const token end = lex_.next();
    if (end.kind != token_kind::end)
      lex_.fail(end.offset, "expected the end of the file after the network block, found " + describe(end));

    bayesian_network net;
    net.set_name(std::string(name.text));
    if (const entry* header = body->find("HEADER"); header && header->val.body)
      if (const entry* n = header->val.body->find("NAME"); n && n->val.what == value::kind::string)
        net.set_name(std::string(n->val.text));

    std::vector<dsl_node> nodes;
    std::unordered_map<std::string, std::size_t> by_id;
    for (const auto& e : body->entries) {
      if (e.key.text != "node") continue;
      bool listed = false;
      const bool ok = errs_.attempt([&] {
        if (!e.name || !e.val.body) lex_.fail(e.key.offset, "expected 'node ID { ... }'");
        dsl_node n;
        n.e = &e;
        n.id = std::string(e.name->text);
        if (auto it = by_id.find(n.id); it != by_id.end())
          lex_.fail(e.name->offset, "node '" + n.id + "' is declared twice (first at line " +
                                        std::to_string(lex_.line_of(nodes[it->second].e->name->offset)) + ")");
        by_id.emplace(n.id, nodes.size());
        nodes.push_back(std::move(n));
        listed = true;
        nodes.back().v = declare(net, nodes.back());
      });
      // A node whose states failed stays listed, so that its children are set aside too.
      if (!ok && listed) nodes.back().broken = true;
    }
    for (const auto& n : nodes)
      if (!n.broken) errs_.attempt([&] { define(net, n, by_id, nodes); });
    return net;
  }

  /// Reads the node's states and adds its variable.
  var_id declare(bayesian_network& net, const dsl_node& n) {
    const block& b = *n.e->val.body;
    if (const entry* header = b.find("HEADER"); header && header->val.body)
      if (const entry* id = header->val.body->find("ID"); id && id->val.what == value::kind::word &&
                                                          id->val.text != n.id)
        lex_.fail(id->val.offset, "node '" + n.id + "' has the HEADER ID '" + std::string(id->val.text) +
                                      "'; the two must be the same");
    const entry* def = b.find("DEFINITION");
    if (!def || !def->val.body)
      lex_.fail(n.e->name->offset, "node '" + n.id + "' has no DEFINITION = { NAMESTATES = (...); ... } section");
    const entry* names = def->val.body->find("NAMESTATES");
    if (!names || names->val.what != value::kind::list)
      lex_.fail(def->key.offset, "the DEFINITION of node '" + n.id + "' has no NAMESTATES = (s1, s2, ...) list");
    if (names->val.empty_items > 0)
      lex_.fail(names->val.offset, "the NAMESTATES of node '" + n.id + "' has an empty entry");
    std::vector<std::string> states;
    for (const auto& t : names->val.leaves) states.emplace_back(t.text);
    try {
      return net.add_variable(n.id, std::move(states));
    } catch (const model_error& e) {
      lex_.fail(names->val.offset, e.what());
    }
  }

  void define(bayesian_network& net, const dsl_node& n, const std::unordered_map<std::string, std::size_t>& by_id,
              const std::vector<dsl_node>& nodes) {
    const block& b = *n.e->val.body;
    std::string type = "CPT";
    std::size_t type_offset = n.e->name->offset;
    if (const entry* t = b.find("TYPE")) {
      type = std::string(t->val.text);
      type_offset = t->val.offset;
    }
    if (type != "CPT" && type != "TRUTHTABLE")
      lex_.fail(type_offset, "node '" + n.id + "' has TYPE = " + type +
                                 "; only CPT and TRUTHTABLE nodes are supported (noisy-MAX, equation, decision "
                                 "and utility nodes are not)");

    std::vector<var_id> parents;
    if (const entry* p = b.find("PARENTS")) {
      if (p->val.what != value::kind::list)
        lex_.fail(p->val.offset, "expected PARENTS = (A, B, ...) in node '" + n.id + "'");
      for (const auto& t : p->val.leaves) {
        auto it = by_id.find(std::string(t.text));
        if (errs_.enabled() && it != by_id.end() && nodes[it->second].broken) return;  // set aside
        if (it == by_id.end()) {
          std::vector<std::string> ids;
          for (const auto& m : nodes) ids.push_back(m.id);
          lex_.fail(t.offset, "node '" + n.id + "' names unknown parent '" + std::string(t.text) + "' (nodes: " +
                                  detail_formats::limited_list(ids) + ")");
        }
        parents.push_back(nodes[it->second].v);
      }
    }

    const block& def = *b.find("DEFINITION")->val.body;
    const entry* probs = def.find("PROBABILITIES");
    std::vector<double> values;
    std::vector<std::size_t> offsets;  // of each value, for messages
    std::string what = "PROBABILITIES";
    std::size_t list_offset = 0;
    if (probs) {
      if (probs->val.what != value::kind::list)
        lex_.fail(probs->val.offset, "expected PROBABILITIES = (p1, p2, ...) in node '" + n.id + "'");
      list_offset = probs->val.offset;
      if (probs->val.empty_items > 0)
        lex_.fail(list_offset, "the PROBABILITIES of node '" + n.id + "' have an empty entry");
      values.reserve(probs->val.leaves.size());
      offsets.reserve(probs->val.leaves.size());
      for (const auto& t : probs->val.leaves) {
        double x = 0.0;
        if (t.kind != token_kind::word || !detail_bif::parse_number(t.text, x))
          lex_.fail(t.offset, "expected a number in the PROBABILITIES of node '" + n.id + "', found " + describe(t));
        values.push_back(x);
        offsets.push_back(t.offset);
      }
    } else if (const entry* results = def.find("RESULTINGSTATES"); results && type == "TRUTHTABLE") {
      // One state of the node per parent configuration: a 0/1 table.
      what = "RESULTINGSTATES";
      list_offset = results->val.offset;
      const variable& cv = net.var(n.v);
      for (const auto& t : results->val.leaves) {
        const auto s = cv.find_state(t.text);
        if (!s)
          lex_.fail(t.offset, "the RESULTINGSTATES of node '" + n.id + "' name '" + std::string(t.text) +
                                  "', which is not one of its states (" + detail::join(cv.states()) + ")");
        for (std::size_t c = 0; c < cv.cardinality(); ++c) {
          values.push_back(c == *s ? 1.0 : 0.0);
          offsets.push_back(t.offset);
        }
      }
    } else {
      lex_.fail(def.open_offset, "the DEFINITION of node '" + n.id + "' has no PROBABILITIES = (...) list");
    }
    const std::size_t k = net.var(n.v).cardinality();
    detail_formats::set_checked_cpt(net, n.v, parents, std::move(values), tolerance_, detail_formats::row_sums::check,
                                    what, [&](std::size_t row, const std::string& message) {
                                      const std::size_t at = row * k;
                                      lex_.fail(at < offsets.size() ? offsets[at] : list_offset, message);
                                    },
                                    &errs_);
  }

  detail_text::lexer lex_;
  double tolerance_;
  detail_io::error_collector errs_;
};

// ---- writer ------------------------------------------------------------------------------------

// The reader takes \\ and \" inside a string as escapes, so a backslash is left out too.
bool quotable(const std::string& s) {
  return s.find_first_of("\"\\") == std::string::npos && !detail_formats::has_control_character(s);
}

/// The network identifier written after `net` and the NAME of its HEADER.
std::pair<std::string, std::string> network_names(const bayesian_network& net) {
  const std::string id = detail_formats::to_identifier(net.name(), "Network");
  return {id, quotable(net.name()) ? net.name() : id};
}

void check_names(const bayesian_network& net) {
  for (const auto& v : net.variables()) {
    if (!detail_formats::is_identifier(v.name()))
      throw error(detail_formats::unspellable("DSL", detail_formats::variable_text(v.name()), identifier_rule));
    for (const auto& s : v.states())
      if (!detail_formats::is_identifier(s))
        throw error(detail_formats::unspellable("DSL", detail_formats::state_text(s, v.name()), identifier_rule));
  }
}

}  // namespace

namespace detail_formats {

std::vector<std::string> dsl_losses(const bayesian_network& net) {
  std::vector<std::string> lost;
  if (!quotable(net.name()))
    lost.push_back("network name '" + net.name() + "' (written as '" + network_names(net).second +
                   "': a DSL string cannot hold '\"', '\\' or control characters)");
  for (const auto& [key, value] : net.properties())
    lost.push_back("network property '" + key + "' = '" + value + "' (DSL has no place for network properties)");
  if (!is_identity(parents_first_order(net)))
    lost.push_back("variable order (DSL lists every node after its parents, so the variables are read back in "
                   "another order)");
  return lost;
}

}  // namespace detail_formats

bayesian_network parse_dsl(std::string_view text, const std::string& source_name, const read_options& options) {
  detail_io::check_read_options(options);
  return detail_io::read_collecting(options, source_name,
                                   [&] { return dsl_parser(text, source_name, options).run(); });
}

bayesian_network read_dsl(const std::string& path, const read_options& options) {
  const std::string text = detail_io::read_file(path, "DSL");
  return parse_dsl(text, path, options);
}

std::string to_dsl(const bayesian_network& net) {
  net.validate();
  check_names(net);
  const auto [id, name] = network_names(net);
  std::string out;
  out.reserve(256 * net.size());
  out += "net " + id + "\n{\n\tHEADER =\n\t{\n\t\tID = " + id + ";\n\t\tNAME = \"" + name + "\";\n\t};\n";
  for (var_id v : detail_formats::parents_first_order(net)) {
    const variable& var = net.var(v);
    const cpt& table = net.cpt_of(v);
    out += "\n\tnode " + var.name() + "\n\t{\n\t\tTYPE = CPT;\n\t\tHEADER =\n\t\t{\n\t\t\tID = " + var.name() +
           ";\n\t\t\tNAME = \"" + var.name() + "\";\n\t\t};\n\t\tPARENTS = (";
    for (std::size_t i = 0; i < table.parents().size(); ++i) {
      if (i) out += ", ";
      out += net.var(table.parents()[i]).name();
    }
    out += ");\n\t\tDEFINITION =\n\t\t{\n\t\t\tNAMESTATES = (";
    for (std::size_t s = 0; s < var.cardinality(); ++s) {
      if (s) out += ", ";
      out += var.state(s);
    }
    out += ");\n\t\t\tPROBABILITIES = (";
    const auto& values = table.table().values();
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i) out += ", ";
      detail_formats::append_number(out, values[i]);
    }
    out += ");\n\t\t};\n\t};\n";
  }
  out += "};\n";
  return out;
}

void write_dsl(const bayesian_network& net, const std::string& path) {
  detail_io::write_file(path, to_dsl(net), "DSL");
}

}  // namespace augury::io
