#pragma once
/// \file
/// Source grading: how much weight a report gets, from its NATO Admiralty grade.
///
/// An Admiralty grade is a letter for the reliability of the source (A completely reliable,
/// B usually reliable, C fairly reliable, D not usually reliable, E unreliable, F reliability
/// cannot be judged) followed by a digit for the credibility of the information (1 confirmed
/// by other sources, 2 probably true, 3 possibly true, 4 doubtful, 5 improbable, 6 truth
/// cannot be judged); NATO AJP-2.1, annex on source and information evaluation.
///
/// augury turns a grade into a *fidelity* r in [0, 1]: the probability that the report
/// reflects the state of its indicator rather than noise. With probability 1 - r the report
/// names a state at random. For an indicator with k states this gives the hit rate
///     h = P(report says s | indicator = s) = r + (1 - r) / k,
/// and P(report says s | indicator = x) = (1 - h) / (k - 1) = (1 - r) / k for x != s.
/// The fidelity of a grade is the product of a weight for its letter and a weight for its
/// digit (both must hold for the report to carry the truth). F and 6 ("cannot be judged")
/// take the stated default weight of their axis; an empty grade, or the word "unknown",
/// takes the default weight on both axes. The numbers and their rationale are in
/// docs/reports.md; every one can be changed, and a whole table can be read from a small
/// CSV or JSON file (grading_io.hpp).
///
/// A report may also state its channel directly, as a hit rate h = P(report says s | X = s)
/// and a false-alarm rate f = P(report says s | X != s) (rate_likelihood); its grade is then
/// kept as information only. The table also holds the *copy fidelity*: how faithfully a
/// report relays the claim of the upstream source it shares with others (provenance.hpp).

#include <augury/detail/join.hpp>
#include <augury/error.hpp>

#include <array>
#include <cctype>
#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace augury {

/// Maps Admiralty grades to report fidelities and hit rates (see the file comment).
class grading_table {
 public:
  /// The default table (documented in docs/reports.md).
  grading_table() = default;

  /// Weight of source-reliability letter `letter` ('A'..'E', case-insensitive; 'F' gives
  /// the default source weight). \throws report_error for any other character.
  [[nodiscard]] double source_weight(char letter) const {
    const std::size_t i = letter_index(letter);
    return i == 5 ? default_source_weight_ : source_weights_[i];
  }
  /// Weight of information-credibility digit `digit` ('1'..'5'; '6' gives the default
  /// information weight). \throws report_error for any other character.
  [[nodiscard]] double information_weight(char digit) const {
    const std::size_t i = digit_index(digit);
    return i == 5 ? default_information_weight_ : information_weights_[i];
  }
  /// Weight used for F ("reliability cannot be judged") and for ungraded reports.
  [[nodiscard]] double default_source_weight() const noexcept { return default_source_weight_; }
  /// Weight used for 6 ("truth cannot be judged") and for ungraded reports.
  [[nodiscard]] double default_information_weight() const noexcept {
    return default_information_weight_;
  }

  /// Sets the weight of letter 'A'..'E'. \throws report_error on another letter or a weight
  /// outside [0, 1].
  void set_source_weight(char letter, double weight) {
    const std::size_t i = letter_index(letter);
    if (i == 5)
      throw report_error("source reliability F means 'cannot be judged' and uses the default "
                         "source weight; set it with set_default_source_weight");
    source_weights_[i] = checked_weight(weight, std::string("source reliability ") + upper(letter));
  }
  /// Sets the weight of digit '1'..'5'. \throws report_error on another digit or a weight
  /// outside [0, 1].
  void set_information_weight(char digit, double weight) {
    const std::size_t i = digit_index(digit);
    if (i == 5)
      throw report_error("information credibility 6 means 'cannot be judged' and uses the "
                         "default information weight; set it with set_default_information_weight");
    information_weights_[i] = checked_weight(weight, std::string("information credibility ") + digit);
  }
  /// Sets the weight used for F and for ungraded reports. \throws report_error outside [0, 1].
  void set_default_source_weight(double weight) {
    default_source_weight_ = checked_weight(weight, "default source weight");
  }
  /// Sets the weight used for 6 and for ungraded reports. \throws report_error outside [0, 1].
  void set_default_information_weight(double weight) {
    default_information_weight_ = checked_weight(weight, "default information weight");
  }

