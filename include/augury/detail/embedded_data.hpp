#pragma once
/// \file
/// Data files compiled into augury::io. The definitions are generated at build time from
/// files under examples/data/ (see cmake/augury_embed.cmake), so the shipped scenario works
/// without any file next to the program. Available only when linking augury::io.

#include <string_view>

namespace augury::detail {

/// The shipped evidence timeline, the bytes of examples/data/china_russia_timeline.csv.
std::string_view shipped_timeline_csv();

/// The shipped reporter-to-model mapping, the bytes of examples/data/china_russia_mapping.csv.
std::string_view shipped_mapping_csv();

}  // namespace augury::detail
