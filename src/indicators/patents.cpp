// Patents in force: event counting on the query-date grid.
#include "zhibiao/patents.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <functional>
#include <limits>
#include <numeric>
#include <string>
#include <thread>
#include <type_traits>

#include "core/interner.hpp"
#include "core/memory_budget.hpp"
#include "zhibiao/period.hpp"
#include "zhibiao/error.hpp"
#include "core/thread_pool.hpp"

namespace zhibiao {

namespace {

// Years whose days since 1970 fit in int32 with room to spare (±5.8 million years fit).
constexpr long max_civil_year = 5'000'000;

unsigned days_in_month(int y, unsigned m) {
    const int month = static_cast<int>(m);
    return static_cast<unsigned>(period::day_of_year_at_month_end(y, month) -
                                 period::day_of_year_at_month_end(y, month - 1));
}

}  // namespace

std::int32_t days_from_civil(int y, unsigned m, unsigned d) {
    // 2024-13-40 is no date: refused rather than read as 2025-02-09.
    if (y < -max_civil_year || y > max_civil_year)
        throw limit_error("days_from_civil: year " + std::to_string(y) + " is beyond ±5,000,000");
    if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        throw argument_error("days_from_civil: no date " + std::to_string(y) + "-" + std::to_string(m) + "-" +
                             std::to_string(d));
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return static_cast<std::int32_t>(era * 146097 + static_cast<int>(doe) - 719468);
}

void civil_from_days(std::int32_t z32, int& y, unsigned& m, unsigned& d) {
    const long z = static_cast<long>(z32) + 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = static_cast<int>(yoe) + static_cast<int>(era) * 400 + (m <= 2);
}

std::int32_t add_years(std::int32_t days, int years) {
    int y;
    unsigned m, d;
    civil_from_days(days, y, m, d);
    const long later = static_cast<long>(y) + years;  // no int overflow: refused as a limit below
    if (later < -max_civil_year || later > max_civil_year)
        throw limit_error("add_years: " + std::to_string(y) + " + " + std::to_string(years) +
                          " years is beyond ±5,000,000");
    if (m == 2 && d == 29 && !period::leap(static_cast<int>(later))) d = 28;
    return days_from_civil(static_cast<int>(later), m, d);
}

namespace {

struct partial {
    std::vector<std::int64_t> diff;  // regions × (dates + 1)
    patents_in_force_result tally;
};

// Bytes of the count's grids: one difference grid (regions × (dates + 1)) per thread and the
// result (regions × dates), all int64; SIZE_MAX when that overflows.
std::size_t grid_bytes(std::size_t regions, std::size_t dates, unsigned threads) {
    constexpr std::size_t cell = sizeof(std::int64_t), most = std::numeric_limits<std::size_t>::max();
    if (regions && dates + 1 > most / cell / regions) return most;
    const std::size_t diff = regions * (dates + 1) * cell, result = regions * dates * cell;
    if (diff > (most - result) / threads) return most;
    return diff * threads + result;
}

// Fewer threads when their grids would not fit (each thread has its own); a limit_error naming
// the sizes when not even one does.
unsigned threads_within_memory(std::size_t regions, std::size_t dates, unsigned threads) {
    const std::size_t budget = detail::memory_budget();
    while (threads > 1 && grid_bytes(regions, dates, threads) > budget) --threads;
    detail::check_memory(
        "patents in force: " + std::to_string(regions) + " regions × " + std::to_string(dates) + " dates",
        grid_bytes(regions, dates, 1));
    return threads;
}

}  // namespace

namespace {

// before(sorted, x) — how many of the sorted values are below x — as one load from a table over
// the values' span (x clamped into it), for a span of up to 2^16 days: 11 year-end dates over ten
// years are ~3,650 entries (7 KiB, in L1). The count asked it three times per record, each a scan
// of every date (~120 ms of 10^7 records); the table holds before() itself, so the positions are
// the same integers. A wider span (or more than 65,535 dates) keeps the scan.
class rank_table {
public:
    static constexpr std::int64_t widest = std::int64_t{1} << 16;

