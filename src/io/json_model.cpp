// The JSON model format (docs/formats/json-model.md), read and written with nlohmann/json.

#include <augury/detail/join.hpp>
#include <augury/error.hpp>
#include <augury/io/json.hpp>

#include "bif_common.hpp"
#include "error_collector.hpp"
#include "file_io.hpp"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace augury::io {
namespace {

using json = nlohmann::json;

const char* const format_tag = "augury-network";
const std::vector<std::string> top_level_keys = {"format", "version", "name", "properties", "variables", "notes"};
const std::vector<std::string> variable_keys = {"name", "states", "parents", "cpt", "notes"};

/// A duplicate object key, found while parsing (nlohmann keeps the last value silently).
struct duplicate_key {
  std::string path;
  std::string key;
};

/// Tracks the JSON path during parsing so that a duplicate key can be reported with it.
class duplicate_key_checker {
 public:
  bool operator()(int /*depth*/, json::parse_event_t event, json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
      case json::parse_event_t::array_start:
        count_element();
        frames_.push_back({event == json::parse_event_t::array_start, 0, {}, {}});
        break;
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        if (!frames_.empty()) frames_.pop_back();
        break;
      case json::parse_event_t::key: {
        auto& f = frames_.back();
        f.key = parsed.get<std::string>();
        if (!f.keys.insert(f.key).second) throw duplicate_key{path(frames_.size() - 1), f.key};
        break;
      }
      case json::parse_event_t::value:
        count_element();
        break;
    }
    return true;
  }

 private:
  struct frame {
    bool is_array;
    std::size_t count;  // elements seen so far (arrays)
    std::string key;    // current key (objects)
    std::unordered_set<std::string> keys;
  };

  void count_element() {
    if (!frames_.empty() && frames_.back().is_array) ++frames_.back().count;
  }

  /// Path of the container frames_[0..n) (the object holding the duplicate is frames_[n]).
  std::string path(std::size_t n) const {
    std::string p;
    for (std::size_t i = 0; i < n; ++i) {
      if (frames_[i].is_array) {
        p += "[" + std::to_string(frames_[i].count - 1) + "]";
      } else {
        p += (p.empty() ? "" : ".") + frames_[i].key;
      }
    }
    return p;
  }

  std::vector<frame> frames_;
};

class json_reader {
 public:
  json_reader(const std::string& source, const read_options& options)
      : source_(source), tolerance_(options.sum_tolerance), errs_(options, source) {}

  // Collect mode checks each variable on its own: first every declaration (a problem there
  // stops reading before the tables, since tables refer to variables by position), then
  // every table, row by row.
  bayesian_network read(const json& root) {
    return errs_.guard([&] { return read_all(root); });
  }

