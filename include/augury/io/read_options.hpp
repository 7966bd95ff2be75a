#pragma once
/// \file
/// Options shared by the model readers (BIF, JSON).

#include <augury/model/bayesian_network.hpp>

namespace augury::io {

/// How strictly a reader checks the model it reads.
struct read_options {
  /// Largest accepted |sum - 1| of each conditional distribution (the binary rounding of the
  /// sum itself, under 1e-12, is not counted against it). Entries are always used exactly as
  /// written and never rescaled; raise this only for files published with few digits (for
  /// example 1e-4 for tables rounded to 4 decimals).
  double sum_tolerance = bayesian_network::default_sum_tolerance;
};

}  // namespace augury::io
