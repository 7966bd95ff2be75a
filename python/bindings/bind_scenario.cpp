// The scenario layer: the default China-Russia model, reports and their CSV forms, source
// grading (and its files), provenance, reporter timelines with their vocabulary mapping, the
// forecast, words of estimative probability and the analyst's report.

#include "bindings.hpp"
#include "interruptible.hpp"

#include <augury/detail/join.hpp>
#include <augury/scenario/analyst_report.hpp>
#include <augury/scenario/default_model.hpp>
#include <augury/scenario/estimative_words.hpp>
#include <augury/scenario/forecast.hpp>
#include <augury/scenario/grading.hpp>
#include <augury/scenario/grading_io.hpp>
#include <augury/scenario/mapping.hpp>
#include <augury/scenario/report.hpp>
#include <augury/scenario/report_csv.hpp>
#include <augury/scenario/report_evidence.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace augury::python {
namespace {

using rejected_tuple = std::pair<std::size_t, std::string>;
using batch_tuple = std::pair<std::vector<report>, std::vector<rejected_tuple>>;

std::vector<rejected_tuple> rejected_tuples(const std::vector<rejected_row>& rows) {
  std::vector<rejected_tuple> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.emplace_back(r.line, r.reason);
  return out;
}

std::vector<rejected_row> rejected_rows(const std::vector<rejected_tuple>& rows) {
  std::vector<rejected_row> out;
  out.reserve(rows.size());
  for (const auto& [line, reason] : rows) out.push_back(rejected_row{line, reason});
  return out;
}

batch_tuple to_tuple(report_batch b) {
  return {std::move(b.reports), rejected_tuples(b.rejected)};
}

char single_char(const std::string& s, const char* what) {
  if (s.size() != 1)
    throw report_error(std::string(what) + " must be a single character, not '" + s + "'");
  return s[0];
}

std::vector<std::string> names_of(const bayesian_network& net, const std::vector<var_id>& ids) {
  std::vector<std::string> out;
  for (var_id v : ids) out.push_back(net.var(v).name());
  return out;
}

estimative_vocabulary vocabulary_of(const std::string& name) {
  if (name == "icd203") return estimative_vocabulary::icd203;
  if (name == "alternative") return estimative_vocabulary::alternative;
  throw report_error("vocabulary '" + name + "' is not known (vocabularies: icd203, alternative)");
}

std::string vocabulary_key(estimative_vocabulary v) {
  return v == estimative_vocabulary::icd203 ? "icd203" : "alternative";
}

scenario_model model_of(const bayesian_network& net, const std::string& scenario,
                        const std::string& cooperation, const std::vector<std::string>& drivers,
                        const std::vector<std::string>& indicators) {
  scenario_model model;
  model.network = net;
  model.scenario = net.id(scenario);
  model.cooperation = net.id(cooperation);
  for (const auto& d : drivers) model.drivers.push_back(net.id(d));
  for (const auto& i : indicators) model.indicators.push_back(net.id(i));
  return model;
}

}  // namespace

