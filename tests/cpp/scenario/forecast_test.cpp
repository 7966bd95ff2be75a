// The forecast against brute-force enumeration of the default model with the same
// likelihoods (products of the report likelihoods, computed here without rescaling).

#include <augury/scenario/default_model.hpp>
#include <augury/scenario/forecast.hpp>
#include <augury/scenario/mapping.hpp>

#include "scenario/brute_force.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <map>

namespace augury {
namespace {

using ::testing::HasSubstr;

const scenario_model& model() {
  static const scenario_model m = default_scenario_model();
  return m;
}

report make(std::string date, std::string indicator, std::string state, std::string grade = "B2") {
  report r;
  r.date = std::move(date);
  r.indicator = std::move(indicator);
  r.state = std::move(state);
  r.grade = std::move(grade);
  return r;
}

void expect_near(const std::vector<double>& a, const std::vector<double>& b, double tol) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_NEAR(a[i], b[i], tol) << "entry " << i;
}

double sum(const std::vector<double>& v) {
  double s = 0.0;
  for (double x : v) s += x;
  return s;
}

TEST(scenario_forecast, prior_equals_enumeration) {
  const auto result = forecast(model(), std::vector<report>{});
  EXPECT_TRUE(result.steps.empty());
  expect_near(result.prior_scenario, test::brute_force_posterior(model().network, model().scenario, {}), 1e-12);
  expect_near(result.prior_cooperation,
              test::brute_force_posterior(model().network, model().cooperation, {}), 1e-12);
  EXPECT_EQ(result.scenario_states.size(), 4u);
  EXPECT_EQ(result.cooperation_states[1], "deepening");
}

TEST(scenario_forecast, two_reports_on_one_indicator_accumulate) {
  const auto& net = model().network;
  const std::vector<report> reports{make("2024-01-01", "us_china_trade", "escalating", "B2"),
                                    make("2024-02-01", "us_china_trade", "managed", "C3")};
  const auto result = forecast(model(), reports);
  ASSERT_EQ(result.steps.size(), 2u);
  const var_id trade = net.id("us_china_trade");
  // Product of the two likelihoods, written out from the grade formula.
  const double r1 = 0.5625, h1 = r1 + (1 - r1) / 3, m1 = (1 - h1) / 2;
  const double r2 = 0.36, h2 = r2 + (1 - r2) / 3, m2 = (1 - h2) / 2;
  const std::vector<double> product{h1 * m2, m1 * h2, m1 * m2};
  expect_near(result.steps[1].scenario,
              test::brute_force_posterior(net, model().scenario, {{trade, product}}), 1e-12);
  expect_near(result.steps[1].cooperation,
              test::brute_force_posterior(net, model().cooperation, {{trade, product}}), 1e-12);
  // Overwriting with the second report alone would give something else.
  const std::vector<double> second_only{m2, h2, m2};
  const auto overwritten = test::brute_force_posterior(net, model().scenario, {{trade, second_only}});
  EXPECT_GT(std::fabs(overwritten[2] - result.steps[1].scenario[2]), 1e-3);
}

TEST(scenario_forecast, ten_identical_reports_move_more_than_one) {
  std::vector<report> one{make("2024-01-01", "us_russia_summitry", "agreements")};
  std::vector<report> ten(10, one[0]);
  const auto a = forecast(model(), one);
  const auto b = forecast(model(), ten);
  ASSERT_EQ(b.steps.size(), 1u);
  EXPECT_EQ(b.steps[0].reports.size(), 10u);
  const std::size_t detente = 1;
  const double prior = a.prior_scenario[detente];
  const double after_one = a.steps[0].scenario[detente];
  const double after_ten = b.steps[0].scenario[detente];
  EXPECT_GT(after_one, prior);
  EXPECT_GT(after_ten, after_one + 0.1);
  // And exactly: ten reports are the tenth power of one report's likelihood.
  const auto& net = model().network;
  const double r = 0.5625, h = r + (1 - r) / 3, m = (1 - h) / 2;
  const std::vector<double> pow10{std::pow(m, 10), std::pow(m, 10), std::pow(h, 10)};
  expect_near(b.steps[0].scenario,
              test::brute_force_posterior(net, model().scenario, {{net.id("us_russia_summitry"), pow10}}),
              1e-12);
}

TEST(scenario_forecast, many_reports_do_not_underflow) {
  std::vector<report> reports(3000, make("2024-01-01", "arms_sales", "halted", "A1"));
  const auto result = forecast(model(), reports);
  const auto& p = result.steps.back().cooperation;
  EXPECT_NEAR(sum(p), 1.0, 1e-12);
  for (double x : p) EXPECT_TRUE(std::isfinite(x));
  // So many reports leave no doubt about the indicator: the posterior is the one given the
  // indicator itself, P(cooperation | arms_sales = halted). The unscaled product
  // (0.0905^3000 against 0.9095^3000) would have underflowed to 0/0.
  const auto& net = model().network;
  expect_near(p, test::brute_force_posterior(net, model().cooperation, {{net.id("arms_sales"), {0.0, 1.0}}}),
              1e-12);
}

TEST(scenario_forecast, bad_reports_are_errors_naming_them) {
  std::vector<report> reports{make("2024-01-01", "arms_sales", "halted"),
                              make("2024-01-02", "arms_trade", "halted")};
  reports[1].line = 7;
  try {
    (void)forecast(model(), reports);
    FAIL();
  } catch (const report_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("unknown indicator 'arms_trade'"));
    EXPECT_THAT(e.what(), HasSubstr("line 7"));
  }
}

