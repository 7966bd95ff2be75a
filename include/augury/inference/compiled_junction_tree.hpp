#pragma once
/// \file
/// The compiled, read-only part of a junction tree: cliques, separators, the propagation
/// schedule, the loop layouts of every message, and the initial clique potentials (stored, or
/// rebuilt from the factors when needed). One compiled tree can be shared by any number of
/// threads (`std::shared_ptr<const compiled_junction_tree>`), each running its own
/// junction_tree_workspace; junction_tree bundles one of each.
///
/// Compilation: the interaction graph of the factors (for a Bayesian network, the moral
/// graph of its CPTs) is triangulated with the best of several greedy elimination orders
/// (elimination_order.hpp); its maximal cliques are joined by a maximum-weight spanning tree
/// (Prim's algorithm) whose edge weight is the number of shared variables (ties: the smaller
/// pair of clique tables), which is a junction tree (Jensen & Jensen, "Optimal junction
/// trees", UAI 1994); a disconnected interaction graph gives one tree per component, rooted
/// at its largest clique. Each factor is assigned to the smallest clique that holds its
/// scope; a clique's initial potential is the product of its factors.
///
/// Table layout: every clique lists the variables it shares with its parent first, in the
/// parent's axis order, then its other variables by id; so the message to the parent is a
/// sum over contiguous blocks, and every separator, factor and single-variable table lies in
/// a clique table in the same relative axis order, which turns each product and each
/// marginal into a few contiguous loops (detail/table_kernels.hpp) with no index map.

#include <augury/detail/join.hpp>
#include <augury/error.hpp>
#include <augury/inference/detail/table_kernels.hpp>
#include <augury/inference/elimination_order.hpp>
#include <augury/interruption.hpp>
#include <augury/model/bayesian_network.hpp>
#include <augury/model/factor.hpp>
#include <augury/model/markov_network.hpp>
#include <augury/model/variable.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <numeric>
#include <optional>
#include <queue>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace augury {

class junction_tree_workspace;

/// Where the initial clique potentials (the products of each clique's factors) come from
/// when a clique's collected potential has to be rebuilt.
enum class potential_storage {
  /// Stored when all clique tables together hold at most
  /// junction_tree_options::stored_potential_limit entries, rebuilt otherwise.
  automatic,
  /// Stored in the compiled tree (one double per clique entry, shared by all workspaces).
  stored,
  /// Recomputed from the factors each time (no clique-sized memory in the compiled tree).
  rebuilt
};

/// How a junction tree is compiled.
struct junction_tree_options {
  /// The triangulation search: every heuristic, each also with 16 restarts that break ties
  /// at random (fixed seed, so compilation is deterministic).
  elimination_search_options search{all_elimination_heuristics(), 16, 20240601};
  /// Refuse to compile when the clique tables together would hold more entries than this.
  /// A workspace keeps one double per entry (plus separators), and a compiled tree that
  /// stores its initial potentials one more: 4e8 entries is 3.2 to 6.4 GB.
  double max_total_entries = 4e8;
  /// Whether the compiled tree stores the initial clique potentials.
  potential_storage initial_potentials = potential_storage::automatic;
  /// With potential_storage::automatic, store them up to this many entries (2^22, 32 MiB).
  double stored_potential_limit = 4194304.0;
};

/// The compiled junction tree of a Bayesian or Markov network: immutable after construction,
/// so one object may be read by many threads at once (each with its own
/// junction_tree_workspace).
///
/// It also acts as the network for evidence_set (it has size(), var(), find(),
/// variable_names_list()), so findings can be checked against it whatever the model type.
class compiled_junction_tree {
 public:
  /// Sentinel for "no clique".
  static constexpr std::size_t npos = std::numeric_limits<std::size_t>::max();

