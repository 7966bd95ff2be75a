#pragma once
/// \file
/// Attribution: how much each finding (report) contributed to the target's posterior.
///
/// The findings are the players of a cooperative game whose value for a set S of findings
/// is, for each target state t, the log-odds
///     v_t(S) = log P(T = t | b, e_S) - log P(T != t | b, e_S),
/// b being fixed background evidence. Log-odds make the contributions of independent
/// findings add up, and the Shapley value splits the total change v_t(N) - v_t({}) among
/// the findings without depending on the order they arrived in:
///     phi_i = sum over S not holding i of |S|! (n - |S| - 1)! / n! [v(S + i) - v(S)]
/// (L. S. Shapley, "A value for n-person games", in *Contributions to the Theory of Games
/// II*, Annals of Mathematics Studies 28, 1953). The values add up to the total change
/// (efficiency), a finding that changes nothing gets 0, and findings that play the same role
/// get the same value.
///
/// Exact values need v for all 2^n subsets (2^n propagations, each computed once); this is
/// the default for n <= 16. Beyond that the values are estimated by sampling permutations:
/// each random order of the findings gives every finding the change it makes when added
/// after those before it, an unbiased sample of its Shapley value; the estimate is the mean
/// over the permutations and its standard error the sample standard deviation over the
/// square root of their number (E. Štrumbelj and I. Kononenko, "Explaining prediction models
/// and individual predictions with feature contributions", Knowledge and Information Systems
/// 41(3), 2014, sec. 3). The estimates add up to the total change exactly, since each
/// permutation's changes do.
///
/// Several findings on one variable multiply (see likelihood_finding.hpp).
/// A target state whose log-odds is infinite for some subset (its probability is 0 or 1
/// there, e.g. because a hard finding decides it) has no finite attribution: it is flagged
/// as undefined and its values are left at 0.

#include <augury/analysis/detail/common.hpp>
#include <augury/analysis/likelihood_finding.hpp>
#include <augury/error.hpp>
#include <augury/evidence/evidence_set.hpp>
#include <augury/inference/junction_tree.hpp>
#include <augury/model/bayesian_network.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace augury::analysis {

/// Options of the Shapley attribution.
struct shapley_options {
  /// Exact enumeration of all subsets when there are at most this many findings (2^n
  /// propagations, and 2^n card(T) doubles of memory); permutation sampling beyond. At most 24.
  std::size_t exact_limit = 16;
  /// Number of random permutations when sampling (at least 2).
  std::size_t permutations = 1000;
  /// Seed of the permutations (std::mt19937_64 with a portable shuffle, so the same seed
  /// gives the same estimate on every platform).
  std::uint64_t seed = 20240601;
  /// Evidence present in every subset (not a player).
  evidence_set background;
};

/// Shapley values of findings on the log-odds of each target state.
struct shapley_result {
  /// The target variable T.
  var_id target = 0;
  /// The players: indices into the list of findings, in the order of `values`.
  std::vector<std::size_t> players;
  /// P(T | background).
  std::vector<double> baseline;
  /// P(T | background, every player).
  std::vector<double> posterior;
  /// v_t({}) and v_t(N) for each target state (natural-log odds).
  std::vector<double> baseline_log_odds;
  std::vector<double> final_log_odds;
  /// Whether state t has finite log-odds for every subset evaluated (see the file comment).
  std::vector<bool> defined;
  /// values[i][t]: the Shapley value of player i on the log-odds of state t (natural log).
  /// For each defined state they sum over i to final_log_odds[t] - baseline_log_odds[t].
  std::vector<std::vector<double>> values;
  /// standard_errors[i][t]: the Monte Carlo standard error of values[i][t] (0 when exact).
  std::vector<std::vector<double>> standard_errors;
  /// Whether the values are exact (all subsets) rather than sampled.
  bool exact = true;
  /// Permutations sampled (0 when exact).
  std::size_t permutations = 0;
  /// Distinct subsets whose posterior was computed (one propagation each); in a timeline,
  /// those not already computed for an earlier step.
  std::size_t inferences = 0;
};

/// The attribution of the findings dated up to one date.
struct attribution_step {
  /// The date (the last date of the prefix).
  std::string date;
  /// The Shapley attribution of every finding dated on or before `date`.
  shapley_result attribution;
};

namespace detail {

/// Posterior of the target for subsets of a list of findings, memoised by subset.
class subset_posteriors {
 public:
  subset_posteriors(junction_tree& jt, var_id target, const std::vector<likelihood_finding>& findings,
                    const evidence_set& background)
      : jt_(jt), target_(target), findings_(findings), background_(background),
        words_((findings.size() + 63) / 64 + 1) {}

  using mask = std::vector<std::uint64_t>;
  [[nodiscard]] mask empty_mask() const { return mask(words_, 0); }
  static void add(mask& m, std::size_t i) { m[i / 64] |= std::uint64_t(1) << (i % 64); }

