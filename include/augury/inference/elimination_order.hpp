#pragma once
/// \file
/// Interaction graphs and greedy elimination orders for exact inference.
///
/// Eliminating the variables of a set of factors one by one (variable elimination), or
/// triangulating the moral graph of a network (junction tree), costs time and memory in
/// proportion to the tables of the cliques the elimination order creates. Finding the best
/// order is NP-hard, so augury uses the classic greedy heuristics, each step eliminating the
/// vertex that looks cheapest now:
///  - min-fill: fewest fill-in edges;
///  - weighted min-fill: smallest sum, over the fill-in edges, of the product of the two
///    endpoint cardinalities;
///  - min-size (min-degree): fewest neighbours;
///  - min-weight: smallest clique table (product of the cardinalities of the vertex and its
///    neighbours).
/// Sources: U. Kjaerulff, "Triangulation of graphs -- algorithms giving small total state
/// space", Technical report R 90-09, Aalborg University, 1990; D. Koller and N. Friedman,
/// *Probabilistic Graphical Models*, MIT Press 2009, sec. 9.4.3 (the cost criteria) and
/// sec. 9.3 (the interaction graph).
///
/// Before consulting the heuristic, each step applies two reduction rules (H. L. Bodlaender,
/// A. M. C. A. Koster, F. van den Eijkhof, "Preprocessing rules for triangulation of
/// probabilistic networks", Computational Intelligence 21(3), 2005; weighted form in
/// F. van den Eijkhof, H. L. Bodlaender, A. M. C. A. Koster, "Safe reduction rules for
/// weighted treewidth", Algorithmica 47, 2007):
///  - simplicial: a vertex whose neighbours already form a clique adds no fill-in and is
///    eliminated first (the smallest such clique first);
///  - almost simplicial: a vertex whose neighbours except one form a clique is eliminated
///    when its clique table is no larger than the largest clique table met so far.
///
/// The greedy loop keeps every vertex's scores in ordered sets and, after an elimination,
/// recomputes only the scores that can have changed (the eliminated vertex's neighbours and
/// the vertices adjacent to both ends of a new fill-in edge), so graphs with thousands of
/// vertices order in milliseconds.

#include <augury/error.hpp>
#include <augury/interruption.hpp>
#include <augury/model/bayesian_network.hpp>
#include <augury/model/factor.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace augury {

/// The greedy criterion used to pick the next vertex to eliminate (see the file comment).
enum class elimination_heuristic { min_fill, weighted_min_fill, min_size, min_weight };

/// The heuristic's name: "min-fill", "weighted-min-fill", "min-size" or "min-weight".
[[nodiscard]] inline const char* to_string(elimination_heuristic h) noexcept {
  switch (h) {
    case elimination_heuristic::min_fill: return "min-fill";
    case elimination_heuristic::weighted_min_fill: return "weighted-min-fill";
    case elimination_heuristic::min_size: return "min-size";
    case elimination_heuristic::min_weight: return "min-weight";
  }
  return "unknown";
}

/// Every heuristic, in the order best_elimination_order tries them by default.
[[nodiscard]] inline std::vector<elimination_heuristic> all_elimination_heuristics() {
  return {elimination_heuristic::weighted_min_fill, elimination_heuristic::min_fill,
          elimination_heuristic::min_weight, elimination_heuristic::min_size};
}

/// An undirected graph whose vertices are variables, each with its cardinality. Two
/// variables are adjacent when some factor (or CPT family) contains both: the interaction
/// graph of a set of factors (Koller & Friedman 2009, def. 9.6), which for the CPTs of a
/// Bayesian network is its moral graph (Lauritzen & Spiegelhalter 1988).
class interaction_graph {
 public:
  /// Sentinel returned by local_index for a variable that is not a vertex.
  static constexpr std::size_t npos = std::numeric_limits<std::size_t>::max();

  interaction_graph() = default;

