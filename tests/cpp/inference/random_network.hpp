#pragma once
// Random Bayesian networks and random evidence for the inference tests (fixed seeds).

#include <augury/evidence/evidence_set.hpp>
#include <augury/model/bayesian_network.hpp>

#include <algorithm>
#include <cstddef>
#include <random>
#include <string>
#include <vector>

namespace augury::test {

/// Shape of the random networks.
struct random_network_spec {
  std::size_t min_variables = 5;
  std::size_t max_variables = 9;
  std::size_t min_states = 2;
  std::size_t max_states = 4;
  double edge_probability = 0.45;  // for each earlier variable in a random topological order
  std::size_t max_parents = 3;
  double zero_probability = 0.12;  // chance that a CPT entry is exactly 0 (a row keeps one > 0)
};

inline std::size_t uniform_index(std::mt19937_64& rng, std::size_t lo, std::size_t hi) {
  return std::uniform_int_distribution<std::size_t>(lo, hi)(rng);
}

/// A random DAG over a random number of variables, with random CPTs (rows normalised
/// exactly, some entries zero). Variables are named V0, V1, ... with states s0, s1, ...
inline bayesian_network random_network(std::mt19937_64& rng, const random_network_spec& spec = {}) {
  const std::size_t n = uniform_index(rng, spec.min_variables, spec.max_variables);
  bayesian_network net("random");
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t k = uniform_index(rng, spec.min_states, spec.max_states);
    std::vector<std::string> states;
    for (std::size_t s = 0; s < k; ++s) states.push_back("s" + std::to_string(s));
    net.add_variable("V" + std::to_string(i), states);
  }
  std::vector<var_id> topo(n);
  for (std::size_t i = 0; i < n; ++i) topo[i] = i;
  std::shuffle(topo.begin(), topo.end(), rng);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (std::size_t i = 0; i < n; ++i) {
    const var_id child = topo[i];
    std::vector<var_id> parents;
    for (std::size_t j = 0; j < i && parents.size() < spec.max_parents; ++j)
      if (unit(rng) < spec.edge_probability) parents.push_back(topo[j]);
    std::shuffle(parents.begin(), parents.end(), rng);
    std::size_t rows = 1;
    for (var_id p : parents) rows *= net.var(p).cardinality();
    const std::size_t k = net.var(child).cardinality();
    std::vector<double> table;
    for (std::size_t r = 0; r < rows; ++r) {
      std::vector<double> row(k);
      double sum = 0.0;
      for (double& x : row) {
        x = unit(rng) < spec.zero_probability ? 0.0 : 0.05 + unit(rng);
        sum += x;
      }
      if (sum == 0.0) {
        row[uniform_index(rng, 0, k - 1)] = 1.0;
        sum = 1.0;
      }
      for (double& x : row) x /= sum;
      table.insert(table.end(), row.begin(), row.end());
    }
    net.set_cpt(child, parents, table);
  }
  return net;
}

/// Random findings: each variable gets a hard finding with probability `p_hard`, else a
/// likelihood finding (positive entries, some zeros, not all zero) with probability
/// `p_likelihood`.
inline evidence_set random_evidence(const bayesian_network& net, std::mt19937_64& rng,
                                    double p_hard = 0.2, double p_likelihood = 0.2) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  evidence_set e;
  for (var_id v = 0; v < net.size(); ++v) {
    const double u = unit(rng);
    const std::size_t k = net.var(v).cardinality();
    if (u < p_hard) {
      e.set_hard(net, v, uniform_index(rng, 0, k - 1));
    } else if (u < p_hard + p_likelihood) {
      std::vector<double> lambda(k);
      bool any = false;
      for (double& x : lambda) {
        x = unit(rng) < 0.15 ? 0.0 : 0.01 + 3.0 * unit(rng);
        any = any || x > 0.0;
      }
      if (!any) lambda[0] = 0.5;
      e.set_likelihood(net, v, lambda);
    }
  }
  return e;
}

}  // namespace augury::test
