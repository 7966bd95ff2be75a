// The exact engines: JunctionTree (compiled once, evidence kept in the engine),
// VariableElimination and Enumeration (evidence passed with each query).
//
// Compilation, propagation and queries run with the GIL released; compilation, batch
// queries and the queries of the stateless engines can be stopped with Ctrl-C
// (interruptible.hpp). A junction tree is not safe to use from two threads at once, so each
// one carries a mutex, taken after the GIL is released and given back before Python objects
// are built (so no thread ever waits for the GIL while holding it).

#include "bindings.hpp"
#include "interruptible.hpp"

#include <augury/inference/enumeration.hpp>
#include <augury/inference/evidence_conflict.hpp>
#include <augury/inference/junction_tree.hpp>
#include <augury/inference/variable_elimination.hpp>

#include <cmath>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace augury::python {
namespace {

struct tree_holder {
  tree_holder(const bayesian_network& net, const junction_tree_options& options)
      : tree(net, options) {}
  junction_tree tree;
  std::mutex mutex;
};

// Runs f(); an impossible-evidence error from it gets the minimal conflicting findings of
// `e` added to its message (explain_impossible_evidence), when a cheap search finds them.
template <class F>
auto explaining_conflicts(const bayesian_network& net, const evidence_set& e, F&& f) {
  try {
    return f();
  } catch (const impossible_evidence_error& err) {
    if (e.has_fixed_marginals() || std::string(err.what()).rfind("evidence has probability zero", 0) != 0)
      throw;
    throw impossible_evidence_error(explain_impossible_evidence(net, e));
  }
}

// Runs f(tree) without the GIL and under the tree's mutex; f must not touch Python objects.
template <class F>
auto with_tree(tree_holder& h, F&& f) {
  py::gil_scoped_release release;
  std::lock_guard<std::mutex> lock(h.mutex);
  return explaining_conflicts(h.tree.network(), h.tree.evidence(), [&] { return f(h.tree); });
}

std::vector<var_id> ids_of(const bayesian_network& net, const std::vector<std::string>& names) {
  std::vector<var_id> ids;
  ids.reserve(names.size());
  for (const auto& n : names) ids.push_back(net.id(n));
  return ids;
}

std::vector<std::string> names_of_ids(const bayesian_network& net, const std::vector<var_id>& ids) {
  std::vector<std::string> out;
  out.reserve(ids.size());
  for (var_id v : ids) out.push_back(net.var(v).name());
  return out;
}

std::vector<std::size_t> cards_of(const bayesian_network& net, const std::vector<var_id>& ids) {
  std::vector<std::size_t> cards;
  for (var_id v : ids) cards.push_back(net.var(v).cardinality());
  return cards;
}

// One finding as (variable, kind, state or None, values or None).
using finding_row = std::tuple<std::string, std::string, std::optional<std::string>,
                               std::optional<std::vector<double>>>;

std::vector<finding_row> describe_findings(const bayesian_network& net, const evidence_set& e) {
  std::vector<finding_row> rows;
  for (const auto& [v, f] : e.findings()) {
    const variable& var = net.var(v);
    switch (f.kind) {
      case evidence_kind::hard:
        rows.emplace_back(var.name(), "hard", var.state(f.state), std::nullopt);
        break;
      case evidence_kind::likelihood:
        rows.emplace_back(var.name(), "likelihood", std::nullopt, f.values);
        break;
      case evidence_kind::fixed_marginal:
        rows.emplace_back(var.name(), "fixed_marginal", std::nullopt, f.values);
        break;
    }
  }
  return rows;
}

// The queries shared by the engines that take their evidence with each call.
template <class Engine, class Class>
void add_stateless_queries(Class& cls) {
  const auto ev = [](const Engine& engine, const hard_findings& h, const vector_findings& l,
                     const vector_findings& f) { return make_evidence(engine.network(), h, l, f); };
  cls.def(
         "posterior",
         [ev](const Engine& engine, std::string_view variable, const hard_findings& h,
              const vector_findings& l, const vector_findings& f) {
           const evidence_set e = ev(engine, h, l, f);
           const var_id v = engine.network().id(variable);
           const std::vector<double> p = interruptible(
               [&] { return explaining_conflicts(engine.network(), e, [&] { return engine.posterior(v, e); }); });
           return to_array(p);
         },
         py::arg("variable"), py::arg("evidence"), py::arg("likelihood"), py::arg("fixed_marginal"))
      .def(
          "posteriors",
          [ev](const Engine& engine, const std::vector<std::string>& variables, const hard_findings& h,
               const vector_findings& l, const vector_findings& f) {
            const evidence_set e = ev(engine, h, l, f);
            const auto ids = ids_of(engine.network(), variables);
            std::vector<std::vector<double>> ps;
            interruptible([&] {
              explaining_conflicts(engine.network(), e, [&] {
                if (ids.empty()) (void)engine.joint_posterior({}, e);  // checks P(e) > 0
                for (var_id v : ids) ps.push_back(engine.posterior(v, e));
              });
            });
            py::list out;
            for (const auto& p : ps) out.append(to_array(p));
            return out;
          },
          py::arg("variables"), py::arg("evidence"), py::arg("likelihood"), py::arg("fixed_marginal"))
      .def(
          "joint_posterior",
          [ev](const Engine& engine, const std::vector<std::string>& variables, const hard_findings& h,
               const vector_findings& l, const vector_findings& f) {
            const evidence_set e = ev(engine, h, l, f);
            const auto ids = ids_of(engine.network(), variables);
            const factor joint = interruptible(
                [&] { return explaining_conflicts(engine.network(), e, [&] { return engine.joint_posterior(ids, e); }); });
            return to_array(joint.values(), cards_of(engine.network(), ids));
          },
          py::arg("variables"), py::arg("evidence"), py::arg("likelihood"), py::arg("fixed_marginal"))
      .def(
          "log_evidence_probability",
          [ev](const Engine& engine, const hard_findings& h, const vector_findings& l,
               const vector_findings& f) {
            const evidence_set e = ev(engine, h, l, f);
            return interruptible([&] { return engine.log_evidence_probability(e); });
          },
          py::arg("evidence"), py::arg("likelihood"), py::arg("fixed_marginal"))
      .def("network", [](const Engine& engine) { return engine.network(); });
}

// JunctionTree.batch_posteriors: numpy in, numpy out. hard_states is (cases x hard
// variables) state indices with -1 for no finding, likelihoods (cases x the summed
// cardinalities of the likelihood variables) weights in state order; returns the
// posteriors (cases x summed target cardinalities, C order), log P(e) per case and the
// target offsets. The batch runs without the GIL on the tree's compiled structure, which is
// read-only, so it needs neither the tree's mutex nor its workspace (the tree's own evidence
// is not used or changed).
py::tuple batch_posteriors_of(const tree_holder& h, const std::vector<std::string>& hard_variables,
                              const py::array_t<std::int32_t, py::array::c_style | py::array::forcecast>& hard_states,
                              const std::vector<std::string>& likelihood_variables,
                              const py::array_t<double, py::array::c_style | py::array::forcecast>& likelihoods,
                              const std::vector<std::string>& targets, unsigned threads) {
  const bayesian_network& net = h.tree.network();
  evidence_matrix cases;
  cases.hard_variables = ids_of(net, hard_variables);
  cases.likelihood_variables = ids_of(net, likelihood_variables);
  const std::vector<var_id> target_ids = ids_of(net, targets);
  if (hard_states.ndim() != 2 || likelihoods.ndim() != 2)
    throw evidence_error("batch evidence: hard states and likelihoods must be 2-D arrays (cases x columns)");
  if (hard_states.shape(0) != likelihoods.shape(0))
    throw evidence_error("batch evidence: " + std::to_string(hard_states.shape(0)) + " rows of hard states but " +
                         std::to_string(likelihoods.shape(0)) + " rows of likelihoods; give one row per case");
  cases.num_cases = static_cast<std::size_t>(hard_states.shape(0));
  cases.hard_states.assign(hard_states.data(), hard_states.data() + hard_states.size());
  cases.likelihoods.assign(likelihoods.data(), likelihoods.data() + likelihoods.size());

  batch_result r = interruptible([&] { return h.tree.batch_posteriors(cases, target_ids, threads); });
  const auto n = static_cast<py::ssize_t>(r.num_cases);
  const auto width = static_cast<py::ssize_t>(r.row_width());
  // The arrays take over the result's buffers (no copy).
  auto* post = new std::vector<double>(std::move(r.posteriors));
  py::capsule post_owner(post, [](void* p) { delete static_cast<std::vector<double>*>(p); });
  auto* logz = new std::vector<double>(std::move(r.log_evidence));
  py::capsule logz_owner(logz, [](void* p) { delete static_cast<std::vector<double>*>(p); });
  py::array_t<double> posteriors({n, width}, post->data(), post_owner);
  py::array_t<double> log_evidence({n}, logz->data(), logz_owner);
  return py::make_tuple(posteriors, log_evidence, r.target_offsets);
}

}  // namespace

