// Shapley attribution against the Shapley formula evaluated naively here, every subset's
// posterior by enumeration with the likelihoods multiplied directly.

#include <augury/analysis/attribution.hpp>
#include <augury/inference/enumeration.hpp>
#include <augury/inference/junction_tree.hpp>
#include <augury/inference/variable_elimination.hpp>

#include "analysis/analysis_test_support.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace augury {
namespace {

using analysis::likelihood_finding;
using ::testing::HasSubstr;

double log_odds(const std::vector<double>& p, std::size_t t) { return std::log(p[t] / (1.0 - p[t])); }

double factorial(std::size_t n) {
  double f = 1.0;
  for (std::size_t i = 2; i <= n; ++i) f *= static_cast<double>(i);
  return f;
}

/// phi[i][t] = sum over subsets S of the others of |S|! (n-|S|-1)! / n! (v(S+i) - v(S)).
template <class Engine = enumeration>
std::vector<std::vector<double>> naive_shapley(const bayesian_network& net, var_id target,
                                               const std::vector<likelihood_finding>& findings,
                                               const evidence_set& background = {}) {
  const Engine en(net);
  const std::size_t n = findings.size();
  const std::size_t kt = net.var(target).cardinality();
  auto v = [&](const std::vector<std::size_t>& s) {
    const auto p = en.posterior(target, test::evidence_from(net, findings, s, background));
    std::vector<double> out(kt);
    for (std::size_t t = 0; t < kt; ++t) out[t] = log_odds(p, t);
    return out;
  };
  std::vector<std::vector<double>> phi(n, std::vector<double>(kt, 0.0));
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<std::size_t> others;
    for (std::size_t j = 0; j < n; ++j)
      if (j != i) others.push_back(j);
    for (std::size_t bits = 0; bits < (std::size_t(1) << others.size()); ++bits) {
      std::vector<std::size_t> s;
      for (std::size_t k = 0; k < others.size(); ++k)
        if (bits >> k & 1u) s.push_back(others[k]);
      std::vector<std::size_t> si = s;
      si.push_back(i);
      const double w = factorial(s.size()) * factorial(n - s.size() - 1) / factorial(n);
      const auto with = v(si), without = v(s);
      for (std::size_t t = 0; t < kt; ++t) phi[i][t] += w * (with[t] - without[t]);
    }
  }
  return phi;
}

/// Five findings on asia: two on xray (they multiply), one hard, two soft.
std::vector<likelihood_finding> asia_findings(const bayesian_network& net) {
  return {
      {net.id("xray"), {0.8, 0.3}, "2024-01-01", "x-ray 1"},
      {net.id("dysp"), {1.0, 0.0}, "2024-01-01", "dyspnoea"},
      {net.id("xray"), {0.6, 0.5}, "2024-02-01", "x-ray 2"},
      {net.id("asia"), {0.9, 0.2}, "2024-03-01", "visit"},
      {net.id("smoke"), {0.3, 0.7}, "2024-04-01", "smoking"},
  };
}

TEST(analysis_attribution, exact_values_match_the_naive_formula) {
  const auto net = test::asia();
  const auto findings = asia_findings(net);
  const var_id target = net.id("lung");
  const auto r = analysis::shapley_attribution(net, target, findings);
  EXPECT_TRUE(r.exact);
  EXPECT_EQ(r.inferences, 32u);
  const auto phi = naive_shapley(net, target, findings);
  ASSERT_EQ(r.values.size(), findings.size());
  for (std::size_t i = 0; i < findings.size(); ++i)
    for (std::size_t t = 0; t < 2; ++t) {
      EXPECT_NEAR(r.values[i][t], phi[i][t], 1e-10) << "finding " << i << " state " << t;
      EXPECT_EQ(r.standard_errors[i][t], 0.0);
    }
  // Efficiency: the values add up to the total change of the log-odds.
  const enumeration en(net);
  const auto prior = en.posterior(target, evidence_set{});
  const auto post = en.posterior(target, test::evidence_from(net, findings, {0, 1, 2, 3, 4}));
  for (std::size_t t = 0; t < 2; ++t) {
    double sum = 0.0;
    for (const auto& v : r.values) sum += v[t];
    EXPECT_NEAR(sum, log_odds(post, t) - log_odds(prior, t), 1e-10);
    EXPECT_NEAR(r.final_log_odds[t] - r.baseline_log_odds[t], log_odds(post, t) - log_odds(prior, t), 1e-10);
    EXPECT_TRUE(r.defined[t]);
  }
  // With two states the log-odds of one are minus those of the other.
  for (std::size_t i = 0; i < findings.size(); ++i) EXPECT_NEAR(r.values[i][0], -r.values[i][1], 1e-12);
  // `smoke`'s finding moves lung (its child); `visit` (asia) only through tub and either.
  EXPECT_GT(std::fabs(r.values[4][0]), 1e-3);
}

