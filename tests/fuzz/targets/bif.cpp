// BIF text: parse_bif, then the to_bif round trip.
#include "model_checks.hpp"

#include <augury/io/bif.hpp>

AUGURY_FUZZ_TARGET(bif) {
  using namespace augury;
  bayesian_network net;
  if (!fuzz::expect_only_augury_errors("parse_bif", [&] { net = io::parse_bif(fuzz::as_text(data, size)); }))
    return;
  fuzz::check_model_round_trip(net, "BIF", [](const bayesian_network& n) { return io::to_bif(n); },
                               [](const std::string& t) { return io::parse_bif(t); });
}
