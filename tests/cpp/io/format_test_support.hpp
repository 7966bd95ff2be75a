#pragma once
// Helpers for the tests of the XMLBIF, XDSL, DSL, NET, DNE and DSC formats: comparing two
// networks by names (their files may order variables, parents and states differently) and
// comparing posteriors computed by the junction tree.

#include <augury/inference/junction_tree.hpp>
#include <augury/model/bayesian_network.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace augury::test_io {

/// P(child = state | parents) of `net` for an assignment given by names.
inline double cpt_entry(const bayesian_network& net, var_id child, const std::map<std::string, std::string>& assignment) {
  const cpt& table = net.cpt_of(child);
  std::size_t row = 0;
  for (var_id p : table.parents()) {
    const auto& pv = net.var(p);
    row = row * pv.cardinality() + pv.state_index(assignment.at(pv.name()));
  }
  return table(row, net.var(child).state_index(assignment.at(net.var(child).name())));
}

/// Whether the CPT of `v` in `a` and of `w` in `b` give every (parents..., child) assignment,
/// matched by variable and state names, the same entry (within `tolerance`; 0: bit for bit).
inline ::testing::AssertionResult same_cpt_by_name(const bayesian_network& a, var_id v, const bayesian_network& b,
                                                   var_id w, double tolerance = 0.0) {
  const auto& av = a.var(v);
  const auto& bv = b.var(w);
  if (av.cardinality() != bv.cardinality())
    return ::testing::AssertionFailure() << "'" << av.name() << "' has different state counts";
  for (const auto& s : av.states())
    if (!bv.find_state(s)) return ::testing::AssertionFailure() << "'" << av.name() << "' lacks state '" << s << "'";
  const auto& ap = a.parents(v);
  const auto& bp = b.parents(w);
  if (ap.size() != bp.size()) return ::testing::AssertionFailure() << "'" << av.name() << "' has different parents";
  for (var_id p : ap)
    if (!b.find(a.var(p).name())) return ::testing::AssertionFailure() << "unknown parent of '" << av.name() << "'";
  // Every assignment of (parents..., child) in a's order.
  std::vector<var_id> scope = ap;
  scope.push_back(v);
  std::vector<std::size_t> idx(scope.size(), 0);
  for (;;) {
    std::map<std::string, std::string> assignment;
    for (std::size_t i = 0; i < scope.size(); ++i) assignment[a.var(scope[i]).name()] = a.var(scope[i]).state(idx[i]);
    const double x = cpt_entry(a, v, assignment);
    const double y = cpt_entry(b, w, assignment);
    if (tolerance == 0.0 ? x != y : std::fabs(x - y) > tolerance)
      return ::testing::AssertionFailure() << "P(" << av.name() << "=" << assignment[av.name()] << " | ...) is " << x
                                           << " in one network and " << y << " in the other";
    std::size_t i = scope.size();
    while (i-- > 0) {
      if (++idx[i] < a.var(scope[i]).cardinality()) break;
      idx[i] = 0;
    }
    if (i == static_cast<std::size_t>(-1)) break;
  }
  return ::testing::AssertionSuccess();
}

/// Whether two networks have the same variables and, by names, the same CPTs.
inline ::testing::AssertionResult same_cpts_by_name(const bayesian_network& a, const bayesian_network& b,
                                                    double tolerance = 0.0) {
  if (a.size() != b.size())
    return ::testing::AssertionFailure() << "sizes differ: " << a.size() << " and " << b.size();
  for (var_id v = 0; v < a.size(); ++v) {
    const auto w = b.find(a.var(v).name());
    if (!w) return ::testing::AssertionFailure() << "no variable '" << a.var(v).name() << "' in the second network";
    auto r = same_cpt_by_name(a, v, b, *w, tolerance);
    if (!r) return r;
  }
  return ::testing::AssertionSuccess();
}

inline ::testing::AssertionResult equal_up_to_variable_order(const bayesian_network& a, const bayesian_network& b) {
  if (a.name() != b.name()) return ::testing::AssertionFailure() << "names differ: '" << a.name() << "', '" << b.name() << "'";
  if (a.properties() != b.properties()) return ::testing::AssertionFailure() << "properties differ";
  for (var_id v = 0; v < a.size(); ++v) {
    const auto w = b.find(a.var(v).name());
    if (!w || a.var(v) != b.var(*w)) return ::testing::AssertionFailure() << "variable '" << a.var(v).name() << "' differs";
    std::vector<std::string> ap, bp;
    for (var_id p : a.parents(v)) ap.push_back(a.var(p).name());
    for (var_id p : b.parents(*w)) bp.push_back(b.var(p).name());
    if (ap != bp) return ::testing::AssertionFailure() << "parents of '" << a.var(v).name() << "' differ";
    if (a.cpt_of(v).table().values() != b.cpt_of(*w).table().values())
      return ::testing::AssertionFailure() << "CPT of '" << a.var(v).name() << "' differs";
  }
  if (a.size() != b.size()) return ::testing::AssertionFailure() << "sizes differ";
  return ::testing::AssertionSuccess();
}

/// Posteriors of every variable of `a` and `b` (matched by names) under the same hard evidence
/// agree within `tolerance`; also P(evidence).
inline ::testing::AssertionResult same_posteriors(const bayesian_network& a, const bayesian_network& b,
                                                  const std::vector<std::pair<std::string, std::string>>& evidence,
                                                  double tolerance) {
  junction_tree ja(a), jb(b);
  for (const auto& [var, state] : evidence) {
    ja.set_hard(var, state);
    jb.set_hard(var, state);
  }
  const double la = ja.log_evidence_probability(), lb = jb.log_evidence_probability();
  if (std::fabs(la - lb) > tolerance) return ::testing::AssertionFailure() << "log P(e) " << la << " vs " << lb;
  for (var_id v = 0; v < a.size(); ++v) {
    const auto& av = a.var(v);
    const auto pa = ja.posterior(v);
    const auto pb = jb.posterior(av.name());
    const auto& bv = b.var(b.id(av.name()));
    for (std::size_t s = 0; s < av.cardinality(); ++s) {
      const double y = pb[bv.state_index(av.state(s))];
      if (std::fabs(pa[s] - y) > tolerance)
        return ::testing::AssertionFailure() << "P(" << av.name() << "=" << av.state(s) << ") is " << pa[s] << " and " << y;
    }
  }
  return ::testing::AssertionSuccess();
}

}  // namespace augury::test_io