    rank_table() = default;
    explicit rank_table(const std::vector<std::int32_t>& sorted) {
        if (sorted.empty() || sorted.size() > std::numeric_limits<std::uint16_t>::max()) return;
        const std::int64_t span = static_cast<std::int64_t>(sorted.back()) - sorted.front();
        if (span > widest) return;
        low_ = sorted.front();
        top_ = span + 1;  // x above every value: all of them
        rank_.resize(static_cast<std::size_t>(top_ + 1));
        std::size_t below = 0;
        for (std::int64_t j = 0; j <= top_; ++j) {
            while (below < sorted.size() && sorted[below] < low_ + j) ++below;
            rank_[static_cast<std::size_t>(j)] = static_cast<std::uint16_t>(below);
        }
    }
    bool built() const { return !rank_.empty(); }
    std::size_t operator()(std::int32_t x) const {
        const std::int64_t j = std::clamp<std::int64_t>(static_cast<std::int64_t>(x) - low_, 0, top_);
        return rank_[static_cast<std::size_t>(j)];
    }

private:
    std::int64_t low_ = 0, top_ = 0;
    std::vector<std::uint16_t> rank_;
};

// The sorted query dates and, for the 20-year term, the last filing date whose term has ended by
// each of them: a record's positions on the grid are then counts of comparisons, with no
// calendar arithmetic per record (add_years is non-decreasing, so {f : add_years(f, 20) <= D}
// is the days up to a threshold).
struct query_grid {
    std::vector<std::size_t> order;           // order[k]: where sorted date k came from
    std::vector<std::int32_t> dates;          // sorted
    std::vector<std::int32_t> last_expired;   // per sorted date: the last filing expired on it
    rank_table dates_before, expired_before;  // before(dates, x), before(last_expired, x) by look-up

    explicit query_grid(const std::vector<std::int32_t>& given) : order(given.size()), dates(given.size()) {
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return given[a] < given[b]; });
        for (std::size_t k = 0; k < order.size(); ++k) dates[k] = given[order[k]];
        for (std::int32_t d : dates) last_expired.push_back(last_filing_expired_on(d));
        dates_before = rank_table(dates);
        expired_before = rank_table(last_expired);  // non-decreasing, as add_years is
    }

    // Dates among `sorted` before x: a linear count for a short grid (no branch to mispredict).
    static std::size_t before(const std::vector<std::int32_t>& sorted, std::int32_t x) {
        if (sorted.size() > 32)
            return static_cast<std::size_t>(std::lower_bound(sorted.begin(), sorted.end(), x) - sorted.begin());
        std::size_t n = 0;
        for (std::int32_t d : sorted) n += d < x;
        return n;
    }
    // Dates before x.
    std::size_t dates_before_day(std::int32_t x) const {
        return dates_before.built() ? dates_before(x) : before(dates, x);
    }
    // Dates on which a patent filed on `filing` is past its 20-year term.
    std::size_t first_expired(std::int32_t filing) const {
        if (expired_before.built()) return expired_before(filing);
        std::size_t n = 0;  // dates whose last expired filing is before this one: the term still runs
        for (std::int32_t f : last_expired) n += f < filing;
        return n;
    }

private:
    static std::int32_t last_filing_expired_on(std::int32_t day) {
        // add_years(f, 20) - f is 7304..7306 days: start below and step up.
        std::int64_t f = static_cast<std::int64_t>(day) - 7310;
        const std::int64_t lowest = std::numeric_limits<std::int32_t>::min() + 1;
        if (f < lowest) return std::numeric_limits<std::int32_t>::min();
        while (f + 1 <= day && add_years(static_cast<std::int32_t>(f + 1), 20) <= day) ++f;
        return static_cast<std::int32_t>(f);
    }
};

// Which problem, if any, excludes record i from the count.
std::size_t* problem_of(const patent_records& rec, std::size_t i, std::int32_t as_of, patents_in_force_result& tally) {
    const std::int32_t filing = rec.filing[i], grant = rec.grant[i];
    const std::int32_t stop_at = rec.end ? rec.end[i] : no_date;
    if (filing == no_date || grant == no_date) return &tally.missing_date;
    if (grant < filing) return &tally.grant_before_filing;
    if (stop_at != no_date && stop_at < grant) return &tally.end_before_grant;
    if (filing > as_of || grant > as_of || (stop_at != no_date && stop_at > as_of)) return &tally.in_the_future;
    if (rec.region[i] < 0 || static_cast<std::size_t>(rec.region[i]) >= rec.regions) return &tally.bad_region;
    return nullptr;
}

// Dates before the end of an extended term: 20 years from filing plus the extension, added in 64
// bits (two int32 days can overflow), and a filing whose term the calendar cannot reach named by
// its record (add_years' own message names only a year).
std::size_t before_extended_term(const patent_records& rec, std::size_t i, const query_grid& grid) {
    const std::int32_t filing = rec.filing[i];
    std::int64_t term_end;
    try {
        term_end = static_cast<std::int64_t>(add_years(filing, 20)) + rec.extension_days[i];
    } catch (const limit_error&) {
        int y;
        unsigned m, d;
        civil_from_days(filing, y, m, d);
        throw limit_error("record " + std::to_string(i) + ": filed in the year " + std::to_string(y) +
                          ", whose 20-year term ends beyond the years ±5,000,000 the calendar covers");
    }
    if (term_end > std::numeric_limits<std::int32_t>::max()) return grid.dates.size();
    return grid.dates_before_day(static_cast<std::int32_t>(term_end));
}

