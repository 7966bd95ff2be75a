#pragma once
/// \file
/// Exact inference by message passing in a junction tree (Hugin architecture).
///
/// Compilation (once per network): moralise the DAG; triangulate it with the best of several
/// greedy elimination orders (elimination_order.hpp); take the maximal cliques; join them by
/// a maximum-weight spanning tree (Prim's algorithm) whose edge weight is the number of shared
/// variables (ties: the smaller pair of clique tables), which is a junction tree (Jensen & Jensen, "Optimal
/// junction trees", UAI 1994); a network whose moral graph is disconnected gives one tree
/// per component. Each CPT is multiplied into the smallest clique that holds its family, and
/// the product is kept as the clique's initial potential.
///
/// Propagation (whenever the evidence changed, on the first query): every clique potential
/// is reset from its initial potential, the findings are multiplied in (each into the
/// smallest clique holding its variable), then one collect pass (leaves to root) and one
/// distribute pass (root to leaves) make every clique proportional to P(clique | e).
/// Sources: F. V. Jensen, S. L. Lauritzen and K. G. Olesen, "Bayesian updating in causal
/// probabilistic networks by local computations", Computational Statistics Quarterly 4,
/// 1990 (the Hugin architecture used here: separator potentials, absorption by division);
/// S. L. Lauritzen and D. J. Spiegelhalter, "Local computations with probabilities on
/// graphical structures and their application to expert systems", JRSS B 50(2), 1988;
/// F. V. Jensen and T. D. Nielsen, *Bayesian Networks and Decision Graphs*, 2nd ed.,
/// Springer 2007, ch. 4.
///
/// Numerical layout: all clique tables live in one contiguous array; each clique's variables
/// are ordered with the separator towards its parent first, so the message to the parent is
/// a sum over contiguous blocks; the index map from each parent clique entry to the
/// separator entry is computed at compile time, so message passing is a tight loop with no
/// allocation. Messages are divided by their sums and the logarithms of the sums are
/// accumulated apart, so P(e) does not underflow with thousands of findings; a clique table
/// that might underflow (bounded from below by the product of the smallest positive entries
/// multiplied into it) is rescaled by its maximum before it could.

#include <augury/detail/join.hpp>
#include <augury/error.hpp>
#include <augury/evidence/evidence_set.hpp>
#include <augury/inference/detail/evidence_fitting.hpp>
#include <augury/inference/elimination_order.hpp>
#include <augury/model/bayesian_network.hpp>
#include <augury/model/factor.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <limits>
#include <numeric>
#include <queue>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace augury {

/// How a junction_tree is compiled.
struct junction_tree_options {
  /// The triangulation search: every heuristic, each also with 16 restarts that break ties
  /// at random (fixed seed, so compilation is deterministic).
  elimination_search_options search{all_elimination_heuristics(), 16, 20240601};
  /// Refuse to compile when the clique tables together would hold more entries than this
  /// (the engine keeps two doubles per entry plus index maps: 4e8 entries is about 8 GB).
  double max_total_entries = 4e8;
};

/// A compiled junction tree with its current evidence.
///
/// The tree keeps its own copy of the network and of the evidence; setting or retracting
/// evidence marks it for propagation, which the next query performs. Propagation always
/// starts from the stored initial potentials, so the results depend only on the current
/// evidence: retracting a finding restores the earlier results bit for bit, and the order in
/// which findings were entered does not matter. Queries are not `const` (they may
/// propagate) and an object must not be used from two threads at once; copies are
/// independent.
class junction_tree {
 public:
  /// Compiles the junction tree of `net` (copied).
  /// \throws model_error if a variable has no CPT; inference_error if the clique tables
  ///         would exceed options.max_total_entries (the message gives the sizes).
  explicit junction_tree(const bayesian_network& net, const junction_tree_options& options = {})
      : net_(net) {
    net_.validate();
    compile(options);
  }

  /// The tree's copy of the network.
  [[nodiscard]] const bayesian_network& network() const noexcept { return net_; }

  // ---- evidence -------------------------------------------------------------------------

