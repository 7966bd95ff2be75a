#pragma once
// Declarations shared by the binding sources of augury._core. Each register_* function
// adds one part of the C++ library to the extension module; module.cpp calls them in order.

#include <augury/evidence/evidence_set.hpp>
#include <augury/model/bayesian_network.hpp>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <map>
#include <string>
#include <vector>

namespace augury::python {

namespace py = pybind11;

/// The exception classes augury.Error, ModelError, ... and the translator from C++.
void register_errors(py::module_& m);
/// BayesianNetwork.
void register_model(py::module_& m);
/// JunctionTree, VariableElimination, Enumeration.
void register_inference(py::module_& m);
/// BIF and JSON readers and writers.
void register_io(py::module_& m);
/// The default scenario model, reports, grading and the forecast.
void register_scenario(py::module_& m);

/// A float64 numpy array of shape (values.size(),) holding a copy of `values`.
inline py::array_t<double> to_array(const std::vector<double>& values) {
  py::array_t<double> out(static_cast<py::ssize_t>(values.size()));
  std::copy(values.begin(), values.end(), out.mutable_data());
  return out;
}

/// A float64 numpy array of the given shape holding a copy of `values` (C order).
inline py::array_t<double> to_array(const std::vector<double>& values,
                                    const std::vector<std::size_t>& shape) {
  std::vector<py::ssize_t> dims(shape.begin(), shape.end());
  py::array_t<double> out(dims);
  std::copy(values.begin(), values.end(), out.mutable_data());
  return out;
}

/// Findings by variable name, as the Python API passes them.
using hard_findings = std::map<std::string, std::string>;
using vector_findings = std::map<std::string, std::vector<double>>;

/// Builds an evidence_set from hard, likelihood and fixed-marginal findings given by name.
/// \throws evidence_error on an unknown variable or state, a bad vector, or a variable that
///   has more than one finding.
inline evidence_set make_evidence(const bayesian_network& net, const hard_findings& hard,
                                  const vector_findings& likelihood,
                                  const vector_findings& fixed_marginal) {
  evidence_set e;
  auto check_single = [&](const std::string& name, const char* kind) {
    const bool dup = (hard.count(name) != 0) + (likelihood.count(name) != 0) +
                         (fixed_marginal.count(name) != 0) > 1;
    if (dup)
      throw evidence_error("variable '" + name + "' has more than one finding (" + kind +
                           " and another kind); give at most one finding per variable");
  };
  for (const auto& [name, state] : hard) {
    check_single(name, "hard");
    e.set_hard(net, name, state);
  }
  for (const auto& [name, values] : likelihood) {
    check_single(name, "likelihood");
    e.set_likelihood(net, name, values);
  }
  for (const auto& [name, values] : fixed_marginal) {
    check_single(name, "fixed-marginal");
    e.set_fixed_marginal(net, name, values);
  }
  return e;
}

}  // namespace augury::python
