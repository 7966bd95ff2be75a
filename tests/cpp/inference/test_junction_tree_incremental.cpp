// Incremental updates of the junction tree workspace: after every step of a random sequence
// of evidence changes, the answers equal those of a fresh workspace given the same evidence
// (bit for bit: the scheme never updates a table by a ratio), on random networks and on
// alarm; targeted queries, whole-network reads and both storage modes of the initial
// potentials agree; the compiled structure is never written.

#include <augury/inference/enumeration.hpp>
#include <augury/inference/junction_tree.hpp>
#include <augury/io/bif.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "random_network.hpp"

namespace {

using namespace augury;
namespace fs = std::filesystem;

const double minus_inf = -std::numeric_limits<double>::infinity();

fs::path shared_dir() {
#ifdef AUGURY_SHARED_DIR
  return fs::path(AUGURY_SHARED_DIR);
#else
  return fs::path(__FILE__).parent_path() / ".." / ".." / ".." / ".." / "shared";
#endif
}

/// Everything a workspace answers for its evidence: log P(e), then every posterior read one
/// variable at a time, in `order`. Empty posteriors (and "error" set) when propagation fails.
struct answers {
  double log_pe = 0.0;
  std::vector<std::vector<double>> posteriors;
  std::string error;
};

answers read(junction_tree_workspace& ws, const std::vector<var_id>& order) {
  answers a;
  a.log_pe = ws.log_evidence_probability();
  try {
    ws.propagate();
  } catch (const evidence_error& e) {
    a.error = e.what();
    return a;
  }
  a.posteriors.resize(ws.compiled().size());
  for (var_id v : order) a.posteriors[v] = ws.posterior(v);
  return a;
}

void expect_identical(const answers& got, const answers& want, const std::string& what) {
  ASSERT_EQ(got.error, want.error) << what;
  if (std::isnan(want.log_pe)) ADD_FAILURE() << "NaN log P(e): " << what;
  EXPECT_EQ(got.log_pe, want.log_pe) << what;
  ASSERT_EQ(got.posteriors.size(), want.posteriors.size()) << what;
  for (std::size_t v = 0; v < got.posteriors.size(); ++v)
    EXPECT_EQ(got.posteriors[v], want.posteriors[v]) << what << ", variable " << v;
}

/// One random change: a hard finding, a likelihood, a fixed marginal (rarely) or a retraction.
void random_change(junction_tree_workspace& ws, std::mt19937_64& rng, bool allow_fixed) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const auto& tree = ws.compiled();
  const var_id v = test::uniform_index(rng, 0, tree.size() - 1);
  const std::size_t k = tree.var(v).cardinality();
  const double u = unit(rng);
  if (u < 0.35) {
    ws.set_hard(v, test::uniform_index(rng, 0, k - 1));
  } else if (u < 0.65) {
    std::vector<double> lambda(k);
    for (double& x : lambda) x = unit(rng) < 0.1 ? 0.0 : 0.05 + unit(rng);
    lambda[test::uniform_index(rng, 0, k - 1)] = 0.5;
    ws.set_likelihood(v, lambda);
  } else if (u < 0.7 && allow_fixed) {
    std::vector<double> q(k);
    double s = 0.0;
    for (double& x : q) s += (x = 0.1 + unit(rng));
    for (double& x : q) x /= s;
    ws.set_fixed_marginal(v, q);
  } else {
    ws.retract(v);
  }
}

std::vector<var_id> shuffled_ids(std::size_t n, std::mt19937_64& rng) {
  std::vector<var_id> ids(n);
  for (var_id v = 0; v < n; ++v) ids[v] = v;
  std::shuffle(ids.begin(), ids.end(), rng);
  return ids;
}

TEST(JunctionTreeIncremental, EveryStepEqualsAFreshWorkspaceOnRandomNetworks) {
  std::mt19937_64 rng(20240917);
  test::random_network_spec spec;
  spec.min_variables = 6;
  spec.max_variables = 16;
  spec.edge_probability = 0.3;
  int failures = 0, steps = 0;
  for (int n = 0; n < 40; ++n) {
    const bayesian_network net = test::random_network(rng, spec);
    const auto compiled = std::make_shared<const compiled_junction_tree>(net);
    junction_tree_workspace ws(compiled);
    for (int step = 0; step < 30; ++step, ++steps) {
      random_change(ws, rng, n % 4 == 0);
      // Read in a random order, and sometimes only part of the network, so that later steps
      // start from a partly distributed state.
      const auto order = shuffled_ids(net.size(), rng);
      junction_tree_workspace fresh(compiled);
      fresh.set_evidence(ws.evidence());
      const answers want = read(fresh, shuffled_ids(net.size(), rng));
      if (step % 3 == 2) {
        (void)ws.log_evidence_probability();
        try {
          (void)ws.posterior(order.front());
        } catch (const evidence_error&) {
        }
        continue;
      }
      const answers got = read(ws, order);
      if (!want.error.empty()) ++failures;
      expect_identical(got, want, "network " + std::to_string(n) + ", step " + std::to_string(step) +
                                      ", evidence " + ws.evidence().describe(*compiled));
    }
  }
  EXPECT_GE(failures, 10);  // impossible evidence is part of the sequences
  EXPECT_GE(steps, 1000);
}

