// Patents in force: the count from columnar records (dates as int32 days, regions as codes).
#include <pybind11/eigen.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <string>
#include <thread>
#include <vector>

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

// A new NumPy array of n cells (uninitialised) whose memory is 2 MiB-aligned and advised
// into transparent huge pages from 2 MiB up: the codes and days of 10^7 records are 40 MB each,
// and on 4 KiB pages each array was ~10,000 first-touch faults, each an exit to the hypervisor on
// this kind of machine (page-fault work was the larger part of a date column's time). Advice
// only: without huge pages it is an ordinary array.
template <class T>
py::array_t<T> fresh_array(std::size_t n) {
    const std::size_t bytes = std::max<std::size_t>(n, 1) * sizeof(T);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    constexpr std::size_t huge_page = std::size_t{2} << 20;
    if (bytes >= huge_page) {
        void* p = nullptr;
        if (::posix_memalign(&p, huge_page, bytes) != 0) throw std::bad_alloc();
        std::unique_ptr<void, void (*)(void*)> block(p, std::free);  // until the capsule owns it
        ::madvise(p, bytes, MADV_HUGEPAGE);
        py::capsule owner(p, [](void* q) { std::free(q); });
        block.release();
        return py::array_t<T>({static_cast<py::ssize_t>(n)}, {static_cast<py::ssize_t>(sizeof(T))}, static_cast<T*>(p),
                              owner);
    }
#endif
    return py::array_t<T>(static_cast<py::ssize_t>(n));
}

py::array_t<std::int32_t> fresh_int32_array(std::size_t n) { return fresh_array<std::int32_t>(n); }

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

// Whether `text` is one of `accepted` (a few names: compared, not hashed).
bool is_one_of(std::string_view text, const std::vector<std::string>& accepted) {
    for (const auto& a : accepted)
        if (text.size() == a.size() && std::memcmp(text.data(), a.data(), a.size()) == 0) return true;
    return false;
}

// out[i] for the cells [begin, end) of an object array, on a worker thread: 1 for a str equal to
// one of `accepted`, 0 for another str or a missing cell. False at the first other object (its
// text would be its str(), which needs Python: the caller codes the column the general way).
bool select_objects(PyObject* const* cells, std::size_t begin, std::size_t end,
                    const std::vector<std::string>& accepted, std::uint8_t* out) {
    codes_by_object seen;  // 0 or 1 by object, as code_objects keeps codes
    std::string_view text;
    for (std::size_t i = begin; i < end; ++i) {
        if (i + prefetch_distance < end) {  // the object misses bound this loop too (see code_objects)
            const char* ahead = reinterpret_cast<const char*>(cells[i + prefetch_distance]);
            __builtin_prefetch(ahead);
            __builtin_prefetch(ahead + 63);
        }
        PyObject* const o = cells[i];
        std::int32_t chosen = 0;
        if (!seen.find(o, chosen)) {
            if (utf8_without_python(o, text))
                chosen = is_one_of(text, accepted);
            else if (!is_missing(o))
                return false;
            seen.remember(o, chosen);
        }
        out[i] = static_cast<std::uint8_t>(chosen);
    }
    return true;
}

// select_objects again on this thread, which holds the GIL, for a column where a worker met an
// object it could not read alone: a str whose UTF-8 form Python has not made yet is asked for it
// (as factorize_objects does). False at the first object that is neither a str nor missing.
bool select_objects_with_python(PyObject* const* cells, std::size_t n, const std::vector<std::string>& accepted,
                                std::uint8_t* out) {
    for (std::size_t i = 0; i < n; ++i) {
        PyObject* const o = cells[i];
        if (is_missing(o)) {
            out[i] = 0;
            continue;
        }
        if (!PyUnicode_Check(o)) return false;
        Py_ssize_t size = 0;
        const char* bytes = PyUnicode_AsUTF8AndSize(o, &size);
        if (!bytes) throw py::error_already_set();
        out[i] = is_one_of({bytes, static_cast<std::size_t>(size)}, accepted);
    }
    return true;
}