  /// Fidelity with which a report relays the claim of its upstream source when the report
  /// does not state its own (provenance.hpp); default 0.95.
  [[nodiscard]] double copy_fidelity() const noexcept { return copy_fidelity_; }
  /// Sets the default copy fidelity. \throws report_error outside [0, 1].
  void set_copy_fidelity(double fidelity) {
    copy_fidelity_ = checked_weight(fidelity, "copy fidelity");
  }

  /// Whether `grade` is empty or says "unknown" (any case): the report is ungraded.
  [[nodiscard]] static bool is_ungraded(std::string_view grade) noexcept {
    if (grade.empty()) return true;
    constexpr std::string_view word = "unknown";
    if (grade.size() != word.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(grade[i])) != word[i]) return false;
    return true;
  }

  /// Throws unless `grade` is ungraded (see is_ungraded) or a letter A-F followed by a digit
  /// 1-6, e.g. "B2" (the letter may be lower case).
  /// \throws report_error naming the grade and describing the valid form.
  static void check_grade(std::string_view grade) {
    if (is_ungraded(grade)) return;
    const bool ok = grade.size() == 2 &&
                    std::string_view("ABCDEF").find(upper(grade[0])) != std::string_view::npos &&
                    grade[1] >= '1' && grade[1] <= '6';
    if (!ok)
      throw report_error("grade '" + std::string(grade) +
                         "' is not an Admiralty grade (a source-reliability letter A-F followed by "
                         "an information-credibility digit 1-6, e.g. B2; leave it empty or write "
                         "'unknown' for an ungraded report)");
  }

  /// Fidelity r in [0, 1] of a report with grade `grade` (see the file comment).
  /// \throws report_error if the grade is malformed (see check_grade).
  [[nodiscard]] double fidelity(std::string_view grade) const {
    check_grade(grade);
    if (is_ungraded(grade)) return default_source_weight_ * default_information_weight_;
    return source_weight(grade[0]) * information_weight(grade[1]);
  }

  /// Hit rate h = r + (1 - r)/k: the probability that a report of grade `grade` on an
  /// indicator with `states` states names the indicator's actual state.
  /// \throws report_error on a malformed grade or states < 2.
  [[nodiscard]] double hit_rate(std::string_view grade, std::size_t states) const {
    if (states < 2)
      throw report_error("a report needs an indicator with at least 2 states, not " +
                         std::to_string(states));
    const double r = fidelity(grade);
    return r + (1.0 - r) / static_cast<double>(states);
  }

  /// Likelihood vector of a report that names state `reported` of an indicator with `states`
  /// states: entry x is P(report says `reported` | indicator = x), i.e. h at `reported` and
  /// (1 - h)/(k - 1) elsewhere. Length `states`, in the indicator's state order.
  /// \throws report_error on a malformed grade, states < 2 or reported >= states.
  [[nodiscard]] std::vector<double> likelihood(std::string_view grade, std::size_t states,
                                               std::size_t reported) const {
    const double h = hit_rate(grade, states);
    if (reported >= states)
      throw report_error("reported state number " + std::to_string(reported) +
                         " out of range for an indicator with " + std::to_string(states) + " states");
    std::vector<double> l(states, (1.0 - h) / static_cast<double>(states - 1));
    l[reported] = h;
    return l;
  }

  /// Likelihood vector of a report that names state `reported` of an indicator with `states`
  /// states and states its own hit rate `hit` = P(report says s | X = s) and false-alarm
  /// rate `false_alarm` = P(report says s | X = x) for every x != s: `hit` at `reported`,
  /// `false_alarm` elsewhere (length `states`). Only the ratio hit / false_alarm matters to
  /// the posterior.
  /// \throws report_error if a rate is outside [0, 1], both are zero, hit < false_alarm (the
  ///   report would count against the state it names: the columns are likely swapped),
  ///   states < 2 or reported >= states.
  [[nodiscard]] static std::vector<double> rate_likelihood(double hit, double false_alarm,
                                                           std::size_t states,
                                                           std::size_t reported) {
    check_rates(hit, false_alarm);
    if (states < 2)
      throw report_error("a report needs an indicator with at least 2 states, not " +
                         std::to_string(states));
    if (reported >= states)
      throw report_error("reported state number " + std::to_string(reported) +
                         " out of range for an indicator with " + std::to_string(states) + " states");
    std::vector<double> l(states, false_alarm);
    l[reported] = hit;
    return l;
  }

  /// Throws unless `hit` and `false_alarm` are rates a report can state (see rate_likelihood).
  /// \throws report_error naming the offending value.
  static void check_rates(double hit, double false_alarm) {
    if (!(hit >= 0.0 && hit <= 1.0))
      throw report_error("hit rate " + detail::format_number(hit) + " is outside [0, 1]");
    if (!(false_alarm >= 0.0 && false_alarm <= 1.0))
      throw report_error("false-alarm rate " + detail::format_number(false_alarm) +
                         " is outside [0, 1]");
    if (hit == 0.0 && false_alarm == 0.0)
      throw report_error("hit rate and false-alarm rate are both 0: the report could never be made");
    if (hit < false_alarm)
      throw report_error("hit rate " + detail::format_number(hit) + " is below false-alarm rate " +
                         detail::format_number(false_alarm) +
                         ": the report would count against the state it names (are the two "
                         "columns swapped?)");
  }

  /// The grade's confusion matrix applied to a soft pointer `pointer` (one non-negative
  /// weight per state): entry x is sum_s pointer[s] * P(report says s | indicator = x).
  /// For a pointer that is 1 at one state and 0 elsewhere this equals likelihood().
  /// \throws report_error on a malformed grade or fewer than 2 states.
  [[nodiscard]] std::vector<double> channel(std::string_view grade,
                                            const std::vector<double>& pointer) const {
    const std::size_t k = pointer.size();
    const double h = hit_rate(grade, k);
    const double miss = (1.0 - h) / static_cast<double>(k - 1);
    double total = 0.0;
    for (double w : pointer) total += w;
    std::vector<double> l(k);
    for (std::size_t x = 0; x < k; ++x) l[x] = h * pointer[x] + miss * (total - pointer[x]);
    return l;
  }

 private:
  static char upper(char c) noexcept {
    return static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  static std::size_t letter_index(char letter) {
    const char c = upper(letter);
    if (c < 'A' || c > 'F')
      throw report_error(std::string("source reliability '") + letter +
                         "' is not an Admiralty letter (letters: A, B, C, D, E, F)");
    return static_cast<std::size_t>(c - 'A');
  }
  static std::size_t digit_index(char digit) {
    if (digit < '1' || digit > '6')
      throw report_error(std::string("information credibility '") + digit +
                         "' is not an Admiralty digit (digits: 1, 2, 3, 4, 5, 6)");
    return static_cast<std::size_t>(digit - '1');
  }
  static double checked_weight(double w, const std::string& what) {
    if (!(w >= 0.0 && w <= 1.0))
      throw report_error(what + " weight " + detail::format_number(w) + " is outside [0, 1]");
    return w;
  }

  // Default numbers; rationale in docs/reports.md.
  std::array<double, 5> source_weights_{0.90, 0.75, 0.60, 0.40, 0.20};       // A..E
  std::array<double, 5> information_weights_{0.90, 0.75, 0.60, 0.40, 0.20};  // 1..5
  double default_source_weight_ = 0.50;       // F, and ungraded reports
  double default_information_weight_ = 0.50;  // 6, and ungraded reports
  double copy_fidelity_ = 0.95;               // a copy relaying its upstream's claim
};

/// The default grading table (a shared, immutable instance).
[[nodiscard]] inline const grading_table& default_grading_table() {
  static const grading_table table;
  return table;
}

}  // namespace augury
