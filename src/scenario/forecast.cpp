#include <augury/scenario/forecast.hpp>

#include <augury/error.hpp>
#include <augury/inference/junction_tree.hpp>

#include <algorithm>
#include <cstddef>
#include <map>
#include <numeric>
#include <utility>

namespace augury {
namespace {

/// Multiplies `acc` by `l` entry by entry and divides by the largest entry (scaling only).
void accumulate(std::vector<double>& acc, const std::vector<double>& l) {
  double top = 0.0;
  for (std::size_t i = 0; i < acc.size(); ++i) {
    acc[i] *= l[i];
    top = std::max(top, acc[i]);
  }
  // top == 0 means the reports on this indicator contradict each other outright; the
  // engine reports that as impossible evidence.
  if (top > 0.0)
    for (double& x : acc) x /= top;
}

}  // namespace

forecast_result forecast(const scenario_model& model, const std::vector<report>& reports,
                         const grading_table& grading) {
  const bayesian_network& net = model.network;
  forecast_result result;
  result.scenario_states = net.var(model.scenario).states();
  result.cooperation_states = net.var(model.cooperation).states();

  // Validate everything before any inference, so an error names the report at fault.
  std::vector<std::vector<double>> likelihoods;
  likelihoods.reserve(reports.size());
  for (const auto& r : reports) {
    try {
      likelihoods.push_back(report_likelihood(net, r, grading));
    } catch (const report_error& e) {
      throw report_error(std::string(e.what()) +
                         (r.line ? " (report on line " + std::to_string(r.line) + ")" : ""));
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

  std::map<var_id, std::vector<double>> combined;
  for (std::size_t i = 0; i < order.size();) {
    forecast_step step;
    step.date = reports[order[i]].date;
    try {
      for (; i < order.size() && reports[order[i]].date == step.date; ++i) {
        const report& r = reports[order[i]];
        const var_id v = net.id(r.indicator);
        auto& acc = combined.try_emplace(v, std::vector<double>(net.var(v).cardinality(), 1.0))
                        .first->second;
        accumulate(acc, likelihoods[order[i]]);
        engine.set_likelihood(v, acc);
        step.reports.push_back(r);
      }
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
