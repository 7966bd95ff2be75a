// Tests of interaction graphs, greedy elimination orders and triangulation statistics.

#include <augury/inference/elimination_order.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <set>
#include <vector>

#include "random_network.hpp"

namespace {

using namespace augury;

interaction_graph cycle_graph(const std::vector<std::size_t>& cards) {
  std::vector<var_id> ids(cards.size());
  for (std::size_t i = 0; i < ids.size(); ++i) ids[i] = i;
  interaction_graph g(ids, cards);
  for (std::size_t i = 0; i < ids.size(); ++i) g.add_edge(i, (i + 1) % ids.size());
  return g;
}

/// Independent triangulation: eliminate with an adjacency matrix and keep the elimination
/// cliques that are not contained in another one.
struct naive_triangulation {
  std::set<std::vector<var_id>> cliques;
  double total = 0.0;
  std::size_t treewidth = 0;
};

naive_triangulation naive(const interaction_graph& g, const std::vector<var_id>& order) {
  const std::size_t n = g.num_vertices();
  std::vector<std::vector<char>> adj(n, std::vector<char>(n, 0));
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j : g.adjacent(i)) adj[i][j] = 1;
  std::vector<char> gone(n, 0);
  std::vector<std::vector<std::size_t>> elimination_cliques;
  for (var_id v : order) {
    const std::size_t l = g.local_index(v);
    std::vector<std::size_t> c{l};
    for (std::size_t u = 0; u < n; ++u)
      if (!gone[u] && adj[l][u]) c.push_back(u);
    for (std::size_t a = 1; a < c.size(); ++a)
      for (std::size_t b = 1; b < c.size(); ++b)
        if (a != b) adj[c[a]][c[b]] = 1;
    gone[l] = 1;
    std::sort(c.begin(), c.end());
    elimination_cliques.push_back(c);
  }
  naive_triangulation out;
  for (const auto& c : elimination_cliques) {
    bool contained = false;
    for (const auto& d : elimination_cliques)
      if (d.size() > c.size() && std::includes(d.begin(), d.end(), c.begin(), c.end())) contained = true;
    if (contained) continue;
    std::vector<var_id> ids;
    double entries = 1.0;
    for (std::size_t l : c) {
      ids.push_back(g.vertices()[l]);
      entries *= static_cast<double>(g.cardinalities()[l]);
    }
    std::sort(ids.begin(), ids.end());
    if (out.cliques.insert(ids).second) {
      out.total += entries;
      out.treewidth = std::max(out.treewidth, ids.size() - 1);
    }
  }
  return out;
}

std::set<std::vector<var_id>> as_sorted_set(const std::vector<std::vector<var_id>>& cliques) {
  std::set<std::vector<var_id>> out;
  for (auto c : cliques) {
    std::sort(c.begin(), c.end());
    out.insert(c);
  }
  return out;
}

TEST(InteractionGraph, MoralGraphMarriesParents) {
  bayesian_network net;
  const var_id a = net.add_variable("A", {"a0", "a1"});
  const var_id b = net.add_variable("B", {"b0", "b1", "b2"});
  const var_id c = net.add_variable("C", {"c0", "c1"});
  const var_id d = net.add_variable("D", {"d0", "d1"});
  net.set_cpt(a, {}, {0.5, 0.5});
  net.set_cpt(b, {}, {0.2, 0.3, 0.5});
  net.set_cpt(c, {a, b}, {0.1, 0.9, 0.2, 0.8, 0.3, 0.7, 0.4, 0.6, 0.5, 0.5, 0.6, 0.4});
  net.set_cpt(d, {c}, {0.9, 0.1, 0.2, 0.8});
  const auto g = interaction_graph::moral_graph(net);
  EXPECT_EQ(g.num_vertices(), 4u);
  EXPECT_EQ(g.num_edges(), 4u);
  EXPECT_TRUE(g.has_edge(a, b));  // married parents
  EXPECT_TRUE(g.has_edge(a, c));
  EXPECT_TRUE(g.has_edge(b, c));
  EXPECT_TRUE(g.has_edge(c, d));
  EXPECT_FALSE(g.has_edge(a, d));
  EXPECT_EQ(g.cardinalities()[b], 3u);
}

