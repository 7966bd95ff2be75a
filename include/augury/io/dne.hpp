#pragma once
/// \file
/// Reading and writing networks in Netica's DNE text format (`.dne`).
///
/// `bnet NAME { node X { kind = NATURE; discrete = TRUE; states = (a, b); parents = (A, B);
/// probs = (...); }; ... };` with `probs` in row-major order over the parents (first parent
/// slowest) and the node's own states fastest, flat or nested one level per parent. The
/// grammar accepted, the checks, and what the format cannot carry are in
/// `docs/formats/dne.md`.

#include <augury/io/read_options.hpp>
#include <augury/model/bayesian_network.hpp>

#include <string>
#include <string_view>

namespace augury::io {

/// Reads a Netica DNE file.
/// \returns the network; variable ids follow the order of the `node` blocks. The name is the
///   identifier after `bnet`; the network's `title` and `comment` strings are kept as the
///   properties `title` and `comment`. Deterministic nodes (`chance = DETERMIN` with a
///   `functable`) become 0/1 CPTs. Display data (`visual`) and node titles are dropped.
/// \throws augury::error if the file cannot be read; augury::parse_error (file, line, column)
///   for malformed text, an invalid model (unknown parent, wrong number of values, a
///   distribution that does not sum to 1 within `options.sum_tolerance` naming the node and
///   the parent configuration, a cycle), or a node that is not a discrete nature node with
///   named states (continuous, decision, utility and constant nodes are not supported).
[[nodiscard]] bayesian_network read_dne(const std::string& path, const read_options& options = {});

/// Parses DNE text held in memory. \throws augury::parse_error as read_dne.
[[nodiscard]] bayesian_network parse_dne(std::string_view text, const std::string& source_name = "<string>",
                                         const read_options& options = {});

/// Writes `net` as DNE to `path` (overwriting it). \throws as to_dne; augury::error if the
/// file cannot be written.
void write_dne(const bayesian_network& net, const std::string& path);

/// The DNE text of `net`, laid out as Netica writes it (a flat `probs` list, one row per
/// parent configuration, with the parent states in a comment). A network name that is not a
/// Netica identifier is written turned into one, and only the properties `title` and
/// `comment` are written (conversion_losses in format.hpp lists what is dropped).
/// \throws augury::model_error if a variable has no CPT; augury::error naming a variable or
///   state that is not a Netica identifier (an ASCII letter, then letters, digits and `_`,
///   at most 30 characters).
[[nodiscard]] std::string to_dne(const bayesian_network& net);

}  // namespace augury::io
