// The JSON model format: layout, row order, round trips and errors naming the JSON path.

#include <augury/io/bif.hpp>
#include <augury/io/format.hpp>
#include <augury/io/json.hpp>

#include "io/io_test_support.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

namespace augury {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using test_io::data_dir;
using test_io::parse_error_of;

TEST(JsonModel, ExampleFileReads) {
  const auto net = io::read_json(data_dir() + "/json/sprinkler.json");
  EXPECT_EQ(net.name(), "sprinkler");
  EXPECT_EQ(net.properties().at("source"), "field-faults B12");
  ASSERT_EQ(net.size(), 4u);
  const var_id w = net.id("Wet");
  EXPECT_THAT(net.parents(w), ElementsAre(net.id("Sprinkler"), net.id("Rain")));
  // Rows: (on, T) (on, F) (off, T) (off, F), last parent fastest.
  const cpt& t = net.cpt_of(w);
  EXPECT_EQ(t(0, 0), 0.98);
  EXPECT_EQ(t(1, 0), 0.85);
  EXPECT_EQ(t(2, 0), 0.88);
  EXPECT_EQ(t(3, 0), 0.02);
  // Field case B12: exact P(W=wet) = 0.69126 and P(R=T | W=wet) = 7450/11521.
  EXPECT_NEAR(test_io::posterior(net, "Wet")[0], 0.69126, 1e-12);
  EXPECT_NEAR(test_io::posterior(net, "Rain", {{"Wet", "wet"}})[0], 7450.0 / 11521.0, 1e-12);
}

TEST(JsonModel, SameModelAsBif) {
  const auto from_bif = io::read_bif(data_dir() + "/bif/b01_rows_out_of_order.bif");
  const auto from_json = io::read_json(data_dir() + "/json/b01.json");
  EXPECT_EQ(from_json, from_bif);
}

TEST(JsonModel, WriterLayoutAndRoundTrip) {
  bayesian_network net("toy");
  net.properties()["k"] = "v \"quoted\"";
  net.add_variable("A", {"a0", "a1"});
  net.add_variable("B", {"b0", "b1", "b2"});
  net.set_cpt("A", {}, {0.3, 0.7});
  net.set_cpt("B", {"A"}, {0.1, 0.2, 0.7, 1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0});
  const std::string text = io::to_json(net);
  EXPECT_EQ(text,
            "{\n"
            "  \"format\": \"augury-network\",\n"
            "  \"version\": 1,\n"
            "  \"name\": \"toy\",\n"
            "  \"properties\": {\n"
            "    \"k\": \"v \\\"quoted\\\"\"\n"
            "  },\n"
            "  \"variables\": [\n"
            "    {\n"
            "      \"name\": \"A\",\n"
            "      \"states\": [\"a0\", \"a1\"],\n"
            "      \"parents\": [],\n"
            "      \"cpt\": [\n"
            "        [0.3, 0.7]\n"
            "      ]\n"
            "    },\n"
            "    {\n"
            "      \"name\": \"B\",\n"
            "      \"states\": [\"b0\", \"b1\", \"b2\"],\n"
            "      \"parents\": [\"A\"],\n"
            "      \"cpt\": [\n"
            "        [0.1, 0.2, 0.7],\n"
            "        [0.3333333333333333, 0.3333333333333333, 0.3333333333333333]\n"
            "      ]\n"
            "    }\n"
            "  ]\n"
            "}\n");
  EXPECT_EQ(io::parse_json(text), net);
}

TEST(JsonModel, OddNamesAndEmptyNetworkRoundTrip) {
  bayesian_network net;
  net.add_variable("节点 \"x\"\n", {"(1,999, 20]", "低"});
  net.set_cpt(0, {}, {1e-300, 1.0 - 1e-300});
  EXPECT_EQ(io::parse_json(io::to_json(net)), net);
  const bayesian_network empty;
  EXPECT_EQ(io::to_json(empty),
            "{\n  \"format\": \"augury-network\",\n  \"version\": 1,\n  \"name\": \"\",\n  \"properties\": {},\n"
            "  \"variables\": []\n}\n");
  EXPECT_EQ(io::parse_json(io::to_json(empty)), empty);
}

TEST(JsonModel, InvalidUtf8CannotBeWritten) {
  bayesian_network net;
  net.add_variable("S\xF8ren", {"a"});  // Latin-1, not UTF-8
  net.set_cpt(0, {}, {1.0});
  try {
    (void)io::to_json(net);
    FAIL() << "no exception";
  } catch (const error& e) {
    EXPECT_THAT(e.what(), HasSubstr("is not valid UTF-8"));
  }
}

TEST(JsonModel, NotesAreIgnoredAndParentsMayComeLater) {
  const auto net = io::parse_json(R"({"format": "augury-network", "version": 1,
    "notes": {"author": "x", "anything": [1, 2]},
    "variables": [
      {"name": "B", "states": ["b0", "b1"], "parents": ["A"], "cpt": [[0.9, 0.1], [0.2, 0.8]],
       "notes": {"rationale": "B follows A"}},
      {"name": "A", "states": ["a0", "a1"], "cpt": [[0.5, 0.5]]}]})");
  EXPECT_EQ(net.name(), "");
  EXPECT_EQ(net.id("B"), 0u);
  EXPECT_EQ(net.cpt_of(0)(1, 1), 0.8);
}

