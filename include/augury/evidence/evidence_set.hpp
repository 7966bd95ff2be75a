#pragma once
/// \file
/// Evidence: what is known about some variables of a network when a query is asked.
///
/// Three kinds of finding, one per variable at most:
///  - hard: the variable is in one state;
///  - likelihood (virtual evidence, Pearl 1988, sec. 2.2.2): a non-negative vector lambda over
///    the states that multiplies the joint distribution, P'(x) proportional to P(x) lambda(x_v);
///  - fixed marginal (soft evidence by Jeffrey's rule, Jeffrey 1965 ch. 11; Chan & Darwiche
///    2005, "On the revision of probabilistic beliefs using uncertain evidence", sec. 3):
///    the posterior marginal of the variable must equal a given distribution Q.
/// An evidence_set is a plain value: engines read it and never change the model. The setters
/// take the network (a bayesian_network or a markov_network) to check names and lengths.

#include <augury/detail/join.hpp>
#include <augury/error.hpp>
#include <augury/model/bayesian_network.hpp>

#include <cmath>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace augury {

/// Kind of a finding.
enum class evidence_kind { hard, likelihood, fixed_marginal };

/// One finding on one variable.
struct finding {
  evidence_kind kind = evidence_kind::hard;
  /// The observed state (hard findings only).
  std::size_t state = 0;
  /// Likelihood vector (likelihood) or target distribution Q (fixed_marginal), over the
  /// variable's states in declaration order. Empty for hard findings.
  std::vector<double> values;

  /// The finding as a likelihood vector over `cardinality` states (an indicator for hard
  /// findings). Fixed-marginal findings have no likelihood of their own: engines derive one.
  [[nodiscard]] std::vector<double> as_likelihood(std::size_t cardinality) const {
    if (kind == evidence_kind::hard) {
      std::vector<double> l(cardinality, 0.0);
      l[state] = 1.0;
      return l;
    }
    return values;
  }
  friend bool operator==(const finding& a, const finding& b) {
    return a.kind == b.kind && a.state == b.state && a.values == b.values;
  }
};

/// A set of findings keyed by variable id. Setting a finding on a variable replaces any
/// earlier finding on it. Setters validate against the network and throw evidence_error
/// (naming the variable and listing valid states) on bad input; nothing is stored then.
class evidence_set {
 public:
  evidence_set() = default;

  /// Observes variable `v` in state `state`. \throws evidence_error on a bad id or state.
  template <class Network>
  void set_hard(const Network& net, var_id v, std::size_t state) {
    const auto& var = checked(net, v);
    if (state >= var.cardinality())
      throw evidence_error("evidence on '" + var.name() + "': state number " +
                           std::to_string(state) + " out of range (states: " +
                           detail::join(var.states()) + ")");
    findings_[v] = finding{evidence_kind::hard, state, {}};
  }
  /// Observes variable `var_name` in state `state_name`.
  /// \throws evidence_error listing the network's variables or the variable's states.
  template <class Network>
  void set_hard(const Network& net, std::string_view var_name, std::string_view state_name) {
    const var_id v = checked_id(net, var_name);
    const auto& var = net.var(v);
    const auto s = var.find_state(state_name);
    if (!s)
      throw evidence_error("evidence on '" + var.name() + "': no state '" +
                           std::string(state_name) + "' (states: " + detail::join(var.states()) + ")");
    findings_[v] = finding{evidence_kind::hard, *s, {}};
  }

  /// Virtual evidence: `lambda` has one non-negative, finite entry per state, not all zero;
  /// only ratios matter. \throws evidence_error otherwise.
  template <class Network>
  void set_likelihood(const Network& net, var_id v, std::vector<double> lambda) {
    const auto& var = checked(net, v);
    check_vector(var, lambda, "likelihood");
    findings_[v] = finding{evidence_kind::likelihood, 0, std::move(lambda)};
  }
  /// Name-based overload of set_likelihood.
  template <class Network>
  void set_likelihood(const Network& net, std::string_view var_name, std::vector<double> lambda) {
    set_likelihood(net, checked_id(net, var_name), std::move(lambda));
  }

  /// Jeffrey (fixed-marginal) evidence: the posterior of `v` must be `q`, a distribution
  /// (non-negative, sums to 1 within 1e-9). \throws evidence_error otherwise.
  template <class Network>
  void set_fixed_marginal(const Network& net, var_id v, std::vector<double> q) {
    const auto& var = checked(net, v);
    check_vector(var, q, "fixed marginal");
    double s = 0.0;
    for (double x : q) s += x;
    if (std::fabs(s - 1.0) > 1e-9)
      throw evidence_error("fixed-marginal evidence on '" + var.name() + "' sums to " +
                           detail::format_number(s) + "; a target marginal must sum to 1");
    findings_[v] = finding{evidence_kind::fixed_marginal, 0, std::move(q)};
  }
  /// Name-based overload of set_fixed_marginal.
  template <class Network>
  void set_fixed_marginal(const Network& net, std::string_view var_name, std::vector<double> q) {
    set_fixed_marginal(net, checked_id(net, var_name), std::move(q));
  }

