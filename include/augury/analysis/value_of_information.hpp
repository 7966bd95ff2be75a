#pragma once
/// \file
/// Value of information: which unobserved variable would be most worth observing next, for
/// what it would tell about a target variable.
///
/// For each candidate variable X and current evidence e the analysis computes P(X | e) and
/// P(T | e, X = x) for every state x, then:
///  - the expected reduction in the target's entropy, which is the mutual information
///        I(T; X | e) = sum_x P(x | e) sum_t P(t | e, x) log2( P(t | e, x) / P(t | e) )
///    in bits (the information-theoretic value of an observation: R. A. Howard, "Information
///    value theory", IEEE Trans. Systems Science and Cybernetics 2(1), 1966, for the value of
///    observing before deciding; A. Krause and C. Guestrin, "Near-optimal nonmyopic value of
///    information in graphical models", UAI 2005, sec. 2, for the entropy reduction as the
///    reward of an observation);
///  - the probability that observing X moves the posterior of the currently leading target
///    state across a band boundary (for verbal probability bands such as those of ICD 203):
///        sum_x P(x | e) [ band(P(t* | e, x)) != band(P(t* | e)) ];
///  - the probability that observing X changes which target state leads;
///  - the mutual information per unit of a given observation cost.
///
/// Computation: one junction tree. When T and X lie in one clique, P(T, X | e) comes from a
/// single propagation (junction_tree::joint_posterior); otherwise X is set to each of its
/// states in turn (one propagation per state).

#include <augury/analysis/detail/common.hpp>
#include <augury/error.hpp>
#include <augury/evidence/evidence_set.hpp>
#include <augury/inference/junction_tree.hpp>
#include <augury/interruption.hpp>
#include <augury/model/bayesian_network.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace augury::analysis {

/// How value_of_information orders its candidates (largest first; ties by variable id).
enum class voi_ranking {
  mutual_information,       ///< by I(T; X | e)
  band_change_probability,  ///< by the probability of a band change of the leading state
  information_per_cost,     ///< by I(T; X | e) / cost (candidates without a cost last)
};

/// Options of value_of_information.
struct voi_options {
  /// Variables that could be observed. Empty: every variable other than the target that has
  /// no hard finding in the evidence (a variable with a likelihood finding can still be
  /// observed exactly).
  std::vector<var_id> candidates;
  /// Cut points of the probability bands, strictly increasing, each in (0, 1): k cut points
  /// make k + 1 bands; a probability equal to a cut point belongs to the band above it
  /// (see band_of). Empty: one band, so band changes have probability 0. The bands of
  /// ICD 203 are {0.05, 0.20, 0.45, 0.55, 0.80, 0.95}.
  std::vector<double> band_edges;
  /// Cost of observing each variable (positive, finite, in any unit). Candidates without a
  /// cost get no information_per_cost.
  std::map<var_id, double> costs;
  /// Order of the result.
  voi_ranking rank_by = voi_ranking::mutual_information;
};

/// What observing one candidate would tell about the target.
struct observation_value {
  /// The candidate variable X.
  var_id variable = 0;
  /// P(X = x | e), one entry per state of X.
  std::vector<double> observation_probabilities;
  /// P(T | e, X = x): one row per state x of X, each with one entry per target state; a row
  /// is empty when P(x | e) = 0.
  std::vector<std::vector<double>> target_given_observation;
  /// I(T; X | e) in bits: the expected reduction of the target's entropy.
  double mutual_information_bits = 0.0;
  /// sum_x P(x | e) H(T | e, x) in bits.
  double expected_entropy_bits = 0.0;
  /// Probability that observing X moves P(t* | e) (t* the current leader) into another band.
  double band_change_probability = 0.0;
  /// Probability that observing X makes another target state the most probable one.
  double leader_change_probability = 0.0;
  /// The observation's cost, when one was given.
  std::optional<double> cost;
  /// mutual_information_bits / cost, when a cost was given.
  std::optional<double> information_per_cost;
};

/// The value of information of every candidate.
struct voi_result {
  /// The target variable T.
  var_id target = 0;
  /// P(T | e).
  std::vector<double> posterior;
  /// H(T | e) in bits.
  double entropy_bits = 0.0;
  /// The leading target state t* (the first one on ties).
  std::size_t leader = 0;
  /// The band of P(t* | e) (0 = lowest; see band_of).
  std::size_t leader_band = 0;
  /// One entry per candidate, ordered by the chosen ranking.
  std::vector<observation_value> candidates;
};

/// The band holding probability `p`: the number of cut points <= p (so bands are
/// [edge_{k-1}, edge_k), the last one closed at 1).
[[nodiscard]] inline std::size_t band_of(double p, const std::vector<double>& edges) {
  return static_cast<std::size_t>(std::upper_bound(edges.begin(), edges.end(), p) - edges.begin());
}

namespace detail {

inline void check_band_edges(const std::vector<double>& edges) {
  for (std::size_t i = 0; i < edges.size(); ++i) {
    if (!(edges[i] > 0.0 && edges[i] < 1.0))
      throw error("value of information: band cut point " + augury::detail::format_number(edges[i]) +
                  " is not inside (0, 1)");
    if (i > 0 && !(edges[i] > edges[i - 1]))
      throw error("value of information: band cut points must increase strictly (" +
                  augury::detail::format_number(edges[i - 1]) + " is followed by " +
                  augury::detail::format_number(edges[i]) + ")");
  }
}

inline bool share_clique(const std::vector<std::vector<var_id>>& cliques, var_id a, var_id b) {
  for (const auto& c : cliques)
    if (std::find(c.begin(), c.end(), a) != c.end() && std::find(c.begin(), c.end(), b) != c.end())
      return true;
  return false;
}

}  // namespace detail