TEST(analysis_attribution, background_evidence_and_a_dummy_player) {
  const auto net = test::sprinkler();
  std::vector<likelihood_finding> findings{
      {net.id("S"), {0.2, 0.9}, {}, "sprinkler report"},
      {net.id("W"), {0.95, 0.1}, {}, "wet grass"},
      {net.id("W"), {1.0, 1.0}, {}, "uninformative"},
  };
  analysis::shapley_options options;
  options.background.set_hard(net, "C", "T");
  const var_id target = net.id("R");
  const auto r = analysis::shapley_attribution(net, target, findings, options);
  const auto phi = naive_shapley(net, target, findings, options.background);
  for (std::size_t i = 0; i < findings.size(); ++i)
    for (std::size_t t = 0; t < 2; ++t) EXPECT_NEAR(r.values[i][t], phi[i][t], 1e-10);
  // A finding that changes nothing gets nothing.
  EXPECT_NEAR(r.values[2][0], 0.0, 1e-12);
  test::expect_near_vectors(r.baseline, enumeration(net).posterior(target, options.background), 1e-12);
}

TEST(analysis_attribution, monte_carlo_within_three_standard_errors) {
  // Ten findings on asia; exact by enumeration of 1024 subsets vs 3000 permutations.
  const auto net = test::asia();
  std::vector<likelihood_finding> findings{
      {net.id("xray"), {0.8, 0.3}, {}, {}},  {net.id("dysp"), {0.7, 0.4}, {}, {}},
      {net.id("xray"), {0.6, 0.5}, {}, {}},  {net.id("asia"), {0.9, 0.2}, {}, {}},
      {net.id("smoke"), {0.3, 0.7}, {}, {}}, {net.id("bronc"), {0.5, 0.6}, {}, {}},
      {net.id("tub"), {0.7, 0.2}, {}, {}},   {net.id("dysp"), {0.9, 0.6}, {}, {}},
      {net.id("lung"), {0.4, 0.45}, {}, {}}, {net.id("xray"), {0.35, 0.5}, {}, {}},
  };
  const var_id target = net.id("either");
  const auto exact = analysis::shapley_attribution(net, target, findings);
  ASSERT_TRUE(exact.exact);
  EXPECT_EQ(exact.inferences, 1024u);
  analysis::shapley_options options;
  options.exact_limit = 0;
  options.permutations = 3000;
  options.seed = 7;
  const auto mc = analysis::shapley_attribution(net, target, findings, options);
  EXPECT_FALSE(mc.exact);
  EXPECT_EQ(mc.permutations, 3000u);
  for (std::size_t i = 0; i < findings.size(); ++i)
    for (std::size_t t = 0; t < 2; ++t) {
      EXPECT_GT(mc.standard_errors[i][t], 0.0);
      EXPECT_LE(std::fabs(mc.values[i][t] - exact.values[i][t]), 3.0 * mc.standard_errors[i][t] + 1e-12)
          << "finding " << i << " state " << t;
    }
  // Each permutation's changes add up to the total, so the estimates do too.
  for (std::size_t t = 0; t < 2; ++t) {
    double sum = 0.0;
    for (const auto& v : mc.values) sum += v[t];
    EXPECT_NEAR(sum, mc.final_log_odds[t] - mc.baseline_log_odds[t], 1e-10);
  }
  // The seed fixes the estimate; another seed gives another.
  const auto again = analysis::shapley_attribution(net, target, findings, options);
  EXPECT_EQ(again.values, mc.values);
  options.seed = 8;
  const auto other = analysis::shapley_attribution(net, target, findings, options);
  EXPECT_NE(other.values, mc.values);
}

TEST(analysis_attribution, undefined_state_when_a_finding_decides_the_target) {
  // A hard finding on `either` = no rules out lung = yes: its log-odds are -infinity there.
  const auto net = test::asia();
  std::vector<likelihood_finding> findings{
      analysis::hard_finding(net, net.id("either"), 1),
      {net.id("xray"), {0.8, 0.3}, {}, {}},
  };
  const auto r = analysis::shapley_attribution(net, net.id("lung"), findings);
  EXPECT_FALSE(r.defined[0]);
  EXPECT_FALSE(r.defined[1]);
  for (const auto& v : r.values) {
    EXPECT_EQ(v[0], 0.0);
    EXPECT_EQ(v[1], 0.0);
  }
  const auto smoke = analysis::shapley_attribution(net, net.id("smoke"), findings);
  EXPECT_TRUE(smoke.defined[0]);
}

