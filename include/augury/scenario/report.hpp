#pragma once
/// \file
/// A report: one dated, sourced and graded observation of one node of a network.
///
/// A report enters the network as a likelihood (virtual) child of the node it names
/// (Pearl 1988, "Probabilistic Reasoning in Intelligent Systems", sec. 2.2.2). A report that
/// names a state s of a node with k states has the likelihood
///     P(report | node = x) = h if x == s, else (1 - h)/(k - 1),
/// where h is the hit rate of the report's grade (see grading.hpp). A state report may
/// instead state its own hit rate h and false-alarm rate f, P(report says s | node = s) and
/// P(report says s | node != s): its likelihood is then h at s and f elsewhere. A report may
/// also carry its own likelihood vector, which is used exactly as given. Reports on the same
/// node multiply: they accumulate, never overwrite.
///
/// Reports that name an `upstream` source (e.g. a wire story they copy) are not
/// independent: those on one node with one upstream enter through a latent "what the source
/// claimed" node (provenance.hpp; report_evidence.hpp combines a set of reports).

#include <augury/detail/join.hpp>
#include <augury/error.hpp>
#include <augury/model/bayesian_network.hpp>
#include <augury/scenario/grading.hpp>
#include <augury/scenario/provenance.hpp>

#include <cmath>
#include <cstddef>
#include <optional>
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
  // The members below have default initialisers so that a braced initialiser of the nine
  // members above stays complete.
  /// P(report says `state` | node = `state`), the report's own hit rate in [0, 1]; given
  /// together with `false_alarm_rate`, only for a state report. It replaces the grade's
  /// hit rate (the grade is then kept as information).
  std::optional<double> hit_rate{};
  /// P(report says `state` | node != `state`), the report's own false-alarm rate in [0, 1].
  std::optional<double> false_alarm_rate{};
  /// The upstream source the report relays (e.g. a wire-story id); empty for a report that
  /// is its own source. Reports on one node with one upstream form a group (provenance.hpp).
  std::string upstream{};
  /// Admiralty grade of the upstream source's claim. Empty: the most reliable grade (highest
  /// fidelity) among the group's reports. Non-empty values within a group must agree.
  std::string upstream_grade{};
  /// How faithfully this report relays its upstream's claim, in [0, 1]; unset: the grading
  /// table's copy fidelity (default 0.95). Only for a report with an upstream.
  std::optional<double> copy_fidelity{};

  friend bool operator==(const report& a, const report& b) {
    return a.date == b.date && a.indicator == b.indicator && a.state == b.state &&
           a.likelihood == b.likelihood && a.source == b.source && a.grade == b.grade &&
           a.summary == b.summary && a.url == b.url && a.line == b.line &&
           a.hit_rate == b.hit_rate && a.false_alarm_rate == b.false_alarm_rate &&
           a.upstream == b.upstream && a.upstream_grade == b.upstream_grade &&
           a.copy_fidelity == b.copy_fidelity;
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

namespace detail {

/// The state index of a state report, after the checks of report_likelihood; nothing for
/// a likelihood-vector report.
inline std::optional<std::size_t> checked_report_state(const bayesian_network& net,
                                                       const report& r) {
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
  const std::string who = "report of " + r.date + " on '" + r.indicator + "'";
  if (r.hit_rate.has_value() != r.false_alarm_rate.has_value())
    throw report_error(who + " gives a " + (r.hit_rate ? "hit rate" : "false-alarm rate") +
                       " without a " + (r.hit_rate ? "false-alarm rate" : "hit rate") +
                       "; give both or neither");
  if (r.hit_rate) {
    if (!has_state)
      throw report_error(who + " gives hit and false-alarm rates with a likelihood vector; "
                         "rates go with a reported state");
    try {
      grading_table::check_rates(*r.hit_rate, *r.false_alarm_rate);
    } catch (const report_error& e) {
      throw report_error(who + ": " + e.what());
    }
  }
  if (r.upstream.empty()) {
    if (!r.upstream_grade.empty() || r.copy_fidelity)
      throw report_error(who + " gives " + (r.copy_fidelity ? "a copy fidelity" : "an upstream grade") +
                         " but no upstream source");
  } else {
    if (!has_state)
      throw report_error(who + " relays upstream source '" + r.upstream +
                         "' with a likelihood vector; a report with an upstream names a state");
    if (r.hit_rate)
      throw report_error(who + " relays upstream source '" + r.upstream +
                         "' and gives its own hit and false-alarm rates; a copy's channel is its "
                         "copy fidelity (and the upstream's, its upstream grade)");
    if (r.copy_fidelity && !(*r.copy_fidelity >= 0.0 && *r.copy_fidelity <= 1.0))
      throw report_error(who + " has copy fidelity " + detail::format_number(*r.copy_fidelity) +
                         ", outside [0, 1]");
    try {
      grading_table::check_grade(r.upstream_grade);
    } catch (const report_error& e) {
      throw report_error(who + ": upstream " + e.what());
    }
  }
  if (has_state) {
    const auto s = var.find_state(r.state);
    if (!s)
      throw report_error("report of " + r.date + ": indicator '" + r.indicator +
                         "' has no state '" + r.state + "' (states: " + detail::join(var.states()) +
                         ")");
    return s;
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
  return std::nullopt;
}

}  // namespace detail

/// The grade that sets the upstream channel of a single report with an upstream: its
/// `upstream_grade`, else its own grade.
[[nodiscard]] inline const std::string& single_upstream_grade(const report& r) noexcept {
  return r.upstream_grade.empty() ? r.grade : r.upstream_grade;
}

/// Checks `r` against `net` and returns its likelihood vector over the node's states
/// (length = number of states, declaration order), as if it were the only report:
///  - a state report with hit and false-alarm rates: h at the state, f elsewhere
///    (grading_table::rate_likelihood);
///  - a state report without an upstream: the grade's likelihood;
///  - a state report with an upstream: the likelihood of a one-copy group
///    (shared_source_group), the upstream channel from single_upstream_grade(r), the copy
///    channel from its copy fidelity (or the table's);
///  - a likelihood report: its own vector.
/// For several reports that share an upstream use report_evidence (report_evidence.hpp):
/// their likelihoods do not multiply.
/// \throws report_error if the date is invalid, the node or state is unknown (listing the
///   valid names), both or neither of state and likelihood are given, the vector has the
///   wrong length, a negative or non-finite entry, or is all zero, the grade or upstream
///   grade is malformed, only one of the two rates is given, a rate or the copy fidelity is
///   outside [0, 1], hit < false alarm, rates come with a likelihood vector or an upstream,
///   an upstream report has no state, or an upstream grade or copy fidelity has no upstream.
[[nodiscard]] inline std::vector<double> report_likelihood(const bayesian_network& net,
                                                           const report& r,
                                                           const grading_table& grading =
                                                               default_grading_table()) {
  const auto s = detail::checked_report_state(net, r);
  if (!s) return r.likelihood;
  const std::size_t k = net.var(net.id(r.indicator)).cardinality();
  if (r.hit_rate) return grading_table::rate_likelihood(*r.hit_rate, *r.false_alarm_rate, k, *s);
  if (r.upstream.empty()) return grading.likelihood(r.grade, k, *s);
  shared_source_group group(k);
  group.add_copy(*s, r.copy_fidelity.value_or(grading.copy_fidelity()));
  return group.likelihood(grading.hit_rate(single_upstream_grade(r), k));
}

}  // namespace augury
