#pragma once
// Valid invention patents per region at a set of dates, from patent-level records.
//
// A patent counts on date D when (indicators.md §1.3, Patent Law arts. 42–47):
//   grant ≤ D < min(filing + 20 years + term extension, end)
// where `end` is the lapse, surrender or invalidation date (absent when none). Dates are days
// since 1970-01-01. Records with impossible dates — no filing or grant date, grant before
// filing, an end before the grant, any date after `as_of` — are excluded and counted by
// problem, never silently kept.
//
// The count is sort-free: each record adds +1 at the first query date it is valid on and −1 at
// the first date it no longer is (a look-up in a table over the dates' span, or a search of the
// sorted dates when they span more than 2^16 days), per region, and prefix sums give the counts:
// O(records + regions × dates) (records · log dates for wide grids), in parallel over records,
// with integer arithmetic, so the result does not depend on the thread count.

#include "zhibiao/config.hpp"  // first: pins Eigen's alignment and allocator
#include <Eigen/Core>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace zhibiao {

/// "No date" in the date columns.
inline constexpr std::int32_t no_date = std::numeric_limits<std::int32_t>::min();

/// Days since 1970-01-01 of a civil date, and back (H. Hinnant's algorithms). A date that does
/// not exist (2024-13-40, 2023-02-29) is an argument_error; a year beyond ±5,000,000 a limit_error.
std::int32_t days_from_civil(int year, unsigned month, unsigned day);
void civil_from_days(std::int32_t days, int& year, unsigned& month, unsigned& day);
/// The same day `years` later; 29 February becomes 28 February in a common year. A result beyond
/// ±5,000,000 years is a limit_error.
std::int32_t add_years(std::int32_t days, int years);

/// Columnar patent records (all spans of the same length; `extension_days` may be empty).
struct patent_records {
    const std::int32_t* region = nullptr;  ///< region index, 0 .. regions-1
    const std::int32_t* filing = nullptr;
    const std::int32_t* grant = nullptr;
    const std::int32_t* end = nullptr;             ///< no_date when the patent has not ended; may be null
    const std::int32_t* extension_days = nullptr;  ///< term extension in days; may be null
    const std::uint8_t* selected = nullptr;        ///< 1 = count this record (e.g. kind is invention); may be null
    std::size_t size = 0;
    std::size_t regions = 0;
};

struct patents_in_force_result {
    /// counts(region, k): patents in force in `region` on dates[k] (in the order given).
    Eigen::Matrix<std::int64_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> counts;
    std::size_t records = 0;       ///< all records given
    std::size_t not_selected = 0;  ///< left out by `selected` (not invention patents)
    std::size_t counted = 0;       ///< records that entered the count
    // Excluded records, by problem:
    std::size_t missing_date = 0;  ///< no filing or no grant date
    std::size_t grant_before_filing = 0;
    std::size_t end_before_grant = 0;
    std::size_t in_the_future = 0;               ///< a date after as_of
    std::size_t bad_region = 0;                  ///< region index out of range
    std::vector<std::size_t> excluded_examples;  ///< first excluded record indices (up to 100)
};

/// Counts patents in force at each of `dates`. `as_of`: record dates after it are impossible
/// (default: today). `threads` = 0 uses every core.
patents_in_force_result patents_in_force(const patent_records& records, const std::vector<std::int32_t>& dates,
                                         std::int32_t as_of = no_date, unsigned threads = 0);

/// Days since 1970-01-01 from 64-bit time stamps counted in 1/ticks_per_day of a day (NumPy's
/// datetime64: 86'400'000'000'000 for ns, 86'400 for s, 1 for D), into `out` (n values).
/// NaT (INT64_MIN) becomes no_date; a time of day belongs to its day, also before 1970 (floor
/// division). A date outside the int32 day range is a limit_error naming the record. Parallel
/// over `threads` (0: every core); the result does not depend on it.
void days_from_ticks(const std::int64_t* ticks, std::size_t n, std::int64_t ticks_per_day, std::int32_t* out,
                     unsigned threads = 0);

/// A text column as integer codes: texts[codes[i]] is record i's text, -1 a missing one. The
/// texts are sorted by their bytes (for UTF-8: by code point, as Python sorts str), so the codes
/// do not depend on the thread count.
struct text_codes {
    std::vector<std::int32_t> codes;
    std::vector<std::string> texts;
};
/// `text_at(i, text)` sets record i's bytes and returns false when the record has none; it is
/// called from up to `threads` threads at once (0: every core), each on its own records, and
/// the view must stay valid until the next call on that thread.
text_codes factorize_texts(std::size_t n, const std::function<bool(std::size_t, std::string_view&)>& text_at,
                           unsigned threads = 0);

/// The distinct texts met by one stretch of records (see factorize_text_stretches).
class text_table;
/// The code of `text` in `table`: the next free one when it is new there.
std::int32_t code_of(text_table& table, std::string_view text);
/// As factorize_texts, for a caller that reads its records a stretch at a time (no call per
/// record): `code_stretch(begin, end, table, codes)` sets codes[i] for every i in [begin, end)
/// to code_of(table, record i's text), or -1 when it has none. It is called from up to
/// `threads` threads at once, each with its own table. The final codes replace those in
/// `codes` (n values, the caller's memory: a NumPy array, say); returns the sorted texts.
using stretch_coder = std::function<void(std::size_t, std::size_t, text_table&, std::int32_t*)>;
std::vector<std::string> factorize_text_stretches(std::size_t n, const stretch_coder& code_stretch, std::int32_t* codes,
                                                  unsigned threads = 0);

}  // namespace zhibiao