  /// A graph without edges.
  /// \param vertices distinct variable ids
  /// \param cardinalities the number of states of each vertex (same length, each >= 1)
  /// \throws model_error on a repeated id, a length mismatch or a zero cardinality.
  interaction_graph(std::vector<var_id> vertices, std::vector<std::size_t> cardinalities)
      : vertices_(std::move(vertices)), cards_(std::move(cardinalities)) {
    if (vertices_.size() != cards_.size())
      throw model_error("interaction graph has " + std::to_string(vertices_.size()) +
                        " vertices but " + std::to_string(cards_.size()) + " cardinalities");
    var_id max_id = 0;
    for (var_id v : vertices_) max_id = std::max(max_id, v);
    local_.assign(vertices_.empty() ? 0 : max_id + 1, npos);
    for (std::size_t i = 0; i < vertices_.size(); ++i) {
      if (local_[vertices_[i]] != npos)
        throw model_error("interaction graph lists variable id " + std::to_string(vertices_[i]) +
                          " twice");
      if (cards_[i] == 0)
        throw model_error("interaction graph vertex " + std::to_string(vertices_[i]) +
                          " has cardinality 0");
      local_[vertices_[i]] = i;
    }
    adjacency_.assign(vertices_.size(), {});
  }

  /// The moral graph of `net`: each variable joined to its parents, and the parents of each
  /// variable joined to each other. Vertices are all variables, in id order.
  /// \throws model_error if a variable has no CPT.
  [[nodiscard]] static interaction_graph moral_graph(const bayesian_network& net) {
    net.validate();
    std::vector<var_id> ids(net.size());
    for (var_id v = 0; v < net.size(); ++v) ids[v] = v;
    interaction_graph g(std::move(ids), net.cardinalities());
    for (var_id v = 0; v < net.size(); ++v) g.add_clique(net.cpt_of(v).table().scope());
    return g;
  }

  /// The interaction graph of `factors`: vertices are the variables of their scopes (in
  /// order of first appearance), edges join variables that share a factor.
  /// \throws model_error if two factors disagree on a cardinality.
  [[nodiscard]] static interaction_graph of_factors(const std::vector<factor>& factors) {
    std::vector<var_id> ids;
    std::vector<std::size_t> cards;
    std::vector<std::size_t> seen;
    for (const auto& f : factors)
      for (std::size_t i = 0; i < f.arity(); ++i) {
        const var_id v = f.scope()[i];
        if (v >= seen.size()) seen.resize(v + 1, 0);
        if (seen[v] == 0) {
          seen[v] = f.cardinalities()[i];
          ids.push_back(v);
          cards.push_back(f.cardinalities()[i]);
        } else if (seen[v] != f.cardinalities()[i]) {
          throw model_error("factors disagree on the cardinality of variable id " +
                            std::to_string(v));
        }
      }
    interaction_graph g(std::move(ids), std::move(cards));
    for (const auto& f : factors) g.add_clique(f.scope());
    return g;
  }

  /// Joins every pair of the given variables. \throws model_error if one is not a vertex.
  void add_clique(const std::vector<var_id>& members) {
    for (std::size_t i = 0; i < members.size(); ++i)
      for (std::size_t j = i + 1; j < members.size(); ++j) add_edge(members[i], members[j]);
  }

  /// Joins `a` and `b` (no-op if a == b or the edge exists).
  /// \throws model_error if either is not a vertex.
  void add_edge(var_id a, var_id b) {
    const std::size_t la = checked_local(a), lb = checked_local(b);
    if (la == lb) return;
    insert_sorted(adjacency_[la], lb);
    insert_sorted(adjacency_[lb], la);
  }

