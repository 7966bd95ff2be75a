#pragma once
/// \file
/// Brute-force inference over the full joint distribution, for tiny networks and as the
/// independent oracle the other exact engines are tested against.
///
/// The joint P(x) = prod_v P(x_v | x_pa(v)) (the chain rule of a Bayesian network, Pearl
/// 1988, sec. 3.3) is tabulated once; each query weights every entry by the evidence and
/// sums. Nothing is pruned, reordered or rescaled, so its answers depend on no part of the
/// machinery of variable elimination or the junction tree.

#include <augury/detail/join.hpp>
#include <augury/error.hpp>
#include <augury/evidence/evidence_set.hpp>
#include <augury/inference/detail/evidence_fitting.hpp>
#include <augury/interruption.hpp>
#include <augury/model/bayesian_network.hpp>
#include <augury/model/factor.hpp>

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace augury {

/// Exact inference by enumerating the joint distribution of all variables.
///
/// Holds the joint table (2^24 entries at most, 128 MiB) and a copy of the network; queries
/// take their evidence and are `const`. Evidence semantics are those of
/// variable_elimination (fixed-marginal findings by iterative proportional fitting).
/// P(e) is accumulated in plain double precision, so with many improbable findings it can
/// underflow; use variable_elimination or junction_tree beyond toy sizes.
class enumeration {
 public:
  /// The largest joint table the engine accepts (2^24 entries).
  static constexpr std::size_t max_joint_entries = std::size_t(1) << 24;

  /// Tabulates the joint of `net` (copied); the table's scope is all variables in id order.
  /// \throws inference_error if the joint has more than max_joint_entries entries, saying
  ///         how many it would need; model_error if a variable has no CPT.
  explicit enumeration(const bayesian_network& net) : net_(net) {
    net_.validate();
    const std::size_t n = net_.size();
    double needed = 1.0;
    for (const auto& v : net_.variables()) needed *= static_cast<double>(v.cardinality());
    if (needed > static_cast<double>(max_joint_entries))
      throw inference_error("enumeration of network '" + net_.name() + "' would need a joint table of " +
                            detail::format_number(needed) + " entries (" + std::to_string(n) +
                            " variables); the limit is " + std::to_string(max_joint_entries) +
                            " (2^24): use variable_elimination or junction_tree");
    std::vector<var_id> scope(n);
    for (var_id v = 0; v < n; ++v) scope[v] = v;
    joint_ = factor::filled(scope, net_.cardinalities(), 0.0);
    // Offsets of each CPT entry, updated odometer-style along the joint's axes.
    std::vector<std::vector<std::size_t>> cpt_strides(n);
    for (var_id v = 0; v < n; ++v) cpt_strides[v] = net_.cpt_of(v).table().strides_on(scope);
    const auto cards = net_.cardinalities();
    std::vector<std::size_t> idx(n, 0), off(n, 0);
    auto& values = joint_.values();
    for (std::size_t r = 0; r < values.size(); ++r) {
      if (r % 4096 == 0) interruption_point("enumeration");
      double p = 1.0;
      for (var_id v = 0; v < n; ++v) p *= net_.cpt_of(v).table().values()[off[v]];
      values[r] = p;
      for (std::size_t a = n; a-- > 0;) {
        if (++idx[a] < cards[a]) {
          for (var_id v = 0; v < n; ++v) off[v] += cpt_strides[v][a];
          break;
        }
        for (var_id v = 0; v < n; ++v) off[v] -= cpt_strides[v][a] * (cards[a] - 1);
        idx[a] = 0;
      }
    }
  }

  /// The engine's copy of the network.
  [[nodiscard]] const bayesian_network& network() const noexcept { return net_; }
  /// The joint distribution P(x) over all variables (scope: ids 0..n-1 in order).
  [[nodiscard]] const factor& joint() const noexcept { return joint_; }

  /// P(target | e); see variable_elimination::posterior for the semantics.
  /// \throws impossible_evidence_error if P(e) = 0 (naming the evidence); evidence_error if
  ///         `e` does not fit the network.
  [[nodiscard]] std::vector<double> posterior(var_id target, const evidence_set& e) const {
    return joint_posterior({target}, e).values();
  }

  /// P(targets | e) with scope `targets` in the given order.
  /// \throws as posterior(); inference_error if a target is listed twice.
  [[nodiscard]] factor joint_posterior(const std::vector<var_id>& targets, const evidence_set& e) const {
    e.validate(net_);
    for (std::size_t i = 0; i < targets.size(); ++i) {
      (void)net_.var(targets[i]);
      for (std::size_t j = 0; j < i; ++j)
        if (targets[i] == targets[j])
          throw inference_error("joint posterior lists variable '" + net_.var(targets[i]).name() +
                                "' twice");
    }
    const detail::finding_map findings =
        e.has_fixed_marginals()
            ? detail::fit_fixed_marginals(net_, e,
                                          [&](const detail::finding_map& f, var_id v) {
                                            return normalised(marginal({v}, f), e).values();
                                          })
            : e.findings();
    return normalised(marginal(targets, findings), e);
  }

  /// Natural log of P(e) (hard and likelihood findings; fixed marginals are ignored, as in
  /// variable_elimination). -infinity when P(e) = 0.
  [[nodiscard]] double log_evidence_probability(const evidence_set& e) const {
    e.validate(net_);
    detail::finding_map findings;
    for (const auto& [v, f] : e.findings())
      if (f.kind != evidence_kind::fixed_marginal) findings.emplace(v, f);
    const double p = marginal({}, findings).values()[0];
    return p > 0.0 ? std::log(p) : -std::numeric_limits<double>::infinity();
  }

  /// log10 P(e); see log_evidence_probability().
  [[nodiscard]] double log10_evidence_probability(const evidence_set& e) const {
    return log_evidence_probability(e) / std::log(10.0);
  }

 private:
  /// Unnormalised sum over the joint of P(x) prod lambda, kept on `targets`.
  factor marginal(const std::vector<var_id>& targets, const detail::finding_map& findings) const {
    const std::size_t n = net_.size();
    std::vector<std::size_t> tcards;
    for (var_id t : targets) tcards.push_back(net_.var(t).cardinality());
    factor out = factor::filled(targets, tcards, 0.0);
    std::vector<std::size_t> tstride(n, 0);
    for (std::size_t i = 0; i < targets.size(); ++i) tstride[targets[i]] = out.strides()[i];
    std::vector<std::pair<var_id, std::vector<double>>> lambdas;
    for (const auto& [v, f] : findings) lambdas.emplace_back(v, f.as_likelihood(net_.var(v).cardinality()));
    const auto& cards = joint_.cardinalities();
    const auto& jstrides = joint_.strides();
    const auto& values = joint_.values();
    for (std::size_t r = 0; r < values.size(); ++r) {
      if (r % 4096 == 0) interruption_point("enumeration");
      double w = values[r];
      if (w == 0.0) continue;
      std::size_t o = 0;
      for (const auto& [v, l] : lambdas) w *= l[(r / jstrides[v]) % cards[v]];
      for (var_id t : targets) o += ((r / jstrides[t]) % cards[t]) * tstride[t];
      out.values()[o] += w;
    }
    return out;
  }

  factor normalised(factor f, const evidence_set& e) const {
    if (!(f.normalize() > 0.0))
      throw impossible_evidence_error(detail::impossible_evidence_message(net_, e));
    return f;
  }

  bayesian_network net_;
  factor joint_;
};

}  // namespace augury
