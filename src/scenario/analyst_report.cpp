// The analyst's report: builds every section from the forecast and the analysis headers,
// and renders it as Markdown or JSON. The methods are described in analyst_report.hpp and
// docs/toolkit.md.

#include <augury/scenario/analyst_report.hpp>

#include <augury/analysis/attribution.hpp>
#include <augury/analysis/conflict.hpp>
#include <augury/analysis/likelihood_finding.hpp>
#include <augury/analysis/sensitivity.hpp>
#include <augury/analysis/uncertainty.hpp>
#include <augury/analysis/value_of_information.hpp>
#include <augury/detail/join.hpp>
#include <augury/error.hpp>
#include <augury/evidence/evidence_set.hpp>
#include <augury/inference/junction_tree.hpp>
#include <augury/scenario/report_csv.hpp>
#include <augury/scenario/report_evidence.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>
#include <set>
#include <utility>

namespace augury {
namespace {

// ---- small helpers -----------------------------------------------------------------------

std::size_t argmax(const std::vector<double>& p) {
  return static_cast<std::size_t>(std::max_element(p.begin(), p.end()) - p.begin());
}

/// Days since 1970-01-01 of a valid YYYY-MM-DD date (H. Hinnant's days_from_civil).
long days_of(const std::string& date) {
  int y = std::stoi(date.substr(0, 4));
  const unsigned m = static_cast<unsigned>(std::stoi(date.substr(5, 2)));
  const unsigned d = static_cast<unsigned>(std::stoi(date.substr(8, 2)));
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

std::string date_of_days(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = static_cast<long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp + (mp < 10 ? 3 : -9);
  y += m <= 2;
  char buffer[48];  // "%04ld" alone may take 20 characters
  std::snprintf(buffer, sizeof buffer, "%04ld-%02u-%02u", y, m, d);
  return buffer;
}

std::string fixed(double value, int digits) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
  return buffer;
}

std::string percent(double p) { return fixed(100.0 * p, 1) + "%"; }

std::string signed_points(double d) {
  const std::string s = fixed(100.0 * d, 1);
  return (d >= 0 && s[0] != '-' ? "+" : "") + s;
}

/// The evidence set of a map of likelihood findings.
evidence_set evidence_of(const bayesian_network& net, const std::map<var_id, std::vector<double>>& findings) {
  evidence_set e;
  for (const auto& [v, l] : findings) e.set_likelihood(net, v, l);
  return e;
}

/// What the reports of one unit said: the state, the likelihood vector, or the states of a
/// group's copies with their counts.
std::string claim_of(const bayesian_network& net, const std::vector<report>& reports,
                     const evidence_unit& u) {
  const variable& var = net.var(u.indicator);
  if (u.upstream.empty()) {
    const report& r = reports[u.reports.front()];
    if (!r.state.empty()) {
      if (r.hit_rate)
        return r.state + " (hit rate " + detail::format_number(*r.hit_rate) + ", false-alarm rate " +
               detail::format_number(*r.false_alarm_rate) + ")";
      return r.state;
    }
    return likelihood_text(r.likelihood, var);
  }
  std::vector<std::size_t> counts(var.cardinality(), 0);
  for (std::size_t i : u.reports) ++counts[*var.find_state(reports[i].state)];
  std::vector<std::string> parts;
  for (std::size_t s = 0; s < counts.size(); ++s)
    if (counts[s] > 0) parts.push_back(var.state(s) + (counts[s] > 1 ? " x" + std::to_string(counts[s]) : ""));
  return detail::join(parts);
}

std::string label_of(const attributed_evidence& a) {
  std::string s = a.date + " " + a.indicator + " = " + a.claim;
  if (!a.upstream.empty())
    s += " (" + std::to_string(a.reports) + (a.reports == 1 ? " report" : " reports") + " relaying " + a.upstream + ")";
  else if (!a.source.empty())
    s += " (" + a.source + (a.grade.empty() ? "" : ", " + a.grade) + ")";
  return s;
}

void check_options(const bayesian_network& net, const analyst_report_options& o) {
  if (!(o.credible_level > 0.0 && o.credible_level < 1.0))
    throw error("report: credible level " + detail::format_number(o.credible_level) +
                " is not inside (0, 1)");
  if (!(o.default_equivalent_sample_size >= 0.0) || !std::isfinite(o.default_equivalent_sample_size))
    throw error("report: default equivalent sample size " +
                detail::format_number(o.default_equivalent_sample_size) +
                " must be a finite number >= 0 (0 keeps the tables fixed)");
  for (const auto& [name, s] : o.equivalent_sample_size) {
    if (!net.find(name))
      throw error("report: equivalent sample size given for unknown variable '" + name +
                  "' (variables: " + net.variable_names_list() + ")");
    if (!(s > 0.0) || !std::isfinite(s))
      throw error("report: equivalent sample size of '" + name + "' is " + detail::format_number(s) +
                  "; it must be positive and finite");
  }
  grading_table::check_grade(o.watch_grade);
  if (o.recent_days < 0) throw error("report: recent_days must not be negative");
}

// ---- sections ----------------------------------------------------------------------------

judgment make_judgment(const std::string& node, const std::string& state, double p, double prior,
                       estimative_vocabulary voc) {
  judgment j;
  j.node = node;
  j.state = state;
  j.probability = p;
  j.prior = prior;
  j.word = estimative_word(p, voc);
  j.prior_word = estimative_word(prior, voc);
  return j;
}

void set_interval(judgment& j, double lower, double upper, estimative_vocabulary voc) {
  j.lower = lower;
  j.upper = upper;
  j.lower_word = estimative_word(std::clamp(lower, 0.0, 1.0), voc);
  j.upper_word = estimative_word(std::clamp(upper, 0.0, 1.0), voc);
}

}  // namespace

analyst_report make_analyst_report(const scenario_model& model, const report_batch& batch,
                                   const analyst_report_options& o) {
  const bayesian_network& net = model.network;
  check_options(net, o);
  const grading_table& grading = o.grading;
  const auto voc = o.vocabulary;
  const forecast_result f = forecast(model, batch, grading);
  const std::vector<report>& reports = batch.reports;

  analyst_report out;
  out.model_name = net.name();
  out.reports_description = o.reports_description;
  out.vocabulary = voc;
  out.attribution_top = o.attribution_top;
  out.rejected = f.rejected;
  out.scenario_states = f.scenario_states;
  out.cooperation_states = f.cooperation_states;
  out.as_of = f.steps.empty() ? std::string() : f.steps.back().date;
  for (const auto& s : f.steps) out.reports_applied += s.reports.size();

  const std::vector<evidence_unit> units = evidence_units(net, reports, grading);
  out.independent_sources = units.size();
  const evidence_set e = evidence_of(net, combined_likelihoods(net, reports, grading));

  // Key judgments.
  const auto& final_s = f.steps.empty() ? f.prior_scenario : f.steps.back().scenario;
  const auto& final_c = f.steps.empty() ? f.prior_cooperation : f.steps.back().cooperation;
  const std::string scenario_name = net.var(model.scenario).name();
  const std::string cooperation_name = net.var(model.cooperation).name();
  for (std::size_t i = 0; i < final_s.size(); ++i)
    out.scenarios.push_back(make_judgment(scenario_name, f.scenario_states[i], final_s[i], f.prior_scenario[i], voc));
  for (std::size_t i = 0; i < final_c.size(); ++i)
    out.cooperation.push_back(
        make_judgment(cooperation_name, f.cooperation_states[i], final_c[i], f.prior_cooperation[i], voc));
  out.leading_scenario = argmax(final_s);
  out.leading_cooperation = argmax(final_c);

  // Trajectory.
  for (const auto& s : f.steps) {
    trajectory_point t;
    t.date = s.date;
    t.reports = s.reports.size();
    t.scenario = s.scenario;
    t.leader = argmax(s.scenario);
    t.leader_word = estimative_word(s.scenario[t.leader], voc);
    t.cooperation_leader = argmax(s.cooperation);
    t.cooperation_probability = s.cooperation[t.cooperation_leader];
    out.trajectory.push_back(std::move(t));
  }

  // Uncertainty.
  analysis::uncertainty_options uo;
  for (var_id v = 0; v < net.size(); ++v) {
    const auto it = o.equivalent_sample_size.find(net.var(v).name());
    const double s = it != o.equivalent_sample_size.end() ? it->second : o.default_equivalent_sample_size;
    if (s > 0.0 && net.var(v).cardinality() > 1) {
      uo.equivalent_sample_size[v] = s;
      out.equivalent_sample_size[net.var(v).name()] = s;
    }
  }
  out.default_equivalent_sample_size = o.default_equivalent_sample_size;
  uo.samples = o.uncertainty_samples;
  uo.levels = {o.credible_level};
  uo.seed = o.seed;
  uo.progress_every = 0;
  if (o.uncertainty_samples > 0 && !uo.equivalent_sample_size.empty()) {
    out.uncertainty_samples = o.uncertainty_samples;
    out.credible_level = o.credible_level;
    const auto us = analysis::posterior_uncertainty(net, model.scenario, e, uo);
    for (std::size_t i = 0; i < out.scenarios.size(); ++i)
      set_interval(out.scenarios[i], us.states[i].intervals[0].lower, us.states[i].intervals[0].upper, voc);
    const auto uc = analysis::posterior_uncertainty(net, model.cooperation, e, uo);
    for (std::size_t i = 0; i < out.cooperation.size(); ++i)
      set_interval(out.cooperation[i], uc.states[i].intervals[0].lower, uc.states[i].intervals[0].upper, voc);
    if (o.trajectory_bands) {
      // The evidence after each date, built as the forecast builds it (stable date order).
      std::vector<std::size_t> order(reports.size());
      std::iota(order.begin(), order.end(), std::size_t{0});
      std::stable_sort(order.begin(), order.end(),
                       [&](std::size_t a, std::size_t b) { return reports[a].date < reports[b].date; });
      report_evidence so_far(net, grading);
      std::size_t k = 0;
      for (auto& point : out.trajectory) {
        for (; k < order.size() && reports[order[k]].date <= point.date; ++k) so_far.add(reports[order[k]]);
        const auto ut = analysis::posterior_uncertainty(net, model.scenario, evidence_of(net, so_far.likelihoods()), uo);
        for (const auto& st : ut.states) {
          point.scenario_lower.push_back(st.intervals[0].lower);
          point.scenario_upper.push_back(st.intervals[0].upper);
        }
      }
    }
  }

  junction_tree jt(net);

  // Attribution over the independent pieces of evidence.
  std::vector<analysis::likelihood_finding> findings;
  std::vector<std::string> latest_date;
  for (const auto& u : units) {
    attributed_evidence a;
    const report& first = reports[u.reports.front()];
    a.date = first.date;
    std::string latest = first.date;
    for (std::size_t i : u.reports) {
      a.date = std::min(a.date, reports[i].date);
      latest = std::max(latest, reports[i].date);
      a.lines.push_back(reports[i].line);
    }
    a.indicator = net.var(u.indicator).name();
    a.claim = claim_of(net, reports, u);
    a.source = first.source;
    a.grade = first.grade;
    a.upstream = u.upstream;
    a.reports = u.reports.size();
    findings.push_back({u.indicator, u.likelihood, a.date, label_of(a)});
    latest_date.push_back(latest);
    out.attribution.evidence.push_back(std::move(a));
  }
  if (!findings.empty()) {
    analysis::shapley_options so;
    so.exact_limit = o.shapley_exact_limit;
    so.permutations = o.shapley_permutations;
    so.seed = o.seed;
    const auto sh = analysis::shapley_attribution(jt, model.scenario, findings, so);
    out.attribution.exact = sh.exact;
    out.attribution.permutations = sh.permutations;
    out.attribution.baseline_log_odds = sh.baseline_log_odds;
    out.attribution.final_log_odds = sh.final_log_odds;
    for (std::size_t k = 0; k < sh.players.size(); ++k) {
      out.attribution.evidence[sh.players[k]].values = sh.values[k];
      out.attribution.evidence[sh.players[k]].standard_errors = sh.standard_errors[k];
    }
  }
  auto weight = [](const attributed_evidence& a) {
    double m = 0.0;
    for (double v : a.values) m = std::max(m, std::fabs(v));
    return m;
  };
  // Keep the conflict section's labels in unit order before sorting.
  std::vector<std::string> unit_labels;
  for (const auto& a : out.attribution.evidence) unit_labels.push_back(label_of(a));
  std::stable_sort(out.attribution.evidence.begin(), out.attribution.evidence.end(),
                   [&](const attributed_evidence& a, const attributed_evidence& b) { return weight(a) > weight(b); });

  // Indicators to watch.
  analysis::voi_options vo;
  if (!model.indicators.empty()) {
    vo.candidates = model.indicators;
  } else {
    for (var_id v = 0; v < net.size(); ++v)
      if (v != model.scenario && v != model.cooperation) vo.candidates.push_back(v);
  }
  const auto voi = analysis::value_of_information(jt, model.scenario, e, vo);
  const std::size_t leader = voi.leader;
  const std::size_t leader_band = estimative_band_of(voi.posterior[leader]).index;
  out.watch_grade = o.watch_grade;
  for (const auto& c : voi.candidates) {
    watch_entry w;
    const variable& var = net.var(c.variable);
    w.indicator = var.name();
    w.mutual_information_bits = c.mutual_information_bits;
    w.leader_change_probability = c.leader_change_probability;
    w.states = var.states();
    w.state_probabilities = c.observation_probabilities;
    const std::size_t kx = var.cardinality();
    w.leader_given_state.assign(kx, 0.0);
    for (std::size_t x = 0; x < kx; ++x) {
      const auto& row = c.target_given_observation[x];
      if (row.empty()) continue;
      w.leader_given_state[x] = row[leader];
      if (estimative_band_of(std::clamp(row[leader], 0.0, 1.0)).index != leader_band)
        w.word_change_probability += c.observation_probabilities[x];
    }
    // One more report of the watch grade: R is a child of X with the grade's channel, so
    // P(R = s | e) = sum_x P(x | e) C(s | x) and P(t | e, R = s) is proportional to
    // sum_x P(x | e) P(t | e, x) C(s | x).
    for (std::size_t s = 0; s < kx; ++s) {
      const std::vector<double> channel = grading.likelihood(o.watch_grade, kx, s);  // C(s | x)
      double pr = 0.0, joint_leader = 0.0;
      for (std::size_t x = 0; x < kx; ++x) {
        const auto& row = c.target_given_observation[x];
        if (row.empty()) continue;
        const double w_x = c.observation_probabilities[x] * channel[x];
        pr += w_x;
        joint_leader += w_x * row[leader];
      }
      if (pr > 0.0 && estimative_band_of(std::clamp(joint_leader / pr, 0.0, 1.0)).index != leader_band)
        w.report_word_change_probability += pr;
    }
    out.watch.push_back(std::move(w));
  }
  if (o.watch_top > 0 && out.watch.size() > o.watch_top) out.watch.resize(o.watch_top);

  // Sensitivity of P(leading scenario).
  const auto sens = analysis::sensitivity_analysis(jt, model.scenario, e);
  for (const auto& bar : analysis::tornado(sens, sens.leader, analysis::tornado_measure::range, o.sensitivity_top)) {
    const auto& p = sens.parameters[bar.parameter];
    sensitivity_entry s;
    s.parameter = analysis::parameter_label(net, p.variable, p.row, p.state);
    s.value = p.value;
    s.low = bar.low;
    s.high = bar.high;
    if (const auto flip = p.nearest_flip()) {
      s.flip_at = flip->theta;
      s.flip_to = f.scenario_states[flip->new_leader];
    }
    out.sensitivity.push_back(std::move(s));
  }

  // Conflict.
  conflict_section& cs = out.conflict;
  if (findings.empty()) {
    cs.message = "No reports, so no conflict to measure.";
  } else {
    const std::string since = date_of_days(days_of(out.as_of) - o.recent_days);
    analysis::conflict_options co;
    for (std::size_t i = 0; i < findings.size(); ++i)
      if (latest_date[i] >= since) co.recent.push_back(i);
    cs.recent_since = since;
    cs.recent_count = co.recent.size();
    const auto dc = analysis::data_conflict(jt, model.scenario, findings, co);
    cs.conflict = dc.conflict;
    cs.recent_conflict = dc.recent_conflict;
    cs.fits_no_scenario = dc.fits_no_scenario;
    for (const auto& st : dc.states) cs.recent_conflict_given_scenario.push_back(st.recent_conflict);
    std::vector<analysis::finding_conflict> contributions = dc.findings;
    std::stable_sort(contributions.begin(), contributions.end(),
                     [](const auto& a, const auto& b) { return a.contribution > b.contribution; });
    for (const auto& c : contributions) {
      if (!(c.contribution > 0.0) || cs.top_contributions.size() == 5) break;
      cs.top_contributions.emplace_back(unit_labels[c.finding], c.contribution);
    }
    const std::string scenarios_word =
        std::to_string(f.scenario_states.size()) + (f.scenario_states.size() == 1 ? " scenario" : " scenarios");
    if (cs.fits_no_scenario)
      cs.message = "Warning: the " + std::to_string(cs.recent_count) + " pieces of evidence since " + since +
                   " conflict with each other under every one of the " + scenarios_word +
                   " (conflict > 0 given each): events may be taking a course the model does not describe.";
    else if (cs.conflict > 0.0)
      cs.message = "The evidence conflicts (conflict " + fixed(cs.conflict, 2) +
                   " > 0): taken together it is less probable than its parts apart; check the "
                   "pieces that add most to the conflict.";
    else
      cs.message = "No conflict: the evidence hangs together under the model (conflict " +
                   fixed(cs.conflict, 2) + " <= 0), and the recent evidence fits at least one scenario.";
  }
  return out;
}

// ---- rendering ---------------------------------------------------------------------------

namespace {

std::string interval_text(const judgment& j) {
  if (!j.lower) return "";
  return fixed(100.0 * *j.lower, 1) + "-" + fixed(100.0 * *j.upper, 1) + "%";
}

std::string interval_words(const judgment& j) {
  if (!j.lower) return "";
  return j.lower_word == j.upper_word ? j.lower_word : j.lower_word + " to " + j.upper_word;
}

std::string md_cell(std::string s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "\\|";
    else if (c == '\n' || c == '\r') out += ' ';
    else out += c;
  }
  return out;
}

std::string judgment_sentence(const judgment& j, double level) {
  std::string s = "`" + j.state + "` is **" + j.word + "**: " + percent(j.probability);
  if (j.lower)
    s += " (" + fixed(100.0 * level, 0) + "% credible interval " + interval_text(j) + ", " + interval_words(j) + ")";
  s += "; before the reports " + percent(j.prior) + " (" + j.prior_word + "), " +
       signed_points(j.probability - j.prior) + " points.";
  return s;
}

double finite_or(double x, double fallback) { return std::isfinite(x) ? x : fallback; }

}  // namespace