TEST(InteractionGraph, OfFactorsUsesScopes) {
  std::vector<factor> fs;
  fs.emplace_back(std::vector<var_id>{7, 3}, std::vector<std::size_t>{2, 3}, std::vector<double>(6, 1.0));
  fs.emplace_back(std::vector<var_id>{3, 9}, std::vector<std::size_t>{3, 4}, std::vector<double>(12, 1.0));
  const auto g = interaction_graph::of_factors(fs);
  EXPECT_EQ(g.vertices(), (std::vector<var_id>{7, 3, 9}));
  EXPECT_EQ(g.cardinalities(), (std::vector<std::size_t>{2, 3, 4}));
  EXPECT_TRUE(g.has_edge(7, 3));
  EXPECT_TRUE(g.has_edge(3, 9));
  EXPECT_FALSE(g.has_edge(7, 9));
  EXPECT_FALSE(g.contains(4));

  fs.emplace_back(std::vector<var_id>{9}, std::vector<std::size_t>{5}, std::vector<double>(5, 1.0));
  try {
    (void)interaction_graph::of_factors(fs);
    FAIL() << "expected model_error";
  } catch (const model_error& ex) {
    EXPECT_NE(std::string(ex.what()).find("variable id 9"), std::string::npos) << ex.what();
  }
}

TEST(InteractionGraph, RejectsBadVertices) {
  EXPECT_THROW(interaction_graph({1, 1}, {2, 2}), model_error);
  EXPECT_THROW(interaction_graph({1, 2}, {2}), model_error);
  EXPECT_THROW(interaction_graph({1}, {0}), model_error);
  interaction_graph g({0, 1}, {2, 2});
  EXPECT_THROW(g.add_edge(0, 5), model_error);
}

TEST(EliminationOrder, ChainHasTreewidthOne) {
  std::vector<var_id> ids{0, 1, 2, 3, 4};
  interaction_graph g(ids, {2, 3, 4, 5, 6});
  for (std::size_t i = 0; i + 1 < ids.size(); ++i) g.add_edge(i, i + 1);
  for (auto h : all_elimination_heuristics()) {
    const auto o = greedy_elimination_order(g, h);
    EXPECT_EQ(o.stats.treewidth, 1u) << to_string(h);
    EXPECT_EQ(o.stats.num_cliques, 4u) << to_string(h);
    EXPECT_DOUBLE_EQ(o.stats.total_clique_entries, 2 * 3 + 3 * 4 + 4 * 5 + 5 * 6) << to_string(h);
    EXPECT_DOUBLE_EQ(o.stats.largest_clique_entries, 30.0) << to_string(h);
  }
}

TEST(EliminationOrder, CompleteGraphIsOneClique) {
  std::vector<var_id> ids{0, 1, 2, 3, 4};
  interaction_graph g(ids, {2, 2, 3, 2, 2});
  g.add_clique(ids);
  const auto o = greedy_elimination_order(g, elimination_heuristic::min_fill);
  EXPECT_EQ(o.stats.treewidth, 4u);
  EXPECT_EQ(o.stats.num_cliques, 1u);
  EXPECT_DOUBLE_EQ(o.stats.total_clique_entries, 48.0);
}

TEST(EliminationOrder, FourCycleNeedsOneFillEdge) {
  const auto g = cycle_graph({2, 2, 2, 2});
  const auto o = greedy_elimination_order(g, elimination_heuristic::min_fill);
  EXPECT_EQ(o.stats.treewidth, 2u);
  EXPECT_EQ(o.stats.num_cliques, 2u);
  EXPECT_DOUBLE_EQ(o.stats.total_clique_entries, 16.0);
}

