// Faults users of other Bayesian-network libraries met in exact inference, as cases with
// exact expected values (computed by enumeration in rational arithmetic): B06-B08, B12-B16.
// Every exact engine (variable elimination, junction tree, enumeration) must give them.

#include <augury/inference/enumeration.hpp>
#include <augury/inference/junction_tree.hpp>
#include <augury/inference/variable_elimination.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace {

using namespace augury;

constexpr double exact = 1e-12;
const double minus_inf = -std::numeric_limits<double>::infinity();

/// One exact engine behind a common face: queries take the evidence.
struct engine {
  std::string name;
  std::function<std::vector<double>(var_id, const evidence_set&)> posterior;
  std::function<factor(const std::vector<var_id>&, const evidence_set&)> joint;
  std::function<double(const evidence_set&)> log_p;
};

std::vector<engine> engines(const bayesian_network& net) {
  auto ve = std::make_shared<variable_elimination>(net);
  auto jt = std::make_shared<junction_tree>(net);
  auto en = std::make_shared<enumeration>(net);
  return {
      {"variable_elimination", [ve](var_id v, const evidence_set& e) { return ve->posterior(v, e); },
       [ve](const std::vector<var_id>& t, const evidence_set& e) { return ve->joint_posterior(t, e); },
       [ve](const evidence_set& e) { return ve->log_evidence_probability(e); }},
      {"junction_tree",
       [jt](var_id v, const evidence_set& e) {
         jt->set_evidence(e);
         return jt->posterior(v);
       },
       [jt](const std::vector<var_id>& t, const evidence_set& e) {
         jt->set_evidence(e);
         return jt->joint_posterior(t);
       },
       [jt](const evidence_set& e) {
         jt->set_evidence(e);
         return jt->log_evidence_probability();
       }},
      {"enumeration", [en](var_id v, const evidence_set& e) { return en->posterior(v, e); },
       [en](const std::vector<var_id>& t, const evidence_set& e) { return en->joint_posterior(t, e); },
       [en](const evidence_set& e) { return en->log_evidence_probability(e); }},
  };
}

void expect_vectors_near(const std::vector<double>& a, const std::vector<double>& b, double t,
                         const std::string& what) {
  ASSERT_EQ(a.size(), b.size()) << what;
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_NEAR(a[i], b[i], t) << what << " state " << i;
}

// ---- B06: likelihood (virtual) evidence versus fixed-marginal (Jeffrey) evidence ----------

bayesian_network b06_network() {
  bayesian_network net("b06");
  const var_id d = net.add_variable("D", {"present", "absent"});
  const var_id t = net.add_variable("T", {"pos", "neg"});
  const var_id s = net.add_variable("S", {"yes", "no"});
  net.set_cpt(d, {}, {0.1, 0.9});
  net.set_cpt(t, {d}, {0.8, 0.2, 0.15, 0.85});
  net.set_cpt(s, {d}, {0.6, 0.4, 0.1, 0.9});
  return net;
}

TEST(FieldFaultsInference, B06LikelihoodEvidenceMultipliesThePrior) {
  const auto net = b06_network();
  for (auto& eng : engines(net)) {
    evidence_set none;
    EXPECT_NEAR(eng.posterior(1, none)[0], 43.0 / 200, exact) << eng.name;
    evidence_set e;
    e.set_likelihood(net, "T", {0.7, 0.3});
    EXPECT_NEAR(eng.posterior(0, e)[0], 31.0 / 193, exact) << eng.name;
    EXPECT_NEAR(eng.posterior(1, e)[0], 301.0 / 772, exact) << eng.name;
    EXPECT_NEAR(eng.posterior(2, e)[0], 174.0 / 965, exact) << eng.name;
    // P(e) = sum_x P(x) lambda(t) = 0.215 * 0.7 + 0.785 * 0.3
    EXPECT_NEAR(eng.log_p(e), std::log(0.215 * 0.7 + 0.785 * 0.3), exact) << eng.name;
    evidence_set hard;
    hard.set_hard(net, "T", "pos");
    EXPECT_NEAR(eng.posterior(0, hard)[0], 16.0 / 43, exact) << eng.name;
  }
}