  /// Replaces all findings by those of `e`. \throws evidence_error if `e` does not fit the
  /// network (the current evidence is then unchanged).
  void set_evidence(const evidence_set& e) {
    e.validate(net_);
    evidence_ = e;
    dirty_ = true;
  }
  /// Observes `v` in state `state` (replacing any finding on v). \throws evidence_error.
  void set_hard(var_id v, std::size_t state) {
    evidence_.set_hard(net_, v, state);
    dirty_ = true;
  }
  /// Observes variable `var_name` in state `state_name`. \throws evidence_error.
  void set_hard(std::string_view var_name, std::string_view state_name) {
    evidence_.set_hard(net_, var_name, state_name);
    dirty_ = true;
  }
  /// Likelihood (virtual) evidence on `v`. \throws evidence_error on a wrong length, a
  /// negative or non-finite entry, or an all-zero vector (impossible_evidence_error).
  void set_likelihood(var_id v, std::vector<double> lambda) {
    evidence_.set_likelihood(net_, v, std::move(lambda));
    dirty_ = true;
  }
  /// Name-based overload of set_likelihood.
  void set_likelihood(std::string_view var_name, std::vector<double> lambda) {
    evidence_.set_likelihood(net_, var_name, std::move(lambda));
    dirty_ = true;
  }
  /// Fixed-marginal (Jeffrey) evidence: after propagation the posterior of `v` equals `q`.
  /// \throws evidence_error unless `q` is a distribution over v's states.
  void set_fixed_marginal(var_id v, std::vector<double> q) {
    evidence_.set_fixed_marginal(net_, v, std::move(q));
    dirty_ = true;
  }
  /// Name-based overload of set_fixed_marginal.
  void set_fixed_marginal(std::string_view var_name, std::vector<double> q) {
    evidence_.set_fixed_marginal(net_, var_name, std::move(q));
    dirty_ = true;
  }
  /// Removes the finding on `v`, if any.
  void retract(var_id v) {
    if (evidence_.find(v)) {
      evidence_.retract(v);
      dirty_ = true;
    }
  }
  /// Removes every finding.
  void clear_evidence() {
    if (!evidence_.empty()) {
      evidence_.clear();
      dirty_ = true;
    }
  }
  /// The current findings.
  [[nodiscard]] const evidence_set& evidence() const noexcept { return evidence_; }

  // ---- propagation and queries ----------------------------------------------------------

  /// Propagates the current evidence now (queries do this on demand).
  /// Fixed-marginal findings are met by iterative proportional fitting of one likelihood per
  /// such variable (one exact step for a single finding; otherwise sweeps until every such
  /// marginal is within 1e-12 of its target), each step a full propagation.
  /// \throws impossible_evidence_error if P(e) = 0 (naming the evidence) or a target
  ///         marginal gives mass to a state of posterior probability zero; evidence_error if
  ///         several target marginals cannot be met together.
  void propagate() {
    ensure_propagated();
    if (failure_) std::rethrow_exception(failure_);
  }

  /// P(v | e): card(v) probabilities in state order, summing to 1 (for a variable with a
  /// hard finding, the indicator of its state).
  /// \throws as propagate(); model_error on a bad id.
  [[nodiscard]] std::vector<double> posterior(var_id v) {
    (void)net_.var(v);
    propagate();
    std::vector<double> out = clique_marginal(v);
    normalise_or_throw(out);
    return out;
  }

  /// Name-based overload of posterior.
  [[nodiscard]] std::vector<double> posterior(std::string_view var_name) {
    return posterior(net_.id(var_name));
  }

