// Batch queries and threads: batch_posteriors (both evidence forms, any number of threads)
// gives bit for bit the answers of one fresh junction tree per case; one compiled tree
// shared by several threads, each with its own workspace, gives the serial answers; bad
// cases are reported by index.

#include <augury/inference/batch.hpp>
#include <augury/inference/enumeration.hpp>
#include <augury/inference/junction_tree.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "random_network.hpp"

namespace {

using namespace augury;

/// What one fresh junction tree answers for one case (targets' posteriors, log P(e)).
struct single_answer {
  std::vector<double> row;
  double log_pe = 0.0;
};

single_answer answer_alone(const bayesian_network& net, const evidence_set& e, const std::vector<var_id>& targets) {
  junction_tree jt(net);
  jt.set_evidence(e);
  single_answer a;
  a.log_pe = jt.log_evidence_probability();
  for (var_id t : targets) {
    const auto p = jt.posterior(t);
    a.row.insert(a.row.end(), p.begin(), p.end());
  }
  return a;
}

/// Random cases whose evidence is possible (checked by enumeration).
std::vector<evidence_set> possible_cases(const bayesian_network& net, std::mt19937_64& rng, std::size_t count) {
  const enumeration oracle(net);
  std::vector<evidence_set> cases;
  while (cases.size() < count) {
    evidence_set e = test::random_evidence(net, rng, 0.2, 0.3);
    if (oracle.log_evidence_probability(e) > -std::numeric_limits<double>::infinity()) cases.push_back(e);
  }
  return cases;
}

TEST(JunctionTreeBatch, EqualsOneFreshTreePerCaseForAnyNumberOfThreads) {
  std::mt19937_64 rng(123);
  for (int n = 0; n < 12; ++n) {
    const bayesian_network net = test::random_network(rng);
    const auto cases = possible_cases(net, rng, 60);
    std::vector<var_id> targets{0, static_cast<var_id>(net.size() - 1)};
    if (n % 3 == 0) targets = {static_cast<var_id>(net.size() / 2)};
    const compiled_junction_tree compiled(net);
    std::vector<single_answer> alone;
    for (const auto& e : cases) alone.push_back(answer_alone(net, e, targets));
    for (unsigned threads : {1u, 2u, 3u, 7u}) {
      const batch_result r = batch_posteriors(compiled, cases, targets, threads);
      ASSERT_EQ(r.num_cases, cases.size());
      ASSERT_EQ(r.targets, targets);
      std::size_t width = 0;
      for (var_id t : targets) width += net.var(t).cardinality();
      ASSERT_EQ(r.row_width(), width);
      ASSERT_EQ(r.posteriors.size(), cases.size() * width);
      for (std::size_t c = 0; c < cases.size(); ++c) {
        EXPECT_EQ(r.log_evidence[c], alone[c].log_pe) << "case " << c << ", " << threads << " threads";
        const std::vector<double> row(r.posteriors.begin() + static_cast<std::ptrdiff_t>(c * width),
                                      r.posteriors.begin() + static_cast<std::ptrdiff_t>((c + 1) * width));
        EXPECT_EQ(row, alone[c].row) << "case " << c << ", " << threads << " threads";
      }
      // The documented layout: at(c, t, s).
      EXPECT_EQ(r.at(5, targets.size() - 1, 1), r.posteriors[5 * width + r.target_offsets[targets.size() - 1] + 1]);
    }
  }
}

TEST(JunctionTreeBatch, EvidenceMatrixEqualsTheEvidenceSets) {
  std::mt19937_64 rng(456);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (int n = 0; n < 10; ++n) {
    const bayesian_network net = test::random_network(rng);
    const enumeration oracle(net);
    // Hard columns on the first half of the variables, likelihood blocks on the rest.
    evidence_matrix m;
    const std::size_t half = net.size() / 2;
    for (var_id v = 0; v < half; ++v) m.hard_variables.push_back(v);
    for (var_id v = half; v < net.size(); ++v) m.likelihood_variables.push_back(v);
    std::vector<evidence_set> sets;
    while (sets.size() < 50) {
      evidence_set e;
      std::vector<std::int32_t> hard;
      std::vector<double> weights;
      for (var_id v : m.hard_variables) {
        const bool observed = unit(rng) < 0.3;
        const std::size_t s = test::uniform_index(rng, 0, net.var(v).cardinality() - 1);
        hard.push_back(observed ? static_cast<std::int32_t>(s) : -1);
        if (observed) e.set_hard(net, v, s);
      }
      for (var_id v : m.likelihood_variables) {
        std::vector<double> l(net.var(v).cardinality(), 1.0);
        if (unit(rng) < 0.5) {
          for (double& x : l) x = 0.05 + unit(rng);
          e.set_likelihood(net, v, l);
        }
        weights.insert(weights.end(), l.begin(), l.end());
      }
      if (oracle.log_evidence_probability(e) == -std::numeric_limits<double>::infinity()) continue;
      sets.push_back(e);
      m.hard_states.insert(m.hard_states.end(), hard.begin(), hard.end());
      m.likelihoods.insert(m.likelihoods.end(), weights.begin(), weights.end());
      ++m.num_cases;
    }
    std::vector<var_id> targets(net.size());
    for (var_id v = 0; v < net.size(); ++v) targets[v] = v;
    const compiled_junction_tree compiled(net);
    const batch_result from_sets = batch_posteriors(compiled, sets, targets, 2);
    const batch_result from_matrix = batch_posteriors(compiled, m, targets, 2);
    EXPECT_EQ(from_matrix.posteriors, from_sets.posteriors);
    EXPECT_EQ(from_matrix.log_evidence, from_sets.log_evidence);
    // And against enumeration, for an independent check of the numbers.
    for (std::size_t c = 0; c < sets.size(); c += 7) {
      EXPECT_NEAR(from_matrix.log_evidence[c], oracle.log_evidence_probability(sets[c]), 1e-10);
      for (var_id v = 0; v < net.size(); ++v) {
        const auto want = oracle.posterior(v, sets[c]);
        for (std::size_t s = 0; s < want.size(); ++s) EXPECT_NEAR(from_matrix.at(c, v, s), want[s], 1e-10);
      }
    }
  }
}

TEST(JunctionTreeBatch, ReportsTheFirstBadCase) {
  bayesian_network net("det");
  const var_id a = net.add_variable("A", {"a0", "a1"});
  const var_id b = net.add_variable("B", {"b0", "b1"});
  net.set_cpt(a, {}, {0.4, 0.6});
  net.set_cpt(b, {a}, {1.0, 0.0, 0.5, 0.5});
  const compiled_junction_tree compiled(net);
  std::vector<evidence_set> cases(300);
  for (std::size_t c = 0; c < cases.size(); ++c) cases[c].set_hard(net, a, c % 2);
  cases[170].set_hard(net, b, 1);  // A=a0, B=b1: impossible
  cases[250].set_hard(net, b, 1);
  for (unsigned threads : {1u, 2u, 4u}) {
    try {
      (void)batch_posteriors(compiled, cases, {b}, threads);
      FAIL() << "expected impossible_evidence_error";
    } catch (const impossible_evidence_error& e) {
      EXPECT_EQ(std::string(e.what()), "case 170: evidence has probability zero: A=a0, B=b1");
    }
  }
  evidence_matrix m;
  m.num_cases = 3;
  m.hard_variables = {a};
  m.hard_states = {0, 1, 2};
  try {
    (void)batch_posteriors(compiled, m, {b});
    FAIL() << "expected evidence_error";
  } catch (const evidence_error& e) {
    EXPECT_EQ(std::string(e.what()), "case 2: evidence on 'A': state number 2 out of range (states: a0, a1)");
  }
  m.hard_states = {0, 1};
  EXPECT_THROW((void)batch_posteriors(compiled, m, {b}), evidence_error);  // wrong size
  m.hard_states = {0, 1, -1};
  m.likelihood_variables = {a};
  m.likelihoods.assign(6, 1.0);
  EXPECT_THROW((void)batch_posteriors(compiled, m, {b}), evidence_error);  // A listed twice
  m.likelihood_variables = {b};
  m.likelihoods = {1, 1, 1, 1, 0, 0};
  EXPECT_THROW((void)batch_posteriors(compiled, m, {a}), impossible_evidence_error);  // all-zero weights
  m.likelihoods = {1, 1, 1, 1, 0.2, 0.8};
  const batch_result r = batch_posteriors(compiled, m, {a, b});
  // Case 2: B ~ likelihood(0.2, 0.8) alone. P(B = b0) = 0.4 + 0.6 * 0.5 = 0.7.
  EXPECT_NEAR(r.at(2, 0, 0), (0.4 * 0.2) / (0.7 * 0.2 + 0.3 * 0.8), 1e-15);
  EXPECT_NEAR(r.at(2, 1, 0), (0.7 * 0.2) / (0.7 * 0.2 + 0.3 * 0.8), 1e-15);
  EXPECT_NEAR(r.log_evidence[2], std::log(0.7 * 0.2 + 0.3 * 0.8), 1e-15);
  EXPECT_EQ(r.at(0, 0, 0), 1.0);
  EXPECT_THROW((void)batch_posteriors(compiled, m, {9}), model_error);
  const batch_result none = batch_posteriors(compiled, std::vector<evidence_set>{}, {a}, 3);
  EXPECT_EQ(none.num_cases, 0u);
  EXPECT_TRUE(none.posteriors.empty());
}

TEST(JunctionTreeBatch, SharedCompiledTreeUsedByThreadsGivesTheSerialAnswers) {
  std::mt19937_64 rng(789);
  test::random_network_spec spec;
  spec.min_variables = 12;
  spec.max_variables = 18;
  spec.edge_probability = 0.25;
  const bayesian_network net = test::random_network(rng, spec);
  const auto compiled = std::make_shared<const compiled_junction_tree>(net);
  const auto cases = possible_cases(net, rng, 40);
  ASSERT_EQ(cases.size(), 40u);
  // Serial answers: every posterior and log P(e) of every case.
  std::vector<std::vector<double>> serial;
  for (const auto& e : cases) {
    junction_tree jt(compiled);
    jt.set_evidence(e);
    std::vector<double> all = jt.posteriors();
    all.push_back(jt.log_evidence_probability());
    serial.push_back(all);
  }
  // Four threads, each walking the cases in its own order with its own workspace, several
  // rounds, all reading the one compiled tree at once.
  const unsigned threads = 4;
  std::vector<std::vector<std::vector<double>>> got(threads, std::vector<std::vector<double>>(cases.size()));
  std::vector<std::thread> pool;
  for (unsigned w = 0; w < threads; ++w)
    pool.emplace_back([&, w] {
      junction_tree_workspace ws(compiled);
      for (int round = 0; round < 3; ++round)
        for (std::size_t i = 0; i < cases.size(); ++i) {
          const std::size_t step[] = {1, 3, 7, 11};  // coprime with 40: each visits every case
          const std::size_t c = (i * step[w] + round) % cases.size();
          ws.set_evidence(cases[c]);
          std::vector<double> all = ws.posteriors();
          all.push_back(ws.log_evidence_probability());
          got[w][c] = all;
        }
    });
  for (auto& t : pool) t.join();
  for (unsigned w = 0; w < threads; ++w)
    for (std::size_t c = 0; c < cases.size(); ++c) EXPECT_EQ(got[w][c], serial[c]) << "thread " << w << ", case " << c;
}

TEST(JunctionTreeBatch, FixedMarginalCasesAreFittedPerCase) {
  std::mt19937_64 rng(2025);
  const bayesian_network net = test::random_network(rng);
  std::vector<evidence_set> cases;
  std::uniform_real_distribution<double> unit(0.1, 1.0);
  for (int c = 0; c < 12; ++c) {
    evidence_set e;
    const var_id v = test::uniform_index(rng, 0, net.size() - 1);
    std::vector<double> q(net.var(v).cardinality());
    double s = 0.0;
    for (double& x : q) s += (x = unit(rng));
    for (double& x : q) x /= s;
    e.set_fixed_marginal(net, v, q);
    cases.push_back(e);
  }
  std::vector<var_id> targets(net.size());
  for (var_id v = 0; v < net.size(); ++v) targets[v] = v;
  const compiled_junction_tree compiled(net);
  const batch_result r = batch_posteriors(compiled, cases, targets, 3);
  for (std::size_t c = 0; c < cases.size(); ++c) {
    const auto want = answer_alone(net, cases[c], targets);
    const std::vector<double> row(r.posteriors.begin() + static_cast<std::ptrdiff_t>(c * r.row_width()),
                                  r.posteriors.begin() + static_cast<std::ptrdiff_t>((c + 1) * r.row_width()));
    EXPECT_EQ(row, want.row);
    const auto& [v, f] = *cases[c].findings().begin();
    for (std::size_t s = 0; s < f.values.size(); ++s) EXPECT_NEAR(r.at(c, v, s), f.values[s], 1e-12);
  }
}

}  // namespace