TEST(analysis_attribution, timeline_steps_equal_prefix_attributions) {
  const auto net = test::asia();
  const auto findings = asia_findings(net);
  const var_id target = net.id("lung");
  junction_tree jt(net);
  const auto steps = analysis::shapley_timeline(jt, target, findings);
  // Dates 2024-01-01 (two findings), 02-01, 03-01, 04-01.
  ASSERT_EQ(steps.size(), 4u);
  EXPECT_EQ(steps[0].date, "2024-01-01");
  EXPECT_EQ(steps[0].attribution.players, (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(steps[3].attribution.players.size(), 5u);
  for (const auto& step : steps) {
    std::vector<likelihood_finding> prefix;
    for (std::size_t i : step.attribution.players) prefix.push_back(findings[i]);
    const auto phi = naive_shapley(net, target, prefix);
    for (std::size_t k = 0; k < prefix.size(); ++k)
      for (std::size_t t = 0; t < 2; ++t)
        EXPECT_NEAR(step.attribution.values[k][t], phi[k][t], 1e-10) << step.date;
  }
  // Subsets are shared: the whole timeline costs the 32 subsets of the last step.
  std::size_t total = 0;
  for (const auto& step : steps) total += step.attribution.inferences;
  EXPECT_LE(total, 32u);
  EXPECT_TRUE(jt.evidence().empty());
}

TEST(analysis_attribution, shipped_timeline_on_the_default_model) {
  const auto& m = test::default_model();
  const auto findings = test::shipped_findings();
  ASSERT_EQ(findings.size(), 29u);
  analysis::shapley_options options;
  options.permutations = 200;
  const auto r = analysis::shapley_attribution(m.network, m.scenario, findings, options);
  EXPECT_FALSE(r.exact);
  std::vector<std::size_t> all(findings.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  const auto post = variable_elimination(m.network).posterior(m.scenario, test::evidence_from(m.network, findings, all));
  test::expect_near_vectors(r.posterior, post, 1e-10);
  for (std::size_t t = 0; t < 4; ++t) {
    double sum = 0.0;
    for (const auto& v : r.values) sum += v[t];
    EXPECT_NEAR(sum, log_odds(post, t) - r.baseline_log_odds[t], 1e-9);
  }
  // Five of the reports exactly, against the naive formula with variable elimination; and
  // two identical findings get the same value (symmetry).
  const std::vector<likelihood_finding> five{findings[0], findings[3], findings[7], findings[12], findings[20]};
  const auto ex = analysis::shapley_attribution(m.network, m.scenario, five);
  const auto phi = naive_shapley<variable_elimination>(m.network, m.scenario, five);
  for (std::size_t i = 0; i < five.size(); ++i)
    for (std::size_t t = 0; t < 4; ++t) EXPECT_NEAR(ex.values[i][t], phi[i][t], 1e-9);
  const std::vector<likelihood_finding> twins{findings[0], findings[0], findings[5]};
  const auto tw = analysis::shapley_attribution(m.network, m.scenario, twins);
  for (std::size_t t = 0; t < 4; ++t) EXPECT_NEAR(tw.values[0][t], tw.values[1][t], 1e-12);
}

TEST(analysis_attribution, errors) {
  const auto net = test::sprinkler();
  std::vector<likelihood_finding> bad{{net.id("S"), {0.2}, {}, "short"}};
  try {
    (void)analysis::shapley_attribution(net, net.id("C"), bad);
    FAIL() << "expected evidence_error";
  } catch (const evidence_error& ex) {
    EXPECT_THAT(ex.what(), HasSubstr("finding 0 (short) on 'S' has 1 entries; 'S' has 2 states (on, off)"));
  }
  std::vector<likelihood_finding> clash{analysis::hard_finding(net, net.id("S"), 0),
                                        analysis::hard_finding(net, net.id("S"), 1)};
  EXPECT_THROW((void)analysis::shapley_attribution(net, net.id("C"), clash), impossible_evidence_error);
  std::vector<likelihood_finding> undated{{net.id("S"), {0.2, 0.4}, {}, {}}};
  EXPECT_THROW((void)analysis::shapley_timeline(net, net.id("C"), undated), evidence_error);
  analysis::shapley_options options;
  options.exact_limit = 0;
  options.permutations = 1;
  EXPECT_THROW((void)analysis::shapley_attribution(net, net.id("C"), undated, options), error);
}

}  // namespace
}  // namespace augury
