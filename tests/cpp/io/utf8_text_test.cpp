// Names, states and strings reach users (and Python's str) as text, so every reader refuses
// bytes that are not UTF-8 with a parse error at the offending byte, while a stray byte in a
// comment, which no one reads back, does not stop a file.

#include <augury/io/format.hpp>
#include <augury/model/bayesian_network.hpp>

#include <gtest/gtest.h>

#include <string>

namespace augury {
namespace {

bayesian_network two_nodes() {
  bayesian_network net("n");
  const auto a = net.add_variable("A", {"yes", "nope"});
  const auto b = net.add_variable("B", {"on", "off"});
  net.set_cpt(a, {}, {0.3, 0.7});
  net.set_cpt(b, {a}, {0.9, 0.1, 0.2, 0.8});
  return net;
}

// Line (1-based) of the first occurrence of `what` in `text`.
std::size_t line_of(const std::string& text, const std::string& what) {
  const auto at = text.find(what);
  std::size_t line = 1;
  for (std::size_t i = 0; i < at; ++i)
    if (text[i] == '\n') ++line;
  return line;
}

std::string key_of(const ::testing::TestParamInfo<io::model_format>& info) { return io::format_key(info.param); }

class Utf8Text : public ::testing::TestWithParam<io::model_format> {};

TEST_P(Utf8Text, AnInvalidByteInAStateNameIsAParseErrorThere) {
  const io::model_format format = GetParam();
  std::string text = io::to_model(two_nodes(), format);
  const auto at = text.find("nope");
  ASSERT_NE(at, std::string::npos) << text;
  const std::size_t line = line_of(text, "nope");
  text.replace(at, 4, "n\xff" "pe");
  try {
    (void)io::parse_model(text, format);
    FAIL() << "no error for\n" << text;
  } catch (const parse_error& e) {
    EXPECT_NE(std::string(e.what()).find("UTF-8"), std::string::npos) << e.what();
    EXPECT_EQ(e.line(), line) << e.what();
  }
}

INSTANTIATE_TEST_SUITE_P(Formats, Utf8Text,
                         ::testing::Values(io::model_format::xmlbif, io::model_format::xdsl, io::model_format::dsl,
                                           io::model_format::net, io::model_format::dne, io::model_format::dsc),
                         key_of);

// The formats that can spell a state with a non-ASCII letter (XDSL, DSL and DNE allow only
// identifiers) read it back.
class Utf8Names : public ::testing::TestWithParam<io::model_format> {};

TEST_P(Utf8Names, ValidUtf8NamesReadBack) {
  const io::model_format format = GetParam();
  std::string text = io::to_model(two_nodes(), format);
  const std::size_t at = text.find("nope");
  text.replace(at, 4, "n\xc3\xb6pe");  // "nöpe"
  const auto net = io::parse_model(text, format);
  EXPECT_EQ(net.var(net.id("A")).state(1), "n\xc3\xb6pe");
}

INSTANTIATE_TEST_SUITE_P(Formats, Utf8Names,
                         ::testing::Values(io::model_format::xmlbif, io::model_format::net, io::model_format::dsc),
                         key_of);

TEST(Utf8Text, AStrayByteInACommentIsSkipped) {
  std::string text = io::to_model(two_nodes(), io::model_format::net);
  text = "% caf\xe9 (Latin-1)\n" + text;
  EXPECT_EQ(io::parse_model(text, io::model_format::net), two_nodes());
  std::string dsl = io::to_model(two_nodes(), io::model_format::dsl);
  dsl = "// caf\xe9 (Latin-1)\n" + dsl;
  EXPECT_EQ(io::parse_model(dsl, io::model_format::dsl).size(), 2u);
}

}  // namespace
}  // namespace augury
