// The generic analyses of include/augury/analysis/ on any network: value of information,
// sensitivity, Shapley attribution, data conflict, posterior uncertainty, scoring,
// back-testing and what-if. Variables and states come in by name; results go out as dicts
// of plain values that python/augury/analysis.py turns into dataclasses.
//
// The network is copied under the GIL, then every analysis runs with the GIL released on
// that copy, so no Python object is touched while computing.

#include "bindings.hpp"
#include "interruptible.hpp"

#include <augury/analysis/attribution.hpp>
#include <augury/analysis/conflict.hpp>
#include <augury/analysis/likelihood_finding.hpp>
#include <augury/analysis/scoring.hpp>
#include <augury/analysis/sensitivity.hpp>
#include <augury/analysis/uncertainty.hpp>
#include <augury/analysis/value_of_information.hpp>
#include <augury/analysis/what_if.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace augury::python {
namespace {

namespace an = augury::analysis;

// (variable, state, likelihood, date, label): a hard finding when `state` is not empty,
// else the likelihood vector.
using finding_tuple = std::tuple<std::string, std::string, std::vector<double>, std::string, std::string>;
// (date, variable, state or None, likelihood, label)
using timeline_tuple =
    std::tuple<std::string, std::string, std::optional<std::string>, std::vector<double>, std::string>;

// The index of `state` of variable `v`; an unknown state is an evidence error listing the states.
std::size_t state_of(const bayesian_network& net, var_id v, const std::string& state) {
  try {
    return net.var(v).state_index(state);
  } catch (const model_error& ex) {
    throw evidence_error(ex.what());
  }
}

std::vector<an::likelihood_finding> to_findings(const bayesian_network& net,
                                                const std::vector<finding_tuple>& in) {
  std::vector<an::likelihood_finding> out;
  out.reserve(in.size());
  for (const auto& [name, state, lambda, date, label] : in) {
    var_id v;
    try {
      v = net.id(name);
    } catch (const model_error& ex) {
      throw evidence_error(std::string("finding on an unknown variable: ") + ex.what());
    }
    if (!state.empty()) {
      out.push_back(an::hard_finding(net, v, state_of(net, v, state), date, label));
    } else {
      out.push_back(an::likelihood_finding{v, lambda, date, label});
    }
  }
  return out;
}

std::vector<var_id> ids_of(const bayesian_network& net, const std::vector<std::string>& names) {
  std::vector<var_id> ids;
  ids.reserve(names.size());
  for (const auto& n : names) ids.push_back(net.id(n));
  return ids;
}

py::list rows_to_list(const std::vector<std::vector<double>>& rows) {
  py::list out;
  for (const auto& r : rows) out.append(to_array(r));
  return out;
}

py::object optional_float(const std::optional<double>& x) {
  return x ? py::object(py::float_(*x)) : py::object(py::none());
}

py::dict shapley_dict(const bayesian_network& net, const an::shapley_result& r) {
  py::dict d;
  d["target"] = net.var(r.target).name();
  d["players"] = r.players;
  d["baseline"] = to_array(r.baseline);
  d["posterior"] = to_array(r.posterior);
  d["baseline_log_odds"] = to_array(r.baseline_log_odds);
  d["final_log_odds"] = to_array(r.final_log_odds);
  d["defined"] = std::vector<bool>(r.defined.begin(), r.defined.end());
  d["values"] = rows_to_list(r.values);
  d["standard_errors"] = rows_to_list(r.standard_errors);
  d["exact"] = r.exact;
  d["permutations"] = r.permutations;
  d["inferences"] = r.inferences;
  return d;
}

an::shapley_options make_shapley_options(const bayesian_network& net, const hard_findings& bg_hard,
                                         const vector_findings& bg_likelihood, std::size_t exact_limit,
                                         std::size_t permutations, std::uint64_t seed) {
  an::shapley_options o;
  o.background = make_evidence(net, bg_hard, bg_likelihood, {});
  o.exact_limit = exact_limit;
  o.permutations = permutations;
  o.seed = seed;
  return o;
}

py::dict voi(const bayesian_network& network, const std::string& target, const hard_findings& hard,
             const vector_findings& likelihood, const std::vector<std::string>& candidates,
             const std::vector<double>& band_edges, const std::map<std::string, double>& costs,
             const std::string& rank_by) {
  const bayesian_network net = network;
  const var_id t = net.id(target);
  const evidence_set e = make_evidence(net, hard, likelihood, {});
  an::voi_options o;
  o.candidates = ids_of(net, candidates);
  o.band_edges = band_edges;
  for (const auto& [name, c] : costs) o.costs[net.id(name)] = c;
  if (rank_by == "mutual_information")
    o.rank_by = an::voi_ranking::mutual_information;
  else if (rank_by == "band_change_probability")
    o.rank_by = an::voi_ranking::band_change_probability;
  else if (rank_by == "information_per_cost")
    o.rank_by = an::voi_ranking::information_per_cost;
  else
    throw error("value of information: unknown ranking '" + rank_by +
                "' (rankings: mutual_information, band_change_probability, information_per_cost)");
  const an::voi_result r = interruptible([&] { return an::value_of_information(net, t, e, o); });
  py::dict d;
  d["target"] = target;
  d["posterior"] = to_array(r.posterior);
  d["entropy_bits"] = r.entropy_bits;
  d["leader"] = r.leader;
  d["leader_band"] = r.leader_band;
  py::list cands;
  for (const auto& c : r.candidates) {
    py::dict x;
    x["variable"] = net.var(c.variable).name();
    x["observation_probabilities"] = to_array(c.observation_probabilities);
    x["target_given_observation"] = rows_to_list(c.target_given_observation);
    x["mutual_information_bits"] = c.mutual_information_bits;
    x["expected_entropy_bits"] = c.expected_entropy_bits;
    x["band_change_probability"] = c.band_change_probability;
    x["leader_change_probability"] = c.leader_change_probability;
    x["cost"] = optional_float(c.cost);
    x["information_per_cost"] = optional_float(c.information_per_cost);
    cands.append(x);
  }
  d["candidates"] = cands;
  return d;
}

py::dict flip_dict(const std::optional<an::flip_threshold>& f) {
  py::dict d;
  if (!f) return d;
  d["theta"] = f->theta;
  d["change"] = f->change;
  d["new_leader"] = f->new_leader;
  return d;
}

py::dict sensitivity(const bayesian_network& network, const std::string& target, const hard_findings& hard,
                     const vector_findings& likelihood, const std::vector<std::string>& variables) {
  const bayesian_network net = network;
  const var_id t = net.id(target);
  const evidence_set e = make_evidence(net, hard, likelihood, {});
  an::sensitivity_options o;
  o.variables = ids_of(net, variables);
  const an::sensitivity_result r = interruptible([&] { return an::sensitivity_analysis(net, t, e, o); });
  py::dict d;
  d["target"] = target;
  d["posterior"] = to_array(r.posterior);
  d["leader"] = r.leader;
  d["extra_compilations"] = r.extra_compilations;
  py::list params;
  for (const auto& p : r.parameters) {
    py::dict x;
    x["variable"] = net.var(p.variable).name();
    x["row"] = p.row;
    x["state"] = net.var(p.variable).state(p.state);
    x["label"] = an::parameter_label(net, p.variable, p.row, p.state);
    x["value"] = p.value;
    x["upper"] = p.upper;
    x["scheme"] = p.scheme == an::co_variation::proportional ? "proportional" : "uniform";
    py::list fs;
    for (const auto& f : p.functions) fs.append(py::make_tuple(f.alpha, f.beta, f.gamma, f.delta));
    x["functions"] = fs;
    x["derivative"] = to_array(p.derivative);
    x["minimum"] = to_array(p.minimum);
    x["maximum"] = to_array(p.maximum);
    x["flip_down"] = flip_dict(p.flip_down);
    x["flip_up"] = flip_dict(p.flip_up);
    params.append(x);
  }
  d["parameters"] = params;
  return d;
}

py::dict shapley(const bayesian_network& network, const std::string& target,
                 const std::vector<finding_tuple>& findings, const hard_findings& bg_hard,
                 const vector_findings& bg_likelihood, std::size_t exact_limit, std::size_t permutations,
                 std::uint64_t seed) {
  const bayesian_network net = network;
  const var_id t = net.id(target);
  const auto f = to_findings(net, findings);
  const auto o = make_shapley_options(net, bg_hard, bg_likelihood, exact_limit, permutations, seed);
  const an::shapley_result r = interruptible([&] { return an::shapley_attribution(net, t, f, o); });
  return shapley_dict(net, r);
}

py::list timeline(const bayesian_network& network, const std::string& target,
                  const std::vector<finding_tuple>& findings, const hard_findings& bg_hard,
                  const vector_findings& bg_likelihood, std::size_t exact_limit, std::size_t permutations,
                  std::uint64_t seed) {
  const bayesian_network net = network;
  const var_id t = net.id(target);
  const auto f = to_findings(net, findings);
  const auto o = make_shapley_options(net, bg_hard, bg_likelihood, exact_limit, permutations, seed);
  const std::vector<an::attribution_step> steps = interruptible([&] { return an::shapley_timeline(net, t, f, o); });
  py::list out;
  for (const auto& s : steps) out.append(py::make_tuple(s.date, shapley_dict(net, s.attribution)));
  return out;
}

py::dict conflict(const bayesian_network& network, const std::string& target,
                  const std::vector<finding_tuple>& findings, const hard_findings& bg_hard,
                  const vector_findings& bg_likelihood, const std::vector<std::size_t>& recent,
                  double threshold) {
  const bayesian_network net = network;
  const var_id t = net.id(target);
  const auto f = to_findings(net, findings);
  an::conflict_options o;
  o.background = make_evidence(net, bg_hard, bg_likelihood, {});
  o.recent = recent;
  o.threshold = threshold;
  const an::conflict_result r = interruptible([&] { return an::data_conflict(net, t, f, o); });
  py::dict d;
  d["target"] = target;
  d["conflict"] = r.conflict;
  d["log_evidence_probability"] = r.log_evidence_probability;
  d["recent_conflict"] = r.recent_conflict;
  d["fits_no_scenario"] = r.fits_no_scenario;
  py::list fs;
  for (const auto& x : r.findings) fs.append(py::make_tuple(x.finding, x.log_probability, x.contribution));
  d["findings"] = fs;
  py::list ss;
  for (const auto& s : r.states)
    ss.append(py::make_tuple(net.var(t).state(s.state), s.probability, s.possible, s.conflict, s.recent_conflict));
  d["states"] = ss;
  return d;
}

py::dict uncertainty(const bayesian_network& network, const std::string& target, const hard_findings& hard,
                     const vector_findings& likelihood, const std::map<std::string, double>& ess,
                     std::size_t samples, const std::vector<double>& levels, std::uint64_t seed,
                     bool keep_samples, const py::object& progress, std::size_t progress_every) {
  const bayesian_network net = network;
  const var_id t = net.id(target);
  const evidence_set e = make_evidence(net, hard, likelihood, {});
  an::uncertainty_options o;
  for (const auto& [name, s] : ess) o.equivalent_sample_size[net.id(name)] = s;
  o.samples = samples;
  o.levels = levels;
  o.seed = seed;
  o.keep_samples = keep_samples;
  // Ctrl-C stops the sampler at its next sample (interruptible). The user's progress
  // function is called, with the GIL, every `progress_every` samples and after the last one;
  // returning False stops the run. The network sampled is a copy, so stopping leaves nothing
  // half-changed.
  if (!progress.is_none() && progress_every > 0) {
    o.progress_every = 1;
    o.progress = [&](std::size_t done, std::size_t total) {
      if (done % progress_every != 0 && done != total) return true;
      py::gil_scoped_acquire gil;
      const py::object answer = progress(done, total);
      return answer.is_none() || answer.cast<bool>();
    };
  }
  const an::uncertainty_result r = interruptible([&] { return an::posterior_uncertainty(net, t, e, o); });
  py::dict d;
  d["target"] = target;
  d["requested"] = r.requested;
  d["completed"] = r.completed;
  d["impossible_samples"] = r.impossible_samples;
  py::list ss;
  for (const auto& s : r.states) {
    py::list iv;
    for (const auto& c : s.intervals) iv.append(py::make_tuple(c.level, c.lower, c.upper));
    ss.append(py::make_tuple(s.point, s.mean, s.standard_deviation, iv));
  }
  d["states"] = ss;
  if (keep_samples && !r.samples.empty()) {
    std::vector<double> flat;
    for (const auto& row : r.samples) flat.insert(flat.end(), row.begin(), row.end());
    d["samples"] = to_array(flat, {r.samples.size(), r.samples.front().size()});
  } else {
    d["samples"] = py::none();
  }
  return d;
}

py::dict summary_dict(const an::score_summary& s) {
  py::dict d;
  d["count"] = s.count;
  d["brier"] = s.brier;
  d["log_loss"] = s.log_loss;
  d["ignorance"] = s.ignorance;
  d["zero_probability_outcomes"] = s.zero_probability_outcomes;
  return d;
}

py::list calibration_list(const std::vector<an::calibration_bin>& bins) {
  py::list out;
  for (const auto& b : bins)
    out.append(py::make_tuple(b.lower, b.upper, b.count, b.mean_forecast, b.observed_frequency));
  return out;
}

py::dict scores(const std::vector<std::pair<std::vector<double>, std::size_t>>& in, std::size_t bins) {
  std::vector<an::probability_forecast> forecasts;
  forecasts.reserve(in.size());
  for (const auto& [p, o] : in) forecasts.push_back({p, o});
  an::score_summary s;
  std::vector<an::calibration_bin> table;
  std::vector<double> brier, log_loss;
  {
    py::gil_scoped_release release;
    s = an::score_forecasts(forecasts);
    table = an::calibration_table(forecasts, bins);
    for (const auto& f : forecasts) {
      brier.push_back(an::brier_score(f.probabilities, f.outcome));
      log_loss.push_back(an::log_loss(f.probabilities, f.outcome));
    }
  }
  py::dict d = summary_dict(s);
  d["calibration"] = calibration_list(table);
  d["brier_each"] = to_array(brier);
  d["log_loss_each"] = to_array(log_loss);
  return d;
}

py::dict backtest(const bayesian_network& network, const std::vector<timeline_tuple>& timeline,
                  const hard_findings& bg_hard, const vector_findings& bg_likelihood, std::size_t bins) {
  const bayesian_network net = network;
  std::vector<an::timeline_entry> entries;
  entries.reserve(timeline.size());
  for (const auto& [date, name, state, lambda, label] : timeline) {
    an::timeline_entry t;
    t.date = date;
    try {
      t.variable = net.id(name);
    } catch (const model_error& ex) {
      throw evidence_error(std::string("timeline entry on an unknown variable: ") + ex.what());
    }
    if (state) t.state = state_of(net, t.variable, *state);
    t.likelihood = lambda;
    t.label = label;
    entries.push_back(std::move(t));
  }
  an::backtest_options o;
  o.background = make_evidence(net, bg_hard, bg_likelihood, {});
  o.bins = bins;
  const an::backtest_result r = interruptible([&] { return an::backtest(net, entries, o); });
  py::dict d = summary_dict(r.summary);
  py::list scored;
  for (const auto& s : r.scored) {
    const variable& v = net.var(s.variable);
    scored.append(py::make_tuple(s.entry, s.date, v.name(), to_array(s.forecast), v.state(s.outcome), s.brier,
                                 s.log_loss, s.ignorance));
  }
  d["scored"] = scored;
  d["calibration"] = calibration_list(r.calibration);
  return d;
}

using evidence_triple = std::tuple<hard_findings, vector_findings, vector_findings>;

py::list what_if(const bayesian_network& network, const std::string& target,
                 const std::map<std::string, evidence_triple>& scenarios, const std::vector<std::string>& also) {
  const bayesian_network net = network;
  const var_id t = net.id(target);
  const std::vector<var_id> also_ids = ids_of(net, also);
  std::map<std::string, evidence_set> sets;
  for (const auto& [name, ev] : scenarios) {
    try {
      sets[name] = make_evidence(net, std::get<0>(ev), std::get<1>(ev), std::get<2>(ev));
    } catch (const impossible_evidence_error& ex) {
      throw impossible_evidence_error("what-if '" + name + "': " + ex.what());
    } catch (const evidence_error& ex) {
      throw evidence_error("what-if '" + name + "': " + ex.what());
    }
  }
  const std::vector<an::what_if_outcome> r = interruptible([&] { return an::what_if(net, t, sets, also_ids); });
  py::list out;
  for (const auto& o : r)
    out.append(py::make_tuple(o.name, o.possible, o.reason, to_array(o.posterior), rows_to_list(o.others),
                              o.log_evidence_probability));
  return out;
}

}  // namespace