  /// Compiles the junction tree of a Bayesian network (copied): the factors are its CPTs, so
  /// the probability of no evidence is 1 (up to the rounding of the tables).
  /// \throws model_error if a variable has no CPT; inference_error if the clique tables
  ///         would exceed options.max_total_entries (the message gives the sizes).
  explicit compiled_junction_tree(const bayesian_network& net, const junction_tree_options& options = {})
      : name_(net.name()), variables_(net.variables()) {
    net.validate();
    bayesian_ = std::make_shared<const bayesian_network>(net);
    std::vector<const factor*> factors;
    for (var_id v = 0; v < bayesian_->size(); ++v) factors.push_back(&bayesian_->cpt_of(v).table());
    compile(factors, options);
  }

  /// Compiles the junction tree of a Markov network (copied), its factors taken as given:
  /// the "probability of the evidence" is then Z(e) = sum_x prod_f f(x) prod_v lambda_v(x_v),
  /// and with no evidence it is the partition function Z.
  /// \throws inference_error if the clique tables would exceed options.max_total_entries.
  explicit compiled_junction_tree(const markov_network& net, const junction_tree_options& options = {})
      : name_(net.name()), variables_(net.variables()) {
    markov_ = std::make_shared<const markov_network>(net);
    std::vector<const factor*> factors;
    for (const factor& f : markov_->factors()) factors.push_back(&f);
    compile(factors, options);
  }

  // ---- the network --------------------------------------------------------------------

  /// The network's name.
  [[nodiscard]] const std::string& name() const noexcept { return name_; }
  /// Number of variables.
  [[nodiscard]] std::size_t size() const noexcept { return variables_.size(); }
  /// All variables, indexed by var_id.
  [[nodiscard]] const std::vector<variable>& variables() const noexcept { return variables_; }
  /// The variable with id `v`. \throws model_error if out of range.
  [[nodiscard]] const variable& var(var_id v) const {
    if (v >= variables_.size())
      throw model_error("variable id " + std::to_string(v) + " out of range (network has " +
                        std::to_string(variables_.size()) + " variables)");
    return variables_[v];
  }
  /// Id of the variable called `name`, or nothing.
  [[nodiscard]] std::optional<var_id> find(std::string_view name) const {
    auto it = index_.find(std::string(name));
    if (it == index_.end()) return std::nullopt;
    return it->second;
  }
  /// Id of the variable called `name`. \throws model_error listing the variables.
  [[nodiscard]] var_id id(std::string_view name) const {
    if (auto v = find(name)) return *v;
    throw model_error("no variable '" + std::string(name) + "' in network" +
                      (name_.empty() ? std::string() : " '" + name_ + "'") +
                      " (variables: " + variable_names_list() + ")");
  }
  /// Variable names joined with ", " (for error messages).
  [[nodiscard]] std::string variable_names_list() const {
    std::vector<std::string> names;
    for (const auto& v : variables_) names.push_back(v.name());
    return detail::join(names);
  }
  /// Cardinalities indexed by var_id.
  [[nodiscard]] std::vector<std::size_t> cardinalities() const {
    std::vector<std::size_t> c;
    for (const auto& v : variables_) c.push_back(v.cardinality());
    return c;
  }
  /// The Bayesian network the tree was compiled from, or nullptr for a Markov network.
  [[nodiscard]] const bayesian_network* bayesian() const noexcept { return bayesian_.get(); }
  /// The Markov network the tree was compiled from, or nullptr for a Bayesian network.
  [[nodiscard]] const markov_network* markov() const noexcept { return markov_.get(); }

  // ---- structure ------------------------------------------------------------------------

