// XMLBIF reader and writer: the B02 table order, tolerated quirks, precise errors, and
// round trips. Expected values are the enumerated ones of /work/shared/cases/field-faults.md.

#include <augury/io/bif.hpp>
#include <augury/io/xmlbif.hpp>

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

const std::string header = "<?xml version=\"1.0\"?>\n<BIF VERSION=\"0.3\">\n<NETWORK>\n<NAME>t</NAME>\n";
const std::string footer = "</NETWORK>\n</BIF>\n";

std::string variable(const std::string& name, std::initializer_list<const char*> states) {
  std::string s = "<VARIABLE TYPE=\"nature\"><NAME>" + name + "</NAME>";
  for (const char* o : states) s += std::string("<OUTCOME>") + o + "</OUTCOME>";
  return s + "</VARIABLE>\n";
}

TEST(XmlbifReader, B02TableListsGivenSlowestAndForFastest) {
  const auto net = io::read_xmlbif(data_dir() + "/xmlbif/b02_alarm.xml");
  const var_id alarm = net.id("Alarm");
  // (B=yes, Q=yes) -> (0.95, 0.05), (yes, no) -> (0.85, 0.15), (no, yes) -> (0.30, 0.70), (no, no) -> (0.02, 0.98)
  EXPECT_EQ(net.cpt_of(alarm).table().values(), (std::vector<double>{0.95, 0.05, 0.85, 0.15, 0.30, 0.70, 0.02, 0.98}));
  EXPECT_NEAR(posterior(net, "Alarm")[0], 0.1554, 1e-12);
  EXPECT_NEAR(posterior(net, "Burglary", {{"Alarm", "yes"}})[0], 145.0 / 259.0, 1e-12);
  EXPECT_NEAR(posterior(net, "Quake", {{"Alarm", "yes"}})[0], 365.0 / 777.0, 1e-12);
}

TEST(XmlbifReader, B02GivesTheSameNetworkAsTheBifTable) {
  const auto xml = io::read_xmlbif(data_dir() + "/xmlbif/b02_alarm.xml");
  const auto bif = io::read_bif(data_dir() + "/bif/b02_alarm_table.bif");
  EXPECT_TRUE(test_io::same_cpts_by_name(xml, bif));
  EXPECT_TRUE(test_io::same_posteriors(xml, bif, {{"Alarm", "yes"}}, 1e-12));
}

