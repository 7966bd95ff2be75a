// augury_fuzz_replay: runs stored inputs through the fuzz targets without libFuzzer, so the
// corpora (seeds and every input that once broke an invariant) are checked by the normal
// tests with any compiler.
//
//   augury_fuzz_replay TARGET PATH...   each PATH a file or a directory (all files in it)
//   augury_fuzz_replay --list           the names of the targets

#include "fuzz_target.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <vector>

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  const auto& targets = augury::fuzz::registry();
  if (argc == 2 && std::string(argv[1]) == "--list") {
    for (const auto& [name, f] : targets) std::cout << name << "\n";
    return 0;
  }
  if (argc < 3) {
    std::cerr << "usage: augury_fuzz_replay TARGET PATH... | --list\n";
    return 2;
  }
  const auto it = targets.find(argv[1]);
  if (it == targets.end()) {
    std::cerr << "augury_fuzz_replay: no target '" << argv[1] << "' (targets:";
    for (const auto& [name, f] : targets) std::cerr << " " << name;
    std::cerr << ")\n";
    return 2;
  }
  std::vector<fs::path> files;
  for (int i = 2; i < argc; ++i) {
    const fs::path p(argv[i]);
    if (fs::is_directory(p)) {
      for (const auto& entry : fs::recursive_directory_iterator(p))
        if (entry.is_regular_file()) files.push_back(entry.path());
    } else if (fs::is_regular_file(p)) {
      files.push_back(p);
    } else {
      std::cerr << "augury_fuzz_replay: no file or directory '" << p.string() << "'\n";
      return 2;
    }
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    std::cerr << "augury_fuzz_replay: no input files for target '" << argv[1] << "'\n";
    return 2;
  }
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // Printed first, so an abort names the input that caused it.
    std::cerr << "replay " << argv[1] << ": " << file.string() << "\n";
    it->second(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  }
  std::cout << argv[1] << ": " << files.size() << " inputs replayed, no invariant broken\n";
  return 0;
}