  /// P(vars | e) for variables that lie together in one clique, as a factor with scope
  /// `vars` in the given order, summing to 1.
  /// \throws inference_error naming the variables if no clique holds them all (or one is
  ///         repeated); otherwise as propagate().
  [[nodiscard]] factor joint_posterior(const std::vector<var_id>& vars) {
    for (std::size_t i = 0; i < vars.size(); ++i) {
      (void)net_.var(vars[i]);
      for (std::size_t j = 0; j < i; ++j)
        if (vars[i] == vars[j])
          throw inference_error("joint posterior lists variable '" + net_.var(vars[i]).name() +
                                "' twice");
    }
    std::size_t best = npos;
    for (std::size_t c = 0; c < cliques_.size(); ++c) {
      const auto& cv = cliques_[c].vars;
      bool all = true;
      for (var_id v : vars) all = all && std::find(cv.begin(), cv.end(), v) != cv.end();
      if (all && (best == npos || cliques_[c].size < cliques_[best].size)) best = c;
    }
    if (best == npos && !vars.empty()) {
      std::vector<std::string> names;
      for (var_id v : vars) names.push_back(net_.var(v).name());
      throw inference_error("variables " + detail::join(names) +
                            " do not lie together in any clique of the junction tree; "
                            "query them with variable_elimination::joint_posterior");
    }
    propagate();
    if (vars.empty()) return factor();
    std::vector<std::size_t> cards;
    for (var_id v : vars) cards.push_back(net_.var(v).cardinality());
    factor out = factor::filled(vars, cards, 0.0);
    const clique_info& c = cliques_[best];
    const auto so = out.strides_on(c.vars);  // result stride along each clique axis
    std::vector<std::size_t> idx(c.vars.size(), 0);
    std::size_t o = 0;
    const double* t = work_.data() + c.offset;
    auto& values = out.values();
    for (std::size_t r = 0; r < c.size; ++r) {
      values[o] += t[r];
      for (std::size_t a = c.vars.size(); a-- > 0;) {
        if (++idx[a] < c.cards[a]) {
          o += so[a];
          break;
        }
        o -= so[a] * (c.cards[a] - 1);
        idx[a] = 0;
      }
    }
    normalise_or_throw(values);
    return out;
  }

  /// Natural log of P(e) for the hard and likelihood findings (likelihood vectors as given:
  /// P(e) = sum_x P(x) prod_v lambda_v(x_v)); fixed-marginal findings do not enter it.
  /// Returns -infinity when P(e) = 0 (the one query that reports impossible evidence by value
  /// rather than by exception); never NaN. Does not throw for evidence problems: a
  /// fixed-marginal finding that cannot be met does not change this number.
  [[nodiscard]] double log_evidence_probability() {
    ensure_propagated();
    return log_evidence_;
  }

  /// log10 P(e); see log_evidence_probability().
  [[nodiscard]] double log10_evidence_probability() {
    return log_evidence_probability() / std::log(10.0);
  }

  // ---- structure ------------------------------------------------------------------------

  /// Largest clique's number of variables minus one.
  [[nodiscard]] std::size_t treewidth() const noexcept { return treewidth_; }
  /// Number of cliques (over all trees of the forest).
  [[nodiscard]] std::size_t num_cliques() const noexcept { return cliques_.size(); }
  /// Number of trees (connected components of the moral graph).
  [[nodiscard]] std::size_t num_trees() const noexcept { return roots_.size(); }
  /// Entries of the largest clique table.
  [[nodiscard]] std::size_t largest_clique_size() const noexcept { return largest_clique_size_; }
  /// Entries of all clique tables together.
  [[nodiscard]] std::size_t total_clique_size() const noexcept { return work_.size(); }
  /// Entries of all separator tables together.
  [[nodiscard]] std::size_t total_separator_size() const noexcept { return sep_values_.size(); }
  /// Bytes held by the tables and index maps (initial and working clique potentials,
  /// separators, maps).
  [[nodiscard]] std::size_t memory_bytes() const noexcept {
    return (initial_.size() + work_.size() + sep_values_.size() + scratch_.size()) * sizeof(double) +
           maps_.size() * sizeof(std::uint32_t);
  }
  /// Each clique's variables, in the axis order of its table.
  [[nodiscard]] std::vector<std::vector<var_id>> cliques() const {
    std::vector<std::vector<var_id>> out;
    out.reserve(cliques_.size());
    for (const auto& c : cliques_) out.push_back(c.vars);
    return out;
  }
  /// Tree edges as (child clique, parent clique) pairs, indices into cliques().
  [[nodiscard]] std::vector<std::pair<std::size_t, std::size_t>> edges() const {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    for (const auto& s : seps_) out.emplace_back(s.child, s.parent);
    return out;
  }
  /// The heuristic whose elimination order was used.
  [[nodiscard]] elimination_heuristic heuristic() const noexcept { return heuristic_; }

