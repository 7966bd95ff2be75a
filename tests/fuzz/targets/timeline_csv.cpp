// Reporter timeline CSV: parse_reporter_timeline_csv, mapped through the shipped mapping
// onto the default model and forecast.
#include "scenario_checks.hpp"

#include <augury/scenario/mapping.hpp>

AUGURY_FUZZ_TARGET(timeline_csv) {
  using namespace augury;
  static const vocabulary_mapping mapping = shipped_mapping();
  reporter_timeline timeline;
  if (!fuzz::expect_only_augury_errors("parse_reporter_timeline_csv", [&] {
        timeline = parse_reporter_timeline_csv(fuzz::as_text(data, size));
      }))
    return;
  report_batch batch;
  if (!fuzz::expect_only_augury_errors("map_timeline", [&] {
        batch = map_timeline(timeline, mapping, fuzz::default_model().network);
      }))
    return;
  for (const auto& r : batch.reports) fuzz::check_finite(r.likelihood, "a mapped report likelihood");
  fuzz::check_forecast(batch);
}