  /// Number of vertices.
  [[nodiscard]] std::size_t num_vertices() const noexcept { return vertices_.size(); }
  /// Number of edges.
  [[nodiscard]] std::size_t num_edges() const noexcept {
    std::size_t twice = 0;
    for (const auto& a : adjacency_) twice += a.size();
    return twice / 2;
  }
  /// The vertices' variable ids; vertex i of the graph is vertices()[i].
  [[nodiscard]] const std::vector<var_id>& vertices() const noexcept { return vertices_; }
  /// Cardinalities, indexed like vertices().
  [[nodiscard]] const std::vector<std::size_t>& cardinalities() const noexcept { return cards_; }
  /// Position of variable `v` in vertices(), or npos.
  [[nodiscard]] std::size_t local_index(var_id v) const noexcept {
    return v < local_.size() ? local_[v] : npos;
  }
  /// Whether `v` is a vertex.
  [[nodiscard]] bool contains(var_id v) const noexcept { return local_index(v) != npos; }
  /// Neighbours of vertex number `i` (positions in vertices(), ascending).
  [[nodiscard]] const std::vector<std::size_t>& adjacent(std::size_t i) const {
    return adjacency_.at(i);
  }
  /// Whether variables `a` and `b` are adjacent.
  [[nodiscard]] bool has_edge(var_id a, var_id b) const {
    const std::size_t la = local_index(a), lb = local_index(b);
    if (la == npos || lb == npos) return false;
    return std::binary_search(adjacency_[la].begin(), adjacency_[la].end(), lb);
  }

 private:
  std::size_t checked_local(var_id v) const {
    const std::size_t l = local_index(v);
    if (l == npos)
      throw model_error("variable id " + std::to_string(v) + " is not a vertex of the graph");
    return l;
  }
  static void insert_sorted(std::vector<std::size_t>& list, std::size_t x) {
    auto it = std::lower_bound(list.begin(), list.end(), x);
    if (it == list.end() || *it != x) list.insert(it, x);
  }

  std::vector<var_id> vertices_;
  std::vector<std::size_t> cards_;
  std::vector<std::size_t> local_;
  std::vector<std::vector<std::size_t>> adjacency_;
};

/// Size measures of the triangulation an elimination order produces.
struct triangulation_stats {
  /// Largest clique's number of variables minus one (0 for an empty graph).
  std::size_t treewidth = 0;
  /// Number of maximal cliques.
  std::size_t num_cliques = 0;
  /// Entries of the largest clique table (product of its cardinalities).
  double largest_clique_entries = 0.0;
  /// Sum of the table entries of all maximal cliques: Kjaerulff's total state space, the
  /// memory a junction tree over these cliques needs for its clique tables.
  double total_clique_entries = 0.0;
};

/// An elimination order with the cliques it creates and their sizes.
struct elimination_ordering {
  /// Every vertex once, in elimination order (vertices kept out of the greedy choice come
  /// last, in the order they were given).
  std::vector<var_id> order;
  /// The maximal cliques of the triangulated graph, in the order they are created; each
  /// lists the eliminated vertex first, then its later neighbours in elimination order.
  std::vector<std::vector<var_id>> cliques;
  /// Sizes of those cliques.
  triangulation_stats stats;
  /// The heuristic that produced the order; empty for an order given by the caller.
  std::optional<elimination_heuristic> heuristic;
};

namespace detail {

/// Eliminates the vertices of a graph one at a time, adding fill-in edges, and keeps the
/// greedy scores of the remaining vertices up to date.
class graph_eliminator {
 public:
  graph_eliminator(const interaction_graph& g, bool track_scores)
      : n_(g.num_vertices()), track_(track_scores), adj_(n_), card_(n_), log_card_(n_),
        alive_(n_, 1), mark_(n_, 0) {
    for (std::size_t i = 0; i < n_; ++i) {
      for (std::size_t j : g.adjacent(i)) adj_[i].push_back(static_cast<std::uint32_t>(j));
      card_[i] = static_cast<double>(g.cardinalities()[i]);
      log_card_[i] = std::log(card_[i]);
    }
  }

  struct scores {
    double fill = 0;           // number of missing edges among the neighbours
    double weighted_fill = 0;  // sum over missing edges of card(u) * card(w)
    double degree = 0;
    double log_weight = 0;     // log of the clique table size: vertex + neighbours
    bool almost_simplicial = false;
  };