// The sorted dates on which record i is in force are [first, last): +1 and -1 in its region's row.
void count_record(const patent_records& rec, std::size_t i, const query_grid& grid, std::int64_t* diff) {
    const std::int32_t grant = rec.grant[i];
    const std::int32_t stop_at = rec.end ? rec.end[i] : no_date;
    std::size_t last;
    if (rec.extension_days && rec.extension_days[i] > 0)
        last = before_extended_term(rec, i, grid);
    else
        last = grid.first_expired(rec.filing[i]);
    if (stop_at != no_date) last = std::min(last, grid.dates_before_day(stop_at));
    const std::size_t first = grid.dates_before_day(grant);
    // In force on no date (first >= last: about half the records, in no predictable order): +1 and
    // -1 on one cell cancel, so no branch on it.
    last = std::max(last, first);
    std::int64_t* row = diff + static_cast<std::size_t>(rec.region[i]) * (grid.dates.size() + 1);
    ++row[first];
    --row[last];
}

void count_stretch(const patent_records& rec, std::size_t begin, std::size_t end, const query_grid& grid,
                   std::int32_t as_of, partial& part) {
    part.diff.assign(rec.regions * (grid.dates.size() + 1), 0);
    auto& tally = part.tally;
    for (std::size_t i = begin; i < end; ++i) {
        if (rec.selected && !rec.selected[i]) {
            ++tally.not_selected;
            continue;
        }
        if (std::size_t* problem = problem_of(rec, i, as_of, tally)) {
            ++*problem;
            if (tally.excluded_examples.size() < 100) tally.excluded_examples.push_back(i);
            continue;
        }
        ++tally.counted;
        count_record(rec, i, grid, part.diff.data());
    }
}

// Prefix sums over the dates, the threads' grids added in thread order (integers: exact).
void merge_parts(const std::vector<partial>& parts, const query_grid& grid, std::size_t regions,
                 patents_in_force_result& result) {
    const std::size_t m = grid.dates.size();
    result.counts.setZero(static_cast<Eigen::Index>(regions), static_cast<Eigen::Index>(m));
    for (std::size_t r = 0; r < regions; ++r) {
        std::int64_t running = 0;
        for (std::size_t k = 0; k < m; ++k) {
            for (const auto& part : parts) running += part.diff[r * (m + 1) + k];
            result.counts(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(grid.order[k])) = running;
        }
    }
    for (const auto& part : parts) {  // in thread order: the example list is the same for any count
        const auto& t = part.tally;
        result.not_selected += t.not_selected;
        result.counted += t.counted;
        result.missing_date += t.missing_date;
        result.grant_before_filing += t.grant_before_filing;
        result.end_before_grant += t.end_before_grant;
        result.in_the_future += t.in_the_future;
        result.bad_region += t.bad_region;
        for (auto i : t.excluded_examples)
            if (result.excluded_examples.size() < 100) result.excluded_examples.push_back(i);
    }
}

std::int32_t today() {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    return static_cast<std::int32_t>(std::chrono::duration_cast<std::chrono::hours>(now).count() / 24);
}

}  // namespace

patents_in_force_result patents_in_force(const patent_records& rec, const std::vector<std::int32_t>& dates,
                                         std::int32_t as_of, unsigned threads) {
    if (!rec.region || !rec.filing || !rec.grant) throw error("patent records need region, filing and grant columns");
    const query_grid grid(dates);
    if (as_of == no_date) as_of = today();
    unsigned n_threads = threads ? threads : std::max(1u, std::thread::hardware_concurrency());
    n_threads = static_cast<unsigned>(std::min<std::size_t>(n_threads, std::max<std::size_t>(1, rec.size / 100000)));
    n_threads = threads_within_memory(rec.regions, dates.size(), n_threads);
    std::vector<partial> parts(n_threads);
    auto work = [&](std::size_t t) {
        count_stretch(rec, rec.size * t / n_threads, rec.size * (t + 1) / n_threads, grid, as_of, parts[t]);
    };
    zhibiao::detail::run_in_threads(n_threads, work);
    patents_in_force_result result;
    result.records = rec.size;
    merge_parts(parts, grid, rec.regions, result);
    return result;
}

