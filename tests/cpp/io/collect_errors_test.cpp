// The collect-all read mode (read_options::collect_all_errors): every problem of a file in one
// parse_errors, each with its own line, column and message; the mode changes nothing for a
// file without problems; the first-error mode is unchanged.

#include <augury/error.hpp>
#include <augury/io/bif.hpp>
#include <augury/io/dne.hpp>
#include <augury/io/dsl.hpp>
#include <augury/io/format.hpp>
#include <augury/io/json.hpp>
#include <augury/io/uai.hpp>
#include <augury/io/xmlbif.hpp>

#include "io/format_test_support.hpp"
#include "io/io_test_support.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstddef>
#include <fstream>
#include <sstream>
#include <optional>
#include <string>
#include <vector>

namespace augury {
namespace {

using ::testing::HasSubstr;
using test_io::data_dir;
using test_io::parse_error_of;
using test_io::shared_dir;

io::read_options collect() {
  io::read_options o;
  o.collect_all_errors = true;
  return o;
}

/// The parse_errors thrown by `f`, or nothing (a plain parse_error is a test failure).
template <class F>
std::optional<parse_errors> errors_of(F&& f) {
  try {
    f();
  } catch (const parse_errors& e) {
    return e;
  } catch (const parse_error& e) {
    ADD_FAILURE() << "a plain parse_error in collect mode: " << e.what();
  }
  return std::nullopt;
}

struct expected_error {
  std::size_t line, column;
  std::string detail;
};

/// 1-based line and column of the `nth` occurrence of `needle` in `text` (ASCII texts only).
expected_error at(const std::string& text, const std::string& needle, const std::string& detail, int nth = 1) {
  std::size_t pos = std::string::npos;
  for (int i = 0; i < nth; ++i) pos = text.find(needle, pos == std::string::npos ? 0 : pos + 1);
  EXPECT_NE(pos, std::string::npos) << needle;
  std::size_t line = 1, line_start = 0;
  for (std::size_t i = 0; i < pos; ++i)
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  return {line, pos - line_start + 1, detail};
}

void expect_errors(const parse_errors& e, const std::vector<expected_error>& expected) {
  ASSERT_EQ(e.errors().size(), expected.size()) << e.what();
  EXPECT_EQ(e.total(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    SCOPED_TRACE("error " + std::to_string(i));
    EXPECT_EQ(e.errors()[i].detail(), expected[i].detail);
    EXPECT_EQ(e.errors()[i].line(), expected[i].line);
    EXPECT_EQ(e.errors()[i].column(), expected[i].column);
  }
  EXPECT_EQ(e.line(), expected.front().line);
  EXPECT_EQ(e.column(), expected.front().column);
}

// ---- the exception ------------------------------------------------------------------------------

TEST(CollectErrors, ParseErrorsWhatListsEveryErrorUnderAHeader) {
  const parse_errors e("m.bif", {parse_error("m.bif", 3, 5, "first"), parse_error("m.bif", 9, 1, "second")});
  EXPECT_STREQ(e.what(), "m.bif: 2 errors\nm.bif:3:5: first\nm.bif:9:1: second");
  EXPECT_EQ(e.source(), "m.bif");
  EXPECT_EQ(e.line(), 3u);
  EXPECT_EQ(e.column(), 5u);
  EXPECT_EQ(e.total(), 2u);
  const parse_error& as_base = e;  // still caught as a parse_error
  EXPECT_EQ(as_base.line(), 3u);
  const parse_errors one("m.bif", {parse_error("m.bif", 0, 0, "only")});
  EXPECT_STREQ(one.what(), "m.bif: 1 error\nm.bif: only");
}

TEST(CollectErrors, ParseErrorsKeepsAtMostMaxKeptAndCountsTheRest) {
  std::vector<parse_error> many;
  for (std::size_t i = 1; i <= 130; ++i) many.emplace_back("m", i, 1, "e" + std::to_string(i));
  const parse_errors e("m", many, 130);
  EXPECT_EQ(e.errors().size(), parse_errors::max_kept);
  EXPECT_EQ(e.total(), 130u);
  const std::string what = e.what();
  EXPECT_EQ(what.substr(0, what.find('\n')), "m: 130 errors");
  EXPECT_THAT(what, HasSubstr("\nm:100:1: e100\n... and 30 more"));
  EXPECT_EQ(what.find("e101"), std::string::npos);
}

// ---- BIF --------------------------------------------------------------------------------------

// Seven faults of different kinds, one syntax error, and the cascades the mode must not report.
const std::string faulty_bif =
    "network faults {\n"                                          // 1
    "}\n"                                                         // 2
    "variable A { type discrete [ 2 ] { a0, a1 }; }\n"            // 3
    "variable B { type discrete [ 2 ] { b0, b1 }; }\n"            // 4
    "variable C { type discrete [ 3 ] { c0, c1, c2 }; }\n"        // 5
    "variable D { type discrete [ 2 ] { d0, d1 }; }\n"            // 6  no block
    "variable E { type discrete [ 2 ] { e0, e1 }; garbage }\n"    // 7  syntax error
    "probability ( A ) { table 0.2, 0.3, 0.5; }\n"                // 8  3 values for 2
    "probability ( B | A ) {\n"                                   // 9
    "  (a0) 0.1, 0.9;\n"                                          // 10
    "  (a0) 0.2, 0.8;\n"                                          // 11 duplicate
    "}\n"                                                         // 12 (a1) missing
    "probability ( C | A, B ) {\n"                                // 13
    "  (a0, b0) 0.2, 0.3, 0.5;\n"                                 // 14
    "  (a0, b1) 0.2, 0.3, 0.6;\n"                                 // 15 sums to 1.1
    "  (a1, bx) 0.2, 0.3, 0.5;\n"                                 // 16 unknown state
    "  (a1, b1) -0.1, 0.6, 0.5;\n"                                // 17 negative
    "}\n"                                                         // 18
    "probability ( E ) { table 0.5, 0.5; }\n";                    // 19 set aside (E is broken)

TEST(CollectErrorsBif, ListsEveryFaultInFileOrder) {
  const std::string& t = faulty_bif;
  const auto e = errors_of([&] { (void)io::parse_bif(t, "faults.bif", collect()); });
  ASSERT_TRUE(e);
  expect_errors(*e, {
      at(t, "variable D", "variable 'D' has no probability block"),
      at(t, "garbage", "expected 'type', 'property' or '}' in variable 'E', found 'garbage'"),
      at(t, "table 0.2", "the table of 'A' has 3 values, expected 2 (A[2])"),
      at(t, "(a0) 0.2", "row (a0) of 'B' is given twice (first at line 10)"),
      at(t, "}\nprobability ( C", "the probability block of 'B' has no row for (a1) and no 'default' "
                                  "(1 of 2 parent configurations of (A) missing: (a1))"),
      at(t, "(a0, b1)", "row (a0, b1) of 'C' sums to 1.1, not 1 (tolerance 1e-06)"),
      at(t, "bx", "row (a1, bx) of 'C': parent 'B' has no state 'bx' (states: b0, b1)"),
      at(t, "(a1, b1)", "row (a1, b1) of 'C' gives state 'c0' the negative probability -0.1"),
  });
  // Not reported: the row (a1, b0) of C, most likely the one misspelt as (a1, bx); the block
  // of E, whose declaration failed.
  const std::string what = e->what();
  EXPECT_EQ(what.substr(0, what.find('\n')), "faults.bif: 8 errors");
  EXPECT_THAT(what, HasSubstr("\nfaults.bif:16:8: row (a1, bx) of 'C': parent 'B' has no state 'bx' (states: b0, b1)\n"));
}

TEST(CollectErrorsBif, WithoutTheOptionTheFirstErrorIsThrownAsBefore) {
  const auto e = parse_error_of([&] { (void)io::parse_bif(faulty_bif, "faults.bif"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(dynamic_cast<const parse_errors*>(&*e), nullptr);
  EXPECT_STREQ(e->what(), "faults.bif:7:46: expected 'type', 'property' or '}' in variable 'E', found 'garbage'");
  // Each collected message is the message the first-error mode gives for that fault alone.
  const std::string dup = "variable A { type discrete [ 2 ] { a0, a1 }; }\n"
                          "variable B { type discrete [ 2 ] { b0, b1 }; }\n"
                          "probability ( A ) { table 0.5, 0.5; }\n"
                          "probability ( B | A ) {\n  (a0) 0.1, 0.9;\n  (a0) 0.2, 0.8;\n  (a1) 0.5, 0.5;\n}\n";
  const auto single = parse_error_of([&] { (void)io::parse_bif(dup, "d.bif"); });
  ASSERT_TRUE(single);
  EXPECT_EQ(single->detail(), "row (a0) of 'B' is given twice (first at line 5)");
  const auto collected = errors_of([&] { (void)io::parse_bif(dup, "d.bif", collect()); });
  ASSERT_TRUE(collected);
  ASSERT_EQ(collected->errors().size(), 1u);  // one problem is still a parse_errors
  EXPECT_EQ(collected->errors()[0].detail(), single->detail());
  EXPECT_EQ(collected->errors()[0].line(), single->line());
  EXPECT_EQ(collected->errors()[0].column(), single->column());
  EXPECT_STREQ(collected->what(), "d.bif: 1 error\nd.bif:6:3: row (a0) of 'B' is given twice (first at line 5)");
}

TEST(CollectErrorsBif, ACycleIsReportedWithItsVariables) {
  const std::string t =
      "variable A { type discrete [ 2 ] { a0, a1 }; }\n"
      "variable B { type discrete [ 2 ] { b0, b1 }; }\n"
      "variable C { type discrete [ 2 ] { c0, c1 }; }\n"
      "probability ( A | B ) { (b0) 0.5, 0.5; (b1) 0.5, 0.5; }\n"
      "probability ( B | A ) { (a0) 0.5, 0.5; (a1) 0.5, 0.7; }\n"  // also a bad row
      "probability ( C | B ) { (b0) 0.5, 0.5; (b1) 0.5, 0.5; }\n"
      "probability ( B ) { table 0.5, 0.5; }\n";                   // a second block for B
  auto e = errors_of([&] { (void)io::parse_bif(t, "c.bif", collect()); });
  ASSERT_TRUE(e);
  expect_errors(*e, {
      at(t, "(a1) 0.5, 0.7", "row (a1) of 'B' sums to 1.2, not 1 (tolerance 1e-06)"),
      at(t, "probability ( B )", "a second probability block for 'B' (the first is at line 5); each variable takes "
                                 "exactly one"),
  });
  // With the row fixed, the cycle itself (A -> B -> A) is reported, with the second block.
  std::string fixed = t;
  fixed.replace(fixed.find("0.5, 0.7"), 8, "0.5, 0.5");
  e = errors_of([&] { (void)io::parse_bif(fixed, "c.bif", collect()); });
  ASSERT_TRUE(e);
  expect_errors(*e, {
      at(fixed, "probability ( B | A )", "probability block of 'B': making 'A' a parent of 'B' would create the "
                                         "cycle B -> A -> B"),
      at(fixed, "probability ( B )", "a second probability block for 'B' (the first is at line 5); each variable "
                                     "takes exactly one"),
  });
}

TEST(CollectErrorsBif, SyntaxErrorsResumeAtTheNextKeyword) {
  const std::string t =
      "variable A { type discrete [ 2 ] { a0, a1 };\n"    // '}' missing: B is still read
      "variable B { type discrete [ 2 ] { b0, b1 }; }\n"
      "probability ( A ) { table 0.5, 0.5; }\n"           // set aside: A failed
      "probability ( B ) { table 0.5 0.5 0.5; }\n"        // 3 values for 2
      "probability ( X ) { table 0.5, 0.5 }\n"            // ';' missing: X never checked
      "probability ( B ) { ( ; }\n";                      // a second block, broken
  const auto e = errors_of([&] { (void)io::parse_bif(t, "s.bif", collect()); });
  ASSERT_TRUE(e);
  expect_errors(*e, {
      at(t, "variable B", "expected 'type', 'property' or '}' in variable 'A', found 'variable'"),
      at(t, "table 0.5 0.5 0.5", "the table of 'B' has 3 values, expected 2 (B[2])"),
      at(t, "}\nprobability ( B ) { (", "expected a number or ';' in the probability block of 'X', found '}'"),
      at(t, "; }\n", "expected a parent state name in a row of 'B', found ';'", 4),
  });
}

TEST(CollectErrorsBif, UnknownVariablesAndMissingBlocksOfLaterDeclarations) {
  const std::string t =
      "probability ( A | Q ) { (q0) 0.5, 0.5; }\n"
      "probability ( Z ) { table 1; }\n"
      "variable A { type discrete [ 2 ] { a0, a1 }; }\n"
      "variable B { type discrete [ 1 ] { b }; }\n";
  const auto e = errors_of([&] { (void)io::parse_bif(t, "u.bif", collect()); });
  ASSERT_TRUE(e);
  expect_errors(*e, {
      at(t, "Q )", "probability block names unknown parent 'Q' (variables: A, B)"),
      at(t, "Z )", "probability block names unknown variable 'Z' (variables: A, B)"),
      at(t, "variable B", "variable 'B' has no probability block"),
  });
}

TEST(CollectErrorsBif, ManyErrorsAreCappedWithACount) {
  std::string t;
  for (int i = 0; i < 130; ++i) t += "variable V" + std::to_string(i) + " { type discrete [ 1 ] { s }; }\n";
  const auto e = errors_of([&] { (void)io::parse_bif(t, "many.bif", collect()); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->errors().size(), 100u);
  EXPECT_EQ(e->total(), 130u);
  EXPECT_EQ(e->errors().back().detail(), "variable 'V99' has no probability block");
  const std::string what = e->what();
  EXPECT_EQ(what.substr(0, what.find('\n')), "many.bif: 130 errors");
  EXPECT_EQ(what.substr(what.rfind('\n') + 1), "... and 30 more");
}

TEST(CollectErrorsBif, CleanFilesLoadIdentically) {
  for (const char* name : {"b01_rows_out_of_order.bif", "b02_alarm_table.bif", "b03_default_property_comments.bif",
                           "dialect_mix.bif", "javabayes_0_15.bif"}) {
    SCOPED_TRACE(name);
    const std::string path = data_dir() + "/bif/" + name;
    const auto plain = io::read_bif(path);
    const auto collected = io::read_bif(path, collect());
    EXPECT_EQ(collected, plain);
  }
}

TEST(CollectErrorsBif, SharedFileWithErrorsListsItsFaults) {
  const std::string path = shared_dir() + "/data/networks/bif-dialects/dBN_with_errors.bif";
  AUGURY_REQUIRE_FILE(path);
  io::read_options o = collect();
  o.sum_tolerance = 1e-4;  // its tables are rounded to 5 digits
  const auto e = errors_of([&] { (void)io::read_bif(path, o); });
  ASSERT_TRUE(e);
  // The deliberate faults of tests/data/README.md ((5,_75) at 2134, (5,) at 2157, a row with
  // one value at 2508) and the others the file holds: second blocks, duplicated rows (each
  // standing where a configuration that is then missing should be).
  expect_errors(*e, {
      {347, 1, "a second probability block for 'lasubt_1' (the first is at line 70); each variable takes exactly one"},
      {432, 1, "row (6, 4) of 'c1t_1' is given twice (first at line 421)"},
      {498, 1, "the probability block of 'c1t_1' has no row for (6_5, 4) and no 'default' (1 of 121 parent "
               "configurations of (bat_0, bat_1) missing: (6_5, 4))"},
      {961, 1, "row (16, 8, 9) of 'bat_1' is given twice (first at line 917)"},
      {962, 1, "the probability block of 'bat_1' has no row for (12, 8, 9) and no 'default' (1 of 176 parent "
               "configurations of (Tt_1, lasubt_0, bat_0) missing: (12, 8, 9))"},
      {2134, 1, "row (5, _75) of 'phmaxt_1' names 2 states but 'phmaxt_1' has 1 parent (pHt_1)"},
      {2157, 4, "expected a parent state name in a row of 'gcmaxt_1', found ')'"},
      {2219, 1, "row (7, 7_5) of 'dgct_1' is given twice (first at line 2211)"},
      {2228, 1, "the probability block of 'dgct_1' has no row for (6, 7_5) and no 'default' (1 of 64 parent "
                "configurations of (gct_1, gct_0) missing: (6, 7_5))"},
      {2269, 1, "a second probability block for 'odourt_1' (the first is at line 106); each variable takes exactly one"},
      {2508, 1, "row (3, 2, 3, 2, 4) of 'c7t_1' has 1 values, but 'c7t_1' has 2 states (1, 2)"},
  });
  // Without the option the first fault alone is thrown, and it heads the list.
  const auto first = parse_error_of([&] {
    io::read_options plain;
    plain.sum_tolerance = 1e-4;
    (void)io::read_bif(path, plain);
  });
  ASSERT_TRUE(first);
  EXPECT_EQ(first->detail(), e->errors().front().detail());
  EXPECT_EQ(first->line(), 347u);
}

// ---- XMLBIF -----------------------------------------------------------------------------------

const std::string faulty_xmlbif =
    "<?xml version=\"1.0\"?>\n"
    "<BIF VERSION=\"0.3\"><NETWORK><NAME>n</NAME>\n"
    "<VARIABLE TYPE=\"nature\"><NAME>A</NAME><OUTCOME>a0</OUTCOME><OUTCOME>a1</OUTCOME></VARIABLE>\n"
    "<VARIABLE TYPE=\"nature\"><NAME>B</NAME><OUTCOME>b0</OUTCOME><OUTCOME>b1</OUTCOME></VARIABLE>\n"
    "<VARIABLE TYPE=\"decision\"><NAME>D</NAME><OUTCOME>d0</OUTCOME></VARIABLE>\n"
    "<VARIABLE TYPE=\"nature\"><NAME>C</NAME><OUTCOME>c0</OUTCOME><OUTCOME>c1</OUTCOME></VARIABLE>\n"
    "<VARIABLE TYPE=\"nature\"><NAME>E</NAME><OUTCOME>e0</OUTCOME></VARIABLE>\n"
    "<DEFINITION><FOR>A</FOR><TABLE>0.5 0.5 0.1</TABLE></DEFINITION>\n"
    "<DEFINITION><FOR>B</FOR><GIVEN>A</GIVEN><TABLE>0.5 0.6 0.2 0.8</TABLE></DEFINITION>\n"
    "<DEFINITION><FOR>C</FOR><GIVEN>Q</GIVEN><TABLE>1 0</TABLE></DEFINITION>\n"
    "<DEFINITION><FOR>D</FOR><TABLE>1</TABLE></DEFINITION>\n"
    "<DEFINITION><FOR>B</FOR><TABLE>0.5 0.5</TABLE></DEFINITION>\n"
    "</NETWORK></BIF>\n";

TEST(CollectErrorsXmlbif, ListsEveryFaultInFileOrder) {
  const std::string& t = faulty_xmlbif;
  const auto e = errors_of([&] { (void)io::parse_xmlbif(t, "f.xml", collect()); });
  ASSERT_TRUE(e);
  expect_errors(*e, {
      at(t, "<VARIABLE TYPE=\"decision\"", "variable 'D' has TYPE=\"decision\"; only TYPE=\"nature\" (chance) "
                                           "variables are supported, not decision or utility ones"),
      at(t, "<VARIABLE TYPE=\"nature\"><NAME>E", "variable 'E' has no <DEFINITION>"),
      at(t, "0.1</TABLE>", "the TABLE of 'A' has 3 values, expected 2 (A[2])"),
      at(t, "0.5 0.6", "the distribution of 'B' for (A=a0) in its TABLE sums to 1.1, not 1 (tolerance 1e-06)"),
      at(t, "<GIVEN>Q", "<GIVEN> names unknown parent 'Q' (variables: A, B, C, E)"),
      at(t, "<DEFINITION><FOR>B</FOR><TABLE>", "a second <DEFINITION> for 'B' (the first is at line 9)"),
  });
  // Without the option: the first of them, as before.
  const auto first = parse_error_of([&] { (void)io::parse_xmlbif(t, "f.xml"); });
  ASSERT_TRUE(first);
  EXPECT_EQ(first->detail(), e->errors()[0].detail());
}

TEST(CollectErrorsXmlbif, MalformedXmlIsOneErrorAndCleanFilesLoadIdentically) {
  const auto e = errors_of([&] { (void)io::parse_xmlbif("<BIF><NETWORK>", "m.xml", collect()); });
  ASSERT_TRUE(e);
  ASSERT_EQ(e->errors().size(), 1u);
  EXPECT_THAT(e->errors()[0].detail(), HasSubstr("not well-formed XML"));
  for (const char* name : {"b02_alarm.xml", "javabayes_style.xml"}) {
    SCOPED_TRACE(name);
    const std::string path = data_dir() + "/xmlbif/" + name;
    EXPECT_EQ(io::read_xmlbif(path, collect()), io::read_xmlbif(path));
  }
}

// ---- DSL, UAI, JSON ---------------------------------------------------------------------------

std::string dsl_node(const std::string& id, const std::string& parents, const std::string& states,
                     const std::string& probs) {
  return "node " + id + " {\n TYPE = CPT;\n PARENTS = (" + parents + ");\n DEFINITION = {\n  NAMESTATES = (" + states +
         ");\n  PROBABILITIES = (" + probs + ");\n };\n};\n";
}

TEST(CollectErrorsDsl, EachNodeIsCheckedOnItsOwn) {
  const std::string t = "net N\n{\n" + dsl_node("A", "", "a0, a1", "0.3, 0.6") +
                        dsl_node("B", "A", "b0, b1", "0.5, 0.5, 0.2, 0.9") + dsl_node("C", "A, Q", "c0, c1", "1, 0") +
                        dsl_node("D", "", "d0, d0", "1, 0") + dsl_node("E", "D", "e0", "1, 1") + "};\n";
  const auto e = errors_of([&] { (void)io::parse_dsl(t, "f.dsl", collect()); });
  ASSERT_TRUE(e);
  expect_errors(*e, {
      at(t, "0.3, 0.6", "the distribution of 'A' in its PROBABILITIES sums to 0.9, not 1 (tolerance 1e-06)"),
      at(t, "0.2, 0.9", "the distribution of 'B' for (A=a1) in its PROBABILITIES sums to 1.1, not 1 (tolerance 1e-06)"),
      at(t, "Q)", "node 'C' names unknown parent 'Q' (nodes: A, B, C, D, E)"),
      at(t, "(d0, d0)", "variable 'D' declares state 'd0' twice (states: d0, d0)"),
  });  // E is set aside: its parent D could not be declared
  const auto first = parse_error_of([&] { (void)io::parse_dsl(t, "f.dsl"); });
  ASSERT_TRUE(first);
  EXPECT_EQ(first->detail(), e->errors()[3].detail());  // declarations are checked before tables
  EXPECT_EQ(io::read_dsl(data_dir() + "/dsl/b02_alarm_crlf.dsl", collect()),
            io::read_dsl(data_dir() + "/dsl/b02_alarm_crlf.dsl"));
}

TEST(CollectErrorsDne, ATableOverAFailedDeclarationIsSetAside) {
  std::ifstream in(data_dir() + "/dne/sprinkler.dne");
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string t = buffer.str();
  ASSERT_FALSE(t.empty());
  const auto replace = [&](const std::string& from, const std::string& to, std::size_t after = 0) {
    const std::size_t at = t.find(from, after);
    ASSERT_NE(at, std::string::npos) << from;
    t.replace(at, from.size(), to);
  };
  replace("(0.2,         0.8,", "(0.3,         0.8,");                  // Sprinkler: row sums to 1.1
  replace("parents = (Cloudy);", "parents = (Cloudx);", t.find("node Rain"));  // unknown parent
  replace("numstates = 2;", "numstates = 3;");                            // Wet: bad declaration ...
  replace("0.88,        0.12,", "0.88,        0.22,");                   // ... so its table is not checked
  const auto e = errors_of([&] { (void)io::parse_dne(t, "s.dne", collect()); });
  ASSERT_TRUE(e);
  expect_errors(*e, {
      at(t, "0.3,         0.8,", "the distribution of 'Sprinkler' for (Cloudy=T) in its probs sums to 1.1, not 1 "
                                 "(tolerance 1e-06)"),
      at(t, "Cloudx", "node 'Rain' names unknown parent 'Cloudx' (nodes: Cloudy, Sprinkler, Rain, Wet)"),
      at(t, "3;", "node 'Wet' has numstates = 3 but lists 2 states"),
  });
  EXPECT_EQ(io::read_dne(data_dir() + "/dne/sprinkler.dne", collect()), io::read_dne(data_dir() + "/dne/sprinkler.dne"));
}

TEST(CollectErrorsUai, RowsAndCyclesAreCollected) {
  const std::string t =
      "BAYES\n3\n2 2 2\n3\n1 0\n2 0 1\n2 1 2\n\n"
      "2\n 0.5 0.6\n"
      "4\n 0.5 0.5\n -0.2 1.2\n"
      "4\n 0.3 0.3\n 0.5 0.5\n";
  const auto e = errors_of([&] { (void)io::parse_uai_bayesian(t, "f.uai", collect()); });
  ASSERT_TRUE(e);
  expect_errors(*e, {
      at(t, "0.5 0.6", "factor 0 (CPT of variable 0) sums to 1.1, not 1 (tolerance 1e-06)"),
      at(t, "-0.2", "entry 2 of the table of factor 1 is negative (-0.2); factor entries must be non-negative"),
      at(t, "0.3 0.3", "factor 2 (CPT of variable 2 given variable 1 = 0) sums to 0.6, not 1 (tolerance 1e-06)"),
  });
  // Factors that close cycles, each reported once the tables are right.
  const std::string cyc = "BAYES\n2\n2 2\n2\n2 1 0\n2 0 1\n\n4\n 0.5 0.5 0.5 0.5\n4\n 0.5 0.5 0.5 0.5\n";
  const auto c = errors_of([&] { (void)io::parse_uai_bayesian(cyc, "c.uai", collect()); });
  ASSERT_TRUE(c);
  expect_errors(*c, {at(cyc, "2 0 1", "factor 1 (CPT of variable 1): making 'v0' a parent of 'v1' would create the "
                                      "cycle v1 -> v0 -> v1")});
}

TEST(CollectErrorsJson, RowsOfEveryTableAreCollected) {
  const std::string t = R"({"format": "augury-network", "version": 1, "variables": [
    {"name": "A", "states": ["a0", "a1"], "cpt": [[0.5, 0.6]]},
    {"name": "B", "states": ["b0", "b1"], "parents": ["A"], "cpt": [[0.5, 0.5], [0.2, -0.1]]},
    {"name": "C", "states": ["c0", "c1"], "parents": ["Q"], "cpt": [[1, 0]]}]})";
  const auto e = errors_of([&] { (void)io::parse_json(t, "f.json", collect()); });
  ASSERT_TRUE(e);
  ASSERT_EQ(e->errors().size(), 3u) << e->what();
  EXPECT_EQ(e->errors()[0].detail(), "variables[0].cpt[0]: the distribution of 'A' sums to 1.1, not 1 (tolerance 1e-06)");
  EXPECT_EQ(e->errors()[1].detail(), "variables[1].cpt[1][1]: P(B=b1 given A=a1) is -0.1; probabilities must be "
                                     "finite and non-negative");
  EXPECT_EQ(e->errors()[2].detail(), "variables[2].parents[0]: unknown variable 'Q' (variables: A, B, C)");
}

TEST(CollectErrors, ReadModelPassesTheOptionToEveryFormat) {
  const auto e = errors_of([&] { (void)io::parse_model(faulty_bif, io::model_format::bif, "faults.bif", collect()); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->total(), 8u);
}

}  // namespace
}  // namespace augury