void register_inference(py::module_& m) {
  py::class_<tree_holder>(m, "JunctionTree")
      .def(py::init([](const bayesian_network& net, double max_total_entries) {
             junction_tree_options options;
             options.max_total_entries = max_total_entries;
             const bayesian_network copy = net;  // read under the GIL
             return interruptible([&] { return std::make_unique<tree_holder>(copy, options); });
           }),
           py::arg("network"), py::arg("max_total_entries") = junction_tree_options{}.max_total_entries)
      .def("network", [](const tree_holder& h) { return h.tree.network(); })
      .def("set_evidence",
           [](tree_holder& h, const hard_findings& hard, const vector_findings& likelihood,
              const vector_findings& fixed) {
             const evidence_set e = make_evidence(h.tree.network(), hard, likelihood, fixed);
             with_tree(h, [&](junction_tree& t) { t.set_evidence(e); });
           },
           py::arg("evidence"), py::arg("likelihood"), py::arg("fixed_marginal"))
      .def("set_hard",
           [](tree_holder& h, const std::string& variable, const std::string& state) {
             with_tree(h, [&](junction_tree& t) { t.set_hard(variable, state); });
           },
           py::arg("variable"), py::arg("state"))
      .def("set_likelihood",
           [](tree_holder& h, const std::string& variable, std::vector<double> values) {
             with_tree(h, [&](junction_tree& t) { t.set_likelihood(variable, std::move(values)); });
           },
           py::arg("variable"), py::arg("values"))
      .def("set_fixed_marginal",
           [](tree_holder& h, const std::string& variable, std::vector<double> values) {
             with_tree(h, [&](junction_tree& t) { t.set_fixed_marginal(variable, std::move(values)); });
           },
           py::arg("variable"), py::arg("values"))
      .def("retract",
           [](tree_holder& h, const std::string& variable) {
             const var_id v = h.tree.network().id(variable);
             with_tree(h, [&](junction_tree& t) { t.retract(v); });
           },
           py::arg("variable"))
      .def("clear_evidence",
           [](tree_holder& h) { with_tree(h, [](junction_tree& t) { t.clear_evidence(); }); })
      .def("findings",
           [](tree_holder& h) {
             const evidence_set e = with_tree(h, [](junction_tree& t) { return t.evidence(); });
             return describe_findings(h.tree.network(), e);
           })
      .def("propagate", [](tree_holder& h) { with_tree(h, [](junction_tree& t) { t.propagate(); }); })
      .def("posterior",
           [](tree_holder& h, const std::string& variable) {
             const var_id v = h.tree.network().id(variable);
             return to_array(with_tree(h, [&](junction_tree& t) { return t.posterior(v); }));
           },
           py::arg("variable"))
      .def("posteriors",
           [](tree_holder& h, const std::vector<std::string>& variables) {
             const auto ids = ids_of(h.tree.network(), variables);
             const auto ps = with_tree(h, [&](junction_tree& t) {
               t.propagate();
               std::vector<std::vector<double>> out;
               out.reserve(ids.size());
               for (var_id v : ids) out.push_back(t.posterior(v));
               return out;
             });
             py::list out;
             for (const auto& p : ps) out.append(to_array(p));
             return out;
           },
           py::arg("variables"))
      .def("hard_evidence_variables",
           [](tree_holder& h) {
             const evidence_set e = with_tree(h, [](junction_tree& t) { return t.evidence(); });
             std::vector<std::string> out;
             for (const auto& [v, f] : e.findings())
               if (f.kind == evidence_kind::hard) out.push_back(h.tree.network().var(v).name());
             return out;
           })
      .def("joint_posterior",
           [](tree_holder& h, const std::vector<std::string>& variables) {
             const auto ids = ids_of(h.tree.network(), variables);
             const factor joint = with_tree(h, [&](junction_tree& t) { return t.joint_posterior(ids); });
             // The junction tree gives an empty factor for no variables: P(nothing | e) = 1.
             if (ids.empty()) return to_array({1.0}, {});
             return to_array(joint.values(), cards_of(h.tree.network(), ids));
           },
           py::arg("variables"))
      .def("log_evidence_probability",
           [](tree_holder& h) {
             return with_tree(h, [](junction_tree& t) { return t.log_evidence_probability(); });
           })
      .def_property_readonly("treewidth", [](const tree_holder& h) { return h.tree.treewidth(); })
      .def_property_readonly("num_cliques", [](const tree_holder& h) { return h.tree.num_cliques(); })
      .def_property_readonly("num_trees", [](const tree_holder& h) { return h.tree.num_trees(); })
      .def_property_readonly("largest_clique_size",
                             [](const tree_holder& h) { return h.tree.largest_clique_size(); })
      .def_property_readonly("total_clique_size",
                             [](const tree_holder& h) { return h.tree.total_clique_size(); })
      .def_property_readonly("total_separator_size",
                             [](const tree_holder& h) { return h.tree.total_separator_size(); })
      .def_property_readonly("memory_bytes", [](const tree_holder& h) { return h.tree.memory_bytes(); })
      .def_property_readonly("heuristic",
                             [](const tree_holder& h) { return std::string(to_string(h.tree.heuristic())); })
      .def("cliques",
           [](const tree_holder& h) {
             std::vector<std::vector<std::string>> out;
             for (const auto& c : h.tree.cliques()) out.push_back(names_of_ids(h.tree.network(), c));
             return out;
           })
      .def("edges", [](const tree_holder& h) { return h.tree.edges(); });
  py::reinterpret_borrow<py::class_<tree_holder>>(m.attr("JunctionTree"))
      .def("batch_posteriors", &batch_posteriors_of, py::arg("hard_variables"), py::arg("hard_states"),
           py::arg("likelihood_variables"), py::arg("likelihoods"), py::arg("targets"), py::arg("threads"));

  py::class_<variable_elimination> ve(m, "VariableElimination");
  ve.def(py::init([](const bayesian_network& net, double max_table_entries) {
           return variable_elimination(net, max_table_entries);
         }),
         py::arg("network"),
         py::arg("max_table_entries") = variable_elimination::default_max_table_entries);
  add_stateless_queries<variable_elimination>(ve);

  py::class_<enumeration> en(m, "Enumeration");
  en.def(py::init([](const bayesian_network& net) {
           const bayesian_network copy = net;
           return interruptible([&] { return std::make_unique<enumeration>(copy); });
         }),
         py::arg("network"));
  add_stateless_queries<enumeration>(en);
  m.attr("ENUMERATION_MAX_JOINT_ENTRIES") = enumeration::max_joint_entries;
}

}  // namespace augury::python
