// Netica DNE reader and writer: Netica's flat and nested probs, deterministic functables,
// strings with escapes and line continuations, precise errors, and round trips.

#include <augury/io/dne.hpp>
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

TEST(DneReader, SprinklerAsNeticaWritesIt) {
  const auto net = io::read_dne(data_dir() + "/dne/sprinkler.dne");
  EXPECT_EQ(net.name(), "Sprinkler");
  EXPECT_EQ(net.properties().at("title"), "Sprinkler, \"B12\"");
  EXPECT_EQ(net.properties().at("comment"), "Loopy network: exact P(Wet=wet) = 0.69126.\nSecond line of the comment.");
  EXPECT_EQ(net.properties().size(), 2u);
  // B12: exact P(Wet=wet) = 34563/50000, P(Rain=T | Wet=wet) = 7450/11521.
  EXPECT_NEAR(posterior(net, "Wet")[0], 0.69126, 1e-12);
  EXPECT_NEAR(posterior(net, "Rain", {{"Wet", "wet"}})[0], 7450.0 / 11521.0, 1e-12);
  EXPECT_EQ(net.cpt_of(net.id("Wet")).table().values(),
            (std::vector<double>{0.98, 0.02, 0.85, 0.15, 0.88, 0.12, 0.02, 0.98}));
}

TEST(DneReader, NestedProbsAndFunctables) {
  const auto net = io::read_dne(data_dir() + "/dne/b13_nested_determin.dne");
  EXPECT_EQ(net.cpt_of(net.id("A")).table().values(), (std::vector<double>{1, 0, 0, 1}));
  EXPECT_EQ(net.cpt_of(net.id("B")).table().values(), (std::vector<double>{1, 0, 0, 1}));
  const auto s = posterior(net, "S");
  EXPECT_NEAR(s[0], 0.7, 1e-12);
  EXPECT_EQ(s[1], 0.0);
  EXPECT_NEAR(s[2], 0.3, 1e-12);
  EXPECT_NEAR(posterior(net, "B", {{"A", "a1"}})[1], 1.0, 1e-12);
}

TEST(DneReader, PreciseErrors) {
  const std::string head = "// ~->[DNET-1]->~\nbnet N {\n";  // lines 1-2
  const std::string a = "node A {\n\tkind = NATURE;\n\tstates = (a0, a1);\n\tparents = ();\n\tprobs = (0.3, 0.7);\n\t};\n";
  const auto check = [&](const std::string& body, std::size_t line, const std::string& message) {
    const auto e = parse_error_of([&] { (void)io::parse_dne(head + body + "};\n", "t.dne"); });
    ASSERT_TRUE(e) << body;
    EXPECT_EQ(e->line(), line) << body;
    EXPECT_EQ(e->detail(), message);
  };
  // node A takes lines 3-8; a second node starts on line 9.
  check(a + "node B {\n\tkind = NATURE;\n\tstates = (b0, b1);\n\tparents = (A);\n\tprobs = ((0.5, 0.5), (0.5, 0.4));\n\t};\n",
        13, "the distribution of 'B' for (A=a1) in its probs sums to 0.9, not 1 (tolerance 1e-06)");
  check(a + "node B {\n\tkind = DECISION;\n\tstates = (b0, b1);\n\tparents = (A);\n\t};\n", 10,
        "node 'B' has kind = DECISION; only NATURE (chance) nodes are supported (not DECISION, UTILITY or CONSTANT)");
  check(a + "node B {\n\tkind = NATURE;\n\tstates = (b0, b1);\n\tparents = (A, C);\n\tprobs = (1, 0, 0, 1);\n\t};\n",
        12, "node 'B' names unknown parent 'C' (nodes: A, B)");
  check(a + "node B {\n\tkind = NATURE;\n\tstates = (b0, b1);\n\tparents = (A);\n\tprobs = (@imposs, 1, 0, 1);\n\t};\n",
        13, "the probs of node 'B' mark a parent configuration as impossible (@imposs); such tables are not supported");
  check(a + "node B {\n\tkind = NATURE;\n\tnumstates = 3;\n\tstates = (b0, b1);\n\tparents = ();\n\tprobs = (1, 0);\n\t};\n",
        11, "node 'B' has numstates = 3 but lists 2 states");
  check(a + "node B {\n\tkind = NATURE;\n\tdiscrete = FALSE;\n\tparents = ();\n\t};\n", 11,
        "node 'B' has discrete = FALSE; continuous nodes are not supported");
  check(a + "node B {\n\tchance = DETERMIN;\n\tstates = (b0, b1);\n\tparents = (A);\n\tfunctable = (b0, b7);\n\t};\n",
        13, "the functable of node 'B' names 'b7', which is not one of its states (b0, b1)");
  check(a + "node B {\n\tstates = (b0, b1);\n\tparents = ();\n\tequation = \"B = 1\";\n\t};\n", 9,
        "node 'B' has no probs = (...) table (tables given only by an equation are not supported)");
}

TEST(DneWriter, RoundTripAndNeticaLayout) {
  const auto net = io::read_dne(data_dir() + "/dne/sprinkler.dne");
  const std::string text = io::to_dne(net);
  EXPECT_EQ(text.rfind("// ~->[DNET-1]->~\n\nbnet Sprinkler {\n", 0), 0u);
  EXPECT_THAT(text, HasSubstr("title = \"Sprinkler, \\\"B12\\\"\";\n"));
  EXPECT_THAT(text, HasSubstr("\tparents = (Sprinkler, Rain);\n"));
  EXPECT_THAT(text, HasSubstr("// Sprinkler Rain\n\t\t  (0.98,"));
  EXPECT_EQ(io::parse_dne(text), net);
  EXPECT_TRUE(io::conversion_losses(net, io::model_format::dne).empty());
  const auto b13 = io::read_dne(data_dir() + "/dne/b13_nested_determin.dne");
  EXPECT_EQ(io::parse_dne(io::to_dne(b13)), b13);
}

TEST(DneWriter, NamesAndPropertiesItCannotCarry) {
  bayesian_network net("my network");
  net.properties()["title"] = "kept";
  net.properties()["author"] = "dropped";
  const var_id a = net.add_variable("A", {"a0", "a1"});
  net.set_cpt(a, {}, {0.5, 0.5});
  const auto losses = io::conversion_losses(net, io::model_format::dne);
  ASSERT_EQ(losses.size(), 2u);
  EXPECT_EQ(losses[0], "network name 'my network' (written as 'my_network': a Netica name is an identifier of at most 30 "
                       "characters)");
  EXPECT_THAT(losses[1], HasSubstr("network property 'author' = 'dropped'"));
  const auto back = io::parse_dne(io::to_dne(net));
  EXPECT_EQ(back.name(), "my_network");
  EXPECT_EQ(back.properties(), (std::map<std::string, std::string>{{"title", "kept"}}));

  bayesian_network long_name;
  long_name.add_variable("A_name_of_thirty_one_characters", {"x"});
  long_name.set_cpt(0, {}, {1.0});
  try {
    (void)io::to_dne(long_name);
    FAIL() << "no exception";
  } catch (const error& e) {
    EXPECT_THAT(e.what(), HasSubstr("DNE cannot spell variable 'A_name_of_thirty_one_characters'"));
  }
}

}  // namespace
}  // namespace augury