TEST(JunctionTreeIncremental, MatchesEnumerationAlongTheWay) {
  // Independent check of the incremental answers (not only self-consistency).
  std::mt19937_64 rng(77);
  for (int n = 0; n < 25; ++n) {
    const bayesian_network net = test::random_network(rng);
    const enumeration oracle(net);
    junction_tree jt(net);
    for (int step = 0; step < 20; ++step) {
      random_change(jt.workspace(), rng, false);
      const evidence_set e = jt.evidence();
      const double lp = oracle.log_evidence_probability(e);
      if (lp == minus_inf) {
        EXPECT_EQ(jt.log_evidence_probability(), minus_inf);
        EXPECT_THROW(jt.propagate(), impossible_evidence_error);
        continue;
      }
      EXPECT_NEAR(jt.log_evidence_probability(), lp, 1e-10);
      const std::vector<double> all = jt.posteriors();
      std::size_t at = 0;
      for (var_id v = 0; v < net.size(); ++v) {
        const auto want = oracle.posterior(v, e);
        const auto got = jt.posterior(v);
        for (std::size_t s = 0; s < want.size(); ++s) {
          EXPECT_NEAR(got[s], want[s], 1e-10) << "variable " << v;
          EXPECT_EQ(all[at + s], got[s]);  // posteriors() gives the same numbers
        }
        at += want.size();
      }
    }
  }
}

TEST(JunctionTreeIncremental, AlarmSequenceEqualsFreshAndRetractionRestoresThePrior) {
  const fs::path file = shared_dir() / "data" / "networks" / "bif" / "alarm.bif";
  if (!fs::exists(file)) GTEST_SKIP() << "shared data not found at " << file;
  const bayesian_network net = io::read_bif(file.string());
  const auto compiled = std::make_shared<const compiled_junction_tree>(net);
  junction_tree_workspace ws(compiled);
  std::mt19937_64 rng(5);
  std::vector<var_id> all(net.size());
  for (var_id v = 0; v < net.size(); ++v) all[v] = v;
  const answers prior = read(ws, all);
  for (int step = 0; step < 150; ++step) {
    random_change(ws, rng, step % 10 == 0);
    junction_tree_workspace fresh(compiled);
    fresh.set_evidence(ws.evidence());
    expect_identical(read(ws, shuffled_ids(net.size(), rng)), read(fresh, all), "alarm step " + std::to_string(step));
  }
  ws.clear_evidence();
  expect_identical(read(ws, all), prior, "after clearing the evidence");
}

TEST(JunctionTreeIncremental, StoredAndRebuiltInitialPotentialsGiveIdenticalAnswers) {
  std::mt19937_64 rng(31);
  for (int n = 0; n < 20; ++n) {
    const bayesian_network net = test::random_network(rng);
    junction_tree_options stored, rebuilt;
    stored.initial_potentials = potential_storage::stored;
    rebuilt.initial_potentials = potential_storage::rebuilt;
    const auto a = std::make_shared<const compiled_junction_tree>(net, stored);
    const auto b = std::make_shared<const compiled_junction_tree>(net, rebuilt);
    EXPECT_TRUE(a->stores_initial_potentials());
    EXPECT_FALSE(b->stores_initial_potentials());
    EXPECT_LT(b->memory_bytes(), a->memory_bytes());
    junction_tree_workspace wa(a), wb(b);
    for (int step = 0; step < 10; ++step) {
      random_change(wa, rng, false);
      wb.set_evidence(wa.evidence());
      const auto order = shuffled_ids(net.size(), rng);
      expect_identical(read(wa, order), read(wb, order), "network " + std::to_string(n));
    }
  }
}

TEST(JunctionTreeIncremental, TargetedQueriesComputeOnlyThePathAndAgreeWithFullReads) {
  // A long chain: one finding at the end, then one posterior at the start. The targeted read
  // must give the same numbers as reading everything, in any order.
  const std::size_t n = 200;
  bayesian_network net("chain");
  for (std::size_t i = 0; i < n; ++i) net.add_variable("X" + std::to_string(i), {"a", "b", "c"});
  net.set_cpt(0, {}, {0.2, 0.3, 0.5});
  for (std::size_t i = 1; i < n; ++i)
    net.set_cpt(i, {i - 1}, {0.7, 0.2, 0.1, 0.1, 0.8, 0.1, 0.25, 0.25, 0.5});
  const auto compiled = std::make_shared<const compiled_junction_tree>(net);
  junction_tree_workspace a(compiled), b(compiled);
  for (int round = 0; round < 5; ++round) {
    const var_id v = static_cast<var_id>((round * 37) % n);
    a.set_likelihood(v, {0.1, 0.6, 0.3 + round});
    b.set_likelihood(v, {0.1, 0.6, 0.3 + round});
    const std::vector<double> targeted = a.posterior(n - 1 - v);
    const std::vector<double> everything = b.posteriors();
    for (std::size_t s = 0; s < 3; ++s) EXPECT_EQ(targeted[s], everything[3 * (n - 1 - v) + s]);
    for (var_id u = 0; u < n; ++u) EXPECT_EQ(a.posterior(u), b.posterior(u));
  }
}

