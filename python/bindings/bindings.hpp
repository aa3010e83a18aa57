#pragma once
// Private to the bindings: one register function per area, called from module.cpp.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <memory>

namespace zhibiao::python {
namespace py = pybind11;

void register_errors(py::module_& m);
void register_units(py::module_& m);
void register_panel(py::module_& m);
void register_compute(py::module_& m);
void register_engine(py::module_& m);
void register_scorecards(py::module_& m);
void register_composite(py::module_& m);

/// A shared_ptr that keeps a Python object alive from C++ and releases it under the GIL, so
/// a panel column can view a NumPy buffer without copying it.
std::shared_ptr<const void> keep_alive(py::object object);

/// A read-only NumPy view of `size` doubles at `data`, whose base keeps `owner` alive.
py::array read_only_view(const double* data, std::size_t size, std::shared_ptr<const void> owner);
}  // namespace zhibiao::python
