#pragma once
/// \file
/// A factor (potential): a non-negative table over a scope of discrete variables.
///
/// Memory layout (used everywhere in augury, and by the Python arrays): the values are stored
/// row-major over the scope, **the last scope variable varying fastest**, exactly as a C-order
/// numpy array of shape `(card(scope[0]), ..., card(scope[k-1]))`. The entry for the
/// assignment (x0, ..., x{k-1}) sits at offset sum_i x_i * stride_i, with
/// stride_{k-1} = 1 and stride_i = stride_{i+1} * card_{i+1}.

#include <augury/detail/join.hpp>
#include <augury/error.hpp>
#include <augury/model/variable.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace augury {

/// A table of non-negative reals over an ordered scope of variables (see the file comment for
/// the layout). A factor with an empty scope is a scalar holding one value.
class factor {
 public:
  /// The scalar factor 1.
  factor() : values_(1, 1.0) {}

  /// \param scope distinct variable ids, in table-axis order
  /// \param cardinalities number of states of each scope variable (same length as scope)
  /// \param values the table, last scope variable fastest; its length must equal the
  ///        product of the cardinalities
  /// \throws model_error on a repeated variable, a zero cardinality or a length mismatch.
  factor(std::vector<var_id> scope, std::vector<std::size_t> cardinalities,
         std::vector<double> values)
      : scope_(std::move(scope)), cards_(std::move(cardinalities)), values_(std::move(values)) {
    if (scope_.size() != cards_.size())
      throw model_error("factor scope has " + std::to_string(scope_.size()) + " variables but " +
                        std::to_string(cards_.size()) + " cardinalities");
    for (std::size_t i = 0; i < scope_.size(); ++i) {
      if (cards_[i] == 0) throw model_error("factor variable has cardinality 0");
      for (std::size_t j = 0; j < i; ++j)
        if (scope_[i] == scope_[j])
          throw model_error("factor scope repeats variable id " + std::to_string(scope_[i]));
    }
    const std::size_t n = table_size(cards_);
    if (values_.size() != n)
      throw model_error("factor table has " + std::to_string(values_.size()) +
                        " entries, expected " + std::to_string(n) +
                        " (the product of the cardinalities " + detail::join(cards_, " x ") + ")");
    compute_strides();
  }

  /// A factor over `scope` with every entry equal to `value`.
  static factor filled(std::vector<var_id> scope, std::vector<std::size_t> cardinalities,
                       double value) {
    const std::size_t n = table_size(cardinalities);
    return factor(std::move(scope), std::move(cardinalities), std::vector<double>(n, value));
  }

  /// Number of entries: the product of the cardinalities (1 for a scalar).
  static std::size_t table_size(const std::vector<std::size_t>& cardinalities) {
    std::size_t n = 1;
    for (std::size_t c : cardinalities) {
      if (c != 0 && n > std::numeric_limits<std::size_t>::max() / c)
        throw model_error("factor table size overflows");
      n *= c;
    }
    return n;
  }

  /// Variable ids in axis order.
  [[nodiscard]] const std::vector<var_id>& scope() const noexcept { return scope_; }
  /// Cardinalities in axis order.
  [[nodiscard]] const std::vector<std::size_t>& cardinalities() const noexcept { return cards_; }
  /// Strides in axis order (last axis has stride 1).
  [[nodiscard]] const std::vector<std::size_t>& strides() const noexcept { return strides_; }
  /// The table, last scope variable fastest.
  [[nodiscard]] const std::vector<double>& values() const noexcept { return values_; }
  /// Mutable access to the table (the length must not change).
  [[nodiscard]] std::vector<double>& values() noexcept { return values_; }
  /// Number of entries.
  [[nodiscard]] std::size_t size() const noexcept { return values_.size(); }
  /// Number of scope variables.
  [[nodiscard]] std::size_t arity() const noexcept { return scope_.size(); }

  /// Axis of variable `v` in the scope, or arity() if absent.
  [[nodiscard]] std::size_t axis_of(var_id v) const noexcept {
    return static_cast<std::size_t>(std::find(scope_.begin(), scope_.end(), v) - scope_.begin());
  }
  /// Whether `v` is in the scope.
  [[nodiscard]] bool contains(var_id v) const noexcept { return axis_of(v) < scope_.size(); }

