// UAI model reader: the field case B05 (the child is the last scope variable), the quirks of
// published files, the aGrUM files, and every kind of error with its location and wording.

#include <augury/inference/junction_tree.hpp>
#include <augury/io/bif.hpp>
#include <augury/io/uai.hpp>

#include "io/io_test_support.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace augury {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using test_io::data_dir;
using test_io::parse_error_of;
using test_io::posterior;
using test_io::shared_dir;

// The B05 input from field-faults.md, line by line (line numbers used by the error tests).
const char* const b05_text =
    "BAYES\n"          // 1
    "3\n"              // 2
    "2 3 2\n"          // 3
    "3\n"              // 4
    "1 0\n"            // 5
    "2 0 1\n"          // 6
    "3 1 0 2\n"        // 7
    "\n"               // 8
    "2\n"              // 9
    " 0.3 0.7\n"       // 10
    "\n"               // 11
    "6\n"              // 12
    " 0.5 0.3 0.2\n"   // 13
    " 0.1 0.3 0.6\n"   // 14
    "\n"               // 15
    "12\n"             // 16
    " 0.9 0.1\n"       // 17
    " 0.6 0.4\n"       // 18
    " 0.7 0.3\n"       // 19
    " 0.2 0.8\n"       // 20
    " 0.5 0.5\n"       // 21
    " 0.05 0.95\n";    // 22

/// The B05 text with line `line` (1-based) replaced.
std::string b05_with_line(std::size_t line, const std::string& replacement) {
  std::string text = b05_text, out;
  std::size_t start = 0, n = 1;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    const std::string current = text.substr(start, end - start);
    out += (n == line ? replacement : current) + "\n";
    start = end + 1;
    ++n;
  }
  return out;
}

/// The parse_error of parse_uai_bayesian(text), checked to exist.
parse_error bayes_error(const std::string& text, const io::read_options& options = {}) {
  auto e = parse_error_of([&] { (void)io::parse_uai_bayesian(text, "model.uai", options); });
  if (!e) throw std::runtime_error("expected a parse_error for:\n" + text);
  return *e;
}

parse_error markov_error(const std::string& text) {
  auto e = parse_error_of([&] { (void)io::parse_uai_markov(text, "model.uai"); });
  if (!e) throw std::runtime_error("expected a parse_error for:\n" + text);
  return *e;
}

// ---- B05 ---------------------------------------------------------------------------------------

TEST(UaiReader, B05ChildIsTheLastScopeVariable) {
  const bayesian_network net = io::parse_uai_bayesian(b05_text);
  ASSERT_EQ(net.size(), 3u);
  EXPECT_EQ(net.var(0).name(), "v0");
  EXPECT_THAT(net.var(1).states(), ElementsAre("0", "1", "2"));
  // The parents keep their scope order (v1 before v0); the table is used as written.
  EXPECT_THAT(net.parents(2), ElementsAre(1u, 0u));
  EXPECT_THAT(net.parents(1), ElementsAre(0u));
  EXPECT_TRUE(net.parents(0).empty());
  EXPECT_THAT(net.cpt_of(2).table().values(),
              ElementsAre(0.9, 0.1, 0.6, 0.4, 0.7, 0.3, 0.2, 0.8, 0.5, 0.5, 0.05, 0.95));
  // P(v2 = 1 | v1 = 2, v0 = 0) is the fifth row: entry (2, 0, 1).
  EXPECT_EQ(net.cpt_of(2).table().at({2, 0, 1}), 0.5);
  EXPECT_EQ(net.cpt_of(2).table().at({2, 1, 1}), 0.95);
}

TEST(UaiReader, B05ExactPosteriors) {
  const bayesian_network net = io::read_uai_bayesian(data_dir() + "/uai/b05.uai");
  // Exact values from field-faults.md; re-sorting the scope would give 0.629 and 0.8903.
  EXPECT_NEAR(posterior(net, "v2")[1], 0.667, 1e-12);
  EXPECT_NEAR(posterior(net, "v0", {{"v2", "1"}})[1], 595.0 / 667.0, 1e-12);
  const auto v1 = posterior(net, "v1", {{"v2", "1"}});
  EXPECT_NEAR(v1[0], 43.0 / 667.0, 1e-12);
  EXPECT_NEAR(v1[1], 195.0 / 667.0, 1e-12);
  EXPECT_NEAR(v1[2], 429.0 / 667.0, 1e-12);
  EXPECT_NEAR(v1[0], 0.0644677661, 1e-10);
  EXPECT_NEAR(v1[2], 0.6431784108, 1e-10);

  // The same through the evidence file and the junction tree.
  const auto ev = io::read_uai_evidence(data_dir() + "/uai/b05.uai.evid", net.cardinalities());
  ASSERT_EQ(ev.samples.size(), 1u);
  junction_tree jt(net);
  jt.set_evidence(io::to_evidence_set(net, ev.samples[0]));
  EXPECT_NEAR(std::exp(jt.log_evidence_probability()), 0.667, 1e-12);
  EXPECT_NEAR(jt.posterior(0)[1], 0.892053973, 1e-9);
  EXPECT_NEAR(jt.posterior(1)[1], 0.2923538231, 1e-10);
}

