#pragma once
/// \file
/// The per-thread half of a junction tree: the evidence, the working tables and the cached
/// messages for one compiled_junction_tree. Changing a finding recomputes only what it
/// touches, and a query computes only what it reads.
///
/// Scheme (Hugin-style propagation with messages cached per edge; each tree of the forest is
/// rooted at its largest clique). For each clique C the workspace keeps its *collected
/// potential*
///     gamma_C = phi_C * prod_{v homed in C} lambda_v * prod_{children K} u_K,
/// where phi_C is the initial potential and u_K the upward (collect) message of child K,
/// u_K = sum over K minus the separator of gamma_K, divided by its sum. The belief of C is
///     beta_C = gamma_C * d_C,   d_C = sum over P minus the separator of beta_P / u_C
/// (P the parent, 0/0 = 0), the division of the Hugin architecture; every beta_C is then
/// proportional to P(C, e) (Jensen, Lauritzen & Olesen, "Bayesian updating in causal
/// probabilistic networks by local computations", Computational Statistics Quarterly 4,
/// 1990; Lauritzen & Spiegelhalter, JRSS B 50(2), 1988; Jensen & Nielsen, *Bayesian
/// Networks and Decision Graphs*, 2nd ed., 2007, ch. 4). The upward messages are exact
/// (no division is ever applied to them), so they can be kept across evidence changes: a
/// change at the clique of variable v invalidates gamma and u only on the path from that
/// clique to the root, and the downward messages of that tree. So the cost of an update is
/// the path's collect plus the downward messages actually read:
///  - posterior(v) recomputes the downward messages on the path from the root to v's clique
///    (each clique met computes its belief once, with all its children's messages and the
///    posteriors of its variables, so reading every posterior costs one distribute pass);
///  - log_evidence_probability() needs the collect only.
/// A downward message is recomputed from beliefs each time, never updated by a ratio, so
/// the results depend only on the current evidence, not on the order in which it was
/// entered or retracted: retracting findings restores earlier results bit for bit, and an
/// incremental update gives exactly the numbers of a fresh workspace.
///
/// Numerics: every upward message is divided by its sum and the logarithms of the sums are
/// accumulated apart, so P(e) does not underflow with thousands of findings; a collected
/// potential that might underflow (bounded from below by the product of the smallest
/// positive entries multiplied into it) is rescaled by its maximum before it could; a
/// belief is normalised through its downward message (d_C = P(S | e) / u_C, so beta_C sums
/// to the sum of gamma_C), so beliefs never underflow either.
///
/// Memory: one double per clique entry (the collected potentials), two per separator entry
/// (the messages), a scratch table the size of the largest clique, and per-state arrays. The
/// initial potentials live in the compiled tree (or are rebuilt from its factors).

#include <augury/detail/join.hpp>
#include <augury/error.hpp>
#include <augury/evidence/evidence_set.hpp>
#include <augury/inference/compiled_junction_tree.hpp>
#include <augury/inference/detail/evidence_fitting.hpp>
#include <augury/inference/detail/table_kernels.hpp>
#include <augury/model/factor.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace augury {

/// Evidence, working tables and cached messages for one compiled_junction_tree (see the
/// file comment for the scheme). Queries are not `const` (they compute on demand); one
/// workspace must not be used from two threads at once, but any number of workspaces may
/// share one compiled tree. Copies are independent (they share the compiled tree).
class junction_tree_workspace {
 public:
  /// A workspace for `tree` (kept alive by the shared pointer), with no evidence.
  /// \throws inference_error if `tree` is null.
  explicit junction_tree_workspace(std::shared_ptr<const compiled_junction_tree> tree)
      : tree_(std::move(tree)) {
    if (!tree_) throw inference_error("a junction tree workspace needs a compiled tree");
    t_ = tree_.get();
    const std::size_t n = t_->size(), k = t_->num_cliques();
    const std::size_t states = t_->var_offset_[n];
    kind_.assign(n, kind_none);
    state_.assign(n, 0);
    given_.assign(states, 1.0);
    lambda_.assign(states, 1.0);
    log_lmax_.assign(n, 0.0);
    log_lmin_.assign(n, 0.0);
    post_.assign(states, 0.0);
    gamma_.assign(t_->total_clique_size(), 0.0);
    up_.assign(t_->total_separator_size(), 0.0);
    down_.assign(t_->total_separator_size(), 0.0);
    scratch_.assign(t_->largest_clique_size(), 0.0);
    gamma_sum_.assign(k, 0.0);
    log_z_.assign(k, 0.0);
    log_umin_.assign(k, 0.0);
    collected_.assign(k, 0);
    dist_epoch_.assign(k, 0);
    tree_epoch_.assign(t_->num_trees(), 1);
    path_.reserve(k);
  }

