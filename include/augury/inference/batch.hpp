#pragma once
/// \file
/// Batch queries: the posteriors of a few target variables for many evidence cases, spread
/// over threads that share one compiled_junction_tree, each with its own
/// junction_tree_workspace.
///
/// Consecutive cases handled by one thread are entered as changes to the previous case's
/// findings, so findings the cases share cost nothing, and each case computes only the
/// downward messages its targets need. The results are bit-identical to answering each case
/// alone with a fresh junction_tree (a workspace's results depend only on its current
/// evidence), whatever the number of threads.

#include <augury/error.hpp>
#include <augury/evidence/evidence_set.hpp>
#include <augury/inference/compiled_junction_tree.hpp>
#include <augury/inference/junction_tree_workspace.hpp>
#include <augury/interruption.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <limits>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace augury {

/// Evidence for many cases in compact form: hard findings as a matrix of state indices and
/// likelihood findings as a matrix of weights, both row-major with one row per case.
struct evidence_matrix {
  /// Number of cases (rows).
  std::size_t num_cases = 0;
  /// The variables with a column of hard findings.
  std::vector<var_id> hard_variables;
  /// num_cases x hard_variables.size(): `hard_states[c * hard_variables.size() + i]` is the
  /// observed state index of hard_variables[i] in case c, or -1 for no finding.
  std::vector<std::int32_t> hard_states;
  /// The variables with a block of likelihood weights (distinct from hard_variables).
  std::vector<var_id> likelihood_variables;
  /// num_cases x W, W = the sum of the cardinalities of likelihood_variables: case c's row
  /// holds, for each likelihood variable in order, its card(v) weights in state order. A
  /// block of all ones is no finding (it changes neither posteriors nor P(e)).
  std::vector<double> likelihoods;
};

/// The answers of a batch query.
///
/// Layout of `posteriors` (C order, case-major): for case c, target t and state s the value
/// P(targets[t] = s | case c) sits at c * row_width() + target_offsets[t] + s, where
/// target_offsets[t] is the sum of the cardinalities of the targets before t.
struct batch_result {
  /// Number of cases.
  std::size_t num_cases = 0;
  /// The target variables, as asked.
  std::vector<var_id> targets;
  /// targets.size() + 1 offsets: where each target's states start in a row; the last one is
  /// the row width.
  std::vector<std::size_t> target_offsets{0};
  /// num_cases x row_width() posteriors (see the struct comment).
  std::vector<double> posteriors;
  /// Per case, the natural log of P(e) for its hard and likelihood findings (log Z(e) for a
  /// Markov network).
  std::vector<double> log_evidence;

  /// Values per case.
  [[nodiscard]] std::size_t row_width() const noexcept { return target_offsets.back(); }
  /// P(targets[t] = s | case c).
  [[nodiscard]] double at(std::size_t c, std::size_t t, std::size_t s) const {
    return posteriors[c * row_width() + target_offsets[t] + s];
  }
};

namespace detail {

/// Runs `apply(workspace, c)` (which enters case c's evidence) and reads the targets for
/// every case, on `threads` threads taking chunks of consecutive cases.
template <class Apply>
batch_result run_batch(const compiled_junction_tree& tree, std::size_t num_cases,
                       const std::vector<var_id>& targets, unsigned threads, const Apply& apply) {
  batch_result out;
  out.num_cases = num_cases;
  out.targets = targets;
  for (var_id t : targets) out.target_offsets.push_back(out.target_offsets.back() + tree.var(t).cardinality());
  const std::size_t width = out.row_width();
  out.posteriors.assign(num_cases * width, 0.0);
  out.log_evidence.assign(num_cases, 0.0);
  if (num_cases == 0) return out;

  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, num_cases));
  // Chunks small enough to balance the threads, large enough that consecutive cases share
  // one workspace (and their common findings).
  const std::size_t chunk = std::max<std::size_t>(1, std::min<std::size_t>(256, num_cases / (threads * 8)));
  const std::shared_ptr<const compiled_junction_tree> shared(std::shared_ptr<const compiled_junction_tree>(), &tree);

  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> first_failure{std::numeric_limits<std::size_t>::max()};
  std::vector<std::size_t> failed_case(threads, std::numeric_limits<std::size_t>::max());
  std::vector<std::exception_ptr> failure(threads);

  // The workers watch the caller's interrupt flag (interruption.hpp).
  const interrupt_flag* const stop = current_interrupt_flag();
  auto worker = [&](unsigned w) {
    const interruption_scope watching(stop);
    try {
      junction_tree_workspace ws(shared);
      for (;;) {
        const std::size_t begin = next.fetch_add(chunk);
        if (begin >= num_cases || begin > first_failure.load()) break;
        const std::size_t end = std::min(num_cases, begin + chunk);
        for (std::size_t c = begin; c < end; ++c) {
          try {
            interruption_point("the batch query");
            apply(ws, c);
            out.log_evidence[c] = ws.log_evidence_probability();
            double* row = out.posteriors.data() + c * width;
            for (std::size_t t = 0; t < targets.size(); ++t) ws.posterior(targets[t], row + out.target_offsets[t]);
          } catch (const impossible_evidence_error& e) {
            failure[w] = std::make_exception_ptr(impossible_evidence_error("case " + std::to_string(c) + ": " + e.what()));
          } catch (const evidence_error& e) {
            failure[w] = std::make_exception_ptr(evidence_error("case " + std::to_string(c) + ": " + e.what()));
          } catch (...) {
            failure[w] = std::current_exception();
          }
          if (failure[w]) {
            failed_case[w] = c;
            std::size_t seen = first_failure.load();
            while (c < seen && !first_failure.compare_exchange_weak(seen, c)) {
            }
            return;
          }
        }
      }
    } catch (...) {  // allocating the workspace
      failure[w] = std::current_exception();
      failed_case[w] = 0;
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (unsigned w = 1; w < threads; ++w) pool.emplace_back(worker, w);
  worker(0);
  for (auto& th : pool) th.join();
  std::size_t worst = threads;
  for (unsigned w = 0; w < threads; ++w)
    if (failure[w] && (worst == threads || failed_case[w] < failed_case[worst])) worst = w;
  if (worst < threads) std::rethrow_exception(failure[worst]);
  return out;
}

}  // namespace detail

