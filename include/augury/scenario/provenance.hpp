#pragma once
/// \file
/// Provenance: reports that copy one upstream source are one piece of evidence, not many.
///
/// Ten outlets that rerun one wire story are not ten independent observations of the world:
/// they are ten observations of what the wire story said. augury models a group of reports
/// on indicator X that share the upstream source u exactly, with a latent node C_u, "what
/// the source claimed" (same states as X), between X and the copies:
///
///     X  ->  C_u  ->  report_1, ..., report_n
///
///  - P(C_u = c | X = x) is the upstream's channel: h_u if c = x, (1 - h_u)/(k - 1)
///    otherwise, h_u the hit rate of the upstream grade (grading.hpp);
///  - P(report_i says s | C_u = c) is the copy's channel with copying fidelity f_i: the copy
///    relays the claim with probability f_i and names a state at random otherwise, so it is
///    f_i + (1 - f_i)/k if s = c, (1 - f_i)/k otherwise.
///
/// The reports are leaves, so C_u can be summed out without adding a node to the network:
/// the group enters X as one likelihood finding
///
///     L_u(x) = sum_c P(C_u = c | X = x) * prod_i P(report_i | C_u = c).
///
/// (Pearl 1988, "Probabilistic Reasoning in Intelligent Systems", sec. 2.2.2 for likelihood
/// evidence; the latent-claim node is a chain of testimony in the sense of Schum 1994,
/// "The Evidential Foundations of Probabilistic Reasoning", on hierarchical and redundant
/// evidence.)
///
/// Properties: with perfect copying (f_i = 1) the product over copies that all name s is the
/// indicator of c = s, so L_u is exactly the likelihood of one report of the upstream grade,
/// however many copies there are. With f_i < 1 each further agreeing copy moves L_u closer to
/// that single report's likelihood, never past it: copies can at most tell us for sure what
/// the source said. Independent reports of the same grade multiply instead, so ten of them
/// move the forecast far more.

#include <augury/detail/join.hpp>
#include <augury/error.hpp>

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

namespace augury {

/// P(copy says `reported` | the source claimed `claimed`) for a copy with fidelity `fidelity`
/// on an indicator with `states` states (see the file comment).
[[nodiscard]] inline double copy_probability(double fidelity, std::size_t states,
                                             std::size_t reported, std::size_t claimed) noexcept {
  const double noise = (1.0 - fidelity) / static_cast<double>(states);
  return reported == claimed ? fidelity + noise : noise;
}

/// A group of reports on one indicator that share one upstream source: the product over
/// its copies of P(copy | C_u = c), one entry per claimed state c, kept divided by its
/// largest entry (only ratios matter, and this keeps long groups from underflowing).
class shared_source_group {
 public:
  /// An empty group on an indicator with `states` states. \throws report_error if states < 2.
  explicit shared_source_group(std::size_t states) : product_(states, 1.0) {
    if (states < 2)
      throw report_error("a report needs an indicator with at least 2 states, not " +
                         std::to_string(states));
  }

  /// Adds a copy that names state `reported` with copying fidelity `fidelity`.
  /// \throws report_error if fidelity is outside [0, 1] or reported >= states.
  void add_copy(std::size_t reported, double fidelity) {
    const std::size_t k = product_.size();
    if (!(fidelity >= 0.0 && fidelity <= 1.0))
      throw report_error("copy fidelity " + detail::format_number(fidelity) +
                         " is outside [0, 1]");
    if (reported >= k)
      throw report_error("reported state number " + std::to_string(reported) +
                         " out of range for an indicator with " + std::to_string(k) + " states");
    double top = 0.0;
    for (std::size_t c = 0; c < k; ++c) {
      product_[c] *= copy_probability(fidelity, k, reported, c);
      top = std::max(top, product_[c]);
    }
    // top == 0: perfect copies that disagree; the group then gives a zero likelihood, which
    // the engine reports as impossible evidence.
    if (top > 0.0)
      for (double& x : product_) x /= top;
    ++copies_;
  }

  /// Number of copies added.
  [[nodiscard]] std::size_t size() const noexcept { return copies_; }
  /// Number of states of the indicator.
  [[nodiscard]] std::size_t states() const noexcept { return product_.size(); }
  /// prod_i P(copy_i | C_u = c) for each c, scaled so that the largest entry is 1
  /// (all 1 for an empty group).
  [[nodiscard]] const std::vector<double>& claim_likelihood() const noexcept { return product_; }

  /// The group's likelihood on the indicator, L_u(x) = sum_c P(C_u = c | X = x) * claim(c),
  /// for an upstream whose hit rate is `upstream_hit` (P(C_u = x | X = x)); length states(),
  /// not normalised.
  /// \throws report_error if upstream_hit is outside [0, 1].
  [[nodiscard]] std::vector<double> likelihood(double upstream_hit) const {
    if (!(upstream_hit >= 0.0 && upstream_hit <= 1.0))
      throw report_error("upstream hit rate " + detail::format_number(upstream_hit) +
                         " is outside [0, 1]");
    const std::size_t k = product_.size();
    const double miss = (1.0 - upstream_hit) / static_cast<double>(k - 1);
    double total = 0.0;
    for (double x : product_) total += x;
    std::vector<double> l(k);
    for (std::size_t x = 0; x < k; ++x) l[x] = upstream_hit * product_[x] + miss * (total - product_[x]);
    return l;
  }

 private:
  std::vector<double> product_;
  std::size_t copies_ = 0;
};

}  // namespace augury
