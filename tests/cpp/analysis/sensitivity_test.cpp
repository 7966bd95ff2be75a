// Sensitivity functions against exact inference in networks rebuilt with the parameter
// changed (co-variation done here, independently of the header).

#include <augury/analysis/sensitivity.hpp>
#include <augury/inference/enumeration.hpp>
#include <augury/inference/junction_tree.hpp>
#include <augury/inference/variable_elimination.hpp>

#include "analysis/analysis_test_support.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace augury {
namespace {

using analysis::sensitivity_analysis;
using ::testing::HasSubstr;

std::string name(const bayesian_network& net, const analysis::parameter_sensitivity& p) {
  return analysis::parameter_label(net, p.variable, p.row, p.state);
}

/// Checks every parameter's function at several values of theta, and its derivative by
/// central differences, against enumeration of the rebuilt network.
void check_against_enumeration(const bayesian_network& net, var_id target, const evidence_set& e,
                               double tol) {
  const auto result = sensitivity_analysis(net, target, e);
  const enumeration base(net);
  test::expect_near_vectors(result.posterior, base.posterior(target, e), 1e-12, "posterior");
  std::size_t entries = 0;
  for (var_id v = 0; v < net.size(); ++v) entries += net.cpt_of(v).table().size();
  ASSERT_EQ(result.parameters.size(), entries);
  for (const auto& p : result.parameters) {
    const std::string what = name(net, p);
    EXPECT_EQ(p.value, net.cpt_of(p.variable)(p.row, p.state)) << what;
    for (double theta : {0.0, 0.13, 0.5, p.value, 0.87, p.upper}) {
      const bayesian_network changed = test::with_parameter(net, p.variable, p.row, p.state, theta);
      const enumeration en(changed);
      if (std::isinf(en.log_evidence_probability(e))) continue;  // f is not defined there
      const auto exact = en.posterior(target, e);
      for (std::size_t t = 0; t < exact.size(); ++t)
        EXPECT_NEAR(p.functions[t](theta), exact[t], tol) << what << " theta " << theta << " state " << t;
    }
    // Second-order differences: central inside the interval, one-sided at an end.
    const double h = 1e-5;
    auto at = [&](double theta) {
      const enumeration en(test::with_parameter(net, p.variable, p.row, p.state, theta));
      return std::isinf(en.log_evidence_probability(e)) ? std::vector<double>{} : en.posterior(target, e);
    };
    std::vector<double> slope;
    if (p.value - h >= 0.0 && p.value + h <= p.upper) {
      const auto lo = at(p.value - h), hi = at(p.value + h);
      if (lo.empty() || hi.empty()) continue;
      for (std::size_t t = 0; t < lo.size(); ++t) slope.push_back((hi[t] - lo[t]) / (2 * h));
    } else {
      const double dir = p.value - h < 0.0 ? 1.0 : -1.0;
      const auto f0 = at(p.value), f1 = at(p.value + dir * h), f2 = at(p.value + 2 * dir * h);
      if (f0.empty() || f1.empty() || f2.empty()) continue;
      for (std::size_t t = 0; t < f0.size(); ++t)
        slope.push_back(dir * (-3 * f0[t] + 4 * f1[t] - f2[t]) / (2 * h));
    }
    for (std::size_t t = 0; t < slope.size(); ++t)
      EXPECT_NEAR(p.derivative[t], slope[t], 1e-6 * std::max(1.0, std::fabs(slope[t])))
          << what << " derivative, state " << t;
  }
}

TEST(analysis_sensitivity, sprinkler_functions_match_inference) {
  const auto net = test::sprinkler();
  evidence_set e;
  e.set_hard(net, "W", "wet");
  e.set_likelihood(net, "S", {0.3, 0.9});
  check_against_enumeration(net, net.id("R"), e, 1e-10);
  check_against_enumeration(net, net.id("C"), e, 1e-10);
  check_against_enumeration(net, net.id("C"), evidence_set{}, 1e-10);
}

TEST(analysis_sensitivity, asia_with_zero_and_one_entries) {
  // `either` is deterministic: its zeros need the derivative network, its ones uniform
  // co-variation (which for two states is the same as setting the other entry to 1 - theta).
  const auto net = test::asia();
  evidence_set e;
  e.set_hard(net, "xray", "yes");
  e.set_hard(net, "dysp", "yes");
  check_against_enumeration(net, net.id("lung"), e, 1e-10);
  check_against_enumeration(net, net.id("tub"), e, 1e-10);
  const auto result = sensitivity_analysis(net, net.id("lung"), e);
  EXPECT_EQ(result.extra_compilations, 1u);  // only `either` holds zeros
  const auto either = net.id("either");
  for (const auto& p : result.parameters)
    if (p.variable == either && p.value == 1.0) {
      EXPECT_EQ(p.scheme, analysis::co_variation::uniform);
    }
}

TEST(analysis_sensitivity, uniform_covariation_with_three_states) {
  // A row (1, 0, 0): moving the 1 down shares the rest equally between the two zeros.
  bayesian_network net("three");
  const var_id a = net.add_variable("A", {"a0", "a1", "a2"});
  const var_id b = net.add_variable("B", {"b0", "b1"});
  net.set_cpt(a, {}, {1.0, 0.0, 0.0});
  net.set_cpt(b, {a}, {0.9, 0.1, 0.5, 0.5, 0.2, 0.8});
  evidence_set e;
  e.set_hard(net, b, 1);
  const auto result = sensitivity_analysis(net, a, e);
  const auto& p = result.parameters[0];  // P(A=a0)
  ASSERT_EQ(p.variable, a);
  ASSERT_EQ(p.state, 0u);
  EXPECT_EQ(p.scheme, analysis::co_variation::uniform);
  // At theta: P(A) = (theta, (1-theta)/2, (1-theta)/2); P(B=b1 | A) = (0.1, 0.5, 0.8).
  // P(a0 | b1) = 0.1 theta / (0.1 theta + 0.65 (1 - theta)) = 0.1 theta / (0.65 - 0.55 theta).
  for (double theta : {0.0, 0.25, 0.5, 1.0}) {
    const double expected = 0.1 * theta / (0.65 - 0.55 * theta);
    EXPECT_NEAR(p.functions[0](theta), expected, 1e-12) << theta;
  }
  // P(a1 | b1) = 0.25 (1 - theta) / (0.65 - 0.55 theta).
  EXPECT_NEAR(p.functions[1](0.5), 0.25 * 0.5 / (0.65 - 0.275), 1e-12);
  // The zero P(A=a1) moves with proportional co-variation of (1, 0) -> the derivative at 0:
  // P(a1 | b1)(theta) = 0.5 theta / (0.1 (1 - theta) + 0.5 theta), slope 5 at 0.
  const auto& q = result.parameters[1];
  ASSERT_EQ(q.state, 1u);
  EXPECT_EQ(q.scheme, analysis::co_variation::proportional);
  EXPECT_NEAR(q.derivative[1], 5.0, 1e-10);
  EXPECT_NEAR(q.functions[1](0.3), 0.15 / (0.07 + 0.15), 1e-12);
}

TEST(analysis_sensitivity, flip_threshold_changes_the_leader_at_the_stated_value) {
  const auto net = test::asia();
  evidence_set e;
  e.set_hard(net, "xray", "yes");
  e.set_hard(net, "dysp", "yes");
  e.set_hard(net, "smoke", "yes");
  const var_id target = net.id("bronc");
  const auto result = sensitivity_analysis(net, target, e);
  const auto flips = analysis::smallest_flips(result);
  ASSERT_FALSE(flips.empty());
  std::size_t checked = 0;
  for (std::size_t i = 0; i + 1 < flips.size(); ++i)
    EXPECT_LE(std::fabs(flips[i].flip.change), std::fabs(flips[i + 1].flip.change));
  for (const auto& f : flips) {
    const auto& p = result.parameters[f.parameter];
    const double eps = 1e-6;
    const double toward = f.flip.change > 0 ? 1.0 : -1.0;
    const double before = f.flip.theta - toward * eps, after = f.flip.theta + toward * eps;
    if (after < 0.0 || after > p.upper) continue;
    const auto p_before = enumeration(test::with_parameter(net, p.variable, p.row, p.state, before)).posterior(target, e);
    const auto p_after = enumeration(test::with_parameter(net, p.variable, p.row, p.state, after)).posterior(target, e);
    EXPECT_GT(p_before[result.leader], p_before[f.flip.new_leader]) << name(net, p);
    EXPECT_LT(p_after[result.leader], p_after[f.flip.new_leader]) << name(net, p);
    ++checked;
  }
  EXPECT_GT(checked, 3u);
  // A parameter without a flip: between its value and the ends the leader never changes.
  for (const auto& p : result.parameters) {
    if (p.flip_up || p.flip_down) continue;
    for (double theta : {0.0, p.upper}) {
      const enumeration en(test::with_parameter(net, p.variable, p.row, p.state, theta));
      if (std::isinf(en.log_evidence_probability(e))) continue;
      const auto post = en.posterior(target, e);
      EXPECT_GE(post[result.leader] + 1e-12, *std::max_element(post.begin(), post.end())) << name(net, p);
    }
  }
}

TEST(analysis_sensitivity, tornado_orders_by_range_and_by_derivative) {
  const auto net = test::sprinkler();
  evidence_set e;
  e.set_hard(net, "W", "wet");
  const auto result = sensitivity_analysis(net, net.id("C"), e);
  const auto bars = analysis::tornado(result, 0, analysis::tornado_measure::range);
  ASSERT_EQ(bars.size(), result.parameters.size());
  for (std::size_t i = 0; i + 1 < bars.size(); ++i)
    EXPECT_GE(bars[i].high - bars[i].low, bars[i + 1].high - bars[i + 1].low);
  for (const auto& b : bars) {
    const auto& p = result.parameters[b.parameter];
    // The range is spanned by the two ends of [0, upper] (f is monotone).
    const double f0 = p.functions[0](0.0), f1 = p.functions[0](p.upper);
    EXPECT_DOUBLE_EQ(b.low, std::min(f0, f1));
    EXPECT_DOUBLE_EQ(b.high, std::max(f0, f1));
    EXPECT_LE(b.low, result.posterior[0] + 1e-12);
    EXPECT_GE(b.high, result.posterior[0] - 1e-12);
  }
  // The root's own parameter moves P(C=T | wet) from 0 to 1.
  EXPECT_NEAR(bars[0].high - bars[0].low, 1.0, 1e-12);
  EXPECT_EQ(result.parameters[bars[0].parameter].variable, net.id("C"));
  const auto by_slope = analysis::tornado(result, 0, analysis::tornado_measure::derivative, 3);
  ASSERT_EQ(by_slope.size(), 3u);
  for (const auto& p : result.parameters) EXPECT_LE(std::fabs(p.derivative[0]), std::fabs(by_slope[0].derivative) + 1e-15);
  EXPECT_THROW((void)analysis::tornado(result, 2), model_error);
}

TEST(analysis_sensitivity, default_model_against_variable_elimination) {
  const auto& m = test::default_model();
  const auto& net = m.network;
  const auto findings = test::shipped_findings();
  std::vector<std::size_t> all(findings.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  const evidence_set e = test::evidence_from(net, findings, all);
  const auto result = sensitivity_analysis(net, m.scenario, e);
  EXPECT_EQ(result.extra_compilations, 0u);  // every entry of the default model is positive
  const variable_elimination ve(net);
  test::expect_near_vectors(result.posterior, ve.posterior(m.scenario, e), 1e-10);
  // Every seventh parameter, at two values away from the current one.
  for (std::size_t i = 0; i < result.parameters.size(); i += 7) {
    const auto& p = result.parameters[i];
    for (double theta : {0.05, 0.7}) {
      const auto exact = variable_elimination(test::with_parameter(net, p.variable, p.row, p.state, theta))
                             .posterior(m.scenario, e);
      for (std::size_t t = 0; t < exact.size(); ++t)
        EXPECT_NEAR(p.functions[t](theta), exact[t], 1e-9) << name(net, p) << " at " << theta;
    }
  }
}

TEST(analysis_sensitivity, chosen_cpts_only) {
  const auto net = test::asia();
  analysis::sensitivity_options options;
  options.variables = {net.id("smoke"), net.id("either")};
  const auto result = sensitivity_analysis(net, net.id("lung"), evidence_set{}, options);
  ASSERT_EQ(result.parameters.size(), 2u + 8u);
  EXPECT_EQ(result.parameters.front().variable, net.id("smoke"));
  EXPECT_EQ(result.parameters.back().variable, net.id("either"));
  // Without evidence the child `either` cannot change P(lung): every function is flat.
  for (std::size_t i = 2; i < result.parameters.size(); ++i)
    for (std::size_t t = 0; t < 2; ++t) EXPECT_NEAR(result.parameters[i].derivative[t], 0.0, 1e-14);
  options.variables = {net.id("smoke"), net.id("smoke")};
  EXPECT_THROW((void)sensitivity_analysis(net, net.id("lung"), evidence_set{}, options), model_error);
  // Single parameters, in the order given, equal to those of the full analysis.
  evidence_set e;
  e.set_hard(net, "xray", "yes");
  const auto full = sensitivity_analysis(net, net.id("lung"), e);
  analysis::sensitivity_options some;
  some.parameters = {{net.id("either"), 3, 1}, {net.id("smoke"), 0, 0}};
  const auto picked = sensitivity_analysis(net, net.id("lung"), e, some);
  ASSERT_EQ(picked.parameters.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    const auto& p = picked.parameters[i];
    EXPECT_EQ(p.variable, some.parameters[i].variable);
    EXPECT_EQ(p.row, some.parameters[i].row);
    EXPECT_EQ(p.state, some.parameters[i].state);
    for (const auto& q : full.parameters)
      if (q.variable == p.variable && q.row == p.row && q.state == p.state) {
        EXPECT_EQ(q.functions[0].alpha, p.functions[0].alpha);
        EXPECT_EQ(q.derivative, p.derivative);
      }
  }
  some.parameters = {{net.id("either"), 4, 0}};
  try {
    (void)sensitivity_analysis(net, net.id("lung"), e, some);
    FAIL() << "expected model_error";
  } catch (const model_error& ex) {
    EXPECT_THAT(ex.what(), HasSubstr("the CPT of 'either' has no entry (row 4, state 0); it has 4 rows"));
  }
}

TEST(analysis_sensitivity, alarm_every_cpt) {
  const std::string dir = test::shared_dir();
  if (dir.empty()) GTEST_SKIP() << "shared reference data not found";
  const auto net = io::read_bif(dir + "/data/networks/bif/alarm.bif");
  evidence_set e;
  e.set_hard(net, "HRBP", "HIGH");
  e.set_hard(net, "CO", "LOW");
  e.set_hard(net, "BP", "LOW");
  const var_id target = net.id("LVFAILURE");
  const auto result = sensitivity_analysis(net, target, e);
  std::size_t entries = 0;
  for (var_id v = 0; v < net.size(); ++v) entries += net.cpt_of(v).table().size();
  EXPECT_EQ(result.parameters.size(), entries);
  for (std::size_t i = 0; i < result.parameters.size(); i += 37) {
    const auto& p = result.parameters[i];
    const double theta = p.value > 0.5 ? p.value / 2 : p.value + (p.upper - p.value) / 2;
    const auto exact = variable_elimination(test::with_parameter(net, p.variable, p.row, p.state, theta))
                           .posterior(target, e);
    for (std::size_t t = 0; t < exact.size(); ++t)
      EXPECT_NEAR(p.functions[t](theta), exact[t], 1e-9) << name(net, p);
  }
}

TEST(analysis_sensitivity, errors) {
  const auto net = test::sprinkler();
  evidence_set fixed;
  fixed.set_fixed_marginal(net, "S", {0.5, 0.5});
  try {
    (void)sensitivity_analysis(net, net.id("C"), fixed);
    FAIL() << "expected evidence_error";
  } catch (const evidence_error& ex) {
    EXPECT_THAT(ex.what(), HasSubstr("'S' has a fixed-marginal finding"));
  }
  const auto asia = test::asia();
  evidence_set impossible;
  impossible.set_hard(asia, "either", "no");
  impossible.set_hard(asia, "tub", "yes");
  EXPECT_THROW((void)sensitivity_analysis(asia, asia.id("lung"), impossible), impossible_evidence_error);
  EXPECT_THROW((void)sensitivity_analysis(net, 17, evidence_set{}), model_error);
  EXPECT_EQ(analysis::parameter_label(net, net.id("W"), 2, 1), "P(W=dry | S=off, R=T)");
  EXPECT_EQ(analysis::parameter_label(net, net.id("C"), 0, 0), "P(C=T)");
  EXPECT_THROW((void)analysis::parameter_label(net, net.id("W"), 4, 0), model_error);
}

}  // namespace
}  // namespace augury
