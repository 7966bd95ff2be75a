// augury's exception hierarchy as Python classes, and the translation of C++ exceptions.
//
//   augury.Error (Exception)
//     ModelError, EvidenceError > ImpossibleEvidenceError, ParseError > ParseErrors,
//     InferenceError, ReportError
//
// One translator catches the C++ types from the most derived to the base, so an
// impossible_evidence_error becomes ImpossibleEvidenceError and not EvidenceError.
// ParseError instances carry `source`, `line`, `column` and `detail`; ParseErrors (every
// problem of a file, read with all_errors=True) also `errors` (a list of ParseError) and `total`.

#include "bindings.hpp"

#include <augury/error.hpp>

#include <exception>

namespace augury::python {
namespace {

// The classes live as long as the interpreter; the module holds a reference too.
struct error_classes {
  py::handle error, model, evidence, impossible, parse, parse_all, inference, report;
};

error_classes& classes() {
  static error_classes c;
  return c;
}

py::handle new_class(py::module_& m, const char* name, const char* qualified, const char* doc,
                     py::handle base) {
  PyObject* cls = PyErr_NewExceptionWithDoc(qualified, doc, base.ptr(), nullptr);
  if (!cls) throw py::error_already_set();
  m.add_object(name, py::reinterpret_borrow<py::object>(cls));
  return cls;  // the reference from PyErr_NewExceptionWithDoc is kept for the translator
}

py::object optional_position(std::size_t n) {
  return n == 0 ? py::object(py::none()) : py::object(py::int_(n));
}

// A message as a Python str. Messages quote input, which may hold bytes that are not UTF-8
// (a garbled file): those become \xNN escapes instead of a UnicodeDecodeError.
py::object text(const std::string& s) {
  PyObject* str = PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "backslashreplace");
  if (!str) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(str);
}

void set_error(py::handle cls, const std::exception& e) { PyErr_SetObject(cls.ptr(), text(e.what()).ptr()); }

py::object make_parse_error(py::handle cls_handle, const parse_error& e) {
  py::object cls = py::reinterpret_borrow<py::object>(cls_handle);
  py::object exc = cls(text(e.what()));
  exc.attr("source") = text(e.source());
  exc.attr("line") = optional_position(e.line());
  exc.attr("column") = optional_position(e.column());
  exc.attr("detail") = text(e.detail());
  return exc;
}

void raise_parse_error(const parse_error& e) {
  py::object exc = make_parse_error(classes().parse, e);
  PyErr_SetObject(classes().parse.ptr(), exc.ptr());
}

void raise_parse_errors(const parse_errors& e) {
  py::object exc = make_parse_error(classes().parse_all, e);
  py::list each;
  for (const parse_error& one : e.errors()) each.append(make_parse_error(classes().parse, one));
  exc.attr("errors") = each;
  exc.attr("total") = py::int_(e.total());
  PyErr_SetObject(classes().parse_all.ptr(), exc.ptr());
}

}  // namespace

void register_errors(py::module_& m) {
  error_classes& c = classes();
  c.error = new_class(m, "Error", "augury.Error",
                      "Base class of every error augury raises. Messages name the offending "
                      "entity and list the valid choices.",
                      PyExc_Exception);
  c.model = new_class(m, "ModelError", "augury.ModelError",
                      "A model is malformed or a name does not exist: unknown variable or "
                      "state, bad CPT shape, a conditional distribution that does not sum to "
                      "1, a cycle, a duplicate name.",
                      c.error);
  c.evidence = new_class(m, "EvidenceError", "augury.EvidenceError",
                         "Evidence is malformed: unknown variable or state, likelihood vector "
                         "of the wrong length, negative or non-finite entries, more than one "
                         "finding on a variable.",
                         c.error);
  c.impossible = new_class(m, "ImpossibleEvidenceError", "augury.ImpossibleEvidenceError",
                           "The evidence has probability zero under the model (or a likelihood "
                           "vector is zero everywhere), so no posterior exists. Never NaN.",
                           c.evidence);
  c.parse = new_class(m, "ParseError", "augury.ParseError",
                      "A file or text could not be parsed. Attributes: `source` (file name or "
                      "'<string>'), `line` and `column` (1-based, None when unknown) and "
                      "`detail` (the message without the location).",
                      c.error);
  for (const char* attr : {"source", "line", "column", "detail"})
    py::setattr(c.parse, attr, py::none());
  c.parse_all = new_class(m, "ParseErrors", "augury.ParseErrors",
                          "Every problem of a file read with all_errors=True. A ParseError located at "
                          "the first problem, whose message lists them all; `errors` is the list of "
                          "ParseError in file order (at most 100) and `total` how many were found.",
                          c.parse);
  py::setattr(c.parse_all, "errors", py::list());
  py::setattr(c.parse_all, "total", py::int_(0));
  c.inference = new_class(m, "InferenceError", "augury.InferenceError",
                          "Inference cannot be carried out as asked, e.g. a clique table "
                          "beyond the memory limit, or variables that share no clique.",
                          c.error);
  c.report = new_class(m, "ReportError", "augury.ReportError",
                       "A dated report, timeline or mapping is malformed or does not fit the "
                       "model.",
                       c.error);

  py::register_exception_translator([](std::exception_ptr p) {
    const error_classes& k = classes();
    try {
      if (p) std::rethrow_exception(p);
    } catch (const parse_errors& e) {
      raise_parse_errors(e);
    } catch (const parse_error& e) {
      raise_parse_error(e);
    } catch (const impossible_evidence_error& e) {
      set_error(k.impossible, e);
    } catch (const evidence_error& e) {
      set_error(k.evidence, e);
    } catch (const model_error& e) {
      set_error(k.model, e);
    } catch (const inference_error& e) {
      set_error(k.inference, e);
    } catch (const report_error& e) {
      set_error(k.report, e);
    } catch (const error& e) {
      set_error(k.error, e);
    }
  });
}

}  // namespace augury::python