/// Value of information of the candidates of `options` for `target`, computed with `jt`
/// (whose evidence is replaced by `e` and left so afterwards).
/// \throws model_error on a bad target or candidate id, or a target with one state;
///   evidence_error if `e` does not fit the network or holds a fixed-marginal finding, or a
///   candidate is the target or has a hard finding; impossible_evidence_error if P(e) = 0;
///   error on bad band edges or a cost that is not positive and finite.
[[nodiscard]] inline voi_result value_of_information(junction_tree& jt, var_id target,
                                                     const evidence_set& e,
                                                     const voi_options& options = {}) {
  const bayesian_network& net = jt.network();
  analysis::detail::check_target(net, target, "value of information");
  analysis::detail::check_plain_evidence(net, e, "value of information");
  detail::check_band_edges(options.band_edges);
  for (const auto& [v, c] : options.costs) {
    (void)net.var(v);
    if (!(c > 0.0) || !std::isfinite(c))
      throw error("value of information: the cost of observing '" + net.var(v).name() + "' is " +
                  augury::detail::format_number(c) + "; costs must be positive and finite");
  }
  std::vector<var_id> candidates = options.candidates;
  if (candidates.empty()) {
    for (var_id v = 0; v < net.size(); ++v) {
      const finding* f = e.find(v);
      if (v != target && !(f && f->kind == evidence_kind::hard)) candidates.push_back(v);
    }
  } else {
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      const variable& var = net.var(candidates[i]);
      if (candidates[i] == target)
        throw evidence_error("value of information: candidate '" + var.name() + "' is the target");
      const finding* f = e.find(candidates[i]);
      if (f && f->kind == evidence_kind::hard)
        throw evidence_error("value of information: candidate '" + var.name() +
                             "' is already observed (" + var.name() + "=" + var.state(f->state) + ")");
      for (std::size_t j = 0; j < i; ++j)
        if (candidates[j] == candidates[i])
          throw evidence_error("value of information: candidate '" + var.name() + "' is listed twice");
    }
  }

  voi_result out;
  out.target = target;
  out.posterior = analysis::detail::posterior_given(jt, target, e);
  out.entropy_bits = analysis::detail::entropy_bits(out.posterior);
  out.leader = analysis::detail::argmax(out.posterior);
  out.leader_band = band_of(out.posterior[out.leader], options.band_edges);
  const std::size_t kt = out.posterior.size();
  const auto cliques = jt.cliques();

  for (var_id x : candidates) {
    interruption_point("the value-of-information analysis");
    observation_value ov;
    ov.variable = x;
    const std::size_t kx = net.var(x).cardinality();
    ov.target_given_observation.assign(kx, {});
    if (detail::share_clique(cliques, target, x)) {
      const factor joint = jt.joint_posterior({x, target});  // x slowest: rows are states of x
      ov.observation_probabilities.assign(kx, 0.0);
      for (std::size_t s = 0; s < kx; ++s) {
        double px = 0.0;
        for (std::size_t t = 0; t < kt; ++t) px += joint.values()[s * kt + t];
        ov.observation_probabilities[s] = px;
        if (px > 0.0) {
          auto& row = ov.target_given_observation[s];
          row.resize(kt);
          for (std::size_t t = 0; t < kt; ++t) row[t] = joint.values()[s * kt + t] / px;
        }
      }
    } else {
      ov.observation_probabilities = jt.posterior(x);
      for (std::size_t s = 0; s < kx; ++s) {
        if (!(ov.observation_probabilities[s] > 0.0)) continue;
        jt.set_hard(x, s);
        ov.target_given_observation[s] = jt.posterior(target);
      }
      jt.set_evidence(e);
    }
    for (std::size_t s = 0; s < kx; ++s) {
      const double px = ov.observation_probabilities[s];
      const auto& row = ov.target_given_observation[s];
      if (row.empty()) continue;
      // The Kullback-Leibler form keeps every term non-negative.
      for (std::size_t t = 0; t < kt; ++t)
        if (row[t] > 0.0) ov.mutual_information_bits += px * row[t] * std::log2(row[t] / out.posterior[t]);
      ov.expected_entropy_bits += px * analysis::detail::entropy_bits(row);
      if (band_of(row[out.leader], options.band_edges) != out.leader_band) ov.band_change_probability += px;
      if (analysis::detail::argmax(row) != out.leader) ov.leader_change_probability += px;
    }
    ov.mutual_information_bits = std::max(0.0, ov.mutual_information_bits);
    if (auto it = options.costs.find(x); it != options.costs.end()) {
      ov.cost = it->second;
      ov.information_per_cost = ov.mutual_information_bits / it->second;
    }
    out.candidates.push_back(std::move(ov));
  }

  auto key = [&](const observation_value& o) -> double {
    switch (options.rank_by) {
      case voi_ranking::mutual_information: return o.mutual_information_bits;
      case voi_ranking::band_change_probability: return o.band_change_probability;
      case voi_ranking::information_per_cost:
        return o.information_per_cost ? *o.information_per_cost : -1.0;
    }
    return 0.0;
  };
  std::stable_sort(out.candidates.begin(), out.candidates.end(),
                   [&](const observation_value& a, const observation_value& b) {
                     const double ka = key(a), kb = key(b);
                     if (ka != kb) return ka > kb;
                     return a.variable < b.variable;
                   });
  return out;
}

/// As above, compiling a junction tree of `net` for the purpose.
[[nodiscard]] inline voi_result value_of_information(const bayesian_network& net, var_id target,
                                                     const evidence_set& e,
                                                     const voi_options& options = {}) {
  junction_tree jt(net);
  return value_of_information(jt, target, e, options);
}

}  // namespace augury::analysis
