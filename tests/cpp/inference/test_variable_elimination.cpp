// Variable elimination checked against brute-force enumeration of the joint distribution.

#include <augury/inference/enumeration.hpp>
#include <augury/inference/variable_elimination.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <memory>
#include <random>
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

std::vector<double> random_distribution(std::mt19937_64& rng, std::size_t k) {
  std::uniform_real_distribution<double> unit(0.05, 1.0);
  std::vector<double> q(k);
  double s = 0.0;
  for (double& x : q) s += (x = unit(rng));
  for (double& x : q) x /= s;
  return q;
}

TEST(VariableElimination, AgreesWithEnumerationOnRandomNetworks) {
  std::mt19937_64 rng(20240601);
  int possible = 0, impossible = 0;
  for (int n = 0; n < 120; ++n) {
    const bayesian_network net = test::random_network(rng);
    const enumeration oracle(net);
    const variable_elimination ve(net);
    for (int k = 0; k < 4; ++k) {
      const evidence_set e = test::random_evidence(net, rng);
      const std::string what = "network " + std::to_string(n) + ", evidence " + e.describe(net);
      const double expected = oracle.log_evidence_probability(e);
      const double got = ve.log_evidence_probability(e);
      if (expected == minus_inf) {
        ++impossible;
        EXPECT_EQ(got, minus_inf) << what;
        for (var_id v = 0; v < net.size(); ++v)
          EXPECT_THROW((void)ve.posterior(v, e), impossible_evidence_error) << what;
        continue;
      }
      ++possible;
      EXPECT_NEAR(got, expected, tol) << what;
      EXPECT_NEAR(ve.log10_evidence_probability(e), expected / std::log(10.0), tol) << what;
      for (var_id v = 0; v < net.size(); ++v)
        expect_vectors_near(ve.posterior(v, e), oracle.posterior(v, e), tol,
                            what + ", posterior of " + net.var(v).name());
      // A joint posterior over two or three variables, in a shuffled order.
      std::vector<var_id> targets(net.size());
      for (var_id v = 0; v < net.size(); ++v) targets[v] = v;
      std::shuffle(targets.begin(), targets.end(), rng);
      targets.resize(2 + (k % 2));
      const factor j = ve.joint_posterior(targets, e);
      EXPECT_EQ(j.scope(), targets);
      expect_vectors_near(j.values(), oracle.joint_posterior(targets, e).values(), tol, what + ", joint");
    }
  }
  EXPECT_GE(possible, 300);
  EXPECT_GE(impossible, 5);  // the zeros in the CPTs make some evidence impossible
}

TEST(VariableElimination, HardEvidenceTargetIsAnIndicator) {
  std::mt19937_64 rng(5);
  const bayesian_network net = test::random_network(rng);
  const variable_elimination ve(net);
  const enumeration oracle(net);
  for (var_id v = 0; v < net.size(); ++v)
    for (std::size_t s = 0; s < net.var(v).cardinality(); ++s) {
      evidence_set e;
      e.set_hard(net, v, s);
      if (oracle.log_evidence_probability(e) == minus_inf) continue;
      std::vector<double> indicator(net.var(v).cardinality(), 0.0);
      indicator[s] = 1.0;
      EXPECT_EQ(ve.posterior(v, e), indicator);
    }
}

