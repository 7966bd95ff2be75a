// DSC reader and writer: rows labelled by 0-based parent state indices in any order (the B01
// fault in this format), `default` rows, precise errors, and round trips.

#include <augury/io/bif.hpp>
#include <augury/io/dsc.hpp>
#include <augury/io/format.hpp>

#include "io/format_test_support.hpp"
#include "io/io_test_support.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace augury {
namespace {

using ::testing::HasSubstr;
using test_io::data_dir;
using test_io::parse_error_of;
using test_io::posterior;

TEST(DscReader, B01RowsArePlacedByTheirIndices) {
  const auto net = io::read_dsc(data_dir() + "/dsc/b01_scrambled.dsc");
  EXPECT_EQ(net.name(), "b01");
  // P(Yield=high) = 11/20; P(Soil | Yield=high) = (28/55, 12/55, 3/11).
  EXPECT_NEAR(posterior(net, "Yield")[1], 0.55, 1e-12);
  const auto soil = posterior(net, "Soil", {{"Yield", "high"}});
  EXPECT_NEAR(soil[0], 28.0 / 55.0, 1e-12);
  EXPECT_NEAR(soil[1], 12.0 / 55.0, 1e-12);
  EXPECT_NEAR(soil[2], 3.0 / 11.0, 1e-12);
  // The default row fills (sand, off), the one configuration not listed.
  const auto bif = io::read_bif(data_dir() + "/bif/b01_rows_out_of_order.bif");
  EXPECT_TRUE(test_io::same_cpts_by_name(net, bif));
}

TEST(DscReader, PreciseErrors) {
  const std::string head =
      "belief network \"t\"\nnode A {\n  type : discrete [ 2 ] = { \"a0\", \"a1\" };\n}\n"
      "node B {\n  type : discrete [ 2 ] = { \"b0\", \"b1\" };\n}\nprobability ( A ) {\n   0.5, 0.5;\n}\n";  // 10 lines
  const auto check = [&](const std::string& body, std::size_t line, const std::string& message) {
    const auto e = parse_error_of([&] { (void)io::parse_dsc(head + body, "t.dsc"); });
    ASSERT_TRUE(e) << body;
    EXPECT_EQ(e->line(), line) << body;
    EXPECT_EQ(e->detail(), message);
  };
  check("probability ( B | A ) {\n  (0) : 1, 0;\n  (1) : 0.5, 0.4;\n}\n", 13,
        "the distribution of 'B' for (A=a1) in row (1) sums to 0.9, not 1 (tolerance 1e-06)");
  check("probability ( B | A ) {\n  (0) : 1, 0;\n  (2) : 0.5, 0.5;\n}\n", 13,
        "row (2) of 'B': '2' is not a state index of parent 'A' (0 to 1: a0, a1)");
  check("probability ( B | A ) {\n  (0) : 1, 0;\n  (0) : 0.5, 0.5;\n}\n", 13,
        "row (0) of 'B' is given twice (first at line 12)");
  check("probability ( B | A ) {\n  (0) : 1, 0;\n}\n", 13,
        "the probability block of 'B' has no row for (A=a1) and no 'default' (1 of 2 parent configurations missing: "
        "(A=a1))");
  check("probability ( B | A ) {\n  (0) : 1, 0, 0;\n  (1) : 1, 0;\n}\n", 12,
        "row (0) of 'B' has 3 values, but 'B' has 2 states (b0, b1)");
  check("probability ( B | A ) {\n  function : max;\n  (0) : 1, 0;\n}\n", 12,
        "the probability block of 'B' declares 'function : max' (a noisy-MAX/noisy-OR model); only full tables are "
        "supported");
  check("probability ( B | C ) {\n  (0) : 1, 0;\n}\n", 11, "probability block names unknown parent 'C' (nodes: A, B)");
  check("probability ( B | A ) {\n  0.5, 0.5;\n}\n", 12,
        "the probability block of 'B' has a row without a '(i, j) :' label, but 'B' has parents; every row needs the "
        "state indices of its parents");
  check("", 5, "node 'B' has no probability block");
}

TEST(DscWriter, BnlearnLayoutAndRoundTrip) {
  const auto net = io::read_dsc(data_dir() + "/dsc/b01_scrambled.dsc");
  const std::string text = io::to_dsc(net);
  EXPECT_THAT(text, HasSubstr("node Soil {\n  type : discrete [ 3 ] = { \"sand\", \"clay\", \"loam\" };\n}\n"));
  // Rows with the first parent fastest.
  EXPECT_THAT(text, HasSubstr("probability ( Yield | Soil, Irrig ) {\n  (0, 0) : 0.2, 0.8;\n  (1, 0) : 0.45, 0.55;\n"
                              "  (2, 0) : 0.1, 0.9;\n  (0, 1) : 0.6, 0.4;\n"));
  EXPECT_EQ(io::parse_dsc(text), net);
}

TEST(DscWriter, PropertiesAreReportedAndNamesChecked) {
  bayesian_network net("n");
  net.properties()["k"] = "v";
  const var_id a = net.add_variable("A", {"<5", "5-12", "12+"});
  net.set_cpt(a, {}, {0.2, 0.3, 0.5});
  EXPECT_EQ(io::conversion_losses(net, io::model_format::dsc),
            (std::vector<std::string>{"network property 'k' = 'v' (DSC has no network properties)"}));
  net.properties().clear();
  EXPECT_EQ(io::parse_dsc(io::to_dsc(net)), net);
  bayesian_network bad;
  bad.add_variable("light-on", {"t"});
  bad.set_cpt(0, {}, {1.0});
  EXPECT_THROW((void)io::to_dsc(bad), error);
}

}  // namespace
}  // namespace augury
