// Formulas and user indicators: check a formula, add an indicator to a catalogue, evaluate a
// formula over a panel.
#include <pybind11/eigen.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "zhibiao/compute.hpp"

namespace zhibiao::python {

elapsed_basis basis_from(const std::string& basis);  // register_compute.cpp: one reading of `basis`

void register_formula(py::module_& m) {
    m.def(
        "check_formula", [](const std::string& text) { return formula::parse(text).names(); }, py::arg("text"),
        "Parses a formula (ParseError with a caret on bad syntax); returns the names it reads.");

    m.def(
        "add_indicator",
        [](catalogue& cat, const std::string& id, const std::string& text, const std::string& unit_text, int direction,
           const std::string& name_zh, const std::string& name_en, std::optional<double> valid_min,
           std::optional<double> valid_max, int decimals, const std::string& source) {
            indicator i;
            i.id = id;
            i.formula = text;
            i.unit_text = unit_text;
            i.unit = unit::parse(unit_text);
            if (direction != -1 && direction != 0 && direction != 1) throw error("direction must be 1, -1 or 0");
            i.direction = static_cast<zhibiao::direction>(direction);
            i.name_zh = name_zh;
            i.name_en = name_en;
            if (valid_min) i.valid_min = *valid_min;
            if (valid_max) i.valid_max = *valid_max;
            if (decimals < 0 || decimals > 15)
                throw error("decimals must be a whole number 0..15, not " + std::to_string(decimals));
            i.decimals = decimals;
            if (!(i.valid_min <= i.valid_max)) throw error("valid_max is below valid_min");
            i.source = source;
            cat.add(std::move(i));
            cat.check_cycles();
        },
        py::arg("catalogue"), py::arg("id"), py::arg("formula"), py::arg("unit"), py::arg("direction") = 1,
        py::arg("name_zh") = "", py::arg("name_en") = "", py::arg("valid_min") = py::none(),
        py::arg("valid_max") = py::none(), py::arg("decimals") = 2, py::arg("source") = "");

    m.def(
        "evaluate",
        [](const panel& p, const std::string& text, const std::optional<std::string>& unit_text,
           const std::string& basis, const catalogue* cat) {
            compute_options o;  // no `strict`: evaluate() has no lenient mode (a missing name always raises)
            o.basis = basis_from(basis);
            formula f = formula::parse(text);
            std::optional<unit> out;
            if (unit_text) out = unit::parse(*unit_text);
            indicator_values v;
            {
                py::gil_scoped_release release;  // column kernels: pure C++
                v = evaluate(p, f, out, o, cat ? *cat : catalogue::builtin());
            }
            return py::make_tuple(v.unit().symbol(), values_to_numpy(v), reason_codes_to_numpy(v));
        },
        py::arg("panel"), py::arg("formula"), py::arg("unit") = py::none(), py::arg("basis") = "month",
        py::arg("catalogue") = nullptr);
}

}  // namespace zhibiao::python
