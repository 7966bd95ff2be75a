#include <augury/scenario/mapping.hpp>

#include "csv.hpp"

#include <augury/detail/embedded_data.hpp>
#include <augury/detail/join.hpp>
#include <augury/error.hpp>
#include <augury/scenario/default_model.hpp>
#include <augury/scenario/report_csv.hpp>

#include <algorithm>
#include <utility>

namespace augury {

void vocabulary_mapping::add(mapping_entry entry) {
  if (const auto* old = find(entry.reporter_indicator, entry.reporter_state))
    throw report_error(source_ + ": line " + std::to_string(entry.line) + " maps reporter pair (" +
                       entry.reporter_indicator + ", " + entry.reporter_state +
                       ") again; line " + std::to_string(old->line) + " already maps it");
  entries_.push_back(std::move(entry));
}

const mapping_entry* vocabulary_mapping::find(std::string_view reporter_indicator,
                                              std::string_view reporter_state) const {
  for (const auto& e : entries_)
    if (e.reporter_indicator == reporter_indicator && e.reporter_state == reporter_state) return &e;
  return nullptr;
}

std::vector<double> vocabulary_mapping::pointer(const mapping_entry& e,
                                                const bayesian_network& net) const {
  const std::string where = source_ + ": line " + std::to_string(e.line) + " (" +
                            e.reporter_indicator + ", " + e.reporter_state + ")";
  if (!e.maps()) throw report_error(where + " maps to no model node: " + e.note);
  const auto v = net.find(e.node);
  if (!v)
    throw report_error(where + " names unknown node '" + e.node +
                       "' (nodes: " + net.variable_names_list() + ")");
  const variable& var = net.var(*v);
  if (!e.state.empty()) {
    const auto s = var.find_state(e.state);
    if (!s)
      throw report_error(where + ": node '" + e.node + "' has no state '" + e.state +
                         "' (states: " + detail::join(var.states()) + ")");
    std::vector<double> m(var.cardinality(), 0.0);
    m[*s] = 1.0;
    return m;
  }
  try {
    return parse_likelihood_text(e.likelihood, var);
  } catch (const report_error& err) {
    throw report_error(where + ": " + err.what());
  }
}

void vocabulary_mapping::check(const bayesian_network& net) const {
  for (const auto& e : entries_)
    if (e.maps()) (void)pointer(e, net);
}

vocabulary_mapping parse_mapping_csv(std::string_view text, const std::string& source_name) {
  const auto records = detail::parse_csv(text, source_name);
  if (records.empty())
    throw parse_error(source_name, 1, 0,
                      "no header row (expected reporter_indicator,reporter_state,node,state,"
                      "likelihood,note)");
  const detail::csv_header header(records.front(), source_name);
  header.require({"reporter_indicator", "reporter_state", "node", "state", "likelihood", "note"}, {});
  vocabulary_mapping mapping(source_name);
  for (std::size_t i = 1; i < records.size(); ++i) {
    const auto& rec = records[i];
    auto fail = [&](const std::string& what) { throw parse_error(source_name, rec.line, 0, what); };
    if (rec.fields.size() != header.size())
      fail("row has " + std::to_string(rec.fields.size()) + " fields, the header has " +
           std::to_string(header.size()));
    mapping_entry e;
    e.line = rec.line;
    e.reporter_indicator = detail::trim(header.field(rec, "reporter_indicator"));
    e.reporter_state = detail::trim(header.field(rec, "reporter_state"));
    e.node = detail::trim(header.field(rec, "node"));
    e.state = detail::trim(header.field(rec, "state"));
    e.likelihood = detail::trim(header.field(rec, "likelihood"));
    e.note = detail::trim(header.field(rec, "note"));
    if (e.reporter_indicator.empty() || e.reporter_state.empty())
      fail("a mapping row needs both reporter_indicator and reporter_state");
    const std::string pair = "(" + e.reporter_indicator + ", " + e.reporter_state + ")";
    if (e.node.empty()) {
      if (!e.state.empty() || !e.likelihood.empty())
        fail("pair " + pair + " gives a state or likelihood but no node");
      if (e.note.empty())
        fail("pair " + pair + " maps to no node, so its note must say why");
    } else if (e.state.empty() == e.likelihood.empty()) {
      fail("pair " + pair + " must give exactly one of state and likelihood for node '" + e.node +
           "', not " + (e.state.empty() ? "neither" : "both"));
    }
    if (const auto* old = mapping.find(e.reporter_indicator, e.reporter_state))
      fail("reporter pair " + pair + " is mapped again; line " + std::to_string(old->line) +
           " already maps it");
    mapping.add(std::move(e));
  }
  return mapping;
}

std::string grade_from_reliability_hint(std::string_view hint) {
  // The rule of docs/reports.md, "From reliability hints to grades".
  static const std::pair<const char*, const char*> rule[] = {
      {"official_statement", "A2"},
      {"official_statement_reported", "B2"},
      {"host_institution_statement", "B2"},
      {"major_wire_service", "B2"},
      {"specialist_press", "B2"},
      {"law_firm_analysis", "B2"},
      {"investigative_report", "B3"},
      {"state_media", "C2"},
      {"encyclopedia_secondary", "C2"},
      {"news_report", "C3"},
      {"leaked_document_report", "C3"},
      {"aggregator", "D3"},
  };
  for (const auto& [h, g] : rule)
    if (hint == h) return g;
  return std::string();
}

reporter_timeline parse_reporter_timeline_csv(std::string_view text, const std::string& source_name) {
  const auto records = detail::parse_csv(text, source_name);
  if (records.empty())
    throw parse_error(source_name, 1, 0,
                      "no header row (expected date,indicator,observed_state,grade,source_name,"
                      "source_url,summary)");
  const detail::csv_header header(records.front(), source_name);
  header.require({"date", "indicator", "observed_state"},
                 {"grade", "reliability_hint", "source_name", "source_url", "summary"});
  const bool has_grade = header.find("grade") != detail::csv_header::npos;
  reporter_timeline timeline;
  for (std::size_t i = 1; i < records.size(); ++i) {
    const auto& rec = records[i];
    if (rec.fields.size() != header.size()) {
      timeline.rejected.push_back({rec.line, "row has " + std::to_string(rec.fields.size()) +
                                                 " fields, the header has " +
                                                 std::to_string(header.size())});
      continue;
    }
    timeline_event e;
    e.line = rec.line;
    e.date = detail::trim(header.field(rec, "date"));
    e.indicator = detail::trim(header.field(rec, "indicator"));
    e.observed_state = detail::trim(header.field(rec, "observed_state"));
    e.grade = has_grade ? detail::trim(header.field(rec, "grade"))
                        : grade_from_reliability_hint(detail::trim(header.field(rec, "reliability_hint")));
    e.source_name = detail::trim(header.field(rec, "source_name"));
    e.source_url = detail::trim(header.field(rec, "source_url"));
    e.summary = header.field(rec, "summary");
    try {
      check_iso_date(e.date);
      if (e.indicator.empty() || e.observed_state.empty())
        throw report_error("row has an empty indicator or observed_state");
      grading_table::check_grade(e.grade);
    } catch (const report_error& err) {
      timeline.rejected.push_back({rec.line, err.what()});
      continue;
    }
    timeline.events.push_back(std::move(e));
  }
  return timeline;
}

report_batch map_timeline(const reporter_timeline& timeline, const vocabulary_mapping& mapping,
                          const bayesian_network& net, const grading_table& grading) {
  mapping.check(net);
  report_batch batch;
  batch.rejected = timeline.rejected;
  for (const auto& e : timeline.events) {
    const std::string pair = "(" + e.indicator + ", " + e.observed_state + ")";
    const mapping_entry* m = mapping.find(e.indicator, e.observed_state);
    if (!m) {
      std::vector<std::string> known;
      for (const auto& entry : mapping.entries())
        if (entry.reporter_indicator == e.indicator) known.push_back(entry.reporter_state);
      batch.rejected.push_back(
          {e.line, "reporter pair " + pair + " is not in the mapping " + mapping.source_name() +
                       (known.empty() ? " (the mapping has no reporter indicator '" + e.indicator + "')"
                                      : " (mapped states of '" + e.indicator + "': " +
                                            detail::join(known) + ")")});
      continue;
    }
    if (!m->maps()) {
      batch.rejected.push_back({e.line, "reporter pair " + pair +
                                            " maps to no model node (mapping line " +
                                            std::to_string(m->line) + "): " + m->note});
      continue;
    }
    report r;
    r.date = e.date;
    r.indicator = m->node;
    r.source = e.source_name;
    r.grade = e.grade;
    r.summary = e.summary;
    r.url = e.source_url;
    r.line = e.line;
    if (!m->state.empty())
      r.state = m->state;
    else
      r.likelihood = grading.channel(e.grade, mapping.pointer(*m, net));
    batch.reports.push_back(std::move(r));
  }
  std::stable_sort(batch.rejected.begin(), batch.rejected.end(),
                   [](const rejected_row& a, const rejected_row& b) { return a.line < b.line; });
  return batch;
}

reporter_timeline shipped_reporter_timeline() {
  return parse_reporter_timeline_csv(std::string_view(detail::shipped_timeline_csv()),
                                     "examples/data/china_russia_timeline.csv");
}

vocabulary_mapping shipped_mapping() {
  return parse_mapping_csv(std::string_view(detail::shipped_mapping_csv()),
                           "examples/data/china_russia_mapping.csv");
}

report_batch shipped_timeline(const grading_table& grading) {
  return map_timeline(shipped_reporter_timeline(), shipped_mapping(), default_scenario_network(),
                      grading);
}

}  // namespace augury
