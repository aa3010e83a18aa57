// Patents in force: the count from columnar records (dates as int32 days, regions as codes).
#include <pybind11/eigen.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <atomic>
#include <cmath>
#include <cstring>

#include "bindings.hpp"
#include "zhibiao/error.hpp"
#include "zhibiao/patents.hpp"

namespace zhibiao::python {

namespace {

// The UTF-8 bytes of a Python str that can be read without calling Python (compact ASCII, or
// one whose UTF-8 form is already cached): what worker threads may do while the calling
// thread holds the GIL and the array keeps its objects alive.
bool utf8_without_python(PyObject* o, std::string_view& text) {
    if (!PyUnicode_Check(o) || !PyUnicode_IS_READY(o)) return false;
    if (PyUnicode_IS_COMPACT_ASCII(o)) {
        text = {static_cast<const char*>(PyUnicode_DATA(o)), static_cast<std::size_t>(PyUnicode_GET_LENGTH(o))};
        return true;
    }
    const auto* compact = reinterpret_cast<const PyCompactUnicodeObject*>(o);
    if (!PyUnicode_IS_COMPACT(o) || compact->utf8 == nullptr) return false;
    text = {compact->utf8, static_cast<std::size_t>(compact->utf8_length)};
    return true;
}

constexpr std::size_t prefetch_distance = 16;

bool is_missing(PyObject* o) { return o == Py_None || (PyFloat_Check(o) && std::isnan(PyFloat_AS_DOUBLE(o))); }

// An object array's texts: str as its UTF-8, None and NaN missing, anything else as str(x)
// (pandas' astype(str)). In parallel while every cell is readable without Python; else again
// on this thread, which holds the GIL.
text_codes factorize_objects(const py::array& column, unsigned threads) {
    auto* const* cells = static_cast<PyObject* const*>(column.data());
    const auto n = static_cast<std::size_t>(column.size());
    std::atomic<bool> needs_python{false};
    text_codes codes = factorize_texts(
        n,
        [&](std::size_t i, std::string_view& text) {
            // Every str is its own block of memory: ask for the ones a few rows ahead now, so that
            // the loop does not wait for a cache miss per row (what bounds it).
            if (i + prefetch_distance < n) {
                const char* ahead = reinterpret_cast<const char*>(cells[i + prefetch_distance]);
                __builtin_prefetch(ahead);
                __builtin_prefetch(ahead + 63);  // the text of a short compact str ends in the next line
            }
            if (utf8_without_python(cells[i], text)) return true;
            if (!is_missing(cells[i])) needs_python.store(true, std::memory_order_relaxed);
            return false;
        },
        threads);
    if (!needs_python.load()) return codes;
    py::object held;  // keeps the text of str(x) alive until the next cell
    return factorize_texts(
        n,
        [&](std::size_t i, std::string_view& text) {
            if (is_missing(cells[i])) return false;
            held = PyUnicode_Check(cells[i]) ? py::reinterpret_borrow<py::object>(cells[i]) : py::str(cells[i]);
            Py_ssize_t size = 0;
            const char* bytes = PyUnicode_AsUTF8AndSize(held.ptr(), &size);
            if (!bytes) throw py::error_already_set();
            text = {bytes, static_cast<std::size_t>(size)};
            return true;
        },
        1);
}

// A NumPy 'U' (UCS-4) or 'S' (bytes) array: each cell's bytes without its trailing NULs; a 'U'
// cell's texts are made UTF-8 afterwards, from the distinct ones only.
text_codes factorize_fixed_width(const py::array& column, unsigned threads) {
    const auto width = static_cast<std::size_t>(column.itemsize());
    const bool ucs4 = column.dtype().kind() == 'U';
    const char* base = static_cast<const char*>(column.data());
    text_codes codes = factorize_texts(
        static_cast<std::size_t>(column.size()),
        [&](std::size_t i, std::string_view& text) {
            std::size_t size = width;
            const char* cell = base + i * width;
            if (ucs4)
                while (size >= 4 && std::memcmp(cell + size - 4, "\0\0\0\0", 4) == 0) size -= 4;
            else
                while (size > 0 && cell[size - 1] == '\0') --size;
            text = {cell, size};
            return true;
        },
        threads);
    if (!ucs4) return codes;
    // UTF-8 sorts by code point as UCS-4 does (both are code point order): the codes stand.
    for (auto& t : codes.texts) {
        py::str s = py::reinterpret_steal<py::str>(
            PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, t.data(), static_cast<Py_ssize_t>(t.size() / 4)));
        if (!s) throw py::error_already_set();
        t = s.cast<std::string>();
    }
    return codes;
}

}  // namespace

