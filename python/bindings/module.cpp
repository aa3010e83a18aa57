// zhibiao._core: the table of contents of the bindings.
#include "bindings.hpp"
#include "zhibiao/version.hpp"

PYBIND11_MODULE(_core, m) {
    m.doc() = "zhibiao's C++ core. Use the zhibiao package; this module's names may change.";
    m.attr("__version__") = zhibiao::version;
    zhibiao::python::register_errors(m);
    zhibiao::python::register_units(m);
    zhibiao::python::register_panel(m);
    zhibiao::python::register_compute(m);
    zhibiao::python::register_engine(m);
    zhibiao::python::register_patents(m);
    zhibiao::python::register_scorecards(m);
    zhibiao::python::register_composite(m);
    zhibiao::python::register_mcdm(m);
    zhibiao::python::register_extract(m);
    zhibiao::python::register_loading_rules(m);
    zhibiao::python::register_progress(m);
    zhibiao::python::register_uncertainty(m);
    zhibiao::python::register_uncertainty_config(m);
}
