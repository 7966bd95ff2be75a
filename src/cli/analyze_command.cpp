// `augury analyze NETWORK --target T [evidence] [--voi] [--sensitivity] [--attribution]
// [--conflict] [--uncertainty] [--what-if NAME:A=x,B=y ...]`: the analyst's analyses of
// include/augury/analysis/ on any network file, as readable tables or JSON.

#include "commands.hpp"
#include "evidence_options.hpp"
#include "output.hpp"
#include "text_table.hpp"

#include <augury/analysis/attribution.hpp>
#include <augury/analysis/conflict.hpp>
#include <augury/analysis/likelihood_finding.hpp>
#include <augury/analysis/sensitivity.hpp>
#include <augury/analysis/uncertainty.hpp>
#include <augury/analysis/value_of_information.hpp>
#include <augury/analysis/what_if.hpp>
#include <augury/detail/join.hpp>
#include <augury/error.hpp>
#include <augury/inference/junction_tree.hpp>
#include <augury/io/format.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

namespace augury::cli {
namespace {

using json = nlohmann::ordered_json;

struct analyze_options {
  std::string network_path;
  std::string target;
  std::vector<std::string> evidence;
  std::vector<std::string> likelihoods;
  std::string evidence_file;
  bool voi = false;
  bool sensitivity = false;
  bool attribution = false;
  bool conflict = false;
  bool uncertainty = false;
  bool progress = false;
  std::vector<std::string> what_ifs;
  std::vector<std::string> costs;
  std::string rank_by = "mi";
  std::size_t samples = 1000;
  double ess = 10.0;
  std::uint64_t seed = 20240601;
  double level = 0.9;
  std::size_t permutations = 1000;
  std::size_t top = 10;
  std::string format = "text";
  std::string output_path;
  double sum_tolerance = bayesian_network::default_sum_tolerance;
};

// The band cut points of ICD 203 (almost no chance ... almost certain).
const std::vector<double> icd203_edges{0.05, 0.20, 0.45, 0.55, 0.80, 0.95};

// A number for JSON: non-finite values (an infinite conflict) become null.
json number(double x) { return json_number(x); }

json by_state(const variable& var, const std::vector<double>& p) {
  json j = json::object();
  for (std::size_t s = 0; s < p.size(); ++s) j[var.state(s)] = number(p[s]);
  return j;
}

std::string fixed(double x, int digits) { return fixed_or_inf(x, digits); }

// The value of a `--cost VAR=C` item, with the variable resolved.
std::map<var_id, double> parse_costs(const bayesian_network& net, const std::vector<std::string>& items) {
  std::map<var_id, double> costs;
  for (const auto& list : items)
    for (const auto& item : split_list(list)) {
      if (item.empty()) continue;
      const auto eq = item.find('=');
      if (eq == std::string::npos || eq == 0)
        throw error("--cost item '" + item + "' is not of the form VARIABLE=COST");
      const var_id v = net.id(item.substr(0, eq));
      const std::string text = item.substr(eq + 1);
      std::size_t used = 0;
      double c = 0.0;
      try {
        c = std::stod(text, &used);
      } catch (const std::exception&) {
        used = 0;
      }
      if (text.empty() || used != text.size())
        throw error("--cost of '" + net.var(v).name() + "': '" + text + "' is not a number");
      costs[v] = c;
    }
  return costs;
}

// `NAME:A=x,B=y`: the base evidence with these hard findings added (replacing any finding
// on the same variables).
std::map<std::string, evidence_set> parse_what_ifs(const bayesian_network& net, const evidence_set& base,
                                                   const std::vector<std::string>& items) {
  std::map<std::string, evidence_set> out;
  for (const auto& item : items) {
    const auto colon = item.find(':');
    if (colon == std::string::npos || colon == 0)
      throw evidence_error("--what-if item '" + item + "' is not of the form NAME:VAR=STATE,...");
    const std::string name = item.substr(0, colon);
    if (out.count(name)) throw evidence_error("--what-if name '" + name + "' is given twice");
    evidence_set e = base;
    add_hard_evidence(net, {item.substr(colon + 1)}, e);
    out.emplace(name, std::move(e));
  }
  return out;
}

json evidence_json(const bayesian_network& net, const evidence_set& e) {
  json j;
  j["evidence"] = json::object();
  j["likelihood_evidence"] = json::object();
  for (const auto& [v, f] : e.findings()) {
    const auto& var = net.var(v);
    if (f.kind == evidence_kind::hard) {
      j["evidence"][var.name()] = var.state(f.state);
    } else {
      auto& obj = j[f.kind == evidence_kind::likelihood ? "likelihood_evidence" : "fixed_marginal_evidence"][var.name()];
      for (std::size_t s = 0; s < f.values.size(); ++s) obj[var.state(s)] = number(f.values[s]);
    }
  }
  return j;
}

// How far the leading state's posterior can move with one parameter (its range over the
// admissible interval); the order of the sensitivity table.
double leader_range(const analysis::parameter_sensitivity& p, std::size_t leader) {
  return p.maximum[leader] - p.minimum[leader];
}

std::size_t shown(std::size_t total, std::size_t top) { return top == 0 ? total : std::min(total, top); }

int run_analyze(const analyze_options& o, std::ostream& out) {
  io::read_options read;
  read.sum_tolerance = o.sum_tolerance;
  const bayesian_network net = io::read_model(o.network_path, read);
  net.validate();
  const var_id target = net.id(o.target);
  const variable& tvar = net.var(target);

  evidence_set evidence;
  if (!o.evidence_file.empty()) {
    if (!o.evidence.empty() || !o.likelihoods.empty())
      throw evidence_error("give evidence either with --evidence/--likelihood or with --evidence-file, not both");
    auto cases = read_evidence_file(net, o.evidence_file);
    if (cases.size() != 1)
      throw evidence_error("evidence file '" + o.evidence_file + "' holds " + std::to_string(cases.size()) +
                           " cases; analyze takes exactly one");
    evidence = std::move(cases.front());
  } else {
    add_hard_evidence(net, o.evidence, evidence);
    for (const auto& item : o.likelihoods) add_likelihood_evidence(net, item, evidence);
  }
  const auto costs = parse_costs(net, o.costs);
  const auto scenarios = parse_what_ifs(net, evidence, o.what_ifs);

  const bool any = o.voi || o.sensitivity || o.attribution || o.conflict || o.uncertainty || !o.what_ifs.empty();
  const bool do_voi = o.voi || !any;
  const bool do_sensitivity = o.sensitivity || !any;
  const bool do_attribution = o.attribution || !any;
  const bool do_conflict = o.conflict || !any;

  // With the target observed its posterior is decided: nothing to value, attribute or vary.
  if (const finding* f = evidence.find(target);
      f && f->kind == evidence_kind::hard && (do_voi || do_sensitivity || do_attribution || do_conflict || o.uncertainty))
    throw evidence_error("the target '" + tvar.name() + "' is observed (" + tvar.name() + "=" + tvar.state(f->state) +
                         "), so its posterior is decided; remove that finding or choose another target");
  // A cost that no candidate can use would be ignored without a word.
  for (const auto& [v, c] : costs) {
    const finding* f = evidence.find(v);
    if (v == target || (f && f->kind == evidence_kind::hard))
      throw evidence_error("--cost of '" + net.var(v).name() + "': it is " +
                           (v == target ? std::string("the target") : "observed") +
                           ", so it is not a variable to observe");
  }

  junction_tree jt(net);
  const std::vector<double> posterior = analysis::detail::posterior_given(jt, target, evidence);
  const double log10_pe = jt.log10_evidence_probability();
  const auto findings = analysis::findings_of(net, evidence);

  json j;
  j["network"] = net.name();
  j["target"] = tvar.name();
  const json given = evidence_json(net, evidence);
  for (const auto& [k, v] : given.items()) j[k] = v;
  j["log10_evidence_probability"] = number(log10_pe);
  j["posterior"] = by_state(tvar, posterior);
  std::ostringstream text;
  text << "network: " << (net.name().empty() ? o.network_path : net.name()) << " (" << net.size()
       << " variables)\n";
  text << "target: " << tvar.name() << "\n";
  text << "evidence: " << evidence.describe(net) << "\n";
  if (!evidence.empty()) text << "log10 P(evidence) = " << fixed(log10_pe, 6) << "\n";
  text << "\n";
  {
    text_table t({"state", "posterior", ""}, "lrl");
    for (std::size_t s = 0; s < posterior.size(); ++s)
      t.add_row({tvar.state(s), format_fixed(posterior[s], 6), bar(posterior[s], 30)});
    t.print(text);
  }

  if (do_voi) {
    analysis::voi_options vo;
    vo.band_edges = icd203_edges;
    vo.costs = costs;
    vo.rank_by = o.rank_by == "band"   ? analysis::voi_ranking::band_change_probability
                 : o.rank_by == "cost" ? analysis::voi_ranking::information_per_cost
                                       : analysis::voi_ranking::mutual_information;
    const auto r = analysis::value_of_information(jt, target, evidence, vo);
    json& jv = j["value_of_information"];
    jv["entropy_bits"] = number(r.entropy_bits);
    jv["leader"] = tvar.state(r.leader);
    jv["band_edges"] = icd203_edges;
    jv["candidates"] = json::array();
    const std::size_t n = shown(r.candidates.size(), o.top);
    text << "\nValue of information (entropy of " << tvar.name() << " now " << fixed(r.entropy_bits, 6)
         << " bits; bands: ICD 203)\n";
    text_table t({"variable", "MI (bits)", "E[H] after", "P(band change)", "P(leader change)", "cost", "MI/cost"},
                 "lrrrrrr");
    for (std::size_t i = 0; i < n; ++i) {
      const auto& c = r.candidates[i];
      const variable& var = net.var(c.variable);
      json jc;
      jc["variable"] = var.name();
      jc["mutual_information_bits"] = number(c.mutual_information_bits);
      jc["expected_entropy_bits"] = number(c.expected_entropy_bits);
      jc["band_change_probability"] = number(c.band_change_probability);
      jc["leader_change_probability"] = number(c.leader_change_probability);
      jc["cost"] = c.cost ? number(*c.cost) : json(nullptr);
      jc["information_per_cost"] = c.information_per_cost ? number(*c.information_per_cost) : json(nullptr);
      jc["observation_probabilities"] = by_state(var, c.observation_probabilities);
      json given = json::object();
      for (std::size_t s = 0; s < c.target_given_observation.size(); ++s)
        given[var.state(s)] = c.target_given_observation[s].empty() ? json(nullptr)
                                                                    : by_state(tvar, c.target_given_observation[s]);
      jc["target_given_observation"] = given;
      jv["candidates"].push_back(jc);
      t.add_row({var.name(), fixed(c.mutual_information_bits, 6), fixed(c.expected_entropy_bits, 6),
                 fixed(c.band_change_probability, 4), fixed(c.leader_change_probability, 4),
                 c.cost ? format_general(*c.cost) : "-",
                 c.information_per_cost ? fixed(*c.information_per_cost, 6) : "-"});
    }
    if (r.candidates.empty()) text << "(no variable left to observe)\n";
    else t.print(text);
    if (n < r.candidates.size())
      text << "(" << r.candidates.size() - n << " more; --top 0 shows all)\n";
  }

  if (do_sensitivity) {
    auto r = analysis::sensitivity_analysis(jt, target, evidence);
    const std::size_t leader = r.leader;
    std::stable_sort(r.parameters.begin(), r.parameters.end(),
                     [&](const analysis::parameter_sensitivity& a, const analysis::parameter_sensitivity& b) {
                       return leader_range(a, leader) > leader_range(b, leader);
                     });
    json& js = j["sensitivity"];
    js["leader"] = tvar.state(leader);
    js["parameter_count"] = r.parameters.size();
    js["parameters"] = json::array();
    const std::size_t n = shown(r.parameters.size(), o.top);
    text << "\nSensitivity of P(" << tvar.name() << "=" << tvar.state(leader)
         << " | evidence) to single CPT parameters (largest range first)\n";
    text_table t({"parameter", "value", "derivative", "min", "max", "nearest flip"}, "lrrrrl");
    for (std::size_t i = 0; i < n; ++i) {
      const auto& p = r.parameters[i];
      const std::string label = analysis::parameter_label(net, p.variable, p.row, p.state);
      json jp;
      jp["parameter"] = label;
      jp["variable"] = net.var(p.variable).name();
      jp["row"] = p.row;
      jp["state"] = net.var(p.variable).state(p.state);
      jp["value"] = number(p.value);
      jp["upper"] = number(p.upper);
      jp["co_variation"] = p.scheme == analysis::co_variation::proportional ? "proportional" : "uniform";
      jp["derivative"] = by_state(tvar, p.derivative);
      jp["minimum"] = by_state(tvar, p.minimum);
      jp["maximum"] = by_state(tvar, p.maximum);
      json fns = json::object();
      for (std::size_t s = 0; s < p.functions.size(); ++s) {
        const auto& f = p.functions[s];
        fns[tvar.state(s)] = {{"alpha", number(f.alpha)}, {"beta", number(f.beta)},
                              {"gamma", number(f.gamma)}, {"delta", number(f.delta)}};
      }
      jp["functions"] = fns;
      const auto flip_json = [&](const std::optional<analysis::flip_threshold>& f) {
        if (!f) return json(nullptr);
        return json{{"theta", number(f->theta)}, {"change", number(f->change)},
                    {"new_leader", tvar.state(f->new_leader)}};
      };
      jp["flip_down"] = flip_json(p.flip_down);
      jp["flip_up"] = flip_json(p.flip_up);
      js["parameters"].push_back(jp);
      const auto flip = p.nearest_flip();
      t.add_row({label, fixed(p.value, 4), fixed(p.derivative[leader], 6), fixed(p.minimum[leader], 4),
                 fixed(p.maximum[leader], 4),
                 flip ? "at " + fixed(flip->theta, 4) + " -> " + tvar.state(flip->new_leader) : "-"});
    }
    if (r.parameters.empty()) text << "(no free parameter)\n";
    else t.print(text);
    if (n < r.parameters.size())
      text << "(" << r.parameters.size() - n << " more; --top 0 shows all)\n";
  }

  if (do_attribution) {
    json& ja = j["attribution"];
    text << "\nAttribution: Shapley values of the findings on the log-odds of each state of " << tvar.name()
         << "\n";
    if (findings.empty()) {
      ja = nullptr;
      text << "(no findings to attribute)\n";
    } else {
      analysis::shapley_options so;
      so.permutations = o.permutations;
      so.seed = o.seed;
      const auto r = analysis::shapley_attribution(jt, target, findings, so);
      ja["exact"] = r.exact;
      ja["permutations"] = r.permutations;
      ja["baseline"] = by_state(tvar, r.baseline);
      ja["posterior"] = by_state(tvar, r.posterior);
      ja["baseline_log_odds"] = by_state(tvar, r.baseline_log_odds);
      ja["final_log_odds"] = by_state(tvar, r.final_log_odds);
      json defined = json::object();
      for (std::size_t s = 0; s < r.defined.size(); ++s) defined[tvar.state(s)] = static_cast<bool>(r.defined[s]);
      ja["defined"] = defined;
      ja["findings"] = json::array();
      std::vector<std::string> header{"finding"};
      for (std::size_t s = 0; s < tvar.cardinality(); ++s) header.push_back(tvar.state(s));
      text_table t(header, "l" + std::string(tvar.cardinality(), 'r'));
      for (std::size_t i = 0; i < r.players.size(); ++i) {
        const auto& f = findings[r.players[i]];
        json jf;
        jf["finding"] = f.label;
        jf["values"] = by_state(tvar, r.values[i]);
        if (!r.exact) jf["standard_errors"] = by_state(tvar, r.standard_errors[i]);
        ja["findings"].push_back(jf);
        std::vector<std::string> row{f.label};
        for (std::size_t s = 0; s < tvar.cardinality(); ++s)
          row.push_back(r.defined[s] ? fixed(r.values[i][s], 4) : "undefined");
        t.add_row(row);
      }
      std::vector<std::string> total{"total change"};
      for (std::size_t s = 0; s < tvar.cardinality(); ++s)
        total.push_back(r.defined[s] ? fixed(r.final_log_odds[s] - r.baseline_log_odds[s], 4) : "undefined");
      t.add_row(total);
      t.print(text);
      text << (r.exact ? "(exact over all subsets)\n"
                       : "(estimated from " + std::to_string(r.permutations) + " permutations)\n");
    }
  }

  if (do_conflict) {
    json& jc = j["conflict"];
    text << "\nData conflict (natural log; positive: the findings are less likely together than apart)\n";
    if (findings.empty()) {
      jc = nullptr;
      text << "(no findings)\n";
    } else {
      const auto r = analysis::data_conflict(jt, target, findings);
      jc["conflict"] = number(r.conflict);
      jc["log_evidence_probability"] = number(r.log_evidence_probability);
      jc["findings"] = json::array();
      text << "conflict = " << fixed(r.conflict, 6) << "\n";
      text_table t({"finding", "log P(finding)", "contribution"}, "lrr");
      for (const auto& fc : r.findings) {
        jc["findings"].push_back({{"finding", findings[fc.finding].label},
                                  {"log_probability", number(fc.log_probability)},
                                  {"contribution", number(fc.contribution)}});
        t.add_row({findings[fc.finding].label, fixed(fc.log_probability, 6), fixed(fc.contribution, 6)});
      }
      t.print(text);
      jc["states"] = json::array();
      text_table ts({"given " + tvar.name(), "P(state)", "conflict"}, "lrr");
      for (const auto& sc : r.states) {
        jc["states"].push_back({{"state", tvar.state(sc.state)},
                                {"probability", number(sc.probability)},
                                {"possible", sc.possible},
                                {"conflict", sc.possible ? number(sc.conflict) : json(nullptr)}});
        ts.add_row({tvar.state(sc.state), fixed(sc.probability, 6), sc.possible ? fixed(sc.conflict, 6) : "-"});
      }
      text << "\n";
      ts.print(text);
    }
  }

  if (o.uncertainty) {
    analysis::uncertainty_options uo;
    for (var_id v = 0; v < net.size(); ++v)
      if (net.var(v).cardinality() > 1) uo.equivalent_sample_size[v] = o.ess;
    uo.samples = o.samples;
    uo.levels = {o.level};
    uo.seed = o.seed;
    // Progress goes to standard error, so the output itself stays the same: on a terminal
    // one line rewritten in place, elsewhere (--progress into a file or pipe) one line per
    // tenth of the samples.
    const bool terminal = isatty(STDERR_FILENO) != 0;
    const bool show_progress = o.progress || terminal;
    if (show_progress) {
      uo.progress_every = std::max<std::size_t>(1, o.samples / (terminal ? 100 : 10));
      uo.progress = [terminal](std::size_t done, std::size_t total) {
        std::cerr << (terminal ? "\r" : "") << "sampling networks: " << done << "/" << total
                  << (terminal ? "" : "\n") << std::flush;
        return true;
      };
    }
    const auto r = analysis::posterior_uncertainty(net, target, evidence, uo);
    if (show_progress && terminal && r.completed >= uo.progress_every) std::cerr << "\n";
    json& ju = j["uncertainty"];
    ju["equivalent_sample_size"] = number(o.ess);
    ju["samples"] = r.completed;
    ju["impossible_samples"] = r.impossible_samples;
    ju["level"] = number(o.level);
    ju["seed"] = o.seed;
    ju["states"] = json::array();
    text << "\nPosterior uncertainty (every CPT row Dirichlet with equivalent sample size "
         << format_general(o.ess) << "; " << r.completed << " samples, seed " << o.seed << ")\n";
    const std::string level = format_general(o.level * 100.0) + "% interval";
    text_table t({"state", "point", "mean", "sd", level}, "lrrrl");
    for (std::size_t s = 0; s < r.states.size(); ++s) {
      const auto& su = r.states[s];
      const auto& ci = su.intervals.front();
      ju["states"].push_back({{"state", tvar.state(s)},
                              {"point", number(su.point)},
                              {"mean", number(su.mean)},
                              {"standard_deviation", number(su.standard_deviation)},
                              {"lower", number(ci.lower)},
                              {"upper", number(ci.upper)}});
      t.add_row({tvar.state(s), fixed(su.point, 4), fixed(su.mean, 4), fixed(su.standard_deviation, 4),
                 "[" + fixed(ci.lower, 4) + ", " + fixed(ci.upper, 4) + "]"});
    }
    t.print(text);
  }

  if (!scenarios.empty()) {
    const auto r = analysis::what_if(jt, target, scenarios);
    json& jw = j["what_if"];
    jw = json::array();
    text << "\nWhat if (each row adds its findings to the evidence above)\n";
    std::vector<std::string> header{"scenario", "evidence", "log10 P(e)"};
    for (std::size_t s = 0; s < tvar.cardinality(); ++s) header.push_back(tvar.state(s));
    text_table t(header, "llr" + std::string(tvar.cardinality(), 'r'));
    for (const auto& w : r) {
      const evidence_set& e = scenarios.at(w.name);
      const double log10_p = w.log_evidence_probability / std::log(10.0);
      json jo;
      jo["name"] = w.name;
      const json findings_of_row = evidence_json(net, e);
      for (const auto& [k, v] : findings_of_row.items()) jo[k] = v;
      jo["possible"] = w.possible;
      jo["log10_evidence_probability"] = number(log10_p);
      if (w.possible) jo["posterior"] = by_state(tvar, w.posterior);
      else jo["reason"] = w.reason;
      jw.push_back(jo);
      std::vector<std::string> row{w.name, e.describe(net), fixed(log10_p, 6)};
      for (std::size_t s = 0; s < tvar.cardinality(); ++s)
        row.push_back(w.possible ? fixed(w.posterior[s], 6) : "impossible");
      t.add_row(row);
    }
    t.print(text);
  }

  const std::string result = o.format == "json" ? j.dump(1) + "\n" : text.str();
  write_result(out, o.output_path, result);
  return 0;
}

}  // namespace

command_runner add_analyze_command(CLI::App& app) {
  auto o = std::make_shared<analyze_options>();
  auto* sub = app.add_subcommand(
      "analyze", "Value of information, sensitivity, attribution, conflict, uncertainty and what-if for any network file");
  sub->add_option("network", o->network_path, "Network file (" + io::supported_model_extensions() + ")")
      ->required();
  sub->add_option("-t,--target", o->target, "The target variable")->required();
  sub->add_option("-e,--evidence", o->evidence, "Hard evidence VAR=STATE, comma-separated (repeatable)");
  sub->add_option("-l,--likelihood", o->likelihoods,
                  "Likelihood (virtual) evidence VAR=l1,l2,... in state order (repeatable)");
  sub->add_option("--evidence-file", o->evidence_file,
                  "JSON evidence: one case {\"evidence\":{..},\"likelihood_evidence\":{..}}");
  sub->add_flag("--voi", o->voi, "Value of information of each unobserved variable for the target");
  sub->add_flag("--sensitivity", o->sensitivity, "One-way sensitivity of the target to each CPT parameter");
  sub->add_flag("--attribution", o->attribution, "Shapley attribution of the findings on the target's log-odds");
  sub->add_flag("--conflict", o->conflict, "Data conflict of the findings, overall and given each target state");
  sub->add_flag("--uncertainty", o->uncertainty,
                "Second-order uncertainty of the posterior (Monte Carlo over Dirichlet CPT rows)");
  sub->add_option("--what-if", o->what_ifs,
                  "Named alternative NAME:VAR=STATE,... added to the evidence (repeatable)");
  sub->add_option("--cost", o->costs, "Cost of observing a variable VAR=C, comma-separated (repeatable)");
  sub->add_option("--rank-by", o->rank_by,
                  "Order of the value of information: mi (mutual information), band (probability of a band "
                  "change), cost (information per cost)")
      ->check(CLI::IsMember({"mi", "band", "cost"}));
  sub->add_flag("--progress", o->progress,
                "Show the progress of --uncertainty sampling on standard error (shown anyway on a terminal)");
  sub->add_option("--samples", o->samples, "Monte Carlo samples of --uncertainty")->check(CLI::PositiveNumber);
  sub->add_option("--ess", o->ess, "Equivalent sample size of every CPT for --uncertainty")
      ->check(CLI::PositiveNumber);
  sub->add_option("--seed", o->seed, "Seed of --uncertainty and of sampled attributions");
  sub->add_option("--level", o->level, "Level of the credible interval of --uncertainty")
      ->check(CLI::Range(0.0, 1.0));
  sub->add_option("--permutations", o->permutations,
                  "Permutations of a sampled attribution (more than 16 findings)")
      ->check(CLI::Range(std::size_t{2}, std::size_t{100000000}));
  sub->add_option("--top", o->top, "Rows of the value-of-information and sensitivity tables (0: all)");
  sub->add_option("--format", o->format, "Output: text or json")->check(CLI::IsMember({"text", "json"}));
  sub->add_option("-o,--output", o->output_path, "Write the output to this file (default: standard output)");
  sub->add_option("--sum-tolerance", o->sum_tolerance,
                  "Largest |sum - 1| accepted for a conditional distribution of the network file")
      ->check(CLI::NonNegativeNumber);
  return [o](std::ostream& out) { return run_analyze(*o, out); };
}

}  // namespace augury::cli
