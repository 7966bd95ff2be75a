// Benchmarks on the default scenario model (augury::default_scenario_model()): compile,
// one new report followed by every posterior, and batches of report sets.
//
// A report enters the engine as a likelihood finding on its indicator (report_likelihood
// with the default grading table). The reports are fixed: drawn once with a fixed seed,
// each naming a state of a random indicator with a grade from A1..C3.

#include "bench_common.hpp"

#include <augury/inference/batch.hpp>
#include <augury/inference/junction_tree.hpp>
#include <augury/scenario/default_model.hpp>
#include <augury/scenario/grading.hpp>
#include <augury/scenario/report.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace augury::bench {
namespace {

struct scenario_case {
  scenario_model model;
  std::shared_ptr<const compiled_junction_tree> compiled;
  /// Reports as (indicator, likelihood), in the order they arrive.
  std::vector<std::pair<var_id, std::vector<double>>> reports;
};

std::vector<double> random_report(const scenario_model& m, var_id indicator, std::mt19937_64& rng) {
  static const char* const grades[] = {"A1", "A2", "B1", "B2", "B3", "C2", "C3"};
  const variable& x = m.network.var(indicator);
  report r;
  r.date = "2024-01-01";
  r.indicator = x.name();
  r.state = x.state(std::uniform_int_distribution<std::size_t>(0, x.cardinality() - 1)(rng));
  r.grade = grades[std::uniform_int_distribution<std::size_t>(0, 6)(rng)];
  return report_likelihood(m.network, r);
}

const scenario_case& load() {
  static const std::unique_ptr<scenario_case> c = [] {
    auto s = std::make_unique<scenario_case>();
    s->model = default_scenario_model();
    s->compiled = std::make_shared<const compiled_junction_tree>(s->model.network);
    std::mt19937_64 rng(20240601);
    const auto& ind = s->model.indicators;
    for (int i = 0; i < 64; ++i) {
      const var_id v = ind[std::uniform_int_distribution<std::size_t>(0, ind.size() - 1)(rng)];
      s->reports.emplace_back(v, random_report(s->model, v, rng));
    }
    return s;
  }();
  return *c;
}

void default_compile(benchmark::State& state) {
  const scenario_case& c = load();
  for (auto _ : state) {
    junction_tree tree(c.model.network);
    benchmark::DoNotOptimize(tree.total_clique_size());
  }
  state.counters["treewidth"] = static_cast<double>(c.compiled->treewidth());
  state.counters["clique_entries"] = static_cast<double>(c.compiled->total_clique_size());
}
BENCHMARK(default_compile)->Name("compile/default_model")->Unit(benchmark::kMicrosecond);

// One new report on an indicator (its likelihood replaces the indicator's finding, as the
// accumulated product of its reports would), then the posteriors of all 27 variables.
void default_new_report(benchmark::State& state) {
  const scenario_case& c = load();
  junction_tree tree(c.compiled);
  for (std::size_t i = 0; i < 8; ++i) tree.set_likelihood(c.reports[i].first, c.reports[i].second);
  benchmark::DoNotOptimize(tree.posteriors().data());
  std::size_t k = 0;
  for (auto _ : state) {
    const auto& [v, lambda] = c.reports[k++ % c.reports.size()];
    tree.set_likelihood(v, lambda);
    const std::vector<double> p = tree.posteriors();
    benchmark::DoNotOptimize(p.data());
  }
}
BENCHMARK(default_new_report)->Name("update_all/default_model")->Unit(benchmark::kMicrosecond);

// Batches of report sets: each case holds five reports on distinct random indicators
// (likelihood weights; all ones for an indicator without a report). Targets: the scenario
// node (range(1) = 0) or every variable (range(1) = 1).
void default_batch(benchmark::State& state) {
  const scenario_case& c = load();
  const unsigned threads = static_cast<unsigned>(state.range(0));
  const bool all_targets = state.range(1) != 0;
  static const evidence_matrix cases = [&] {
    evidence_matrix m;
    m.num_cases = 20000;
    m.likelihood_variables = c.model.indicators;
    std::size_t width = 0;
    for (var_id v : m.likelihood_variables) width += c.model.network.var(v).cardinality();
    m.likelihoods.assign(m.num_cases * width, 1.0);
    std::mt19937_64 rng(11);
    const std::size_t n = m.likelihood_variables.size();
    for (std::size_t i = 0; i < m.num_cases; ++i) {
      std::vector<std::size_t> pick(n);
      for (std::size_t j = 0; j < n; ++j) pick[j] = j;
      std::shuffle(pick.begin(), pick.end(), rng);
      for (std::size_t r = 0; r < 5; ++r) {
        std::size_t offset = i * width;
        for (std::size_t j = 0; j < pick[r]; ++j) offset += c.model.network.var(m.likelihood_variables[j]).cardinality();
        const auto l = random_report(c.model, m.likelihood_variables[pick[r]], rng);
        std::copy(l.begin(), l.end(), m.likelihoods.begin() + static_cast<std::ptrdiff_t>(offset));
      }
    }
    return m;
  }();
  std::vector<var_id> targets{c.model.scenario};
  if (all_targets) {
    targets.clear();
    for (var_id v = 0; v < c.model.network.size(); ++v) targets.push_back(v);
  }
  for (auto _ : state) {
    const batch_result r = batch_posteriors(*c.compiled, cases, targets, threads);
    benchmark::DoNotOptimize(r.posteriors.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(cases.num_cases));
  state.counters["cases"] = static_cast<double>(cases.num_cases);
}
BENCHMARK(default_batch)
    ->Name("batch/default_model")
    ->ArgsProduct({{1, 2}, {0, 1}})
    ->ArgNames({"threads", "all_targets"})
    ->MeasureProcessCPUTime()
        ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace augury::bench
