#pragma once
// Helpers shared by the XMLBIF, XDSL, DSL, NET, DNE and DSC readers and writers (private to
// src/io): names, numbers, the check of a read table, and the list of what a writer drops.

#include <augury/detail/join.hpp>
#include <augury/error.hpp>
#include <augury/model/bayesian_network.hpp>

#include "bif_common.hpp"
#include "error_collector.hpp"

#include <charconv>
#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace augury::io::detail_formats {

/// Shortest decimal form that reads back to the same double.
inline void append_number(std::string& out, double v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

inline bool is_ascii_letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
inline bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

/// An identifier as GeNIe, Netica and Hugin spell node names: an ASCII letter, then ASCII
/// letters, digits and underscores. `allow_leading_underscore` admits a leading '_' (Hugin, DSC).
inline bool is_identifier(std::string_view s, bool allow_leading_underscore = false) {
  if (s.empty()) return false;
  if (!is_ascii_letter(s[0]) && !(allow_leading_underscore && s[0] == '_')) return false;
  for (char c : s)
    if (!is_ascii_letter(c) && !is_ascii_digit(c) && c != '_') return false;
  return true;
}

/// `s` turned into an identifier: every other character becomes '_', and a name that does
/// not start with a letter gets the prefix `prefix` (so "" becomes the prefix itself).
inline std::string to_identifier(std::string_view s, std::string_view prefix) {
  std::string out;
  if (s.empty() || !is_ascii_letter(s[0])) out = std::string(prefix);
  for (char c : s) out += (is_ascii_letter(c) || is_ascii_digit(c) || c == '_') ? c : '_';
  if (out.empty()) out = std::string(prefix);
  return out;
}

/// Whether `s` has a control character (below 0x20, or 0x7F).
inline bool has_control_character(std::string_view s) {
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) return true;
  }
  return false;
}

/// At most `limit` names joined with ", ", then "and N more".
inline std::string limited_list(const std::vector<std::string>& names, std::size_t limit = 40) {
  if (names.size() <= limit) return detail::join(names);
  std::vector<std::string> head(names.begin(), names.begin() + static_cast<std::ptrdiff_t>(limit));
  return detail::join(head) + ", ... and " + std::to_string(names.size() - limit) + " more";
}

/// "A=a1, B=b0" for parent configuration `row` (last parent fastest).
inline std::string configuration_text(const bayesian_network& net, const std::vector<var_id>& parents,
                                      std::size_t row) {
  std::vector<std::string> parts(parents.size());
  for (std::size_t i = parents.size(); i-- > 0;) {
    const auto& pv = net.var(parents[i]);
    parts[i] = pv.name() + "=" + pv.state(row % pv.cardinality());
    row /= pv.cardinality();
  }
  return detail::join(parts);
}

/// "A[2] x B[3] x C[2]" for the table of `child` given `parents`.
inline std::string shape_text(const bayesian_network& net, const std::vector<var_id>& parents, var_id child) {
  std::string s;
  for (var_id p : parents) s += net.var(p).name() + "[" + std::to_string(net.var(p).cardinality()) + "] x ";
  return s + net.var(child).name() + "[" + std::to_string(net.var(child).cardinality()) + "]";
}

/// Number of entries of the table of `child` given `parents`, or 0 if it overflows.
inline std::size_t table_size(const bayesian_network& net, const std::vector<var_id>& parents, var_id child) {
  std::vector<std::size_t> cards;
  for (var_id p : parents) cards.push_back(net.var(p).cardinality());
  cards.push_back(net.var(child).cardinality());
  try {
    return factor::table_size(cards);
  } catch (const model_error&) {
    return 0;
  }
}

/// How a reader treats rows that do not sum to 1.
enum class row_sums {
  check,      ///< every row must sum to 1 within the tolerance (all formats but NET)
  normalise,  ///< a row that misses 1 by more than the tolerance is divided by its sum (NET)
};

