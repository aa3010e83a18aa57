// Many reports read at once (extract_tables, extract.hpp): the texts handed out in order, one at
// a time, to threads that each read theirs exactly as extract_table reads a text alone.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <string>
#include <thread>
#include <typeinfo>
#include <vector>

#include "core/thread_pool.hpp"
#include "extract/lent_indexes.hpp"
#include "zhibiao/error.hpp"
#include "zhibiao/extract.hpp"
#include "zhibiao/interrupt.hpp"

namespace zhibiao {
namespace {

// `where` naming the report: its file, or the report before the file it already names.
location naming(location where, const std::string& report) {
    where.file = where.file.empty() ? report : report + ", " + where.file;
    return where;
}

// The error `e` again, its type and data kept, its location naming the report. Only zhibiao's
// errors are renamed: anything else (an interrupt, bad_alloc) goes on unchanged.
template <class E, class... Rest>
[[noreturn]] void rethrow_as(const error& e, const std::string& report) {
    if (typeid(e) == typeid(E)) throw E(e.message(), naming(e.where(), report));
    if constexpr (sizeof...(Rest) > 0)
        rethrow_as<Rest...>(e, report);
    else
        throw error(e.message(), naming(e.where(), report));
}

[[noreturn]] void rethrow_naming(const std::exception_ptr& failure, const std::string& report) {
    try {
        std::rethrow_exception(failure);
    } catch (const unknown_unit_error& e) {
        throw unknown_unit_error(e.unit_text(), e.message(), naming(e.where(), report));
    } catch (const lookup_error& e) {
        // message() holds the note on a name with white space already: not added twice
        const std::string note = lookup_error::stray_space_note(e.name());
        const std::string message = e.message().substr(0, e.message().size() - note.size());
        if (typeid(e) == typeid(unknown_indicator_error))
            throw unknown_indicator_error(message, e.name(), naming(e.where(), report));
        if (typeid(e) == typeid(missing_variable_error))
            throw missing_variable_error(message, e.name(), naming(e.where(), report));
        throw lookup_error(message, e.name(), naming(e.where(), report));
    } catch (const error& e) {
        rethrow_as<parse_error, limit_error, argument_error, method_error, file_not_found_error, file_error,
                   duplicate_row_error, incompatible_units_error, unit_error>(e, report);
    }
}

}  // namespace

std::vector<table_extraction> extract_tables(const std::vector<std::string_view>& texts, const lexicon& words,
                                             const extract_options& options, unsigned threads,
                                             const std::vector<std::string>& names) {
    const std::size_t n = texts.size();
    if (!names.empty() && names.size() != n)
        throw argument_error("extract_tables: " + std::to_string(names.size()) + " names for " + std::to_string(n) +
                             " texts");
    std::vector<table_extraction> out(n);
    if (n == 0) return out;
    const unsigned cores = threads ? threads : std::max(1u, std::thread::hardware_concurrency());
    const auto workers = static_cast<unsigned>(std::min<std::size_t>(cores, n));
    std::vector<std::exception_ptr> failures(n);
    std::atomic<std::size_t> next{0}, done{0};
    std::atomic<bool> stop{false};
    // Each text is read whole by one thread, on its own (the lexicon and options are shared and
    // only read): its table is the same bits whichever thread takes it. Ctrl-C is seen on the
    // calling thread only (its interrupt_scope); a failure stops the others at their next text.
    zhibiao::detail::run_in_threads(
        workers,
        [&](std::size_t) {
            const detail::lent_indexes lent(words);
            while (!stop.load(std::memory_order_relaxed)) {
                const std::size_t k = next.fetch_add(1, std::memory_order_relaxed);
                if (k >= n) return;
                try {
                    poll_interrupt();
                    out[k] = extract_table(texts[k], words, options);
                    report_progress(done.fetch_add(1, std::memory_order_relaxed) + 1, n);
                } catch (...) {
                    failures[k] = std::current_exception();
                    stop = true;
                    return;
                }
            }
        },
        [&stop] { stop = true; });
    // The other threads may have read every text before this one polled between its own: an
    // interrupt during the call is still reported, not left for the next one. Only when nothing
    // failed: the check already threw once (a deadline, Ctrl-C), and that exception is the one
    // the caller must receive, unchanged, without the check being called again (round 37).
    if (std::none_of(failures.begin(), failures.end(), [](const std::exception_ptr& f) { return bool(f); }))
        poll_interrupt();
    // Every text before a failed one was taken before it and read to its end (or failed too):
    // the first failure in order is the one a loop over the texts would have met.
    for (std::size_t k = 0; k < n; ++k)
        if (failures[k])
            rethrow_naming(failures[k], names.empty() ? "report " + std::to_string(k) : "report '" + names[k] + "'");
    return out;
}

}  // namespace zhibiao