/// P(target | e) for each target and each case, and log P(e) per case, computed on
/// `threads` threads (0: one per hardware thread), each with its own workspace over the
/// shared `tree`. See batch_result for the layout. Cases may hold any kind of finding
/// (fixed-marginal findings are fitted per case).
/// \throws model_error on a bad target id; evidence_error (its message starting "case N: ")
///         if a case does not fit the network; impossible_evidence_error ("case N: evidence
///         has probability zero: ...") if a case has P(e) = 0. With several bad cases, the
///         first one is reported.
[[nodiscard]] inline batch_result batch_posteriors(const compiled_junction_tree& tree,
                                                   const std::vector<evidence_set>& cases,
                                                   const std::vector<var_id>& targets,
                                                   unsigned threads = 1) {
  return detail::run_batch(tree, cases.size(), targets, threads,
                           [&](junction_tree_workspace& ws, std::size_t c) { ws.set_evidence(cases[c]); });
}

/// The compact-evidence overload of batch_posteriors (see evidence_matrix).
/// \throws evidence_error if the matrices do not have the sizes the variable lists imply,
///         a variable is listed twice, or a case holds an out-of-range state (other than -1)
///         or a bad likelihood block; otherwise as the other overload.
[[nodiscard]] inline batch_result batch_posteriors(const compiled_junction_tree& tree,
                                                   const evidence_matrix& cases,
                                                   const std::vector<var_id>& targets,
                                                   unsigned threads = 1) {
  const std::size_t nh = cases.hard_variables.size();
  std::vector<std::size_t> offsets{0};
  std::vector<char> listed(tree.size(), 0);
  auto check_var = [&](var_id v) {
    if (v >= tree.size())
      throw evidence_error("evidence matrix names variable id " + std::to_string(v) +
                           ", but the network has " + std::to_string(tree.size()) + " variables");
    if (listed[v])
      throw evidence_error("evidence matrix lists variable '" + tree.var(v).name() + "' twice");
    listed[v] = 1;
  };
  for (var_id v : cases.hard_variables) check_var(v);
  for (var_id v : cases.likelihood_variables) {
    check_var(v);
    offsets.push_back(offsets.back() + tree.var(v).cardinality());
  }
  const std::size_t width = offsets.back();
  if (cases.hard_states.size() != cases.num_cases * nh)
    throw evidence_error("evidence matrix has " + std::to_string(cases.hard_states.size()) +
                         " hard states; " + std::to_string(cases.num_cases) + " cases x " +
                         std::to_string(nh) + " variables need " + std::to_string(cases.num_cases * nh));
  if (cases.likelihoods.size() != cases.num_cases * width)
    throw evidence_error("evidence matrix has " + std::to_string(cases.likelihoods.size()) +
                         " likelihood weights; " + std::to_string(cases.num_cases) + " cases x " +
                         std::to_string(width) + " weights need " + std::to_string(cases.num_cases * width));
  return detail::run_batch(tree, cases.num_cases, targets, threads, [&](junction_tree_workspace& ws, std::size_t c) {
    const std::int32_t* h = cases.hard_states.data() + c * nh;
    for (std::size_t i = 0; i < nh; ++i) {
      const var_id v = cases.hard_variables[i];
      if (h[i] == -1)
        ws.retract(v);
      else if (h[i] < 0)
        throw evidence_error("evidence on '" + tree.var(v).name() + "': state number " +
                             std::to_string(h[i]) + " is negative (use -1 for no finding)");
      else
        ws.set_hard(v, static_cast<std::size_t>(h[i]));
    }
    const double* l = cases.likelihoods.data() + c * width;
    for (std::size_t i = 0; i < cases.likelihood_variables.size(); ++i) {
      const var_id v = cases.likelihood_variables[i];
      const double* block = l + offsets[i];
      const std::size_t k = offsets[i + 1] - offsets[i];
      if (std::all_of(block, block + k, [](double x) { return x == 1.0; }))
        ws.retract(v);
      else
        ws.set_likelihood(v, block);
    }
  });
}

}  // namespace augury
