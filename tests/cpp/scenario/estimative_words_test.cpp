#include <augury/scenario/estimative_words.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace augury {
namespace {

using ::testing::HasSubstr;

std::string message_of(void (*f)()) {
  try {
    f();
  } catch (const report_error& e) {
    return e.what();
  }
  return "no error";
}

TEST(scenario_estimative_words, band_interiors) {
  EXPECT_EQ(estimative_word(0.03), "almost no chance");
  EXPECT_EQ(estimative_word(0.10), "very unlikely");
  EXPECT_EQ(estimative_word(0.30), "unlikely");
  EXPECT_EQ(estimative_word(0.50), "roughly even chance");
  EXPECT_EQ(estimative_word(0.70), "likely");
  EXPECT_EQ(estimative_word(0.90), "very likely");
  EXPECT_EQ(estimative_word(0.97), "almost certain");
}

TEST(scenario_estimative_words, outer_bands_reach_zero_and_one) {
  EXPECT_EQ(estimative_word(0.0), "almost no chance");
  EXPECT_EQ(estimative_word(0.005), "almost no chance");
  EXPECT_EQ(estimative_word(0.01), "almost no chance");
  EXPECT_EQ(estimative_word(0.99), "almost certain");
  EXPECT_EQ(estimative_word(0.995), "almost certain");
  EXPECT_EQ(estimative_word(1.0), "almost certain");
}

// Each inner end point belongs to the band nearer 0.5; just outside it, to the other band.
TEST(scenario_estimative_words, boundaries_go_to_the_band_nearer_one_half) {
  struct case_ {
    double edge;
    const char* at;       // the word at the end point (nearer 0.5)
    const char* outside;  // the word just beyond it, away from 0.5
  };
  const case_ cases[] = {{0.05, "very unlikely", "almost no chance"},
                         {0.20, "unlikely", "very unlikely"},
                         {0.45, "roughly even chance", "unlikely"},
                         {0.55, "roughly even chance", "likely"},
                         {0.80, "likely", "very likely"},
                         {0.95, "very likely", "almost certain"}};
  for (const auto& c : cases) {
    const double away = c.edge < 0.5 ? -1e-6 : 1e-6;
    EXPECT_EQ(estimative_word(c.edge), c.at) << c.edge;
    EXPECT_EQ(estimative_word(c.edge - away), c.at) << c.edge;        // toward 0.5
    EXPECT_EQ(estimative_word(c.edge + away), c.outside) << c.edge;   // away from 0.5
    // Rounding noise within the tolerance counts as on the end point.
    EXPECT_EQ(estimative_word(c.edge + away * 1e-4), c.at) << c.edge;
  }
  EXPECT_EQ(estimative_word(0.1 + 0.7), "likely");  // 0.7999999999999999
}

TEST(scenario_estimative_words, mirror_words_for_p_and_one_minus_p) {
  const std::vector<std::string> order{"almost no chance", "very unlikely", "unlikely",
                                       "roughly even chance", "likely", "very likely",
                                       "almost certain"};
  for (int i = 0; i <= 1000; ++i) {
    const double p = i / 1000.0;
    const auto a = estimative_band_of(p).index, b = estimative_band_of(1.0 - p).index;
    EXPECT_EQ(a + b, 6u) << p;
    EXPECT_EQ(estimative_word(p), order[a]);
  }
}

TEST(scenario_estimative_words, alternative_vocabulary) {
  const auto alt = estimative_vocabulary::alternative;
  EXPECT_EQ(estimative_word(0.02, alt), "remote");
  EXPECT_EQ(estimative_word(0.10, alt), "highly improbable");
  EXPECT_EQ(estimative_word(0.30, alt), "improbable");
  EXPECT_EQ(estimative_word(0.50, alt), "roughly even odds");
  EXPECT_EQ(estimative_word(0.70, alt), "probable");
  EXPECT_EQ(estimative_word(0.90, alt), "highly probable");
  EXPECT_EQ(estimative_word(0.98, alt), "nearly certain");
}

TEST(scenario_estimative_words, bad_probabilities_are_errors) {
  EXPECT_THAT(message_of([] { (void)estimative_word(-0.1); }), HasSubstr("outside [0, 1]"));
  EXPECT_THAT(message_of([] { (void)estimative_word(1.1); }), HasSubstr("outside [0, 1]"));
  EXPECT_THROW((void)estimative_word(std::numeric_limits<double>::quiet_NaN()), report_error);
  EXPECT_THROW((void)estimative_band_at(7), report_error);
}

TEST(scenario_estimative_words, words_parse_to_their_bands) {
  const std::vector<std::pair<std::string, std::pair<double, double>>> icd{
      {"almost no chance", {0.01, 0.05}}, {"very unlikely", {0.05, 0.20}},
      {"unlikely", {0.20, 0.45}},         {"roughly even chance", {0.45, 0.55}},
      {"likely", {0.55, 0.80}},           {"very likely", {0.80, 0.95}},
      {"almost certain", {0.95, 0.99}},   {"almost certainly", {0.95, 0.99}}};
  for (const auto& [word, band] : icd) {
    const auto e = parse_elicited_probability(word);
    EXPECT_DOUBLE_EQ(e.lower, band.first) << word;
    EXPECT_DOUBLE_EQ(e.upper, band.second) << word;
    EXPECT_DOUBLE_EQ(e.point, (band.first + band.second) / 2) << word;
    EXPECT_EQ(e.vocabulary, estimative_vocabulary::icd203) << word;
  }
  const auto likely = parse_elicited_probability("  Likely ");
  EXPECT_EQ(likely.word, "likely");
  EXPECT_DOUBLE_EQ(likely.point, 0.675);
  const auto very = parse_elicited_probability("Very-likely");
  EXPECT_EQ(very.word, "very likely");
  const auto improbably = parse_elicited_probability("improbably");
  EXPECT_EQ(improbably.vocabulary, estimative_vocabulary::alternative);
  EXPECT_DOUBLE_EQ(improbably.lower, 0.20);
  EXPECT_DOUBLE_EQ(improbably.upper, 0.45);
  EXPECT_EQ(parse_elicited_probability("almost certainly").word, "almost certain");
  EXPECT_EQ(parse_elicited_probability("remote").word, "remote");
}

TEST(scenario_estimative_words, numbers_and_bands_parse) {
  auto e = parse_elicited_probability("0.7");
  EXPECT_DOUBLE_EQ(e.point, 0.7);
  EXPECT_DOUBLE_EQ(e.lower, 0.7);
  EXPECT_DOUBLE_EQ(e.upper, 0.7);
  EXPECT_TRUE(e.word.empty());
  EXPECT_DOUBLE_EQ(parse_elicited_probability("70%").point, 0.7);
  EXPECT_DOUBLE_EQ(parse_elicited_probability("70 %").point, 0.7);
  e = parse_elicited_probability("0.55-0.80");
  EXPECT_DOUBLE_EQ(e.lower, 0.55);
  EXPECT_DOUBLE_EQ(e.upper, 0.80);
  EXPECT_DOUBLE_EQ(e.point, 0.675);
  e = parse_elicited_probability("55-80%");
  EXPECT_DOUBLE_EQ(e.lower, 0.55);
  EXPECT_DOUBLE_EQ(e.upper, 0.80);
  e = parse_elicited_probability("[0.2, 0.45]");
  EXPECT_DOUBLE_EQ(e.lower, 0.2);
  EXPECT_DOUBLE_EQ(e.upper, 0.45);
  e = parse_elicited_probability("20% to 45%");
  EXPECT_DOUBLE_EQ(e.lower, 0.2);
  EXPECT_DOUBLE_EQ(e.upper, 0.45);
}

TEST(scenario_estimative_words, bad_elicitations_are_errors) {
  EXPECT_THAT(message_of([] { (void)parse_elicited_probability("maybe"); }),
              HasSubstr("'maybe' is not a probability"));
  EXPECT_THAT(message_of([] { (void)parse_elicited_probability("maybe"); }),
              HasSubstr("almost no chance, very unlikely"));
  EXPECT_THAT(message_of([] { (void)parse_elicited_probability("1.5"); }), HasSubstr("outside [0, 1]"));
  EXPECT_THAT(message_of([] { (void)parse_elicited_probability("0.8-0.5"); }),
              HasSubstr("lower end 0.8 above its upper end 0.5"));
  EXPECT_THROW((void)parse_elicited_probability(""), report_error);
}

TEST(scenario_estimative_words, terms_are_found_in_text_as_whole_words) {
  const auto found = find_estimative_terms(
      "It is very likely, and not unlikely, that the Likely outcome holds; remotely possible.");
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].text, "very likely");
  EXPECT_EQ(found[0].band.index, 5u);
  EXPECT_EQ(found[1].text, "unlikely");
  EXPECT_EQ(found[2].text, "Likely");
  EXPECT_EQ(found[2].band.index, 4u);
  const auto split = find_estimative_terms("almost-certainly, highly\nprobable");
  ASSERT_EQ(split.size(), 2u);
  EXPECT_EQ(split[0].band.index, 6u);
  EXPECT_EQ(split[1].vocabulary, estimative_vocabulary::alternative);
  EXPECT_EQ(split[1].band.index, 5u);
  EXPECT_TRUE(find_estimative_terms("improbability and likelihood").empty());
}

