#pragma once
/// \file
/// Reading and writing networks in the DSC format (`.dsc`) of Microsoft's Bayesian network
/// tools, in the form bnlearn writes.
///
/// `belief network "name"`, `node X { type : discrete [ k ] = { "s1", "s2" }; }`, and
/// `probability ( X | A, B ) { (0, 1) : p1, p2; ... }` whose rows are labelled by the
/// 0-based state indices of the parents, in any order. The grammar accepted, the checks, and
/// what the format cannot carry are in `docs/formats/dsc.md`.

#include <augury/io/read_options.hpp>
#include <augury/model/bayesian_network.hpp>

#include <string>
#include <string_view>

namespace augury::io {

/// Reads a DSC file.
/// \returns the network; variable ids follow the order of the `node` blocks; the name is the
///   string after `belief network`. Node attributes other than `type` (`name`, `position`)
///   are dropped.
/// \throws augury::error if the file cannot be read; augury::parse_error (file, line, column)
///   for malformed text or an invalid model: unknown variable, an index out of range, a
///   duplicate or missing row (without `default`), the wrong number of values, a distribution
///   that does not sum to 1 within `options.sum_tolerance`, a cycle, or a noisy-MAX
///   `function` (not supported).
[[nodiscard]] bayesian_network read_dsc(const std::string& path, const read_options& options = {});

/// Parses DSC text held in memory. \throws augury::parse_error as read_dsc.
[[nodiscard]] bayesian_network parse_dsc(std::string_view text, const std::string& source_name = "<string>",
                                         const read_options& options = {});

/// Writes `net` as DSC to `path` (overwriting it). \throws as to_dsc; augury::error if the
/// file cannot be written.
void write_dsc(const bayesian_network& net, const std::string& path);

/// The DSC text of `net` in the bnlearn layout (rows with the first parent varying fastest).
/// DSC has no network properties, so none are written (conversion_losses in format.hpp lists
/// them).
/// \throws augury::model_error if a variable has no CPT; augury::error naming a variable that
///   is not an identifier (a letter or `_`, then letters, digits and `_`), or a state with a
///   control character.
[[nodiscard]] std::string to_dsc(const bayesian_network& net);

}  // namespace augury::io
