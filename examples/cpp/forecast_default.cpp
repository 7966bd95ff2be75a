// Runs the embedded four-scenario model over the shipped timeline of public events and
// prints the scenario probabilities before and after. Run: ./example_forecast_default

#include <augury/augury.hpp>

#include <cstdio>

int main() {
  const augury::scenario_model model = augury::default_scenario_model();
  const augury::report_batch batch = augury::shipped_timeline();
  const augury::forecast_result result = augury::forecast(model, batch);

  std::printf("%zu reports over %zu dates, %zu rows rejected\n", batch.reports.size(),
              result.steps.size(), result.rejected.size());
  const auto& final_step = result.steps.back();
  for (std::size_t i = 0; i < result.scenario_states.size(); ++i)
    std::printf("%-24s prior %5.1f%%   after %s %5.1f%%\n", result.scenario_states[i].c_str(),
                100 * result.prior_scenario[i], final_step.date.c_str(), 100 * final_step.scenario[i]);
  for (const auto& row : result.rejected) std::printf("rejected line %zu: %s\n", row.line, row.reason.c_str());
  return 0;
}