  /// Fill-in and weights of vertex v in the current graph.
  scores compute_scores(std::size_t v) {
    scores s;
    const auto& nv = neighbours(v);
    ++stamp_;
    double sum_c = 0.0, sum_c2 = 0.0;
    s.log_weight = log_card_[v];
    for (std::uint32_t u : nv) {
      mark_[u] = stamp_;
      sum_c += card_[u];
      sum_c2 += card_[u] * card_[u];
      s.log_weight += log_card_[u];
    }
    const double d = static_cast<double>(nv.size());
    s.degree = d;
    if (nv.size() <= 1) return s;  // no pair of neighbours, so no fill-in
    double present = 0.0, weighted_present = 0.0;
    counts_.resize(nv.size());
    for (std::size_t k = 0; k < nv.size(); ++k) {
      const std::uint32_t u = nv[k];
      std::size_t cnt = 0;
      double wsum = 0.0;
      for (std::uint32_t w : adj_[u])
        if (mark_[w] == stamp_) {
          ++cnt;
          wsum += card_[w];
        }
      counts_[k] = cnt;
      present += static_cast<double>(cnt);
      weighted_present += card_[u] * wsum;
    }
    s.fill = d * (d - 1.0) / 2.0 - present / 2.0;
    s.weighted_fill = (sum_c * sum_c - sum_c2) / 2.0 - weighted_present / 2.0;
    if (s.fill > 0.0)
      for (std::size_t k = 0; k < nv.size(); ++k)
        if (d - 1.0 - static_cast<double>(counts_[k]) == s.fill) {
          s.almost_simplicial = true;
          break;
        }
    return s;
  }

  /// Removes v, joins its neighbours pairwise, and returns its neighbours (as they were).
  /// `affected` receives the vertices whose scores may have changed.
  const std::vector<std::uint32_t>& eliminate(std::size_t v, std::vector<std::uint32_t>& affected) {
    last_neighbours_ = neighbours(v);
    // Adjacency is tested by marking one endpoint's list; the longest list comes last and is
    // never marked, so leaves of a hub do not each pay for the hub's list.
    std::sort(last_neighbours_.begin(), last_neighbours_.end(), [&](std::uint32_t x, std::uint32_t y) {
      return adj_[x].size() != adj_[y].size() ? adj_[x].size() < adj_[y].size() : x < y;
    });
    const auto& nb = last_neighbours_;
    // v stays in its neighbours' lists until they are next compacted (see neighbours()):
    // erasing it from a hub's long list at every elimination would cost its length each time.
    alive_[v] = 0;
    adj_[v].clear();
    adj_[v].shrink_to_fit();
    affected.assign(nb.begin(), nb.end());
    bool any_fill = false;
    fill_endpoint_.assign(nb.size(), 0);
    for (std::size_t a = 0; a + 1 < nb.size(); ++a) {
      ++stamp_;
      for (std::uint32_t w : adj_[nb[a]]) mark_[w] = stamp_;
      for (std::size_t b = a + 1; b < nb.size(); ++b)
        if (mark_[nb[b]] != stamp_) {
          adj_[nb[a]].push_back(nb[b]);
          adj_[nb[b]].push_back(nb[a]);
          fill_endpoint_[a] = fill_endpoint_[b] = 1;
          any_fill = true;
        }
    }
    if (track_ && any_fill) {
      // A vertex outside the neighbourhood changes its fill-in only if it is adjacent to
      // both ends of a new edge; count adjacency to fill-edge endpoints.
      ++stamp_;
      const std::uint64_t in_nb = stamp_;
      for (std::uint32_t u : nb) mark_[u] = in_nb;
      ++stamp_;
      const std::uint64_t base = stamp_;
      // mark_ values >= base encode "seen once" (base) and "seen twice or more" (base + 1).
      stamp_ += 1;
      for (std::size_t a = 0; a < nb.size(); ++a) {
        if (!fill_endpoint_[a]) continue;
        for (std::uint32_t w : adj_[nb[a]]) {
          if (mark_[w] == in_nb) continue;
          if (mark_[w] == base) {
            mark_[w] = base + 1;
            affected.push_back(w);
          } else if (mark_[w] != base + 1) {
            mark_[w] = base;
          }
        }
      }
    }
    return nb;
  }

