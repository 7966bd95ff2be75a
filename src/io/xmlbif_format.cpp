// XMLBIF 0.3 reader and writer (docs/formats/xmlbif.md), parsed with pugixml.

#include <augury/error.hpp>
#include <augury/io/xmlbif.hpp>

#include "bif_common.hpp"
#include "error_collector.hpp"
#include "file_io.hpp"
#include "format_common.hpp"
#include "xml_common.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace augury::io {
namespace {

using detail_xml::name_is;
using detail_xml::text_of;

struct xml_variable {
  pugi::xml_node node;
  std::string name;
  var_id v = 0;
  std::optional<pugi::xml_node> definition;
};

class xmlbif_reader {
 public:
  xmlbif_reader(std::string_view text, const std::string& source, const read_options& options)
      : doc_(text, source, "XMLBIF"), tolerance_(options.sum_tolerance), errs_(options, source) {}

  bayesian_network run() {
    return errs_.guard([&] { return read(); });
  }

 private:
  // Collect mode resumes at the next <VARIABLE> or <DEFINITION> after a problem in one; a
  // problem with the document's structure (root, <NETWORK>) stops reading.
  bayesian_network read() {
    const pugi::xml_node root = doc_.doc().document_element();
    if (!name_is(root, "BIF")) {
      if (name_is(root, "smile"))
        doc_.fail(root, "the root element is <smile>: this is a GeNIe XDSL document, not XMLBIF (read it as XDSL)");
      doc_.fail(root, "expected the root element <BIF>, found <" + std::string(root.name()) + ">");
    }
    pugi::xml_node network;
    for (const auto& c : root.children()) {
      if (c.type() != pugi::node_element || !name_is(c, "NETWORK")) continue;
      if (network)
        doc_.fail(c, "a second <NETWORK> element (the first is at line " + line_of(network) +
                         "); this reader reads one network per file");
      network = c;
    }
    if (!network) doc_.fail(root, "<BIF> has no <NETWORK> element");

    bayesian_network net;
    std::vector<xml_variable> vars;
    std::unordered_map<std::string, std::size_t> by_name;
    std::vector<pugi::xml_node> definitions;
    bool named = false;
    for (const auto& c : network.children()) {
      if (c.type() != pugi::node_element) continue;
      if (name_is(c, "NAME")) {
        if (named) {
          errs_.report(doc_.error_at(doc_.offset_of(c), "the network has a second <NAME>"));
          continue;
        }
        named = true;
        net.set_name(text_of(c));
      } else if (name_is(c, "PROPERTY")) {
        errs_.attempt([&] { add_property(net, c); });
      } else if (name_is(c, "VARIABLE")) {
        const bool ok = errs_.attempt([&] {
          xml_variable v = declare(net, c);
          if (auto it = by_name.find(v.name); it != by_name.end())
            doc_.fail(c, "variable '" + v.name + "' is declared twice (first at line " + line_of(vars[it->second].node) + ")");
          try {
            v.v = net.add_variable(v.name, states_of(c, v.name));
          } catch (const model_error& e) {
            doc_.fail(c, e.what());
          }
          by_name.emplace(v.name, vars.size());
          vars.push_back(std::move(v));
        });
        if (!ok) {
          // Definitions involving a variable that could not be declared are set aside (a
          // second declaration of a name leaves the first one in place).
          for (const auto& e : c.children())
            if (e.type() == pugi::node_element && name_is(e, "NAME")) {
              if (!by_name.count(text_of(e))) broken_.insert(text_of(e));
              break;
            }
        }
      } else if (name_is(c, "DEFINITION") || name_is(c, "PROBABILITY")) {
        definitions.push_back(c);
      }
    }
    for (const auto& d : definitions) {
      if (errs_.enabled())
        for (const auto& e : d.children())
          if (e.type() == pugi::node_element && name_is(e, "FOR")) attempted_.insert(text_of(e));
      errs_.attempt([&] { define(net, d, vars, by_name); });
    }
    for (const auto& v : vars)
      if (!v.definition && !(errs_.enabled() && attempted_.count(v.name)))
        errs_.report(doc_.error_at(doc_.offset_of(v.node), "variable '" + v.name + "' has no <DEFINITION>"));
    return net;
  }

  std::string line_of(const pugi::xml_node& n) const {
    return std::to_string(detail_bif::line_column(doc_.text(), doc_.offset_of(n)).first);
  }