TEST(scenario_forecast, contradictory_likelihoods_are_impossible_evidence) {
  std::vector<report> reports{make("2024-01-01", "arms_sales", ""), make("2024-03-01", "arms_sales", "")};
  reports[0].likelihood = {1.0, 0.0};
  reports[1].likelihood = {0.0, 1.0};
  try {
    (void)forecast(model(), reports);
    FAIL();
  } catch (const impossible_evidence_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("the reports up to 2024-03-01 have probability zero"));
  }
}

TEST(scenario_forecast, shipped_timeline_matches_enumeration_at_every_step) {
  const auto& net = model().network;
  const report_batch batch = shipped_timeline();
  const forecast_result result = forecast(model(), batch);
  EXPECT_EQ(result.rejected, batch.rejected);

  // Steps: one per distinct date, in order, holding every report once.
  std::map<std::string, std::size_t> per_date;
  for (const auto& r : batch.reports) ++per_date[r.date];
  ASSERT_EQ(result.steps.size(), per_date.size());
  std::size_t s = 0;
  for (const auto& [date, count] : per_date) {
    EXPECT_EQ(result.steps[s].date, date);
    EXPECT_EQ(result.steps[s].reports.size(), count);
    ++s;
  }

  std::map<var_id, std::vector<double>> lambda;  // unscaled products
  std::size_t next = 0;
  for (const auto& step : result.steps) {
    SCOPED_TRACE(step.date);
    for (; next < batch.reports.size() && batch.reports[next].date <= step.date; ++next) {
      const report& r = batch.reports[next];
      const var_id v = net.id(r.indicator);
      const auto l = report_likelihood(net, r);
      auto& acc = lambda.try_emplace(v, std::vector<double>(l.size(), 1.0)).first->second;
      for (std::size_t i = 0; i < l.size(); ++i) acc[i] *= l[i];
    }
    EXPECT_NEAR(sum(step.scenario), 1.0, 1e-12);
    EXPECT_NEAR(sum(step.cooperation), 1.0, 1e-12);
    expect_near(step.scenario, test::brute_force_posterior(net, model().scenario, lambda), 1e-10);
    expect_near(step.cooperation, test::brute_force_posterior(net, model().cooperation, lambda), 1e-10);
  }
  EXPECT_EQ(next, batch.reports.size());
}

}  // namespace
}  // namespace augury

namespace augury {
namespace {

// The numbers docs/model-card.md publishes (rounded to 3 decimals there). A change of any
// table or of the shipped data that moves them must update the card too.
TEST(scenario_forecast, model_card_numbers) {
  const forecast_result result = forecast(model(), shipped_timeline());
  expect_near(result.prior_scenario, {0.371, 0.146, 0.146, 0.337}, 5e-4);
  expect_near(result.prior_cooperation, {0.032, 0.497, 0.221, 0.121, 0.129}, 5e-4);
  ASSERT_EQ(result.steps.size(), 28u);
  expect_near(result.steps.back().scenario, {0.535, 0.035, 0.008, 0.422}, 5e-4);
  expect_near(result.steps.back().cooperation, {0.022, 0.913, 0.063, 0.002, 0.000}, 5e-4);
  ASSERT_EQ(result.rejected.size(), 1u);
}

}  // namespace
}  // namespace augury
