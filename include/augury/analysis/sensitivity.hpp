#pragma once
/// \file
/// One-way sensitivity analysis: how the posterior of a target variable depends on each
/// single CPT parameter.
///
/// A parameter is one entry theta = P(X = x | U = u) of a CPT (u one parent configuration,
/// a "row"). When theta changes, the other entries of its row co-vary so that the row keeps
/// its sum: proportionally, theta_j(theta) = theta_j * (r - theta) / (r - theta_0), where r is
/// the row's sum (1 up to the network's tolerance) and theta_0 the current value
/// (V. M. H. Coupé and L. C. van der Gaag, "Properties of sensitivity analysis of Bayesian
/// belief networks", Annals of Mathematics and Artificial Intelligence 36, 2002, sec. 3).
/// When theta_0 = r the other entries are all zero and proportional co-variation is
/// undefined; they then share r - theta equally ("uniform" co-variation).
///
/// Under such co-variation P(e) and P(T = t, e) are linear in theta (the network's joint
/// is multilinear in its parameters, and each joint term holds exactly one entry of X's
/// table), so the sensitivity function is a quotient of two linear functions
///     f_t(theta) = P(T = t | e)(theta) = (alpha_t theta + beta_t) / (gamma theta + delta)
/// with one denominator for all target states (Coupé & van der Gaag 2002, sec. 3;
/// H. Chan and A. Darwiche, "When do numbers really matter?", JAIR 17, 2002, sec. 3, who
/// also show that such a function is monotone in theta and bound how far it can move).
///
/// Computation (after U. Kjærulff and L. C. van der Gaag, "Making sensitivity analysis
/// computationally efficient", UAI 2000): the coefficients come from the partial derivatives
///     dP(e)/dtheta_{x|u} = P(x, u, e) / theta_{x|u},
///     dP(t, e)/dtheta_{x|u} = P(t, x, u, e) / theta_{x|u},
/// read off the family marginals of one propagation with evidence e and one with e and
/// T = t for each target state: 1 + card(T) exact propagations in one junction tree give the
/// functions of every parameter of every CPT. A derivative cannot be read this way at an
/// entry that is 0; it does not depend on X's table at all, so for a CPT holding zeros it is
/// read from a copy of the network whose table for X is uniform (a further junction tree and
/// 1 + card(T) propagations for that CPT).
///
/// Everything is normalised by P(e), so the functions are exact in floating point up to
/// rounding: delta = 1 - gamma theta_0 and f_t(theta_0) = P(t | e).

#include <augury/analysis/detail/common.hpp>
#include <augury/detail/join.hpp>
#include <augury/error.hpp>
#include <augury/evidence/evidence_set.hpp>
#include <augury/inference/junction_tree.hpp>
#include <augury/interruption.hpp>
#include <augury/model/bayesian_network.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace augury::analysis {

/// How the other entries of a row follow the varied parameter.
enum class co_variation {
  proportional,  ///< in proportion to their current values
  uniform,       ///< equally (used when the parameter is the whole row's mass)
};

/// f(theta) = (alpha theta + beta) / (gamma theta + delta), a posterior probability as a
/// function of one parameter.
struct sensitivity_function {
  double alpha = 0.0;
  double beta = 0.0;
  double gamma = 0.0;
  double delta = 1.0;

  /// f(theta), kept within [0, 1] against rounding. Where the denominator vanishes (only at
  /// an end of the admissible interval, where the evidence becomes impossible) the
  /// numerator vanishes too and f is the constant alpha / gamma; that limit is returned.
  [[nodiscard]] double operator()(double theta) const {
    const double den = gamma * theta + delta;
    const double scale = std::max(std::fabs(gamma), std::fabs(delta));
    double v;
    if (std::fabs(den) <= 1e-12 * scale)
      v = gamma != 0.0 ? alpha / gamma : beta / delta;
    else
      v = (alpha * theta + beta) / den;
    return std::min(1.0, std::max(0.0, v));
  }
  /// f'(theta) = (alpha delta - beta gamma) / (gamma theta + delta)^2 (0 where the
  /// denominator vanishes, f being constant then).
  [[nodiscard]] double derivative(double theta) const {
    const double den = gamma * theta + delta;
    if (den == 0.0) return 0.0;
    return (alpha * delta - beta * gamma) / (den * den);
  }
};

