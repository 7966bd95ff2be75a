#pragma once
/// \file
/// Explaining impossible evidence: a minimal set of findings that is already impossible.
///
/// When P(e) = 0, the engines report every finding of e (impossible_evidence_error). With many
/// findings the culprit is hard to see, so this header finds an *irreducible* impossible
/// subset: findings that have probability zero together, while dropping any one of them
/// leaves evidence of positive probability. It uses the deletion filter (J. W. Chinneck and
/// E. W. Dravnieks, "Locating minimal infeasible constraint sets in linear programs", ORSA
/// Journal on Computing 3(2), 1991): try dropping each finding in turn and keep it dropped
/// while the rest still has P = 0. Because P(e) = 0 stays 0 when findings are added (every
/// term of sum_x P(x) prod lambda_v(x_v) that is zero stays zero), the result is irreducible,
/// though not necessarily the smallest such subset. Each test is one exact P(e) query by
/// variable elimination, so the search costs at most one query per finding.

#include <augury/detail/join.hpp>
#include <augury/error.hpp>
#include <augury/evidence/evidence_set.hpp>
#include <augury/inference/variable_elimination.hpp>
#include <augury/model/bayesian_network.hpp>

#include <cmath>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace augury {

/// Bounds on the search of minimal_impossible_evidence.
struct evidence_conflict_options {
  /// Give up (return nothing) when the evidence has more hard and likelihood findings.
  std::size_t max_findings = 64;
  /// Give up when one P(e) query would build an intermediate table larger than this.
  double max_table_entries = 1 << 22;
};

/// An irreducible subset of the hard and likelihood findings of `e` with probability zero
/// (see the file comment), or nothing when there is none to find: P(e) > 0 for those
/// findings (a conflict that involves fixed-marginal findings is not searched), or the search
/// would exceed `options`. Fixed-marginal findings are ignored. Never throws for evidence
/// that fits the network.
/// \throws evidence_error if `e` does not fit `net`; model_error if a variable of `net` has no
///   CPT.
[[nodiscard]] inline std::optional<evidence_set> minimal_impossible_evidence(
    const bayesian_network& net, const evidence_set& e, const evidence_conflict_options& options = {}) {
  e.validate(net);
  evidence_set current;
  for (const auto& [v, f] : e.findings()) {
    if (f.kind == evidence_kind::hard) current.set_hard(net, v, f.state);
    if (f.kind == evidence_kind::likelihood) current.set_likelihood(net, v, f.values);
  }
  if (current.empty() || current.size() > options.max_findings) return std::nullopt;
  const variable_elimination engine(net, options.max_table_entries);
  const auto impossible = [&](const evidence_set& s) {
    return std::isinf(engine.log_evidence_probability(s));
  };
  try {
    if (!impossible(current)) return std::nullopt;
    std::vector<var_id> order;
    for (const auto& [v, f] : current.findings()) order.push_back(v);
    for (var_id v : order) {
      evidence_set without = current;
      without.retract(v);
      if (impossible(without)) current = std::move(without);
    }
  } catch (const inference_error&) {
    return std::nullopt;  // too large to search within the budget
  }
  return current;
}

/// The impossible-evidence message for `e` with, when one is found that is smaller than the
/// hard and likelihood findings of `e`, the minimal impossible subset:
/// "evidence has probability zero: A=a0, B=b1, C=c1; these findings alone are already
/// impossible together: A=a0, C=c1". A single finding is described as "impossible on its own".
/// \throws as minimal_impossible_evidence.
[[nodiscard]] inline std::string explain_impossible_evidence(const bayesian_network& net, const evidence_set& e,
                                                             const evidence_conflict_options& options = {}) {
  std::string message = "evidence has probability zero: " + e.describe(net);
  const auto core = minimal_impossible_evidence(net, e, options);
  if (!core) return message;
  std::size_t hard_or_likelihood = 0;
  for (const auto& [v, f] : e.findings()) hard_or_likelihood += f.kind != evidence_kind::fixed_marginal;
  if (core->size() == hard_or_likelihood && e.size() == hard_or_likelihood) return message;
  if (core->size() == 1)
    return message + "; this finding alone is impossible: " + core->describe(net);
  return message + "; these findings alone are already impossible together: " + core->describe(net);
}

}  // namespace augury