  std::size_t size() const noexcept { return n_; }
  bool alive(std::size_t v) const noexcept { return alive_[v] != 0; }
  /// The live neighbours of v (eliminated vertices are dropped from the list here).
  const std::vector<std::uint32_t>& neighbours(std::size_t v) {
    auto& list = adj_[v];
    list.erase(std::remove_if(list.begin(), list.end(), [&](std::uint32_t u) { return !alive_[u]; }),
               list.end());
    return list;
  }

 private:
  std::size_t n_;
  bool track_;
  std::vector<std::vector<std::uint32_t>> adj_;
  std::vector<double> card_;
  std::vector<double> log_card_;
  std::vector<char> alive_;
  std::vector<std::uint64_t> mark_;
  std::uint64_t stamp_ = 0;
  std::vector<std::size_t> counts_;
  std::vector<std::uint32_t> last_neighbours_;
  std::vector<char> fill_endpoint_;
};

/// Turns the per-step elimination cliques into maximal cliques and statistics. A clique
/// {v} + N+(v) is not maximal exactly when an earlier vertex u has v as the first-eliminated
/// member of N+(u) and |N+(u)| = |N+(v)| + 1 (Golumbic 1980, sec. 4.2).
inline void finish_ordering(const interaction_graph& g,
                            const std::vector<std::size_t>& order_local,
                            const std::vector<std::vector<std::uint32_t>>& later_neighbours,
                            elimination_ordering& out) {
  const std::size_t n = order_local.size();
  std::vector<std::size_t> position(g.num_vertices(), 0);
  for (std::size_t t = 0; t < n; ++t) position[order_local[t]] = t;
  std::vector<char> maximal(n, 1);
  for (std::size_t t = 0; t < n; ++t) {
    const auto& nb = later_neighbours[t];
    if (nb.empty()) continue;
    std::size_t follower = nb[0];
    for (std::uint32_t w : nb)
      if (position[w] < position[follower]) follower = w;
    const std::size_t tf = position[follower];
    if (later_neighbours[tf].size() + 1 == nb.size()) maximal[tf] = 0;
  }
  out.order.clear();
  for (std::size_t t = 0; t < n; ++t) out.order.push_back(g.vertices()[order_local[t]]);
  out.cliques.clear();
  out.stats = triangulation_stats{};
  for (std::size_t t = 0; t < n; ++t) {
    if (!maximal[t]) continue;
    std::vector<var_id> c;
    c.reserve(later_neighbours[t].size() + 1);
    c.push_back(g.vertices()[order_local[t]]);
    std::vector<std::uint32_t> nb = later_neighbours[t];
    std::sort(nb.begin(), nb.end(),
              [&](std::uint32_t a, std::uint32_t b) { return position[a] < position[b]; });
    double entries = static_cast<double>(g.cardinalities()[order_local[t]]);
    for (std::uint32_t w : nb) {
      c.push_back(g.vertices()[w]);
      entries *= static_cast<double>(g.cardinalities()[w]);
    }
    out.stats.treewidth = std::max(out.stats.treewidth, c.size() - 1);
    out.stats.largest_clique_entries = std::max(out.stats.largest_clique_entries, entries);
    out.stats.total_clique_entries += entries;
    out.cliques.push_back(std::move(c));
  }
  out.stats.num_cliques = out.cliques.size();
}

}  // namespace detail

/// The triangulation produced by eliminating the vertices of `g` in `order`.
/// \param order a permutation of g.vertices()
/// \throws model_error if `order` is not a permutation of the vertices.
[[nodiscard]] inline elimination_ordering evaluate_elimination_order(const interaction_graph& g,
                                                                     const std::vector<var_id>& order) {
  const std::size_t n = g.num_vertices();
  if (order.size() != n)
    throw model_error("elimination order has " + std::to_string(order.size()) +
                      " variables, the graph has " + std::to_string(n));
  std::vector<std::size_t> order_local(n);
  std::vector<char> used(n, 0);
  for (std::size_t t = 0; t < n; ++t) {
    const std::size_t l = g.local_index(order[t]);
    if (l == interaction_graph::npos || used[l])
      throw model_error("elimination order is not a permutation of the graph's variables "
                        "(variable id " + std::to_string(order[t]) +
                        (l == interaction_graph::npos ? " is not a vertex)" : " repeats)"));
    used[l] = 1;
    order_local[t] = l;
  }
  detail::graph_eliminator el(g, false);
  std::vector<std::vector<std::uint32_t>> later(n);
  std::vector<std::uint32_t> affected;
  for (std::size_t t = 0; t < n; ++t) later[t] = el.eliminate(order_local[t], affected);
  elimination_ordering out;
  detail::finish_ordering(g, order_local, later, out);
  return out;
}