TEST(UaiReader, B05AsMarkovNetworkKeepsTheFileFactors) {
  const markov_network net = io::parse_uai_markov(b05_text);
  ASSERT_EQ(net.size(), 3u);
  ASSERT_EQ(net.factors().size(), 3u);
  EXPECT_THAT(net.factors()[2].scope(), ElementsAre(1u, 0u, 2u));
  EXPECT_THAT(net.factors()[2].cardinalities(), ElementsAre(3u, 2u, 2u));
  EXPECT_EQ(net.factors()[2].values()[11], 0.95);
  EXPECT_THAT(net.factors()[0].values(), ElementsAre(0.3, 0.7));
  EXPECT_EQ(net, markov_network::from_bayesian_network(io::parse_uai_bayesian(b05_text)));
}

TEST(UaiReader, FactorsOfABayesFileMayComeInAnyOrder) {
  // The same network with the factors listed child 2, child 0, child 1.
  const std::string text =
      "BAYES\n3\n2 3 2\n3\n3 1 0 2\n1 0\n2 0 1\n"
      "12\n0.9 0.1 0.6 0.4 0.7 0.3 0.2 0.8 0.5 0.5 0.05 0.95\n"
      "2\n0.3 0.7\n"
      "6\n0.5 0.3 0.2 0.1 0.3 0.6\n";
  EXPECT_EQ(io::parse_uai_bayesian(text), io::parse_uai_bayesian(b05_text));
  const markov_network m = io::parse_uai_markov(text);
  EXPECT_THAT(m.factors()[0].scope(), ElementsAre(1u, 0u, 2u));  // file order is kept
}

// ---- lexical quirks ------------------------------------------------------------------------------

TEST(UaiReader, QuirksOfPublishedFiles) {
  // CRLF, '#' comments (also after values), 'c' comment lines, blank lines, values spanning
  // lines, a cardinality-1 variable and a factor with an empty scope.
  const markov_network net = io::read_uai_markov(data_dir() + "/uai/quirks_markov.uai");
  EXPECT_EQ(net.name(), "");
  EXPECT_THAT(net.cardinalities(), ElementsAre(2u, 1u, 3u, 2u));
  EXPECT_THAT(net.var(1).states(), ElementsAre("0"));
  EXPECT_EQ(net.var(3).name(), "v3");
  ASSERT_EQ(net.factors().size(), 4u);
  EXPECT_THAT(net.factors()[0].scope(), ElementsAre(0u, 2u));
  EXPECT_THAT(net.factors()[0].values(), ElementsAre(0.5, 2.0, 1.0, 0.0, 3.0, 1.5));
  EXPECT_THAT(net.factors()[1].values(), ElementsAre(4.0));
  EXPECT_THAT(net.factors()[2].scope(), ElementsAre(1u, 3u, 2u));
  EXPECT_THAT(net.factors()[2].values(), ElementsAre(1.0, 2.0, 3.0, 0.5, 0.25, 2.0));
  EXPECT_TRUE(net.factors()[3].scope().empty());
  EXPECT_THAT(net.factors()[3].values(), ElementsAre(0.5));
}

TEST(UaiReader, ByteOrderMarkCommentsAndLowercaseType) {
  const auto net = io::parse_uai_markov("\xEF\xBB\xBFmarkov # type\n1\n2\n1\n1 0\n2 1#one\n 3\n");
  EXPECT_THAT(net.factors()[0].values(), ElementsAre(1.0, 3.0));
  // A lone '\r' ends a line too, so a 'c' comment line after it is recognised.
  const auto mac = io::parse_uai_markov("MARKOV\r1\rc old Mac line ends\r2\r1\r1 0\r2\r1 3\r");
  EXPECT_EQ(mac, net);
}

