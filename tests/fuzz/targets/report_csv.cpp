// Report CSV on the default model: parse_report_csv, the write_report_csv round trip, and a
// forecast of what was read.
#include "scenario_checks.hpp"

#include <augury/detail/utf8.hpp>
#include <augury/scenario/report_csv.hpp>

AUGURY_FUZZ_TARGET(report_csv) {
  using namespace augury;
  const bayesian_network& net = fuzz::default_model().network;
  report_batch batch;
  if (!fuzz::expect_only_augury_errors("parse_report_csv",
                                       [&] { batch = parse_report_csv(fuzz::as_text(data, size), net); }))
    return;
  for (const auto& r : batch.reports) {
    fuzz::check_finite(r.likelihood, "a report likelihood");
    for (const std::string* field : {&r.date, &r.indicator, &r.state, &r.source, &r.grade, &r.summary, &r.url})
      if (detail::invalid_utf8_offset(*field) != std::string::npos) fuzz::fail("a report field is not valid UTF-8");
  }
  std::string text;
  try {
    text = write_report_csv(batch.reports, net);
  } catch (const error& e) {
    fuzz::fail(std::string("write_report_csv rejected reports that parse_report_csv accepted: ") + e.what());
  }
  report_batch back;
  try {
    back = parse_report_csv(text, net);
  } catch (const error& e) {
    fuzz::fail(std::string("written report CSV does not read back: ") + e.what() + "\n" + text);
  }
  if (!back.rejected.empty())
    fuzz::fail("written report CSV has rejected rows: " + back.rejected.front().reason + "\n" + text);
  if (back.reports.size() != batch.reports.size()) fuzz::fail("report CSV round trip lost reports\n" + text);
  for (std::size_t i = 0; i < back.reports.size(); ++i) {
    report a = batch.reports[i], b = back.reports[i];
    a.line = b.line = 0;
    if (!(a == b)) fuzz::fail("report CSV round trip changed report " + std::to_string(i) + "\n" + text);
  }
  fuzz::check_forecast(batch);
}