  /// The compiled tree.
  [[nodiscard]] const compiled_junction_tree& compiled() const noexcept { return *t_; }
  /// The shared pointer to the compiled tree.
  [[nodiscard]] const std::shared_ptr<const compiled_junction_tree>& compiled_ptr() const noexcept {
    return tree_;
  }

  // ---- evidence -------------------------------------------------------------------------

  /// Replaces all findings by those of `e`; findings equal to the current ones are kept
  /// (so nothing is recomputed for them). \throws evidence_error if `e` does not fit the
  /// network (the current evidence is then unchanged).
  void set_evidence(const evidence_set& e) {
    e.validate(*t_);
    auto it = e.findings().begin();
    const auto end = e.findings().end();
    for (var_id v = 0; v < kind_.size(); ++v) {
      if (it != end && it->first == v) {
        const finding& f = it->second;
        switch (f.kind) {
          case evidence_kind::hard: set_hard(v, f.state); break;
          case evidence_kind::likelihood: set_likelihood(v, f.values.data()); break;
          case evidence_kind::fixed_marginal: set_fixed_marginal(v, f.values); break;
        }
        ++it;
      } else if (kind_[v] != kind_none) {
        retract(v);
      }
    }
  }

  /// Observes `v` in state `state` (replacing any finding on v). \throws evidence_error.
  void set_hard(var_id v, std::size_t state) {
    if (v >= kind_.size() || state >= t_->variables_[v].cardinality()) {
      evidence_set check;
      check.set_hard(*t_, v, state);  // throws the evidence_error naming the problem
    }
    if (kind_[v] == kind_hard && state_[v] == state) return;
    change_kind(v, kind_hard);
    state_[v] = state;
    double* l = lambda_.data() + t_->var_offset_[v];
    const std::size_t k = t_->variables_[v].cardinality();
    for (std::size_t s = 0; s < k; ++s) l[s] = s == state ? 1.0 : 0.0;
    log_lmax_[v] = 0.0;
    log_lmin_[v] = 0.0;
    invalidate(v);
  }
  /// Observes variable `var_name` in state `state_name`. \throws evidence_error.
  void set_hard(std::string_view var_name, std::string_view state_name) {
    evidence_set check;
    check.set_hard(*t_, var_name, state_name);
    const auto& [v, f] = *check.findings().begin();
    set_hard(v, f.state);
  }

