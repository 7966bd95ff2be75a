#pragma once
// The calibration table of `augury backtest` and `augury score`, as text and as JSON.

#include "output.hpp"
#include "text_table.hpp"

#include <augury/analysis/scoring.hpp>

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>
#include <vector>

namespace augury::cli {

/// Prints `bins` under `title` to `text` (bin, count, mean forecast, observed frequency; "-"
/// for an empty bin) and stores them in `j["calibration"]`.
inline void write_calibration(const std::vector<analysis::calibration_bin>& bins, const std::string& title,
                              nlohmann::ordered_json& j, std::ostream& text) {
  j["calibration"] = nlohmann::ordered_json::array();
  text << "\n" << title << "\n";
  text_table c({"bin", "count", "mean forecast", "observed"}, "lrrr");
  for (std::size_t b = 0; b < bins.size(); ++b) {
    const auto& cb = bins[b];
    j["calibration"].push_back({{"lower", json_number(cb.lower)},
                                {"upper", json_number(cb.upper)},
                                {"count", cb.count},
                                {"mean_forecast", json_number(cb.mean_forecast)},
                                {"observed_frequency", json_number(cb.observed_frequency)}});
    const bool last = b + 1 == bins.size();
    c.add_row({"[" + format_fixed(cb.lower, 2) + ", " + format_fixed(cb.upper, 2) + (last ? "]" : ")"),
               std::to_string(cb.count), cb.count ? format_fixed(cb.mean_forecast, 4) : "-",
               cb.count ? format_fixed(cb.observed_frequency, 4) : "-"});
  }
  c.print(text);
}

}  // namespace augury::cli
