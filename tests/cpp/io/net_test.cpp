// Hugin NET reader and writer: nested data (first parent outermost), counts normalised,
// experience tables skipped, Hugin GUI attributes kept, precise errors, round trips.

#include <augury/io/format.hpp>
#include <augury/io/net.hpp>

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

TEST(NetReader, CountsAreNormalisedAndDistributionsKeptAsWritten) {
  const auto net = io::read_net(data_dir() + "/net/hugin_counts.net");
  EXPECT_EQ(net.name(), "Counts");
  // Attributes with string values are kept; node_size (a list) is layout and dropped.
  EXPECT_EQ(net.properties(), (std::map<std::string, std::string>{
                                  {"HR_Desc", ""}, {"HR_Grid_X", "40"}, {"HR_Font_Name", "Arial"}}));
  EXPECT_EQ(net.cpt_of(net.id("Season")).table().values(), (std::vector<double>{0.25, 0.75}));
  // Rain | dry is the count row (6 3 1); Rain | wet already sums to 1 and is used as written.
  EXPECT_EQ(net.cpt_of(net.id("Rain")).table().values(), (std::vector<double>{0.6, 0.3, 0.1, 0.2, 0.3, 0.5}));
  // Flood | Rain Season: Rain outermost, Season inner, Flood innermost.
  EXPECT_EQ(net.cpt_of(net.id("Flood")).table().values(),
            (std::vector<double>{1, 0, 1, 0, 0.9, 0.1, 0.8, 0.2, 0.5, 0.5, 0.2, 0.8}));
  // P(Flood=yes) = 0.25 (0.3 0.1 + 0.1 0.5) + 0.75 (0.3 0.2 + 0.5 0.8) = 0.365.
  EXPECT_NEAR(posterior(net, "Flood")[1], 0.365, 1e-12);
}

TEST(NetReader, FirstParentIsOutermost) {
  const auto net = io::parse_net(
      "net { }\nnode A { states = (\"a0\" \"a1\"); }\nnode B { states = (b0 b1 b2); }\n"
      "node C { states = (\"c0\" \"c1\"); }\npotential (A) { data = (0.5 0.5); }\n"
      "potential (B) { data = (0.2 0.3 0.5); }\n"
      "potential (C | A B) { data = (((1 0)(0.9 0.1)(0.8 0.2))((0.7 0.3)(0.6 0.4)(0.5 0.5))); }\n");
  const cpt& c = net.cpt_of(net.id("C"));
  EXPECT_EQ(net.var(net.parents(net.id("C"))[0]).name(), "A");
  EXPECT_EQ(c(1, 0), 0.9);  // A=a0, B=b1
  EXPECT_EQ(c(3, 0), 0.7);  // A=a1, B=b0
  EXPECT_EQ(net.var(net.id("B")).states(), (std::vector<std::string>{"b0", "b1", "b2"}));
}

TEST(NetReader, PreciseErrors) {
  const std::string nodes = "net\n{\n}\nnode A\n{\n  states = (\"a0\" \"a1\");\n}\nnode B\n{\n  states = (\"b0\" \"b1\");\n}\n";
  const std::string pa = "potential (A)\n{\n  data = (0.5 0.5);\n}\n";  // lines 12-15
  const auto check = [&](const std::string& text, std::size_t line, const std::string& message) {
    const auto e = parse_error_of([&] { (void)io::parse_net(text, "t.net"); });
    ASSERT_TRUE(e) << text;
    EXPECT_EQ(e->line(), line) << text;
    EXPECT_EQ(e->detail(), message);
  };
  check(nodes + pa + "potential (B | A)\n{\n  data = ((1 0)(0 0));\n}\n", 18,
        "the distribution of 'B' for (A=a1) in its data is all zero, so it cannot be normalised to a distribution");
  check(nodes + pa + "potential (B | A)\n{\n  data = ((1 0)(-1 2));\n}\n", 18,
        "the distribution of 'B' for (A=a1) in its data gives state 'b0' the negative weight -1");
  check(nodes + pa + "potential (B | A)\n{\n  data = ((1 0)(0 1 0));\n}\n", 18,
        "the data of 'B' has 5 values, expected 4 (A[2] x B[2])");
  check(nodes + pa + "potential (B | C)\n{\n  data = ((1 0)(0 1));\n}\n", 16,
        "potential names unknown parent 'C' (nodes: A, B)");
  check(nodes + pa, 8, "node 'B' has no potential");
  check(nodes + pa + "potential (B A | A)\n{\n}\n", 16,
        "the potential of 'B' names a second node 'A' before '|'; only one child per potential is supported");
  check(nodes + "continuous node X\n{\n}\n", 12, "node 'X' is a continuous node; only discrete chance nodes are supported");
  check(nodes + "decision D\n{\n}\n", 12, "node 'D' is a decision node; only discrete chance nodes are supported");
  check(nodes + pa + "potential (B | A)\n{\n  model_nodes = ();\n  model_data = (1);\n}\n", 16,
        "the potential of 'B' has no data = (...) table (tables given only by an expression, model_data, are not "
        "supported)");
}

TEST(NetWriter, RoundTripsWithNameAndProperties) {
  const auto net = io::read_net(data_dir() + "/net/hugin_counts.net");
  const std::string text = io::to_net(net);
  EXPECT_THAT(text, HasSubstr("net\n{\n  name = \"Counts\";\n"));
  EXPECT_THAT(text, HasSubstr("potential ( Flood | Rain Season )\n{\n  data = (((1 0)\n"));
  EXPECT_EQ(io::parse_net(text), net);
  EXPECT_TRUE(io::conversion_losses(net, io::model_format::net).empty());
}

TEST(NetWriter, StatesMayHoldAnyTextButQuotesAndVariablesMustBeIdentifiers) {
  bayesian_network net("n");
  const var_id x = net.add_variable("_X1", {"(1,999, 20]", "State 2", "<5"});
  net.set_cpt(x, {}, {0.2, 0.3, 0.5});
  EXPECT_EQ(io::parse_net(io::to_net(net)), net);

  bayesian_network quoted;
  quoted.add_variable("Q", {"say \"hi\""});
  quoted.set_cpt(0, {}, {1.0});
  try {
    (void)io::to_net(quoted);
    FAIL() << "no exception";
  } catch (const error& e) {
    EXPECT_THAT(e.what(), HasSubstr("NET cannot spell state 'say \"hi\"' of variable 'Q'"));
  }
  bayesian_network dashed;
  dashed.add_variable("light-on", {"t", "f"});
  dashed.set_cpt(0, {}, {0.5, 0.5});
  EXPECT_THROW((void)io::to_net(dashed), error);
}

TEST(NetWriter, PropertiesItCannotWriteAreReported) {
  bayesian_network net("");
  net.properties()["name"] = "clash";
  net.properties()["a b"] = "x";
  net.properties()["ok"] = "fine";
  const auto losses = io::conversion_losses(net, io::model_format::net);
  ASSERT_EQ(losses.size(), 2u);
  EXPECT_THAT(losses[0], HasSubstr("network property 'a b' = 'x'"));
  EXPECT_THAT(losses[1], HasSubstr("network property 'name' = 'clash'"));
  const auto back = io::parse_net(io::to_net(net));
  EXPECT_EQ(back.name(), "");
  EXPECT_EQ(back.properties(), (std::map<std::string, std::string>{{"ok", "fine"}}));
}

}  // namespace
}  // namespace augury
