#pragma once
/// \file
/// The analyst's report on a scenario forecast: key judgments in numbers and words of
/// estimative probability, their uncertainty, the trajectory, the reports that moved the
/// forecast most, the indicators to watch, what the judgment is most sensitive to, and any
/// conflict among the reports. `augury report` prints it as Markdown or JSON;
/// docs/toolkit.md describes every section and the method behind it.
///
/// Sections and methods:
///  - **Key judgments**: P(scenario) for every scenario and the leading cooperation level
///    after all reports (forecast.hpp), each with its ICD 203 term (estimative_words.hpp)
///    and its change from the prior.
///  - **Uncertainty**: central credible intervals of those probabilities when every CPT of
///    the model is Dirichlet-distributed around its entries (analysis/uncertainty.hpp). A
///    model without Dirichlet sample sizes gets `default_equivalent_sample_size` for every
///    table; the report states the sizes it used.
///  - **Trajectory**: the scenario probabilities after each date, with the leading
///    scenario's term and, optionally, credible bands from the same sampled networks at
///    every date (one seed, so the bands of consecutive dates are comparable).
///  - **Attribution**: Shapley values of the evidence on the log-odds of every scenario
///    (analysis/attribution.hpp). The players are the independent pieces of evidence: each
///    report without an upstream, and each group of reports that share an upstream source
///    (one player, since its copies are one claim; provenance.hpp).
///  - **Indicators to watch**: the value of information of observing each indicator
///    (analysis/value_of_information.hpp): the mutual information with the scenario, the
///    probability that the observation moves the leading scenario's probability into
///    another estimative term (with this file's boundary convention), the probability that
///    it changes the leading scenario, and the same term-change probability for one further
///    report of grade `watch_grade` (computed exactly from the same conditionals: a report
///    is a noisy observation of the indicator).
///  - **Sensitivity**: the CPT entries whose one-way variation moves P(leading scenario)
///    most (analysis/sensitivity.hpp), with the nearest change that would make another
///    scenario lead.
///  - **Conflict**: the conflict measure of Jensen et al. 1991 over the evidence, each
///    piece's contribution, and the check whether the most recent evidence fits no scenario
///    (analysis/conflict.hpp).

#include <augury/scenario/default_model.hpp>
#include <augury/scenario/estimative_words.hpp>
#include <augury/scenario/forecast.hpp>
#include <augury/scenario/grading.hpp>
#include <augury/scenario/report.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace augury {

/// Options of make_analyst_report.
struct analyst_report_options {
  /// How grades become likelihoods.
  grading_table grading;
  /// What the reports are, in one line, for the report's header (e.g. a file name).
  std::string reports_description;
  /// The vocabulary of estimative terms (one throughout the report).
  estimative_vocabulary vocabulary = estimative_vocabulary::icd203;

  /// Equivalent sample size of each table, by variable name (positive); tables not named
  /// get `default_equivalent_sample_size`.
  std::map<std::string, double> equivalent_sample_size;
  /// Equivalent sample size of every table not named above (docs/toolkit.md gives the
  /// reasoning for the default); 0 leaves those tables fixed.
  double default_equivalent_sample_size = 10.0;
  /// Networks sampled for the credible intervals (0: no uncertainty section).
  std::size_t uncertainty_samples = 200;
  /// Level of the central credible intervals, in (0, 1).
  double credible_level = 0.9;
  /// Also compute credible bands at every date of the trajectory (costs one sampling run per
  /// date).
  bool trajectory_bands = true;
  /// Seed of every sampler (uncertainty and, beyond exact_limit players, attribution).
  std::uint64_t seed = 20240601;

  /// Exact Shapley values up to this many players, sampled permutations beyond.
  std::size_t shapley_exact_limit = 12;
  /// Permutations sampled when the attribution is not exact.
  std::size_t shapley_permutations = 400;
  /// Reports listed in the attribution section (0: all).
  std::size_t attribution_top = 10;

  /// Indicators listed in the watch list (0: all).
  std::size_t watch_top = 8;
  /// Grade of the hypothetical next report in the watch list.
  std::string watch_grade = "B2";

  /// Parameters listed in the sensitivity section (0: all).
  std::size_t sensitivity_top = 10;

  /// Evidence dated within this many days of the latest report counts as recent in the
  /// conflict check.
  int recent_days = 183;
};

/// A probability judgment on one state.
struct judgment {
  /// The node and state.
  std::string node;
  std::string state;
  /// P(state | all reports) and P(state) before any report.
  double probability = 0.0;
  double prior = 0.0;
  /// The estimative term of `probability` (and of the prior).
  std::string word;
  std::string prior_word;
  /// Central credible interval of `probability` (when computed).
  std::optional<double> lower;
  std::optional<double> upper;
  /// The terms of the interval's ends.
  std::string lower_word;
  std::string upper_word;
};

/// The forecast after one date of the trajectory.
struct trajectory_point {
  std::string date;
  /// Reports applied on that date.
  std::size_t reports = 0;
  /// P(scenario), one entry per scenario state.
  std::vector<double> scenario;
  /// Credible band of each scenario probability (empty when not computed).
  std::vector<double> scenario_lower;
  std::vector<double> scenario_upper;
  /// The leading scenario and its term.
  std::size_t leader = 0;
  std::string leader_word;
  /// The leading cooperation level and its probability.
  std::size_t cooperation_leader = 0;
  double cooperation_probability = 0.0;
};

