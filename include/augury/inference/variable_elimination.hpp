#pragma once
/// \file
/// Exact inference by variable elimination (sum-product), one query at a time.
///
/// Each query works on the factors relevant to it only: barren variables (neither observed
/// nor queried, and with no observed or queried descendant) are pruned recursively, which
/// leaves the CPTs of the ancestral set of the query and evidence variables. Pruning a
/// barren variable is exact only when each row of its CPT sums to 1; published networks
/// carry rows that sum to 1 only within a few 1e-7, and augury uses tables as written (P(e)
/// is the sum over all states of the product of all CPTs). So a barren variable whose CPT
/// has a row deviating from 1 by more than 1e-12 is kept, and so are its ancestors; the
/// answers then equal those of the junction tree and of enumeration. Hard findings
/// are instantiated (the observed axis is sliced away), likelihood findings multiply the
/// observed variable's CPT. The remaining non-query variables are summed out in a min-fill
/// order computed on those factors' interaction graph.
/// Sources: N. L. Zhang and D. Poole, "A simple approach to Bayesian network computations",
/// Proc. Canadian AI 1994, and "Exploiting causal independence in Bayesian network
/// inference", JAIR 5, 1996; R. Dechter, "Bucket elimination", UAI 1996; D. Koller and
/// N. Friedman, *Probabilistic Graphical Models*, MIT Press 2009, ch. 9 (sec. 9.3 for the
/// algorithm, sec. 9.4.3 for the ordering); barren nodes: R. D. Shachter, "Evaluating
/// influence diagrams", Operations Research 34(6), 1986.
///
/// requisite_posterior() prunes further, to the CPTs the Bayes-ball algorithm finds
/// requisite (R. D. Shachter, "Bayes-Ball: The Rational Pastime", UAI 1998): besides barren
/// variables it drops every part of the network that the evidence d-separates from the
/// target, and the findings in it.
///
/// Every intermediate factor is divided by its sum and the logarithm of that sum is added to
/// a running log scale, so P(e) does not underflow however many findings there are, and an
/// intermediate factor that is all zeros proves P(e) = 0 exactly.

#include <augury/detail/join.hpp>
#include <augury/error.hpp>
#include <augury/evidence/evidence_set.hpp>
#include <augury/inference/detail/bayes_ball.hpp>
#include <augury/inference/detail/evidence_fitting.hpp>
#include <augury/inference/detail/factor_product.hpp>
#include <augury/inference/elimination_order.hpp>
#include <augury/interruption.hpp>
#include <augury/model/bayesian_network.hpp>
#include <augury/model/factor.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <deque>
#include <iterator>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace augury {

/// Exact posterior and evidence-probability queries by variable elimination.
///
/// The engine holds its own copy of the network (so the caller may discard or change the
/// original) and no evidence: each query takes its evidence, so one engine answers any
/// sequence of queries without side effects. Queries are `const` and may run concurrently.
///
/// Evidence semantics (see evidence_set): hard findings select a state; likelihood findings
/// multiply the joint by lambda(x_v); fixed-marginal findings are met exactly by iterative
/// proportional fitting of one likelihood per such variable (see fixed-marginal notes on
/// posterior()).
class variable_elimination {
 public:
  /// Default limit on the entries of any intermediate table (2^28, i.e. 2 GiB of doubles).
  static constexpr double default_max_table_entries = 268435456.0;

  /// Prepares an engine for `net` (copied).
  /// \param max_table_entries refuse a query whose elimination would create a larger table
  /// \throws model_error if a variable of `net` has no CPT.
  explicit variable_elimination(const bayesian_network& net,
                                double max_table_entries = default_max_table_entries)
      : net_(net), max_table_entries_(max_table_entries) {
    net_.validate();
    prunable_.assign(net_.size(), 1);
    for (var_id v = 0; v < net_.size(); ++v) {
      const cpt& c = net_.cpt_of(v);
      for (std::size_t r = 0; r < c.rows(); ++r) {
        double sum = 0.0;
        for (std::size_t j = 0; j < c.columns(); ++j) sum += c(r, j);
        if (std::fabs(sum - 1.0) > 1e-12) prunable_[v] = 0;
      }
    }
  }

