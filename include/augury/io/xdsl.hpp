#pragma once
/// \file
/// Reading and writing networks in XDSL, the XML format of GeNIe and SMILE (`.xdsl`).
///
/// `<cpt>` and `<deterministic>` nodes are read; `<probabilities>` list the parents'
/// configurations in row-major order (first parent slowest) with the node's own states
/// fastest, which is augury's layout. The grammar accepted, the checks, and what the format
/// cannot carry are in `docs/formats/xdsl.md`.

#include <augury/io/read_options.hpp>
#include <augury/model/bayesian_network.hpp>

#include <string>
#include <string_view>

namespace augury::io {

/// Reads an XDSL file.
/// \returns the network; variable ids follow the order of the nodes in `<nodes>`. The name is
///   the `name` of the `<genie>` extension when there is one, else the `id` of `<smile>`;
///   network `<properties>` are kept. Node display data (names, positions) is dropped.
/// \throws augury::error if the file cannot be read; augury::parse_error (file, line, column)
///   if it is not well-formed XML or describes an invalid model (unknown parent or state,
///   wrong number of values, a distribution that does not sum to 1 within
///   `options.sum_tolerance`, a cycle), or holds a node type other than `cpt` and
///   `deterministic` (noisy-MAX, equation, decision and utility nodes are not supported).
[[nodiscard]] bayesian_network read_xdsl(const std::string& path, const read_options& options = {});

/// Parses XDSL text held in memory. \throws augury::parse_error as read_xdsl.
[[nodiscard]] bayesian_network parse_xdsl(std::string_view text, const std::string& source_name = "<string>",
                                          const read_options& options = {});

/// Writes `net` as XDSL to `path` (overwriting it). \throws as to_xdsl; augury::error if the
/// file cannot be written.
void write_xdsl(const bayesian_network& net, const std::string& path);

/// The XDSL text of `net`: one `<cpt>` per variable, the network name as the `name` of the
/// `<genie>` extension (and, turned into an identifier, as the `id`), and the network
/// properties whose key is an identifier as `<properties>`; other properties are not
/// written (conversion_losses in format.hpp lists them).
/// \throws augury::model_error if a variable has no CPT; augury::error naming a variable or
///   state that is not a GeNIe identifier (an ASCII letter, then letters, digits and `_`),
///   or a name or property value with control characters.
[[nodiscard]] std::string to_xdsl(const bayesian_network& net);

}  // namespace augury::io
