#pragma once
/// \file
/// A report: one dated, sourced and graded observation of one node of a network.
///
/// A report enters the network as a likelihood (virtual) child of the node it names
/// (Pearl 1988, "Probabilistic Reasoning in Intelligent Systems", sec. 2.2.2). A report that
/// names a state s of a node with k states has the likelihood
///     P(report | node = x) = h if x == s, else (1 - h)/(k - 1),
/// where h is the hit rate of the report's grade (see grading.hpp). A report may instead
/// carry its own likelihood vector, which is used exactly as given. Reports on the same
/// node multiply: they accumulate, never overwrite.

#include <augury/detail/join.hpp>
#include <augury/error.hpp>
#include <augury/model/bayesian_network.hpp>
#include <augury/scenario/grading.hpp>

#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace augury {

/// One dated observation of a node.
struct report {
  /// ISO 8601 calendar date, YYYY-MM-DD.
  std::string date;
  /// The node (indicator) the report is about.
  std::string indicator;
  /// The state the report points to; empty when `likelihood` is given instead.
  std::string state;
  /// Likelihood over the node's states in declaration order; empty when `state` is given.
  std::vector<double> likelihood;
  /// Who said it (free text: outlet, office, document).
  std::string source;
  /// Admiralty grade, e.g. "B2"; empty or "unknown" for an ungraded report.
  std::string grade;
  /// Optional one-line description of the event.
  std::string summary;
  /// Optional address of the source.
  std::string url;
  /// 1-based line of the file the report came from (0 if it was not read from a file).
  std::size_t line = 0;

  friend bool operator==(const report& a, const report& b) {
    return a.date == b.date && a.indicator == b.indicator && a.state == b.state &&
           a.likelihood == b.likelihood && a.source == b.source && a.grade == b.grade &&
           a.summary == b.summary && a.url == b.url && a.line == b.line;
  }
  friend bool operator!=(const report& a, const report& b) { return !(a == b); }
};

/// A row of an input file that did not become a report, and why. No row is dropped
/// silently: every row becomes either a report or a rejected_row.
struct rejected_row {
  /// 1-based line where the row starts.
  std::size_t line = 0;
  /// Why the row was rejected (names the entity and lists valid choices).
  std::string reason;

  friend bool operator==(const rejected_row& a, const rejected_row& b) {
    return a.line == b.line && a.reason == b.reason;
  }
};

/// Reports read from a file, with the rows that were rejected.
struct report_batch {
  std::vector<report> reports;
  std::vector<rejected_row> rejected;
};

/// Whether `date` is a valid proleptic-Gregorian calendar date written YYYY-MM-DD
/// (e.g. 2024-02-29 is valid, 2023-02-29 and 2024-13-01 are not).
[[nodiscard]] inline bool is_iso_date(std::string_view date) noexcept {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
  static constexpr std::size_t digit_positions[] = {0, 1, 2, 3, 5, 6, 8, 9};
  for (std::size_t i : digit_positions)
    if (date[i] < '0' || date[i] > '9') return false;
  auto num = [&](std::size_t pos, std::size_t len) {
    int v = 0;
    for (std::size_t i = pos; i < pos + len; ++i) v = v * 10 + (date[i] - '0');
    return v;
  };
  const int y = num(0, 4), m = num(5, 2), d = num(8, 2);
  if (m < 1 || m > 12 || d < 1) return false;
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= days[m - 1] + (m == 2 && leap ? 1 : 0);
}

/// \throws report_error naming `date` unless is_iso_date(date).
inline void check_iso_date(std::string_view date) {
  if (!is_iso_date(date))
    throw report_error("date '" + std::string(date) +
                       "' is not a valid calendar date in the form YYYY-MM-DD");
}

/// Checks `r` against `net` and returns its likelihood vector over the node's states
/// (length = number of states, declaration order): the grade's likelihood for a state
/// report, the report's own vector otherwise.
/// \throws report_error if the date is invalid, the node or state is unknown (listing the
///   valid names), both or neither of state and likelihood are given, the vector has the
///   wrong length, a negative or non-finite entry, or is all zero, or the grade is malformed.
[[nodiscard]] inline std::vector<double> report_likelihood(const bayesian_network& net,
                                                           const report& r,
                                                           const grading_table& grading =
                                                               default_grading_table()) {
  check_iso_date(r.date);
  const auto v = net.find(r.indicator);
  if (!v)
    throw report_error("report of " + r.date + " names unknown indicator '" + r.indicator +
                       "' (indicators: " + net.variable_names_list() + ")");
  const variable& var = net.var(*v);
  const bool has_state = !r.state.empty();
  const bool has_vector = !r.likelihood.empty();
  if (has_state == has_vector)
    throw report_error("report of " + r.date + " on '" + r.indicator +
                       "' must give either a state or a likelihood vector, not " +
                       (has_state ? "both" : "neither") + " (states: " +
                       detail::join(var.states()) + ")");
  grading_table::check_grade(r.grade);
  if (has_state) {
    const auto s = var.find_state(r.state);
    if (!s)
      throw report_error("report of " + r.date + ": indicator '" + r.indicator +
                         "' has no state '" + r.state + "' (states: " + detail::join(var.states()) +
                         ")");
    return grading.likelihood(r.grade, var.cardinality(), *s);
  }
  if (r.likelihood.size() != var.cardinality())
    throw report_error("report of " + r.date + " on '" + r.indicator + "' has a likelihood of " +
                       std::to_string(r.likelihood.size()) + " entries; '" + r.indicator +
                       "' has " + std::to_string(var.cardinality()) + " states (" +
                       detail::join(var.states()) + ")");
  bool any_positive = false;
  for (std::size_t i = 0; i < r.likelihood.size(); ++i) {
    const double x = r.likelihood[i];
    if (!std::isfinite(x) || x < 0.0)
      throw report_error("report of " + r.date + " on '" + r.indicator + "' has likelihood " +
                         detail::format_number(x) + " for state '" + var.state(i) +
                         "'; entries must be finite and non-negative");
    any_positive = any_positive || x > 0.0;
  }
  if (!any_positive)
    throw report_error("report of " + r.date + " on '" + r.indicator +
                       "' has a likelihood that is zero for every state");
  return r.likelihood;
}

}  // namespace augury