namespace {

unsigned worker_count(unsigned threads, std::size_t n, std::size_t per_thread) {
    unsigned t = threads ? threads : std::max(1u, std::thread::hardware_concurrency());
    return static_cast<unsigned>(std::min<std::size_t>(t, std::max<std::size_t>(1, n / per_thread)));
}

// Runs fn(begin, end) on `parts` even stretches of [0, n), the first on this thread; the first
// exception (in stretch order) is rethrown after every stretch has ended.
template <class Fn>
void in_stretches(std::size_t n, unsigned parts, const Fn& fn) {
    zhibiao::detail::run_in_threads(parts, [&](std::size_t i) {
        const auto t = static_cast<unsigned>(i);
        fn(t, n * t / parts, n * (t + 1) / parts);
    });
}

}  // namespace

namespace {

// Days of ticks[begin, end): floor(t / per_day), NaT → no_date. A template so that the usual units
// (pandas' nanoseconds, and us, ms, s, D) divide by a constant, which the compiler turns into a
// multiply and shifts: a division by a run-time int64 was ~14 % of a patents_in_force call on
// 10^7 records (three date columns), more than the count. Same integers whatever the path.
template <class PerDay>
void days_of_stretch(const std::int64_t* ticks, std::size_t begin, std::size_t end, PerDay per_day, std::int32_t* out) {
    constexpr std::int64_t nat = std::numeric_limits<std::int64_t>::min();
    const std::int64_t ticks_per_day = per_day;
    for (std::size_t i = begin; i < end; ++i) {
        const std::int64_t t = ticks[i];
        std::int64_t day = t / ticks_per_day;
        day -= (t % ticks_per_day) < 0;  // floor: 1969-12-31T23:00 is day -1
        const bool in_range =
            day > std::numeric_limits<std::int32_t>::min() && day <= std::numeric_limits<std::int32_t>::max();
        const bool is_nat = t == nat;  // (a third of an end-date column: no branch on it)
        if (!in_range & !is_nat)
            throw limit_error("record " + std::to_string(i) + ": a date outside the years ±5.8 million");
        out[i] = is_nat ? no_date : static_cast<std::int32_t>(day);
    }
}

template <std::int64_t N>
using per_day_constant = std::integral_constant<std::int64_t, N>;

}  // namespace

