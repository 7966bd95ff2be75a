// `augury export --format bif|json [-o FILE]`: writes the embedded default model to a file
// (or standard output) so that other tools can read it.

#include "commands.hpp"

#include <augury/error.hpp>
#include <augury/io/bif.hpp>
#include <augury/io/json.hpp>
#include <augury/scenario/default_model.hpp>

#include <fstream>
#include <memory>
#include <ostream>

namespace augury::cli {
namespace {

struct export_options {
  std::string format = "json";
  std::string output;
};

int run_export(const export_options& o, std::ostream& out) {
  const bayesian_network net = default_scenario_network();
  const std::string text = o.format == "bif" ? io::to_bif(net) : io::to_json(net);
  if (o.output.empty()) {
    out << text;
    if (!text.empty() && text.back() != '\n') out << "\n";
    return 0;
  }
  std::ofstream file(o.output, std::ios::binary);
  if (!file) throw error("cannot open '" + o.output + "' for writing");
  file << text;
  if (!file) throw error("could not write '" + o.output + "'");
  return 0;
}

}  // namespace

command_runner add_export_command(CLI::App& app) {
  auto o = std::make_shared<export_options>();
  auto* sub = app.add_subcommand("export", "Write the embedded default scenario model as BIF or JSON");
  sub->add_option("--format", o->format, "bif or json (default json)")->check(CLI::IsMember({"bif", "json"}));
  sub->add_option("-o,--output", o->output, "Output file (default: standard output)");
  return [o](std::ostream& out) { return run_export(*o, out); };
}

}  // namespace augury::cli
