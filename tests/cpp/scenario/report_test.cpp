#include <augury/scenario/default_model.hpp>
#include <augury/scenario/report.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace augury {
namespace {

using ::testing::HasSubstr;

TEST(scenario_report, iso_dates) {
  for (const char* ok : {"2023-10-18", "2024-02-29", "2000-02-29", "1999-12-31"})
    EXPECT_TRUE(is_iso_date(ok)) << ok;
  for (const char* bad : {"2023-02-29", "1900-02-29", "2024-13-01", "2024-00-10", "2024-04-31",
                          "2024-4-01", "24-04-01", "2024/04/01", "2024-04-01 ", "", "abcd-ef-gh"})
    EXPECT_FALSE(is_iso_date(bad)) << bad;
  EXPECT_THROW(check_iso_date("2024-02-30"), report_error);
}

report state_report(std::string indicator, std::string state, std::string grade = "B2") {
  report r;
  r.date = "2024-01-01";
  r.indicator = std::move(indicator);
  r.state = std::move(state);
  r.grade = std::move(grade);
  return r;
}

TEST(scenario_report, state_report_likelihood_uses_the_grade) {
  const auto net = default_scenario_network();
  const auto l = report_likelihood(net, state_report("us_china_trade", "managed", "C3"));
  const double r = 0.36, h = r + (1 - r) / 3;
  ASSERT_EQ(l.size(), 3u);
  EXPECT_NEAR(l[1], h, 1e-15);
  EXPECT_NEAR(l[0], (1 - h) / 2, 1e-15);
  EXPECT_NEAR(l[2], (1 - h) / 2, 1e-15);
}

TEST(scenario_report, explicit_likelihood_is_used_as_given) {
  const auto net = default_scenario_network();
  report r = state_report("arms_sales", "");
  r.likelihood = {0.3, 0.7};
  EXPECT_EQ(report_likelihood(net, r), (std::vector<double>{0.3, 0.7}));
}

std::string message_of(const bayesian_network& net, const report& r) {
  try {
    (void)report_likelihood(net, r);
  } catch (const report_error& e) {
    return e.what();
  }
  return "no error";
}

TEST(scenario_report, errors_name_the_entity_and_list_choices) {
  const auto net = default_scenario_network();
  EXPECT_THAT(message_of(net, state_report("joint_patrols", "observed")),
              HasSubstr("unknown indicator 'joint_patrols' (indicators: polarity, "));
  EXPECT_THAT(message_of(net, state_report("arms_sales", "paused")),
              HasSubstr("no state 'paused' (states: continuing, halted)"));
  EXPECT_THAT(message_of(net, state_report("arms_sales", "")), HasSubstr("not neither"));
  report both = state_report("arms_sales", "halted");
  both.likelihood = {1, 0};
  EXPECT_THAT(message_of(net, both), HasSubstr("not both"));
  report wrong = state_report("arms_sales", "");
  wrong.likelihood = {1, 0, 0};
  EXPECT_THAT(message_of(net, wrong), HasSubstr("has 2 states (continuing, halted)"));
  wrong.likelihood = {-1, 1};
  EXPECT_THAT(message_of(net, wrong), HasSubstr("non-negative"));
  wrong.likelihood = {0, 0};
  EXPECT_THAT(message_of(net, wrong), HasSubstr("zero for every state"));
  report bad_date = state_report("arms_sales", "halted");
  bad_date.date = "2024-02-30";
  EXPECT_THAT(message_of(net, bad_date), HasSubstr("'2024-02-30' is not a valid calendar date"));
  EXPECT_THAT(message_of(net, state_report("arms_sales", "halted", "Z9")),
              HasSubstr("grade 'Z9'"));
}

}  // namespace
}  // namespace augury