 private:
  bayesian_network read_all(const json& root) {
    if (!root.is_object()) fail("", "expected a JSON object at the top level, found " + kind(root));
    check_keys(root, "", top_level_keys);

    const json* format = member(root, "format");
    if (!format) fail("", "missing key \"format\" (expected \"format\": \"" + std::string(format_tag) + "\")");
    if (!format->is_string() || format->get<std::string>() != format_tag)
      fail("format", "expected \"" + std::string(format_tag) + "\", found " + format->dump());

    const json* version = member(root, "version");
    if (!version) fail("", "missing key \"version\" (this reader reads version " +
                               std::to_string(json_model_version) + ")");
    if (!version->is_number_integer() || version->get<long long>() != json_model_version)
      fail("version", "this reader reads version " + std::to_string(json_model_version) + ", found " +
                          version->dump());

    bayesian_network net;
    if (const json* name = member(root, "name")) net.set_name(string_at(*name, "name"));
    if (const json* props = member(root, "properties")) {
      if (!props->is_object()) fail("properties", "expected an object of strings, found " + kind(*props));
      for (auto it = props->begin(); it != props->end(); ++it)
        net.properties()[it.key()] = string_at(it.value(), "properties." + it.key());
    }

    const json* vars = member(root, "variables");
    if (!vars) fail("", "missing key \"variables\" (an array of variables)");
    if (!vars->is_array()) fail("variables", "expected an array, found " + kind(*vars));

    // Pass 1: variables and states, so parents may refer to variables listed later.
    std::unordered_map<std::string, std::size_t> first_seen;
    for (std::size_t i = 0; i < vars->size(); ++i) errs_.attempt([&] {
      const json& v = (*vars)[i];
      const std::string path = "variables[" + std::to_string(i) + "]";
      if (!v.is_object()) fail(path, "expected an object, found " + kind(v));
      check_keys(v, path, variable_keys);
      const json* name = member(v, "name");
      if (!name) fail(path, "missing key \"name\"");
      const std::string var_name = string_at(*name, path + ".name");
      if (var_name.empty()) fail(path + ".name", "a variable needs a non-empty name");
      if (auto it = first_seen.find(var_name); it != first_seen.end())
        fail(path + ".name", "variable '" + var_name + "' is declared twice (first at variables[" +
                                 std::to_string(it->second) + "])");
      first_seen.emplace(var_name, i);
      const json* states = member(v, "states");
      if (!states) fail(path, "missing key \"states\" (variable '" + var_name + "')");
      if (!states->is_array() || states->empty())
        fail(path + ".states", "expected a non-empty array of state names, found " + kind(*states));
      std::vector<std::string> names;
      for (std::size_t s = 0; s < states->size(); ++s)
        names.push_back(string_at((*states)[s], path + ".states[" + std::to_string(s) + "]"));
      try {
        net.add_variable(var_name, std::move(names));
      } catch (const model_error& e) {
        fail(path + ".states", e.what());
      }
    });
    errs_.finish();

    // Pass 2: parents and tables.
    for (std::size_t i = 0; i < vars->size(); ++i) errs_.attempt([&] { read_cpt(net, (*vars)[i], i); });
    return net;
  }

  [[noreturn]] void fail(const std::string& path, const std::string& message) const { throw error_at(path, message); }

  [[nodiscard]] parse_error error_at(const std::string& path, const std::string& message) const {
    return parse_error(source_, 0, 0, (path.empty() ? std::string() : path + ": ") + message);
  }

  static std::string kind(const json& j) {
    if (j.is_number()) return "a number (" + j.dump() + ")";
    if (j.is_string()) return "a string (" + j.dump() + ")";
    if (j.is_boolean()) return std::string("a boolean (") + (j.get<bool>() ? "true" : "false") + ")";
    if (j.is_null()) return "null";
    if (j.is_array()) return "an array";
    return "an object";
  }

  static const json* member(const json& obj, const char* key) {
    auto it = obj.find(key);
    return it == obj.end() ? nullptr : &*it;
  }

  void check_keys(const json& obj, const std::string& path, const std::vector<std::string>& valid) const {
    for (auto it = obj.begin(); it != obj.end(); ++it) {
      bool ok = false;
      for (const auto& k : valid) ok = ok || k == it.key();
      if (!ok)
        fail(path, "unknown key \"" + it.key() + "\" (valid keys: " + detail::join(valid) +
                       "; put free-form text under \"notes\")");
    }
  }

  std::string string_at(const json& j, const std::string& path) const {
    if (!j.is_string()) fail(path, "expected a string, found " + kind(j));
    return j.get<std::string>();
  }

