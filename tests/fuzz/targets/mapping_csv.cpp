// Mapping CSV: parse_mapping_csv, its check against the default model, and the shipped
// reporter timeline mapped through it and forecast.
#include "scenario_checks.hpp"

#include <augury/scenario/mapping.hpp>

AUGURY_FUZZ_TARGET(mapping_csv) {
  using namespace augury;
  static const reporter_timeline timeline = shipped_reporter_timeline();
  vocabulary_mapping mapping;
  if (!fuzz::expect_only_augury_errors("parse_mapping_csv",
                                       [&] { mapping = parse_mapping_csv(fuzz::as_text(data, size)); }))
    return;
  report_batch batch;
  if (!fuzz::expect_only_augury_errors("map_timeline", [&] {
        batch = map_timeline(timeline, mapping, fuzz::default_model().network);
      }))
    return;
  for (const auto& r : batch.reports) fuzz::check_finite(r.likelihood, "a mapped report likelihood");
  fuzz::check_forecast(batch);
}
