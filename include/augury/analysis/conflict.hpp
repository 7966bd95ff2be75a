#pragma once
/// \file
/// Data conflict: do the findings fit together under the model?
///
/// The conflict measure of findings e = {e_1, ..., e_n} is
///     conf(e) = log( P(e_1) P(e_2) ... P(e_n) / P(e) )
/// (F. V. Jensen, B. Chamberlain, T. Nordahl and F. Jensen, "Analysis in HUGIN of data
/// conflict", Uncertainty in Artificial Intelligence 6, 1991, sec. 2; also F. V. Jensen and
/// T. D. Nielsen, *Bayesian Networks and Decision Graphs*, 2nd ed., 2007, sec. 5.3.1). If the
/// model is right, findings tend to support each other and conf(e) is negative; a positive
/// value means the findings are less likely together than apart, which points to a
/// misleading finding, or to a case the model does not describe. A likelihood finding
/// lambda_i counts with P(e_i) = sum_x P(x) lambda_i(x) (vectors as given: scaling a vector
/// changes P(e_i) and P(e) alike, so conf does not depend on the scale). Logarithms are
/// natural.
///
/// Each finding's contribution is what it adds to the conflict of the others,
///     conf(e) - conf(e \ e_i) = log P(e_i) - log P(e_i | e \ e_i),
/// how much more surprising e_i is given the rest than on its own.
///
/// "Fits no scenario": for each state t of a target (scenario) variable the same measure is
/// taken given T = t, conf(e | t) = log( prod_i P(e_i | t) / P(e | t) ). If a set of findings
/// (typically the most recent ones) conflicts under every state of the target, no state
/// explains them together: the warning a model of competing scenarios should give when
/// events take a course none of its scenarios describes.

