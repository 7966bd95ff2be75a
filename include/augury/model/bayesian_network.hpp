#pragma once
/// \file
/// A discrete Bayesian network: variables, a DAG given by each variable's parents, and one
/// CPT per variable. The network validates every table when it is set and never rescales it.

#include <augury/detail/join.hpp>
#include <augury/error.hpp>
#include <augury/model/cpt.hpp>
#include <augury/model/variable.hpp>

#include <cmath>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace augury {

/// A discrete Bayesian network.
///
/// Variables are numbered 0..size()-1 in the order they are added (var_id). Every variable
/// needs a CPT before the network is used for inference (see validate()). CPT entries are
/// used exactly as given: a conditional distribution must sum to 1 within `sum_tolerance`
/// (1e-6 by default, since published files carry rounding of a few 1e-7), and is never
/// renormalised.
class bayesian_network {
 public:
  /// Default tolerance on the sum of each conditional distribution.
  static constexpr double default_sum_tolerance = 1e-6;

  bayesian_network() = default;
  /// An empty network called `name`.
  explicit bayesian_network(std::string name) : name_(std::move(name)) {}

  /// The network's name (may be empty).
  [[nodiscard]] const std::string& name() const noexcept { return name_; }
  void set_name(std::string name) { name_ = std::move(name); }

  /// Free-form properties (key -> value), kept for writers that can express them.
  [[nodiscard]] const std::map<std::string, std::string>& properties() const noexcept {
    return properties_;
  }
  std::map<std::string, std::string>& properties() noexcept { return properties_; }

  /// Adds a variable and returns its id.
  /// \throws model_error if a variable of that name exists, or the variable is invalid.
  var_id add_variable(std::string name, std::vector<std::string> states) {
    if (index_.count(name))
      throw model_error("variable '" + name + "' is declared twice");
    variables_.emplace_back(std::move(name), std::move(states));
    const var_id id = variables_.size() - 1;
    index_.emplace(variables_.back().name(), id);
    cpts_.emplace_back();
    has_cpt_.push_back(false);
    children_.emplace_back();
    return id;
  }

  /// Number of variables.
  [[nodiscard]] std::size_t size() const noexcept { return variables_.size(); }
  /// All variables, indexed by var_id.
  [[nodiscard]] const std::vector<variable>& variables() const noexcept { return variables_; }
  /// The variable with id `v`. \throws model_error if out of range.
  [[nodiscard]] const variable& var(var_id v) const {
    check_id(v);
    return variables_[v];
  }
  /// Id of the variable called `name`, or nothing.
  [[nodiscard]] std::optional<var_id> find(std::string_view name) const {
    auto it = index_.find(std::string(name));
    if (it == index_.end()) return std::nullopt;
    return it->second;
  }
  /// Id of the variable called `name`.
  /// \throws model_error naming it and listing the network's variables if there is none.
  [[nodiscard]] var_id id(std::string_view name) const {
    if (auto v = find(name)) return *v;
    throw model_error("no variable '" + std::string(name) + "' in network" +
                      (name_.empty() ? std::string() : " '" + name_ + "'") +
                      " (variables: " + variable_names_list() + ")");
  }
  /// Cardinalities indexed by var_id.
  [[nodiscard]] std::vector<std::size_t> cardinalities() const {
    std::vector<std::size_t> c;
    c.reserve(variables_.size());
    for (const auto& v : variables_) c.push_back(v.cardinality());
    return c;
  }