  const std::vector<double>& operator()(const mask& m) {
    auto it = cache_.find(m);
    if (it != cache_.end()) return it->second;
    if (cache_.size() >= max_cached) cache_.clear();
    std::vector<std::size_t> selection;
    for (std::size_t i = 0; i < findings_.size(); ++i)
      if (m[i / 64] >> (i % 64) & 1u) selection.push_back(i);
    const combined_evidence ce = combine_selected(jt_.network(), findings_, selection, background_);
    ++inferences_;
    return cache_.emplace(m, analysis::detail::posterior_given(jt_, target_, ce.evidence)).first->second;
  }
  [[nodiscard]] std::size_t inferences() const noexcept { return inferences_; }

 private:
  static constexpr std::size_t max_cached = std::size_t(1) << 21;
  struct mask_hash {
    std::size_t operator()(const mask& m) const noexcept {
      std::uint64_t h = 1469598103934665603ull;
      for (std::uint64_t w : m) h = (h ^ w) * 1099511628211ull + (h >> 29);
      return static_cast<std::size_t>(h);
    }
  };
  junction_tree& jt_;
  var_id target_;
  const std::vector<likelihood_finding>& findings_;
  const evidence_set& background_;
  std::size_t words_;
  std::size_t inferences_ = 0;
  std::unordered_map<mask, std::vector<double>, mask_hash> cache_;
};

inline std::vector<double> all_log_odds(const std::vector<double>& p) {
  std::vector<double> out(p.size());
  for (std::size_t t = 0; t < p.size(); ++t) out[t] = analysis::detail::log_odds(p, t);
  return out;
}

/// Shapley values of the players `players` (indices into the findings) with `eval`.
inline shapley_result shapley_of(subset_posteriors& eval, var_id target,
                                 const std::vector<std::size_t>& players, const shapley_options& options) {
  const std::size_t n = players.size();
  shapley_result out;
  out.target = target;
  out.players = players;
  const std::size_t before = eval.inferences();
  auto m0 = eval.empty_mask();
  out.baseline = eval(m0);
  auto mall = m0;
  for (std::size_t i : players) subset_posteriors::add(mall, i);
  out.posterior = eval(mall);
  const std::size_t kt = out.baseline.size();
  out.baseline_log_odds = all_log_odds(out.baseline);
  out.final_log_odds = all_log_odds(out.posterior);
  out.defined.assign(kt, true);
  out.values.assign(n, std::vector<double>(kt, 0.0));
  out.standard_errors.assign(n, std::vector<double>(kt, 0.0));
  auto note = [&](const std::vector<double>& lo) {
    for (std::size_t t = 0; t < kt; ++t)
      if (!std::isfinite(lo[t])) out.defined[t] = false;
  };
  note(out.baseline_log_odds);
  note(out.final_log_odds);

  if (n <= options.exact_limit) {
    // v[S] for every subset S of the players (bit k of S is players[k]).
    const std::size_t count = std::size_t(1) << n;
    std::vector<std::vector<double>> v(count);
    for (std::size_t s = 0; s < count; ++s) {
      auto m = m0;
      for (std::size_t k = 0; k < n; ++k)
        if (s >> k & 1u) subset_posteriors::add(m, players[k]);
      v[s] = all_log_odds(eval(m));
      note(v[s]);
    }
    // weight[c] = c! (n - c - 1)! / n! = 1 / (n * binomial(n - 1, c)).
    std::vector<double> weight(n > 0 ? n : 1, 0.0);
    for (std::size_t c = 0; c < n; ++c) {
      double binom = 1.0;
      for (std::size_t j = 1; j <= c; ++j)
        binom = binom * static_cast<double>(n - 1 - c + j) / static_cast<double>(j);
      weight[c] = 1.0 / (static_cast<double>(n) * binom);
    }
    for (std::size_t s = 0; s < count; ++s) {
      std::size_t c = 0;
      for (std::size_t k = 0; k < n; ++k) c += s >> k & 1u;
      for (std::size_t k = 0; k < n; ++k) {
        if (s >> k & 1u) continue;
        const auto& with = v[s | (std::size_t(1) << k)];
        for (std::size_t t = 0; t < kt; ++t)
          if (out.defined[t]) out.values[k][t] += weight[c] * (with[t] - v[s][t]);
      }
    }
  } else {
    if (options.permutations < 2)
      throw error("Shapley attribution of " + std::to_string(n) +
                  " findings samples permutations and needs at least 2 (got " +
                  std::to_string(options.permutations) + ")");
    out.exact = false;
    out.permutations = options.permutations;
    analysis::detail::random_stream rng(options.seed);
    std::vector<std::vector<double>> sum(n, std::vector<double>(kt, 0.0)), sum2 = sum;
    std::vector<std::size_t> order(n);
    const std::vector<double> start = out.baseline_log_odds;
    for (std::size_t p = 0; p < options.permutations; ++p) {
      for (std::size_t k = 0; k < n; ++k) order[k] = k;
      rng.shuffle(order);
      auto m = m0;
      std::vector<double> prev = start;
      for (std::size_t k : order) {
        subset_posteriors::add(m, players[k]);
        std::vector<double> cur = all_log_odds(eval(m));
        note(cur);
        for (std::size_t t = 0; t < kt; ++t) {
          if (!out.defined[t]) continue;
          const double delta = cur[t] - prev[t];
          sum[k][t] += delta;
          sum2[k][t] += delta * delta;
        }
        prev = std::move(cur);
      }
    }
    const double m = static_cast<double>(options.permutations);
    for (std::size_t k = 0; k < n; ++k)
      for (std::size_t t = 0; t < kt; ++t) {
        if (!out.defined[t]) continue;
        const double mean = sum[k][t] / m;
        const double var = std::max(0.0, (sum2[k][t] - m * mean * mean) / (m - 1.0));
        out.values[k][t] = mean;
        out.standard_errors[k][t] = std::sqrt(var / m);
      }
  }
  for (std::size_t t = 0; t < kt; ++t)
    if (!out.defined[t])
      for (std::size_t k = 0; k < n; ++k) out.values[k][t] = out.standard_errors[k][t] = 0.0;
  out.inferences = eval.inferences() - before;
  return out;
}

inline void check_shapley(const bayesian_network& net, var_id target,
                          const std::vector<likelihood_finding>& findings, const shapley_options& options) {
  analysis::detail::check_target(net, target, "Shapley attribution");
  analysis::detail::check_plain_evidence(net, options.background, "Shapley attribution");
  check_findings(net, findings);
  if (options.exact_limit > 24)
    throw error("Shapley attribution: exact_limit " + std::to_string(options.exact_limit) +
                " is above 24 (2^24 propagations)");
}

}  // namespace detail

