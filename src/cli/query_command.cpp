// `augury query NETWORK [--evidence A=x,B=y] [--likelihood A=l1,l2] [--target C]`:
// exact posteriors and the probability of the evidence for any network file.

#include "commands.hpp"
#include "evidence_options.hpp"
#include "text_table.hpp"

#include <augury/detail/join.hpp>
#include <augury/error.hpp>
#include <augury/io/format.hpp>
#include <augury/inference/evidence_conflict.hpp>
#include <augury/inference/junction_tree.hpp>
#include <augury/inference/variable_elimination.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <memory>
#include <ostream>

namespace augury::cli {
namespace {

struct query_options {
  std::string network_path;
  std::vector<std::string> evidence;
  std::vector<std::string> likelihoods;
  std::string evidence_file;
  std::vector<std::string> targets;
  std::string engine = "jt";
  std::string format = "text";
  double max_memory = 0.0;  // bytes; 0: the engines' own limits
};

// Bytes per clique table entry of the junction tree (initial and working potential, and an
// index map entry) and per entry of a variable-elimination table (the table and its product).
constexpr double jt_bytes_per_entry = 20.0;
constexpr double ve_bytes_per_entry = 16.0;

// The limit error of an engine, with what --max-memory allows.
inference_error over_budget(const inference_error& e, double max_memory, double bytes_per_entry,
                            const char* what) {
  return inference_error(std::string(e.what()) + "; --max-memory " + detail::format_number(max_memory) +
                         " bytes allows at most " +
                         detail::format_number(std::floor(max_memory / bytes_per_entry)) + " " + what +
                         " entries (" + detail::format_number(bytes_per_entry) + " bytes each)");
}

struct case_result {
  evidence_set evidence;
  double log10_pe = 0.0;
  std::vector<std::pair<var_id, std::vector<double>>> posteriors;
};

std::vector<var_id> resolve_targets(const bayesian_network& net, const std::vector<std::string>& names) {
  std::vector<var_id> ids;
  for (const auto& list : names)
    for (const auto& name : split_list(list))
      if (!name.empty()) ids.push_back(net.id(name));
  return ids;
}

// Targets of one case: the named ones, or every variable without hard evidence.
std::vector<var_id> case_targets(const bayesian_network& net, const std::vector<var_id>& named,
                                 const evidence_set& evidence) {
  if (!named.empty()) return named;
  std::vector<var_id> all;
  for (var_id v = 0; v < net.size(); ++v) {
    const finding* f = evidence.find(v);
    if (!f || f->kind != evidence_kind::hard) all.push_back(v);
  }
  return all;
}

case_result run_case(const bayesian_network& net, const query_options& o, junction_tree* tree,
                     const std::vector<var_id>& named, evidence_set evidence) {
  case_result r;
  const auto targets = case_targets(net, named, evidence);
  try {
    if (o.engine == "jt") {
      tree->set_evidence(evidence);
      r.log10_pe = tree->log10_evidence_probability();
      for (var_id t : targets) r.posteriors.emplace_back(t, tree->posterior(t));
    } else {
      const variable_elimination ve(net, o.max_memory > 0.0 ? std::floor(o.max_memory / ve_bytes_per_entry)
                                                            : variable_elimination::default_max_table_entries);
      r.log10_pe = ve.log10_evidence_probability(evidence);
      for (var_id t : targets) r.posteriors.emplace_back(t, ve.posterior(t, evidence));
    }
  } catch (const impossible_evidence_error& e) {
    // Name the findings that conflict, when a small search finds a smaller set.
    if (evidence.has_fixed_marginals() || std::string(e.what()).rfind("evidence has probability zero", 0) != 0)
      throw;
    throw impossible_evidence_error(explain_impossible_evidence(net, evidence));
  } catch (const inference_error& e) {
    if (o.max_memory > 0.0) throw over_budget(e, o.max_memory, ve_bytes_per_entry, "table");
    throw;
  }
  r.evidence = std::move(evidence);
  return r;
}

nlohmann::ordered_json to_json(const bayesian_network& net, const case_result& r) {
  nlohmann::ordered_json j;
  j["evidence"] = nlohmann::ordered_json::object();
  j["likelihood_evidence"] = nlohmann::ordered_json::object();
  for (const auto& [v, f] : r.evidence.findings()) {
    const auto& var = net.var(v);
    if (f.kind == evidence_kind::hard) {
      j["evidence"][var.name()] = var.state(f.state);
    } else {
      auto& obj = j[f.kind == evidence_kind::likelihood ? "likelihood_evidence" : "fixed_marginal_evidence"][var.name()];
      for (std::size_t s = 0; s < f.values.size(); ++s) obj[var.state(s)] = f.values[s];
    }
  }
  j["log10_evidence_probability"] = r.log10_pe;
  auto& post = j["posteriors"] = nlohmann::ordered_json::object();
  for (const auto& [v, p] : r.posteriors) {
    const auto& var = net.var(v);
    auto& obj = post[var.name()] = nlohmann::ordered_json::object();
    for (std::size_t s = 0; s < p.size(); ++s) obj[var.state(s)] = p[s];
  }
  return j;
}

void print_text(std::ostream& out, const bayesian_network& net, const case_result& r) {
  out << "evidence: " << r.evidence.describe(net) << "\n";
  out << "log10 P(evidence) = " << format_fixed(r.log10_pe, 6) << "   P(evidence) = "
      << format_general(std::pow(10.0, r.log10_pe)) << "\n\n";
  text_table table({"variable", "state", "posterior", ""}, "llrl");
  for (const auto& [v, p] : r.posteriors) {
    const auto& var = net.var(v);
    for (std::size_t s = 0; s < p.size(); ++s)
      table.add_row({s == 0 ? var.name() : "", var.state(s), format_fixed(p[s], 6), bar(p[s], 30)});
  }
  table.print(out);
}

int run_query(const query_options& o, std::ostream& out) {
  const bayesian_network net = io::read_model(o.network_path);
  net.validate();
  const auto named = resolve_targets(net, o.targets);

  // Cases: the command-line evidence, or every case of --evidence-file.
  std::vector<evidence_set> cases;
  if (!o.evidence_file.empty()) {
    if (!o.evidence.empty() || !o.likelihoods.empty())
      throw evidence_error("give evidence either with --evidence/--likelihood or with --evidence-file, not both");
    cases = read_evidence_file(net, o.evidence_file);
  } else {
    evidence_set e;
    add_hard_evidence(net, o.evidence, e);
    for (const auto& item : o.likelihoods) add_likelihood_evidence(net, item, e);
    cases.push_back(std::move(e));
  }

  std::unique_ptr<junction_tree> tree;
  if (o.engine == "jt") {
    junction_tree_options options;
    if (o.max_memory > 0.0) options.max_total_entries = std::floor(o.max_memory / jt_bytes_per_entry);
    try {
      tree = std::make_unique<junction_tree>(net, options);
    } catch (const inference_error& e) {
      if (o.max_memory > 0.0) throw over_budget(e, o.max_memory, jt_bytes_per_entry, "clique table");
      throw;
    }
  }

  std::vector<case_result> results;
  for (auto& e : cases) results.push_back(run_case(net, o, tree.get(), named, std::move(e)));

  if (o.format == "json") {
    nlohmann::ordered_json j;
    j["network"] = net.name();
    j["engine"] = o.engine == "jt" ? "junction_tree" : "variable_elimination";
    if (o.evidence_file.empty()) {
      const nlohmann::ordered_json single = to_json(net, results.front());
      for (const auto& [k, v] : single.items()) j[k] = v;
    } else {
      j["cases"] = nlohmann::ordered_json::array();
      for (const auto& r : results) j["cases"].push_back(to_json(net, r));
    }
    out << j.dump(1) << "\n";
  } else {
    out << "network: " << (net.name().empty() ? o.network_path : net.name()) << " (" << net.size()
        << " variables), engine: " << (o.engine == "jt" ? "junction tree" : "variable elimination") << "\n";
    for (std::size_t i = 0; i < results.size(); ++i) {
      if (results.size() > 1) out << "\ncase " << i + 1 << "\n";
      print_text(out, net, results[i]);
    }
  }
  return 0;
}

}  // namespace

command_runner add_query_command(CLI::App& app) {
  auto o = std::make_shared<query_options>();
  auto* sub = app.add_subcommand("query", "Exact posteriors and P(evidence) for any network file");
  sub->add_option("network", o->network_path, "Network file (" + io::supported_model_extensions() + ")")
      ->required();
  sub->add_option("-e,--evidence", o->evidence, "Hard evidence VAR=STATE, comma-separated (repeatable)");
  sub->add_option("-l,--likelihood", o->likelihoods,
                  "Likelihood (virtual) evidence VAR=l1,l2,... in state order (repeatable)");
  sub->add_option("--evidence-file", o->evidence_file,
                  "JSON evidence: one case {\"evidence\":{..},\"likelihood_evidence\":{..}} or {\"cases\":[..]}");
  sub->add_option("-t,--target", o->targets,
                  "Variables to report, comma-separated (default: all without hard evidence)");
  sub->add_option("--engine", o->engine, "Exact engine: jt (junction tree) or ve (variable elimination)")
      ->check(CLI::IsMember({"jt", "ve"}));
  sub->add_option("--format", o->format, "Output: text or json")->check(CLI::IsMember({"text", "json"}));
  sub->add_option("--max-memory", o->max_memory,
                  "Refuse, before starting, a query whose tables would need more than this many bytes "
                  "(junction tree: 20 bytes per clique table entry; variable elimination: 16 per entry)")
      ->check(CLI::PositiveNumber);
  return [o](std::ostream& out) { return run_query(*o, out); };
}

}  // namespace augury::cli
