// Second-order uncertainty: the Dirichlet sampler's moments, the coverage of the credible
// intervals in a simulation whose truth is drawn by a sampler of this file (std::gamma with
// its own engine), the limit s -> infinity, and the run controls.

#include <augury/analysis/uncertainty.hpp>
#include <augury/inference/enumeration.hpp>
#include <augury/inference/variable_elimination.hpp>

#include "analysis/analysis_test_support.hpp"

#include <boost/math/distributions/beta.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

namespace augury {
namespace {

using analysis::posterior_uncertainty;
using analysis::uncertainty_options;
using ::testing::HasSubstr;

TEST(analysis_uncertainty, dirichlet_moments_and_beta_marginal) {
  // A lone root: each sample of P(T) is one Dirichlet draw with alpha = s * theta
  // = (6, 3, 0.8, 0.2), so both branches of the gamma sampler (alpha >= 1, alpha < 1) run.
  bayesian_network net("root");
  const var_id t = net.add_variable("T", {"a", "b", "c", "d"});
  const std::vector<double> theta{0.6, 0.3, 0.08, 0.02};
  net.set_cpt(t, {}, theta);
  uncertainty_options options;
  options.equivalent_sample_size[t] = 10.0;
  options.samples = 20000;
  options.levels = {0.9};
  const auto r = posterior_uncertainty(net, t, evidence_set{}, options);
  ASSERT_TRUE(r.complete);
  EXPECT_EQ(r.completed, 20000u);
  for (std::size_t j = 0; j < 4; ++j) {
    // Dirichlet marginal: Beta(s theta_j, s (1 - theta_j)), variance theta (1 - theta) / (s + 1).
    const double var = theta[j] * (1.0 - theta[j]) / 11.0;
    const double se = std::sqrt(var / 20000.0);
    EXPECT_NEAR(r.states[j].point, theta[j], 1e-15);
    EXPECT_NEAR(r.states[j].mean, theta[j], 4.0 * se) << j;
    EXPECT_NEAR(r.states[j].standard_deviation * r.states[j].standard_deviation / var, 1.0, 0.06) << j;
    const boost::math::beta_distribution<double> marginal(10.0 * theta[j], 10.0 * (1.0 - theta[j]));
    EXPECT_NEAR(r.states[j].intervals[0].lower, boost::math::quantile(marginal, 0.05), 4.0 * se) << j;
    EXPECT_NEAR(r.states[j].intervals[0].upper, boost::math::quantile(marginal, 0.95), 6.0 * se) << j;
  }
}

/// A Dirichlet draw made here, independently of the header: std::gamma_distribution.
std::vector<double> dirichlet(std::mt19937_64& rng, const std::vector<double>& alpha) {
  std::vector<double> x(alpha.size());
  double sum = 0.0;
  for (std::size_t j = 0; j < alpha.size(); ++j) {
    std::gamma_distribution<double> g(alpha[j], 1.0);
    x[j] = g(rng);
    sum += x[j];
  }
  for (double& v : x) v /= sum;
  return x;
}

TEST(analysis_uncertainty, credible_intervals_cover_at_the_stated_rate) {
  // Calibration by simulation (the design of S. R. Cook, A. Gelman and D. B. Rubin,
  // "Validation of software for Bayesian models using posterior quantiles", JCGS 15(3),
  // 2006): draw the true tables from a Dirichlet prior with s0 = 4 around the sprinkler
  // tables; draw m = 16 cases for every row from the truth; the conjugate posterior of each
  // row is Dirichlet(s0 theta0 + counts) = Dirichlet(s theta_hat) with s = s0 + m = 20 and
  // theta_hat the posterior mean, exactly the model of the header with tables theta_hat.
  // Averaged over truth and data, the true P(C | W = wet) then lies in the posterior's
  // central 90 % (50 %) interval with probability 0.90 (0.50). With 250 replications the
  // binomial standard error is 0.019 (0.032); the bounds below are about 3 of them.
  const bayesian_network prior = test::sprinkler();
  const double s0 = 4.0, m = 16.0;
  evidence_set wet;
  wet.set_hard(prior, "W", "wet");
  const var_id target = prior.id("C");
  std::mt19937_64 rng(12345);
  const int replications = 250;
  int covered90 = 0, covered50 = 0;
  for (int rep = 0; rep < replications; ++rep) {
    bayesian_network truth = prior, estimate = prior;
    uncertainty_options options;
    for (var_id v = 0; v < prior.size(); ++v) {
      const cpt& c = prior.cpt_of(v);
      const std::size_t k = c.columns();
      std::vector<double> true_table, hat_table;
      for (std::size_t row = 0; row < c.rows(); ++row) {
        std::vector<double> alpha(k);
        for (std::size_t j = 0; j < k; ++j) alpha[j] = s0 * c(row, j);
        const auto theta = dirichlet(rng, alpha);
        std::discrete_distribution<std::size_t> cases(theta.begin(), theta.end());
        std::vector<double> counts(k, 0.0);
        for (int i = 0; i < static_cast<int>(m); ++i) counts[cases(rng)] += 1.0;
        for (std::size_t j = 0; j < k; ++j) {
          true_table.push_back(theta[j]);
          hat_table.push_back((alpha[j] + counts[j]) / (s0 + m));
        }
      }
      truth.set_cpt(v, c.parents(), true_table);
      estimate.set_cpt(v, c.parents(), hat_table);
      options.equivalent_sample_size[v] = s0 + m;
    }
    options.samples = 300;
    options.levels = {0.9, 0.5};
    options.seed = static_cast<std::uint64_t>(rep) + 1;
    const auto r = posterior_uncertainty(estimate, target, wet, options);
    const double actual = enumeration(truth).posterior(target, wet)[0];
    const auto& i90 = r.states[0].intervals[0];
    const auto& i50 = r.states[0].intervals[1];
    if (i90.lower <= actual && actual <= i90.upper) ++covered90;
    if (i50.lower <= actual && actual <= i50.upper) ++covered50;
  }
  const double rate90 = covered90 / static_cast<double>(replications);
  const double rate50 = covered50 / static_cast<double>(replications);
  EXPECT_GT(rate90, 0.84);
  EXPECT_LT(rate90, 0.96);
  EXPECT_GT(rate50, 0.40);
  EXPECT_LT(rate50, 0.60);
}

TEST(analysis_uncertainty, interval_shrinks_to_the_point_value_as_s_grows) {
  const auto net = test::sprinkler();
  evidence_set e;
  e.set_hard(net, "W", "wet");
  const var_id target = net.id("R");
  const double point = enumeration(net).posterior(target, e)[0];
  double previous_width = 2.0;
  for (double s : {10.0, 1e3, 1e5, 1e9}) {
    uncertainty_options options;
    for (var_id v = 0; v < net.size(); ++v) options.equivalent_sample_size[v] = s;
    options.samples = 400;
    const auto r = posterior_uncertainty(net, target, e, options);
    const auto& ci = r.states[0].intervals[0];
    EXPECT_NEAR(r.states[0].point, point, 1e-12);
    EXPECT_LE(ci.lower, ci.upper);
    EXPECT_LT(ci.upper - ci.lower, previous_width) << s;
    previous_width = ci.upper - ci.lower;
    if (s >= 1e9) {
      EXPECT_LT(ci.upper - ci.lower, 1e-3);
      EXPECT_LE(ci.lower, point + 1e-9);
      EXPECT_GE(ci.upper, point - 1e-9);
      EXPECT_NEAR(r.states[0].mean, point, 1e-4);
    }
  }
}

TEST(analysis_uncertainty, fixed_tables_and_irrelevant_tables_leave_the_posterior_alone) {
  // Without evidence P(asia) depends on no table but its own.
  const auto net = test::asia();
  uncertainty_options options;
  options.equivalent_sample_size[net.id("smoke")] = 3.0;
  options.equivalent_sample_size[net.id("either")] = 3.0;
  options.samples = 50;
  const auto r = posterior_uncertainty(net, net.id("asia"), evidence_set{}, options);
  EXPECT_LT(r.states[0].standard_deviation, 1e-15);
  EXPECT_NEAR(r.states[0].intervals[0].lower, 0.01, 1e-15);
  EXPECT_NEAR(r.states[0].intervals[0].upper, 0.01, 1e-15);
  // `either` is deterministic: its zeros stay zero, so the evidence stays possible and
  // P(either = yes | lung = yes) stays 1.
  evidence_set lung;
  lung.set_hard(net, "lung", "yes");
  const auto d = posterior_uncertainty(net, net.id("either"), lung, options);
  EXPECT_EQ(d.impossible_samples, 0u);
  EXPECT_NEAR(d.states[0].intervals[0].lower, 1.0, 1e-15);
}

TEST(analysis_uncertainty, seed_progress_cancel_and_kept_samples) {
  const auto net = test::sprinkler();
  evidence_set e;
  e.set_hard(net, "W", "wet");
  uncertainty_options options;
  for (var_id v = 0; v < net.size(); ++v) options.equivalent_sample_size[v] = 20.0;
  options.samples = 1000;
  options.keep_samples = true;
  std::vector<std::size_t> calls;
  options.progress_every = 100;
  options.progress = [&](std::size_t done, std::size_t total) {
    EXPECT_EQ(total, 1000u);
    calls.push_back(done);
    return done < 300;
  };
  const auto r = posterior_uncertainty(net, net.id("C"), e, options);
  EXPECT_EQ(calls, (std::vector<std::size_t>{100, 200, 300}));
  EXPECT_FALSE(r.complete);
  EXPECT_EQ(r.requested, 1000u);
  EXPECT_EQ(r.completed, 300u);
  ASSERT_EQ(r.samples.size(), 300u);
  // The statistics describe the samples kept.
  double mean = 0.0;
  for (const auto& s : r.samples) mean += s[0];
  EXPECT_NEAR(r.states[0].mean, mean / 300.0, 1e-12);
  // The same seed gives the same draws; the first 300 of a full run are those of the
  // cancelled one.
  options.progress = nullptr;
  const auto full = posterior_uncertainty(net, net.id("C"), e, options);
  EXPECT_TRUE(full.complete);
  for (std::size_t k = 0; k < 300; ++k) EXPECT_EQ(full.samples[k], r.samples[k]);
  options.seed = 99;
  const auto other = posterior_uncertainty(net, net.id("C"), e, options);
  EXPECT_NE(other.samples[0], full.samples[0]);
}

TEST(analysis_uncertainty, default_model_runs) {
  const auto& m = test::default_model();
  uncertainty_options options;
  for (var_id v = 0; v < m.network.size(); ++v) options.equivalent_sample_size[v] = 50.0;
  options.samples = 200;
  options.levels = {0.5, 0.9};
  const auto r = posterior_uncertainty(m.network, m.scenario, evidence_set{}, options);
  const auto prior = variable_elimination(m.network).posterior(m.scenario, evidence_set{});
  ASSERT_EQ(r.states.size(), 4u);
  for (std::size_t t = 0; t < 4; ++t) {
    EXPECT_NEAR(r.states[t].point, prior[t], 1e-12);
    EXPECT_LE(r.states[t].intervals[1].lower, r.states[t].intervals[0].lower);
    EXPECT_GE(r.states[t].intervals[1].upper, r.states[t].intervals[0].upper);
    EXPECT_GT(r.states[t].standard_deviation, 0.0);
  }
}

TEST(analysis_uncertainty, errors) {
  const auto net = test::sprinkler();
  uncertainty_options options;
  options.equivalent_sample_size[net.id("C")] = -1.0;
  try {
    (void)posterior_uncertainty(net, net.id("R"), evidence_set{}, options);
    FAIL() << "expected error";
  } catch (const error& ex) {
    EXPECT_THAT(ex.what(), HasSubstr("equivalent sample size of 'C' is -1"));
  }
  options.equivalent_sample_size[net.id("C")] = 5.0;
  options.levels = {1.0};
  EXPECT_THROW((void)posterior_uncertainty(net, net.id("R"), evidence_set{}, options), error);
  options.levels = {0.9};
  options.samples = 0;
  EXPECT_THROW((void)posterior_uncertainty(net, net.id("R"), evidence_set{}, options), error);
  options.samples = 10;
  options.equivalent_sample_size[42] = 5.0;
  EXPECT_THROW((void)posterior_uncertainty(net, net.id("R"), evidence_set{}, options), model_error);
  const auto asia = test::asia();
  evidence_set impossible;
  impossible.set_hard(asia, "either", "no");
  impossible.set_hard(asia, "lung", "yes");
  uncertainty_options ok;
  ok.equivalent_sample_size[asia.id("smoke")] = 5.0;
  EXPECT_THROW((void)posterior_uncertainty(asia, asia.id("tub"), impossible, ok), impossible_evidence_error);
}

}  // namespace
}  // namespace augury
