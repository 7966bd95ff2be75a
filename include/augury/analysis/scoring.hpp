#pragma once
/// \file
/// Scoring probability forecasts of categorical outcomes, and back-testing a model on a
/// timeline of findings.
///
/// Scores (each a loss: smaller is better):
///  - the Brier score in its original multi-category form, sum over the categories k of
///    (p_k - o_k)^2, where o is the indicator of the outcome; it lies in [0, 2]
///    (G. W. Brier, "Verification of forecasts expressed in terms of probability", Monthly
///    Weather Review 78(1), 1950, eq. 1 for one forecast);
///  - the logarithmic loss -ln p_outcome in nats, the negative of the logarithmic score
///    (I. J. Good, "Rational decisions", JRSS B 14(1), 1952, sec. 8), and the same in bits,
///    -log2 p_outcome, the "ignorance" of M. S. Roulston and L. A. Smith, "Evaluating
///    probabilistic forecasts using information theory", Monthly Weather Review 130, 2002.
///    A forecast that gave the outcome probability 0 has infinite logarithmic loss.
/// The calibration table (reliability diagram; A. H. Murphy and R. L. Winkler, "A general
/// framework for forecast verification", Monthly Weather Review 115, 1987) sorts forecast
/// probabilities into equal-width bins and compares, in each bin, the mean forecast with how
/// often the event happened. With several categories each (forecast, category) pair is one
/// binary forecast of "the outcome is this category", unless one category is chosen.
///
/// Back-testing replays a dated timeline of findings through a junction tree. For each
/// finding that names an observed state, the model's predictive distribution of its variable
/// just before the finding's date (given every finding of earlier dates) is the forecast and
/// the named state the outcome; then the findings of that date are applied.

#include <augury/analysis/detail/common.hpp>
#include <augury/analysis/likelihood_finding.hpp>
#include <augury/detail/join.hpp>
#include <augury/error.hpp>
#include <augury/evidence/evidence_set.hpp>
#include <augury/inference/junction_tree.hpp>
#include <augury/model/bayesian_network.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace augury::analysis {

/// A forecast distribution over categories and the category that happened.
struct probability_forecast {
  /// One probability per category; non-negative, summing to 1 within 1e-6.
  std::vector<double> probabilities;
  /// Index of the category that happened.
  std::size_t outcome = 0;
};

namespace detail {

inline void check_forecast(const std::vector<double>& p, std::size_t outcome) {
  if (p.empty()) throw error("a forecast needs at least one category");
  double sum = 0.0;
  for (double x : p) {
    if (!std::isfinite(x) || x < 0.0)
      throw error("forecast probability " + augury::detail::format_number(x) +
                  " is not a finite non-negative number");
    sum += x;
  }
  if (std::fabs(sum - 1.0) > 1e-6)
    throw error("forecast probabilities sum to " + augury::detail::format_number(sum) + ", not 1");
  if (outcome >= p.size())
    throw error("outcome " + std::to_string(outcome) + " out of range (the forecast has " +
                std::to_string(p.size()) + " categories)");
}

}  // namespace detail

/// Brier (1950) score of one forecast: sum_k (p_k - [k = outcome])^2, in [0, 2].
/// \throws error if `p` is not a distribution or `outcome` is out of range.
[[nodiscard]] inline double brier_score(const std::vector<double>& p, std::size_t outcome) {
  detail::check_forecast(p, outcome);
  double s = 0.0;
  for (std::size_t k = 0; k < p.size(); ++k) {
    const double d = p[k] - (k == outcome ? 1.0 : 0.0);
    s += d * d;
  }
  return s;
}

/// Logarithmic loss -ln p[outcome] in nats (+infinity when p[outcome] = 0).
/// \throws error as brier_score.
[[nodiscard]] inline double log_loss(const std::vector<double>& p, std::size_t outcome) {
  detail::check_forecast(p, outcome);
  return p[outcome] > 0.0 ? -std::log(p[outcome]) : std::numeric_limits<double>::infinity();
}

/// Ignorance -log2 p[outcome] in bits (+infinity when p[outcome] = 0).
/// \throws error as brier_score.
[[nodiscard]] inline double ignorance(const std::vector<double>& p, std::size_t outcome) {
  detail::check_forecast(p, outcome);
  return p[outcome] > 0.0 ? -std::log2(p[outcome]) : std::numeric_limits<double>::infinity();
}

/// Mean scores of a list of forecasts.
struct score_summary {
  /// Number of forecasts.
  std::size_t count = 0;
  /// Mean Brier score (0 for no forecasts).
  double brier = 0.0;
  /// Mean logarithmic loss in nats (+infinity if some outcome had probability 0).
  double log_loss = 0.0;
  /// Mean ignorance in bits (+infinity if some outcome had probability 0).
  double ignorance = 0.0;
  /// Forecasts that gave their outcome probability 0.
  std::size_t zero_probability_outcomes = 0;
};