/// The nearest value of a parameter at which another target state overtakes the leader.
struct flip_threshold {
  /// The parameter value where the two states are equally probable; beyond it (away from
  /// the current value) `new_leader` is more probable than the current leader.
  double theta = 0.0;
  /// theta minus the parameter's current value.
  double change = 0.0;
  /// The state that overtakes the current leader.
  std::size_t new_leader = 0;
};

/// The sensitivity of P(T | e) to one parameter theta = P(variable = state | row).
struct parameter_sensitivity {
  /// The CPT's child X.
  var_id variable = 0;
  /// The parent configuration (row of the CPT, row-major over the parents, last parent
  /// fastest; 0 for a root).
  std::size_t row = 0;
  /// The state x of X.
  std::size_t state = 0;
  /// The current value theta_0.
  double value = 0.0;
  /// Upper end of the admissible interval [0, upper]: the row's sum (1 up to tolerance).
  double upper = 1.0;
  /// How the other entries of the row follow.
  co_variation scheme = co_variation::proportional;
  /// f_t for each target state t (card(T) entries).
  std::vector<sensitivity_function> functions;
  /// df_t/dtheta at theta_0, for each target state.
  std::vector<double> derivative;
  /// min and max of f_t over [0, upper], for each target state (f_t is monotone, so they
  /// are its values at the two ends).
  std::vector<double> minimum;
  std::vector<double> maximum;
  /// The nearest flip of the leader when theta decreases, if any within [0, theta_0].
  std::optional<flip_threshold> flip_down;
  /// The nearest flip of the leader when theta increases, if any within [theta_0, upper].
  std::optional<flip_threshold> flip_up;

  /// The nearer of flip_down and flip_up (flip_down on a tie), if any.
  [[nodiscard]] std::optional<flip_threshold> nearest_flip() const {
    if (flip_down && flip_up)
      return std::fabs(flip_up->change) < std::fabs(flip_down->change) ? flip_up : flip_down;
    return flip_down ? flip_down : flip_up;
  }
};

/// One CPT entry: P(variable = state | parent configuration `row`).
struct parameter_id {
  var_id variable = 0;
  /// Row of the CPT (row-major over the parents, last parent fastest; 0 for a root).
  std::size_t row = 0;
  std::size_t state = 0;
};

/// Which parameters sensitivity_analysis covers.
struct sensitivity_options {
  /// The CPTs (by child) whose parameters are analysed; empty: every CPT. Variables with a
  /// single state have no free parameter and are skipped.
  std::vector<var_id> variables;
  /// When not empty, only these parameters are reported, in this order (and `variables` is
  /// ignored). The cost is that of their CPTs.
  std::vector<parameter_id> parameters;
};

/// The sensitivity functions of every parameter analysed.
struct sensitivity_result {
  /// The target variable T.
  var_id target = 0;
  /// P(T | e) with the network as given.
  std::vector<double> posterior;
  /// The leading target state (the first one on ties).
  std::size_t leader = 0;
  /// One entry per parameter: CPT by CPT in the order analysed, then row by row, then state
  /// by state; or in the order of sensitivity_options::parameters when that is given.
  std::vector<parameter_sensitivity> parameters;
  /// Junction trees compiled beyond the first (one per CPT holding a zero entry).
  std::size_t extra_compilations = 0;
};

/// "P(X=x | A=a, B=b)" for parameter (variable, row, state) of `net`.
/// \throws model_error if an index is out of range.
[[nodiscard]] inline std::string parameter_label(const bayesian_network& net, var_id variable,
                                                 std::size_t row, std::size_t state) {
  const auto& x = net.var(variable);
  const auto& parents = net.parents(variable);
  std::vector<std::string> parts(parents.size());
  std::size_t r = row;
  for (std::size_t i = parents.size(); i-- > 0;) {
    const auto& pv = net.var(parents[i]);
    parts[i] = pv.name() + "=" + pv.state(r % pv.cardinality());
    r /= pv.cardinality();
  }
  if (r != 0)
    throw model_error("CPT of '" + x.name() + "' has no row " + std::to_string(row));
  return "P(" + x.name() + "=" + x.state(state) +
         (parts.empty() ? std::string() : " | " + augury::detail::join(parts)) + ")";
}

