// One test per message family of docs/errors.md: each triggers the error through the public
// API and checks its type and the parts of the message the catalogue promises (the entity
// named, the valid choices listed, the location of a parse error).

#include "hardening_support.hpp"

#include <augury/evidence/evidence_set.hpp>
#include <augury/inference/enumeration.hpp>
#include <augury/inference/evidence_conflict.hpp>
#include <augury/inference/junction_tree.hpp>
#include <augury/inference/variable_elimination.hpp>
#include <augury/io/bif.hpp>
#include <augury/io/json.hpp>
#include <augury/io/uai.hpp>
#include <augury/scenario/default_model.hpp>
#include <augury/scenario/grading.hpp>
#include <augury/scenario/mapping.hpp>
#include <augury/scenario/report.hpp>
#include <augury/scenario/report_csv.hpp>

#include <limits>

namespace augury {
namespace {

using hardening::expect_error;
using hardening::sprinkler;

// ---- model_error ------------------------------------------------------------------------

TEST(errors_model, unknown_variable_lists_the_variables) {
  const auto net = sprinkler();
  expect_error<model_error>([&] { (void)net.id("Snow"); },
                            {"no variable 'Snow'", "(variables: Rain, Sprinkler, Wet)"});
}

TEST(errors_model, unknown_state_lists_the_states) {
  const auto net = sprinkler();
  expect_error<model_error>([&] { (void)net.var(0).state_index("maybe"); },
                            {"variable 'Rain' has no state 'maybe'", "(states: yes, no)"});
}

TEST(errors_model, duplicate_variable_and_bad_states) {
  auto net = sprinkler();
  expect_error<model_error>([&] { net.add_variable("Rain", {"a", "b"}); },
                            {"variable 'Rain' is declared twice"});
  expect_error<model_error>([&] { net.add_variable("X", {}); }, {"variable 'X' needs at least one state"});
  expect_error<model_error>([&] { net.add_variable("", {"a"}); }, {"non-empty name"});
  expect_error<model_error>([&] { net.add_variable("Y", {"a", "a"}); }, {"variable 'Y'", "'a'"});
}

TEST(errors_model, cpt_shape_names_the_child_and_the_expected_size) {
  auto net = sprinkler();
  expect_error<model_error>([&] { net.set_cpt("Wet", {"Rain"}, {0.5, 0.5, 0.5}); },
                            {"CPT of 'Wet' has 3 entries, expected 4"});
}

TEST(errors_model, cpt_row_sum_and_bad_entries_name_the_parent_configuration) {
  auto net = sprinkler();
  expect_error<model_error>([&] { net.set_cpt("Sprinkler", {"Rain"}, {0.5, 0.6, 0.4, 0.6}); },
                            {"CPT of 'Sprinkler'", "Rain=yes", "sums to"});
  expect_error<model_error>([&] { net.set_cpt("Rain", {}, {1.5, -0.5}); },
                            {"CPT of 'Rain' has entry", "-0.5"});
  expect_error<model_error>(
      [&] { net.set_cpt("Rain", {}, {std::numeric_limits<double>::quiet_NaN(), 1.0}); },
      {"CPT of 'Rain' has entry", "nan"});
}

TEST(errors_model, parents_cycles_and_missing_tables) {
  auto net = sprinkler();
  expect_error<model_error>([&] { net.set_cpt("Rain", {"Rain"}, {0.5, 0.5, 0.5, 0.5}); },
                            {"variable 'Rain' cannot be its own parent"});
  expect_error<model_error>([&] { net.set_cpt("Wet", {"Rain", "Rain"}, std::vector<double>(8, 0.5)); },
                            {"variable 'Wet' lists parent 'Rain' twice"});
  expect_error<model_error>([&] { net.set_cpt("Rain", {"Wet"}, {0.5, 0.5, 0.5, 0.5}); },
                            {"making 'Wet' a parent of 'Rain'", "cycle"});
  bayesian_network incomplete;
  incomplete.add_variable("A", {"a0", "a1"});
  incomplete.add_variable("B", {"b0", "b1"});
  incomplete.set_cpt("A", {}, {0.5, 0.5});
  expect_error<model_error>([&] { incomplete.validate(); }, {"variables without a probability table: B"});
  expect_error<model_error>([&] { junction_tree jt(incomplete); }, {"without a probability table: B"});
  expect_error<model_error>([&] { (void)incomplete.cpt_of(1); }, {"variable 'B' has no probability table"});
}

TEST(errors_model, id_out_of_range) {
  const auto net = sprinkler();
  expect_error<model_error>([&] { (void)net.var(7); }, {"variable id 7 out of range", "3"});
}

// ---- evidence_error -----------------------------------------------------------------------

TEST(errors_evidence, unknown_variable_and_state_list_the_choices) {
  const auto net = sprinkler();
  evidence_set e;
  expect_error<evidence_error>([&] { e.set_hard(net, "Snow", "yes"); },
                               {"evidence on unknown variable 'Snow'", "(variables: Rain, Sprinkler, Wet)"});
  expect_error<evidence_error>([&] { e.set_hard(net, "Rain", "maybe"); },
                               {"evidence on 'Rain': no state 'maybe'", "(states: yes, no)"});
  expect_error<evidence_error>([&] { e.set_hard(net, 0, 5); },
                               {"evidence on 'Rain': state number 5 out of range", "(states: yes, no)"});
  expect_error<evidence_error>([&] { e.set_hard(net, 9, 0); },
                               {"evidence on variable id 9", "the network has 3 variables"});
  EXPECT_TRUE(e.empty());
}

TEST(errors_evidence, likelihood_length_and_entries) {
  const auto net = sprinkler();
  evidence_set e;
  expect_error<evidence_error>([&] { e.set_likelihood(net, "Rain", {0.1, 0.2, 0.3}); },
                               {"likelihood evidence on 'Rain' has 3 entries; 'Rain' has 2 states (yes, no)"});
  expect_error<evidence_error>([&] { e.set_likelihood(net, "Rain", {0.5, -0.1}); },
                               {"likelihood evidence on 'Rain' has entry -0.1 for state 'no'",
                                "finite and non-negative"});
  expect_error<evidence_error>(
      [&] { e.set_likelihood(net, "Rain", {std::numeric_limits<double>::infinity(), 1.0}); },
      {"has entry inf for state 'yes'"});
  expect_error<evidence_error>(
      [&] { e.set_likelihood(net, "Rain", {std::numeric_limits<double>::quiet_NaN(), 1.0}); },
      {"has entry nan for state 'yes'"});
}

TEST(errors_evidence, fixed_marginal_must_be_a_distribution) {
  const auto net = sprinkler();
  evidence_set e;
  expect_error<evidence_error>([&] { e.set_fixed_marginal(net, "Rain", {0.5, 0.6}); },
                               {"fixed-marginal evidence on 'Rain' sums to 1.1", "must sum to 1"});
}

TEST(errors_evidence, fixed_marginals_that_cannot_be_met_together) {
  // Two copies of one variable (Y = X exactly) given different target marginals.
  bayesian_network net;
  net.add_variable("X", {"x0", "x1"});
  net.add_variable("Y", {"y0", "y1"});
  net.set_cpt("X", {}, {0.5, 0.5});
  net.set_cpt("Y", {"X"}, {1.0, 0.0, 0.0, 1.0});
  evidence_set e;
  e.set_fixed_marginal(net, "X", {0.3, 0.7});
  e.set_fixed_marginal(net, "Y", {0.6, 0.4});
  expect_error<evidence_error>([&] { (void)variable_elimination(net).posterior(0, e); },
                               {"fixed-marginal evidence on X, Y cannot be met together",
                                "iterative proportional fitting"});
}

// ---- impossible_evidence_error ------------------------------------------------------------

TEST(errors_impossible, zero_probability_names_the_evidence_in_every_engine) {
  const auto net = hardening::b08_network();
  evidence_set e;
  e.set_hard(net, "A", "a0");
  e.set_hard(net, "C", "c1");
  const char* expected = "evidence has probability zero: A=a0, C=c1";
  expect_error<impossible_evidence_error>([&] { (void)variable_elimination(net).posterior(1, e); }, {expected});
  expect_error<impossible_evidence_error>([&] { (void)enumeration(net).posterior(1, e); }, {expected});
  junction_tree jt(net);
  jt.set_evidence(e);
  expect_error<impossible_evidence_error>([&] { (void)jt.posterior(1); }, {expected});
}

TEST(errors_impossible, explanation_adds_the_minimal_conflicting_findings) {
  auto net = hardening::b08_network();
  net.add_variable("D", {"d0", "d1"});
  net.set_cpt("D", {}, {0.3, 0.7});
  evidence_set e;
  e.set_hard(net, "A", "a0");
  e.set_hard(net, "C", "c1");
  e.set_hard(net, "D", "d1");
  EXPECT_EQ(explain_impossible_evidence(net, e),
            "evidence has probability zero: A=a0, C=c1, D=d1; these findings alone are already "
            "impossible together: A=a0, C=c1");
}

TEST(errors_impossible, all_zero_likelihood_is_refused_when_entered) {
  const auto net = hardening::b08_network();
  evidence_set e;
  expect_error<impossible_evidence_error>([&] { e.set_likelihood(net, "B", {0.0, 0.0}); },
                                          {"likelihood evidence on 'B' is zero for every state"});
  junction_tree jt(net);
  expect_error<impossible_evidence_error>([&] { jt.set_likelihood("B", {0.0, 0.0}); },
                                          {"likelihood evidence on 'B' is zero for every state"});
}

TEST(errors_impossible, fixed_marginal_on_an_impossible_state) {
  const auto net = hardening::b08_network();
  evidence_set e;
  e.set_hard(net, "A", "a0");
  e.set_fixed_marginal(net, "B", {0.5, 0.5});  // B=b1 has probability 0 given A=a0
  expect_error<impossible_evidence_error>([&] { (void)variable_elimination(net).posterior(2, e); },
                                          {"fixed-marginal evidence on 'B' gives probability 0.5 to state 'b1'",
                                           "probability zero", "A=a0", "Jeffrey's rule"});
}

// ---- parse_error ---------------------------------------------------------------------------

TEST(errors_parse, location_prefix_and_accessors) {
  try {
    (void)io::parse_bif("variable X { type discrete [ 2 ] { a, b }; }\nprobability ( X ) { table 0.5, 0.6; }\n",
                        "toy.bif");
    FAIL() << "no error";
  } catch (const parse_error& e) {
    EXPECT_EQ(e.source(), "toy.bif");
    EXPECT_EQ(e.line(), 2u);
    EXPECT_GT(e.column(), 0u);
    EXPECT_EQ(std::string(e.what()), "toy.bif:2:" + std::to_string(e.column()) + ": " + e.detail());
    EXPECT_NE(e.detail().find("sums to 1.1, not 1"), std::string::npos) << e.detail();
  }
}

TEST(errors_parse, bif_unknown_names_rows_and_syntax) {
  const std::string head = "variable A { type discrete [ 2 ] { a0, a1 }; }\n"
                           "variable B { type discrete [ 2 ] { b0, b1 }; }\n"
                           "probability ( A ) { table 0.5, 0.5; }\n";
  expect_error<parse_error>([&] { (void)io::parse_bif(head + "probability ( B | Z ) { table 1, 0; }\n", "m.bif"); },
                            {"m.bif:4:", "unknown", "'Z'"});
  expect_error<parse_error>(
      [&] { (void)io::parse_bif(head + "probability ( B | A ) { (a0) 0.5, 0.5; (a9) 0.5, 0.5; }\n", "m.bif"); },
      {"m.bif:4:", "row (a9) of 'B'", "a9"});
  expect_error<parse_error>(
      [&] { (void)io::parse_bif(head + "probability ( B | A ) { (a0) 0.5, 0.5; }\n", "m.bif"); },
      {"m.bif:4:", "'B'", "a1"});
  expect_error<parse_error>(
      [&] { (void)io::parse_bif(head + "probability ( B | A ) { (a0) 0.5, 0.5, 0; (a1) 1, 0; }\n", "m.bif"); },
      {"m.bif:4:", "row (a0) of 'B' has 3"});
  expect_error<parse_error>([&] { (void)io::parse_bif("varible A { type discrete [ 2 ] { a0, a1 }; }", "m.bif"); },
                            {"m.bif:1:1: expected 'network', 'variable' or 'probability', found"});
  expect_error<parse_error>([&] { (void)io::parse_bif("variable A\xff { type discrete [ 2 ] { a0, a1 }; }", "m.bif"); },
                            {"m.bif:1:11: invalid UTF-8 byte 0xFF (BIF text must be UTF-8 or ASCII)"});
  expect_error<parse_error>([&] { (void)io::parse_bif("variable A { type discrete [ 2 ] { a0, a1 }; }\n", "m.bif"); },
                            {"variable 'A' has no probability block"});
}

TEST(errors_parse, json_model_names_the_json_path) {
  expect_error<parse_error>([] { (void)io::parse_json("{\"format\": \"augury-network\",", "m.json"); },
                            {"m.json:1:", "invalid JSON"});
  const std::string doc =
      R"({"format": "augury-network", "version": 1, "variables": [)"
      R"({"name": "A", "states": ["a0", "a1"], "parents": [], "cpt": [[0.5, 0.6]]}]})";
  expect_error<parse_error>([&] { (void)io::parse_json(doc, "m.json"); },
                            {"m.json: variables[0].cpt[0]", "sums to"});
  expect_error<parse_error>([] { (void)io::parse_json(R"({"format": "augury-network", "version": 1, "variables": [], "colour": 1})", "m.json"); },
                            {"unknown key \"colour\"", "valid keys"});
}

TEST(errors_parse, uai_model_and_evidence) {
  expect_error<parse_error>([] { (void)io::parse_uai_markov("MARKOV\n2\n2 2\n1\n2 0 1\n3\n0.1 0.2 0.3\n", "m.uai"); },
                            {"m.uai:"});
  expect_error<parse_error>([] { (void)io::parse_uai_evidence("1 5 0\n", {2, 2}, "m.evid"); },
                            {"m.evid:1:"});
}

TEST(errors_parse, csv_structure) {
  const auto model = default_scenario_model();
  expect_error<parse_error>(
      [&] { (void)parse_report_csv("date,indicator,state,source,grade\n2024-01-01,arms_sales,\"halted,x,B2\n", model.network, "r.csv"); },
      {"r.csv:2:", "quoted field is never closed"});
  expect_error<parse_error>([&] { (void)parse_report_csv("date,indicator,source,grade\n", model.network, "r.csv"); },
                            {"r.csv:1", "missing column 'state' or 'likelihood'"});
  expect_error<parse_error>([&] { (void)parse_report_csv("", model.network, "r.csv"); }, {"no header row"});
  expect_error<parse_error>([&] { (void)parse_report_csv("date,indicator\n2024-01-01,caf\xe9\n", model.network, "r.csv"); },
                            {"r.csv:2:15: invalid UTF-8 byte 0xE9 (CSV files must be UTF-8)"});
  expect_error<parse_error>([] { (void)parse_mapping_csv("reporter_indicator,reporter_state,node,state,likelihood,note\nx,y,arms_sales,,,\n", "m.csv"); },
                            {"m.csv:2", "pair", "exactly one of state and likelihood"});
}

// ---- inference_error ----------------------------------------------------------------------

TEST(errors_inference, size_limits_say_how_much_would_be_needed) {
  const auto net = sprinkler();
  junction_tree_options small;
  small.max_total_entries = 4;
  expect_error<inference_error>([&] { junction_tree jt(net, small); },
                                {"the junction tree of network 'toy' would need 8 clique table entries",
                                 "the limit is 4"});
  const variable_elimination ve(net, 2);
  expect_error<inference_error>([&] { (void)ve.posterior(2, evidence_set{}); }, {"limit", "toy"});
}

TEST(errors_inference, joint_posterior_queries) {
  const auto net = sprinkler();
  expect_error<inference_error>([&] { (void)variable_elimination(net).joint_posterior({0, 0}, {}); },
                                {"joint posterior lists variable 'Rain' twice"});
}

// ---- report_error --------------------------------------------------------------------------

TEST(errors_report, reports_name_date_indicator_and_choices) {
  const auto model = default_scenario_model();
  const auto& net = model.network;
  report r{"2024-01-01", "arms_sales", "maybe", {}, "x", "B2", "", "", 0};
  expect_error<report_error>([&] { (void)report_likelihood(net, r, grading_table{}); },
                             {"report of 2024-01-01: indicator 'arms_sales' has no state 'maybe'",
                              "(states: continuing, halted)"});
  r.state = "halted";
  r.indicator = "no_such_node";
  expect_error<report_error>([&] { (void)report_likelihood(net, r, grading_table{}); },
                             {"report of 2024-01-01 names unknown indicator 'no_such_node'", "(indicators: "});
  expect_error<report_error>([] { check_iso_date("2023-02-29"); },
                             {"date '2023-02-29' is not a valid calendar date"});
  expect_error<report_error>([] { (void)grading_table{}.fidelity("Z9"); },
                             {"grade 'Z9' is not an Admiralty grade"});
  expect_error<report_error>([] { grading_table g; g.set_source_weight('A', 1.5); },
                             {"weight 1.5 is outside [0, 1]"});
}

TEST(errors_report, rejected_rows_carry_the_reason_instead_of_throwing) {
  const auto model = default_scenario_model();
  const auto batch = parse_report_csv(
      "date,indicator,state,likelihood,source,grade\n"
      "2024-01-01,arms_sales,,continuing:0;halted:0,x,B2\n",
      model.network, "r.csv");
  ASSERT_EQ(batch.rejected.size(), 1u);
  EXPECT_EQ(batch.rejected[0].line, 2u);
  EXPECT_NE(batch.rejected[0].reason.find("likelihood on 'arms_sales' is zero for every state"), std::string::npos)
      << batch.rejected[0].reason;
}

// ---- augury::error ---------------------------------------------------------------------------

TEST(errors_base, unreadable_file_names_the_path) {
  expect_error<error>([] { (void)io::read_bif("/nonexistent/dir/model.bif"); },
                      {"cannot open", "'/nonexistent/dir/model.bif'"});
}

}  // namespace
}  // namespace augury
