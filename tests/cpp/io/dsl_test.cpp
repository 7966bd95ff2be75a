// GeNIe DSL reader and writer: CRLF files with the sections GeNIe writes, the B02 network,
// precise errors, the parents-first node order, and round trips.

#include <augury/io/bif.hpp>
#include <augury/io/dsl.hpp>
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

std::string node(const std::string& id, const std::string& parents, const std::string& states,
                 const std::string& probs, const std::string& type = "CPT") {
  return "node " + id + " {\n TYPE = " + type + ";\n HEADER = { ID = " + id + "; NAME = \"" + id +
         "\"; };\n PARENTS = (" + parents + ");\n DEFINITION = {\n  NAMESTATES = (" + states +
         ");\n  PROBABILITIES = (" + probs + ");\n };\n};\n";
}

TEST(DslReader, CrlfFileWithGenieSectionsGivesB02) {
  const auto net = io::read_dsl(data_dir() + "/dsl/b02_alarm_crlf.dsl");
  EXPECT_EQ(net.name(), "B02: burglary, quake and alarm");
  ASSERT_EQ(net.size(), 3u);  // the `node` entry inside OBSERVATION_COST is not a node
  EXPECT_NEAR(posterior(net, "Alarm")[0], 0.1554, 1e-12);
  EXPECT_NEAR(posterior(net, "Burglary", {{"Alarm", "yes"}})[0], 145.0 / 259.0, 1e-12);
  const auto bif = io::read_bif(data_dir() + "/bif/b02_alarm_table.bif");
  EXPECT_TRUE(test_io::same_cpts_by_name(net, bif));
}

TEST(DslReader, WithoutHeaderTheNetIdentifierIsTheName) {
  const auto net = io::parse_dsl("net Unnamed\n{\n" + node("A", "", "0, 1", "0.3, 0.7") + "};\n");
  EXPECT_EQ(net.name(), "Unnamed");
  EXPECT_EQ(net.var(0).states(), (std::vector<std::string>{"0", "1"}));
}

TEST(DslReader, PreciseErrors) {
  // Line 1 is "net N"; line 2 opens the block and node A (lines 2-10); node B starts on line 11.
  const std::string a = node("A", "", "a0, a1", "0.3, 0.7");
  const auto check = [&](const std::string& body, std::size_t line, std::size_t column, const std::string& message) {
    const auto e = parse_error_of([&] { (void)io::parse_dsl("net N\n{" + body, "t.dsl"); });
    ASSERT_TRUE(e) << body;
    EXPECT_EQ(e->line(), line) << body;
    EXPECT_EQ(e->column(), column) << body;
    EXPECT_EQ(e->detail(), message);
  };
  check(a + node("B", "A", "b0, b1", "0.5, 0.5, 0.5, 0.4") + "};", 17, 30,
        "the distribution of 'B' for (A=a1) in its PROBABILITIES sums to 0.9, not 1 (tolerance 1e-06)");
  check(a + node("B", "A, C", "b0, b1", "1, 0") + "};", 14, 16, "node 'B' names unknown parent 'C' (nodes: A, B)");
  check(a + node("B", "A", "b0, b1", "1, 0, 1") + "};", 17, 19,
        "the PROBABILITIES of 'B' has 3 values, expected 4 (A[2] x B[2])");
  check(a + node("B", "A", "b0, b1", "1, 0, 1, 0", "NOISY_MAX") + "};", 12, 9,
        "node 'B' has TYPE = NOISY_MAX; only CPT and TRUTHTABLE nodes are supported (noisy-MAX, equation, decision "
        "and utility nodes are not)");
  check(a + a + "};", 11, 6, "node 'A' is declared twice (first at line 2)");
  check("node A { TYPE = CPT; PARENTS = (); };};", 2, 7,
        "node 'A' has no DEFINITION = { NAMESTATES = (...); ... } section");
  check(a, 11, 1, "expected '}' closing the network block (opened at line 2), found end of input");
}

TEST(DslWriter, RoundTripAndLayout) {
  const auto net = io::read_dsl(data_dir() + "/dsl/b02_alarm_crlf.dsl");
  const std::string text = io::to_dsl(net);
  EXPECT_THAT(text, HasSubstr("net B02__burglary__quake_and_alarm\n{\n\tHEADER =\n\t{\n\t\tID = "
                              "B02__burglary__quake_and_alarm;\n\t\tNAME = \"B02: burglary, quake and alarm\";"));
  EXPECT_THAT(text, HasSubstr("PROBABILITIES = (0.95, 0.05, 0.85, 0.15, 0.3, 0.7, 0.02, 0.98);"));
  EXPECT_EQ(io::parse_dsl(text), net);
  EXPECT_TRUE(io::conversion_losses(net, io::model_format::dsl).empty());
}

TEST(DslWriter, ParentsFirstOrderIsReportedWhenItChangesTheVariableOrder) {
  bayesian_network net("n");
  const var_id b = net.add_variable("B", {"b0", "b1"});
  const var_id a = net.add_variable("A", {"a0", "a1"});
  net.set_cpt(a, {}, {0.3, 0.7});
  net.set_cpt(b, {a}, {0.9, 0.1, 0.2, 0.8});
  net.properties()["k"] = "v";
  const auto back = io::parse_dsl(io::to_dsl(net));
  EXPECT_EQ(back.var(0).name(), "A");
  net.properties().clear();
  EXPECT_TRUE(test_io::equal_up_to_variable_order(back, net));
  net.properties()["k"] = "v";
  const auto losses = io::conversion_losses(net, io::model_format::dsl);
  ASSERT_EQ(losses.size(), 2u);
  EXPECT_EQ(losses[0], "network property 'k' = 'v' (DSL has no place for network properties)");
  EXPECT_THAT(losses[1], HasSubstr("variable order"));
}

// Found by fuzzing: a backslash in the network name was written as it is, and read back as
// an escape, so the name changed without a conversion loss.
TEST(DslWriter, NetworkNameWithBackslashIsAReportedLoss) {
  const bayesian_network net = io::parse_dsl("net ab\\\\cd\n{;\n}\n");
  ASSERT_EQ(net.name(), "ab\\\\cd");
  const auto losses = io::conversion_losses(net, io::model_format::dsl);
  ASSERT_EQ(losses.size(), 1u);
  EXPECT_EQ(losses[0],
            "network name 'ab\\\\cd' (written as 'ab__cd': a DSL string cannot hold '\"', '\\' or control "
            "characters)");
  EXPECT_EQ(io::parse_dsl(io::to_dsl(net)).name(), "ab__cd");
}

TEST(DslWriter, RefusesNamesThatAreNotIdentifiers) {
  bayesian_network net;
  net.add_variable("has space", {"x"});
  net.set_cpt(0, {}, {1.0});
  try {
    (void)io::to_dsl(net);
    FAIL() << "no exception";
  } catch (const error& e) {
    EXPECT_THAT(e.what(), HasSubstr("DSL cannot spell variable 'has space'"));
  }
}

}  // namespace
}  // namespace augury
