// Relevance pruning in variable elimination: the Bayes-ball requisite set on hand-checked
// graphs, and requisite_posterior against enumeration on random networks.

#include <augury/inference/enumeration.hpp>
#include <augury/inference/variable_elimination.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "random_network.hpp"

namespace {

using namespace augury;

/// A -> B -> C -> D, plus E -> C and B -> F (binary).
bayesian_network small_graph() {
  bayesian_network net("requisite");
  for (const char* name : {"A", "B", "C", "D", "E", "F"}) net.add_variable(name, {"t", "f"});
  net.set_cpt("A", {}, {0.3, 0.7});
  net.set_cpt("B", {"A"}, {0.9, 0.1, 0.2, 0.8});
  net.set_cpt("E", {}, {0.6, 0.4});
  net.set_cpt("C", {"B", "E"}, {0.5, 0.5, 0.1, 0.9, 0.7, 0.3, 0.05, 0.95});
  net.set_cpt("D", {"C"}, {0.4, 0.6, 0.8, 0.2});
  net.set_cpt("F", {"B"}, {0.3, 0.7, 0.6, 0.4});
  return net;
}

std::vector<std::string> names(const bayesian_network& net, const std::vector<var_id>& ids) {
  std::vector<std::string> out;
  for (var_id v : ids) out.push_back(net.var(v).name());
  return out;
}

TEST(Requisite, BayesBallOnAHandCheckedGraph) {
  const bayesian_network net = small_graph();
  const variable_elimination ve(net);
  const var_id a = net.id("A"), b = net.id("B"), c = net.id("C"), d = net.id("D"), e_ = net.id("E");
  using list = std::vector<std::string>;
  // No evidence: only the target's ancestors (C, D, F are barren).
  EXPECT_EQ(names(net, ve.requisite_variables({a}, evidence_set{})), (list{"A"}));
  EXPECT_EQ(names(net, ve.requisite_variables({c}, evidence_set{})), (list{"A", "B", "C", "E"}));
  // B observed blocks A from everything below it; C's CPT is then needed for E only
  // through the observed child D.
  evidence_set e;
  e.set_hard(net, b, 0);
  EXPECT_EQ(names(net, ve.requisite_variables({a}, e)), (list{"A", "B"}));
  EXPECT_EQ(names(net, ve.requisite_variables({e_}, e)), (list{"E"}));
  e.set_hard(net, d, 1);
  EXPECT_EQ(names(net, ve.requisite_variables({e_}, e)), (list{"C", "D", "E"}));
  EXPECT_EQ(names(net, ve.requisite_variables({a}, e)), (list{"A", "B"}));
  // A likelihood finding on F (a child of B, below the observed B) does not reach A.
  e.set_likelihood(net, net.id("F"), {0.2, 0.9});
  EXPECT_EQ(names(net, ve.requisite_variables({a}, e)), (list{"A", "B"}));
  // Without B observed, it does.
  e.retract(b);
  EXPECT_EQ(names(net, ve.requisite_variables({a}, e)), (list{"A", "B", "C", "D", "E", "F"}));
  // The answers agree with enumeration.
  const enumeration oracle(net);
  for (var_id t = 0; t < net.size(); ++t) {
    const auto want = oracle.posterior(t, e);
    const auto got = ve.requisite_posterior(t, e);
    for (std::size_t s = 0; s < 2; ++s) EXPECT_NEAR(got[s], want[s], 1e-15);
  }
  (void)c;
}

TEST(Requisite, RequisitePosteriorMatchesEnumerationOnRandomNetworks) {
  std::mt19937_64 rng(1998);
  int checked = 0, pruned = 0;
  for (int n = 0; n < 150; ++n) {
    const bayesian_network net = test::random_network(rng);
    const enumeration oracle(net);
    const variable_elimination ve(net);
    for (int k = 0; k < 4; ++k) {
      const evidence_set e = test::random_evidence(net, rng, 0.3, 0.15);
      if (oracle.log_evidence_probability(e) == -std::numeric_limits<double>::infinity()) continue;
      for (var_id t = 0; t < net.size(); ++t) {
        const auto want = oracle.posterior(t, e);
        const auto got = ve.requisite_posterior(t, e);
        for (std::size_t s = 0; s < want.size(); ++s)
          EXPECT_NEAR(got[s], want[s], 1e-10) << "network " << n << ", target " << t << ", " << e.describe(net);
        ++checked;
        if (ve.requisite_variables({t}, e).size() < net.size()) ++pruned;
      }
    }
  }
  EXPECT_GE(checked, 1500);
  EXPECT_GE(pruned, checked / 2);  // the pruning does drop part of most networks
}

TEST(Requisite, RoundedRowsKeepTheirVariables) {
  // C is barren for P(A), but its rows sum to 1 + 1e-7: dropping it would change the answer
  // of "tables as written" by 1e-7, so it stays requisite (as an observed child would).
  bayesian_network net("rounded");
  const var_id a = net.add_variable("A", {"t", "f"});
  const var_id c = net.add_variable("C", {"t", "f"});
  net.set_cpt(a, {}, {0.3, 0.7});
  net.set_cpt(c, {a}, {0.5 + 1e-7, 0.5, 0.2, 0.8});
  const variable_elimination ve(net);
  EXPECT_EQ(ve.requisite_variables({a}, evidence_set{}), (std::vector<var_id>{a, c}));
  const auto p = ve.requisite_posterior(a, evidence_set{});
  const double z = 0.3 * (1.0 + 1e-7) + 0.7;
  EXPECT_NEAR(p[0], 0.3 * (1.0 + 1e-7) / z, 1e-16);
}

TEST(Requisite, ImpossibleRequisiteEvidenceIsStillAnError) {
  bayesian_network net("det");
  const var_id a = net.add_variable("A", {"a0", "a1"});
  const var_id b = net.add_variable("B", {"b0", "b1"});
  net.set_cpt(a, {}, {0.4, 0.6});
  net.set_cpt(b, {a}, {1.0, 0.0, 0.5, 0.5});
  const variable_elimination ve(net);
  evidence_set e;
  e.set_hard(net, a, 0);
  e.set_hard(net, b, 1);
  EXPECT_THROW((void)ve.requisite_posterior(b, e), impossible_evidence_error);
  EXPECT_THROW((void)ve.requisite_variables({5}, e), model_error);
}

}  // namespace