  void read_cpt(bayesian_network& net, const json& v, std::size_t i) {
    const std::string path = "variables[" + std::to_string(i) + "]";
    const var_id child = i;
    const variable& cv = net.var(child);
    std::vector<var_id> parents;
    if (const json* ps = member(v, "parents")) {
      if (!ps->is_array()) fail(path + ".parents", "expected an array of variable names, found " + kind(*ps));
      for (std::size_t j = 0; j < ps->size(); ++j) {
        const std::string ppath = path + ".parents[" + std::to_string(j) + "]";
        const std::string pname = string_at((*ps)[j], ppath);
        const auto id = net.find(pname);
        if (!id) fail(ppath, "unknown variable '" + pname + "' (variables: " + net.variable_names_list() + ")");
        parents.push_back(*id);
      }
    }
    const json* table = member(v, "cpt");
    if (!table) fail(path, "missing key \"cpt\" (the table of '" + cv.name() + "')");
    std::vector<std::size_t> cards;
    std::string shape;
    for (var_id p : parents) {
      cards.push_back(net.var(p).cardinality());
      shape += (shape.empty() ? "" : " x ") + net.var(p).name() + "[" + std::to_string(cards.back()) + "]";
    }
    const std::size_t k = cv.cardinality();
    std::size_t rows = 1;
    try {
      rows = factor::table_size(cards);
    } catch (const model_error& e) {
      fail(path + ".cpt", e.what());
    }
    if (!table->is_array() || table->size() != rows)
      fail(path + ".cpt",
           "expected an array of " + std::to_string(rows) + " row" + (rows == 1 ? "" : "s") + " (" +
               (parents.empty() ? std::string("one row for a variable without parents")
                                : "one per parent configuration of " + shape) +
               "), found " + (table->is_array() ? std::to_string(table->size()) + " rows" : kind(*table)));
    std::vector<double> values;
    values.reserve(rows * k);
    const std::size_t errors_before = errs_.count();
    // In collect mode a problem with one row is kept and the next row checked.
    for (std::size_t r = 0; r < rows; ++r) errs_.attempt([&] {
      const json& row = (*table)[r];
      const std::string rpath = path + ".cpt[" + std::to_string(r) + "]";
      const std::string given = parents.empty() ? "" : " given " + configuration_text(net, parents, r);
      if (!row.is_array() || row.size() != k)
        fail(rpath, "expected " + std::to_string(k) + " number" + (k == 1 ? "" : "s") + " (one per state of '" +
                        cv.name() + "': " + detail::join(cv.states()) + ")" + given + ", found " +
                        (row.is_array() ? std::to_string(row.size()) : kind(row)));
      double sum = 0.0;
      for (std::size_t c = 0; c < k; ++c) {
        const json& x = row[c];
        if (!x.is_number())
          fail(rpath + "[" + std::to_string(c) + "]", "expected a number, found " + kind(x));
        const double p = x.get<double>();
        if (!std::isfinite(p) || p < 0.0)
          fail(rpath + "[" + std::to_string(c) + "]", "P(" + cv.name() + "=" + cv.state(c) + given +
                                                          ") is " + detail::format_number(p) +
                                                          "; probabilities must be finite and non-negative");
        sum += p;
        values.push_back(p);
      }
      if (!(std::fabs(sum - 1.0) <= tolerance_ + detail_bif::rounding_slack))
        fail(rpath, "the distribution of '" + cv.name() + "'" + given + " sums to " +
                        detail_bif::format_sum(sum) + ", not 1 (tolerance " + detail::format_number(tolerance_) + ")");
    });
    if (errs_.count() != errors_before) return;
    try {
      net.set_cpt(child, std::move(parents), std::move(values), tolerance_ + detail_bif::rounding_slack);
    } catch (const model_error& e) {
      fail(path + ".parents", e.what());
    }
  }

  static std::string configuration_text(const bayesian_network& net, const std::vector<var_id>& parents,
                                        std::size_t row) {
    std::vector<std::string> parts(parents.size());
    for (std::size_t i = parents.size(); i-- > 0;) {
      const auto& pv = net.var(parents[i]);
      parts[i] = pv.name() + "=" + pv.state(row % pv.cardinality());
      row /= pv.cardinality();
    }
    return detail::join(parts);
  }

  const std::string& source_;
  double tolerance_;
  detail_io::error_collector errs_;
};

/// `s` as a JSON string literal. \throws augury::error if `s` is not valid UTF-8.
std::string json_string(const std::string& s, const std::string& what) {
  try {
    return json(s).dump(-1, ' ', false, json::error_handler_t::strict);
  } catch (const json::type_error&) {
    throw error("cannot write JSON: " + what + " '" + s + "' is not valid UTF-8");
  }
}

void append_number(std::string& out, double v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

}  // namespace

