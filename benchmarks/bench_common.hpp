#pragma once
// Shared pieces of the benchmark suites: where the networks are, the fixed evidence every
// suite uses, and memory probes.
//
// Evidence: five hard findings whose values come from one forward sample of the prior (so
// P(e) > 0), on five variables drawn at random; both draws use fixed seeds, so every run
// and every suite sees the same findings. "Change one finding" walks through a fixed
// sequence of such evidence sets, each differing from the one before in one finding: the
// changed variable's new state is drawn from its posterior given the other four findings,
// restricted to the other states (a Gibbs step over the evidence variables), so every set
// in the sequence is possible. Suites play the sequence forward and then backward, so
// every step, including the wrap-around, changes exactly one finding.

#include <augury/inference/junction_tree.hpp>
#include <augury/io/bif.hpp>
#include <augury/model/bayesian_network.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <utility>
#include <vector>

#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <sys/resource.h>

namespace augury::bench {

/// The standard networks of the suites, smallest first.
inline const std::vector<std::string>& network_names() {
  static const std::vector<std::string> names{"asia",   "alarm", "insurance", "hepar2", "andes",
                                              "pathfinder", "pigs", "munin", "link", "diabetes"};
  return names;
}

/// Path of `name`.bif in the shared data folder (AUGURY_SHARED_DIR, set by CMake; the
/// environment variable of the same name overrides it).
inline std::string network_path(const std::string& name) {
  std::string dir = AUGURY_SHARED_DIR;
  if (const char* env = std::getenv("AUGURY_SHARED_DIR")) dir = env;
  return dir + "/data/networks/bif/" + name + ".bif";
}

inline bool file_exists(const std::string& path) { return static_cast<bool>(std::ifstream(path)); }

/// One forward sample of the prior (states by variable id), ancestors first.
inline std::vector<std::size_t> sample_prior(const bayesian_network& net, std::mt19937_64& rng) {
  std::vector<std::size_t> x(net.size(), 0);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (var_id v : net.topological_order()) {
    const cpt& c = net.cpt_of(v);
    std::size_t row = 0;
    for (var_id p : c.parents()) row = row * net.var(p).cardinality() + x[p];
    const std::size_t k = net.var(v).cardinality();
    double total = 0.0;
    for (std::size_t s = 0; s < k; ++s) total += c(row, s);
    double u = unit(rng) * total;
    std::size_t pick = k;
    for (std::size_t s = 0; s < k; ++s) {
      if (c(row, s) <= 0.0) continue;
      pick = s;  // the last state with positive mass, should rounding leave u > 0
      u -= c(row, s);
      if (u < 0.0) break;
    }
    x[v] = pick;
  }
  return x;
}

/// One evidence set: (variable, state) pairs.
using findings = std::vector<std::pair<var_id, std::size_t>>;

/// The fixed evidence of a network (see the file comment).
struct evidence_plan {
  /// The evidence variables, in the order drawn.
  std::vector<var_id> variables;
  /// The sequence of evidence sets; each differs from the one before in one finding.
  std::vector<findings> sequence;
  /// The variables without a finding (targets of "read every posterior").
  std::vector<var_id> free_variables;
  /// One free variable drawn at random, the target of the single-target query.
  var_id single_target = 0;
};

/// Draws the fixed evidence of `net` (see the file comment): `num_findings` findings and a
/// walk of `length` evidence sets. `tree` must be compiled from `net`; its evidence is
/// cleared on return.
inline evidence_plan make_evidence_plan(const bayesian_network& net, junction_tree& tree,
                                        std::size_t num_findings = 5, std::size_t length = 32,
                                        std::uint64_t seed = 20240601) {
  std::mt19937_64 rng(seed);
  evidence_plan plan;
  const std::vector<std::size_t> x = sample_prior(net, rng);
  std::vector<var_id> ids(net.size());
  for (var_id v = 0; v < net.size(); ++v) ids[v] = v;
  std::shuffle(ids.begin(), ids.end(), rng);
  num_findings = std::min(num_findings, net.size() > 1 ? net.size() - 1 : std::size_t{0});
  plan.variables.assign(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(num_findings));
  for (var_id v = 0; v < net.size(); ++v)
    if (std::find(plan.variables.begin(), plan.variables.end(), v) == plan.variables.end())
      plan.free_variables.push_back(v);
  plan.single_target = plan.free_variables[std::uniform_int_distribution<std::size_t>(
      0, plan.free_variables.size() - 1)(rng)];

  findings current;
  for (var_id v : plan.variables) current.emplace_back(v, x[v]);
  plan.sequence.push_back(current);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::size_t next = 0, stuck = 0;
  while (plan.sequence.size() < length && stuck < num_findings) {
    const std::size_t i = next++ % num_findings;
    tree.clear_evidence();
    for (std::size_t j = 0; j < num_findings; ++j)
      if (j != i) tree.set_hard(current[j].first, current[j].second);
    std::vector<double> p = tree.posterior(current[i].first);
    p[current[i].second] = 0.0;  // a change, so another state
    double total = 0.0;
    for (double q : p) total += q;
    if (total <= 0.0) {  // no other state is possible given the rest: try the next variable
      ++stuck;
      continue;
    }
    stuck = 0;
    double u = unit(rng) * total;
    std::size_t pick = current[i].second;
    for (std::size_t s = 0; s < p.size(); ++s) {
      if (p[s] <= 0.0) continue;
      pick = s;
      u -= p[s];
      if (u < 0.0) break;
    }
    current[i].second = pick;
    plan.sequence.push_back(current);
  }
  tree.clear_evidence();
  return plan;
}

/// The change from step k to step k+1 of the forward-then-backward walk over `plan`:
/// position k of the walk is sequence[k] for k < n and sequence[2n-2-k] after.
struct walk {
  explicit walk(const evidence_plan& plan) : plan_(&plan) {
    const std::size_t n = plan.sequence.size();
    period_ = n > 1 ? 2 * n - 2 : 1;
  }
  /// The evidence set at position k of the walk.
  const findings& at(std::size_t k) const {
    const std::size_t n = plan_->sequence.size();
    k %= period_;
    return plan_->sequence[k < n ? k : period_ - k];
  }
  /// The one finding that differs between positions k and k+1 (or the first finding when
  /// the sequence has a single set).
  std::pair<var_id, std::size_t> change(std::size_t k) const {
    const findings& a = at(k);
    const findings& b = at(k + 1);
    for (std::size_t i = 0; i < a.size(); ++i)
      if (a[i].second != b[i].second) return b[i];
    return b.front();
  }
  std::size_t period() const { return period_; }

