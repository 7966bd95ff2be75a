#pragma once
/// \file
/// Likelihood findings: the unit of evidence that the attribution, conflict and back-testing
/// analyses work on.
///
/// A likelihood finding is one piece of evidence about one variable, given as a vector
/// lambda over its states (virtual evidence, Pearl 1988, *Probabilistic Reasoning in
/// Intelligent Systems*, sec. 2.2.2): the joint distribution is multiplied by lambda(x_v).
/// A hard observation of state s is the indicator vector of s. Unlike an evidence_set, a
/// list of findings may hold several findings on one variable (for example several reports
/// about the same indicator); they multiply, so each one counts.

#include <augury/detail/join.hpp>
#include <augury/error.hpp>
#include <augury/evidence/evidence_set.hpp>
#include <augury/model/bayesian_network.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace augury::analysis {

/// One finding: a likelihood vector on one variable.
struct likelihood_finding {
  /// The variable the finding is about.
  var_id variable = 0;
  /// One finite, non-negative entry per state of `variable`, in state order, not all zero.
  /// Only ratios matter to posteriors; the conflict measure uses the vector as given.
  std::vector<double> likelihood;
  /// Date of the finding (YYYY-MM-DD), used by the timeline analyses; may be empty elsewhere.
  std::string date;
  /// Free text naming the finding in results and messages (e.g. a report's summary).
  std::string label;
};

/// A hard observation of `state` of `v` as a likelihood finding (the indicator vector).
/// \throws model_error if `v` or `state` is out of range.
[[nodiscard]] inline likelihood_finding hard_finding(const bayesian_network& net, var_id v,
                                                     std::size_t state, std::string date = {},
                                                     std::string label = {}) {
  const variable& var = net.var(v);
  (void)var.state(state);
  std::vector<double> lambda(var.cardinality(), 0.0);
  lambda[state] = 1.0;
  return likelihood_finding{v, std::move(lambda), std::move(date), std::move(label)};
}

/// The findings of an evidence set as a list, one per variable in id order (a hard finding
/// becomes its indicator vector).
/// \throws evidence_error if `e` does not fit `net` or holds a fixed-marginal finding.
[[nodiscard]] inline std::vector<likelihood_finding> findings_of(const bayesian_network& net,
                                                                 const evidence_set& e) {
  e.validate(net);
  std::vector<likelihood_finding> out;
  for (const auto& [v, f] : e.findings()) {
    if (f.kind == evidence_kind::fixed_marginal)
      throw evidence_error("'" + net.var(v).name() +
                           "' has a fixed-marginal finding, which is not a likelihood");
    const variable& var = net.var(v);
    out.push_back({v, f.as_likelihood(var.cardinality()), {},
                   f.kind == evidence_kind::hard ? var.name() + "=" + var.state(f.state) : var.name()});
  }
  return out;
}

/// How a finding is named in messages: its label, else its number in the list (from 0),
/// with its variable.
[[nodiscard]] inline std::string describe_finding(const bayesian_network& net,
                                                  const std::vector<likelihood_finding>& findings,
                                                  std::size_t i) {
  const auto& f = findings[i];
  const std::string var = f.variable < net.size() ? "'" + net.var(f.variable).name() + "'"
                                                  : "variable id " + std::to_string(f.variable);
  return "finding " + std::to_string(i) + (f.label.empty() ? "" : " (" + f.label + ")") +
         " on " + var;
}

/// Checks every finding against `net`.
/// \throws evidence_error naming the first bad finding: unknown variable id, a vector whose
///   length differs from the number of states (listing them), a negative or non-finite
///   entry; impossible_evidence_error for a vector that is zero for every state.
inline void check_findings(const bayesian_network& net,
                           const std::vector<likelihood_finding>& findings) {
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const auto& f = findings[i];
    if (f.variable >= net.size())
      throw evidence_error(describe_finding(net, findings, i) + ": the network has " +
                           std::to_string(net.size()) + " variables");
    const variable& var = net.var(f.variable);
    if (f.likelihood.size() != var.cardinality())
      throw evidence_error(describe_finding(net, findings, i) + " has " +
                           std::to_string(f.likelihood.size()) + " entries; '" + var.name() +
                           "' has " + std::to_string(var.cardinality()) + " states (" +
                           augury::detail::join(var.states()) + ")");
    bool any = false;
    for (std::size_t s = 0; s < f.likelihood.size(); ++s) {
      const double x = f.likelihood[s];
      if (!std::isfinite(x) || x < 0.0)
        throw evidence_error(describe_finding(net, findings, i) + " has entry " +
                             augury::detail::format_number(x) + " for state '" + var.state(s) +
                             "'; entries must be finite and non-negative");
      any = any || x > 0.0;
    }
    if (!any)
      throw impossible_evidence_error(describe_finding(net, findings, i) +
                                      " is zero for every state, so it rules out every state");
  }
}

