// Interruption (interruption.hpp): a raised interrupt_flag stops every long computation at
// its next interruption point with interrupted_error, the batch query's worker threads watch
// their caller's flag, and an interrupted computation leaves the objects the caller holds
// giving exactly the answers they gave before. Also built into augury_thread_tests, so the
// flag raised from another thread runs under ThreadSanitizer.

#include "../inference/random_network.hpp"

#include <augury/analysis/uncertainty.hpp>
#include <augury/analysis/value_of_information.hpp>
#include <augury/evidence/evidence_set.hpp>
#include <augury/inference/batch.hpp>
#include <augury/inference/compiled_junction_tree.hpp>
#include <augury/inference/enumeration.hpp>
#include <augury/inference/junction_tree.hpp>
#include <augury/inference/variable_elimination.hpp>
#include <augury/interruption.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace augury {
namespace {

// A width x length grid of binary variables, X{i}_{j} with parents X{i-1}_{j} and X{i}_{j-1}:
// treewidth about `width`, so batch queries and compilation take long enough to stop.
bayesian_network grid(std::size_t width, std::size_t length) {
  bayesian_network net("grid");
  auto name = [](std::size_t i, std::size_t j) { return "X" + std::to_string(i) + "_" + std::to_string(j); };
  for (std::size_t i = 0; i < length; ++i)
    for (std::size_t j = 0; j < width; ++j) net.add_variable(name(i, j), {"s0", "s1"});
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> p(0.1, 0.9);
  for (std::size_t i = 0; i < length; ++i)
    for (std::size_t j = 0; j < width; ++j) {
      std::vector<std::string> parents;
      if (i > 0) parents.push_back(name(i - 1, j));
      if (j > 0) parents.push_back(name(i, j - 1));
      std::vector<double> table;
      for (std::size_t r = 0; r < (std::size_t(1) << parents.size()); ++r) {
        const double x = p(rng);
        table.push_back(x);
        table.push_back(1.0 - x);
      }
      net.set_cpt(name(i, j), parents, table);
    }
  return net;
}

// Runs f with a flag raised before it starts; expects interrupted_error naming `what`.
template <class F>
void expect_stopped(F&& f, const std::string& what) {
  interrupt_flag stop;
  stop.request();
  const interruption_scope watching(stop);
  try {
    f();
    ADD_FAILURE() << what << ": nothing was thrown";
  } catch (const interrupted_error& e) {
    EXPECT_EQ(std::string(e.what()), what + " was interrupted");
  }
}

TEST(Interruption, NoFlagNoScopeNoEffect) {
  EXPECT_EQ(current_interrupt_flag(), nullptr);
  EXPECT_FALSE(interruption_requested());
  EXPECT_NO_THROW(interruption_point("nothing"));
  interrupt_flag a;
  {
    const interruption_scope watching(a);
    EXPECT_EQ(current_interrupt_flag(), &a);
    EXPECT_NO_THROW(interruption_point("nothing"));
    interrupt_flag b;
    {
      const interruption_scope inner(b);
      b.request();
      EXPECT_TRUE(interruption_requested());
      EXPECT_THROW(interruption_point("inner"), interrupted_error);
    }
    EXPECT_EQ(current_interrupt_flag(), &a);  // the outer flag again, still not raised
    EXPECT_FALSE(interruption_requested());
    a.request();
    EXPECT_THROW(interruption_point("outer"), interrupted_error);
    a.reset();
    EXPECT_NO_THROW(interruption_point("outer"));
  }
  EXPECT_EQ(current_interrupt_flag(), nullptr);
}

TEST(Interruption, EveryEngineStops) {
  const bayesian_network net = grid(3, 4);
  evidence_set e;
  e.set_hard(net, net.id("X0_0"), 1);
  expect_stopped([&] { compiled_junction_tree tree(net); }, "the triangulation search");
  expect_stopped([&] { junction_tree tree(net); }, "the triangulation search");
  expect_stopped([&] { enumeration engine(net); }, "enumeration");
  const enumeration en(net);
  expect_stopped([&] { (void)en.posterior(net.id("X3_2"), e); }, "enumeration");
  const variable_elimination ve(net);
  // Variable elimination looks for its elimination order first.
  expect_stopped([&] { (void)ve.posterior(net.id("X3_2"), e); }, "the triangulation search");
  const compiled_junction_tree tree(net);
  expect_stopped([&] { (void)batch_posteriors(tree, std::vector<evidence_set>{e, e}, {0}, 1); },
                 "the batch query");
  expect_stopped([&] { (void)batch_posteriors(tree, std::vector<evidence_set>(64, e), {0}, 4); },
                 "the batch query");
  expect_stopped([&] { (void)analysis::value_of_information(net, net.id("X3_2"), e); },
                 "the triangulation search");
  junction_tree jt(net);
  expect_stopped([&] { (void)analysis::value_of_information(jt, net.id("X3_2"), e); },
                 "the analysis");
  analysis::uncertainty_options o;
  o.samples = 10;
  expect_stopped([&] { (void)analysis::posterior_uncertainty(net, net.id("X3_2"), e, o); },
                 "the triangulation search");

  // What was interrupted left the engines as they were: the answers equal variable
  // elimination's, which no interruption reached.
  const std::vector<double> expected = ve.posterior(net.id("X3_2"), e);
  jt.set_evidence(e);
  const std::vector<double> from_tree = jt.posterior(net.id("X3_2"));
  const std::vector<double> from_enumeration = en.posterior(net.id("X3_2"), e);
  const batch_result from_batch = batch_posteriors(tree, std::vector<evidence_set>{e}, {net.id("X3_2")}, 1);
  for (std::size_t s = 0; s < 2; ++s) {
    EXPECT_NEAR(from_tree[s], expected[s], 1e-14);
    EXPECT_NEAR(from_enumeration[s], expected[s], 1e-14);
    EXPECT_NEAR(from_batch.at(0, 0, s), expected[s], 1e-14);
  }
}

// A flag raised by another thread while the batch runs: every worker stops (the batch is
// about a minute of work without the interruption), and the tree still answers correctly.
TEST(Interruption, AnotherThreadStopsABatchOnEveryWorker) {
  const bayesian_network net = grid(6, 20);
  const compiled_junction_tree tree(net);
  std::mt19937_64 rng(5);
  evidence_matrix cases;
  cases.num_cases = 1000000;
  cases.hard_variables = {net.id("X0_0"), net.id("X19_5"), net.id("X10_3"), net.id("X5_1")};
  for (std::size_t i = 0; i < cases.num_cases * cases.hard_variables.size(); ++i)
    cases.hard_states.push_back(static_cast<std::int32_t>(rng() % 2));
  interrupt_flag stop;
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    stop.request();
  });
  try {
    const interruption_scope watching(stop);
    (void)batch_posteriors(tree, cases, {net.id("X10_2")}, 2);
    ADD_FAILURE() << "the batch was not interrupted";
  } catch (const interrupted_error& e) {
    EXPECT_EQ(std::string(e.what()), "the batch query was interrupted");
  }
  stopper.join();

  evidence_set first;
  for (std::size_t i = 0; i < cases.hard_variables.size(); ++i)
    first.set_hard(net, cases.hard_variables[i], static_cast<std::size_t>(cases.hard_states[i]));
  const std::vector<double> expected = variable_elimination(net).posterior(net.id("X10_2"), first);
  cases.num_cases = 1;
  cases.hard_states.resize(cases.hard_variables.size());
  const batch_result again = batch_posteriors(tree, cases, {net.id("X10_2")}, 2);
  EXPECT_NEAR(again.at(0, 0, 0), expected[0], 1e-13);
  EXPECT_NEAR(again.at(0, 0, 1), expected[1], 1e-13);
}

}  // namespace
}  // namespace augury
