// Validation rules over a panel.
#include <pybind11/eigen.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "zhibiao/validate.hpp"

namespace zhibiao::python {

void register_validate(py::module_& m) {
    py::class_<rule>(m, "Rule")
        .def_readonly("id", &rule::id)
        .def_readonly("severity", &rule::severity)
        .def_readonly("variable", &rule::variable)
        .def_readonly("check", &rule::check)
        .def_readonly("message", &rule::message);
    m.def("builtin_rules", [] { return builtin_rules(); });
    m.def("rules_from_toml", &rules_from_toml, py::arg("text"), py::arg("source") = "<rules>");
    m.def(
        "totals_rows",
        [](const std::vector<std::string>& texts) {
            std::vector<std::size_t> found;
            for (std::size_t k = 0; k < texts.size(); ++k)
                if (looks_like_totals_row(texts[k])) found.push_back(k);
            return found;
        },
        py::arg("texts"), "The positions of the texts that are a totals row's (validate.hpp looks_like_totals_row).");
    m.def(
        "validate",
        [](const panel& p, const std::vector<rule>& rules, const catalogue* cat) {
            validation_report r;
            {
                py::gil_scoped_release release;  // evaluates formulas over the panel: pure C++
                r = validate(p, rules, cat ? *cat : catalogue::builtin());
            }
            py::dict d;
            std::vector<std::string> cols[6];
            for (const auto& f : r.findings) {
                cols[0].push_back(f.entity);
                cols[1].push_back(f.period);
                cols[2].push_back(f.variable);
                cols[3].push_back(f.rule);
                cols[4].push_back(f.severity);
                cols[5].push_back(f.message);
            }
            const char* names[] = {"entity", "period", "variable", "rule", "severity", "message"};
            for (int k = 0; k < 6; ++k) d[names[k]] = cols[k];
            return py::make_tuple(d, r.skipped, r.rules_applied);
        },
        py::arg("panel"), py::arg("rules"), py::arg("catalogue") = nullptr);
}

}  // namespace zhibiao::python