TEST(FieldFaultsInference, B06FixedMarginalIsMetExactly) {
  const auto net = b06_network();
  for (auto& eng : engines(net)) {
    evidence_set e;
    e.set_fixed_marginal(net, "T", {0.7, 0.3});
    EXPECT_NEAR(eng.posterior(1, e)[0], 0.7, exact) << eng.name;
    EXPECT_NEAR(eng.posterior(0, e)[0], 1810.0 / 6751, exact) << eng.name;
    EXPECT_NEAR(eng.posterior(2, e)[0], 15801.0 / 67510, exact) << eng.name;
    // The equivalent likelihood is Q / P(T) = (140/43, 60/157).
    evidence_set l;
    l.set_likelihood(net, "T", {140.0 / 43, 60.0 / 157});
    EXPECT_NEAR(eng.posterior(0, l)[0], 1810.0 / 6751, exact) << eng.name;
    EXPECT_NEAR(eng.posterior(2, l)[0], 15801.0 / 67510, exact) << eng.name;
    // P(e) refers to the hard and likelihood findings: with only a fixed marginal it is 1.
    EXPECT_NEAR(eng.log_p(e), 0.0, exact) << eng.name;
    // Jeffrey evidence combined with hard evidence on another variable.
    evidence_set both = e;
    both.set_hard(net, "S", "yes");
    EXPECT_NEAR(eng.posterior(1, both)[0], 0.7, exact) << eng.name;
  }
}

TEST(FieldFaultsInference, B06RejectsBadSoftEvidence) {
  const auto net = b06_network();
  evidence_set e;
  EXPECT_THROW(e.set_likelihood(net, "T", {0.7, -0.3}), evidence_error);
  EXPECT_THROW(e.set_likelihood(net, "T", {0.0, 0.0}), evidence_error);
  EXPECT_THROW(e.set_fixed_marginal(net, "T", {0.7, 0.7}), evidence_error);
  EXPECT_TRUE(e.empty());
  // A target marginal that puts mass on a state of zero prior probability.
  bayesian_network det = net;
  det.set_cpt(1, {0}, {1.0, 0.0, 1.0, 0.0});  // T is always pos
  for (auto& eng : engines(det)) {
    evidence_set q;
    q.set_fixed_marginal(det, "T", {0.7, 0.3});
    try {
      (void)eng.posterior(0, q);
      FAIL() << eng.name << ": expected impossible_evidence_error";
    } catch (const impossible_evidence_error& ex) {
      EXPECT_EQ(std::string(ex.what()),
                "fixed-marginal evidence on 'T' gives probability 0.3 to state 'neg', which has "
                "probability zero; Jeffrey's rule cannot move probability onto it")
          << eng.name;
    }
    // Q within the support is fine, including a zero on the impossible state.
    evidence_set ok;
    ok.set_fixed_marginal(det, "T", {1.0, 0.0});
    EXPECT_NEAR(eng.posterior(0, ok)[0], 0.1, exact) << eng.name;
  }
}

// ---- B07: queries leave no state behind -----------------------------------------------------

TEST(FieldFaultsInference, B07QuerySequenceOnOneEngine) {
  const auto net = b06_network();
  const bayesian_network before = net;
  evidence_set lik, none, hard;
  lik.set_likelihood(net, "T", {0.7, 0.3});
  hard.set_hard(net, "T", "pos");
  hard.set_hard(net, "S", "yes");
  for (auto& eng : engines(net)) {
    const auto p1 = eng.posterior(0, lik);
    const auto p2 = eng.posterior(0, none);
    const auto p3 = eng.posterior(0, lik);
    const auto p4 = eng.posterior(0, hard);
    const auto p5 = eng.posterior(0, none);
    EXPECT_NEAR(p1[0], 31.0 / 193, exact) << eng.name;
    EXPECT_NEAR(p2[0], 0.1, exact) << eng.name;
    EXPECT_NEAR(p4[0], 32.0 / 41, exact) << eng.name;
    EXPECT_EQ(p3, p1) << eng.name;  // bit for bit
    EXPECT_EQ(p5, p2) << eng.name;
  }
  // The same on a junction tree driven through its own evidence API.
  junction_tree jt(net);
  jt.set_likelihood("T", {0.7, 0.3});
  const auto s1 = jt.posterior(0);
  jt.clear_evidence();
  const auto s2 = jt.posterior(0);
  jt.set_likelihood("T", {0.7, 0.3});
  EXPECT_EQ(jt.posterior(0), s1);
  jt.set_hard("T", "pos");
  jt.set_hard("S", "yes");
  EXPECT_NEAR(jt.posterior(0)[0], 32.0 / 41, exact);
  jt.retract(1);
  jt.retract(2);
  EXPECT_EQ(jt.posterior(0), s2);
  EXPECT_EQ(jt.network(), before);
  EXPECT_EQ(jt.network().size(), 3u);
  EXPECT_EQ(net, before);
}