  /// Likelihood (virtual) evidence on `v`: card(v) non-negative finite weights, not all
  /// zero. \throws evidence_error on a wrong length, a negative or non-finite entry, or an
  /// all-zero vector (impossible_evidence_error).
  void set_likelihood(var_id v, const std::vector<double>& lambda) {
    if (v >= kind_.size() || lambda.size() != t_->variables_[v].cardinality()) {
      evidence_set check;
      check.set_likelihood(*t_, v, lambda);  // throws
    }
    set_likelihood(v, lambda.data());
  }
  /// Likelihood evidence from card(v) weights at `lambda` (no copy is kept of the pointer).
  /// \throws evidence_error as the vector overload (v must be a valid id).
  void set_likelihood(var_id v, const double* lambda) {
    if (v >= kind_.size()) {
      evidence_set check;
      check.set_likelihood(*t_, v, std::vector<double>{});  // throws
    }
    const std::size_t k = t_->variables_[v].cardinality();
    double hi = 0.0, lo = std::numeric_limits<double>::infinity();
    bool valid = true;
    for (std::size_t s = 0; s < k; ++s) {
      const double x = lambda[s];
      if (!(x >= 0.0) || !std::isfinite(x)) valid = false;
      hi = std::max(hi, x);
      if (x > 0.0) lo = std::min(lo, x);
    }
    if (!valid || !(hi > 0.0)) {
      evidence_set check;
      check.set_likelihood(*t_, v, std::vector<double>(lambda, lambda + k));  // throws
    }
    double* g = given_.data() + t_->var_offset_[v];
    if (kind_[v] == kind_likelihood && std::equal(g, g + k, lambda)) return;
    change_kind(v, kind_likelihood);
    std::copy_n(lambda, k, g);
    double* l = lambda_.data() + t_->var_offset_[v];
    for (std::size_t s = 0; s < k; ++s) l[s] = lambda[s] / hi;
    log_lmax_[v] = std::log(hi);
    log_lmin_[v] = std::log(lo / hi);
    invalidate(v);
  }
  /// Name-based overload of set_likelihood.
  void set_likelihood(std::string_view var_name, const std::vector<double>& lambda) {
    evidence_set check;
    check.set_likelihood(*t_, var_name, lambda);
    set_likelihood(check.findings().begin()->first, lambda);
  }

  /// Fixed-marginal (Jeffrey) evidence: after propagation the posterior of `v` equals `q`.
  /// \throws evidence_error unless `q` is a distribution over v's states.
  void set_fixed_marginal(var_id v, const std::vector<double>& q) {
    evidence_set check;
    check.set_fixed_marginal(*t_, v, q);  // validates
    double* g = given_.data() + t_->var_offset_[v];
    if (kind_[v] == kind_fixed && std::equal(q.begin(), q.end(), g)) return;
    change_kind(v, kind_fixed);
    std::copy(q.begin(), q.end(), g);
    // The fitted likelihood is found at propagation; until then the finding weighs nothing.
    std::fill_n(lambda_.data() + t_->var_offset_[v], q.size(), 1.0);
    log_lmax_[v] = 0.0;
    log_lmin_[v] = 0.0;
    invalidate(v);
  }
  /// Name-based overload of set_fixed_marginal.
  void set_fixed_marginal(std::string_view var_name, const std::vector<double>& q) {
    evidence_set check;
    check.set_fixed_marginal(*t_, var_name, q);
    set_fixed_marginal(check.findings().begin()->first, q);
  }

  /// Removes the finding on `v`, if any (an invalid id is ignored, as there is no finding).
  void retract(var_id v) {
    if (v >= kind_.size() || kind_[v] == kind_none) return;
    change_kind(v, kind_none);
    std::fill_n(lambda_.data() + t_->var_offset_[v], t_->variables_[v].cardinality(), 1.0);
    log_lmax_[v] = 0.0;
    log_lmin_[v] = 0.0;
    invalidate(v);
  }
  /// Removes every finding.
  void clear_evidence() {
    for (var_id v = 0; v < kind_.size(); ++v) retract(v);
  }
  /// Whether `v` has a finding.
  [[nodiscard]] bool has_finding(var_id v) const noexcept {
    return v < kind_.size() && kind_[v] != kind_none;
  }
  /// The current findings (rebuilt from the workspace's arrays when they changed).
  [[nodiscard]] const evidence_set& evidence() const {
    if (!evidence_valid_) {
      evidence_.clear();
      for (var_id v = 0; v < kind_.size(); ++v) {
        const double* g = given_.data() + t_->var_offset_[v];
        const std::size_t k = t_->variables_[v].cardinality();
        switch (kind_[v]) {
          case kind_hard: evidence_.set_hard(*t_, v, state_[v]); break;
          case kind_likelihood: evidence_.set_likelihood(*t_, v, std::vector<double>(g, g + k)); break;
          case kind_fixed: evidence_.set_fixed_marginal(*t_, v, std::vector<double>(g, g + k)); break;
          default: break;
        }
      }
      evidence_valid_ = true;
    }
    return evidence_;
  }

  // ---- propagation and queries ----------------------------------------------------------

