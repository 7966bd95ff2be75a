#pragma once
/// \file
/// Reading and writing networks in augury's JSON model format.
///
/// A document is one object (the schema, with an example, is in docs/formats/json-model.md):
/// \code{.json}
/// {"format": "augury-network", "version": 1, "name": "toy", "properties": {"k": "v"},
///  "variables": [
///    {"name": "A", "states": ["a0", "a1"], "parents": [], "cpt": [[0.3, 0.7]]},
///    {"name": "B", "states": ["b0", "b1"], "parents": ["A"],
///     "cpt": [[0.9, 0.1], [0.2, 0.8]]}]}
/// \endcode
/// `cpt` holds one row per parent configuration, in row-major order over `parents` (the last
/// parent varies fastest), each row a distribution over the child's states in their declared
/// order: the C-order array of shape (card(parents[0]), ..., card(parents[k-1]), card(child))
/// cut into rows, exactly the layout of augury::cpt. A root has one row.
/// Unknown keys are errors, except `"notes"` (any value, ignored) at the top level and in
/// each variable.

#include <augury/io/read_options.hpp>
#include <augury/model/bayesian_network.hpp>

#include <string>
#include <string_view>

namespace augury::io {

/// Version of the JSON model format written by write_json and read by read_json.
inline constexpr int json_model_version = 1;

/// Reads a JSON model file.
/// \param path file to read (UTF-8)
/// \returns the network; variable ids follow the order of the `variables` array.
/// \throws augury::error if the file cannot be opened or read (naming the path);
///   augury::parse_error with line and column for malformed JSON, and naming the JSON path
///   (for example `variables[3].cpt[2]`) for a document that breaks the schema or describes
///   an invalid model (unknown parent, wrong row length or count, a row that does not sum to 1
///   within `options.sum_tolerance`, a cycle, duplicate names or keys).
[[nodiscard]] bayesian_network read_json(const std::string& path, const read_options& options = {});

/// Parses a JSON model held in memory.
/// \param text the JSON document
/// \param source_name name used in error messages (typically the file name)
/// \param options checks to apply (see read_options)
/// \throws augury::parse_error as read_json.
[[nodiscard]] bayesian_network parse_json(std::string_view text,
                                          const std::string& source_name = "<string>",
                                          const read_options& options = {});

/// Writes `net` as a JSON model to `path` (overwriting it).
/// \throws augury::model_error if a variable has no CPT; augury::error if the file cannot be
///   written or a name is not valid UTF-8.
void write_json(const bayesian_network& net, const std::string& path);

/// The JSON model text of `net`: two-space indentation, one CPT row per line, numbers in the
/// shortest form that reads back to the same double (so `parse_json(to_json(net)) == net`).
/// \throws augury::model_error if a variable has no CPT; augury::error if a name, state,
///   or property is not valid UTF-8.
[[nodiscard]] std::string to_json(const bayesian_network& net);

}  // namespace augury::io
