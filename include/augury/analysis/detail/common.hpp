#pragma once
// Helpers shared by the analysis headers; not part of the public API.

#include <augury/detail/join.hpp>
#include <augury/error.hpp>
#include <augury/evidence/evidence_set.hpp>
#include <augury/inference/junction_tree.hpp>
#include <augury/interruption.hpp>
#include <augury/model/bayesian_network.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace augury::analysis::detail {

/// \throws model_error if `target` is not a variable of `net`, or has fewer than 2 states.
inline void check_target(const bayesian_network& net, var_id target, const char* analysis) {
  const variable& t = net.var(target);
  if (t.cardinality() < 2)
    throw model_error(std::string(analysis) + ": target '" + t.name() +
                      "' has a single state, so there is nothing to analyse");
}

/// \throws evidence_error if `e` does not fit `net` or holds a fixed-marginal finding (the
/// analyses rely on P(e) being a multilinear function of the tables and the findings).
inline void check_plain_evidence(const bayesian_network& net, const evidence_set& e,
                                 const char* analysis) {
  e.validate(net);
  for (const auto& [v, f] : e.findings())
    if (f.kind == evidence_kind::fixed_marginal)
      throw evidence_error(std::string(analysis) + " takes hard and likelihood findings only; '" +
                           net.var(v).name() +
                           "' has a fixed-marginal finding (turn it into a likelihood first)");
}

/// "evidence has probability zero: ..." for `e`.
inline std::string impossible_message(const bayesian_network& net, const evidence_set& e) {
  return "evidence has probability zero: " + e.describe(net);
}

/// Sets `e` on `jt` and returns P(target | e).
/// \throws impossible_evidence_error if P(e) = 0.
inline std::vector<double> posterior_given(junction_tree& jt, var_id target, const evidence_set& e) {
  interruption_point("the analysis");
  jt.set_evidence(e);
  if (jt.log_evidence_probability() == -std::numeric_limits<double>::infinity())
    throw impossible_evidence_error(impossible_message(jt.network(), e));
  return jt.posterior(target);
}

/// Shannon entropy in bits (0 log 0 = 0).
inline double entropy_bits(const std::vector<double>& p) {
  double h = 0.0;
  for (double x : p)
    if (x > 0.0) h -= x * std::log2(x);
  return h;
}

/// Index of the largest entry (the first one on ties).
inline std::size_t argmax(const std::vector<double>& p) {
  return static_cast<std::size_t>(std::max_element(p.begin(), p.end()) - p.begin());
}

/// log P(t) - log P(not t), computing P(not t) as the sum of the other entries so that
/// probabilities near 1 keep their precision. Infinite when p[t] is 0 or 1.
inline double log_odds(const std::vector<double>& p, std::size_t t) {
  double rest = 0.0;
  for (std::size_t j = 0; j < p.size(); ++j)
    if (j != t) rest += p[j];
  if (p[t] <= 0.0) return -std::numeric_limits<double>::infinity();
  if (rest <= 0.0) return std::numeric_limits<double>::infinity();
  return std::log(p[t]) - std::log(rest);
}

/// Junction-tree options for networks that share the structure of `reference` (compiled
/// with default options): the single heuristic that won there, without random restarts,
/// unless that tree is clearly larger, in which case the full search is kept.
inline junction_tree_options fast_recompile_options(const bayesian_network& net,
                                                    const junction_tree& reference) {
  junction_tree_options quick;
  quick.search.heuristics = {reference.heuristic()};
  quick.search.random_restarts = 0;
  const junction_tree probe(net, quick);
  if (static_cast<double>(probe.total_clique_size()) <=
      1.25 * static_cast<double>(reference.total_clique_size()))
    return quick;
  return junction_tree_options{};
}

/// A random stream whose output is the same on every platform: std::mt19937_64 (fully
/// specified by the C++ standard) with hand-written conversions, since the standard
/// distributions may differ between library implementations.
class random_stream {
 public:
  explicit random_stream(std::uint64_t seed) : engine_(seed) {}
  /// Uniform on the open interval (0, 1): (k + 1/2) 2^-53 for a 53-bit k.
  double open_unit() { return (static_cast<double>(engine_() >> 11) + 0.5) * 0x1.0p-53; }
  /// Uniform integer in [0, n) by rejection (no modulo bias). n must be positive.
  std::uint64_t below(std::uint64_t n) {
    const std::uint64_t threshold = (0 - n) % n;  // 2^64 mod n
    for (;;) {
      const std::uint64_t r = engine_();
      if (r >= threshold) return r % n;
    }
  }
  /// Fisher-Yates shuffle of `items`.
  template <class T>
  void shuffle(std::vector<T>& items) {
    for (std::size_t i = items.size(); i > 1; --i)
      std::swap(items[i - 1], items[static_cast<std::size_t>(below(i))]);
  }

 private:
  std::mt19937_64 engine_;
};

/// Sample quantile, Hyndman & Fan (1996) definition 7 (linear interpolation between order
/// statistics; the default of R and numpy). `sorted` must be sorted and non-empty.
inline double quantile_sorted(const std::vector<double>& sorted, double q) {
  const double h = (static_cast<double>(sorted.size()) - 1.0) * q;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

}  // namespace augury::analysis::detail