// ---- B08: evidence with probability zero ---------------------------------------------------

bayesian_network b08_network(double b0_given_a0, double b1_given_a0) {
  bayesian_network net("b08");
  const var_id a = net.add_variable("A", {"a0", "a1"});
  const var_id b = net.add_variable("B", {"b0", "b1"});
  const var_id c = net.add_variable("C", {"c0", "c1"});
  net.set_cpt(a, {}, {0.5, 0.5});
  net.set_cpt(b, {a}, {b0_given_a0, b1_given_a0, 0.3, 0.7});
  net.set_cpt(c, {b}, {1.0, 0.0, 0.2, 0.8});
  return net;
}

TEST(FieldFaultsInference, B08ImpossibleEvidenceIsAnErrorInEveryEngine) {
  const auto net = b08_network(1.0, 0.0);
  evidence_set e;
  e.set_hard(net, "A", "a0");
  e.set_hard(net, "C", "c1");
  for (auto& eng : engines(net)) {
    EXPECT_EQ(eng.log_p(e), minus_inf) << eng.name;
    for (var_id v = 0; v < 3; ++v) {
      try {
        (void)eng.posterior(v, e);
        FAIL() << eng.name << ": expected impossible_evidence_error";
      } catch (const impossible_evidence_error& ex) {
        EXPECT_EQ(std::string(ex.what()), "evidence has probability zero: A=a0, C=c1") << eng.name;
      }
    }
    EXPECT_THROW((void)eng.joint({1}, e), impossible_evidence_error) << eng.name;
    // Possible evidence on the same network.
    evidence_set c1;
    c1.set_hard(net, "C", "c1");
    EXPECT_NEAR(std::exp(eng.log_p(c1)), 7.0 / 25, exact) << eng.name;
    EXPECT_NEAR(eng.posterior(0, c1)[1], 1.0, exact) << eng.name;
  }
}

TEST(FieldFaultsInference, B08RareEvidenceIsNotImpossible) {
  const auto net = b08_network(0.999999, 0.000001);
  evidence_set e;
  e.set_hard(net, "A", "a0");
  e.set_hard(net, "C", "c1");
  for (auto& eng : engines(net)) {
    EXPECT_NEAR(std::exp(eng.log_p(e)), 4e-7, 1e-12 * 4e-7) << eng.name;
    EXPECT_NEAR(eng.log_p(e), std::log(4e-7), 1e-9) << eng.name;
    expect_vectors_near(eng.posterior(1, e), {0.0, 1.0}, exact, eng.name);
  }
}

TEST(FieldFaultsInference, B08AllZeroLikelihoodIsRejectedAtEntry) {
  const auto net = b08_network(1.0, 0.0);
  evidence_set e;
  try {
    e.set_likelihood(net, "B", {0.0, 0.0});
    FAIL() << "expected impossible_evidence_error";
  } catch (const impossible_evidence_error& ex) {
    EXPECT_NE(std::string(ex.what()).find("'B'"), std::string::npos) << ex.what();
  }
  junction_tree jt(net);
  EXPECT_THROW(jt.set_likelihood("B", {0.0, 0.0}), impossible_evidence_error);
  EXPECT_TRUE(jt.evidence().empty());
}

// ---- B12: loopy network, exact answers --------------------------------------------------------

