#include <augury/scenario/report_csv.hpp>

#include "csv.hpp"

#include <augury/detail/join.hpp>
#include <augury/error.hpp>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>

namespace augury {

std::vector<double> parse_likelihood_text(std::string_view text, const variable& var) {
  const std::size_t k = var.cardinality();
  std::vector<double> values(k, 0.0);
  std::vector<bool> seen(k, false);
  const std::string states = detail::join(var.states());
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find(';', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string item = detail::trim(text.substr(pos, end - pos));
    pos = end + 1;
    if (item.empty()) {
      if (end == text.size()) break;  // trailing ';' or empty text
      throw report_error("likelihood '" + std::string(text) + "' on '" + var.name() +
                         "' has an empty item (write state:value;state:value; states: " +
                         states + ")");
    }
    const std::size_t colon = item.find(':');
    if (colon == std::string::npos)
      throw report_error("likelihood item '" + item + "' on '" + var.name() +
                         "' is not of the form state:value (states: " + states + ")");
    const std::string name = detail::trim(std::string_view(item).substr(0, colon));
    const std::string number = detail::trim(std::string_view(item).substr(colon + 1));
    const auto s = var.find_state(name);
    if (!s)
      throw report_error("likelihood on '" + var.name() + "' names unknown state '" + name +
                         "' (states: " + states + ")");
    if (seen[*s])
      throw report_error("likelihood on '" + var.name() + "' gives state '" + name +
                         "' twice (states: " + states + ")");
    char* stop = nullptr;
    errno = 0;
    const double x = number.empty() ? 0.0 : std::strtod(number.c_str(), &stop);
    if (number.empty() || stop != number.c_str() + number.size() || errno == ERANGE ||
        !std::isfinite(x) || x < 0.0)
      throw report_error("likelihood on '" + var.name() + "' gives '" + number + "' for state '" +
                         name + "'; values must be finite non-negative numbers");
    values[*s] = x;
    seen[*s] = true;
    if (end == text.size()) break;
  }
  std::vector<std::string> missing;
  for (std::size_t i = 0; i < k; ++i)
    if (!seen[i]) missing.push_back(var.state(i));
  if (!missing.empty())
    throw report_error("likelihood on '" + var.name() + "' does not give state" +
                       (missing.size() > 1 ? "s " : " ") + detail::join(missing) +
                       " (a likelihood names every state: " + states + ")");
  bool any_positive = false;
  for (double x : values) any_positive = any_positive || x > 0.0;
  if (!any_positive)
    throw report_error("likelihood on '" + var.name() + "' is zero for every state");
  return values;
}

std::string likelihood_text(const std::vector<double>& values, const variable& var) {
  if (values.size() != var.cardinality())
    throw report_error("likelihood of " + std::to_string(values.size()) + " entries for '" +
                       var.name() + "', which has " + std::to_string(var.cardinality()) +
                       " states (" + detail::join(var.states()) + ")");
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) out += ';';
    out += var.state(i) + ":" + detail::format_number(values[i]);
  }
  return out;
}

namespace {

/// The number in an optional numeric column: nothing when the field is empty.
/// \throws report_error naming the column when the field is not a finite number.
std::optional<double> optional_number(const std::string& field, const char* column) {
  const std::string text = detail::trim(field);
  if (text.empty()) return std::nullopt;
  char* stop = nullptr;
  errno = 0;
  const double x = std::strtod(text.c_str(), &stop);
  if (stop != text.c_str() + text.size() || errno == ERANGE || !std::isfinite(x))
    throw report_error(std::string(column) + " '" + text + "' is not a number");
  return x;
}

/// A number for a CSV field, with the fewest digits that read back to the same double.
std::string optional_text(const std::optional<double>& x) {
  return x ? detail::format_number(*x) : std::string();
}

}  // namespace

