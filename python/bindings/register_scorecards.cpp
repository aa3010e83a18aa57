// Scorecards: rule packs, columnar scoring, explanations and the gap to qualify.
#include <pybind11/eigen.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <type_traits>

#include "bindings.hpp"
#include "zhibiao/detail/counted.hpp"
#include "zhibiao/catalogue.hpp"
#include "zhibiao/scorecard.hpp"

namespace zhibiao::python {
namespace {

using column_list = std::vector<std::optional<py::array_t<double, py::array::c_style | py::array::forcecast>>>;

scorecard_columns columns_of(const scorecard& card, const column_list& columns) {
    if (columns.size() != card.inputs().size())
        throw error("scorecard '" + card.id() + "' takes " + detail::counted(card.inputs().size(), "column") +
                    ", not " + std::to_string(columns.size()));
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
        if (sized && n != in.rows)
            throw error("column '" + card.inputs()[k].id + "' has " + detail::counted(n, "row") + ", not " +
                        std::to_string(in.rows));
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
    throw unknown_choice("policy", p, {"low", "high", "mid"});
}

py::list inputs_of(const scorecard& s) {
    py::list out;
    for (const auto& i : s.inputs())
        out.append(py::dict(
            py::arg("id") = i.id, py::arg("name_zh") = i.name_zh, py::arg("name_en") = i.name_en,
            py::arg("unit") = i.unit_text, py::arg("min") = std::isfinite(i.min) ? py::cast(i.min) : py::none(),
            py::arg("max") = std::isfinite(i.max) ? py::cast(i.max) : py::none(), py::arg("integer") = i.integer,
            py::arg("optional") = i.optional, py::arg("other_names") = i.other_names));
    return out;
}

py::list items_of(const scorecard& s) {
    py::list out;
    for (const auto& i : s.items()) {
        std::vector<std::string> measures;
        for (const auto& a : i.alternatives) measures.push_back(a.measure);
        out.append(py::dict(py::arg("id") = i.id, py::arg("name_zh") = i.name_zh, py::arg("name_en") = i.name_en,
                            py::arg("max") = i.max, py::arg("measures") = measures,
                            py::arg("expert") = i.expert_input));
    }
    return out;
}

// "reads": the ids of the inputs the condition reads (through measures too), e.g. to leave a gate
// unjudged (NA) where an input it reads is invalid.
py::list conditions_of(const scorecard& s, const std::vector<scorecard_condition>& conditions) {
    py::list out;
    for (const auto& g : conditions) {
        py::list reads;
        const std::uint64_t bits = s.inputs_read(g.parsed);
        for (std::size_t k = 0; k < s.inputs().size() && k < 64; ++k)
            if (bits >> k & 1u) reads.append(s.inputs()[k].id);
        out.append(py::dict(py::arg("id") = g.id, py::arg("condition") = g.condition,
                            py::arg("message_zh") = g.message_zh, py::arg("message_en") = g.message_en,
                            py::arg("reads") = reads));
    }
    return out;
}

py::list controllables_of(const scorecard& s) {
    py::list out;
    for (const auto& c : s.controllables())
        out.append(py::dict(py::arg("input") = c.input, py::arg("step") = c.step, py::arg("also_adds") = c.also_adds,
                            py::arg("cost") = c.cost, py::arg("label_zh") = c.label_zh,
                            py::arg("label_en") = c.label_en));
    return out;
}

void register_scorecard_class(py::module_& m) {
    py::class_<scorecard>(m, "Scorecard", "A qualification rule pack (use zhibiao.scorecards).")
        .def_static("builtin", &scorecard::builtin, py::arg("id"), py::return_value_policy::reference)
        .def_static("builtin_ids", &scorecard::builtin_ids)
        .def_static("load", &scorecard::load, py::arg("path"))
        .def_static("from_toml", &scorecard::from_toml, py::arg("text"), py::arg("source") = "<scorecard>")
        .def_property_readonly("id", [](const scorecard& c) { return c.id(); })
        .def_property_readonly("name_zh", [](const scorecard& c) { return c.name_zh(); })
        .def_property_readonly("name_en", [](const scorecard& c) { return c.name_en(); })
        .def_property_readonly("source", [](const scorecard& c) { return c.source(); })
        .def_property_readonly("has_ranges", &scorecard::has_ranges)
        .def_property_readonly("ranged_items", &scorecard::ranged_items,
                               "Items whose bands give ranges of points: the columns of points_lo and points_hi.")
        .def_property_readonly("narrow_points", &scorecard::narrow_points,
                               "Points and totals are stored as float32 (exact).")
        .def_property_readonly("engine", &scorecard::engine)
        .def_property_readonly("inputs", &inputs_of)
        .def_property_readonly("items", &items_of)
        .def_property_readonly("gates", [](const scorecard& s) { return conditions_of(s, s.gates()); })
        .def_property_readonly("validity", [](const scorecard& s) { return conditions_of(s, s.validity()); })
        .def_property_readonly("routes",
                               [](const scorecard& s) {
                                   std::vector<std::string> ids;
                                   for (const auto& r : s.routes()) ids.push_back(r.id);
                                   return ids;
                               })
        .def_property_readonly("pass_rule", [](const scorecard& s) { return s.pass_rule().condition; })
        .def_property_readonly("controllables", &controllables_of);
}

// Read-only views whose base is the result, which they keep alive: no copies.
template <class T>
py::array result_view(py::handle owner, const T* data, std::size_t rows, std::size_t columns, bool matrix) {
    const auto n = static_cast<py::ssize_t>(rows);
    std::vector<py::ssize_t> shape{n}, strides{static_cast<py::ssize_t>(sizeof(T))};
    if (matrix)
        shape.push_back(static_cast<py::ssize_t>(columns)), strides.push_back(static_cast<py::ssize_t>(sizeof(T)) * n);
    py::array a(py::dtype::of<T>(), shape, strides, data, owner);
    a.attr("flags").attr("writeable") = false;
    return a;
}

py::array points_view(py::handle owner, const points_array& a, bool matrix) {
    const auto rows = static_cast<std::size_t>(a.rows()), cols = static_cast<std::size_t>(a.cols());
    if (a.narrow()) return result_view(owner, a.floats(), rows, cols, matrix);
    return result_view(owner, a.doubles(), rows, cols, matrix);
}

py::dict result_arrays(py::object self) {
    const auto& r = self.cast<const scorecard_result&>();
    py::dict d;
    d["status"] = result_view(self, r.status.data(), r.rows, 0, false);
    // The flags of earlier versions, derived from the status (copies, 1 byte a firm each).
    py::array_t<std::uint8_t> valid(static_cast<py::ssize_t>(r.rows)), eligible(valid.size()), passed(valid.size());
    for (std::size_t i = 0; i < r.rows; ++i)
        valid.mutable_data()[i] = r.valid(i), eligible.mutable_data()[i] = r.eligible(i),
        passed.mutable_data()[i] = r.passed(i);
    d["valid"] = valid, d["eligible"] = eligible, d["passed"] = passed;
    d["route"] = result_view(self, r.route.data(), r.rows, 0, false);
    d["problems"] = result_view(self, r.problems.data(), r.rows, 0, false);
    d["total"] = points_view(self, r.total, false);
    d["total_lo"] = points_view(self, r.total_lo, false);
    d["total_hi"] = points_view(self, r.total_hi, false);
    d["points"] = points_view(self, r.points, true);
    d["points_lo"] = points_view(self, r.points_lo, true);
    d["points_hi"] = points_view(self, r.points_hi, true);
    d["alternative"] =
        result_view(self, r.alternative.data(), r.rows, static_cast<std::size_t>(r.alternative.cols()), true);
    d["gates"] = result_view(self, r.gates.data(), r.rows, static_cast<std::size_t>(r.gates.cols()), true);
    return d;
}

py::object evaluate_into(const scorecard& card, const column_list& columns, const std::string& policy, unsigned threads,
                         py::object out) {
    scorecard_columns in = columns_of(card, columns);
    const points_policy p = policy_of(policy);
    if (out.is_none()) {
        scorecard_result result;
        {
            py::gil_scoped_release release;  // scoring reads only the NumPy buffers converted above
            card.evaluate_into(in, result, p, threads);
        }
        return py::cast(std::move(result));
    }
    // Batch scoring block after block: the result's storage is reused when the sizes match
    // (views from its arrays() then show the new block, as NumPy's out= does).
    auto& result = out.cast<scorecard_result&>();
    // Same shape or nothing: a reallocation would leave those views pointing at freed memory.
    if (result.rows != in.rows || result.points.cols() != static_cast<Eigen::Index>(card.items().size()) ||
        result.gates.cols() != static_cast<Eigen::Index>(card.gates().size()) ||
        (result.total_lo.size() > 0) != card.has_ranges() || result.points.narrow() != card.narrow_points() ||
        result.points_lo.cols() != static_cast<Eigen::Index>(card.has_ranges() ? card.ranged_items().size() : 0))
        throw error("out holds the results of " + detail::counted(result.rows, "firm") + " of another shape; scoring " +
                    detail::counted(in.rows, "firm") + " with '" + card.id() + "' needs a result of its own shape");
    {
        py::gil_scoped_release release;
        card.evaluate_into(in, result, p, threads);
    }
    return out;
}

void register_scorecard_inputs(py::module_& m) {
    py::class_<scorecard_inputs>(m, "ScorecardInputs",
                                 "A pack's input columns taken from a panel, in the pack's units.")
        .def_property_readonly("rows", &scorecard_inputs::rows)
        .def(
            "columns",
            [](py::object self) {
                const auto& in = self.cast<const scorecard_inputs&>();
                py::list out;
                for (const double* c : in.columns().columns) {
                    if (!c) {
                        out.append(py::none());
                        continue;
                    }
                    // A read-only view whose base is the inputs object, which keeps the storage alive.
                    out.append(result_view(self, c, in.rows(), 0, false));
                }
                return out;
            },
            "One read-only float64 array per pack input (None: an absent optional input).")
        .def(
            "unreadable",
            [](const scorecard_inputs& in) {
                const auto& bits = in.unreadable();
                py::array_t<std::uint64_t> out(static_cast<py::ssize_t>(bits.size()));
                std::copy(bits.begin(), bits.end(), out.mutable_data());
                return out;
            },
            "Per firm, bit k: input k held a cell invalid for computing (unreadable, negative, an invalid part); empty "
            "when none did.")
        .def(
            "invalid_reason",
            [](const scorecard_inputs& in, std::size_t row, std::size_t input) {
                if (row >= in.rows() || input >= in.columns().columns.size())
                    throw py::index_error("invalid_reason: row or input out of range");
                return static_cast<int>(in.invalid_reason(row, input));
            },
            py::arg("row"), py::arg("input"),
            "The reason code (an index into reason_names) of an invalid cell; 0 where unreadable() has no bit.")
        .def(
            "renamed", [](const scorecard_inputs& in) { return in.renamed(); },
            "(column heading, input id) of each input read from a column headed with a Chinese name.");
    m.def(
        "scorecard_check_units",
        [](const scorecard& card, const std::vector<std::pair<std::string, std::string>>& units) {
            card.check_units(units);
        },
        py::arg("card"), py::arg("units"),
        "Every key of `units` names an input of the pack (scorecard::check_units): else LookupError.");
    m.def(
        "scorecard_convert_input",
        [](const scorecard& card, std::size_t k, const unit& from,
           py::array_t<double, py::array::c_style | py::array::forcecast> values) {
            if (k >= card.inputs().size())
                throw py::index_error("scorecard_convert_input: no input " + std::to_string(k));
            py::array_t<double> out(values.request().shape);
            card.convert_input(k, from, values.data(), out.mutable_data(), static_cast<std::size_t>(values.size()));
            return out;
        },
        py::arg("card"), py::arg("k"), py::arg("from_unit"), py::arg("values"),
        "Values of input k given in `from_unit`, in the pack's unit (scorecard::convert_input: a whole number as "
        "written stays whole); IncompatibleUnitsError when they cannot convert.");
    m.def(
        "scorecard_input_columns",
        [](const scorecard& card, const std::vector<std::string>& headings) { return card.input_columns(headings); },
        py::arg("card"), py::arg("headings"),
        "The heading of the column that holds each input, '' for none: its id or a Chinese heading "
        "(scorecard::input_columns); LookupError when two columns give one input or a heading could be several.");
    m.def(
        "scorecard_absent_input_problem",
        [](const scorecard& card, const std::vector<std::string>& headings, std::size_t k) {
            return card.absent_input_problem(headings, k);
        },
        py::arg("card"), py::arg("headings"), py::arg("k"),
        "What is wrong when input k has no column among `headings` (a required input missing, a "
        "heading misspelling an input), or '' (scorecard::absent_input_problem).");
    m.def(
        "scorecard_panel_inputs",
        [](const scorecard& card, const panel& p, const std::vector<std::pair<std::string, std::string>>& units) {
            return card.inputs_from(p, units);
        },
        py::arg("card"), py::arg("panel"), py::arg("units") = std::vector<std::pair<std::string, std::string>>{},
        "The pack's inputs from a panel, found by name and converted to the pack's units (scorecard::inputs_from).");
}

py::list gaps_to_python(const std::vector<firm_gap>& gaps) {
    py::list out;
    for (const auto& g : gaps) {
        py::list routes;
        for (const auto& e : g.routes)
            routes.append(py::dict(py::arg("input") = e.input, py::arg("change") = e.change, py::arg("cost") = e.cost,
                                   py::arg("closed_form") = e.closed_form));
        out.append(py::dict(py::arg("already_passes") = g.already_passes, py::arg("invalid") = g.invalid,
                            py::arg("status") = status_name(g.status), py::arg("routes") = routes,
                            py::arg("cheapest") = g.cheapest, py::arg("blocked_by") = g.blocked_by));
    }
    return out;
}

void register_explain_and_gap(py::module_& m) {
    m.def(
        "scorecard_explain",
        [](const scorecard& card, const column_list& columns, const scorecard_result& result,
           const std::vector<std::size_t>& rows, const std::string& language) {
            scorecard_columns in = columns_of(card, columns);
            interruptible ctrl_c;
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
            interruptible ctrl_c;
            {
                py::gil_scoped_release release;  // solves and checks in C++ only
                gaps = card.gap(in, rows, costs, p);
            }
            return gaps_to_python(gaps);
        },
        py::arg("card"), py::arg("columns"), py::arg("rows"),
        py::arg("costs") = std::vector<std::pair<std::string, double>>{}, py::arg("policy") = "low");
}

}  // namespace

void register_scorecards(py::module_& m) {
    register_scorecard_class(m);
    py::list statuses;
    for (auto k : {firm_status::passed, firm_status::direct, firm_status::failed, firm_status::ineligible,
                   firm_status::invalid_input})
        statuses.append(status_name(k));
    m.attr("scorecard_statuses") = py::tuple(statuses);  // by code: a result's status column indexes it
    py::class_<scorecard_result>(m, "ScorecardResult")
        .def_property_readonly("rows", [](const scorecard_result& r) { return r.rows; })
        .def("arrays", &result_arrays,
             "Every result column as read-only NumPy views into this result (no copies; they keep it alive): status (a "
             "firm_status code), route, problems, total and points (float32 where exact, else float64), "
             "total_lo/total_hi, "
             "points_lo/points_hi (columns: the pack's ranged_items), alternative, gates; valid, eligible and passed "
             "are "
             "derived from status (copies).");
    m.def("scorecard_evaluate", &evaluate_into, py::arg("card"), py::arg("columns"), py::arg("policy") = "low",
          py::arg("threads") = 0u, py::arg("out") = py::none(),
          "Scores every firm; with `out`, into that result, reusing its storage.");
    register_scorecard_inputs(m);
    register_explain_and_gap(m);
}

}  // namespace zhibiao::python
