#pragma once
/// \file
/// What-if comparison: several named evidence sets run side by side through one compiled
/// junction tree, so that their target posteriors can be compared directly.
///
/// Propagation always starts from the tree's initial potentials (junction_tree.hpp), so each
/// answer is exactly what a separate query with that evidence would give.

#include <augury/error.hpp>
#include <augury/evidence/evidence_set.hpp>
#include <augury/inference/junction_tree.hpp>
#include <augury/model/bayesian_network.hpp>

#include <cmath>
#include <cstddef>
#include <limits>
#include <map>
#include <string>
#include <vector>

namespace augury::analysis {

/// The answer for one named evidence set.
struct what_if_outcome {
  /// The evidence set's name.
  std::string name;
  /// Whether the evidence is possible (P(e) > 0 and any fixed marginals can be met).
  bool possible = true;
  /// Why it is not possible (the engine's message); empty when possible.
  std::string reason;
  /// P(target | e) (empty when not possible).
  std::vector<double> posterior;
  /// P(v | e) for each variable of `also`, in that order (empty when not possible).
  std::vector<std::vector<double>> others;
  /// Natural log of P(e) for the hard and likelihood findings (-infinity when P(e) = 0).
  double log_evidence_probability = 0.0;
};

/// Runs each evidence set of `scenarios` through `jt` (in name order) and returns the
/// target posterior, the posteriors of `also` and log P(e) for each. Impossible evidence
/// does not stop the run: that outcome is marked not possible, with the reason. The tree's
/// evidence is cleared afterwards.
/// \throws model_error on a bad target or `also` id; evidence_error (prefixed with the
///   scenario's name) if an evidence set does not fit the network, or its fixed marginals
///   cannot be met together.
[[nodiscard]] inline std::vector<what_if_outcome> what_if(junction_tree& jt, var_id target,
                                                         const std::map<std::string, evidence_set>& scenarios,
                                                         const std::vector<var_id>& also = {}) {
  const bayesian_network& net = jt.network();
  (void)net.var(target);
  for (var_id v : also) (void)net.var(v);
  std::vector<what_if_outcome> out;
  for (const auto& [name, e] : scenarios) {
    what_if_outcome o;
    o.name = name;
    try {
      jt.set_evidence(e);
    } catch (const evidence_error& ex) {
      throw evidence_error("what-if '" + name + "': " + ex.what());
    }
    o.log_evidence_probability = jt.log_evidence_probability();
    try {
      o.posterior = jt.posterior(target);
      for (var_id v : also) o.others.push_back(jt.posterior(v));
    } catch (const impossible_evidence_error& ex) {
      o.possible = false;
      o.reason = ex.what();
      o.posterior.clear();
      o.others.clear();
    } catch (const evidence_error& ex) {
      throw evidence_error("what-if '" + name + "': " + ex.what());
    }
    out.push_back(std::move(o));
  }
  jt.clear_evidence();
  return out;
}

/// As above, compiling a junction tree of `net` once for all the evidence sets.
[[nodiscard]] inline std::vector<what_if_outcome> what_if(const bayesian_network& net, var_id target,
                                                         const std::map<std::string, evidence_set>& scenarios,
                                                         const std::vector<var_id>& also = {}) {
  junction_tree jt(net);
  return what_if(jt, target, scenarios, also);
}

}  // namespace augury::analysis