  /// The engine's copy of the network.
  [[nodiscard]] const bayesian_network& network() const noexcept { return net_; }

  /// P(target | e): a vector of card(target) probabilities in state order, summing to 1.
  /// For a target with a hard finding this is the indicator of the observed state.
  ///
  /// Fixed-marginal findings: the likelihoods lambda_i that make each such variable's
  /// posterior equal its target Q_i (given the hard and likelihood findings and each other)
  /// are found by iterative proportional fitting (one exact step when there is one such
  /// finding; otherwise sweeps until every marginal is within 1e-12 of its target), then the
  /// query is answered with them.
  /// \throws impossible_evidence_error if P(e) = 0, naming the evidence (for example
  ///         "evidence has probability zero: A=a0, C=c1"), or if a target marginal gives mass
  ///         to a state of posterior probability zero.
  /// \throws evidence_error if `e` does not fit the network; model_error on a bad target id;
  ///         inference_error if an intermediate table would exceed the size limit.
  [[nodiscard]] std::vector<double> posterior(var_id target, const evidence_set& e) const {
    return joint_posterior({target}, e).values();
  }

  /// P(targets | e) as a factor whose scope is `targets` in the given order (a C-order
  /// table of shape (card(targets[0]), ...), summing to 1). An empty `targets` gives the
  /// scalar factor 1 (after checking that P(e) > 0).
  /// \throws as posterior(); also inference_error if a target is listed twice.
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
                                            return solve_normalised({v}, f, e).values();
                                          })
            : e.findings();
    return solve_normalised(targets, findings, e);
  }

  /// The variables whose CPTs P(targets | e) needs, by the Bayes-ball algorithm (Shachter
  /// 1998; see detail/bayes_ball.hpp), in increasing id order: the ancestors and
  /// descendants through which evidence can reach a target, not the barren or d-separated
  /// rest. Likelihood findings, and CPTs whose rows do not sum to 1 within 1e-12, count as
  /// observed children of their variable (their CPTs cannot be summed out to 1).
  /// \throws evidence_error if `e` does not fit the network; model_error on a bad target id.
  [[nodiscard]] std::vector<var_id> requisite_variables(const std::vector<var_id>& targets,
                                                        const evidence_set& e) const {
    e.validate(net_);
    for (var_id t : targets) (void)net_.var(t);
    const std::vector<char> mask = requisite_mask(targets, e.findings());
    std::vector<var_id> out;
    for (var_id v = 0; v < net_.size(); ++v)
      if (mask[v]) out.push_back(v);
    return out;
  }

  /// P(target | e) computed from the requisite CPTs only (requisite_variables({target}, e)):
  /// findings that the other findings d-separate from the target are not used. The answer
  /// equals posterior(target, e) whenever P(e) > 0; but evidence that is impossible only
  /// through findings outside the requisite part is not detected (posterior() reports it).
  /// With fixed-marginal findings, which couple every finding, this is posterior().
  /// \throws impossible_evidence_error if the requisite findings have probability zero;
  ///         otherwise as posterior().
  [[nodiscard]] std::vector<double> requisite_posterior(var_id target, const evidence_set& e) const {
    if (e.has_fixed_marginals()) return posterior(target, e);
    e.validate(net_);
    (void)net_.var(target);
    const std::vector<char> mask = requisite_mask({target}, e.findings());
    return solve_normalised({target}, e.findings(), e, &mask).values();
  }

  /// Natural logarithm of P(e) = sum_x P(x) prod_v lambda_v(x_v), where lambda_v is the
  /// indicator of the observed state for a hard finding and the given vector for a
  /// likelihood finding (likelihood vectors are used as given, not rescaled). Fixed-marginal
  /// findings are not part of this number: P(e) refers to the hard and likelihood findings.
  /// Returns -infinity when P(e) = 0 (the one query that reports impossible evidence by
  /// value rather than by exception); never NaN.
  /// \throws evidence_error if `e` does not fit the network; inference_error if an
  ///         intermediate table would exceed the size limit.
  [[nodiscard]] double log_evidence_probability(const evidence_set& e) const {
    e.validate(net_);
    detail::finding_map findings = e.findings();
    for (auto it = findings.begin(); it != findings.end();)
      it = it->second.kind == evidence_kind::fixed_marginal ? findings.erase(it) : std::next(it);
    const solution s = solve({}, findings);
    if (s.impossible) return -std::numeric_limits<double>::infinity();
    return s.log_scale + std::log(s.table.sum());
  }

  /// log10 P(e); see log_evidence_probability().
  [[nodiscard]] double log10_evidence_probability(const evidence_set& e) const {
    return log_evidence_probability(e) / std::log(10.0);
  }

 private:
  struct solution {
    factor table;            // unnormalised P(targets, e) / exp(log_scale), scope = targets
    double log_scale = 0.0;  // log of the factors divided out along the way
    bool impossible = false;
  };

  std::vector<char> requisite_mask(const std::vector<var_id>& targets,
                                   const detail::finding_map& findings) const {
    std::vector<char> hard(net_.size(), 0), soft(net_.size(), 0);
    for (const auto& [v, f] : findings) (f.kind == evidence_kind::hard ? hard : soft)[v] = 1;
    for (var_id v = 0; v < net_.size(); ++v)
      if (!prunable_[v]) soft[v] = 1;
    return detail::requisite_nodes(net_, targets, hard, soft);
  }

  factor solve_normalised(const std::vector<var_id>& targets, const detail::finding_map& findings,
                          const evidence_set& e, const std::vector<char>* requisite = nullptr) const {
    solution s = solve(targets, findings, requisite);
    const double total = s.impossible ? 0.0 : s.table.normalize();
    if (!(total > 0.0)) throw impossible_evidence_error(detail::impossible_evidence_message(net_, e));
    return std::move(s.table);
  }

  /// Sums out everything but `targets` from the relevant, evidence-reduced CPTs: those of
  /// `requisite` if given, else the ancestral set of the targets and the findings.
  solution solve(const std::vector<var_id>& targets, const detail::finding_map& findings,
                 const std::vector<char>* requisite = nullptr) const {
    const std::size_t n = net_.size();
    solution out;

    // Barren-node pruning: keep the ancestral set of the targets, the observed variables and
    // the variables whose CPT rows do not sum to 1 exactly enough to be dropped.
    std::vector<char> relevant(n, 0), is_target(n, 0);
    for (var_id t : targets) is_target[t] = 1;
    if (requisite) {
      relevant = *requisite;
    } else {
      std::vector<var_id> stack(targets.begin(), targets.end());
      for (const auto& [v, f] : findings) stack.push_back(v);
      for (var_id v = 0; v < n; ++v)
        if (!prunable_[v]) stack.push_back(v);
      while (!stack.empty()) {
        const var_id v = stack.back();
        stack.pop_back();
        if (relevant[v]) continue;
        relevant[v] = 1;
        for (var_id p : net_.parents(v)) stack.push_back(p);
      }
    }

    // Evidence-reduced factors.
    std::vector<factor> factors;
    for (var_id v = 0; v < n; ++v) {
      if (!relevant[v]) continue;
      factor f = net_.cpt_of(v).table();
      if (const finding* own = find(findings, v)) {
        if (own->kind != evidence_kind::hard || is_target[v])
          f.multiply_along(v, own->as_likelihood(net_.var(v).cardinality()));
      }
      for (var_id u : net_.cpt_of(v).table().scope()) {
        const finding* fu = find(findings, u);
        if (fu && fu->kind == evidence_kind::hard && !is_target[u]) f = f.reduce(u, fu->state);
      }
      if (f.arity() == 0) {
        if (!absorb_scalar(f.values()[0], out)) return out;
      } else {
        factors.push_back(std::move(f));
      }
    }

    // Min-fill order over the reduced factors, the targets kept to the end.
    const interaction_graph graph = interaction_graph::of_factors(factors);
    const elimination_ordering ordering =
        greedy_elimination_order(graph, elimination_heuristic::min_fill, targets);
    if (ordering.stats.largest_clique_entries > max_table_entries_)
      throw inference_error(
          "variable elimination would need a table of " +
          detail::format_number(ordering.stats.largest_clique_entries) + " entries (limit " +
          detail::format_number(max_table_entries_) + ") for this query on network '" +
          net_.name() + "'; use the junction tree, or query fewer variables jointly");

    std::vector<char> alive(factors.size(), 1);
    std::deque<factor> partials;  // partial products of long buckets (stable addresses)
    const std::size_t eliminated = ordering.order.size() - targets.size();
    for (std::size_t t = 0; t < eliminated; ++t) {
      interruption_point("variable elimination");
      const var_id v = ordering.order[t];
      std::vector<const factor*> bucket;
      std::vector<std::size_t> used;
      for (std::size_t i = 0; i < factors.size(); ++i)
        if (alive[i] && factors[i].contains(v)) {
          bucket.push_back(&factors[i]);
          used.push_back(i);
        }
      if (!fold_long_product(bucket, partials, out)) return out;
      factor m = detail::product_sum_out(bucket, {v});
      partials.clear();
      for (std::size_t i : used) {
        alive[i] = 0;
        factors[i] = factor();  // release the memory now
      }
      const double z = m.normalize();
      if (!absorb_scalar(z, out)) return out;
      if (m.arity() > 0) {
        factors.push_back(std::move(m));
        alive.push_back(1);
      }
    }

    std::vector<const factor*> rest;
    for (std::size_t i = 0; i < factors.size(); ++i)
      if (alive[i]) rest.push_back(&factors[i]);
    if (!fold_long_product(rest, partials, out)) return out;
    factor joint = detail::product_sum_out(rest, {});
    out.table = joint.arity() == targets.size() ? joint.reordered(targets) : joint;
    if (out.table.arity() != targets.size())
      throw inference_error("variable elimination lost a query variable");  // cannot happen
    if (!(out.table.sum() > 0.0)) out.impossible = true;
    return out;
  }

  /// Replaces the factors of a long product by partial products of a few factors each, every
  /// one divided by its sum (the log going to the scale), until at most `chunk` are left: a
  /// product of thousands of small factors (findings on many children of one variable) would
  /// otherwise underflow to zero before any sum is taken. A partial product's scope lies within
  /// the union of the bucket, which the size limit already bounds. Returns false if a partial
  /// product is all zeros (P(e) = 0).
  static bool fold_long_product(std::vector<const factor*>& product, std::deque<factor>& partials,
                                solution& out) {
    constexpr std::size_t chunk = 4;
    while (product.size() > chunk) {
      std::vector<const factor*> next;
      for (std::size_t i = 0; i < product.size(); i += chunk) {
        const std::vector<const factor*> part(product.begin() + static_cast<std::ptrdiff_t>(i),
                                              product.begin() + static_cast<std::ptrdiff_t>(std::min(i + chunk, product.size())));
        if (part.size() == 1) {
          next.push_back(part.front());
          continue;
        }
        partials.push_back(detail::product_sum_out(part, {}));
        if (!absorb_scalar(partials.back().normalize(), out)) return false;
        next.push_back(&partials.back());
      }
      product = std::move(next);
    }
    return true;
  }

  /// Multiplies the scale by z; returns false (and marks the solution impossible) if z = 0.
  static bool absorb_scalar(double z, solution& s) {
    if (!(z > 0.0)) {
      s.impossible = true;
      return false;
    }
    s.log_scale += std::log(z);
    return true;
  }

  static const finding* find(const detail::finding_map& findings, var_id v) {
    auto it = findings.find(v);
    return it == findings.end() ? nullptr : &it->second;
  }

  bayesian_network net_;
  double max_table_entries_;
  std::vector<char> prunable_;  // CPT rows sum to 1 within 1e-12
};

}  // namespace augury
