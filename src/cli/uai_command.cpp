// `augury uai MODEL.uai [EVIDENCE.evid] --task MAR|PR [-o OUT]`: the tasks of the UAI
// inference evaluations, answered exactly, written in the evaluations' result format.
//
// Before compiling, the size of the junction tree is estimated from the same elimination
// order search the engine uses, and a model beyond --max-entries is refused with its
// treewidth and table size rather than left to exhaust the memory.

#include "commands.hpp"
#include "output.hpp"

#include <augury/detail/join.hpp>
#include <augury/error.hpp>
#include <augury/inference/elimination_order.hpp>
#include <augury/inference/junction_tree.hpp>
#include <augury/io/uai.hpp>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <limits>
#include <memory>
#include <numeric>
#include <ostream>
#include <string>
#include <vector>

namespace augury::cli {
namespace {

struct uai_options {
  std::string model;
  std::string evidence;
  std::string task;
  std::string output;
  double max_entries = 2e8;
  std::size_t sample = 0;
  double sum_tolerance = bayesian_network::default_sum_tolerance;
  bool stats = false;
};

/// A table size for messages: exact below a million, else three significant digits.
std::string entries_text(double x) {
  if (x < 1e6) return detail::format_number(x);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", x);
  return buf;
}

/// The triangulation the junction tree engine would choose for `net`: its interaction graph
/// (every variable a vertex, every factor scope a clique) under the engine's search.
elimination_ordering estimate(const markov_network& net) {
  std::vector<var_id> ids(net.size());
  std::iota(ids.begin(), ids.end(), var_id{0});
  interaction_graph g(std::move(ids), net.cardinalities());
  for (const factor& f : net.factors()) g.add_clique(f.scope());
  return best_elimination_order(g, junction_tree_options{}.search);
}

int run_uai(const uai_options& o, std::ostream& out) {
  io::read_options read;
  read.sum_tolerance = o.sum_tolerance;
  const markov_network net = io::read_uai_markov(o.model, read);

  evidence_set evidence;
  if (!o.evidence.empty()) {
    const io::uai_evidence ev = io::read_uai_evidence(o.evidence, net.cardinalities());
    if (o.sample >= ev.samples.size())
      throw evidence_error("--sample " + std::to_string(o.sample) + " is out of range: '" + o.evidence +
                           "' holds " + std::to_string(ev.samples.size()) + " sample" +
                           (ev.samples.size() == 1 ? "" : "s") + " (0.." +
                           std::to_string(ev.samples.size() == 0 ? 0 : ev.samples.size() - 1) + ")");
    evidence = io::to_evidence_set(net, ev.samples[o.sample]);
  } else if (o.sample != 0) {
    throw evidence_error("--sample needs an evidence file");
  }

  const elimination_ordering ord = estimate(net);
  const triangulation_stats& s = ord.stats;
  if (o.stats)
    std::cerr << "augury: " << o.model << ": " << net.size() << " variables, " << net.factors().size()
              << " factors; junction tree: treewidth " << s.treewidth << ", " << s.num_cliques << " cliques, "
              << entries_text(s.total_clique_entries) << " clique table entries (largest "
              << entries_text(s.largest_clique_entries) << ")\n";
  if (s.total_clique_entries > o.max_entries)
    throw inference_error("exact inference on '" + o.model + "' is out of reach: its junction tree would have "
                          "treewidth " + std::to_string(s.treewidth) + " and " +
                          entries_text(s.total_clique_entries) +
                          " clique table entries in total (largest clique: " +
                          entries_text(s.largest_clique_entries) + " entries), more than --max-entries " +
                          entries_text(o.max_entries) +
                          "; raise --max-entries if the machine has the memory (about 16 bytes per entry)");

  junction_tree_options options;
  options.max_total_entries = o.max_entries;
  junction_tree jt(net, options);
  jt.set_evidence(evidence);
  const double log10_z = jt.log10_evidence_probability();
  if (log10_z == -std::numeric_limits<double>::infinity())
    throw impossible_evidence_error(
        evidence.empty() ? "the partition function of '" + o.model + "' is 0: every configuration has weight 0"
                         : "the evidence " + evidence.describe(net) + " has probability zero under '" + o.model +
                               "' (Z(e) = 0)");

  std::string text;
  if (o.task == "PR") {
    text = io::to_uai_pr(log10_z);
  } else {
    std::vector<std::vector<double>> marginals;
    marginals.reserve(net.size());
    for (var_id v = 0; v < net.size(); ++v) marginals.push_back(jt.posterior(v));
    text = io::to_uai_mar(marginals);
  }
  write_result(out, o.output, text);
  return 0;
}

}  // namespace

command_runner add_uai_command(CLI::App& app) {
  auto o = std::make_shared<uai_options>();
  auto* sub = app.add_subcommand(
      "uai", "Answer a UAI inference task (MAR: every marginal, PR: log10 Z(e)) exactly, in the UAI result format");
  sub->add_option("model", o->model, "UAI model file (.uai, BAYES or MARKOV)")->required()->check(CLI::ExistingFile);
  sub->add_option("evidence", o->evidence, "UAI evidence file (.evid, UAI 2014 or UAI 2010 layout)")
      ->check(CLI::ExistingFile);
  sub->add_option("--task", o->task, "MAR (marginal of every variable) or PR (log10 of the partition function)")
      ->required()
      ->transform(CLI::IsMember({"MAR", "PR"}, CLI::ignore_case));
  sub->add_option("-o,--output", o->output, "Result file (default: standard output)");
  sub->add_option("--max-entries", o->max_entries,
                  "Refuse a model whose junction tree needs more clique table entries than this (default 2e8)")
      ->check(CLI::PositiveNumber);
  sub->add_option("--sample", o->sample,
                  "Evidence sample to use when the evidence file holds several (UAI 2010 layout; default 0)");
  sub->add_option("--sum-tolerance", o->sum_tolerance,
                  "Largest accepted |sum - 1| of each CPT row of a BAYES file (default 1e-6)")
      ->check(CLI::NonNegativeNumber);
  sub->add_flag("--stats", o->stats, "Print the size of the junction tree to standard error");
  return [o](std::ostream& out) { return run_uai(*o, out); };
}

}  // namespace augury::cli
