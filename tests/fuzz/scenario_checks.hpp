#pragma once
// Shared by the scenario targets: the default model (built once) and the check that a batch
// of reports can be forecast without a NaN reaching the result.

#include "fuzz_target.hpp"

#include <augury/scenario/default_model.hpp>
#include <augury/scenario/forecast.hpp>
#include <augury/scenario/report.hpp>

namespace augury::fuzz {

inline const scenario_model& default_model() {
  static const scenario_model model = default_scenario_model();
  return model;
}

/// Forecasts `batch` on the default model (when it is small enough to be quick): either an
/// augury::error or distributions that are finite and sum to 1.
inline void check_forecast(const report_batch& batch) {
  if (batch.reports.size() > 24) return;
  forecast_result r;
  if (!expect_only_augury_errors("forecast", [&] { r = forecast(default_model(), batch); })) return;
  for (const auto& step : r.steps) {
    for (const auto* p : {&step.scenario, &step.cooperation}) {
      check_finite(*p, "a forecast distribution");
      double s = 0.0;
      for (double x : *p) s += x;
      if (std::fabs(s - 1.0) > 1e-9) fail("a forecast distribution does not sum to 1");
    }
  }
}

}  // namespace augury::fuzz
