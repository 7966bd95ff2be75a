#pragma once
/// \file
/// Second-order uncertainty: how far the target's posterior could be from the reported one
/// when the CPT entries are themselves uncertain.
///
/// Each row of a chosen CPT carries a Dirichlet distribution centred on its entries:
/// alpha_j = s theta_j, where s is the table's equivalent sample size (the number of cases
/// the analyst's confidence in the table is worth). Tables without an s stay fixed. The
/// posterior P(T | e) is a function of the tables, so it has a distribution too; it is
/// estimated by Monte Carlo: draw every uncertain row from its Dirichlet, compute P(T | e)
/// exactly, repeat. The result gives per target state the mean, the standard deviation and
/// central credible intervals (sample quantiles, Hyndman & Fan 1996 definition 7).
/// Sources: G. D. Kleiter, "Propagating imprecise probabilities in Bayesian networks",
/// Artificial Intelligence 88, 1996 (Dirichlet-distributed parameters and Monte Carlo
/// propagation); T. Van Allen, A. Singh, R. Greiner and P. Hooper, "Quantifying the
/// uncertainty of a belief net response: Bayesian error-bars for belief net inference",
/// Artificial Intelligence 172, 2008 (the same question, with a variance approximation).
///
/// Sampling: a Dirichlet draw is a vector of independent Gamma(alpha_j, 1) draws divided by
/// its sum (Devroye, *Non-Uniform Random Variate Generation*, 1986, ch. XI.4). Gamma draws
/// are made by inversion with Boost.Math (boost::math::quantile of gamma_distribution) from
/// uniforms of std::mt19937_64 seeded with options.seed, so a seed gives the same draws on
/// every platform. For alpha < 1 the draw is Gamma(alpha + 1) U^(1/alpha), computed in
/// logarithms, which keeps tiny entries from underflowing to zero (Marsaglia & Tsang, "A
/// simple method for generating gamma variables", ACM TOMS 26(3), 2000, sec. 6). Entries
/// that are 0 stay 0 (a Dirichlet with alpha_j = 0 puts no mass there).

#include <augury/analysis/detail/common.hpp>
#include <augury/detail/join.hpp>
#include <augury/error.hpp>
#include <augury/evidence/evidence_set.hpp>
#include <augury/inference/junction_tree.hpp>
#include <augury/interruption.hpp>
#include <augury/model/bayesian_network.hpp>

#include <boost/math/distributions/gamma.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <string>
#include <vector>

