#pragma once
// Helpers of the hardening tests: small networks with known answers and a check that a call
// throws a given augury exception type whose message holds given fragments.

#include <augury/error.hpp>
#include <augury/model/bayesian_network.hpp>

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <typeinfo>

namespace augury::hardening {

/// Runs `f`; expects it to throw exactly `Expected` (or a subclass, when `exact` is false)
/// with every fragment in its message. Returns the message.
template <class Expected, class F>
std::string expect_error(F&& f, std::initializer_list<const char*> fragments, bool exact = true) {
  try {
    f();
  } catch (const Expected& e) {
    if (exact) {
      EXPECT_EQ(typeid(e), typeid(Expected)) << "message: " << e.what();
    }
    const std::string message = e.what();
    for (const char* fragment : fragments)
      EXPECT_NE(message.find(fragment), std::string::npos)
          << "fragment '" << fragment << "' not in message: " << message;
    return message;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "expected " << typeid(Expected).name() << ", got " << typeid(e).name() << ": "
                  << e.what();
    return {};
  }
  ADD_FAILURE() << "expected " << typeid(Expected).name() << ", nothing was thrown";
  return {};
}

/// The B08 network of the field-fault cases: A -> B -> C with deterministic rows
/// (B | a0 = (1, 0); C | b0 = (1, 0)); {A=a0, C=c1} has probability zero.
inline bayesian_network b08_network(double b_given_a0 = 1.0) {
  bayesian_network net("b08");
  net.add_variable("A", {"a0", "a1"});
  net.add_variable("B", {"b0", "b1"});
  net.add_variable("C", {"c0", "c1"});
  net.set_cpt("A", {}, {0.5, 0.5});
  net.set_cpt("B", {"A"}, {b_given_a0, 1.0 - b_given_a0, 0.3, 0.7});
  net.set_cpt("C", {"B"}, {1.0, 0.0, 0.2, 0.8});
  return net;
}

/// Rain -> Sprinkler, (Rain, Sprinkler) -> Wet (the toy network of the Python tests).
inline bayesian_network sprinkler() {
  bayesian_network net("toy");
  net.add_variable("Rain", {"yes", "no"});
  net.add_variable("Sprinkler", {"on", "off"});
  net.add_variable("Wet", {"wet", "dry"});
  net.set_cpt("Rain", {}, {0.2, 0.8});
  net.set_cpt("Sprinkler", {"Rain"}, {0.01, 0.99, 0.4, 0.6});
  net.set_cpt("Wet", {"Rain", "Sprinkler"}, {0.99, 0.01, 0.8, 0.2, 0.9, 0.1, 0.0, 1.0});
  return net;
}

}  // namespace augury::hardening