/// A greedy elimination order for `g` under heuristic `h`, with the simplicial and
/// almost-simplicial rules applied first (see the file comment). Ties go to the smaller
/// clique table, then to the vertex listed first in the graph, so the result is
/// deterministic.
/// \param keep variables that must not be eliminated by the greedy choice (for example the
///        query variables of variable elimination); they end the order, in the given order.
/// \param tie_seed 0 breaks ties by graph order; any other value breaks them by a random
///        ranking of the vertices drawn from this seed (a linear congruential generator, so
///        the result is the same on every platform).
/// \throws model_error if a variable of `keep` is not a vertex or repeats.
[[nodiscard]] inline elimination_ordering greedy_elimination_order(
    const interaction_graph& g, elimination_heuristic h, const std::vector<var_id>& keep = {},
    std::uint64_t tie_seed = 0) {
  const std::size_t n = g.num_vertices();
  std::vector<std::size_t> rank(n);
  for (std::size_t i = 0; i < n; ++i) rank[i] = i;
  if (tie_seed != 0) {
    std::uint64_t s = tie_seed;
    for (std::size_t i = n; i > 1; --i) {
      s = s * 6364136223846793005ULL + 1442695040888963407ULL;
      std::swap(rank[i - 1], rank[(s >> 33) % i]);
    }
  }
  std::vector<char> kept(n, 0);
  std::vector<std::size_t> keep_local;
  for (var_id v : keep) {
    const std::size_t l = g.local_index(v);
    if (l == interaction_graph::npos)
      throw model_error("kept variable id " + std::to_string(v) + " is not a vertex of the graph");
    if (kept[l]) throw model_error("kept variable id " + std::to_string(v) + " is listed twice");
    kept[l] = 1;
    keep_local.push_back(l);
  }

  detail::graph_eliminator el(g, true);
  using key = std::tuple<double, double, std::size_t, std::size_t>;  // (primary, log weight, rank, vertex)
  std::set<key> by_heuristic;
  std::set<std::pair<double, std::size_t>> simplicial, almost;
  std::vector<detail::graph_eliminator::scores> cur(n);
  auto primary = [h](const detail::graph_eliminator::scores& s) {
    switch (h) {
      case elimination_heuristic::min_fill: return s.fill;
      case elimination_heuristic::weighted_min_fill: return s.weighted_fill;
      case elimination_heuristic::min_size: return s.degree;
      case elimination_heuristic::min_weight: return s.log_weight;
    }
    return s.fill;
  };
  auto insert = [&](std::size_t v) {
    const auto& s = cur[v];
    by_heuristic.emplace(primary(s), s.log_weight, rank[v], v);
    if (s.fill == 0.0)
      simplicial.emplace(s.log_weight, v);
    else if (s.almost_simplicial)
      almost.emplace(s.log_weight, v);
  };
  auto erase = [&](std::size_t v) {
    const auto& s = cur[v];
    by_heuristic.erase(key(primary(s), s.log_weight, rank[v], v));
    if (s.fill == 0.0)
      simplicial.erase({s.log_weight, v});
    else if (s.almost_simplicial)
      almost.erase({s.log_weight, v});
  };
  for (std::size_t v = 0; v < n; ++v)
    if (!kept[v]) {
      cur[v] = el.compute_scores(v);
      insert(v);
    }

  std::vector<std::size_t> order_local;
  order_local.reserve(n);
  std::vector<std::vector<std::uint32_t>> later;
  later.reserve(n);
  std::vector<std::uint32_t> affected, dirty;
  std::vector<char> is_dirty(n, 0);
  double largest_log_weight = -1.0;
  auto eliminate = [&](std::size_t v) {
    erase(v);
    double log_weight = std::log(static_cast<double>(g.cardinalities()[v]));
    for (std::uint32_t u : el.neighbours(v)) log_weight += std::log(static_cast<double>(g.cardinalities()[u]));
    largest_log_weight = std::max(largest_log_weight, log_weight);
    order_local.push_back(v);
    later.push_back(el.eliminate(v, affected));
    for (std::uint32_t u : affected)
      if (!kept[u] && !is_dirty[u]) {
        is_dirty[u] = 1;
        dirty.push_back(u);
      }
  };
  while (!by_heuristic.empty()) {
    interruption_point("the triangulation search");
    // A simplicial vertex stays simplicial when another simplicial vertex goes (no fill-in
    // is added), so they are eliminated as a batch and the scores they disturb are brought
    // up to date once afterwards: a hub adjacent to thousands of leaves is rescored once,
    // not once per leaf. The triangulation is the same as one at a time.
    if (!simplicial.empty()) {
      eliminate(simplicial.begin()->second);
      continue;
    }
    if (!dirty.empty()) {
      for (std::uint32_t u : dirty) {
        is_dirty[u] = 0;
        if (!el.alive(u)) continue;
        erase(u);
        cur[u] = el.compute_scores(u);
        insert(u);
      }
      dirty.clear();
      continue;
    }
    if (!almost.empty() && almost.begin()->first <= largest_log_weight + 1e-9)
      eliminate(almost.begin()->second);
    else
      eliminate(std::get<3>(*by_heuristic.begin()));
  }
  for (std::size_t l : keep_local) {
    order_local.push_back(l);
    later.push_back(el.eliminate(l, affected));
  }
  elimination_ordering out;
  detail::finish_ordering(g, order_local, later, out);
  out.heuristic = h;
  return out;
}

