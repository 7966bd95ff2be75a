#pragma once
/// \file
/// Reading and writing networks in the Hugin NET format (`.net`).
///
/// `potential ( X | A B ) { data = ((..)(..)); }` lists the table with nested parentheses:
/// the first parent outermost, the child innermost (row-major, child fastest). Hugin defines
/// `data` as weights, so rows that do not sum to 1 are normalised (the only format read this
/// way; see below). The grammar accepted, the checks, and what the format cannot carry are in
/// `docs/formats/net.md`.

#include <augury/io/read_options.hpp>
#include <augury/model/bayesian_network.hpp>

#include <string>
#include <string_view>

namespace augury::io {

/// Reads a Hugin NET file.
/// \returns the network; variable ids follow the order of the `node` blocks. The `name`
///   attribute of the `net` block is the network's name; its other attributes with a string
///   or word value (for example the Hugin GUI's `HR_*` settings) become network properties.
///   Each row of `data` is used as written when it sums to 1 within `options.sum_tolerance`,
///   and is otherwise divided by its sum (Hugin files may hold counts, as `( 10 90 )`).
///   `experience` and `fading` tables are skipped.
/// \throws augury::error if the file cannot be read; augury::parse_error (file, line, column)
///   for malformed text, an invalid model (unknown node or state count, wrong number of
///   values, a negative entry, an all-zero row, a cycle), or a node that is not a discrete
///   chance node (continuous, decision, utility and function nodes are not supported).
[[nodiscard]] bayesian_network read_net(const std::string& path, const read_options& options = {});

/// Parses NET text held in memory. \throws augury::parse_error as read_net.
[[nodiscard]] bayesian_network parse_net(std::string_view text, const std::string& source_name = "<string>",
                                         const read_options& options = {});

/// Writes `net` as NET to `path` (overwriting it). \throws as to_net; augury::error if the
/// file cannot be written.
void write_net(const bayesian_network& net, const std::string& path);

/// The NET text of `net`: the name as the `name` attribute of the `net` block, each property
/// whose key is an identifier (other than `name`) and whose value has no `"` or control
/// character as `key = "value";` (others are not written; conversion_losses in format.hpp
/// lists them), states as quoted strings, and `data` nested one level per parent.
/// \throws augury::model_error if a variable has no CPT; augury::error naming a variable that
///   is not a Hugin identifier (a letter or `_`, then letters, digits and `_`), or a state
///   containing `"`, `\` or a control character.
[[nodiscard]] std::string to_net(const bayesian_network& net);

}  // namespace augury::io
