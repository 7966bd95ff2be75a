#pragma once
/// \file
/// Choosing a model file format from a file name.

#include <augury/error.hpp>
#include <augury/io/bif.hpp>
#include <augury/io/json.hpp>
#include <augury/io/read_options.hpp>
#include <augury/model/bayesian_network.hpp>

#include <cctype>
#include <optional>
#include <string>

namespace augury::io {

/// Model file formats that augury reads and writes.
enum class model_format {
  bif,   ///< BIF text (`.bif`), see bif.hpp
  json,  ///< augury's JSON model (`.json`), see json.hpp
};

/// The extensions recognised by model_format_of, for help texts and messages.
inline std::string supported_model_extensions() { return ".bif, .json"; }

/// The format of `path` judged by its extension (case-insensitive), or nothing.
[[nodiscard]] inline std::optional<model_format> model_format_of(const std::string& path) {
  const auto slash = path.find_last_of("/\\");
  const auto dot = path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return std::nullopt;
  std::string ext = path.substr(dot + 1);
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == "bif") return model_format::bif;
  if (ext == "json") return model_format::json;
  return std::nullopt;
}

namespace detail_format {
[[noreturn]] inline void unknown_extension(const std::string& path) {
  throw error("cannot tell the model format of '" + path + "' from its extension (supported: " +
              supported_model_extensions() + ")");
}
}  // namespace detail_format

/// Reads a model file in the format given by its extension.
/// \throws augury::error for an unrecognised extension (listing the supported ones), or as
///   read_bif / read_json.
[[nodiscard]] inline bayesian_network read_model(const std::string& path, const read_options& options = {}) {
  const auto format = model_format_of(path);
  if (!format) detail_format::unknown_extension(path);
  return *format == model_format::bif ? read_bif(path, options) : read_json(path, options);
}

/// Writes a model file in the format given by its extension.
/// \throws augury::error for an unrecognised extension, or as write_bif / write_json.
inline void write_model(const bayesian_network& net, const std::string& path) {
  const auto format = model_format_of(path);
  if (!format) detail_format::unknown_extension(path);
  if (*format == model_format::bif) {
    write_bif(net, path);
  } else {
    write_json(net, path);
  }
}

}  // namespace augury::io
