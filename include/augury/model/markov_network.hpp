#pragma once
/// \file
/// A discrete Markov network (undirected factor graph): variables and non-negative factors
/// whose product, divided by the partition function Z, is the joint distribution. The UAI
/// `MARKOV` format describes such models, and so does any Bayesian network with its CPTs
/// read as plain factors.

#include <augury/detail/join.hpp>
#include <augury/error.hpp>
#include <augury/model/bayesian_network.hpp>
#include <augury/model/factor.hpp>
#include <augury/model/variable.hpp>

#include <cmath>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace augury {

/// A Markov network: P(x) = (1/Z) prod_f f(x_scope(f)). Factors are stored exactly as given
/// (never normalised); Z is what the engines report as the probability of no evidence.
class markov_network {
 public:
  markov_network() = default;
  /// An empty network called `name`.
  explicit markov_network(std::string name) : name_(std::move(name)) {}

  /// The factors of a Bayesian network's CPTs (scope parents..., child), in variable order.
  /// \throws model_error if some variable has no CPT.
  static markov_network from_bayesian_network(const bayesian_network& net) {
    net.validate();
    markov_network m(net.name());
    for (const auto& v : net.variables()) m.add_variable(v.name(), v.states());
    for (var_id v = 0; v < net.size(); ++v) m.factors_.push_back(net.cpt_of(v).table());
    return m;
  }

  /// The network's name (may be empty).
  [[nodiscard]] const std::string& name() const noexcept { return name_; }
  void set_name(std::string name) { name_ = std::move(name); }

  /// Adds a variable and returns its id. \throws model_error on a duplicate name.
  var_id add_variable(std::string name, std::vector<std::string> states) {
    if (index_.count(name)) throw model_error("variable '" + name + "' is declared twice");
    variables_.emplace_back(std::move(name), std::move(states));
    index_.emplace(variables_.back().name(), variables_.size() - 1);
    return variables_.size() - 1;
  }

  /// Adds a factor over `scope` (distinct variable ids) with `values` in row-major order,
  /// last scope variable fastest, and returns its index.
  /// \throws model_error on an unknown or repeated id, a length that is not the product of
  ///   the scope's cardinalities, or a negative or non-finite entry (naming the factor).
  std::size_t add_factor(std::vector<var_id> scope, std::vector<double> values) {
    std::vector<std::size_t> cards;
    for (var_id v : scope) {
      if (v >= variables_.size())
        throw model_error("factor " + std::to_string(factors_.size()) + " names variable id " +
                          std::to_string(v) + ", but the network has " +
                          std::to_string(variables_.size()) + " variables");
      cards.push_back(variables_[v].cardinality());
    }
    for (std::size_t i = 0; i < values.size(); ++i)
      if (!std::isfinite(values[i]) || values[i] < 0.0)
        throw model_error("factor " + std::to_string(factors_.size()) + " has entry " +
                          detail::format_number(values[i]) + " at position " + std::to_string(i) +
                          "; factor entries must be finite and non-negative");
    factors_.emplace_back(std::move(scope), std::move(cards), std::move(values));
    return factors_.size() - 1;
  }

  /// Number of variables.
  [[nodiscard]] std::size_t size() const noexcept { return variables_.size(); }
  /// All variables, indexed by var_id.
  [[nodiscard]] const std::vector<variable>& variables() const noexcept { return variables_; }
  /// The variable with id `v`. \throws model_error if out of range.
  [[nodiscard]] const variable& var(var_id v) const {
    if (v >= variables_.size())
      throw model_error("variable id " + std::to_string(v) + " out of range (network has " +
                        std::to_string(variables_.size()) + " variables)");
    return variables_[v];
  }
  /// Id of the variable called `name`, or nothing.
  [[nodiscard]] std::optional<var_id> find(std::string_view name) const {
    auto it = index_.find(std::string(name));
    if (it == index_.end()) return std::nullopt;
    return it->second;
  }
  /// Id of the variable called `name`. \throws model_error listing the variables.
  [[nodiscard]] var_id id(std::string_view name) const {
    if (auto v = find(name)) return *v;
    throw model_error("no variable '" + std::string(name) + "' in network (variables: " +
                      variable_names_list() + ")");
  }
  /// Variable names joined with ", " (for error messages).
  [[nodiscard]] std::string variable_names_list() const {
    std::vector<std::string> names;
    for (const auto& v : variables_) names.push_back(v.name());
    return detail::join(names);
  }
  /// Cardinalities indexed by var_id.
  [[nodiscard]] std::vector<std::size_t> cardinalities() const {
    std::vector<std::size_t> c;
    for (const auto& v : variables_) c.push_back(v.cardinality());
    return c;
  }
  /// The factors, in the order they were added.
  [[nodiscard]] const std::vector<factor>& factors() const noexcept { return factors_; }

  friend bool operator==(const markov_network& a, const markov_network& b) {
    return a.name_ == b.name_ && a.variables_ == b.variables_ && a.factors_ == b.factors_;
  }
  friend bool operator!=(const markov_network& a, const markov_network& b) { return !(a == b); }

 private:
  std::string name_;
  std::vector<variable> variables_;
  std::unordered_map<std::string, var_id> index_;
  std::vector<factor> factors_;
};

}  // namespace augury