// select_objects over the whole column in up to `threads` even stretches (0: every core; at
// least 2^18 cells each), the first on this thread, which keeps the GIL (and with it every
// object of the array alive and unchanged); then, if a worker stopped, again with Python's help.
// False when a cell is neither a str nor missing.
bool select_column(PyObject* const* cells, std::size_t n, const std::vector<std::string>& accepted, std::uint8_t* out,
                   unsigned threads) {
    unsigned parts = threads ? threads : std::max(1u, std::thread::hardware_concurrency());
    parts = static_cast<unsigned>(std::min<std::size_t>(parts, std::max<std::size_t>(1, n >> 18)));
    std::vector<char> ok(parts, 0);
    auto run = [&](unsigned t) { ok[t] = select_objects(cells, n * t / parts, n * (t + 1) / parts, accepted, out); };
    std::vector<std::thread> workers;
    try {
        for (unsigned t = 1; t < parts; ++t) workers.emplace_back(run, t);
    } catch (...) {  // no thread to be had: the started ones end before the error leaves
        for (auto& w : workers) w.join();
        throw;
    }
    run(0);
    for (auto& w : workers) w.join();
    if (std::all_of(ok.begin(), ok.end(), [](char v) { return v != 0; })) return true;
    return select_objects_with_python(cells, n, accepted, out);
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

// A datetime64 column as its int64 ticks and how many make a day.
struct tick_column {
    const std::int64_t* ticks = nullptr;
    std::int64_t per_day = 1;
};

// A limit_error of the library naming "record i" of a block, renamed for the record of the whole
// column (i + offset); any other error as it is.
[[noreturn]] void rethrow_for_column(const limit_error& e, std::size_t offset) {
    const std::string& text = e.message();
    static const std::string prefix = "record ";
    std::size_t end = prefix.size();
    if (text.compare(0, prefix.size(), prefix) != 0) throw;
    while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
    if (end == prefix.size() || end >= text.size() || text[end] != ':') throw;
    const auto record = std::stoull(text.substr(prefix.size(), end - prefix.size())) + offset;
    throw limit_error(prefix + std::to_string(record) + text.substr(end), e.where());
}

// `part` (records [offset, offset + size) of the column) added to `total`: counts and tallies are
// integers (exact in any order), the examples kept in record order, the first 100.
void add_counts(patents_in_force_result& total, patents_in_force_result&& part, std::size_t offset) {
    if (total.counts.size() == 0)
        total.counts = std::move(part.counts);
    else
        total.counts += part.counts;
    total.records += part.records;
    total.not_selected += part.not_selected;
    total.counted += part.counted;
    total.missing_date += part.missing_date;
    total.grant_before_filing += part.grant_before_filing;
    total.end_before_grant += part.end_before_grant;
    total.in_the_future += part.in_the_future;
    total.bad_region += part.bad_region;
    for (std::size_t i : part.excluded_examples)
        if (total.excluded_examples.size() < 100) total.excluded_examples.push_back(i + offset);
}

// Patents in force over records [begin, end), their dates read as ticks a block at a time into
// three small day buffers that are used again for every block: the day columns of the whole
// table (3 × 40 MB at 10^7 records) are never made. Fresh memory is what costs on this kind of
// virtual machine: memory freed more than ~2 s earlier has gone back to the host (free page
// reporting), and each of its pages is a host fault when touched again.
patents_in_force_result count_from_ticks(const patent_records& whole, tick_column filing, tick_column grant,
                                         tick_column end_at, const std::vector<std::int32_t>& dates, std::int32_t as_of,
                                         std::size_t begin, std::size_t end) {
    constexpr std::size_t block = std::size_t{1} << 18;  // 1 MB of days a column: in the L2 cache
    const std::size_t most = std::min(block, end - begin);
    std::vector<std::int32_t> filing_days(most), grant_days(most), end_days(end_at.ticks ? most : 0);
    patents_in_force_result total;
    for (std::size_t b = begin; b < end; b += block) {
        const std::size_t m = std::min(block, end - b);
        patent_records rec = whole;
        try {
            days_from_ticks(filing.ticks + b, m, filing.per_day, filing_days.data(), 1);
            days_from_ticks(grant.ticks + b, m, grant.per_day, grant_days.data(), 1);
            if (end_at.ticks) days_from_ticks(end_at.ticks + b, m, end_at.per_day, end_days.data(), 1);
            rec.region += b;
            rec.filing = filing_days.data();
            rec.grant = grant_days.data();
            rec.end = end_at.ticks ? end_days.data() : nullptr;
            if (rec.extension_days) rec.extension_days += b;
            if (rec.selected) rec.selected += b;
            rec.size = m;
            add_counts(total, patents_in_force(rec, dates, as_of, 1), b - begin);
        } catch (const limit_error& e) {
            rethrow_for_column(e, b);
        }
    }
    return total;
}

// count_from_ticks over the whole column in up to `threads` even stretches (0: every core; at
// least 2^20 records each), the first on this thread; the parts added in stretch order, and the
// first error in stretch order thrown, so the result and the error do not depend on the count.
patents_in_force_result count_from_ticks_in_parallel(const patent_records& whole, tick_column filing, tick_column grant,
                                                     tick_column end_at, const std::vector<std::int32_t>& dates,
                                                     std::int32_t as_of, unsigned threads) {
    const std::size_t n = whole.size;
    unsigned parts = threads ? threads : std::max(1u, std::thread::hardware_concurrency());
    parts = static_cast<unsigned>(std::min<std::size_t>(parts, std::max<std::size_t>(1, n >> 20)));
    std::vector<patents_in_force_result> results(parts);
    std::vector<std::exception_ptr> failed(parts);
    auto run = [&](unsigned t) {
        try {
            results[t] =
                count_from_ticks(whole, filing, grant, end_at, dates, as_of, n * t / parts, n * (t + 1) / parts);
        } catch (...) {
            failed[t] = std::current_exception();
        }
    };
    std::vector<std::thread> workers;
    try {
        for (unsigned t = 1; t < parts; ++t) workers.emplace_back(run, t);
    } catch (...) {
        for (auto& w : workers) w.join();
        throw;
    }
    run(0);
    for (auto& w : workers) w.join();
    for (auto& f : failed)
        if (f) std::rethrow_exception(f);
    patents_in_force_result total;
    for (unsigned t = 0; t < parts; ++t) add_counts(total, std::move(results[t]), n * t / parts);
    if (total.counts.size() == 0)  // no records: no block was counted
        total.counts.setZero(static_cast<Eigen::Index>(whole.regions), static_cast<Eigen::Index>(dates.size()));
    return total;
}

// (counts, tally dict) as _core.patents_in_force returns them.
py::tuple counts_and_tally(patents_in_force_result&& r) {
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
}

using int32_column = py::array_t<std::int32_t, py::array::c_style | py::array::forcecast>;
using uint8_column = py::array_t<std::uint8_t, py::array::c_style | py::array::forcecast>;

void check_length(const py::array& a, std::size_t n, const char* what) {
    if (static_cast<std::size_t>(a.size()) != n) throw error(std::string(what) + " has a different length from region");
}

// What both counts' records share (regions, extensions, the kind selection), each column checked
// against region's length; the dates are the caller's (days or ticks).
patent_records shared_records(const int32_column& region, std::size_t regions,
                              const std::optional<int32_column>& extension,
                              const std::optional<uint8_column>& selected) {
    const auto n = static_cast<std::size_t>(region.size());
    patent_records rec;
    rec.region = region.data();
    if (extension) check_length(*extension, n, "extension"), rec.extension_days = extension->data();
    if (selected) check_length(*selected, n, "kind"), rec.selected = selected->data();
    rec.size = n;
    rec.regions = regions;
    return rec;
}

std::int32_t days_today() {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    return static_cast<std::int32_t>(std::chrono::duration_cast<std::chrono::hours>(now).count() / 24);
}

void register_count_from_ticks(py::module_& m) {
    m.def(
        "patents_in_force_ticks",
        [](py::array_t<std::int32_t, py::array::c_style | py::array::forcecast> region, std::size_t regions,
           py::array_t<std::int64_t, py::array::c_style | py::array::forcecast> filing, std::int64_t filing_per_day,
           py::array_t<std::int64_t, py::array::c_style | py::array::forcecast> grant, std::int64_t grant_per_day,
           std::optional<py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>> end,
           std::int64_t end_per_day,
           std::optional<py::array_t<std::int32_t, py::array::c_style | py::array::forcecast>> extension,
           std::optional<py::array_t<std::uint8_t, py::array::c_style | py::array::forcecast>> selected,
           std::vector<std::int32_t> dates, std::int32_t as_of, unsigned threads) {
            const auto n = static_cast<std::size_t>(region.size());
            check_length(filing, n, "filing");
            check_length(grant, n, "grant");
            for (std::int64_t per_day : {filing_per_day, grant_per_day, end_per_day})
                if (per_day <= 0) throw error("patents_in_force_ticks: ticks per day must be positive");
            if (end) check_length(*end, n, "end");
            const patent_records rec = shared_records(region, regions, extension, selected);
            const tick_column filing_at{filing.data(), filing_per_day}, grant_at{grant.data(), grant_per_day};
            const tick_column end_at{end ? end->data() : nullptr, end_per_day};
            if (as_of == no_date) as_of = days_today();  // once: every block counts on the same day
            patents_in_force_result r;
            {
                py::gil_scoped_release release;  // counting over every record: pure C++
                r = count_from_ticks_in_parallel(rec, filing_at, grant_at, end_at, dates, as_of, threads);
            }
            return counts_and_tally(std::move(r));
        },
        py::arg("region"), py::arg("regions"), py::arg("filing"), py::arg("filing_per_day"), py::arg("grant"),
        py::arg("grant_per_day"), py::arg("end") = py::none(), py::arg("end_per_day") = 1,
        py::arg("extension") = py::none(), py::arg("selected") = py::none(), py::arg("dates"), py::arg("as_of"),
        py::arg("threads") = 0u,
        "patents_in_force with the dates as datetime64 ticks (per_day of them a day), read a block at a time: "
        "no day columns are made.");
}

void register_select_texts(py::module_& m) {
    m.def(
        "select_texts",
        [](const py::array& column, const std::vector<std::string>& accepted, unsigned threads) -> py::object {
            if (column.ndim() != 1 || !(column.flags() & py::array::c_style) || column.dtype().kind() != 'O')
                throw error("select_texts: a one-dimensional contiguous object array, please");
            const auto n = static_cast<std::size_t>(column.size());
            // The kind column's selection straight from its objects: no int32 codes, no sorted
            // texts, no comparison pass (the kinds' texts are never shown).
            py::array_t<std::uint8_t> selected = fresh_array<std::uint8_t>(n);
            if (!select_column(static_cast<PyObject* const*>(column.data()), n, accepted, selected.mutable_data(),
                               threads))
                return py::none();
            return std::move(selected);
        },
        py::arg("column"), py::arg("accepted"), py::arg("threads") = 0u,
        "uint8 per cell of an object array: 1 where it is a str equal to one of `accepted`, 0 for other str and "
        "missing cells (None, NaN); None when a cell is another object (its text would be its str(): code such a "
        "column with factorize_texts).");
}

}  // namespace

void register_patents(py::module_& m) {
    register_count_from_ticks(m);
    register_select_texts(m);
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
            check_length(filing, n, "filing");
            check_length(grant, n, "grant");
            patent_records rec = shared_records(region, regions, extension, selected);
            rec.filing = filing.data();
            rec.grant = grant.data();
            if (end) check_length(*end, n, "end"), rec.end = end->data();
            patents_in_force_result r;
            {
                py::gil_scoped_release release;  // counting over every record: pure C++
                r = patents_in_force(rec, dates, as_of, threads);
            }
            return counts_and_tally(std::move(r));
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
