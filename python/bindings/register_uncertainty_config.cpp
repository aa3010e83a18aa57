// The [uncertainty] section of a model TOML, read by the C++ reader (uncertainty_config.hpp):
// Python receives the assumptions as the keyword arguments of zb.composite.uncertainty, each
// alternative as (label, step kind, {parameter: value}) for its step class.
#include <pybind11/eigen.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "zhibiao/composite/options.hpp"
#include "zhibiao/composite/uncertainty_config.hpp"

namespace zhibiao::python {
namespace {

namespace cp = zhibiao::composite;

py::dict parameters_of(const cp::step& s) {
    py::dict out;
    for (const cp::option_spec* o : cp::options_of(cp::kind_of(s)))
        out[o->name.c_str()] = std::visit([](const auto& x) -> py::object { return py::cast(x); }, o->get(s));
    return out;
}

/// [(label, kind, parameters)] of a choice; `step_of` makes each option a step again.
template <class T, class F>
py::list alternatives_of(const cp::alternatives<T>& a, F&& step_of) {
    py::list out;
    for (std::size_t k = 0; k < a.options.size(); ++k) {
        const cp::step s = step_of(a.options[k]);
        out.append(py::make_tuple(a.labels.at(k), cp::kind_of(s), parameters_of(s)));
    }
    return out;
}

py::dict levels_of(const std::vector<cp::weight_noise>& noise) {
    py::dict out;
    for (const auto& n : noise) out[py::int_(n.level)] = n.fraction;
    return out;
}

py::dict config_of(const cp::uncertainty_config& c) {
    const cp::uncertainty_spec& s = c.spec;
    py::dict out, dirichlet, probabilities;
    out["present"] = c.present, out["replications"] = c.replications, out["seed"] = c.seed;
    out["weights_noise"] = levels_of(s.noise);
    for (const auto& d : s.dirichlet) dirichlet[py::int_(d.level)] = d.concentration;
    out["weights_dirichlet"] = dirichlet;
    out["winmax"] = s.winmax_varies() ? py::object(py::make_tuple(s.winmax_low, s.winmax_high)) : py::none();
    out["exclude_indicator"] = s.exclude_indicator;
    out["weighting"] = alternatives_of(s.weighting, [&](const cp::weight_options& o) {
        cp::weigh_step w;
        w.options = o, w.levels = s.weighting_levels;
        return cp::step(w);
    });
    out["aggregation"] = alternatives_of(s.aggregation, [&](const cp::aggregate_options& o) {
        cp::aggregate_step a;
        a.options = o, a.levels = s.aggregation_levels;
        return cp::step(a);
    });
    out["normalisation"] = alternatives_of(s.normalisation, [](const cp::normalise_step& n) { return cp::step(n); });
    out["imputation"] = alternatives_of(s.imputation, [](const cp::impute_step& i) { return cp::step(i); });
    const std::pair<const char*, const std::vector<double>*> given[] = {
        {"weighting", &s.weighting.probabilities},
        {"aggregation", &s.aggregation.probabilities},
        {"normalisation", &s.normalisation.probabilities},
        {"imputation", &s.imputation.probabilities}};
    for (const auto& [name, p] : given)
        if (!p->empty()) probabilities[name] = *p;
    out["probabilities"] = probabilities;
    return out;
}

}  // namespace

void register_uncertainty_config(py::module_& m) {
    m.def(
        "composite_uncertainty_config",
        [](std::string_view text, const std::string& source) { return config_of(cp::parse_uncertainty(text, source)); },
        py::arg("text"), py::arg("source") = "<string>",
        "The [uncertainty] section of a model TOML: settings, assumptions, and each choice's alternatives as "
        "(label, step kind, parameters).");
}

}  // namespace zhibiao::python
