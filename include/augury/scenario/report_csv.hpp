#pragma once
/// \file
/// Reading and writing reports as CSV.
///
/// Format (docs/reports.md): RFC 4180 CSV with a header row; columns are found by name, in
/// any order. Required columns: `date`, `indicator`, `source`, `grade`, and at least one of
/// `state` and `likelihood`; optional: `summary`, `url`, `hit_rate` and `false_alarm_rate`
/// (a report's own channel, both or neither), `upstream` (the source a report relays, e.g.
/// a wire-story id), `upstream_grade` and `copy_fidelity` (provenance.hpp). Each row gives
/// exactly one of a state name and a likelihood written `state:value;state:value;...` naming
/// every state of the indicator once. An empty optional field means "not given". Every data
/// row becomes either a report or a rejected_row with the reason; none is dropped.

#include <augury/model/bayesian_network.hpp>
#include <augury/scenario/report.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace augury {

/// Parses a likelihood written `state:value;state:value;...` over the states of `var`.
/// Returns the values in the variable's state order. Spaces around names and values are
/// ignored; a trailing ';' is allowed.
/// \throws report_error on an unknown, repeated or missing state (listing the states), a
///   value that is not a finite non-negative number, or values that are all zero.
[[nodiscard]] std::vector<double> parse_likelihood_text(std::string_view text, const variable& var);

/// Writes `values` (one per state of `var`) as `state:value;...`, each value with the fewest
/// digits that read back to the same double. \throws report_error on a length mismatch.
[[nodiscard]] std::string likelihood_text(const std::vector<double>& values, const variable& var);

/// Parses report CSV text, checking each row against `net` (node and state names, date,
/// grade, likelihood). `source_name` names the text in messages ("<string>" by default).
/// \throws parse_error for a malformed CSV structure (unclosed quote) or a header that
///   lacks a required column (naming it and listing the required columns).
[[nodiscard]] report_batch parse_report_csv(std::string_view text, const bayesian_network& net,
                                            const std::string& source_name = "<string>");

/// Reads report CSV from the file at `path` (see parse_report_csv).
/// \throws parse_error also when the file cannot be opened.
[[nodiscard]] report_batch read_report_csv(const std::string& path, const bayesian_network& net);

/// Writes reports as CSV with the header `date,indicator,state,likelihood,source,grade,summary,url`,
/// followed by `hit_rate,false_alarm_rate` when some report states its rates and by
/// `upstream,upstream_grade,copy_fidelity` when some report names an upstream. Numbers are
/// written with round-trip precision, so parse_report_csv reads the same reports back (apart
/// from their line numbers).
/// \throws report_error if a report names a node absent from `net` or has a likelihood of
///   the wrong length.
[[nodiscard]] std::string write_report_csv(const std::vector<report>& reports,
                                           const bayesian_network& net);

}  // namespace augury