void register_scenario(py::module_& m) {
  py::class_<report>(m, "Report")
      .def(py::init([](std::string date, std::string indicator, std::string state,
                       std::vector<double> likelihood, std::string source, std::string grade,
                       std::string summary, std::string url, std::size_t line,
                       std::optional<double> hit_rate, std::optional<double> false_alarm_rate,
                       std::string upstream, std::string upstream_grade,
                       std::optional<double> copy_fidelity) {
             report r{std::move(date), std::move(indicator), std::move(state),
                      std::move(likelihood), std::move(source), std::move(grade),
                      std::move(summary), std::move(url), line};
             r.hit_rate = hit_rate;
             r.false_alarm_rate = false_alarm_rate;
             r.upstream = std::move(upstream);
             r.upstream_grade = std::move(upstream_grade);
             r.copy_fidelity = copy_fidelity;
             return r;
           }),
           py::arg("date"), py::arg("indicator"), py::arg("state") = "",
           py::arg("likelihood") = std::vector<double>{}, py::arg("source") = "",
           py::arg("grade") = "", py::arg("summary") = "", py::arg("url") = "",
           py::arg("line") = 0, py::arg("hit_rate") = py::none(),
           py::arg("false_alarm_rate") = py::none(), py::arg("upstream") = "",
           py::arg("upstream_grade") = "", py::arg("copy_fidelity") = py::none())
      .def_readonly("date", &report::date)
      .def_readonly("indicator", &report::indicator)
      .def_readonly("state", &report::state)
      .def_readonly("likelihood", &report::likelihood)
      .def_readonly("source", &report::source)
      .def_readonly("grade", &report::grade)
      .def_readonly("summary", &report::summary)
      .def_readonly("url", &report::url)
      .def_readonly("line", &report::line)
      .def_readonly("hit_rate", &report::hit_rate)
      .def_readonly("false_alarm_rate", &report::false_alarm_rate)
      .def_readonly("upstream", &report::upstream)
      .def_readonly("upstream_grade", &report::upstream_grade)
      .def_readonly("copy_fidelity", &report::copy_fidelity);

  py::class_<grading_table>(m, "GradingTable", R"doc(
How much weight a report gets, from its NATO Admiralty grade (AJP-2.1).

A grade is a source-reliability letter (A completely reliable ... E unreliable, F cannot be
judged) and an information-credibility digit (1 confirmed ... 5 improbable, 6 cannot be
judged), e.g. "B2". Its fidelity r in [0, 1] is the product of the letter's weight and the
digit's weight: the probability that the report reflects its indicator's state rather than
noise. For an indicator with k states the hit rate is h = r + (1 - r)/k, and a report naming
state s has likelihood h at s and (1 - h)/(k - 1) elsewhere. F, 6, an empty grade and
"unknown" take the default weights. Default weights: A-E and 1-5 give 0.9, 0.75, 0.6, 0.4,
0.2; the defaults are 0.5 (docs/reports.md gives the rationale).

Setters raise ReportError for a weight outside [0, 1] or an invalid letter or digit.
)doc")
      .def(py::init<>(), "The default table.")
      .def(py::init<const grading_table&>(), py::arg("other"), "A copy of `other`.")
      .def("source_weight",
           [](const grading_table& g, const std::string& letter) {
             return g.source_weight(single_char(letter, "a source-reliability letter"));
           },
           py::arg("letter"), "Weight of reliability letter A-E (F gives the default weight).")
      .def("information_weight",
           [](const grading_table& g, const std::string& digit) {
             return g.information_weight(single_char(digit, "an information-credibility digit"));
           },
           py::arg("digit"), "Weight of credibility digit 1-5 (6 gives the default weight).")
      .def("set_source_weight",
           [](grading_table& g, const std::string& letter, double w) {
             g.set_source_weight(single_char(letter, "a source-reliability letter"), w);
           },
           py::arg("letter"), py::arg("weight"), "Sets the weight of letter A-E, in [0, 1].")
      .def("set_information_weight",
           [](grading_table& g, const std::string& digit, double w) {
             g.set_information_weight(single_char(digit, "an information-credibility digit"), w);
           },
           py::arg("digit"), py::arg("weight"), "Sets the weight of digit 1-5, in [0, 1].")
      .def_property("default_source_weight", &grading_table::default_source_weight,
                    &grading_table::set_default_source_weight,
                    "Weight used for F and for ungraded reports, in [0, 1].")
      .def_property("default_information_weight", &grading_table::default_information_weight,
                    &grading_table::set_default_information_weight,
                    "Weight used for 6 and for ungraded reports, in [0, 1].")
      .def_property("copy_fidelity", &grading_table::copy_fidelity,
                    &grading_table::set_copy_fidelity,
                    "Fidelity with which a report relays its upstream source's claim when it "
                    "states none of its own, in [0, 1] (default 0.95).")
      .def_static("rate_likelihood",
                  [](double hit, double false_alarm, std::size_t states, std::size_t reported) {
                    return to_array(grading_table::rate_likelihood(hit, false_alarm, states, reported));
                  },
                  py::arg("hit_rate"), py::arg("false_alarm_rate"), py::arg("states"), py::arg("reported"),
                  "Likelihood of a report naming state number `reported` with its own hit rate "
                  "P(says s | X = s) and false-alarm rate P(says s | X != s): an array of shape "
                  "(states,), the hit rate at `reported` and the false-alarm rate elsewhere.")
      .def("fidelity", &grading_table::fidelity, py::arg("grade"),
           "Fidelity r in [0, 1] of a report with this grade. Raises ReportError on a "
           "malformed grade.")
      .def("hit_rate", &grading_table::hit_rate, py::arg("grade"), py::arg("states"),
           "h = r + (1 - r)/states: the probability that such a report names the actual state.")
      .def("likelihood",
           [](const grading_table& g, std::string_view grade, std::size_t states, std::size_t reported) {
             return to_array(g.likelihood(grade, states, reported));
           },
           py::arg("grade"), py::arg("states"), py::arg("reported"),
           "Likelihood of a report naming state number `reported`: an array of shape "
           "(states,), h at `reported` and (1 - h)/(states - 1) elsewhere.")
      .def_static("check_grade", &grading_table::check_grade, py::arg("grade"),
                  "Raises ReportError unless `grade` is A-F followed by 1-6, empty, or 'unknown'.")
      .def_static("is_ungraded", &grading_table::is_ungraded, py::arg("grade"),
                  "Whether `grade` is empty or 'unknown' (any case).")
      .def("__repr__", [](const grading_table& g) {
        std::string s = "<GradingTable A-E: ";
        for (char c : std::string("ABCDE")) s += detail::format_number(g.source_weight(c)) + (c == 'E' ? "" : ", ");
        s += "; 1-5: ";
        for (char c : std::string("12345")) s += detail::format_number(g.information_weight(c)) + (c == '5' ? "" : ", ");
        return s + "; defaults " + detail::format_number(g.default_source_weight()) + ", " +
               detail::format_number(g.default_information_weight()) + ">";
      });

  py::class_<forecast_step>(m, "ForecastStep")
      .def_readonly("date", &forecast_step::date)
      .def_readonly("reports", &forecast_step::reports)
      .def_readonly("scenario", &forecast_step::scenario)
      .def_readonly("cooperation", &forecast_step::cooperation);

  py::class_<forecast_result>(m, "ForecastResult")
      .def_readonly("scenario_states", &forecast_result::scenario_states)
      .def_readonly("cooperation_states", &forecast_result::cooperation_states)
      .def_readonly("prior_scenario", &forecast_result::prior_scenario)
      .def_readonly("prior_cooperation", &forecast_result::prior_cooperation)
      .def_readonly("steps", &forecast_result::steps)
      .def_property_readonly("rejected",
                             [](const forecast_result& f) { return rejected_tuples(f.rejected); });

  m.def("default_scenario_model", [] {
    scenario_model s = default_scenario_model();
    const bayesian_network& net = s.network;
    return std::make_tuple(net, net.var(s.scenario).name(), net.var(s.cooperation).name(),
                           names_of(net, s.drivers), names_of(net, s.indicators));
  });

  m.def("shipped_timeline",
        [](const grading_table& g) {
          py::gil_scoped_release release;
          return to_tuple(shipped_timeline(g));
        },
        py::arg("grading"));

  m.def("parse_report_csv",
        [](const std::string& text, const bayesian_network& net, const std::string& source_name) {
          const bayesian_network copy = net;
          py::gil_scoped_release release;
          return to_tuple(parse_report_csv(text, copy, source_name));
        },
        py::arg("text"), py::arg("network"), py::arg("source_name") = "<string>");

  m.def("read_report_csv",
        [](const std::string& path, const bayesian_network& net) {
          const bayesian_network copy = net;
          py::gil_scoped_release release;
          return to_tuple(read_report_csv(path, copy));
        },
        py::arg("path"), py::arg("network"));

  m.def("map_timeline",
        [](const std::string& timeline_text, const std::string& timeline_source,
           const std::string& mapping_text, const std::string& mapping_source,
           const bayesian_network& net, const grading_table& g) {
          const bayesian_network copy = net;
          const grading_table grading = g;
          py::gil_scoped_release release;
          const reporter_timeline timeline = parse_reporter_timeline_csv(timeline_text, timeline_source);
          const vocabulary_mapping mapping = parse_mapping_csv(mapping_text, mapping_source);
          return to_tuple(map_timeline(timeline, mapping, copy, grading));
        },
        py::arg("timeline_text"), py::arg("timeline_source"), py::arg("mapping_text"),
        py::arg("mapping_source"), py::arg("network"), py::arg("grading"));

  m.def("write_report_csv", &write_report_csv, py::arg("reports"), py::arg("network"));

  m.def("report_likelihood",
        [](const bayesian_network& net, const report& r, const grading_table& g) {
          return to_array(report_likelihood(net, r, g));
        },
        py::arg("network"), py::arg("report"), py::arg("grading"));

  // ---- grading files ----
  m.def("read_grading_table", &read_grading_table, py::arg("path"));
  m.def("parse_grading_csv", &parse_grading_csv, py::arg("text"), py::arg("source_name") = "<string>");
  m.def("parse_grading_json", &parse_grading_json, py::arg("text"), py::arg("source_name") = "<string>");
  m.def("write_grading_csv", &write_grading_csv, py::arg("grading"));
  m.def("write_grading_json", &write_grading_json, py::arg("grading"));

  // ---- provenance ----
  m.def("combined_likelihoods",
        [](const bayesian_network& net, const std::vector<report>& reports, const grading_table& g) {
          std::map<std::string, py::array_t<double>> out;
          for (const auto& [v, l] : combined_likelihoods(net, reports, g)) out[net.var(v).name()] = to_array(l);
          return out;
        },
        py::arg("network"), py::arg("reports"), py::arg("grading"));

  // ---- words of estimative probability ----
  m.def("estimative_word",
        [](double p, const std::string& vocabulary) { return estimative_word(p, vocabulary_of(vocabulary)); },
        py::arg("p"), py::arg("vocabulary") = "icd203");
  m.def("estimative_band",
        [](double p) {
          const auto b = estimative_band_of(p);
          return std::make_tuple(b.index, b.lower, b.upper);
        },
        py::arg("p"));
  m.def("estimative_band_at",
        [](std::size_t index, const std::string& vocabulary) {
          const auto b = estimative_band_at(index);
          return std::make_tuple(std::string(b.word(vocabulary_of(vocabulary))), b.lower, b.upper);
        },
        py::arg("index"), py::arg("vocabulary") = "icd203");
  m.def("parse_elicited_probability",
        [](const std::string& text) {
          const auto e = parse_elicited_probability(text);
          return std::make_tuple(e.point, e.lower, e.upper, e.word,
                                 e.word.empty() ? std::string() : vocabulary_key(e.vocabulary));
        },
        py::arg("text"));
  m.def("find_estimative_terms",
        [](const std::string& text) {
          std::vector<std::tuple<std::size_t, std::string, std::size_t, std::string>> out;
          for (const auto& u : find_estimative_terms(text))
            out.emplace_back(u.offset, u.text, u.band.index, vocabulary_key(u.vocabulary));
          return out;
        },
        py::arg("text"));
  m.def("check_single_vocabulary",
        [](const std::vector<std::string>& terms) -> std::optional<std::string> {
          const auto v = check_single_vocabulary(terms);
          if (!v) return std::nullopt;
          return vocabulary_key(*v);
        },
        py::arg("terms"));

  // ---- the analyst's report ----
  m.def("analyst_report",
        [](const bayesian_network& net, const std::string& scenario, const std::string& cooperation,
           const std::vector<std::string>& drivers, const std::vector<std::string>& indicators,
           const std::vector<report>& reports, const std::vector<rejected_tuple>& rejected,
           const grading_table& g, const std::string& description, const std::string& vocabulary,
           std::size_t samples, double level, double default_ess,
           const std::map<std::string, double>& ess, bool bands, std::uint64_t seed,
           std::size_t exact_limit, std::size_t permutations, std::size_t attribution_top,
           std::size_t watch_top, const std::string& watch_grade, std::size_t sensitivity_top,
           int recent_days) {
          const scenario_model model = model_of(net, scenario, cooperation, drivers, indicators);
          analyst_report_options o;
          o.grading = g;
          o.reports_description = description;
          o.vocabulary = vocabulary_of(vocabulary);
          o.uncertainty_samples = samples;
          o.credible_level = level;
          o.default_equivalent_sample_size = default_ess;
          o.equivalent_sample_size = ess;
          o.trajectory_bands = bands;
          o.seed = seed;
          o.shapley_exact_limit = exact_limit;
          o.shapley_permutations = permutations;
          o.attribution_top = attribution_top;
          o.watch_top = watch_top;
          o.watch_grade = watch_grade;
          o.sensitivity_top = sensitivity_top;
          o.recent_days = recent_days;
          const report_batch batch{reports, rejected_rows(rejected)};
          return interruptible([&] {
            const analyst_report r = make_analyst_report(model, batch, o);
            return std::make_pair(render_report_json(r), render_report_markdown(r));
          });
        },
        py::arg("network"), py::arg("scenario"), py::arg("cooperation"), py::arg("drivers"),
        py::arg("indicators"), py::arg("reports"), py::arg("rejected"), py::arg("grading"),
        py::arg("description"), py::arg("vocabulary"), py::arg("samples"), py::arg("level"),
        py::arg("default_equivalent_sample_size"), py::arg("equivalent_sample_size"),
        py::arg("bands"), py::arg("seed"), py::arg("exact_limit"), py::arg("permutations"),
        py::arg("attribution_top"), py::arg("watch_top"), py::arg("watch_grade"),
        py::arg("sensitivity_top"), py::arg("recent_days"));

  m.def("forecast",
        [](const bayesian_network& net, const std::string& scenario, const std::string& cooperation,
           const std::vector<report>& reports, const std::vector<rejected_tuple>& rejected,
           const grading_table& g) {
          scenario_model model;
          model.network = net;
          model.scenario = net.id(scenario);
          model.cooperation = net.id(cooperation);
          const grading_table grading = g;
          report_batch batch{reports, rejected_rows(rejected)};
          py::gil_scoped_release release;
          return forecast(model, batch, grading);
        },
        py::arg("network"), py::arg("scenario"), py::arg("cooperation"), py::arg("reports"),
        py::arg("rejected"), py::arg("grading"));
}

}  // namespace augury::python
