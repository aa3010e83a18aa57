#pragma once
// Layer 3: the periods a report states (period_state, period_at, targets and plans). Takes code points
// at a figure or a line start and gives the period in force; the period rules change apart from the
// number rules, so they have a file of their own.
#include "extract/numbers.hpp"
#include "zhibiao/period.hpp"

namespace zhibiao {
namespace {

struct period_state {
    int year = 0;
    std::optional<period> current;
    bool prior = false;                  // inside a sentence about the year before (上年同期，…)
    int title_year = 0;                  // the year of the report's title: 明年 is the year after it
    std::optional<period> title_period;  // the title's period: 今年 of a half-year report is its half
    // The title is a government work report's: given early in its year, its 今后五年 start there
    // (a bureau's 2025年工作总结 looks ahead from 2026).
    bool title_looks_ahead = false;
    // The last year of a span of years in the title (“十五五”规划（2026—2030年）): its 今后五年 end there.
    int title_span_end = 0;
    // The year the report was given or issued in, when its head says so (a government work report's
    // title, a meeting held in its year, a date under the title, an issue date): its 今年, and the
    // year before it is its 去年 and 过去一年 — not always the title's (2025年…总结大会 held in 2026).
    int dated_year = 0;
    // A year after a lead-in clause (会议指出，2025年全县…): it governs to the full stop unless a
    // period with no year of its own (上半年, 1-6月) is stated nearer a figure.
    bool lead_in = false;
    // The period 上月/上季度 made (relative_made) and the one it was counted back from (relative_to):
    // 本月 after it is still the bulletin's own month, not the month before.
    std::optional<period> relative_made, relative_to;
    // With no year in the title (this_year_at): the latest year the text stated (4 digits), and the period in force
    // when a line of prose went back from it to an earlier year (2025年上半年，…。2024年全年，…: 2025H1). 今年 and a
    // period without its year opening a sentence there are of that period again (round 35), as a title's would be.
    int latest_year = 0;
    std::optional<period> before_earlier;
};

// A span of years at k — 2026—2030年, 2026年—2030年, 2026至2030年 —: its last year, 0 if none.
int year_span_end_at(const code_points& cps, std::size_t k) {
    const auto year_at = [&](std::size_t i) {
        int year = 0;
        for (std::size_t j = i; j < i + 4; ++j) {
            if (j >= cps.size() || !is_digit(cps[j].c)) return 0;
            year = year * 10 + static_cast<int>(cps[j].c - '0');
        }
        return year >= 1900 && year <= 2200 ? year : 0;
    };
    const int first = year_at(k);
    std::size_t j = k + 4;
    if (!first || j >= cps.size()) return 0;
    if (cps[j].c == U'年') ++j;
    if (j >= cps.size() || !is_dash(cps[j].c)) return 0;
    const int last = year_at(j + 1);
    return last > first && j + 5 < cps.size() && cps[j + 5].c == U'年' ? last : 0;
}

// Whether the report's head — its lines up to the one holding k, or holding its 300th code point
// when k is further — names a government work report (政府工作报告（2026年）, 政府工作报告⏎——2026年…).
bool line_names_work_report(const code_points& cps, std::size_t k) {
    if (cps.base() != 0) return false;  // the head is in the first chunk
    std::size_t e = std::min(k, std::size_t{300});
    while (e < cps.size() && cps[e].c != '\n') ++e;
    // the title may be split over two lines (2026年政府⏎工作报告): line breaks and blanks inside it
    // are skipped, and the line after the one holding k is part of the head for the rest of the name
    constexpr std::u32string_view name = U"政府工作报告";
    for (std::size_t i = 0; i < e; ++i) {
        if (cps[i].c != U'政') continue;
        std::size_t matched = 0;
        for (std::size_t j = i; j < cps.size() && matched < name.size() && j < i + 12; ++j)
            if (cps[j].c == name[matched])
                ++matched;
            else if (!one_of(cps[j].c, U"\n\r \u3000"))
                break;
        if (matched == name.size()) return true;
    }
    return false;
}

bool is_open_paren(char32_t c);

// The date at k, n code points long, ends a line of the report's head, after nothing but blanks or a
// name (临江市科学技术局    2026年5月8日, a bulletin's issuer and issue date): the date of the issue
// (the caller: when no year was stated before it; a bulletin titled 2025年…统计公报 is of 2025).
bool issue_date_line(const code_points& cps, std::size_t k, std::size_t n) {
    if (cps.base() != 0 || k > 300) return false;
    std::size_t j = k + n;
    while (j < cps.size() && one_of(cps[j].c, U" \t\u3000")) ++j;
    if (j < cps.size() && cps[j].c != '\n' && cps[j].c != '\r') return false;
    for (std::size_t i = k; i > 0 && cps[i - 1].c != '\n' && cps[i - 1].c != '\r'; --i)
        if (clause_end(cps[i - 1].c) || is_digit(cps[i - 1].c) || is_open_paren(cps[i - 1].c) || is_dash(cps[i - 1].c))
            return false;
    return true;
}

// The date at k opens a line of dashes (政府工作报告⏎——2026年1月12日在…代表大会上): the day a report
// was given, under its title.
bool speech_date_line(const code_points& cps, std::size_t k) {
    std::size_t j = k, dashes = 0;
    for (; j > 0 && one_of(cps[j - 1].c, U"—－-– \u3000"); --j) dashes += !one_of(cps[j - 1].c, U" \u3000");
    return dashes > 0 && (j == 0 || cps[j - 1].c == '\n' || cps[j - 1].c == '\r');
}

// 底 or 末 after "N月" (the end of the month): its length, 0 or 1.
std::size_t month_end_word(const code_points& cps, std::size_t k) {
    return k < cps.size() && (cps[k].c == U'底' || cps[k].c == U'末') ? 1 : 0;
}

// Reads a period expression at k, if any, into `state`; returns its length in code points.
bool target_period(const code_points& cps, std::size_t k, std::size_t n);

// A five-year plan's name and its span at k: "“十四五”期间", "十四五时期" (its five years: a total
// over them is no level of one year, the caller flags it `since`) and "“十四五”末" (its end), of the
// plan's last year (十一五 2010 … 十四五 2025, 十五五 2030). Its length in code points, 0 if none;
// `span` for 期间/时期.
std::size_t plan_span_at(const code_points& cps, std::size_t k, int& last_year, bool& span) {
    if (k + 3 >= cps.size() || cps[k].c != U'十' || cps[k + 2].c != U'五') return 0;
    const int n = chinese_digit(cps[k + 1].c);
    if (n < 1 || n > 5) return 0;
    std::size_t j = k + 3;
    if (cps[j].c == U'”' || cps[j].c == '"' || cps[j].c == U'’') ++j;
    span = starts_with(cps, j, U"期间") || starts_with(cps, j, U"时期");
    if (!span && !(j < cps.size() && cps[j].c == U'末')) return 0;
    last_year = 2005 + 5 * n;
    return j + (span ? 2 : 1) - k;
}

// "到203⏎0年", "202 6年": a year a line break (a page's footer between) or a blank cut, as a PDF converter leaves it;
// four digits and 年 on both sides together are no figure a lost digit could leave. The digits [k, end) read as v: the
// whole year and its end, if they are its first part.
void year_across_break(const code_points& cps, std::size_t k, std::size_t& end, int& v) {
    // no call where the digits end at a character (most figures): next_line_of_figure needs a blank or a break
    if (end >= cps.size() || (!is_blank(cps[end].c) && cps[end].c != '\n' && cps[end].c != '\r')) return;
    // "202 6年": one blank a PDF's converter left inside the year, on the same line
    const std::size_t next =
        cps[end].c == ' ' && end + 1 < cps.size() && is_digit(cps[end + 1].c) ? end + 1 : next_line_of_figure(cps, end);
    if (!next) return;
    int year = v;
    std::size_t e = next;
    for (std::size_t digits = end - k; e < cps.size() && is_digit(cps[e].c) && digits < 4; ++e, ++digits)
        year = year * 10 + static_cast<int>(cps[e].c - '0');
    if (e - next + (end - k) == 4 && e < cps.size() && cps[e].c == U'年' && year >= 1900 && year <= 2200)
        v = year, end = e;
}

// 今年 / 本年 (本年度), 今年以来 / 本年以来 at k: the year of the report's title, whatever year a paragraph before
// named — the title's own period when it is of that year (今年上半年 of a half-year report is its half; 今年，… and
// 今年以来 its whole period). With no year in the title, the period in force before a line of prose went back to an
// earlier year (2025年上半年，…。2024年全年，…，今年…: 2025H1), else none. Its length (with 以来: no span's start
// the caller leaves aside, the period in force from here on), 0 if none.
// 年初以来 / 年初至今 (自年初以来) opening a sentence are the title's 今年以来. 年初 says no "this year": inside a
// sentence (2025年上半年，年初以来…; …80家，年初以来…), after a period of its own (2025年年初以来) or under a title
// dated a year later than it names, it is the start of the year in force, a span (round 36).
bool year_start_opens_sentence(const code_points& cps, std::size_t k) {
    std::size_t b = k;
    while (b > 0 && (is_blank(cps[b - 1].c) || one_of(cps[b - 1].c, U"自从"))) --b;
    return b == 0 || one_of(cps[b - 1].c, U"。！？!?\n\r");
}
std::size_t this_year_at(const code_points& cps, std::size_t k, period_state& state) {
    const bool year_start =
        (starts_with(cps, k, U"年初以来") || starts_with(cps, k, U"年初至今")) && year_start_opens_sentence(cps, k);
    if (!year_start && !starts_with(cps, k, U"今年") && !starts_with(cps, k, U"本年")) return 0;
    const bool since = year_start || starts_with(cps, k + 2, U"以来");
    const std::size_t n = since ? 4 : 2;
    // the year the report was given in when its head dates it (a 2025 press conference held in 2026:
    // 今年 is 2026), else the title's; 年初 the title's alone (a review of 2025 dated 2026 speaks of 2025's start)
    const int year = state.dated_year && !year_start ? state.dated_year : state.title_year;
    // 今年以来 of the year in force or a later one (二季度，… 今年以来; a report of 2026 after a 2024 one in a
    // file) leaves the period as it is: the caller reads it as the start of a span within it
    // — unless the period in force is still the bulletin's own month or quarter: then January to its end, below
    const bool at_titles_span =
        state.title_period && state.current && *state.current == *state.title_period &&
        (state.title_period->kind() == period_kind::month || state.title_period->kind() == period_kind::quarter);
    if (since && year && state.year >= year && !at_titles_span) return 0;
    if (!year) {
        if (!state.before_earlier || state.year >= state.latest_year) return 0;
        state.year = state.latest_year, state.prior = false;
        state.current = *std::exchange(state.before_earlier, std::nullopt);
        return n;
    }
    state.year = year, state.prior = false;
    const bool of_title = state.title_period && state.title_period->year_number() == year;
    // a bulletin's issue line states no span (title_period unset): 今年 goes on with the one its
    // text stated (1-9月，… 今年申报…: 2026YTD09)
    const bool span = !state.title_period && state.current && state.current->year_number() == year &&
                      state.current->kind() == period_kind::year_to_date;
    state.current = of_title ? *state.title_period : span ? *state.current : period::year(year);
    // 本年 and 今年以来 of a month's or a quarter's bulletin (2025年5月科技统计月报: 本年累计…) are January to its end;
    // 今年 stays the title's period (a third quarter's meeting: 今年…预计 estimates the quarter's, round 26)
    const bool month_or_quarter =
        state.current->kind() == period_kind::month || state.current->kind() == period_kind::quarter;
    if (of_title && month_or_quarter && (cps[k].c == U'本' || since))
        state.current = period::year_to_date(year, state.current->last_month());
    return n;
}

// A year stated at k (period_at): the latest so far, or an earlier one after it. A later sentence of a paragraph
// going back from the latest year to an earlier one (2025年上半年，…。2024年全年，…) keeps the period in force to
// come back to (before_earlier) — not a paragraph or a heading opening with the earlier year (2025年10月，…;
// 一、2024年工作回顾), which is about that year; the latest year stated again ends it. Only a report whose title
// names no year reads it (this_year_at, period_at).
void note_year_stated(const code_points& cps, std::size_t k, int year, period_state& state) {
    if (year < state.year && state.year == state.latest_year && state.current) {
        bool later_sentence = false;
        for (std::size_t b = k; b > 0 && !later_sentence && cps[b - 1].c != '\n' && cps[b - 1].c != '\r'; --b)
            later_sentence = one_of(cps[b - 1].c, U"。！？!?；;");
        state.before_earlier = later_sentence ? state.current : std::nullopt;
    } else if (year >= state.latest_year) {
        state.before_earlier.reset();
    }
    state.latest_year = std::max(state.latest_year, year);
}

// A year in Chinese numerals (二〇二六年, 二零二五年: four digits, each a numeral of its own, as
// official titles write it) at k: its length, 0 if none.
std::size_t chinese_year_at(const code_points& cps, std::size_t k, period_state& state) {
    if (k > 0 && chinese_digit(cps[k - 1].c) >= 0) return 0;
    int year = 0;
    std::size_t j = k;
    for (; j < cps.size() && j - k < 4; ++j) {
        const int d = chinese_digit(cps[j].c);
        if (d < 0 || cps[j].c == U'两') return 0;
        year = year * 10 + d;
    }
    if (j - k != 4 || j >= cps.size() || cps[j].c != U'年' || year < 1900 || year > 2200) return 0;
    note_year_stated(cps, k, year, state);
    state.year = year, state.current = period::year(year);
    return 5;
}

// 过去一年 / 过去的一年 opening a clause of a report its head dates (某市2026年政府工作报告：过去一年，…;
// a speech at 2026年全区科技创新大会): the year the report looks back on, the one before the year it
// was given in — it was read as the title's. Only there: a summary's 过去一年 is its own year.
std::size_t past_year_of_work_report_at(const code_points& cps, std::size_t k, period_state& state) {
    if (cps[k].c != U'过' || !state.dated_year) return 0;
    const std::size_t n = starts_with(cps, k, U"过去一年") ? 4 : starts_with(cps, k, U"过去的一年") ? 5 : 0;
    if (!n || (k > 0 && !clause_end(cps[k - 1].c) && !one_of(cps[k - 1].c, U" \t\n\r\u3000（(：:“\""))) return 0;
    state.year = state.dated_year - 1, state.prior = false;
    state.current = period::year(state.year);
    return n;
}

// A year named by a word at k — 明年 planned (二、明年工作计划; 明年，力争…: the year after the
// one in force, for the plans), 今年, a year in Chinese numerals —: its length, 0 if none.
std::size_t year_word_at(const code_points& cps, std::size_t k, period_state& state) {
    if (starts_with(cps, k, U"明年") && state.year && target_period(cps, k, 2)) {
        state.year = (state.title_year ? state.title_year : state.year) + 1;
        state.current = period::year(state.year);
        return 2;
    }
    // 今后五年，力争…: targets of the fifth of the years ahead — from the title's year for a government
    // work report (2026年政府工作报告: 2030), from the year after it for a summary of a year (2025年
    // 工作总结: 2030; 2022年政府工作报告: 2026, a term's end, not the plan's 2025)
    if ((cps[k].c == U'今' || cps[k].c == U'未') &&
        (starts_with(cps, k, U"今后五年") || starts_with(cps, k, U"未来五年")) && state.year &&
        (target_period(cps, k, 4) || state.title_span_end >= state.year + 1)) {
        const bool ahead = state.title_looks_ahead || line_names_work_report(cps, k);
        const int first = (state.title_year ? state.title_year : state.year) + (ahead ? 0 : 1);
        // a plan's title says its span (“十五五”规划（2026—2030年）: 2030, not 2035 from its last year);
        // a span behind the text (“十四五”工作总结（2021—2025年）) says nothing of the years ahead
        const bool span_ahead = state.title_span_end > state.year;
        state.year = span_ahead ? state.title_span_end : first + 4;
        state.current = period::year(state.year);
        return 4;
    }
    if (const std::size_t n = past_year_of_work_report_at(cps, k, state)) return n;
    if (const std::size_t n = this_year_at(cps, k, state)) return n;
    return chinese_year_at(cps, k, state);
}

// 去年底 / 上年末 after 截至 at k: a stock at the end of the year before — 去年 the date's when the head
// dates the report (as enter_prior_year reads it), 上年 the one in force's. Its length, 0 if none.
std::size_t last_year_end_at(const code_points& cps, std::size_t k, period_state& state) {
    if ((!starts_with(cps, k, U"去年") && !starts_with(cps, k, U"上年")) || k + 2 >= cps.size() ||
        !one_of(cps[k + 2].c, U"底末") || !state.year)
        return 0;
    const bool dated = state.dated_year && cps[k].c == U'去';
    state.year = (dated ? state.dated_year : state.year) - 1;
    state.current = period::year(state.year);
    return 3;
}

// "2022 年", "6 月" (text taken out of a PDF): blanks between a number's digits [.., end) and 年, 月
// or 季度 still make it a date, not a figure. Where the date word starts (end if it is no such).
std::size_t blanks_before_date_word(const code_points& cps, std::size_t end) {
    std::size_t j = end;
    while (j < cps.size() && j - end < 2 && (cps[j].c == ' ' || cps[j].c == '\t' || cps[j].c == U'\u3000')) ++j;
    const bool date_word = j < cps.size() && (cps[j].c == U'年' || cps[j].c == U'月' || starts_with(cps, j, U"季度"));
    return j > end && date_word ? j : end;
}

// 上半年/下半年 at k, also split by a PDF's blank (上半 年, 上 半年): its length, 0 if none.
std::size_t half_year_at(const code_points& cps, std::size_t k) {
    if (cps[k].c != U'上' && cps[k].c != U'下') return 0;
    const std::size_t half = k + 1 < cps.size() && cps[k + 1].c == ' ' ? k + 2 : k + 1;
    if (half >= cps.size() || cps[half].c != U'半') return 0;
    const std::size_t year = blanks_before_date_word(cps, half + 1);
    return year < cps.size() && cps[year].c == U'年' ? year + 1 - k : 0;
}

// A blank a PDF left before the dash of a month range (2026年1 -6月): where the dash is, else j.
std::size_t blank_before_dash(const code_points& cps, std::size_t j) {
    return j + 1 < cps.size() && is_blank(cps[j].c) && is_dash(cps[j + 1].c) ? j + 1 : j;
}

// The number of a period's year, month or quarter at i (up to 4 ASCII digits, or one Chinese digit, or
// 十/十一/十二 of a month), `end` after it; 0 if none.
int period_number_at(const code_points& cps, std::size_t i, std::size_t& end) {
    int v = 0;
    end = i;
    while (end < cps.size() && is_digit(cps[end].c) && end - i < 4)
        v = v * 10 + static_cast<int>(cps[end].c - '0'), ++end;
    if (end == i) {
        const int d = chinese_digit(cps[i].c);
        if (d > 0) return ++end, d;
        if (cps[i].c == U'十') {  // 十, 十一, 十二 (months)
            ++end;
            const int unit = end < cps.size() ? chinese_digit(cps[end].c) : -1;
            if (unit > 0 && unit <= 2) return ++end, 10 + unit;
            return 10;
        }
    }
    return v;
}

// 本月/上月, 本季度/本季/上季度 (当月, 当季度, 当季) at k: a month or a quarter counted from the bulletin's own (the
// period in force of a month, a quarter or January to a month: after 2025年1—5月 本月 is 2025-05, not
// the span; after 2025年5月 上月 is 2025-04). Its length, 0 if none or no such period is in force (a
// year's report has no month of its own to count from).
std::size_t relative_period_at(const code_points& cps, std::size_t k, period_state& state) {
    const bool last = cps[k].c == U'上';
    if (!last && cps[k].c != U'本' && cps[k].c != U'当') return 0;  // 当月/当季 as 本月/本季
    const bool month = k + 1 < cps.size() && cps[k + 1].c == U'月';
    const bool quarter = starts_with(cps, k + 1, U"季度") || (!last && starts_with(cps, k + 1, U"季"));
    if (!month && !quarter) return 0;
    std::optional<period> from = state.current;
    if (from && state.relative_made && *from == *state.relative_made) from = state.relative_to;
    if (!from || from->kind() == period_kind::year || from->kind() == period_kind::half) return 0;
    const int year = from->year_number(), end_month = from->last_month();
    period p = period::month(year, end_month);
    if (month && last) p = end_month == 1 ? period::month(year - 1, 12) : period::month(year, end_month - 1);
    const int q = (end_month + 2) / 3;
    if (quarter)
        p = !last ? period::quarter(year, q) : q == 1 ? period::quarter(year - 1, 4) : period::quarter(year, q - 1);
    state.relative_to = from, state.relative_made = p;
    state.year = p.year_number(), state.current = p, state.prior = false;
    return month || !starts_with(cps, k + 1, U"季度") ? 2 : 3;
}

// The four digits of a year at k (1900-2200), 0 if none.
int four_digit_year_at(const code_points& cps, std::size_t k) {
    if (k + 4 > cps.size() || (k > 0 && is_digit(cps[k - 1].c))) return 0;
    int y = 0;
    for (std::size_t j = k; j < k + 4; ++j) {
        if (!is_digit(cps[j].c)) return 0;
        y = y * 10 + static_cast<int>(cps[j].c - '0');
    }
    return (k + 4 < cps.size() && is_digit(cps[k + 4].c)) || y < 1900 || y > 2200 ? 0 : y;
}

// "2023、2024年", "2023和2024年": a year written without its 年, the next one's shared (a list of periods, as
// before 分别), not the figure 2023. The end of the 、 or 和 after it, 0 if the digits at k are no such.
std::size_t year_sharing_next_at(const code_points& cps, std::size_t k) {
    if (k + 10 > cps.size() || !one_of(cps[k + 4].c, U"、和及") || !four_digit_year_at(cps, k)) return 0;
    std::size_t j = k + 5;
    while (four_digit_year_at(cps, j) && j + 5 < cps.size() && one_of(cps[j + 4].c, U"、和及")) j += 5;
    return four_digit_year_at(cps, j) && j + 4 < cps.size() && cps[j + 4].c == U'年' ? k + 5 : 0;
}

bool issue_line(const code_points& cps, std::size_t k, std::size_t n);  // stated_periods.hpp
bool is_open_paren(char32_t c);                                         // damage.hpp

// The year v just read at k (n code points) is a bulletin's issue line under a title of a part of that year
// (某市科技局2026年3月工作动态⏎（2026年第3期）): the title's period goes on (it was the whole year's, round 36).
bool issue_of_titles_year(const code_points& cps, std::size_t k, std::size_t n, int v, const period_state& state) {
    return state.title_period && state.title_period->year_number() == v &&
           state.title_period->kind() != period_kind::year && k > 0 &&
           (is_open_paren(cps[k - 1].c) || is_blank(cps[k - 1].c)) && issue_line(cps, k, n);
}

std::size_t read_period_at(const code_points& cps, std::size_t k, period_state& state) {
    const auto number = [&](std::size_t i, std::size_t& end) { return period_number_at(cps, i, end); };
    auto set = [&](std::optional<period> p) {
        if (state.year) state.current = p;
    };
    try {
        // A period opening with an ASCII digit is one of numbers (2024年, 1-9月, 3季度): no word below
        // starts so, and most calls are at a figure's first digit.
        if (!is_digit(cps[k].c)) {
            if (const std::size_t n = year_word_at(cps, k, state)) return n;
            if (const std::size_t n = relative_period_at(cps, k, state)) return n;
            int plan_year = 0;
            bool span = false;
            if (const std::size_t n = plan_span_at(cps, k, plan_year, span)) {
                state.year = plan_year, state.current = period::year(plan_year);
                return n;
            }
            if (const std::size_t n = half_year_at(cps, k)) {
                set(period::half(state.year, cps[k].c == U'上' ? 1 : 2));
                return n;
            }
            if (starts_with(cps, k, U"全年")) {
                // 去年全年 / 上年全年 is last year: a comparison, not the period of what follows.
                // Inside a sentence about last year (去年全年，…) it is that year.
                if (state.prior ||
                    (!ends_with(cps, k, U"去年") && !ends_with(cps, k, U"上年") && !ends_with(cps, k, U"前年")))
                    set(period::year(state.year));
                return 2;
            }
            if (starts_with(cps, k, U"前三季度")) {
                set(period::year_to_date(state.year, 9));
                return 4;
            }
            // 截至[2024年]6月底: a figure to the end of month N is of January to N, as 1-N月 (the
            // half-year's at June, the first quarter's at March, the year's at December).
            if (starts_with(cps, k, U"截至") || starts_with(cps, k, U"截止")) {
                std::size_t at = k + 2, end = 0;
                if (const std::size_t last = last_year_end_at(cps, at, state)) return at + last - k;
                int y = at < cps.size() ? number(at, end) : 0;
                if (y && end - at < 4 && is_digit(cps[at].c)) year_across_break(cps, at, end, y);  // 截至202 6年
                if (y >= 1900 && y <= 2200 && end < cps.size() && cps[end].c == U'年')
                    state.year = y, state.current = period::year(y), at = end + 1;
                const int m = at < cps.size() ? number(at, end) : 0;
                if (m >= 1 && m <= 12 && end < cps.size() && cps[end].c == U'月') {
                    set(period::year_to_date(state.year, m));
                    return end + 1 + month_end_word(cps, end + 1) - k;
                }
                return at - k;
            }
        }
        std::size_t end = 0;
        int v = (is_digit(cps[k].c) || chinese_digit(cps[k].c) > 0 || cps[k].c == U'十') ? number(k, end) : 0;
        if (!v || (k > 0 && is_digit(cps[k - 1].c))) return 0;
        if (is_digit(cps[k].c) && end - k < 4) year_across_break(cps, k, end, v);
        if (end < cps.size() && is_blank(cps[end].c)) end = blanks_before_date_word(cps, end);  // U+3000 decodes to ' '
        if (end < cps.size() && cps[end].c == U'年' && v >= 1900 && v <= 2200) {
            note_year_stated(cps, k, v, state);
            state.year = v, state.current = period::year(v);
            if (issue_of_titles_year(cps, k, end + 1 - k, v, state)) state.current = *state.title_period;
            return end + 1 - k;
        }
        if (end == k + 4 && v >= 1900 && v <= 2200)
            if (const std::size_t shared = year_sharing_next_at(cps, k)) {
                state.year = v, state.current = period::year(v);
                return shared - k;
            }
        if (starts_with(cps, end, U"季度") && v >= 1 && v <= 4) {
            set(period::quarter(state.year, v));
            return end + 2 - k;
        }
        // 1-10月 (and 1月至10月, 1月—10月): January to October
        const std::size_t dash = blank_before_dash(cps, end < cps.size() && cps[end].c == U'月' ? end + 1 : end);
        if (dash < cps.size() && is_dash(cps[dash].c) && v == 1) {
            std::size_t end2 = 0;
            const std::size_t after = dash + 2 < cps.size() && cps[dash + 1].c == ' ' ? dash + 2 : dash + 1;  // 1- 6月
            const int m = after < cps.size() ? number(after, end2) : 0;
            if (m && end2 < cps.size() && is_blank(cps[end2].c)) end2 = blanks_before_date_word(cps, end2);  // 1—9 月
            if (m >= 1 && m <= 12 && end2 < cps.size() && cps[end2].c == U'月') {
                set(period::year_to_date(state.year, m));
                return end2 + 1 - k;
            }
        }
        // "…1-9月" whose 1 another reading took (a list number "3.1-9月"): still January to N.
        if (end < cps.size() && cps[end].c == U'月' && v >= 1 && v <= 12 && k >= 2 && is_dash(cps[k - 1].c) &&
            cps[k - 1].c != U'至' && cps[k - 2].c == '1' && (k < 3 || !is_digit(cps[k - 3].c))) {
            set(period::year_to_date(state.year, v));
            return end + 1 - k;
        }
        if (end < cps.size() && cps[end].c == U'月' && v >= 1 && v <= 12) {
            const std::size_t month_end = month_end_word(cps, end + 1);  // 6月底 / 6月末: to the end of June
            set(month_end ? period::year_to_date(state.year, v) : period::month(state.year, v));
            return end + 1 + month_end - k;
        }
    } catch (const error&) {}
    return 0;
}

// The period stated at k, if any, read into `state`: its length in code points, 0 if none. A period without its
// year opening a sentence after a line of prose that went back to an earlier year than the latest stated, in a
// report whose title names no year (2025年上半年，…。2024年全年，…。一季度，…), is of that latest year (2025Q1), as it
// would be of the title's (end_earlier_year, scan.hpp) — not of the earlier year's.
std::size_t period_at(const code_points& cps, std::size_t k, period_state& state) {
    if (!state.before_earlier || state.year >= state.latest_year || state.title_year || state.dated_year)
        return read_period_at(cps, k, state);
    std::size_t b = k;
    while (b > 0 && is_blank(cps[b - 1].c)) --b;
    if (b > 0 && !one_of(cps[b - 1].c, U"。！？!?；;\n\r")) return read_period_at(cps, k, state);
    period_state latest = state;
    latest.year = state.latest_year;
    const std::size_t n = read_period_at(cps, k, latest);
    if (!n || latest.year != state.latest_year || !latest.current || latest.current->year_number() != latest.year)
        return read_period_at(cps, k, state);  // none, or with a year of its own
    state = latest, state.prior = false, state.before_earlier.reset();
    return n;
}

// 将 at k as the adverb of what is to be achieved (全区将新增高新技术企业50家, 将突破25亿元): a verb of a
// result right after it, in a clause with no 的 (将新建的孵化器3个投入使用: a relative clause) and no
// verb that makes 将 a preposition (将达到条件的企业纳入培育库) — nor 即将 (即将建成的: about to be), nor
// after 预计/预期 in its sentence (预计全年将实现…25亿元: the expected figure, an estimate).
bool will_achieve_at(const code_points& cps, std::size_t k) {
    // 已将/曾将: "took … and did" of what is done (全年已将培育库企业32家推荐申报…); 共将/均将 stay
    // the future (全年共将新增…300家: in all, will — review 26c)
    if (k > 0 && one_of(cps[k - 1].c, U"即必终已曾")) return false;
    for (std::size_t i = k; i > 1 && k - i < 40 && !one_of(cps[i - 1].c, U"。！？!?；;\n\r"); --i)
        if (starts_with(cps, i - 2, U"预计") || starts_with(cps, i - 2, U"预期")) return false;
    bool result = false;
    for (std::u32string_view verb : {U"新增", U"新建", U"建成", U"达到", U"突破", U"实现", U"完成", U"培育", U"引进"})
        result = result || starts_with(cps, k + 1, verb);
    // the verb forming a noun (将培育库企业…, 将建成区…, 将完成情况…): 将 takes an object — but not
    // 区级/区域 (将新建区级众创空间5个, 将建成区域科技创新中心2个: targets, review 26c)
    const bool district_word = k + 4 < cps.size() && cps[k + 3].c == U'区' && one_of(cps[k + 4].c, U"级域");
    if (!result ||
        (k + 3 < cps.size() && !district_word && (one_of(cps[k + 3].c, U"库区率") || starts_with(cps, k + 3, U"情况"))))
        return false;
    // a second verb after the object (将引进人才12名全部安排到…, 将完成验收项目15项报送…): 将 is the
    // preposition of "take … and do", of what is done with it. Not 用于 (将新增投入5000万元用于…: the
    // purpose of a target, review 26c); 安排 only as 安排到/安排至 (a placing, not 安排资金).
    for (std::size_t j = k + 3; j < cps.size() && !clause_end(cps[j].c) && !one_of(cps[j].c, U"。\n\r"); ++j)
        if (cps[j].c == U'的' ||
            starts_with_any(cps, j, U"纳入", U"列入", U"作为", U"推荐", U"安排到", U"安排至", U"报送", U"移交") ||
            starts_with_any(cps, j, U"推送", U"列为", U"交由", U"上报", U"提交", U"选派", U"转交", U"分配"))
            return false;
    return true;
}

// The clause holding k opens with a year (2026年全省科技工作要点：): at most 20 code points back.
bool clause_opens_with_year(const code_points& cps, std::size_t k) {
    std::size_t j = k;
    while (j > 0 && k - j < 20 && !clause_end(cps[j - 1].c) && cps[j - 1].c != '\n') --j;
    return j + 5 <= k && is_digit(cps[j].c) && is_digit(cps[j + 1].c) && is_digit(cps[j + 2].c) &&
           is_digit(cps[j + 3].c) && cps[j + 4].c == U'年';
}

// 任务 at k as a plan word of its clause, as 计划 and 目标 are: the work assigned for a period, whose figure
// is what is to be done (全年任务新增高新技术企业10家, 年度任务…, 省下达任务…, 认定任务数10家) — not a task
// counted (承担国家科技任务5项, 签订任务书, 重点任务12项) nor 任务完成6家 (what was done of it).
bool plan_task_at(const code_points& cps, std::size_t k) {
    if (!starts_with(cps, k, U"任务")) return false;
    if (starts_with(cps, k + 2, U"数") || starts_with(cps, k + 2, U"量")) return true;
    if (starts_with(cps, k + 2, U"完成") && !starts_with(cps, k + 4, U"率") && !starts_with(cps, k + 4, U"进度"))
        return false;
    return (k >= 1 && cps[k - 1].c == U'年') || (k >= 2 && starts_with_any(cps, k - 2, U"年度", U"下达"));  // 全年…
}

// A word that makes a figure after it a target or a plan, not what was done (力争全年…25家, 完成
// 全年目标任务600件的54.3%, 全年计划争取资金2000万元): its length, 0 if none at k. `sentence`: it
// governs the rest of its sentence (力争, 预计, 确保, 争取达到…), else the rest of its clause (目标,
// 计划 — not 科技计划项目, 人才计划, 计划投资: names of programmes and of what is counted).
std::size_t target_word_at(const code_points& cps, std::size_t k, bool& sentence) {
    const char32_t c = cps[k].c;
    if (c != U'力' && c != U'预' && c != U'确' && c != U'争' && c != U'目' && c != U'计' && c != U'拟' && c != U'将' &&
        c != U'要' && c != U'明' && c != U'任')
        return 0;
    // 计划/拟 opening a clause plan what the sentence lists ("11月，计划组织申报…20项，走访服务企业50家").
    const bool opens_clause = k == 0 || clause_end(cps[k - 1].c);
    sentence = true;
    // Before a closing quote it ends a name (“两个确保”: a slogan), not a target.
    if ((starts_with(cps, k, U"力争") || starts_with(cps, k, U"预计") || starts_with(cps, k, U"预期") ||
         starts_with(cps, k, U"确保")) &&
        !(k + 2 < cps.size() && one_of(cps[k + 2].c, U"”\"'》")))
        return 2;
    if (starts_with(cps, k, U"争取") &&
        (starts_with(cps, k + 2, U"实现") || starts_with(cps, k + 2, U"达到") || starts_with(cps, k + 2, U"突破") ||
         starts_with(cps, k + 2, U"全年") || starts_with(cps, k + 2, U"年内") || starts_with(cps, k + 2, U"完成")))
        return 2;
    // 明年 opening a clause plans the year after the report's (明年，全省…投入强度达到2.45%): no figure of its
    // sentence was done. Inside one it is no plan of what follows (为明年工作奠定了基础，…达到2.6%).
    if (starts_with(cps, k, U"明年")) return opens_clause ? 2 : 0;
    sentence = false;
    // 要达到/要突破… (…投入强度要达到2.45%) is to be reached, in its clause (…的目标已经实现，实际…2.6%: done), not
    // 主要/重要/只要/纲要…; 工作要点： after a year heads the work planned (2026年全省科技工作要点：…达到2.45%),
    // not 落实工作要点：… (done by it).
    if (c == U'要' && !(k > 0 && one_of(cps[k - 1].c, U"主重只纲摘概提简"))) {
        if (starts_with_any(cps, k + 1, U"达到", U"突破", U"实现", U"超过", U"完成", U"力争", U"确保")) return 1;
        if (k >= 2 && starts_with(cps, k - 2, U"工作") && starts_with(cps, k + 1, U"点") && k + 2 < cps.size() &&
            one_of(cps[k + 2].c, U"：:") && clause_opens_with_year(cps, k - 2)) {
            sentence = true;
            return 1;
        }
    }
    if (starts_with(cps, k, U"目标")) return 2;
    // 计划 names a programme after 科技/人才/研发… or before 项目/单列/a closing quote (入选省"双创计划"12人).
    if (starts_with(cps, k, U"计划") && !(k > 0 && one_of(cps[k - 1].c, U"技才人智英发炬星创业”\"'》")) &&
        !starts_with(cps, k + 2, U"项目") && !starts_with(cps, k + 2, U"投") && !starts_with(cps, k + 2, U"总投") &&
        !starts_with(cps, k + 2, U"单列") && !(k + 2 < cps.size() && one_of(cps[k + 2].c, U"”\"'》"))) {
        // 全区计划新增…20家，研发经费投入达到10.5亿元 (also after a year: 2026年全区计划…): the area
        // is the clause's subject, 计划 its verb, planning the sentence as one opening the clause
        const bool after_area = k >= 2 && one_of(cps[k - 2].c, U"全我本") && one_of(cps[k - 1].c, U"县市区省州旗") &&
                                (k == 2 || clause_end(cps[k - 3].c) || cps[k - 3].c == U'年');
        sentence = opens_clause || after_area;
        return 2;
    }
    if (c == U'任') return plan_task_at(cps, k) ? 2 : 0;
    if (c == U'拟' && opens_clause) {
        sentence = true;
        return 1;
    }
    if (c == U'将' && will_achieve_at(cps, k)) {
        sentence = true;
        return 1;
    }
    return 0;
}

// A date with a day ("5月20日召开", "6月30日，召开"; at j: [N月]N日/号): an event, not the period of
// the figures after it. Its length, 0 if none.
std::size_t day_date_at(const code_points& cps, std::size_t j) {
    const auto digits = [&](std::size_t i) {
        std::size_t e = i;
        while (e < cps.size() && e - i < 2 && (is_digit(cps[e].c) || chinese_digit(cps[e].c) >= 0 || cps[e].c == U'十'))
            ++e;
        return e;
    };
    std::size_t i = j, e = digits(i);
    if (e > i && e < cps.size() && cps[e].c == U'月') i = e + 1, e = digits(i);
    if (e > i && e < cps.size() && (cps[e].c == U'日' || cps[e].c == U'号')) return e + 1 - j;
    return 0;
}

// What 以来 at k starts from: the year for 2021年以来 (2022 for 2021年底以来, 2021 for 2021年度以来);
// -1 for a start of several years back with no year stated (“十四五”以来, 党的十八大以来, 近三年以来,
// 建区以来, 成立以来); 0 for anything else, read as a start within the period's year (今年以来,
// 一季度以来, 上半年以来, 3月份以来, 年初以来): a span is only flagged when the text says it is one.
int since_start(const code_points& cps, std::size_t k) {
    std::size_t j = k;
    if (j >= 2 && cps[j - 2].c == U'年' && one_of(cps[j - 1].c, U"底末度")) --j;
    const bool year_end = j < k && cps[k - 1].c != U'度';
    if (j >= 1 && cps[j - 1].c == U'年') {
        int year = 0, scale = 1;
        std::size_t digits = 0;
        for (std::size_t i = j - 1; i > 0 && digits < 4 && is_digit(cps[i - 1].c); --i, ++digits, scale *= 10)
            year += static_cast<int>(cps[i - 1].c - '0') * scale;
        if (digits == 4) return year + (year_end ? 1 : 0);
        // 三年, 多年, 几年 (a count of years) before 以来; 今年, 上半年, 本年 are this year's
        if (j >= 2 && (chinese_digit(cps[j - 2].c) > 0 || one_of(cps[j - 2].c, U"多几十余"))) return -1;
        return 0;
    }
    if (j >= 1 && one_of(cps[j - 1].c, U"”\"五大")) return -1;  // “十四五”, 十四五, 党的十八大
    for (const char32_t* founded :
         {U"成立", U"建立", U"设立", U"组建", U"建区", U"建市", U"建县", U"挂牌", U"撤县设区"})
        if (ends_with(cps, j, std::u32string_view(founded))) return -1;
    return 0;
}

// A count of several years, cps[b, e): 五, 三, 十, 二十, 多, 几, 3, 10, 十余, 10余, 20多 — not 一
// (一年来 is this year's), nor 1 or a year's four digits (2025年累计 is that year's).
bool several_years(const code_points& cps, std::size_t b, std::size_t e) {
    if (e - b >= 2 && one_of(cps[e - 1].c, U"余多")) --e;  // 十余年, 10多年: at least the count
    if (e <= b || e - b > 3) return false;
    bool digits = true, chinese = true;
    for (std::size_t i = b; i < e; ++i) {
        digits = digits && is_digit(cps[i].c);
        chinese = chinese && (chinese_digit(cps[i].c) >= 0 || one_of(cps[i].c, U"十多几"));
    }
    if (digits) return e - b == 2 || (e - b == 1 && cps[b].c != '1');
    return chinese && !(e - b == 1 && chinese_digit(cps[b].c) >= 0 && chinese_digit(cps[b].c) <= 1);
}

bool count_character(char32_t c) { return is_digit(c) || chinese_digit(c) >= 0 || one_of(c, U"十多几余"); }

// A figure in Chinese numerals at j (一千二百家, 三十二个, 五项): a numeral followed by a unit or
// measure word, not a numeral inside a word (一批, 三大, 五年), nor a magnitude alone (百名博士, 千企,
// 万人: the scanner reads no figure there either).
bool chinese_figure_at(const code_points& cps, std::size_t j) {
    std::size_t e = j;
    bool digit = false;
    for (; e < cps.size() && e - j < 12 && is_chinese_numeral(cps[e].c) && cps[e].c != U'点'; ++e)
        digit = digit || chinese_digit(cps[e].c) >= 0 || cps[e].c == U'十';
    if (!digit || e >= cps.size()) return false;
    std::string unit;
    return one_of(cps[e].c, U"家个项件名位人元户所台套次%％") || measure_word_length(cps, e, unit) > 0;
}

// How far a span of several years written as their count at k reaches (过去五年, 近三年, 五年来,
// 五年累计, 过去10年): a total over them is no level of one year (the caller flags it `since`).
// Opening its sentence (过去五年，…成交额累计318.5亿元) it holds to the sentence's end; inside one
// (高新技术企业五年累计新增1200家，…) to its clause's. None for a comparison with the span (比过去五年,
// 为近五年来最高, 高于近三年) or a yearly average over it (近三年年均增长).
enum class years_span { none, clause, sentence };

years_span years_counted_at(const code_points& cps, std::size_t k) {
    const auto year_after_count = [&](std::size_t from) -> std::size_t {  // the 年 closing a count at from, 0 if none
        std::size_t e = from;
        while (e < cps.size() && e - from < 4 && count_character(cps[e].c)) ++e;
        return e < cps.size() && cps[e].c == U'年' && several_years(cps, from, e) ? e : 0;
    };
    const auto count_before = [&](std::size_t year) {  // where a count before the 年 at `year` starts, `year` if none
        if (cps[year].c != U'年') return year;
        std::size_t b = year;
        while (b > 0 && year - b < 4 && count_character(cps[b - 1].c)) --b;
        return several_years(cps, b, year) ? b : year;
    };
    std::size_t first = k, after = 0;  // where the span's words start, and the code point after them
    const char32_t c = cps[k].c;
    if (c == U'过' && starts_with(cps, k + 1, U"去")) {
        const std::size_t count = starts_with(cps, k + 2, U"的") ? k + 3 : k + 2;  // 过去的五年
        if (const std::size_t year = year_after_count(count)) after = year + 1;
    } else if (c == U'近') {
        if (const std::size_t year = year_after_count(k + 1)) after = year + 1;
    } else if (((c == U'来' || c == U'间') && k >= 1) || (c == U'计' && k >= 2 && cps[k - 1].c == U'累')) {
        const std::size_t year = c == U'计' ? k - 2 : k - 1;  // 五年来, 五年间, 五年累计
        if ((first = count_before(year)) < year) after = k + 1;
        if (first >= 1 && cps[first - 1].c == U'近') first -= 1;                               // 近五年来
        if (first >= 2 && cps[first - 2].c == U'过' && cps[first - 1].c == U'去') first -= 2;  // 过去五年来
    }
    if (after == 0) return years_span::none;
    if (first > 0 && one_of(cps[first - 1].c, U"比较为于")) return years_span::none;
    if (starts_with(cps, after, U"年均") || starts_with(cps, after, U"平均")) return years_span::none;
    std::size_t before = first;
    while (before > 0 && one_of(cps[before - 1].c, U" \t\u3000")) --before;
    if (before == 0 || one_of(cps[before - 1].c, U"。！？；;\n")) return years_span::sentence;
    // a clause of the time alone (回顾过去五年，…, 在过去五年里，…, 本届政府五年来，…) opens the rest
    // of its sentence as the opening does; one with its own figure (五年累计新增1200家，…) only itself
    std::size_t j = after;
    while (j < cps.size() && !clause_end(cps[j].c) && !is_digit(cps[j].c) && !chinese_figure_at(cps, j)) ++j;
    return j < cps.size() && !clause_end(cps[j].c) ? years_span::clause : years_span::sentence;
}

// The year a period code starts in (2024H1 → 2024), 0 when it names none.
int year_of(std::string_view period) {
    if (period.size() < 4) return 0;
    int year = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        if (period[i] < '0' || period[i] > '9') return 0;
        year = year * 10 + (period[i] - '0');
    }
    return year;
}

// A period a comparison names (比2023年增长, 较2023年底, 与2023年相比, 高于2022年): what the figure
// is compared with, not the period of the figures that follow.
// 关于 names the period of a title (关于2024年上半年科技工作情况的总结), not one compared with.
bool compared_period(const code_points& cps, std::size_t k) {
    if (k == 0) return false;
    if (cps[k - 1].c == U'于') return k < 2 || cps[k - 2].c != U'关';
    return one_of(cps[k - 1].c, U"比较与同");
}

// "2026年度第一批高新技术企业", "2025年第二批": a year naming a batch (第一批) of what is counted, no
// period of the figures (the count is of the month or year in force).
bool batch_year(const code_points& cps, std::size_t k) {
    if (k < cps.size() && cps[k].c == U'度') ++k;
    if (k >= cps.size() || cps[k].c != U'第') return false;
    std::size_t j = k + 1;
    while (j < cps.size() && j - k <= 3 && (is_digit(cps[j].c) || is_chinese_numeral(cps[j].c))) ++j;
    return j > k + 1 && j < cps.size() && cps[j].c == U'批';
}

// A period that a multiple is of (达到2023年的1.6倍, 是2023年同期的2倍): the base compared with, as
// 比2023年 is, not the period of the figure. k: the code point after the period.
bool multiple_base(const code_points& cps, std::size_t k) {
    if (k < cps.size() && one_of(cps[k].c, U"底末")) ++k;
    if (starts_with(cps, k, U"同期") || starts_with(cps, k, U"全年")) k += 2;
    if (k >= cps.size() || cps[k].c != U'的') return false;
    std::size_t j = k + 1;
    while (j < cps.size() && j - k <= 8 && (is_digit(cps[j].c) || cps[j].c == '.' || is_chinese_numeral(cps[j].c))) ++j;
    return j > k + 1 && j < cps.size() && cps[j].c == U'倍';
}

// The list marker opening the line at k (blanks before it skipped): 1 for 一、, 2 for （一）, 3 for
// 1. or 1、, 0 for none; `after` is the code point after it.
int list_marker_after_test(const code_points& cps, std::size_t k, std::size_t& after) {
    while (k < cps.size() && (cps[k].c == ' ' || cps[k].c == U'\u3000' || cps[k].c == '\t')) ++k;
    after = k;
    if (k >= cps.size()) return 0;
    // Most lines open with a word, no marker's first character: asked at each line up to four times
    // (the heading's unit, the plans' end, plan_heading from the scan and from the fact builder).
    const char32_t first = cps[k].c;
    if (!is_digit(first) && first != U'（' && first != '(' && first != U'十' && chinese_digit(first) <= 0) return 0;
    std::size_t j = k;
    const bool open = j < cps.size() && (cps[j].c == U'（' || cps[j].c == '(');
    if (open) ++j;
    const std::size_t digits = j;
    int kind = 0;
    while (j < cps.size() && j - digits < 3 && (chinese_digit(cps[j].c) > 0 || cps[j].c == U'十')) ++j, kind = 1;
    if (!kind)
        while (j < cps.size() && j - digits < 2 && is_digit(cps[j].c)) ++j, kind = 3;
    if (!kind || j >= cps.size()) return 0;
    const char32_t c = cps[j].c;
    if (open) return (c == U'）' || c == ')') ? (after = j + 1, kind == 1 ? 2 : 3) : 0;
    if (c == U'、' || (kind == 3 && (c == '.' || c == U'．') && !(j + 1 < cps.size() && is_digit(cps[j + 1].c))))
        return after = j + 1, kind;
    return 0;
}
// A line opening with a code point that is neither a blank (' ' and '\t', U+3000 decoded as ' ': cc_line_stop)
// nor a marker's first character (a digit, （, (, 十 or a Chinese digit: cc_interest, stated_periods.hpp checks
// it) opens with none: its class byte answers in line for most lines, which open with an ideograph.
[[gnu::always_inline]] inline int list_marker(const code_points& cps, std::size_t k, std::size_t& after) {
    if (k < cps.size() && !(cps.class_of(k) & (cc_interest | cc_line_stop))) return after = k, 0;
    return list_marker_after_test(cps, k, after);
}

// The year ending at code point j (its 年) is joined to the one before by a conjunction or a dash
// right after that one's 年: 2025年及2026年, 2025年和2026年, 2025年—2026年 (one span of plans).
bool joined_years(const code_points& cps, std::size_t from, std::size_t j) {
    std::size_t d = j;
    while (d > from && is_digit(cps[d - 1].c)) --d;
    return d >= from + 2 && (one_of(cps[d - 1].c, U"和及与、至到") || is_dash(cps[d - 1].c)) && cps[d - 2].c == U'年';
}

// A line break in the `most` code points from k, or the chunk's end within them. A plan word (of at
// most 5 code points) starts at most `reach` into a heading, its line's end at most 5 after it: a line
// running past reach + 10 is none, unless a marker opens it (二、…目标和…: targets joined to the plans).
// Most lines are prose: their clause marks are found eight code points a step, instead of
// plan_heading's test at each code point (~100 instructions a line).
bool line_ends_within(const code_points& cps, std::size_t k, std::size_t most) {
    if (k + most >= cps.size()) return true;
    for (std::size_t j = cps.next_with(k, k + most, cc_clause_end); j < k + most;
         j = cps.next_with(j + 1, k + most, cc_clause_end))
        if (cps[j].c == '\n' || cps[j].c == '\r') return true;
    return false;
}

// A heading of plans (二、下半年工作打算; （三）2027年工作思路; 下一步工作计划): at most 12 code points
// after its list marker before the plan word, the line's end at most 4 after it. Its marker's kind
// (0 for none) in `kind`, a heading or not (plan_line asks for no other list_marker). `reach`: up
// to how far the plan word may stand (a title names its bureau first: 某县科学技术局2025年科技工作计划);
// never after a word of reports (总结, 情况, 回顾, 开展, 成效, 进展, 完成), after a conjunction
// before a period (及2025年, 和下半年, 暨下一步), or after two periods: "2026年上半年工作情况及下半年
// 工作计划", "2024年科技工作回顾及2025年工作打算" report what was done first (their plans start at a
// heading of their own).
bool plan_heading(const code_points& cps, std::size_t line, int& kind, std::size_t reach = 12) {
    std::size_t from = 0;
    kind = list_marker(cps, line, from);
    int years = 0;  // 2024年, 2025年 stated so far
    static constexpr std::u32string_view words[] = {
        U"工作打算", U"工作计划",   U"工作思路", U"工作安排",   U"重点工作", U"工作重点",
        U"下步工作", U"下一步工作", U"工作设想", U"下一步打算", U"下步打算", U"下一步计划",
        U"今后工作", U"今后打算",   U"明年工作", U"目标",       U"工作要点"};
    // The first character of every word below, the line's end and the clause marks: most code points
    // of a line are none of them, one bitmap test each (this runs at every line's start; 15 words
    // compared at every code point were 4-5 % of the reader's time).
    static const char_set firsts(U"\n\r。，总情回开成进完和及暨与年工重下今明目");
    if (kind == 0 && !line_ends_within(cps, from, reach + 11)) return false;
    for (std::size_t j = from; j < cps.size() && j - from <= reach; ++j) {
        const char32_t c = cps[j].c;
        if (!firsts.has(c)) continue;
        if (c == '\n' || c == '\r' || c == U'。' || c == U'，') return false;
        if ((c == U'总' && starts_with(cps, j, U"总结")) || (c == U'情' && starts_with(cps, j, U"情况"))) return false;
        if (one_of(c, U"回开成进完和及暨与年")) {
            if (starts_with(cps, j, U"回顾") || starts_with(cps, j, U"开展") || starts_with(cps, j, U"成效") ||
                starts_with(cps, j, U"进展") || starts_with(cps, j, U"完成"))
                return false;  // (literals: a list of u32string_view counted their characters at every line)
            // 2025年及2026年工作计划: a conjunction right after a period joins the periods planned.
            const bool joined = j > from && cps[j - 1].c == U'年';
            if (one_of(c, U"和及暨与") && !joined && j + 1 < cps.size() &&
                (is_digit(cps[j + 1].c) || starts_with(cps, j + 1, U"上半年") || starts_with(cps, j + 1, U"下半年") ||
                 starts_with(cps, j + 1, U"明年") || starts_with(cps, j + 1, U"下一步") ||
                 starts_with(cps, j + 1, U"下步") || starts_with(cps, j + 1, U"今后")))
                return false;
            if (c == U'年' && j > from && is_digit(cps[j - 1].c) && ++years > 1 && !joined_years(cps, from, j))
                return false;
        }
        // A stop that is no plan word's first character (年 of a date, 和, 开…): the 15 words not tried.
        if (!one_of(c, U"工重下今明目")) continue;
        for (std::u32string_view w : words) {
            if (!starts_with(cps, j, w)) continue;
            // "二、“十五五”时期目标和2026年重点工作": targets joined to the work planned (a heading's)
            if (w == U"目标" && kind != 0 && j + 2 < cps.size() && one_of(cps[j + 2].c, U"和及与暨")) return true;
            std::size_t e = j + w.size();
            while (e < cps.size() && e - (j + w.size()) <= 4 && cps[e].c != '\n' && cps[e].c != '\r') ++e;
            if (e < cps.size() && cps[e].c != '\n' && cps[e].c != '\r') return false;
            // What was done under the plan word: 重点工作进展, 重点工作开展情况, 工作计划完成情况.
            for (std::size_t t = j + w.size(); t < e; ++t)
                for (std::u32string_view d : {U"进展", U"情况", U"完成", U"成效", U"开展", U"落实", U"执行", U"推进"})
                    if (starts_with(cps, t, d)) return false;
            // 重点工作 alone heads the work a report did as often as its plans: a plan only after a
            // period or a word of what comes next (2026年重点工作, 下半年工作重点, 下一步重点工作).
            if (w == U"重点工作" || w == U"工作重点") {
                bool ahead = false;
                for (std::size_t t = from; t < j && !ahead; ++t)
                    ahead = cps[t].c == U'年' || starts_with(cps, t, U"下一步") || starts_with(cps, t, U"下步") ||
                            starts_with(cps, t, U"下阶段") || starts_with(cps, t, U"今后");
                if (!ahead) return false;
            }
            return true;
        }
    }
    return false;
}

// A period that only a target or a plan is stated for (2025年，力争…; 到2025年; 力争全年…; 下半年
// 工作打算): a target word within a few characters before it in its clause, or after it in its
// sentence before any digit. Such a period holds to the end of its sentence only.
bool target_period(const code_points& cps, std::size_t k, std::size_t n) {
    bool sentence = false;
    if (k > 0 && cps[k - 1].c == U'到') return true;
    // 明年 is planned where it opens a clause (明年，…达到2.45%: target_word_at) or heads next year's key
    // work (明年重点工作; 2024年重点工作 may head the work done)
    if (cps[k].c == U'明' && starts_with(cps, k, U"明年") &&
        (k == 0 || clause_end(cps[k - 1].c) || starts_with(cps, k + n, U"重点工作") ||
         starts_with(cps, k + n, U"工作重点")))
        return true;
    for (std::size_t j = k; j > 0 && k - j < 8 && !clause_end(cps[j - 1].c); --j)
        if ((j >= 2 && target_word_at(cps, j - 2, sentence)) ||
            (cps[j - 1].c == U'拟' && target_word_at(cps, j - 1, sentence)))
            return true;
    // Another period before the target word is the one planned for: "2026年上半年工作情况及下半年工作
    // 计划" reports the first half and plans the second (the title's period is 2026H1, not a plan's).
    static const char_set stops(
        U"力预确争目计拟将要打展思工上下全明0123456789。！？；;!?\n\r");  // one test a code point
    for (std::size_t j = k + n; j < cps.size() && j - k < 40; ++j) {
        const char32_t c = cps[j].c;
        if (!stops.has(c)) continue;
        if (is_digit(c) && j >= 2 && (one_of(cps[j - 1].c, U"和及与、至到") || is_dash(cps[j - 1].c)) &&
            cps[j - 2].c == U'年') {  // 2025年及2026年工作计划: the next year of one span of plans
            while (j + 1 < cps.size() && is_digit(cps[j + 1].c)) ++j;
            continue;
        }
        if (is_digit(c) || one_of(c, U"。！？；;!?\n\r")) return false;
        if (starts_with(cps, j, U"上半年") || starts_with(cps, j, U"下半年") || starts_with(cps, j, U"全年") ||
            starts_with(cps, j, U"明年"))
            return false;
        if (target_word_at(cps, j, sentence) || starts_with(cps, j, U"打算") || starts_with(cps, j, U"展望") ||
            starts_with(cps, j, U"思路") || starts_with(cps, j, U"工作安排"))
            return true;
    }
    return false;
}

}  // namespace
}  // namespace zhibiao