void register_analysis(py::module_& m) {
  m.def("analysis_value_of_information", &voi, py::arg("network"), py::arg("target"), py::arg("evidence"),
        py::arg("likelihood"), py::arg("candidates"), py::arg("band_edges"), py::arg("costs"),
        py::arg("rank_by"));
  m.def("analysis_sensitivity", &sensitivity, py::arg("network"), py::arg("target"), py::arg("evidence"),
        py::arg("likelihood"), py::arg("variables"));
  m.def("analysis_shapley", &shapley, py::arg("network"), py::arg("target"), py::arg("findings"),
        py::arg("evidence"), py::arg("likelihood"), py::arg("exact_limit"), py::arg("permutations"),
        py::arg("seed"));
  m.def("analysis_shapley_timeline", &timeline, py::arg("network"), py::arg("target"), py::arg("findings"),
        py::arg("evidence"), py::arg("likelihood"), py::arg("exact_limit"), py::arg("permutations"),
        py::arg("seed"));
  m.def("analysis_conflict", &conflict, py::arg("network"), py::arg("target"), py::arg("findings"),
        py::arg("evidence"), py::arg("likelihood"), py::arg("recent"), py::arg("threshold"));
  m.def("analysis_posterior_uncertainty", &uncertainty, py::arg("network"), py::arg("target"),
        py::arg("evidence"), py::arg("likelihood"), py::arg("equivalent_sample_size"), py::arg("samples"),
        py::arg("levels"), py::arg("seed"), py::arg("keep_samples"), py::arg("progress") = py::none(),
        py::arg("progress_every") = 100);
  m.def("analysis_score_forecasts", &scores, py::arg("forecasts"), py::arg("bins"));
  m.def("analysis_backtest", &backtest, py::arg("network"), py::arg("timeline"), py::arg("evidence"),
        py::arg("likelihood"), py::arg("bins"));
  m.def("analysis_what_if", &what_if, py::arg("network"), py::arg("target"), py::arg("scenarios"),
        py::arg("also"));
}

}  // namespace augury::python
