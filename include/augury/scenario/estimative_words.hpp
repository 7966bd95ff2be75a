#pragma once
/// \file
/// Words of estimative probability: probabilities in the terms of Intelligence Community
/// Directive 203, "Analytic Standards" (2 January 2015), sec. D.6.e.
///
/// ICD 203 fixes seven bands and two vocabularies for them; a product uses one vocabulary
/// throughout and never mixes the two:
///
/// | band        | ICD 203 terms (augury's default) | the alternative terms |
/// |-------------|----------------------------------|-----------------------|
/// | 0.01 - 0.05 | almost no chance                 | remote                |
/// | 0.05 - 0.20 | very unlikely                    | highly improbable     |
/// | 0.20 - 0.45 | unlikely                         | improbable (improbably) |
/// | 0.45 - 0.55 | roughly even chance              | roughly even odds     |
/// | 0.55 - 0.80 | likely                           | probable (probably)   |
/// | 0.80 - 0.95 | very likely                      | highly probable       |
/// | 0.95 - 0.99 | almost certain(ly)               | nearly certain        |
///
/// Boundary convention (the directive leaves it open): neighbouring bands share their end
/// points, and a probability on a shared end point takes the band **nearer to 0.5**, the less
/// extreme word. So 0.80 is "likely", 0.20 "unlikely", 0.45 and 0.55 "roughly even chance",
/// 0.05 "very unlikely", 0.95 "very likely". The rule is symmetric (p and 1 - p get mirror
/// words) and never states more confidence than the number does. A probability within
/// `boundary_tolerance` (1e-9) of an end point counts as on it, so that 0.1 + 0.7 is
/// "likely" like 0.8. The outer bands reach to 0 and 1: below 0.01 is still "almost no
/// chance" and above 0.99 "almost certain" (the directive's table stops at 1 % and 99 %).

#include <augury/detail/join.hpp>
#include <augury/error.hpp>

#include <array>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace augury {

/// The two vocabularies of ICD 203 sec. D.6.e.
enum class estimative_vocabulary {
  /// almost no chance, very unlikely, unlikely, roughly even chance, likely, very likely,
  /// almost certain(ly).
  icd203,
  /// remote, highly improbable, improbable (improbably), roughly even odds, probable
  /// (probably), highly probable, nearly certain.
  alternative
};

/// The name of a vocabulary: "ICD 203" or "alternative (remote ... nearly certain)".
[[nodiscard]] inline std::string_view vocabulary_name(estimative_vocabulary v) noexcept {
  return v == estimative_vocabulary::icd203 ? "ICD 203 (almost no chance ... almost certain)"
                                            : "alternative (remote ... nearly certain)";
}

/// One of the seven bands of ICD 203.
struct estimative_band {
  /// 0 (almost no chance) .. 6 (almost certain).
  std::size_t index = 0;
  /// Lower and upper end of the band as the directive states it (e.g. 0.55 and 0.80).
  double lower = 0.0;
  double upper = 0.0;

  /// The band's midpoint, the point value of an elicited word (e.g. 0.675 for "likely").
  [[nodiscard]] double midpoint() const noexcept { return 0.5 * (lower + upper); }
  /// The band's term in `vocabulary` (the first form: "almost certain", "improbable").
  [[nodiscard]] std::string_view word(
      estimative_vocabulary vocabulary = estimative_vocabulary::icd203) const noexcept;

  friend bool operator==(const estimative_band& a, const estimative_band& b) noexcept {
    return a.index == b.index;
  }
  friend bool operator!=(const estimative_band& a, const estimative_band& b) noexcept {
    return !(a == b);
  }
};

