// Patents in force: the count from columnar records (dates as int32 days, regions as codes).
#include <pybind11/eigen.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <array>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

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

// A new int32 NumPy array of n cells (uninitialised) whose memory is 2 MiB-aligned and advised
// into transparent huge pages from 2 MiB up: the codes and days of 10^7 records are 40 MB each,
// and on 4 KiB pages each array was ~10,000 first-touch faults, each an exit to the hypervisor on
// this kind of machine (page-fault work was the larger part of a date column's time). Advice
// only: without huge pages it is an ordinary array.
py::array_t<std::int32_t> fresh_int32_array(std::size_t n) {
    const std::size_t bytes = std::max<std::size_t>(n, 1) * sizeof(std::int32_t);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    constexpr std::size_t huge_page = std::size_t{2} << 20;
    if (bytes >= huge_page) {
        void* p = nullptr;
        if (::posix_memalign(&p, huge_page, bytes) != 0) throw std::bad_alloc();
        std::unique_ptr<void, void (*)(void*)> block(p, std::free);  // until the capsule owns it
        ::madvise(p, bytes, MADV_HUGEPAGE);
        py::capsule owner(p, [](void* q) { std::free(q); });
        block.release();
        return py::array_t<std::int32_t>({static_cast<py::ssize_t>(n)},
                                         {static_cast<py::ssize_t>(sizeof(std::int32_t))},
                                         static_cast<std::int32_t*>(p), owner);
    }
#endif
    return py::array_t<std::int32_t>(static_cast<py::ssize_t>(n));
}

bool is_missing(PyObject* o) { return o == Py_None || (PyFloat_Check(o) && std::isnan(PyFloat_AS_DOUBLE(o))); }

// The codes of the objects a stretch has met, by address: a column often holds one str object on
// many rows (pandas' CSV reader gives equal texts one object, and so do repeated literals), and
// such a row is coded without reading its object again. Direct-mapped: a clash replaces the entry.
// The array keeps every object alive during the call, so an address stands for one object.
class codes_by_object {
public:
    bool find(PyObject* o, std::int32_t& code) const {
        const entry& e = entries_[slot_of(o)];
        if (e.object != o) return false;
        code = e.code;
        return true;
    }
    void remember(PyObject* o, std::int32_t code) { entries_[slot_of(o)] = {o, code}; }

private:
    struct entry {
        PyObject* object = nullptr;
        std::int32_t code = -1;
    };
    static constexpr int bits = 10;
    static std::size_t slot_of(PyObject* o) {
        const auto address = static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(o));
        return static_cast<std::size_t>((address * 0x9E3779B97F4A7C15ull) >> (64 - bits));
    }
    std::array<entry, std::size_t{1} << bits> entries_{};
};

// Codes of the cells [begin, end) of an object array, on a worker thread: str objects read
// without Python, None and NaN missing; any other object sets `needs_python`.
void code_objects(PyObject* const* cells, std::size_t begin, std::size_t end, text_table& table, std::int32_t* codes,
                  std::atomic<bool>& needs_python) {
    codes_by_object seen;
    std::string_view text;
    for (std::size_t i = begin; i < end; ++i) {
        // Every str is its own block of memory: ask for the ones a few rows ahead now, so that
        // the loop does not wait for a cache miss per row (what bounds it).
        if (i + prefetch_distance < end) {
            const char* ahead = reinterpret_cast<const char*>(cells[i + prefetch_distance]);
            __builtin_prefetch(ahead);
            __builtin_prefetch(ahead + 63);  // the text of a short compact str ends in the next line
        }
        PyObject* const o = cells[i];
        std::int32_t code = -1;
        if (!seen.find(o, code)) {
            if (utf8_without_python(o, text))
                code = code_of(table, text);
            else if (!is_missing(o))
                needs_python.store(true, std::memory_order_relaxed);
            seen.remember(o, code);
        }
        codes[i] = code;
    }
}