/// The mean scores of `forecasts`. \throws error naming the first invalid forecast.
[[nodiscard]] inline score_summary score_forecasts(const std::vector<probability_forecast>& forecasts) {
  score_summary s;
  s.count = forecasts.size();
  for (std::size_t i = 0; i < forecasts.size(); ++i) {
    const auto& f = forecasts[i];
    try {
      detail::check_forecast(f.probabilities, f.outcome);
    } catch (const error& ex) {
      throw error("forecast " + std::to_string(i) + ": " + ex.what());
    }
    s.brier += brier_score(f.probabilities, f.outcome);
    s.log_loss += log_loss(f.probabilities, f.outcome);
    s.ignorance += ignorance(f.probabilities, f.outcome);
    if (!(f.probabilities[f.outcome] > 0.0)) ++s.zero_probability_outcomes;
  }
  if (s.count > 0) {
    const double n = static_cast<double>(s.count);
    s.brier /= n;
    s.log_loss /= n;
    s.ignorance /= n;
  }
  return s;
}

/// One bin of a calibration table.
struct calibration_bin {
  /// The bin is [lower, upper) (the last bin includes 1).
  double lower = 0.0;
  double upper = 0.0;
  /// Number of binary forecasts in the bin.
  std::size_t count = 0;
  /// Mean forecast probability in the bin (0 when empty).
  double mean_forecast = 0.0;
  /// Fraction of the bin's forecasts whose event happened (0 when empty).
  double observed_frequency = 0.0;
};

/// Calibration table of `forecasts` with `bins` equal-width bins over [0, 1]. Each
/// category's probability is one binary forecast, or only `category`'s when given.
/// \throws error on an invalid forecast, bins = 0, or a category out of range.
[[nodiscard]] inline std::vector<calibration_bin> calibration_table(
    const std::vector<probability_forecast>& forecasts, std::size_t bins = 10,
    std::optional<std::size_t> category = std::nullopt) {
  if (bins == 0) throw error("a calibration table needs at least one bin");
  std::vector<calibration_bin> table(bins);
  std::vector<double> hits(bins, 0.0);
  for (std::size_t b = 0; b < bins; ++b) {
    table[b].lower = static_cast<double>(b) / static_cast<double>(bins);
    table[b].upper = static_cast<double>(b + 1) / static_cast<double>(bins);
  }
  for (std::size_t i = 0; i < forecasts.size(); ++i) {
    const auto& f = forecasts[i];
    try {
      detail::check_forecast(f.probabilities, f.outcome);
    } catch (const error& ex) {
      throw error("forecast " + std::to_string(i) + ": " + ex.what());
    }
    if (category && *category >= f.probabilities.size())
      throw error("calibration category " + std::to_string(*category) + " out of range (forecast " +
                  std::to_string(i) + " has " + std::to_string(f.probabilities.size()) + " categories)");
    for (std::size_t k = 0; k < f.probabilities.size(); ++k) {
      if (category && k != *category) continue;
      const double p = f.probabilities[k];
      const std::size_t b = std::min(bins - 1, static_cast<std::size_t>(p * static_cast<double>(bins)));
      ++table[b].count;
      table[b].mean_forecast += p;
      if (k == f.outcome) hits[b] += 1.0;
    }
  }
  for (std::size_t b = 0; b < bins; ++b)
    if (table[b].count > 0) {
      table[b].mean_forecast /= static_cast<double>(table[b].count);
      table[b].observed_frequency = hits[b] / static_cast<double>(table[b].count);
    }
  return table;
}

/// One dated finding of a timeline to back-test on.
struct timeline_entry {
  /// YYYY-MM-DD (dates compare as text).
  std::string date;
  /// The variable observed.
  var_id variable = 0;
  /// The state observed: the outcome the model's forecast is scored against. Empty for a
  /// finding that is applied but not scored.
  std::optional<std::size_t> state;
  /// The likelihood applied. Empty: the observation is applied as a hard finding of `state`
  /// (a report of a noisy source is instead applied through its likelihood and still
  /// scored against the state it names).
  std::vector<double> likelihood;
  /// Free text naming the entry in results and messages.
  std::string label;
};

/// A scored forecast of the back-test.
struct scored_entry {
  /// Index into the timeline.
  std::size_t entry = 0;
  /// The entry's date.
  std::string date;
  /// The variable forecast.
  var_id variable = 0;
  /// P(variable | background, findings of earlier dates).
  std::vector<double> forecast;
  /// The observed state.
  std::size_t outcome = 0;
  double brier = 0.0;
  double log_loss = 0.0;
  double ignorance = 0.0;
};

/// Options of backtest.
struct backtest_options {
  /// Evidence present from the start.
  evidence_set background;
  /// Bins of the calibration table.
  std::size_t bins = 10;
};