namespace detail {

/// Normalised derivatives of one CPT: d[i] = (dP(e)/dtheta_i) / P(e) and
/// dt[t][i] = (dP(t, e)/dtheta_i) / P(e), for every entry i of the table.
struct cpt_derivatives {
  var_id variable = 0;
  std::vector<double> d;
  std::vector<std::vector<double>> dt;
};

inline std::vector<var_id> family_scope(const bayesian_network& net, var_id x) {
  std::vector<var_id> scope = net.parents(x);
  scope.push_back(x);
  return scope;
}

/// Appends to `out` the derivatives of the tables of `vars`, read from `jt`, which is
/// compiled from a network whose tables for `vars` are `tables` (every entry positive).
/// `scale` is P_jt(e) / P(e), converting the tree's probabilities to units of the original
/// network's P(e).
inline void read_derivatives(junction_tree& jt, var_id target, const evidence_set& e,
                             const std::vector<var_id>& vars,
                             const std::vector<const std::vector<double>*>& tables, double scale,
                             std::vector<cpt_derivatives>& out) {
  const bayesian_network& net = jt.network();
  jt.set_evidence(e);
  const std::vector<double> p = jt.posterior(target);
  const std::size_t kt = p.size();
  for (std::size_t i = 0; i < vars.size(); ++i) {
    interruption_point("the sensitivity analysis");
    cpt_derivatives cd;
    cd.variable = vars[i];
    const factor q = jt.joint_posterior(family_scope(net, vars[i]));
    const auto& th = *tables[i];
    cd.d.resize(th.size());
    for (std::size_t j = 0; j < th.size(); ++j) cd.d[j] = scale * q.values()[j] / th[j];
    cd.dt.assign(kt, std::vector<double>(th.size(), 0.0));
    out.push_back(std::move(cd));
  }
  const std::size_t first = out.size() - vars.size();
  for (std::size_t t = 0; t < kt; ++t) {
    if (!(p[t] > 0.0)) continue;
    jt.set_evidence(e);
    jt.set_hard(target, t);
    for (std::size_t i = 0; i < vars.size(); ++i) {
      interruption_point("the sensitivity analysis");
      const factor q = jt.joint_posterior(family_scope(net, vars[i]));
      const auto& th = *tables[i];
      auto& dt = out[first + i].dt[t];
      for (std::size_t j = 0; j < th.size(); ++j) dt[j] = scale * p[t] * q.values()[j] / th[j];
    }
  }
  jt.set_evidence(e);
}

/// The sensitivity of every parameter of one CPT from its derivatives.
inline void parameter_functions(const bayesian_network& net, const cpt_derivatives& cd,
                                const std::vector<double>& posterior, std::size_t leader,
                                std::vector<parameter_sensitivity>& out) {
  const cpt& table = net.cpt_of(cd.variable);
  const auto& th = table.table().values();
  const std::size_t k = table.columns();
  const std::size_t kt = posterior.size();
  for (std::size_t u = 0; u < table.rows(); ++u) {
    const std::size_t base = u * k;
    double row_sum = 0.0;
    for (std::size_t j = 0; j < k; ++j) row_sum += th[base + j];
    for (std::size_t i = 0; i < k; ++i) {
      parameter_sensitivity ps;
      ps.variable = cd.variable;
      ps.row = u;
      ps.state = i;
      ps.value = th[base + i];
      ps.upper = row_sum;
      double others = 0.0;
      for (std::size_t j = 0; j < k; ++j)
        if (j != i) others += th[base + j];
      ps.scheme = others > 0.0 ? co_variation::proportional : co_variation::uniform;
      // theta_j(theta) = theta_j + (theta_0 - theta) w_j for j != i.
      auto weight = [&](std::size_t j) {
        return ps.scheme == co_variation::proportional ? th[base + j] / others
                                                       : 1.0 / static_cast<double>(k - 1);
      };
      double slope_e = cd.d[base + i];
      for (std::size_t j = 0; j < k; ++j)
        if (j != i) slope_e -= weight(j) * cd.d[base + j];
      const double theta0 = ps.value;
      ps.functions.resize(kt);
      ps.derivative.resize(kt);
      ps.minimum.resize(kt);
      ps.maximum.resize(kt);
      for (std::size_t t = 0; t < kt; ++t) {
        double slope_t = cd.dt[t][base + i];
        for (std::size_t j = 0; j < k; ++j)
          if (j != i) slope_t -= weight(j) * cd.dt[t][base + j];
        sensitivity_function& f = ps.functions[t];
        f.alpha = slope_t;
        f.beta = posterior[t] - theta0 * slope_t;
        f.gamma = slope_e;
        f.delta = 1.0 - theta0 * slope_e;
        ps.derivative[t] = f.derivative(theta0);
        const double a = f(0.0), b = f(row_sum);
        ps.minimum[t] = std::min(a, b);
        ps.maximum[t] = std::max(a, b);
      }
      // Flips: the leader L and a state s are equal where their numerators are.
      const sensitivity_function& fl = ps.functions[leader];
      for (std::size_t s = 0; s < kt; ++s) {
        if (s == leader) continue;
        const double da = ps.functions[s].alpha - fl.alpha;
        const double db = ps.functions[s].beta - fl.beta;
        if (da == 0.0) continue;
        double tc = -db / da;
        if (da > 0.0) {  // s gains as theta grows
          tc = std::max(tc, theta0);
          if (tc > row_sum || !(fl.gamma * tc + fl.delta > 0.0)) continue;
          if (!ps.flip_up || tc - theta0 < ps.flip_up->change)
            ps.flip_up = flip_threshold{tc, tc - theta0, s};
        } else {
          tc = std::min(tc, theta0);
          if (tc < 0.0 || !(fl.gamma * tc + fl.delta > 0.0)) continue;
          if (!ps.flip_down || theta0 - tc < -ps.flip_down->change)
            ps.flip_down = flip_threshold{tc, tc - theta0, s};
        }
      }
      out.push_back(std::move(ps));
    }
  }
}

}  // namespace detail