// An object array's texts: str as its UTF-8, None and NaN missing, anything else as str(x)
// (pandas' astype(str)). In parallel while every cell is readable without Python; else again
// on this thread, which holds the GIL. The codes go to `codes` (the array's length).
std::vector<std::string> factorize_objects(const py::array& column, std::int32_t* codes, unsigned threads) {
    auto* const* cells = static_cast<PyObject* const*>(column.data());
    const auto n = static_cast<std::size_t>(column.size());
    std::atomic<bool> needs_python{false};
    std::vector<std::string> texts = factorize_text_stretches(
        n,
        [&](std::size_t begin, std::size_t end, text_table& table, std::int32_t* out) {
            code_objects(cells, begin, end, table, out, needs_python);
        },
        codes, threads);
    if (!needs_python.load()) return texts;
    return factorize_text_stretches(
        n,
        [&](std::size_t begin, std::size_t end, text_table& table, std::int32_t* out) {
            for (std::size_t i = begin; i < end; ++i) {
                if (is_missing(cells[i])) {
                    out[i] = -1;
                    continue;
                }
                py::object held =
                    PyUnicode_Check(cells[i]) ? py::reinterpret_borrow<py::object>(cells[i]) : py::str(cells[i]);
                Py_ssize_t size = 0;
                const char* bytes = PyUnicode_AsUTF8AndSize(held.ptr(), &size);
                if (!bytes) throw py::error_already_set();
                out[i] = code_of(table, {bytes, static_cast<std::size_t>(size)});
            }
        },
        codes, 1);
}

// A NumPy 'U' (UCS-4) or 'S' (bytes) array: each cell's bytes without its trailing NULs; a 'U'
// cell's texts are made UTF-8 afterwards, from the distinct ones only.
std::vector<std::string> factorize_fixed_width(const py::array& column, std::int32_t* codes, unsigned threads) {
    const auto width = static_cast<std::size_t>(column.itemsize());
    const bool ucs4 = column.dtype().kind() == 'U';
    const char* base = static_cast<const char*>(column.data());
    std::vector<std::string> texts = factorize_text_stretches(
        static_cast<std::size_t>(column.size()),
        [&](std::size_t begin, std::size_t end, text_table& table, std::int32_t* out) {
            for (std::size_t i = begin; i < end; ++i) {
                std::size_t size = width;
                const char* cell = base + i * width;
                if (ucs4)
                    while (size >= 4 && std::memcmp(cell + size - 4, "\0\0\0\0", 4) == 0) size -= 4;
                else
                    while (size > 0 && cell[size - 1] == '\0') --size;
                out[i] = code_of(table, {cell, size});
            }
        },
        codes, threads);
    if (!ucs4) return texts;
    // UTF-8 sorts by code point as UCS-4 does (both are code point order): the codes stand.
    for (auto& t : texts) {
        py::str s = py::reinterpret_steal<py::str>(
            PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, t.data(), static_cast<Py_ssize_t>(t.size() / 4)));
        if (!s) throw py::error_already_set();
        t = s.cast<std::string>();
    }
    return texts;
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
            if (kind != 'O' && kind != 'U' && kind != 'S')
                throw error(std::string("factorize_texts: an array of texts, not of kind '") + kind + "'");
            // written in place: no copy of the codes
            py::array_t<std::int32_t> codes = fresh_int32_array(static_cast<std::size_t>(column.size()));
            std::vector<std::string> texts = kind == 'O' ? factorize_objects(column, codes.mutable_data(), threads)
                                                         : factorize_fixed_width(column, codes.mutable_data(), threads);
            return py::make_tuple(codes, py::cast(texts));
        },
        py::arg("column"), py::arg("threads") = 0u,
        "Codes of a text column (object, 'U' or 'S' array): (int32 codes, sorted distinct texts); -1 = missing.");

    m.def(
        "days_from_ticks",
        [](py::array_t<std::int64_t, py::array::c_style | py::array::forcecast> ticks, std::int64_t ticks_per_day,
           unsigned threads) {
            py::array_t<std::int32_t> days = fresh_int32_array(static_cast<std::size_t>(ticks.size()));
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