  /// Brings the collect pass up to date (queries do this on demand) and reports evidence
  /// problems. Fixed-marginal findings are met by iterative proportional fitting of one
  /// likelihood per such variable (one exact step for a single finding; otherwise sweeps
  /// until every such marginal is within 1e-12 of its target); each step changes one
  /// likelihood, so it costs one incremental update.
  /// \throws impossible_evidence_error if P(e) = 0 (naming the evidence) or a target
  ///         marginal gives mass to a state of posterior probability zero; evidence_error if
  ///         several target marginals cannot be met together.
  void propagate() {
    ensure_ready();
    if (failure_) std::rethrow_exception(failure_);
  }

  /// P(v | e): card(v) probabilities in state order, summing to 1 (for a variable with a
  /// hard finding, the indicator of its state). \throws as propagate(); model_error on a
  /// bad id.
  [[nodiscard]] std::vector<double> posterior(var_id v) {
    std::vector<double> out(t_->var(v).cardinality());
    posterior(v, out.data());
    return out;
  }
  /// Writes P(v | e) to out[0 .. card(v)). \throws as posterior(v).
  void posterior(var_id v, double* out) {
    (void)t_->var(v);
    propagate();
    read_posterior(v, out);
  }

  /// The posteriors of every variable, concatenated in variable order (variable v's states
  /// start at the sum of the cardinalities of the variables before it). One distribute pass.
  /// \throws as propagate().
  [[nodiscard]] std::vector<double> posteriors() {
    propagate();
    const auto& C = t_->cliques_;
    for (std::size_t q = t_->post_order_.size(); q-- > 0;) {
      const std::size_t j = t_->post_order_[q];
      if (dist_epoch_[j] != tree_epoch_[C[j].tree]) distribute_step(j);
    }
    for (var_id v = 0; v < kind_.size(); ++v) check_posterior(v);
    return post_;
  }

  /// P(vars | e) for variables that lie together in one clique, as a factor with scope
  /// `vars` in the given order, summing to 1.
  /// \throws inference_error naming the variables if no clique holds them all (or one is
  ///         repeated); model_error on a bad id; otherwise as propagate().
  [[nodiscard]] factor joint_posterior(const std::vector<var_id>& vars) {
    for (std::size_t i = 0; i < vars.size(); ++i) {
      (void)t_->var(vars[i]);
      for (std::size_t j = 0; j < i; ++j)
        if (vars[i] == vars[j])
          throw inference_error("joint posterior lists variable '" + t_->var(vars[i]).name() +
                                "' twice");
    }
    const std::size_t c = t_->clique_holding(vars);
    if (c == compiled_junction_tree::npos && !vars.empty()) {
      std::vector<std::string> names;
      for (var_id v : vars) names.push_back(t_->var(v).name());
      throw inference_error("variables " + detail::join(names) +
                            " do not lie together in any clique of the junction tree; "
                            "query them with variable_elimination::joint_posterior");
    }
    propagate();
    if (vars.empty()) return factor();
    const auto& ci = t_->cliques_[c];
    if (ci.parent != compiled_junction_tree::npos) ensure_distributed(ci.parent);
    const double* beta = belief(c);
    // The marginal in clique axis order, then reordered as asked.
    std::vector<var_id> in_order;
    std::vector<std::size_t> cards;
    for (std::size_t a = 0; a < ci.vars.size(); ++a)
      if (std::find(vars.begin(), vars.end(), ci.vars[a]) != vars.end()) {
        in_order.push_back(ci.vars[a]);
        cards.push_back(ci.cards[a]);
      }
    factor m = factor::filled(in_order, cards, 0.0);
    std::vector<std::size_t> strides(ci.vars.size(), 0);
    for (std::size_t a = 0; a < ci.vars.size(); ++a) {
      const std::size_t ax = m.axis_of(ci.vars[a]);
      if (ax < m.arity()) strides[a] = m.strides()[ax];
    }
    detail::marginalise(beta, detail::make_sub_layout(ci.cards, strides), m.values().data());
    factor out = m.reordered(vars);
    if (!(out.normalize() > 0.0)) throw impossible();
    return out;
  }

