// What-if runs against separate queries with each evidence set.

#include <augury/analysis/what_if.hpp>
#include <augury/inference/enumeration.hpp>
#include <augury/inference/junction_tree.hpp>
#include <augury/inference/variable_elimination.hpp>

#include "analysis/analysis_test_support.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <map>
#include <string>

namespace augury {
namespace {

using ::testing::HasSubstr;

TEST(analysis_what_if, equals_separate_queries) {
  const auto net = test::asia();
  std::map<std::string, evidence_set> scenarios;
  scenarios["a smoker with dyspnoea"].set_hard(net, "smoke", "yes");
  scenarios["a smoker with dyspnoea"].set_hard(net, "dysp", "yes");
  scenarios["back from Asia"].set_hard(net, "asia", "yes");
  scenarios["back from Asia"].set_likelihood(net, "xray", {0.9, 0.2});
  scenarios["nothing known"];
  scenarios["fitted x-ray"].set_fixed_marginal(net, "xray", {0.3, 0.7});
  scenarios["impossible"].set_hard(net, "either", "no");
  scenarios["impossible"].set_hard(net, "tub", "yes");
  const var_id target = net.id("lung");
  const std::vector<var_id> also{net.id("bronc"), net.id("tub")};
  const auto out = analysis::what_if(net, target, scenarios, also);
  ASSERT_EQ(out.size(), scenarios.size());
  const variable_elimination ve(net);
  std::size_t i = 0;
  for (const auto& [name, e] : scenarios) {
    const auto& o = out[i++];
    EXPECT_EQ(o.name, name);
    if (name == "impossible") {
      EXPECT_FALSE(o.possible);
      EXPECT_THAT(o.reason, HasSubstr("probability zero"));
      EXPECT_TRUE(o.posterior.empty());
      EXPECT_EQ(o.log_evidence_probability, -std::numeric_limits<double>::infinity());
      continue;
    }
    EXPECT_TRUE(o.possible) << name;
    test::expect_near_vectors(o.posterior, ve.posterior(target, e), 1e-12, name);
    ASSERT_EQ(o.others.size(), 2u);
    test::expect_near_vectors(o.others[0], ve.posterior(also[0], e), 1e-12, name);
    test::expect_near_vectors(o.others[1], ve.posterior(also[1], e), 1e-12, name);
    EXPECT_NEAR(o.log_evidence_probability, ve.log_evidence_probability(e), 1e-12) << name;
  }
}

TEST(analysis_what_if, default_model_and_a_shared_tree) {
  const auto& m = test::default_model();
  const auto& net = m.network;
  std::map<std::string, evidence_set> scenarios;
  scenarios["detente"].set_hard(net, "us_russia_summitry", "agreements");
  scenarios["detente"].set_hard(net, "sanctions_on_russia", "eased");
  scenarios["bloc"].set_hard(net, "anti_us_coalitions", "forming");
  scenarios["bloc"].set_hard(net, "joint_exercise_tempo", "rising");
  junction_tree jt(net);
  const auto out = analysis::what_if(jt, m.scenario, scenarios);
  EXPECT_TRUE(jt.evidence().empty());
  const variable_elimination ve(net);
  ASSERT_EQ(out.size(), 2u);
  test::expect_near_vectors(out[0].posterior, ve.posterior(m.scenario, scenarios["bloc"]), 1e-12);
  test::expect_near_vectors(out[1].posterior, ve.posterior(m.scenario, scenarios["detente"]), 1e-12);
  EXPECT_GT(out[1].posterior[1], out[0].posterior[1]);  // detente raises version 2
}

TEST(analysis_what_if, errors_name_the_scenario) {
  const auto net = test::sprinkler();
  const auto other = test::asia();
  std::map<std::string, evidence_set> scenarios;
  scenarios["foreign"].set_hard(other, "dysp", "yes");  // variable id 7: not in sprinkler
  try {
    (void)analysis::what_if(net, net.id("C"), scenarios);
    FAIL() << "expected evidence_error";
  } catch (const evidence_error& ex) {
    EXPECT_THAT(ex.what(), HasSubstr("what-if 'foreign'"));
  }
  EXPECT_THROW((void)analysis::what_if(net, 12, {}), model_error);
}

}  // namespace
}  // namespace augury