 private:
  static constexpr std::size_t npos = std::numeric_limits<std::size_t>::max();
  // Rescale a clique table once its smallest positive entry could fall below e^-650.
  static constexpr double underflow_guard = -650.0;

  struct clique_info {
    std::vector<var_id> vars;  // axis order: separator to the parent first
    std::vector<std::size_t> cards;
    std::vector<std::size_t> strides;
    std::size_t offset = 0;  // into initial_ / work_
    std::size_t size = 0;
    double log_min_initial = 0.0;  // log of the smallest positive initial entry
  };
  struct separator_info {
    std::size_t child = 0, parent = 0;
    std::size_t arity = 0;             // number of separator variables
    std::size_t offset = 0, size = 0;  // into sep_values_
    std::size_t block = 0;             // child entries per separator entry
    std::size_t map_offset = 0;        // into maps_: parent entry -> separator entry
    double z = 0.0;                    // sum of the last collect message before normalising
  };
  struct home_slot {
    std::size_t clique = 0, stride = 1, card = 1;
  };

  // ---- compilation ----------------------------------------------------------------------

  void compile(const junction_tree_options& options) {
    const std::size_t n = net_.size();
    const auto graph = interaction_graph::moral_graph(net_);
    const elimination_ordering ord = best_elimination_order(graph, options.search);
    heuristic_ = ord.heuristic.value_or(elimination_heuristic::min_fill);
    if (ord.stats.total_clique_entries > options.max_total_entries)
      throw inference_error(
          "the junction tree of network '" + net_.name() + "' would need " +
          detail::format_number(ord.stats.total_clique_entries) +
          " clique table entries (largest clique: " + std::to_string(ord.stats.treewidth + 1) +
          " variables, " + detail::format_number(ord.stats.largest_clique_entries) +
          " entries); the limit is " + detail::format_number(options.max_total_entries) +
          " (junction_tree_options::max_total_entries)");
    const auto cards = net_.cardinalities();
    const std::size_t k = ord.cliques.size();
    std::vector<double> entries(k, 1.0);
    for (std::size_t c = 0; c < k; ++c)
      for (var_id v : ord.cliques[c]) entries[c] *= static_cast<double>(cards[v]);

    // Cliques holding each variable.
    std::vector<std::vector<std::size_t>> holding(n);
    for (std::size_t c = 0; c < k; ++c)
      for (var_id v : ord.cliques[c]) holding[v].push_back(c);

    // Maximum-weight spanning forest by Prim's algorithm: weight = number of shared
    // variables, ties to the smaller pair of tables, then to the lower index. Each tree
    // grows from the largest clique not yet reached (its root); the order in which cliques
    // join puts every parent before its children. Intersections are counted with a dense
    // counter over the cliques holding each variable, so no list of candidate pairs is built.
    struct candidate {
      std::uint32_t shared;
      double cost;
      std::size_t clique;
      bool operator<(const candidate& o) const {  // "worse than", for a max-heap
        if (shared != o.shared) return shared < o.shared;
        if (cost != o.cost) return cost > o.cost;
        return clique > o.clique;
      }
    };
    std::vector<std::size_t> parent(k, npos), order;
    order.reserve(k);
    std::vector<char> in_tree(k, 0);
    std::vector<std::uint32_t> best_shared(k, 0), counter(k, 0);
    std::vector<double> best_cost(k, std::numeric_limits<double>::infinity());
    std::vector<std::size_t> best_from(k, npos), touched;
    std::priority_queue<candidate> heap;
    auto join = [&](std::size_t a, std::size_t from) {
      in_tree[a] = 1;
      parent[a] = from;
      order.push_back(a);
      for (var_id v : ord.cliques[a])
        for (std::size_t b : holding[v])
          if (!in_tree[b] && counter[b]++ == 0) touched.push_back(b);
      for (std::size_t b : touched) {
        const std::uint32_t shared_vars = counter[b];
        counter[b] = 0;
        const double cost = entries[a] + entries[b];
        if (shared_vars > best_shared[b] || (shared_vars == best_shared[b] && cost < best_cost[b])) {
          best_shared[b] = shared_vars;
          best_cost[b] = cost;
          best_from[b] = a;
          heap.push(candidate{shared_vars, cost, b});
        }
      }
      touched.clear();
    };
    std::vector<std::size_t> by_size(k);
    std::iota(by_size.begin(), by_size.end(), 0);
    std::stable_sort(by_size.begin(), by_size.end(),
                     [&](std::size_t a, std::size_t b) { return entries[a] > entries[b]; });
    for (std::size_t r : by_size) {
      if (in_tree[r]) continue;
      roots_.push_back(r);
      join(r, npos);
      while (!heap.empty()) {
        const candidate top = heap.top();
        heap.pop();
        if (in_tree[top.clique] || top.shared != best_shared[top.clique] || top.cost != best_cost[top.clique])
          continue;  // stale entry
        join(top.clique, best_from[top.clique]);
      }
    }
    // Clique layouts: variables shared with the parent first, then the rest (by id).
    cliques_.resize(k);
    std::size_t offset = 0;
    for (std::size_t c = 0; c < k; ++c) {
      std::vector<var_id> vars = ord.cliques[c];
      std::sort(vars.begin(), vars.end());
      if (parent[c] != npos) {
        const auto& pv = ord.cliques[parent[c]];
        std::stable_partition(vars.begin(), vars.end(), [&](var_id v) {
          return std::find(pv.begin(), pv.end(), v) != pv.end();
        });
      }
      clique_info& ci = cliques_[c];
      ci.vars = std::move(vars);
      for (var_id v : ci.vars) ci.cards.push_back(cards[v]);
      ci.strides.assign(ci.vars.size(), 1);
      for (std::size_t a = ci.vars.size(); a-- > 1;) ci.strides[a - 1] = ci.strides[a] * ci.cards[a];
      ci.size = factor::table_size(ci.cards);
      ci.offset = offset;
      offset += ci.size;
      treewidth_ = std::max(treewidth_, ci.vars.size() - 1);
      largest_clique_size_ = std::max(largest_clique_size_, ci.size);
    }
    initial_.assign(offset, 1.0);

    // Separators, in collect order (children before parents: the reverse of the order in
    // which cliques joined the forest).
    std::size_t sep_offset = 0, map_offset = 0, max_sep = 0;
    for (std::size_t t = order.size(); t-- > 0;) {
      const std::size_t c = order[t];
      if (parent[c] == npos) continue;
      separator_info s;
      s.child = c;
      s.parent = parent[c];
      const clique_info& ci = cliques_[c];
      const auto& pv = cliques_[s.parent].vars;
      std::size_t nsep = 0;
      while (nsep < ci.vars.size() && std::find(pv.begin(), pv.end(), ci.vars[nsep]) != pv.end()) ++nsep;
      s.arity = nsep;
      s.size = 1;
      for (std::size_t a = 0; a < nsep; ++a) s.size *= ci.cards[a];
      s.block = ci.size / s.size;
      if (s.size > std::numeric_limits<std::uint32_t>::max())
        throw inference_error("a separator of the junction tree has " + std::to_string(s.size) +
                              " entries, more than an index map can address");
      s.offset = sep_offset;
      sep_offset += s.size;
      s.map_offset = map_offset;
      map_offset += cliques_[s.parent].size;
      max_sep = std::max(max_sep, s.size);
      seps_.push_back(s);
    }
    sep_values_.assign(sep_offset, 0.0);
    scratch_.assign(max_sep, 0.0);
    maps_.resize(map_offset);
    for (const separator_info& s : seps_) {
      const clique_info& ci = cliques_[s.child];
      const clique_info& pi = cliques_[s.parent];
      // The separator's axes are the child's first s.arity axes; give each parent axis its
      // stride in the separator table (0 for parent variables outside the separator).
      std::vector<std::size_t> sep_strides(s.arity, 1);
      for (std::size_t b = s.arity; b-- > 1;) sep_strides[b - 1] = sep_strides[b] * ci.cards[b];
      std::vector<std::size_t> so(pi.vars.size(), 0);
      for (std::size_t a = 0; a < pi.vars.size(); ++a)
        for (std::size_t b = 0; b < s.arity; ++b)
          if (ci.vars[b] == pi.vars[a]) so[a] = sep_strides[b];
      std::uint32_t* map = maps_.data() + s.map_offset;
      walk(pi.cards, so, [&](std::size_t r, std::size_t o) { map[r] = static_cast<std::uint32_t>(o); });
    }

    // Initial potentials: each CPT into the smallest clique holding its family.
    for (var_id v = 0; v < n; ++v) {
      const factor& t = net_.cpt_of(v).table();
      std::size_t best = npos;
      for (std::size_t c : holding[v]) {
        const auto& cv = cliques_[c].vars;
        bool all = true;
        for (var_id u : t.scope()) all = all && std::find(cv.begin(), cv.end(), u) != cv.end();
        if (all && (best == npos || cliques_[c].size < cliques_[best].size)) best = c;
      }
      if (best == npos) throw inference_error("no clique holds the family of '" + net_.var(v).name() + "'");  // cannot happen
      const clique_info& ci = cliques_[best];
      double* dst = initial_.data() + ci.offset;
      const double* src = t.values().data();
      walk(ci.cards, t.strides_on(ci.vars), [&](std::size_t r, std::size_t o) { dst[r] *= src[o]; });
    }
    for (clique_info& ci : cliques_) {
      double lo = 1.0;
      for (std::size_t r = 0; r < ci.size; ++r) {
        const double x = initial_[ci.offset + r];
        if (x > 0.0 && x < lo) lo = x;
      }
      ci.log_min_initial = std::log(lo);
    }

    // Each variable's home: the smallest clique holding it.
    home_.resize(n);
    for (var_id v = 0; v < n; ++v) {
      std::size_t best = holding[v].front();
      for (std::size_t c : holding[v])
        if (cliques_[c].size < cliques_[best].size) best = c;
      const clique_info& ci = cliques_[best];
      const std::size_t a = static_cast<std::size_t>(std::find(ci.vars.begin(), ci.vars.end(), v) - ci.vars.begin());
      home_[v] = home_slot{best, ci.strides[a], ci.cards[a]};
    }
    work_.assign(initial_.size(), 0.0);
    log_floor_.assign(k, 0.0);
  }

