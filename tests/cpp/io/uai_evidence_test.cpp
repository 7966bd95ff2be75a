// UAI evidence files: the UAI 2014 single-line layout, the UAI 2010 multi-sample layout, how
// the two are told apart, and the errors.

#include <augury/inference/variable_elimination.hpp>
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
using test_io::shared_dir;

using obs = io::uai_observation;

const std::vector<std::size_t> b05_cards = {2, 3, 2};

io::uai_evidence parse(const std::string& text, const std::vector<std::size_t>& cards = b05_cards) {
  return io::parse_uai_evidence(text, cards, "e.evid");
}

parse_error evidence_error_of(const std::string& text, const std::vector<std::size_t>& cards = b05_cards) {
  auto e = parse_error_of([&] { (void)parse(text, cards); });
  if (!e) throw std::runtime_error("expected a parse_error for: " + text);
  return *e;
}

TEST(UaiEvidence, Uai2014Layout) {
  auto ev = parse("2 1 0 2 1\n");
  EXPECT_EQ(ev.layout, io::uai_evidence_layout::uai2014);
  ASSERT_EQ(ev.samples.size(), 1u);
  EXPECT_THAT(ev.samples[0], ElementsAre(obs{1, 0}, obs{2, 1}));
  // No evidence, with or without a final newline; pairs spread over lines; comments.
  for (const char* none : {"0", "0\n", " 0 \r\n\r\n", "# nothing observed\n0\n"}) {
    ev = parse(none);
    EXPECT_EQ(ev.layout, io::uai_evidence_layout::uai2014) << none;
    ASSERT_EQ(ev.samples.size(), 1u);
    EXPECT_TRUE(ev.samples[0].empty());
  }
  EXPECT_THAT(parse("2 1 0\n 2 1").samples[0], ElementsAre(obs{1, 0}, obs{2, 1}));
}

TEST(UaiEvidence, Uai2010Layout) {
  // The B05 evidence in the older layout: one sample.
  auto ev = io::read_uai_evidence(data_dir() + "/uai/b05_uai2010.uai.evid", b05_cards);
  EXPECT_EQ(ev.layout, io::uai_evidence_layout::uai2010);
  ASSERT_EQ(ev.samples.size(), 1u);
  EXPECT_THAT(ev.samples[0], ElementsAre(obs{2, 1}));
  // Two samples: every sample is returned, in file order.
  ev = io::read_uai_evidence(data_dir() + "/uai/b05_two_samples.uai.evid", b05_cards);
  EXPECT_EQ(ev.layout, io::uai_evidence_layout::uai2010);
  ASSERT_EQ(ev.samples.size(), 2u);
  EXPECT_THAT(ev.samples[0], ElementsAre(obs{2, 1}));
  EXPECT_THAT(ev.samples[1], ElementsAre(obs{2, 0}, obs{0, 1}));
  // Zero samples.
  ev = parse("0 \n");
  EXPECT_EQ(ev.layout, io::uai_evidence_layout::uai2014);  // "0" fits both: one empty sample
  ev = parse("3\n0\n0\n1 0 1\n");
  EXPECT_EQ(ev.layout, io::uai_evidence_layout::uai2010);
  ASSERT_EQ(ev.samples.size(), 3u);
  EXPECT_TRUE(ev.samples[1].empty());
}

TEST(UaiEvidence, TokensThatFitBothLayoutsAreToldApartByTheFirstLine) {
  // "2 1 0 1 0": two pairs (1,0) (1,0), or two samples "1 0 1" and "0".
  auto ev = parse("2 1 0 1 0\n");
  EXPECT_EQ(ev.layout, io::uai_evidence_layout::uai2014);
  EXPECT_THAT(ev.samples.at(0), ElementsAre(obs{1, 0}));  // the repeated pair is kept once
  ev = parse("2\n1 0 1\n0\n");
  EXPECT_EQ(ev.layout, io::uai_evidence_layout::uai2010);
  ASSERT_EQ(ev.samples.size(), 2u);
  EXPECT_THAT(ev.samples[0], ElementsAre(obs{0, 1}));
  EXPECT_TRUE(ev.samples[1].empty());
}

