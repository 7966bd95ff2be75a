#include <augury/scenario/forecast.hpp>

#include <augury/error.hpp>
#include <augury/inference/junction_tree.hpp>
#include <augury/scenario/report_evidence.hpp>

#include <algorithm>
#include <cstddef>
#include <numeric>
#include <set>
#include <utility>

namespace augury {

forecast_result forecast(const scenario_model& model, const std::vector<report>& reports,
                         const grading_table& grading) {
  const bayesian_network& net = model.network;
  forecast_result result;
  result.scenario_states = net.var(model.scenario).states();
  result.cooperation_states = net.var(model.cooperation).states();

  // Validate everything before any inference, so an error names the report at fault
  // (including a disagreement about an upstream's grade, which needs the groups).
  {
    report_evidence check(net, grading);
    for (const auto& r : reports) {
      try {
        check.add(r);
      } catch (const report_error& e) {
        throw report_error(std::string(e.what()) +
                           (r.line ? " (report on line " + std::to_string(r.line) + ")" : ""));
      }
    }
  }

  std::vector<std::size_t> order(reports.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return reports[a].date < reports[b].date;  // ISO dates sort as text
  });

  junction_tree engine(net);
  result.prior_scenario = engine.posterior(model.scenario);
  result.prior_cooperation = engine.posterior(model.cooperation);

  report_evidence evidence(net, grading);
  for (std::size_t i = 0; i < order.size();) {
    forecast_step step;
    step.date = reports[order[i]].date;
    try {
      std::set<var_id> touched;
      for (; i < order.size() && reports[order[i]].date == step.date; ++i) {
        const report& r = reports[order[i]];
        touched.insert(evidence.add(r));
        step.reports.push_back(r);
      }
      for (var_id v : touched) engine.set_likelihood(v, evidence.likelihood(v));
      step.scenario = engine.posterior(model.scenario);
      step.cooperation = engine.posterior(model.cooperation);
    } catch (const impossible_evidence_error& e) {
      throw impossible_evidence_error("the reports up to " + step.date +
                                      " have probability zero under the model: " + e.what());
    }
    result.steps.push_back(std::move(step));
  }
  return result;
}

forecast_result forecast(const scenario_model& model, const report_batch& batch,
                         const grading_table& grading) {
  forecast_result result = forecast(model, batch.reports, grading);
  result.rejected = batch.rejected;
  return result;
}

}  // namespace augury
