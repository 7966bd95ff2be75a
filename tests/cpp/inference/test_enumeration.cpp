// The brute-force engine: hand-computed values, and its size limit.

#include <augury/inference/enumeration.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

namespace {

using namespace augury;

bayesian_network rain_grass() {
  // Rain -> Grass; P(R) = (0.2, 0.8); P(G=wet | R) = 0.9 / 0.1.
  bayesian_network net("rain");
  const var_id r = net.add_variable("Rain", {"yes", "no"});
  const var_id g = net.add_variable("Grass", {"wet", "dry"});
  net.set_cpt(r, {}, {0.2, 0.8});
  net.set_cpt(g, {r}, {0.9, 0.1, 0.1, 0.9});
  return net;
}

TEST(Enumeration, JointIsTheProductOfTheTables) {
  const enumeration en(rain_grass());
  EXPECT_EQ(en.joint().scope(), (std::vector<var_id>{0, 1}));
  const std::vector<double> expected{0.18, 0.02, 0.08, 0.72};
  for (std::size_t i = 0; i < 4; ++i) EXPECT_NEAR(en.joint().values()[i], expected[i], 1e-15);
}

TEST(Enumeration, HandComputedPosteriors) {
  const auto net = rain_grass();
  const enumeration en(net);
  evidence_set e;
  e.set_hard(net, "Grass", "wet");
  // P(R=yes | wet) = 0.18 / 0.26
  EXPECT_NEAR(en.posterior(0, e)[0], 0.18 / 0.26, 1e-15);
  EXPECT_NEAR(en.log_evidence_probability(e), std::log(0.26), 1e-15);
  evidence_set l;
  l.set_likelihood(net, "Grass", {2.0, 1.0});
  // P(e) = 0.2 (0.9*2 + 0.1) + 0.8 (0.1*2 + 0.9) = 0.38 + 0.88 = 1.26
  EXPECT_NEAR(en.log_evidence_probability(l), std::log(1.26), 1e-15);
  EXPECT_NEAR(en.posterior(0, l)[0], 0.38 / 1.26, 1e-15);
  evidence_set q;
  q.set_fixed_marginal(net, "Grass", {0.5, 0.5});
  // Jeffrey: P(R=yes) = 0.5 * 0.18/0.26 + 0.5 * 0.02/0.74
  EXPECT_NEAR(en.posterior(0, q)[0], 0.5 * 0.18 / 0.26 + 0.5 * 0.02 / 0.74, 1e-14);
  const factor j = en.joint_posterior({1, 0}, e);
  EXPECT_EQ(j.scope(), (std::vector<var_id>{1, 0}));
  EXPECT_NEAR(j.values()[0], 0.18 / 0.26, 1e-15);
  EXPECT_NEAR(j.values()[1], 0.08 / 0.26, 1e-15);
  EXPECT_EQ(j.values()[2], 0.0);
}

TEST(Enumeration, ImpossibleEvidence) {
  bayesian_network net = rain_grass();
  net.set_cpt(1, {0}, {1.0, 0.0, 0.1, 0.9});
  const enumeration en(net);
  evidence_set e;
  e.set_hard(net, "Rain", "yes");
  e.set_hard(net, "Grass", "dry");
  EXPECT_EQ(en.log_evidence_probability(e), -std::numeric_limits<double>::infinity());
  try {
    (void)en.posterior(0, e);
    FAIL() << "expected impossible_evidence_error";
  } catch (const impossible_evidence_error& ex) {
    EXPECT_EQ(std::string(ex.what()), "evidence has probability zero: Rain=yes, Grass=dry");
  }
}

TEST(Enumeration, RefusesLargeJoints) {
  bayesian_network net("wide");
  for (int i = 0; i < 25; ++i) {
    const var_id v = net.add_variable("B" + std::to_string(i), {"0", "1"});
    net.set_cpt(v, {}, {0.5, 0.5});
  }
  try {
    const enumeration en(net);
    FAIL() << "expected inference_error";
  } catch (const inference_error& ex) {
    const std::string m = ex.what();
    EXPECT_NE(m.find("33554432 entries (25 variables)"), std::string::npos) << m;
    EXPECT_NE(m.find("16777216 (2^24)"), std::string::npos) << m;
  }
  bayesian_network ok("ok");
  for (int i = 0; i < 20; ++i) {
    const var_id v = ok.add_variable("B" + std::to_string(i), {"0", "1"});
    ok.set_cpt(v, {}, {0.5, 0.5});
  }
  const enumeration en(ok);
  EXPECT_EQ(en.joint().size(), std::size_t(1) << 20);
}

}  // namespace