  /// Largest clique's number of variables minus one.
  [[nodiscard]] std::size_t treewidth() const noexcept { return treewidth_; }
  /// Number of cliques (over all trees of the forest).
  [[nodiscard]] std::size_t num_cliques() const noexcept { return cliques_.size(); }
  /// Number of trees (connected components of the interaction graph).
  [[nodiscard]] std::size_t num_trees() const noexcept { return roots_.size(); }
  /// Entries of the largest clique table.
  [[nodiscard]] std::size_t largest_clique_size() const noexcept { return largest_clique_size_; }
  /// Entries of all clique tables together.
  [[nodiscard]] std::size_t total_clique_size() const noexcept { return total_entries_; }
  /// Entries of all separator tables together (one direction).
  [[nodiscard]] std::size_t total_separator_size() const noexcept { return total_separator_; }
  /// The heuristic whose elimination order was used.
  [[nodiscard]] elimination_heuristic heuristic() const noexcept { return heuristic_; }
  /// Whether the initial clique potentials are stored (else they are rebuilt from the factors).
  [[nodiscard]] bool stores_initial_potentials() const noexcept { return !initial_.empty(); }
  /// Bytes held: stored initial potentials, the factors in clique axis order, and the
  /// loop layouts (the network copy is not counted).
  [[nodiscard]] std::size_t memory_bytes() const noexcept {
    std::size_t b = initial_.size() * sizeof(double);
    for (const auto& f : factors_)
      b += f.values.size() * sizeof(double) + f.layout.runs.size() * sizeof(detail::axis_run);
    for (const auto& c : cliques_)
      b += (c.up.runs.size() + c.in_parent.runs.size()) * sizeof(detail::axis_run) +
           c.vars.size() * 2 * sizeof(std::size_t);
    for (const auto& h : homes_) b += h.layout.runs.size() * sizeof(detail::axis_run);
    return b;
  }
  /// Each clique's variables, in the axis order of its table.
  [[nodiscard]] std::vector<std::vector<var_id>> cliques() const {
    std::vector<std::vector<var_id>> out;
    out.reserve(cliques_.size());
    for (const auto& c : cliques_) out.push_back(c.vars);
    return out;
  }
  /// Tree edges as (child clique, parent clique) pairs, indices into cliques(); children
  /// come before their parents (the collect order).
  [[nodiscard]] std::vector<std::pair<std::size_t, std::size_t>> edges() const {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    for (std::size_t c : post_order_)
      if (cliques_[c].parent != npos) out.emplace_back(c, cliques_[c].parent);
    return out;
  }
  /// The clique whose table gives the posterior of `v` (the smallest clique holding it).
  /// \throws model_error on a bad id.
  [[nodiscard]] std::size_t home_clique(var_id v) const { return homes_[checked(v)].clique; }
  /// The smallest clique holding all of `vars`, or npos if none does.
  [[nodiscard]] std::size_t clique_holding(const std::vector<var_id>& vars) const {
    std::size_t best = npos;
    for (std::size_t c = 0; c < cliques_.size(); ++c) {
      const auto& cv = cliques_[c].vars;
      bool all = true;
      for (var_id v : vars) all = all && std::find(cv.begin(), cv.end(), v) != cv.end();
      if (all && (best == npos || cliques_[c].size < cliques_[best].size)) best = c;
    }
    return best;
  }

 private:
  friend class junction_tree_workspace;

  struct clique_info {
    std::vector<var_id> vars;  // axis order: the separator with the parent first
    std::vector<std::size_t> cards;
    std::size_t size = 1;
    std::size_t offset = 0;  // into the clique-table arrays (initial potentials, workspaces)
    std::size_t parent = npos;
    std::size_t tree = 0;
    std::vector<std::size_t> children;
    std::vector<var_id> homes;    // variables whose posterior is read here
    std::vector<std::size_t> factors;  // indices into factors_
    // Separator with the parent (non-roots only): its entries in the message arrays, and how
    // it lies in this clique (leading axes) and in the parent.
    std::size_t sep_offset = 0, sep_size = 0;
    detail::sub_layout up, in_parent;
    double log_min_initial = 0.0;  // log of the smallest positive initial entry
  };
  struct assigned_factor {
    std::vector<double> values;  // the factor with its axes in clique order
    detail::sub_layout layout;   // in its clique
  };
  struct home_slot {
    std::size_t clique = 0;
    detail::sub_layout layout;  // the variable in its home clique
  };