void register_patents(py::module_& m) {
    m.def(
        "patents_in_force",
        [](py::array_t<std::int32_t, py::array::c_style | py::array::forcecast> region, std::size_t regions,
           py::array_t<std::int32_t, py::array::c_style | py::array::forcecast> filing,
           py::array_t<std::int32_t, py::array::c_style | py::array::forcecast> grant,
           std::optional<py::array_t<std::int32_t, py::array::c_style | py::array::forcecast>> end,
           std::optional<py::array_t<std::int32_t, py::array::c_style | py::array::forcecast>> extension,
           std::optional<py::array_t<std::uint8_t, py::array::c_style | py::array::forcecast>> selected,
           std::vector<std::int32_t> dates, std::int32_t as_of, unsigned threads) {
            const auto n = static_cast<std::size_t>(region.size());
            auto same = [n](const py::array& a, const char* what) {
                if (static_cast<std::size_t>(a.size()) != n)
                    throw error(std::string(what) + " has a different length from region");
            };
            same(filing, "filing");
            same(grant, "grant");
            patent_records rec;
            rec.region = region.data();
            rec.filing = filing.data();
            rec.grant = grant.data();
            if (end) same(*end, "end"), rec.end = end->data();
            if (extension) same(*extension, "extension"), rec.extension_days = extension->data();
            if (selected) same(*selected, "kind"), rec.selected = selected->data();
            rec.size = n;
            rec.regions = regions;
            patents_in_force_result r;
            {
                py::gil_scoped_release release;  // counting over every record: pure C++
                r = patents_in_force(rec, dates, as_of, threads);
            }
            py::dict tally;
            tally["records"] = r.records;
            tally["not_selected"] = r.not_selected;
            tally["counted"] = r.counted;
            tally["missing_date"] = r.missing_date;
            tally["grant_before_filing"] = r.grant_before_filing;
            tally["end_before_grant"] = r.end_before_grant;
            tally["in_the_future"] = r.in_the_future;
            tally["bad_region"] = r.bad_region;
            tally["excluded_examples"] = r.excluded_examples;
            return py::make_tuple(py::cast(std::move(r.counts)), tally);
        },
        py::arg("region"), py::arg("regions"), py::arg("filing"), py::arg("grant"), py::arg("end") = py::none(),
        py::arg("extension") = py::none(), py::arg("selected") = py::none(), py::arg("dates"), py::arg("as_of"),
        py::arg("threads") = 0u);
    m.def(
        "factorize_texts",
        [](const py::array& column, unsigned threads) {
            const char kind = column.dtype().kind();
            if (column.ndim() != 1 || !(column.flags() & py::array::c_style))
                throw error("factorize_texts: a one-dimensional contiguous array, please");
            text_codes codes =
                kind == 'O' ? factorize_objects(column, threads)
                : (kind == 'U' || kind == 'S')
                    ? factorize_fixed_width(column, threads)
                    : throw error(std::string("factorize_texts: an array of texts, not of kind '") + kind + "'");
            return py::make_tuple(copy_to_numpy(codes.codes), py::cast(codes.texts));
        },
        py::arg("column"), py::arg("threads") = 0u,
        "Codes of a text column (object, 'U' or 'S' array): (int32 codes, sorted distinct texts); -1 = missing.");

    m.def(
        "days_from_ticks",
        [](py::array_t<std::int64_t, py::array::c_style | py::array::forcecast> ticks, std::int64_t ticks_per_day,
           unsigned threads) {
            py::array_t<std::int32_t> days(ticks.size());
            const auto n = static_cast<std::size_t>(ticks.size());
            const std::int64_t* in = ticks.data();
            std::int32_t* out = days.mutable_data();
            {
                py::gil_scoped_release release;
                days_from_ticks(in, n, ticks_per_day, out, threads);
            }
            return days;
        },
        py::arg("ticks"), py::arg("ticks_per_day"), py::arg("threads") = 0u,
        "datetime64 values as int64 ticks → int32 days since 1970 (NaT → the 'no date' value).");
}

}  // namespace zhibiao::python
