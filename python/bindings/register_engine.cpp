// The indicator engine beyond the catalogue: user indicators and formulas, roll-up, validation
// (patents in force: register_patents.cpp).
#include <pybind11/eigen.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "zhibiao/compute.hpp"
#include "zhibiao/rollup.hpp"
#include "zhibiao/validate.hpp"

namespace zhibiao::python {

// The engine's bindings by area (register_formula.cpp, register_rollup.cpp, register_validate.cpp).
void register_formula(py::module_& m);
void register_rollup(py::module_& m);
void register_validate(py::module_& m);

void register_engine(py::module_& m) {
    register_formula(m);
    register_rollup(m);
    register_validate(m);
}

}  // namespace zhibiao::python