  std::size_t checked(var_id v) const {
    (void)var(v);
    return v;
  }

  // ---- compilation ----------------------------------------------------------------------

  void compile(const std::vector<const factor*>& factors, const junction_tree_options& options) {
    const std::size_t n = variables_.size();
    for (var_id v = 0; v < n; ++v) index_.emplace(variables_[v].name(), v);
    var_offset_.resize(n + 1, 0);
    for (var_id v = 0; v < n; ++v) var_offset_[v + 1] = var_offset_[v] + variables_[v].cardinality();

    std::vector<std::size_t> cards(n);
    for (var_id v = 0; v < n; ++v) cards[v] = variables_[v].cardinality();
    std::vector<var_id> ids(n);
    std::iota(ids.begin(), ids.end(), var_id{0});
    std::vector<const factor*> tables;
    for (const factor* f : factors) {
      if (f->arity() == 0) {
        // A constant factor only scales Z.
        log_constant_ += f->values()[0] > 0.0 ? std::log(f->values()[0])
                                               : -std::numeric_limits<double>::infinity();
        continue;
      }
      tables.push_back(f);
    }
    elimination_ordering ord;
    {
      interaction_graph graph(ids, cards);
      for (const factor* f : tables) graph.add_clique(f->scope());
      ord = best_elimination_order(graph, options.search);
    }
    heuristic_ = ord.heuristic.value_or(elimination_heuristic::min_fill);
    if (ord.stats.total_clique_entries > options.max_total_entries)
      throw inference_error(
          "the junction tree of network '" + name_ + "' would need " +
          detail::format_number(ord.stats.total_clique_entries) +
          " clique table entries (largest clique: " + std::to_string(ord.stats.treewidth + 1) +
          " variables, " + detail::format_number(ord.stats.largest_clique_entries) +
          " entries); the limit is " + detail::format_number(options.max_total_entries) +
          " (junction_tree_options::max_total_entries)");
    const std::size_t k = ord.cliques.size();
    std::vector<double> entries(k, 1.0);
    for (std::size_t c = 0; c < k; ++c)
      for (var_id v : ord.cliques[c]) entries[c] *= static_cast<double>(cards[v]);
    std::vector<std::vector<std::size_t>> holding(n);
    for (std::size_t c = 0; c < k; ++c)
      for (var_id v : ord.cliques[c]) holding[v].push_back(c);

    // Homes: the smallest clique holding each variable.
    std::vector<std::size_t> home(n);
    for (var_id v = 0; v < n; ++v) {
      home[v] = holding[v].front();
      for (std::size_t c : holding[v])
        if (entries[c] < entries[home[v]]) home[v] = c;
    }

    std::vector<std::size_t> parent(k, npos), order;
    spanning_forest(ord.cliques, entries, holding, parent, order);
    reroot(entries, home, parent, order);
    std::vector<std::vector<std::size_t>> children(k);
    for (std::size_t c : order)
      if (parent[c] != npos) children[parent[c]].push_back(c);

    // Clique layouts, parents before children: the separator with the parent first, in the
    // parent's axis order; then the other variables grouped by the children's separators
    // they belong to, so that each child's separator lies in few runs, the largest
    // separator's variables last.
    cliques_.resize(k);
    std::vector<std::uint64_t> signature(n, 0);
    for (std::size_t c : order) {
      clique_info& ci = cliques_[c];
      ci.parent = parent[c];
      std::vector<var_id> rest = ord.cliques[c];
      std::sort(rest.begin(), rest.end());
      if (ci.parent != npos) {
        const auto& pv = cliques_[ci.parent].vars;
        for (var_id v : pv)
          if (std::binary_search(rest.begin(), rest.end(), v)) ci.vars.push_back(v);
        rest.erase(std::remove_if(rest.begin(), rest.end(),
                                  [&](var_id v) { return std::find(pv.begin(), pv.end(), v) != pv.end(); }),
                   rest.end());
        ci.tree = cliques_[ci.parent].tree;
        cliques_[ci.parent].children.push_back(c);
      } else {
        ci.tree = roots_.size();
        roots_.push_back(c);
      }
      std::vector<std::pair<double, std::size_t>> by_sep;  // (separator entries, child)
      for (std::size_t ch : children[c]) {
        double e = 1.0;
        for (var_id v : ord.cliques[ch])
          if (std::binary_search(rest.begin(), rest.end(), v) ||
              std::find(ci.vars.begin(), ci.vars.end(), v) != ci.vars.end())
            e *= static_cast<double>(cards[v]);
        by_sep.emplace_back(-e, ch);
      }
      std::stable_sort(by_sep.begin(), by_sep.end());
      const std::size_t m = std::min<std::size_t>(by_sep.size(), 63);
      for (var_id v : rest) signature[v] = 0;
      for (std::size_t i = 0; i < m; ++i)
        for (var_id v : ord.cliques[by_sep[i].second])
          if (std::binary_search(rest.begin(), rest.end(), v)) signature[v] |= std::uint64_t{1} << (m - 1 - i);
      std::stable_sort(rest.begin(), rest.end(),
                       [&](var_id a, var_id b) { return signature[a] < signature[b]; });
      ci.vars.insert(ci.vars.end(), rest.begin(), rest.end());
      for (var_id v : ci.vars) ci.cards.push_back(cards[v]);
      ci.size = factor::table_size(ci.cards);
      treewidth_ = std::max(treewidth_, ci.vars.size() - 1);
      largest_clique_size_ = std::max(largest_clique_size_, ci.size);
    }
    for (std::size_t c = 0; c < k; ++c) {
      cliques_[c].offset = total_entries_;
      total_entries_ += cliques_[c].size;
    }
    post_order_.assign(order.rbegin(), order.rend());

    // Separators: the child's leading axes, in the child (blocks) and in the parent.
    for (std::size_t c = 0; c < k; ++c) {
      clique_info& ci = cliques_[c];
      if (ci.parent == npos) continue;
      const clique_info& pi = cliques_[ci.parent];
      std::size_t nsep = 0;
      while (nsep < ci.vars.size() &&
             std::find(pi.vars.begin(), pi.vars.end(), ci.vars[nsep]) != pi.vars.end())
        ++nsep;
      std::vector<std::size_t> sep_strides(nsep, 1);
      for (std::size_t b = nsep; b-- > 1;) sep_strides[b - 1] = sep_strides[b] * ci.cards[b];
      std::vector<std::size_t> own(ci.vars.size(), 0), in_parent(pi.vars.size(), 0);
      for (std::size_t b = 0; b < nsep; ++b) {
        own[b] = sep_strides[b];
        const std::size_t a = static_cast<std::size_t>(
            std::find(pi.vars.begin(), pi.vars.end(), ci.vars[b]) - pi.vars.begin());
        in_parent[a] = sep_strides[b];
      }
      ci.up = detail::make_sub_layout(ci.cards, own);
      ci.in_parent = detail::make_sub_layout(pi.cards, in_parent);
      ci.sep_size = ci.up.sub_size;
      ci.sep_offset = total_separator_;
      total_separator_ += ci.sep_size;
    }

    homes_.resize(n);
    for (var_id v = 0; v < n; ++v) {
      const std::size_t best = home[v];
      const clique_info& ci = cliques_[best];
      std::vector<std::size_t> strides(ci.vars.size(), 0);
      for (std::size_t a = 0; a < ci.vars.size(); ++a)
        if (ci.vars[a] == v) strides[a] = 1;
      homes_[v] = home_slot{best, detail::make_sub_layout(ci.cards, strides)};
      cliques_[best].homes.push_back(v);
    }

    // Factors: each into the smallest clique holding its scope, axes in clique order.
    for (const factor* f : tables) {
      interruption_point("compiling the junction tree");
      std::size_t best = npos;
      for (std::size_t c : holding[f->scope().front()]) {
        const auto& cv = cliques_[c].vars;
        bool all = true;
        for (var_id u : f->scope()) all = all && std::find(cv.begin(), cv.end(), u) != cv.end();
        if (all && (best == npos || cliques_[c].size < cliques_[best].size)) best = c;
      }
      if (best == npos) throw inference_error("no clique holds the scope of a factor");  // cannot happen
      const clique_info& ci = cliques_[best];
      std::vector<var_id> scope;
      for (var_id v : ci.vars)
        if (f->contains(v)) scope.push_back(v);
      const factor in_order = f->reordered(scope);
      std::vector<std::size_t> strides(ci.vars.size(), 0);
      for (std::size_t a = 0; a < ci.vars.size(); ++a) {
        const std::size_t ax = in_order.axis_of(ci.vars[a]);
        if (ax < in_order.arity()) strides[a] = in_order.strides()[ax];
      }
      cliques_[best].factors.push_back(factors_.size());
      factors_.push_back(assigned_factor{in_order.values(), detail::make_sub_layout(ci.cards, strides)});
    }

    // Initial potentials: stored, or built once here for their smallest entries.
    const bool store =
        options.initial_potentials == potential_storage::stored ||
        (options.initial_potentials == potential_storage::automatic &&
         static_cast<double>(total_entries_) <= options.stored_potential_limit);
    std::vector<double> buffer;
    if (store)
      initial_.assign(total_entries_, 1.0);
    else
      buffer.resize(largest_clique_size_);
    for (std::size_t c = 0; c < k; ++c) {
      interruption_point("compiling the junction tree");
      clique_info& ci = cliques_[c];
      double* t = store ? initial_.data() + ci.offset : buffer.data();
      build_initial(c, t);
      double lo = 1.0;
      for (std::size_t r = 0; r < ci.size; ++r)
        if (t[r] > 0.0 && t[r] < lo) lo = t[r];
      ci.log_min_initial = std::log(lo);
    }
  }

