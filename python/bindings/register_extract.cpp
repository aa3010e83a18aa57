// Report text → facts: the extractor, the report decoder and the Chinese numeral reader.
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "zhibiao/error.hpp"
#include "zhibiao/extract.hpp"

namespace zhibiao::python {
namespace {

// Offsets for Python are code point offsets (text[begin:end] is the figure); the byte offsets of
// the C++ structs go along as byte_begin/byte_end.
py::dict fact_columns(const extraction& x) {
    static const char* qualifiers[] = {"exact", "approximate", "lower_bound", "upper_bound"};
    std::vector<std::string> variable, phrase, unit, qual, period, quote, damage;
    std::vector<double> value, high;
    std::vector<std::size_t> begin, end, byte_begin, byte_end, clause_begin, clause_end;
    const auto& names = fact_flag_names();
    std::vector<std::vector<bool>> flags(names.size());
    for (const auto& f : x.facts) {
        variable.push_back(f.variable), phrase.push_back(f.phrase), unit.push_back(f.amount.unit);
        qual.push_back(qualifiers[static_cast<int>(f.amount.qual)]), period.push_back(f.period);
        quote.push_back(f.text), damage.push_back(f.damage);
        value.push_back(f.amount.value), high.push_back(f.amount.high);
        begin.push_back(f.char_begin), end.push_back(f.char_end);
        byte_begin.push_back(f.amount.begin), byte_end.push_back(f.amount.end);
        clause_begin.push_back(f.clause_char_begin), clause_end.push_back(f.clause_char_end);
        for (std::size_t k = 0; k < names.size(); ++k)
            flags[k].push_back(std::find(f.flags.begin(), f.flags.end(), names[k]) != f.flags.end());
    }
    py::dict out;
    out["variable"] = variable, out["value"] = value, out["high"] = high, out["unit"] = unit, out["qualifier"] = qual;
    out["period"] = period, out["text"] = quote, out["phrase"] = phrase, out["damage"] = damage;
    out["begin"] = begin, out["end"] = end, out["clause_begin"] = clause_begin, out["clause_end"] = clause_end;
    out["byte_begin"] = byte_begin, out["byte_end"] = byte_end;
    for (std::size_t k = 0; k < names.size(); ++k) out[py::str("flag_" + names[k])] = flags[k];
    return out;
}

py::dict finding_columns(const extraction& x) {
    std::vector<std::string> kind, quote, message;
    std::vector<std::size_t> begin, end, byte_begin, byte_end;
    for (const auto& f : x.findings) {
        kind.push_back(f.kind), quote.push_back(f.text), message.push_back(f.message);
        begin.push_back(f.char_begin), end.push_back(f.char_end), byte_begin.push_back(f.begin), byte_end.push_back(f.end);
    }
    py::dict out;
    out["kind"] = kind, out["begin"] = begin, out["end"] = end, out["text"] = quote, out["message"] = message;
    out["byte_begin"] = byte_begin, out["byte_end"] = byte_end;
    return out;
}

}  // namespace

void register_extract(py::module_& m) {
    m.def(
        "extract",
        [](const py::object& input, std::optional<std::string> lexicon_toml) {
            const bool from_bytes = py::isinstance<py::bytes>(input) || py::isinstance<py::bytearray>(input);
            const std::string given = input.cast<std::string>();
            extraction x;
            decoded_report decoded;
            lexicon words;
            interruptible ctrl_c;  // polled between blocks of figures
            {
                py::gil_scoped_release release;
                if (from_bytes) decoded = decode_report(given);
                const std::string& text = from_bytes ? decoded.text : given;
                words = lexicon_toml ? lexicon_from_toml(*lexicon_toml, "<lexicon>") : builtin_lexicon();
                x = extract(text, words);
                if (from_bytes) decoded.text = replace_invalid_utf8(decoded.text);
            }
            py::dict info;
            info["invalid_bytes"] = from_bytes ? decoded.invalid_bytes : x.invalid_bytes;
            info["invalid_byte_offsets"] = decoded.invalid_offsets;
            info["encoding"] = from_bytes ? decoded.encoding : std::string("str");
            if (from_bytes) info["text"] = decoded.text;
            info["findings"] = finding_columns(x);
            py::dict units;  // the unit each variable is reported in, for conversion and panels
            for (const auto& e : words) units[py::str(e.variable)] = e.unit;
            info["lexicon_units"] = units;
            return py::make_tuple(fact_columns(x), info);
        },
        py::arg("text"), py::arg("lexicon_toml") = py::none(),
        "Facts of a report: (columns, info); bytes are decoded as read_csv decodes them.");
    m.def(
        "parse_chinese_number",
        [](const std::string& text) -> py::object {
            double v = 0;
            bool out_of_range = false;
            if (!parse_chinese_number(text, v, out_of_range)) return py::none();
            if (out_of_range) {
                std::size_t cut = std::min<std::size_t>(text.size(), 60);
                while (cut < text.size() && cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // whole characters
                throw limit_error("the Chinese numeral '" + text.substr(0, cut) + (cut < text.size() ? "…" : "") + "' is beyond the range of a double");
            }
            return py::float_(v);
        },
        py::arg("text"));
}

}  // namespace zhibiao::python
