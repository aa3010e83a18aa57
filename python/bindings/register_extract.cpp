// Report text → facts: the extractor, the report decoder and the Chinese numeral reader.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>
#include <cstdint>

#include "bindings.hpp"
#include "io/written_number.hpp"
#include "zhibiao/csv.hpp"
#include "zhibiao/error.hpp"
#include "zhibiao/extract.hpp"

namespace zhibiao::python {
namespace {

// Every numeric column the table does not hold in its own dtype (offsets, category codes, flags)
// as a contiguous view of one NumPy array of bytes (its base), each column 64-byte aligned. NumPy
// puts an array of 4 MB or more on transparent huge pages, one page fault per 2 MiB; columns
// allocated one by one (or a block per dtype: the 16 flag columns of 8 MB of text are 3.7 MB) were
// fresh memory on every call (glibc maps a block as large as the one just freed anew), a fault per
// 4 KiB page, and on this kind of virtual machine a fault costs more than filling its page
// (bench/NOTES.md). A column kept alive keeps the block.
class column_block {
public:
    template <class T>
    static std::size_t bytes_of(std::size_t rows) {
        return (rows * sizeof(T) + 63) / 64 * 64;
    }
    column_block(std::size_t rows, std::size_t bytes)
        : rows_(rows), block_(static_cast<py::ssize_t>(std::max<std::size_t>(bytes, 64) + 64)) {
        const auto start = reinterpret_cast<std::uintptr_t>(block_.mutable_data());
        next_ = static_cast<std::size_t>((64 - start % 64) % 64);
    }
    // The next column: its view and where to write its rows.
    template <class T>
    std::pair<py::array_t<T>, T*> next() {
        T* data = reinterpret_cast<T*>(block_.mutable_data() + next_);
        next_ += bytes_of<T>(rows_);
        return {py::array_t<T>(static_cast<py::ssize_t>(rows_), data, block_), data};
    }
    template <class T, class From>
    py::array_t<T> copy_of(const std::vector<From>& values) {
        auto [column, data] = next<T>();
        std::copy(values.begin(), values.end(), data);
        return column;
    }

private:
    std::size_t rows_, next_ = 0;
    py::array_t<std::uint8_t> block_;
};

// A column that takes over a vector of the table in the dtype it goes out in (value, high, guess:
// float64), instead of a copy into the block: no fresh memory to fault in, and the vector's pages
// are warm from the reader. The array owns the vector (a capsule frees it with the last view).
template <class T>
py::array_t<T> handed_over(std::vector<T>& values) {
    auto owned = std::make_unique<std::vector<T>>(std::move(values));
    const auto rows = static_cast<py::ssize_t>(owned->size());
    T* data = owned->data();
    py::capsule owner(owned.get(), [](void* p) { delete static_cast<std::vector<T>*>(p); });
    owned.release();                          // the capsule frees it from here on
    if (rows == 0) return py::array_t<T>(0);  // an empty vector may have no storage to view
    return py::array_t<T>(rows, data, owner);
}

// A label column (variable, unit, period, …) as pandas builds a Categorical from it
// (Categorical.from_codes): codes and the distinct texts the column holds, sorted as Python sorts
// str (code point order, which is UTF-8 byte order), so that sorting the column sorts the texts.
// The codes come in the dtype pandas keeps them in (int8 for fewer than 127 texts, then int16,
// int32), which it then takes without a copy. No Python object per row: one str per text of the
// table (fact_table::strings), made once.
struct label_plan {
    const std::vector<std::uint32_t>* ids = nullptr;
    std::vector<std::int32_t> code_of;  // by text id
    py::list categories;
    std::size_t code_bytes() const {
        const std::size_t n = categories.size();
        return n < 127 ? 1 : n < 32767 ? 2 : 4;
    }
    std::size_t block_bytes(std::size_t rows) const {
        const std::size_t k = code_bytes();
        return k == 1   ? column_block::bytes_of<std::int8_t>(rows)
               : k == 2 ? column_block::bytes_of<std::int16_t>(rows)
                        : column_block::bytes_of<std::int32_t>(rows);
    }
};

class label_columns {
public:
    explicit label_columns(const fact_table& t) : table_(t), distinct_(t.strings.size()) {}
    label_plan plan(const std::vector<std::uint32_t>& ids) {
        label_plan p;
        p.ids = &ids;
        p.code_of.assign(table_.strings.size(), -1);
        std::vector<std::uint32_t> used;
        for (const std::uint32_t id : ids)
            if (p.code_of[id] < 0) p.code_of[id] = 0, used.push_back(id);
        std::sort(used.begin(), used.end(),
                  [&](std::uint32_t a, std::uint32_t b) { return table_.strings[a] < table_.strings[b]; });
        p.categories = py::list(used.size());
        for (std::size_t k = 0; k < used.size(); ++k) {
            p.code_of[used[k]] = static_cast<std::int32_t>(k);
            p.categories[k] = text(used[k]);
        }
        return p;
    }
    static py::tuple column(const label_plan& p, column_block& block) {
        const std::size_t k = p.code_bytes();
        py::array codes = k == 1   ? write<std::int8_t>(p, block)
                          : k == 2 ? write<std::int16_t>(p, block)
                                   : write<std::int32_t>(p, block);
        return py::make_tuple(codes, p.categories);
    }

private:
    template <class T>
    static py::array write(const label_plan& p, column_block& block) {
        auto [codes, data] = block.next<T>();
        for (const std::uint32_t id : *p.ids) *data++ = static_cast<T>(p.code_of[id]);
        return std::move(codes);
    }
    const py::object& text(std::uint32_t id) {
        if (!distinct_[id]) distinct_[id] = py::str(table_.strings[id]);
        return distinct_[id];
    }
    const fact_table& table_;
    std::vector<py::object> distinct_;  // a str made on first use (a null handle before)
};

// The qualifier column as label_columns gives the others (its four names sorted). Rows counted by
// the qualifiers, not t.size(): the values may be handed over already.
py::tuple qualifier_column(const fact_table& t, column_block& block) {
    static const char* names[] = {"approximate", "exact", "lower_bound", "upper_bound"};
    static const std::int8_t code_of[] = {1, 0, 2, 3};  // by qualifier: exact, approximate, lower, upper
    auto [codes, data] = block.next<std::int8_t>();
    for (std::size_t i = 0; i < t.qual.size(); ++i) data[i] = code_of[static_cast<int>(t.qual[i])];
    py::list categories;
    for (const char* name : names) categories.append(py::str(name));
    return py::make_tuple(codes, categories);
}

// The figures as written, a str per row. A report states the same figure texts again and again
// (50%, 1项, 2025年…): a row whose text was seen before shares that str instead of allocating its
// own (equal values, fewer objects and fresh pages). Every distinct text is kept, in an open-
// addressing table (linear probing, at most half full): 8 MB of the bench text has 233,366 rows
// and 1,471 distinct texts, of which a cache of 4,096 slots that evicted on a collision made
// 73,000 strs (colliding texts took turns), this table 1,471. A report of all-distinct figures
// keeps no more strs alive than its column holds anyway.
class figure_strings {
public:
    figure_strings() : slots_(std::size_t{1} << 12), shift_(64 - 12) {}
    // A new reference to a str of `figure`.
    PyObject* get(std::string_view figure) {
        const std::uint64_t h = hash(figure);
        for (std::size_t k = h >> shift_;; k = (k + 1) & (slots_.size() - 1)) {
            slot& s = slots_[k];
            if (!s.object) break;
            if (s.hash == h && s.text == figure) {
                Py_INCREF(s.object.ptr());
                return s.object.ptr();
            }
        }
        PyObject* o = PyUnicode_DecodeUTF8(figure.data(), static_cast<Py_ssize_t>(figure.size()), "replace");
        if (!o) throw py::error_already_set();
        if (2 * (used_ + 1) > slots_.size()) grow();
        place({figure, h, py::reinterpret_borrow<py::object>(o)});
        return o;
    }

private:
    static std::uint64_t hash(std::string_view text) {
        std::uint64_t h = 14695981039346656037ULL;  // FNV-1a: figures are a few bytes each
        for (const char c : text) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
        return h * 0x9E3779B97F4A7C15ULL;  // Fibonacci hashing: the slot is the high bits
    }
    struct slot {
        std::string_view text;  // views the table's quoted text, which outlives the strings
        std::uint64_t hash = 0;
        py::object object;
    };
    void place(slot&& s) {
        std::size_t k = s.hash >> shift_;
        while (slots_[k].object) k = (k + 1) & (slots_.size() - 1);
        slots_[k] = std::move(s), ++used_;
    }
    void grow() {
        std::vector<slot> old(slots_.size() * 2);
        old.swap(slots_);
        --shift_, used_ = 0;
        for (slot& s : old)
            if (s.object) place(std::move(s));
    }
    std::vector<slot> slots_;
    unsigned shift_;
    std::size_t used_ = 0;
};

py::array figure_column(const fact_table& t) {
    const std::size_t rows = t.text_end.size();  // not t.size(): the values may be handed over already
    py::array cells = py::module_::import("numpy").attr("empty")(rows, py::arg("dtype") = "object");
    PyObject** data = static_cast<PyObject**>(cells.mutable_data());
    figure_strings strings;
    for (std::size_t i = 0; i < rows; ++i) {
        PyObject* o = strings.get(t.figure(i));
        Py_XDECREF(data[i]);
        data[i] = o;
    }
    return cells;
}

// Label columns go as (codes, categories) pairs, which the Python layer makes Categoricals of.
// Offsets for Python are code point offsets (text[begin:end] is the figure); the byte offsets of
// the C++ structs go along as byte_begin/byte_end.
py::dict fact_columns(fact_table& t) {  // value, high and guess are moved out
    label_columns labels(t);
    const std::array<label_plan, 10> plans = {labels.plan(t.variable), labels.plan(t.unit),   labels.plan(t.period),
                                              labels.plan(t.phrase),   labels.plan(t.damage), labels.plan(t.status),
                                              labels.plan(t.stage),    labels.plan(t.scope),  labels.plan(t.level),
                                              labels.plan(t.entity)};
    const std::size_t rows = t.size(), flag_count = fact_flag_names().size();
    std::size_t bytes = 6 * column_block::bytes_of<std::int64_t>(rows) +
                        (flag_count + 2) * column_block::bytes_of<std::uint8_t>(rows);  // + the qualifier, decimals
    for (const label_plan& p : plans) bytes += p.block_bytes(rows);
    column_block block(rows, bytes);
    py::dict out;
    out["variable"] = label_columns::column(plans[0], block);
    out["value"] = handed_over(t.value), out["high"] = handed_over(t.high);
    out["unit"] = label_columns::column(plans[1], block), out["qualifier"] = qualifier_column(t, block);
    out["period"] = label_columns::column(plans[2], block);
    out["text"] = figure_column(t);
    {  // the decimals each figure was written with (detail::figure_decimals, as read_csv's cells)
        auto [column, data] = block.next<std::uint8_t>();
        for (std::size_t i = 0; i < rows; ++i) data[i] = detail::figure_decimals(t.figure(i));
        out["decimals"] = column;
    }
    out["phrase"] = label_columns::column(plans[3], block), out["damage"] = label_columns::column(plans[4], block);
    out["status"] = label_columns::column(plans[5], block), out["stage"] = label_columns::column(plans[6], block);
    out["scope"] = label_columns::column(plans[7], block), out["level"] = label_columns::column(plans[8], block);
    out["entity"] = label_columns::column(plans[9], block);
    out["guess"] = handed_over(t.guess);
    out["begin"] = block.copy_of<std::int64_t>(t.char_begin), out["end"] = block.copy_of<std::int64_t>(t.char_end);
    out["clause_begin"] = block.copy_of<std::int64_t>(t.clause_char_begin);
    out["clause_end"] = block.copy_of<std::int64_t>(t.clause_char_end);
    out["byte_begin"] = block.copy_of<std::int64_t>(t.begin), out["byte_end"] = block.copy_of<std::int64_t>(t.end);
    const auto& names = fact_flag_names();
    for (std::size_t k = 0; k < names.size(); ++k) {
        auto [column, data] = block.next<bool>();
        for (std::size_t i = 0; i < rows; ++i) data[i] = (t.flags[i] >> k) & 1U;
        out[py::str("flag_" + names[k])] = column;
    }
    return out;
}

py::dict finding_columns(const table_extraction& x) {
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

py::dict extraction_info(const table_extraction& x, const decoded_report& decoded, bool from_bytes,
                         const lexicon& words) {
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

// The UTF-8 text of a str, without a copy (the str keeps it while it lives: the caller's argument
// outlives the call); bytes and the rest as a copy. A copy of a large report is page faults only.
std::string_view text_of(const py::object& input, std::string& copy) {
    if (PyUnicode_Check(input.ptr())) {
        Py_ssize_t size = 0;
        const char* utf8 = PyUnicode_AsUTF8AndSize(input.ptr(), &size);
        if (!utf8) throw py::error_already_set();
        return std::string_view(utf8, static_cast<std::size_t>(size));
    }
    copy = input.cast<std::string>();
    return copy;
}

// The caller's lexicon, parsed into `own`, else the built-in one by reference: the reader keeps
// tables of the built-in lexicon (its phrase cuts) that a copy of it would build again each call.
const lexicon& chosen_lexicon(const std::optional<std::string>& toml, const std::string& source,
                              std::optional<lexicon>& own) {
    if (!toml) return builtin_lexicon();
    return own.emplace(lexicon_from_toml(*toml, source));
}

py::tuple extract_to_columns(const py::object& input, const std::optional<std::string>& lexicon_toml, bool guess,
                             const std::string& lexicon_source) {
    const bool from_bytes = py::isinstance<py::bytes>(input) || py::isinstance<py::bytearray>(input);
    std::string copy;
    const std::string_view given = text_of(input, copy);
    table_extraction x;
    decoded_report decoded;
    std::optional<lexicon> own_words;
    const lexicon* words = nullptr;
    interruptible ctrl_c;  // polled between blocks of figures
    {
        py::gil_scoped_release release;
        if (from_bytes) {
            check_text_file(given, "<report>");  // read_csv's "not a text file", before a binary reads as figures
            decoded = decode_report(given);
        }
        const std::string_view text = from_bytes ? std::string_view(decoded.text) : given;
        words = &chosen_lexicon(lexicon_toml, lexicon_source, own_words);
        extract_options options;
        options.guess = guess;
        x = extract_table(text, *words, options);
        if (from_bytes) decoded.text = replace_invalid_utf8(decoded.text);
    }
    py::dict info = extraction_info(x, decoded, from_bytes, *words);
    return py::make_tuple(fact_columns(x.facts), info);
}

// The tables of many reports as one, in report order: row i of the result is a row of report
// report[i], its offsets in that report's text. The label texts of all the tables stored once.
fact_table concatenated(std::vector<table_extraction>& parts, std::vector<std::uint32_t>& report) {
    fact_table out;
    std::size_t rows = 0, quoted = 0;
    for (const table_extraction& x : parts) rows += x.facts.size(), quoted += x.facts.quoted.size();
    report.reserve(rows);
    std::unordered_map<std::string, std::uint32_t> id_of{{std::string(), 0}};
    std::vector<std::uint32_t> ids;  // of one table's strings, in `out`
    const auto append = [](auto& to, const auto& from) { to.insert(to.end(), from.begin(), from.end()); };
    out.quoted.reserve(quoted);
    for (std::size_t k = 0; k < parts.size(); ++k) {
        fact_table& t = parts[k].facts;
        ids.assign(t.strings.size(), 0);
        for (std::size_t s = 1; s < t.strings.size(); ++s) {
            // looked up before inserting: most texts recur in every report, and emplace would
            // allocate a node (and copy the text) to find that out
            const auto found = id_of.find(t.strings[s]);
            if (found != id_of.end()) {
                ids[s] = found->second;
                continue;
            }
            ids[s] = static_cast<std::uint32_t>(out.strings.size());
            id_of.emplace(t.strings[s], ids[s]);
            out.strings.push_back(std::move(t.strings[s]));
        }
        for (const auto column :
             {&fact_table::variable, &fact_table::phrase, &fact_table::unit, &fact_table::period, &fact_table::damage,
              &fact_table::status, &fact_table::stage, &fact_table::scope, &fact_table::level, &fact_table::entity})
            for (const std::uint32_t id : t.*column) (out.*column).push_back(ids[id]);
        for (const auto column : {&fact_table::value, &fact_table::high, &fact_table::guess})
            append(out.*column, t.*column);
        for (const auto column : {&fact_table::flags, &fact_table::begin, &fact_table::end, &fact_table::clause_begin,
                                  &fact_table::clause_end, &fact_table::char_begin, &fact_table::char_end,
                                  &fact_table::clause_char_begin, &fact_table::clause_char_end})
            append(out.*column, t.*column);
        append(out.qual, t.qual);
        const std::size_t before = out.quoted.size();
        out.quoted += t.quoted;
        for (const std::size_t end : t.text_end) out.text_end.push_back(before + end);
        report.insert(report.end(), t.size(), static_cast<std::uint32_t>(k));
        t = fact_table();  // its memory back before the next is copied
    }
    return out;
}

// The findings of many reports as one table, with the report of each.
py::dict finding_columns(const std::vector<table_extraction>& parts) {
    std::vector<std::string> kind, quote, message;
    std::vector<std::size_t> report, begin, end, byte_begin, byte_end;
    for (std::size_t k = 0; k < parts.size(); ++k)
        for (const auto& f : parts[k].findings) {
            report.push_back(k), kind.push_back(f.kind), quote.push_back(f.text), message.push_back(f.message);
            begin.push_back(f.char_begin), end.push_back(f.char_end), byte_begin.push_back(f.begin),
                byte_end.push_back(f.end);
        }
    py::dict out;
    out["report"] = report, out["kind"] = kind, out["begin"] = begin, out["end"] = end, out["text"] = quote;
    out["message"] = message, out["byte_begin"] = byte_begin, out["byte_end"] = byte_end;
    return out;
}

// Many reports (str or bytes each; `names` for errors, or none: their indexes) read on `threads` into one table with a
// `report` column (the index of each row's report) and, per report, what extract's info holds.
py::tuple extract_many_to_columns(const py::list& inputs, const std::vector<std::string>& names,
                                  const std::optional<std::string>& lexicon_toml, bool guess,
                                  const std::string& lexicon_source, unsigned threads) {
    const std::size_t n = inputs.size();
    if (!names.empty() && names.size() != n) throw argument_error("extract_many: one name per text, or none");
    const auto label = [&](std::size_t k) {  // as extract_tables names a text in an error
        return names.empty() ? "report " + std::to_string(k) : "report '" + names[k] + "'";
    };
    std::vector<std::string> copies(n);
    std::vector<std::string_view> given(n);
    std::vector<bool> from_bytes(n);
    for (std::size_t k = 0; k < n; ++k) {
        const py::object item = inputs[k];
        from_bytes[k] = py::isinstance<py::bytes>(item) || py::isinstance<py::bytearray>(item);
        given[k] = text_of(item, copies[k]);  // a str's UTF-8 lives as long as the list
    }
    std::vector<decoded_report> decoded(n);
    std::vector<table_extraction> parts;
    std::optional<lexicon> own_words;
    const lexicon* words = nullptr;
    interruptible ctrl_c;  // polled between texts and between blocks of figures
    {
        py::gil_scoped_release release;
        std::vector<std::string_view> texts = given;
        for (std::size_t k = 0; k < n; ++k) {
            if (!from_bytes[k]) continue;
            check_text_file(given[k], label(k));  // read_csv's "not a text file", before a binary reads as figures
            decoded[k] = decode_report(given[k]);
            texts[k] = decoded[k].text;
            copies[k].clear(), copies[k].shrink_to_fit();
        }
        words = &chosen_lexicon(lexicon_toml, lexicon_source, own_words);
        extract_options options;
        options.guess = guess;
        parts = extract_tables(texts, *words, options, threads, names);
        for (std::size_t k = 0; k < n; ++k)
            if (from_bytes[k]) decoded[k].text = replace_invalid_utf8(decoded[k].text);
    }
    py::list invalid_bytes, invalid_offsets, encoding, text;
    for (std::size_t k = 0; k < n; ++k) {
        invalid_bytes.append(from_bytes[k] ? decoded[k].invalid_bytes : parts[k].invalid_bytes);
        invalid_offsets.append(py::cast(decoded[k].invalid_offsets));
        encoding.append(from_bytes[k] ? decoded[k].encoding : std::string("str"));
        text.append(from_bytes[k] ? py::object(py::str(decoded[k].text)) : py::object(inputs[k]));
    }
    py::dict info;
    info["invalid_bytes"] = invalid_bytes, info["invalid_byte_offsets"] = invalid_offsets;
    info["encoding"] = encoding, info["text"] = text, info["findings"] = finding_columns(parts);
    py::dict units;
    for (const auto& e : *words) units[py::str(e.variable)] = e.unit;
    info["lexicon_units"] = units;
    std::vector<std::uint32_t> report;
    fact_table all;
    {
        py::gil_scoped_release release;
        all = concatenated(parts, report);
    }
    py::dict columns = fact_columns(all);
    columns["report"] = py::array_t<std::uint32_t>(static_cast<py::ssize_t>(report.size()), report.data());
    return py::make_tuple(columns, info);
}

}  // namespace

void register_extract(py::module_& m) {
    m.def("extract", &extract_to_columns, py::arg("text"), py::arg("lexicon_toml") = py::none(),
          py::arg("guess") = false, py::arg("lexicon_source") = "<lexicon>",
          "Facts of a report: (columns, info); bytes are decoded as read_csv decodes them.");
    m.def("extract_many", &extract_many_to_columns, py::arg("texts"), py::arg("names") = std::vector<std::string>(),
          py::arg("lexicon_toml") = py::none(), py::arg("guess") = false, py::arg("lexicon_source") = "<lexicon>",
          py::arg("threads") = 0,
          "Facts of many reports (a list of str or bytes; names for errors) on `threads` (0: every core): (columns "
          "with a 'report' index column, info with a list per report).");
    m.def(
        "decode_text",
        [](const py::bytes& bytes) {
            const std::string_view given = bytes;
            decoded_report decoded;
            {
                py::gil_scoped_release release;
                check_text_file(given, "<report>");
                decoded = decode_report(given);
            }
            return py::make_tuple(py::str(replace_invalid_utf8(decoded.text)), decoded.encoding,
                                  decoded.invalid_offsets);
        },
        py::arg("data"),
        "(text, encoding, offsets of invalid bytes): bytes decoded by the detector read_csv and extract use "
        "(UTF-8 with or without BOM, GB18030 with or without BOM, UTF-16); ParseError for bytes that are not text.");
    m.def(
        "extract_core",
        [](const py::object& input) {
            std::string copy;
            const std::string_view text = text_of(input, copy);
            py::gil_scoped_release release;
            const table_extraction x = extract_table(text);
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
