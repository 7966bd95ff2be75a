// GeNIe XDSL reader and writer (docs/formats/xdsl.md), parsed with pugixml.

#include <augury/error.hpp>
#include <augury/io/xdsl.hpp>
#include <augury/version.hpp>

#include "bif_common.hpp"
#include "error_collector.hpp"
#include "file_io.hpp"
#include "format_common.hpp"
#include "xml_common.hpp"

#include <algorithm>
#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace augury::io {
namespace {

using detail_xml::text_of;

const char* const identifier_rule =
    "GeNIe identifiers start with an ASCII letter and contain only ASCII letters, digits and '_'";

struct xdsl_node {
  pugi::xml_node node;
  std::string id;
  var_id v = 0;
  bool broken = false;  // its states could not be declared (collect mode)
};

/// Element children of `n` called `name` (exact: XDSL is lower case).
std::vector<pugi::xml_node> elements(const pugi::xml_node& n, const char* name) {
  std::vector<pugi::xml_node> out;
  for (const auto& c : n.children(name)) out.push_back(c);
  return out;
}

class xdsl_reader {
 public:
  xdsl_reader(std::string_view text, const std::string& source, const read_options& options)
      : doc_(text, source, "XDSL"), tolerance_(options.sum_tolerance), errs_(options, source) {}

  bayesian_network run() {
    return errs_.guard([&] { return read(); });
  }

