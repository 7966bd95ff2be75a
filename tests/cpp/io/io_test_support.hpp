#pragma once
// Helpers for the io tests: where the test data lives, brute-force posteriors, and catching
// a parse_error to inspect it.

#include <augury/error.hpp>
#include <augury/evidence/evidence_set.hpp>
#include <augury/inference/enumeration.hpp>
#include <augury/model/bayesian_network.hpp>

#include <gtest/gtest.h>

#include <fstream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace augury::test_io {

/// The repository root.
inline std::string source_dir() {
#ifdef AUGURY_SOURCE_DIR
  return AUGURY_SOURCE_DIR;
#else
  std::string here = __FILE__;  // <root>/tests/cpp/io/io_test_support.hpp
  for (int i = 0; i < 4; ++i) here = here.substr(0, here.find_last_of('/'));
  return here;
#endif
}

/// The shared reference data beside the repository (may be absent).
inline std::string shared_dir() {
#ifdef AUGURY_SHARED_DIR
  return AUGURY_SHARED_DIR;
#else
  return source_dir() + "/../shared";
#endif
}

/// The project's own small test files.
inline std::string data_dir() { return source_dir() + "/tests/data"; }

inline bool file_exists(const std::string& path) { return std::ifstream(path).good(); }

/// P(target | hard evidence) by enumerating the full joint distribution.
inline std::vector<double> posterior(const bayesian_network& net, const std::string& target,
                                     const std::vector<std::pair<std::string, std::string>>& evidence = {}) {
  evidence_set e;
  for (const auto& [var, state] : evidence) e.set_hard(net, var, state);
  return enumeration(net).posterior(net.id(target), e);
}

/// The parse_error thrown by `f`, or nothing if it throws none (other exceptions propagate).
template <class F>
std::optional<parse_error> parse_error_of(F&& f) {
  try {
    f();
  } catch (const parse_error& e) {
    return e;
  }
  return std::nullopt;
}

}  // namespace augury::test_io

/// Skips the test when `path` (shared reference data) is missing.
#define AUGURY_REQUIRE_FILE(path)                                             \
  do {                                                                        \
    if (!::augury::test_io::file_exists(path)) GTEST_SKIP() << "missing " << (path); \
  } while (0)
