// Combining likelihood findings: products per variable, the kept scale, and the checks.

#include <augury/analysis/likelihood_finding.hpp>
#include <augury/inference/enumeration.hpp>

#include "analysis/analysis_test_support.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace augury {
namespace {

using analysis::likelihood_finding;
using ::testing::HasSubstr;

TEST(analysis_findings, combine_multiplies_and_keeps_the_scale) {
  const auto net = test::sprinkler();
  const var_id s = net.id("S"), w = net.id("W");
  const std::vector<likelihood_finding> findings{
      {s, {0.2, 0.5}, {}, {}}, {w, {0.9, 0.3}, {}, {}}, {s, {0.4, 0.1}, {}, {}}};
  const auto ce = analysis::combine_findings(net, findings);
  // S: (0.2, 0.5) -> /0.5 -> (0.4, 1), times (0.4, 0.1) = (0.16, 0.1) -> /0.16 -> (1, 0.625).
  ASSERT_NE(ce.evidence.find(s), nullptr);
  test::expect_near_vectors(ce.evidence.find(s)->values, {1.0, 0.625}, 1e-15);
  test::expect_near_vectors(ce.evidence.find(w)->values, {1.0, 1.0 / 3.0}, 1e-15);
  // P(findings as given) = exp(log_scale) P(evidence): against the unscaled products.
  evidence_set raw;
  raw.set_likelihood(net, s, {0.2 * 0.4, 0.5 * 0.1});
  raw.set_likelihood(net, w, {0.9, 0.3});
  const enumeration en(net);
  EXPECT_NEAR(ce.log_scale + en.log_evidence_probability(ce.evidence), en.log_evidence_probability(raw), 1e-13);
  // A selection, in any order.
  const auto two = analysis::combine_selected(net, findings, {2, 0});
  EXPECT_EQ(two.evidence.size(), 1u);
  test::expect_near_vectors(two.evidence.find(s)->values, {1.0, 0.625}, 1e-15);
}

TEST(analysis_findings, base_evidence) {
  const auto net = test::sprinkler();
  const var_id s = net.id("S"), c = net.id("C");
  const std::vector<likelihood_finding> findings{{s, {0.2, 0.5}, {}, {}}, {c, {0.3, 0.6}, {}, {}}};
  evidence_set base;
  base.set_hard(net, s, 1);
  base.set_likelihood(net, c, {0.5, 1.0});
  const auto ce = analysis::combine_findings(net, findings, base);
  // S stays hard, weighted by lambda(off) = 0.5; C: (0.3, 0.6) (0.5, 1) = (0.15, 0.6)
  // = 0.6 (0.25, 1). So P(everything as given) = 0.5 * 0.6 * P(evidence).
  EXPECT_EQ(ce.evidence.find(s)->kind, evidence_kind::hard);
  test::expect_near_vectors(ce.evidence.find(c)->values, {0.25, 1.0}, 1e-15);
  EXPECT_NEAR(ce.log_scale, std::log(0.5) + std::log(0.6), 1e-15);
  evidence_set raw;
  raw.set_hard(net, s, 1);
  raw.set_likelihood(net, c, {0.15, 0.6});
  const enumeration en(net);
  EXPECT_NEAR(ce.log_scale + en.log_evidence_probability(ce.evidence),
              std::log(0.5) + en.log_evidence_probability(raw), 1e-13);
  // The finding rules out the observed state.
  const std::vector<likelihood_finding> against{{s, {1.0, 0.0}, {}, "no"}};
  EXPECT_THROW((void)analysis::combine_findings(net, against, base), impossible_evidence_error);
  evidence_set fixed;
  fixed.set_fixed_marginal(net, s, {0.5, 0.5});
  EXPECT_THROW((void)analysis::combine_findings(net, findings, fixed), evidence_error);
  EXPECT_THROW((void)analysis::combine_selected(net, findings, {5}), evidence_error);
}

TEST(analysis_findings, checks_and_conversions) {
  const auto net = test::sprinkler();
  const var_id s = net.id("S");
  const auto h = analysis::hard_finding(net, s, 1, "2024-05-01", "off");
  EXPECT_EQ(h.likelihood, (std::vector<double>{0.0, 1.0}));
  EXPECT_EQ(h.date, "2024-05-01");
  EXPECT_THROW((void)analysis::hard_finding(net, s, 2), model_error);
  try {
    analysis::check_findings(net, {{s, {0.5, -1.0}, {}, "bad"}});
    FAIL() << "expected evidence_error";
  } catch (const evidence_error& ex) {
    EXPECT_THAT(ex.what(), HasSubstr("finding 0 (bad) on 'S' has entry -1 for state 'off'"));
  }
  EXPECT_THROW(analysis::check_findings(net, {{s, {0.0, 0.0}, {}, {}}}), impossible_evidence_error);
  EXPECT_THROW(analysis::check_findings(net, {{11, {0.5, 0.5}, {}, {}}}), evidence_error);
  const std::vector<likelihood_finding> clash{analysis::hard_finding(net, s, 0), analysis::hard_finding(net, s, 1)};
  try {
    (void)analysis::combine_findings(net, clash);
    FAIL() << "expected impossible_evidence_error";
  } catch (const impossible_evidence_error& ex) {
    EXPECT_THAT(ex.what(), HasSubstr("'S' together rule out every state (states: on, off)"));
  }
  evidence_set e;
  e.set_hard(net, "W", "dry");
  e.set_likelihood(net, "C", {0.3, 0.9});
  const auto list = analysis::findings_of(net, e);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].variable, net.id("C"));
  EXPECT_EQ(list[1].likelihood, (std::vector<double>{0.0, 1.0}));
  EXPECT_EQ(list[1].label, "W=dry");
}

}  // namespace
}  // namespace augury