  /// Sets P(child | parents). `table` lists the conditional distributions one parent
  /// configuration after another (row-major over the parents, last parent fastest), each
  /// run holding card(child) probabilities in the child's state order: a C-order array of
  /// shape (card(parents[0]), ..., card(parents[k-1]), card(child)).
  /// \throws model_error if a parent is unknown or repeated, the child is its own parent,
  ///   the edge set would make a cycle (naming it), the length is wrong, or an entry is
  ///   negative/non-finite, or a distribution does not sum to 1 within `sum_tolerance`
  ///   (naming the child and the parent configuration). The network is unchanged on error.
  void set_cpt(var_id child, std::vector<var_id> parents, std::vector<double> table,
               double sum_tolerance = default_sum_tolerance) {
    check_id(child);
    for (std::size_t i = 0; i < parents.size(); ++i) {
      check_id(parents[i]);
      if (parents[i] == child)
        throw model_error("variable '" + variables_[child].name() + "' cannot be its own parent");
      for (std::size_t j = 0; j < i; ++j)
        if (parents[i] == parents[j])
          throw model_error("variable '" + variables_[child].name() + "' lists parent '" +
                            variables_[parents[i]].name() + "' twice");
    }
    std::vector<var_id> scope = parents;
    scope.push_back(child);
    std::vector<std::size_t> cards;
    for (var_id v : scope) cards.push_back(variables_[v].cardinality());
    const std::size_t expected = factor::table_size(cards);
    if (table.size() != expected)
      throw model_error("CPT of '" + variables_[child].name() + "' has " +
                        std::to_string(table.size()) + " entries, expected " +
                        std::to_string(expected) + " (" + shape_text(scope) + ")");
    check_distributions(child, parents, table, sum_tolerance);
    check_acyclic_with(child, parents);

    // Commit: replace the old edges of `child`.
    if (has_cpt_[child])
      for (var_id p : cpts_[child].parents()) erase_child(p, child);
    for (var_id p : parents) children_[p].push_back(child);
    cpts_[child] = cpt(child, parents, factor(std::move(scope), std::move(cards), std::move(table)));
    has_cpt_[child] = true;
  }

  /// Name-based overload of set_cpt.
  void set_cpt(std::string_view child, const std::vector<std::string>& parents,
               std::vector<double> table, double sum_tolerance = default_sum_tolerance) {
    std::vector<var_id> ids;
    for (const auto& p : parents) ids.push_back(id(p));
    set_cpt(id(child), std::move(ids), std::move(table), sum_tolerance);
  }

  /// Whether `v` has a CPT.
  [[nodiscard]] bool has_cpt(var_id v) const {
    check_id(v);
    return has_cpt_[v];
  }
  /// The CPT of `v`. \throws model_error if it has none yet.
  [[nodiscard]] const cpt& cpt_of(var_id v) const {
    check_id(v);
    if (!has_cpt_[v])
      throw model_error("variable '" + variables_[v].name() + "' has no probability table");
    return cpts_[v];
  }
  /// Parents of `v` in CPT axis order (empty if it has no CPT yet).
  [[nodiscard]] const std::vector<var_id>& parents(var_id v) const {
    check_id(v);
    return cpts_[v].parents();
  }
  /// Children of `v` (in the order their CPTs were set).
  [[nodiscard]] const std::vector<var_id>& children(var_id v) const {
    check_id(v);
    return children_[v];
  }

  /// Throws model_error unless every variable has a CPT (the DAG is kept acyclic by set_cpt).
  void validate() const {
    std::vector<std::string> missing;
    for (var_id v = 0; v < size(); ++v)
      if (!has_cpt_[v]) missing.push_back(variables_[v].name());
    if (!missing.empty())
      throw model_error("variables without a probability table: " + detail::join(missing));
  }

  /// Variables in a topological order (parents before children; ties by id).
  [[nodiscard]] std::vector<var_id> topological_order() const {
    std::vector<std::size_t> indegree(size(), 0);
    for (var_id v = 0; v < size(); ++v) indegree[v] = cpts_[v].parents().size();
    std::vector<var_id> order;
    order.reserve(size());
    std::vector<var_id> ready;
    for (var_id v = size(); v-- > 0;)
      if (indegree[v] == 0) ready.push_back(v);
    while (!ready.empty()) {
      const var_id v = ready.back();
      ready.pop_back();
      order.push_back(v);
      for (var_id c : children_[v])
        if (--indegree[c] == 0) ready.push_back(c);
    }
    return order;
  }

  /// Variable names joined with ", " (for error messages).
  [[nodiscard]] std::string variable_names_list() const {
    std::vector<std::string> names;
    for (const auto& v : variables_) names.push_back(v.name());
    return detail::join(names);
  }

  /// Equal when names, properties, variables (with states) and CPTs are identical.
  friend bool operator==(const bayesian_network& a, const bayesian_network& b) {
    return a.name_ == b.name_ && a.properties_ == b.properties_ && a.variables_ == b.variables_ &&
           a.has_cpt_ == b.has_cpt_ && a.cpts_ == b.cpts_;
  }
  friend bool operator!=(const bayesian_network& a, const bayesian_network& b) { return !(a == b); }

