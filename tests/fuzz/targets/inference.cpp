// The exact engines on small networks built from the input bytes: junction tree, variable
// elimination and enumeration must agree (same verdict on impossible evidence, P(e) and every
// posterior within 1e-9), never give a NaN, and the junction tree must give bit-identical
// answers after its evidence is changed and set back.
//
// Layout of the input (bytes run out -> zeros): n = 1 + b % 6 variables; for each, its
// cardinality 1 + b % 3 and one byte whose bits pick parents among the earlier variables (at
// most three); then every CPT entry, one byte each (see weight()); then one byte per variable
// choosing its finding (none, hard, likelihood, or for one variable a fixed marginal) and the
// bytes of that finding.
#include "fuzz_target.hpp"

#include <augury/evidence/evidence_set.hpp>
#include <augury/inference/enumeration.hpp>
#include <augury/inference/junction_tree.hpp>
#include <augury/inference/variable_elimination.hpp>
#include <augury/model/bayesian_network.hpp>

#include <algorithm>
#include <optional>

namespace {

struct reader {
  const std::uint8_t* data;
  std::size_t size, pos = 0;
  std::uint8_t next() { return pos < size ? data[pos++] : 0; }
};

// A weight from one byte: exact zeros often (deterministic tables), a few tiny values
// (1e-5 to 1e-20, to test scaling), otherwise 1 to 218.
double weight(std::uint8_t b) {
  if (b < 32) return 0.0;
  if (b >= 250) return std::pow(10.0, -5.0 * (b - 249));
  return static_cast<double>(b - 31);
}

struct outcome {
  bool impossible = false;
  double log_pe = 0.0;
  std::vector<std::vector<double>> posteriors;
};

template <class Query>
outcome run(const char* engine, Query&& query) {
  outcome o;
  try {
    query(o);
  } catch (const augury::impossible_evidence_error& e) {
    o.impossible = true;
    if (std::string(e.what()).empty()) augury::fuzz::fail(std::string(engine) + ": empty message");
  } catch (const augury::error& e) {
    augury::fuzz::fail(std::string(engine) + " failed on a valid query: " + e.what());
  } catch (const std::exception& e) {
    augury::fuzz::fail(std::string(engine) + " threw a non-augury exception: " + e.what());
  }
  for (const auto& p : o.posteriors) {
    augury::fuzz::check_finite(p, engine);
    double s = 0.0;
    for (double x : p) {
      if (x < 0.0 || x > 1.0 + 1e-12) augury::fuzz::fail(std::string(engine) + ": probability outside [0, 1]");
      s += x;
    }
    if (std::fabs(s - 1.0) > 1e-9) augury::fuzz::fail(std::string(engine) + ": posterior does not sum to 1");
  }
  if (std::isnan(o.log_pe)) augury::fuzz::fail(std::string(engine) + ": log P(e) is NaN");
  return o;
}

void compare(const outcome& a, const outcome& b, const char* what) {
  using augury::fuzz::fail;
  if (a.impossible != b.impossible) fail(std::string(what) + ": engines disagree on whether P(e) = 0");
  if (a.impossible) return;
  for (std::size_t v = 0; v < a.posteriors.size(); ++v)
    for (std::size_t s = 0; s < a.posteriors[v].size(); ++s)
      if (std::fabs(a.posteriors[v][s] - b.posteriors[v][s]) > 1e-9)
        fail(std::string(what) + ": posteriors of variable " + std::to_string(v) + " differ");
}

void compare_log(double a, double b, const char* what) {
  if (std::isinf(a) || std::isinf(b)) {
    if (a != b) augury::fuzz::fail(std::string(what) + ": one log P(e) is -inf, the other not");
    return;
  }
  if (std::fabs(a - b) > 1e-9 * std::max(1.0, std::fabs(a)))
    augury::fuzz::fail(std::string(what) + ": log P(e) differ");
}

}  // namespace