TEST(VariableElimination, FixedMarginalsAreMetAndMatchEnumeration) {
  std::mt19937_64 rng(77);
  int checked = 0, rejected = 0;
  for (int n = 0; n < 80; ++n) {
    const bayesian_network net = test::random_network(rng);
    const enumeration oracle(net);
    const variable_elimination ve(net);
    evidence_set e = test::random_evidence(net, rng, 0.15, 0.1);
    const std::size_t count = 1 + (n % 2);  // one or two fixed marginals
    std::vector<std::pair<var_id, std::vector<double>>> fixed;
    for (std::size_t i = 0; i < count; ++i) {
      const var_id v = test::uniform_index(rng, 0, net.size() - 1);
      fixed.emplace_back(v, random_distribution(rng, net.var(v).cardinality()));
      e.set_fixed_marginal(net, v, fixed.back().second);
    }
    if (count == 2 && fixed[0].first == fixed[1].first) fixed.erase(fixed.begin());
    // Expected outcome from enumeration: does every target put mass only where P(.|e) > 0?
    try {
      const std::vector<double> p0 = oracle.posterior(fixed[0].first, e);
      for (const auto& [v, q] : fixed)
        expect_vectors_near(oracle.posterior(v, e), q, 1e-10, "enumeration meets the target");
      (void)p0;
    } catch (const impossible_evidence_error&) {
      ++rejected;
      EXPECT_THROW((void)ve.posterior(fixed[0].first, e), impossible_evidence_error);
      continue;
    } catch (const evidence_error&) {
      EXPECT_THROW((void)ve.posterior(fixed[0].first, e), evidence_error);
      continue;
    }
    ++checked;
    for (const auto& [v, q] : fixed)
      expect_vectors_near(ve.posterior(v, e), q, fixed.size() == 1 ? 1e-12 : 1e-10, "target met");
    for (var_id v = 0; v < net.size(); ++v)
      expect_vectors_near(ve.posterior(v, e), oracle.posterior(v, e), tol, "posterior of " + net.var(v).name());
    // P(e) is that of the hard and likelihood findings only.
    evidence_set without = e;
    for (const auto& [v, q] : fixed) without.retract(v);
    EXPECT_DOUBLE_EQ(ve.log_evidence_probability(e), ve.log_evidence_probability(without));
  }
  EXPECT_GE(checked, 40);
  EXPECT_GE(rejected, 1);
}

TEST(VariableElimination, ContradictoryFixedMarginalsAreAnError) {
  // B is a copy of A, so their marginals cannot be (0.5, 0.5) and (0.9, 0.1) at once.
  bayesian_network net;
  const var_id a = net.add_variable("A", {"a0", "a1"});
  const var_id b = net.add_variable("B", {"b0", "b1"});
  net.set_cpt(a, {}, {0.3, 0.7});
  net.set_cpt(b, {a}, {1.0, 0.0, 0.0, 1.0});
  evidence_set e;
  e.set_fixed_marginal(net, a, {0.5, 0.5});
  e.set_fixed_marginal(net, b, {0.9, 0.1});
  const variable_elimination ve(net);
  try {
    (void)ve.posterior(a, e);
    FAIL() << "expected evidence_error";
  } catch (const impossible_evidence_error& ex) {
    FAIL() << "wrong error type: " << ex.what();
  } catch (const evidence_error& ex) {
    EXPECT_NE(std::string(ex.what()).find("A, B cannot be met together"), std::string::npos) << ex.what();
  }
  // Compatible targets on the same pair are met.
  evidence_set ok;
  ok.set_fixed_marginal(net, a, {0.6, 0.4});
  ok.set_fixed_marginal(net, b, {0.6, 0.4});
  expect_vectors_near(ve.posterior(b, ok), {0.6, 0.4}, 1e-12, "compatible targets");
}

TEST(VariableElimination, UsesTablesAsWrittenWhenRowsAreRounded) {
  // Rows that sum to 1 only within 4e-7 (as in published files): the barren variable C must
  // not be dropped, or P(e) would differ from the product of the tables.
  bayesian_network net;
  const var_id a = net.add_variable("A", {"a0", "a1"});
  const var_id b = net.add_variable("B", {"b0", "b1"});
  const var_id c = net.add_variable("C", {"c0", "c1", "c2"});
  net.set_cpt(a, {}, {0.3, 0.7});
  net.set_cpt(b, {a}, {0.2, 0.8, 0.6, 0.4});
  net.set_cpt(c, {b}, {0.2, 0.3, 0.5000004, 0.1, 0.1, 0.7999997});
  const enumeration oracle(net);
  const variable_elimination ve(net);
  evidence_set none;
  EXPECT_NEAR(ve.log_evidence_probability(none), oracle.log_evidence_probability(none), 1e-15);
  EXPECT_GT(std::fabs(ve.log_evidence_probability(none)), 1e-8);
  evidence_set e;
  e.set_hard(net, a, 1);
  EXPECT_NEAR(ve.log_evidence_probability(e), oracle.log_evidence_probability(e), 1e-15);
  expect_vectors_near(ve.posterior(b, e), oracle.posterior(b, e), 1e-15, "B");
}

