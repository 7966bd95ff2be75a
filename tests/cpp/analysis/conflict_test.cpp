// The Hugin conflict measure against values worked out by hand on a four-node chain with
// a fork, T -> M -> {B, C}.

#include <augury/analysis/conflict.hpp>
#include <augury/inference/junction_tree.hpp>
#include <augury/inference/variable_elimination.hpp>

#include "analysis/analysis_test_support.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace augury {
namespace {

using analysis::likelihood_finding;
using ::testing::HasSubstr;

// P(T) = (0.5, 0.5); P(M=m0 | T) = (0.8, 0.3); P(B=b0 | M) = (0.9, 0.2); P(C=c0 | M) = (0.9, 0.2).
bayesian_network fork() {
  bayesian_network net("fork");
  const var_id t = net.add_variable("T", {"t0", "t1"});
  const var_id m = net.add_variable("M", {"m0", "m1"});
  const var_id b = net.add_variable("B", {"b0", "b1"});
  const var_id c = net.add_variable("C", {"c0", "c1"});
  net.set_cpt(t, {}, {0.5, 0.5});
  net.set_cpt(m, {t}, {0.8, 0.2, 0.3, 0.7});
  net.set_cpt(b, {m}, {0.9, 0.1, 0.2, 0.8});
  net.set_cpt(c, {m}, {0.9, 0.1, 0.2, 0.8});
  return net;
}

// e0: B = b0 (points to m0); e1: C = c1 (points to m1); e2, e3: two reports on M itself,
// likelihoods (0.5, 1) and (0.8, 1), which multiply to (0.4, 1).
std::vector<likelihood_finding> fork_findings(const bayesian_network& net) {
  return {analysis::hard_finding(net, net.id("B"), 0, {}, "B=b0"),
          analysis::hard_finding(net, net.id("C"), 1, {}, "C=c1"),
          {net.id("M"), {0.5, 1.0}, {}, "M report 1"},
          {net.id("M"), {0.8, 1.0}, {}, "M report 2"}};
}

TEST(analysis_conflict, hand_computed_values) {
  const auto net = fork();
  const auto findings = fork_findings(net);
  analysis::conflict_options options;
  options.recent = {0, 1};
  const auto r = analysis::data_conflict(net, net.id("T"), findings, options);

  // P(M) = (0.55, 0.45).
  // P(e0) = 0.55*0.9 + 0.45*0.2 = 0.585     P(e1) = 0.55*0.1 + 0.45*0.8 = 0.415
  // P(e2) = 0.55*0.5 + 0.45*1.0 = 0.725     P(e3) = 0.55*0.8 + 0.45*1.0 = 0.89
  // P(e)  = 0.55*(0.9*0.1*0.4) + 0.45*(0.2*0.8*1.0) = 0.0198 + 0.072 = 0.0918
  const double p0 = 0.585, p1 = 0.415, p2 = 0.725, p3 = 0.89, pe = 0.0918;
  EXPECT_NEAR(r.findings[0].log_probability, std::log(p0), 1e-12);
  EXPECT_NEAR(r.findings[1].log_probability, std::log(p1), 1e-12);
  EXPECT_NEAR(r.findings[2].log_probability, std::log(p2), 1e-12);
  EXPECT_NEAR(r.findings[3].log_probability, std::log(p3), 1e-12);
  EXPECT_NEAR(r.log_evidence_probability, std::log(pe), 1e-12);
  EXPECT_NEAR(r.conflict, std::log(p0 * p1 * p2 * p3 / pe), 1e-12);  // 0.53441 > 0

  // Leave-one-out: conf(e) - conf(e \ e_i) = log P(e_i) + log P(e \ e_i) - log P(e).
  // P(e1,e2,e3) = 0.55*0.1*0.4 + 0.45*0.8 = 0.382      P(e0,e2,e3) = 0.55*0.9*0.4 + 0.45*0.2 = 0.288
  // P(e0,e1,e3) = 0.55*0.09*0.8 + 0.45*0.16 = 0.1116   P(e0,e1,e2) = 0.55*0.09*0.5 + 0.45*0.16 = 0.09675
  EXPECT_NEAR(r.findings[0].contribution, std::log(p0 * 0.382 / pe), 1e-12);
  EXPECT_NEAR(r.findings[1].contribution, std::log(p1 * 0.288 / pe), 1e-12);
  EXPECT_NEAR(r.findings[2].contribution, std::log(p2 * 0.1116 / pe), 1e-12);
  EXPECT_NEAR(r.findings[3].contribution, std::log(p3 * 0.09675 / pe), 1e-12);
  EXPECT_GT(r.findings[0].contribution, 0.0);  // b0 and c1 contradict each other
  EXPECT_LT(r.findings[2].contribution, 0.0);  // the two M reports support each other

  // Recent {e0, e1}: P(e0, e1) = 0.55*0.09 + 0.45*0.16 = 0.1215.
  EXPECT_NEAR(r.recent_conflict, std::log(p0 * p1 / 0.1215), 1e-12);

  // Given T = t0, P(M | t0) = (0.8, 0.2):
  // P(e0|t0) = 0.76, P(e1|t0) = 0.24, P(e2|t0) = 0.6, P(e3|t0) = 0.84,
  // P(e|t0) = 0.8*0.036 + 0.2*0.16 = 0.0608, P(e0,e1|t0) = 0.8*0.09 + 0.2*0.16 = 0.104.
  ASSERT_EQ(r.states.size(), 2u);
  EXPECT_TRUE(r.states[0].possible);
  EXPECT_NEAR(r.states[0].probability, 0.5, 1e-12);
  EXPECT_NEAR(r.states[0].conflict, std::log(0.76 * 0.24 * 0.6 * 0.84 / 0.0608), 1e-12);
  EXPECT_NEAR(r.states[0].recent_conflict, std::log(0.76 * 0.24 / 0.104), 1e-12);  // 0.5618
  // Given T = t1, P(M | t1) = (0.3, 0.7):
  // P(e0|t1) = 0.41, P(e1|t1) = 0.59, P(e2|t1) = 0.85, P(e3|t1) = 0.94,
  // P(e|t1) = 0.3*0.036 + 0.7*0.16 = 0.1228, P(e0,e1|t1) = 0.3*0.09 + 0.7*0.16 = 0.139.
  EXPECT_NEAR(r.states[1].conflict, std::log(0.41 * 0.59 * 0.85 * 0.94 / 0.1228), 1e-12);
  EXPECT_NEAR(r.states[1].recent_conflict, std::log(0.41 * 0.59 / 0.139), 1e-12);  // 0.5541
  // b0 and c1 conflict under both scenarios: they fit neither.
  EXPECT_TRUE(r.fits_no_scenario);
}

TEST(analysis_conflict, agreeing_findings_fit_a_scenario) {
  const auto net = fork();
  const auto findings = fork_findings(net);
  analysis::conflict_options options;
  options.recent = {2, 3};
  // Given t0: P(e2,e3|t0) = 0.8*0.4 + 0.2*1 = 0.52 > 0.6*0.84 = 0.504: negative conflict.
  const auto r = analysis::data_conflict(net, net.id("T"), findings, options);
  EXPECT_NEAR(r.states[0].recent_conflict, std::log(0.6 * 0.84 / 0.52), 1e-12);
  EXPECT_LT(r.states[0].recent_conflict, 0.0);
  EXPECT_FALSE(r.fits_no_scenario);
  // The threshold can demand more than a positive conflict.
  options.recent = {0, 1};
  options.threshold = 0.558;  // between 0.5541 (t1) and 0.5618 (t0)
  EXPECT_FALSE(analysis::data_conflict(net, net.id("T"), findings, options).fits_no_scenario);
  options.threshold = 0.55;
  EXPECT_TRUE(analysis::data_conflict(net, net.id("T"), findings, options).fits_no_scenario);
  // Without recent findings there is no check.
  EXPECT_FALSE(analysis::data_conflict(net, net.id("T"), findings).fits_no_scenario);
}

TEST(analysis_conflict, background_evidence_conditions_everything) {
  // With T = t0 as background the overall conflict is the conflict given t0 above.
  const auto net = fork();
  const auto findings = fork_findings(net);
  analysis::conflict_options options;
  options.background.set_hard(net, "T", "t0");
  const auto r = analysis::data_conflict(net, net.id("T"), findings, options);
  EXPECT_NEAR(r.conflict, std::log(0.76 * 0.24 * 0.6 * 0.84 / 0.0608), 1e-12);
  EXPECT_FALSE(r.states[1].possible);
  EXPECT_EQ(r.states[1].conflict, 0.0);
  // A likelihood on the target as background is replaced by T = t given T = t.
  analysis::conflict_options soft;
  soft.background.set_likelihood(net, "T", {0.3, 0.6});
  const auto s = analysis::data_conflict(net, net.id("T"), findings, soft);
  EXPECT_NEAR(s.states[0].conflict, std::log(0.76 * 0.24 * 0.6 * 0.84 / 0.0608), 1e-12);
  EXPECT_NEAR(s.states[0].probability, 1.0 / 3.0, 1e-12);
}

TEST(analysis_conflict, impossible_under_a_state_is_infinite_conflict) {
  // On asia: `either` = no and tub = yes cannot both hold, and given asia = yes both are
  // still possible apart; a finding set impossible under every state is an error.
  const auto net = test::asia();
  std::vector<likelihood_finding> findings{analysis::hard_finding(net, net.id("either"), 1),
                                           analysis::hard_finding(net, net.id("xray"), 0)};
  // Given lung = yes, either = no is impossible.
  const auto r = analysis::data_conflict(net, net.id("lung"), findings, {{}, {0, 1}, 0.0});
  EXPECT_EQ(r.states[0].conflict, std::numeric_limits<double>::infinity());
  EXPECT_EQ(r.states[0].recent_conflict, std::numeric_limits<double>::infinity());
  EXPECT_TRUE(std::isfinite(r.states[1].conflict));
  findings.push_back(analysis::hard_finding(net, net.id("tub"), 0));
  try {
    (void)analysis::data_conflict(net, net.id("lung"), findings);
    FAIL() << "expected impossible_evidence_error";
  } catch (const impossible_evidence_error& ex) {
    EXPECT_THAT(ex.what(), HasSubstr("probability zero"));
  }
  EXPECT_THROW((void)analysis::data_conflict(net, net.id("lung"), findings, {{}, {7}, 0.0}), evidence_error);
}

TEST(analysis_conflict, hugin_conflict_of_an_evidence_set) {
  const auto net = fork();
  evidence_set e;
  e.set_hard(net, "B", "b0");
  e.set_hard(net, "C", "c1");
  junction_tree jt(net);
  // ln(0.585 * 0.415 / 0.1215) = 0.69222.
  EXPECT_NEAR(analysis::hugin_conflict(jt, e), std::log(0.585 * 0.415 / 0.1215), 1e-12);
  evidence_set fixed;
  fixed.set_fixed_marginal(net, "B", {0.5, 0.5});
  EXPECT_THROW((void)analysis::hugin_conflict(jt, fixed), evidence_error);
}

TEST(analysis_conflict, shipped_timeline_on_the_default_model) {
  // The conflict of the 29 reports, checked through the definition with the junction tree
  // replaced by variable elimination.
  const auto& m = test::default_model();
  const auto findings = test::shipped_findings();
  analysis::conflict_options options;
  for (std::size_t i = 20; i < findings.size(); ++i) options.recent.push_back(i);
  const auto r = analysis::data_conflict(m.network, m.scenario, findings, options);
  const variable_elimination ve(m.network);
  double sum = 0.0;
  std::vector<std::size_t> all;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    sum += ve.log_evidence_probability(test::evidence_from(m.network, findings, {i}));
    all.push_back(i);
  }
  EXPECT_NEAR(r.conflict, sum - ve.log_evidence_probability(test::evidence_from(m.network, findings, all)), 1e-9);
  ASSERT_EQ(r.states.size(), 4u);
  for (const auto& s : r.states) EXPECT_TRUE(std::isfinite(s.conflict));
}

}  // namespace
}  // namespace augury