  /// Calls f(r, o) for each entry r of a table with cardinalities `cards` (last axis
  /// fastest), o being the matching offset in another table whose strides along those axes
  /// are `other_strides` (0 for axes it lacks).
  template <class F>
  static void walk(const std::vector<std::size_t>& cards, const std::vector<std::size_t>& other_strides, F&& f) {
    const std::size_t na = cards.size();
    std::size_t total = 1;
    for (std::size_t c : cards) total *= c;
    std::vector<std::size_t> idx(na, 0);
    std::size_t o = 0;
    for (std::size_t r = 0; r < total; ++r) {
      f(r, o);
      for (std::size_t a = na; a-- > 0;) {
        if (++idx[a] < cards[a]) {
          o += other_strides[a];
          break;
        }
        o -= other_strides[a] * (cards[a] - 1);
        idx[a] = 0;
      }
    }
  }

  // ---- propagation ----------------------------------------------------------------------

  void ensure_propagated() {
    if (!dirty_) return;
    failure_ = nullptr;
    const detail::finding_map base = detail::base_findings(evidence_);
    if (!propagate_findings(base)) {
      log_evidence_ = -std::numeric_limits<double>::infinity();
      failure_ = std::make_exception_ptr(
          impossible_evidence_error(detail::impossible_evidence_message(net_, evidence_)));
      dirty_ = false;
      return;
    }
    log_evidence_ = current_log_evidence_;
    if (evidence_.has_fixed_marginals()) {
      try {
        const detail::finding_map fitted = detail::fit_fixed_marginals(
            net_, evidence_, [&](const detail::finding_map& f, var_id v) {
              if (!(f == propagated_findings_) && !propagate_findings(f))
                throw impossible_evidence_error(detail::impossible_evidence_message(net_, evidence_));
              return clique_marginal(v);
            });
        if (!(fitted == propagated_findings_) && !propagate_findings(fitted))
          throw impossible_evidence_error(detail::impossible_evidence_message(net_, evidence_));
      } catch (const evidence_error&) {
        failure_ = std::current_exception();
        propagated_findings_.clear();
      }
    }
    dirty_ = false;
  }