namespace detail {

/// The band end points of ICD 203 sec. D.6.e, lowest first (8 numbers, 7 bands).
inline constexpr std::array<double, 8> estimative_edges{0.01, 0.05, 0.20, 0.45,
                                                        0.55, 0.80, 0.95, 0.99};

/// Every accepted spelling of a term: (text, band, vocabulary). The first spelling of each
/// band and vocabulary is the canonical one.
struct estimative_term {
  std::string_view text;
  std::size_t band;
  estimative_vocabulary vocabulary;
};
inline constexpr estimative_term estimative_terms[] = {
    {"almost no chance", 0, estimative_vocabulary::icd203},
    {"very unlikely", 1, estimative_vocabulary::icd203},
    {"unlikely", 2, estimative_vocabulary::icd203},
    {"roughly even chance", 3, estimative_vocabulary::icd203},
    {"likely", 4, estimative_vocabulary::icd203},
    {"very likely", 5, estimative_vocabulary::icd203},
    {"almost certain", 6, estimative_vocabulary::icd203},
    {"almost certainly", 6, estimative_vocabulary::icd203},
    {"remote", 0, estimative_vocabulary::alternative},
    {"highly improbable", 1, estimative_vocabulary::alternative},
    {"improbable", 2, estimative_vocabulary::alternative},
    {"improbably", 2, estimative_vocabulary::alternative},
    {"roughly even odds", 3, estimative_vocabulary::alternative},
    {"probable", 4, estimative_vocabulary::alternative},
    {"probably", 4, estimative_vocabulary::alternative},
    {"highly probable", 5, estimative_vocabulary::alternative},
    {"nearly certain", 6, estimative_vocabulary::alternative},
};

/// Lower case, spaces/tabs/hyphens/underscores as single spaces, trimmed: "Very-Likely " ->
/// "very likely".
inline std::string normalise_term(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    const bool sep = c == ' ' || c == '\t' || c == '-' || c == '_' || c == '\n' || c == '\r';
    if (sep) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

inline std::string all_estimative_terms() {
  std::vector<std::string> names;
  for (const auto& t : estimative_terms) names.emplace_back(t.text);
  return join(names);
}

}  // namespace detail

inline std::string_view estimative_band::word(estimative_vocabulary vocabulary) const noexcept {
  for (const auto& t : detail::estimative_terms)
    if (t.band == index && t.vocabulary == vocabulary) return t.text;
  return {};
}

/// The band of ICD 203 with number `index` (0 almost no chance .. 6 almost certain).
/// \throws report_error if index > 6.
[[nodiscard]] inline estimative_band estimative_band_at(std::size_t index) {
  if (index > 6)
    throw report_error("estimative band " + std::to_string(index) +
                       " does not exist (bands 0 almost no chance .. 6 almost certain)");
  return {index, detail::estimative_edges[index], detail::estimative_edges[index + 1]};
}

/// Tolerance within which a probability counts as lying on a band end point.
inline constexpr double boundary_tolerance = 1e-9;

/// The ICD 203 band of probability `p` (boundary convention in the file comment).
/// \throws report_error if p is not a number in [0, 1].
[[nodiscard]] inline estimative_band estimative_band_of(double p) {
  if (!(p >= 0.0 && p <= 1.0))
    throw report_error("probability " + detail::format_number(p) +
                       " is outside [0, 1]; it has no estimative word");
  const auto& e = detail::estimative_edges;
  // Inner end points e[1]..e[6]; the band is the number of end points strictly below p,
  // where an end point at or above 0.5 counts as below p only when p exceeds it, and one
  // below 0.5 counts when p reaches it (so end points go to the band nearer 0.5).
  std::size_t band = 0;
  for (std::size_t i = 1; i <= 6; ++i) {
    const bool passed = e[i] < 0.5 ? p > e[i] - boundary_tolerance : p > e[i] + boundary_tolerance;
    if (passed) band = i;
  }
  return estimative_band_at(band);
}

/// The term for probability `p` in `vocabulary`, e.g. 0.7 -> "likely".
/// \throws report_error if p is not a number in [0, 1].
[[nodiscard]] inline std::string estimative_word(
    double p, estimative_vocabulary vocabulary = estimative_vocabulary::icd203) {
  return std::string(estimative_band_of(p).word(vocabulary));
}

/// The vocabulary and band of one term (any spelling, case, spaces or hyphens: "Very-likely",
/// "improbably"), or nothing if `term` is not an estimative term.
struct estimative_term_info {
  estimative_band band;
  estimative_vocabulary vocabulary = estimative_vocabulary::icd203;
};
[[nodiscard]] inline std::optional<estimative_term_info> find_estimative_term(std::string_view term) {
  const std::string t = detail::normalise_term(term);
  for (const auto& entry : detail::estimative_terms)
    if (entry.text == t) return estimative_term_info{estimative_band_at(entry.band), entry.vocabulary};
  return std::nullopt;
}

/// An elicited probability: a point value and the band it stands for.
struct elicited_probability {
  /// The point value: the number given, or the midpoint of the band given.
  double point = 0.0;
  /// The band: [lower, upper]; lower == upper == point for a plain number.
  double lower = 0.0;
  double upper = 0.0;
  /// The estimative term given, canonical spelling ("likely"); empty for numbers and bands.
  std::string word;
  /// The vocabulary of `word` (meaningful only when `word` is not empty).
  estimative_vocabulary vocabulary = estimative_vocabulary::icd203;
};

namespace detail {

/// Parses a probability written as a number in [0, 1] or a percentage ("70%"); nothing if the
/// text is not a number. \throws report_error if it is a number outside [0, 1].
inline std::optional<double> parse_probability_number(std::string_view text,
                                                      std::string_view whole) {
  std::string s(text);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
  std::size_t b = 0;
  while (b < s.size() && (s[b] == ' ' || s[b] == '\t')) ++b;
  s = s.substr(b);
  bool percent = false;
  if (!s.empty() && s.back() == '%') {
    percent = true;
    s.pop_back();
    while (!s.empty() && s.back() == ' ') s.pop_back();
  }
  if (s.empty()) return std::nullopt;
  char* stop = nullptr;
  errno = 0;
  const double x = std::strtod(s.c_str(), &stop);
  if (stop != s.c_str() + s.size() || errno == ERANGE || !std::isfinite(x)) return std::nullopt;
  const double p = percent ? x / 100.0 : x;
  if (!(p >= 0.0 && p <= 1.0))
    throw report_error("probability '" + std::string(whole) + "' is outside [0, 1]" +
                       (percent ? "" : " (write a percentage with '%', e.g. 70%)"));
  return p;
}

}  // namespace detail

/// Parses an elicited probability. Accepted forms:
///  - an estimative term of either vocabulary ("likely", "Highly probable"): the band of
///    the term, its midpoint as the point value ("likely" -> [0.55, 0.80], 0.675);
///  - a number in [0, 1] or a percentage ("0.7", "70%"): that point, a band of width 0;
///  - a band "a-b", "a to b" or "[a, b]" of two such numbers with a <= b ("0.55-0.80",
///    "55-80%", "[0.55, 0.8]"): its midpoint as the point value.
/// \throws report_error naming the text and listing the accepted forms and terms.
[[nodiscard]] inline elicited_probability parse_elicited_probability(std::string_view text) {
  if (const auto term = find_estimative_term(text)) {
    elicited_probability e;
    e.lower = term->band.lower;
    e.upper = term->band.upper;
    e.point = term->band.midpoint();
    e.word = std::string(term->band.word(term->vocabulary));
    e.vocabulary = term->vocabulary;
    return e;
  }
  const std::string whole(text);
  if (const auto p = detail::parse_probability_number(text, whole)) return {*p, *p, *p, {}, {}};

  // A band: strip brackets, then split at ',', " to " or a '-' that follows a digit or '%'.
  std::string s = whole;
  std::size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
  if (b != std::string::npos) s = s.substr(b, e - b + 1);
  if (s.size() >= 2 && (s.front() == '[' || s.front() == '(') && (s.back() == ']' || s.back() == ')'))
    s = s.substr(1, s.size() - 2);
  std::size_t split = std::string::npos, width = 0;
  if (const auto c = s.find(','); c != std::string::npos) {
    split = c;
    width = 1;
  } else if (const auto t = s.find(" to "); t != std::string::npos) {
    split = t;
    width = 4;
  } else {
    for (std::size_t i = 1; i < s.size(); ++i)
      if (s[i] == '-' && (std::isdigit(static_cast<unsigned char>(s[i - 1])) || s[i - 1] == '%' ||
                          s[i - 1] == ' ')) {
        split = i;
        width = 1;
        break;
      }
  }
  if (split != std::string::npos) {
    std::string lo = s.substr(0, split), hi = s.substr(split + width);
    // "55-80%": the percent sign applies to both ends.
    const auto last = hi.find_last_not_of(" \t");
    if (last != std::string::npos && hi[last] == '%' && lo.find('%') == std::string::npos) lo += '%';
    const auto l = detail::parse_probability_number(lo, whole);
    const auto h = detail::parse_probability_number(hi, whole);
    if (l && h) {
      if (*l > *h)
        throw report_error("probability band '" + whole + "' has its lower end " +
                           detail::format_number(*l) + " above its upper end " +
                           detail::format_number(*h));
      return {0.5 * (*l + *h), *l, *h, {}, {}};
    }
  }
  throw report_error("'" + whole +
                     "' is not a probability (write a number in [0, 1] such as 0.7, a "
                     "percentage such as 70%, a band such as 0.55-0.80 or [55%, 80%], or an "
                     "estimative term: " +
                     detail::all_estimative_terms() + ")");
}

/// An estimative term found in a text: where, which term, which vocabulary.
struct estimative_term_use {
  /// Byte offset of the term in the text.
  std::size_t offset = 0;
  /// The term as written in the text.
  std::string text;
  estimative_band band;
  estimative_vocabulary vocabulary = estimative_vocabulary::icd203;
};

/// Every estimative term of either vocabulary in `text`, in order. Terms match whole words,
/// case-insensitively, longest first ("very unlikely" is one term, not "unlikely"; "remote"
/// inside "remotely" is not a term). A space, hyphen or line break may separate the words of
/// a term.
[[nodiscard]] inline std::vector<estimative_term_use> find_estimative_terms(std::string_view text) {
  auto is_word = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
  };
  auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
  // Matches `term` at position i allowing any run of separators where the term has a space;
  // returns the matched length or 0.
  auto match = [&](std::size_t i, std::string_view term) -> std::size_t {
    std::size_t j = i;
    for (std::size_t k = 0; k < term.size(); ++k) {
      if (term[k] == ' ') {
        const std::size_t start = j;
        while (j < text.size() && (text[j] == ' ' || text[j] == '-' || text[j] == '\n' ||
                                   text[j] == '\t' || text[j] == '\r'))
          ++j;
        if (j == start) return 0;
        continue;
      }
      if (j >= text.size() || lower(text[j]) != term[k]) return 0;
      ++j;
    }
    if (j < text.size() && is_word(text[j])) return 0;
    return j - i;
  };
  std::vector<estimative_term_use> found;
  for (std::size_t i = 0; i < text.size();) {
    if (i > 0 && is_word(text[i - 1])) {
      ++i;
      continue;
    }
    std::size_t best = 0;
    const detail::estimative_term* best_term = nullptr;
    for (const auto& t : detail::estimative_terms) {
      const std::size_t len = match(i, t.text);
      if (len > best) {
        best = len;
        best_term = &t;
      }
    }
    if (best_term) {
      found.push_back({i, std::string(text.substr(i, best)), estimative_band_at(best_term->band),
                       best_term->vocabulary});
      i += best;
    } else {
      ++i;
    }
  }
  return found;
}