/// One independent piece of evidence (a report, or the reports of one upstream source on
/// one indicator) and its Shapley values.
struct attributed_evidence {
  /// Date of the (earliest) report.
  std::string date;
  /// The indicator and what the report said ("state" or the likelihood vector in
  /// `state:value;...` form).
  std::string indicator;
  std::string claim;
  /// Source and grade of the report (of the first report of a group).
  std::string source;
  std::string grade;
  /// The upstream source of a group ("" for a single report) and the number of reports.
  std::string upstream;
  std::size_t reports = 1;
  /// 1-based lines of the reports in their file (0 when not read from a file).
  std::vector<std::size_t> lines;
  /// Shapley value on the log-odds (natural log) of each scenario, and its Monte Carlo
  /// standard error (0 when exact).
  std::vector<double> values;
  std::vector<double> standard_errors;
};

/// The attribution section.
struct attribution_section {
  /// Whether the values are exact (all subsets) or sampled.
  bool exact = true;
  std::size_t permutations = 0;
  /// Log-odds of each scenario before and after all the evidence.
  std::vector<double> baseline_log_odds;
  std::vector<double> final_log_odds;
  /// Every piece of evidence, ordered by its largest absolute value over the scenarios.
  std::vector<attributed_evidence> evidence;
};

/// One indicator of the watch list.
struct watch_entry {
  std::string indicator;
  /// I(scenario; indicator | reports) in bits.
  double mutual_information_bits = 0.0;
  /// Probability that observing the indicator moves P(leading scenario) into another term.
  double word_change_probability = 0.0;
  /// Probability that observing the indicator makes another scenario lead.
  double leader_change_probability = 0.0;
  /// Probability that one more report of the watch grade moves P(leading scenario) into
  /// another term.
  double report_word_change_probability = 0.0;
  /// P(indicator state | reports), in state order, with the state names.
  std::vector<std::string> states;
  std::vector<double> state_probabilities;
  /// P(leading scenario | indicator = state) for each state (0 where the state is
  /// impossible).
  std::vector<double> leader_given_state;
};

/// One parameter of the sensitivity section.
struct sensitivity_entry {
  /// "P(X=x | A=a, ...)".
  std::string parameter;
  /// Its current value.
  double value = 0.0;
  /// P(leading scenario) as the parameter sweeps its admissible interval.
  double low = 0.0;
  double high = 0.0;
  /// The nearest value at which another scenario would lead, and which (if any).
  std::optional<double> flip_at;
  std::string flip_to;
};

/// The conflict section.
struct conflict_section {
  /// conf(e) over all evidence (natural log; negative: the evidence hangs together).
  double conflict = 0.0;
  /// conf over the recent evidence, and the date from which evidence counts as recent.
  double recent_conflict = 0.0;
  std::string recent_since;
  std::size_t recent_count = 0;
  /// conf(recent | scenario) for each scenario (+infinity when the recent evidence is
  /// impossible given that scenario; written as null in JSON).
  std::vector<double> recent_conflict_given_scenario;
  /// Whether the recent evidence conflicts under every scenario.
  bool fits_no_scenario = false;
  /// Up to five pieces of evidence with the largest positive contribution to the conflict:
  /// (label, contribution).
  std::vector<std::pair<std::string, double>> top_contributions;
  /// One sentence: the warning, or that there is none.
  std::string message;
};

/// The whole report (see the file comment).
struct analyst_report {
  std::string model_name;
  std::string reports_description;
  /// The date of the latest report ("" without reports).
  std::string as_of;
  std::size_t reports_applied = 0;
  std::size_t independent_sources = 0;
  std::vector<rejected_row> rejected;
  estimative_vocabulary vocabulary = estimative_vocabulary::icd203;

  std::vector<std::string> scenario_states;
  std::vector<std::string> cooperation_states;
  /// One judgment per scenario, in state order.
  std::vector<judgment> scenarios;
  /// The leading scenario and cooperation level.
  std::size_t leading_scenario = 0;
  std::size_t leading_cooperation = 0;
  /// One judgment per cooperation level, in state order.
  std::vector<judgment> cooperation;

  /// Uncertainty settings: samples drawn, level, the sample size of every table, and
  /// whether the defaults were used for some tables.
  std::size_t uncertainty_samples = 0;
  double credible_level = 0.0;
  std::map<std::string, double> equivalent_sample_size;
  double default_equivalent_sample_size = 0.0;

  std::vector<trajectory_point> trajectory;
  attribution_section attribution;
  /// Rows of the attribution table shown in Markdown (0: all; JSON lists every piece).
  std::size_t attribution_top = 10;
  std::vector<watch_entry> watch;
  std::string watch_grade;
  std::vector<sensitivity_entry> sensitivity;
  conflict_section conflict;
};

/// Builds the report of `model` over `batch` (see the file comment).
/// \throws report_error if a report does not fit the model; impossible_evidence_error if
///   the reports have probability zero; error on bad options (a level outside (0, 1), a
///   negative sample size, an unknown variable in equivalent_sample_size).
[[nodiscard]] analyst_report make_analyst_report(const scenario_model& model,
                                                 const report_batch& batch,
                                                 const analyst_report_options& options = {});

/// The report as Markdown (headings, tables, the terms in the report's vocabulary).
[[nodiscard]] std::string render_report_markdown(const analyst_report& report);

/// The report as JSON (an object with one member per section; probabilities as numbers in
/// [0, 1]; an infinite conflict is written as null).
[[nodiscard]] std::string render_report_json(const analyst_report& report);

}  // namespace augury
