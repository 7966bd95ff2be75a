// UAI evidence files, checked against model cardinalities taken from the first bytes
// (byte 0: the number of variables, 0-7; then one byte per cardinality, 1-8); the rest is the
// evidence text. Whatever is accepted fits the cardinalities and writes back to the same
// evidence.
#include "fuzz_target.hpp"

#include <augury/io/uai.hpp>

AUGURY_FUZZ_TARGET(uai_evidence) {
  using namespace augury;
  if (size == 0) return;
  const std::size_t n = data[0] % 8;
  if (size < 1 + n) return;
  std::vector<std::size_t> cards;
  for (std::size_t i = 0; i < n; ++i) cards.push_back(1 + data[1 + i] % 8);
  const std::string_view text = fuzz::as_text(data + 1 + n, size - 1 - n);
  io::uai_evidence ev;
  if (!fuzz::expect_only_augury_errors("parse_uai_evidence", [&] { ev = io::parse_uai_evidence(text, cards); }))
    return;
  if (ev.layout == io::uai_evidence_layout::uai2014 && ev.samples.size() != 1)
    fuzz::fail("a UAI 2014 evidence file gave " + std::to_string(ev.samples.size()) + " samples");
  for (const auto& sample : ev.samples) {
    bayesian_network shape;
    for (std::size_t v = 0; v < n; ++v) {
      std::vector<std::string> states;
      for (std::size_t s = 0; s < cards[v]; ++s) states.push_back(io::uai_state_name(s));
      shape.add_variable(io::uai_variable_name(v), states);
    }
    for (const auto& o : sample) {
      if (o.variable >= n || o.state >= cards[o.variable])
        fuzz::fail("parse_uai_evidence accepted an observation out of range");
    }
    evidence_set e;
    try {
      e = io::to_evidence_set(shape, sample);
    } catch (const error& x) {
      fuzz::fail(std::string("an accepted sample does not fit the model: ") + x.what());
    }
    const std::string line = io::to_uai_evidence(e);
    io::uai_evidence back;
    try {
      back = io::parse_uai_evidence(line, cards);
    } catch (const error& x) {
      fuzz::fail(std::string("written evidence does not read back: ") + x.what() + "\n" + line);
    }
    if (back.samples.size() != 1 || !(io::to_evidence_set(shape, back.samples.front()) == e))
      fuzz::fail("evidence round trip changed the findings\n" + line);
  }
}
