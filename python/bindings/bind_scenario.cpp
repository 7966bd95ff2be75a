// The scenario layer: the default China-Russia model, reports and their CSV forms, source
// grading, reporter timelines with their vocabulary mapping, and the forecast.

#include "bindings.hpp"

#include <augury/detail/join.hpp>
#include <augury/scenario/default_model.hpp>
#include <augury/scenario/forecast.hpp>
#include <augury/scenario/grading.hpp>
#include <augury/scenario/mapping.hpp>
#include <augury/scenario/report.hpp>
#include <augury/scenario/report_csv.hpp>

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

}  // namespace

void register_scenario(py::module_& m) {
  py::class_<report>(m, "Report")
      .def(py::init([](std::string date, std::string indicator, std::string state,
                       std::vector<double> likelihood, std::string source, std::string grade,
                       std::string summary, std::string url, std::size_t line) {
             return report{std::move(date), std::move(indicator), std::move(state),
                           std::move(likelihood), std::move(source), std::move(grade),
                           std::move(summary), std::move(url), line};
           }),
           py::arg("date"), py::arg("indicator"), py::arg("state") = "",
           py::arg("likelihood") = std::vector<double>{}, py::arg("source") = "",
           py::arg("grade") = "", py::arg("summary") = "", py::arg("url") = "",
           py::arg("line") = 0)
      .def_readonly("date", &report::date)
      .def_readonly("indicator", &report::indicator)
      .def_readonly("state", &report::state)
      .def_readonly("likelihood", &report::likelihood)
      .def_readonly("source", &report::source)
      .def_readonly("grade", &report::grade)
      .def_readonly("summary", &report::summary)
      .def_readonly("url", &report::url)
      .def_readonly("line", &report::line);

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