namespace augury::analysis {

/// Options of posterior_uncertainty.
struct uncertainty_options {
  /// Equivalent sample size s of each uncertain table, by child variable (positive and
  /// finite). Tables not listed stay fixed.
  std::map<var_id, double> equivalent_sample_size;
  /// Number of Monte Carlo samples (networks drawn), at least 1.
  std::size_t samples = 1000;
  /// Levels of the central credible intervals, each in (0, 1).
  std::vector<double> levels{0.9};
  /// Seed of the sampler.
  std::uint64_t seed = 20240601;
  /// Call `progress` after every this many samples (0: never).
  std::size_t progress_every = 100;
  /// Called with (samples done, samples requested); returning false stops the run, and the
  /// result then describes the samples done so far and says it is incomplete.
  std::function<bool(std::size_t done, std::size_t total)> progress;
  /// Keep every sampled posterior in the result.
  bool keep_samples = false;
};

/// A central credible interval: the (1 - level)/2 and (1 + level)/2 sample quantiles.
struct credible_interval {
  double level = 0.0;
  double lower = 0.0;
  double upper = 0.0;
};

/// The distribution of P(T = t | e) for one target state t.
struct state_uncertainty {
  /// P(T = t | e) with the tables as given.
  double point = 0.0;
  /// Mean over the samples.
  double mean = 0.0;
  /// Standard deviation over the samples (n - 1 in the denominator; 0 for one sample).
  double standard_deviation = 0.0;
  /// One interval per requested level, in the order requested.
  std::vector<credible_interval> intervals;
};

/// The second-order distribution of the target's posterior.
struct uncertainty_result {
  /// The target variable T.
  var_id target = 0;
  /// One entry per target state.
  std::vector<state_uncertainty> states;
  /// Samples requested.
  std::size_t requested = 0;
  /// Samples drawn (fewer than requested when the progress callback stopped the run).
  std::size_t completed = 0;
  /// Whether all requested samples were drawn.
  bool complete = true;
  /// Samples under which the evidence had probability zero (a table entry drawn so small it
  /// was 0 in floating point); they are left out of the statistics.
  std::size_t impossible_samples = 0;
  /// samples[k][t] = P(T = t | e) under sample k (only with keep_samples; impossible
  /// samples are not listed).
  std::vector<std::vector<double>> samples;
};

namespace detail {

/// Boost.Math evaluates in double precision (its default promotes to long double, several
/// times slower, for accuracy the sampler does not need).
using sampling_policy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;

/// Draws one row of a Dirichlet with parameters s * theta (see the file comment).
inline void draw_dirichlet_row(analysis::detail::random_stream& rng, double s, const double* theta,
                               std::size_t k, double* out) {
  std::vector<double> log_g(k, -std::numeric_limits<double>::infinity());
  double top = -std::numeric_limits<double>::infinity();
  for (std::size_t j = 0; j < k; ++j) {
    if (!(theta[j] > 0.0)) continue;
    const double alpha = s * theta[j];
    if (alpha >= 1.0) {
      const boost::math::gamma_distribution<double, sampling_policy> g(alpha, 1.0);
      log_g[j] = std::log(boost::math::quantile(g, rng.open_unit()));
    } else {
      const boost::math::gamma_distribution<double, sampling_policy> g(alpha + 1.0, 1.0);
      log_g[j] = std::log(boost::math::quantile(g, rng.open_unit())) + std::log(rng.open_unit()) / alpha;
    }
    top = std::max(top, log_g[j]);
  }
  double sum = 0.0;
  for (std::size_t j = 0; j < k; ++j) {
    out[j] = std::isfinite(log_g[j]) ? std::exp(log_g[j] - top) : 0.0;
    sum += out[j];
  }
  for (std::size_t j = 0; j < k; ++j) out[j] /= sum;
}

}  // namespace detail

/// The distribution of P(target | e) when the tables listed in
/// options.equivalent_sample_size are Dirichlet-distributed (see the file comment).
/// \throws model_error on a bad target or variable id, or a target with one state;
///   evidence_error if `e` does not fit the network; impossible_evidence_error if P(e) = 0
///   with the tables as given, or under every sample; error on an equivalent sample size
///   that is not positive and finite, samples = 0, or a level outside (0, 1).
[[nodiscard]] inline uncertainty_result posterior_uncertainty(const bayesian_network& net, var_id target,
                                                              const evidence_set& e,
                                                              const uncertainty_options& options) {
  analysis::detail::check_target(net, target, "posterior uncertainty");
  e.validate(net);
  for (const auto& [v, s] : options.equivalent_sample_size) {
    (void)net.var(v);
    if (!(s > 0.0) || !std::isfinite(s))
      throw error("posterior uncertainty: the equivalent sample size of '" + net.var(v).name() +
                  "' is " + augury::detail::format_number(s) + "; it must be positive and finite");
  }
  if (options.samples == 0) throw error("posterior uncertainty needs at least one sample");
  for (double level : options.levels)
    if (!(level > 0.0 && level < 1.0))
      throw error("posterior uncertainty: credible level " + augury::detail::format_number(level) +
                  " is not inside (0, 1)");

  junction_tree reference(net);
  const std::vector<double> point = analysis::detail::posterior_given(reference, target, e);
  const std::size_t kt = point.size();
  const junction_tree_options quick = analysis::detail::fast_recompile_options(net, reference);

  uncertainty_result out;
  out.target = target;
  out.requested = options.samples;
  analysis::detail::random_stream rng(options.seed);
  bayesian_network work = net;
  std::vector<std::vector<double>> draws(kt);  // draws[t][k]
  for (std::size_t k = 0; k < options.samples; ++k) {
    interruption_point("the uncertainty analysis");
    for (const auto& [v, s] : options.equivalent_sample_size) {
      const cpt& original = net.cpt_of(v);
      const auto& theta = original.table().values();
      const std::size_t cols = original.columns();
      std::vector<double> table(theta.size());
      for (std::size_t r = 0; r < original.rows(); ++r)
        detail::draw_dirichlet_row(rng, s, theta.data() + r * cols, cols, table.data() + r * cols);
      work.set_cpt(v, original.parents(), std::move(table));
    }
    junction_tree jt(work, quick);
    jt.set_evidence(e);
    if (jt.log_evidence_probability() == -std::numeric_limits<double>::infinity()) {
      ++out.impossible_samples;
    } else {
      const std::vector<double> p = jt.posterior(target);
      for (std::size_t t = 0; t < kt; ++t) draws[t].push_back(p[t]);
      if (options.keep_samples) out.samples.push_back(p);
    }
    out.completed = k + 1;
    if (options.progress && options.progress_every > 0 && (k + 1) % options.progress_every == 0 &&
        !options.progress(k + 1, options.samples))
      break;
  }
  out.complete = out.completed == options.samples;
  const std::size_t valid = draws[0].size();
  if (valid == 0)
    throw impossible_evidence_error("posterior uncertainty: " + analysis::detail::impossible_message(net, e) +
                                    " under every one of the " + std::to_string(out.completed) +
                                    " sampled networks");
  out.states.resize(kt);
  for (std::size_t t = 0; t < kt; ++t) {
    state_uncertainty& su = out.states[t];
    su.point = point[t];
    std::vector<double>& x = draws[t];
    double mean = 0.0;
    for (double v : x) mean += v;
    mean /= static_cast<double>(valid);
    double ss = 0.0;
    for (double v : x) ss += (v - mean) * (v - mean);
    su.mean = mean;
    su.standard_deviation = valid > 1 ? std::sqrt(ss / static_cast<double>(valid - 1)) : 0.0;
    std::sort(x.begin(), x.end());
    for (double level : options.levels)
      su.intervals.push_back({level, analysis::detail::quantile_sorted(x, (1.0 - level) / 2.0),
                              analysis::detail::quantile_sorted(x, (1.0 + level) / 2.0)});
  }
  return out;
}

}  // namespace augury::analysis