  /// Entry for a full assignment given in scope order. \throws model_error on bad length/state.
  [[nodiscard]] double at(const std::vector<std::size_t>& states) const {
    return values_[offset(states)];
  }
  /// Mutable entry for a full assignment given in scope order.
  [[nodiscard]] double& at(const std::vector<std::size_t>& states) { return values_[offset(states)]; }

  /// Offset of a full assignment (scope order) in the table.
  [[nodiscard]] std::size_t offset(const std::vector<std::size_t>& states) const {
    if (states.size() != scope_.size())
      throw model_error("factor assignment has " + std::to_string(states.size()) +
                        " states, the scope has " + std::to_string(scope_.size()) + " variables");
    std::size_t off = 0;
    for (std::size_t i = 0; i < states.size(); ++i) {
      if (states[i] >= cards_[i])
        throw model_error("factor assignment state " + std::to_string(states[i]) +
                          " out of range for an axis of cardinality " + std::to_string(cards_[i]));
      off += states[i] * strides_[i];
    }
    return off;
  }

  /// Sum of all entries.
  [[nodiscard]] double sum() const noexcept {
    double s = 0.0;
    for (double v : values_) s += v;
    return s;
  }

  /// Divides every entry by the sum and returns that sum. A zero sum leaves the table
  /// unchanged (callers decide what a zero total means; it is never turned into NaN).
  double normalize() noexcept {
    const double s = sum();
    if (s > 0.0)
      for (double& v : values_) v /= s;
    return s;
  }

  /// Pointwise product. The result's scope is this scope followed by the variables of
  /// `other` that are not in it, in their order in `other`.
  /// \throws model_error if a shared variable has different cardinalities.
  [[nodiscard]] factor product(const factor& other) const {
    std::vector<var_id> scope = scope_;
    std::vector<std::size_t> cards = cards_;
    for (std::size_t j = 0; j < other.scope_.size(); ++j) {
      const std::size_t a = axis_of(other.scope_[j]);
      if (a == scope_.size()) {
        scope.push_back(other.scope_[j]);
        cards.push_back(other.cards_[j]);
      } else if (cards_[a] != other.cards_[j]) {
        throw model_error("factors disagree on the cardinality of variable id " +
                          std::to_string(other.scope_[j]));
      }
    }
    factor result = filled(scope, cards, 0.0);
    // Strides of each operand expressed on the result's axes (0 where absent).
    const auto sa = strides_on(scope);
    const auto sb = other.strides_on(scope);
    std::vector<std::size_t> idx(scope.size(), 0);
    std::size_t ia = 0, ib = 0;
    for (std::size_t r = 0; r < result.values_.size(); ++r) {
      result.values_[r] = values_[ia] * other.values_[ib];
      for (std::size_t ax = scope.size(); ax-- > 0;) {
        if (++idx[ax] < cards[ax]) {
          ia += sa[ax];
          ib += sb[ax];
          break;
        }
        ia -= sa[ax] * (cards[ax] - 1);
        ib -= sb[ax] * (cards[ax] - 1);
        idx[ax] = 0;
      }
    }
    return result;
  }

  /// Sums out every variable not in `keep`; the result's scope is the kept variables in
  /// their order in this factor. Variables of `keep` absent from the scope are ignored.
  [[nodiscard]] factor marginal(const std::vector<var_id>& keep) const {
    std::vector<var_id> scope;
    std::vector<std::size_t> cards;
    for (std::size_t i = 0; i < scope_.size(); ++i)
      if (std::find(keep.begin(), keep.end(), scope_[i]) != keep.end()) {
        scope.push_back(scope_[i]);
        cards.push_back(cards_[i]);
      }
    factor result = filled(scope, cards, 0.0);
    const auto so = result.strides_on(scope_);  // result strides on this factor's axes
    std::vector<std::size_t> idx(scope_.size(), 0);
    std::size_t io = 0;
    for (std::size_t r = 0; r < values_.size(); ++r) {
      result.values_[io] += values_[r];
      for (std::size_t ax = scope_.size(); ax-- > 0;) {
        if (++idx[ax] < cards_[ax]) {
          io += so[ax];
          break;
        }
        io -= so[ax] * (cards_[ax] - 1);
        idx[ax] = 0;
      }
    }
    return result;
  }

  /// Sums out the single variable `v` (no-op copy if absent).
  [[nodiscard]] factor sum_out(var_id v) const {
    std::vector<var_id> keep;
    for (var_id u : scope_)
      if (u != v) keep.push_back(u);
    return marginal(keep);
  }

