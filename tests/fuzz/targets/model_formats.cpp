// The other model formats through io::parse_model: the first byte picks the format (an index
// into io::all_model_formats(): BIF, JSON, XMLBIF, XDSL, DSL, NET, DNE, DSC), the rest is the
// text. What is read, when the format carries it whole, writes back (io::to_model) to text
// that reads back to the same network.
#include "model_checks.hpp"

#include <augury/io/format.hpp>

AUGURY_FUZZ_TARGET(model_formats) {
  using namespace augury;
  if (size == 0) return;
  const auto& formats = io::all_model_formats();
  const io::model_format format = formats[data[0] % formats.size()];
  const std::string_view text = fuzz::as_text(data + 1, size - 1);
  bayesian_network net;
  if (!fuzz::expect_only_augury_errors("parse_model", [&] { net = io::parse_model(text, format); })) return;
  // A network this format cannot carry whole (conversion_losses) is not compared after writing.
  if (!io::conversion_losses(net, format).empty()) return;
  const std::string name = io::format_title(format);
  fuzz::check_model_round_trip(net, name.c_str(), [&](const bayesian_network& n) { return io::to_model(n, format); },
                               [&](const std::string& t) { return io::parse_model(t, format); });
}
