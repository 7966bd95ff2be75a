#pragma once
/// \file
/// A conditional probability table P(child | parents).

#include <augury/model/factor.hpp>

#include <cstddef>
#include <utility>
#include <vector>

namespace augury {

/// P(child | parents) stored as a factor whose scope is (parents..., child): each contiguous
/// run of card(child) entries is one conditional distribution, and the runs are the parent
/// configurations in row-major order (last parent fastest). As a numpy array the table has
/// shape (card(parent_0), ..., card(parent_{k-1}), card(child)).
///
/// A cpt does not validate itself; bayesian_network::set_cpt does (it knows the names).
class cpt {
 public:
  cpt() = default;
  /// \param child the variable this table is conditional for
  /// \param parents the conditioning variables, in axis order
  /// \param table factor over (parents..., child)
  cpt(var_id child, std::vector<var_id> parents, factor table)
      : child_(child), parents_(std::move(parents)), table_(std::move(table)) {}

  /// The child variable.
  [[nodiscard]] var_id child() const noexcept { return child_; }
  /// Parents in table-axis order.
  [[nodiscard]] const std::vector<var_id>& parents() const noexcept { return parents_; }
  /// The table as a factor over (parents..., child).
  [[nodiscard]] const factor& table() const noexcept { return table_; }
  /// Number of parent configurations (rows).
  [[nodiscard]] std::size_t rows() const noexcept {
    return table_.size() / table_.cardinalities().back();
  }
  /// Number of child states (columns).
  [[nodiscard]] std::size_t columns() const noexcept { return table_.cardinalities().back(); }
  /// Entry P(child = child_state | parent configuration `row`).
  [[nodiscard]] double operator()(std::size_t row, std::size_t child_state) const {
    return table_.values()[row * columns() + child_state];
  }

  friend bool operator==(const cpt& a, const cpt& b) {
    return a.child_ == b.child_ && a.parents_ == b.parents_ && a.table_ == b.table_;
  }
  friend bool operator!=(const cpt& a, const cpt& b) { return !(a == b); }

 private:
  var_id child_ = 0;
  std::vector<var_id> parents_;
  factor table_;
};

}  // namespace augury
