// Reports that share an upstream source: the latent-claim likelihood against hand
// computation and enumeration, and the property that copies do not count as independent
// reports.

#include <augury/scenario/default_model.hpp>
#include <augury/scenario/forecast.hpp>
#include <augury/scenario/provenance.hpp>
#include <augury/scenario/report_evidence.hpp>

#include "scenario/brute_force.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

namespace augury {
namespace {

using ::testing::HasSubstr;

const scenario_model& model() {
  static const scenario_model m = default_scenario_model();
  return m;
}

report make(std::string indicator, std::string state, std::string grade, std::string upstream = {},
            std::string date = "2024-03-01") {
  report r;
  r.date = std::move(date);
  r.indicator = std::move(indicator);
  r.state = std::move(state);
  r.grade = std::move(grade);
  r.upstream = std::move(upstream);
  return r;
}

std::vector<double> final_scenario(const std::vector<report>& reports,
                                   const grading_table& g = default_grading_table()) {
  const auto f = forecast(model(), reports, g);
  return f.steps.empty() ? f.prior_scenario : f.steps.back().scenario;
}

// Total variation distance from the prior: how far the forecast moved.
double moved(const std::vector<double>& p) {
  const auto& prior = forecast(model(), std::vector<report>{}).prior_scenario;
  double d = 0.0;
  for (std::size_t i = 0; i < p.size(); ++i) d += std::fabs(p[i] - prior[i]);
  return d / 2;
}

void expect_near(const std::vector<double>& a, const std::vector<double>& b, double tol) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_NEAR(a[i], b[i], tol) << "entry " << i;
}

// Likelihood ratios: a finding is defined up to a constant factor.
void expect_proportional(const std::vector<double>& a, const std::vector<double>& b, double tol) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    const double x = a[i] / a[0], y = b[i] / b[0];
    EXPECT_NEAR(x, y, tol * std::max(1.0, std::fabs(y))) << "entry " << i;
  }
}

TEST(scenario_provenance, group_likelihood_by_hand) {
  // k = 3; upstream hit 0.7; copies: state 1 with fidelity 0.9, state 1 with 0.8, state 2
  // with 0.6.
  shared_source_group g(3);
  g.add_copy(1, 0.9);
  g.add_copy(1, 0.8);
  g.add_copy(2, 0.6);
  auto copy = [](double f, std::size_t s, std::size_t c) { return s == c ? f + (1 - f) / 3 : (1 - f) / 3; };
  std::vector<double> claim(3);
  for (std::size_t c = 0; c < 3; ++c) claim[c] = copy(0.9, 1, c) * copy(0.8, 1, c) * copy(0.6, 2, c);
  const double h = 0.7, m = 0.15;
  std::vector<double> expected(3);
  for (std::size_t x = 0; x < 3; ++x)
    for (std::size_t c = 0; c < 3; ++c) expected[x] += (x == c ? h : m) * claim[c];
  expect_proportional(g.likelihood(h), expected, 1e-14);
  expect_proportional(g.claim_likelihood(), claim, 1e-14);
  EXPECT_EQ(g.size(), 3u);
}

TEST(scenario_provenance, bad_group_inputs_are_errors) {
  EXPECT_THROW(shared_source_group(1), report_error);
  shared_source_group g(2);
  EXPECT_THROW(g.add_copy(2, 0.9), report_error);
  EXPECT_THROW(g.add_copy(0, 1.1), report_error);
  EXPECT_THROW((void)g.likelihood(-0.1), report_error);
}

TEST(scenario_provenance, perfect_copies_count_exactly_once) {
  grading_table perfect;
  perfect.set_copy_fidelity(1.0);
  const auto one = final_scenario({make("us_russia_summitry", "agreements", "B2")}, perfect);
  std::vector<report> copies;
  for (int i = 0; i < 10; ++i) copies.push_back(make("us_russia_summitry", "agreements", "B2", "wire-1"));
  expect_near(final_scenario(copies, perfect), one, 1e-12);
  // The same with the fidelity on each report instead of in the table.
  for (auto& r : copies) r.copy_fidelity = 1.0;
  expect_near(final_scenario(copies), one, 1e-12);
}

