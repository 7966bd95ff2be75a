#include <augury/scenario/grading.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace augury {
namespace {

using ::testing::HasSubstr;

TEST(scenario_grading_table, fidelity_is_the_product_of_the_two_axes) {
  const grading_table& g = default_grading_table();
  EXPECT_DOUBLE_EQ(g.fidelity("A1"), 0.90 * 0.90);
  EXPECT_DOUBLE_EQ(g.fidelity("B2"), 0.75 * 0.75);
  EXPECT_DOUBLE_EQ(g.fidelity("c3"), 0.60 * 0.60);
  EXPECT_DOUBLE_EQ(g.fidelity("D3"), 0.40 * 0.60);
  EXPECT_DOUBLE_EQ(g.fidelity("E5"), 0.20 * 0.20);
}

TEST(scenario_grading_table, cannot_be_judged_and_ungraded_use_the_default_weight) {
  const grading_table& g = default_grading_table();
  EXPECT_DOUBLE_EQ(g.fidelity("F6"), 0.5 * 0.5);
  EXPECT_DOUBLE_EQ(g.fidelity("F2"), 0.5 * 0.75);
  EXPECT_DOUBLE_EQ(g.fidelity("B6"), 0.75 * 0.5);
  EXPECT_DOUBLE_EQ(g.fidelity(""), 0.25);
  EXPECT_DOUBLE_EQ(g.fidelity("Unknown"), 0.25);
  // An ungraded report still counts: its likelihood is not flat.
  const auto l = g.likelihood("", 2, 0);
  EXPECT_GT(l[0], l[1]);
}

TEST(scenario_grading_table, hit_rate_and_likelihood) {
  const grading_table& g = default_grading_table();
  const double r = 0.75 * 0.75;
  EXPECT_DOUBLE_EQ(g.hit_rate("B2", 2), r + (1 - r) / 2);
  EXPECT_DOUBLE_EQ(g.hit_rate("B2", 4), r + (1 - r) / 4);
  const auto l = g.likelihood("B2", 4, 2);
  ASSERT_EQ(l.size(), 4u);
  const double h = r + (1 - r) / 4;
  EXPECT_DOUBLE_EQ(l[2], h);
  for (std::size_t i : {0, 1, 3}) EXPECT_NEAR(l[i], (1 - h) / 3, 1e-15);
}

TEST(scenario_grading_table, channel_of_a_soft_pointer) {
  const grading_table& g = default_grading_table();
  // A one-hot pointer gives the state likelihood.
  const auto one = g.channel("C3", {0.0, 1.0, 0.0});
  const auto ref = g.likelihood("C3", 3, 1);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_NEAR(one[i], ref[i], 1e-15);
  // A soft pointer m gives sum_s m(s) P(says s | x): by hand for r = 0.36, k = 3.
  const double h = 0.36 + 0.64 / 3, miss = 0.64 / 3;
  const auto soft = g.channel("C3", {1.0, 0.5, 0.0});
  EXPECT_NEAR(soft[0], 1.0 * h + 0.5 * miss, 1e-15);
  EXPECT_NEAR(soft[1], 1.0 * miss + 0.5 * h, 1e-15);
  EXPECT_NEAR(soft[2], 1.5 * miss, 1e-15);
}

TEST(scenario_grading_table, weights_are_editable) {
  grading_table g;
  g.set_source_weight('b', 1.0);
  g.set_information_weight('2', 1.0);
  EXPECT_DOUBLE_EQ(g.fidelity("B2"), 1.0);
  EXPECT_DOUBLE_EQ(g.hit_rate("B2", 3), 1.0);
  g.set_default_source_weight(0.0);
  EXPECT_DOUBLE_EQ(g.fidelity("F1"), 0.0);
  EXPECT_DOUBLE_EQ(g.hit_rate("F1", 2), 0.5);  // no information at all
  EXPECT_THROW(g.set_source_weight('A', 1.5), report_error);
  EXPECT_THROW(g.set_source_weight('F', 0.5), report_error);
  EXPECT_THROW(g.set_information_weight('7', 0.5), report_error);
}

TEST(scenario_grading_table, malformed_grades_are_errors) {
  const grading_table& g = default_grading_table();
  for (const char* bad : {"B", "B22", "G1", "B0", "B7", "2B", "x"}) {
    try {
      (void)g.fidelity(bad);
      ADD_FAILURE() << bad;
    } catch (const report_error& e) {
      EXPECT_THAT(e.what(), HasSubstr(std::string("grade '") + bad + "'"));
      EXPECT_THAT(e.what(), HasSubstr("A-F"));
    }
  }
  EXPECT_THROW((void)g.hit_rate("B2", 1), report_error);
}

}  // namespace
}  // namespace augury
