#pragma once
/// \file
/// A discrete random variable: a name and an ordered list of named states.

#include <augury/detail/join.hpp>
#include <augury/error.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace augury {

/// Index of a variable inside its network (0-based, in the order variables were added).
using var_id = std::size_t;

/// A discrete variable with at least one named state. State order is significant: it is
/// the order of every table axis and every posterior vector over this variable.
class variable {
 public:
  /// \throws model_error if the name is empty, there are no states, or a state name is
  ///         empty or repeated.
  variable(std::string name, std::vector<std::string> states)
      : name_(std::move(name)), states_(std::move(states)) {
    if (name_.empty()) throw model_error("a variable needs a non-empty name");
    if (states_.empty())
      throw model_error("variable '" + name_ + "' needs at least one state");
    std::unordered_set<std::string_view> seen;
    for (const auto& s : states_) {
      if (s.empty()) throw model_error("variable '" + name_ + "' has an empty state name");
      if (!seen.insert(s).second)
        throw model_error("variable '" + name_ + "' declares state '" + s +
                          "' twice (states: " + detail::join(states_) + ")");
    }
  }

  /// The variable's name, unique within its network.
  [[nodiscard]] const std::string& name() const noexcept { return name_; }
  /// The state names, in declaration order.
  [[nodiscard]] const std::vector<std::string>& states() const noexcept { return states_; }
  /// Number of states.
  [[nodiscard]] std::size_t cardinality() const noexcept { return states_.size(); }
  /// Name of state `index`. \throws model_error if out of range.
  [[nodiscard]] const std::string& state(std::size_t index) const {
    if (index >= states_.size())
      throw model_error("variable '" + name_ + "' has no state number " + std::to_string(index) +
                        " (it has " + std::to_string(states_.size()) + " states)");
    return states_[index];
  }

  /// Index of the state called `state_name`, or nothing.
  [[nodiscard]] std::optional<std::size_t> find_state(std::string_view state_name) const noexcept {
    for (std::size_t i = 0; i < states_.size(); ++i)
      if (states_[i] == state_name) return i;
    return std::nullopt;
  }

  /// Index of the state called `state_name`.
  /// \throws model_error naming the variable and listing its states when there is no such state.
  [[nodiscard]] std::size_t state_index(std::string_view state_name) const {
    if (auto i = find_state(state_name)) return *i;
    throw model_error("variable '" + name_ + "' has no state '" + std::string(state_name) +
                      "' (states: " + detail::join(states_) + ")");
  }

  friend bool operator==(const variable& a, const variable& b) {
    return a.name_ == b.name_ && a.states_ == b.states_;
  }
  friend bool operator!=(const variable& a, const variable& b) { return !(a == b); }

 private:
  std::string name_;
  std::vector<std::string> states_;
};

}  // namespace augury
