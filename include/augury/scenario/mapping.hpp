#pragma once
/// \file
/// A reporter's timeline and the mapping of its vocabulary onto a model.
///
/// A timeline compiled from the news speaks its compiler's language (e.g. indicator
/// `joint_patrol_near_japan`, state `observed`). A vocabulary_mapping says, for each
/// reporter (indicator, state) pair, which model node and state it points to, or gives a
/// soft pointer (a weight per state of the node) when the event points only partly to one
/// state, or says that the pair maps to nothing in the model and why. map_timeline turns a
/// timeline into model reports; every row becomes a report or a rejected_row with a reason.
///
/// File formats (docs/reports.md):
///  - timeline: header with `date,indicator,observed_state` and optionally `grade`,
///    `reliability_hint`, `source_name`, `source_url`, `summary` (by name, any order);
///  - mapping: header `reporter_indicator,reporter_state,node,state,likelihood,note`.

#include <augury/model/bayesian_network.hpp>
#include <augury/scenario/grading.hpp>
#include <augury/scenario/report.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace augury {

/// One event of a reporter's timeline, in the reporter's vocabulary.
struct timeline_event {
  std::string date;            ///< YYYY-MM-DD
  std::string indicator;       ///< the reporter's indicator name
  std::string observed_state;  ///< the reporter's state name
  std::string grade;           ///< Admiralty grade, or empty when ungraded
  std::string source_name;
  std::string source_url;
  std::string summary;
  std::size_t line = 0;  ///< 1-based line in the timeline file
};

/// A parsed timeline: its events and the rows that could not be read.
struct reporter_timeline {
  std::vector<timeline_event> events;
  std::vector<rejected_row> rejected;
};

/// One row of a vocabulary mapping.
struct mapping_entry {
  std::string reporter_indicator;
  std::string reporter_state;
  /// Model node; empty when the pair maps to nothing in the model (see `note`).
  std::string node;
  /// Model state the pair points to; empty when `likelihood` is given or `node` is empty.
  std::string state;
  /// Soft pointer `state:value;...` over every state of `node`; empty when `state` is given.
  std::string likelihood;
  /// Why the pair maps as it does (required when `node` is empty).
  std::string note;
  /// 1-based line in the mapping file.
  std::size_t line = 0;

  /// Whether the pair maps onto a model node.
  [[nodiscard]] bool maps() const noexcept { return !node.empty(); }
};

/// A reporter vocabulary -> model mapping: at most one entry per (indicator, state) pair.
class vocabulary_mapping {
 public:
  vocabulary_mapping() = default;
  /// An empty mapping called `source_name` (used in messages).
  explicit vocabulary_mapping(std::string source_name) : source_(std::move(source_name)) {}

  /// Adds an entry. \throws report_error if the pair is already mapped (naming both lines).
  void add(mapping_entry entry);
  /// The entry of a reporter pair, or nullptr.
  [[nodiscard]] const mapping_entry* find(std::string_view reporter_indicator,
                                          std::string_view reporter_state) const;
  /// All entries in file order.
  [[nodiscard]] const std::vector<mapping_entry>& entries() const noexcept { return entries_; }
  /// Name of the file or text the mapping came from.
  [[nodiscard]] const std::string& source_name() const noexcept { return source_; }

  /// Checks every entry against `net`: the node exists, the state is one of its states,
  /// the soft pointer names every state with a non-negative value, not all zero.
  /// \throws report_error naming the mapping line and listing the valid names.
  void check(const bayesian_network& net) const;

  /// The soft pointer of a mapping entry as a vector over the states of its node: 1 at
  /// `state` and 0 elsewhere for a state entry, the parsed `likelihood` otherwise.
  /// \throws report_error as check() for that entry, or if the entry maps to nothing.
  [[nodiscard]] std::vector<double> pointer(const mapping_entry& entry,
                                            const bayesian_network& net) const;

 private:
  std::string source_ = "<string>";
  std::vector<mapping_entry> entries_;
};

/// Parses mapping CSV (header `reporter_indicator,reporter_state,node,state,likelihood,note`).
/// The mapping is configuration, so a bad row is an error rather than a rejected row.
/// \throws parse_error on malformed CSV, a missing column (naming it and listing the
///   required ones), a row with the wrong number of fields, an empty reporter name, both
///   or neither of state and likelihood for a mapped pair, a state for an unmapped pair,
///   an unmapped pair without a note, or a repeated pair.
[[nodiscard]] vocabulary_mapping parse_mapping_csv(std::string_view text,
                                                   const std::string& source_name = "<string>");

/// The Admiralty grade assigned to a source by its reliability hint (the rule of
/// docs/reports.md: e.g. "official_statement" -> "A2", "major_wire_service" -> "B2",
/// "news_report" -> "C3", "aggregator" -> "D3"). An unknown hint gives "" (ungraded).
[[nodiscard]] std::string grade_from_reliability_hint(std::string_view hint);

/// Parses a reporter timeline. Required columns: date, indicator, observed_state; optional:
/// grade, reliability_hint (used through grade_from_reliability_hint when there is no grade
/// column), source_name, source_url, summary. A row with the wrong number of fields, a bad
/// date, an empty indicator or state, or a malformed grade becomes a rejected_row.
/// \throws parse_error on malformed CSV or a missing required column.
[[nodiscard]] reporter_timeline parse_reporter_timeline_csv(std::string_view text,
                                                            const std::string& source_name =
                                                                "<string>");

/// Turns a timeline into model reports through `mapping`. A pair mapped to a state gives a
/// report of that state with the event's grade. A pair mapped to a soft pointer m gives a
/// report whose likelihood is m passed through the grade's channel:
/// lambda(x) = sum_s m(s) P(report says s | x) (grading_table::channel), so the source's
/// weight applies to it too. A pair missing from the mapping, or mapped to nothing,
/// becomes a rejected_row saying why; rows the timeline rejected are passed through.
/// Rejected rows are ordered by line.
/// \throws report_error if the mapping does not fit `net` (see vocabulary_mapping::check).
[[nodiscard]] report_batch map_timeline(const reporter_timeline& timeline,
                                        const vocabulary_mapping& mapping,
                                        const bayesian_network& net,
                                        const grading_table& grading = default_grading_table());

/// The timeline shipped with augury (examples/data/china_russia_timeline.csv, 30 public
/// events, October 2023 - June 2025), parsed.
[[nodiscard]] reporter_timeline shipped_reporter_timeline();
/// The shipped mapping of that timeline onto the default model
/// (examples/data/china_russia_mapping.csv).
[[nodiscard]] vocabulary_mapping shipped_mapping();
/// The shipped timeline mapped onto the default model: its reports and rejected rows.
[[nodiscard]] report_batch shipped_timeline(const grading_table& grading = default_grading_table());

}  // namespace augury