TEST(VariableElimination, DoesNotUnderflowWithThousandsOfFindings) {
  // A 3000-long binary chain with a likelihood finding on every variable: P(e) is about
  // 10^-8000. Expected value from an independent scaled forward recursion.
  const std::size_t n = 3000;
  bayesian_network net("chain");
  for (std::size_t i = 0; i < n; ++i) net.add_variable("X" + std::to_string(i), {"a", "b"});
  net.set_cpt(0, {}, {0.4, 0.6});
  for (std::size_t i = 1; i < n; ++i) net.set_cpt(i, {i - 1}, {0.9, 0.1, 0.3, 0.7});
  evidence_set e;
  std::vector<std::vector<double>> lambdas(n);
  for (std::size_t i = 0; i < n; ++i) {
    lambdas[i] = i % 3 == 0 ? std::vector<double>{1e-3, 4e-3} : std::vector<double>{5e-3, 2e-3};
    e.set_likelihood(net, i, lambdas[i]);
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
  const variable_elimination ve(net);
  const double got = ve.log_evidence_probability(e);
  EXPECT_TRUE(std::isfinite(got));
  EXPECT_NEAR(got, log_p, 1e-9 * std::fabs(log_p));
  EXPECT_LT(got / std::log(10.0), -7000.0);
  // The last variable's posterior is the normalised forward message.
  expect_vectors_near(ve.posterior(n - 1, e), alpha, 1e-9, "filtered posterior");
}

TEST(VariableElimination, OwnsItsCopyOfTheNetwork) {
  std::unique_ptr<variable_elimination> ve;
  std::vector<double> expected;
  {
    std::mt19937_64 rng(3);
    auto net = std::make_unique<bayesian_network>(test::random_network(rng));
    ve = std::make_unique<variable_elimination>(*net);
    expected = enumeration(*net).posterior(0, evidence_set{});
    net->set_cpt(0, {}, std::vector<double>(net->var(0).cardinality(), 1.0 / static_cast<double>(net->var(0).cardinality())));
  }
  expect_vectors_near(ve->posterior(0, evidence_set{}), expected, tol, "after the network is gone");
}

TEST(VariableElimination, ReportsBadQueries) {
  std::mt19937_64 rng(11);
  const bayesian_network net = test::random_network(rng);
  const variable_elimination ve(net);
  try {
    (void)ve.joint_posterior({1, 0, 1}, evidence_set{});
    FAIL() << "expected inference_error";
  } catch (const inference_error& ex) {
    EXPECT_EQ(std::string(ex.what()), "joint posterior lists variable 'V1' twice");
  }
  EXPECT_THROW((void)ve.posterior(net.size(), evidence_set{}), model_error);
  // Evidence made for a bigger network does not fit this one.
  bayesian_network bigger = net;
  const var_id extra = bigger.add_variable("Extra", {"x", "y"});
  bigger.set_cpt(extra, {}, {0.5, 0.5});
  evidence_set foreign;
  foreign.set_hard(bigger, extra, 1);
  EXPECT_THROW((void)ve.posterior(0, foreign), evidence_error);
  EXPECT_THROW((void)ve.log_evidence_probability(foreign), evidence_error);
  // An empty target list is the scalar 1.
  EXPECT_EQ(ve.joint_posterior({}, evidence_set{}).values(), std::vector<double>{1.0});
}

TEST(VariableElimination, RefusesTablesAboveTheLimit) {
  bayesian_network net("limit");
  for (int i = 0; i < 4; ++i) net.add_variable("V" + std::to_string(i), {"a", "b", "c"});
  net.set_cpt(0, {}, {0.2, 0.3, 0.5});
  net.set_cpt(1, {}, {0.2, 0.3, 0.5});
  net.set_cpt(2, {}, {0.2, 0.3, 0.5});
  std::vector<double> t;
  for (int r = 0; r < 27; ++r) t.insert(t.end(), {0.1, 0.2, 0.7});
  net.set_cpt(3, {0, 1, 2}, t);
  const variable_elimination small(net, 10.0);
  try {
    (void)small.posterior(3, evidence_set{});
    FAIL() << "expected inference_error";
  } catch (const inference_error& ex) {
    EXPECT_NE(std::string(ex.what()).find("81 entries (limit 10)"), std::string::npos) << ex.what();
  }
  const variable_elimination enough(net);
  EXPECT_NEAR(enough.posterior(3, evidence_set{})[2], 0.7, 1e-15);
}

}  // namespace