TEST(FieldFaultsInference, B12SprinklerIsExact) {
  bayesian_network net("sprinkler");
  const var_id c = net.add_variable("C", {"T", "F"});
  const var_id s = net.add_variable("S", {"on", "off"});
  const var_id r = net.add_variable("R", {"T", "F"});
  const var_id w = net.add_variable("W", {"wet", "dry"});
  net.set_cpt(c, {}, {0.4, 0.6});
  net.set_cpt(s, {c}, {0.2, 0.8, 0.6, 0.4});
  net.set_cpt(r, {c}, {0.85, 0.15, 0.25, 0.75});
  net.set_cpt(w, {s, r}, {0.98, 0.02, 0.85, 0.15, 0.88, 0.12, 0.02, 0.98});
  for (auto& eng : engines(net)) {
    evidence_set none;
    EXPECT_NEAR(eng.posterior(w, none)[0], 0.69126, exact) << eng.name;
    EXPECT_GT(std::fabs(eng.posterior(w, none)[0] - 0.649212), 0.04) << eng.name;
    evidence_set wet;
    wet.set_hard(net, "W", "wet");
    EXPECT_NEAR(eng.posterior(r, wet)[0], 7450.0 / 11521, exact) << eng.name;
    EXPECT_NEAR(std::exp(eng.log_p(wet)), 0.69126, exact) << eng.name;
    const factor sr = eng.joint({s, r}, none);
    EXPECT_EQ(sr.scope(), (std::vector<var_id>{s, r})) << eng.name;
    expect_vectors_near(sr.values(), {0.158, 0.282, 0.332, 0.228}, exact, eng.name);
  }
}

// ---- B13: deterministic copies of a common parent ----------------------------------------------

TEST(FieldFaultsInference, B13DeterministicCopies) {
  bayesian_network net("copies");
  const var_id r = net.add_variable("R", {"0", "1"});
  const var_id a = net.add_variable("A", {"0", "1"});
  const var_id b = net.add_variable("B", {"0", "1"});
  const var_id s = net.add_variable("S", {"0", "1", "2"});
  net.set_cpt(r, {}, {0.7, 0.3});
  net.set_cpt(a, {r}, {1, 0, 0, 1});
  net.set_cpt(b, {r}, {1, 0, 0, 1});
  net.set_cpt(s, {a, b}, {1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1});
  for (auto& eng : engines(net)) {
    expect_vectors_near(eng.posterior(s, evidence_set{}), {0.7, 0.0, 0.3}, exact, eng.name);
    evidence_set a1;
    a1.set_hard(net, a, 1);
    EXPECT_NEAR(eng.posterior(b, a1)[1], 1.0, exact) << eng.name;
    evidence_set s1;
    s1.set_hard(net, s, 1);
    EXPECT_EQ(eng.log_p(s1), minus_inf) << eng.name;
    EXPECT_THROW((void)eng.posterior(r, s1), impossible_evidence_error) << eng.name;
  }
}

// ---- B14: long chain with hard zeros -----------------------------------------------------------

TEST(FieldFaultsInference, B14LongChainWithHardZeros) {
  bayesian_network net("chain20");
  for (int i = 1; i <= 20; ++i) net.add_variable("X" + std::to_string(i), {"0", "1"});
  net.set_cpt(0, {}, {0.5, 0.5});
  for (var_id i = 1; i < 20; ++i) net.set_cpt(i, {i - 1}, {1.0, 0.0, 0.4, 0.6});
  evidence_set e;
  e.set_hard(net, "X20", "1");
  const double p = 0.5 * std::pow(0.6, 19);  // 3^19 / (2 * 5^19)
  for (auto& eng : engines(net)) {
    EXPECT_NEAR(std::exp(eng.log_p(e)), 3.0467987e-05, 1e-12) << eng.name;
    EXPECT_NEAR(eng.log_p(e), std::log(p), 1e-12) << eng.name;
    EXPECT_NEAR(eng.posterior(0, e)[1], 1.0, exact) << eng.name;
    EXPECT_NEAR(eng.posterior(9, e)[1], 1.0, exact) << eng.name;
    for (var_id v = 0; v < 19; ++v) EXPECT_EQ(eng.posterior(v, e)[0], 0.0) << eng.name << " X" << v + 1;
  }
}

// ---- B15: several findings on sibling children, in every order -----------------------------------

bayesian_network b15_network() {
  bayesian_network net("tests");
  const var_id d = net.add_variable("Dis", {"yes", "no"});
  const var_id t1 = net.add_variable("T1", {"pos", "neg"});
  const var_id t2 = net.add_variable("T2", {"pos", "neg"});
  const var_id m = net.add_variable("M", {"lo", "mid", "hi"});
  net.set_cpt(d, {}, {0.02, 0.98});
  net.set_cpt(t1, {d}, {0.95, 0.05, 0.1, 0.9});
  net.set_cpt(t2, {d}, {0.95, 0.05, 0.1, 0.9});
  net.set_cpt(m, {d}, {0.1, 0.3, 0.6, 0.7, 0.2, 0.1});
  return net;
}

