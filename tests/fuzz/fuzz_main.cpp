// The libFuzzer entry point of one target: the program is built from this file and exactly
// one file of targets/, so the registry holds one target.

#include "fuzz_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const augury::fuzz::target_function target = [] {
    const auto& targets = augury::fuzz::registry();
    if (targets.size() != 1) augury::fuzz::fail("a fuzzer program must hold exactly one target");
    return targets.begin()->second;
  }();
  target(data, size);
  return 0;
}
