#pragma once
// Private to the bindings: one register function per area, called from module.cpp.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

namespace zhibiao::python {
namespace py = pybind11;

void register_errors(py::module_& m);
void register_units(py::module_& m);
void register_panel(py::module_& m);
void register_compute(py::module_& m);
void register_engine(py::module_& m);
void register_scorecards(py::module_& m);
void register_composite(py::module_& m);
void register_extract(py::module_& m);

/// A shared_ptr that keeps a Python object alive from C++ and releases it under the GIL, so
/// a panel column can view a NumPy buffer without copying it.
std::shared_ptr<const void> keep_alive(py::object object);

/// A NumPy array owning a copy of `n` values at `data` (results whose storage C++ keeps).
template <class T>
py::array_t<T> copy_to_numpy(const T* data, std::size_t n) {
    py::array_t<T> out(static_cast<py::ssize_t>(n));
    std::copy(data, data + n, out.mutable_data());
    return out;
}
template <class T, class Allocator>
py::array_t<T> copy_to_numpy(const std::vector<T, Allocator>& v) {
    return copy_to_numpy(v.data(), v.size());
}
/// Reason codes (one byte each) as a uint8 array.
template <class R>
py::array_t<std::uint8_t> reasons_to_numpy(const std::vector<R>& v) {
    static_assert(sizeof(R) == 1, "reason codes are one byte");
    return copy_to_numpy(reinterpret_cast<const std::uint8_t*>(v.data()), v.size());
}

/// A read-only NumPy view of `size` doubles at `data`, whose base keeps `owner` alive.
py::array read_only_view(const double* data, std::size_t size, std::shared_ptr<const void> owner);
}  // namespace zhibiao::python
