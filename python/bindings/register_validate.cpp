// Validation rules over a panel.
#include <pybind11/eigen.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "bindings.hpp"
#include "zhibiao/validate.hpp"

namespace zhibiao::python {

namespace {

// One column of the findings as {"codes": int32 array, "labels": [str]}: a few distinct entities,
// periods, rules and severities repeat over a million findings, and a Python str per cell (with a
// copy of every std::string beside the report) took 2 GB for 1.3 million findings of a 100 MB file.
py::dict coded_column(const std::vector<finding>& findings, std::string finding::*field) {
    std::unordered_map<std::string_view, std::int32_t> seen;
    py::array_t<std::int32_t> codes(static_cast<py::ssize_t>(findings.size()));
    auto* out = codes.mutable_data();
    py::list labels;
    for (std::size_t k = 0; k < findings.size(); ++k) {
        const std::string& text = findings[k].*field;
        auto [at, added] = seen.try_emplace(text, static_cast<std::int32_t>(seen.size()));
        if (added) labels.append(py::str(text));
        out[k] = at->second;
    }
    py::dict column;
    column["codes"] = codes;
    column["labels"] = labels;
    return column;
}

// The columns of the findings; each message is freed once it is a Python str, so the report and
// its copy never both hold every message.
py::dict finding_columns(std::vector<finding>& findings) {
    py::dict d;
    for (auto [name, field] : {std::pair{"entity", &finding::entity}, std::pair{"period", &finding::period},
                               std::pair{"variable", &finding::variable}, std::pair{"rule", &finding::rule},
                               std::pair{"severity", &finding::severity}})
        d[name] = coded_column(findings, field);
    py::list messages(findings.size());
    for (std::size_t k = 0; k < findings.size(); ++k) {
        messages[k] = py::str(findings[k].message);
        std::string().swap(findings[k].message);
    }
    d["message"] = messages;
    return d;
}

}  // namespace

void register_validate(py::module_& m) {
    py::class_<rule>(m, "Rule")
        .def_readonly("id", &rule::id)
        .def_readonly("severity", &rule::severity)
        .def_readonly("variable", &rule::variable)
        .def_readonly("check", &rule::check)
        .def_readonly("message", &rule::message);
    m.def("builtin_rules", [] { return builtin_rules(); });
    m.def("rules_from_toml", &rules_from_toml, py::arg("text"), py::arg("source") = "<rules>");
    m.def(
        "totals_rows",
        [](const std::vector<std::string>& texts) {
            std::vector<std::size_t> found;
            for (std::size_t k = 0; k < texts.size(); ++k)
                if (looks_like_totals_row(texts[k])) found.push_back(k);
            return found;
        },
        py::arg("texts"), "The positions of the texts that are a totals row's (validate.hpp looks_like_totals_row).");
    m.def(
        "is_nation", [](const std::string& text) { return is_nation(text); }, py::arg("text"),
        "Whether a code or name is the nation (validate.hpp is_nation: 全国, 全国平均, 中国…).");
    m.def(
        "totals_entities",
        [](const panel& p) {
            // Read in place: a panel of 10^5 firms listed to Python first took a third of compute().
            std::vector<std::size_t> found;
            for (std::size_t e = 0; e < p.entity_count(); ++e)
                if (looks_like_totals_row(p.entity_code(e)) || looks_like_totals_row(p.entity_name(e)))
                    found.push_back(e);
            return found;
        },
        py::arg("panel"), "The entities whose code or name is a totals row's (validate.hpp looks_like_totals_row).");
    m.def(
        "validate",
        [](const panel& p, const std::vector<rule>& rules, const catalogue* cat) {
            validation_report r;
            {
                py::gil_scoped_release release;  // evaluates formulas over the panel: pure C++
                r = validate(p, rules, cat ? *cat : catalogue::builtin());
            }
            return py::make_tuple(finding_columns(r.findings), r.skipped, r.rules_applied);
        },
        py::arg("panel"), py::arg("rules"), py::arg("catalogue") = nullptr);
}

}  // namespace zhibiao::python