bayesian_network parse_json(std::string_view text, const std::string& source_name, const read_options& options) {
  detail_io::check_read_options(options);
  return detail_io::read_collecting(options, source_name, [&]() -> bayesian_network {
    json root;
    try {
      root = json::parse(text.begin(), text.end(), duplicate_key_checker());
    } catch (const json::parse_error& e) {
      // nlohmann's message reads "[json.exception.parse_error.101] parse error at line L, column C: what";
      // keep "what" and compute the location ourselves (columns in characters, not bytes).
      std::string what = e.what();
      const auto col = what.find("column ");
      const auto colon = col == std::string::npos ? std::string::npos : what.find(": ", col);
      if (colon != std::string::npos) {
        what = what.substr(colon + 2);
      } else if (const auto bracket = what.find("] "); bracket != std::string::npos) {
        what = what.substr(bracket + 2);
      }
      const std::size_t offset = e.byte == 0 ? 0 : e.byte - 1;
      const auto lc = detail_bif::line_column(text, offset);
      throw parse_error(source_name, lc.first, lc.second, "invalid JSON: " + what);
    } catch (const duplicate_key& d) {
      throw parse_error(source_name, 0, 0,
                        (d.path.empty() ? std::string("top-level object") : d.path) + ": key \"" + d.key +
                            "\" appears twice");
    } catch (const json::exception& e) {
      // A number beyond the range of a double ("number overflow parsing '1e400'"): point at it.
      std::string what = e.what();
      if (const auto bracket = what.find("] "); bracket != std::string::npos) what = what.substr(bracket + 2);
      std::size_t line = 0, column = 0;
      const auto quote = what.find(" '");
      if (quote != std::string::npos && what.size() > quote + 3 && what.back() == '\'') {
        const std::string token = what.substr(quote + 2, what.size() - quote - 3);
        if (const auto at = text.find(token); !token.empty() && at != std::string_view::npos)
          std::tie(line, column) = detail_bif::line_column(text, at);
      }
      throw parse_error(source_name, line, column, "invalid JSON: " + what);
    }
    return json_reader(source_name, options).read(root);
  });
}

bayesian_network read_json(const std::string& path, const read_options& options) {
  const std::string text = detail_io::read_file(path, "JSON model");
  return parse_json(text, path, options);
}

std::string to_json(const bayesian_network& net) {
  net.validate();
  std::string out;
  out += "{\n  \"format\": \"" + std::string(format_tag) + "\",\n  \"version\": " +
         std::to_string(json_model_version) + ",\n  \"name\": " + json_string(net.name(), "network name") +
         ",\n  \"properties\": {";
  bool first = true;
  for (const auto& [key, value] : net.properties()) {
    out += first ? "\n    " : ",\n    ";
    out += json_string(key, "property key") + ": " + json_string(value, "value of property '" + key + "'");
    first = false;
  }
  out += first ? "},\n" : "\n  },\n";
  out += "  \"variables\": [";
  for (var_id id = 0; id < net.size(); ++id) {
    const variable& v = net.var(id);
    const cpt& table = net.cpt_of(id);
    out += id == 0 ? "\n" : ",\n";
    out += "    {\n      \"name\": " + json_string(v.name(), "variable name") + ",\n      \"states\": [";
    for (std::size_t s = 0; s < v.cardinality(); ++s)
      out += (s ? ", " : "") + json_string(v.state(s), "state name of '" + v.name() + "'");
    out += "],\n      \"parents\": [";
    for (std::size_t p = 0; p < table.parents().size(); ++p)
      out += (p ? ", " : "") + json_string(net.var(table.parents()[p]).name(), "variable name");
    out += "],\n      \"cpt\": [";
    const auto& values = table.table().values();
    const std::size_t k = table.columns();
    for (std::size_t r = 0; r < table.rows(); ++r) {
      out += r ? ",\n        [" : "\n        [";
      for (std::size_t c = 0; c < k; ++c) {
        if (c) out += ", ";
        append_number(out, values[r * k + c]);
      }
      out += "]";
    }
    out += "\n      ]\n    }";
  }
  out += net.size() ? "\n  ]\n}\n" : "]\n}\n";
  return out;
}

void write_json(const bayesian_network& net, const std::string& path) {
  detail_io::write_file(path, to_json(net), "JSON model");
}

}  // namespace augury::io
