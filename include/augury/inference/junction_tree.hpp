#pragma once
/// \file
/// Exact inference by message passing in a junction tree: the one-object interface.
///
/// A junction_tree owns a compiled_junction_tree (the read-only structure: cliques,
/// separators, schedule, loop layouts, initial potentials; see compiled_junction_tree.hpp)
/// through a shared pointer, and one junction_tree_workspace (evidence, working tables,
/// cached messages; see junction_tree_workspace.hpp for the propagation scheme and its
/// sources). For many threads, share compiled() and give each thread its own workspace, or
/// call batch_posteriors (batch.hpp).
///
/// Changing a finding recomputes only what it touches: the collect messages on the path
/// from the finding's clique to the root, then, when posteriors are read, the downward
/// messages to the cliques read. The results depend only on the current evidence: the
/// order in which findings are entered or retracted does not matter, and retracting them
/// restores the earlier results bit for bit.

#include <augury/error.hpp>
#include <augury/evidence/evidence_set.hpp>
#include <augury/inference/batch.hpp>
#include <augury/inference/compiled_junction_tree.hpp>
#include <augury/inference/junction_tree_workspace.hpp>
#include <augury/model/bayesian_network.hpp>
#include <augury/model/factor.hpp>
#include <augury/model/markov_network.hpp>

#include <cmath>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace augury {

/// A compiled junction tree with its current evidence.
///
/// The tree keeps its own copy of the network (in the compiled structure) and of the
/// evidence; setting or retracting evidence marks the affected messages stale, and the next
/// query recomputes what it needs. Queries are not `const` (they may propagate) and an
/// object must not be used from two threads at once; copies are independent (they share
/// the read-only compiled structure).
class junction_tree {
 public:
  /// Compiles the junction tree of `net` (copied).
  /// \throws model_error if a variable has no CPT; inference_error if the clique tables
  ///         would exceed options.max_total_entries (the message gives the sizes).
  explicit junction_tree(const bayesian_network& net, const junction_tree_options& options = {})
      : junction_tree(std::make_shared<const compiled_junction_tree>(net, options)) {}

  /// Compiles the junction tree of a Markov network (copied), its factors taken as given;
  /// log_evidence_probability() is then log Z(e), the log partition function with no
  /// evidence. \throws inference_error if the clique tables would exceed the limit.
  explicit junction_tree(const markov_network& net, const junction_tree_options& options = {})
      : junction_tree(std::make_shared<const compiled_junction_tree>(net, options)) {}

  /// A junction tree over an already compiled structure (shared, not copied), with no
  /// evidence. \throws inference_error if `compiled` is null.
  explicit junction_tree(std::shared_ptr<const compiled_junction_tree> compiled)
      : workspace_(std::move(compiled)) {}

  /// The tree's copy of the Bayesian network.
  /// \throws inference_error if the tree was compiled from a Markov network.
  [[nodiscard]] const bayesian_network& network() const {
    if (const bayesian_network* net = compiled().bayesian()) return *net;
    throw inference_error("the junction tree of '" + compiled().name() +
                          "' was compiled from a Markov network; use compiled().markov()");
  }
  /// The compiled structure (shareable with other workspaces and threads).
  [[nodiscard]] const compiled_junction_tree& compiled() const noexcept { return workspace_.compiled(); }
  /// The shared pointer to the compiled structure.
  [[nodiscard]] const std::shared_ptr<const compiled_junction_tree>& compiled_ptr() const noexcept {
    return workspace_.compiled_ptr();
  }
  /// The tree's workspace (its evidence and working tables).
  [[nodiscard]] junction_tree_workspace& workspace() noexcept { return workspace_; }

  // ---- evidence -------------------------------------------------------------------------

  /// Replaces all findings by those of `e`. \throws evidence_error if `e` does not fit the
  /// network (the current evidence is then unchanged).
  void set_evidence(const evidence_set& e) { workspace_.set_evidence(e); }
  /// Observes `v` in state `state` (replacing any finding on v). \throws evidence_error.
  void set_hard(var_id v, std::size_t state) { workspace_.set_hard(v, state); }
  /// Observes variable `var_name` in state `state_name`. \throws evidence_error.
  void set_hard(std::string_view var_name, std::string_view state_name) {
    workspace_.set_hard(var_name, state_name);
  }
  /// Likelihood (virtual) evidence on `v`. \throws evidence_error on a wrong length, a
  /// negative or non-finite entry, or an all-zero vector (impossible_evidence_error).
  void set_likelihood(var_id v, const std::vector<double>& lambda) { workspace_.set_likelihood(v, lambda); }
  /// Name-based overload of set_likelihood.
  void set_likelihood(std::string_view var_name, const std::vector<double>& lambda) {
    workspace_.set_likelihood(var_name, lambda);
  }
  /// Fixed-marginal (Jeffrey) evidence: after propagation the posterior of `v` equals `q`.
  /// \throws evidence_error unless `q` is a distribution over v's states.
  void set_fixed_marginal(var_id v, const std::vector<double>& q) { workspace_.set_fixed_marginal(v, q); }
  /// Name-based overload of set_fixed_marginal.
  void set_fixed_marginal(std::string_view var_name, const std::vector<double>& q) {
    workspace_.set_fixed_marginal(var_name, q);
  }
  /// Removes the finding on `v`, if any.
  void retract(var_id v) { workspace_.retract(v); }
  /// Removes every finding.
  void clear_evidence() { workspace_.clear_evidence(); }
  /// The current findings.
  [[nodiscard]] const evidence_set& evidence() const { return workspace_.evidence(); }

