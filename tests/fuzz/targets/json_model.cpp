// augury's JSON model: parse_json, then the to_json round trip.
#include "model_checks.hpp"

#include <augury/io/json.hpp>

AUGURY_FUZZ_TARGET(json_model) {
  using namespace augury;
  bayesian_network net;
  if (!fuzz::expect_only_augury_errors("parse_json", [&] { net = io::parse_json(fuzz::as_text(data, size)); }))
    return;
  fuzz::check_model_round_trip(net, "JSON model", [](const bayesian_network& n) { return io::to_json(n); },
                               [](const std::string& t) { return io::parse_json(t); });
}