  void add_property(bayesian_network& net, const pugi::xml_node& c) {
    const std::string text = text_of(c);
    if (text.empty()) return;  // <PROPERTY></PROPERTY> as several writers emit
    auto kv = detail_bif::split_property(text, true);
    auto& props = net.properties();
    if (auto it = props.find(kv.first); it != props.end())
      doc_.fail(c, "network property '" + kv.first + "' is given twice (values '" + it->second + "' and '" + kv.second + "')");
    props.emplace(std::move(kv.first), std::move(kv.second));
  }

  xml_variable declare(const bayesian_network&, const pugi::xml_node& c) {
    xml_variable v;
    v.node = c;
    const pugi::xml_attribute type = c.attribute("TYPE");
    const std::string kind = type ? type.value() : "nature";
    pugi::xml_node name;
    for (const auto& e : c.children())
      if (e.type() == pugi::node_element && name_is(e, "NAME")) {
        if (name) doc_.fail(e, "a <VARIABLE> has a second <NAME>");
        name = e;
      }
    if (!name) doc_.fail(c, "a <VARIABLE> has no <NAME>");
    v.name = text_of(name);
    if (v.name.empty()) doc_.fail(name, "a <VARIABLE> has an empty <NAME>");
    if (kind != "nature" && kind != "NATURE")
      doc_.fail(c, "variable '" + v.name + "' has TYPE=\"" + kind +
                       "\"; only TYPE=\"nature\" (chance) variables are supported, not decision or utility ones");
    return v;
  }

  std::vector<std::string> states_of(const pugi::xml_node& c, const std::string& name) const {
    std::vector<std::string> states;
    for (const auto& e : c.children())
      if (e.type() == pugi::node_element && name_is(e, "OUTCOME")) states.push_back(text_of(e));
    if (states.empty()) doc_.fail(c, "variable '" + name + "' has no <OUTCOME> (it needs at least one state)");
    return states;
  }

  void define(bayesian_network& net, const pugi::xml_node& d, std::vector<xml_variable>& vars,
              const std::unordered_map<std::string, std::size_t>& by_name) {
    pugi::xml_node for_node, table;
    std::vector<pugi::xml_node> given;
    for (const auto& e : d.children()) {
      if (e.type() != pugi::node_element) continue;
      if (name_is(e, "FOR")) {
        if (for_node) doc_.fail(e, "a <DEFINITION> has a second <FOR>");
        for_node = e;
      } else if (name_is(e, "GIVEN")) {
        given.push_back(e);
      } else if (name_is(e, "TABLE")) {
        if (table) doc_.fail(e, "a <DEFINITION> has a second <TABLE>");
        table = e;
      }
    }
    if (!for_node) doc_.fail(d, "a <DEFINITION> has no <FOR> naming its variable");
    if (errs_.enabled()) {
      // A definition involving a variable whose declaration failed is not checked.
      bool broken = broken_.count(text_of(for_node)) > 0;
      for (const auto& g : given) broken = broken || broken_.count(text_of(g)) > 0;
      if (broken) return;
    }
    xml_variable& child = lookup(vars, by_name, for_node, "variable");
    if (child.definition)
      doc_.fail(d, "a second <DEFINITION> for '" + child.name + "' (the first is at line " + line_of(*child.definition) + ")");
    child.definition = d;
    std::vector<var_id> parents;
    for (const auto& g : given) parents.push_back(lookup(vars, by_name, g, "parent").v);
    if (!table) doc_.fail(d, "the <DEFINITION> of '" + child.name + "' has no <TABLE>");

    const auto words = detail_xml::words_of(doc_, table);
    std::vector<double> values;
    values.reserve(words.size());
    for (const auto& [w, at] : words) {
      double x = 0.0;
      if (!detail_bif::parse_number(w, x))
        doc_.fail(at, "expected a number in the <TABLE> of '" + child.name + "', found '" + w.substr(0, 60) + "'");
      values.push_back(x);
    }
    const std::size_t k = net.var(child.v).cardinality();
    detail_formats::set_checked_cpt(net, child.v, parents, std::move(values), tolerance_, detail_formats::row_sums::check,
                                    "TABLE", [&](std::size_t row, const std::string& message) {
                                      const std::size_t i = row * k;
                                      if (i < words.size()) doc_.fail(words[i].second, message);
                                      doc_.fail(table, message);
                                    },
                                    &errs_);
  }