// ---- errors -----------------------------------------------------------------------------------

std::string doc(const std::string& variables, const std::string& extra = "") {
  return R"({"format": "augury-network", "version": 1, )" + extra + R"("variables": [)" + variables + "]}";
}

const std::string var_a = R"({"name": "A", "states": ["a0", "a1"], "cpt": [[0.5, 0.5]]})";

std::string detail_of(const std::string& text) {
  const auto e = parse_error_of([&] { (void)io::parse_json(text, "m.json"); });
  if (!e) return "(no error)";
  EXPECT_EQ(e->source(), "m.json");
  return e->detail();
}

TEST(JsonModelErrors, SyntaxErrorsHaveLineAndColumn) {
  const auto e = parse_error_of([] { (void)io::parse_json("{\n  \"format\": \"augury-network\",\n  \"version\": 1,,\n}", "m.json"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->line(), 3u);
  EXPECT_EQ(e->column(), 16u);  // the second comma
  EXPECT_EQ(e->detail(), "invalid JSON: syntax error while parsing object key - unexpected ','; expected string literal");
  EXPECT_THAT(e->what(), HasSubstr("m.json:3:16: "));

  const auto f = parse_error_of([] { (void)io::parse_json("{\"a\": [1, 2"); });
  ASSERT_TRUE(f);
  EXPECT_EQ(f->line(), 1u);
  EXPECT_THAT(f->detail(), HasSubstr("unexpected end of input"));
}

TEST(JsonModelErrors, TopLevelSchema) {
  EXPECT_EQ(detail_of("[1]"), "expected a JSON object at the top level, found an array");
  EXPECT_EQ(detail_of(R"({"version": 1, "variables": []})"),
            "missing key \"format\" (expected \"format\": \"augury-network\")");
  EXPECT_EQ(detail_of(R"({"format": "bif", "version": 1, "variables": []})"),
            "format: expected \"augury-network\", found \"bif\"");
  EXPECT_EQ(detail_of(R"({"format": "augury-network", "version": 2, "variables": []})"),
            "version: this reader reads version 1, found 2");
  EXPECT_EQ(detail_of(R"({"format": "augury-network", "version": 1})"),
            "missing key \"variables\" (an array of variables)");
  EXPECT_EQ(detail_of(doc("", R"("nodes": [], )")),
            "unknown key \"nodes\" (valid keys: format, version, name, properties, variables, notes; put "
            "free-form text under \"notes\")");
  EXPECT_EQ(detail_of(doc("", R"("properties": {"a": 1}, )")), "properties.a: expected a string, found a number (1)");
  EXPECT_EQ(detail_of(doc("", R"("name": null, )")), "name: expected a string, found null");
}

TEST(JsonModelErrors, VariableSchema) {
  EXPECT_EQ(detail_of(doc(R"({"name": "A", "states": ["a0"], "cpt": [[1]], "description": "x"})")),
            "variables[0]: unknown key \"description\" (valid keys: name, states, parents, cpt, notes; put "
            "free-form text under \"notes\")");
  EXPECT_EQ(detail_of(doc(R"({"states": ["a0"], "cpt": [[1]]})")), "variables[0]: missing key \"name\"");
  EXPECT_EQ(detail_of(doc(var_a + R"(, {"name": "A", "states": ["x"], "cpt": [[1]]})")),
            "variables[1].name: variable 'A' is declared twice (first at variables[0])");
  EXPECT_EQ(detail_of(doc(R"({"name": "A", "states": [], "cpt": []})")),
            "variables[0].states: expected a non-empty array of state names, found an array");
  EXPECT_EQ(detail_of(doc(R"({"name": "A", "states": ["x", 2], "cpt": [[1]]})")),
            "variables[0].states[1]: expected a string, found a number (2)");
  EXPECT_EQ(detail_of(doc(R"({"name": "A", "states": ["x", "x"], "cpt": [[0.5, 0.5]]})")),
            "variables[0].states: variable 'A' declares state 'x' twice (states: x, x)");
  EXPECT_EQ(detail_of(doc(R"({"name": "A", "states": ["x"]})")),
            "variables[0]: missing key \"cpt\" (the table of 'A')");
}

TEST(JsonModelErrors, TablesAndParents) {
  const std::string b = R"(, {"name": "B", "states": ["b0", "b1", "b2"], "parents": ["A"], "cpt": )";
  EXPECT_EQ(detail_of(doc(var_a + b + "[[0.2, 0.3, 0.5]]}")),
            "variables[1].cpt: expected an array of 2 rows (one per parent configuration of A[2]), found 1 rows");
  EXPECT_EQ(detail_of(doc(var_a + b + "[[0.2, 0.3, 0.5], [0.5, 0.5]]}")),
            "variables[1].cpt[1]: expected 3 numbers (one per state of 'B': b0, b1, b2) given A=a1, found 2");
  EXPECT_EQ(detail_of(doc(var_a + b + "[[0.2, 0.3, 0.5], [0.5, \"0.5\", 0]]}")),
            "variables[1].cpt[1][1]: expected a number, found a string (\"0.5\")");
  EXPECT_EQ(detail_of(doc(var_a + b + "[[0.2, 0.3, 0.5], [0.5, -0.5, 1]]}")),
            "variables[1].cpt[1][1]: P(B=b1 given A=a1) is -0.5; probabilities must be finite and non-negative");
  EXPECT_EQ(detail_of(doc(var_a + b + "[[0.2, 0.3, 0.5], [0.5, 0.2, 0.2]]}")),
            "variables[1].cpt[1]: the distribution of 'B' given A=a1 sums to 0.9, not 1 (tolerance 1e-06)");
  EXPECT_EQ(detail_of(doc(var_a + R"(, {"name": "B", "states": ["b"], "parents": ["C"], "cpt": [[1]]})")),
            "variables[1].parents[0]: unknown variable 'C' (variables: A, B)");
  EXPECT_EQ(detail_of(doc(var_a + R"(, {"name": "B", "states": ["b"], "parents": "A", "cpt": [[1]]})")),
            "variables[1].parents: expected an array of variable names, found a string (\"A\")");
}

TEST(JsonModelErrors, RowOrderIsLastParentFastest) {
  // Two parents of different sizes: row r is (A = r / 3, C = r % 3).
  const auto net = io::parse_json(doc(var_a +
                                      R"(, {"name": "C", "states": ["c0", "c1", "c2"], "cpt": [[0.2, 0.3, 0.5]]},
        {"name": "D", "states": ["d0", "d1"], "parents": ["A", "C"],
         "cpt": [[1, 0], [0.9, 0.1], [0.8, 0.2], [0.7, 0.3], [0.6, 0.4], [0.5, 0.5]]})"));
  const cpt& t = net.cpt_of(net.id("D"));
  EXPECT_EQ(t.table().at({0, 2, 0}), 0.8);  // A=a0, C=c2
  EXPECT_EQ(t.table().at({1, 0, 0}), 0.7);  // A=a1, C=c0
  const auto e = parse_error_of([] {
    (void)io::parse_json(doc(var_a + R"(, {"name": "D", "states": ["d0", "d1"], "parents": ["A"],
       "cpt": [[1, 0], [0.5, 0.6]]})"));
  });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->detail(), "variables[1].cpt[1]: the distribution of 'D' given A=a1 sums to 1.1, not 1 (tolerance 1e-06)");
}

TEST(JsonModelErrors, CycleNamesTheVariables) {
  const std::string d = detail_of(doc(
      R"({"name": "A", "states": ["a"], "parents": ["B"], "cpt": [[1]]},
         {"name": "B", "states": ["b"], "parents": ["A"], "cpt": [[1]]})"));
  EXPECT_THAT(d, HasSubstr("variables[1].parents: "));
  EXPECT_THAT(d, HasSubstr("cycle"));
}

TEST(JsonModelErrors, DuplicateKeysAreReportedWithTheirPath) {
  EXPECT_EQ(detail_of(doc(R"({"name": "A", "states": ["a"], "cpt": [[1]], "cpt": [[1]]})")),
            "variables[0]: key \"cpt\" appears twice");
  EXPECT_EQ(detail_of(R"({"format": "augury-network", "format": "x"})"), "top-level object: key \"format\" appears twice");
  EXPECT_EQ(detail_of(doc("", R"("properties": {"a": "1", "a": "2"}, )")), "properties: key \"a\" appears twice");
}

TEST(JsonModelErrors, ToleranceOption) {
  const std::string text = doc(R"({"name": "A", "states": ["a0", "a1"], "cpt": [[0.5, 0.49999]]})");
  EXPECT_TRUE(parse_error_of([&] { (void)io::parse_json(text); }));
  io::read_options loose;
  loose.sum_tolerance = 1e-4;
  EXPECT_EQ(io::parse_json(text, "<string>", loose).cpt_of(0)(0, 1), 0.49999);
}

TEST(JsonModelErrors, MissingFileNamesThePath) {
  const std::string path = data_dir() + "/json/missing.json";
  try {
    (void)io::read_json(path);
    FAIL() << "no exception";
  } catch (const parse_error&) {
    FAIL() << "a missing file is not a parse error";
  } catch (const error& e) {
    EXPECT_THAT(e.what(), HasSubstr("cannot open JSON model file '" + path + "'"));
  }
}

// ---- format detection --------------------------------------------------------------------------

TEST(ModelFormat, ByExtension) {
  EXPECT_EQ(io::model_format_of("a/b/net.BIF"), io::model_format::bif);
  EXPECT_EQ(io::model_format_of("net.json"), io::model_format::json);
  EXPECT_EQ(io::model_format_of("net.xml"), io::model_format::xmlbif);
  EXPECT_EQ(io::model_format_of("net.xyz"), std::nullopt);
  EXPECT_EQ(io::model_format_of("dir.bif/net"), std::nullopt);

  const auto net = io::read_model(data_dir() + "/json/b01.json");
  const std::string path = testing::TempDir() + "augury_model_format_test.bif";
  io::write_model(net, path);
  EXPECT_EQ(io::read_model(path), net);
  std::remove(path.c_str());
  try {
    (void)io::read_model("net.xyz");
    FAIL() << "no exception";
  } catch (const error& e) {
    EXPECT_THAT(e.what(), HasSubstr("(supported: "));
  }
}

}  // namespace
}  // namespace augury
