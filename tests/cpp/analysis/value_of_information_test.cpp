// Value of information against a brute-force expectation over each candidate's states,
// every probability from enumeration of the full joint distribution.

#include <augury/analysis/value_of_information.hpp>
#include <augury/inference/enumeration.hpp>
#include <augury/inference/junction_tree.hpp>
#include <augury/inference/variable_elimination.hpp>

#include "analysis/analysis_test_support.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace augury {
namespace {

using analysis::value_of_information;
using ::testing::HasSubstr;

const std::vector<double> icd203{0.05, 0.20, 0.45, 0.55, 0.80, 0.95};

struct brute {
  double mi = 0.0;
  double band_change = 0.0;
  double leader_change = 0.0;
  std::vector<double> px;
};

std::size_t band(double p) {
  std::size_t b = 0;
  for (double edge : icd203)
    if (p >= edge) ++b;
  return b;
}

/// H(T | e) - sum_x P(x | e) H(T | e, x): the entropy form, unlike the header's KL form.
brute brute_force(const bayesian_network& net, var_id target, var_id x, const evidence_set& e) {
  const enumeration en(net);
  const auto pt = en.posterior(target, e);
  const std::size_t leader = static_cast<std::size_t>(std::max_element(pt.begin(), pt.end()) - pt.begin());
  brute b;
  b.px = en.posterior(x, e);
  b.mi = test::entropy2(pt);
  for (std::size_t s = 0; s < b.px.size(); ++s) {
    if (b.px[s] == 0.0) continue;
    evidence_set ex = e;
    ex.retract(x);
    ex.set_hard(net, x, s);
    const auto post = en.posterior(target, ex);
    b.mi -= b.px[s] * test::entropy2(post);
    if (band(post[leader]) != band(pt[leader])) b.band_change += b.px[s];
    const std::size_t lead = static_cast<std::size_t>(std::max_element(post.begin(), post.end()) - post.begin());
    if (lead != leader) b.leader_change += b.px[s];
  }
  return b;
}

void check_all(const bayesian_network& net, var_id target, const evidence_set& e) {
  analysis::voi_options options;
  options.band_edges = icd203;
  const auto result = value_of_information(net, target, e, options);
  const enumeration en(net);
  test::expect_near_vectors(result.posterior, en.posterior(target, e), 1e-12);
  EXPECT_NEAR(result.entropy_bits, test::entropy2(result.posterior), 1e-12);
  std::size_t expected_candidates = 0;
  for (var_id v = 0; v < net.size(); ++v) {
    const finding* f = e.find(v);
    if (v != target && !(f && f->kind == evidence_kind::hard)) ++expected_candidates;
  }
  ASSERT_EQ(result.candidates.size(), expected_candidates);
  for (std::size_t i = 0; i < result.candidates.size(); ++i) {
    const auto& c = result.candidates[i];
    const brute b = brute_force(net, target, c.variable, e);
    const std::string what = net.var(c.variable).name();
    EXPECT_NEAR(c.mutual_information_bits, b.mi, 1e-10) << what;
    EXPECT_NEAR(c.expected_entropy_bits, result.entropy_bits - b.mi, 1e-10) << what;
    EXPECT_NEAR(c.band_change_probability, b.band_change, 1e-12) << what;
    EXPECT_NEAR(c.leader_change_probability, b.leader_change, 1e-12) << what;
    test::expect_near_vectors(c.observation_probabilities, b.px, 1e-12, what);
    if (i > 0) {
      EXPECT_LE(c.mutual_information_bits, result.candidates[i - 1].mutual_information_bits) << what;
    }
  }
}

TEST(analysis_voi, sprinkler_matches_brute_force) {
  const auto net = test::sprinkler();
  check_all(net, net.id("C"), evidence_set{});
  evidence_set e;
  e.set_hard(net, "W", "wet");
  check_all(net, net.id("C"), e);
  check_all(net, net.id("R"), e);
  // A candidate with a likelihood finding is observed exactly on top of it.
  evidence_set soft;
  soft.set_likelihood(net, "S", {0.2, 0.7});
  check_all(net, net.id("R"), soft);
}

TEST(analysis_voi, asia_matches_brute_force) {
  // Targets that share a clique with some candidates and not with others.
  const auto net = test::asia();
  evidence_set e;
  e.set_hard(net, "dysp", "yes");
  check_all(net, net.id("lung"), e);
  check_all(net, net.id("bronc"), e);
  evidence_set e2;
  e2.set_hard(net, "asia", "yes");
  e2.set_likelihood(net, "xray", {0.8, 0.3});
  check_all(net, net.id("tub"), e2);
}

TEST(analysis_voi, observing_the_evidence_of_a_child_of_the_target_is_worth_its_mutual_information) {
  // One parent, one binary child: I(T; X) by hand.
  bayesian_network net("pair");
  const var_id t = net.add_variable("T", {"a", "b"});
  const var_id x = net.add_variable("X", {"p", "q"});
  net.set_cpt(t, {}, {0.6, 0.4});
  net.set_cpt(x, {t}, {0.9, 0.1, 0.2, 0.8});
  const auto r = value_of_information(net, t, evidence_set{});
  ASSERT_EQ(r.candidates.size(), 1u);
  // P(X=p) = 0.54 + 0.08 = 0.62; P(T=a | p) = 0.54/0.62 = 27/31; P(T=a | q) = 0.06/0.38 = 3/19.
  // I = H(0.6) - 0.62 H(27/31) - 0.38 H(3/19).
  auto h = [](double p) { return -p * std::log2(p) - (1 - p) * std::log2(1 - p); };
  const double mi = h(0.6) - 0.62 * h(27.0 / 31.0) - 0.38 * h(3.0 / 19.0);
  EXPECT_NEAR(r.candidates[0].mutual_information_bits, mi, 1e-14);
  EXPECT_NEAR(r.candidates[0].target_given_observation[0][0], 27.0 / 31.0, 1e-14);
  EXPECT_NEAR(r.candidates[0].target_given_observation[1][0], 3.0 / 19.0, 1e-14);
  // The leader a (0.6, band [0.55, 0.80)) moves to 0.87 (band [0.80, 0.95)) or to 0.16
  // (band [0.05, 0.20)), so a band change is certain; the lead changes when X = q.
  analysis::voi_options options;
  options.band_edges = icd203;
  const auto banded = value_of_information(net, t, evidence_set{}, options);
  EXPECT_EQ(banded.leader, 0u);
  EXPECT_EQ(banded.leader_band, 4u);
  EXPECT_NEAR(banded.candidates[0].band_change_probability, 1.0, 1e-15);
  EXPECT_NEAR(banded.candidates[0].leader_change_probability, 0.38, 1e-15);
}

TEST(analysis_voi, costs_and_ranking) {
  const auto net = test::asia();
  evidence_set e;
  e.set_hard(net, "dysp", "yes");
  const var_id target = net.id("lung");
  analysis::voi_options options;
  options.candidates = {net.id("xray"), net.id("smoke"), net.id("bronc")};
  options.costs = {{net.id("xray"), 10.0}, {net.id("smoke"), 0.5}};
  options.rank_by = analysis::voi_ranking::information_per_cost;
  const auto r = value_of_information(net, target, e, options);
  ASSERT_EQ(r.candidates.size(), 3u);
  // Ranked by bits per unit cost; `bronc` has no cost and comes last.
  EXPECT_EQ(r.candidates[2].variable, net.id("bronc"));
  EXPECT_FALSE(r.candidates[2].cost.has_value());
  EXPECT_FALSE(r.candidates[2].information_per_cost.has_value());
  ASSERT_TRUE(r.candidates[0].information_per_cost.has_value());
  EXPECT_GE(*r.candidates[0].information_per_cost, *r.candidates[1].information_per_cost);
  for (const auto& c : r.candidates)
    if (c.cost) {
      EXPECT_DOUBLE_EQ(*c.information_per_cost, c.mutual_information_bits / *c.cost);
    }
  const brute xray = brute_force(net, target, net.id("xray"), e);
  const brute smoke = brute_force(net, target, net.id("smoke"), e);
  EXPECT_EQ(r.candidates[0].variable, xray.mi / 10.0 > smoke.mi / 0.5 ? net.id("xray") : net.id("smoke"));
}

TEST(analysis_voi, default_model_against_variable_elimination) {
  const auto& m = test::default_model();
  const auto& net = m.network;
  const auto findings = test::shipped_findings();
  std::vector<std::size_t> all(findings.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  const evidence_set e = test::evidence_from(net, findings, all);
  analysis::voi_options options;
  options.band_edges = icd203;
  const auto r = value_of_information(net, m.scenario, e, options);
  EXPECT_EQ(r.candidates.size(), net.size() - 1);
  const variable_elimination ve(net);
  const auto pt = ve.posterior(m.scenario, e);
  for (std::size_t i = 0; i < 6; ++i) {
    const auto& c = r.candidates[i];
    const auto px = ve.posterior(c.variable, e);
    double mi = test::entropy2(pt);
    for (std::size_t s = 0; s < px.size(); ++s) {
      evidence_set ex = e;
      ex.retract(c.variable);
      ex.set_hard(net, c.variable, s);
      mi -= px[s] * test::entropy2(ve.posterior(m.scenario, ex));
    }
    EXPECT_NEAR(c.mutual_information_bits, mi, 1e-9) << net.var(c.variable).name();
  }
}

TEST(analysis_voi, errors) {
  const auto net = test::sprinkler();
  evidence_set e;
  e.set_hard(net, "W", "wet");
  analysis::voi_options options;
  options.candidates = {net.id("W")};
  try {
    (void)value_of_information(net, net.id("C"), e, options);
    FAIL() << "expected evidence_error";
  } catch (const evidence_error& ex) {
    EXPECT_THAT(ex.what(), HasSubstr("'W' is already observed (W=wet)"));
  }
  options.candidates = {net.id("C")};
  EXPECT_THROW((void)value_of_information(net, net.id("C"), e, options), evidence_error);
  options.candidates = {net.id("S"), net.id("S")};
  EXPECT_THROW((void)value_of_information(net, net.id("C"), e, options), evidence_error);
  options.candidates.clear();
  options.band_edges = {0.5, 0.2};
  try {
    (void)value_of_information(net, net.id("C"), e, options);
    FAIL() << "expected error";
  } catch (const error& ex) {
    EXPECT_THAT(ex.what(), HasSubstr("increase strictly"));
  }
  options.band_edges = {1.0};
  EXPECT_THROW((void)value_of_information(net, net.id("C"), e, options), error);
  options.band_edges.clear();
  options.costs = {{net.id("S"), 0.0}};
  EXPECT_THROW((void)value_of_information(net, net.id("C"), e, options), error);
  const auto asia = test::asia();
  evidence_set impossible;
  impossible.set_hard(asia, "either", "no");
  impossible.set_hard(asia, "lung", "yes");
  EXPECT_THROW((void)value_of_information(asia, asia.id("tub"), impossible), impossible_evidence_error);
  EXPECT_EQ(analysis::band_of(0.45, icd203), 3u);
  EXPECT_EQ(analysis::band_of(0.0, icd203), 0u);
  EXPECT_EQ(analysis::band_of(1.0, icd203), 6u);
}

TEST(analysis_voi, junction_tree_overload_keeps_the_evidence) {
  const auto net = test::asia();
  junction_tree jt(net);
  evidence_set e;
  e.set_hard(net, "xray", "yes");
  const auto a = value_of_information(jt, net.id("lung"), e);
  EXPECT_EQ(jt.evidence(), e);
  const auto b = value_of_information(net, net.id("lung"), e);
  ASSERT_EQ(a.candidates.size(), b.candidates.size());
  for (std::size_t i = 0; i < a.candidates.size(); ++i)
    EXPECT_DOUBLE_EQ(a.candidates[i].mutual_information_bits, b.candidates[i].mutual_information_bits);
}

}  // namespace
}  // namespace augury