report_batch parse_report_csv(std::string_view text, const bayesian_network& net,
                              const std::string& source_name) {
  const auto records = detail::parse_csv(text, source_name);
  if (records.empty())
    throw parse_error(source_name, 1, 0,
                      "no header row (expected columns date,indicator,state,likelihood,source,"
                      "grade,summary)");
  const detail::csv_header header(records.front(), source_name);
  const std::vector<std::string> required{"date", "indicator", "source", "grade"};
  const std::vector<std::string> optional{"state",    "likelihood",     "summary",
                                          "url",      "hit_rate",       "false_alarm_rate",
                                          "upstream", "upstream_grade", "copy_fidelity"};
  header.require(required, optional);
  if (header.find("state") == detail::csv_header::npos &&
      header.find("likelihood") == detail::csv_header::npos)
    throw parse_error(source_name, records.front().line, 0,
                      "missing column 'state' or 'likelihood' (at least one is required; "
                      "required columns: " + detail::join(required) + ", and state or likelihood)");

  report_batch batch;
  for (std::size_t i = 1; i < records.size(); ++i) {
    const auto& rec = records[i];
    if (rec.fields.size() != header.size()) {
      batch.rejected.push_back({rec.line, "row has " + std::to_string(rec.fields.size()) +
                                              " fields, the header has " +
                                              std::to_string(header.size())});
      continue;
    }
    report r;
    r.line = rec.line;
    r.date = detail::trim(header.field(rec, "date"));
    r.indicator = detail::trim(header.field(rec, "indicator"));
    r.state = detail::trim(header.field(rec, "state"));
    r.source = header.field(rec, "source");
    r.grade = detail::trim(header.field(rec, "grade"));
    r.summary = header.field(rec, "summary");
    r.url = detail::trim(header.field(rec, "url"));
    const std::string likelihood = detail::trim(header.field(rec, "likelihood"));
    r.upstream = detail::trim(header.field(rec, "upstream"));
    r.upstream_grade = detail::trim(header.field(rec, "upstream_grade"));
    try {
      r.hit_rate = optional_number(header.field(rec, "hit_rate"), "hit_rate");
      r.false_alarm_rate = optional_number(header.field(rec, "false_alarm_rate"), "false_alarm_rate");
      r.copy_fidelity = optional_number(header.field(rec, "copy_fidelity"), "copy_fidelity");
      if (!likelihood.empty()) {
        const auto v = net.find(r.indicator);
        if (!v)
          throw report_error("unknown indicator '" + r.indicator +
                             "' (indicators: " + net.variable_names_list() + ")");
        if (!r.state.empty())
          throw report_error("row gives both a state ('" + r.state +
                             "') and a likelihood; give exactly one");
        r.likelihood = parse_likelihood_text(likelihood, net.var(*v));
      }
      (void)report_likelihood(net, r);  // validates date, names, grade and vector
    } catch (const error& e) {
      batch.rejected.push_back({rec.line, e.what()});
      continue;
    }
    batch.reports.push_back(std::move(r));
  }
  return batch;
}

report_batch read_report_csv(const std::string& path, const bayesian_network& net) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw parse_error(path, 0, 0, "cannot open the file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_report_csv(text.str(), net, path);
}

std::string write_report_csv(const std::vector<report>& reports, const bayesian_network& net) {
  bool rates = false, provenance = false;
  for (const auto& r : reports) {
    rates = rates || r.hit_rate || r.false_alarm_rate;
    provenance = provenance || !r.upstream.empty() || !r.upstream_grade.empty() || r.copy_fidelity;
  }
  std::string out = "date,indicator,state,likelihood,source,grade,summary,url";
  if (rates) out += ",hit_rate,false_alarm_rate";
  if (provenance) out += ",upstream,upstream_grade,copy_fidelity";
  out += '\n';
  for (const auto& r : reports) {
    std::string likelihood;
    if (!r.likelihood.empty()) {
      const auto v = net.find(r.indicator);
      if (!v)
        throw report_error("report of " + r.date + " names unknown indicator '" + r.indicator +
                           "' (indicators: " + net.variable_names_list() + ")");
      likelihood = likelihood_text(r.likelihood, net.var(*v));
    }
    using detail::csv_quote;
    out += csv_quote(r.date) + ',' + csv_quote(r.indicator) + ',' + csv_quote(r.state) + ',' +
           csv_quote(likelihood) + ',' + csv_quote(r.source) + ',' + csv_quote(r.grade) + ',' +
           csv_quote(r.summary) + ',' + csv_quote(r.url);
    if (rates) out += ',' + optional_text(r.hit_rate) + ',' + optional_text(r.false_alarm_rate);
    if (provenance)
      out += ',' + csv_quote(r.upstream) + ',' + csv_quote(r.upstream_grade) + ',' +
             optional_text(r.copy_fidelity);
    out += '\n';
  }
  return out;
}

}  // namespace augury
