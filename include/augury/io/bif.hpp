#pragma once
/// \file
/// Reading and writing networks in BIF, the Bayesian Interchange Format (text).
///
/// The reader accepts the dialects found in published files: the bnlearn repository
/// (`type discrete [ k ] { ... }`, rows labelled by parent states), JavaBayes BIF 0.15
/// (quoted names, whitespace separators, conditional `table` blocks), the Hugin-derived
/// exports (comments inside state lists, `property` lines) and the aGrUM writer (`default`
/// rows, `discrete[k]`). The accepted grammar, the order of values in a `table`, and every
/// check the reader makes are described in `docs/formats/bif.md`.
///
/// The writer produces the bnlearn layout: root variables as `table`, every other variable
/// as one labelled row per parent configuration; names that are not plain tokens are
/// quoted. `parse_bif(to_bif(net)) == net` for every complete network.

#include <augury/io/read_options.hpp>
#include <augury/model/bayesian_network.hpp>

#include <string>
#include <string_view>

namespace augury::io {

/// Reads a BIF file.
/// \param path file to read (UTF-8 or ASCII; a byte-order mark is skipped)
/// \returns the network, every variable with its CPT; variable ids follow the order of the
///   `variable` blocks; the network's name and its `property` lines (key and value) are kept.
/// \throws augury::error if the file cannot be opened or read (naming the path);
///   augury::parse_error (file, line, column) if the text is malformed or describes an
///   invalid model: unknown variable or state in a row, wrong number of values, duplicate or
///   missing rows, a distribution that does not sum to 1 within `options.sum_tolerance`
///   (1e-6 by default), a cycle, noisy-MAX blocks (not supported).
[[nodiscard]] bayesian_network read_bif(const std::string& path, const read_options& options = {});

/// Parses BIF text held in memory.
/// \param text the BIF document
/// \param source_name name used in error messages (typically the file name)
/// \param options checks to apply (see read_options)
/// \throws augury::parse_error as read_bif.
[[nodiscard]] bayesian_network parse_bif(std::string_view text,
                                         const std::string& source_name = "<string>",
                                         const read_options& options = {});

/// Writes `net` as BIF to `path` (overwriting it).
/// \throws augury::model_error if a variable has no CPT; augury::error if the file cannot be
///   written or a network property cannot be expressed in BIF (see to_bif).
void write_bif(const bayesian_network& net, const std::string& path);

/// The BIF text of `net`.
///
/// Numbers are written in the shortest form that reads back to the same double, so a round
/// trip is exact. Names that are not plain tokens (empty, or containing white space, `,` `;`
/// `(` `)` `{` `}` `[` `]` `|` `"`, control characters, `//` or `/*`) are written in double
/// quotes, with `"` and `\` escaped by a backslash.
/// \throws augury::model_error if a variable has no CPT; augury::error naming a network
///   property whose key contains `=` or whose key or value starts or ends with white space
///   (BIF cannot carry it unchanged).
[[nodiscard]] std::string to_bif(const bayesian_network& net);

}  // namespace augury::io