std::string render_report_markdown(const analyst_report& r) {
  std::string md;
  auto line = [&](const std::string& s = {}) { md += s + "\n"; };
  const double level = r.credible_level;
  const std::string level_text = fixed(100.0 * level, 0) + "%";

  line("# Forecast report: " + r.model_name);
  line();
  line("- Reports: " + (r.reports_description.empty() ? std::string("as given") : r.reports_description));
  line("- As of: " + (r.as_of.empty() ? std::string("no reports (the prior)") : r.as_of));
  line("- Evidence: " + std::to_string(r.reports_applied) + " reports applied, " +
       std::to_string(r.independent_sources) + " independent pieces of evidence (reports that relay one "
       "upstream source count once), " + std::to_string(r.rejected.size()) + " rows rejected");
  line("- Terms of estimative probability: " + std::string(vocabulary_name(r.vocabulary)) +
       ", ICD 203 sec. D.6.e; a probability on a band's end takes the term nearer 0.5");
  line();

  line("## Key judgments");
  line();
  const judgment& lead = r.scenarios[r.leading_scenario];
  line("- Leading scenario: " + judgment_sentence(lead, level));
  for (std::size_t i = 0; i < r.scenarios.size(); ++i)
    if (i != r.leading_scenario) line("- " + judgment_sentence(r.scenarios[i], level));
  line("- Leading level of " + r.cooperation[r.leading_cooperation].node + ": " +
       judgment_sentence(r.cooperation[r.leading_cooperation], level));
  line();
  std::string head = "| scenario | probability | term | ";
  std::string rule = "|---|---:|---|";
  if (r.uncertainty_samples > 0) {
    head += level_text + " interval | interval terms | ";
    rule += "---:|---|";
  }
  head += "prior | change (points) |";
  rule += "---:|---:|";
  line(head);
  line(rule);
  auto row = [&](const judgment& j) {
    std::string s = "| `" + j.state + "` | " + percent(j.probability) + " | " + j.word + " | ";
    if (r.uncertainty_samples > 0) s += interval_text(j) + " | " + interval_words(j) + " | ";
    s += percent(j.prior) + " | " + signed_points(j.probability - j.prior) + " |";
    line(s);
  };
  for (const auto& j : r.scenarios) row(j);
  line();
  head.replace(2, 8, r.cooperation.empty() ? std::string("level") : r.cooperation.front().node);
  line(head);
  line(rule);
  for (const auto& j : r.cooperation) row(j);
  line();

  line("## Uncertainty");
  line();
  if (r.uncertainty_samples == 0) {
    line("Not computed: no table of the model was given an equivalent sample size.");
  } else {
    std::set<double> sizes;
    for (const auto& [name, s] : r.equivalent_sample_size) sizes.insert(s);
    std::string ess;
    if (sizes.size() == 1)
      ess = "every table has equivalent sample size " + detail::format_number(*sizes.begin());
    else {
      std::vector<std::string> parts;
      for (const auto& [name, s] : r.equivalent_sample_size) parts.push_back(name + " " + detail::format_number(s));
      ess = "equivalent sample sizes: " + detail::join(parts);
    }
    line("Each interval holds the central " + level_text + " of the probability over " +
         std::to_string(r.uncertainty_samples) +
         " networks whose tables are drawn from Dirichlet distributions centred on the model's "
         "numbers (each row of a table with equivalent sample size s is worth s observed cases). "
         "The model states no sample sizes of its own; " + ess +
         " (the default, docs/toolkit.md). The intervals say how far the judgments could move "
         "if the model's numbers were uncertain to that degree; they are not a forecast of how "
         "events vary.");
  }
  line();

  line("## Trajectory");
  line();
  if (r.trajectory.empty()) {
    line("No reports: the judgments above are the prior.");
  } else {
    const bool bands = !r.trajectory.front().scenario_lower.empty();
    std::string th = "| date | reports |", tr = "|---|---:|";
    for (const auto& s : r.scenario_states) {
      th += " `" + s + "` |";
      tr += "---:|";
    }
    th += " leading scenario | term | leading " + (r.cooperation.empty() ? std::string("level") : r.cooperation.front().node) + " |";
    tr += "---|---|---|";
    line(th);
    line(tr);
    std::string prior_row = "| prior | 0 |";
    for (const auto& j : r.scenarios) prior_row += " " + percent(j.prior) + " |";
    std::vector<double> prior(r.scenarios.size());
    for (std::size_t i = 0; i < prior.size(); ++i) prior[i] = r.scenarios[i].prior;
    const std::size_t pl = argmax(prior);
    prior_row += " `" + r.scenario_states[pl] + "` | " + r.scenarios[pl].prior_word + " | |";
    line(prior_row);
    for (const auto& t : r.trajectory) {
      std::string s = "| " + t.date + " | " + std::to_string(t.reports) + " |";
      for (std::size_t i = 0; i < t.scenario.size(); ++i) {
        s += " " + percent(t.scenario[i]);
        if (bands) s += " (" + fixed(100.0 * t.scenario_lower[i], 0) + "-" + fixed(100.0 * t.scenario_upper[i], 0) + ")";
        s += " |";
      }
      s += " `" + r.scenario_states[t.leader] + "` | " + t.leader_word + " | `" +
           r.cooperation_states[t.cooperation_leader] + "` " + percent(t.cooperation_probability) + " |";
      line(s);
    }
    if (bands) {
      line();
      line("In brackets: the " + level_text + " credible band at each date, from the same sampled networks.");
    }
  }
  line();

  line("## Reports that moved the forecast most");
  line();
  const auto& at = r.attribution;
  if (at.evidence.empty()) {
    line("No reports.");
  } else {
    line(std::string("Shapley values of each independent piece of evidence on the log-odds (natural log) of each "
                     "scenario: positive values raised that scenario, negative values lowered it, and each "
                     "column adds up to the change of that scenario's log-odds from the prior. ") +
         (at.exact ? "The values are exact (all subsets of the evidence)."
                   : "The values are estimated from " + std::to_string(at.permutations) +
                         " random orders of the evidence; the largest standard error is given below."));
    line();
    std::string th = "| date | indicator | report | source | reports |", tr = "|---|---|---|---|---:|";
    for (const auto& s : r.scenario_states) {
      th += " `" + s + "` |";
      tr += "---:|";
    }
    line(th);
    line(tr);
    const std::size_t n = r.attribution_top == 0 ? at.evidence.size() : std::min(at.evidence.size(), r.attribution_top);
    double largest_se = 0.0;
    for (std::size_t k = 0; k < at.evidence.size(); ++k)
      for (double se : at.evidence[k].standard_errors) largest_se = std::max(largest_se, se);
    for (std::size_t k = 0; k < n; ++k) {
      const auto& a = at.evidence[k];
      std::string src = a.upstream.empty() ? a.source + (a.grade.empty() ? "" : " (" + a.grade + ")")
                                           : "relaying " + a.upstream;
      std::string s = "| " + a.date + " | `" + a.indicator + "` | " + md_cell(a.claim) + " | " + md_cell(src) +
                      " | " + std::to_string(a.reports) + " |";
      for (double v : a.values) s += " " + (v >= 0 ? std::string("+") : std::string()) + fixed(v, 3) + " |";
      line(s);
    }
    std::string total = "| | total change | | | |";
    for (std::size_t t = 0; t < at.final_log_odds.size(); ++t) {
      const double d = at.final_log_odds[t] - at.baseline_log_odds[t];
      total += " " + (d >= 0 ? std::string("+") : std::string()) + fixed(d, 3) + " |";
    }
    line(total);
    line();
    line("Shown: " + std::to_string(n) + " of " + std::to_string(at.evidence.size()) +
         " pieces of evidence, ordered by their largest absolute value." +
         (at.exact ? std::string() : " Largest standard error: " + fixed(largest_se, 3) + "."));
  }
  line();

  line("## Indicators to watch");
  line();
  if (r.watch.empty()) {
    line("No indicator to observe.");
  } else {
    const std::string lead_name = "`" + r.scenario_states[r.leading_scenario] + "`";
    line("Ranked by the information an observation of the indicator's trend would give about the "
         "scenario (mutual information, bits). \"Term changes\": the probability that the observation "
         "would move P(" + lead_name + ") into another term of estimative probability; \"lead changes\": "
         "that another scenario would lead; the last column: the probability that one more report of "
         "grade " + r.watch_grade + " on the indicator would change the term.");
    line();
    line("| indicator | information (bits) | term changes | lead changes | term changes after one " +
         r.watch_grade + " report | P(" + lead_name + ") if the indicator is ... |");
    line("|---|---:|---:|---:|---:|---|");
    for (const auto& w : r.watch) {
      std::vector<std::string> given;
      for (std::size_t x = 0; x < w.states.size(); ++x)
        given.push_back(w.states[x] + ": " + percent(w.leader_given_state[x]));
      line("| `" + w.indicator + "` | " + fixed(w.mutual_information_bits, 4) + " | " +
           percent(w.word_change_probability) + " | " + percent(w.leader_change_probability) + " | " +
           percent(w.report_word_change_probability) + " | " + detail::join(given) + " |");
    }
  }
  line();

  line("## What the leading judgment is most sensitive to");
  line();
  if (r.sensitivity.empty()) {
    line("No parameters.");
  } else {
    line("One model number (CPT entry) varied at a time over its whole range, the rest of its row "
         "following in proportion: the range of P(`" + r.scenario_states[r.leading_scenario] +
         "`) it spans, and the nearest value at which another scenario would lead.");
    line();
    line("| parameter | value | P(leading scenario) from | to | another scenario leads at |");
    line("|---|---:|---:|---:|---|");
    for (const auto& s : r.sensitivity)
      line("| " + md_cell(s.parameter) + " | " + fixed(s.value, 3) + " | " + percent(s.low) + " | " +
           percent(s.high) + " | " +
           (s.flip_at ? fixed(*s.flip_at, 3) + " (`" + s.flip_to + "`)" : std::string("never")) + " |");
  }
  line();

  line("## Conflict");
  line();
  const auto& cs = r.conflict;
  line(cs.message);
  if (r.reports_applied > 0) {
    line();
    line("- Conflict of all evidence (Jensen et al. 1991): " + fixed(cs.conflict, 3));
    line("- Recent evidence (since " + cs.recent_since + ", " + std::to_string(cs.recent_count) +
         " pieces): conflict " + fixed(finite_or(cs.recent_conflict, 0.0), 3));
    std::vector<std::string> given;
    for (std::size_t t = 0; t < cs.recent_conflict_given_scenario.size(); ++t) {
      const double c = cs.recent_conflict_given_scenario[t];
      given.push_back("`" + r.scenario_states[t] + "` " + (std::isfinite(c) ? fixed(c, 3) : std::string("impossible")));
    }
    line("- Recent evidence given each scenario: " + detail::join(given));
    if (!cs.top_contributions.empty()) {
      line("- Adding most to the conflict:");
      for (const auto& [label, c] : cs.top_contributions) line("  - " + md_cell(label) + ": +" + fixed(c, 3));
    }
  }
  line();

  if (!r.rejected.empty()) {
    line("## Rejected rows");
    line();
    for (const auto& row : r.rejected) line("- line " + std::to_string(row.line) + ": " + md_cell(row.reason));
    line();
  }
  return md;
}

