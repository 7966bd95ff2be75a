#include <augury/scenario/default_model.hpp>
#include <augury/scenario/report_csv.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace augury {
namespace {

using ::testing::HasSubstr;

const bayesian_network& net() {
  static const bayesian_network n = default_scenario_network();
  return n;
}

const std::string header = "date,indicator,state,likelihood,source,grade,summary\n";

TEST(scenario_report_csv, reads_quoted_fields_with_commas_quotes_and_newlines) {
  const std::string text = header +
      "2024-07-17,joint_air_missile_defence_drills,observed,,\"Xinhua, via People's Daily\",C2,"
      "\"drills \"\"Joint Sea\"\", with\nair defence\"\r\n"
      "2024-09-25,arms_sales,,continuing:1;halted:0.5,Reuters,B3,plain\n";
  const auto batch = parse_report_csv(text, net());
  ASSERT_EQ(batch.rejected.size(), 0u) << batch.rejected[0].reason;
  ASSERT_EQ(batch.reports.size(), 2u);
  EXPECT_EQ(batch.reports[0].source, "Xinhua, via People's Daily");
  EXPECT_EQ(batch.reports[0].summary, "drills \"Joint Sea\", with\nair defence");
  EXPECT_EQ(batch.reports[0].line, 2u);
  EXPECT_EQ(batch.reports[1].line, 4u);  // the quoted newline moved it down a line
  EXPECT_EQ(batch.reports[1].likelihood, (std::vector<double>{1.0, 0.5}));
  EXPECT_EQ(batch.reports[1].grade, "B3");
}

TEST(scenario_report_csv, columns_are_found_by_name) {
  const std::string text =
      "grade,source,indicator,date,state\n"
      "A1,Kremlin,space_cooperation,2024-06-12,agreements\n";
  const auto batch = parse_report_csv(text, net());
  ASSERT_EQ(batch.reports.size(), 1u);
  EXPECT_EQ(batch.reports[0].indicator, "space_cooperation");
  EXPECT_EQ(batch.reports[0].state, "agreements");
  EXPECT_EQ(batch.reports[0].date, "2024-06-12");
}

TEST(scenario_report_csv, missing_column_names_it_and_lists_the_required_ones) {
  try {
    (void)parse_report_csv("date,indicator,state,source\n2024-01-01,arms_sales,halted,x\n", net(),
                           "reports.csv");
    FAIL() << "no error";
  } catch (const parse_error& e) {
    EXPECT_EQ(e.source(), "reports.csv");
    EXPECT_EQ(e.line(), 1u);
    EXPECT_THAT(e.what(), HasSubstr("missing column 'grade'"));
    EXPECT_THAT(e.what(), HasSubstr("required columns: date, indicator, source, grade"));
  }
  EXPECT_THROW((void)parse_report_csv("date,indicator,source,grade\n", net()), parse_error);
  EXPECT_THROW((void)parse_report_csv("", net()), parse_error);
}

TEST(scenario_report_csv, unclosed_quote_is_a_parse_error_with_its_line) {
  try {
    (void)parse_report_csv(header + "2024-01-01,arms_sales,halted,,\"Reuters,B2,x\n", net());
    FAIL() << "no error";
  } catch (const parse_error& e) {
    EXPECT_EQ(e.line(), 2u);
    EXPECT_EQ(e.column(), 31u);
    EXPECT_THAT(e.what(), HasSubstr("never closed"));
  }
  EXPECT_THROW((void)parse_report_csv(header + "2024-01-01,arms\"sales,halted,,x,B2,y\n", net()),
               parse_error);
  EXPECT_THROW((void)parse_report_csv(header + "2024-01-01,\"arms_sales\"x,halted,,x,B2,y\n", net()),
               parse_error);
}

std::string only_rejection(const std::string& row) {
  const auto batch = parse_report_csv(header + row, net());
  EXPECT_EQ(batch.reports.size(), 0u);
  EXPECT_EQ(batch.rejected.size(), 1u);
  if (batch.rejected.size() != 1) return "";
  EXPECT_EQ(batch.rejected[0].line, 2u);
  return batch.rejected[0].reason;
}

TEST(scenario_report_csv, bad_rows_are_rejected_with_a_reason) {
  EXPECT_THAT(only_rejection("2024-02-30,arms_sales,halted,,x,B2,y\n"),
              HasSubstr("'2024-02-30' is not a valid calendar date"));
  EXPECT_THAT(only_rejection("2024/02/03,arms_sales,halted,,x,B2,y\n"),
              HasSubstr("YYYY-MM-DD"));
  EXPECT_THAT(only_rejection("2024-02-03,arms_trade,halted,,x,B2,y\n"),
              HasSubstr("unknown indicator 'arms_trade' (indicators: polarity, us_china_relations"));
  EXPECT_THAT(only_rejection("2024-02-03,arms_sales,paused,,x,B2,y\n"),
              HasSubstr("no state 'paused' (states: continuing, halted)"));
  EXPECT_THAT(only_rejection("2024-02-03,arms_sales,,,x,B2,y\n"), HasSubstr("not neither"));
  EXPECT_THAT(only_rejection("2024-02-03,arms_sales,halted,continuing:1;halted:1,x,B2,y\n"),
              HasSubstr("give exactly one"));
  EXPECT_THAT(only_rejection("2024-02-03,arms_sales,halted,,x,Q2,y\n"), HasSubstr("grade 'Q2'"));
  EXPECT_THAT(only_rejection("2024-02-03,arms_sales,halted,,x,B2\n"),
              HasSubstr("row has 6 fields, the header has 7"));
}

TEST(scenario_report_csv, likelihood_with_wrong_states_is_rejected) {
  EXPECT_THAT(only_rejection("2024-02-03,arms_sales,,continuing:1;paused:1,x,B2,y\n"),
              HasSubstr("unknown state 'paused' (states: continuing, halted)"));
  EXPECT_THAT(only_rejection("2024-02-03,arms_sales,,continuing:1,x,B2,y\n"),
              HasSubstr("does not give state halted"));
  EXPECT_THAT(only_rejection("2024-02-03,arms_sales,,continuing:1;continuing:2;halted:1,x,B2,y\n"),
              HasSubstr("gives state 'continuing' twice"));
  EXPECT_THAT(only_rejection("2024-02-03,arms_sales,,continuing:-1;halted:1,x,B2,y\n"),
              HasSubstr("non-negative"));
  EXPECT_THAT(only_rejection("2024-02-03,arms_sales,,continuing:abc;halted:1,x,B2,y\n"),
              HasSubstr("'abc'"));
  EXPECT_THAT(only_rejection("2024-02-03,arms_sales,,continuing:0;halted:0,x,B2,y\n"),
              HasSubstr("zero for every state"));
  EXPECT_THAT(only_rejection("2024-02-03,arms_sales,,continuing 1;halted:0,x,B2,y\n"),
              HasSubstr("not of the form state:value"));
}

TEST(scenario_report_csv, every_row_becomes_a_report_or_a_rejection) {
  const std::string text = header +
                           "2024-01-01,arms_sales,halted,,a,B2,\n"
                           "\n"  // an empty line is not a row
                           "2024-01-02,arms_sales,nope,,a,B2,\n"
                           "2024-01-03,cyber_cooperation,observed,,a,,\n"
                           "2024-13-03,cyber_cooperation,observed,,a,,\n";
  const auto batch = parse_report_csv(text, net());
  EXPECT_EQ(batch.reports.size() + batch.rejected.size(), 4u);
  ASSERT_EQ(batch.rejected.size(), 2u);
  EXPECT_EQ(batch.rejected[0].line, 4u);
  EXPECT_EQ(batch.rejected[1].line, 6u);
}

TEST(scenario_report_csv, write_then_read_gives_the_same_reports) {
  report a;
  a.date = "2024-05-16";
  a.indicator = "alliance_treaty_language";
  a.state = "alignment_statements";
  a.source = "Joint statement, \"new era\"";
  a.grade = "B2";
  a.summary = "line one\nline two, with a comma";
  a.url = "https://example.org/a?b=1,2";
  report b;
  b.date = "2024-09-25";
  b.indicator = "sensitive_technology_transfer";
  b.likelihood = {0.1, 1.0 / 3.0, 2.5e-7};
  b.source = "x";
  std::vector<report> reports{a, b};
  const auto batch = parse_report_csv(write_report_csv(reports, net()), net());
  ASSERT_EQ(batch.rejected.size(), 0u);
  ASSERT_EQ(batch.reports.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    report got = batch.reports[i];
    got.line = 0;
    EXPECT_EQ(got, reports[i]) << i;
  }
}

}  // namespace
}  // namespace augury
