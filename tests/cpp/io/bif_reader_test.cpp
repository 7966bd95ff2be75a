// BIF reader: the field cases B01-B04, dialect features, and every kind of error with its
// location and wording.

#include <augury/io/bif.hpp>

#include "io/io_test_support.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace augury {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using test_io::data_dir;
using test_io::parse_error_of;
using test_io::posterior;

std::vector<double> cpt_row(const bayesian_network& net, const std::string& var, std::size_t row) {
  const cpt& t = net.cpt_of(net.id(var));
  std::vector<double> out;
  for (std::size_t c = 0; c < t.columns(); ++c) out.push_back(t(row, c));
  return out;
}

// ---- B01: rows labelled by parent states, out of order --------------------------------------

TEST(BifReader, B01RowsArePlacedByTheirLabels) {
  const auto net = io::read_bif(data_dir() + "/bif/b01_rows_out_of_order.bif");
  // Rows in augury order (last parent fastest): (sand,on) (sand,off) (clay,on) (clay,off) ...
  EXPECT_THAT(cpt_row(net, "Yield", 0), ElementsAre(0.20, 0.80));
  EXPECT_THAT(cpt_row(net, "Yield", 1), ElementsAre(0.60, 0.40));
  EXPECT_THAT(cpt_row(net, "Yield", 2), ElementsAre(0.45, 0.55));
  EXPECT_THAT(cpt_row(net, "Yield", 3), ElementsAre(0.70, 0.30));
  EXPECT_THAT(cpt_row(net, "Yield", 4), ElementsAre(0.10, 0.90));
  EXPECT_THAT(cpt_row(net, "Yield", 5), ElementsAre(0.35, 0.65));

  // Exact values from field-faults.md (the positional misreading gives 0.616 and 0.6006).
  EXPECT_NEAR(posterior(net, "Yield")[1], 0.55, 1e-12);
  const auto soil = posterior(net, "Soil", {{"Yield", "high"}});
  EXPECT_NEAR(soil[0], 28.0 / 55.0, 1e-12);
  EXPECT_NEAR(soil[1], 12.0 / 55.0, 1e-12);
  EXPECT_NEAR(soil[2], 3.0 / 11.0, 1e-12);
}

// The B01 network as text; line 6 opens the Yield block, rows are on lines 7-12, line 13 closes it.
const char* const b01_head =
    "variable Soil  { type discrete [ 3 ] { sand, clay, loam }; }\n"  // 1
    "variable Irrig { type discrete [ 2 ] { on, off }; }\n"           // 2
    "variable Yield { type discrete [ 2 ] { low, high }; }\n"         // 3
    "probability ( Soil )  { table 0.5, 0.3, 0.2; }\n"                // 4
    "probability ( Irrig ) { table 0.4, 0.6; }\n";                    // 5

std::string b01_with_rows(const std::string& rows, const std::string& header = "Yield | Soil, Irrig") {
  return std::string(b01_head) + "probability ( " + header + " ) {\n" + rows + "}\n";
}

const char* const b01_rows =
    "  (loam, off) 0.35, 0.65;\n"  // 7
    "  (sand, on)  0.20, 0.80;\n"  // 8
    "  (clay, off) 0.70, 0.30;\n"  // 9
    "  (sand, off) 0.60, 0.40;\n"  // 10
    "  (loam, on)  0.10, 0.90;\n"  // 11
    "  (clay, on)  0.45, 0.55;\n";  // 12

TEST(BifReader, B01TextMatchesTheFile) {
  EXPECT_EQ(io::parse_bif(b01_with_rows(b01_rows)), io::read_bif(data_dir() + "/bif/b01_rows_out_of_order.bif"));
}

