// GeNIe XDSL reader and writer: cpt and deterministic nodes, the display extension, network
// properties, precise errors, and round trips.

#include <augury/io/xdsl.hpp>
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

std::string smile(const std::string& nodes) {
  return "<?xml version=\"1.0\"?>\n<smile version=\"1.0\" id=\"T\">\n<nodes>\n" + nodes + "</nodes>\n</smile>\n";
}

TEST(XdslReader, B13DeterministicCopies) {
  const auto net = io::read_xdsl(data_dir() + "/xdsl/b13_deterministic.xdsl");
  EXPECT_EQ(net.name(), "B13: deterministic copies");
  EXPECT_EQ(net.properties().at("source"), "field-faults B13");
  EXPECT_EQ(net.properties().at("author"), "augury tests");
  // Variable ids follow the <genie> extension: S, R, A, B.
  ASSERT_EQ(net.size(), 4u);
  EXPECT_EQ(net.var(0).name(), "S");
  EXPECT_EQ(net.var(1).name(), "R");
  // P(S) = (0.7, 0, 0.3); P(B=1 | A=1) = 1.
  const auto s = posterior(net, "S");
  EXPECT_NEAR(s[0], 0.7, 1e-12);
  EXPECT_EQ(s[1], 0.0);
  EXPECT_NEAR(s[2], 0.3, 1e-12);
  EXPECT_NEAR(posterior(net, "B", {{"A", "a1"}})[1], 1.0, 1e-12);
  EXPECT_EQ(net.cpt_of(net.id("S")).table().values(),
            (std::vector<double>{1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1}));
}

TEST(XdslReader, WithoutExtensionTheNodesOrderAndIdAreUsed) {
  const auto net = io::parse_xdsl(smile(
      "<cpt id=\"A\"><state id=\"a0\"/><state id=\"a1\"/><probabilities>0.25 0.75</probabilities></cpt>\n"
      "<cpt id=\"B\"><state id=\"b0\"/><state id=\"b1\"/><parents>A</parents>"
      "<probabilities>0.9 0.1 0.2 0.8</probabilities></cpt>\n"));
  EXPECT_EQ(net.name(), "T");
  EXPECT_EQ(net.var(0).name(), "A");
  EXPECT_EQ(net.cpt_of(1).table().values(), (std::vector<double>{0.9, 0.1, 0.2, 0.8}));
}

TEST(XdslReader, PreciseErrors) {
  const std::string a = "<cpt id=\"A\"><state id=\"a0\"/><state id=\"a1\"/><probabilities>0.25 0.75</probabilities></cpt>\n";
  const auto check = [&](const std::string& nodes, std::size_t line, const std::string& message) {
    const auto e = parse_error_of([&] { (void)io::parse_xdsl(smile(nodes), "t.xdsl"); });
    ASSERT_TRUE(e) << nodes;
    EXPECT_EQ(e->line(), line) << nodes;
    EXPECT_EQ(e->detail(), message);
  };
  check(a + "<noisymax id=\"N\"><state id=\"x\"/></noisymax>\n", 5,
        "node 'N' is a <noisymax> node; only <cpt> and <deterministic> nodes are supported (noisy-MAX, equation, "
        "decision and utility nodes are not)");
  check(a + "<cpt id=\"B\"><state id=\"b0\"/><parents>A C</parents><probabilities>1 1</probabilities></cpt>\n", 5,
        "node 'B' names unknown parent 'C' (nodes: A, B)");
  check(a + "<cpt id=\"B\"><state id=\"b0\"/><state id=\"b1\"/><parents>A</parents>"
            "<probabilities>0.5 0.5 0.5 0.4</probabilities></cpt>\n",
        5, "the distribution of 'B' for (A=a1) in its probabilities sums to 0.9, not 1 (tolerance 1e-06)");
  check(a + "<deterministic id=\"B\"><state id=\"b0\"/><parents>A</parents><resultingstates>b0 b9</resultingstates>"
            "</deterministic>\n",
        5, "the <resultingstates> of 'B' name 'b9', which is not one of its states (b0)");
  check(a + a, 5, "node 'A' is declared twice (first at line 4)");
  const auto root = parse_error_of([&] { (void)io::parse_xdsl("<BIF VERSION=\"0.3\"><NETWORK/></BIF>"); });
  ASSERT_TRUE(root);
  EXPECT_EQ(root->detail(), "the root element is <BIF>: this is an XMLBIF document, not XDSL (read it as XMLBIF)");
}

TEST(XdslWriter, ListsParentsFirstAndReadsBackInTheSameOrder) {
  // B is declared before its parent A: GeNIe needs A first in <nodes>.
  bayesian_network net("two words");
  const var_id b = net.add_variable("B", {"b0", "b1"});
  const var_id a = net.add_variable("A", {"a0", "a1"});
  net.set_cpt(a, {}, {0.3, 0.7});
  net.set_cpt(b, {a}, {0.9, 0.1, 0.2, 0.8});
  net.properties()["author"] = "me & you";
  const std::string text = io::to_xdsl(net);
  EXPECT_LT(text.find("<cpt id=\"A\">"), text.find("<cpt id=\"B\">"));
  EXPECT_THAT(text, HasSubstr("id=\"two_words\""));
  EXPECT_EQ(io::parse_xdsl(text), net);
  EXPECT_TRUE(io::conversion_losses(net, io::model_format::xdsl).empty());
}

TEST(XdslWriter, PropertiesWithoutAnIdentifierKeyAreReported) {
  bayesian_network net("n");
  net.properties()["not an id"] = "x";
  net.properties()["ok"] = "y";
  const auto losses = io::conversion_losses(net, io::model_format::xdsl);
  ASSERT_EQ(losses.size(), 1u);
  EXPECT_THAT(losses[0], HasSubstr("network property 'not an id' = 'x'"));
  const auto back = io::parse_xdsl(io::to_xdsl(net));
  EXPECT_EQ(back.properties(), (std::map<std::string, std::string>{{"ok", "y"}}));
}

TEST(XdslWriter, RefusesStatesThatAreNotIdentifiers) {
  bayesian_network net;
  net.add_variable("X", {"0", "1"});
  net.set_cpt(0, {}, {0.5, 0.5});
  try {
    (void)io::to_xdsl(net);
    FAIL() << "no exception";
  } catch (const error& e) {
    EXPECT_THAT(e.what(), HasSubstr("XDSL cannot spell state '0' of variable 'X': GeNIe identifiers start with an "
                                    "ASCII letter"));
  }
}

TEST(XdslWriter, B13RoundTrip) {
  const auto net = io::read_xdsl(data_dir() + "/xdsl/b13_deterministic.xdsl");
  EXPECT_EQ(io::parse_xdsl(io::to_xdsl(net)), net);
}

}  // namespace
}  // namespace augury