/// One-way sensitivity functions of P(target | e) for every parameter of the chosen CPTs
/// (see the file comment), with their ranges, derivatives and flip thresholds, computed with
/// `jt` (whose evidence is replaced by `e` and left so) and, for CPTs holding a zero, with
/// further trees compiled from modified copies of jt.network().
/// \throws model_error on a bad target or variable id, a target with one state, a CPT listed
///   twice, or a parameter that is not an entry of its CPT (or of a variable with one state);
///   evidence_error if `e` does not fit the network or holds a fixed-marginal finding (which
///   is not linear in the parameters); impossible_evidence_error if P(e) = 0.
[[nodiscard]] inline sensitivity_result sensitivity_analysis(junction_tree& jt, var_id target,
                                                             const evidence_set& e,
                                                             const sensitivity_options& options = {}) {
  const bayesian_network& net = jt.network();
  analysis::detail::check_target(net, target, "sensitivity analysis");
  analysis::detail::check_plain_evidence(net, e, "sensitivity analysis");
  std::vector<var_id> vars;
  for (const parameter_id& p : options.parameters) {
    const variable& x = net.var(p.variable);
    const cpt& table = net.cpt_of(p.variable);
    if (p.row >= table.rows() || p.state >= x.cardinality())
      throw model_error("sensitivity analysis: the CPT of '" + x.name() + "' has no entry (row " +
                        std::to_string(p.row) + ", state " + std::to_string(p.state) + "); it has " +
                        std::to_string(table.rows()) + " rows and states " + augury::detail::join(x.states()));
    if (x.cardinality() < 2)
      throw model_error("sensitivity analysis: '" + x.name() + "' has a single state, so P(" + x.name() +
                        "=" + x.state(0) + ") cannot vary");
    if (std::find(vars.begin(), vars.end(), p.variable) == vars.end()) vars.push_back(p.variable);
  }
  if (options.parameters.empty() && options.variables.empty()) {
    for (var_id v = 0; v < net.size(); ++v) vars.push_back(v);
  } else if (options.parameters.empty()) {
    for (var_id v : options.variables) {
      (void)net.var(v);
      if (std::find(vars.begin(), vars.end(), v) != vars.end())
        throw model_error("sensitivity analysis lists the CPT of '" + net.var(v).name() + "' twice");
      vars.push_back(v);
    }
  }
  vars.erase(std::remove_if(vars.begin(), vars.end(),
                            [&](var_id v) { return net.var(v).cardinality() < 2; }),
             vars.end());

  sensitivity_result out;
  out.target = target;
  out.posterior = analysis::detail::posterior_given(jt, target, e);
  out.leader = analysis::detail::argmax(out.posterior);
  const double log_pe = jt.log_evidence_probability();

  std::vector<var_id> positive, with_zero;
  for (var_id v : vars) {
    const auto& th = net.cpt_of(v).table().values();
    (std::all_of(th.begin(), th.end(), [](double x) { return x > 0.0; }) ? positive : with_zero).push_back(v);
  }
  std::vector<detail::cpt_derivatives> derivs;
  {
    std::vector<const std::vector<double>*> tables;
    for (var_id v : positive) tables.push_back(&net.cpt_of(v).table().values());
    if (!positive.empty()) detail::read_derivatives(jt, target, e, positive, tables, 1.0, derivs);
  }
  if (!with_zero.empty()) {
    const junction_tree_options quick = analysis::detail::fast_recompile_options(net, jt);
    for (var_id v : with_zero) {
      bayesian_network copy = net;
      const cpt& original = net.cpt_of(v);
      const std::size_t k = original.columns();
      const std::vector<double> uniform(original.table().size(), 1.0 / static_cast<double>(k));
      copy.set_cpt(v, original.parents(), uniform);
      junction_tree jt2(copy, quick);
      ++out.extra_compilations;
      jt2.set_evidence(e);
      // Every joint term holds one entry of v's table, so P'(e) = sum_i (1/k) D_i > 0.
      const double scale = std::exp(jt2.log_evidence_probability() - log_pe);
      detail::read_derivatives(jt2, target, e, {v}, {&uniform}, scale, derivs);
    }
  }
  // Report the CPTs in the order asked for.
  for (var_id v : vars)
    for (const auto& cd : derivs)
      if (cd.variable == v) detail::parameter_functions(net, cd, out.posterior, out.leader, out.parameters);
  if (!options.parameters.empty()) {
    std::vector<parameter_sensitivity> chosen;
    for (const parameter_id& p : options.parameters)
      for (const auto& ps : out.parameters)
        if (ps.variable == p.variable && ps.row == p.row && ps.state == p.state) chosen.push_back(ps);
    out.parameters = std::move(chosen);
  }
  jt.set_evidence(e);
  return out;
}

