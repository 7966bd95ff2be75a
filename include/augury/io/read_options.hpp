#pragma once
/// \file
/// Options shared by the model readers (BIF, XMLBIF, XDSL, DSL, NET, DNE, DSC, JSON, UAI).

#include <augury/model/bayesian_network.hpp>

namespace augury::io {

/// How strictly a reader checks the model it reads.
struct read_options {
  /// Largest accepted |sum - 1| of each conditional distribution (the binary rounding of the
  /// sum itself, under 1e-12, is not counted against it). Entries are always used exactly as
  /// written and never rescaled; raise this only for files published with few digits (for
  /// example 1e-4 for tables rounded to 4 decimals).
  double sum_tolerance = bayesian_network::default_sum_tolerance;

  /// When false (the default) a reader throws augury::parse_error at the first problem.
  /// When true it keeps reading after a problem wherever the format lets it resume (the next
  /// table, definition or block; docs/formats/ says per format), and at the end throws one
  /// augury::parse_errors listing every problem found, in file order, each with its own file,
  /// line and column (at most parse_errors::max_kept; total() counts the rest). It throws
  /// parse_errors even when there is only one problem. A file without problems reads to the
  /// same network either way. Some problems stop reading even in this mode: malformed JSON
  /// or XML, an unterminated comment or string, and the syntax errors of formats that have no
  /// safe place to resume (UAI); these are still thrown as a parse_errors, with the problems
  /// found before them.
  bool collect_all_errors = false;
};

}  // namespace augury::io
