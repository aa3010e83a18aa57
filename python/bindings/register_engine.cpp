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

elapsed_basis basis_from(const std::string& basis);  // register_compute.cpp: one reading of `basis`

void register_engine(py::module_& m) {
    m.def(
        "check_formula",
        [](const std::string& text) { return formula::parse(text).names(); },
        py::arg("text"), "Parses a formula (ParseError with a caret on bad syntax); returns the names it reads.");

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
            if (decimals < 0 || decimals > 15) throw error("decimals must be a whole number 0..15, not " + std::to_string(decimals));
            i.decimals = decimals;
            if (!(i.valid_min <= i.valid_max)) throw error("valid_max is below valid_min");
            i.source = source;
            cat.add(std::move(i));
            cat.check_cycles();
        },
        py::arg("catalogue"), py::arg("id"), py::arg("formula"), py::arg("unit"), py::arg("direction") = 1,
        py::arg("name_zh") = "", py::arg("name_en") = "", py::arg("valid_min") = py::none(), py::arg("valid_max") = py::none(),
        py::arg("decimals") = 2, py::arg("source") = "");

    m.def(
        "rollup",
        [](const panel& p, const std::unordered_map<std::string, std::string>& parents, bool partial_sums,
           std::vector<std::string> also_sum, const catalogue* cat) {
            rollup_options o;
            o.partial_sums = partial_sums;
            o.also_sum = std::move(also_sum);
            interruptible ctrl_c;  // polled every few thousand rows
            rollup_result r;
            {
                py::gil_scoped_release release;  // sums over every row: pure C++
                r = rollup(p, parents, o, cat ? *cat : catalogue::builtin());
            }
            py::dict coverage;
            std::vector<std::string> parent, period_text, variable;
            std::vector<std::size_t> children, with_data, valid;
            for (const auto& c : r.coverage) {
                valid.push_back(c.valid);
                parent.push_back(c.parent);
                period_text.push_back(c.period);
                variable.push_back(c.variable);
                children.push_back(c.children);
                with_data.push_back(c.with_data);
            }
            coverage["parent"] = parent;
            coverage["period"] = period_text;
            coverage["variable"] = variable;
            coverage["children"] = children;
            coverage["with_data"] = with_data;
            coverage["valid"] = valid;
            return py::make_tuple(std::move(r.parents), coverage, r.not_summed);
        },
        py::arg("panel"), py::arg("parents"), py::arg("partial_sums") = false, py::arg("also_sum") = std::vector<std::string>{},
        py::arg("catalogue") = nullptr);

    m.def(
        "admin_parents",
        [](const panel& p, const std::string& level) {
            admin_level l = admin_level::unknown;
            if (level == "province") l = admin_level::province;
            else if (level == "prefecture") l = admin_level::prefecture;
            else if (!level.empty()) throw error("level must be 'province' or 'prefecture', not '" + level + "'");
            return admin_parents(p, l);
        },
        py::arg("panel"), py::arg("level") = "");

    py::class_<rule>(m, "Rule")
        .def_readonly("id", &rule::id)
        .def_readonly("severity", &rule::severity)
        .def_readonly("variable", &rule::variable)
        .def_readonly("check", &rule::check)
        .def_readonly("message", &rule::message);
    m.def("builtin_rules", [] { return builtin_rules(); });
    m.def("rules_from_toml", &rules_from_toml, py::arg("text"), py::arg("source") = "<rules>");
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

    m.def(
        "evaluate",
        [](const panel& p, const std::string& text, const std::optional<std::string>& unit_text, const std::string& basis,
           const catalogue* cat) {
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
            return py::make_tuple(v.unit.symbol(), py::cast(std::move(v.values)), reasons_to_numpy(v.reasons));
        },
        py::arg("panel"), py::arg("formula"), py::arg("unit") = py::none(), py::arg("basis") = "month",
        py::arg("catalogue") = nullptr);
}

}  // namespace zhibiao::python
