// The junction tree of a Markov network: posteriors and log Z(e) against a brute-force sum
// over all assignments on random factor graphs; a Bayesian network converted with
// markov_network::from_bayesian_network gives the answers of the network itself.

#include <augury/inference/junction_tree.hpp>
#include <augury/model/markov_network.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "random_network.hpp"

namespace {

using namespace augury;

const double minus_inf = -std::numeric_limits<double>::infinity();

/// A random factor graph: 3 to 8 variables of 2 to 3 states, 2 to 9 factors over 1 to 3
/// variables with entries in [0, 3) (some exactly 0), some variables in no factor, and now
/// and then a constant factor.
markov_network random_markov(std::mt19937_64& rng) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  markov_network m("random_mrf");
  const std::size_t n = test::uniform_index(rng, 3, 8);
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<std::string> states;
    for (std::size_t s = 0; s < test::uniform_index(rng, 2, 3); ++s) states.push_back("s" + std::to_string(s));
    m.add_variable("X" + std::to_string(i), states);
  }
  const std::size_t nf = test::uniform_index(rng, 2, 9);
  for (std::size_t f = 0; f < nf; ++f) {
    std::vector<var_id> scope;
    const std::size_t arity = test::uniform_index(rng, 1, 3);
    while (scope.size() < arity) {
      const var_id v = test::uniform_index(rng, 0, n - 1);
      if (std::find(scope.begin(), scope.end(), v) == scope.end()) scope.push_back(v);
    }
    std::size_t size = 1;
    for (var_id v : scope) size *= m.var(v).cardinality();
    std::vector<double> values(size);
    for (double& x : values) x = unit(rng) < 0.1 ? 0.0 : 3.0 * unit(rng);
    m.add_factor(scope, values);
  }
  if (unit(rng) < 0.2) m.add_factor({}, {0.5 + unit(rng)});
  return m;
}

/// Z(e) and the unnormalised marginals of every variable, summed over all assignments.
struct brute_force {
  double z = 0.0;
  std::vector<std::vector<double>> marginals;
};

brute_force enumerate(const markov_network& m, const evidence_set& e) {
  const std::size_t n = m.size();
  brute_force out;
  for (var_id v = 0; v < n; ++v) out.marginals.emplace_back(m.var(v).cardinality(), 0.0);
  std::vector<std::size_t> x(n, 0);
  for (;;) {
    double w = 1.0;
    for (const factor& f : m.factors()) {
      std::vector<std::size_t> states;
      for (var_id v : f.scope()) states.push_back(x[v]);
      w *= f.at(states);
    }
    for (const auto& [v, f] : e.findings()) w *= f.as_likelihood(m.var(v).cardinality())[x[v]];
    out.z += w;
    for (var_id v = 0; v < n; ++v) out.marginals[v][x[v]] += w;
    std::size_t a = n;
    while (a-- > 0) {
      if (++x[a] < m.var(a).cardinality()) break;
      x[a] = 0;
    }
    if (a == static_cast<std::size_t>(-1)) break;
  }
  return out;
}

evidence_set random_findings(const markov_network& m, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  evidence_set e;
  for (var_id v = 0; v < m.size(); ++v) {
    const double u = unit(rng);
    if (u < 0.2) {
      e.set_hard(m, v, test::uniform_index(rng, 0, m.var(v).cardinality() - 1));
    } else if (u < 0.4) {
      std::vector<double> l(m.var(v).cardinality());
      for (double& x : l) x = 0.1 + 2.0 * unit(rng);
      e.set_likelihood(m, v, l);
    }
  }
  return e;
}

TEST(JunctionTreeMarkov, MatchesBruteForceOnRandomFactorGraphs) {
  std::mt19937_64 rng(60221);
  int possible = 0, impossible = 0;
  for (int n = 0; n < 150; ++n) {
    const markov_network m = random_markov(rng);
    junction_tree jt(m);
    EXPECT_NE(jt.compiled().markov(), nullptr);
    EXPECT_EQ(jt.compiled().bayesian(), nullptr);
    EXPECT_THROW((void)jt.network(), inference_error);
    for (int k = 0; k < 4; ++k) {
      const evidence_set e = k == 0 ? evidence_set{} : random_findings(m, rng);
      jt.set_evidence(e);
      const brute_force want = enumerate(m, e);
      const std::string what = "graph " + std::to_string(n) + ", evidence " + e.describe(m);
      if (!(want.z > 0.0)) {
        ++impossible;
        EXPECT_EQ(jt.log_evidence_probability(), minus_inf) << what;
        EXPECT_THROW((void)jt.posterior(0), impossible_evidence_error) << what;
        continue;
      }
      ++possible;
      // log Z(e): with no evidence, the log partition function.
      EXPECT_NEAR(jt.log_evidence_probability(), std::log(want.z), 1e-12 * (1.0 + std::fabs(std::log(want.z)))) << what;
      for (var_id v = 0; v < m.size(); ++v) {
        const auto p = jt.posterior(v);
        for (std::size_t s = 0; s < p.size(); ++s) EXPECT_NEAR(p[s], want.marginals[v][s] / want.z, 1e-12) << what;
      }
    }
  }
  EXPECT_GE(possible, 400);
  EXPECT_GE(impossible, 5);
}

TEST(JunctionTreeMarkov, PartitionFunctionOfASmallGridByHand) {
  // Two binary variables with one pairwise factor and one unary factor:
  // Z = sum_{a,b} f(a,b) g(a) = (1*2 + 3*2) + (4*0.5 + 5*0.5) = 12.5.
  markov_network m("pair");
  const var_id a = m.add_variable("A", {"0", "1"});
  const var_id b = m.add_variable("B", {"0", "1"});
  m.add_factor({a, b}, {1, 3, 4, 5});
  m.add_factor({a}, {2, 0.5});
  junction_tree jt(m);
  EXPECT_NEAR(jt.log_evidence_probability(), std::log(12.5), 1e-15);
  EXPECT_NEAR(jt.posterior(a)[0], 8.0 / 12.5, 1e-15);
  jt.set_hard("B", "1");
  EXPECT_NEAR(jt.log_evidence_probability(), std::log(3 * 2 + 5 * 0.5), 1e-15);
  EXPECT_NEAR(jt.posterior(a)[0], 6.0 / 8.5, 1e-15);
  EXPECT_EQ(jt.posterior(b), (std::vector<double>{0.0, 1.0}));
  // A factor of zeros makes every query impossible.
  m.add_factor({b}, {0.0, 0.0});
  junction_tree zero(m);
  EXPECT_EQ(zero.log_evidence_probability(), minus_inf);
  EXPECT_THROW((void)zero.posterior(a), impossible_evidence_error);
}

TEST(JunctionTreeMarkov, ConvertedBayesianNetworkGivesTheSameAnswers) {
  std::mt19937_64 rng(1618);
  for (int n = 0; n < 40; ++n) {
    const bayesian_network net = test::random_network(rng);
    junction_tree from_bn(net);
    junction_tree from_mn(markov_network::from_bayesian_network(net));
    for (int k = 0; k < 5; ++k) {
      const evidence_set e = test::random_evidence(net, rng);
      from_bn.set_evidence(e);
      from_mn.set_evidence(e);
      EXPECT_EQ(from_mn.log_evidence_probability(), from_bn.log_evidence_probability());
      if (from_bn.log_evidence_probability() == minus_inf) {
        EXPECT_THROW(from_mn.propagate(), impossible_evidence_error);
        continue;
      }
      EXPECT_EQ(from_mn.posteriors(), from_bn.posteriors());
    }
  }
}

}  // namespace