TEST(UaiReader, NumbersInEveryPublishedSpelling) {
  const auto net = io::parse_uai_markov("MARKOV 1 6 1 1 0 6 1E-04 .5 +2 3.0e+1 0 1e-400");
  EXPECT_THAT(net.factors()[0].values(), ElementsAre(1e-4, 0.5, 2.0, 30.0, 0.0, 0.0));
}

TEST(UaiReader, SumToleranceOption) {
  const std::string text = b05_with_line(10, " 0.3 0.7001");
  const auto e = bayes_error(text);
  EXPECT_EQ(e.line(), 10u);
  EXPECT_EQ(e.column(), 2u);
  EXPECT_THAT(e.detail(), HasSubstr("factor 0 (CPT of variable 0) sums to 1.0001, not 1 (tolerance 1e-06)"));
  io::read_options loose;
  loose.sum_tolerance = 1e-3;
  const auto net = io::parse_uai_bayesian(text, "model.uai", loose);
  EXPECT_EQ(net.cpt_of(0).table().values()[1], 0.7001);  // used as written, not rescaled
  loose.sum_tolerance = -1.0;
  EXPECT_THROW((void)io::parse_uai_bayesian(b05_text, "model.uai", loose), error);
}

// ---- errors --------------------------------------------------------------------------------------

TEST(UaiReaderErrors, TableSizeMustBeTheProductOfTheCardinalities) {
  const auto e = bayes_error(b05_with_line(16, "10"));
  EXPECT_EQ(e.source(), "model.uai");
  EXPECT_EQ(e.line(), 16u);
  EXPECT_EQ(e.column(), 1u);
  EXPECT_EQ(e.detail(),
            "factor 2 (scope 1 0 2) has table size 10, expected 12 = 3 x 2 x 2, the product of its "
            "scope's cardinalities");
  EXPECT_EQ(std::string(e.what()), "model.uai:16:1: " + e.detail());
}

TEST(UaiReaderErrors, RowThatDoesNotSumToOneNamesTheParentConfiguration) {
  // Row 3 of factor 2: v1 = 1, v0 = 1.
  const auto e = bayes_error(b05_with_line(20, " 0.2 0.7"));
  EXPECT_EQ(e.line(), 20u);
  EXPECT_EQ(e.column(), 2u);
  EXPECT_EQ(e.detail(),
            "factor 2 (CPT of variable 2 given variable 1 = 1, variable 0 = 1) sums to 0.9, not 1 "
            "(tolerance 1e-06)");
}

TEST(UaiReaderErrors, TooFewValues) {
  std::string text = b05_text;
  text.resize(text.size() - std::string(" 0.05 0.95\n").size());
  const auto e = bayes_error(text);
  EXPECT_EQ(e.line(), 22u);
  EXPECT_EQ(e.column(), 1u);
  EXPECT_THAT(e.detail(), HasSubstr("expected entry 10 of the table of factor 2 (12 entries)"));
  EXPECT_THAT(e.detail(), HasSubstr("found end of input"));
}

TEST(UaiReaderErrors, TrailingTokens) {
  const auto e = bayes_error(std::string(b05_text) + "0.5\n");
  EXPECT_EQ(e.line(), 23u);
  EXPECT_EQ(e.detail(), "unexpected '0.5' after the table of the last factor (the file declares 3 factors)");
}

TEST(UaiReaderErrors, NegativeAndNonNumericEntries) {
  auto e = markov_error("MARKOV\n1\n2\n1\n1 0\n2\n 0.5 -1\n");
  EXPECT_EQ(e.line(), 7u);
  EXPECT_EQ(e.column(), 6u);
  EXPECT_EQ(e.detail(), "entry 1 of the table of factor 0 is negative (-1); factor entries must be non-negative");
  e = markov_error("MARKOV\n1\n2\n1\n1 0\n2\n 0.5 nan\n");
  EXPECT_EQ(e.detail(), "expected entry 1 of the table of factor 0 (2 entries) (a finite number), found 'nan'");
  e = markov_error("MARKOV\n1\n2\n1\n1 0\n2\n 0.5 1e999\n");
  EXPECT_THAT(e.detail(), HasSubstr("found '1e999'"));
}