  /// Removes the finding on `v`, if any.
  void retract(var_id v) { findings_.erase(v); }
  /// Removes every finding.
  void clear() noexcept { findings_.clear(); }

  /// Whether there is no finding.
  [[nodiscard]] bool empty() const noexcept { return findings_.empty(); }
  /// Number of findings.
  [[nodiscard]] std::size_t size() const noexcept { return findings_.size(); }
  /// Findings by variable id (ascending).
  [[nodiscard]] const std::map<var_id, finding>& findings() const noexcept { return findings_; }
  /// The finding on `v`, or nullptr.
  [[nodiscard]] const finding* find(var_id v) const {
    auto it = findings_.find(v);
    return it == findings_.end() ? nullptr : &it->second;
  }
  /// Whether any finding is of kind fixed_marginal.
  [[nodiscard]] bool has_fixed_marginals() const noexcept {
    for (const auto& [v, f] : findings_)
      if (f.kind == evidence_kind::fixed_marginal) return true;
    return false;
  }

  /// Checks every finding against `net` (ids, state ranges, vector lengths).
  /// \throws evidence_error naming the first bad finding.
  template <class Network>
  void validate(const Network& net) const {
    for (const auto& [v, f] : findings_) {
      const auto& var = checked(net, v);
      if (f.kind == evidence_kind::hard) {
        if (f.state >= var.cardinality())
          throw evidence_error("evidence on '" + var.name() + "': state number " +
                               std::to_string(f.state) + " out of range (states: " +
                               detail::join(var.states()) + ")");
      } else {
        check_vector(var, f.values, f.kind == evidence_kind::likelihood ? "likelihood" : "fixed marginal");
      }
    }
  }

  /// Human-readable description, e.g. "A=a0, C=c1, B~likelihood(0.2, 0.8)".
  template <class Network>
  [[nodiscard]] std::string describe(const Network& net) const {
    std::vector<std::string> parts;
    for (const auto& [v, f] : findings_) {
      const auto& var = net.var(v);
      if (f.kind == evidence_kind::hard) {
        parts.push_back(var.name() + "=" + var.state(f.state));
      } else {
        std::vector<std::string> nums;
        for (double x : f.values) nums.push_back(detail::format_number(x));
        parts.push_back(var.name() + (f.kind == evidence_kind::likelihood ? "~likelihood(" : "~marginal(") +
                        detail::join(nums) + ")");
      }
    }
    return parts.empty() ? std::string("no evidence") : detail::join(parts);
  }

  friend bool operator==(const evidence_set& a, const evidence_set& b) {
    return a.findings_ == b.findings_;
  }

 private:
  template <class Network>
  static const variable& checked(const Network& net, var_id v) {
    if (v >= net.size())
      throw evidence_error("evidence on variable id " + std::to_string(v) +
                           ", but the network has " + std::to_string(net.size()) + " variables");
    return net.var(v);
  }
  template <class Network>
  static var_id checked_id(const Network& net, std::string_view name) {
    if (auto v = net.find(name)) return *v;
    throw evidence_error("evidence on unknown variable '" + std::string(name) +
                         "' (variables: " + net.variable_names_list() + ")");
  }
  static void check_vector(const variable& var, const std::vector<double>& x, const char* what) {
    if (x.size() != var.cardinality())
      throw evidence_error(std::string(what) + " evidence on '" + var.name() + "' has " +
                           std::to_string(x.size()) + " entries; '" + var.name() + "' has " +
                           std::to_string(var.cardinality()) + " states (" +
                           detail::join(var.states()) + ")");
    bool any_positive = false;
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (!std::isfinite(x[i]) || x[i] < 0.0)
        throw evidence_error(std::string(what) + " evidence on '" + var.name() + "' has entry " +
                             detail::format_number(x[i]) + " for state '" + var.state(i) +
                             "'; entries must be finite and non-negative");
      any_positive = any_positive || x[i] > 0.0;
    }
    if (!any_positive)
      throw impossible_evidence_error(std::string(what) + " evidence on '" + var.name() +
                                      "' is zero for every state, so it rules out every state");
  }

  std::map<var_id, finding> findings_;
};

}  // namespace augury