/// The one vocabulary used by `terms` (each an estimative term in any spelling), or nothing
/// if `terms` is empty.
/// \throws report_error if an entry is not an estimative term (listing the terms), or if the
///   entries mix the two vocabularies (naming a term of each: ICD 203 sec. D.6.e asks
///   for the terms of one row only).
[[nodiscard]] inline std::optional<estimative_vocabulary> check_single_vocabulary(
    const std::vector<std::string>& terms) {
  std::optional<estimative_vocabulary> seen;
  std::string first_term;
  for (const auto& term : terms) {
    const auto info = find_estimative_term(term);
    if (!info)
      throw report_error("'" + term + "' is not an estimative term (terms: " +
                         detail::all_estimative_terms() + ")");
    if (!seen) {
      seen = info->vocabulary;
      first_term = term;
    } else if (*seen != info->vocabulary) {
      throw report_error("estimative terms mix two vocabularies: '" + first_term + "' is " +
                         std::string(vocabulary_name(*seen)) + ", '" + term + "' is " +
                         std::string(vocabulary_name(info->vocabulary)) +
                         "; use the terms of one vocabulary throughout (ICD 203 sec. D.6.e)");
    }
  }
  return seen;
}

/// As check_single_vocabulary, for the terms found in a text (find_estimative_terms).
/// \throws report_error if the text mixes the two vocabularies, naming a term of each.
inline std::optional<estimative_vocabulary> check_single_vocabulary_in_text(std::string_view text) {
  std::vector<std::string> terms;
  for (const auto& use : find_estimative_terms(text)) terms.push_back(use.text);
  return check_single_vocabulary(terms);
}

}  // namespace augury
