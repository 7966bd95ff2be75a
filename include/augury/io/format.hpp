#pragma once
/// \file
/// Choosing a model file format: by extension, by name, or from the content; reading,
/// writing and converting in any supported format; and the list of what a format cannot
/// carry of a given network.

#include <augury/error.hpp>
#include <augury/io/bif.hpp>
#include <augury/io/dne.hpp>
#include <augury/io/dsc.hpp>
#include <augury/io/dsl.hpp>
#include <augury/io/json.hpp>
#include <augury/io/net.hpp>
#include <augury/io/read_options.hpp>
#include <augury/io/xdsl.hpp>
#include <augury/io/xmlbif.hpp>
#include <augury/model/bayesian_network.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace augury::io {

/// Model file formats that augury reads and writes.
enum class model_format {
  bif,     ///< BIF text (`.bif`), see bif.hpp
  json,    ///< augury's JSON model (`.json`), see json.hpp
  xmlbif,  ///< XMLBIF 0.3 (`.xml`, `.bifxml`, `.xmlbif`), see xmlbif.hpp
  xdsl,    ///< GeNIe XDSL (`.xdsl`), see xdsl.hpp
  dsl,     ///< GeNIe DSL (`.dsl`), see dsl.hpp
  net,     ///< Hugin NET (`.net`), see net.hpp
  dne,     ///< Netica DNE (`.dne`), see dne.hpp
  dsc,     ///< DSC (`.dsc`), see dsc.hpp
};

/// Every model_format, in the order above.
[[nodiscard]] const std::vector<model_format>& all_model_formats();

/// The short name used on command lines and in messages: "bif", "json", "xmlbif", "xdsl",
/// "dsl", "net", "dne", "dsc".
[[nodiscard]] std::string format_key(model_format format);

/// The name a person knows the format by: "BIF", "JSON model", "XMLBIF", "GeNIe XDSL",
/// "GeNIe DSL", "Hugin NET", "Netica DNE", "DSC".
[[nodiscard]] std::string format_title(model_format format);

/// The format whose format_key is `key` (case-insensitive), or nothing.
[[nodiscard]] std::optional<model_format> model_format_named(std::string_view key);

/// The keys accepted by model_format_named, for help texts and messages ("bif, json, ...").
[[nodiscard]] std::string supported_model_format_keys();

/// The extensions recognised by model_format_of, for help texts and messages.
[[nodiscard]] std::string supported_model_extensions();

/// The format of `path` judged by its extension (case-insensitive), or nothing:
/// `.bif`, `.json`, `.xml`/`.bifxml`/`.xmlbif`, `.xdsl`, `.dsl`, `.net`, `.dne`, `.dsc`.
[[nodiscard]] std::optional<model_format> model_format_of(const std::string& path);

/// The format that `text` looks like from its first significant characters (after a
/// byte-order mark, white space and comments), or nothing when it is not clear: an XML root
/// element `<BIF>` (XMLBIF) or `<smile>` (XDSL); `{` (JSON); `network`, `variable` or
/// `probability` (BIF); `net ID {` (DSL); `net {` or a `%` comment (NET); `bnet` or Netica's
/// `// ~->[DNET` line (DNE); `belief network` (DSC).
[[nodiscard]] std::optional<model_format> sniff_model_format(std::string_view text);

/// Parses `text` as `format`.
/// \throws augury::parse_error as the format's parse function; augury::parse_error (line 1)
///   when the content looks like another format (see sniff_model_format), naming both, so that
///   for example a `.bif` file that holds XML gets "... looks like XMLBIF, not BIF".
[[nodiscard]] bayesian_network parse_model(std::string_view text, model_format format,
                                           const std::string& source_name = "<string>",
                                           const read_options& options = {});

/// The text of `net` in `format` (what write_model_as writes).
/// \throws as the format's to_ function (names the format cannot spell, a missing CPT).
[[nodiscard]] std::string to_model(const bayesian_network& net, model_format format);

/// What writing `net` in `format` loses, one line per item: network properties the format
/// cannot hold, a network name it can only write changed, the variable order where the format
/// lists parents first (DSL). Empty when the format carries the whole network. Names a format
/// cannot spell at all are not listed here: writing refuses them with an error.
[[nodiscard]] std::vector<std::string> conversion_losses(const bayesian_network& net, model_format format);

/// Reads a model file in the format given by its extension, checked against its content.
/// \throws augury::error for an unrecognised extension (listing the supported ones), or as
///   read_model_as.
[[nodiscard]] bayesian_network read_model(const std::string& path, const read_options& options = {});

/// Reads a model file in `format` whatever its extension, checked against its content.
/// \throws augury::error if the file cannot be read; augury::parse_error as parse_model.
[[nodiscard]] bayesian_network read_model_as(const std::string& path, model_format format,
                                             const read_options& options = {});

/// Writes a model file in the format given by its extension.
/// \throws augury::error for an unrecognised extension, or as write_model_as.
void write_model(const bayesian_network& net, const std::string& path);

/// Writes `net` to `path` in `format`, whatever the extension (what the format cannot carry
/// is dropped: see conversion_losses).
/// \throws as to_model; augury::error if the file cannot be written.
void write_model_as(const bayesian_network& net, const std::string& path, model_format format);

/// The result of convert_model.
struct conversion {
  model_format from;                ///< the format read
  model_format to;                  ///< the format written
  bayesian_network network;         ///< the network read
  std::vector<std::string> losses;  ///< what the written file does not carry (conversion_losses)
};

/// Reads `input` and writes it to `output`. Each format is taken from `from` / `to` when
/// given, else from the file's extension; the input is checked against its content. Nothing
/// is written if reading fails or the target cannot spell a name.
/// \throws augury::error for an unknown extension (when no format is given), a file that
///   cannot be read or written; augury::parse_error as read_model_as; augury::error as
///   to_model.
[[nodiscard]] conversion convert_model(const std::string& input, const std::string& output,
                                       std::optional<model_format> from = std::nullopt,
                                       std::optional<model_format> to = std::nullopt,
                                       const read_options& options = {});

}  // namespace augury::io
