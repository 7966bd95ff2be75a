// `augury info NETWORK [--format text|json] [--all-errors]`: the size of a network and of its junction
// tree (treewidth, cliques, table entries, memory), the elimination heuristic chosen and
// the time the compilation took. With --all-errors a malformed file is reported with every
// problem found in it rather than only the first (docs/errors.md).

#include "commands.hpp"
#include "text_table.hpp"

#include <augury/error.hpp>
#include <augury/inference/junction_tree.hpp>
#include <augury/io/format.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <memory>
#include <ostream>
#include <string>

namespace augury::cli {
namespace {

struct info_options {
  std::string network_path;
  std::string format = "text";
  bool all_errors = false;
};

struct network_info {
  std::size_t variables = 0, arcs = 0, states = 0, parameters = 0, max_parents = 0, max_states = 0;
  std::size_t treewidth = 0, cliques = 0, trees = 0, largest_clique_variables = 0;
  std::size_t largest_clique_entries = 0, clique_entries = 0, separator_entries = 0, memory_bytes = 0;
  std::string heuristic;
  double compile_ms = 0.0;
};

network_info describe(const bayesian_network& net) {
  network_info i;
  i.variables = net.size();
  for (var_id v = 0; v < net.size(); ++v) {
    const std::size_t k = net.var(v).cardinality();
    i.states += k;
    i.max_states = std::max(i.max_states, k);
    i.arcs += net.parents(v).size();
    i.max_parents = std::max(i.max_parents, net.parents(v).size());
    i.parameters += net.cpt_of(v).table().values().size();
  }
  const auto start = std::chrono::steady_clock::now();
  const junction_tree tree(net);
  i.compile_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  i.treewidth = tree.treewidth();
  i.cliques = tree.num_cliques();
  i.trees = tree.num_trees();
  for (const auto& c : tree.cliques()) {
    std::size_t entries = 1;
    for (var_id v : c) entries *= net.var(v).cardinality();
    if (entries == tree.largest_clique_size())
      i.largest_clique_variables = std::max(i.largest_clique_variables, c.size());
  }
  i.largest_clique_entries = tree.largest_clique_size();
  i.clique_entries = tree.total_clique_size();
  i.separator_entries = tree.total_separator_size();
  i.memory_bytes = tree.memory_bytes();
  i.heuristic = to_string(tree.heuristic());
  return i;
}

// Bytes in a short readable unit (B, KiB, MiB, GiB).
std::string format_bytes(double bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB"};
  int u = 0;
  while (bytes >= 1024.0 && u < 3) {
    bytes /= 1024.0;
    ++u;
  }
  return (u == 0 ? std::to_string(static_cast<long long>(bytes)) : format_fixed(bytes, 1)) + " " + units[u];
}

int run_info(const info_options& o, std::ostream& out) {
  io::read_options options;
  options.collect_all_errors = o.all_errors;
  const bayesian_network net = io::read_model(o.network_path, options);
  net.validate();
  const network_info i = describe(net);
  const std::string& name = net.name();
  if (o.format == "json") {
    nlohmann::ordered_json j;
    j["network"] = name;
    j["file"] = o.network_path;
    j["variables"] = i.variables;
    j["arcs"] = i.arcs;
    j["states"] = i.states;
    j["max_states"] = i.max_states;
    j["max_parents"] = i.max_parents;
    j["parameters"] = i.parameters;
    j["treewidth"] = i.treewidth;
    j["cliques"] = i.cliques;
    j["trees"] = i.trees;
    j["largest_clique_variables"] = i.largest_clique_variables;
    j["largest_clique_entries"] = i.largest_clique_entries;
    j["total_clique_entries"] = i.clique_entries;
    j["total_separator_entries"] = i.separator_entries;
    j["memory_bytes"] = i.memory_bytes;
    j["heuristic"] = i.heuristic;
    j["compile_ms"] = i.compile_ms;
    out << j.dump(1) << "\n";
    return 0;
  }
  const auto n = [](std::size_t x) { return std::to_string(x); };
  out << "network: " << (name.empty() ? "(unnamed)" : name) << " (" << o.network_path << ")\n\n";
  text_table table({"quantity", "value"}, "lr");
  table.add_row({"variables", n(i.variables)});
  table.add_row({"arcs", n(i.arcs)});
  table.add_row({"states (total)", n(i.states)});
  table.add_row({"states (largest variable)", n(i.max_states)});
  table.add_row({"parents (most)", n(i.max_parents)});
  table.add_row({"CPT entries", n(i.parameters)});
  table.add_row({"treewidth", n(i.treewidth)});
  table.add_row({"cliques", n(i.cliques)});
  table.add_row({"trees", n(i.trees)});
  table.add_row({"largest clique (variables)", n(i.largest_clique_variables)});
  table.add_row({"largest clique (entries)", n(i.largest_clique_entries)});
  table.add_row({"clique table entries (total)", n(i.clique_entries)});
  table.add_row({"separator table entries (total)", n(i.separator_entries)});
  table.add_row({"memory", format_bytes(static_cast<double>(i.memory_bytes))});
  table.add_row({"elimination heuristic", i.heuristic});
  table.add_row({"compile time", format_fixed(i.compile_ms, 2) + " ms"});
  table.print(out);
  return 0;
}

}  // namespace

command_runner add_info_command(CLI::App& app) {
  auto o = std::make_shared<info_options>();
  auto* sub = app.add_subcommand("info", "Size of a network and of its junction tree (treewidth, cliques, memory)");
  sub->add_option("network", o->network_path, "Network file (" + io::supported_model_extensions() + ")")
      ->required();
  sub->add_option("--format", o->format, "Output: text or json")->check(CLI::IsMember({"text", "json"}));
  sub->add_flag("--all-errors", o->all_errors,
                "If the file is malformed, list every problem found in it (one per line), not only the first");
  return [o](std::ostream& out) { return run_info(*o, out); };
}

}  // namespace augury::cli