TEST(EliminationOrder, HeuristicsScoreAsDocumented) {
  // Five-cycle, no simplicial vertex. Vertex i's clique weight is c[i-1] c[i] c[i+1] and its
  // weighted fill is c[i-1] c[i+1]:
  //   i:              0    1    2     3     4
  //   weighted fill: 50  100    1  5000     1
  //   clique weight: 50  100  100  5000    50
  const auto g = cycle_graph({1, 1, 100, 1, 50});
  // weighted min-fill: 2 and 4 tie at 1; the smaller clique (4) wins.
  EXPECT_EQ(greedy_elimination_order(g, elimination_heuristic::weighted_min_fill).order.front(), 4u);
  // min-weight: 0 and 4 tie at 50; graph order decides.
  EXPECT_EQ(greedy_elimination_order(g, elimination_heuristic::min_weight).order.front(), 0u);
  // min-fill and min-size: all tie (fill 1, degree 2); smallest clique then graph order.
  EXPECT_EQ(greedy_elimination_order(g, elimination_heuristic::min_fill).order.front(), 0u);
  EXPECT_EQ(greedy_elimination_order(g, elimination_heuristic::min_size).order.front(), 0u);
}

TEST(EliminationOrder, SimplicialVerticesGoFirst) {
  // A pendant vertex (simplicial) with a huge table must still go before a cycle vertex
  // under min-size, which would otherwise pick by degree alone.
  std::vector<var_id> ids{0, 1, 2, 3, 4};
  interaction_graph g(ids, {2, 2, 2, 2, 50});
  g.add_edge(0, 1);
  g.add_edge(1, 2);
  g.add_edge(2, 3);
  g.add_edge(3, 0);
  g.add_edge(4, 0);
  g.add_edge(4, 1);  // 4's neighbours 0 and 1 are adjacent: 4 is simplicial
  const auto o = greedy_elimination_order(g, elimination_heuristic::min_size);
  EXPECT_EQ(o.order.front(), 4u);
}

TEST(EliminationOrder, KeptVariablesEndTheOrder) {
  const auto g = cycle_graph({2, 3, 2, 3, 2, 3});
  const auto o = greedy_elimination_order(g, elimination_heuristic::min_fill, {3, 0});
  ASSERT_EQ(o.order.size(), 6u);
  EXPECT_EQ(o.order[4], 3u);
  EXPECT_EQ(o.order[5], 0u);
  EXPECT_THROW((void)greedy_elimination_order(g, elimination_heuristic::min_fill, {9}), model_error);
  EXPECT_THROW((void)greedy_elimination_order(g, elimination_heuristic::min_fill, {1, 1}), model_error);
}

TEST(EliminationOrder, EvaluateRejectsNonPermutations) {
  const auto g = cycle_graph({2, 2, 2});
  EXPECT_THROW((void)evaluate_elimination_order(g, {0, 1}), model_error);
  try {
    (void)evaluate_elimination_order(g, {0, 1, 1});
    FAIL() << "expected model_error";
  } catch (const model_error& ex) {
    EXPECT_NE(std::string(ex.what()).find("repeats"), std::string::npos) << ex.what();
  }
}

