// `augury convert IN OUT [--from FMT] [--to FMT] [--sum-tolerance X] [--all-errors]`: reads a network in one
// format and writes it in another. Each format comes from the file's extension unless given;
// the input is checked against its content. Everything the target format cannot carry is
// reported on standard error, one line per item; names it cannot spell stop the conversion.
// With --all-errors a malformed input is reported with every problem found in it.

#include "commands.hpp"

#include <augury/error.hpp>
#include <augury/io/format.hpp>

#include <iostream>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

namespace augury::cli {
namespace {

struct convert_options {
  std::string input;
  std::string output;
  std::string from;
  std::string to;
  double sum_tolerance = bayesian_network::default_sum_tolerance;
  bool all_errors = false;
};

std::optional<io::model_format> format_option(const std::string& key) {
  if (key.empty()) return std::nullopt;
  return io::model_format_named(key);  // CLI11 has checked the name
}

int run_convert(const convert_options& o, std::ostream& out) {
  io::read_options options;
  options.sum_tolerance = o.sum_tolerance;
  options.collect_all_errors = o.all_errors;
  const io::conversion c = io::convert_model(o.input, o.output, format_option(o.from), format_option(o.to), options);
  for (const auto& item : c.losses)
    std::cerr << "augury: warning: " << io::format_title(c.to) << " cannot carry " << item << "; not written\n";
  out << "wrote " << o.output << " (" << io::format_title(c.to) << ", " << c.network.size() << " variable"
      << (c.network.size() == 1 ? "" : "s") << ") from " << o.input << " (" << io::format_title(c.from) << ")";
  if (!c.losses.empty()) out << "; " << c.losses.size() << " item" << (c.losses.size() == 1 ? "" : "s") << " not carried";
  out << "\n";
  return 0;
}

}  // namespace

command_runner add_convert_command(CLI::App& app) {
  auto o = std::make_shared<convert_options>();
  auto* sub = app.add_subcommand("convert", "Convert a network file from one format to another");
  sub->add_option("input", o->input, "Network file to read (" + io::supported_model_extensions() + ")")
      ->required()
      ->check(CLI::ExistingFile);
  sub->add_option("output", o->output, "File to write (the format follows its extension unless --to is given)")
      ->required();
  std::vector<std::string> keys;
  for (auto f : io::all_model_formats()) keys.push_back(io::format_key(f));
  sub->add_option("--from", o->from, "Format of the input, overriding its extension (" +
                                         io::supported_model_format_keys() + ")")
      ->check(CLI::IsMember(keys, CLI::ignore_case));
  sub->add_option("--to", o->to, "Format of the output, overriding its extension (" +
                                     io::supported_model_format_keys() + ")")
      ->check(CLI::IsMember(keys, CLI::ignore_case));
  sub->add_option("--sum-tolerance", o->sum_tolerance,
                  "Largest accepted |sum - 1| of each distribution read (default 1e-6)")
      ->check(CLI::NonNegativeNumber);
  sub->add_flag("--all-errors", o->all_errors,
                "If the input is malformed, list every problem found in it (one per line), not only the first");
  return [o](std::ostream& out) { return run_convert(*o, out); };
}

}  // namespace augury::cli
