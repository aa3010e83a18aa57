#pragma once
// Reporting periods: a year, a half-year, a quarter, a month, or a cumulative "January to month
// m" span (1-10月) that is none of those.
//
// Canonical text: 2018, 2018H1, 2018Q2, 2018-06, 2018YTD10. On input the Chinese forms of
// half-year and quarterly reports are accepted too (2018年上半年, 2018年1-6月, 2018年第二季度,
// 2018年6月) with full-width digits, and 2018-H1 / 2018-Q2 / 2018q2; `period::parse` lives in
// src/period.cpp.
//
// Half-year reports measure progress against "time elapsed" (序时进度). The month basis, the
// convention of Chinese reports, gives H1 → 6/12 = 0.5; the day basis gives 181/365 in 2018; the
// quarter basis counts the quarters over (H1 → 2/4 = 0.5, 1-5月 → 1/4: May ends no quarter).

#include "zhibiao/config.hpp"  // first: refuses flags that change the layout of zhibiao's types
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "zhibiao/error.hpp"

namespace zhibiao {

enum class period_kind : std::uint8_t { year, half, quarter, month, year_to_date };

/// How the elapsed fraction of a year is measured.
enum class elapsed_basis : std::uint8_t { month, day, quarter };

class period {
public:
    period() = default;
    static period year(int y) { return {y, period_kind::year, 12}; }
    static period half(int y, int h) { return checked(y, period_kind::half, h, 2); }
    static period quarter(int y, int q) { return checked(y, period_kind::quarter, q, 4); }
    static period month(int y, int m) { return checked(y, period_kind::month, m, 12); }
    /// January to month `m`; normalised to January (m = 1), Q1 (3), H1 (6) or the year (12) when
    /// it is one: 1-1月 and 1月 are one figure, and a panel writing one county's January each way
    /// must roll them up together (and refuse both in one entity as a duplicate row).
    static period year_to_date(int y, int m) {
        if (m == 1) return month(y, 1);
        if (m == 3) return quarter(y, 1);
        if (m == 6) return half(y, 1);
        if (m == 12) return year(y);
        return checked(y, period_kind::year_to_date, m, 12);
    }

    /// Parse canonical or Chinese forms; throws parse_error naming the text.
    static period parse(std::string_view text);

    int year_number() const { return year_; }
    period_kind kind() const { return kind_; }
    /// H: 1–2, Q: 1–4, month or YTD end month: 1–12, year: 12.
    int index() const { return index_; }

    int first_month() const {
        switch (kind_) {
            case period_kind::half:
                return index_ == 1 ? 1 : 7;
            case period_kind::quarter:
                return 3 * index_ - 2;
            case period_kind::month:
                return index_;
            case period_kind::year:
            case period_kind::year_to_date:
                break;
        }
        return 1;
    }
    int last_month() const {
        switch (kind_) {
            case period_kind::half:
                return 6 * index_;
            case period_kind::quarter:
                return 3 * index_;
            case period_kind::month:
            case period_kind::year_to_date:
                return index_;
            case period_kind::year:
                break;
        }
        return 12;
    }

    /// Fraction of the calendar year elapsed at the end of this period (序时进度).
    double fraction_elapsed(elapsed_basis basis = elapsed_basis::month) const {
        if (basis == elapsed_basis::month) return last_month() / 12.0;
        if (basis == elapsed_basis::quarter) return (last_month() / 3) / 4.0;  // whole quarters over
        return static_cast<double>(day_of_year_at_month_end(year_, last_month())) / days_in_year(year_);
    }

    /// The same period one year earlier (H1 → previous H1).
    period prior_year() const { return {year_ - 1, kind_, index_}; }

    /// "2024", "2024H1", "2024Q3", "2024-07", "2024YTD07". Built in one short string (no
    /// temporaries): the report reader writes one for every figure.
    std::string to_string() const {
        std::string out = std::to_string(year_);
        switch (kind_) {
            case period_kind::year:
                return out;
            case period_kind::half:
                out += 'H';
                break;
            case period_kind::quarter:
                out += 'Q';
                break;
            case period_kind::month:
                out += index_ < 10 ? "-0" : "-";
                break;
            case period_kind::year_to_date:
                out += index_ < 10 ? "YTD0" : "YTD";
                break;
        }
        if (index_ < 100) {
            if (index_ >= 10) out += static_cast<char>('0' + index_ / 10);
            out += static_cast<char>('0' + index_ % 10);
        } else {
            out += std::to_string(static_cast<unsigned>(index_));
        }
        return out;
    }

    static bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
    static int days_in_year(int y) { return leap(y) ? 366 : 365; }
    static int day_of_year_at_month_end(int y, int m) {
        static constexpr int cumulative[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365};
        return cumulative[m] + (m >= 2 && leap(y) ? 1 : 0);
    }

    /// Chronological by end of period; for the same end, the longer span first (2018 before
    /// 2018Q4 before 2018-12), so that a sort is total and stable across runs.
    friend bool operator<(const period& a, const period& b) { return a.key() < b.key(); }
    friend bool operator==(const period& a, const period& b) {
        return a.year_ == b.year_ && a.kind_ == b.kind_ && a.index_ == b.index_;
    }
    friend bool operator!=(const period& a, const period& b) { return !(a == b); }
    friend std::ostream& operator<<(std::ostream& os, const period& p) { return os << p.to_string(); }

private:
    period(int y, period_kind k, int i) : year_(y), kind_(k), index_(static_cast<std::uint8_t>(i)) {}
    static period checked(int y, period_kind k, int i, int max) {
        if (i < 1 || i > max)
            throw parse_error("period index " + std::to_string(i) + " out of range 1.." + std::to_string(max));
        return {y, k, i};
    }
    std::tuple<int, int, int> key() const { return {year_, last_month(), -(last_month() - first_month())}; }

    int year_ = 1970;
    period_kind kind_ = period_kind::year;
    std::uint8_t index_ = 12;
};

/// The periods of `seen` nearest `at` in time, those of at's kind first, then the nearest of any
/// kind (2023H1: 2024H1, then 2023); two when two are as near (2019 between 2018 and 2020). What
/// "did you mean" offers for a period the data lack: 2204 → 2024, where spelling would say 2014.
std::vector<period> nearest_periods(const period& at, const std::vector<period>& seen);

}  // namespace zhibiao