  /// Natural log of P(e) for the hard and likelihood findings (likelihood vectors as given:
  /// P(e) = sum_x P(x) prod_v lambda_v(x_v)); fixed-marginal findings do not enter it. For a
  /// Markov network this is log Z(e) (log Z with no evidence). Returns -infinity when
  /// P(e) = 0; never NaN; does not throw for evidence problems.
  [[nodiscard]] double log_evidence_probability() {
    ensure_ready();
    return log_pe_;
  }

  /// Bytes held by the workspace's tables and arrays.
  [[nodiscard]] std::size_t memory_bytes() const noexcept {
    return (gamma_.size() + up_.size() + down_.size() + scratch_.size() + post_.size() +
            given_.size() + lambda_.size() + 5 * kind_.size() + 3 * gamma_sum_.size()) *
               sizeof(double) +
           dist_epoch_.size() * sizeof(std::uint64_t);
  }

 private:
  static constexpr std::uint8_t kind_none = 0, kind_hard = 1, kind_likelihood = 2, kind_fixed = 3;
  static constexpr std::size_t npos = compiled_junction_tree::npos;
  // Rescale a collected potential once its smallest positive entry could fall below e^-650.
  static constexpr double underflow_guard = -650.0;

  void change_kind(var_id v, std::uint8_t kind) {
    if (kind_[v] == kind_fixed) --num_fixed_;
    if (kind == kind_fixed) ++num_fixed_;
    kind_[v] = kind;
    evidence_valid_ = false;
  }

  /// The lambda of v changed: its clique's collect path and its tree's downward messages
  /// are stale.
  void invalidate(var_id v) {
    const auto& C = t_->cliques_;
    const std::size_t h = t_->homes_[v].clique;
    for (std::size_t j = h; j != npos && collected_[j]; j = C[j].parent) collected_[j] = 0;
    ++tree_epoch_[C[h].tree];
    ready_ = false;
  }

  impossible_evidence_error impossible() const {
    return impossible_evidence_error(detail::impossible_evidence_message(*t_, evidence()));
  }

  void ensure_ready() {
    if (ready_) return;
    failure_ = nullptr;
    if (num_fixed_ > 0)  // start the fitting from the hard and likelihood findings alone
      for (var_id v = 0; v < kind_.size(); ++v)
        if (kind_[v] == kind_fixed) set_fitted_lambda(v, nullptr);
    collect();
    log_pe_ = log_evidence_sum();
    if (log_pe_ == -std::numeric_limits<double>::infinity()) {
      failure_ = std::make_exception_ptr(impossible());
    } else if (num_fixed_ > 0) {
      try {
        const evidence_set& e = evidence();
        const detail::finding_map fitted = detail::fit_fixed_marginals(
            *t_, e, [&](const detail::finding_map& f, var_id v) {
              apply_fitted(f);
              if (log_evidence_sum() == -std::numeric_limits<double>::infinity()) throw impossible();
              std::vector<double> p(t_->variables_[v].cardinality());
              read_posterior(v, p.data());
              return p;
            });
        apply_fitted(fitted);
      } catch (const evidence_error&) {
        failure_ = std::current_exception();
      }
    }
    ready_ = true;
  }

  /// Sets the likelihoods of the fixed-marginal variables from `findings` and collects.
  void apply_fitted(const detail::finding_map& findings) {
    for (const auto& [v, f] : findings)
      if (kind_[v] == kind_fixed) set_fitted_lambda(v, f.values.data());
    collect();
  }

  /// The working likelihood of a fixed-marginal variable (nullptr: all ones).
  void set_fitted_lambda(var_id v, const double* values) {
    const std::size_t k = t_->variables_[v].cardinality();
    double* l = lambda_.data() + t_->var_offset_[v];
    double hi = 0.0, lo = std::numeric_limits<double>::infinity();
    for (std::size_t s = 0; s < k; ++s) {
      const double x = values ? values[s] : 1.0;
      hi = std::max(hi, x);
      if (x > 0.0) lo = std::min(lo, x);
    }
    bool same = true;
    for (std::size_t s = 0; s < k; ++s) same = same && l[s] == (values ? values[s] : 1.0) / hi;
    if (same) return;
    for (std::size_t s = 0; s < k; ++s) l[s] = (values ? values[s] : 1.0) / hi;
    log_lmin_[v] = std::log(lo / hi);
    // Fixed-marginal likelihoods do not enter P(e): log_lmax_ stays 0.
    const bool ready = ready_;
    invalidate(v);
    ready_ = ready;
  }

