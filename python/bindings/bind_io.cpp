// Model files: BIF and augury's JSON model format. Reading and parsing run without the GIL.

#include "bindings.hpp"

#include <augury/io/bif.hpp>
#include <augury/io/format.hpp>
#include <augury/io/json.hpp>

#include <string>

namespace augury::python {
namespace {

io::read_options options_with(double sum_tolerance, bool all_errors) {
  io::read_options o;
  o.sum_tolerance = sum_tolerance;
  o.collect_all_errors = all_errors;
  return o;
}

}  // namespace

void register_io(py::module_& m) {
  const double tol = io::read_options{}.sum_tolerance;
  m.def("read_bif",
        [](const std::string& path, double sum_tolerance, bool all_errors) {
          py::gil_scoped_release release;
          return io::read_bif(path, options_with(sum_tolerance, all_errors));
        },
        py::arg("path"), py::arg("sum_tolerance") = tol, py::arg("all_errors") = false);
  m.def("parse_bif",
        [](const std::string& text, const std::string& source_name, double sum_tolerance, bool all_errors) {
          py::gil_scoped_release release;
          return io::parse_bif(text, source_name, options_with(sum_tolerance, all_errors));
        },
        py::arg("text"), py::arg("source_name") = "<string>", py::arg("sum_tolerance") = tol, py::arg("all_errors") = false);
  m.def("read_json",
        [](const std::string& path, double sum_tolerance, bool all_errors) {
          py::gil_scoped_release release;
          return io::read_json(path, options_with(sum_tolerance, all_errors));
        },
        py::arg("path"), py::arg("sum_tolerance") = tol, py::arg("all_errors") = false);
  m.def("parse_json",
        [](const std::string& text, const std::string& source_name, double sum_tolerance, bool all_errors) {
          py::gil_scoped_release release;
          return io::parse_json(text, source_name, options_with(sum_tolerance, all_errors));
        },
        py::arg("text"), py::arg("source_name") = "<string>", py::arg("sum_tolerance") = tol, py::arg("all_errors") = false);
  m.def("read_model",
        [](const std::string& path, double sum_tolerance, bool all_errors) {
          py::gil_scoped_release release;
          return io::read_model(path, options_with(sum_tolerance, all_errors));
        },
        py::arg("path"), py::arg("sum_tolerance") = tol, py::arg("all_errors") = false);
  // Writers read the network, which Python code may change, so they keep the GIL.
  m.def("write_bif", &io::write_bif, py::arg("network"), py::arg("path"));
  m.def("to_bif", &io::to_bif, py::arg("network"));
  m.def("write_json", &io::write_json, py::arg("network"), py::arg("path"));
  m.def("to_json", &io::to_json, py::arg("network"));
  m.def("write_model", &io::write_model, py::arg("network"), py::arg("path"));
  m.def("supported_model_extensions", &io::supported_model_extensions);
}

}  // namespace augury::python