  /// Unnormalised marginal of v from its home clique.
  std::vector<double> clique_marginal(var_id v) const {
    const home_slot& h = home_[v];
    const clique_info& c = cliques_[h.clique];
    std::vector<double> out(h.card, 0.0);
    const double* t = work_.data() + c.offset;
    const std::size_t block = h.stride * h.card;
    for (std::size_t base = 0; base < c.size; base += block)
      for (std::size_t s = 0; s < h.card; ++s) {
        double acc = 0.0;
        const double* p = t + base + s * h.stride;
        for (std::size_t i = 0; i < h.stride; ++i) acc += p[i];
        out[s] += acc;
      }
    return out;
  }

  /// Divides a clique table by its maximum (adding the log to the evidence scale) and
  /// resets its lower bound.
  void rescale(std::size_t c, double& log_scale) {
    const clique_info& ci = cliques_[c];
    double* t = work_.data() + ci.offset;
    double hi = 0.0;
    for (std::size_t r = 0; r < ci.size; ++r) hi = std::max(hi, t[r]);
    if (!(hi > 0.0)) return;  // all zero: the collect pass will report P(e) = 0
    double lo = hi;
    for (std::size_t r = 0; r < ci.size; ++r) {
      t[r] /= hi;
      if (t[r] > 0.0 && t[r] < lo) lo = t[r];
    }
    log_scale += std::log(hi);
    log_floor_[c] = std::log(lo);
  }

