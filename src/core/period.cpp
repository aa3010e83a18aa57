// Period grammar (after full-width normalisation and trimming):
//   YYYY | YYYYH[12] | YYYYQ[1-4] | YYYY-MM | YYYYMmm | YYYYYTDmm  (also YYYY-H1, YYYY-q2, YYYYh1)
//   YYYY年 | YYYY年上半年 | YYYY年下半年 | YYYY年[第]一..四季度 | YYYY年[第]1..4季度 | YYYY年Q1 | YYYY年M月 |
//   YYYY年1-M月 YYYY/MM | YYYY/M | YYYY.MM (two digits: a number 2024.1 may be 2024.10) — a month YYYY年前二/两/三季度
//   — January to the quarter's end (2024YTD09) [截至|截止]YYYY年M月底|末, YYYY-MM-DD, YYYY/MM/DD, YYYY年M月D日 — a
//   stock at a month's end (indicators.md §7.3: 截至6月底 = at 30 June) is of the span from January to that day, as the
//   extractor reads it (docs/reports.md): 2024H1, 2024YTD09; another day is refused.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "core/nearest_periods.hpp"
#include "core/text.hpp"
#include "zhibiao/period.hpp"

namespace zhibiao {
namespace {

bool take(std::string_view& s, std::string_view prefix) {
    if (s.substr(0, prefix.size()) != prefix) return false;
    s.remove_prefix(prefix.size());
    return true;
}

// Reads 1–2 (or exactly `digits`) ASCII digits.
bool take_number(std::string_view& s, int& value, std::size_t max_digits) {
    std::size_t n = 0;
    value = 0;
    while (n < s.size() && n < max_digits && std::isdigit(static_cast<unsigned char>(s[n])))
        value = value * 10 + (s[n++] - '0');
    if (!n) return false;
    s.remove_prefix(n);
    return true;
}

bool take_chinese_digit(std::string_view& s, int& value) {
    static constexpr std::string_view digits[] = {"一", "二", "三", "四"};
    for (int k = 0; k < 4; ++k)
        if (take(s, digits[k])) {
            value = k + 1;
            return true;
        }
    return false;
}

// The dash of a span (1-5月, 1—5月, 1至5月).
bool take_span_dash(std::string_view& s) {
    return take(s, "-") || take(s, "—") || take(s, "–") || take(s, "~") || take(s, "～") || take(s, "至");
}

// A quarter's number, an Arabic or a Chinese digit (1季度, 三季度).
bool take_quarter_digit(std::string_view& s, int& value) {
    return take_number(s, value, 1) || take_chinese_digit(s, value);
}

// 1-3季度 (一至三季度) of year y, January to September as 前三季度 (1-1季度 the first quarter); nothing
// when `s` is no span of quarters; a parse_error saying what is wrong for one that is no period
// (2-3季度, 1-5季度, 1-3季度末): the span the user wrote, not an index or a rule it did not break.
std::optional<period> quarters_from_january(std::string_view s, int y) {
    const std::string_view written = s;
    int first = 0, last = 0;
    if (!take_quarter_digit(s, first) || !take_span_dash(s) || !take_quarter_digit(s, last) || !take(s, "季度"))
        return std::nullopt;
    const std::string span(written.substr(0, written.size() - s.size()));
    if (!s.empty())
        throw parse_error("'" + std::string(s) + "' after " + span + ": a span of quarters ends in 季度 (1-3季度)");
    if (last < 1 || last > 4) throw parse_error(span + ": a year has quarters 1 to 4 (1-4季度 is the year)");
    if (first != 1)
        throw parse_error(span + ": a span of quarters starts in the first (1-3季度 is January to September)");
    return last == 1 ? period::quarter(y, 1) : period::year_to_date(y, 3 * last);
}

// 月 or 月份 (1-12月份).
bool take_month_word(std::string_view& s) {
    if (!take(s, "月")) return false;
    take(s, "份");
    return true;
}

}  // namespace

constexpr std::string_view accepted =
    " (periods are written 2024, 2024H1, 2024Q2, 2024-06, 2024/06, 2024YTD09, 2024年, 2024年上半年, "
    "2024年第二季度, 2024年6月, 2024年1-9月, 2024年前三季度, 截至2024年6月底, 2024-06-30)";

period period::parse(std::string_view text) {
    std::string normal = detail::normalize_fullwidth(detail::trim(text));
    std::string_view s = normal;
    std::string why;  // what is wrong, when known more precisely than "cannot read"
    auto fail = [&]() -> period {
        throw parse_error("cannot read period " + detail::quoted(text) + (why.empty() ? "" : ": " + why) +
                          std::string(accepted));
    };
    const bool as_of = take(s, "截至") || take(s, "截止");  // 截至2024年6月底
    int y = 0;
    if (s.size() < 4 || !take_number(s, y, 4) || y < 1000) return fail();
    int k = 0;
    // A day: only the last day of a month, which ends the span from January (a stock at that date).
    auto day = [&](int m, int d) -> period {
        if (m < 1 || m > 12) return why = "no month " + std::to_string(m), fail();
        const int last =
            period::day_of_year_at_month_end(y, m) - (m > 1 ? period::day_of_year_at_month_end(y, m - 1) : 0);
        if (d != last)
            return why = "a day is read only at a month's end (" + std::to_string(m) + "月底 = " + std::to_string(y) +
                         "-" + (m < 10 ? "0" : "") + std::to_string(m) + "-" + std::to_string(last) +
                         ": a stock at that date, of the span from January)",
                   fail();
        return year_to_date(y, m);
    };
    try {
        if (s.empty()) return as_of ? fail() : period::year(y);
        // 2023-H1, 2023-q2, 2023h1: a dash or lower case before H and Q is the same period.
        if (s.size() > 1 && s[0] == '-' && (s[1] == 'H' || s[1] == 'Q' || s[1] == 'h' || s[1] == 'q'))
            s.remove_prefix(1);
        if (!as_of) {
            if (take(s, "h")) return take_number(s, k, 1) && s.empty() ? half(y, k) : fail();
            if (take(s, "q")) return take_number(s, k, 1) && s.empty() ? quarter(y, k) : fail();
            if (take(s, "H")) return take_number(s, k, 1) && s.empty() ? half(y, k) : fail();
            if (take(s, "Q")) return take_number(s, k, 1) && s.empty() ? quarter(y, k) : fail();
            if (take(s, "YTD")) return take_number(s, k, 2) && s.empty() ? year_to_date(y, k) : fail();
            if (take(s, "M")) return take_number(s, k, 2) && s.empty() ? month(y, k) : fail();
            // 2024-06, 2024/6, 2024.06; with a day, 2024-06-30 (the same separator twice).
            for (const std::string_view sep : {"-", "/", "."}) {
                if (!take(s, sep)) continue;
                const std::size_t before = s.size();
                if (!take_number(s, k, 2)) return fail();
                if (sep == "." && before - s.size() != 2)
                    return why = "a month after a point takes two digits (a number 2024.1 may have been 2024.10)",
                           fail();
                if (s.empty()) return month(y, k);
                int d = 0;
                if (!take(s, sep) || !take_number(s, d, 2) || !s.empty()) return fail();
                return day(k, d);
            }
        }
        if (!take(s, "年")) return fail();
        if (s.empty()) return as_of ? fail() : period::year(y);
        if (!as_of) {
            if (take(s, "上半年")) return s.empty() ? half(y, 1) : fail();
            if (take(s, "下半年")) return s.empty() ? half(y, 2) : fail();
            if (take(s, "全年") || take(s, "度")) return s.empty() ? period::year(y) : fail();
            if (take(s, "Q")) return take_number(s, k, 1) && s.empty() ? quarter(y, k) : fail();
            // 前三季度: January to September; 前两/二季度 the first half.
            if (take(s, "前")) {
                if (take(s, "两"))
                    k = 2;
                else if (!take_chinese_digit(s, k) && !take_number(s, k, 1))
                    return fail();
                return take(s, "季度") && s.empty() ? year_to_date(y, 3 * k) : fail();
            }
            if (const std::optional<period> q = quarters_from_january(s, y)) return *q;
            take(s, "第");
            if (take_chinese_digit(s, k)) return take(s, "季度") && s.empty() ? quarter(y, k) : fail();
            // 第2季度, 2季度: the quarter in an Arabic digit (a month, 2024年10月, reads on below).
            if (std::string_view t = s; take_number(t, k, 1) && take(t, "季度"))
                return t.empty() ? quarter(y, k) : fail();
        }
        int first = 0;
        if (!take_number(s, first, 2)) return fail();
        if (take(s, "月")) {
            if (take(s, "底") || take(s, "末")) return s.empty() ? year_to_date(y, first) : fail();
            take(s, "份");  // 1月份: the month, as 1月
            if (s.empty()) return as_of ? fail() : month(y, first);
            int d = 0;
            if (take_number(s, d, 2) && (take(s, "日") || take(s, "号")) && s.empty()) return day(first, d);
            return fail();
        }
        if (as_of) return fail();
        if (take_span_dash(s)) {
            int last = 0;
            if (!take_number(s, last, 2) || !take_month_word(s) || !s.empty()) return fail();
            // 1-1月 starts a cumulative column (1-1月, 1-2月…): January itself (year_to_date(y, 1)).
            if (first == 1) return year_to_date(y, last);
            if (first == last) return month(y, first);
            if (first == 7 && last == 12) return half(y, 2);
            if (last == first + 2 && first % 3 == 1) return quarter(y, (first + 2) / 3);
            return fail();
        }
        return fail();
    } catch (const parse_error& e) {
        if (e.message().rfind("cannot read period", 0) == 0) throw;
        if (why.empty()) why = e.message();  // period index 13 out of range 1..12
        return fail();
    }
}

namespace {

// Twice the month at the middle of a period, counted from year 0: a period's distance in time
// from another (2024H1 is nearer 2024 than 2023; 2205 is nearest the last year there is).
long long doubled_middle_month(const period& p) {
    const int first = p.kind() == period_kind::year_to_date ? 1 : p.first_month();
    return 24LL * p.year_number() + first + p.last_month();
}

// The periods of `seen` nearest `at` in time, of those with `kind` when it is given.
std::vector<period> nearest_in_time(const period& at, const std::vector<period>& seen, const period_kind* kind) {
    long long best = -1;
    std::vector<period> nearest;
    for (const period& p : seen) {
        if (kind && p.kind() != *kind) continue;
        const long long distance = std::llabs(doubled_middle_month(p) - doubled_middle_month(at));
        if (best >= 0 && distance > best) continue;
        if (best < 0 || distance < best) nearest.clear();
        best = distance;
        if (std::find(nearest.begin(), nearest.end(), p) == nearest.end()) nearest.push_back(p);
    }
    return nearest;
}

}  // namespace

std::vector<period> nearest_periods(const period& at, const std::vector<period>& seen) {
    const period_kind kind = at.kind();
    std::vector<period> said = nearest_in_time(at, seen, &kind);
    for (const period& p : nearest_in_time(at, seen, nullptr))
        if (std::find(said.begin(), said.end(), p) == said.end()) said.push_back(p);
    return said;
}

std::string detail::nearest_periods(const period& at, const std::vector<period>& seen) {
    const std::vector<period> said = zhibiao::nearest_periods(at, seen);
    if (said.empty()) return {};
    std::string text = " (did you mean '" + said.front().to_string() + "'";
    for (std::size_t k = 1; k < said.size(); ++k)
        text += (k + 1 == said.size() ? " or '" : ", '") + said[k].to_string() + "'";
    return text + "?)";
}

}  // namespace zhibiao