TEST(scenario_estimative_words, one_vocabulary_passes) {
  EXPECT_EQ(check_single_vocabulary({"likely", "Very unlikely", "almost certainly"}),
            estimative_vocabulary::icd203);
  EXPECT_EQ(check_single_vocabulary({"remote", "probably"}), estimative_vocabulary::alternative);
  EXPECT_FALSE(check_single_vocabulary({}).has_value());
  EXPECT_EQ(check_single_vocabulary_in_text("Scenario A is likely; B is very unlikely."),
            estimative_vocabulary::icd203);
}

TEST(scenario_estimative_words, a_mix_of_vocabularies_is_rejected) {
  EXPECT_THAT(message_of([] { (void)check_single_vocabulary({"likely", "unlikely", "probable"}); }),
              HasSubstr("'likely' is ICD 203"));
  EXPECT_THAT(message_of([] { (void)check_single_vocabulary({"likely", "unlikely", "probable"}); }),
              HasSubstr("'probable' is alternative (remote ... nearly certain)"));
  EXPECT_THAT(message_of([] { (void)check_single_vocabulary({"remote", "almost certain"}); }),
              HasSubstr("mix two vocabularies"));
  EXPECT_THAT(message_of([] { (void)check_single_vocabulary_in_text("A is likely, B is remote."); }),
              HasSubstr("mix two vocabularies"));
  EXPECT_THAT(message_of([] { (void)check_single_vocabulary({"likely", "perhaps"}); }),
              HasSubstr("'perhaps' is not an estimative term"));
}

}  // namespace
}  // namespace augury