TEST(XmlbifReader, B02ReadTransposedFailsTheSumCheck) {
  // The correct file's numbers taken with the child slowest give the column sums of the field
  // case, so a transposing reader would be caught by the sum check.
  const std::vector<double> t{0.95, 0.05, 0.85, 0.15, 0.30, 0.70, 0.02, 0.98};
  const double sums[] = {t[0] + t[4], t[1] + t[5], t[2] + t[6], t[3] + t[7]};
  EXPECT_NEAR(sums[0], 1.25, 1e-12);
  EXPECT_NEAR(sums[1], 0.75, 1e-12);
  EXPECT_NEAR(sums[2], 0.87, 1e-12);
  EXPECT_NEAR(sums[3], 1.13, 1e-12);
  // A file written transposed is refused, naming the variable and the parent configuration.
  const std::string path = data_dir() + "/xmlbif/b02_transposed.xml";
  const auto e = parse_error_of([&] { (void)io::read_xmlbif(path); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->source(), path);
  EXPECT_EQ(e->line(), 35u);
  EXPECT_EQ(e->column(), 9u);
  EXPECT_EQ(e->detail(),
            "the distribution of 'Alarm' for (Burglary=yes, Quake=yes) in its TABLE sums to 1.8, not 1 (tolerance 1e-06)");
}

TEST(XmlbifReader, JavaBayesStyleFileWithDtdEntitiesAndUtf8) {
  const auto net = io::read_xmlbif(data_dir() + "/xmlbif/javabayes_style.xml");
  EXPECT_EQ(net.name(), "B04 & friends");
  EXPECT_EQ(net.properties().at("origin"), "hand written");
  EXPECT_EQ(net.var(2).name(), "Bins <5 & more");
  EXPECT_EQ(net.var(2).states(), (std::vector<std::string>{"(1,999, 20]", ">=20"}));
  EXPECT_EQ(net.var(0).states(), (std::vector<std::string>{"0", "1"}));
  // B04: P(X=1 | 节点=高) = 18/19.
  EXPECT_NEAR(posterior(net, "X", {{"节点", "高"}})[1], 18.0 / 19.0, 1e-12);
  EXPECT_EQ(io::parse_xmlbif(io::to_xmlbif(net)), net);
}

TEST(XmlbifReader, EmptyNetworkAndEmptyProperties) {
  const auto net = io::parse_xmlbif(header + "<PROPERTY></PROPERTY>\n" + footer);
  EXPECT_EQ(net.size(), 0u);
  EXPECT_EQ(net.name(), "t");
  EXPECT_TRUE(net.properties().empty());
}

TEST(XmlbifReader, PropertiesAreSplitLikeBifProperties) {
  const auto net = io::parse_xmlbif(header + "<PROPERTY>software aGrUM</PROPERTY><PROPERTY>k = v w</PROPERTY>" + footer);
  EXPECT_EQ(net.properties().at("software"), "aGrUM");
  EXPECT_EQ(net.properties().at("k"), "v w");
}

TEST(XmlbifReader, MalformedXmlIsAPreciseError) {
  const std::string text = header + variable("A", {"a"}) + "<!- not a comment ->\n" + footer;
  const auto e = parse_error_of([&] { (void)io::parse_xmlbif(text, "m.xml"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->line(), 6u);
  EXPECT_EQ(e->column(), 1u);
  EXPECT_EQ(e->detail(),
            "not well-formed XML, so not a readable XMLBIF file: a malformed comment (a comment is written "
            "'<!-- ... -->'), found '<!- not a comment ->'");
  const auto unclosed = parse_error_of([&] { (void)io::parse_xmlbif(header + "<VARIABLE>", "u.xml"); });
  ASSERT_TRUE(unclosed);
  EXPECT_THAT(unclosed->detail(), HasSubstr("not well-formed XML"));
}

TEST(XmlbifReader, ModelErrorsNameTheVariable) {
  const std::string vars = variable("A", {"a0", "a1"}) + variable("B", {"b0", "b1"});
  const std::string a = "<DEFINITION><FOR>A</FOR><TABLE>0.5 0.5</TABLE></DEFINITION>\n";
  const auto check = [&](const std::string& body, std::size_t line, const std::string& message) {
    const auto e = parse_error_of([&] { (void)io::parse_xmlbif(header + body + footer); });
    ASSERT_TRUE(e) << body;
    EXPECT_EQ(e->line(), line) << body;
    EXPECT_EQ(e->detail(), message);
  };
  check(vars + a + "<DEFINITION><FOR>B</FOR><GIVEN>C</GIVEN><TABLE>1 0</TABLE></DEFINITION>\n", 8,
        "<GIVEN> names unknown parent 'C' (variables: A, B)");
  check(vars + a + "<DEFINITION><FOR>B</FOR><GIVEN>A</GIVEN><TABLE>1 0 0</TABLE></DEFINITION>\n", 8,
        "the TABLE of 'B' has 3 values, expected 4 (A[2] x B[2])");
  check(vars + a + "<DEFINITION><FOR>B</FOR><GIVEN>A</GIVEN><TABLE>1 0 0.5 x</TABLE></DEFINITION>\n", 8,
        "expected a number in the <TABLE> of 'B', found 'x'");
  check(vars + a + "<DEFINITION><FOR>B</FOR><GIVEN>A</GIVEN><TABLE>1 0 -0.5 1.5</TABLE></DEFINITION>\n", 8,
        "the distribution of 'B' for (A=a1) in its TABLE gives state 'b0' the negative probability -0.5");
  check(vars + a, 6, "variable 'B' has no <DEFINITION>");
  check(vars + a + a, 8, "a second <DEFINITION> for 'A' (the first is at line 7)");
  check(variable("A", {"a0", "a0"}), 5, "variable 'A' declares state 'a0' twice (states: a0, a0)");
  check("<VARIABLE TYPE=\"decision\"><NAME>D</NAME><OUTCOME>x</OUTCOME></VARIABLE>\n", 5,
        "variable 'D' has TYPE=\"decision\"; only TYPE=\"nature\" (chance) variables are supported, not decision or "
        "utility ones");
  check(vars + "<DEFINITION><FOR>A</FOR><GIVEN>B</GIVEN><TABLE>1 0 1 0</TABLE></DEFINITION>\n"
               "<DEFINITION><FOR>B</FOR><GIVEN>A</GIVEN><TABLE>1 0 1 0</TABLE></DEFINITION>\n",
        8, "making 'A' a parent of 'B' would create the cycle B -> A -> B");
}

TEST(XmlbifReader, AnXdslDocumentIsNamed) {
  const auto e = parse_error_of([&] { (void)io::parse_xmlbif("<smile version=\"1.0\" id=\"x\"><nodes/></smile>"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->detail(), "the root element is <smile>: this is a GeNIe XDSL document, not XMLBIF (read it as XDSL)");
}

TEST(XmlbifWriter, RoundTripsExactlyWithEscapes) {
  bayesian_network net("a <net> & \"more\"");
  net.properties()["author"] = "O'Brien & co <x>";
  const var_id a = net.add_variable("A & B", {"<5", ">=5", "\"q\""});
  const var_id b = net.add_variable("节点", {"低", "高"});
  net.set_cpt(a, {}, {0.1, 0.2, 0.7});
  net.set_cpt(b, {a}, {1.0 / 3.0, 2.0 / 3.0, 0.5, 0.5, 1e-300, 1.0 - 1e-300});
  const std::string text = io::to_xmlbif(net);
  EXPECT_THAT(text, HasSubstr("<NAME>A &amp; B</NAME>"));
  EXPECT_THAT(text, HasSubstr("<PROPERTY>author = O'Brien &amp; co &lt;x&gt;</PROPERTY>"));
  EXPECT_EQ(io::parse_xmlbif(text), net);
}

TEST(XmlbifWriter, RefusesNamesXmlCannotHold) {
  bayesian_network net;
  net.add_variable(" padded", {"x"});
  net.set_cpt(0, {}, {1.0});
  try {
    (void)io::to_xmlbif(net);
    FAIL() << "no exception";
  } catch (const error& e) {
    EXPECT_THAT(e.what(), HasSubstr("XMLBIF cannot spell variable ' padded'"));
  }
  bayesian_network tab;
  tab.add_variable("A", {"x\ty"});
  tab.set_cpt(0, {}, {1.0});
  EXPECT_THROW((void)io::to_xmlbif(tab), error);
  bayesian_network prop;
  prop.properties()["a=b"] = "c";
  EXPECT_THROW((void)io::to_xmlbif(prop), error);
}

TEST(XmlbifWriter, WritesAFileTheReaderReads) {
  const auto net = io::read_xmlbif(data_dir() + "/xmlbif/b02_alarm.xml");
  const std::string path = ::testing::TempDir() + "augury_xmlbif_test.xml";
  io::write_xmlbif(net, path);
  EXPECT_EQ(io::read_xmlbif(path), net);
  std::remove(path.c_str());
}

}  // namespace
}  // namespace augury