  /// Fixes variable `v` to `state` and drops it from the scope (no-op copy if absent).
  [[nodiscard]] factor reduce(var_id v, std::size_t state) const {
    const std::size_t a = axis_of(v);
    if (a == scope_.size()) return *this;
    if (state >= cards_[a])
      throw model_error("state " + std::to_string(state) + " out of range for variable id " +
                        std::to_string(v) + " of cardinality " + std::to_string(cards_[a]));
    std::vector<var_id> scope = scope_;
    std::vector<std::size_t> cards = cards_;
    scope.erase(scope.begin() + static_cast<std::ptrdiff_t>(a));
    cards.erase(cards.begin() + static_cast<std::ptrdiff_t>(a));
    factor result = filled(scope, cards, 0.0);
    // outer: axes before a; inner: axes after a (contiguous block of strides_[a] entries).
    const std::size_t inner = strides_[a];
    const std::size_t outer = values_.size() / (inner * cards_[a]);
    for (std::size_t o = 0; o < outer; ++o)
      std::copy_n(values_.begin() + static_cast<std::ptrdiff_t>(o * inner * cards_[a] + state * inner),
                  inner, result.values_.begin() + static_cast<std::ptrdiff_t>(o * inner));
    return result;
  }

  /// Multiplies in place by a vector over variable `v`'s states (a likelihood), no-op if
  /// `v` is absent. \throws model_error if the vector length differs from v's cardinality.
  void multiply_along(var_id v, const std::vector<double>& weights) {
    const std::size_t a = axis_of(v);
    if (a == scope_.size()) return;
    if (weights.size() != cards_[a])
      throw model_error("weight vector has " + std::to_string(weights.size()) +
                        " entries for an axis of cardinality " + std::to_string(cards_[a]));
    const std::size_t inner = strides_[a];
    const std::size_t block = inner * cards_[a];
    for (std::size_t base = 0; base < values_.size(); base += block)
      for (std::size_t s = 0; s < cards_[a]; ++s)
        for (std::size_t i = 0; i < inner; ++i) values_[base + s * inner + i] *= weights[s];
  }

  /// The same table with its axes permuted into `new_scope` (a permutation of the scope).
  /// \throws model_error if `new_scope` is not a permutation of the scope.
  [[nodiscard]] factor reordered(const std::vector<var_id>& new_scope) const {
    if (new_scope.size() != scope_.size())
      throw model_error("reordered scope is not a permutation of the factor scope");
    std::vector<std::size_t> cards;
    for (var_id v : new_scope) {
      const std::size_t a = axis_of(v);
      if (a == scope_.size())
        throw model_error("reordered scope names variable id " + std::to_string(v) +
                          " which is not in the factor");
      cards.push_back(cards_[a]);
    }
    factor result = filled(new_scope, cards, 0.0);
    const auto so = strides_on(new_scope);  // this factor's strides on the new axes
    std::vector<std::size_t> idx(new_scope.size(), 0);
    std::size_t io = 0;
    for (std::size_t r = 0; r < result.values_.size(); ++r) {
      result.values_[r] = values_[io];
      for (std::size_t ax = new_scope.size(); ax-- > 0;) {
        if (++idx[ax] < cards[ax]) {
          io += so[ax];
          break;
        }
        io -= so[ax] * (cards[ax] - 1);
        idx[ax] = 0;
      }
    }
    return result;
  }

  friend bool operator==(const factor& a, const factor& b) {
    return a.scope_ == b.scope_ && a.cards_ == b.cards_ && a.values_ == b.values_;
  }
  friend bool operator!=(const factor& a, const factor& b) { return !(a == b); }

  /// This factor's stride for each variable of `axes` (0 where the variable is absent).
  [[nodiscard]] std::vector<std::size_t> strides_on(const std::vector<var_id>& axes) const {
    std::vector<std::size_t> s(axes.size(), 0);
    for (std::size_t i = 0; i < axes.size(); ++i) {
      const std::size_t a = axis_of(axes[i]);
      if (a < scope_.size()) s[i] = strides_[a];
    }
    return s;
  }

 private:
  void compute_strides() {
    strides_.assign(scope_.size(), 1);
    for (std::size_t i = scope_.size(); i-- > 1;) strides_[i - 1] = strides_[i] * cards_[i];
  }

  std::vector<var_id> scope_;
  std::vector<std::size_t> cards_;
  std::vector<std::size_t> strides_;
  std::vector<double> values_;
};

}  // namespace augury
