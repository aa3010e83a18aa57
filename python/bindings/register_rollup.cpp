// Roll-up of children into their administrative parents.
#include <pybind11/eigen.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "zhibiao/detail/edit_distance.hpp"
#include "zhibiao/rollup.hpp"

namespace zhibiao::python {

void register_rollup(py::module_& m) {
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
        py::arg("panel"), py::arg("parents"), py::arg("partial_sums") = false,
        py::arg("also_sum") = std::vector<std::string>{}, py::arg("catalogue") = nullptr);

    m.def(
        "compute_rolled_up",
        [](const panel& children, const std::unordered_map<std::string, std::string>& parents,
           const std::vector<std::string>& ids, bool partial_sums, std::vector<std::string> also_sum, py::object strict,
           const std::string& basis, const catalogue* rolled_with, const catalogue* computed_with) {
            rollup_options o;
            o.partial_sums = partial_sums;
            o.also_sum = std::move(also_sum);
            compute_options c;
            c.strict = flag_from(strict, "strict");
            c.basis = basis_from(basis);
            interruptible ctrl_c;  // polled by the roll-ups and computes inside
            indicator_table table;
            {
                py::gil_scoped_release release;  // roll-ups and computes: pure C++
                table =
                    compute_rolled_up(children, parents, ids, o, c, rolled_with ? *rolled_with : catalogue::builtin(),
                                      computed_with ? *computed_with : catalogue::builtin());
            }
            py::list out;
            for (const auto& col : table)  // NumPy views of the result's columns, no copy
                out.append(py::make_tuple(col.id(), col.unit().symbol(), values_to_numpy(col),
                                          reason_codes_to_numpy(col), col.column_problem(),
                                          col.missing_variable().empty()
                                              ? py::object(py::none())
                                              : py::object(py::str(col.missing_variable()))));
            return out;
        },
        py::arg("children"), py::arg("parents"), py::arg("ids"), py::arg("partial_sums") = false,
        py::arg("also_sum") = std::vector<std::string>{}, py::arg("strict") = true, py::arg("basis") = "month",
        py::arg("rollup_catalogue") = nullptr, py::arg("catalogue") = nullptr,
        "Indicators of the roll-up of `children` in the rows of rollup(children, parents, ...)'s parents; "
        "with partial_sums, a value drawing on a partial sum is over the matched children "
        "(zhibiao/rollup.hpp). Returns [(id, unit, values, reason codes, column problem, missing variable or None)].");

    m.def(
        "admin_parents",
        [](const panel& p, const std::string& level) {
            admin_level l = admin_level::unknown;
            if (level == "province")
                l = admin_level::province;
            else if (level == "prefecture")
                l = admin_level::prefecture;
            else if (!level.empty())
                throw unknown_choice("to", level, {"province", "prefecture"});
            return admin_parents(p, l);
        },
        py::arg("panel"), py::arg("level") = "");

    m.def(
        "nested_regions",
        [](const std::vector<std::string>& codes) {
            py::gil_scoped_release release;
            return nested_regions(codes);
        },
        py::arg("codes"),
        "(region, its nearest ancestor among `codes`) for each code inside another one, by "
        "administrative codes: what roll-up refuses (zhibiao/rollup.hpp).");
}

}  // namespace zhibiao::python