/// Shapley values of every finding on the log-odds of each state of `target`, computed with
/// `jt` (whose evidence is left set to the background evidence).
/// \throws model_error on a bad target; evidence_error on a finding that does not fit the
///   network or fixed-marginal background evidence; impossible_evidence_error if the
///   background and all findings together have probability zero; error if sampling is
///   needed and options.permutations < 2, or options.exact_limit > 24.
[[nodiscard]] inline shapley_result shapley_attribution(junction_tree& jt, var_id target,
                                                        const std::vector<likelihood_finding>& findings,
                                                        const shapley_options& options = {}) {
  detail::check_shapley(jt.network(), target, findings, options);
  detail::subset_posteriors eval(jt, target, findings, options.background);
  std::vector<std::size_t> players(findings.size());
  for (std::size_t i = 0; i < players.size(); ++i) players[i] = i;
  // The full set first: if it is possible, so is every subset.
  auto all = eval.empty_mask();
  for (std::size_t i : players) detail::subset_posteriors::add(all, i);
  (void)eval(all);
  auto out = detail::shapley_of(eval, target, players, options);
  out.inferences = eval.inferences();
  jt.set_evidence(options.background);
  return out;
}

/// As above, compiling a junction tree of `net` for the purpose.
[[nodiscard]] inline shapley_result shapley_attribution(const bayesian_network& net, var_id target,
                                                        const std::vector<likelihood_finding>& findings,
                                                        const shapley_options& options = {}) {
  junction_tree jt(net);
  return shapley_attribution(jt, target, findings, options);
}

/// How the attribution evolves along a timeline: the findings are ordered by date (dates
/// compare as text, which orders YYYY-MM-DD chronologically; findings of one date keep their
/// list order) and, for each distinct date, the findings dated on or before it are
/// attributed as by shapley_attribution (exactly up to options.exact_limit findings, by
/// sampling beyond, every step with the same seed). Subset posteriors are shared between
/// steps, so the exact steps together cost at most 2^exact_limit propagations.
/// \throws as shapley_attribution; evidence_error if a finding has no date.
[[nodiscard]] inline std::vector<attribution_step> shapley_timeline(
    junction_tree& jt, var_id target, const std::vector<likelihood_finding>& findings,
    const shapley_options& options = {}) {
  detail::check_shapley(jt.network(), target, findings, options);
  for (std::size_t i = 0; i < findings.size(); ++i)
    if (findings[i].date.empty())
      throw evidence_error("Shapley timeline: " + describe_finding(jt.network(), findings, i) +
                           " has no date");
  std::vector<std::size_t> order(findings.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return findings[a].date < findings[b].date; });
  detail::subset_posteriors eval(jt, target, findings, options.background);
  auto all = eval.empty_mask();
  for (std::size_t i : order) detail::subset_posteriors::add(all, i);
  (void)eval(all);
  std::vector<attribution_step> steps;
  std::vector<std::size_t> players;
  for (std::size_t k = 0; k < order.size(); ++k) {
    players.push_back(order[k]);
    const std::string& date = findings[order[k]].date;
    if (k + 1 < order.size() && findings[order[k + 1]].date == date) continue;
    steps.push_back({date, detail::shapley_of(eval, target, players, options)});
  }
  jt.set_evidence(options.background);
  return steps;
}

/// As above, compiling a junction tree of `net` for the purpose.
[[nodiscard]] inline std::vector<attribution_step> shapley_timeline(
    const bayesian_network& net, var_id target, const std::vector<likelihood_finding>& findings,
    const shapley_options& options = {}) {
  junction_tree jt(net);
  return shapley_timeline(jt, target, findings, options);
}

}  // namespace augury::analysis
