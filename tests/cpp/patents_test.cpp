#include "zhibiao/patents.hpp"

#include "zhibiao/error.hpp"

#include <boost/test/unit_test.hpp>
#include <algorithm>
#include <limits>
#include <random>
#include <string>

using namespace zhibiao;

BOOST_AUTO_TEST_SUITE(patents)

std::int32_t day(int y, unsigned m, unsigned d) { return days_from_civil(y, m, d); }

BOOST_AUTO_TEST_CASE(civil_dates) {
    BOOST_TEST(day(1970, 1, 1) == 0);
    BOOST_TEST(day(2000, 3, 1) == 11017);
    BOOST_TEST(add_years(day(2004, 2, 29), 20) == day(2024, 2, 29));
    BOOST_TEST(add_years(day(2000, 2, 29), 1) == day(2001, 2, 28));
    // No such date: refused, not rolled over (2024-13-40 read as 2025-02-09); 1900 is no leap year.
    BOOST_CHECK_THROW(day(2024, 13, 40), argument_error);
    BOOST_CHECK_THROW(day(2023, 2, 29), argument_error);
    BOOST_CHECK_THROW(day(1900, 2, 29), argument_error);
    BOOST_CHECK_THROW(day(2024, 0, 1), argument_error);
    BOOST_TEST(day(2000, 2, 29) == 11016);
    // Years whose days overflow int32 are a limit, not garbage.
    BOOST_CHECK_THROW(add_years(day(2024, 1, 1), 2'000'000'000), limit_error);
    BOOST_CHECK_THROW(day(6'000'000, 1, 1), limit_error);
    int y;
    unsigned m, d;
    civil_from_days(day(1999, 12, 31), y, m, d);
    BOOST_TEST((y == 1999 && m == 12 && d == 31));
}

BOOST_AUTO_TEST_CASE(validity_rules_of_section_1_3) {
    // One region; records: (filing, grant, end).
    std::vector<std::int32_t> filing = {day(2000, 5, 1), day(2010, 1, 1), day(2015, 1, 1), day(2018, 1, 1),
                                        day(2020, 1, 1), day(2019, 1, 1), day(2019, 6, 1)};
    std::vector<std::int32_t> grant = {day(2004, 1, 1),  day(2012, 1, 1), day(2017, 1, 1), day(2017, 1, 1),
                                       day(2021, 6, 30), day(2021, 1, 1), no_date};
    std::vector<std::int32_t> end = {no_date, day(2016, 7, 1), no_date, no_date, no_date, day(2020, 1, 1), no_date};
    std::vector<std::int32_t> region(filing.size(), 0);
    patent_records rec;
    rec.region = region.data();
    rec.filing = filing.data();
    rec.grant = grant.data();
    rec.end = end.data();
    rec.size = filing.size();
    rec.regions = 1;
    std::vector<std::int32_t> dates = {day(2021, 6, 30), day(2016, 12, 31), day(2020, 4, 30), day(2020, 5, 1)};
    patents_in_force_result r = patents_in_force(rec, dates, day(2024, 1, 1));
    // 2016-12-31: the 2000 patent only (the 2010 one lapsed 2016-07-01).
    BOOST_TEST(r.counts(0, 1) == 1);
    // 2020-04-30: the 2000 patent (until 2020-05-01), 2015 → one; 2021-06-30: 2015, 2020 (granted that day).
    BOOST_TEST(r.counts(0, 2) == 2);
    BOOST_TEST(r.counts(0, 3) == 1);  // 20 years from filing: expired on 2020-05-01
    BOOST_TEST(r.counts(0, 0) == 2);
    BOOST_TEST(r.grant_before_filing == 1u);  // the 2018 filing granted 2017
    BOOST_TEST(r.end_before_grant == 1u);
    BOOST_TEST(r.missing_date == 1u);
    BOOST_TEST(r.counted == 4u);
    BOOST_TEST(r.counted + r.grant_before_filing + r.end_before_grant + r.missing_date == r.records);
    // Term extension keeps a patent alive past 20 years.
    std::vector<std::int32_t> ext(filing.size(), 0);
    ext[0] = 30;
    rec.extension_days = ext.data();
    BOOST_TEST(patents_in_force(rec, dates, day(2024, 1, 1)).counts(0, 3) == 2);
    // An extension near the int32 limit keeps the patent in force at every date (the sum of the
    // two days overflowed int32), and a filing so early that its term is beyond the calendar is a
    // limit_error naming the record (add_years' message named only a year).
    ext[0] = std::numeric_limits<std::int32_t>::max();
    BOOST_TEST(patents_in_force(rec, dates, day(2024, 1, 1)).counts(0, 3) == 2);
    ext[0] = 30;
    const std::int32_t saved = filing[0];
    filing[0] = grant[0] = -2'000'000'000;  // the year -5,473,837
    try {
        (void)patents_in_force(rec, dates, day(2024, 1, 1), 1);
        BOOST_FAIL("an ancient filing with an extension was accepted");
    } catch (const zhibiao::limit_error& e) {
        BOOST_TEST(std::string(e.what()).find("record 0: filed in the year -547") != std::string::npos, e.what());
    }
    filing[0] = saved;
    grant[0] = day(2004, 1, 1);
    // Dates after as_of cannot be: the 2021 grant is "in the future" as of 2020.
    BOOST_TEST(patents_in_force(rec, dates, day(2020, 12, 31)).in_the_future == 1u);
}

BOOST_AUTO_TEST_CASE(agrees_with_brute_force_for_any_thread_count) {
    std::mt19937 rng(11);
    const std::size_t n = 300000, regions = 50;
    std::vector<std::int32_t> region(n), filing(n), grant(n), end(n);
    std::vector<std::uint8_t> invention(n);
    for (std::size_t i = 0; i < n; ++i) {
        region[i] = static_cast<std::int32_t>(rng() % regions);
        filing[i] = day(1995, 1, 1) + static_cast<std::int32_t>(rng() % 10000);
        grant[i] = filing[i] + static_cast<std::int32_t>(rng() % 1500) - 20;
        end[i] = rng() % 3 ? no_date : grant[i] + static_cast<std::int32_t>(rng() % 5000);
        invention[i] = rng() % 4 != 0;
    }
    patent_records rec{region.data(), filing.data(), grant.data(), end.data(), nullptr, invention.data(), n, regions};
    std::vector<std::int32_t> dates = {day(2023, 12, 31), day(2010, 6, 30), day(2015, 12, 31), day(2020, 6, 30)};
    const std::int32_t as_of = day(2026, 1, 1);
    patents_in_force_result one = patents_in_force(rec, dates, as_of, 1), many = patents_in_force(rec, dates, as_of, 4);
    BOOST_TEST((one.counts == many.counts));
    BOOST_TEST(one.excluded_examples == many.excluded_examples);
    for (std::size_t k = 0; k < dates.size(); ++k)
        for (std::int32_t g : {0, 7, 49}) {
            std::int64_t brute = 0;
            for (std::size_t i = 0; i < n; ++i) {
                if (region[i] != g || !invention[i] || grant[i] < filing[i] || (end[i] != no_date && end[i] < grant[i]))
                    continue;
                if (grant[i] > as_of || (end[i] != no_date && end[i] > as_of)) continue;  // impossible: in the future
                std::int32_t stop = add_years(filing[i], 20);
                if (end[i] != no_date) stop = std::min(stop, end[i]);
                brute += grant[i] <= dates[k] && dates[k] < stop;
            }
            BOOST_TEST(one.counts(g, static_cast<Eigen::Index>(k)) == brute);
        }
}

// Issue 17: the old limit counted cells (2^34), which let an 80 GB grid through to an allocation
// the kernel kills the process for. The limit is now the grids' bytes against the machine's memory.
BOOST_AUTO_TEST_CASE(grids_larger_than_memory_are_refused_before_allocating) {
    std::vector<std::int32_t> region = {0}, filing = {day(2005, 1, 1)},
                              grant = {day(2007, 1, 1)};  // in force until 2025
    const std::vector<std::int32_t> dates(11, day(2020, 12, 31));
    const auto names_memory = [](const limit_error& e) {
        return std::string(e.what()).find("more than half of this machine's memory") != std::string::npos;
    };
    const std::int32_t as_of = day(2026, 1, 1);
    for (std::size_t regions : {std::size_t{1} << 30, std::size_t{1} << 62}) {  // 96 GiB; past addressable
        const patent_records rec{region.data(), filing.data(), grant.data(), nullptr, nullptr, nullptr, 1, regions};
        BOOST_CHECK_EXCEPTION(patents_in_force(rec, dates, as_of, 2), limit_error, names_memory);
    }
    patent_records small{region.data(), filing.data(), grant.data(), nullptr, nullptr, nullptr, 1, 1000};
    BOOST_TEST(patents_in_force(small, dates, as_of, 2).counts(0, 0) == 1);
}

// Issue 16: the count finds where a 20-year term ends on the date grid by comparing the filing
// date with one threshold per date, not by calendar arithmetic per record. Every filing day of
// 1999-2005 (three 29 Februaries) against dates on, just before and just after each expiry.
BOOST_AUTO_TEST_CASE(term_ends_exactly_twenty_years_after_filing_on_every_day) {
    std::vector<std::int32_t> filing, grant, region;
    for (std::int32_t f = day(1999, 1, 1); f <= day(2005, 12, 31); ++f) {
        filing.push_back(f);
        grant.push_back(f + 100);
        region.push_back(0);
    }
    std::vector<std::int32_t> dates = {day(2020, 2, 28),  day(2020, 2, 29), day(2020, 3, 1),  day(2021, 2, 28),
                                       day(2021, 3, 1),   day(2024, 2, 28), day(2024, 2, 29), day(2024, 3, 1),
                                       day(2025, 12, 31), day(2019, 6, 30)};
    const patent_records rec{region.data(), filing.data(), grant.data(), nullptr, nullptr, nullptr, filing.size(), 1};
    const auto r = patents_in_force(rec, dates, day(2026, 1, 1), 1);
    for (std::size_t k = 0; k < dates.size(); ++k) {
        std::int64_t brute = 0;
        for (std::size_t i = 0; i < filing.size(); ++i)
            brute += grant[i] <= dates[k] && dates[k] < add_years(filing[i], 20);
        BOOST_TEST(r.counts(0, static_cast<Eigen::Index>(k)) == brute, "date " << k);
    }
    // By hand: on 2024-02-29 the filings after 2004-02-29 count, and those granted by then (all).
    BOOST_TEST(r.counts(0, 6) == day(2005, 12, 31) - day(2004, 2, 29));
}

// Round 14: the count finds a record's first and last date on the grid with a look-up table over
// the dates' span (up to 2^16 days) instead of scanning every date; wider grids keep the scan.
// Both against brute force, with grants, ends and 20-year expiries on, just before and just after
// the first and last dates (the table's edges) and far outside them.
BOOST_AUTO_TEST_CASE(look_up_and_scanned_grids_agree_with_brute_force) {
    for (const bool wide : {false, true}) {
        std::vector<std::int32_t> dates = {day(2015, 12, 31), day(2010, 6, 30), day(2020, 2, 29), day(2024, 12, 31)};
        if (wide) dates.push_back(day(1800, 1, 1));  // 82,000 days: the scan
        const std::int32_t first = *std::min_element(dates.begin(), dates.end());
        const std::int32_t last = *std::max_element(dates.begin(), dates.end());
        std::vector<std::int32_t> region, filing, grant, end;
        std::mt19937 rng(wide ? 3 : 4);
        for (std::int32_t edge : {first, last, day(2004, 2, 29) + 7305, day(2010, 6, 30), day(2000, 1, 1)})
            for (std::int32_t shift = -2; shift <= 2; ++shift)
                for (int r = 0; r < 40; ++r) {
                    const std::int32_t g = r % 2 ? edge + shift : edge - static_cast<std::int32_t>(rng() % 9000);
                    const std::int32_t f = r % 3 ? g - static_cast<std::int32_t>(rng() % 3000) : edge + shift - 7305;
                    const std::int32_t e = r % 4 == 0   ? no_date
                                           : r % 4 == 1 ? edge + shift
                                                        : g + static_cast<std::int32_t>(rng() % 9000);
                    if (f > g || (e != no_date && e < g)) continue;
                    region.push_back(0);
                    filing.push_back(f);
                    grant.push_back(g);
                    end.push_back(e);
                }
        const patent_records rec{region.data(), filing.data(), grant.data(),  end.data(),
                                 nullptr,       nullptr,       region.size(), 1};
        const std::int32_t as_of = day(2100, 1, 1);
        const auto r = patents_in_force(rec, dates, as_of, 1);
        BOOST_TEST(r.counted == region.size());
        for (std::size_t k = 0; k < dates.size(); ++k) {
            std::int64_t brute = 0;
            for (std::size_t i = 0; i < region.size(); ++i) {
                std::int32_t stop = add_years(filing[i], 20);
                if (end[i] != no_date) stop = std::min(stop, end[i]);
                brute += grant[i] <= dates[k] && dates[k] < stop;
            }
            BOOST_TEST(r.counts(0, static_cast<Eigen::Index>(k)) == brute, (wide ? "wide" : "narrow")
                                                                               << " grid, date " << k);
        }
    }
}

BOOST_AUTO_TEST_CASE(days_from_datetime64_ticks) {
    constexpr std::int64_t ns_per_day = 86'400'000'000'000, nat = std::numeric_limits<std::int64_t>::min();
    const std::vector<std::int64_t> ticks = {0, ns_per_day - 1, -1, -ns_per_day, nat, 19'000 * ns_per_day + 5};
    std::vector<std::int32_t> days(ticks.size());
    days_from_ticks(ticks.data(), ticks.size(), ns_per_day, days.data(), 2);
    BOOST_TEST((days == std::vector<std::int32_t>{0, 0, -1, -1, no_date, 19'000}));
    const std::vector<std::int64_t> far = {std::int64_t{1} << 40};  // 2^40 seconds, some 35 000 years: in range
    std::vector<std::int32_t> out(1);
    days_from_ticks(far.data(), 1, 86'400, out.data());
    BOOST_TEST(out[0] == static_cast<std::int32_t>((std::int64_t{1} << 40) / 86'400));
    const std::vector<std::int64_t> too_far = {std::int64_t{1} << 62};
    BOOST_CHECK_THROW(days_from_ticks(too_far.data(), 1, 1, out.data()), limit_error);
}

// The usual units divide by a constant (a faster path than the division by a run-time value that
// any other unit takes): every path gives floor(t / ticks per day), checked here against that
// formula on ticks on both sides of day boundaries, before 1970 and after, with NaT among them.
BOOST_AUTO_TEST_CASE(days_from_ticks_same_floor_for_every_unit) {
    constexpr std::int64_t nat = std::numeric_limits<std::int64_t>::min();
    for (const std::int64_t per_day :
         {std::int64_t{86'400'000'000'000}, std::int64_t{86'400'000'000}, std::int64_t{86'400'000},
          std::int64_t{86'400}, std::int64_t{1}, std::int64_t{1'440}, std::int64_t{24}, std::int64_t{7}}) {
        std::vector<std::int64_t> ticks;
        for (const std::int64_t day : {-100'000, -1, 0, 1, 19'000, 100'000})  // ±274 years: no overflow in ns
            for (const std::int64_t offset : {-1, 0, 1})
                if (day * per_day + offset != nat) ticks.push_back(day * per_day + offset);
        ticks.push_back(nat);
        std::vector<std::int32_t> days(ticks.size());
        days_from_ticks(ticks.data(), ticks.size(), per_day, days.data(), 1);
        for (std::size_t i = 0; i < ticks.size(); ++i) {
            const std::int64_t t = ticks[i];
            // floor division written out: 1969-12-31T23:00 is day -1
            const std::int64_t floor_day = t / per_day - (t % per_day < 0 ? 1 : 0);
            const std::int32_t expected = t == nat ? no_date : static_cast<std::int32_t>(floor_day);
            BOOST_TEST(days[i] == expected, "ticks " << t << " at " << per_day << " a day");
        }
    }
}

BOOST_AUTO_TEST_CASE(factorized_texts_are_sorted_and_the_same_for_any_thread_count) {
    std::vector<std::string> cells;
    for (std::size_t i = 0; i < 700000; ++i)
        cells.push_back(i % 11 == 3 ? "" : "r" + std::to_string((i * 7919) % 1013));
    const auto text_at = [&](std::size_t i, std::string_view& text) {
        text = cells[i];
        return !cells[i].empty();  // an empty cell stands for a missing one here
    };
    const text_codes one = factorize_texts(cells.size(), text_at, 1), four = factorize_texts(cells.size(), text_at, 4);
    BOOST_TEST(one.codes == four.codes);
    BOOST_TEST(one.texts == four.texts);
    BOOST_TEST(std::is_sorted(one.texts.begin(), one.texts.end()));
    BOOST_TEST(one.texts.size() == 1013u);
    for (std::size_t i : {0u, 3u, 14u, 699999u}) {
        if (cells[i].empty())
            BOOST_TEST(one.codes[i] == -1);
        else
            BOOST_TEST(one.texts[static_cast<std::size_t>(one.codes[i])] == cells[i]);
    }
}

BOOST_AUTO_TEST_SUITE_END()
