// The indicator engine beyond the catalogue: user indicators, formulas, roll-up, validation and
// patents in force.
#include <pybind11/eigen.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "zhibiao/compute.hpp"
#include "zhibiao/patents.hpp"
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

    m.def(
        "patents_in_force",
        [](py::array_t<std::int32_t, py::array::c_style | py::array::forcecast> region, std::size_t regions,
           py::array_t<std::int32_t, py::array::c_style | py::array::forcecast> filing,
           py::array_t<std::int32_t, py::array::c_style | py::array::forcecast> grant,
           std::optional<py::array_t<std::int32_t, py::array::c_style | py::array::forcecast>> end,
           std::optional<py::array_t<std::int32_t, py::array::c_style | py::array::forcecast>> extension,
           std::optional<py::array_t<std::uint8_t, py::array::c_style | py::array::forcecast>> selected,
           std::vector<std::int32_t> dates, std::int32_t as_of, unsigned threads) {
            const auto n = static_cast<std::size_t>(region.size());
            auto same = [n](const py::array& a, const char* what) {
                if (static_cast<std::size_t>(a.size()) != n) throw error(std::string(what) + " has a different length from region");
            };
            same(filing, "filing");
            same(grant, "grant");
            patent_records rec;
            rec.region = region.data();
            rec.filing = filing.data();
            rec.grant = grant.data();
            if (end) same(*end, "end"), rec.end = end->data();
            if (extension) same(*extension, "extension"), rec.extension_days = extension->data();
            if (selected) same(*selected, "kind"), rec.selected = selected->data();
            rec.size = n;
            rec.regions = regions;
            patents_in_force_result r;
            {
                py::gil_scoped_release release;  // counting over every record: pure C++
                r = patents_in_force(rec, dates, as_of, threads);
            }
            py::dict tally;
            tally["records"] = r.records;
            tally["not_selected"] = r.not_selected;
            tally["counted"] = r.counted;
            tally["missing_date"] = r.missing_date;
            tally["grant_before_filing"] = r.grant_before_filing;
            tally["end_before_grant"] = r.end_before_grant;
            tally["in_the_future"] = r.in_the_future;
            tally["bad_region"] = r.bad_region;
            tally["excluded_examples"] = r.excluded_examples;
            return py::make_tuple(py::cast(std::move(r.counts)), tally);
        },
        py::arg("region"), py::arg("regions"), py::arg("filing"), py::arg("grant"), py::arg("end") = py::none(),
        py::arg("extension") = py::none(), py::arg("selected") = py::none(), py::arg("dates"), py::arg("as_of"),
        py::arg("threads") = 0u);
}

}  // namespace zhibiao::python
