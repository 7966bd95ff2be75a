// Numerics that must hold in every exact engine: many findings without underflow,
// deterministic (0/1) tables, networks that are not connected, and no NaN or infinity in any
// answer, even for evidence of tiny or zero probability.

#include "hardening_support.hpp"

#include <augury/evidence/evidence_set.hpp>
#include <augury/inference/enumeration.hpp>
#include <augury/inference/junction_tree.hpp>
#include <augury/inference/variable_elimination.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace augury {
namespace {

// A root R {r0, r1} with P = (0.3, 0.7) and n children, each X_i | r0 = (a, 1 - a),
// X_i | r1 = (b, 1 - b), all observed in state x0. Closed form:
//   P(e) = 0.3 a^n + 0.7 b^n, P(r1 | e) / P(r0 | e) = (0.7/0.3) (b/a)^n.
bayesian_network naive_bayes(std::size_t n, double a = 0.9, double b = 0.2) {
  bayesian_network net("naive");
  net.add_variable("R", {"r0", "r1"});
  net.set_cpt("R", {}, {0.3, 0.7});
  for (std::size_t i = 0; i < n; ++i) {
    const std::string name = "X" + std::to_string(i);
    net.add_variable(name, {"x0", "x1"});
    net.set_cpt(name, {"R"}, {a, 1.0 - a, b, 1.0 - b});
  }
  return net;
}

TEST(hardening_numerics, a_thousand_observed_children_do_not_underflow) {
  // a = 0.2, b = 0.1: P(e) = 0.3 0.2^1000 + ... ~ 10^-699, far below the smallest double
  // (~10^-308, or 10^-324 denormal), yet log P(e) and the posterior are exact.
  const std::size_t n = 1000;
  const auto net = naive_bayes(n, 0.2, 0.1);
  evidence_set e;
  for (std::size_t i = 0; i < n; ++i) e.set_hard(net, 1 + i, 0);
  const double log_r0 = std::log(0.3) + n * std::log(0.2);
  const double log_ratio = std::log(0.7 / 0.3) + n * std::log(0.5);  // log P(r1|e)/P(r0|e) ~ -692
  const double expected_log = log_r0 + std::log1p(std::exp(log_ratio));
  ASSERT_LT(expected_log, -1500.0);
  const double p_r1 = std::exp(log_ratio) / (1.0 + std::exp(log_ratio));  // ~ 1e-301, a normal double
  const variable_elimination ve(net);
  EXPECT_NEAR(ve.log_evidence_probability(e), expected_log, 1e-12 * std::fabs(expected_log));
  const auto p_ve = ve.posterior(0, e);
  EXPECT_DOUBLE_EQ(p_ve[0], 1.0);
  EXPECT_NEAR(p_ve[1] / p_r1, 1.0, 1e-9);
  junction_tree jt(net);
  jt.set_evidence(e);
  EXPECT_NEAR(jt.log_evidence_probability(), expected_log, 1e-12 * std::fabs(expected_log));
  const auto p_jt = jt.posterior("R");
  EXPECT_DOUBLE_EQ(p_jt[0], 1.0);
  EXPECT_NEAR(p_jt[1] / p_r1, 1.0, 1e-9);
  for (double x : p_jt) EXPECT_TRUE(std::isfinite(x));
  // Every child's posterior is exact too: the indicator of x0.
  EXPECT_EQ(jt.posterior("X999"), (std::vector<double>{1.0, 0.0}));
}

TEST(hardening_numerics, many_children_with_mixed_findings_match_the_closed_form) {
  // 3000 children, observed alternately x0 and x1: every factor is far from 1, so the
  // product of P(e) would underflow a plain double ~ 10^-1600.
  const std::size_t n = 3000;
  const auto net = naive_bayes(n);
  evidence_set e;
  for (std::size_t i = 0; i < n; ++i) e.set_hard(net, 1 + i, i % 2);
  const double log_r0 = std::log(0.3) + (n / 2) * (std::log(0.9) + std::log(0.1));
  const double log_r1 = std::log(0.7) + (n / 2) * (std::log(0.2) + std::log(0.8));
  const double hi = std::max(log_r0, log_r1);
  const double log_pe = hi + std::log(std::exp(log_r0 - hi) + std::exp(log_r1 - hi));
  ASSERT_LT(log_pe, -2000.0);  // P(e) ~ 10^-1194, far below the smallest double
  const double p_r0 = 1.0 / (1.0 + std::exp(log_r1 - log_r0));
  const variable_elimination ve(net);
  EXPECT_NEAR(ve.log_evidence_probability(e), log_pe, 1e-9 * std::fabs(log_pe));
  EXPECT_NEAR(ve.posterior(0, e)[0], p_r0, 1e-12);
  junction_tree jt(net);
  jt.set_evidence(e);
  EXPECT_NEAR(jt.log_evidence_probability(), log_pe, 1e-9 * std::fabs(log_pe));
  EXPECT_NEAR(jt.posterior("R")[0], p_r0, 1e-12);
  // Likelihood findings instead of hard ones: the same numbers.
  evidence_set soft;
  for (std::size_t i = 0; i < n; ++i)
    soft.set_likelihood(net, 1 + i, i % 2 ? std::vector<double>{0.0, 1.0} : std::vector<double>{1.0, 0.0});
  jt.set_evidence(soft);
  EXPECT_NEAR(jt.log_evidence_probability(), log_pe, 1e-9 * std::fabs(log_pe));
  EXPECT_NEAR(jt.posterior("R")[0], p_r0, 1e-12);
}

// B13: R, A = R, B = R (identity tables), S = A + B (deterministic).
bayesian_network b13() {
  bayesian_network net("b13");
  net.add_variable("R", {"0", "1"});
  net.add_variable("A", {"0", "1"});
  net.add_variable("B", {"0", "1"});
  net.add_variable("S", {"0", "1", "2"});
  net.set_cpt("R", {}, {0.7, 0.3});
  net.set_cpt("A", {"R"}, {1, 0, 0, 1});
  net.set_cpt("B", {"R"}, {1, 0, 0, 1});
  net.set_cpt("S", {"A", "B"}, {1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1});
  return net;
}

TEST(hardening_numerics, deterministic_tables_in_every_engine) {
  const auto net = b13();
  const enumeration en(net);
  const variable_elimination ve(net);
  junction_tree jt(net);
  const std::vector<double> s_expected{0.7, 0.0, 0.3};
  for (std::size_t s = 0; s < 3; ++s) {
    EXPECT_NEAR(en.posterior(3, {})[s], s_expected[s], 1e-15);
    EXPECT_NEAR(ve.posterior(3, {})[s], s_expected[s], 1e-15);
    EXPECT_NEAR(jt.posterior("S")[s], s_expected[s], 1e-15);
  }
  evidence_set a1;
  a1.set_hard(net, "A", "1");
  EXPECT_EQ(ve.posterior(2, a1)[1], 1.0);
  EXPECT_EQ(en.posterior(2, a1)[1], 1.0);
  jt.set_evidence(a1);
  EXPECT_EQ(jt.posterior("B")[1], 1.0);
  // S = 1 is impossible: every engine says so, none returns NaN or a uniform vector.
  evidence_set s1;
  s1.set_hard(net, "S", "1");
  EXPECT_THROW((void)en.posterior(0, s1), impossible_evidence_error);
  EXPECT_THROW((void)ve.posterior(0, s1), impossible_evidence_error);
  jt.set_evidence(s1);
  EXPECT_THROW((void)jt.posterior("R"), impossible_evidence_error);
  EXPECT_EQ(jt.log_evidence_probability(), -std::numeric_limits<double>::infinity());
  EXPECT_EQ(ve.log_evidence_probability(s1), -std::numeric_limits<double>::infinity());
  EXPECT_EQ(en.log_evidence_probability(s1), -std::numeric_limits<double>::infinity());
}

TEST(hardening_numerics, long_deterministic_chain_b14) {
  // X1 -> ... -> X20, X_{i+1} | 0 = (1, 0), | 1 = (0.4, 0.6); evidence X20 = 1.
  bayesian_network net("b14");
  for (int i = 1; i <= 20; ++i) net.add_variable("X" + std::to_string(i), {"0", "1"});
  net.set_cpt("X1", {}, {0.5, 0.5});
  for (int i = 2; i <= 20; ++i) net.set_cpt("X" + std::to_string(i), {"X" + std::to_string(i - 1)}, {1, 0, 0.4, 0.6});
  evidence_set e;
  e.set_hard(net, "X20", "1");
  const double pe = 0.5 * std::pow(0.6, 19);
  const variable_elimination ve(net);
  junction_tree jt(net);
  jt.set_evidence(e);
  EXPECT_NEAR(std::exp(ve.log_evidence_probability(e)), pe, 1e-18);
  EXPECT_NEAR(std::exp(jt.log_evidence_probability()), pe, 1e-18);
  for (const char* v : {"X1", "X10", "X19"}) {
    EXPECT_NEAR(ve.posterior(net.id(v), e)[1], 1.0, 1e-12) << v;
    EXPECT_NEAR(jt.posterior(v)[1], 1.0, 1e-12) << v;
  }
}

TEST(hardening_numerics, a_network_that_is_not_connected) {
  // Two components (A -> B) and (C), plus an isolated D with one state.
  bayesian_network net("parts");
  net.add_variable("A", {"a0", "a1"});
  net.add_variable("B", {"b0", "b1"});
  net.add_variable("C", {"c0", "c1", "c2"});
  net.add_variable("D", {"only"});
  net.set_cpt("A", {}, {0.4, 0.6});
  net.set_cpt("B", {"A"}, {0.9, 0.1, 0.3, 0.7});
  net.set_cpt("C", {}, {0.2, 0.3, 0.5});
  net.set_cpt("D", {}, {1.0});
  evidence_set e;
  e.set_hard(net, "B", "b1");
  e.set_likelihood(net, "C", {1.0, 0.0, 0.5});
  // P(B=b1) = 0.04 + 0.42 = 0.46; P(A=a1 | b1) = 0.42/0.46; C: (0.2, 0, 0.25)/0.45.
  const double pe = 0.46 * (0.2 + 0.25);
  const enumeration en(net);
  const variable_elimination ve(net);
  junction_tree jt(net);
  jt.set_evidence(e);
  EXPECT_EQ(jt.num_trees(), 3u);
  EXPECT_NEAR(std::exp(en.log_evidence_probability(e)), pe, 1e-15);
  EXPECT_NEAR(std::exp(ve.log_evidence_probability(e)), pe, 1e-15);
  EXPECT_NEAR(std::exp(jt.log_evidence_probability()), pe, 1e-15);
  EXPECT_NEAR(jt.posterior("A")[1], 0.42 / 0.46, 1e-15);
  EXPECT_NEAR(ve.posterior(0, e)[1], 0.42 / 0.46, 1e-15);
  EXPECT_NEAR(jt.posterior("C")[2], 0.25 / 0.45, 1e-15);
  EXPECT_NEAR(ve.posterior(2, e)[2], 0.25 / 0.45, 1e-15);
  EXPECT_EQ(jt.posterior("D"), std::vector<double>{1.0});
  // Impossible evidence in one component is detected although the other is fine.
  evidence_set bad = e;
  bad.set_likelihood(net, "C", {0.0, 1.0, 0.0});
  bayesian_network net2 = net;
  net2.set_cpt("C", {}, {0.5, 0.0, 0.5});
  junction_tree jt2(net2);
  jt2.set_evidence(bad);
  EXPECT_THROW((void)jt2.posterior("A"), impossible_evidence_error);
  EXPECT_THROW((void)variable_elimination(net2).posterior(0, bad), impossible_evidence_error);
}

TEST(hardening_numerics, no_nan_for_tiny_but_possible_evidence) {
  // B08's rare variant: P(A=a0, C=c1) = 4e-07 is possible; P(B=b1 | e) = 1.
  const auto net = hardening::b08_network(0.999999);
  evidence_set e;
  e.set_hard(net, "A", "a0");
  e.set_hard(net, "C", "c1");
  const enumeration en(net);
  const variable_elimination ve(net);
  junction_tree jt(net);
  jt.set_evidence(e);
  EXPECT_NEAR(std::exp(en.log_evidence_probability(e)), 4e-7, 1e-15);
  EXPECT_NEAR(std::exp(ve.log_evidence_probability(e)), 4e-7, 1e-15);
  EXPECT_NEAR(std::exp(jt.log_evidence_probability()), 4e-7, 1e-15);
  for (const auto& p : {en.posterior(1, e), ve.posterior(1, e), jt.posterior("B")}) {
    EXPECT_NEAR(p[1], 1.0, 1e-12);
    for (double x : p) EXPECT_TRUE(std::isfinite(x));
  }
}

}  // namespace
}  // namespace augury
