// Units and periods: small value types, exposed for inspection and for the pandas layer.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "zhibiao/period.hpp"
#include "zhibiao/units.hpp"

namespace zhibiao::python {

void register_units(py::module_& m) {
    py::class_<unit>(m, "Unit", "A unit: dimension × 10^exponent, parsed from text such as '万元' or '件/万人'.")
        .def(py::init(&unit::parse), py::arg("text"))
        .def_property_readonly("symbol", [](const unit& u) { return u.symbol(); })
        .def_property_readonly("exponent", &unit::exponent)
        .def_property_readonly("scale", &unit::scale)
        .def_property_readonly("dimension", [](const unit& u) { return u.dim().to_string(); })
        .def_property_readonly("dimensionless", &unit::dimensionless)
        .def("convertible_to", &unit::convertible_to, py::arg("other"))
        .def(
            "convert",
            [](const unit& from, py::array_t<double, py::array::c_style | py::array::forcecast> values,
               const unit& to) {
                conversion c = from.to(to);
                py::array_t<double> out(values.request().shape);
                auto in = values.unchecked();
                auto* y = out.mutable_data();
                const auto* x = values.data();
                const py::ssize_t n = in.size();
                for (py::ssize_t i = 0; i < n; ++i) y[i] = c.apply(x[i]);
                return out;
            },
            py::arg("values"), py::arg("to"), "Values in this unit, converted to `to` (exact powers of ten).")
        .def("__eq__", [](const unit& a, const unit& b) { return a.same_scale_as(b); })
        .def("__hash__",
             [](const unit& u) { return py::hash(py::make_tuple(u.dim().to_string(), u.exponent(), u.factor())); })
        .def("__str__", [](const unit& u) { return u.symbol(); })
        .def("__repr__", [](const unit& u) {
            return "Unit('" + u.symbol() + "')  # " + u.dim().to_string() + " × 1e" + std::to_string(u.exponent());
        });

    py::class_<period>(m, "Period", "A reporting period: 2018, 2018H1, 2018Q2, 2018-06 (or 2018年上半年 ...).")
        .def(py::init(&period::parse), py::arg("text"))
        .def_property_readonly("year", &period::year_number)
        .def_property_readonly(
            "kind",
            [](const period& p) {
                static constexpr const char* kinds[] = {"year", "half", "quarter", "month", "year_to_date"};
                return kinds[static_cast<int>(p.kind())];
            })
        .def_property_readonly("first_month", &period::first_month)
        .def_property_readonly("last_month", &period::last_month)
        .def(
            "fraction_elapsed",
            [](const period& p, const std::string& basis) {
                if (basis != "month" && basis != "day" && basis != "quarter")
                    throw unknown_choice("basis", basis, {"month", "day", "quarter"});
                return p.fraction_elapsed(basis == "day"       ? elapsed_basis::day
                                          : basis == "quarter" ? elapsed_basis::quarter
                                                               : elapsed_basis::month);
            },
            py::arg("basis") = "month", "Fraction of the year elapsed at the end of the period (序时进度).")
        .def("prior_year", &period::prior_year)
        .def("__str__", &period::to_string)
        .def("__repr__", [](const period& p) { return "Period('" + p.to_string() + "')"; })
        .def("__eq__", [](const period& a, const period& b) { return a == b; })
        .def("__lt__", [](const period& a, const period& b) { return a < b; })
        .def("__hash__", [](const period& p) { return py::hash(py::str(p.to_string())); });
    m.def(
        "nearest_periods",
        [](const std::string& at, const std::vector<std::string>& seen) {
            std::vector<period> periods;
            for (const std::string& s : seen) periods.push_back(period::parse(s));
            std::vector<std::string> said;
            for (const period& p : nearest_periods(period::parse(at), periods)) said.push_back(p.to_string());
            return said;
        },
        py::arg("at"), py::arg("seen"),
        "The periods of `seen` nearest `at` in time, those of its kind first: what \"did you mean\" offers for a "
        "period the data lack (2204 -> 2024, where spelling would say 2014).");
}

}  // namespace zhibiao::python
