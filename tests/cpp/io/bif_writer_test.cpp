// BIF writer: layout, quoting of names that are not plain tokens, exact numbers, properties,
// and write -> read identity.

#include <augury/io/bif.hpp>

#include "io/io_test_support.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <limits>
#include <string>
#include <vector>

namespace augury {
namespace {

using ::testing::HasSubstr;

bayesian_network small_network() {
  bayesian_network net("sprinkler");
  net.properties()["version"] = "1.0";
  net.add_variable("Cloudy", {"T", "F"});
  net.add_variable("Rain", {"T", "F"});
  net.add_variable("Wet", {"wet", "dry"});
  net.set_cpt("Cloudy", {}, {0.4, 0.6});
  net.set_cpt("Rain", {"Cloudy"}, {0.85, 0.15, 0.25, 0.75});
  net.set_cpt("Wet", {"Cloudy", "Rain"}, {0.98, 0.02, 0.85, 0.15, 0.88, 0.12, 0.02, 0.98});
  return net;
}

TEST(BifWriter, BnlearnLayout) {
  EXPECT_EQ(io::to_bif(small_network()),
            "network sprinkler {\n"
            "  property version = 1.0;\n"
            "}\n"
            "variable Cloudy {\n  type discrete [ 2 ] { T, F };\n}\n"
            "variable Rain {\n  type discrete [ 2 ] { T, F };\n}\n"
            "variable Wet {\n  type discrete [ 2 ] { wet, dry };\n}\n"
            "probability ( Cloudy ) {\n  table 0.4, 0.6;\n}\n"
            "probability ( Rain | Cloudy ) {\n  (T) 0.85, 0.15;\n  (F) 0.25, 0.75;\n}\n"
            "probability ( Wet | Cloudy, Rain ) {\n"
            "  (T, T) 0.98, 0.02;\n  (T, F) 0.85, 0.15;\n  (F, T) 0.88, 0.12;\n  (F, F) 0.02, 0.98;\n"
            "}\n");
}

TEST(BifWriter, RoundTripIsIdentical) {
  const auto net = small_network();
  EXPECT_EQ(io::parse_bif(io::to_bif(net)), net);
}

TEST(BifWriter, B04NamesThatAreNotPlainTokensAreQuoted) {
  bayesian_network net;
  net.add_variable("income band", {"(1,999, 20]", "(20, 50]", "> 50"});
  net.add_variable("节点", {"低", "高"});
  net.add_variable("odd", {"a;b", "c|d", "{e}", "say \"hi\"", "back\\slash", "x//y", "/*z", "tab\there", "0", "1e5"});
  net.set_cpt("income band", {}, {0.2, 0.3, 0.5});
  net.set_cpt("节点", {"income band"}, {0.9, 0.1, 0.4, 0.6, 0.5, 0.5});
  std::vector<double> odd(3 * 10, 0.0);
  for (std::size_t r = 0; r < 3; ++r) odd[r * 10 + r] = 1.0;
  net.set_cpt("odd", {"income band"}, odd);

  const std::string text = io::to_bif(net);
  EXPECT_THAT(text, HasSubstr("variable \"income band\" {"));
  EXPECT_THAT(text, HasSubstr("{ \"(1,999, 20]\", \"(20, 50]\", \"> 50\" }"));
  EXPECT_THAT(text, HasSubstr("(\"(1,999, 20]\") 0.9, 0.1;"));
  EXPECT_THAT(text, HasSubstr("variable 节点 {"));  // UTF-8 letters need no quotes
  EXPECT_THAT(text, HasSubstr("\"say \\\"hi\\\"\""));
  EXPECT_THAT(text, HasSubstr("back\\slash,"));  // a backslash alone needs no quotes
  EXPECT_THAT(text, HasSubstr("\"x//y\", \"/*z\""));
  EXPECT_THAT(text, HasSubstr(", 0, 1e5 }"));
  EXPECT_EQ(io::parse_bif(text), net);
}

TEST(BifWriter, NumbersRoundTripExactly) {
  bayesian_network net;
  net.add_variable("X", {"a", "b", "c", "d"});
  const double third = 1.0 / 3.0;
  const double tiny = 1e-310;  // subnormal
  net.set_cpt("X", {}, {third, third, third - tiny, 1.0 - 3 * third + tiny});
  const std::string text = io::to_bif(net);
  EXPECT_THAT(text, HasSubstr("0.3333333333333333"));
  const auto back = io::parse_bif(text);
  EXPECT_EQ(back, net);
  EXPECT_EQ(back.cpt_of(0).table().values(), net.cpt_of(0).table().values());
}

TEST(BifWriter, PropertiesRoundTrip) {
  bayesian_network net("");
  net.properties()["plain"] = "value with = and spaces";
  net.properties()["quoted value"] = "\"DXPNetwork\"";
  net.properties()["semi"] = "a; b } c";
  net.properties()["empty"] = "";
  net.properties()[""] = "no key";
  net.properties()["multi"] = "line one\nline two";
  net.properties()["url"] = "http://example.org/x";
  net.add_variable("A", {"a"});
  net.set_cpt("A", {}, {1.0});
  const std::string text = io::to_bif(net);
  EXPECT_THAT(text, HasSubstr("network \"\" {"));
  EXPECT_THAT(text, HasSubstr("  property plain = value with = and spaces;\n"));
  EXPECT_THAT(text, HasSubstr("  property \"quoted value = \\\"DXPNetwork\\\"\";\n"));
  EXPECT_EQ(io::parse_bif(text), net);
}

TEST(BifWriter, PropertiesBifCannotCarryAreRefused) {
  bayesian_network net;
  net.properties()["a=b"] = "c";
  EXPECT_THROW((void)io::to_bif(net), error);
  net.properties().clear();
  net.properties()["k"] = " padded";
  try {
    (void)io::to_bif(net);
    FAIL() << "no exception";
  } catch (const error& e) {
    EXPECT_THAT(e.what(), HasSubstr("network property 'k'"));
  }
}

TEST(BifWriter, IncompleteNetworkIsRefused) {
  bayesian_network net;
  net.add_variable("A", {"a", "b"});
  EXPECT_THROW((void)io::to_bif(net), model_error);
}

TEST(BifWriter, WritesFilesAndNamesAPathItCannotWrite) {
  const std::string path = testing::TempDir() + "augury_bif_writer_test.bif";
  io::write_bif(small_network(), path);
  EXPECT_EQ(io::read_bif(path), small_network());
  std::remove(path.c_str());

  const std::string bad = test_io::data_dir() + "/no_such_dir/x.bif";
  try {
    io::write_bif(small_network(), bad);
    FAIL() << "no exception";
  } catch (const error& e) {
    EXPECT_THAT(e.what(), HasSubstr("cannot create BIF file '" + bad + "'"));
  }
}

}  // namespace
}  // namespace augury
