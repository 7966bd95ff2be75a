#pragma once
// Checks shared by the model-format targets: a network that a reader accepted is complete,
// and writing it in the same format and reading that back gives the same network.

#include "fuzz_target.hpp"

#include <augury/detail/utf8.hpp>
#include <augury/model/bayesian_network.hpp>

#include <string>

namespace augury::fuzz {

/// `net` came from a reader: every variable has a CPT, and if `write` accepts it (a writer
/// may refuse a name its format cannot spell, with augury::error), `read(write(net))`
/// succeeds and equals `net`.
template <class Write, class Read>
void check_model_round_trip(const bayesian_network& net, const char* format, Write&& write,
                            Read&& read) {
  expect_only_augury_errors("validate", [&] { net.validate(); }) ||
      (fail(std::string(format) + " reader returned a network with a variable without a CPT"), true);
  // Every name reaches Python as str: it must be valid UTF-8.
  const auto utf8 = [&](const std::string& s, const char* what) {
    if (detail::invalid_utf8_offset(s) != std::string::npos)
      fail(std::string(format) + " reader returned a " + what + " that is not valid UTF-8");
  };
  utf8(net.name(), "network name");
  for (const auto& [k, v] : net.properties()) {
    utf8(k, "property key");
    utf8(v, "property value");
  }
  for (const auto& var : net.variables()) {
    utf8(var.name(), "variable name");
    for (const auto& s : var.states()) utf8(s, "state name");
  }
  std::string text;
  if (!expect_only_augury_errors("writer", [&] { text = write(net); })) return;
  bayesian_network back;
  try {
    back = read(text);
  } catch (const augury::error& e) {
    fail(std::string(format) + " writer produced text its reader rejects: " + e.what() +
         "\n--- text ---\n" + text);
  }
  if (!(back == net))
    fail(std::string(format) + " round trip changed the network\n--- text ---\n" + text);
}

}  // namespace augury::fuzz
