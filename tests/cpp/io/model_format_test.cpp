// Choosing a model format: by extension, by name and by content; reading and writing every
// format through format.hpp; converting between formats with the losses reported.

#include <augury/io/format.hpp>

#include "io/format_test_support.hpp"
#include "io/io_test_support.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>

namespace augury {
namespace {

using ::testing::HasSubstr;
using io::model_format;
using test_io::data_dir;
using test_io::parse_error_of;

std::string temp(const std::string& name) { return ::testing::TempDir() + "augury_model_format_" + name; }

void write_text(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

TEST(ModelFormats, ExtensionsAndNames) {
  EXPECT_EQ(io::model_format_of("a/b/net.BIF"), model_format::bif);
  EXPECT_EQ(io::model_format_of("net.json"), model_format::json);
  EXPECT_EQ(io::model_format_of("net.xml"), model_format::xmlbif);
  EXPECT_EQ(io::model_format_of("Water.bifxml"), model_format::xmlbif);
  EXPECT_EQ(io::model_format_of("x.XMLBIF"), model_format::xmlbif);
  EXPECT_EQ(io::model_format_of("x.xdsl"), model_format::xdsl);
  EXPECT_EQ(io::model_format_of("x.dsl"), model_format::dsl);
  EXPECT_EQ(io::model_format_of("x.net"), model_format::net);
  EXPECT_EQ(io::model_format_of("x.dne"), model_format::dne);
  EXPECT_EQ(io::model_format_of("x.dsc"), model_format::dsc);
  EXPECT_EQ(io::model_format_of("x.uai.gz"), std::nullopt);
  EXPECT_EQ(io::model_format_of("dir.bif/net"), std::nullopt);
  EXPECT_EQ(io::supported_model_extensions(), ".bif, .json, .xml, .bifxml, .xmlbif, .xdsl, .dsl, .net, .dne, .dsc");
  for (auto f : io::all_model_formats()) EXPECT_EQ(io::model_format_named(io::format_key(f)), f);
  EXPECT_EQ(io::model_format_named("XDSL"), model_format::xdsl);
  EXPECT_EQ(io::model_format_named("hugin"), std::nullopt);
  EXPECT_EQ(io::format_title(model_format::net), "Hugin NET");
}

TEST(ModelFormats, SniffingTheContent) {
  EXPECT_EQ(io::sniff_model_format("  <?xml version=\"1.0\"?>\n<!-- c -->\n<BIF VERSION=\"0.3\">"), model_format::xmlbif);
  EXPECT_EQ(io::sniff_model_format("<?xml version=\"1.0\"?><!DOCTYPE BIF [ <!ELEMENT BIF (NETWORK)*> ]><BIF>"),
            model_format::xmlbif);
  EXPECT_EQ(io::sniff_model_format("<?xml version=\"1.0\"?>\n<smile version=\"1.0\">"), model_format::xdsl);
  EXPECT_EQ(io::sniff_model_format("<html>"), std::nullopt);
  EXPECT_EQ(io::sniff_model_format("\xEF\xBB\xBF{\"format\": 1}"), model_format::json);
  EXPECT_EQ(io::sniff_model_format("// comment\n/* more */ network unknown {"), model_format::bif);
  EXPECT_EQ(io::sniff_model_format("variable A {"), model_format::bif);
  EXPECT_EQ(io::sniff_model_format("net Unnamed\r\n{"), model_format::dsl);
  EXPECT_EQ(io::sniff_model_format("net\n{\n}"), model_format::net);
  EXPECT_EQ(io::sniff_model_format("% Hugin\nnet {"), model_format::net);
  EXPECT_EQ(io::sniff_model_format("// ~->[DNET-1]->~\n\nbnet X {"), model_format::dne);
  EXPECT_EQ(io::sniff_model_format("bnet X {"), model_format::dne);
  EXPECT_EQ(io::sniff_model_format("belief network \"unknown\""), model_format::dsc);
  EXPECT_EQ(io::sniff_model_format(""), std::nullopt);
  EXPECT_EQ(io::sniff_model_format("MARKOV\n3"), std::nullopt);
}

TEST(ModelFormats, ContentThatContradictsTheExtensionIsAnError) {
  const std::string path = temp("xml_inside.bif");
  write_text(path, "\n<?xml version=\"1.0\"?>\n<BIF VERSION=\"0.3\"><NETWORK></NETWORK></BIF>\n");
  const auto e = parse_error_of([&] { (void)io::read_model(path); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->source(), path);
  EXPECT_EQ(e->line(), 3u);  // the root element, after an empty line and the declaration
  EXPECT_EQ(e->detail(),
            "read as BIF, but the content starts like XMLBIF (an XML document with the root element <BIF>); give the "
            "format explicitly (xmlbif) if the file name is misleading");
  // Given explicitly, the format is used whatever the extension.
  EXPECT_EQ(io::read_model_as(path, model_format::xmlbif).size(), 0u);
  std::remove(path.c_str());

  const auto dsl_as_net = parse_error_of([&] { (void)io::parse_model("net Unnamed\n{\n};", model_format::net, "x.net"); });
  ASSERT_TRUE(dsl_as_net);
  EXPECT_THAT(dsl_as_net->detail(), HasSubstr("read as Hugin NET, but the content starts like GeNIe DSL"));
}

TEST(ModelFormats, UnknownExtensionListsTheChoices) {
  try {
    (void)io::read_model("net.uai2");
    FAIL() << "no exception";
  } catch (const error& e) {
    EXPECT_THAT(e.what(), HasSubstr("(supported: .bif, .json, .xml, .bifxml, .xmlbif, .xdsl, .dsl, .net, .dne, .dsc)"));
    EXPECT_THAT(e.what(), HasSubstr("give the format explicitly (bif, json, xmlbif, xdsl, dsl, net, dne, dsc)"));
  }
}

TEST(ModelFormats, EveryFormatWritesAndReadsBackTheSameNetwork) {
  auto net = io::read_model(data_dir() + "/bif/b01_rows_out_of_order.bif");
  net.set_name("b01");  // DNE needs an identifier here
  for (auto f : io::all_model_formats()) {
    const std::string ext = f == model_format::xmlbif ? "xml" : io::format_key(f);
    const std::string path = temp("roundtrip." + ext);
    io::write_model(net, path);
    EXPECT_EQ(io::read_model(path), net) << io::format_key(f);
    EXPECT_EQ(io::parse_model(io::to_model(net, f), f), net) << io::format_key(f);
    std::remove(path.c_str());
  }
}

TEST(ModelFormats, ConvertReportsWhatTheTargetCannotCarry) {
  const std::string in = temp("convert_in.json");
  const std::string out = temp("convert_out.txt");
  auto net = io::read_model(data_dir() + "/bif/b01_rows_out_of_order.bif");
  net.properties()["origin"] = "field case B01";
  io::write_model_as(net, in, model_format::json);
  const auto c = io::convert_model(in, out, std::nullopt, model_format::dsc);
  EXPECT_EQ(c.from, model_format::json);
  EXPECT_EQ(c.to, model_format::dsc);
  EXPECT_EQ(c.losses, (std::vector<std::string>{
                          "network property 'origin' = 'field case B01' (DSC has no network properties)"}));
  const auto back = io::read_model_as(out, model_format::dsc);
  net.properties().clear();
  EXPECT_EQ(back, net);
  // Back to JSON: nothing more is lost.
  const auto again = io::convert_model(out, in, model_format::dsc, std::nullopt);
  EXPECT_TRUE(again.losses.empty());
  EXPECT_EQ(io::read_model(in), net);
  std::remove(in.c_str());
  std::remove(out.c_str());
}

TEST(ModelFormats, ConvertWritesNothingWhenTheTargetCannotSpellAName) {
  const std::string out = temp("refused.dsl");
  std::remove(out.c_str());
  try {
    (void)io::convert_model(data_dir() + "/bif/child_style_names.bif", out);
    FAIL() << "no exception";
  } catch (const error& e) {
    EXPECT_THAT(e.what(), HasSubstr("DSL cannot spell"));
  }
  EXPECT_FALSE(test_io::file_exists(out));
}

}  // namespace
}  // namespace augury
