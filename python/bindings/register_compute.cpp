// The catalogue and indicator computation.
#include <pybind11/eigen.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <memory>

#include "bindings.hpp"
#include "zhibiao/compute.hpp"
#include "zhibiao/explain.hpp"

namespace zhibiao::python {
namespace {

py::object finite_or_none(double x) { return std::isfinite(x) ? py::cast(x) : py::none(); }

py::dict indicator_to_dict(const indicator& i) {
    py::dict d;
    d["id"] = i.id;
    d["name_zh"] = i.name_zh;
    d["name_en"] = i.name_en;
    d["other_names"] = i.other_names;
    d["formula"] = i.formula;
    d["unit"] = i.unit_text;
    d["direction"] = static_cast<int>(i.direction);
    d["decimals"] = i.decimals;
    d["valid_min"] = finite_or_none(i.valid_min);
    d["valid_max"] = finite_or_none(i.valid_max);
    d["scope"] = i.scope;
    d["source"] = i.source;
    d["inputs"] = i.inputs();
    return d;
}

py::dict variable_to_dict(const variable_spec& v) {
    py::dict d;
    d["id"] = v.id;
    d["name_zh"] = v.name_zh;
    d["name_en"] = v.name_en;
    d["other_names"] = v.other_names;
    d["dimension"] = v.dimension_name;
    d["unit"] = v.default_unit;
    d["min"] = finite_or_none(v.min);
    d["positive"] = v.positive;
    d["cumulative"] = v.cumulative;
    d["aggregation"] = v.aggregation;
    return d;
}

// A capsule that holds the storage of a computed column alive while NumPy views it.
py::capsule storage_capsule(const indicator_values& column) {
    auto keep = std::make_unique<std::shared_ptr<const void>>(column.storage_owner());
    py::capsule owner(keep.get(), [](void* p) { delete static_cast<std::shared_ptr<const void>*>(p); });
    keep.release();  // the capsule owns it now
    return owner;
}

py::object reason_or_none(reason r) { return r == reason::none ? py::none() : py::cast(std::string(to_string(r))); }

py::dict explanation_to_dict(const explanation& e) {
    py::dict d;
    d["indicator"] = e.indicator;
    d["formula"] = e.formula;
    d["entity"] = e.entity;
    d["period"] = e.period.to_string();
    d["value"] = e.value;
    d["unit"] = e.unit.symbol();
    d["reason"] = reason_or_none(e.why);
    d["raw"] = e.raw;
    d["raw_unit"] = e.raw_unit.symbol();
    d["factor"] = e.converted.apply(1.0);
    d["valid_min"] = finite_or_none(e.valid_min);
    d["valid_max"] = finite_or_none(e.valid_max);
    d["problem"] = e.problem;
    d["text"] = e.to_string();
    py::list terms;
    for (const auto& t : e.terms) {
        py::dict row;
        row["name"] = t.name;
        row["indicator"] = t.indicator;
        row["read_by"] = t.read_by;
        row["depth"] = t.depth;
        row["through"] = t.through;
        row["entity"] = t.entity;
        row["period"] = t.period.to_string();
        row["row_found"] = t.row_found;
        row["stored"] = t.stored;
        row["stored_unit"] = t.stored_unit.symbol();
        row["used"] = t.used;
        row["used_unit"] = t.used_unit.symbol();
        row["reason"] = reason_or_none(t.why);
        row["note"] = t.note;
        terms.append(row);
    }
    d["terms"] = terms;
    return d;
}

}  // namespace

py::array_t<double> values_to_numpy(const indicator_values& column) {
    const auto rows = static_cast<py::ssize_t>(column.size());
    if (!column.storage_owner()) return py::array_t<double>(rows);  // empty: nothing to view
    return py::array_t<double>({rows}, {static_cast<py::ssize_t>(sizeof(double))}, column.values().data(),
                               storage_capsule(column));
}

py::array_t<std::uint8_t> reason_codes_to_numpy(const indicator_values& column) {
    static_assert(sizeof(reason) == 1, "reason codes are one byte");
    const auto rows = static_cast<py::ssize_t>(column.size());
    if (!column.storage_owner()) return py::array_t<std::uint8_t>(rows);
    return py::array_t<std::uint8_t>({rows}, {static_cast<py::ssize_t>(sizeof(reason))},
                                     reinterpret_cast<const std::uint8_t*>(column.reasons().data()),
                                     storage_capsule(column));
}

bool flag_from(py::handle value, const char* name) {
    // True/False (or NumPy's bool) only: None, 0, "no" are no answer to a yes-or-no option.
    if (PyBool_Check(value.ptr())) return value.ptr() == Py_True;
    if (py::isinstance(value, py::module_::import("numpy").attr("bool_"))) return PyObject_IsTrue(value.ptr()) == 1;
    throw error(std::string(name) + " must be True or False, not " + py::repr(value).cast<std::string>());
}

elapsed_basis basis_from(const std::string& basis) {
    if (basis == "month") return elapsed_basis::month;
    if (basis == "day") return elapsed_basis::day;
    if (basis == "quarter") return elapsed_basis::quarter;
    static const std::vector<std::string> choices = {"month", "day", "quarter"};
    throw argument_error(
        "basis must be 'month', 'day' or 'quarter', not '" + basis + "'" +
        detail::suggestion(basis, choices, [](const std::string& s) -> std::string_view { return s; }));
}

void register_compute(py::module_& m) {
    py::class_<catalogue>(m, "Catalogue", "Indicator definitions (variables and indicators).")
        .def(py::init<>())
        .def_static("builtin", &catalogue::builtin, py::return_value_policy::reference,
                    "The catalogue shipped with the library (static lifetime).")
        .def_static("from_toml", &catalogue::from_toml, py::arg("text"), py::arg("source") = "<catalogue>")
        .def_static("load", &catalogue::load, py::arg("path"))
        .def("copy", [](const catalogue& c) { return catalogue(c); })
        .def("merge", &catalogue::merge, py::arg("other"))
        .def_property_readonly("ids",
                               [](const catalogue& c) {
                                   std::vector<std::string> ids;
                                   for (const auto& i : c.indicators()) ids.push_back(i.id);
                                   return ids;
                               })
        .def("indicators",
             [](const catalogue& c) {
                 py::list out;
                 for (const auto& i : c.indicators()) out.append(indicator_to_dict(i));
                 return out;
             })
        .def("variables",
             [](const catalogue& c) {
                 py::list out;
                 for (const auto& v : c.variables()) out.append(variable_to_dict(v));
                 return out;
             })
        .def(
            "indicator", [](const catalogue& c, const std::string& id) { return indicator_to_dict(c.at(id)); },
            py::arg("id"));

    m.attr("reason_names") = [] {
        std::vector<std::string> names;
        for (auto n : reason_names) names.emplace_back(n);
        return names;
    }();

    m.def(
        "compute",
        [](const panel& p, const std::vector<std::string>& ids, py::object strict, const std::string& basis,
           const catalogue* cat) {
            compute_options o;
            o.strict = flag_from(strict, "strict");
            o.basis = basis_from(basis);
            const catalogue& c = cat ? *cat : catalogue::builtin();
            indicator_table table;
            interruptible ctrl_c;  // polled between indicators
            {
                py::gil_scoped_release release;  // column kernels: pure C++ over the panel's buffers
                table = compute(p, ids, o, c);
            }
            py::list out;
            for (const auto& col : table)  // NumPy views of the result's block, no copy
                out.append(py::make_tuple(col.id(), col.unit().symbol(), values_to_numpy(col),
                                          reason_codes_to_numpy(col), col.column_problem(),
                                          col.missing_variable().empty()
                                              ? py::object(py::none())
                                              : py::object(py::str(col.missing_variable()))));
            return out;
        },
        py::arg("panel"), py::arg("ids"), py::arg("strict") = true, py::arg("basis") = "month",
        py::arg("catalogue") = nullptr,
        "Computes indicators; returns [(id, unit, values, reason codes, column problem, missing variable or None)] in "
        "the panel's row order.");

    m.def(
        "explain",
        [](const panel& p, const std::string& id, const std::string& entity, const std::string& at, py::object strict,
           const std::string& basis, const catalogue* cat) {
            compute_options o;
            o.strict = flag_from(strict, "strict");
            o.basis = basis_from(basis);
            return explanation_to_dict(explain(p, id, entity, period::parse(at), o, cat ? *cat : catalogue::builtin()));
        },
        py::arg("panel"), py::arg("id"), py::arg("entity"), py::arg("period"), py::arg("strict") = true,
        py::arg("basis") = "month", py::arg("catalogue") = nullptr,
        "The audit trail of one indicator value: a dict (value, formula, conversion, terms read).");
}

}  // namespace zhibiao::python