/// Checks the table read for `child` (values in (parents..., child) order, last parent and then
/// the child fastest) and sets it as the child's CPT.
///
/// `what` names the table in messages, as the format calls it ("TABLE", "PROBABILITIES",
/// ...): "the TABLE of 'A' has 6 values, expected 8 (...)", "the distribution of 'A' for
/// (B=b0) in its TABLE sums to 0.8, not 1 (...)". `fail(row, message)` must throw (a
/// parse_error at the place that defined the row; `row` is the parent configuration, or
/// rows() for a problem with the whole table). With a `collect` list in collect mode, a
/// problem with one row is kept there and the other rows are still checked; the CPT is then
/// not set.
template <class Fail>
void set_checked_cpt(bayesian_network& net, var_id child, const std::vector<var_id>& parents,
                     std::vector<double> values, double tolerance, row_sums mode,
                     const std::string& what, Fail&& fail, detail_io::error_collector* collect = nullptr) {
  bool row_failed = false;
  // A problem with row r: thrown, or kept when collecting.
  const auto row_fail = [&](std::size_t r, const std::string& message) {
    if (collect == nullptr || !collect->enabled()) fail(r, message);
    try {
      fail(r, message);
    } catch (const parse_error& e) {
      collect->add(e);
    }
    row_failed = true;
  };
  const variable& cv = net.var(child);
  const std::size_t k = cv.cardinality();
  const std::size_t expected = table_size(net, parents, child);
  if (expected == 0) fail(std::size_t{0}, "the " + what + " of '" + cv.name() + "' would have more entries than memory can hold (" +
                              shape_text(net, parents, child) + ")");
  const std::size_t rows = expected / k;
  if (values.size() != expected)
    fail(rows, "the " + what + " of '" + cv.name() + "' has " + std::to_string(values.size()) + " value" +
                   (values.size() == 1 ? "" : "s") + ", expected " + std::to_string(expected) + " (" +
                   shape_text(net, parents, child) + ")");
  const auto where = [&](std::size_t r) {
    return "the distribution of '" + cv.name() + "'" +
           (parents.empty() ? std::string() : " for (" + configuration_text(net, parents, r) + ")") + " in its " + what;
  };
  const double limit = tolerance + detail_bif::rounding_slack;
  for (std::size_t r = 0; r < rows; ++r) {
    double sum = 0.0;
    bool negative = false;
    for (std::size_t c = 0; c < k && !negative; ++c) {
      const double p = values[r * k + c];
      if (p < 0.0) {
        row_fail(r, where(r) + " gives state '" + cv.state(c) + "' the negative " +
                        (mode == row_sums::normalise ? "weight " : "probability ") + detail::format_number(p));
        negative = true;
      }
      sum += p;
    }
    if (negative) continue;
    if (std::fabs(sum - 1.0) <= limit) continue;
    if (mode == row_sums::check) {
      row_fail(r, where(r) + " sums to " + detail_bif::format_sum(sum) + ", not 1 (tolerance " +
                      detail::format_number(tolerance) + ")");
      continue;
    }
    if (!(sum > 0.0) || !std::isfinite(sum)) {
      row_fail(r, where(r) + " is all zero, so it cannot be normalised to a distribution");
      continue;
    }
    for (std::size_t c = 0; c < k; ++c) values[r * k + c] /= sum;
  }
  if (row_failed) return;
  try {
    net.set_cpt(child, parents, std::move(values), limit);
  } catch (const model_error& e) {
    fail(rows, e.what());
  }
}

/// The message for a name a writer cannot spell.
inline std::string unspellable(std::string_view format, const std::string& what, std::string_view rule) {
  return std::string(format) + " cannot spell " + what + ": " + std::string(rule) +
         " (rename it before writing, or choose a format without this restriction)";
}

/// "variable 'X'" or "state 's' of variable 'X'".
inline std::string variable_text(const std::string& name) { return "variable '" + name + "'"; }
inline std::string state_text(const std::string& state, const std::string& var) {
  return "state '" + state + "' of variable '" + var + "'";
}

}  // namespace augury::io::detail_formats

namespace augury::io::detail_formats {

/// The variables in an order where every parent comes before its children, keeping the id
/// order wherever the graph allows (the smallest ready id first). Equal to 0, 1, ... when the
/// id order already lists parents first.
inline std::vector<var_id> parents_first_order(const bayesian_network& net) {
  std::vector<std::size_t> waiting(net.size(), 0);
  for (var_id v = 0; v < net.size(); ++v) waiting[v] = net.parents(v).size();
  std::vector<var_id> order;
  order.reserve(net.size());
  // A min-heap would be O(n log n); networks are small enough that a scan from the lowest
  // unfinished id is simpler and keeps the id order exactly.
  std::vector<var_id> ready;
  for (var_id v = 0; v < net.size(); ++v)
    if (waiting[v] == 0) ready.push_back(v);
  while (!ready.empty()) {
    std::size_t best = 0;
    for (std::size_t i = 1; i < ready.size(); ++i)
      if (ready[i] < ready[best]) best = i;
    const var_id v = ready[best];
    ready.erase(ready.begin() + static_cast<std::ptrdiff_t>(best));
    order.push_back(v);
    for (var_id c : net.children(v))
      if (--waiting[c] == 0) ready.push_back(c);
  }
  return order;
}

/// Whether `order` is 0, 1, 2, ...
inline bool is_identity(const std::vector<var_id>& order) {
  for (std::size_t i = 0; i < order.size(); ++i)
    if (order[i] != i) return false;
  return true;
}

// What each writer drops, one line per item (conversion_losses in format.hpp).
std::vector<std::string> xdsl_losses(const bayesian_network& net);
std::vector<std::string> dsl_losses(const bayesian_network& net);
std::vector<std::string> net_losses(const bayesian_network& net);
std::vector<std::string> dne_losses(const bayesian_network& net);
std::vector<std::string> dsc_losses(const bayesian_network& net);

}  // namespace augury::io::detail_formats
