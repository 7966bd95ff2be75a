#pragma once
// Evidence handling shared by the exact engines: the message of an impossible-evidence
// error, and the iterative proportional fitting that turns fixed-marginal (Jeffrey)
// findings into likelihood findings. Not part of the public API.

#include <augury/detail/join.hpp>
#include <augury/error.hpp>
#include <augury/evidence/evidence_set.hpp>
#include <augury/model/bayesian_network.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace augury::detail {

/// Findings keyed by variable, as the engines consume them.
using finding_map = std::map<var_id, finding>;

/// "evidence has probability zero: A=a0, C=c1". `Network` is any type with var(v) (a
/// bayesian_network, a markov_network or a compiled junction tree).
template <class Network>
std::string impossible_evidence_message(const Network& net, const evidence_set& e) {
  return "evidence has probability zero: " + e.describe(net);
}

/// The findings of `e` with every fixed-marginal finding replaced by a likelihood finding
/// of all ones (the starting point of the fitting, and the "hard/likelihood part" of e).
inline finding_map base_findings(const evidence_set& e) {
  finding_map out = e.findings();
  for (auto& [v, f] : out)
    if (f.kind == evidence_kind::fixed_marginal) {
      f.kind = evidence_kind::likelihood;
      f.values.assign(f.values.size(), 1.0);
    }
  return out;
}

/// Replaces the fixed-marginal findings of `e` by likelihood findings lambda_i such that
/// the posterior marginal of each such X_i, given the hard and likelihood findings and all
/// the lambdas, equals its target Q_i. Iterative proportional fitting (Deming & Stephan
/// 1940; for Jeffrey evidence in networks: Peng, Zhang & Pan, "Bayesian network reasoning
/// with uncertain evidences", IJUFKS 18(5), 2010, sec. 4): sweep over the targets, setting
///   lambda_i <- lambda_i * Q_i / P(X_i | e, lambdas),
/// until the largest |P(X_i | e, lambdas) - Q_i| seen in a sweep is below `tolerance`.
/// With one fixed marginal a single update is exact (Jeffrey's rule, Chan & Darwiche 2005,
/// sec. 3), so no second sweep is made.
///
/// Before fitting, each target is checked against the hard and likelihood findings and the
/// supports of the other targets (lambda_j = 1 where Q_j > 0, else 0): a target that gives
/// mass to a state that is impossible there can never be met.
///
/// `marginal(findings, v)` must return the normalised posterior of v given `findings` (or
/// throw impossible_evidence_error when they have probability zero).
/// \throws impossible_evidence_error if some Q_i gives mass to a state whose posterior
///         probability is zero; evidence_error if the fitting does not converge (targets
///         that cannot hold together).
template <class Network, class Marginal>
finding_map fit_fixed_marginals(const Network& net, const evidence_set& e,
                                Marginal&& marginal, double tolerance = 1e-12,
                                std::size_t max_sweeps = 1000) {
  finding_map findings = base_findings(e);
  std::vector<var_id> fixed;
  for (const auto& [v, f] : e.findings())
    if (f.kind == evidence_kind::fixed_marginal) fixed.push_back(v);
  if (fixed.empty()) return findings;

  auto check_support = [&](var_id v, const std::vector<double>& p) {
    const std::vector<double>& q = e.find(v)->values;
    for (std::size_t s = 0; s < q.size(); ++s)
      if (q[s] > 0.0 && !(p[s] > 0.0)) {
        const auto& var = net.var(v);
        evidence_set rest = e;
        rest.retract(v);
        throw impossible_evidence_error(
            "fixed-marginal evidence on '" + var.name() + "' gives probability " +
            format_number(q[s]) + " to state '" + var.state(s) + "', which has probability zero" +
            (rest.empty() ? std::string() : " given the other evidence (" + rest.describe(net) + ")") +
            "; Jeffrey's rule cannot move probability onto it");
      }
  };
  if (fixed.size() > 1) {
    for (var_id v : fixed) {
      const std::vector<double>& q = e.find(v)->values;
      for (std::size_t s = 0; s < q.size(); ++s) findings[v].values[s] = q[s] > 0.0 ? 1.0 : 0.0;
    }
    for (var_id v : fixed) check_support(v, marginal(findings, v));
  }

  auto unmet = [&](std::size_t sweeps, double residual) {
    std::vector<std::string> names;
    for (var_id v : fixed) names.push_back(net.var(v).name());
    return evidence_error("fixed-marginal evidence on " + join(names) +
                          " cannot be met together: after " + std::to_string(sweeps) +
                          " sweeps of iterative proportional fitting a marginal is still " +
                          format_number(residual) + " away from its target");
  };
  double residual = 0.0;
  for (std::size_t sweep = 0; sweep < max_sweeps; ++sweep) {
    residual = 0.0;
    for (var_id v : fixed) {
      const std::vector<double>& q = e.find(v)->values;
      const std::vector<double> p = marginal(findings, v);
      if (fixed.size() == 1) check_support(v, p);
      std::vector<double>& lambda = findings[v].values;
      double top = 0.0;
      for (std::size_t s = 0; s < q.size(); ++s) {
        // Supports were checked, so a zero here means the lambdas diverged.
        if (q[s] > 0.0 && !(p[s] > 0.0)) throw unmet(sweep + 1, q[s]);
        residual = std::max(residual, std::fabs(p[s] - q[s]));
        lambda[s] = q[s] > 0.0 ? lambda[s] * (q[s] / p[s]) : 0.0;
        top = std::max(top, lambda[s]);
      }
      if (!(top > 0.0) || !std::isfinite(top)) throw unmet(sweep + 1, residual);
      for (double& l : lambda) l /= top;  // only ratios matter; keep the scale near 1
    }
    if (fixed.size() == 1 || residual < tolerance) return findings;
  }
  throw unmet(max_sweeps, residual);
}

}  // namespace augury::detail
