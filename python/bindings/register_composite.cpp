// Composite scoring: the framework tree, normalisation, aggregation and ranks.
#include <pybind11/eigen.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "zhibiao/composite/aggregate.hpp"
#include "zhibiao/composite/framework.hpp"
#include "zhibiao/composite/normalise.hpp"

namespace zhibiao::python {
namespace {
composite::normalisation normalisation_of(const std::string& m) {
    using composite::normalisation;
    static const std::pair<const char*, normalisation> names[] = {
        {"minmax", normalisation::minmax},       {"zscore", normalisation::zscore},
        {"rank", normalisation::rank},           {"borda", normalisation::borda},
        {"percentile", normalisation::percentile}, {"dist_to_max", normalisation::dist_to_max},
        {"frac_of_max", normalisation::frac_of_max}, {"goalposts", normalisation::goalposts},
        {"standard", normalisation::standard}};
    for (const auto& [name, value] : names)
        if (m == name) return value;
    throw error("unknown normalisation '" + m + "' (minmax, zscore, rank, borda, percentile, dist_to_max, frac_of_max, goalposts, standard)");
}
composite::aggregation aggregation_of(const std::string& m) {
    if (m == "arithmetic") return composite::aggregation::arithmetic;
    if (m == "geometric") return composite::aggregation::geometric;
    if (m == "harmonic") return composite::aggregation::harmonic;
    throw error("unknown aggregation '" + m + "' (arithmetic, geometric, harmonic)");
}
}  // namespace

void register_composite(py::module_& m) {
    py::class_<composite::framework>(m, "Framework", "The tree of a composite index (use zhibiao.composite.Framework).")
        .def(py::init([](const std::vector<std::string>& code, const std::vector<std::string>& parent, const std::vector<double>& weight,
                         const std::vector<int>& direction, const std::vector<int>& level) {
                 const std::size_t n = code.size();
                 if (parent.size() != n || weight.size() != n || direction.size() != n || level.size() != n)
                     throw error("framework columns differ in length");
                 std::vector<composite::node> nodes;
                 for (std::size_t k = 0; k < n; ++k) nodes.push_back({code[k], parent[k], weight[k], direction[k], level[k]});
                 return composite::framework(std::move(nodes));
             }),
             py::arg("code"), py::arg("parent"), py::arg("weight"), py::arg("direction"), py::arg("level"))
        .def_property_readonly("codes", [](const composite::framework& f) {
            std::vector<std::string> out;
            for (const auto& n : f.nodes()) out.push_back(n.code);
            return out;
        })
        .def_property_readonly("indicators", [](const composite::framework& f) {
            std::vector<std::string> out;
            for (int k : f.indicators()) out.push_back(f.at(k).code);
            return out;
        })
        .def_property_readonly("levels", [](const composite::framework& f) {
            std::vector<int> out;
            for (const auto& n : f.nodes()) out.push_back(n.level);
            return out;
        })
        .def_property_readonly("directions", [](const composite::framework& f) {
            std::vector<int> out;
            for (int k : f.indicators()) out.push_back(f.at(k).direction);
            return out;
        })
        .def("effective_weights", &composite::framework::effective_weights);

    m.def(
        "composite_normalise",
        [](const Eigen::MatrixXd& x, const std::vector<int>& direction, const std::string& method, double low, double high,
           std::vector<double> goal_low, std::vector<double> goal_high, std::vector<double> standard, const std::vector<std::string>& names) {
            composite::normalise_options o;
            o.method = normalisation_of(method);
            o.low = low;
            o.high = high;
            o.goal_low = std::move(goal_low);
            o.goal_high = std::move(goal_high);
            o.standard = std::move(standard);
            py::gil_scoped_release release;  // column statistics: pure C++
            return composite::normalise(x, direction, o, names);
        },
        py::arg("x"), py::arg("direction"), py::arg("method") = "minmax", py::arg("low") = 0.0, py::arg("high") = 100.0,
        py::arg("goal_low") = std::vector<double>{}, py::arg("goal_high") = std::vector<double>{},
        py::arg("standard") = std::vector<double>{}, py::arg("names") = std::vector<std::string>{});
    m.def(
        "composite_aggregate",
        [](const composite::framework& f, const Eigen::MatrixXd& normalised, const std::string& method) {
            const composite::aggregation a = aggregation_of(method);
            py::gil_scoped_release release;  // weighted means over the tree: pure C++
            return composite::aggregate(f, normalised, a);
        },
        py::arg("framework"), py::arg("normalised"), py::arg("method") = "arithmetic");
    m.def("composite_rank", [](const Eigen::VectorXd& scores) { return composite::rank_scores(scores); }, py::arg("scores"));
}

}  // namespace zhibiao::python