TEST(UaiEvidence, RelationalUsesTheOlderLayout) {
  const std::string model = shared_dir() + "/data/uai/suspect/relational_3.uai";
  AUGURY_REQUIRE_FILE(model);
  const markov_network net = io::read_uai_markov(model);
  const auto ev = io::read_uai_evidence(model + ".evid", net.cardinalities());
  EXPECT_EQ(ev.layout, io::uai_evidence_layout::uai2010);
  ASSERT_EQ(ev.samples.size(), 1u);
  EXPECT_THAT(ev.samples[0], ElementsAre(obs{756, 1}, obs{646, 1}, obs{1, 1}, obs{219, 1}, obs{929, 1},
                                         obs{932, 1}, obs{971, 1}));
  // And a UAI 2014 file of the collection.
  const std::string ped = shared_dir() + "/data/uai/MAR/Pedigree_11.uai";
  const markov_network p = io::read_uai_markov(ped);
  const auto pe = io::read_uai_evidence(ped + ".evid", p.cardinalities());
  EXPECT_EQ(pe.layout, io::uai_evidence_layout::uai2014);
  ASSERT_EQ(pe.samples.size(), 1u);
  EXPECT_EQ(pe.samples[0].size(), 37u);
  EXPECT_EQ(pe.samples[0][0], (obs{10, 0}));
}

TEST(UaiEvidence, ToEvidenceSetAndBack) {
  const bayesian_network net = io::read_uai_bayesian(data_dir() + "/uai/b05.uai");
  const auto ev = io::read_uai_evidence(data_dir() + "/uai/b05_two_samples.uai.evid", net.cardinalities());
  const evidence_set e = io::to_evidence_set(net, ev.samples[1]);
  EXPECT_EQ(e.size(), 2u);
  EXPECT_EQ(e.describe(net), "v0=1, v2=0");
  EXPECT_EQ(io::to_uai_evidence(e), "2 0 1 2 0\n");
  EXPECT_THAT(parse(io::to_uai_evidence(e)).samples[0], ElementsAre(obs{0, 1}, obs{2, 0}));
  EXPECT_EQ(io::to_uai_evidence(evidence_set{}), "0\n");
  // P(v0 = 1, v2 = 0) by summing the joint over v1.
  const variable_elimination ve(net);
  double p = 0.0;
  const auto& t0 = net.cpt_of(0).table();
  const auto& t1 = net.cpt_of(1).table();
  const auto& t2 = net.cpt_of(2).table();
  for (std::size_t x1 = 0; x1 < 3; ++x1) p += t0.at({1}) * t1.at({1, x1}) * t2.at({x1, 1, 0});
  EXPECT_NEAR(ve.log_evidence_probability(e), std::log(p), 1e-12);

  evidence_set soft;
  soft.set_likelihood(net, 1, {0.2, 0.3, 0.5});
  try {
    (void)io::to_uai_evidence(soft);
    FAIL() << "no error";
  } catch (const evidence_error& x) {
    EXPECT_THAT(x.what(), HasSubstr("the finding on variable id 1 is not hard evidence"));
  }
}

TEST(UaiEvidence, Errors) {
  auto e = evidence_error_of("");
  EXPECT_EQ(e.detail(), "expected the number of observed variables (0 for none), found end of input");
  e = evidence_error_of("1 v2 1");
  EXPECT_EQ(e.column(), 3u);
  EXPECT_THAT(e.detail(), HasSubstr("found 'v2'"));
  e = evidence_error_of("1 3 1\n");
  EXPECT_EQ(e.column(), 3u);
  EXPECT_EQ(e.detail(), "variable index 3 is out of range: the model has 3 variables (0..2)");
  e = evidence_error_of("1 1 3\n");
  EXPECT_EQ(e.column(), 5u);
  EXPECT_EQ(e.detail(), "state 3 of variable 1 is out of range: the variable has 3 states (0..2)");
  e = evidence_error_of("2 1 0 1 2\n");
  EXPECT_EQ(e.column(), 7u);
  EXPECT_EQ(e.detail(), "variable 1 is observed twice in one sample, in states 0 and 2");
  e = evidence_error_of("2 1 0\n");
  EXPECT_EQ(e.line(), 2u);
  EXPECT_THAT(e.detail(), HasSubstr("expected 2 observed variables (two numbers each) after the count, found "
                                    "end of input after 2 numbers"));
  e = evidence_error_of("1 1 0 2 2\n");
  EXPECT_EQ(e.column(), 7u);
  EXPECT_THAT(e.detail(), HasSubstr("unexpected '2' after the 1 observed variables of the UAI 2014 layout"));
  EXPECT_THAT(e.detail(), HasSubstr("does not fit the UAI 2010 layout"));
  e = evidence_error_of("99999999999999999999 1 0\n");
  EXPECT_THAT(e.detail(), HasSubstr("expected a non-negative integer"));
  e = evidence_error_of("18446744073709551615 1 0\n");
  EXPECT_THAT(e.detail(), HasSubstr("found end of input"));
}

}  // namespace
}  // namespace augury