void days_from_ticks(const std::int64_t* ticks, std::size_t n, std::int64_t ticks_per_day, std::int32_t* out,
                     unsigned threads) {
    if (ticks_per_day <= 0) throw error("days_from_ticks: ticks_per_day must be positive");
    in_stretches(n, worker_count(threads, n, 1u << 20), [&](unsigned, std::size_t begin, std::size_t end) {
        switch (ticks_per_day) {
            case 86'400'000'000'000:
                return days_of_stretch(ticks, begin, end, per_day_constant<86'400'000'000'000>{}, out);
            case 86'400'000'000:
                return days_of_stretch(ticks, begin, end, per_day_constant<86'400'000'000>{}, out);
            case 86'400'000:
                return days_of_stretch(ticks, begin, end, per_day_constant<86'400'000>{}, out);
            case 86'400:
                return days_of_stretch(ticks, begin, end, per_day_constant<86'400>{}, out);
            case 1:
                return days_of_stretch(ticks, begin, end, per_day_constant<1>{}, out);
            default:
                return days_of_stretch(ticks, begin, end, ticks_per_day, out);
        }
    });
}

namespace {

// The codes of texts of up to 16 bytes, kept in the table's slots as two words and a length: a
// look-up is a multiply and three compares, without reading the text a byte at a time or calling
// memcmp (region and kind names are short, and a lookup per record is what a column costs once
// its objects are read). Open addressing, at most half full.
class short_text_codes {
public:
    static constexpr std::size_t longest = 16;
    struct key {
        std::uint64_t low = 0, high = 0;
        std::uint32_t size = 0;
        bool operator==(const key& o) const { return low == o.low && high == o.high && size == o.size; }
    };

    // Every byte of a text of up to 16 bytes, read as (at most) two overlapping words: with the
    // size this is the text, so equal keys are equal texts.
    static key key_of(std::string_view s) {
        const char* p = s.data();
        const std::size_t n = s.size();
        key k;
        k.size = static_cast<std::uint32_t>(n);
        if (n >= 8) {
            std::memcpy(&k.low, p, 8);
            std::memcpy(&k.high, p + n - 8, 8);
        } else if (n >= 4) {
            std::uint32_t first, last;
            std::memcpy(&first, p, 4);
            std::memcpy(&last, p + n - 4, 4);
            k.low = first | std::uint64_t{last} << 32;
        } else if (n > 0) {
            k.low = std::uint64_t{static_cast<unsigned char>(p[0])} |
                    std::uint64_t{static_cast<unsigned char>(p[n / 2])} << 8 |
                    std::uint64_t{static_cast<unsigned char>(p[n - 1])} << 16;
        }
        return k;
    }

    // The code stored for `k`, or -1.
    std::int32_t find(const key& k) const {
        if (slots_.empty()) return -1;
        for (std::size_t i = slot_of(k);; i = (i + 1) & mask_) {
            if (slots_[i].code < 0 || slots_[i].text == k) return slots_[i].code;
        }
    }

    void insert(const key& k, std::int32_t code) {
        if (2 * (used_ + 1) > slots_.size()) grow();
        std::size_t i = slot_of(k);
        while (slots_[i].code >= 0) i = (i + 1) & mask_;
        slots_[i] = {k, code};
        ++used_;
    }

private:
    struct slot {
        key text;
        std::int32_t code = -1;
    };
    std::size_t slot_of(const key& k) const {
        std::uint64_t h = (k.low * 0x9E3779B97F4A7C15ull) ^ (k.high * 0xC4CEB9FE1A85EC53ull) ^ k.size;
        h ^= h >> 32;  // every input bit reaches the low bits the slot is taken from
        h *= 0xFF51AFD7ED558CCDull;
        return static_cast<std::size_t>(h ^ (h >> 32)) & mask_;
    }
    void grow() {
        std::vector<slot> old(std::max<std::size_t>(64, 2 * slots_.size()));
        old.swap(slots_);
        mask_ = slots_.size() - 1;
        used_ = 0;
        for (const slot& e : old)
            if (e.code >= 0) insert(e.text, e.code);
    }

    std::vector<slot> slots_;  // a power of two
    std::size_t mask_ = 0, used_ = 0;
};

}  // namespace

class text_table {
public:
    detail::interner texts;
    short_text_codes short_texts;  // a front to `texts` for short ones
};

std::int32_t code_of(text_table& table, std::string_view text) {
    if (text.size() > short_text_codes::longest) return table.texts.intern(text).first;
    const short_text_codes::key k = short_text_codes::key_of(text);
    std::int32_t code = table.short_texts.find(k);
    if (code < 0) {
        code = table.texts.intern(text).first;
        table.short_texts.insert(k, code);
    }
    return code;
}

std::vector<std::string> factorize_text_stretches(std::size_t n, const stretch_coder& code_stretch, std::int32_t* codes,
                                                  unsigned threads) {
    const unsigned parts = worker_count(threads, n, 1u << 18);
    std::vector<text_table> local(parts);
    in_stretches(n, parts,
                 [&](unsigned t, std::size_t begin, std::size_t end) { code_stretch(begin, end, local[t], codes); });
    std::vector<std::string> texts;
    for (const auto& l : local) texts.insert(texts.end(), l.texts.texts().begin(), l.texts.texts().end());
    std::sort(texts.begin(), texts.end());
    texts.erase(std::unique(texts.begin(), texts.end()), texts.end());
    if (texts.size() > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
        throw limit_error("more than 2^31 distinct texts in one column");
    std::vector<std::vector<std::int32_t>> global_of(parts);  // per stretch: local code → sorted code
    for (unsigned t = 0; t < parts; ++t)
        for (std::string_view text : local[t].texts.texts())
            global_of[t].push_back(
                static_cast<std::int32_t>(std::lower_bound(texts.begin(), texts.end(), text) - texts.begin()));
    in_stretches(n, parts, [&](unsigned t, std::size_t begin, std::size_t end) {
        const std::int32_t* map = global_of[t].data();
        for (std::size_t i = begin; i < end; ++i)
            if (codes[i] >= 0) codes[i] = map[codes[i]];
    });
    return texts;
}

text_codes factorize_texts(std::size_t n, const std::function<bool(std::size_t, std::string_view&)>& text_at,
                           unsigned threads) {
    text_codes result;
    result.codes.resize(n);
    result.texts = factorize_text_stretches(
        n,
        [&](std::size_t begin, std::size_t end, text_table& table, std::int32_t* codes) {
            std::string_view text;
            for (std::size_t i = begin; i < end; ++i) codes[i] = text_at(i, text) ? code_of(table, text) : -1;
        },
        result.codes.data(), threads);
    return result;
}

}  // namespace zhibiao