  xml_variable& lookup(std::vector<xml_variable>& vars, const std::unordered_map<std::string, std::size_t>& by_name,
                       const pugi::xml_node& e, const std::string& role) const {
    const std::string name = text_of(e);
    auto it = by_name.find(name);
    if (it == by_name.end()) {
      std::vector<std::string> names;
      for (const auto& v : vars) names.push_back(v.name);
      doc_.fail(e, "<" + std::string(e.name()) + "> names unknown " + role + " '" + name + "' (variables: " +
                       (names.empty() ? std::string("none declared") : detail_formats::limited_list(names)) + ")");
    }
    return vars[it->second];
  }

  detail_xml::document doc_;
  double tolerance_;
  detail_io::error_collector errs_;
  std::unordered_set<std::string> broken_;     // declarations that failed (collect mode)
  std::unordered_set<std::string> attempted_;  // variables named by a <FOR> (collect mode)
};

void check_text(const std::string& s, const std::string& what) {
  if (!detail_xml::is_xml_safe(s))
    throw error(detail_formats::unspellable(
        "XMLBIF", what, "XML text cannot hold control characters, and readers trim white space at either end"));
}

}  // namespace

bayesian_network parse_xmlbif(std::string_view text, const std::string& source_name, const read_options& options) {
  detail_io::check_read_options(options);
  return detail_io::read_collecting(options, source_name,
                                   [&] { return xmlbif_reader(text, source_name, options).run(); });
}

bayesian_network read_xmlbif(const std::string& path, const read_options& options) {
  const std::string text = detail_io::read_file(path, "XMLBIF");
  return parse_xmlbif(text, path, options);
}

std::string to_xmlbif(const bayesian_network& net) {
  net.validate();
  check_text(net.name(), "the network name '" + net.name() + "'");
  for (const auto& v : net.variables()) {
    check_text(v.name(), detail_formats::variable_text(v.name()));
    for (const auto& s : v.states()) check_text(s, detail_formats::state_text(s, v.name()));
  }
  for (const auto& [key, value] : net.properties()) {
    const auto edge_space = [](const std::string& s) {
      return !s.empty() && (detail_bif::is_space(s.front()) || detail_bif::is_space(s.back()));
    };
    if (key.empty() || key.find('=') != std::string::npos || edge_space(key) || edge_space(value) ||
        detail_formats::has_control_character(key) || detail_formats::has_control_character(value))
      throw error("network property '" + key + "' = '" + value +
                  "' cannot be written to XMLBIF unchanged: it is written as <PROPERTY>key = value</PROPERTY>, so "
                  "the key must be non-empty without '=', and neither may hold control characters or start or end "
                  "with white space");
  }
  using detail_xml::escaped;
  std::string out;
  out.reserve(128 * net.size());
  out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<BIF VERSION=\"0.3\">\n<NETWORK>\n<NAME>" + escaped(net.name()) +
         "</NAME>\n";
  for (const auto& [key, value] : net.properties())
    out += "<PROPERTY>" + escaped(key) + " = " + escaped(value) + "</PROPERTY>\n";
  out += "\n<!-- Variables -->\n";
  for (const auto& v : net.variables()) {
    out += "<VARIABLE TYPE=\"nature\">\n\t<NAME>" + escaped(v.name()) + "</NAME>\n";
    for (const auto& s : v.states()) out += "\t<OUTCOME>" + escaped(s) + "</OUTCOME>\n";
    out += "</VARIABLE>\n";
  }
  out += "\n<!-- Probability distributions -->\n";
  for (var_id id = 0; id < net.size(); ++id) {
    const cpt& table = net.cpt_of(id);
    out += "<DEFINITION>\n\t<FOR>" + escaped(net.var(id).name()) + "</FOR>\n";
    for (var_id p : table.parents()) out += "\t<GIVEN>" + escaped(net.var(p).name()) + "</GIVEN>\n";
    out += "\t<TABLE>";
    const auto& values = table.table().values();
    const std::size_t k = table.columns();
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i) out += (i % k == 0 && table.rows() > 1) ? "\n\t\t" : " ";
      detail_formats::append_number(out, values[i]);
    }
    out += "</TABLE>\n</DEFINITION>\n";
  }
  out += "</NETWORK>\n</BIF>\n";
  return out;
}

void write_xmlbif(const bayesian_network& net, const std::string& path) {
  detail_io::write_file(path, to_xmlbif(net), "XMLBIF");
}

}  // namespace augury::io
