#pragma once
// The fuzz targets of augury's parsers and engines, and what they share.
//
// Each file in targets/ defines one target with AUGURY_FUZZ_TARGET(name). A target feeds its
// bytes to one entry point and checks what must hold whatever the input: the only exceptions
// are augury::error and its subclasses, what parses can be written and read back to the same
// value, and no probability is NaN. A broken invariant aborts, which both libFuzzer and the
// replay program report with the input that caused it.
//
// The same target files build two kinds of program: a libFuzzer binary per target (with
// fuzz_main.cpp, clang only) and the replay program augury_fuzz_replay (with replay_main.cpp,
// any compiler), which runs every stored corpus file through its target in the normal tests.

#include <augury/error.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace augury::fuzz {

/// A target: consumes one input; returns normally unless an invariant breaks (then aborts).
using target_function = void (*)(const std::uint8_t* data, std::size_t size);

/// Every target linked into the program, by name.
inline std::map<std::string, target_function>& registry() {
  static std::map<std::string, target_function> targets;
  return targets;
}

/// Registers a target at static-initialisation time.
struct registration {
  registration(const char* name, target_function f) { registry()[name] = f; }
};

/// Reports a broken invariant and aborts.
[[noreturn]] inline void fail(const std::string& what) {
  std::fprintf(stderr, "augury fuzz: invariant broken: %s\n", what.c_str());
  std::fflush(stderr);
  std::abort();
}

/// The input as text.
inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

/// Runs `f`, accepting augury::error as the outcome of bad input; any other exception is a
/// defect (an internal error reaching the user). Returns whether f completed.
template <class F>
bool expect_only_augury_errors(const char* what, F&& f) {
  try {
    f();
    return true;
  } catch (const augury::error&) {
    return false;
  } catch (const std::exception& e) {
    fail(std::string(what) + " threw a non-augury exception: " + e.what());
  } catch (...) {
    fail(std::string(what) + " threw a non-standard exception");
  }
}

/// Aborts unless every value is finite.
inline void check_finite(const std::vector<double>& values, const char* what) {
  for (double x : values)
    if (!std::isfinite(x)) fail(std::string(what) + " holds a non-finite value");
}

}  // namespace augury::fuzz

#define AUGURY_FUZZ_CONCAT2(a, b) a##b
#define AUGURY_FUZZ_CONCAT(a, b) AUGURY_FUZZ_CONCAT2(a, b)

/// Defines the fuzz target `name`; the body sees `data` and `size`.
#define AUGURY_FUZZ_TARGET(name)                                                              \
  static void AUGURY_FUZZ_CONCAT(augury_fuzz_, name)(const std::uint8_t* data, std::size_t size); \
  static const ::augury::fuzz::registration AUGURY_FUZZ_CONCAT(augury_fuzz_reg_, name){      \
      #name, &AUGURY_FUZZ_CONCAT(augury_fuzz_, name)};                                       \
  static void AUGURY_FUZZ_CONCAT(augury_fuzz_, name)(const std::uint8_t* data, std::size_t size)
