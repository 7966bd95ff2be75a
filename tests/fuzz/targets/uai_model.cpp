// UAI model files: the Markov reader (either type) and the Bayesian reader, each with the
// to_uai round trip.
#include "model_checks.hpp"

#include <augury/io/uai.hpp>

AUGURY_FUZZ_TARGET(uai_model) {
  using namespace augury;
  const std::string_view text = fuzz::as_text(data, size);
  markov_network mn;
  if (fuzz::expect_only_augury_errors("parse_uai_markov", [&] { mn = io::parse_uai_markov(text); })) {
    std::string written;
    if (fuzz::expect_only_augury_errors("to_uai(markov)", [&] { written = io::to_uai(mn); })) {
      markov_network back;
      try {
        back = io::parse_uai_markov(written);
      } catch (const error& e) {
        fuzz::fail(std::string("UAI Markov writer produced text its reader rejects: ") + e.what());
      }
      if (!(back == mn)) fuzz::fail("UAI Markov round trip changed the network\n" + written);
    }
  }
  bayesian_network bn;
  if (!fuzz::expect_only_augury_errors("parse_uai_bayesian", [&] { bn = io::parse_uai_bayesian(text); }))
    return;
  fuzz::check_model_round_trip(bn, "UAI", [](const bayesian_network& n) { return io::to_uai(n); },
                               [](const std::string& t) { return io::parse_uai_bayesian(t); });
}
