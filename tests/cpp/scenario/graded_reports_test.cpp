// Reports with their own hit and false-alarm rates, the new report CSV columns, and grading
// tables read from CSV and JSON.

#include <augury/scenario/default_model.hpp>
#include <augury/scenario/forecast.hpp>
#include <augury/scenario/grading_io.hpp>
#include <augury/scenario/report_csv.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace augury {
namespace {

using ::testing::HasSubstr;

// X (three states, prior 0.5, 0.3, 0.2) with a child Y, so that X is an indicator-like node.
bayesian_network toy() {
  bayesian_network net;
  const var_id x = net.add_variable("X", {"a", "b", "c"});
  const var_id y = net.add_variable("Y", {"y0", "y1"});
  net.set_cpt(x, {}, {0.5, 0.3, 0.2});
  net.set_cpt(y, {x}, {0.9, 0.1, 0.5, 0.5, 0.2, 0.8});
  return net;
}

report rated(std::string state, double hit, double false_alarm, std::string grade = "B2") {
  report r;
  r.date = "2024-05-01";
  r.indicator = "X";
  r.state = std::move(state);
  r.grade = std::move(grade);
  r.hit_rate = hit;
  r.false_alarm_rate = false_alarm;
  return r;
}

TEST(scenario_graded_reports, rates_give_the_likelihood_by_hand) {
  const auto net = toy();
  // P(report says b | X = b) = 0.8, P(report says b | X != b) = 0.1.
  const auto l = report_likelihood(net, rated("b", 0.8, 0.1));
  EXPECT_EQ(l, (std::vector<double>{0.1, 0.8, 0.1}));
  // The grade is information only: another grade gives the same vector.
  EXPECT_EQ(report_likelihood(net, rated("b", 0.8, 0.1, "E5")), l);
  // P(X = b | report) = 0.8 * 0.3 / (0.1 * 0.5 + 0.8 * 0.3 + 0.1 * 0.2) = 0.24 / 0.31.
  scenario_model m;
  m.network = net;
  m.scenario = net.id("X");
  m.cooperation = net.id("Y");
  const auto f = forecast(m, std::vector<report>{rated("b", 0.8, 0.1)});
  ASSERT_EQ(f.steps.size(), 1u);
  EXPECT_NEAR(f.steps[0].scenario[0], 0.05 / 0.31, 1e-15);
  EXPECT_NEAR(f.steps[0].scenario[1], 0.24 / 0.31, 1e-15);
  EXPECT_NEAR(f.steps[0].scenario[2], 0.02 / 0.31, 1e-15);
  // P(Y = y1 | report) = sum_x P(x | report) P(y1 | x).
  EXPECT_NEAR(f.steps[0].cooperation[1], (0.05 * 0.1 + 0.24 * 0.5 + 0.02 * 0.8) / 0.31, 1e-15);
  // Two such reports: the likelihoods multiply, 0.64 against 0.01.
  const auto two = forecast(m, std::vector<report>{rated("b", 0.8, 0.1), rated("b", 0.8, 0.1)});
  const double z = 0.01 * 0.5 + 0.64 * 0.3 + 0.01 * 0.2;
  EXPECT_NEAR(two.steps[0].scenario[1], 0.64 * 0.3 / z, 1e-15);
}

TEST(scenario_graded_reports, rates_match_the_grade_when_they_agree) {
  // A grade with hit rate h on k states has false-alarm rate (1 - h)/(k - 1).
  const auto net = default_scenario_network();
  const grading_table& g = default_grading_table();
  const double h = g.hit_rate("C3", 3);
  report r;
  r.date = "2024-01-01";
  r.indicator = "us_china_trade";
  r.state = "managed";
  r.grade = "C3";
  const auto by_grade = report_likelihood(net, r);
  r.hit_rate = h;
  r.false_alarm_rate = (1 - h) / 2;
  const auto by_rates = report_likelihood(net, r);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_DOUBLE_EQ(by_rates[i], by_grade[i]);
}

std::string message(const bayesian_network& net, const report& r) {
  try {
    (void)report_likelihood(net, r);
  } catch (const report_error& e) {
    return e.what();
  }
  return "no error";
}

TEST(scenario_graded_reports, bad_rates_are_errors) {
  const auto net = toy();
  report r = rated("b", 0.8, 0.1);
  r.false_alarm_rate.reset();
  EXPECT_THAT(message(net, r), HasSubstr("gives a hit rate without a false-alarm rate"));
  r = rated("b", 0.8, 0.1);
  r.hit_rate.reset();
  EXPECT_THAT(message(net, r), HasSubstr("gives a false-alarm rate without a hit rate"));
  EXPECT_THAT(message(net, rated("b", 1.2, 0.1)), HasSubstr("hit rate 1.2 is outside [0, 1]"));
  EXPECT_THAT(message(net, rated("b", 0.8, -0.1)), HasSubstr("false-alarm rate -0.1 is outside [0, 1]"));
  EXPECT_THAT(message(net, rated("b", 0.0, 0.0)), HasSubstr("both 0"));
  EXPECT_THAT(message(net, rated("b", 0.2, 0.6)), HasSubstr("are the two columns swapped?"));
  r = rated("", 0.8, 0.1);
  r.likelihood = {1, 2, 3};
  EXPECT_THAT(message(net, r), HasSubstr("rates go with a reported state"));
  r = rated("b", 0.8, 0.1);
  r.upstream = "wire";
  EXPECT_THAT(message(net, r), HasSubstr("a copy's channel is its copy fidelity"));
  // Equal rates are allowed: the report is uninformative.
  EXPECT_EQ(report_likelihood(net, rated("a", 0.3, 0.3)), (std::vector<double>{0.3, 0.3, 0.3}));
}

TEST(scenario_graded_reports, csv_columns_round_trip) {
  const auto net = default_scenario_network();
  const std::string text =
      "date,indicator,state,likelihood,source,grade,hit_rate,false_alarm_rate,upstream,upstream_grade,copy_fidelity\n"
      "2024-01-01,arms_sales,halted,,Agency,B2,0.7,0.2,,,\n"
      "2024-01-02,arms_sales,halted,,Outlet 1,C3,,,AP-123,B2,\n"
      "2024-01-02,arms_sales,halted,,Outlet 2,D3,,,AP-123,,0.8\n"
      "2024-01-03,arms_sales,halted,,Outlet 3,C3,0.7,,,,\n"
      "2024-01-03,arms_sales,halted,,Outlet 4,C3,high,0.1,,,\n"
      "2024-01-03,arms_sales,halted,,Outlet 5,C3,,,,,0.9\n";
  const auto batch = parse_report_csv(text, net, "r.csv");
  ASSERT_EQ(batch.reports.size(), 3u);
  ASSERT_EQ(batch.rejected.size(), 3u);
  EXPECT_EQ(*batch.reports[0].hit_rate, 0.7);
  EXPECT_EQ(*batch.reports[0].false_alarm_rate, 0.2);
  EXPECT_EQ(batch.reports[1].upstream, "AP-123");
  EXPECT_EQ(batch.reports[1].upstream_grade, "B2");
  EXPECT_FALSE(batch.reports[1].copy_fidelity.has_value());
  EXPECT_EQ(*batch.reports[2].copy_fidelity, 0.8);
  EXPECT_EQ(batch.rejected[0].line, 5u);
  EXPECT_THAT(batch.rejected[0].reason, HasSubstr("hit rate without a false-alarm rate"));
  EXPECT_THAT(batch.rejected[1].reason, HasSubstr("hit_rate 'high' is not a number"));
  EXPECT_THAT(batch.rejected[2].reason, HasSubstr("copy fidelity but no upstream"));

  const std::string written = write_report_csv(batch.reports, net);
  EXPECT_EQ(written.substr(0, written.find('\n')),
            "date,indicator,state,likelihood,source,grade,summary,url,hit_rate,false_alarm_rate,"
            "upstream,upstream_grade,copy_fidelity");
  auto back = parse_report_csv(written, net).reports;
  ASSERT_EQ(back.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    back[i].line = batch.reports[i].line;
    EXPECT_EQ(back[i], batch.reports[i]) << i;
  }
  // Without rates or upstreams the header stays the plain one.
  report plain = batch.reports[0];
  plain.hit_rate.reset();
  plain.false_alarm_rate.reset();
  const std::string w2 = write_report_csv({plain}, net);
  EXPECT_EQ(w2.substr(0, w2.find('\n')), "date,indicator,state,likelihood,source,grade,summary,url");
}

TEST(scenario_grading_io, csv_sets_the_listed_codes) {
  const auto g = parse_grading_csv(
      "code,weight,note\n"
      "A,0.95,top\n"
      "b,0.7,\n"
      "F,0.4,cannot be judged\n"
      "3,0.5,\n"
      "6,0.45,\n"
      "copy,0.99,wire copy\n",
      "g.csv");
  EXPECT_EQ(g.source_weight('A'), 0.95);
  EXPECT_EQ(g.source_weight('B'), 0.7);
  EXPECT_EQ(g.source_weight('C'), 0.60);  // not listed: default
  EXPECT_EQ(g.default_source_weight(), 0.4);
  EXPECT_EQ(g.information_weight('3'), 0.5);
  EXPECT_EQ(g.default_information_weight(), 0.45);
  EXPECT_EQ(g.copy_fidelity(), 0.99);
  EXPECT_DOUBLE_EQ(g.fidelity("A3"), 0.95 * 0.5);
  EXPECT_DOUBLE_EQ(g.fidelity(""), 0.4 * 0.45);
}

std::string parse_message(const std::string& text, bool json) {
  try {
    if (json)
      (void)parse_grading_json(text, "g.json");
    else
      (void)parse_grading_csv(text, "g.csv");
  } catch (const parse_error& e) {
    return e.what();
  }
  return "no error";
}

TEST(scenario_grading_io, csv_errors_name_the_line) {
  EXPECT_THAT(parse_message("code,weight\nG,0.5\n", false),
              HasSubstr("g.csv:2: unknown grading code 'G' (codes: A, B, C, D, E, F, 1, 2, 3, 4, 5, 6, copy)"));
  EXPECT_THAT(parse_message("code,weight\nA,1.5\n", false), HasSubstr("g.csv:2: source reliability A weight 1.5 is outside [0, 1]"));
  EXPECT_THAT(parse_message("code,weight\nA,x\n", false), HasSubstr("weight 'x' of code 'A' is not a number"));
  EXPECT_THAT(parse_message("code,weight\nA,0.9\na,0.8\n", false),
              HasSubstr("g.csv:3: grading code 'A' is given again; line 2 already sets it"));
  EXPECT_THAT(parse_message("code,value\nA,0.9\n", false), HasSubstr("missing column 'weight'"));
}

TEST(scenario_grading_io, json_and_round_trips) {
  const auto g = parse_grading_json(
      R"({"source": {"A": 0.95, "f": 0.4}, "information": {"2": 0.7, "6": 0.45}, "copy_fidelity": 1})");
  EXPECT_EQ(g.source_weight('A'), 0.95);
  EXPECT_EQ(g.default_source_weight(), 0.4);
  EXPECT_EQ(g.information_weight('2'), 0.7);
  EXPECT_EQ(g.default_information_weight(), 0.45);
  EXPECT_EQ(g.copy_fidelity(), 1.0);
  EXPECT_TRUE(same_weights(parse_grading_json(write_grading_json(g)), g));
  EXPECT_TRUE(same_weights(parse_grading_csv(write_grading_csv(g)), g));
  EXPECT_FALSE(same_weights(g, grading_table{}));
  EXPECT_TRUE(same_weights(parse_grading_csv(write_grading_csv(grading_table{})), grading_table{}));

  EXPECT_THAT(parse_message(R"({"sources": {}})", true),
              HasSubstr("unknown member 'sources' (members: source, information, copy_fidelity)"));
  EXPECT_THAT(parse_message(R"({"source": {"G": 0.5}})", true),
              HasSubstr("'G' in 'source' is not a source-reliability letter"));
  EXPECT_THAT(parse_message(R"({"information": {"1": "high"}})", true), HasSubstr("information.1 is not a number"));
  EXPECT_THAT(parse_message(R"({"copy_fidelity": 2})", true), HasSubstr("copy fidelity weight 2 is outside [0, 1]"));
  EXPECT_THAT(parse_message("{\n  \"source\": {\"A\": 0.9,}\n}", true), HasSubstr("g.json:2:"));
}

TEST(scenario_grading_io, files_by_extension_or_content) {
  const std::string dir = ::testing::TempDir();
  const std::string csv = dir + "augury_grading_test.csv", json = dir + "augury_grading_test.txt";
  std::ofstream(csv) << "code,weight\nB,0.8\n";
  std::ofstream(json) << "  {\"source\": {\"B\": 0.85}}";
  EXPECT_EQ(read_grading_table(csv).source_weight('B'), 0.8);
  EXPECT_EQ(read_grading_table(json).source_weight('B'), 0.85);
  std::remove(csv.c_str());
  std::remove(json.c_str());
  EXPECT_THROW((void)read_grading_table(dir + "no_such_grading_file.csv"), parse_error);
}

}  // namespace
}  // namespace augury