/// Evidence built from a list of findings: `evidence` holds one finding per variable, and
/// P(findings as given) = exp(log_scale) * P(evidence).
struct combined_evidence {
  evidence_set evidence;
  /// Natural log of the factor removed by rescaling (see combine_findings).
  double log_scale = 0.0;
};

/// Combines `base` with the findings whose indices are listed in `selection` (in that
/// order; an index may not repeat): findings on one variable are multiplied together and
/// with the base finding on that variable (a hard base finding stays hard, weighted by
/// lambda(state)). After each multiplication the product is divided by its largest entry, so
/// that many findings on one variable cannot underflow; the logarithms of those divisors are
/// summed in log_scale, so no information about P(e) is lost. The findings themselves are
/// not re-checked (see check_findings).
/// \throws evidence_error if an index is out of range, or a selected finding is on a
///   variable with a fixed-marginal base finding; impossible_evidence_error if the findings on
///   one variable rule out every state together (naming the variable).
[[nodiscard]] inline combined_evidence combine_selected(const bayesian_network& net,
                                                        const std::vector<likelihood_finding>& findings,
                                                        const std::vector<std::size_t>& selection,
                                                        const evidence_set& base = {}) {
  combined_evidence out;
  out.evidence = base;
  std::map<var_id, std::vector<double>> products;
  auto multiply = [&](std::vector<double>& p, const std::vector<double>& lambda) {
    double top = 0.0;
    for (std::size_t s = 0; s < p.size(); ++s) {
      p[s] *= lambda[s];
      top = std::max(top, p[s]);
    }
    if (top > 0.0) {
      for (double& x : p) x /= top;
      out.log_scale += std::log(top);
    }
  };
  for (std::size_t i : selection) {
    if (i >= findings.size())
      throw evidence_error("finding index " + std::to_string(i) + " out of range (there are " +
                           std::to_string(findings.size()) + " findings)");
    const auto& f = findings[i];
    auto it = products.find(f.variable);
    if (it == products.end())
      it = products.emplace(f.variable, std::vector<double>(f.likelihood.size(), 1.0)).first;
    multiply(it->second, f.likelihood);
  }
  for (auto& [v, p] : products) {
    const variable& var = net.var(v);
    const finding* b = base.find(v);
    if (b && b->kind == evidence_kind::fixed_marginal)
      throw evidence_error("a likelihood finding on '" + var.name() +
                           "' cannot be combined with its fixed-marginal finding");
    if (b && b->kind == evidence_kind::hard) {
      const double w = p[b->state];
      if (!(w > 0.0))
        throw impossible_evidence_error("the findings on '" + var.name() +
                                        "' rule out its observed state '" + var.state(b->state) + "'");
      out.log_scale += std::log(w);
      continue;  // the hard finding stays as it is
    }
    if (b) multiply(p, b->values);
    if (std::all_of(p.begin(), p.end(), [](double x) { return x == 0.0; }))
      throw impossible_evidence_error("the findings on '" + var.name() +
                                      "' together rule out every state (states: " +
                                      augury::detail::join(var.states()) + ")");
    out.evidence.set_likelihood(net, v, p);
  }
  return out;
}

/// combine_selected with every finding of the list.
[[nodiscard]] inline combined_evidence combine_findings(const bayesian_network& net,
                                                        const std::vector<likelihood_finding>& findings,
                                                        const evidence_set& base = {}) {
  std::vector<std::size_t> all(findings.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  return combine_selected(net, findings, all, base);
}

}  // namespace augury::analysis
