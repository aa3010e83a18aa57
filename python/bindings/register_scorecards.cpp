// Scorecards: rule packs, columnar scoring, explanations and the gap to qualify.
#include <pybind11/eigen.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "zhibiao/scorecard.hpp"

namespace zhibiao::python {
namespace {

using column_list = std::vector<std::optional<py::array_t<double, py::array::c_style | py::array::forcecast>>>;

scorecard_columns columns_of(const scorecard& card, const column_list& columns) {
    if (columns.size() != card.inputs().size())
        throw error("scorecard '" + card.id() + "' takes " + std::to_string(card.inputs().size()) + " columns, not " +
                    std::to_string(columns.size()));
    scorecard_columns in;
    bool sized = false;
    for (std::size_t k = 0; k < columns.size(); ++k) {
        const auto& c = columns[k];
        if (!c) {
            in.columns.push_back(nullptr);
            continue;
        }
        if (c->ndim() != 1) throw error("column '" + card.inputs()[k].id + "' must be one-dimensional");
        const auto n = static_cast<std::size_t>(c->size());
        if (sized && n != in.rows) throw error("column '" + card.inputs()[k].id + "' has " + std::to_string(n) + " rows, not " + std::to_string(in.rows));
        in.rows = n;
        sized = true;
        in.columns.push_back(c->data());
    }
    return in;
}

points_policy policy_of(const std::string& p) {
    if (p == "low") return points_policy::low;
    if (p == "high") return points_policy::high;
    if (p == "mid") return points_policy::mid;
    throw error("policy must be 'low', 'high' or 'mid', not '" + p + "'");
}

}  // namespace

void register_scorecards(py::module_& m) {
    py::class_<scorecard>(m, "Scorecard", "A qualification rule pack (use zhibiao.scorecards).")
        .def_static("builtin", &scorecard::builtin, py::arg("id"), py::return_value_policy::reference)
        .def_static("builtin_ids", &scorecard::builtin_ids)
        .def_static("load", &scorecard::load, py::arg("path"))
        .def_static("from_toml", &scorecard::from_toml, py::arg("text"), py::arg("source") = "<scorecard>")
        .def_property_readonly("id", &scorecard::id)
        .def_property_readonly("name_zh", &scorecard::name_zh)
        .def_property_readonly("name_en", &scorecard::name_en)
        .def_property_readonly("source", &scorecard::source)
        .def_property_readonly("has_ranges", &scorecard::has_ranges)
        .def_property_readonly("inputs", [](const scorecard& s) {
            py::list out;
            for (const auto& i : s.inputs())
                out.append(py::dict(py::arg("id") = i.id, py::arg("name_zh") = i.name_zh, py::arg("name_en") = i.name_en,
                                    py::arg("unit") = i.unit_text, py::arg("min") = std::isfinite(i.min) ? py::cast(i.min) : py::none(),
                                    py::arg("max") = std::isfinite(i.max) ? py::cast(i.max) : py::none(),
                                    py::arg("integer") = i.integer, py::arg("optional") = i.optional));
            return out;
        })
        .def_property_readonly("items", [](const scorecard& s) {
            py::list out;
            for (const auto& i : s.items()) {
                std::vector<std::string> measures;
                for (const auto& a : i.alternatives) measures.push_back(a.measure);
                out.append(py::dict(py::arg("id") = i.id, py::arg("name_zh") = i.name_zh, py::arg("name_en") = i.name_en,
                                    py::arg("max") = i.max, py::arg("measures") = measures, py::arg("expert") = i.expert_input));
            }
            return out;
        })
        .def_property_readonly("gates", [](const scorecard& s) {
            py::list out;
            for (const auto& g : s.gates())
                out.append(py::dict(py::arg("id") = g.id, py::arg("condition") = g.condition, py::arg("message_zh") = g.message_zh,
                                    py::arg("message_en") = g.message_en));
            return out;
        })
        .def_property_readonly("routes", [](const scorecard& s) {
            std::vector<std::string> ids;
            for (const auto& r : s.routes()) ids.push_back(r.id);
            return ids;
        })
        .def_property_readonly("pass_rule", [](const scorecard& s) { return s.pass_rule().condition; })
        .def_property_readonly("controllables", [](const scorecard& s) {
            py::list out;
            for (const auto& c : s.controllables())
                out.append(py::dict(py::arg("input") = c.input, py::arg("step") = c.step, py::arg("also_adds") = c.also_adds,
                                    py::arg("cost") = c.cost, py::arg("label_zh") = c.label_zh, py::arg("label_en") = c.label_en));
            return out;
        });

    py::class_<scorecard_result>(m, "ScorecardResult")
        .def_property_readonly("rows", [](const scorecard_result& r) { return r.rows; })
        .def("arrays", [](const scorecard_result& r) {
            py::dict d;
            d["valid"] = copy_to_numpy(r.valid);
            d["eligible"] = copy_to_numpy(r.eligible);
            d["passed"] = copy_to_numpy(r.passed);
            d["route"] = copy_to_numpy(r.route);
            d["problems"] = copy_to_numpy(r.problems);
            d["total"] = r.total;
            d["total_lo"] = r.total_lo;
            d["total_hi"] = r.total_hi;
            d["points"] = r.points;
            d["points_lo"] = r.points_lo;
            d["points_hi"] = r.points_hi;
            d["alternative"] = r.alternative;
            d["gates"] = r.gates;
            return d;
        }, "Every result column as NumPy arrays (copies).");

    m.def(
        "scorecard_evaluate",
        [](const scorecard& card, const column_list& columns, const std::string& policy, unsigned threads) {
            scorecard_columns in = columns_of(card, columns);
            const points_policy p = policy_of(policy);
            py::gil_scoped_release release;  // scoring reads only the NumPy buffers converted above
            return card.evaluate(in, p, threads);
        },
        py::arg("card"), py::arg("columns"), py::arg("policy") = "low", py::arg("threads") = 0u);
    m.def(
        "scorecard_explain",
        [](const scorecard& card, const column_list& columns, const scorecard_result& result, const std::vector<std::size_t>& rows,
           const std::string& language) {
            scorecard_columns in = columns_of(card, columns);
            py::gil_scoped_release release;  // formats messages from C++ data only
            return card.explain(in, result, rows, language);
        },
        py::arg("card"), py::arg("columns"), py::arg("result"), py::arg("rows"), py::arg("language"));
    m.def(
        "scorecard_gap",
        [](const scorecard& card, const column_list& columns, const std::vector<std::size_t>& rows,
           const std::vector<std::pair<std::string, double>>& costs, const std::string& policy) {
            scorecard_columns in = columns_of(card, columns);
            const points_policy p = policy_of(policy);
            std::vector<firm_gap> gaps;
            {
                py::gil_scoped_release release;  // solves and checks in C++ only
                gaps = card.gap(in, rows, costs, p);
            }
            py::list out;
            for (const auto& g : gaps) {
                py::list routes;
                for (const auto& e : g.routes)
                    routes.append(py::dict(py::arg("input") = e.input, py::arg("change") = e.change, py::arg("cost") = e.cost,
                                           py::arg("closed_form") = e.closed_form));
                out.append(py::dict(py::arg("already_passes") = g.already_passes, py::arg("invalid") = g.invalid,
                                    py::arg("routes") = routes, py::arg("cheapest") = g.cheapest));
            }
            return out;
        },
        py::arg("card"), py::arg("columns"), py::arg("rows"), py::arg("costs") = std::vector<std::pair<std::string, double>>{},
        py::arg("policy") = "low");
}

}  // namespace zhibiao::python
