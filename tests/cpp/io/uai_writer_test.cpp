// UAI writers: exact text for B05, write -> read identity for both model kinds (B05, the
// shared instances), and the MAR / PR result files.

#include <augury/io/bif.hpp>
#include <augury/io/uai.hpp>

#include "io/io_test_support.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

namespace augury {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using test_io::data_dir;
using test_io::parse_error_of;
using test_io::shared_dir;

TEST(UaiWriter, B05TextAndRoundTrip) {
  const bayesian_network net = io::read_uai_bayesian(data_dir() + "/uai/b05.uai");
  const std::string text = io::to_uai(net);
  EXPECT_EQ(text,
            "BAYES\n3\n2 3 2\n3\n1 0\n2 0 1\n3 1 0 2\n"
            "\n2\n0.3 0.7\n"
            "\n6\n0.5 0.3 0.2\n0.1 0.3 0.6\n"
            "\n12\n0.9 0.1\n0.6 0.4\n0.7 0.3\n0.2 0.8\n0.5 0.5\n0.05 0.95\n");
  EXPECT_EQ(io::parse_uai_bayesian(text), net);
  // The Markov writer on the same factors gives the same tables under MARKOV.
  const markov_network m = io::parse_uai_markov(text);
  EXPECT_EQ(io::to_uai(m), "MARKOV" + text.substr(5));
  EXPECT_EQ(io::parse_uai_markov(io::to_uai(m)), m);
}

TEST(UaiWriter, FilesRoundTrip) {
  const std::string path = ::testing::TempDir() + "augury_uai_writer_test.uai";
  const bayesian_network net = io::read_uai_bayesian(data_dir() + "/uai/b05.uai");
  io::write_uai(net, path);
  EXPECT_EQ(io::read_uai_bayesian(path), net);
  const markov_network m = io::read_uai_markov(data_dir() + "/uai/quirks_markov.uai");
  io::write_uai(m, path);
  EXPECT_EQ(io::read_uai_markov(path), m);
  std::remove(path.c_str());
  EXPECT_THROW(io::write_uai(m, "/nonexistent-dir/x.uai"), error);
}

TEST(UaiWriter, NumbersRoundTripExactly) {
  markov_network m;
  m.add_variable("v0", {"0", "1", "2"});
  m.add_factor({0}, {0.1 + 0.2, 1e-300, 4.9406564584124654e-324});
  m.add_factor({}, {123456789.123456789});
  const std::string text = io::to_uai(m);
  EXPECT_THAT(text, HasSubstr("0.30000000000000004 1e-300 5e-324\n"));
  EXPECT_EQ(io::parse_uai_markov(text), m);
}

TEST(UaiWriter, NamesAreNotWritten) {
  // A BIF network written to UAI reads back with the UAI names and the same tables.
  bayesian_network b("toy");
  b.add_variable("Rain", {"yes", "no"});
  b.add_variable("Wet", {"dry", "damp", "soaked"});
  b.set_cpt("Rain", {}, {0.2, 0.8});
  b.set_cpt("Wet", {"Rain"}, {0.1, 0.3, 0.6, 0.7, 0.2, 0.1});
  const bayesian_network u = io::parse_uai_bayesian(io::to_uai(b));
  EXPECT_NE(u, b);
  EXPECT_EQ(u.var(1).name(), "v1");
  EXPECT_THAT(u.var(1).states(), ElementsAre("0", "1", "2"));
  EXPECT_EQ(u.cpt_of(1).table(), b.cpt_of(1).table());
  bayesian_network incomplete;
  incomplete.add_variable("A", {"a"});
  EXPECT_THROW((void)io::to_uai(incomplete), model_error);
}

TEST(UaiWriter, SharedInstancesRoundTrip) {
  const std::string dir = shared_dir() + "/data/uai";
  AUGURY_REQUIRE_FILE(dir + "/MAR/Grids_11.uai");
  for (const char* name : {"MAR/Alchemy_11.uai", "MAR/CSP_11.uai", "MAR/CSP_12.uai", "MAR/DBN_11.uai",
                           "MAR/Grids_11.uai", "MAR/Grids_13.uai", "MAR/ObjectDetection_11.uai",
                           "MAR/Pedigree_11.uai", "MAR/Promedus_11.uai", "MAR/Promedus_24.uai",
                           "MAR/Segmentation_11.uai", "MAR/linkage_14.uai", "PR/2bitcomp_5.cnf.uai",
                           "PR/BN_74.uai", "PR/grid10x10.f10.uai", "suspect/relational_3.uai"}) {
    SCOPED_TRACE(name);
    const markov_network m = io::read_uai_markov(dir + "/" + name);
    const std::string text = io::to_uai(m);
    EXPECT_EQ(io::parse_uai_markov(text), m);
  }
  // Pedigree_12 in the wider collection has CRLF line ends; Pedigree_11 here has LF. The
  // same model with every '\n' turned into "\r\n" reads identically.
  std::string text = io::to_uai(io::read_uai_markov(dir + "/MAR/Pedigree_11.uai"));
  std::string crlf;
  for (char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  EXPECT_EQ(io::parse_uai_markov(crlf), io::parse_uai_markov(text));
}

TEST(UaiWriter, SharedInstanceFactsFromQuirks) {
  const std::string dir = shared_dir() + "/data/uai";
  AUGURY_REQUIRE_FILE(dir + "/MAR/linkage_14.uai");
  // linkage_14 has 58 variables with a single state (QUIRKS.md).
  const markov_network link = io::read_uai_markov(dir + "/MAR/linkage_14.uai");
  std::size_t singles = 0;
  for (std::size_t c : link.cardinalities()) singles += c == 1;
  EXPECT_EQ(singles, 58u);
  EXPECT_EQ(link.size(), 448u);
  // BN_74: 177 565 zero entries out of 195 734 (QUIRKS.md).
  const markov_network bn = io::read_uai_markov(dir + "/PR/BN_74.uai");
  std::size_t zeros = 0, entries = 0;
  for (const factor& f : bn.factors()) {
    entries += f.size();
    for (double x : f.values()) zeros += x == 0.0;
  }
  EXPECT_EQ(entries, 195734u);
  EXPECT_EQ(zeros, 177565u);
}

// ---- result files --------------------------------------------------------------------------------

TEST(UaiResults, MarTextAndRoundTrip) {
  const std::vector<std::vector<double>> m = {{0.25, 0.75}, {1.0}, {0.1, 0.2, 0.7}};
  const std::string text = io::to_uai_mar(m);
  EXPECT_EQ(text, "MAR\n3 2 0.25 0.75 1 1 3 0.1 0.2 0.7\n");
  EXPECT_EQ(io::parse_uai_mar(text), m);
  // Several solutions: the last one counts.
  EXPECT_EQ(io::parse_uai_mar("MAR\n1 2 0.5 0.5\n-BEGIN-\n1 2 0.4 0.6\n"),
            (std::vector<std::vector<double>>{{0.4, 0.6}}));
  EXPECT_THROW((void)io::to_uai_mar({{0.5, std::nan("")}}), error);
  EXPECT_THROW((void)io::to_uai_mar({{}}), error);
}

TEST(UaiResults, MarErrors) {
  auto e = parse_error_of([] { (void)io::parse_uai_mar("PR\n1\n", "x.MAR"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->detail(), "expected the task line 'MAR', found 'PR'");
  e = parse_error_of([] { (void)io::parse_uai_mar("MAR\n2 2 0.5 0.5 2 0.5\n", "x.MAR"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->detail(), "expected the probability of state 1 of variable 1, found end of input");
  e = parse_error_of([] { (void)io::parse_uai_mar("MAR\n1 2 0.5 -0.5\n", "x.MAR"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->column(), 9u);
  e = parse_error_of([] { (void)io::parse_uai_mar("MAR\n1 1 1 0.5\n", "x.MAR"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->detail(), "unexpected '0.5' after the marginals of the 1 variables");
}

TEST(UaiResults, PrTextAndRoundTrip) {
  EXPECT_EQ(io::to_uai_pr(-0.2008), "PR\n-0.2008\n");
  EXPECT_EQ(io::parse_uai_pr("PR\n-0.2008\n"), -0.2008);
  EXPECT_EQ(io::parse_uai_pr("PR\n1\n-BEGIN-\n15.9929982198"), 15.9929982198);
  EXPECT_EQ(io::parse_uai_pr("PR\n-inf\n"), -std::numeric_limits<double>::infinity());
  const double x = std::log10(49.0);
  EXPECT_EQ(io::parse_uai_pr(io::to_uai_pr(x)), x);
  EXPECT_THROW((void)io::to_uai_pr(-std::numeric_limits<double>::infinity()), error);
  auto e = parse_error_of([] { (void)io::parse_uai_pr("PR\n", "x.PR"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->detail(), "expected log10 of the partition function, found end of input");
  e = parse_error_of([] { (void)io::parse_uai_pr("PR\n1 2\n", "x.PR"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->detail(), "unexpected '2' after log10 of the partition function");
}

TEST(UaiResults, SharedReferenceFilesRead) {
  const std::string dir = shared_dir() + "/data/uai";
  AUGURY_REQUIRE_FILE(dir + "/MAR/Grids_11.uai.MAR");
  const auto m = io::read_uai_mar(dir + "/MAR/Grids_11.uai.MAR");
  ASSERT_EQ(m.size(), 100u);
  EXPECT_THAT(m[0], ElementsAre(0.706326, 0.293674));
  EXPECT_EQ(io::read_uai_pr(dir + "/MAR/Grids_11.uai.PR"), 169.408);
  EXPECT_EQ(io::read_uai_pr(dir + "/PR/2bitcomp_5.cnf.uai.PR"), 15.9929982198);
}

}  // namespace
}  // namespace augury
