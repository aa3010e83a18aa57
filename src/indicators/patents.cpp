// Patents in force: event counting on the query-date grid.
#include "zhibiao/patents.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <limits>
#include <numeric>
#include <string>
#include <thread>

#include "zhibiao/error.hpp"

namespace zhibiao {

std::int32_t days_from_civil(int y, unsigned m, unsigned d) {
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
    y += years;
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (m == 2 && d == 29 && !leap) d = 28;
    return days_from_civil(y, m, d);
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

// Half of the machine's physical memory: the grids' budget (a wrong region count must be an
// error, not a machine that swaps or an allocation the kernel kills the process for).
std::size_t memory_budget() {
    const long pages = ::sysconf(_SC_PHYS_PAGES), page = ::sysconf(_SC_PAGESIZE);
    if (pages <= 0 || page <= 0) return std::size_t{1} << 32;  // unknown: 4 GiB
    return static_cast<std::size_t>(pages) / 2 * static_cast<std::size_t>(page);
}

std::string gib(std::size_t bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f GiB", static_cast<double>(bytes) / (1u << 30));
    return text;
}

// Fewer threads when their grids would not fit (each thread has its own); a limit_error naming
// the sizes when not even one does.
unsigned threads_within_memory(std::size_t regions, std::size_t dates, unsigned threads) {
    const std::size_t budget = memory_budget();
    while (threads > 1 && grid_bytes(regions, dates, threads) > budget) --threads;
    const std::size_t need = grid_bytes(regions, dates, 1);
    if (need <= budget) return threads;
    const std::string needed = need == std::numeric_limits<std::size_t>::max() ? "more than can be addressed" : gib(need);
    throw limit_error("patents in force: " + std::to_string(regions) + " regions × " + std::to_string(dates) +
                      " dates need " + needed + ", more than half of this machine's memory (" + gib(budget) + ")");
}

}  // namespace

patents_in_force_result patents_in_force(const patent_records& rec, const std::vector<std::int32_t>& dates, std::int32_t as_of,
                                         unsigned threads) {
    if (!rec.region || !rec.filing || !rec.grant) throw error("patent records need region, filing and grant columns");
    const std::size_t m = dates.size();
    // Query dates sorted, remembering where each came from.
    std::vector<std::size_t> order(m);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return dates[a] < dates[b]; });
    std::vector<std::int32_t> sorted(m);
    for (std::size_t k = 0; k < m; ++k) sorted[k] = dates[order[k]];
    if (as_of == no_date) {  // today
        const auto now = std::chrono::system_clock::now().time_since_epoch();
        as_of = static_cast<std::int32_t>(std::chrono::duration_cast<std::chrono::hours>(now).count() / 24);
    }

    unsigned n_threads = threads ? threads : std::max(1u, std::thread::hardware_concurrency());
    n_threads = static_cast<unsigned>(std::min<std::size_t>(n_threads, std::max<std::size_t>(1, rec.size / 100000)));
    n_threads = threads_within_memory(rec.regions, m, n_threads);
    std::vector<partial> parts(n_threads);
    auto work = [&](unsigned t) {
        partial& part = parts[t];
        part.diff.assign(rec.regions * (m + 1), 0);
        auto& tally = part.tally;
        const std::size_t begin = rec.size * t / n_threads, end = rec.size * (t + 1) / n_threads;
        for (std::size_t i = begin; i < end; ++i) {
            if (rec.selected && !rec.selected[i]) {
                ++tally.not_selected;
                continue;
            }
            const std::int32_t filing = rec.filing[i], grant = rec.grant[i];
            const std::int32_t stop_at = rec.end ? rec.end[i] : no_date;
            std::size_t* problem = nullptr;
            if (filing == no_date || grant == no_date) problem = &tally.missing_date;
            else if (grant < filing) problem = &tally.grant_before_filing;
            else if (stop_at != no_date && stop_at < grant) problem = &tally.end_before_grant;
            else if (filing > as_of || grant > as_of || (stop_at != no_date && stop_at > as_of)) problem = &tally.in_the_future;
            else if (rec.region[i] < 0 || static_cast<std::size_t>(rec.region[i]) >= rec.regions) problem = &tally.bad_region;
            if (problem) {
                ++*problem;
                if (tally.excluded_examples.size() < 100) tally.excluded_examples.push_back(i);
                continue;
            }
            ++tally.counted;
            std::int32_t expiry = add_years(filing, 20);
            if (rec.extension_days && rec.extension_days[i] > 0) expiry += rec.extension_days[i];
            const std::int32_t stop = stop_at == no_date ? expiry : std::min(expiry, stop_at);
            const auto first = static_cast<std::size_t>(std::lower_bound(sorted.begin(), sorted.end(), grant) - sorted.begin());
            const auto last = static_cast<std::size_t>(std::lower_bound(sorted.begin(), sorted.end(), stop) - sorted.begin());
            if (first >= last) continue;
            std::int64_t* row = part.diff.data() + static_cast<std::size_t>(rec.region[i]) * (m + 1);
            ++row[first];
            --row[last];
        }
    };
    {
        std::vector<std::thread> workers;
        for (unsigned t = 1; t < n_threads; ++t) workers.emplace_back(work, t);
        work(0);
        for (auto& w : workers) w.join();
    }
    patents_in_force_result result;
    result.records = rec.size;
    result.counts.setZero(static_cast<Eigen::Index>(rec.regions), static_cast<Eigen::Index>(m));
    for (std::size_t r = 0; r < rec.regions; ++r) {
        std::int64_t running = 0;
        for (std::size_t k = 0; k < m; ++k) {
            for (const auto& part : parts) running += part.diff[r * (m + 1) + k];
            result.counts(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(order[k])) = running;
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
    return result;
}

}  // namespace zhibiao