  /// Resets the potentials, enters `findings` and runs collect + distribute.
  /// Returns false if P(findings) = 0.
  bool propagate_findings(const detail::finding_map& findings) {
    std::copy(initial_.begin(), initial_.end(), work_.begin());
    for (std::size_t c = 0; c < cliques_.size(); ++c) log_floor_[c] = cliques_[c].log_min_initial;
    double log_scale = 0.0;
    propagated_findings_.clear();

    for (const auto& [v, f] : findings) {
      const home_slot& h = home_[v];
      std::vector<double> lambda = f.as_likelihood(h.card);
      double hi = 0.0, lo = std::numeric_limits<double>::infinity();
      for (double x : lambda) {
        hi = std::max(hi, x);
        if (x > 0.0) lo = std::min(lo, x);
      }
      if (!(hi > 0.0)) return false;
      for (double& x : lambda) x /= hi;
      log_scale += std::log(hi);
      const double log_lo = std::log(lo / hi);
      if (log_floor_[h.clique] + log_lo < underflow_guard) rescale(h.clique, log_scale);
      log_floor_[h.clique] += log_lo;
      const clique_info& c = cliques_[h.clique];
      double* t = work_.data() + c.offset;
      const std::size_t block = h.stride * h.card;
      for (std::size_t base = 0; base < c.size; base += block)
        for (std::size_t s = 0; s < h.card; ++s) {
          const double w = lambda[s];
          if (w == 1.0) continue;
          double* p = t + base + s * h.stride;
          for (std::size_t i = 0; i < h.stride; ++i) p[i] *= w;
        }
    }

    // Collect: each separator receives its child's marginal, normalised, and the parent
    // absorbs it (the separator starts at 1, so absorption is a plain product).
    for (separator_info& s : seps_) {
      const clique_info& ci = cliques_[s.child];
      const double* t = work_.data() + ci.offset;
      double* m = sep_values_.data() + s.offset;
      double z = 0.0;
      for (std::size_t i = 0; i < s.size; ++i) {
        const double* p = t + i * s.block;
        double acc = 0.0;
        for (std::size_t j = 0; j < s.block; ++j) acc += p[j];
        m[i] = acc;
        z += acc;
      }
      if (!(z > 0.0)) return false;
      s.z = z;
      log_scale += std::log(z);
      double lo = 1.0;
      for (std::size_t i = 0; i < s.size; ++i) {
        m[i] /= z;
        if (m[i] > 0.0 && m[i] < lo) lo = m[i];
      }
      const double log_lo = std::log(lo);
      if (log_floor_[s.parent] + log_lo < underflow_guard) rescale(s.parent, log_scale);
      log_floor_[s.parent] += log_lo;
      const clique_info& pi = cliques_[s.parent];
      double* pt = work_.data() + pi.offset;
      const std::uint32_t* map = maps_.data() + s.map_offset;
      for (std::size_t r = 0; r < pi.size; ++r) pt[r] *= m[map[r]];
    }
    for (std::size_t r : roots_) {
      const clique_info& ci = cliques_[r];
      double* t = work_.data() + ci.offset;
      double z = 0.0;
      for (std::size_t i = 0; i < ci.size; ++i) z += t[i];
      if (!(z > 0.0)) return false;
      log_scale += std::log(z);
      for (std::size_t i = 0; i < ci.size; ++i) t[i] /= z;
    }
    current_log_evidence_ = log_scale;

    // Distribute: parents before children. The child is multiplied by new/old separator,
    // scaled so that the child table sums to 1.
    for (std::size_t q = seps_.size(); q-- > 0;) {
      separator_info& s = seps_[q];
      const clique_info& pi = cliques_[s.parent];
      const double* pt = work_.data() + pi.offset;
      const std::uint32_t* map = maps_.data() + s.map_offset;
      double* tmp = scratch_.data();
      std::fill(tmp, tmp + s.size, 0.0);
      for (std::size_t r = 0; r < pi.size; ++r) tmp[map[r]] += pt[r];
      double total = 0.0;
      for (std::size_t i = 0; i < s.size; ++i) total += tmp[i];
      double* m = sep_values_.data() + s.offset;
      const double denom = s.z * total;
      for (std::size_t i = 0; i < s.size; ++i) {
        const double ratio = m[i] > 0.0 ? tmp[i] / (m[i] * denom) : 0.0;
        m[i] = tmp[i] / total;
        tmp[i] = ratio;
      }
      const clique_info& ci = cliques_[s.child];
      double* t = work_.data() + ci.offset;
      for (std::size_t i = 0; i < s.size; ++i) {
        const double w = tmp[i];
        double* p = t + i * s.block;
        for (std::size_t j = 0; j < s.block; ++j) p[j] *= w;
      }
    }
    propagated_findings_ = findings;
    return true;
  }

  void normalise_or_throw(std::vector<double>& values) const {
    double s = 0.0;
    for (double x : values) s += x;
    if (!(s > 0.0)) throw impossible_evidence_error(detail::impossible_evidence_message(net_, evidence_));
    for (double& x : values) x /= s;
  }

  bayesian_network net_;
  elimination_heuristic heuristic_ = elimination_heuristic::min_fill;
  std::size_t treewidth_ = 0;
  std::size_t largest_clique_size_ = 0;
  std::vector<clique_info> cliques_;
  std::vector<separator_info> seps_;  // collect order: children before parents
  std::vector<std::size_t> roots_;
  std::vector<home_slot> home_;
  std::vector<double> initial_;
  std::vector<double> work_;
  std::vector<double> sep_values_;
  std::vector<double> scratch_;
  std::vector<std::uint32_t> maps_;
  std::vector<double> log_floor_;  // log lower bound of each table's positive entries

  evidence_set evidence_;
  bool dirty_ = true;
  std::exception_ptr failure_;
  double log_evidence_ = 0.0;
  double current_log_evidence_ = 0.0;
  detail::finding_map propagated_findings_;
};

}  // namespace augury
