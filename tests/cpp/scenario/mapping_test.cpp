#include <augury/detail/embedded_data.hpp>
#include <augury/scenario/default_model.hpp>
#include <augury/scenario/mapping.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

namespace augury {
namespace {

using ::testing::HasSubstr;

const bayesian_network& net() {
  static const bayesian_network n = default_scenario_network();
  return n;
}

// Data rows of the shipped timeline counted without the CSV reader: the file holds no
// line breaks inside fields, so every line after the header that starts with a date is a row.
std::size_t shipped_rows() {
  std::istringstream in{std::string(detail::shipped_timeline_csv())};
  std::string line;
  std::size_t rows = 0;
  std::getline(in, line);
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    EXPECT_TRUE(is_iso_date(line.substr(0, 10))) << line;
    ++rows;
  }
  return rows;
}

TEST(scenario_shipped_data, headers_are_exact) {
  const std::string_view t = detail::shipped_timeline_csv();
  const std::string_view m = detail::shipped_mapping_csv();
  EXPECT_EQ(t.substr(0, t.find('\n')), "date,indicator,observed_state,grade,source_name,source_url,summary");
  EXPECT_EQ(m.substr(0, m.find('\n')), "reporter_indicator,reporter_state,node,state,likelihood,note");
}

TEST(scenario_shipped_data, every_row_is_mapped_or_rejected_with_a_reason) {
  const std::size_t rows = shipped_rows();
  EXPECT_EQ(rows, 30u);
  const report_batch batch = shipped_timeline();
  EXPECT_EQ(batch.reports.size() + batch.rejected.size(), rows);
  std::set<std::size_t> lines;
  for (const auto& r : batch.reports) lines.insert(r.line);
  for (const auto& r : batch.rejected) {
    lines.insert(r.line);
    EXPECT_FALSE(r.reason.empty());
  }
  EXPECT_EQ(lines.size(), rows);  // no row counted twice
  // The one pair the mapping leaves out on purpose: a forecast, not an observation.
  ASSERT_EQ(batch.rejected.size(), 1u);
  EXPECT_EQ(batch.rejected[0].line, 22u);
  EXPECT_THAT(batch.rejected[0].reason,
              HasSubstr("(sensitive_tech_transfer, expected_by_us) maps to no model node"));
  EXPECT_THAT(batch.rejected[0].reason, HasSubstr("reports no event"));
  // Every mapped report fits the model.
  for (const auto& r : batch.reports) EXPECT_NO_THROW((void)report_likelihood(net(), r)) << r.line;
}

TEST(scenario_shipped_data, every_timeline_pair_is_in_the_mapping) {
  const auto timeline = shipped_reporter_timeline();
  const auto mapping = shipped_mapping();
  EXPECT_TRUE(timeline.rejected.empty());
  for (const auto& e : timeline.events)
    EXPECT_NE(mapping.find(e.indicator, e.observed_state), nullptr) << e.line;
  EXPECT_NO_THROW(mapping.check(net()));
}

TEST(scenario_shipped_data, grades_follow_the_reliability_hint_rule) {
  // The compiled timeline beside the repository carries the hints the grades come from.
  const std::string path = std::string(AUGURY_SHARED_DIR) + "/data/evidence/timeline-2023-10-to-2025-06.csv";
  std::ifstream in(path);
  if (!in) GTEST_SKIP() << "shared data not found at " << path;
  std::ostringstream text;
  text << in.rdbuf();
  const auto raw = parse_reporter_timeline_csv(text.str(), path);
  const auto shipped = shipped_reporter_timeline();
  ASSERT_EQ(raw.events.size(), shipped.events.size());
  for (std::size_t i = 0; i < raw.events.size(); ++i) {
    SCOPED_TRACE(shipped.events[i].line);
    EXPECT_FALSE(raw.events[i].grade.empty());  // every hint is covered by the rule
    EXPECT_EQ(raw.events[i].grade, shipped.events[i].grade);
    EXPECT_EQ(raw.events[i].date, shipped.events[i].date);
    EXPECT_EQ(raw.events[i].indicator, shipped.events[i].indicator);
    EXPECT_EQ(raw.events[i].observed_state, shipped.events[i].observed_state);
    EXPECT_EQ(raw.events[i].source_url, shipped.events[i].source_url);
    EXPECT_EQ(raw.events[i].source_name, shipped.events[i].source_name);
    EXPECT_NE(raw.events[i].summary, shipped.events[i].summary);  // our own words
  }
  // Mapping the raw file gives the same reports as the shipped one (summaries aside).
  const auto a = map_timeline(raw, shipped_mapping(), net());
  const auto b = shipped_timeline();
  ASSERT_EQ(a.reports.size(), b.reports.size());
  for (std::size_t i = 0; i < a.reports.size(); ++i) {
    EXPECT_EQ(a.reports[i].likelihood, b.reports[i].likelihood);
    EXPECT_EQ(a.reports[i].state, b.reports[i].state);
  }
}

const std::string mapping_header = "reporter_indicator,reporter_state,node,state,likelihood,note\n";

TEST(scenario_mapping, soft_pointer_goes_through_the_grade_channel) {
  const auto mapping = parse_mapping_csv(mapping_header +
                                         "sales,denied,arms_sales,,continuing:1;halted:0.5,partial\n"
                                         "sales,seen,arms_sales,continuing,,\n");
  const auto timeline = parse_reporter_timeline_csv(
      "date,indicator,observed_state,grade\n"
      "2024-01-01,sales,denied,B3\n"
      "2024-01-02,sales,seen,B3\n"
      "2024-01-03,sales,rumoured,B3\n"
      "2024-01-04,ships,seen,B3\n");
  const auto batch = map_timeline(timeline, mapping, net());
  ASSERT_EQ(batch.reports.size(), 2u);
  const double r = 0.75 * 0.6, h = r + (1 - r) / 2, miss = (1 - r) / 2;
  ASSERT_EQ(batch.reports[0].likelihood.size(), 2u);
  EXPECT_NEAR(batch.reports[0].likelihood[0], h + 0.5 * miss, 1e-15);
  EXPECT_NEAR(batch.reports[0].likelihood[1], miss + 0.5 * h, 1e-15);
  EXPECT_EQ(batch.reports[1].state, "continuing");
  EXPECT_EQ(batch.reports[1].grade, "B3");
  ASSERT_EQ(batch.rejected.size(), 2u);
  EXPECT_EQ(batch.rejected[0].line, 4u);
  EXPECT_THAT(batch.rejected[0].reason,
              HasSubstr("(sales, rumoured) is not in the mapping <string> (mapped states of 'sales': denied, seen)"));
  EXPECT_THAT(batch.rejected[1].reason, HasSubstr("has no reporter indicator 'ships'"));
}

TEST(scenario_mapping, timeline_rows_that_cannot_be_read_are_rejected) {
  const auto timeline = parse_reporter_timeline_csv(
      "date,indicator,observed_state,reliability_hint\n"
      "2024-02-30,sales,seen,news_report\n"
      "2024-03-01,,seen,news_report\n"
      "2024-03-02,sales,seen\n"
      "2024-03-03,sales,seen,carrier_pigeon\n"
      "2024-03-04,sales,seen,official_statement\n");
  ASSERT_EQ(timeline.rejected.size(), 3u);
  EXPECT_THAT(timeline.rejected[0].reason, HasSubstr("not a valid calendar date"));
  EXPECT_THAT(timeline.rejected[1].reason, HasSubstr("empty indicator"));
  EXPECT_THAT(timeline.rejected[2].reason, HasSubstr("row has 3 fields, the header has 4"));
  ASSERT_EQ(timeline.events.size(), 2u);
  EXPECT_EQ(timeline.events[0].grade, "");  // an unknown hint leaves the report ungraded
  EXPECT_EQ(timeline.events[1].grade, "A2");
  // Timeline rejections pass through map_timeline, in line order.
  const auto mapping = parse_mapping_csv(mapping_header + "sales,seen,arms_sales,continuing,,\n");
  const auto batch = map_timeline(timeline, mapping, net());
  EXPECT_EQ(batch.reports.size(), 2u);
  ASSERT_EQ(batch.rejected.size(), 3u);
  EXPECT_EQ(batch.rejected[0].line, 2u);
  EXPECT_EQ(batch.rejected[2].line, 4u);
  EXPECT_THROW((void)parse_reporter_timeline_csv("date,indicator\n"), parse_error);
}

std::string mapping_error(const std::string& rows) {
  try {
    (void)parse_mapping_csv(mapping_header + rows, "m.csv");
  } catch (const parse_error& e) {
    return e.what();
  }
  return "no error";
}

TEST(scenario_mapping, malformed_mappings_are_errors) {
  EXPECT_THAT(mapping_error("a,b,arms_sales,halted,,\na,b,arms_sales,continuing,,\n"),
              HasSubstr("m.csv:3: reporter pair (a, b) is mapped again; line 2 already maps it"));
  EXPECT_THAT(mapping_error("a,b,,,,\n"), HasSubstr("its note must say why"));
  EXPECT_THAT(mapping_error("a,b,,halted,,why\n"), HasSubstr("gives a state or likelihood but no node"));
  EXPECT_THAT(mapping_error("a,b,arms_sales,halted,halted:1;continuing:0,\n"), HasSubstr("not both"));
  EXPECT_THAT(mapping_error("a,b,arms_sales,,,\n"), HasSubstr("not neither"));
  EXPECT_THAT(mapping_error(",b,arms_sales,halted,,\n"), HasSubstr("needs both"));
  try {
    (void)parse_mapping_csv("reporter_indicator,reporter_state,node,state,note\n");
    FAIL();
  } catch (const parse_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("missing column 'likelihood'"));
  }
}

TEST(scenario_mapping, a_mapping_that_does_not_fit_the_model_is_an_error) {
  const auto bad_node = parse_mapping_csv(mapping_header + "a,b,arms_trade,halted,,\n", "m.csv");
  try {
    bad_node.check(net());
    FAIL();
  } catch (const report_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("m.csv: line 2 (a, b) names unknown node 'arms_trade' (nodes: polarity,"));
  }
  const auto bad_state = parse_mapping_csv(mapping_header + "a,b,arms_sales,paused,,\n");
  EXPECT_THROW(bad_state.check(net()), report_error);
  const auto bad_vector = parse_mapping_csv(mapping_header + "a,b,arms_sales,,halted:1,\n");
  try {
    (void)map_timeline({}, bad_vector, net());
    FAIL();
  } catch (const report_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("does not give state continuing"));
  }
}

}  // namespace
}  // namespace augury
