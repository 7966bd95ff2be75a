// The junction tree: structure, agreement with enumeration and variable elimination,
// incremental evidence, disconnected networks, errors.

#include <augury/inference/enumeration.hpp>
#include <augury/inference/junction_tree.hpp>
#include <augury/inference/variable_elimination.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "random_network.hpp"

namespace {

using namespace augury;

constexpr double tol = 1e-10;
const double minus_inf = -std::numeric_limits<double>::infinity();

void expect_vectors_near(const std::vector<double>& a, const std::vector<double>& b, double t,
                         const std::string& what) {
  ASSERT_EQ(a.size(), b.size()) << what;
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_NEAR(a[i], b[i], t) << what << " state " << i;
}

/// Every query result of `jt` for its current evidence (posteriors of all variables, then
/// log P(e)); empty when the evidence is impossible.
std::vector<std::vector<double>> snapshot(junction_tree& jt) {
  std::vector<std::vector<double>> out;
  const double lp = jt.log_evidence_probability();
  if (lp == minus_inf) return out;
  for (var_id v = 0; v < jt.network().size(); ++v) out.push_back(jt.posterior(v));
  out.push_back({lp});
  return out;
}

void expect_valid_junction_tree(const junction_tree& jt, const bayesian_network& net) {
  const auto cliques = jt.cliques();
  const auto edges = jt.edges();
  ASSERT_EQ(cliques.size(), jt.num_cliques());
  EXPECT_EQ(edges.size() + jt.num_trees(), cliques.size());  // a forest
  std::size_t total = 0, largest = 0, width = 0;
  for (const auto& c : cliques) {
    std::size_t entries = 1;
    for (var_id v : c) entries *= net.var(v).cardinality();
    total += entries;
    largest = std::max(largest, entries);
    width = std::max(width, c.size() - 1);
  }
  EXPECT_EQ(jt.total_clique_size(), total);
  EXPECT_EQ(jt.largest_clique_size(), largest);
  EXPECT_EQ(jt.treewidth(), width);
  // Each family lies in a clique.
  for (var_id v = 0; v < net.size(); ++v) {
    const auto& scope = net.cpt_of(v).table().scope();
    bool found = false;
    for (const auto& c : cliques) {
      bool all = true;
      for (var_id u : scope) all = all && std::count(c.begin(), c.end(), u) > 0;
      found = found || all;
    }
    EXPECT_TRUE(found) << "family of " << net.var(v).name();
  }
  // Running intersection: the cliques holding each variable form a connected subtree.
  for (var_id v = 0; v < net.size(); ++v) {
    std::vector<std::size_t> holding;
    for (std::size_t c = 0; c < cliques.size(); ++c)
      if (std::count(cliques[c].begin(), cliques[c].end(), v)) holding.push_back(c);
    ASSERT_FALSE(holding.empty());
    std::set<std::size_t> reached{holding.front()};
    bool grew = true;
    while (grew) {
      grew = false;
      for (const auto& [a, b] : edges) {
        const bool ha = std::count(cliques[a].begin(), cliques[a].end(), v) > 0;
        const bool hb = std::count(cliques[b].begin(), cliques[b].end(), v) > 0;
        if (!ha || !hb) continue;
        if (reached.count(a) && !reached.count(b)) grew = reached.insert(b).second;
        if (reached.count(b) && !reached.count(a)) grew = reached.insert(a).second || grew;
      }
    }
    EXPECT_EQ(reached.size(), holding.size()) << "running intersection fails for " << net.var(v).name();
  }
}

TEST(JunctionTree, IsAValidJunctionTreeOnRandomNetworks) {
  std::mt19937_64 rng(31337);
  test::random_network_spec spec;
  spec.min_variables = 6;
  spec.max_variables = 25;
  spec.edge_probability = 0.2;
  for (int n = 0; n < 60; ++n) {
    const bayesian_network net = test::random_network(rng, spec);
    const junction_tree jt(net);
    expect_valid_junction_tree(jt, net);
  }
}

TEST(JunctionTree, AgreesWithEnumerationAndVariableElimination) {
  std::mt19937_64 rng(8675309);
  int possible = 0, impossible = 0;
  for (int n = 0; n < 120; ++n) {
    const bayesian_network net = test::random_network(rng);
    const enumeration oracle(net);
    const variable_elimination ve(net);
    junction_tree jt(net);
    for (int k = 0; k < 4; ++k) {
      const evidence_set e = test::random_evidence(net, rng);
      const std::string what = "network " + std::to_string(n) + ", evidence " + e.describe(net);
      jt.set_evidence(e);
      const double expected = oracle.log_evidence_probability(e);
      if (expected == minus_inf) {
        ++impossible;
        EXPECT_EQ(jt.log_evidence_probability(), minus_inf) << what;
        EXPECT_THROW(jt.propagate(), impossible_evidence_error) << what;
        for (var_id v = 0; v < net.size(); ++v) EXPECT_THROW((void)jt.posterior(v), impossible_evidence_error);
        continue;
      }
      ++possible;
      EXPECT_NEAR(jt.log_evidence_probability(), expected, tol) << what;
      EXPECT_NEAR(jt.log_evidence_probability(), ve.log_evidence_probability(e), tol) << what;
      EXPECT_NEAR(jt.log10_evidence_probability(), expected / std::log(10.0), tol) << what;
      for (var_id v = 0; v < net.size(); ++v) {
        const auto p = jt.posterior(v);
        expect_vectors_near(p, oracle.posterior(v, e), tol, what + ", posterior of " + net.var(v).name());
        expect_vectors_near(p, ve.posterior(v, e), tol, what + ", JT vs VE for " + net.var(v).name());
      }
      // Joint posteriors over (part of) each clique, in reversed axis order.
      for (auto c : jt.cliques()) {
        if (c.size() > 3) c.resize(3);
        std::reverse(c.begin(), c.end());
        const factor j = jt.joint_posterior(c);
        EXPECT_EQ(j.scope(), c);
        expect_vectors_near(j.values(), oracle.joint_posterior(c, e).values(), tol, what + ", clique joint");
      }
    }
  }
  EXPECT_GE(possible, 300);
  EXPECT_GE(impossible, 5);
}

TEST(JunctionTree, IncrementalEvidenceMatchesAFreshTree) {
  std::mt19937_64 rng(4242);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (int n = 0; n < 40; ++n) {
    const bayesian_network net = test::random_network(rng);
    junction_tree jt(net);
    const auto prior = snapshot(jt);
    ASSERT_FALSE(prior.empty());
    for (int step = 0; step < 25; ++step) {
      const var_id v = test::uniform_index(rng, 0, net.size() - 1);
      const std::size_t k = net.var(v).cardinality();
      const double u = unit(rng);
      if (u < 0.35) {
        jt.set_hard(v, test::uniform_index(rng, 0, k - 1));
      } else if (u < 0.6) {
        std::vector<double> lambda(k);
        for (double& x : lambda) x = 0.1 + unit(rng);
        jt.set_likelihood(v, lambda);
      } else if (u < 0.7) {
        std::vector<double> q(k);
        double s = 0.0;
        for (double& x : q) s += (x = 0.1 + unit(rng));
        for (double& x : q) x /= s;
        jt.set_fixed_marginal(v, q);
      } else {
        jt.retract(v);
      }
      junction_tree fresh(net);
      fresh.set_evidence(jt.evidence());
      std::vector<std::vector<double>> got, want;
      bool got_failed = false, want_failed = false;
      try {
        got = snapshot(jt);
      } catch (const evidence_error&) {
        got_failed = true;
      }
      try {
        want = snapshot(fresh);
      } catch (const evidence_error&) {
        want_failed = true;
      }
      ASSERT_EQ(got_failed, want_failed);
      ASSERT_EQ(got.size(), want.size());
      for (std::size_t i = 0; i < got.size(); ++i) expect_vectors_near(got[i], want[i], 1e-12, "step " + std::to_string(step));
    }
    for (var_id v = 0; v < net.size(); ++v) jt.retract(v);
    EXPECT_TRUE(jt.evidence().empty());
    EXPECT_EQ(snapshot(jt), prior);  // bit for bit
  }
}

TEST(JunctionTree, EvidenceOrderDoesNotMatter) {
  std::mt19937_64 rng(99);
  const bayesian_network net = test::random_network(rng);
  junction_tree forward(net), backward(net);
  const evidence_set e = test::random_evidence(net, rng, 0.3, 0.3);
  std::vector<std::pair<var_id, finding>> list(e.findings().begin(), e.findings().end());
  for (const auto& [v, f] : list)
    f.kind == evidence_kind::hard ? forward.set_hard(v, f.state) : forward.set_likelihood(v, f.values);
  for (auto it = list.rbegin(); it != list.rend(); ++it)
    it->second.kind == evidence_kind::hard ? backward.set_hard(it->first, it->second.state)
                                           : backward.set_likelihood(it->first, it->second.values);
  bool f_failed = false, b_failed = false;
  std::vector<std::vector<double>> a, b;
  try { a = snapshot(forward); } catch (const evidence_error&) { f_failed = true; }
  try { b = snapshot(backward); } catch (const evidence_error&) { b_failed = true; }
  EXPECT_EQ(f_failed, b_failed);
  EXPECT_EQ(a, b);
}

TEST(JunctionTree, DisconnectedNetworks) {
  // Two components: A -> B and C -> D -> E, plus an isolated F.
  bayesian_network net("split");
  const var_id a = net.add_variable("A", {"a0", "a1"});
  const var_id b = net.add_variable("B", {"b0", "b1", "b2"});
  const var_id c = net.add_variable("C", {"c0", "c1"});
  const var_id d = net.add_variable("D", {"d0", "d1"});
  const var_id e_ = net.add_variable("E", {"e0", "e1"});
  const var_id f = net.add_variable("F", {"f0", "f1", "f2"});
  net.set_cpt(a, {}, {0.3, 0.7});
  net.set_cpt(b, {a}, {0.2, 0.3, 0.5, 0.6, 0.3, 0.1});
  net.set_cpt(c, {}, {0.9, 0.1});
  net.set_cpt(d, {c}, {0.7, 0.3, 0.25, 0.75});
  net.set_cpt(e_, {d}, {0.5, 0.5, 0.05, 0.95});
  net.set_cpt(f, {}, {0.2, 0.2, 0.6});
  junction_tree jt(net);
  EXPECT_EQ(jt.num_trees(), 3u);
  expect_valid_junction_tree(jt, net);
  const enumeration oracle(net);
  evidence_set ev;
  ev.set_hard(net, b, 2);
  ev.set_likelihood(net, e_, {0.2, 0.9});
  jt.set_evidence(ev);
  for (var_id v = 0; v < net.size(); ++v) expect_vectors_near(jt.posterior(v), oracle.posterior(v, ev), 1e-14, net.var(v).name());
  EXPECT_NEAR(jt.log_evidence_probability(), oracle.log_evidence_probability(ev), 1e-14);
  // P(e) multiplies across components: P(B=b2) * sum_e P(e) lambda(e).
  const double pb2 = 0.3 * 0.5 + 0.7 * 0.1;
  const double pe0 = 0.9 * (0.7 * 0.5 + 0.3 * 0.05) + 0.1 * (0.25 * 0.5 + 0.75 * 0.05);
  EXPECT_NEAR(jt.log_evidence_probability(), std::log(pb2) + std::log(0.2 * pe0 + 0.9 * (1 - pe0)), 1e-14);
  // Evidence in one component leaves the others at their prior.
  expect_vectors_near(jt.posterior(f), {0.2, 0.2, 0.6}, 1e-15, "F");
  // Impossible evidence in one component makes every query fail.
  bayesian_network net2 = net;
  net2.set_cpt(f, {}, {0.0, 0.4, 0.6});
  junction_tree jt2(net2);
  jt2.set_hard(f, 0);
  EXPECT_EQ(jt2.log_evidence_probability(), minus_inf);
  EXPECT_THROW((void)jt2.posterior(a), impossible_evidence_error);
}

TEST(JunctionTree, JointPosteriorOutsideOneCliqueNamesTheVariables) {
  // A chain A -> B -> C: A and C never share a clique.
  bayesian_network net("chain");
  const var_id a = net.add_variable("A", {"a0", "a1"});
  const var_id b = net.add_variable("B", {"b0", "b1"});
  const var_id c = net.add_variable("C", {"c0", "c1"});
  net.set_cpt(a, {}, {0.3, 0.7});
  net.set_cpt(b, {a}, {0.2, 0.8, 0.6, 0.4});
  net.set_cpt(c, {b}, {0.1, 0.9, 0.5, 0.5});
  junction_tree jt(net);
  try {
    (void)jt.joint_posterior({a, c});
    FAIL() << "expected inference_error";
  } catch (const inference_error& ex) {
    EXPECT_NE(std::string(ex.what()).find("variables A, C do not lie together in any clique"), std::string::npos)
        << ex.what();
  }
  EXPECT_THROW((void)jt.joint_posterior({a, a}), inference_error);
  const factor ab = jt.joint_posterior({b, a});
  EXPECT_EQ(ab.scope(), (std::vector<var_id>{b, a}));
  EXPECT_NEAR(ab.values()[1], 0.7 * 0.6, 1e-15);  // B=b0, A=a1
}

TEST(JunctionTree, RefusesTreesAboveTheLimit) {
  bayesian_network net("dense");
  for (int i = 0; i < 6; ++i) net.add_variable("V" + std::to_string(i), {"a", "b", "c"});
  for (var_id v = 0; v < 6; ++v) {
    std::vector<var_id> parents;
    for (var_id p = 0; p < v; ++p) parents.push_back(p);
    std::vector<double> t;
    for (std::size_t r = 0; r < static_cast<std::size_t>(std::pow(3, v)); ++r) t.insert(t.end(), {0.2, 0.3, 0.5});
    net.set_cpt(v, parents, t);
  }
  junction_tree_options options;
  options.max_total_entries = 100;
  try {
    junction_tree jt(net, options);
    FAIL() << "expected inference_error";
  } catch (const inference_error& ex) {
    const std::string m = ex.what();
    EXPECT_NE(m.find("would need 729 clique table entries"), std::string::npos) << m;
    EXPECT_NE(m.find("6 variables"), std::string::npos) << m;
    EXPECT_NE(m.find("max_total_entries"), std::string::npos) << m;
  }
  EXPECT_EQ(junction_tree(net).total_clique_size(), 729u);
}

TEST(JunctionTree, ImpossibleEvidenceThenRetraction) {
  bayesian_network net("det");
  const var_id a = net.add_variable("A", {"a0", "a1"});
  const var_id b = net.add_variable("B", {"b0", "b1"});
  net.set_cpt(a, {}, {0.4, 0.6});
  net.set_cpt(b, {a}, {1.0, 0.0, 0.5, 0.5});
  junction_tree jt(net);
  const auto prior = snapshot(jt);
  jt.set_hard(a, 0);
  jt.set_hard(b, 1);
  EXPECT_EQ(jt.log_evidence_probability(), minus_inf);
  try {
    (void)jt.posterior(a);
    FAIL() << "expected impossible_evidence_error";
  } catch (const impossible_evidence_error& ex) {
    EXPECT_EQ(std::string(ex.what()), "evidence has probability zero: A=a0, B=b1");
  }
  EXPECT_THROW((void)jt.joint_posterior({a, b}), impossible_evidence_error);
  jt.retract(a);
  expect_vectors_near(jt.posterior(a), {0.0, 1.0}, 0.0, "A | B=b1");
  jt.clear_evidence();
  EXPECT_EQ(snapshot(jt), prior);
}

TEST(JunctionTree, FixedMarginalsMatchVariableElimination) {
  std::mt19937_64 rng(2718);
  std::uniform_real_distribution<double> unit(0.05, 1.0);
  int checked = 0;
  for (int n = 0; n < 60; ++n) {
    const bayesian_network net = test::random_network(rng);
    const variable_elimination ve(net);
    junction_tree jt(net);
    evidence_set e = test::random_evidence(net, rng, 0.15, 0.1);
    for (int i = 0; i < 1 + n % 2; ++i) {
      const var_id v = test::uniform_index(rng, 0, net.size() - 1);
      std::vector<double> q(net.var(v).cardinality());
      double s = 0.0;
      for (double& x : q) s += (x = unit(rng));
      for (double& x : q) x /= s;
      e.set_fixed_marginal(net, v, q);
    }
    jt.set_evidence(e);
    std::vector<std::vector<double>> expected;
    try {
      for (var_id v = 0; v < net.size(); ++v) expected.push_back(ve.posterior(v, e));
    } catch (const impossible_evidence_error&) {
      EXPECT_THROW(jt.propagate(), impossible_evidence_error);
      continue;
    } catch (const evidence_error&) {
      EXPECT_THROW(jt.propagate(), evidence_error);
      continue;
    }
    ++checked;
    for (var_id v = 0; v < net.size(); ++v) expect_vectors_near(jt.posterior(v), expected[v], tol, net.var(v).name());
    for (const auto& [v, f] : e.findings())
      if (f.kind == evidence_kind::fixed_marginal) expect_vectors_near(jt.posterior(v), f.values, 1e-10, "target");
    EXPECT_NEAR(jt.log_evidence_probability(), ve.log_evidence_probability(e), tol);
  }
  EXPECT_GE(checked, 30);
}

TEST(JunctionTree, DoesNotUnderflowWithThousandsOfFindings) {
  // As for variable elimination: a 3000-long chain, a likelihood on every variable, P(e)
  // about 10^-8000, checked against a scaled forward recursion.
  const std::size_t n = 3000;
  bayesian_network net("chain");
  for (std::size_t i = 0; i < n; ++i) net.add_variable("X" + std::to_string(i), {"a", "b"});
  net.set_cpt(0, {}, {0.4, 0.6});
  for (std::size_t i = 1; i < n; ++i) net.set_cpt(i, {i - 1}, {0.9, 0.1, 0.3, 0.7});
  junction_tree jt(net);
  std::vector<std::vector<double>> lambdas(n);
  for (std::size_t i = 0; i < n; ++i) {
    lambdas[i] = i % 3 == 0 ? std::vector<double>{1e-3, 4e-3} : std::vector<double>{5e-3, 2e-3};
    jt.set_likelihood(i, lambdas[i]);
  }
  double log_p = 0.0;
  std::vector<double> alpha{0.4 * lambdas[0][0], 0.6 * lambdas[0][1]};
  for (std::size_t i = 1; i <= n; ++i) {
    const double s = alpha[0] + alpha[1];
    log_p += std::log(s);
    alpha = {alpha[0] / s, alpha[1] / s};
    if (i == n) break;
    alpha = {(alpha[0] * 0.9 + alpha[1] * 0.3) * lambdas[i][0], (alpha[0] * 0.1 + alpha[1] * 0.7) * lambdas[i][1]};
  }
  EXPECT_NEAR(jt.log_evidence_probability(), log_p, 1e-9 * std::fabs(log_p));
  expect_vectors_near(jt.posterior(n - 1), alpha, 1e-9, "filtered posterior");
}

TEST(JunctionTree, HubCliqueWithManyMessagesDoesNotUnderflow) {
  // Naive Bayes with 3000 observed features: the class clique absorbs 3000 messages whose
  // product would underflow without rescaling.
  const std::size_t n = 3000;
  bayesian_network net("naive");
  const var_id cls = net.add_variable("C", {"c0", "c1", "c2"});
  net.set_cpt(cls, {}, {0.2, 0.3, 0.5});
  std::mt19937_64 rng(1);
  std::uniform_real_distribution<double> unit(0.01, 0.99);
  std::vector<std::vector<double>> rows(n);
  for (std::size_t i = 0; i < n; ++i) {
    const var_id f = net.add_variable("F" + std::to_string(i), {"no", "yes"});
    std::vector<double> t;
    for (int c = 0; c < 3; ++c) {
      const double p = unit(rng);
      rows[i].push_back(p);
      t.insert(t.end(), {1 - p, p});
    }
    net.set_cpt(f, {cls}, t);
  }
  junction_tree jt(net);
  std::vector<double> log_post{std::log(0.2), std::log(0.3), std::log(0.5)};
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t s = i % 2;
    jt.set_hard(i + 1, s);
    for (int c = 0; c < 3; ++c) log_post[c] += std::log(s ? rows[i][c] : 1 - rows[i][c]);
  }
  const double top = *std::max_element(log_post.begin(), log_post.end());
  double z = 0.0;
  for (double x : log_post) z += std::exp(x - top);
  std::vector<double> expected;
  for (double x : log_post) expected.push_back(std::exp(x - top) / z);
  EXPECT_NEAR(jt.log_evidence_probability(), top + std::log(z), 1e-9 * std::fabs(top));
  expect_vectors_near(jt.posterior(cls), expected, 1e-9, "class posterior");
}