  double log_evidence_sum() const {
    double s = t_->log_constant_;
    for (double z : log_z_) s += z;
    for (var_id v = 0; v < kind_.size(); ++v)
      if (kind_[v] == kind_hard || kind_[v] == kind_likelihood) s += log_lmax_[v];
    return s;
  }

  // ---- collect --------------------------------------------------------------------------

  void collect() {
    for (std::size_t j : t_->post_order_)
      if (!collected_[j]) {
        build_gamma(j);
        collected_[j] = 1;
      }
  }

  /// Divides a table by its maximum, adding the log to `log_scale`, and resets the bound.
  static void rescale(double* g, std::size_t n, double& bound, double& log_scale) {
    double hi = 0.0;
    for (std::size_t r = 0; r < n; ++r) hi = std::max(hi, g[r]);
    if (!(hi > 0.0)) return;  // all zero: the collect will report P(e) = 0
    double lo = hi;
    for (std::size_t r = 0; r < n; ++r) {
      g[r] /= hi;
      if (g[r] > 0.0 && g[r] < lo) lo = g[r];
    }
    log_scale += std::log(hi);
    bound = std::log(lo);
  }

  /// Recomputes gamma_j and its upward message (or, at a root, the tree's total).
  void build_gamma(std::size_t j) {
    const auto& C = t_->cliques_;
    const auto& c = C[j];
    double* g = gamma_.data() + c.offset;
    const double* src = nullptr;
    if (t_->stores_initial_potentials())
      src = t_->initial_.data() + c.offset;
    else
      t_->build_initial(j, g);
    bool pending = src != nullptr;  // g not written yet: the first product reads src
    double bound = c.log_min_initial, log_scale = 0.0;
    auto apply = [&](const detail::sub_layout& layout, const double* m, double log_min) {
      if (bound + log_min < underflow_guard) {
        if (pending) {
          std::copy_n(src, c.size, g);
          pending = false;
        }
        rescale(g, c.size, bound, log_scale);
      }
      if (pending) {
        detail::copy_multiply(g, src, layout, m);
        pending = false;
      } else {
        detail::multiply(g, layout, m);
      }
      bound += log_min;
    };
    for (var_id v : c.homes)
      if (kind_[v] != kind_none) apply(t_->homes_[v].layout, lambda_.data() + t_->var_offset_[v], log_lmin_[v]);
    for (std::size_t ch : c.children) apply(C[ch].in_parent, up_.data() + C[ch].sep_offset, log_umin_[ch]);
    if (pending) std::copy_n(src, c.size, g);

    if (c.parent == npos) {
      const double z = detail::sum_of(g, c.size);
      gamma_sum_[j] = z;
      log_z_[j] = z > 0.0 ? std::log(z) + log_scale : -std::numeric_limits<double>::infinity();
      return;
    }
    double* u = up_.data() + c.sep_offset;
    detail::marginalise(g, c.up, u);
    const double z = detail::sum_of(u, c.sep_size);
    gamma_sum_[j] = z;
    if (!(z > 0.0)) {
      log_z_[j] = -std::numeric_limits<double>::infinity();
      log_umin_[j] = 0.0;
      return;
    }
    double lo = 1.0;
    for (std::size_t s = 0; s < c.sep_size; ++s) {
      u[s] /= z;
      if (u[s] > 0.0 && u[s] < lo) lo = u[s];
    }
    log_umin_[j] = std::log(lo);
    log_z_[j] = std::log(z) + log_scale;
  }

  // ---- distribute -----------------------------------------------------------------------

