#include "evidence_options.hpp"

#include <augury/detail/join.hpp>
#include <augury/error.hpp>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>

namespace augury::cli {

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  std::string current;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\\' && i + 1 < text.size() && text[i + 1] == ',') {
      current += ',';
      ++i;
    } else if (c == ',') {
      items.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  items.push_back(current);
  return items;
}

namespace {

std::pair<std::string, std::string> split_assignment(const std::string& item, const char* option) {
  const auto eq = item.find('=');
  if (eq == std::string::npos || eq == 0)
    throw evidence_error(std::string(option) + " item '" + item +
                         "' is not of the form VARIABLE=" +
                         (std::string(option) == "--likelihood" ? "l1,l2,..." : "STATE"));
  return {item.substr(0, eq), item.substr(eq + 1)};
}

double parse_number(const std::string& text, const std::string& context) {
  errno = 0;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || errno == ERANGE)
    throw evidence_error(context + ": '" + text + "' is not a number");
  return value;
}

}  // namespace

void add_hard_evidence(const bayesian_network& net, const std::vector<std::string>& items,
                       evidence_set& evidence) {
  for (const auto& list : items)
    for (const auto& item : split_list(list)) {
      if (item.empty()) continue;
      const auto [name, state] = split_assignment(item, "--evidence");
      evidence.set_hard(net, name, state);
    }
}

void add_likelihood_evidence(const bayesian_network& net, const std::string& item,
                             evidence_set& evidence) {
  const auto [name, values] = split_assignment(item, "--likelihood");
  std::vector<double> lambda;
  for (const auto& v : split_list(values))
    lambda.push_back(parse_number(v, "likelihood on '" + name + "'"));
  evidence.set_likelihood(net, name, std::move(lambda));
}

evidence_set evidence_from_json(const bayesian_network& net, const nlohmann::ordered_json& case_object) {
  evidence_set evidence;
  if (!case_object.is_object())
    throw evidence_error("an evidence case must be a JSON object with keys 'evidence' and/or "
                         "'likelihood_evidence'");
  for (const auto& [key, value] : case_object.items()) {
    if (key == "evidence") {
      if (!value.is_object())
        throw evidence_error("'evidence' must map variable names to state names");
      for (const auto& [name, state] : value.items()) {
        if (!state.is_string())
          throw evidence_error("evidence on '" + name + "' must be a state name (a string)");
        evidence.set_hard(net, name, state.get<std::string>());
      }
    } else if (key == "likelihood_evidence") {
      if (!value.is_object())
        throw evidence_error("'likelihood_evidence' must map variable names to {state: likelihood}");
      for (const auto& [name, by_state] : value.items()) {
        const auto v = net.find(name);
        if (!v)
          throw evidence_error("likelihood evidence on unknown variable '" + name +
                               "' (variables: " + net.variable_names_list() + ")");
        const auto& var = net.var(*v);
        if (!by_state.is_object())
          throw evidence_error("likelihood evidence on '" + name + "' must map each of its states (" +
                               detail::join(var.states()) + ") to a number");
        std::vector<double> lambda(var.cardinality(), 0.0);
        std::vector<bool> seen(var.cardinality(), false);
        for (const auto& [state, l] : by_state.items()) {
          const auto s = var.find_state(state);
          if (!s)
            throw evidence_error("likelihood evidence on '" + name + "': no state '" + state +
                                 "' (states: " + detail::join(var.states()) + ")");
          if (!l.is_number())
            throw evidence_error("likelihood evidence on '" + name + "', state '" + state +
                                 "' must be a number");
          lambda[*s] = l.get<double>();
          seen[*s] = true;
        }
        for (std::size_t i = 0; i < seen.size(); ++i)
          if (!seen[i])
            throw evidence_error("likelihood evidence on '" + name + "' gives no value for state '" +
                                 var.state(i) + "' (states: " + detail::join(var.states()) + ")");
        evidence.set_likelihood(net, *v, std::move(lambda));
      }
    } else if (key != "posteriors" && key != "log10_evidence_probability" && key != "name") {
      throw evidence_error("unknown key '" + key + "' in an evidence case (valid: evidence, "
                           "likelihood_evidence; posteriors, log10_evidence_probability and name "
                           "are ignored)");
    }
  }
  return evidence;
}

std::vector<evidence_set> read_evidence_file(const bayesian_network& net, const std::string& path) {
  std::ifstream in(path);
  if (!in) throw error("cannot open evidence file '" + path + "'");
  nlohmann::ordered_json j;
  try {
    in >> j;
  } catch (const nlohmann::ordered_json::exception& e) {  // malformed, or a number out of range
    throw parse_error(path, 0, 0, std::string("invalid JSON: ") + e.what());
  }
  std::vector<evidence_set> cases;
  if (j.is_object() && j.contains("cases")) {
    for (const auto& c : j.at("cases")) cases.push_back(evidence_from_json(net, c));
  } else if (j.is_array()) {
    for (const auto& c : j) cases.push_back(evidence_from_json(net, c));
  } else {
    cases.push_back(evidence_from_json(net, j));
  }
  return cases;
}

}  // namespace augury::cli