TEST(UaiReaderErrors, PreambleErrors) {
  auto e = markov_error("");
  EXPECT_EQ(e.detail(), "expected the network type BAYES or MARKOV, found end of input");
  e = markov_error("SPARSEMARKOV\n1\n2\n");
  EXPECT_EQ(e.line(), 1u);
  EXPECT_THAT(e.detail(), HasSubstr("found 'SPARSEMARKOV' (sparse and other UAI network types are not supported)"));
  e = markov_error("MARKOV\n2\n2 0\n");
  EXPECT_EQ(e.line(), 3u);
  EXPECT_EQ(e.column(), 3u);
  EXPECT_EQ(e.detail(), "variable 1 has cardinality 0; a variable needs at least one state");
  e = markov_error("MARKOV\n2\n2 2.5\n");
  EXPECT_EQ(e.detail(),
            "expected the cardinality of variable 1 (the file declares 2 variables) (a non-negative integer), "
            "found '2.5'");
  e = markov_error("MARKOV\n3\n2 2\n");
  EXPECT_THAT(e.detail(), HasSubstr("expected the cardinality of variable 2"));
  e = markov_error("MARKOV\n-1\n");
  EXPECT_EQ(e.detail(), "expected the number of variables (a non-negative integer), found '-1'");
}

TEST(UaiReaderErrors, ScopeErrors) {
  auto e = markov_error("MARKOV\n2\n2 2\n1\n2 0 2\n");
  EXPECT_EQ(e.line(), 5u);
  EXPECT_EQ(e.column(), 5u);
  EXPECT_EQ(e.detail(), "factor 0 names variable 2, but the model has 2 variables (0..1)");
  e = markov_error("MARKOV\n2\n2 2\n1\n2 1 1\n");
  EXPECT_EQ(e.detail(), "the scope of factor 0 lists variable 1 twice");
  e = markov_error("MARKOV\n2\n2 2\n1\n3 0 1 0\n");
  EXPECT_EQ(e.detail(), "the scope of factor 0 has 3 variables, but the model has only 2");
  e = markov_error("MARKOV\n2\n2 2\n2\n2 0 1\n");
  EXPECT_EQ(e.line(), 6u);  // the end of input follows the last newline
  EXPECT_THAT(e.detail(), HasSubstr("expected the number of variables in the scope of factor 1"));
}

TEST(UaiReaderErrors, BayesStructureErrors) {
  // Variable 2 is the child of factors 1 and 2; variable 1 of none.
  auto e = bayes_error(b05_with_line(6, "2 0 2"));
  EXPECT_EQ(e.line(), 7u);
  EXPECT_EQ(e.detail(),
            "variable 2 is the child (last scope variable) of factors 1 and 2; in a BAYES file each variable is "
            "the child of exactly one factor");
  e = bayes_error("BAYES\n2\n2 2\n1\n1 0\n2\n0.5 0.5\n");
  EXPECT_EQ(e.line(), 4u);
  EXPECT_EQ(e.detail(),
            "variable 1 is the child (last scope variable) of no factor; in a BAYES file each variable is the "
            "child of exactly one factor");
  e = bayes_error("BAYES\n1\n2\n1\n0\n");
  EXPECT_THAT(e.detail(), HasSubstr("factor 0 has an empty scope"));
  // A cycle: v0 <- v1 and v1 <- v0.
  e = bayes_error("BAYES\n2\n2 2\n2\n2 1 0\n2 0 1\n4\n0.5 0.5 0.5 0.5\n4\n0.5 0.5 0.5 0.5\n");
  EXPECT_EQ(e.line(), 6u);
  EXPECT_THAT(e.detail(), HasSubstr("factor 1 (CPT of variable 1): "));
  EXPECT_THAT(e.detail(), HasSubstr("would create the cycle"));
  // The same checks apply when a BAYES file is read as a Markov network.
  e = markov_error(b05_with_line(20, " 0.2 0.7"));
  EXPECT_EQ(e.line(), 20u);
  e = markov_error("BAYES\n2\n2 2\n2\n2 1 0\n2 0 1\n4\n0.5 0.5 0.5 0.5\n4\n0.5 0.5 0.5 0.5\n");
  EXPECT_THAT(e.detail(), HasSubstr("would create the cycle"));
}

TEST(UaiReaderErrors, MarkovFileIsNotABayesianNetwork) {
  const auto e = bayes_error("MARKOV\n1\n2\n1\n1 0\n2\n1 1\n");
  EXPECT_EQ(e.line(), 1u);
  EXPECT_EQ(e.column(), 1u);
  EXPECT_EQ(e.detail(),
            "this is a MARKOV file, not a Bayesian network (BAYES): read it as a Markov network (read_uai_markov)");
}

