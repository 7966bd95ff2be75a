// The extension module augury._core: the C++ library as the pure-Python package augury
// uses it. The public API, its documentation and its types live in python/augury/.

#include "bindings.hpp"
#include "interruptible.hpp"

#include <augury/version.hpp>

namespace augury::python {
/// The generic analyses of include/augury/analysis/ (bind_analysis.cpp).
void register_analysis(py::module_& m);
}  // namespace augury::python

PYBIND11_MODULE(_core, m) {
  m.doc() = "Private extension of the augury package: use the public names in `augury`.";
  m.attr("version") = AUGURY_VERSION_STRING;
  augury::python::init_interruptible();
  augury::python::register_errors(m);
  augury::python::register_model(m);
  augury::python::register_inference(m);
  augury::python::register_io(m);
  augury::python::register_scenario(m);
  augury::python::register_analysis(m);
}