#include <augury/analysis/detail/common.hpp>
#include <augury/analysis/likelihood_finding.hpp>
#include <augury/error.hpp>
#include <augury/evidence/evidence_set.hpp>
#include <augury/inference/junction_tree.hpp>
#include <augury/model/bayesian_network.hpp>

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace augury::analysis {

/// Options of data_conflict.
struct conflict_options {
  /// Evidence every probability is conditioned on (not itself a finding under test).
  evidence_set background;
  /// The findings checked against every target state (indices into the list; typically
  /// the most recent reports). Empty: no check, fits_no_scenario is false.
  std::vector<std::size_t> recent;
  /// The check warns when the recent findings' conflict exceeds this under every state.
  double threshold = 0.0;
};

/// One finding's part in the conflict.
struct finding_conflict {
  /// Index into the list of findings.
  std::size_t finding = 0;
  /// log P(e_i | background).
  double log_probability = 0.0;
  /// conf(e) - conf(e without e_i) = log P(e_i | b) - log P(e_i | b, other findings).
  double contribution = 0.0;
};

/// The conflict given one target state.
struct state_conflict {
  /// The target state t.
  std::size_t state = 0;
  /// P(T = t | background).
  double probability = 0.0;
  /// Whether P(T = t | background) > 0; if not, the conflicts below are 0 and unused.
  bool possible = false;
  /// conf(e | t); +infinity when the findings together are impossible given t.
  double conflict = 0.0;
  /// conf(recent | t); +infinity when the recent findings together are impossible given t.
  double recent_conflict = 0.0;
};

/// The conflict of a list of findings.
struct conflict_result {
  /// conf(e) given the background.
  double conflict = 0.0;
  /// log P(e | background), likelihood vectors as given.
  double log_evidence_probability = 0.0;
  /// conf(recent) given the background (0 when there are no recent findings).
  double recent_conflict = 0.0;
  /// One entry per finding, in list order.
  std::vector<finding_conflict> findings;
  /// The target variable.
  var_id target = 0;
  /// One entry per target state.
  std::vector<state_conflict> states;
  /// True when there are recent findings and their conflict exceeds the threshold under
  /// every possible target state.
  bool fits_no_scenario = false;
};

namespace detail {

/// log P(selected findings | background) with `jt`; log_pb is log P(background).
inline double log_probability_of(junction_tree& jt, const std::vector<likelihood_finding>& findings,
                                 const std::vector<std::size_t>& selection, const evidence_set& background,
                                 double log_pb) {
  const combined_evidence ce = combine_selected(jt.network(), findings, selection, background);
  jt.set_evidence(ce.evidence);
  const double l = jt.log_evidence_probability();
  if (l == -std::numeric_limits<double>::infinity()) return l;
  return l + ce.log_scale - log_pb;
}

/// sum_i log P(e_i | b) - log P(e | b) over `selection`; +infinity if P(e | b) = 0.
inline double conflict_of(junction_tree& jt, const std::vector<likelihood_finding>& findings,
                          const std::vector<std::size_t>& selection, const std::vector<double>& singles,
                          const evidence_set& background, double log_pb) {
  if (selection.empty()) return 0.0;
  double sum = 0.0;
  for (std::size_t i : selection) sum += singles[i];
  if (sum == -std::numeric_limits<double>::infinity()) return std::numeric_limits<double>::infinity();
  const double joint = log_probability_of(jt, findings, selection, background, log_pb);
  if (joint == -std::numeric_limits<double>::infinity()) return std::numeric_limits<double>::infinity();
  return sum - joint;
}

}  // namespace detail

/// The conflict of `findings` (see the file comment), their contributions, and the check
/// against every state of `target`, computed with `jt` (whose evidence is left set to the
/// background). Costs about (n + 2) (card(T) + 1) propagations for n findings.
/// \throws model_error on a bad target; evidence_error on a finding that does not fit the
///   network, fixed-marginal background evidence, or a recent index out of range;
///   impossible_evidence_error if the background, or the background and all findings, have
///   probability zero (the message names the evidence).
[[nodiscard]] inline conflict_result data_conflict(junction_tree& jt, var_id target,
                                                   const std::vector<likelihood_finding>& findings,
                                                   const conflict_options& options = {}) {
  const bayesian_network& net = jt.network();
  analysis::detail::check_target(net, target, "conflict analysis");
  analysis::detail::check_plain_evidence(net, options.background, "conflict analysis");
  check_findings(net, findings);
  for (std::size_t i : options.recent)
    if (i >= findings.size())
      throw evidence_error("conflict analysis: recent finding index " + std::to_string(i) +
                           " out of range (there are " + std::to_string(findings.size()) + " findings)");
  const double inf = std::numeric_limits<double>::infinity();
  const std::size_t n = findings.size();
  std::vector<std::size_t> all(n);
  for (std::size_t i = 0; i < n; ++i) all[i] = i;

  conflict_result out;
  out.target = target;
  const std::vector<double> prior = analysis::detail::posterior_given(jt, target, options.background);
  const double log_pb = jt.log_evidence_probability();

  // Given the background alone.
  std::vector<double> singles(n);
  for (std::size_t i = 0; i < n; ++i)
    singles[i] = detail::log_probability_of(jt, findings, {i}, options.background, log_pb);
  out.log_evidence_probability = detail::log_probability_of(jt, findings, all, options.background, log_pb);
  if (out.log_evidence_probability == -inf)
    throw impossible_evidence_error(
        "the findings have probability zero together" +
        (options.background.empty() ? std::string() : " with " + options.background.describe(net)));
  double sum = 0.0;
  for (double s : singles) sum += s;
  out.conflict = n == 0 ? 0.0 : sum - out.log_evidence_probability;
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<std::size_t> rest;
    for (std::size_t j = 0; j < n; ++j)
      if (j != i) rest.push_back(j);
    const double log_rest =
        rest.empty() ? 0.0 : detail::log_probability_of(jt, findings, rest, options.background, log_pb);
    // log P(e_i) - log P(e_i | rest) = log P(e_i) + log P(rest) - log P(e).
    out.findings.push_back({i, singles[i], singles[i] + log_rest - out.log_evidence_probability});
  }
  out.recent_conflict = detail::conflict_of(jt, findings, options.recent, singles, options.background, log_pb);

  // Given each target state.
  const finding* on_target = options.background.find(target);
  bool every_state_conflicts = !options.recent.empty();
  for (std::size_t t = 0; t < prior.size(); ++t) {
    state_conflict sc;
    sc.state = t;
    sc.probability = prior[t];
    sc.possible = prior[t] > 0.0;
    if (sc.possible) {
      // Given T = t a likelihood on T is a constant factor, so T = t replaces it.
      evidence_set given = options.background;
      if (on_target) given.retract(target);
      given.set_hard(net, target, t);
      jt.set_evidence(given);
      const double log_pt = jt.log_evidence_probability();
      std::vector<double> singles_t(n);
      for (std::size_t i = 0; i < n; ++i)
        singles_t[i] = detail::log_probability_of(jt, findings, {i}, given, log_pt);
      sc.conflict = detail::conflict_of(jt, findings, all, singles_t, given, log_pt);
      sc.recent_conflict = detail::conflict_of(jt, findings, options.recent, singles_t, given, log_pt);
      if (!(sc.recent_conflict > options.threshold)) every_state_conflicts = false;
    }
    out.states.push_back(sc);
  }
  out.fits_no_scenario = every_state_conflicts;
  jt.set_evidence(options.background);
  return out;
}

/// As above, compiling a junction tree of `net` for the purpose.
[[nodiscard]] inline conflict_result data_conflict(const bayesian_network& net, var_id target,
                                                   const std::vector<likelihood_finding>& findings,
                                                   const conflict_options& options = {}) {
  junction_tree jt(net);
  return data_conflict(jt, target, findings, options);
}

/// conf(e) of the findings of an evidence set (one finding per variable), without a target.
/// \throws evidence_error if `e` does not fit the network or holds a fixed-marginal
///   finding; impossible_evidence_error if P(e) = 0.
[[nodiscard]] inline double hugin_conflict(junction_tree& jt, const evidence_set& e) {
  const auto findings = findings_of(jt.network(), e);
  std::vector<std::size_t> all(findings.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  std::vector<double> singles(findings.size());
  for (std::size_t i = 0; i < findings.size(); ++i)
    singles[i] = detail::log_probability_of(jt, findings, {i}, {}, 0.0);
  const double c = detail::conflict_of(jt, findings, all, singles, {}, 0.0);
  jt.clear_evidence();
  if (c == std::numeric_limits<double>::infinity())
    throw impossible_evidence_error(analysis::detail::impossible_message(jt.network(), e));
  return c;
}

}  // namespace augury::analysis
