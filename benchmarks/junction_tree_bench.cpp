// Junction-tree benchmarks on the standard networks: compile time and memory, one update
// after a changed finding (all posteriors, or one target), and batch throughput.
//
// Each network is read from ${AUGURY_SHARED_DIR}/data/networks/bif/<name>.bif; a network
// whose file is absent is skipped with a message on stderr. The evidence is fixed (see
// bench_common.hpp). Names: <benchmark>/<network>[/threads:N].

#include "bench_common.hpp"

#include <augury/inference/batch.hpp>
#include <augury/inference/compiled_junction_tree.hpp>
#include <augury/inference/junction_tree.hpp>
#include <augury/io/bif.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace augury::bench {
namespace {

/// A network with its compiled tree and fixed evidence, loaded once per process.
struct network_case {
  bayesian_network net;
  std::shared_ptr<const compiled_junction_tree> compiled;
  std::shared_ptr<const compiled_junction_tree> compiled_rebuilt;  // potential_storage::rebuilt
  evidence_plan plan;
  evidence_matrix batch_cases;
};

/// Number of batch cases: about 2^23 clique entries of work per batch, 8 to 4096 cases.
std::size_t batch_size(std::size_t total_clique_entries) {
  const double n = 8388608.0 / static_cast<double>(std::max<std::size_t>(1, total_clique_entries));
  return static_cast<std::size_t>(std::clamp(n, 8.0, 4096.0));
}

const network_case& load(const std::string& name) {
  static std::map<std::string, std::unique_ptr<network_case>> cache;
  auto& slot = cache[name];
  if (!slot) {
    auto c = std::make_unique<network_case>();
    c->net = io::read_bif(network_path(name));
    c->compiled = std::make_shared<const compiled_junction_tree>(c->net);
    junction_tree_options rebuilt;
    rebuilt.initial_potentials = potential_storage::rebuilt;
    c->compiled_rebuilt = std::make_shared<const compiled_junction_tree>(c->net, rebuilt);
    junction_tree tree(c->compiled);
    c->plan = make_evidence_plan(c->net, tree);
    // Batch cases: the evidence variables of the plan, each case a fresh prior sample.
    std::mt19937_64 rng(7);
    evidence_matrix& m = c->batch_cases;
    m.num_cases = batch_size(c->compiled->total_clique_size());
    m.hard_variables = c->plan.variables;
    for (std::size_t i = 0; i < m.num_cases; ++i) {
      const auto x = sample_prior(c->net, rng);
      for (var_id v : m.hard_variables) m.hard_states.push_back(static_cast<std::int32_t>(x[v]));
    }
    slot = std::move(c);
  }
  return *slot;
}

void add_structure_counters(benchmark::State& state, const compiled_junction_tree& t) {
  state.counters["treewidth"] = static_cast<double>(t.treewidth());
  state.counters["cliques"] = static_cast<double>(t.num_cliques());
  state.counters["clique_entries"] = static_cast<double>(t.total_clique_size());
  state.counters["clique_bytes"] =
      benchmark::Counter(static_cast<double>(t.total_clique_size() * sizeof(double)),
                         benchmark::Counter::kDefaults, benchmark::Counter::kIs1024);
}

// Compile: triangulation search, spanning tree, layouts and initial potentials (plus the
// workspace a junction_tree allocates). Memory, measured on one more compile after the
// timed ones: peak_rss = rise of the peak RSS during that compile (the kernel's peak mark
// is reset first), memory_bytes = the tree's own account of its tables; the same with the
// suffix _rebuilt for potential_storage::rebuilt.
void compile(benchmark::State& state, const std::string& name) {
  const network_case& c = load(name);
  for (auto _ : state) {
    junction_tree tree(c.net);
    benchmark::DoNotOptimize(tree.total_clique_size());
  }
  add_structure_counters(state, *c.compiled);
  const double clique_bytes = static_cast<double>(c.compiled->total_clique_size() * sizeof(double));
  // Memory with the default options (initial potentials stored up to 2^22 entries) and with
  // potentials rebuilt from the CPTs when needed (no clique-sized copy in the compiled tree).
  const auto probe = [&](const junction_tree_options& options, const char* suffix) {
    release_free_memory();
    const double before = proc_status_bytes("VmRSS");
    const bool reset = reset_peak_rss();
    std::size_t memory = 0;
    {
      junction_tree tree(c.net, options);
      memory = tree.memory_bytes();
      benchmark::DoNotOptimize(memory);
    }
    state.counters[std::string("memory_bytes") + suffix] = benchmark::Counter(
        static_cast<double>(memory), benchmark::Counter::kDefaults, benchmark::Counter::kIs1024);
    if (reset && before > 0) {
      const double peak = proc_status_bytes("VmHWM") - before;
      state.counters[std::string("peak_rss") + suffix] =
          benchmark::Counter(peak, benchmark::Counter::kDefaults, benchmark::Counter::kIs1024);
      state.counters[std::string("peak/clique") + suffix] = peak / clique_bytes;
    }
  };
  probe(junction_tree_options{}, "");
  junction_tree_options rebuilt;
  rebuilt.initial_potentials = potential_storage::rebuilt;
  probe(rebuilt, "_rebuilt");
  state.counters["rss_lifetime_peak"] = benchmark::Counter(
      lifetime_peak_rss(), benchmark::Counter::kDefaults, benchmark::Counter::kIs1024);
}

// Change one finding, infer, read every posterior (junction_tree::posteriors()).
// range(0) = 1: with potential_storage::rebuilt (initial potentials recomputed from the
// CPTs when a clique's evidence changes), the low-memory setting.
void update_all(benchmark::State& state, const std::string& name) {
  const network_case& c = load(name);
  junction_tree tree(state.range(0) ? c.compiled_rebuilt : c.compiled);
  const walk w(c.plan);
  for (const auto& [v, s] : w.at(0)) tree.set_hard(v, s);
  benchmark::DoNotOptimize(tree.posteriors().data());
  std::size_t k = 0;
  for (auto _ : state) {
    const auto [v, s] = w.change(k++);
    tree.set_hard(v, s);
    const std::vector<double> p = tree.posteriors();
    benchmark::DoNotOptimize(p.data());
  }
  add_structure_counters(state, tree.compiled());
  state.counters["memory_bytes"] = benchmark::Counter(static_cast<double>(tree.memory_bytes()),
                                                      benchmark::Counter::kDefaults,
                                                      benchmark::Counter::kIs1024);
  state.counters["variables"] = static_cast<double>(c.net.size());
}

// Change one finding, infer, read the posterior of one target (drawn once, fixed).
void update_single(benchmark::State& state, const std::string& name) {
  const network_case& c = load(name);
  junction_tree tree(c.compiled);
  const walk w(c.plan);
  for (const auto& [v, s] : w.at(0)) tree.set_hard(v, s);
  std::vector<double> out(c.net.var(c.plan.single_target).cardinality());
  tree.posterior(c.plan.single_target, out.data());
  std::size_t k = 0;
  for (auto _ : state) {
    const auto [v, s] = w.change(k++);
    tree.set_hard(v, s);
    tree.posterior(c.plan.single_target, out.data());
    benchmark::DoNotOptimize(out.data());
  }
  state.counters["memory_bytes"] = benchmark::Counter(static_cast<double>(tree.memory_bytes()),
                                                      benchmark::Counter::kDefaults,
                                                      benchmark::Counter::kIs1024);
}

// batch_posteriors over a fixed set of cases (each a prior sample of the five evidence
// variables), every variable without a finding as target; items = cases.
void batch(benchmark::State& state, const std::string& name) {
  const network_case& c = load(name);
  const unsigned threads = static_cast<unsigned>(state.range(0));
  for (auto _ : state) {
    const batch_result r = batch_posteriors(*c.compiled, c.batch_cases, c.plan.free_variables, threads);
    benchmark::DoNotOptimize(r.posteriors.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(c.batch_cases.num_cases));
  state.counters["cases"] = static_cast<double>(c.batch_cases.num_cases);
}

// Registration at start-up: only the networks whose files exist.
[[maybe_unused]] const bool registered = [] {
  std::vector<std::string> missing;
  for (const std::string& name : network_names()) {
    if (!file_exists(network_path(name))) {
      missing.push_back(name);
      continue;
    }
    benchmark::RegisterBenchmark(("compile/" + name).c_str(), compile, name)->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("update_all/" + name).c_str(), update_all, name)
        ->Arg(0)
        ->Arg(1)
        ->ArgName("rebuilt")
        ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(("update_single/" + name).c_str(), update_single, name)
        ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(("batch/" + name).c_str(), batch, name)
        ->Arg(1)
        ->Arg(2)
        ->ArgName("threads")
        ->MeasureProcessCPUTime()
        ->UseRealTime()
        ->Unit(benchmark::kMillisecond);
  }
  for (const auto& name : missing)
    std::cerr << "augury_benchmarks: skipping '" << name << "': " << network_path(name)
              << " not found (set AUGURY_SHARED_DIR)\n";
  return true;
}();

}  // namespace
}  // namespace augury::bench