  /// Maximum-weight spanning forest by Prim's algorithm: weight = number of shared
  /// variables, ties to the smaller pair of tables, then to the lower index. Each tree grows
  /// from the largest clique not yet reached (its root); `order` lists the cliques as they
  /// join, every parent before its children. Intersections are counted with a dense counter
  /// over the cliques holding each variable, so no list of candidate pairs is built.
  static void spanning_forest(const std::vector<std::vector<var_id>>& cliques,
                              const std::vector<double>& entries,
                              const std::vector<std::vector<std::size_t>>& holding,
                              std::vector<std::size_t>& parent, std::vector<std::size_t>& order) {
    const std::size_t k = cliques.size();
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
    order.clear();
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
      for (var_id v : cliques[a])
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
      join(r, npos);
      while (!heap.empty()) {
        const candidate top = heap.top();
        heap.pop();
        if (in_tree[top.clique] || top.shared != best_shared[top.clique] ||
            top.cost != best_cost[top.clique])
          continue;  // stale entry
        join(top.clique, best_from[top.clique]);
      }
    }
  }

  /// Re-roots each tree at the clique that minimises the work of the collect after one
  /// finding changes: the sum, over the variables, of the cost of the cliques on the path
  /// from the variable's home to the root, a clique costing its size times (its degree + 1)
  /// (one product per neighbour and evidence, one marginal). Computed for all roots at once
  /// by moving the root along each edge. `order` is rebuilt breadth-first, parents first.
  static void reroot(const std::vector<double>& entries, const std::vector<std::size_t>& home,
                     std::vector<std::size_t>& parent, std::vector<std::size_t>& order) {
    const std::size_t k = parent.size();
    std::vector<std::vector<std::size_t>> adjacent(k);
    for (std::size_t c = 0; c < k; ++c)
      if (parent[c] != npos) {
        adjacent[c].push_back(parent[c]);
        adjacent[parent[c]].push_back(c);
      }
    std::vector<double> homes(k, 0.0), below(k, 0.0), cost(k, 0.0), weight(k);
    for (std::size_t h : home) homes[h] += 1.0;
    for (std::size_t c = 0; c < k; ++c) weight[c] = entries[c] * static_cast<double>(adjacent[c].size() + 1);
    for (std::size_t q = order.size(); q-- > 0;) {  // children first
      const std::size_t c = order[q];
      below[c] += homes[c];
      if (parent[c] != npos) below[parent[c]] += below[c];
    }
    std::vector<std::size_t> roots;
    for (std::size_t c : order)
      if (parent[c] == npos) roots.push_back(c);
    // cost[root] = sum_j weight_j * below_j; then along each edge p -> c.
    std::vector<std::size_t> tree_root(k, npos);
    for (std::size_t c : order) tree_root[c] = parent[c] == npos ? c : tree_root[parent[c]];
    for (std::size_t c : order) cost[tree_root[c]] += weight[c] * below[c];
    std::vector<std::size_t> best = roots;
    std::vector<double> best_cost(k, 0.0);
    for (std::size_t r : roots) best_cost[r] = cost[r];
    for (std::size_t c : order) {
      if (parent[c] == npos) continue;
      const std::size_t p = parent[c], r = tree_root[c];
      cost[c] = cost[p] - weight[p] * below[c] + weight[c] * (below[r] - below[c]);
      if (cost[c] < best_cost[r] * (1.0 - 1e-12)) {
        best_cost[r] = cost[c];
        for (std::size_t i = 0; i < roots.size(); ++i)
          if (roots[i] == r) best[i] = c;
      }
    }
    // Breadth-first from the chosen roots, in the order of the trees.
    std::vector<char> seen(k, 0);
    order.clear();
    for (std::size_t r : best) {
      parent[r] = npos;
      seen[r] = 1;
      std::size_t head = order.size();
      order.push_back(r);
      while (head < order.size()) {
        const std::size_t a = order[head++];
        for (std::size_t b : adjacent[a])
          if (!seen[b]) {
            seen[b] = 1;
            parent[b] = a;
            order.push_back(b);
          }
      }
    }
  }

  /// Writes the initial potential of clique c (the product of its factors) into t.
  void build_initial(std::size_t c, double* t) const {
    const clique_info& ci = cliques_[c];
    if (ci.factors.empty()) {
      std::fill_n(t, ci.size, 1.0);
      return;
    }
    const assigned_factor& first = factors_[ci.factors.front()];
    detail::assign(t, first.layout, first.values.data());
    for (std::size_t i = 1; i < ci.factors.size(); ++i) {
      const assigned_factor& f = factors_[ci.factors[i]];
      detail::multiply(t, f.layout, f.values.data());
    }
  }

  std::string name_;
  std::vector<variable> variables_;
  std::unordered_map<std::string, var_id> index_;
  std::shared_ptr<const bayesian_network> bayesian_;
  std::shared_ptr<const markov_network> markov_;

  elimination_heuristic heuristic_ = elimination_heuristic::min_fill;
  std::size_t treewidth_ = 0;
  std::size_t largest_clique_size_ = 0;
  std::size_t total_entries_ = 0;
  std::size_t total_separator_ = 0;
  std::vector<clique_info> cliques_;
  std::vector<std::size_t> roots_;       // one per tree
  std::vector<std::size_t> post_order_;  // children before parents
  std::vector<home_slot> homes_;         // per variable
  std::vector<std::size_t> var_offset_;  // start of each variable's states in per-state arrays
  std::vector<assigned_factor> factors_;
  std::vector<double> initial_;  // empty unless stored
  double log_constant_ = 0.0;    // log of the product of constant (scope-free) factors
};

}  // namespace augury
