// The MCDM variants of the composite stage for direct use on a units × criteria matrix: the
// normalisations (with the cost forms and the z-score target) and VIKOR's compromise solution.
#include <pybind11/eigen.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "composite/position_labels.hpp"
#include "zhibiao/composite/mcdm.hpp"
#include "zhibiao/composite/normalise.hpp"
#include "zhibiao/composite/options.hpp"

namespace zhibiao::python {

void register_mcdm(py::module_& m) {
    namespace cp = zhibiao::composite;
    // The C++ rule that says a refusal's "unit 2" / "criterion 1" by a DataFrame's labels
    // (src/composite/position_labels.hpp), for _mcdm.naming_labels: one rule, not a copy in Python.
    m.def(
        "composite_label_positions",
        [](const std::string& text, std::vector<std::string> unit_labels, std::vector<bool> unit_missing,
           std::vector<std::string> criterion_labels, std::vector<bool> criterion_missing) {
            const cp::detail::labelled_text said =
                cp::detail::label_positions(text, {std::move(unit_labels), "", std::move(unit_missing)},
                                            {std::move(criterion_labels), "", std::move(criterion_missing)});
            return py::make_tuple(said.text, said.unit, said.criterion);
        },
        py::arg("text"), py::arg("unit_labels"), py::arg("unit_missing"), py::arg("criterion_labels"),
        py::arg("criterion_missing"));
    m.def(
        "composite_normalise",
        [](const Eigen::MatrixXd& x, const std::vector<int>& directions, const std::string& method,
           const std::string& cost, double low, double high, double target_mean, double target_sd,
           const std::vector<std::string>& names) {
            cp::normalise_options o;
            o.method = cp::choose(cp::normalisation_choices, method, "normalise", "method");
            o.cost = cp::choose(cp::cost_choices, cost, "normalise", "cost");
            o.low = low, o.high = high, o.target_mean = target_mean, o.target_sd = target_sd;
            return cp::normalise(x, directions, o, names);  // a DataFrame's labels name its columns
        },
        py::arg("x"), py::arg("directions"), py::arg("method"), py::arg("cost") = "negate", py::arg("low") = 0.0,
        py::arg("high") = 100.0, py::arg("target_mean") = 0.0, py::arg("target_sd") = 1.0,
        py::arg("names") = std::vector<std::string>{});
    m.def(
        "composite_vikor_compromise",
        [](const Eigen::MatrixXd& x, const Eigen::VectorXd& w, const std::vector<int>& types, double v,
           const std::string& ranks, const std::string& best_tie) {
            const cp::vikor_ranks how = cp::choose(cp::vikor_ranks_choices, ranks, "vikor_compromise", "ranks");
            const cp::vikor_best_tie tie =
                cp::choose(cp::vikor_best_tie_choices, best_tie, "vikor_compromise", "best_tie");
            const cp::vikor_result r = cp::vikor(x, w, types, v, tie);
            py::dict d;
            d["S"] = r.s, d["R"] = r.r, d["Q"] = r.q, d["ranking"] = cp::vikor_ranking(r, how);
            d["compromise"] = r.compromise;
            d["acceptable_advantage"] = r.acceptable_advantage, d["acceptable_stability"] = r.acceptable_stability,
            d["dq"] = r.dq;
            return d;
        },
        py::arg("x"), py::arg("weights"), py::arg("types") = std::vector<int>{}, py::arg("v") = 0.5,
        py::arg("ranks") = "min", py::arg("best_tie") = "literal");
    m.def(
        "composite_waspas",
        [](const Eigen::MatrixXd& x, const Eigen::VectorXd& w, const std::vector<int>& types, double wsm_share,
           const std::string& inner) {
            const cp::waspas_result r =
                cp::waspas(x, w, types, wsm_share, cp::choose(cp::waspas_choices, inner, "waspas", "inner"));
            py::dict d;
            d["score"] = r.score, d["wsm"] = r.wsm, d["wpm"] = r.wpm;
            return d;
        },
        py::arg("x"), py::arg("weights"), py::arg("types") = std::vector<int>{}, py::arg("wsm_share") = 0.5,
        py::arg("inner") = "linear");
    m.def("composite_mean_min", &cp::mean_min, py::arg("x"), py::arg("alpha"), py::arg("beta"),
          py::arg("standardise") = false);
}

}  // namespace zhibiao::python