std::string render_report_json(const analyst_report& r) {
  using json = nlohmann::ordered_json;
  auto number = [](double x) { return std::isfinite(x) ? json(x) : json(nullptr); };
  auto judgment_json = [&](const judgment& j) {
    json o;
    o["state"] = j.state;
    o["probability"] = j.probability;
    o["term"] = j.word;
    o["prior"] = j.prior;
    o["prior_term"] = j.prior_word;
    o["change"] = j.probability - j.prior;
    if (j.lower)
      o["interval"] = {{"level", r.credible_level}, {"lower", *j.lower}, {"upper", *j.upper},
                       {"lower_term", j.lower_word}, {"upper_term", j.upper_word}};
    return o;
  };
  auto by_scenario = [&](const std::vector<double>& v) {
    json o = json::object();
    for (std::size_t i = 0; i < v.size() && i < r.scenario_states.size(); ++i) o[r.scenario_states[i]] = number(v[i]);
    return o;
  };

  json j;
  j["model"] = r.model_name;
  j["reports"] = r.reports_description;
  j["as_of"] = r.as_of.empty() ? json(nullptr) : json(r.as_of);
  j["reports_applied"] = r.reports_applied;
  j["independent_evidence"] = r.independent_sources;
  j["vocabulary"] = r.vocabulary == estimative_vocabulary::icd203 ? "icd203" : "alternative";

  json kj;
  kj["scenarios"] = json::array();
  for (const auto& s : r.scenarios) kj["scenarios"].push_back(judgment_json(s));
  kj["leading_scenario"] = judgment_json(r.scenarios[r.leading_scenario]);
  kj["node"] = r.cooperation.empty() ? std::string() : r.cooperation.front().node;
  kj["cooperation"] = json::array();
  for (const auto& c : r.cooperation) kj["cooperation"].push_back(judgment_json(c));
  kj["leading_cooperation"] = judgment_json(r.cooperation[r.leading_cooperation]);
  j["key_judgments"] = kj;

  json un;
  un["samples"] = r.uncertainty_samples;
  un["level"] = r.credible_level;
  un["default_equivalent_sample_size"] = r.default_equivalent_sample_size;
  un["equivalent_sample_size"] = json::object();
  for (const auto& [name, s] : r.equivalent_sample_size) un["equivalent_sample_size"][name] = s;
  un["method"] = "Dirichlet-distributed CPT rows centred on the model's entries, Monte Carlo over sampled networks";
  j["uncertainty"] = un;

  j["trajectory"] = json::array();
  for (const auto& t : r.trajectory) {
    json p;
    p["date"] = t.date;
    p["reports"] = t.reports;
    p["scenario"] = by_scenario(t.scenario);
    if (!t.scenario_lower.empty()) {
      p["lower"] = by_scenario(t.scenario_lower);
      p["upper"] = by_scenario(t.scenario_upper);
    }
    p["leading_scenario"] = r.scenario_states[t.leader];
    p["leading_term"] = t.leader_word;
    p["leading_cooperation"] = r.cooperation_states[t.cooperation_leader];
    p["leading_cooperation_probability"] = t.cooperation_probability;
    j["trajectory"].push_back(p);
  }

  json at;
  at["target"] = r.scenarios.empty() ? std::string() : r.scenarios.front().node;
  at["exact"] = r.attribution.exact;
  at["permutations"] = r.attribution.permutations;
  at["baseline_log_odds"] = by_scenario(r.attribution.baseline_log_odds);
  at["final_log_odds"] = by_scenario(r.attribution.final_log_odds);
  at["evidence"] = json::array();
  for (const auto& a : r.attribution.evidence) {
    json e;
    e["date"] = a.date;
    e["indicator"] = a.indicator;
    e["claim"] = a.claim;
    e["source"] = a.source;
    e["grade"] = a.grade;
    e["upstream"] = a.upstream;
    e["reports"] = a.reports;
    e["lines"] = a.lines;
    e["values"] = by_scenario(a.values);
    e["standard_errors"] = by_scenario(a.standard_errors);
    at["evidence"].push_back(e);
  }
  j["attribution"] = at;

  json wl;
  wl["report_grade"] = r.watch_grade;
  wl["leading_scenario"] = r.scenario_states[r.leading_scenario];
  wl["indicators"] = json::array();
  for (const auto& w : r.watch) {
    json e;
    e["indicator"] = w.indicator;
    e["mutual_information_bits"] = w.mutual_information_bits;
    e["term_change_probability"] = w.word_change_probability;
    e["leader_change_probability"] = w.leader_change_probability;
    e["report_term_change_probability"] = w.report_word_change_probability;
    e["state_probabilities"] = json::object();
    e["leading_scenario_given_state"] = json::object();
    for (std::size_t x = 0; x < w.states.size(); ++x) {
      e["state_probabilities"][w.states[x]] = w.state_probabilities[x];
      e["leading_scenario_given_state"][w.states[x]] = w.leader_given_state[x];
    }
    wl["indicators"].push_back(e);
  }
  j["watch_list"] = wl;

  j["sensitivity"] = json::array();
  for (const auto& s : r.sensitivity) {
    json e;
    e["parameter"] = s.parameter;
    e["value"] = s.value;
    e["low"] = s.low;
    e["high"] = s.high;
    e["flip_at"] = s.flip_at ? json(*s.flip_at) : json(nullptr);
    e["flip_to"] = s.flip_at ? json(s.flip_to) : json(nullptr);
    j["sensitivity"].push_back(e);
  }

  json cf;
  cf["conflict"] = number(r.conflict.conflict);
  cf["recent_since"] = r.conflict.recent_since;
  cf["recent_count"] = r.conflict.recent_count;
  cf["recent_conflict"] = number(r.conflict.recent_conflict);
  cf["recent_conflict_given_scenario"] = by_scenario(r.conflict.recent_conflict_given_scenario);
  cf["fits_no_scenario"] = r.conflict.fits_no_scenario;
  cf["top_contributions"] = json::array();
  for (const auto& [label, c] : r.conflict.top_contributions)
    cf["top_contributions"].push_back({{"evidence", label}, {"contribution", c}});
  cf["message"] = r.conflict.message;
  j["conflict"] = cf;

  j["rejected"] = json::array();
  for (const auto& row : r.rejected) j["rejected"].push_back({{"line", row.line}, {"reason", row.reason}});
  return j.dump(2) + "\n";
}

}  // namespace augury
