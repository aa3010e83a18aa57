// Report text → facts: the extractor and the Chinese numeral reader.
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "zhibiao/extract.hpp"

namespace zhibiao::python {

void register_extract(py::module_& m) {
    m.def(
        "extract",
        [](const std::string& text, std::optional<std::string> lexicon_toml) {
            extraction x;
            {
                py::gil_scoped_release release;
                x = lexicon_toml ? extract(text, lexicon_from_toml(*lexicon_toml, "<lexicon>")) : extract(text);
            }
            static const char* qualifiers[] = {"exact", "approximate", "lower_bound", "upper_bound"};
            py::dict out;
            std::vector<std::string> variable, phrase, unit, qual, period, quote, clause, flags;
            std::vector<double> value, high;
            std::vector<std::size_t> begin, end;
            for (const auto& f : x.facts) {
                variable.push_back(f.variable), phrase.push_back(f.phrase), unit.push_back(f.amount.unit);
                qual.push_back(qualifiers[static_cast<int>(f.amount.qual)]), period.push_back(f.period);
                quote.push_back(f.text), clause.push_back(f.clause);
                std::string joined;
                for (const auto& flag : f.flags) joined += (joined.empty() ? "" : ",") + flag;
                flags.push_back(joined);
                value.push_back(f.amount.value), high.push_back(f.amount.high);
                begin.push_back(f.amount.begin), end.push_back(f.amount.end);
            }
            out["variable"] = variable, out["value"] = value, out["high"] = high, out["unit"] = unit, out["qualifier"] = qual;
            out["period"] = period, out["flags"] = flags, out["text"] = quote, out["phrase"] = phrase, out["clause"] = clause;
            out["begin"] = begin, out["end"] = end;
            return py::make_tuple(out, x.invalid_bytes);
        },
        py::arg("text"), py::arg("lexicon_toml") = py::none());
    m.def(
        "parse_chinese_number",
        [](const std::string& text) -> std::optional<double> {
            double v = 0;
            if (!parse_chinese_number(text, v)) return std::nullopt;
            return v;
        },
        py::arg("text"));
}

}  // namespace zhibiao::python
