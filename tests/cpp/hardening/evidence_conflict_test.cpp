// minimal_impossible_evidence and explain_impossible_evidence (evidence_conflict.hpp),
// checked against brute force: the subset returned has P = 0, and dropping any one of its
// findings gives P > 0.

#include "hardening_support.hpp"

#include "../inference/random_network.hpp"

#include <augury/inference/enumeration.hpp>
#include <augury/inference/evidence_conflict.hpp>

#include <cmath>
#include <random>

namespace augury {
namespace {

bool impossible(const enumeration& en, const evidence_set& e) {
  return std::isinf(en.log_evidence_probability(e));
}

TEST(hardening_conflict, b08_with_extra_findings) {
  auto net = hardening::b08_network();
  net.add_variable("D", {"d0", "d1"});
  net.add_variable("E", {"e0", "e1"});
  net.set_cpt("D", {"A"}, {0.5, 0.5, 0.1, 0.9});
  net.set_cpt("E", {"C"}, {0.6, 0.4, 0.3, 0.7});
  evidence_set e;
  e.set_hard(net, "D", "d1");
  e.set_hard(net, "A", "a0");
  e.set_likelihood(net, "E", {0.2, 0.9});
  e.set_hard(net, "C", "c1");
  const auto core = minimal_impossible_evidence(net, e);
  ASSERT_TRUE(core.has_value());
  EXPECT_EQ(core->describe(net), "A=a0, C=c1");
}

TEST(hardening_conflict, single_impossible_finding) {
  auto net = hardening::b08_network();
  net.set_cpt("A", {}, {1.0, 0.0});
  evidence_set e;
  e.set_hard(net, "A", "a1");
  e.set_hard(net, "B", "b0");
  EXPECT_EQ(explain_impossible_evidence(net, e),
            "evidence has probability zero: A=a1, B=b0; this finding alone is impossible: A=a1");
}

TEST(hardening_conflict, likelihood_findings_take_part) {
  const auto net = hardening::b08_network();
  evidence_set e;
  e.set_likelihood(net, "A", {1.0, 0.0});  // rules out a1, as A=a0 would
  e.set_likelihood(net, "C", {0.0, 2.0});
  e.set_hard(net, "B", "b1");  // impossible given A=a0 too, so the search keeps one of two cores
  const auto core = minimal_impossible_evidence(net, e);
  ASSERT_TRUE(core.has_value());
  const enumeration en(net);
  EXPECT_TRUE(impossible(en, *core));
  for (const auto& [v, f] : core->findings()) {
    evidence_set less = *core;
    less.retract(v);
    EXPECT_FALSE(impossible(en, less)) << core->describe(net);
  }
}

TEST(hardening_conflict, nothing_to_find) {
  const auto net = hardening::b08_network();
  evidence_set possible;
  possible.set_hard(net, "C", "c1");
  EXPECT_FALSE(minimal_impossible_evidence(net, possible).has_value());
  EXPECT_EQ(explain_impossible_evidence(net, possible), "evidence has probability zero: C=c1");
  EXPECT_FALSE(minimal_impossible_evidence(net, evidence_set{}).has_value());
  // A conflict that needs a fixed marginal is not searched (only hard and likelihood findings).
  evidence_set with_fixed;
  with_fixed.set_hard(net, "A", "a0");
  with_fixed.set_fixed_marginal(net, "B", {0.5, 0.5});
  EXPECT_FALSE(minimal_impossible_evidence(net, with_fixed).has_value());
  // All findings already form the core: the message does not repeat them.
  evidence_set both;
  both.set_hard(net, "A", "a0");
  both.set_hard(net, "C", "c1");
  EXPECT_EQ(explain_impossible_evidence(net, both), "evidence has probability zero: A=a0, C=c1");
}

TEST(hardening_conflict, gives_up_beyond_its_budget) {
  const auto net = hardening::b08_network();
  evidence_set e;
  e.set_hard(net, "A", "a0");
  e.set_hard(net, "B", "b0");
  e.set_hard(net, "C", "c1");
  evidence_conflict_options few;
  few.max_findings = 2;
  EXPECT_FALSE(minimal_impossible_evidence(net, e, few).has_value());
  evidence_conflict_options tiny;
  tiny.max_table_entries = 1;
  EXPECT_FALSE(minimal_impossible_evidence(net, e, tiny).has_value());
  EXPECT_EQ(explain_impossible_evidence(net, e, tiny), "evidence has probability zero: A=a0, B=b0, C=c1");
}

TEST(hardening_conflict, random_networks_against_brute_force) {
  std::mt19937_64 rng(99);
  test::random_network_spec spec;
  spec.zero_probability = 0.35;
  int checked = 0;
  for (int round = 0; round < 200; ++round) {
    const auto net = test::random_network(rng, spec);
    evidence_set e;
    for (var_id v = 0; v < net.size(); ++v)
      if (rng() % 2) e.set_hard(net, v, rng() % net.var(v).cardinality());
    const enumeration en(net);
    const auto core = minimal_impossible_evidence(net, e);
    if (!impossible(en, e)) {
      EXPECT_FALSE(core.has_value());
      continue;
    }
    ASSERT_TRUE(core.has_value());
    ++checked;
    EXPECT_TRUE(impossible(en, *core));
    for (const auto& [v, f] : core->findings()) {
      EXPECT_EQ(*e.find(v), f);  // a subset of e
      evidence_set less = *core;
      less.retract(v);
      EXPECT_FALSE(impossible(en, less)) << "not minimal: " << core->describe(net);
    }
  }
  EXPECT_GT(checked, 20);
}

}  // namespace
}  // namespace augury