TEST(JunctionTreeIncremental, EnteringEvidenceInAnyOrderGivesIdenticalAnswers) {
  std::mt19937_64 rng(404);
  for (int n = 0; n < 20; ++n) {
    const bayesian_network net = test::random_network(rng);
    const evidence_set e = test::random_evidence(net, rng, 0.25, 0.25);
    const auto compiled = std::make_shared<const compiled_junction_tree>(net);
    junction_tree_workspace forward(compiled), backward(compiled), at_once(compiled);
    // Query between findings, so each workspace passes through different cached states.
    std::vector<std::pair<var_id, finding>> list(e.findings().begin(), e.findings().end());
    auto enter = [&](junction_tree_workspace& ws, const std::pair<var_id, finding>& f) {
      if (f.second.kind == evidence_kind::hard)
        ws.set_hard(f.first, f.second.state);
      else
        ws.set_likelihood(f.first, f.second.values);
      (void)ws.log_evidence_probability();
    };
    for (const auto& f : list) enter(forward, f);
    for (auto it = list.rbegin(); it != list.rend(); ++it) enter(backward, *it);
    at_once.set_evidence(e);
    std::vector<var_id> all(net.size());
    for (var_id v = 0; v < net.size(); ++v) all[v] = v;
    const answers want = read(at_once, all);
    expect_identical(read(forward, all), want, "forward");
    expect_identical(read(backward, all), want, "backward");
  }
}

TEST(JunctionTreeIncremental, SettingTheSameFindingAgainChangesNothing) {
  std::mt19937_64 rng(9);
  const bayesian_network net = test::random_network(rng);
  junction_tree jt(net);
  jt.set_hard(0, 0);
  jt.set_likelihood(1, std::vector<double>(net.var(1).cardinality(), 0.5));
  const double lp = jt.log_evidence_probability();
  const auto p = jt.posteriors();
  jt.set_hard(0, 0);
  jt.set_likelihood(1, std::vector<double>(net.var(1).cardinality(), 0.5));
  EXPECT_EQ(jt.log_evidence_probability(), lp);
  EXPECT_EQ(jt.posteriors(), p);
  // Likelihood 0.5 everywhere: posteriors as without it, log P(e) lower by log 2.
  jt.retract(1);
  EXPECT_NEAR(jt.log_evidence_probability(), lp - std::log(0.5), 1e-14);
}

TEST(JunctionTreeIncremental, WorkspaceRejectsBadInputWithoutChangingTheEvidence) {
  bayesian_network net("named");
  const var_id a = net.add_variable("Rain", {"yes", "no"});
  const var_id b = net.add_variable("Grass", {"wet", "dry"});
  net.set_cpt(a, {}, {0.2, 0.8});
  net.set_cpt(b, {a}, {0.9, 0.1, 0.1, 0.9});
  junction_tree_workspace ws(std::make_shared<const compiled_junction_tree>(net));
  ws.set_hard(b, 0);
  try {
    ws.set_hard(b, 2);
    FAIL() << "expected evidence_error";
  } catch (const evidence_error& e) {
    EXPECT_EQ(std::string(e.what()), "evidence on 'Grass': state number 2 out of range (states: wet, dry)");
  }
  EXPECT_THROW(ws.set_hard(7, 0), evidence_error);
  const double bad[] = {0.5, -1.0};
  EXPECT_THROW(ws.set_likelihood(a, bad), evidence_error);
  const double zero[] = {0.0, 0.0};
  EXPECT_THROW(ws.set_likelihood(a, zero), impossible_evidence_error);
  EXPECT_THROW(ws.set_likelihood(a, std::vector<double>{1.0}), evidence_error);
  EXPECT_THROW(ws.set_fixed_marginal(a, {0.5, 0.6}), evidence_error);
  EXPECT_EQ(ws.evidence().describe(net), "Grass=wet");
  EXPECT_NEAR(ws.posterior(a)[0], 0.18 / 0.26, 1e-15);
  EXPECT_THROW((void)ws.posterior(5), model_error);
  EXPECT_THROW(junction_tree_workspace(nullptr), inference_error);
}

}  // namespace
