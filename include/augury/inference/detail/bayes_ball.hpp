#pragma once
// The Bayes-ball algorithm: which CPTs a query P(targets | evidence) needs. Not part of the
// public API (variable_elimination::requisite_variables exposes it).

#include <augury/model/bayesian_network.hpp>

#include <cstddef>
#include <utility>
#include <vector>

namespace augury::detail {

/// The requisite probability nodes of P(targets | evidence): the variables whose CPTs the
/// query needs; the CPTs of all others can be dropped without changing the answer.
/// R. D. Shachter, "Bayes-Ball: The Rational Pastime (for Determining Irrelevance and
/// Requisite Information in Belief Networks and Influence Diagrams)", UAI 1998, sec. 4: a
/// ball starts at each target as if sent from a child and moves by these rules:
///  - an unobserved node visited from a child passes the ball to its parents (marking its
///    top) and to its children (marking its bottom);
///  - an unobserved node visited from a parent passes it to its children (bottom);
///  - an observed node visited from a parent passes it to its parents (top); from a child,
///    it stops the ball.
/// Each mark is set once, so the walk is linear in the size of the graph. The requisite
/// nodes are those marked on top.
///
/// `hard[v]` marks a variable with a hard finding. `soft[v]` marks a variable with a
/// likelihood finding, or whose CPT rows do not sum to 1 exactly enough for summing it out
/// to give 1: both act as an observed child of v, so a ball reaching v from above bounces
/// back up through v to its parents (v is marked on top). Targets are never treated as
/// observed (a hard-observed target keeps its CPT, like a likelihood indicator).
inline std::vector<char> requisite_nodes(const bayesian_network& net, const std::vector<var_id>& targets,
                                         const std::vector<char>& hard, const std::vector<char>& soft) {
  const std::size_t n = net.size();
  std::vector<char> top(n, 0), bottom(n, 0), is_target(n, 0);
  for (var_id t : targets) is_target[t] = 1;
  // (node, visited from a child?)
  std::vector<std::pair<var_id, bool>> schedule;
  for (var_id t : targets) schedule.emplace_back(t, true);
  auto up = [&](var_id v) {
    if (top[v]) return;
    top[v] = 1;
    for (var_id p : net.parents(v)) schedule.emplace_back(p, true);
  };
  auto down = [&](var_id v) {
    if (bottom[v]) return;
    bottom[v] = 1;
    for (var_id c : net.children(v)) schedule.emplace_back(c, false);
  };
  while (!schedule.empty()) {
    const auto [v, from_child] = schedule.back();
    schedule.pop_back();
    const bool observed = hard[v] && !is_target[v];
    if (observed) {
      if (!from_child) up(v);
      continue;
    }
    if (from_child || soft[v] || is_target[v]) up(v);
    down(v);
  }
  return top;
}

}  // namespace augury::detail