  /// The belief of clique c (its downward message must be current): gamma itself at a
  /// root, else gamma * d in the scratch table.
  const double* belief(std::size_t c) {
    const auto& ci = t_->cliques_[c];
    const double* g = gamma_.data() + ci.offset;
    if (ci.parent == npos) return g;
    detail::copy_multiply(scratch_.data(), g, ci.up, down_.data() + ci.sep_offset);
    return scratch_.data();
  }

  /// Computes the belief of clique j, the downward messages to all its children and the
  /// posteriors of the variables homed in it. Its own downward message must be current.
  void distribute_step(std::size_t j) {
    const auto& C = t_->cliques_;
    const auto& c = C[j];
    if (!c.homes.empty() || !c.children.empty()) {
      const double* beta = belief(j);
      const double total = gamma_sum_[j];
      for (std::size_t ch : c.children) {
        double* d = down_.data() + C[ch].sep_offset;
        const double* u = up_.data() + C[ch].sep_offset;
        detail::marginalise(beta, C[ch].in_parent, d);
        for (std::size_t s = 0; s < C[ch].sep_size; ++s)
          d[s] = u[s] > 0.0 ? std::min((d[s] / total) / u[s], std::numeric_limits<double>::max()) : 0.0;
      }
      for (var_id v : c.homes) {
        double* p = post_.data() + t_->var_offset_[v];
        const std::size_t k = t_->variables_[v].cardinality();
        detail::marginalise(beta, t_->homes_[v].layout, p);
        double s = 0.0;
        for (std::size_t i = 0; i < k; ++i) s += p[i];
        if (s > 0.0)
          for (std::size_t i = 0; i < k; ++i) p[i] /= s;
      }
    }
    dist_epoch_[j] = tree_epoch_[c.tree];
  }

  /// Makes clique h's belief current: distributes down the path from the nearest current
  /// ancestor.
  void ensure_distributed(std::size_t h) {
    const auto& C = t_->cliques_;
    const std::uint64_t epoch = tree_epoch_[C[h].tree];
    if (dist_epoch_[h] == epoch) return;
    path_.clear();
    for (std::size_t j = h; j != npos && dist_epoch_[j] != epoch; j = C[j].parent) path_.push_back(j);
    for (std::size_t i = path_.size(); i-- > 0;) distribute_step(path_[i]);
  }

  void read_posterior(var_id v, double* out) {
    ensure_distributed(t_->homes_[v].clique);
    check_posterior(v);
    const double* p = post_.data() + t_->var_offset_[v];
    std::copy_n(p, t_->variables_[v].cardinality(), out);
  }

  void check_posterior(var_id v) const {
    const double* p = post_.data() + t_->var_offset_[v];
    double s = 0.0;
    for (std::size_t i = 0; i < t_->variables_[v].cardinality(); ++i) s += p[i];
    if (!(s > 0.0)) throw impossible();
  }

  std::shared_ptr<const compiled_junction_tree> tree_;
  const compiled_junction_tree* t_ = nullptr;

  // Evidence, per variable and per state.
  std::vector<std::uint8_t> kind_;
  std::vector<std::size_t> state_;
  std::vector<double> given_;   // likelihood as given, or the target marginal
  std::vector<double> lambda_;  // likelihood in use, divided by its maximum
  std::vector<double> log_lmax_, log_lmin_;
  std::size_t num_fixed_ = 0;
  mutable evidence_set evidence_;
  mutable bool evidence_valid_ = true;

  // Tables and messages.
  std::vector<double> gamma_;    // collected potentials, laid out as the compiled cliques
  std::vector<double> up_;       // upward messages, normalised, per non-root clique
  std::vector<double> down_;     // downward messages
  std::vector<double> scratch_;  // one belief
  std::vector<double> post_;     // posteriors of each variable, per state
  std::vector<double> gamma_sum_, log_z_, log_umin_;
  std::vector<char> collected_;
  std::vector<std::uint64_t> dist_epoch_, tree_epoch_;
  std::vector<std::size_t> path_;

  bool ready_ = false;
  double log_pe_ = 0.0;
  std::exception_ptr failure_;
};

}  // namespace augury
