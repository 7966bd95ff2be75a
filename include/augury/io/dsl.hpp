#pragma once
/// \file
/// Reading and writing networks in DSL, the text format of GeNIe and SMILE (`.dsl`).
///
/// `net ID { node X { TYPE = CPT; HEADER = { ID = X; NAME = "..."; }; PARENTS = (A, B);
/// DEFINITION = { NAMESTATES = (s1, s2); PROBABILITIES = (...); }; }; ... };` with the
/// probabilities in row-major order over the parents (first parent slowest) and the node's own
/// states fastest. The grammar accepted, the checks, and what the format cannot carry are in
/// `docs/formats/dsl.md`.

#include <augury/io/read_options.hpp>
#include <augury/model/bayesian_network.hpp>

#include <string>
#include <string_view>

namespace augury::io {

/// Reads a DSL file (any line endings).
/// \returns the network; variable ids follow the order of the `node` blocks. The name is the
///   NAME of the network's HEADER when there is one, else the identifier after `net`.
///   Display and diagnosis sections (SCREEN, EXTRA_DEFINITION, OBSERVATION_COST, ...) are
///   skipped.
/// \throws augury::error if the file cannot be read; augury::parse_error (file, line, column)
///   for malformed text or an invalid model (unknown parent, wrong number of values, a
///   distribution that does not sum to 1 within `options.sum_tolerance` naming the node and
///   the parent configuration, a cycle), or a node TYPE other than CPT and TRUTHTABLE.
[[nodiscard]] bayesian_network read_dsl(const std::string& path, const read_options& options = {});

/// Parses DSL text held in memory. \throws augury::parse_error as read_dsl.
[[nodiscard]] bayesian_network parse_dsl(std::string_view text, const std::string& source_name = "<string>",
                                         const read_options& options = {});

/// Writes `net` as DSL to `path` (overwriting it). \throws as to_dsl; augury::error if the
/// file cannot be written.
void write_dsl(const bayesian_network& net, const std::string& path);

/// The DSL text of `net`. The network name goes to the network HEADER's NAME (and, turned
/// into an identifier, after `net`); network properties are not written (DSL has no
/// documented place for them; conversion_losses in format.hpp lists them).
/// \throws augury::model_error if a variable has no CPT; augury::error naming a variable or
///   state that is not a GeNIe identifier (an ASCII letter, then letters, digits and `_`).
[[nodiscard]] std::string to_dsl(const bayesian_network& net);

}  // namespace augury::io
