#pragma once
// Exact posteriors by enumeration, independent of every inference engine: sums the joint
// distribution over all variables that have children (and the query), and sums each
// remaining leaf out in closed form, sum_x P(x | parents) lambda(x), which is the same
// enumeration with the leaf's sum done first.

#include <augury/model/bayesian_network.hpp>

#include <cstddef>
#include <map>
#include <vector>

namespace augury::test {

/// Posterior of `query` given likelihood vectors on some variables (var -> lambda).
/// Also returns P(evidence) = sum_x P(x) prod lambda in `evidence_probability` if not null.
inline std::vector<double> brute_force_posterior(const bayesian_network& net, var_id query,
                                                 const std::map<var_id, std::vector<double>>& lambda,
                                                 double* evidence_probability = nullptr) {
  const std::size_t n = net.size();
  std::vector<bool> enumerated(n, false);
  for (var_id v = 0; v < n; ++v) enumerated[v] = !net.children(v).empty() || v == query;
  std::vector<var_id> vars;
  for (var_id v = 0; v < n; ++v)
    if (enumerated[v]) vars.push_back(v);

  std::vector<std::size_t> state(n, 0);
  std::vector<double> result(net.var(query).cardinality(), 0.0);
  auto row_of = [&](var_id v) {
    std::size_t r = 0;
    for (var_id p : net.parents(v)) r = r * net.var(p).cardinality() + state[p];
    return r;
  };
  // Odometer over the enumerated variables.
  std::vector<std::size_t> idx(vars.size(), 0);
  while (true) {
    for (std::size_t i = 0; i < vars.size(); ++i) state[vars[i]] = idx[i];
    double p = 1.0;
    for (var_id v = 0; v < n && p > 0.0; ++v) {
      const cpt& t = net.cpt_of(v);
      const auto it = lambda.find(v);
      if (enumerated[v]) {
        p *= t(row_of(v), state[v]);
        if (it != lambda.end()) p *= it->second[state[v]];
      } else if (it != lambda.end()) {
        double s = 0.0;
        const std::size_t r = row_of(v);
        for (std::size_t x = 0; x < t.columns(); ++x) s += t(r, x) * it->second[x];
        p *= s;
      }
    }
    result[state[query]] += p;
    std::size_t i = vars.size();
    while (i > 0) {
      --i;
      if (++idx[i] < net.var(vars[i]).cardinality()) break;
      idx[i] = 0;
      if (i == 0) {
        i = vars.size() + 1;
        break;
      }
    }
    if (i == vars.size() + 1 || vars.empty()) break;
  }
  double z = 0.0;
  for (double x : result) z += x;
  if (evidence_probability) *evidence_probability = z;
  for (double& x : result) x /= z;
  return result;
}

}  // namespace augury::test
