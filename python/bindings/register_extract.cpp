// Report text → facts: the extractor, the report decoder and the Chinese numeral reader.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <unordered_map>

#include "bindings.hpp"
#include "zhibiao/error.hpp"
#include "zhibiao/extract.hpp"

namespace zhibiao::python {
namespace {

// Columns as numpy arrays (numbers, offsets, flags) and object arrays of str (texts): pandas
// takes them without converting a Python object per cell. A text column of few distinct values
// (variable, unit, period…) holds one str object per distinct value.
class text_column {
public:
    explicit text_column(std::size_t n)
        : cells_(py::module_::import("numpy").attr("empty")(n, py::arg("dtype") = "object")) {}
    void set(std::size_t i, const std::string& value) {
        auto it = distinct_.find(value);
        if (it == distinct_.end()) it = distinct_.emplace(value, py::str(value)).first;
        store(i, it->second);
    }
    void set_unique(std::size_t i, const std::string& value) { store(i, py::str(value)); }
    py::array take() { return std::move(cells_); }

private:
    void store(std::size_t i, const py::object& o) {
        PyObject** data = static_cast<PyObject**>(cells_.mutable_data());
        Py_XDECREF(data[i]);
        data[i] = o.inc_ref().ptr();
    }
    py::array cells_;  // numpy.empty(n, dtype=object): every cell None until set
    std::unordered_map<std::string, py::object> distinct_;
};

template <class T>
py::array_t<T> numbers(const std::vector<fact>& facts, T (*get)(const fact&)) {
    py::array_t<T> out(static_cast<py::ssize_t>(facts.size()));
    T* data = out.mutable_data();
    for (std::size_t i = 0; i < facts.size(); ++i) data[i] = get(facts[i]);
    return out;
}

void add_text_columns(py::dict& out, const std::vector<fact>& facts) {
    static const char* qualifiers[] = {"exact", "approximate", "lower_bound", "upper_bound"};
    const std::size_t n = facts.size();
    text_column variable(n), unit(n), qual(n), period(n), quote(n), phrase(n), damage(n), status(n), stage(n), scope(n);
    for (std::size_t i = 0; i < n; ++i) {
        const fact& f = facts[i];
        variable.set(i, f.variable), unit.set(i, f.amount.unit),
            qual.set(i, qualifiers[static_cast<int>(f.amount.qual)]);
        period.set(i, f.period), quote.set_unique(i, f.text), phrase.set(i, f.phrase), damage.set(i, f.damage);
        status.set(i, f.status), stage.set(i, f.stage), scope.set(i, f.scope);
    }
    out["variable"] = variable.take();
    out["value"] = numbers<double>(facts, [](const fact& f) { return f.amount.value; });
    out["high"] = numbers<double>(facts, [](const fact& f) { return f.amount.high; });
    out["unit"] = unit.take(), out["qualifier"] = qual.take(), out["period"] = period.take(),
    out["text"] = quote.take();
    out["phrase"] = phrase.take(), out["damage"] = damage.take();
    out["status"] = status.take(), out["stage"] = stage.take(), out["scope"] = scope.take();
    out["guess"] = numbers<double>(facts, [](const fact& f) { return f.guess; });
}

// Offsets for Python are code point offsets (text[begin:end] is the figure); the byte offsets of
// the C++ structs go along as byte_begin/byte_end.
py::dict fact_columns(const extraction& x) {
    const auto& facts = x.facts;
    py::dict out;
    add_text_columns(out, facts);
    using offset = std::int64_t;
    out["begin"] = numbers<offset>(facts, [](const fact& f) { return static_cast<offset>(f.char_begin); });
    out["end"] = numbers<offset>(facts, [](const fact& f) { return static_cast<offset>(f.char_end); });
    out["clause_begin"] =
        numbers<offset>(facts, [](const fact& f) { return static_cast<offset>(f.clause_char_begin); });
    out["clause_end"] = numbers<offset>(facts, [](const fact& f) { return static_cast<offset>(f.clause_char_end); });
    out["byte_begin"] = numbers<offset>(facts, [](const fact& f) { return static_cast<offset>(f.amount.begin); });
    out["byte_end"] = numbers<offset>(facts, [](const fact& f) { return static_cast<offset>(f.amount.end); });
    const auto& names = fact_flag_names();
    for (std::size_t k = 0; k < names.size(); ++k) {
        py::array_t<bool> column(static_cast<py::ssize_t>(facts.size()));
        bool* data = column.mutable_data();
        for (std::size_t i = 0; i < facts.size(); ++i)
            data[i] = std::find(facts[i].flags.begin(), facts[i].flags.end(), names[k]) != facts[i].flags.end();
        out[py::str("flag_" + names[k])] = column;
    }
    return out;
}

py::dict finding_columns(const extraction& x) {
    std::vector<std::string> kind, quote, message;
    std::vector<std::size_t> begin, end, byte_begin, byte_end;
    for (const auto& f : x.findings) {
        kind.push_back(f.kind), quote.push_back(f.text), message.push_back(f.message);
        begin.push_back(f.char_begin), end.push_back(f.char_end), byte_begin.push_back(f.begin),
            byte_end.push_back(f.end);
    }
    py::dict out;
    out["kind"] = kind, out["begin"] = begin, out["end"] = end, out["text"] = quote, out["message"] = message;
    out["byte_begin"] = byte_begin, out["byte_end"] = byte_end;
    return out;
}

py::dict extraction_info(const extraction& x, const decoded_report& decoded, bool from_bytes, const lexicon& words) {
    py::dict info;
    info["invalid_bytes"] = from_bytes ? decoded.invalid_bytes : x.invalid_bytes;
    info["invalid_byte_offsets"] = decoded.invalid_offsets;
    info["encoding"] = from_bytes ? decoded.encoding : std::string("str");
    if (from_bytes) info["text"] = decoded.text;
    info["findings"] = finding_columns(x);
    py::dict units;  // the unit each variable is reported in, for conversion and panels
    for (const auto& e : words) units[py::str(e.variable)] = e.unit;
    info["lexicon_units"] = units;
    return info;
}

py::tuple extract_to_columns(const py::object& input, const std::optional<std::string>& lexicon_toml, bool guess) {
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
        extract_options options;
        options.guess = guess;
        x = extract(text, words, options);
        if (from_bytes) decoded.text = replace_invalid_utf8(decoded.text);
    }
    py::dict info = extraction_info(x, decoded, from_bytes, words);
    return py::make_tuple(fact_columns(x), info);
}

}  // namespace

void register_extract(py::module_& m) {
    m.def("extract", &extract_to_columns, py::arg("text"), py::arg("lexicon_toml") = py::none(),
          py::arg("guess") = false, "Facts of a report: (columns, info); bytes are decoded as read_csv decodes them.");
    m.def(
        "extract_core",
        [](const std::string& text) {
            py::gil_scoped_release release;
            const extraction x = extract(text);
            return std::make_pair(x.facts.size(), x.findings.size());
        },
        py::arg("text"), "The C++ extractor alone on UTF-8 text (for benchmarks): (facts, findings) counted.");
    m.def(
        "parse_chinese_number",
        [](const std::string& text) -> py::object {
            double v = 0;
            bool out_of_range = false;
            if (!parse_chinese_number(text, v, out_of_range)) return py::none();
            if (out_of_range) {
                std::size_t cut = std::min<std::size_t>(text.size(), 60);
                while (cut < text.size() && cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
                    --cut;  // whole characters
                throw limit_error("the Chinese numeral '" + text.substr(0, cut) + (cut < text.size() ? "…" : "") +
                                  "' is beyond the range of a double");
            }
            return py::float_(v);
        },
        py::arg("text"));
}

}  // namespace zhibiao::python
