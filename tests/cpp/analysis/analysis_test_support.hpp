#pragma once
// Networks and independent oracles for the analysis tests.
//
// The oracles never use the analysis headers: posteriors come from enumeration (small
// networks) or variable elimination (the default model, alarm), and every modified network
// is rebuilt here from the original tables.

#include <augury/analysis/likelihood_finding.hpp>
#include <augury/evidence/evidence_set.hpp>
#include <augury/inference/enumeration.hpp>
#include <augury/inference/variable_elimination.hpp>
#include <augury/io/bif.hpp>
#include <augury/model/bayesian_network.hpp>
#include <augury/scenario/default_model.hpp>
#include <augury/scenario/mapping.hpp>
#include <augury/scenario/report.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace augury::test {

/// The sprinkler network of field case B12 (C -> S, C -> R, S R -> W).
inline bayesian_network sprinkler() {
  bayesian_network net("sprinkler");
  const var_id c = net.add_variable("C", {"T", "F"});
  const var_id s = net.add_variable("S", {"on", "off"});
  const var_id r = net.add_variable("R", {"T", "F"});
  const var_id w = net.add_variable("W", {"wet", "dry"});
  net.set_cpt(c, {}, {0.4, 0.6});
  net.set_cpt(s, {c}, {0.2, 0.8, 0.6, 0.4});
  net.set_cpt(r, {c}, {0.85, 0.15, 0.25, 0.75});
  net.set_cpt(w, {s, r}, {0.98, 0.02, 0.85, 0.15, 0.88, 0.12, 0.02, 0.98});
  return net;
}

/// The asia network (Lauritzen & Spiegelhalter 1988) in BIF; its `either` table is
/// deterministic, so it has entries 0 and 1.
inline const char* asia_bif() {
  return R"(network asia {
}
variable asia { type discrete [ 2 ] { yes, no }; }
variable tub { type discrete [ 2 ] { yes, no }; }
variable smoke { type discrete [ 2 ] { yes, no }; }
variable lung { type discrete [ 2 ] { yes, no }; }
variable bronc { type discrete [ 2 ] { yes, no }; }
variable either { type discrete [ 2 ] { yes, no }; }
variable xray { type discrete [ 2 ] { yes, no }; }
variable dysp { type discrete [ 2 ] { yes, no }; }
probability ( asia ) { table 0.01, 0.99; }
probability ( tub | asia ) { (yes) 0.05, 0.95; (no) 0.01, 0.99; }
probability ( smoke ) { table 0.5, 0.5; }
probability ( lung | smoke ) { (yes) 0.1, 0.9; (no) 0.01, 0.99; }
probability ( bronc | smoke ) { (yes) 0.6, 0.4; (no) 0.3, 0.7; }
probability ( either | lung, tub ) {
  (yes, yes) 1.0, 0.0; (no, yes) 1.0, 0.0; (yes, no) 1.0, 0.0; (no, no) 0.0, 1.0;
}
probability ( xray | either ) { (yes) 0.98, 0.02; (no) 0.05, 0.95; }
probability ( dysp | bronc, either ) {
  (yes, yes) 0.9, 0.1; (no, yes) 0.7, 0.3; (yes, no) 0.8, 0.2; (no, no) 0.1, 0.9;
}
)";
}

inline bayesian_network asia() { return io::parse_bif(asia_bif(), "asia.bif"); }

inline const scenario_model& default_model() {
  static const scenario_model m = default_scenario_model();
  return m;
}

/// The shipped timeline's reports as likelihood findings on the default model.
inline std::vector<analysis::likelihood_finding> shipped_findings() {
  const auto& net = default_model().network;
  std::vector<analysis::likelihood_finding> out;
  for (const report& r : shipped_timeline().reports)
    out.push_back({net.id(r.indicator), report_likelihood(net, r), r.date, r.indicator});
  return out;
}

/// The shared reference directory, or empty when it is absent.
inline std::string shared_dir() {
#ifdef AUGURY_SHARED_DIR
  if (std::filesystem::is_directory(AUGURY_SHARED_DIR)) return AUGURY_SHARED_DIR;
#endif
  return {};
}

/// A copy of `net` in which P(x = state | row) is set to `theta` and the other entries of
/// the row co-vary: proportionally when they have mass, equally otherwise.
inline bayesian_network with_parameter(const bayesian_network& net, var_id x, std::size_t row,
                                       std::size_t state, double theta) {
  const cpt& t = net.cpt_of(x);
  std::vector<double> table = t.table().values();
  const std::size_t k = t.columns();
  double row_sum = 0.0, others = 0.0;
  for (std::size_t j = 0; j < k; ++j) {
    row_sum += table[row * k + j];
    if (j != state) others += table[row * k + j];
  }
  for (std::size_t j = 0; j < k; ++j) {
    double& v = table[row * k + j];
    if (j == state)
      v = theta;
    else
      v = others > 0.0 ? v * (row_sum - theta) / others : (row_sum - theta) / static_cast<double>(k - 1);
  }
  bayesian_network copy = net;
  copy.set_cpt(x, t.parents(), table);
  return copy;
}

/// Evidence holding the product of the likelihoods of the selected findings (no rescaling)
/// on top of `base` (which must hold no finding on their variables).
inline evidence_set evidence_from(const bayesian_network& net,
                                  const std::vector<analysis::likelihood_finding>& findings,
                                  const std::vector<std::size_t>& selection, const evidence_set& base = {}) {
  std::map<var_id, std::vector<double>> product;
  for (std::size_t i : selection) {
    auto& p = product.try_emplace(findings[i].variable, findings[i].likelihood.size(), 1.0).first->second;
    for (std::size_t s = 0; s < p.size(); ++s) p[s] *= findings[i].likelihood[s];
  }
  evidence_set e = base;
  for (const auto& [v, p] : product) e.set_likelihood(net, v, p);
  return e;
}

/// Shannon entropy in bits, computed directly.
inline double entropy2(const std::vector<double>& p) {
  double h = 0.0;
  for (double x : p)
    if (x > 0.0) h -= x * std::log(x) / std::log(2.0);
  return h;
}

inline void expect_near_vectors(const std::vector<double>& a, const std::vector<double>& b, double tol,
                                const std::string& what = {}) {
  ASSERT_EQ(a.size(), b.size()) << what;
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_NEAR(a[i], b[i], tol) << what << " entry " << i;
}

}  // namespace augury::test