 private:
  const evidence_plan* plan_;
  std::size_t period_;
};

// ---- memory ---------------------------------------------------------------------------

/// A value from /proc/self/status in bytes ("VmRSS", "VmHWM"), or -1 when unavailable.
inline double proc_status_bytes(const char* key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  const std::string prefix = std::string(key) + ":";
  while (std::getline(in, line))
    if (line.compare(0, prefix.size(), prefix) == 0) return std::stod(line.substr(prefix.size())) * 1024.0;
  return -1.0;
}

/// Resets the kernel's peak-RSS mark of this process to its current RSS (Linux >= 4.0:
/// writing 5 to /proc/self/clear_refs). Returns false when that is not possible.
inline bool reset_peak_rss() {
  std::FILE* f = std::fopen("/proc/self/clear_refs", "w");
  if (!f) return false;
  const bool ok = std::fputs("5", f) >= 0;
  return (std::fclose(f) == 0) && ok;
}

/// Peak RSS of the process over its lifetime, from getrusage (bytes).
inline double lifetime_peak_rss() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) * 1024.0;  // Linux reports KiB
}

/// Gives freed heap memory back to the system, so that the RSS before a measurement holds
/// no memory the allocator could reuse.
inline void release_free_memory() {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

}  // namespace augury::bench