TEST(FieldFaultsInference, B15SiblingEvidence) {
  const auto net = b15_network();
  for (auto& eng : engines(net)) {
    evidence_set e1;
    e1.set_hard(net, "T1", "pos");
    EXPECT_NEAR(eng.posterior(0, e1)[0], 19.0 / 117, exact) << eng.name;
    evidence_set pp = e1;
    pp.set_hard(net, "T2", "pos");
    EXPECT_NEAR(eng.posterior(0, pp)[0], 361.0 / 557, exact) << eng.name;
    evidence_set pn = e1;
    pn.set_hard(net, "T2", "neg");
    EXPECT_NEAR(eng.posterior(0, pn)[0], 19.0 / 1783, exact) << eng.name;
    evidence_set pph = pp;
    pph.set_hard(net, "M", "hi");
    EXPECT_NEAR(eng.posterior(0, pph)[0], 1083.0 / 1181, exact) << eng.name;
    EXPECT_NEAR(std::exp(eng.log_p(pph)), 0.01181, exact) << eng.name;
    evidence_set pm = e1;
    pm.set_hard(net, "M", "mid");
    EXPECT_NEAR(eng.posterior(2, pm)[0], 295.0 / 1012, exact) << eng.name;
  }
}

TEST(FieldFaultsInference, B15EveryOrderOfEnteringEvidence) {
  const auto net = b15_network();
  const variable_elimination ve(net);
  struct step {
    var_id v;
    std::size_t state;
  };
  std::vector<step> steps{{1, 0}, {2, 0}, {3, 2}};
  std::vector<int> perm{0, 1, 2};
  std::vector<double> first;
  int orders = 0;
  do {
    junction_tree jt(net);
    evidence_set e;
    for (int i : perm) {
      jt.set_hard(steps[i].v, steps[i].state);
      e.set_hard(net, steps[i].v, steps[i].state);
      (void)jt.posterior(0);  // propagate after every finding
    }
    const auto p = jt.posterior(0);
    EXPECT_NEAR(p[0], 1083.0 / 1181, exact);
    EXPECT_NEAR(ve.posterior(0, e)[0], 1083.0 / 1181, exact);
    if (first.empty()) first = p;
    EXPECT_EQ(p, first);  // identical, not merely close
    ++orders;
  } while (std::next_permutation(perm.begin(), perm.end()));
  EXPECT_EQ(orders, 6);
}

// ---- B16: probability of a partial assignment ------------------------------------------------------

TEST(FieldFaultsInference, B16ProbabilityOfPartialAssignments) {
  bayesian_network net("zxy");
  const var_id z = net.add_variable("Z", {"z0", "z1"});
  const var_id x = net.add_variable("X", {"x0", "x1"});
  const var_id y = net.add_variable("Y", {"y0", "y1"});
  net.set_cpt(z, {}, {0.35, 0.65});
  net.set_cpt(x, {z}, {0.8, 0.2, 0.25, 0.75});
  net.set_cpt(y, {x}, {0.6, 0.4, 0.1, 0.9});
  auto prob = [&](engine& eng, std::vector<std::pair<var_id, std::size_t>> assignment) {
    evidence_set e;
    for (auto [v, s] : assignment) e.set_hard(net, v, s);
    return std::exp(eng.log_p(e));
  };
  for (auto& eng : engines(net)) {
    EXPECT_NEAR(prob(eng, {{x, 1}}), 0.5575, exact) << eng.name;
    EXPECT_NEAR(prob(eng, {{x, 0}}), 0.4425, exact) << eng.name;
    EXPECT_NEAR(prob(eng, {{x, 0}}) + prob(eng, {{x, 1}}), 1.0, exact) << eng.name;
    EXPECT_NEAR(prob(eng, {{y, 1}}), 0.67875, exact) << eng.name;
    EXPECT_NEAR(prob(eng, {{z, 0}, {y, 1}}), 0.175, exact) << eng.name;
    EXPECT_NEAR(prob(eng, {{z, 1}, {x, 1}, {y, 1}}), 0.43875, exact) << eng.name;
    EXPECT_NEAR(prob(eng, {}), 1.0, exact) << eng.name;
  }
}

}  // namespace