TEST(scenario_provenance, ten_copies_move_the_forecast_as_one_report_ten_independent_reports_more) {
  const report single = make("us_russia_summitry", "agreements", "B2");
  std::vector<report> copies, independent;
  for (int i = 0; i < 10; ++i) {
    copies.push_back(make("us_russia_summitry", "agreements", "B2", "wire-1"));
    independent.push_back(single);
  }
  const double m_one = moved(final_scenario({single}));
  const double m_copy = moved(final_scenario({copies[0]}));
  const double m_copies = moved(final_scenario(copies));
  const double m_independent = moved(final_scenario(independent));
  // With the default fidelity 0.95 one copy is a little weaker than the source itself, and
  // ten copies approach the source's one report from below, never past it.
  EXPECT_LT(m_copy, m_one);
  EXPECT_GT(m_copies, m_copy);
  EXPECT_LE(m_copies, m_one + 1e-12);
  EXPECT_GT(m_copies, 0.95 * m_one);
  // Ten independent reports of the same grade move it far more.
  EXPECT_GT(m_independent, 2 * m_one);
}

TEST(scenario_provenance, more_agreeing_copies_approach_the_source_monotonically) {
  std::vector<report> copies;
  double last = 0.0;
  for (int n = 1; n <= 12; ++n) {
    copies.push_back(make("sanctions_on_russia", "eased", "C3", "story-7"));
    const double m = moved(final_scenario(copies));
    // Strictly growing until the claim is settled to machine precision.
    if (n <= 6)
      EXPECT_GT(m, last) << n;
    else
      EXPECT_GE(m, last - 1e-15) << n;
    last = m;
  }
  EXPECT_LE(last, moved(final_scenario({make("sanctions_on_russia", "eased", "C3")})) + 1e-12);
}

TEST(scenario_provenance, forecast_with_groups_matches_enumeration) {
  const auto& net = model().network;
  const var_id summitry = net.id("us_russia_summitry"), trade = net.id("us_china_trade");
  std::vector<report> reports{make("us_russia_summitry", "agreements", "C3", "wire-1"),
                              make("us_russia_summitry", "agreements", "B3", "wire-1"),
                              make("us_russia_summitry", "talks", "D3", "wire-1"),
                              make("us_russia_summitry", "none", "B2"),
                              make("us_china_trade", "managed", "C3", "wire-1"),
                              make("us_china_trade", "managed", "A2", "wire-2")};
  reports[1].upstream_grade = "B2";
  reports[2].copy_fidelity = 0.7;
  const grading_table& g = default_grading_table();

  // Hand-built findings: summitry = independent B2 report x group wire-1 (upstream B2,
  // copies at 0.95, 0.95, 0.7); trade = two single-copy groups (wire-1 with upstream C3,
  // wire-2 with upstream A2).
  auto group = [&](std::size_t k, const std::vector<std::pair<std::size_t, double>>& cs, double h) {
    std::vector<double> l(k, 0.0);
    for (std::size_t x = 0; x < k; ++x)
      for (std::size_t c = 0; c < k; ++c) {
        double p = x == c ? h : (1 - h) / static_cast<double>(k - 1);
        for (const auto& [s, f] : cs) p *= s == c ? f + (1 - f) / static_cast<double>(k) : (1 - f) / static_cast<double>(k);
        l[x] += p;
      }
    return l;
  };
  auto summit = group(3, {{2, 0.95}, {2, 0.95}, {1, 0.7}}, g.hit_rate("B2", 3));
  const auto indep = g.likelihood("B2", 3, 0);
  for (std::size_t x = 0; x < 3; ++x) summit[x] *= indep[x];
  auto trade_l = group(3, {{1, 0.95}}, g.hit_rate("C3", 3));
  const auto trade_2 = group(3, {{1, 0.95}}, g.hit_rate("A2", 3));
  for (std::size_t x = 0; x < 3; ++x) trade_l[x] *= trade_2[x];

  const std::map<var_id, std::vector<double>> lambda{{summitry, summit}, {trade, trade_l}};
  expect_near(final_scenario(reports), test::brute_force_posterior(net, model().scenario, lambda), 1e-10);

  report_evidence ev(net, g);
  ev.add(reports);
  expect_proportional(ev.likelihood(summitry), summit, 1e-12);
  expect_proportional(ev.likelihood(trade), trade_l, 1e-12);
  EXPECT_EQ(ev.size(), 6u);
  EXPECT_EQ(ev.independent_sources(), 4u);  // one plain report, three groups
  EXPECT_EQ(ev.upstream_grade(summitry, "wire-1"), "B2");
  EXPECT_EQ(ev.upstream_grade(trade, "wire-1"), "C3");
  EXPECT_EQ(ev.indicators(), (std::vector<var_id>{std::min(summitry, trade), std::max(summitry, trade)}));
}