TEST(BifReader, MissingRowWithoutDefaultIsAnErrorNamingTheConfiguration) {
  const std::string rows =
      "  (loam, off) 0.35, 0.65;\n  (sand, on)  0.20, 0.80;\n  (clay, off) 0.70, 0.30;\n"
      "  (sand, off) 0.60, 0.40;\n  (loam, on)  0.10, 0.90;\n";
  const auto e = parse_error_of([&] { (void)io::parse_bif(b01_with_rows(rows), "b01.bif"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->source(), "b01.bif");
  EXPECT_EQ(e->line(), 12u);  // the closing brace of the block
  EXPECT_EQ(e->detail(),
            "the probability block of 'Yield' has no row for (clay, on) and no 'default' (1 of 6 parent "
            "configurations of (Soil, Irrig) missing: (clay, on))");
  EXPECT_THAT(e->what(), HasSubstr("b01.bif:12:1: "));
}

TEST(BifReader, DuplicateRowIsAnErrorNamingBothLines) {
  const std::string rows = std::string(b01_rows) + "  (sand, on) 0.2, 0.8;\n";  // line 13
  const auto e = parse_error_of([&] { (void)io::parse_bif(b01_with_rows(rows)); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->line(), 13u);
  EXPECT_EQ(e->column(), 3u);
  EXPECT_EQ(e->detail(), "row (sand, on) of 'Yield' is given twice (first at line 8)");
}

TEST(BifReader, UnknownStateInRowLabelListsTheValidStates) {
  std::string rows = b01_rows;
  rows.replace(rows.find("(sand, on)"), 10, "(sand, of)");
  const auto e = parse_error_of([&] { (void)io::parse_bif(b01_with_rows(rows)); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->line(), 8u);
  EXPECT_EQ(e->column(), 10u);  // the label 'of'
  EXPECT_EQ(e->detail(), "row (sand, of) of 'Yield': parent 'Irrig' has no state 'of' (states: on, off)");
}

TEST(BifReader, UnknownVariableInHeaderListsTheVariables) {
  const auto e = parse_error_of([&] { (void)io::parse_bif(b01_with_rows(b01_rows, "Yield | Soil, Irigation")); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->line(), 6u);
  EXPECT_EQ(e->column(), 29u);
  EXPECT_EQ(e->detail(), "probability block names unknown parent 'Irigation' (variables: Soil, Irrig, Yield)");

  const auto f = parse_error_of([&] { (void)io::parse_bif(b01_with_rows(b01_rows, "Yeld | Soil, Irrig")); });
  ASSERT_TRUE(f);
  EXPECT_EQ(f->detail(), "probability block names unknown variable 'Yeld' (variables: Soil, Irrig, Yield)");
}

TEST(BifReader, RowWithWrongNumberOfValues) {
  std::string rows = b01_rows;
  rows.replace(rows.find("0.20, 0.80"), 10, "0.2, 0.3, 0.5");
  const auto e = parse_error_of([&] { (void)io::parse_bif(b01_with_rows(rows)); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->line(), 8u);
  EXPECT_EQ(e->detail(), "row (sand, on) of 'Yield' has 3 values, but 'Yield' has 2 states (low, high)");
}

TEST(BifReader, RowWithWrongNumberOfLabels) {
  std::string rows = b01_rows;
  rows.replace(rows.find("(sand, on)"), 10, "(sand)");
  const auto e = parse_error_of([&] { (void)io::parse_bif(b01_with_rows(rows)); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->line(), 8u);
  EXPECT_EQ(e->detail(), "row (sand) of 'Yield' names 1 state but 'Yield' has 2 parents (Soil, Irrig)");
}

TEST(BifReader, RowNotSummingToOneIsReportedAtTheRow) {
  std::string rows = b01_rows;
  rows.replace(rows.find("0.70, 0.30"), 10, "0.70, 0.20");
  const auto e = parse_error_of([&] { (void)io::parse_bif(b01_with_rows(rows)); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->line(), 9u);
  EXPECT_EQ(e->detail(), "row (clay, off) of 'Yield' sums to 0.9, not 1 (tolerance 1e-06)");
}

TEST(BifReader, SumToleranceIsOneInAMillionAndCanBeRaised) {
  std::string rows = b01_rows;
  rows.replace(rows.find("0.70, 0.30"), 10, "0.70, 0.29999");
  EXPECT_TRUE(parse_error_of([&] { (void)io::parse_bif(b01_with_rows(rows)); }));
  io::read_options loose;
  loose.sum_tolerance = 1e-4;
  const auto net = io::parse_bif(b01_with_rows(rows), "<string>", loose);
  EXPECT_THAT(cpt_row(net, "Yield", 3), ElementsAre(0.70, 0.29999));  // used as written, not rescaled

  // Six-digit thirds are 1e-6 away from 1 in decimal: accepted despite binary rounding.
  const auto thirds = io::parse_bif("variable T { type discrete [ 3 ] { a, b, c }; }\n"
                                    "probability ( T ) { table 0.333333, 0.333333, 0.333333; }\n");
  EXPECT_EQ(thirds.cpt_of(0)(0, 2), 0.333333);
  EXPECT_THROW((void)io::parse_bif("variable T { type discrete [ 3 ] { a, b, c }; }\n"
                                   "probability ( T ) { table 0.33333, 0.33333, 0.33333; }\n"),
               parse_error);
  io::read_options negative;
  negative.sum_tolerance = -1.0;
  EXPECT_THROW((void)io::parse_bif("", "<string>", negative), error);
}

TEST(BifReader, NegativeProbabilityIsAnError) {
  std::string rows = b01_rows;
  rows.replace(rows.find("0.35, 0.65"), 10, "1.35, -0.35");
  const auto e = parse_error_of([&] { (void)io::parse_bif(b01_with_rows(rows)); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->line(), 7u);
  EXPECT_EQ(e->detail(), "row (loam, off) of 'Yield' gives state 'high' the negative probability -0.35");
}

TEST(BifReader, NonFiniteNumbersAreRejected) {
  std::string rows = b01_rows;
  rows.replace(rows.find("0.35, 0.65"), 10, "nan, 0.65");
  const auto e = parse_error_of([&] { (void)io::parse_bif(b01_with_rows(rows)); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->line(), 7u);
  EXPECT_EQ(e->column(), 15u);
  EXPECT_EQ(e->detail(), "expected a number or ';' in the probability block of 'Yield', found 'nan'");
}

TEST(BifReader, NumbersBelowTheDoubleRangeReadAsZeroAndOverflowIsAnError) {
  const std::string var = "variable A { type discrete [ 3 ] { a, b, c }; }\n";
  const auto net = io::parse_bif(var + "probability ( A ) { table 1e-400, +.5, 5.E-1; }\n");
  EXPECT_THAT(cpt_row(net, "A", 0), ElementsAre(0.0, 0.5, 0.5));
  const auto e = parse_error_of([&] { (void)io::parse_bif(var + "probability ( A ) { table 1e400, 0, 0; }\n"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->line(), 2u);
  EXPECT_EQ(e->column(), 27u);
  EXPECT_EQ(e->detail(), "expected a number or ';' in the probability block of 'A', found '1e400'");
}

TEST(BifReader, MissingSemicolonAfterRow) {
  std::string rows = b01_rows;
  rows.replace(rows.find("0.20, 0.80;"), 11, "0.20, 0.80");
  const auto e = parse_error_of([&] { (void)io::parse_bif(b01_with_rows(rows)); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->line(), 9u);
  EXPECT_EQ(e->column(), 3u);
  EXPECT_EQ(e->detail(), "expected a number or ';' in the probability block of 'Yield', found '('");
}

// ---- B02 companion: a conditional table, child slowest ---------------------------------------

TEST(BifReader, B02ConditionalTableListsTheChildSlowest) {
  const auto net = io::read_bif(data_dir() + "/bif/b02_alarm_table.bif");
  EXPECT_EQ(net.name(), "burglary");
  EXPECT_THAT(cpt_row(net, "Alarm", 0), ElementsAre(0.95, 0.05));  // B=yes, Q=yes
  EXPECT_THAT(cpt_row(net, "Alarm", 1), ElementsAre(0.85, 0.15));  // B=yes, Q=no
  EXPECT_THAT(cpt_row(net, "Alarm", 2), ElementsAre(0.30, 0.70));  // B=no, Q=yes
  EXPECT_THAT(cpt_row(net, "Alarm", 3), ElementsAre(0.02, 0.98));  // B=no, Q=no
  EXPECT_NEAR(posterior(net, "Alarm")[0], 0.1554, 1e-12);
  EXPECT_NEAR(posterior(net, "Burglary", {{"Alarm", "yes"}})[0], 145.0 / 259.0, 1e-12);
  EXPECT_NEAR(posterior(net, "Quake", {{"Alarm", "yes"}})[0], 365.0 / 777.0, 1e-12);
}

TEST(BifReader, TableWithWrongSizeNamesTheShape) {
  const char* text =
      "variable A { type discrete [ 2 ] { a0, a1 }; }\n"
      "variable B { type discrete [ 3 ] { b0, b1, b2 }; }\n"
      "probability ( A ) { table 0.5, 0.5; }\n"
      "probability ( B | A ) {\n"
      "  table 0.1 0.2 0.7 0.3 0.3;\n"
      "}\n";
  const auto e = parse_error_of([&] { (void)io::parse_bif(text); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->line(), 5u);
  EXPECT_EQ(e->column(), 3u);
  EXPECT_EQ(e->detail(), "the table of 'B' has 5 values, expected 6 (A[2] x B[3])");
}

TEST(BifReader, TransposedTableIsCaughtByTheSumCheck) {
  // The B02 table read as if the child varied fastest would give rows (0.95, 0.85), ...
  // Here the values are written child-fastest, so in BIF order the rows do not sum to 1.
  const char* text =
      "variable B { type discrete [ 2 ] { yes, no }; }\n"
      "variable Q { type discrete [ 2 ] { yes, no }; }\n"
      "variable A { type discrete [ 2 ] { yes, no }; }\n"
      "probability ( B ) { table 0.1, 0.9; }\n"
      "probability ( Q ) { table 0.2, 0.8; }\n"
      "probability ( A | B, Q ) { table 0.95 0.05 0.85 0.15 0.30 0.70 0.02 0.98; }\n";
  const auto e = parse_error_of([&] { (void)io::parse_bif(text); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->line(), 6u);
  EXPECT_EQ(e->detail(), "the table of 'A' for (yes, yes) sums to 1.25, not 1 (tolerance 1e-06)");
}

// ---- B03: default rows, properties, comments -----------------------------------------------

TEST(BifReader, B03DefaultRowFillsTheUnlistedConfigurations) {
  const auto net = io::read_bif(data_dir() + "/bif/b03_default_property_comments.bif");
  EXPECT_EQ(net.name(), "toy");
  EXPECT_EQ(net.properties().at("origin"), "handmade");
  EXPECT_EQ(net.properties().size(), 1u);  // the variable property is not kept
  EXPECT_THAT(cpt_row(net, "Grade", 0), ElementsAre(0.6, 0.3, 0.1));  // (yes, yes)
  for (std::size_t r = 1; r < 4; ++r) EXPECT_THAT(cpt_row(net, "Grade", r), ElementsAre(0.2, 0.3, 0.5));
  const auto grade = posterior(net, "Grade");
  EXPECT_NEAR(grade[0], 0.368, 1e-12);
  EXPECT_NEAR(grade[1], 0.3, 1e-12);
  EXPECT_NEAR(grade[2], 0.332, 1e-12);
  EXPECT_NEAR(posterior(net, "Study", {{"Grade", "A"}})[0], 18.0 / 23.0, 1e-12);
}

TEST(BifReader, DefaultAloneServesRootsAndMayComeAfterRows) {
  const auto net = io::parse_bif(
      "variable a { type discrete[2] {0, 1}; }\n"
      "variable b { type discrete[3] {x, y, z}; }\n"
      "probability (a) { default 0.3 0.7; }\n"
      "probability (b | a) { (1) 0.2 0.2 0.6; default 0.1 0.1 0.8; }\n");
  EXPECT_THAT(cpt_row(net, "a", 0), ElementsAre(0.3, 0.7));
  EXPECT_THAT(cpt_row(net, "b", 0), ElementsAre(0.1, 0.1, 0.8));
  EXPECT_THAT(cpt_row(net, "b", 1), ElementsAre(0.2, 0.2, 0.6));
}

TEST(BifReader, DefaultErrors) {
  const std::string vars =
      "variable a { type discrete[2] {0, 1}; }\n"
      "variable b { type discrete[2] {x, y}; }\n"
      "probability (a) { table 0.5 0.5; }\n";
  auto e = parse_error_of([&] { (void)io::parse_bif(vars + "probability (b | a) {\n  default 0.5;\n}\n"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->line(), 5u);
  EXPECT_EQ(e->detail(), "the default row of 'b' has 1 values, but 'b' has 2 states (x, y)");

  e = parse_error_of(
      [&] { (void)io::parse_bif(vars + "probability (b | a) {\n default 0.5 0.5;\n default 0.5 0.5;\n}\n"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->line(), 6u);
  EXPECT_EQ(e->detail(), "the probability block of 'b' has a second 'default' (the first is at line 5)");

  e = parse_error_of(
      [&] { (void)io::parse_bif(vars + "probability (b | a) {\n (0) 0.5 0.5;\n default 0.5 0.6;\n}\n"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->line(), 6u);
  EXPECT_EQ(e->detail(), "the default row of 'b' for (1) sums to 1.1, not 1 (tolerance 1e-06)");
}

TEST(BifReader, TableMixedWithRowsIsAnError) {
  const auto e = parse_error_of([] {
    (void)io::parse_bif(
        "variable a { type discrete[2] {0, 1}; }\n"
        "variable b { type discrete[2] {x, y}; }\n"
        "probability (a) { table 0.5 0.5; }\n"
        "probability (b | a) {\n (0) 0.5 0.5;\n table 0.5 0.5 0.5 0.5;\n}\n");
  });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->line(), 6u);
  EXPECT_EQ(e->detail(), "the probability block of 'b' has a 'table' after labelled rows; use either one 'table' or rows");
}

TEST(BifReader, RowsForARootAreAnError) {
  const auto e = parse_error_of([] {
    (void)io::parse_bif("variable a { type discrete[2] {0, 1}; }\nprobability (a) { (0) 0.5 0.5; }\n");
  });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->line(), 2u);
  EXPECT_EQ(e->detail(), "row (0) of 'a': 'a' has no parents, so its block takes 'table' or 'default', not labelled rows");
}

// ---- B04: UTF-8 identifiers, numeric state names ------------------------------------------

TEST(BifReader, B04Utf8NamesAndNumericStates) {
  const auto net = io::read_bif(data_dir() + "/bif/b04_utf8_numeric.bif");
  ASSERT_EQ(net.size(), 2u);
  EXPECT_THAT(net.var(net.id("X")).states(), ElementsAre("0", "1"));
  EXPECT_THAT(net.var(net.id("节点")).states(), ElementsAre("低", "高"));
  const auto x = posterior(net, "X", {{"节点", "高"}});
  EXPECT_NEAR(x[1], 18.0 / 19.0, 1e-12);
  EXPECT_NEAR(x[0], 1.0 / 19.0, 1e-12);
}

TEST(BifReader, ColumnsCountCharactersNotBytes) {
  const std::string text =
      "variable X  { type discrete [ 2 ] { 0, 1 }; }\n"
      "variable 节点 { type discrete [ 2 ] { 低, 高 }; }\n"
      "probability ( X ) { table 0.25, 0.75; }\n"
      "probability ( 节点 | X ) { (0) 0.9, 0.1; (2) 0.4, 0.6; }\n";
  const auto e = parse_error_of([&] { (void)io::parse_bif(text, "b04.bif"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->line(), 4u);
  EXPECT_EQ(e->column(), 41u);
  EXPECT_EQ(e->detail(), "row (2) of '节点': parent 'X' has no state '2' (states: 0, 1)");
  EXPECT_EQ(std::string(e->what()), "b04.bif:4:41: row (2) of '节点': parent 'X' has no state '2' (states: 0, 1)");
}

// ---- dialects --------------------------------------------------------------------------------

TEST(BifReader, ChildStyleStateNames) {
  const auto net = io::read_bif(data_dir() + "/bif/child_style_names.bif");
  EXPECT_THAT(net.var(net.id("Age")).states(), ElementsAre("0-3_days", "4-10_days", "11-30_days"));
  EXPECT_THAT(net.var(net.id("CO2")).states(), ElementsAre("<5", "5-12", "12+"));
  EXPECT_THAT(net.var(net.id("LowerBodyO2")).states(), ElementsAre("<7.5", ">=7.5"));
  EXPECT_THAT(net.var(net.id("XrayReport")).states(), ElementsAre("Asy/Patch", "Transp.", "Normal"));
  // CO2 | Age, Grunting: row (11-30_days, 5-12) is the last configuration.
  EXPECT_THAT(cpt_row(net, "CO2", 5), ElementsAre(0.1, 0.3, 0.6));
  EXPECT_THAT(cpt_row(net, "CO2", 0), ElementsAre(0.7, 0.2, 0.1));
  EXPECT_THAT(cpt_row(net, "LowerBodyO2", 2), ElementsAre(0.9, 0.1));  // (12+)
  EXPECT_THAT(cpt_row(net, "XrayReport", 1), ElementsAre(0.1, 0.2, 0.7));  // (>=7.5)
}

TEST(BifReader, JavaBayesStyle) {
  const auto net = io::read_bif(data_dir() + "/bif/javabayes_0_15.bif");
  EXPECT_EQ(net.name(), "Internal Network");
  EXPECT_EQ(net.properties().at("detailed"), "JavaBayes export");
  EXPECT_THAT(net.var(net.id("Rain Fall")).states(), ElementsAre("heavy rain", "dry"));
  const var_id wet = net.id("Wet Grass");
  EXPECT_THAT(net.parents(wet), ElementsAre(net.id("Rain Fall")));
  EXPECT_THAT(cpt_row(net, "Wet Grass", 0), ElementsAre(0.9, 0.1));
  EXPECT_THAT(cpt_row(net, "Wet Grass", 1), ElementsAre(0.1, 0.9));
}

TEST(BifReader, MixedDialectFeatures) {
  const auto net = io::read_bif(data_dir() + "/bif/dialect_mix.bif");
  EXPECT_EQ(net.name(), "mixed dialect");
  EXPECT_EQ(net.properties().at("author"), "S\xEF\xBF\xBDren");  // U+FFFD kept as it is
  EXPECT_EQ(net.properties().at("version"), "1.0");
  EXPECT_THAT(net.var(net.id("A")).states(), ElementsAre("lo", "mid", "hi"));
  EXPECT_THAT(cpt_row(net, "A", 0), ElementsAre(0.25, 0.5, 0.25));
  EXPECT_THAT(cpt_row(net, "B", 0), ElementsAre(1.0, 0.0));
  EXPECT_THAT(cpt_row(net, "B", 1), ElementsAre(0.5, 0.5));
  EXPECT_THAT(cpt_row(net, "B", 2), ElementsAre(0.9998, 0.0002));
}

TEST(BifReader, UnknownVariableInABlockCheckedAtTheEnd) {
  const auto e = parse_error_of([] {
    (void)io::parse_bif("probability ( B | A ) { (a0) 0.1, 0.9; }\nvariable B { type discrete [ 2 ] { b0, b1 }; }\n");
  });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->line(), 1u);
  EXPECT_EQ(e->column(), 19u);
  EXPECT_EQ(e->detail(), "probability block names unknown parent 'A' (variables: B)");
}

TEST(BifReader, VariablesMayBeDeclaredAfterTheirProbabilityBlock) {
  const auto net = io::parse_bif(
      "probability ( B | A ) { (a0) 0.1, 0.9; (a1) 0.8, 0.2; }\n"
      "variable B { type discrete [ 2 ] { b0, b1 }; }\n"
      "probability ( A ) { table 0.4, 0.6; }\n"
      "variable A { type discrete [ 2 ] { a0, a1 }; }\n");
  EXPECT_EQ(net.id("B"), 0u);
  EXPECT_THAT(cpt_row(net, "B", 1), ElementsAre(0.8, 0.2));
}

TEST(BifReader, EmptyNetworkIsFine) {
  const auto net = io::parse_bif("network aGrUM_BN {\n   property version 1.0;\n   property author aGrUM;\n}\n");
  EXPECT_EQ(net.size(), 0u);
  EXPECT_EQ(net.name(), "aGrUM_BN");
  EXPECT_EQ(net.properties().at("author"), "aGrUM");
  EXPECT_EQ(io::parse_bif("").size(), 0u);
  EXPECT_EQ(io::parse_bif("\xEF\xBB\xBF// only a comment\n").size(), 0u);
}

TEST(BifReader, PropertyWithoutSemicolonEndsAtItsLine) {
  const auto net = io::parse_bif(
      "network DXPNetwork {\n  property Source = \"DXPNetwork\"\n  property displaySize = ( 2000, 1200);\n}\n");
  EXPECT_EQ(net.properties().at("Source"), "DXPNetwork");
  EXPECT_EQ(net.properties().at("displaySize"), "( 2000, 1200)");
  const auto one_line = io::parse_bif("network n { property k = v }");
  EXPECT_EQ(one_line.properties().at("k"), "v");
}

TEST(BifReader, DuplicateNetworkPropertyIsAnError) {
  const auto e = parse_error_of([] { (void)io::parse_bif("network n {\n property a 1;\n property a = 2;\n}\n"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->line(), 3u);
  EXPECT_EQ(e->detail(), "network property 'a' is given twice (values '1' and '2')");
}

// ---- structural and syntax errors -------------------------------------------------------------

TEST(BifReader, NoisyMaxBlocksAreRefused) {
  const char* text =
      "variable A { type discrete [ 2 ] { 0, 1 }; }\n"
      "variable B { type discrete [ 2 ] { 0, 1 }; }\n"
      "variable C { type discrete [ 2 ] { 0, 1 }; }\n"
      "probability ( A ) { table 0.5, 0.5; }\n"
      "probability ( B ) { table 0.5, 0.5; }\n"
      "probability ( C | A, B ) {\n"
      "  property function max;\n"
      "  (0, 0) 0.25 , 0.75;  // Leak term\n"
      "  (1, 0) 0.5 , 0.5;\n"
      "  (0, 1) 0.5 , 0.5;\n"
      "}\n";
  const auto e = parse_error_of([&] { (void)io::parse_bif(text); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->line(), 7u);
  EXPECT_EQ(e->detail(),
            "the probability block of 'C' declares 'property function max' (a noisy-MAX/noisy-OR model given "
            "by a leak row and one row per parent, here 3 rows for 4 parent configurations); noisy-MAX tables "
            "are not supported, only full CPTs");
}

TEST(BifReader, VariableWithoutProbabilityBlock) {
  const auto e = parse_error_of([] {
    (void)io::parse_bif("variable A { type discrete [ 2 ] { 0, 1 }; }\n\nvariable N117 { type discrete [ 2 ] { 0, 1 }; }\n"
                        "probability ( A ) { table 0.5, 0.5; }\n");
  });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->line(), 3u);
  EXPECT_EQ(e->detail(), "variable 'N117' has no probability block");
}

TEST(BifReader, SecondProbabilityBlockForAVariable) {
  const auto e = parse_error_of([] {
    (void)io::parse_bif("variable A { type discrete [ 2 ] { 0, 1 }; }\nprobability ( A ) { table 0.5, 0.5; }\n"
                        "probability ( A ) { default 0.5, 0.5; }\n");
  });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->line(), 3u);
  EXPECT_EQ(e->detail(), "a second probability block for 'A' (the first is at line 2); each variable takes exactly one");
}

TEST(BifReader, CycleIsReportedAtTheBlockThatClosesIt) {
  const auto e = parse_error_of([] {
    (void)io::parse_bif(
        "variable A { type discrete [ 2 ] { 0, 1 }; }\n"
        "variable B { type discrete [ 2 ] { 0, 1 }; }\n"
        "probability ( A | B ) { (0) 0.5, 0.5; (1) 0.5, 0.5; }\n"
        "probability ( B | A ) { (0) 0.5, 0.5; (1) 0.5, 0.5; }\n");
  });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->line(), 4u);
  EXPECT_THAT(e->detail(), HasSubstr("probability block of 'B': "));
  EXPECT_THAT(e->detail(), HasSubstr("cycle"));
  EXPECT_THAT(e->detail(), HasSubstr("A -> B"));
}

TEST(BifReader, SelfAndRepeatedParents) {
  const std::string a = "variable A { type discrete [ 2 ] { 0, 1 }; }\nvariable B { type discrete [ 2 ] { 0, 1 }; }\n";
  auto e = parse_error_of([&] { (void)io::parse_bif(a + "probability ( A | A ) { (0) 1, 0; (1) 0, 1; }\n"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->line(), 3u);
  EXPECT_EQ(e->column(), 19u);
  EXPECT_EQ(e->detail(), "variable 'A' cannot be its own parent");
  e = parse_error_of([&] { (void)io::parse_bif(a + "probability ( A | B, B ) { table 1 1 1 1 0 0 0 0; }\n"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->detail(), "variable 'A' lists parent 'B' twice");
}

TEST(BifReader, VariableDeclarationErrors) {
  auto e = parse_error_of([] { (void)io::parse_bif("variable A { type discrete [ 3 ] { x, y }; }\n"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->column(), 34u);
  EXPECT_EQ(e->detail(), "variable 'A' declares 3 states but lists 2 (x, y)");

  e = parse_error_of([] { (void)io::parse_bif("variable A {\n  type continuous;\n}\n"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->line(), 2u);
  EXPECT_EQ(e->column(), 8u);
  EXPECT_EQ(e->detail(),
            "expected 'discrete' after 'type' in variable 'A' (only discrete variables are supported), found 'continuous'");

  e = parse_error_of([] {
    (void)io::parse_bif("variable A { type discrete [ 2 ] { x, y }; }\nvariable A { type discrete [ 2 ] { x, y }; }\n");
  });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->line(), 2u);
  EXPECT_EQ(e->detail(), "variable 'A' is declared twice (first at line 1)");

  e = parse_error_of([] { (void)io::parse_bif("variable A { type discrete [ 2 ] { x, x }; }\n"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->detail(), "variable 'A' declares state 'x' twice (states: x, x)");

  e = parse_error_of([] { (void)io::parse_bif("variable A { type discrete [ 2 ] { x, }; }\n"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->column(), 39u);
  EXPECT_EQ(e->detail(), "expected a state name of variable 'A' after ',', found '}'");

  e = parse_error_of([] { (void)io::parse_bif("variable A { type discrete [ two ] { x, y }; }\n"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->detail(), "expected the number of states (a positive integer) of variable 'A', found 'two'");

  e = parse_error_of([] { (void)io::parse_bif("variable A { property label = \"A\"; }\n"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->detail(), "variable 'A' has no 'type discrete [ k ] { ... }' entry");
}

TEST(BifReader, SyntaxErrorsSayWhatWasExpectedAndFound) {
  auto e = parse_error_of([] { (void)io::parse_bif("network n { }\nnode A { }\n"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->line(), 2u);
  EXPECT_EQ(e->column(), 1u);
  EXPECT_EQ(e->detail(), "expected 'network', 'variable' or 'probability', found 'node'");

  e = parse_error_of([] { (void)io::parse_bif("variable A { type discrete [ 2 ] { x, y }; }\n/* open\n"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->line(), 2u);
  EXPECT_EQ(e->detail(), "unterminated comment: '/*' without '*/'");

  e = parse_error_of([] { (void)io::parse_bif("variable \"A { type discrete [ 2 ] { x, y }; }\n"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->column(), 10u);
  EXPECT_EQ(e->detail(), "unterminated quoted name: '\"' without a closing '\"'");

  e = parse_error_of([] {
    (void)io::parse_bif("variable A { type discrete [ 2 ] { x, y }; }\nprobability ( A ) {\n  table 0.5, 0.5;\n");
  });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->line(), 4u);
  EXPECT_EQ(e->detail(), "expected '}' closing the probability block of 'A' (opened at line 2), found end of input");

  e = parse_error_of([] { (void)io::parse_bif("variable A { type discrete [ 2 ] { x, y }; }\nprobability ( A ) { tabel 0.5, 0.5; }\n"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->detail(),
            "expected '(', 'table', 'default', 'property' or '}' in the probability block of 'A', found 'tabel'");

  e = parse_error_of([] {
    (void)io::parse_bif("variable A { type discrete [ 2 ] { x, y }; }\nprobability ( A ) { table 0.5,, 0.5; }\n");
  });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->column(), 31u);
  EXPECT_EQ(e->detail(), "expected a number in the probability block of 'A', found ','");

  e = parse_error_of([] {
    (void)io::parse_bif("variable A { type discrete [ 2 ] { x, y }; }\nvariable B { type discrete [ 2 ] { x, y }; }\n"
                        "probability ( B | A ) { (x,) 0.5 0.5; (y) 0.5 0.5; }\n");
  });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->line(), 3u);
  EXPECT_EQ(e->column(), 28u);
  EXPECT_EQ(e->detail(), "expected a parent state name in a row of 'B', found ')'");

  e = parse_error_of([] { (void)io::parse_bif("network a { }\nnetwork b { }\n"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->detail(), "a second 'network' block (the first is at line 1)");
}

TEST(BifReader, MissingFileIsAnIoErrorNamingThePath) {
  const std::string path = data_dir() + "/bif/does_not_exist.bif";
  try {
    (void)io::read_bif(path);
    FAIL() << "no exception";
  } catch (const parse_error&) {
    FAIL() << "a missing file is not a parse error";
  } catch (const error& e) {
    EXPECT_THAT(e.what(), HasSubstr("cannot open BIF file '" + path + "'"));
  }
}

}  // namespace
}  // namespace augury