/// The result of a back-test.
struct backtest_result {
  /// One entry per scored timeline entry, in date order (entries of one date in input order).
  std::vector<scored_entry> scored;
  /// Mean scores of the scored entries.
  score_summary summary;
  /// Calibration of all categories' forecasts.
  std::vector<calibration_bin> calibration;
};

/// Replays `timeline` through `jt` (see the file comment): entries are ordered by date
/// (stable), every entry with a state is scored against the predictive distribution given
/// the background and all entries of earlier dates, then the date's entries are applied
/// (several entries on one variable multiply). The tree's evidence is left set to the
/// background.
/// \throws evidence_error if an entry names a bad variable or state, has a bad likelihood
///   vector, has neither state nor likelihood, or has no date, or the background does not fit
///   the network or holds a fixed-marginal finding; impossible_evidence_error if the
///   background, or the entries up to some date, have probability zero (naming the date).
[[nodiscard]] inline backtest_result backtest(junction_tree& jt, const std::vector<timeline_entry>& timeline,
                                              const backtest_options& options = {}) {
  const bayesian_network& net = jt.network();
  analysis::detail::check_plain_evidence(net, options.background, "back-testing");
  std::vector<likelihood_finding> findings;
  for (std::size_t i = 0; i < timeline.size(); ++i) {
    const auto& t = timeline[i];
    const std::string what = "timeline entry " + std::to_string(i) + (t.label.empty() ? "" : " (" + t.label + ")");
    if (t.date.empty()) throw evidence_error(what + " has no date");
    if (t.variable >= net.size())
      throw evidence_error(what + " names variable id " + std::to_string(t.variable) + "; the network has " +
                           std::to_string(net.size()) + " variables");
    const variable& var = net.var(t.variable);
    if (t.state && *t.state >= var.cardinality())
      throw evidence_error(what + ": '" + var.name() + "' has no state number " + std::to_string(*t.state) +
                           " (states: " + augury::detail::join(var.states()) + ")");
    if (!t.state && t.likelihood.empty())
      throw evidence_error(what + " on '" + var.name() + "' gives neither a state nor a likelihood");
    likelihood_finding f{t.variable, t.likelihood, t.date, t.label.empty() ? what : t.label};
    if (f.likelihood.empty()) {
      f.likelihood.assign(var.cardinality(), 0.0);
      f.likelihood[*t.state] = 1.0;
    }
    findings.push_back(std::move(f));
  }
  check_findings(net, findings);
  std::vector<std::size_t> order(timeline.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return timeline[a].date < timeline[b].date; });

  backtest_result out;
  std::vector<probability_forecast> forecasts;
  std::vector<std::size_t> applied;
  jt.set_evidence(options.background);
  if (jt.log_evidence_probability() == -std::numeric_limits<double>::infinity())
    throw impossible_evidence_error(analysis::detail::impossible_message(net, options.background));
  for (std::size_t k = 0; k < order.size();) {
    const std::string& date = timeline[order[k]].date;
    std::size_t end = k;
    while (end < order.size() && timeline[order[end]].date == date) ++end;
    for (std::size_t j = k; j < end; ++j) {
      const auto& t = timeline[order[j]];
      if (!t.state) continue;
      scored_entry s;
      s.entry = order[j];
      s.date = t.date;
      s.variable = t.variable;
      s.forecast = jt.posterior(t.variable);
      s.outcome = *t.state;
      s.brier = brier_score(s.forecast, s.outcome);
      s.log_loss = log_loss(s.forecast, s.outcome);
      s.ignorance = ignorance(s.forecast, s.outcome);
      forecasts.push_back({s.forecast, s.outcome});
      out.scored.push_back(std::move(s));
    }
    for (std::size_t j = k; j < end; ++j) applied.push_back(order[j]);
    combined_evidence ce;
    try {
      ce = combine_selected(net, findings, applied, options.background);
    } catch (const impossible_evidence_error& ex) {
      throw impossible_evidence_error("back-testing: the findings up to " + date + " are impossible: " + ex.what());
    }
    jt.set_evidence(ce.evidence);
    if (jt.log_evidence_probability() == -std::numeric_limits<double>::infinity())
      throw impossible_evidence_error("back-testing: the findings up to " + date +
                                      " have probability zero under the model");
    k = end;
  }
  out.summary = score_forecasts(forecasts);
  out.calibration = calibration_table(forecasts, options.bins);
  jt.set_evidence(options.background);
  return out;
}

/// As above, compiling a junction tree of `net` for the purpose.
[[nodiscard]] inline backtest_result backtest(const bayesian_network& net,
                                              const std::vector<timeline_entry>& timeline,
                                              const backtest_options& options = {}) {
  junction_tree jt(net);
  return backtest(jt, timeline, options);
}

}  // namespace augury::analysis