TEST(scenario_provenance, upstream_grade_defaults_to_the_most_reliable_copy) {
  const auto& net = model().network;
  report_evidence ev(net);
  ev.add(make("arms_sales", "continuing", "D3", "leak"));
  ev.add(make("arms_sales", "continuing", "B2", "leak"));
  ev.add(make("arms_sales", "continuing", "C3", "leak"));
  EXPECT_EQ(ev.upstream_grade(net.id("arms_sales"), "leak"), "B2");
  EXPECT_EQ(ev.upstream_grade(net.id("arms_sales"), "other"), "");
}

TEST(scenario_provenance, a_single_copy_is_a_group_of_one) {
  const auto& net = model().network;
  report r = make("arms_sales", "halted", "C3", "wire-9");
  const auto single = report_likelihood(net, r);
  report_evidence ev(net);
  ev.add(r);
  expect_proportional(ev.likelihood(net.id("arms_sales")), single, 1e-14);
  shared_source_group g(2);
  g.add_copy(1, 0.95);
  expect_proportional(single, g.likelihood(default_grading_table().hit_rate("C3", 2)), 1e-14);
}

TEST(scenario_provenance, errors) {
  const auto& net = model().network;
  report_evidence ev(net);
  report a = make("arms_sales", "halted", "C3", "wire-9");
  a.upstream_grade = "B2";
  ev.add(a);
  report b = a;
  b.date = "2024-04-02";
  b.upstream_grade = "C2";
  try {
    ev.add(b);
    ADD_FAILURE() << "no error";
  } catch (const report_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("gives upstream 'wire-9' the grade C2, but the report of 2024-03-01 gave it B2"));
  }
  b.upstream_grade = "b2";  // same grade, other case
  EXPECT_NO_THROW(ev.add(b));

  auto message = [&](report r) -> std::string {
    try {
      (void)report_likelihood(net, r);
    } catch (const report_error& e) {
      return e.what();
    }
    return "no error";
  };
  report soft = make("arms_sales", "", "C3", "wire-9");
  soft.likelihood = {1.0, 0.5};
  EXPECT_THAT(message(soft), HasSubstr("with a likelihood vector; a report with an upstream names a state"));
  report lone = make("arms_sales", "halted", "C3");
  lone.copy_fidelity = 0.9;
  EXPECT_THAT(message(lone), HasSubstr("gives a copy fidelity but no upstream source"));
  lone.copy_fidelity.reset();
  lone.upstream_grade = "A1";
  EXPECT_THAT(message(lone), HasSubstr("gives an upstream grade but no upstream source"));
  report bad = make("arms_sales", "halted", "C3", "wire-9");
  bad.copy_fidelity = 1.5;
  EXPECT_THAT(message(bad), HasSubstr("copy fidelity 1.5, outside [0, 1]"));
  bad.copy_fidelity.reset();
  bad.upstream_grade = "Q7";
  EXPECT_THAT(message(bad), HasSubstr("upstream grade 'Q7' is not an Admiralty grade"));

  // The forecast names the report at fault, with its line.
  b.upstream_grade = "C2";
  b.line = 12;
  try {
    (void)forecast(model(), std::vector<report>{a, b});
    ADD_FAILURE() << "no error";
  } catch (const report_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("(report on line 12)"));
  }
}

TEST(scenario_provenance, one_upstream_on_two_indicators_makes_two_claims) {
  const auto& net = model().network;
  report_evidence ev(net);
  ev.add(make("arms_sales", "halted", "B2", "wire-3"));
  ev.add(make("cyber_cooperation", "observed", "B2", "wire-3"));
  EXPECT_EQ(ev.independent_sources(), 2u);
  expect_proportional(ev.likelihood(net.id("cyber_cooperation")),
                      report_likelihood(net, make("cyber_cooperation", "observed", "B2", "wire-3")), 1e-14);
}

}  // namespace
}  // namespace augury
