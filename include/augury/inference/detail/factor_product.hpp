#pragma once
// Fused "multiply these factors and sum out those variables" kernel used by variable
// elimination; the product table is never materialised. Not part of the public API.

#include <augury/error.hpp>
#include <augury/model/factor.hpp>

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

namespace augury::detail {

/// The product of `factors` with the variables of `eliminate` summed out. The result's
/// scope is the union of the scopes minus `eliminate`, in order of first appearance.
/// Variables of `eliminate` that occur in no factor are ignored.
/// \throws model_error if two factors disagree on a cardinality.
inline factor product_sum_out(const std::vector<const factor*>& factors,
                              const std::vector<var_id>& eliminate) {
  std::vector<var_id> kept, summed;
  std::vector<std::size_t> kept_cards, summed_cards;
  auto card_of = [&](var_id v) -> std::size_t {
    for (const factor* f : factors) {
      const std::size_t a = f->axis_of(v);
      if (a < f->arity()) return f->cardinalities()[a];
    }
    return 0;
  };
  for (const factor* f : factors)
    for (std::size_t i = 0; i < f->arity(); ++i) {
      const var_id v = f->scope()[i];
      const std::size_t c = f->cardinalities()[i];
      if (card_of(v) != c)
        throw model_error("factors disagree on the cardinality of variable id " + std::to_string(v));
      const bool is_summed = std::find(eliminate.begin(), eliminate.end(), v) != eliminate.end();
      auto& list = is_summed ? summed : kept;
      if (std::find(list.begin(), list.end(), v) == list.end()) {
        list.push_back(v);
        (is_summed ? summed_cards : kept_cards).push_back(c);
      }
    }
  // Axes of the loop: kept variables (slow), then summed ones (fast, innermost).
  std::vector<var_id> axes = kept;
  axes.insert(axes.end(), summed.begin(), summed.end());
  std::vector<std::size_t> cards = kept_cards;
  cards.insert(cards.end(), summed_cards.begin(), summed_cards.end());
  const std::size_t na = axes.size(), nf = factors.size();

  factor result = factor::filled(kept, kept_cards, 0.0);
  std::size_t inner = 1;
  for (std::size_t c : summed_cards) inner *= c;

  // strides[a * nf + f]: stride of factor f along loop axis a (0 when absent).
  std::vector<std::size_t> strides(na * nf, 0);
  std::vector<const double*> data(nf);
  for (std::size_t f = 0; f < nf; ++f) {
    data[f] = factors[f]->values().data();
    const auto s = factors[f]->strides_on(axes);
    for (std::size_t a = 0; a < na; ++a) strides[a * nf + f] = s[a];
  }
  std::vector<std::size_t> idx(na, 0), off(nf, 0);
  auto& out = result.values();
  for (std::size_t r = 0; r < out.size(); ++r) {
    double acc = 0.0;
    for (std::size_t e = 0; e < inner; ++e) {
      double p = 1.0;
      for (std::size_t f = 0; f < nf; ++f) p *= data[f][off[f]];
      acc += p;
      for (std::size_t a = na; a-- > 0;) {
        const std::size_t* sa = &strides[a * nf];
        if (++idx[a] < cards[a]) {
          for (std::size_t f = 0; f < nf; ++f) off[f] += sa[f];
          break;
        }
        for (std::size_t f = 0; f < nf; ++f) off[f] -= sa[f] * (cards[a] - 1);
        idx[a] = 0;
      }
    }
    out[r] = acc;
  }
  return result;
}

}  // namespace augury::detail
