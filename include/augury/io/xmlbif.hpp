#pragma once
/// \file
/// Reading and writing networks in XMLBIF 0.3, the XML form of the Bayesian Interchange
/// Format (`.xml`, `.bifxml`, `.xmlbif`), as written by JavaBayes, Weka, pgmpy and aGrUM.
///
/// A `<DEFINITION>` lists its `<TABLE>` with the parents (`<GIVEN>`, in order) varying slowest
/// and the child (`<FOR>`) fastest: for FOR=A, GIVEN=B, GIVEN=C the values run
/// (b0,c0,a0) (b0,c0,a1) (b0,c1,a0) ... This is augury's own layout, so the table is taken as
/// it stands; it is the opposite of a conditional BIF `table`. The grammar accepted, the
/// checks, and what the format cannot carry are in `docs/formats/xmlbif.md`.

#include <augury/io/read_options.hpp>
#include <augury/model/bayesian_network.hpp>

#include <string>
#include <string_view>

namespace augury::io {

/// Reads an XMLBIF file.
/// \param path file to read (UTF-8; white space before `<?xml` is accepted)
/// \returns the network; variable ids follow the order of the `<VARIABLE>` elements; the
///   network's `<NAME>` and its `<PROPERTY>` elements (split into key and value as BIF
///   `property` lines are) are kept. Variable properties are dropped.
/// \throws augury::error if the file cannot be read; augury::parse_error (file, line, column)
///   if it is not well-formed XML (the line and column of the offending markup), or describes
///   an invalid model: unknown variable in FOR or GIVEN, wrong number of values, a missing or
///   second DEFINITION, a distribution that does not sum to 1 within `options.sum_tolerance`
///   (naming the variable and the parent configuration), a cycle, a decision or utility
///   variable (not supported).
[[nodiscard]] bayesian_network read_xmlbif(const std::string& path, const read_options& options = {});

/// Parses XMLBIF text held in memory.
/// \param text the document \param source_name name used in messages \param options checks
/// \throws augury::parse_error as read_xmlbif.
[[nodiscard]] bayesian_network parse_xmlbif(std::string_view text, const std::string& source_name = "<string>",
                                            const read_options& options = {});

/// Writes `net` as XMLBIF to `path` (overwriting it).
/// \throws as to_xmlbif; augury::error if the file cannot be written.
void write_xmlbif(const bayesian_network& net, const std::string& path);

/// The XMLBIF text of `net` (UTF-8, numbers in the shortest form that reads back exactly, so
/// `parse_xmlbif(to_xmlbif(net)) == net`). Network properties are written as
/// `<PROPERTY>key = value</PROPERTY>`.
/// \throws augury::model_error if a variable has no CPT; augury::error naming a name that
///   XML cannot hold unchanged (control characters, or white space at either end, which
///   readers trim) or a property that cannot be written as `key = value` (a key containing
///   `=`, white space at either end of key or value).
[[nodiscard]] std::string to_xmlbif(const bayesian_network& net);

}  // namespace augury::io