TEST(JunctionTree, CopiesAndTheNetworkAreIndependent) {
  std::unique_ptr<junction_tree> jt;
  std::vector<double> prior0;
  {
    std::mt19937_64 rng(12);
    const bayesian_network net = test::random_network(rng);
    jt = std::make_unique<junction_tree>(net);
    prior0 = enumeration(net).posterior(0, evidence_set{});
  }
  expect_vectors_near(jt->posterior(0), prior0, tol, "after the network is gone");
  junction_tree copy = *jt;
  copy.set_hard(0, 0);
  EXPECT_EQ(copy.posterior(0)[0], 1.0);
  expect_vectors_near(jt->posterior(0), prior0, tol, "original unaffected by the copy");
}

TEST(JunctionTree, NameBasedEvidenceAndRejectedInput) {
  bayesian_network net("named");
  const var_id a = net.add_variable("Rain", {"yes", "no"});
  const var_id b = net.add_variable("Grass", {"wet", "dry"});
  net.set_cpt(a, {}, {0.2, 0.8});
  net.set_cpt(b, {a}, {0.9, 0.1, 0.1, 0.9});
  junction_tree jt(net);
  jt.set_hard("Grass", "wet");
  EXPECT_NEAR(jt.posterior("Rain")[0], 0.18 / 0.26, 1e-15);
  try {
    jt.set_hard("Grass", "damp");
    FAIL() << "expected evidence_error";
  } catch (const evidence_error& ex) {
    EXPECT_EQ(std::string(ex.what()), "evidence on 'Grass': no state 'damp' (states: wet, dry)");
  }
  EXPECT_THROW(jt.set_likelihood("Grass", {0.0, 0.0}), impossible_evidence_error);
  EXPECT_THROW(jt.set_likelihood(b, {1.0}), evidence_error);
  // Rejected input leaves the evidence as it was.
  EXPECT_EQ(jt.evidence().describe(net), "Grass=wet");
  jt.set_likelihood("Grass", {2.0, 1.0});
  EXPECT_NEAR(jt.posterior(a)[0], 0.38 / 1.26, 1e-15);
  EXPECT_NEAR(jt.log_evidence_probability(), std::log(1.26), 1e-15);
}

TEST(JunctionTree, EmptyNetwork) {
  junction_tree jt{bayesian_network("empty")};
  EXPECT_EQ(jt.num_cliques(), 0u);
  EXPECT_EQ(jt.log_evidence_probability(), 0.0);
  EXPECT_THROW((void)jt.posterior(0), model_error);
}

}  // namespace
