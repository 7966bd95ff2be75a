// augury::bayesian_network as augury._core.BayesianNetwork. Variables are addressed by
// name throughout; numeric ids stay on the C++ side.

#include "bindings.hpp"

#include <augury/error.hpp>
#include <augury/model/bayesian_network.hpp>

#include <string>
#include <vector>

namespace augury::python {
namespace {

std::vector<std::string> names_of(const bayesian_network& net, const std::vector<var_id>& ids) {
  std::vector<std::string> out;
  out.reserve(ids.size());
  for (var_id v : ids) out.push_back(net.var(v).name());
  return out;
}

}  // namespace

void register_model(py::module_& m) {
  py::class_<bayesian_network>(m, "BayesianNetwork",
                               "A discrete Bayesian network (see augury.BayesianNetwork).")
      .def(py::init<>())
      .def(py::init<std::string>(), py::arg("name"))
      .def(py::init<const bayesian_network&>(), py::arg("other"), "A copy of `other`.")
      .def_property("name", &bayesian_network::name, &bayesian_network::set_name)
      .def_property(
          "properties",
          [](const bayesian_network& n) { return n.properties(); },
          [](bayesian_network& n, const std::map<std::string, std::string>& p) {
            n.properties() = p;
          })
      .def("__len__", &bayesian_network::size)
      .def("variable_names",
           [](const bayesian_network& n) {
             std::vector<std::string> out;
             out.reserve(n.size());
             for (const auto& v : n.variables()) out.push_back(v.name());
             return out;
           })
      .def("contains", [](const bayesian_network& n, std::string_view name) {
        return n.find(name).has_value();
      })
      .def("states",
           [](const bayesian_network& n, std::string_view name) { return n.var(n.id(name)).states(); },
           py::arg("variable"))
      .def("cardinality",
           [](const bayesian_network& n, std::string_view name) {
             return n.var(n.id(name)).cardinality();
           },
           py::arg("variable"))
      .def("parents",
           [](const bayesian_network& n, std::string_view name) {
             return names_of(n, n.parents(n.id(name)));
           },
           py::arg("variable"))
      .def("children",
           [](const bayesian_network& n, std::string_view name) {
             return names_of(n, n.children(n.id(name)));
           },
           py::arg("variable"))
      .def("has_cpt",
           [](const bayesian_network& n, std::string_view name) { return n.has_cpt(n.id(name)); },
           py::arg("variable"))
      .def("cpt",
           [](const bayesian_network& n, std::string_view name) {
             const factor& t = n.cpt_of(n.id(name)).table();
             return to_array(t.values(), t.cardinalities());
           },
           py::arg("variable"))
      .def("add_variable",
           [](bayesian_network& n, std::string name, std::vector<std::string> states) {
             (void)n.add_variable(std::move(name), std::move(states));
           },
           py::arg("name"), py::arg("states"))
      .def("set_cpt",
           [](bayesian_network& n, std::string_view child, const std::vector<std::string>& parents,
              const py::array_t<double, py::array::c_style | py::array::forcecast>& table,
              double sum_tolerance) {
             std::vector<double> values(table.data(), table.data() + table.size());
             n.set_cpt(child, parents, std::move(values), sum_tolerance);
           },
           py::arg("child"), py::arg("parents"), py::arg("table"),
           py::arg("sum_tolerance") = bayesian_network::default_sum_tolerance)
      .def("validate", &bayesian_network::validate)
      .def("topological_order",
           [](const bayesian_network& n) { return names_of(n, n.topological_order()); })
      .def("__eq__", [](const bayesian_network& a, const bayesian_network& b) { return a == b; },
           py::is_operator())
      .def("__copy__", [](const bayesian_network& n) { return bayesian_network(n); });

  m.attr("DEFAULT_SUM_TOLERANCE") = bayesian_network::default_sum_tolerance;
}

}  // namespace augury::python
