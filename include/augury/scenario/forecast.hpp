#pragma once
/// \file
/// The forecast over a timeline: the scenario and cooperation-level posteriors after each
/// day's reports.
///
/// Reports are sorted by date (stably, so reports of one day keep their order) and applied
/// one day at a time. Each report is a likelihood (virtual) child of its indicator
/// (report.hpp); the reports on one indicator up to a date are combined into one vector
/// (report_evidence.hpp: independent reports multiply, reports that share an upstream
/// source enter through its latent claim), which enters the junction tree as that
/// indicator's likelihood finding. The vector is kept divided by its largest entry: only
/// ratios of a likelihood matter, so this scaling changes no posterior and keeps a long run
/// of reports from underflowing. Inference is exact (junction_tree).

#include <augury/scenario/default_model.hpp>
#include <augury/scenario/grading.hpp>
#include <augury/scenario/report.hpp>

#include <string>
#include <vector>

namespace augury {

/// The posteriors after all reports up to and including one date.
struct forecast_step {
  /// The date (YYYY-MM-DD).
  std::string date;
  /// The reports applied on this date, in input order.
  std::vector<report> reports;
  /// P(scenario | reports so far), one entry per scenario state in state order (4 for the
  /// default model); sums to 1.
  std::vector<double> scenario;
  /// P(military_cooperation | reports so far), one entry per level in state order
  /// (5 for the default model); sums to 1.
  std::vector<double> cooperation;
};

/// A forecast: the prior, one step per distinct report date, and the rows that did not
/// become reports.
struct forecast_result {
  /// State names of the scenario node (the order of every scenario vector).
  std::vector<std::string> scenario_states;
  /// State names of the cooperation node (the order of every cooperation vector).
  std::vector<std::string> cooperation_states;
  /// P(scenario) before any report.
  std::vector<double> prior_scenario;
  /// P(military_cooperation) before any report.
  std::vector<double> prior_cooperation;
  /// One step per distinct date, in date order.
  std::vector<forecast_step> steps;
  /// Rows of the input that were rejected, passed through unchanged.
  std::vector<rejected_row> rejected;
};

/// Runs the forecast of `model` over `reports` (see the file comment).
/// \throws report_error naming the report (date, line) if one does not fit the model (unknown
///   indicator or state, bad date, grade, rates or likelihood, upstream grades of one source
///   that disagree); impossible_evidence_error if the
///   reports up to some date have probability zero under the model.
[[nodiscard]] forecast_result forecast(const scenario_model& model,
                                       const std::vector<report>& reports,
                                       const grading_table& grading = default_grading_table());

/// As above, for a batch read from a file: its rejected rows are passed through.
[[nodiscard]] forecast_result forecast(const scenario_model& model, const report_batch& batch,
                                       const grading_table& grading = default_grading_table());

}  // namespace augury