AUGURY_FUZZ_TARGET(inference) {
  using namespace augury;
  reader in{data, size};
  const std::size_t n = 1 + in.next() % 6;
  bayesian_network net("fuzz");
  std::vector<std::vector<var_id>> parents(n);
  for (std::size_t v = 0; v < n; ++v) {
    const std::size_t card = 1 + in.next() % 3;
    std::vector<std::string> states;
    for (std::size_t s = 0; s < card; ++s) states.push_back("s" + std::to_string(s));
    net.add_variable("X" + std::to_string(v), states);
    const std::uint8_t bits = in.next();
    for (std::size_t p = 0; p < v && parents[v].size() < 3; ++p)
      if (bits & (1u << (p % 8))) parents[v].push_back(p);
  }
  for (var_id v = 0; v < n; ++v) {
    const std::size_t k = net.var(v).cardinality();
    std::size_t rows = 1;
    for (var_id p : parents[v]) rows *= net.var(p).cardinality();
    std::vector<double> table(rows * k);
    for (std::size_t r = 0; r < rows; ++r) {
      double sum = 0.0;
      for (std::size_t s = 0; s < k; ++s) sum += table[r * k + s] = weight(in.next());
      for (std::size_t s = 0; s < k; ++s)
        table[r * k + s] = sum > 0.0 ? table[r * k + s] / sum : (s == r % k ? 1.0 : 0.0);
    }
    net.set_cpt(v, parents[v], table);
  }

  evidence_set e;
  bool fixed_used = false;
  for (var_id v = 0; v < n; ++v) {
    const std::uint8_t kind = in.next();
    const std::size_t k = net.var(v).cardinality();
    if (kind % 4 == 1) {
      e.set_hard(net, v, (kind / 4) % k);
    } else if (kind % 4 == 2 || (kind % 4 == 3 && fixed_used)) {
      std::vector<double> lambda(k);
      double top = 0.0;
      for (double& x : lambda) top = std::max(top, x = weight(in.next()));
      if (top > 0.0) {
        e.set_likelihood(net, v, lambda);
      } else {
        // An all-zero likelihood is refused when it is entered.
        bool refused = false;
        try {
          e.set_likelihood(net, v, lambda);
        } catch (const impossible_evidence_error&) {
          refused = true;
        }
        if (!refused) fuzz::fail("an all-zero likelihood was accepted");
      }
    } else if (kind % 4 == 3) {
      std::vector<double> q(k);
      double sum = 0.0;
      for (double& x : q) sum += x = weight(in.next());
      if (sum > 0.0) {
        for (double& x : q) x /= sum;
        double total = 0.0;
        for (double x : q) total += x;
        if (std::fabs(total - 1.0) <= 1e-9) {
          e.set_fixed_marginal(net, v, q);
          fixed_used = true;
        }
      }
    }
  }

  const auto all_posteriors = [&](auto&& posterior, outcome& o) {
    for (var_id v = 0; v < n; ++v) o.posteriors.push_back(posterior(v));
  };
  const enumeration en(net);
  const variable_elimination ve(net);
  junction_tree jt(net);
  const outcome by_en = run("enumeration", [&](outcome& o) {
    o.log_pe = en.log_evidence_probability(e);
    all_posteriors([&](var_id v) { return en.posterior(v, e); }, o);
  });
  const outcome by_ve = run("variable_elimination", [&](outcome& o) {
    o.log_pe = ve.log_evidence_probability(e);
    all_posteriors([&](var_id v) { return ve.posterior(v, e); }, o);
  });
  const outcome by_jt = run("junction_tree", [&](outcome& o) {
    jt.set_evidence(e);
    o.log_pe = jt.log_evidence_probability();
    all_posteriors([&](var_id v) { return jt.posterior(v); }, o);
  });
  compare(by_en, by_ve, "enumeration vs variable elimination");
  compare(by_en, by_jt, "enumeration vs junction tree");
  // P(e) covers hard and likelihood findings; all three engines report it, even for
  // evidence whose fixed marginals cannot be met.
  const double en_log = en.log_evidence_probability(e);
  compare_log(en_log, ve.log_evidence_probability(e), "enumeration vs variable elimination");
  compare_log(en_log, jt.log_evidence_probability(), "enumeration vs junction tree");

  // Retracting everything and setting the same evidence again restores the answers bit for bit.
  jt.clear_evidence();
  (void)run("junction_tree (no evidence)", [&](outcome& o) { all_posteriors([&](var_id v) { return jt.posterior(v); }, o); });
  const outcome again = run("junction_tree", [&](outcome& o) {
    jt.set_evidence(e);
    o.log_pe = jt.log_evidence_probability();
    all_posteriors([&](var_id v) { return jt.posterior(v); }, o);
  });
  if (again.impossible != by_jt.impossible || again.posteriors != by_jt.posteriors ||
      !(again.log_pe == by_jt.log_pe || (std::isnan(again.log_pe) && std::isnan(by_jt.log_pe))))
    fuzz::fail("junction tree answers changed after its evidence was cleared and set again");
}