 private:
  // Collect mode checks each node on its own (declaration, then table) and resumes at the
  // next node after a problem; a problem with <smile> or <nodes> stops reading.
  bayesian_network read() {
    const pugi::xml_node root = doc_.doc().document_element();
    if (std::string_view(root.name()) != "smile") {
      if (detail_xml::name_is(root, "BIF"))
        doc_.fail(root, "the root element is <BIF>: this is an XMLBIF document, not XDSL (read it as XMLBIF)");
      doc_.fail(root, "expected the root element <smile>, found <" + std::string(root.name()) + ">");
    }
    bayesian_network net(root.attribute("id").value());
    const pugi::xml_node genie = root.child("extensions").child("genie");
    if (genie && genie.attribute("name")) net.set_name(genie.attribute("name").value());
    for (const auto& p : root.child("properties").children("property")) {
      const std::string key = p.attribute("id").value();
      errs_.attempt([&] {
        if (key.empty()) doc_.fail(p, "a network <property> has no id attribute");
        if (net.properties().count(key)) doc_.fail(p, "network property '" + key + "' is given twice");
        net.properties()[key] = p.text().get();
      });
    }

    const pugi::xml_node nodes = root.child("nodes");
    if (!nodes) doc_.fail(root, "<smile> has no <nodes> element");
    std::vector<xdsl_node> found;
    std::unordered_map<std::string, std::size_t> by_id;
    for (const auto& n : nodes.children()) {
      if (n.type() != pugi::node_element) continue;
      const std::string kind = n.name();
      const std::string id = n.attribute("id").value();
      errs_.attempt([&] {
        if (kind != "cpt" && kind != "deterministic") {
          broken_.insert(id);
          doc_.fail(n, "node '" + id + "' is a <" + kind +
                           "> node; only <cpt> and <deterministic> nodes are supported (noisy-MAX, equation, decision "
                           "and utility nodes are not)");
        }
        if (id.empty()) doc_.fail(n, "a <" + kind + "> node has no id attribute");
        if (auto it = by_id.find(id); it != by_id.end())
          doc_.fail(n, "node '" + id + "' is declared twice (first at line " + line_of(found[it->second].node) + ")");
        by_id.emplace(id, found.size());
        found.push_back({n, id, 0});
      });
    }

    // GeNIe lists every node after its parents; the <genie> extension keeps the nodes in the
    // order they were made (and augury writes its variable order there), so ids follow that
    // order when the extension names each node exactly once.
    std::vector<std::size_t> order(found.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    if (genie) {
      std::vector<std::size_t> listed;
      std::vector<bool> seen(found.size(), false);
      bool complete = true;
      collect_extension_order(genie, by_id, listed, seen, complete);
      if (complete && listed.size() == found.size()) order = listed;
    }
    for (std::size_t i : order) {
      auto& n = found[i];
      n.broken = !errs_.attempt([&] {
        std::vector<std::string> states;
        for (const auto& s : elements(n.node, "state")) states.push_back(s.attribute("id").value());
        if (states.empty()) doc_.fail(n.node, "node '" + n.id + "' has no <state> (it needs at least one)");
        try {
          n.v = net.add_variable(n.id, std::move(states));
        } catch (const model_error& e) {
          doc_.fail(n.node, e.what());
        }
      });
    }
    for (const auto& n : found)
      if (!n.broken) errs_.attempt([&] { define(net, n, by_id, found); });
    return net;
  }

  std::string line_of(const pugi::xml_node& n) const {
    return std::to_string(detail_bif::line_column(doc_.text(), doc_.offset_of(n)).first);
  }

  void collect_extension_order(const pugi::xml_node& parent, const std::unordered_map<std::string, std::size_t>& by_id,
                               std::vector<std::size_t>& listed, std::vector<bool>& seen, bool& complete) const {
    for (const auto& c : parent.children()) {
      if (std::string_view(c.name()) == "node") {
        auto it = by_id.find(c.attribute("id").value());
        if (it == by_id.end() || seen[it->second]) {
          complete = false;
          continue;
        }
        seen[it->second] = true;
        listed.push_back(it->second);
      } else if (std::string_view(c.name()) == "submodel") {
        collect_extension_order(c, by_id, listed, seen, complete);
      }
    }
  }

  void define(bayesian_network& net, const xdsl_node& n, const std::unordered_map<std::string, std::size_t>& by_id,
              const std::vector<xdsl_node>& found) {
    std::vector<var_id> parents;
    if (const pugi::xml_node p = n.node.child("parents")) {
      for (const auto& [word, at] : detail_xml::words_of(doc_, p)) {
        auto it = by_id.find(word);
        // A table over a node that could not be declared is not checked (collect mode).
        if (errs_.enabled() && (it == by_id.end() ? broken_.count(word) > 0 : found[it->second].broken)) return;
        if (it == by_id.end()) {
          std::vector<std::string> ids;
          for (const auto& m : found) ids.push_back(m.id);
          doc_.fail(at, "node '" + n.id + "' names unknown parent '" + word + "' (nodes: " +
                            detail_formats::limited_list(ids) + ")");
        }
        parents.push_back(found[it->second].v);
      }
    }
    const variable& cv = net.var(n.v);
    const std::size_t k = cv.cardinality();
    std::vector<double> values;
    std::vector<std::size_t> offsets;
    pugi::xml_node source;
    std::string what;
    if (std::string_view(n.node.name()) == "cpt") {
      source = n.node.child("probabilities");
      what = "probabilities";
      if (!source) doc_.fail(n.node, "node '" + n.id + "' has no <probabilities>");
      for (const auto& [word, at] : detail_xml::words_of(doc_, source)) {
        double x = 0.0;
        if (!detail_bif::parse_number(word, x))
          doc_.fail(at, "expected a number in the <probabilities> of '" + n.id + "', found '" + word.substr(0, 60) + "'");
        values.push_back(x);
        offsets.push_back(at);
      }
    } else {
      // <deterministic>: one state per parent configuration, a 0/1 table.
      source = n.node.child("resultingstates");
      what = "resultingstates";
      if (!source) doc_.fail(n.node, "node '" + n.id + "' has no <resultingstates>");
      for (const auto& [word, at] : detail_xml::words_of(doc_, source)) {
        const auto s = cv.find_state(word);
        if (!s)
          doc_.fail(at, "the <resultingstates> of '" + n.id + "' name '" + word + "', which is not one of its states (" +
                            detail::join(cv.states()) + ")");
        for (std::size_t c = 0; c < k; ++c) {
          values.push_back(c == *s ? 1.0 : 0.0);
          offsets.push_back(at);
        }
      }
    }
    detail_formats::set_checked_cpt(net, n.v, parents, std::move(values), tolerance_, detail_formats::row_sums::check,
                                    what, [&](std::size_t row, const std::string& message) {
                                      const std::size_t i = row * k;
                                      if (i < offsets.size()) doc_.fail(offsets[i], message);
                                      doc_.fail(source, message);
                                    },
                                    &errs_);
  }

  detail_xml::document doc_;
  double tolerance_;
  detail_io::error_collector errs_;
  std::unordered_set<std::string> broken_;  // ids of nodes of unsupported kinds (collect mode)
};

bool writable_property(const std::string& key, const std::string& value) {
  return detail_formats::is_identifier(key) && !detail_formats::has_control_character(value);
}

}  // namespace

namespace detail_formats {

std::vector<std::string> xdsl_losses(const bayesian_network& net) {
  std::vector<std::string> lost;
  if (has_control_character(net.name()))
    lost.push_back("network name '" + net.name() + "' (written as '" + to_identifier(net.name(), "Network") +
                   "': XML cannot hold control characters)");
  for (const auto& [key, value] : net.properties())
    if (!writable_property(key, value))
      lost.push_back("network property '" + key + "' = '" + value +
                     "' (XDSL property ids are identifiers, and values cannot hold control characters)");
  return lost;
}

}  // namespace detail_formats

bayesian_network parse_xdsl(std::string_view text, const std::string& source_name, const read_options& options) {
  detail_io::check_read_options(options);
  return detail_io::read_collecting(options, source_name,
                                   [&] { return xdsl_reader(text, source_name, options).run(); });
}

bayesian_network read_xdsl(const std::string& path, const read_options& options) {
  const std::string text = detail_io::read_file(path, "XDSL");
  return parse_xdsl(text, path, options);
}

std::string to_xdsl(const bayesian_network& net) {
  net.validate();
  for (const auto& v : net.variables()) {
    if (!detail_formats::is_identifier(v.name()))
      throw error(detail_formats::unspellable("XDSL", detail_formats::variable_text(v.name()), identifier_rule));
    for (const auto& s : v.states())
      if (!detail_formats::is_identifier(s))
        throw error(detail_formats::unspellable("XDSL", detail_formats::state_text(s, v.name()), identifier_rule));
  }
  using detail_xml::escaped;
  const std::string id = detail_formats::to_identifier(net.name(), "Network");
  const std::string name = detail_formats::has_control_character(net.name()) ? id : net.name();
  std::string out;
  out.reserve(256 * net.size());
  out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<smile version=\"1.0\" id=\"" + id +
         "\" numsamples=\"10000\" discsamples=\"10000\">\n";
  bool any_property = false;
  for (const auto& [key, value] : net.properties()) {
    if (!writable_property(key, value)) continue;
    if (!any_property) out += "\t<properties>\n";
    any_property = true;
    out += "\t\t<property id=\"" + key + "\">" + escaped(value) + "</property>\n";
  }
  if (any_property) out += "\t</properties>\n";
  out += "\t<nodes>\n";
  for (var_id v : detail_formats::parents_first_order(net)) {
    const variable& var = net.var(v);
    const cpt& table = net.cpt_of(v);
    out += "\t\t<cpt id=\"" + var.name() + "\">\n";
    for (const auto& s : var.states()) out += "\t\t\t<state id=\"" + s + "\" />\n";
    if (!table.parents().empty()) {
      out += "\t\t\t<parents>";
      for (std::size_t i = 0; i < table.parents().size(); ++i) out += (i ? " " : "") + net.var(table.parents()[i]).name();
      out += "</parents>\n";
    }
    out += "\t\t\t<probabilities>";
    const auto& values = table.table().values();
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i) out += ' ';
      detail_formats::append_number(out, values[i]);
    }
    out += "</probabilities>\n\t\t</cpt>\n";
  }
  // The display extension, in variable id order (see the reader), on a grid.
  out += "\t</nodes>\n\t<extensions>\n\t\t<genie version=\"1.0\" app=\"augury " + std::string(AUGURY_VERSION_STRING) +
         "\" name=\"" + escaped(name) + "\">\n";
  for (var_id v = 0; v < net.size(); ++v) {
    const std::size_t x = 20 + 140 * (v % 8), y = 20 + 90 * (v / 8);
    out += "\t\t\t<node id=\"" + net.var(v).name() + "\">\n\t\t\t\t<name>" + net.var(v).name() +
           "</name>\n\t\t\t\t<interior color=\"e5f6f7\" />\n\t\t\t\t<outline color=\"000080\" />\n"
           "\t\t\t\t<font color=\"000000\" name=\"Arial\" size=\"8\" />\n\t\t\t\t<position>" +
           std::to_string(x) + " " + std::to_string(y) + " " + std::to_string(x + 100) + " " + std::to_string(y + 50) +
           "</position>\n\t\t\t</node>\n";
  }
  out += "\t\t</genie>\n\t</extensions>\n</smile>\n";
  return out;
}

void write_xdsl(const bayesian_network& net, const std::string& path) {
  detail_io::write_file(path, to_xdsl(net), "XDSL");
}

}  // namespace augury::io