 private:
  void check_id(var_id v) const {
    if (v >= variables_.size())
      throw model_error("variable id " + std::to_string(v) + " out of range (network has " +
                        std::to_string(variables_.size()) + " variables)");
  }

  std::string shape_text(const std::vector<var_id>& scope) const {
    std::string s;
    for (std::size_t i = 0; i < scope.size(); ++i) {
      if (i) s += " x ";
      s += variables_[scope[i]].name() + "[" + std::to_string(variables_[scope[i]].cardinality()) + "]";
    }
    return s;
  }

  /// "A=a1, B=b0" for parent configuration number `row`.
  std::string configuration_text(const std::vector<var_id>& parents, std::size_t row) const {
    std::vector<std::string> parts(parents.size());
    for (std::size_t i = parents.size(); i-- > 0;) {
      const auto& pv = variables_[parents[i]];
      parts[i] = pv.name() + "=" + pv.states()[row % pv.cardinality()];
      row /= pv.cardinality();
    }
    return detail::join(parts);
  }

  void check_distributions(var_id child, const std::vector<var_id>& parents,
                           const std::vector<double>& table, double tol) const {
    const std::size_t k = variables_[child].cardinality();
    const std::size_t rows = table.size() / k;
    for (std::size_t r = 0; r < rows; ++r) {
      double s = 0.0;
      for (std::size_t j = 0; j < k; ++j) {
        const double p = table[r * k + j];
        if (!std::isfinite(p) || p < 0.0)
          throw model_error("CPT of '" + variables_[child].name() + "' has entry " +
                            detail::format_number(p) + " for state '" + variables_[child].state(j) +
                            "'" + (parents.empty() ? "" : " given " + configuration_text(parents, r)) +
                            "; probabilities must be finite and non-negative");
        s += p;
      }
      if (std::fabs(s - 1.0) > tol)
        throw model_error("CPT of '" + variables_[child].name() + "'" +
                          (parents.empty() ? "" : " given " + configuration_text(parents, r)) +
                          " sums to " + detail::format_number(s) + ", not 1 (tolerance " +
                          detail::format_number(tol) + ")");
    }
  }

  /// Throws if adding edges parents -> child closes a cycle: that is, if child is an
  /// ancestor of some parent (using the current edges, minus child's old in-edges).
  void check_acyclic_with(var_id child, const std::vector<var_id>& parents) const {
    // Search downwards from child; reaching a new parent means a directed path child -> parent.
    std::vector<int> from(size(), -1);
    std::vector<var_id> stack{child};
    from[child] = static_cast<int>(child);
    while (!stack.empty()) {
      const var_id v = stack.back();
      stack.pop_back();
      for (var_id c : children_[v]) {
        if (from[c] != -1) continue;
        from[c] = static_cast<int>(v);
        stack.push_back(c);
      }
    }
    for (var_id p : parents) {
      if (from[p] == -1) continue;
      std::vector<std::string> path{variables_[p].name()};
      for (var_id v = p; v != child;) {
        v = static_cast<var_id>(from[v]);
        path.push_back(variables_[v].name());
      }
      std::string cycle;
      for (std::size_t i = path.size(); i-- > 0;) cycle += path[i] + " -> ";
      cycle += variables_[child].name();
      throw model_error("making '" + variables_[p].name() + "' a parent of '" +
                        variables_[child].name() + "' would create the cycle " + cycle);
    }
  }

  void erase_child(var_id parent, var_id child) {
    auto& c = children_[parent];
    for (std::size_t i = 0; i < c.size(); ++i)
      if (c[i] == child) {
        c.erase(c.begin() + static_cast<std::ptrdiff_t>(i));
        return;
      }
  }

  std::string name_;
  std::map<std::string, std::string> properties_;
  std::vector<variable> variables_;
  std::unordered_map<std::string, var_id> index_;
  std::vector<cpt> cpts_;
  std::vector<bool> has_cpt_;
  std::vector<std::vector<var_id>> children_;
};

}  // namespace augury