/// How best_elimination_order searches.
struct elimination_search_options {
  /// Heuristics to try, each once with deterministic tie-breaking.
  std::vector<elimination_heuristic> heuristics = all_elimination_heuristics();
  /// Extra runs of each heuristic in which ties are broken by a seeded random vertex
  /// ranking instead of graph order. Ties are frequent (many vertices share a score), and on
  /// pedigree-like networks such as link a few restarts shrink the total clique size by a
  /// quarter or more.
  std::size_t random_restarts = 0;
  /// Seed of the tie-breaking rankings (restart r of a search uses seed + r); a search is
  /// deterministic for a given seed.
  std::uint64_t seed = 20240601;
};

/// Runs greedy_elimination_order with each heuristic of `options` (plus the random
/// restarts) and returns the order with the smallest total clique table size (ties: the
/// smaller largest clique, then the run made first). This is the "try several, keep the
/// best" strategy Kjaerulff (1990) recommends, since no single heuristic wins on every
/// network.
/// \param keep as for greedy_elimination_order
/// \throws model_error if there is no heuristic to try or `keep` is invalid.
[[nodiscard]] inline elimination_ordering best_elimination_order(
    const interaction_graph& g, const elimination_search_options& options = {},
    const std::vector<var_id>& keep = {}) {
  if (options.heuristics.empty())
    throw model_error("best_elimination_order needs at least one heuristic");
  std::optional<elimination_ordering> best;
  auto consider = [&](elimination_ordering o) {
    if (!best || o.stats.total_clique_entries < best->stats.total_clique_entries ||
        (o.stats.total_clique_entries == best->stats.total_clique_entries &&
         o.stats.largest_clique_entries < best->stats.largest_clique_entries))
      best = std::move(o);
  };
  for (elimination_heuristic h : options.heuristics) consider(greedy_elimination_order(g, h, keep));
  for (std::size_t r = 0; r < options.random_restarts; ++r)
    for (elimination_heuristic h : options.heuristics)
      // seed 0 means "graph order", so skip it
      consider(greedy_elimination_order(g, h, keep, options.seed + r == 0 ? 1 : options.seed + r));
  return std::move(*best);
}

}  // namespace augury