TEST(UaiReaderErrors, MissingFileNamesThePath) {
  try {
    (void)io::read_uai_markov("/nonexistent/model.uai");
    FAIL() << "no error";
  } catch (const parse_error&) {
    FAIL() << "a missing file is not a parse error";
  } catch (const error& e) {
    EXPECT_THAT(e.what(), HasSubstr("cannot open UAI model file '/nonexistent/model.uai'"));
  }
}

// ---- aGrUM's files and the BIF asia network ------------------------------------------------------

TEST(UaiReader, AgrumFiles) {
  const std::string dir = shared_dir() + "/data/networks/uai-misc";
  AUGURY_REQUIRE_FILE(dir + "/dog.uai");
  // dog.uai: '#' comments after the scopes, factors not in variable order.
  const bayesian_network dog = io::read_uai_bayesian(dir + "/dog.uai");
  EXPECT_THAT(dog.parents(0), ElementsAre(4u));  // scope line "2 4 0"
  EXPECT_THAT(dog.parents(2), ElementsAre(4u, 1u));
  EXPECT_THAT(dog.cpt_of(2).table().values(), ElementsAre(0.99, 0.01, 0.97, 0.03, 0.9, 0.1, 0.3, 0.7));
  EXPECT_THAT(dog.cpt_of(4).table().values(), ElementsAre(0.15, 0.85));

  const markov_network ex = io::read_uai_markov(dir + "/markov_example.uai");
  ASSERT_EQ(ex.factors().size(), 2u);
  EXPECT_THAT(ex.factors()[1].scope(), ElementsAre(1u, 2u));
  EXPECT_THAT(ex.factors()[1].values(), ElementsAre(0.210, 0.333, 0.457, 0.811, 0.000, 0.189));
}

TEST(UaiReader, AsiaMatchesTheBifNetwork) {
  const std::string uai = shared_dir() + "/data/networks/uai-misc/asia.uai";
  const std::string bif = shared_dir() + "/data/networks/bif/asia.bif";
  AUGURY_REQUIRE_FILE(uai);
  AUGURY_REQUIRE_FILE(bif);
  const bayesian_network u = io::read_uai_bayesian(uai);
  const bayesian_network b = io::read_bif(bif);
  // aGrUM wrote the variables in this order, state 0 = yes.
  const std::vector<std::string> names = {"asia", "smoke", "bronc", "lung", "tub", "either", "dysp", "xray"};
  ASSERT_EQ(u.size(), names.size());
  for (const auto& n : names) ASSERT_THAT(b.var(b.id(n)).states(), ElementsAre("yes", "no"));

  junction_tree tu(u), tb(b);
  // Each case: hard findings as (variable index, state index).
  const std::vector<std::vector<std::pair<std::size_t, std::size_t>>> cases = {
      {}, {{6, 0}}, {{1, 1}, {2, 0}}, {{0, 0}, {7, 0}, {6, 1}}, {{5, 0}, {1, 0}}};
  for (const auto& c : cases) {
    evidence_set eu, eb;
    for (const auto& [v, s] : c) {
      eu.set_hard(u, v, s);
      eb.set_hard(b, names[v], s == 0 ? "yes" : "no");
    }
    tu.set_evidence(eu);
    tb.set_evidence(eb);
    EXPECT_NEAR(tu.log_evidence_probability(), tb.log_evidence_probability(), 1e-12);
    for (std::size_t v = 0; v < names.size(); ++v) {
      const auto pu = tu.posterior(v);
      const auto pb = tb.posterior(names[v]);
      EXPECT_NEAR(pu[0], pb[0], 1e-12) << names[v];
      EXPECT_NEAR(pu[1], pb[1], 1e-12) << names[v];
    }
  }
  // And the tables themselves: each CPT equals the BIF one with parents mapped by name.
  for (std::size_t v = 0; v < names.size(); ++v) {
    const cpt& cu = u.cpt_of(v);
    const cpt& cb = b.cpt_of(b.id(names[v]));
    std::vector<var_id> mapped;
    for (var_id p : cu.parents()) mapped.push_back(b.id(names[p]));
    mapped.push_back(b.id(names[v]));
    EXPECT_EQ(cb.table().reordered(mapped).values(), cu.table().values()) << names[v];
  }
}

}  // namespace
}  // namespace augury
