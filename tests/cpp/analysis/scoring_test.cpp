// Scores against hand-computed values; back-testing against enumeration of the network
// with the findings of earlier dates.

#include <augury/analysis/scoring.hpp>
#include <augury/inference/enumeration.hpp>
#include <augury/inference/junction_tree.hpp>
#include <augury/inference/variable_elimination.hpp>

#include "analysis/analysis_test_support.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace augury {
namespace {

using analysis::probability_forecast;
using analysis::timeline_entry;
using ::testing::HasSubstr;

TEST(analysis_scoring, brier_hand_computed) {
  // (0.7, 0.2, 0.1), outcome 0: 0.3^2 + 0.2^2 + 0.1^2 = 0.09 + 0.04 + 0.01 = 0.14.
  EXPECT_NEAR(analysis::brier_score({0.7, 0.2, 0.1}, 0), 0.14, 1e-15);
  // outcome 2: 0.7^2 + 0.2^2 + 0.9^2 = 0.49 + 0.04 + 0.81 = 1.34.
  EXPECT_NEAR(analysis::brier_score({0.7, 0.2, 0.1}, 2), 1.34, 1e-15);
  // The range is [0, 2]: certain and right, certain and wrong.
  EXPECT_EQ(analysis::brier_score({1.0, 0.0, 0.0}, 0), 0.0);
  EXPECT_EQ(analysis::brier_score({1.0, 0.0, 0.0}, 1), 2.0);
  // Uniform over four: 0.75^2 + 3 * 0.25^2 = 0.5625 + 0.1875 = 0.75.
  EXPECT_NEAR(analysis::brier_score({0.25, 0.25, 0.25, 0.25}, 3), 0.75, 1e-15);
}

TEST(analysis_scoring, logarithmic_hand_computed) {
  // -ln 0.7 = 0.35667494393873238; -log2 0.7 = 0.51457317282975834.
  EXPECT_NEAR(analysis::log_loss({0.7, 0.2, 0.1}, 0), 0.35667494393873238, 1e-15);
  EXPECT_NEAR(analysis::ignorance({0.7, 0.2, 0.1}, 0), 0.51457317282975834, 1e-15);
  // -log2 0.25 = 2 bits; -ln 0.25 = 2 ln 2.
  EXPECT_NEAR(analysis::ignorance({0.25, 0.75}, 0), 2.0, 1e-15);
  EXPECT_NEAR(analysis::log_loss({0.25, 0.75}, 0), 2.0 * std::log(2.0), 1e-15);
  EXPECT_EQ(analysis::log_loss({1.0, 0.0}, 1), std::numeric_limits<double>::infinity());
}

TEST(analysis_scoring, summary_and_calibration_table) {
  const std::vector<probability_forecast> forecasts{
      {{0.7, 0.2, 0.1}, 0},  // Brier 0.14
      {{0.7, 0.2, 0.1}, 2},  // Brier 1.34
      {{0.5, 0.5}, 1},       // Brier 0.5
  };
  const auto s = analysis::score_forecasts(forecasts);
  EXPECT_EQ(s.count, 3u);
  EXPECT_NEAR(s.brier, (0.14 + 1.34 + 0.5) / 3.0, 1e-15);
  EXPECT_NEAR(s.log_loss, (-std::log(0.7) - std::log(0.1) - std::log(0.5)) / 3.0, 1e-15);
  EXPECT_NEAR(s.ignorance, (-std::log2(0.7) - std::log2(0.1) - std::log2(0.5)) / 3.0, 1e-15);
  EXPECT_EQ(s.zero_probability_outcomes, 0u);

  // Five bins of width 0.2. The eight binary forecasts:
  //   0.7 (hit), 0.2 (miss), 0.1 (miss)   from the first,
  //   0.7 (miss), 0.2 (miss), 0.1 (hit)   from the second,
  //   0.5 (miss), 0.5 (hit)               from the third.
  // [0, 0.2): 0.1, 0.1 -> count 2, mean 0.1, frequency 1/2
  // [0.2, 0.4): 0.2, 0.2 -> count 2, mean 0.2, frequency 0
  // [0.4, 0.6): 0.5, 0.5 -> count 2, mean 0.5, frequency 1/2
  // [0.6, 0.8): 0.7, 0.7 -> count 2, mean 0.7, frequency 1/2
  // [0.8, 1]: empty
  const auto table = analysis::calibration_table(forecasts, 5);
  ASSERT_EQ(table.size(), 5u);
  const std::size_t counts[] = {2, 2, 2, 2, 0};
  const double means[] = {0.1, 0.2, 0.5, 0.7, 0.0};
  const double freqs[] = {0.5, 0.0, 0.5, 0.5, 0.0};
  for (std::size_t b = 0; b < 5; ++b) {
    EXPECT_NEAR(table[b].lower, 0.2 * static_cast<double>(b), 1e-15);
    EXPECT_EQ(table[b].count, counts[b]) << b;
    EXPECT_NEAR(table[b].mean_forecast, means[b], 1e-15) << b;
    EXPECT_NEAR(table[b].observed_frequency, freqs[b], 1e-15) << b;
  }
  EXPECT_EQ(table[4].upper, 1.0);
  // Only category 0: 0.7 (hit), 0.7 (miss), 0.5 (miss).
  const auto first = analysis::calibration_table(forecasts, 5, 0);
  EXPECT_EQ(first[2].count, 1u);
  EXPECT_EQ(first[3].count, 2u);
  EXPECT_NEAR(first[3].observed_frequency, 0.5, 1e-15);
  // A probability of exactly 1 lands in the last bin.
  EXPECT_EQ(analysis::calibration_table({{{1.0, 0.0}, 0}}, 10)[9].count, 1u);
}

TEST(analysis_scoring, invalid_forecasts) {
  try {
    (void)analysis::brier_score({0.5, 0.25}, 0);
    FAIL() << "expected error";
  } catch (const error& ex) {
    EXPECT_THAT(ex.what(), HasSubstr("sum to 0.75, not 1"));
  }
  EXPECT_THROW((void)analysis::brier_score({0.7, 0.3}, 2), error);
  EXPECT_THROW((void)analysis::log_loss({1.2, -0.2}, 0), error);
  EXPECT_THROW((void)analysis::ignorance({}, 0), error);
  try {
    (void)analysis::score_forecasts({{{0.5, 0.5}, 0}, {{0.5, 0.6}, 0}});
    FAIL() << "expected error";
  } catch (const error& ex) {
    EXPECT_THAT(ex.what(), HasSubstr("forecast 1:"));
  }
  EXPECT_THROW((void)analysis::calibration_table({}, 0), error);
  EXPECT_THROW((void)analysis::calibration_table({{{0.5, 0.5}, 0}}, 5, 2), error);
}

TEST(analysis_scoring, backtest_replays_the_timeline) {
  // Sprinkler, five entries on three dates, given out of order. Each scored entry's forecast
  // must be the enumeration posterior given the entries of earlier dates only.
  const auto net = test::sprinkler();
  const var_id c = net.id("C"), s = net.id("S"), r = net.id("R"), w = net.id("W");
  const std::vector<timeline_entry> timeline{
      {"2024-03-01", w, 0, {}, "wet, seen"},
      {"2024-01-01", s, 1, {0.3, 0.8}, "sprinkler off, noisy report"},
      {"2024-01-01", r, 0, {}, "rain"},
      {"2024-02-01", c, std::nullopt, {0.9, 0.4}, "cloud hint, not scored"},
      {"2024-03-01", s, 0, {}, "sprinkler on"},
  };
  const auto result = analysis::backtest(net, timeline);
  ASSERT_EQ(result.scored.size(), 4u);
  // Date order, entries of a date in input order.
  EXPECT_EQ(result.scored[0].entry, 1u);
  EXPECT_EQ(result.scored[1].entry, 2u);
  EXPECT_EQ(result.scored[2].entry, 0u);
  EXPECT_EQ(result.scored[3].entry, 4u);
  const enumeration en(net);
  // 2024-01-01: nothing before.
  test::expect_near_vectors(result.scored[0].forecast, en.posterior(s, evidence_set{}), 1e-12);
  test::expect_near_vectors(result.scored[1].forecast, en.posterior(r, evidence_set{}), 1e-12);
  // 2024-03-01: S ~ (0.3, 0.8), R = T, C ~ (0.9, 0.4); same-day entries see none of each other.
  evidence_set before;
  before.set_likelihood(net, s, {0.3, 0.8});
  before.set_hard(net, r, 0);
  before.set_likelihood(net, c, {0.9, 0.4});
  test::expect_near_vectors(result.scored[2].forecast, en.posterior(w, before), 1e-12);
  test::expect_near_vectors(result.scored[3].forecast, en.posterior(s, before), 1e-12);
  double brier = 0.0, loss = 0.0;
  for (const auto& e : result.scored) {
    EXPECT_NEAR(e.brier, analysis::brier_score(e.forecast, e.outcome), 1e-15);
    EXPECT_NEAR(e.log_loss, -std::log(e.forecast[e.outcome]), 1e-15);
    EXPECT_NEAR(e.ignorance, -std::log2(e.forecast[e.outcome]), 1e-15);
    brier += e.brier;
    loss += e.log_loss;
  }
  EXPECT_EQ(result.scored[0].outcome, 1u);
  EXPECT_NEAR(result.summary.brier, brier / 4.0, 1e-15);
  EXPECT_NEAR(result.summary.log_loss, loss / 4.0, 1e-15);
  std::size_t binary = 0;
  for (const auto& bin : result.calibration) binary += bin.count;
  EXPECT_EQ(binary, 8u);
}

TEST(analysis_scoring, backtest_of_the_shipped_timeline) {
  // Each report is scored against the predictive distribution of its indicator and applied
  // through its graded likelihood; checked against variable elimination for every report.
  const auto& m = test::default_model();
  const auto& net = m.network;
  const auto batch = shipped_timeline();
  std::vector<timeline_entry> timeline;
  std::vector<analysis::likelihood_finding> findings;
  for (const report& rep : batch.reports) {
    const var_id v = net.id(rep.indicator);
    std::optional<std::size_t> state;
    if (!rep.state.empty()) state = net.var(v).state_index(rep.state);
    timeline.push_back({rep.date, v, state, report_likelihood(net, rep), rep.summary});
    findings.push_back({v, report_likelihood(net, rep), rep.date, {}});
  }
  const auto result = analysis::backtest(net, timeline);
  std::size_t with_state = 0;
  for (const auto& t : timeline) with_state += t.state.has_value();
  EXPECT_EQ(result.scored.size(), with_state);
  EXPECT_GT(with_state, 10u);
  const variable_elimination ve(net);
  for (const auto& e : result.scored) {
    std::vector<std::size_t> earlier;
    for (std::size_t i = 0; i < findings.size(); ++i)
      if (findings[i].date < e.date) earlier.push_back(i);
    test::expect_near_vectors(e.forecast, ve.posterior(e.variable, test::evidence_from(net, findings, earlier)),
                              1e-10, e.date);
  }
  EXPECT_GT(result.summary.brier, 0.0);
  EXPECT_LT(result.summary.brier, 2.0);
}

TEST(analysis_scoring, backtest_errors) {
  const auto net = test::sprinkler();
  const var_id s = net.id("S");
  EXPECT_THROW((void)analysis::backtest(net, {{"", s, 0, {}, {}}}), evidence_error);
  EXPECT_THROW((void)analysis::backtest(net, {{"2024-01-01", s, 2, {}, {}}}), evidence_error);
  EXPECT_THROW((void)analysis::backtest(net, {{"2024-01-01", s, std::nullopt, {}, {}}}), evidence_error);
  EXPECT_THROW((void)analysis::backtest(net, {{"2024-01-01", 9, 0, {}, {}}}), evidence_error);
  // Two hard observations that contradict each other on one date.
  try {
    (void)analysis::backtest(net, {{"2024-01-01", s, 0, {}, {}}, {"2024-01-01", s, 1, {}, {}}});
    FAIL() << "expected impossible_evidence_error";
  } catch (const impossible_evidence_error& ex) {
    EXPECT_THAT(ex.what(), HasSubstr("2024-01-01"));
  }
}

}  // namespace
}  // namespace augury