/// As above, compiling a junction tree of `net` for the purpose.
[[nodiscard]] inline sensitivity_result sensitivity_analysis(const bayesian_network& net, var_id target,
                                                             const evidence_set& e,
                                                             const sensitivity_options& options = {}) {
  junction_tree jt(net);
  return sensitivity_analysis(jt, target, e, options);
}

/// What a tornado chart ranks parameters by.
enum class tornado_measure {
  range,       ///< max - min of f_t over the admissible interval
  derivative,  ///< |df_t/dtheta| at the current value
};

/// One bar of a tornado chart.
struct tornado_entry {
  /// Index into sensitivity_result::parameters.
  std::size_t parameter = 0;
  /// min and max of P(T = t | e) as the parameter sweeps [0, upper].
  double low = 0.0;
  double high = 0.0;
  /// df_t/dtheta at the current value.
  double derivative = 0.0;
};

/// The parameters ordered by their influence on P(T = `target_state` | e), largest first
/// (ties by position in the result); at most `limit` entries (0: all).
/// \throws model_error if `target_state` is out of range.
[[nodiscard]] inline std::vector<tornado_entry> tornado(const sensitivity_result& result,
                                                        std::size_t target_state,
                                                        tornado_measure by = tornado_measure::range,
                                                        std::size_t limit = 0) {
  if (target_state >= result.posterior.size())
    throw model_error("tornado: target state number " + std::to_string(target_state) +
                      " out of range (the target has " + std::to_string(result.posterior.size()) +
                      " states)");
  std::vector<tornado_entry> bars;
  bars.reserve(result.parameters.size());
  for (std::size_t i = 0; i < result.parameters.size(); ++i) {
    const auto& p = result.parameters[i];
    bars.push_back({i, p.minimum[target_state], p.maximum[target_state], p.derivative[target_state]});
  }
  auto score = [&](const tornado_entry& b) {
    return by == tornado_measure::range ? b.high - b.low : std::fabs(b.derivative);
  };
  std::stable_sort(bars.begin(), bars.end(),
                   [&](const tornado_entry& a, const tornado_entry& b) { return score(a) > score(b); });
  if (limit > 0 && bars.size() > limit) bars.resize(limit);
  return bars;
}

/// A parameter whose change alone can flip the leading target state.
struct flip_entry {
  /// Index into sensitivity_result::parameters.
  std::size_t parameter = 0;
  /// Its nearest flip (see parameter_sensitivity::nearest_flip).
  flip_threshold flip;
};

/// Every parameter that can flip the leader, ordered by the size of the smallest change
/// that does (smallest first; ties by position in the result).
[[nodiscard]] inline std::vector<flip_entry> smallest_flips(const sensitivity_result& result) {
  std::vector<flip_entry> out;
  for (std::size_t i = 0; i < result.parameters.size(); ++i)
    if (auto f = result.parameters[i].nearest_flip()) out.push_back({i, *f});
  std::stable_sort(out.begin(), out.end(), [](const flip_entry& a, const flip_entry& b) {
    return std::fabs(a.flip.change) < std::fabs(b.flip.change);
  });
  return out;
}

}  // namespace augury::analysis
