// Many threads querying one compiled model with different evidence get exactly the answers
// of a serial run (bit for bit). Run under ThreadSanitizer by the `tsan` preset, which builds
// this file alone as augury_thread_tests.
//
// The junction tree is not safe to share while its evidence changes, so each thread works on
// its own copy of one compiled tree (copies share nothing); variable elimination and
// enumeration answer const queries, so one engine is shared by all threads. The networks are
// built here (header-only library), so the ThreadSanitizer build compiles this file alone.

#include "../inference/random_network.hpp"

#include <augury/evidence/evidence_set.hpp>
#include <augury/inference/enumeration.hpp>
#include <augury/inference/junction_tree.hpp>
#include <augury/inference/variable_elimination.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <random>
#include <thread>
#include <vector>

namespace augury {
namespace {

constexpr std::size_t thread_count = 8;

// One case's answers: every posterior, log P(e), or "impossible".
struct answers {
  bool impossible = false;
  double log_pe = 0.0;
  std::vector<std::vector<double>> posteriors;
  friend bool operator==(const answers& a, const answers& b) {
    return a.impossible == b.impossible && a.posteriors == b.posteriors &&
           (a.log_pe == b.log_pe || (std::isnan(a.log_pe) && std::isnan(b.log_pe)));
  }
};

std::vector<evidence_set> random_cases(const bayesian_network& net, std::size_t count, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<evidence_set> cases(count);
  for (auto& e : cases) {
    const std::size_t findings = std::uniform_int_distribution<std::size_t>(0, 4)(rng);
    for (std::size_t i = 0; i < findings; ++i) {
      const var_id v = std::uniform_int_distribution<std::size_t>(0, net.size() - 1)(rng);
      const std::size_t k = net.var(v).cardinality();
      if (rng() % 3 == 0) {
        std::vector<double> lambda(k);
        for (double& x : lambda) x = std::uniform_real_distribution<double>(0.05, 1.0)(rng);
        e.set_likelihood(net, v, lambda);
      } else {
        e.set_hard(net, v, std::uniform_int_distribution<std::size_t>(0, k - 1)(rng));
      }
    }
  }
  return cases;
}

answers ask_tree(junction_tree& jt, const evidence_set& e) {
  answers a;
  jt.set_evidence(e);
  a.log_pe = jt.log_evidence_probability();
  try {
    for (var_id v = 0; v < jt.network().size(); ++v) a.posteriors.push_back(jt.posterior(v));
  } catch (const impossible_evidence_error&) {
    a.impossible = true;
    a.posteriors.clear();
  }
  return a;
}

template <class Engine>
answers ask_engine(const Engine& engine, const evidence_set& e) {
  answers a;
  a.log_pe = engine.log_evidence_probability(e);
  try {
    for (var_id v = 0; v < engine.network().size(); ++v) a.posteriors.push_back(engine.posterior(v, e));
  } catch (const impossible_evidence_error&) {
    a.impossible = true;
    a.posteriors.clear();
  }
  return a;
}

// Runs `work(thread, case)` for every case, cases dealt to threads in a scrambled order.
template <class Work>
void in_threads(std::size_t cases, Work&& work) {
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < thread_count; ++t)
    threads.emplace_back([&, t] {
      std::vector<std::size_t> mine;
      for (std::size_t i = t; i < cases; i += thread_count) mine.push_back(i);
      std::shuffle(mine.begin(), mine.end(), std::mt19937_64(t + 1));
      for (std::size_t i : mine) work(t, i);
    });
  for (auto& th : threads) th.join();
}

void check_model(const bayesian_network& net, std::size_t case_count, std::uint64_t seed) {
  const auto cases = random_cases(net, case_count, seed);
  junction_tree compiled(net);
  std::vector<answers> serial;
  for (const auto& e : cases) serial.push_back(ask_tree(compiled, e));

  // Junction tree: one copy of the compiled tree per thread, made in that thread.
  std::vector<answers> parallel(cases.size());
  {
    junction_tree prototype(net);
    std::vector<std::unique_ptr<junction_tree>> copies(thread_count);  // slot t: thread t only
    in_threads(cases.size(), [&](std::size_t t, std::size_t i) {
      if (!copies[t]) copies[t] = std::make_unique<junction_tree>(prototype);
      auto& mine = copies[t];
      parallel[i] = ask_tree(*mine, cases[i]);
    });
  }
  for (std::size_t i = 0; i < cases.size(); ++i)
    EXPECT_TRUE(parallel[i] == serial[i]) << "junction tree, case " << i << ": " << cases[i].describe(net);

  // Variable elimination: one engine shared by every thread, against its own serial run.
  const variable_elimination ve(net);
  std::vector<answers> ve_serial, ve_parallel(cases.size());
  for (const auto& e : cases) ve_serial.push_back(ask_engine(ve, e));
  in_threads(cases.size(), [&](std::size_t, std::size_t i) { ve_parallel[i] = ask_engine(ve, cases[i]); });
  for (std::size_t i = 0; i < cases.size(); ++i) {
    EXPECT_TRUE(ve_parallel[i] == ve_serial[i]) << "variable elimination, case " << i;
    // And the engines agree with each other.
    ASSERT_EQ(ve_serial[i].impossible, serial[i].impossible) << "case " << i;
    for (std::size_t v = 0; v < serial[i].posteriors.size(); ++v)
      for (std::size_t s = 0; s < serial[i].posteriors[v].size(); ++s)
        EXPECT_NEAR(ve_serial[i].posteriors[v][s], serial[i].posteriors[v][s], 1e-10);
  }
}

// A larger random network: 30 variables, up to 3 parents, 2-4 states, some zeros.
bayesian_network larger_network(std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  test::random_network_spec spec;
  spec.min_variables = 30;
  spec.max_variables = 30;
  spec.edge_probability = 0.15;
  return test::random_network(rng, spec);
}

TEST(hardening_concurrency, threads_on_copies_of_one_compiled_tree_match_the_serial_answers) {
  check_model(larger_network(11), 96, 11);
}

TEST(hardening_concurrency, random_networks_with_zeros) {
  std::mt19937_64 rng(2024);
  test::random_network_spec spec;
  spec.min_variables = 12;
  spec.max_variables = 18;
  for (int round = 0; round < 3; ++round) check_model(test::random_network(rng, spec), 48, 100 + round);
}

TEST(hardening_concurrency, shared_enumeration_engine) {
  std::mt19937_64 rng(7);
  const auto net = test::random_network(rng);
  const enumeration en(net);
  const auto cases = random_cases(net, 64, 5);
  std::vector<answers> serial, parallel(cases.size());
  for (const auto& e : cases) serial.push_back(ask_engine(en, e));
  in_threads(cases.size(), [&](std::size_t, std::size_t i) { parallel[i] = ask_engine(en, cases[i]); });
  for (std::size_t i = 0; i < cases.size(); ++i) EXPECT_TRUE(parallel[i] == serial[i]) << "case " << i;
}

TEST(hardening_concurrency, copies_compiled_in_parallel_are_identical) {
  const auto net = larger_network(12);
  std::vector<std::unique_ptr<junction_tree>> trees(thread_count);
  in_threads(thread_count, [&](std::size_t t, std::size_t) { trees[t] = std::make_unique<junction_tree>(net); });
  for (const auto& t : trees) {
    EXPECT_EQ(t->cliques(), trees.front()->cliques());
    EXPECT_EQ(t->edges(), trees.front()->edges());
    for (var_id v = 0; v < net.size(); ++v) EXPECT_EQ(t->posterior(v), trees.front()->posterior(v));
  }
}

}  // namespace
}  // namespace augury