  // ---- propagation and queries ----------------------------------------------------------

  /// Propagates the current evidence now (queries do this on demand).
  /// Fixed-marginal findings are met by iterative proportional fitting of one likelihood per
  /// such variable (one exact step for a single finding; otherwise sweeps until every such
  /// marginal is within 1e-12 of its target).
  /// \throws impossible_evidence_error if P(e) = 0 (naming the evidence) or a target
  ///         marginal gives mass to a state of posterior probability zero; evidence_error if
  ///         several target marginals cannot be met together.
  void propagate() { workspace_.propagate(); }

  /// P(v | e): card(v) probabilities in state order, summing to 1 (for a variable with a
  /// hard finding, the indicator of its state). Computes only the downward messages on the
  /// path to v's clique. \throws as propagate(); model_error on a bad id.
  [[nodiscard]] std::vector<double> posterior(var_id v) { return workspace_.posterior(v); }
  /// Name-based overload of posterior.
  [[nodiscard]] std::vector<double> posterior(std::string_view var_name) {
    return posterior(compiled().id(var_name));
  }
  /// Writes P(v | e) to out[0 .. card(v)) without allocating. \throws as posterior(v).
  void posterior(var_id v, double* out) { workspace_.posterior(v, out); }
  /// The posteriors of every variable, concatenated in variable order (variable v's states
  /// start at the sum of the cardinalities of the variables before it).
  /// \throws as propagate().
  [[nodiscard]] std::vector<double> posteriors() { return workspace_.posteriors(); }

  /// P(vars | e) for variables that lie together in one clique, as a factor with scope
  /// `vars` in the given order, summing to 1.
  /// \throws inference_error naming the variables if no clique holds them all (or one is
  ///         repeated); otherwise as propagate().
  [[nodiscard]] factor joint_posterior(const std::vector<var_id>& vars) {
    return workspace_.joint_posterior(vars);
  }

  /// Natural log of P(e) for the hard and likelihood findings (likelihood vectors as given:
  /// P(e) = sum_x P(x) prod_v lambda_v(x_v)); fixed-marginal findings do not enter it.
  /// For a Markov network, log Z(e). Returns -infinity when P(e) = 0 (the one query that
  /// reports impossible evidence by value rather than by exception); never NaN. Does not
  /// throw for evidence problems: a fixed-marginal finding that cannot be met does not
  /// change this number.
  [[nodiscard]] double log_evidence_probability() { return workspace_.log_evidence_probability(); }

  /// log10 P(e); see log_evidence_probability().
  [[nodiscard]] double log10_evidence_probability() {
    return log_evidence_probability() / std::log(10.0);
  }

  /// Posteriors of `targets` for every case, on `threads` threads sharing this tree's
  /// compiled structure (this tree's own evidence is not used or changed); see
  /// augury::batch_posteriors.
  [[nodiscard]] batch_result batch_posteriors(const std::vector<evidence_set>& cases,
                                              const std::vector<var_id>& targets,
                                              unsigned threads = 1) const {
    return augury::batch_posteriors(compiled(), cases, targets, threads);
  }
  /// The compact-evidence overload; see augury::batch_posteriors.
  [[nodiscard]] batch_result batch_posteriors(const evidence_matrix& cases,
                                              const std::vector<var_id>& targets,
                                              unsigned threads = 1) const {
    return augury::batch_posteriors(compiled(), cases, targets, threads);
  }

  // ---- structure ------------------------------------------------------------------------

  /// Largest clique's number of variables minus one.
  [[nodiscard]] std::size_t treewidth() const noexcept { return compiled().treewidth(); }
  /// Number of cliques (over all trees of the forest).
  [[nodiscard]] std::size_t num_cliques() const noexcept { return compiled().num_cliques(); }
  /// Number of trees (connected components of the moral graph).
  [[nodiscard]] std::size_t num_trees() const noexcept { return compiled().num_trees(); }
  /// Entries of the largest clique table.
  [[nodiscard]] std::size_t largest_clique_size() const noexcept { return compiled().largest_clique_size(); }
  /// Entries of all clique tables together.
  [[nodiscard]] std::size_t total_clique_size() const noexcept { return compiled().total_clique_size(); }
  /// Entries of all separator tables together.
  [[nodiscard]] std::size_t total_separator_size() const noexcept { return compiled().total_separator_size(); }
  /// Bytes held by the tables and layouts: the compiled structure's (initial potentials if
  /// stored, factors, layouts) plus the workspace's (collected potentials, messages,
  /// scratch, per-state arrays).
  [[nodiscard]] std::size_t memory_bytes() const noexcept {
    return compiled().memory_bytes() + workspace_.memory_bytes();
  }
  /// Each clique's variables, in the axis order of its table.
  [[nodiscard]] std::vector<std::vector<var_id>> cliques() const { return compiled().cliques(); }
  /// Tree edges as (child clique, parent clique) pairs, indices into cliques().
  [[nodiscard]] std::vector<std::pair<std::size_t, std::size_t>> edges() const { return compiled().edges(); }
  /// The heuristic whose elimination order was used.
  [[nodiscard]] elimination_heuristic heuristic() const noexcept { return compiled().heuristic(); }

 private:
  junction_tree_workspace workspace_;
};

}  // namespace augury