TEST(EliminationOrder, CliquesMatchNaiveTriangulation) {
  std::mt19937_64 rng(424242);
  for (int trial = 0; trial < 150; ++trial) {
    const std::size_t n = test::uniform_index(rng, 3, 28);
    std::vector<var_id> ids(n);
    std::vector<std::size_t> cards(n);
    for (std::size_t i = 0; i < n; ++i) {
      ids[i] = 3 * i + 1;  // sparse ids
      cards[i] = test::uniform_index(rng, 1, 5);
    }
    interaction_graph g(ids, cards);
    const double p = 0.05 + 0.3 * std::uniform_real_distribution<double>(0, 1)(rng);
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = i + 1; j < n; ++j)
        if (std::uniform_real_distribution<double>(0, 1)(rng) < p) g.add_edge(ids[i], ids[j]);
    for (auto h : all_elimination_heuristics()) {
      for (std::uint64_t seed : {0u, 7u}) {
        const auto o = greedy_elimination_order(g, h, {}, seed);
        ASSERT_EQ(o.order.size(), n);
        EXPECT_EQ(std::set<var_id>(o.order.begin(), o.order.end()), std::set<var_id>(ids.begin(), ids.end()));
        const auto ref = naive(g, o.order);
        EXPECT_EQ(as_sorted_set(o.cliques), ref.cliques) << "trial " << trial << " " << to_string(h);
        EXPECT_DOUBLE_EQ(o.stats.total_clique_entries, ref.total);
        EXPECT_EQ(o.stats.treewidth, ref.treewidth);
        EXPECT_EQ(o.stats.num_cliques, ref.cliques.size());
        // Every edge of the graph lies in some clique.
        for (std::size_t i = 0; i < n; ++i)
          for (std::size_t j : g.adjacent(i)) {
            bool found = false;
            for (const auto& c : o.cliques)
              found = found || (std::count(c.begin(), c.end(), ids[i]) && std::count(c.begin(), c.end(), ids[j]));
            EXPECT_TRUE(found);
          }
        const auto again = evaluate_elimination_order(g, o.order);
        EXPECT_EQ(as_sorted_set(again.cliques), ref.cliques);
      }
    }
  }
}

TEST(EliminationOrder, BestKeepsTheSmallestTotal) {
  std::mt19937_64 rng(99);
  for (int trial = 0; trial < 20; ++trial) {
    const std::size_t n = 40;
    std::vector<var_id> ids(n);
    std::vector<std::size_t> cards(n);
    for (std::size_t i = 0; i < n; ++i) {
      ids[i] = i;
      cards[i] = test::uniform_index(rng, 2, 6);
    }
    interaction_graph g(ids, cards);
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = i + 1; j < n; ++j)
        if (std::uniform_real_distribution<double>(0, 1)(rng) < 0.1) g.add_edge(i, j);
    elimination_search_options opts;
    opts.random_restarts = 3;
    const auto best = best_elimination_order(g, opts);
    double smallest = best.stats.total_clique_entries;
    for (auto h : opts.heuristics) {
      EXPECT_LE(best.stats.total_clique_entries, greedy_elimination_order(g, h).stats.total_clique_entries);
      for (std::size_t r = 0; r < opts.random_restarts; ++r)
        smallest = std::min(smallest, greedy_elimination_order(g, h, {}, opts.seed + r).stats.total_clique_entries);
    }
    EXPECT_EQ(best.stats.total_clique_entries, smallest);
    ASSERT_TRUE(best.heuristic.has_value());
    EXPECT_EQ(best_elimination_order(g, opts).order, best.order);  // deterministic
  }
  elimination_search_options none;
  none.heuristics.clear();
  EXPECT_THROW((void)best_elimination_order(cycle_graph({2, 2, 2}), none), model_error);
}

TEST(EliminationOrder, FastOnThousandsOfVertices) {
  // A pedigree-like sparse graph: 4000 vertices, each joined to up to three earlier ones
  // nearby, plus a few long-range edges.
  std::mt19937_64 rng(2024);
  const std::size_t n = 4000;
  std::vector<var_id> ids(n);
  std::vector<std::size_t> cards(n);
  for (std::size_t i = 0; i < n; ++i) {
    ids[i] = i;
    cards[i] = test::uniform_index(rng, 2, 4);
  }
  interaction_graph g(ids, cards);
  for (std::size_t i = 1; i < n; ++i)
    for (int k = 0; k < 3; ++k) g.add_edge(i, i - 1 - test::uniform_index(rng, 0, std::min<std::size_t>(i - 1, 12)));
  for (int k = 0; k < 40; ++k) g.add_edge(test::uniform_index(rng, 0, n - 1), test::uniform_index(rng, 0, n - 1));
  const auto t0 = std::chrono::steady_clock::now();
  for (auto h : all_elimination_heuristics()) {
    const auto o = greedy_elimination_order(g, h);
    EXPECT_EQ(o.order.size(), n);
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_LT(seconds, 10.0) << "four greedy orders of a 4000-vertex graph took " << seconds << " s";
}

}  // namespace
