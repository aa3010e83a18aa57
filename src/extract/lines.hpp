#pragma once
// Layer 6: tables turned into lines. Takes a line that is a table's header or row (cells split at
// blanks and rules) and gives the header's column periods and one scanned figure per number cell;
// the table rules are their own concern and change without the prose rules.
#include "extract/stated_periods.hpp"

namespace zhibiao {
namespace {

// ---- Tables turned into lines ------------------------------------------------------------------

// A rule between a table's cells as a converter or a writer leaves it ("指标 | 2023年 | 2024年"):
// a vertical bar, in full or half width, or a box-drawing line.
bool cell_rule(char32_t c) { return c == '|' || c == U'｜' || c == U'│' || c == U'┃'; }

// True when a bracket opened in cps[from, at) is still open at `at`: "县（市、区）" as a header's label
// lists in brackets, its 、 no clause mark making the line prose.
bool within_brackets(const code_points& cps, std::size_t from, std::size_t at) {
    for (std::size_t k = at; k > from; --k) {
        const char32_t c = cps[k - 1].c;
        if (c == U'）' || c == ')') return false;
        if (c == U'（' || c == '(') return true;
    }
    return false;
}

// The tokens of the line at code point `line` (split at blanks and rules between cells), up to its
// end; false when the line is prose (a clause or sentence mark in it) or empty. `end`: the line
// break ending it (or the end).
bool line_tokens(const code_points& cps, std::size_t line, std::size_t& end,
                 std::vector<std::pair<std::size_t, std::size_t>>& tokens) {
    tokens.clear();
    std::size_t from = line;
    for (end = line;; ++end) {
        end = cps.next_with(end, cps.size(), cc_line_stop);  // the code points between: part of a token
        const char32_t c = end < cps.size() ? cps[end].c : U'\n';
        if (c == '\n' || c == '\r' || c == ' ' || c == '\t' || cell_rule(c)) {
            if (end > from) tokens.emplace_back(from, end);
            from = end + 1;
            if (c == '\n' || c == '\r') break;
            continue;
        }
        // "1,206.8" and "8,60" in a cell: an ASCII comma between digits is a separator (sound or
        // damaged), not a clause mark that would make the line prose.
        const bool separator =
            c == ',' && end > from && is_digit(cps[end - 1].c) && end + 1 < cps.size() && is_digit(cps[end + 1].c);
        // "其中：高新区 60 1.8": the colon of a sub-row's 其中 opening the line, a row as "其中 高新区" is
        const bool sub_row =
            (c == U'：' || c == ':') && tokens.empty() && end == from + 2 && starts_with(cps, from, U"其中");
        if (!separator && !sub_row &&
            (clause_end(c) || c == U'：' || c == ':' || (c == U'、' && !within_brackets(cps, from, end))))
            return false;
    }
    return !tokens.empty();
}

// 2023年 / 2023年度 as a column label: the year, 0 if it is not one.
int year_label(const code_points& cps, std::size_t from, std::size_t to) {
    if (to - from < 5 || to - from > 6) return 0;
    int y = 0;
    for (std::size_t k = from; k < from + 4; ++k) {
        if (!is_digit(cps[k].c)) return 0;
        y = y * 10 + static_cast<int>(cps[k].c - '0');
    }
    if (cps[from + 4].c != U'年' || (to - from == 6 && cps[from + 5].c != U'度')) return 0;
    return y >= 1900 && y <= 2200 ? y : 0;
}

// A column label made of periods ("2024年1-3月", "1-6月完成"; a word of what was done may follow):
// the period it names into `state` (a copy of the state in force), its length in code points.
std::size_t column_period(const code_points& cps, std::size_t b, std::size_t e, period_state& state) {
    std::size_t k = b;
    while (k < e)
        if (const std::size_t n = period_at(cps, k, state); n && k + n <= e)
            k += n;
        else
            break;
    return k - b;
}

// 完成, 本期, 累计完成…: a column of what was done in the period of the report.
bool done_label(const code_points& cps, std::size_t b, std::size_t e) {
    static constexpr std::u32string_view words[] = {U"完成",     U"累计完成", U"实际完成", U"本期",
                                                    U"本年累计", U"本年",     U"累计",     U"实际"};
    for (const std::u32string_view w : words)
        if (e - b == w.size() && starts_with(cps, b, w)) return true;
    return false;
}

// 本月 / 当月 as a column label (指标 本月 1-10月累计): the month of the period in force — a month's
// report's month, the last month of one of months to date (2026YTD10: October); nullopt in `month`
// when that names no month (a year's, a half's report).
bool month_label(const code_points& cps, std::size_t b, std::size_t e, const period_state& state,
                 std::optional<period>& month) {
    if (e - b != 2 || (!starts_with(cps, b, U"本月") && !starts_with(cps, b, U"当月"))) return false;
    month.reset();
    if (state.current &&
        (state.current->kind() == period_kind::month || state.current->kind() == period_kind::year_to_date))
        month = period::month(state.current->year_number(), state.current->last_month());
    return true;
}

// The growth and the rate columns (完成率%: how much of the target the done column is) are of the
// period or done column nearest before them — "本月 1-10月累计 同比增长%": the cumulative's growth;
// "全年目标 1-6月完成 完成率%": the done column's — that is of no earlier year than one before it
// ("2025年1-3月 2024年1-3月 同比%": 2025Q1's, the 2024 column what it is compared with), else of
// the first; between years, of the latest, whichever way they are ordered ("2025年 2024年 增长%"
// and "2023年 2024年 增长%": 2025's and 2024's).
void compared_periods(std::vector<scan_state::column>& columns, const std::string* first_period,
                      const std::string* latest_year) {
    using kind = scan_state::column::kind;
    const std::string* nearest = nullptr;
    for (scan_state::column& c : columns) {
        if (c.what == kind::period || c.what == kind::current) {
            if (!nearest || (c.period && c.period->compare(0, 4, *nearest, 0, 4) >= 0)) nearest = c.period;
        } else if (c.what == kind::growth || c.what == kind::rate) {
            c.period = latest_year ? latest_year : nearest ? nearest : first_period;
        }
    }
}

// A unit in brackets closing cps[b, e) — "研发经费投入（亿元）", "有效发明专利(件)", "研发投入强度（%）",
// a column's "金额（万元）" — into `unit`; returns the code point after the open bracket, 0 if there is none.
std::size_t unit_in_brackets(std::string_view text, const code_points& cps, std::size_t b, std::size_t e,
                             std::string& unit) {
    if (e - b < 3 || (cps[e - 1].c != U'）' && cps[e - 1].c != ')')) return 0;
    std::size_t open = e - 1;
    while (open > b && cps[open - 1].c != U'（' && cps[open - 1].c != '(') --open;
    if (open == b) return 0;
    std::string u;
    const std::size_t n = unit_length(text, cps, open, u);
    const std::size_t m = n ? n : measure_word_length(cps, open, u);
    if (m == 0 || open + m != e - 1) return 0;
    unit = std::move(u);
    return open;
}

// 金额, 数量…: a column label that says only that the cells are the figures (of the period in force).
bool value_label(const code_points& cps, std::size_t b, std::size_t e) {
    static constexpr std::u32string_view words[] = {U"金额", U"数量", U"数值", U"数额", U"总量", U"指标值"};
    for (const std::u32string_view w : words)
        if (e - b == w.size() && starts_with(cps, b, w)) return true;
    return false;
}

// "1-6月（万元）", "金额（万元）": the unit of the column's cells into `column` (kept in carried.labels);
// the end of the label before it (e when there is none).
std::size_t label_before_unit(std::string_view text, const code_points& cps, std::size_t b, std::size_t e,
                              scan_state& carried, scan_state::column& column) {
    std::string unit;
    const std::size_t open = unit_in_brackets(text, cps, b, e, unit);
    if (!open) return e;
    carried.labels.push_back(std::move(unit));
    column.unit = &carried.labels.back();
    return open - 1;
}

// 增长%, 同比, 比上年…: a column of the change.
bool growth_label(const code_points& cps, std::size_t b) {
    return starts_with(cps, b, U"增长") || starts_with(cps, b, U"增幅") || starts_with(cps, b, U"增速") ||
           starts_with(cps, b, U"同比") || starts_with(cps, b, U"比上年") || starts_with(cps, b, U"增减") ||
           starts_with(cps, b, U"比去年");
}

// A header label after the first one that is a column of the change (growth_label): the columns
// beside it that name only a level (绝对数, 数值) are then the period's levels — "指标 绝对数
// 比上年增长（%）" in a 统计公报, whose year is the report's — not columns of unknown meaning.
bool has_growth_label(const code_points& cps, const std::vector<std::pair<std::size_t, std::size_t>>& tokens) {
    return std::any_of(tokens.begin() + 1, tokens.end(),
                       [&](const std::pair<std::size_t, std::size_t>& t) { return growth_label(cps, t.first); });
}

// 绝对数, 数值, 总量…: a label naming the figure of the period, not a period (level_label beside a
// growth column only: "指标 数量 金额" says nothing of what is compared).
bool level_label(const code_points& cps, std::size_t b, std::size_t e) {
    static constexpr std::u32string_view words[] = {U"绝对数", U"绝对值", U"总额"};
    for (const std::u32string_view w : words)
        if (e - b == w.size() && starts_with(cps, b, w)) return true;
    return value_label(cps, b, e);
}

// A header of several periods or a unit column and a period ("指标名称 单位 2023年 2022年 增长%";
// "指标 单位 全年目标 1-6月完成 完成率%"; "指标 本期 上年同期 增长%"): the columns into carried.table;
// false if the line is no such header. A header with a unit column and columns it does not know
// still is one: its rows are refused (table_row), never read as prose with the first cell winning.
bool table_header(std::string_view text, const code_points& cps,
                  const std::vector<std::pair<std::size_t, std::size_t>>& tokens, scan_state& carried) {
    if (tokens.size() < 3) return false;
    std::vector<scan_state::column> columns(tokens.size());
    std::size_t periods = 0, units = 0, growth = 0, other = 0, rates = 0;
    const std::string* first_period = nullptr;
    int latest_year = 0;  // of the year columns ("2023年 2024年 增长%": the growth is 2024's)
    const std::string* latest_year_period = nullptr;
    std::optional<period> first;                 // the period of the first period or done column, when it is one
    std::vector<bool> same_span(tokens.size());  // 上年同期 columns: the span of that column a year earlier
    const auto label = [&](const std::optional<period>& p) -> const std::string* {
        if (!p) return nullptr;
        carried.labels.push_back(p->to_string());
        return &carried.labels.back();
    };
    const bool changes = has_growth_label(cps, tokens);
    for (std::size_t i = 1; i < tokens.size(); ++i) {
        const std::size_t b = tokens[i].first,
                          e = label_before_unit(text, cps, b, tokens[i].second, carried, columns[i]);
        using kind = scan_state::column::kind;
        period_state state = carried.period;
        state.prior = false;
        std::size_t used = 0;
        std::optional<period> month;  // of a 本月 column
        if (const int y = year_label(cps, b, e)) {
            columns[i].what = kind::period, columns[i].period = label(period::year(y));
            ++periods;
        } else if (starts_with(cps, b, U"单位") || starts_with(cps, b, U"计量单位")) {
            columns[i].what = kind::unit, ++units;
        } else if (growth_label(cps, b)) {
            columns[i].what = kind::growth, ++growth;
        } else if (starts_with(cps, b, U"完成率") || starts_with(cps, b, U"完成进度") || starts_with(cps, b, U"进度") ||
                   starts_with(cps, b, U"占比")) {
            columns[i].what = kind::rate, ++rates;
        } else if (starts_with(cps, b, U"上年同期") || starts_with(cps, b, U"去年同期") ||
                   starts_with(cps, b, U"上年同月") || starts_with(cps, b, U"去年同月")) {  // 本月 上年同月: 2025-10
            std::optional<period> p;
            try {
                if (state.current) p = state.current->prior_year();
            } catch (const error&) {}
            columns[i].what = kind::prior, columns[i].period = label(p);
            ++periods, same_span[i] = true;
        } else if ((e - b == 2 || (e - b == 3 && cps[b + 2].c == U'度')) &&
                   (starts_with(cps, b, U"上年") || starts_with(cps, b, U"去年"))) {
            columns[i].what = kind::prior,
            columns[i].period = state.year ? label(period::year(state.year - 1)) : nullptr;
            ++periods;
        } else if (starts_with(cps, b, U"全年目标") || starts_with(cps, b, U"年度目标") ||
                   starts_with(cps, b, U"目标") || starts_with(cps, b, U"全年计划") || starts_with(cps, b, U"计划") ||
                   starts_with(cps, b, U"任务")) {
            std::optional<period> p;
            if (state.year) p = period::year(state.year);
            columns[i].what = kind::target, columns[i].period = label(p);
            ++periods;
        } else if (month_label(cps, b, e, state, month)) {
            columns[i].what = kind::period, columns[i].period = label(month);
            ++periods;
        } else if (done_label(cps, b, e) || (columns[i].unit && value_label(cps, b, e)) ||
                   (changes && level_label(cps, b, e))) {
            columns[i].what = kind::current, columns[i].period = label(state.current);
            ++periods;
        } else if ((used = column_period(cps, b, e, state)) > 0 && (b + used == e || done_label(cps, b + used, e))) {
            columns[i].what = kind::period, columns[i].period = label(state.current);
            ++periods;
        } else {
            columns[i].what = kind::other, ++other;
        }
        if (const int y = columns[i].what == kind::period ? year_label(cps, b, e) : 0; y > latest_year)
            latest_year = y, latest_year_period = columns[i].period;
        if (!first_period && (columns[i].what == kind::period || columns[i].what == kind::current)) {
            first_period = columns[i].period;
            if (columns[i].what == kind::period && used > 0)
                first = state.current;  // 1-9月 → 2024YTD09
            else if (month)
                first = month;  // 本月 上年同期: the month a year earlier
            else if (const int y = year_label(cps, b, e))
                first = period::year(y);
            else
                first = state.current;
        }
    }
    // "指标 单位 1-9月 上年同期 同比%" under a title of the month (2024年9月): 上年同期 is the same span
    // as the column it compares with (2023YTD09), not the month in force a year earlier (2023-09).
    if (first) {
        std::optional<period> p;
        for (std::size_t i = 1; i < columns.size(); ++i) {
            if (!same_span[i]) continue;
            try {
                if (!p) p = first->prior_year();
            } catch (const error&) {}
            if (p) columns[i].period = label(p);
        }
    }
    const bool known = periods >= 2 || (periods == 1 && (units || growth || rates));
    if (!known && !(units == 1 && tokens.size() >= 4)) return false;
    const bool first_is_year = first && first->kind() == period_kind::year && latest_year_period;
    compared_periods(columns, first_period, first_is_year ? latest_year_period : nullptr);
    carried.table = std::move(columns);
    carried.table_readable = known && other == 0 && units <= 1;
    return true;
}

// 县（市、区）, 地区, 乡镇（街道）…: a header's first label saying each row is an area (full-width
// brackets are read as ASCII ones).
bool area_label(const code_points& cps, std::size_t b, std::size_t e) {
    static constexpr std::u32string_view words[] = {
        U"县(市、区)", U"各县(市、区)", U"县(区、市)", U"县(市区)", U"县(区)", U"县(市)", U"县市区", U"县区", U"区县",
        U"地区", U"区域", U"乡镇(街道)", U"镇(街道)", U"乡镇", U"市(州)", U"市州", U"设区市", U"地市",
        // a province's bulletin (市 专利授权量（件） …), Inner Mongolia's 盟市 and 旗县 (round 35)
        U"市", U"各市", U"城市", U"盟市", U"旗县", U"旗县(市、区)",
        // a district's streets and towns, a city's districts and zones, a national table's provinces (round 36)
        U"街道", U"镇街", U"乡镇街道", U"镇(街)", U"乡镇(街)", U"乡(镇、街道)", U"区", U"各区", U"县", U"各县",
        U"区(县)", U"区(市、县)", U"区(县、市)", U"园区", U"开发区", U"功能区", U"省份", U"省(区、市)",
        U"省(自治区、直辖市)", U"省区市",
        // a table by industry (行业 工业总产值（亿元） 同比增长（%）…, round 37): its 合计 row is the report's own,
        // each industry's row a part refused with a finding (not_area), never figures read as prose with no word said
        U"行业", U"分行业", U"行业类别", U"行业名称", U"产业", U"产业类别", U"产业领域"};
    for (const std::u32string_view w : words)
        if (e - b == w.size() && starts_with(cps, b, w)) return true;
    return false;
}

// The code points cps[b, e) as UTF-8, as the decoder reads them (full-width ASCII as ASCII: Ｒ＆Ｄ as R&D).
std::string utf8_of(const code_points& cps, std::size_t b, std::size_t e) {
    std::string out;
    for (std::size_t k = b; k < e; ++k) {
        const char32_t c = cps[k].c;
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else if (c < 0x800) {
            out += static_cast<char>(0xC0 | (c >> 6)), out += static_cast<char>(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            out += static_cast<char>(0xE0 | (c >> 12)), out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (c >> 18)), out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F)), out += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    return out;
}

// The label cps[b, e) of column i of a header by area is a change of the quantity of the column before it —
// 比上年增长, 增长%, 同比增长（%）, 增速, 比上年增加（家） — as "研发经费12亿元，增长8.5%" in prose: the column is
// then a growth column with that column's heading (its cells that variable's change, in % unless its label
// names another unit); false, the column untouched, for any other label, or after no column of a quantity
// (增长额 is an amount of its own, 比上年增加 with no unit a change in no known unit).
bool change_of_column_before(const code_points& cps, std::size_t b, std::size_t e,
                             std::vector<scan_state::column>& columns, std::size_t i) {
    using kind = scan_state::column::kind;
    if (i < 2 || e <= b || !growth_label(cps, b) || !columns[i - 1].heading || columns[i - 1].what == kind::growth ||
        one_of(cps[e - 1].c, U"额量值数"))
        return false;
    bool percent = cps[e - 1].c == '%' || cps[e - 1].c == U'％';
    for (std::size_t k = b; k + 1 < e && !percent; ++k)
        percent = starts_with(cps, k, U"增长") || starts_with(cps, k, U"增速") || starts_with(cps, k, U"增幅") ||
                  starts_with(cps, k, U"同比");
    if (!percent && !columns[i].unit) return false;
    columns[i].what = kind::growth, columns[i].heading = columns[i - 1].heading;
    return true;
}

// 排名, 位次, 名次, 排序, 序号, 全市排名…: a column of a table by area that ranks or numbers its rows, no quantity.
bool rank_label(const code_points& cps, std::size_t b, std::size_t e) {
    if (e - b < 2) return false;
    for (const std::u32string_view w :
         {std::u32string_view(U"排名"), std::u32string_view(U"名次"), std::u32string_view(U"位次"),
          std::u32string_view(U"排序"), std::u32string_view(U"排位"), std::u32string_view(U"序号")})
        if (ends_with(cps, e, w)) return true;
    return false;
}

// A header of a table with a row per area and a column per indicator, one or more ("县（市、区） 专利授权量（件）
// 高新技术企业（家） 技术合同成交额（亿元）" in a 统计公报): a cell's variable is the one its column's
// label names (fact_builder looks the label up in the lexicon), its unit the label's bracket's (else
// its own or the caption's), its period the one in force, its area its row's (row_area). Only when
// the header is none of table_header's: one of years by area ("地区 2023年 2024年") is read as before.
bool area_table_header(std::string_view text, const code_points& cps,
                       const std::vector<std::pair<std::size_t, std::size_t>>& tokens, scan_state& carried) {
    if (tokens.size() < 2 || !area_label(cps, tokens[0].first, tokens[0].second)) return false;
    std::vector<scan_state::column> columns(tokens.size());
    const std::string* in_force = nullptr;
    if (carried.period.current) {
        carried.labels.push_back(carried.period.current->to_string());
        in_force = &carried.labels.back();
    }
    for (std::size_t i = 1; i < columns.size(); ++i) {
        const std::size_t b = tokens[i].first,
                          e = label_before_unit(text, cps, b, tokens[i].second, carried, columns[i]);
        columns[i].what = scan_state::column::kind::current, columns[i].period = in_force;
        if (change_of_column_before(cps, b, e, columns, i)) continue;
        carried.labels.push_back(utf8_of(cps, b, e));
        columns[i].heading = &carried.labels.back();
        columns[i].rank = rank_label(cps, b, e);
    }
    carried.table = std::move(columns);
    carried.table_readable = true;
    return true;
}

// The columns of an area_table_header (its columns name their variables).
bool area_rows(const std::vector<scan_state::column>& columns) {
    return columns.size() >= 2 && columns[1].heading != nullptr;
}

// What the first cell of a row of a table by area names (row_area): an area, the whole (合计, 总计,
// 全市: the report's own), or a row that is no area — a 小计 of some areas, an average of them, or a
// label that names none (a firm, an indicator): those are refused (table_row), never an entity.
enum class area_row_kind { area, total, subtotal, average, not_area };

// True when label ends with an area's word: 青山县, 高新区, 龙湖街道, 红旗镇, 锡林郭勒盟; or names an
// administrative unit of the report that is no region (市本级: the city's own level, 滨江工业园; round 34).
// A bare 园 is no area (幼儿园, 家园, 百草园): only a park's words (园区 ends in 区).
bool ends_in_area_word(std::u32string_view label) {
    static constexpr std::u32string_view words[] = {U"省",     U"市",     U"县",     U"区",     U"旗",     U"州",
                                                    U"盟",     U"镇",     U"乡",     U"街道",   U"办事处", U"本级",
                                                    U"工业园", U"产业园", U"科技园", U"科学园", U"创业园", U"创新园",
                                                    U"软件园", U"物流园", U"农业园", U"示范园", U"孵化园"};
    for (const std::u32string_view w : words)
        if (label.size() > w.size() && label.substr(label.size() - w.size()) == w) return true;
    return false;
}

// The kind of a row's label (its blanks dropped, a 其中 before it dropped).
area_row_kind area_row_of(std::u32string_view label) {
    const auto has = [&](std::u32string_view w) { return label.find(w) != std::u32string_view::npos; };
    if (has(U"小计")) return area_row_kind::subtotal;                 // 市辖区小计: some areas, not the whole
    if (has(U"平均") || has(U"均值")) return area_row_kind::average;  // 全市平均: no area's figure
    if (has(U"合计") || has(U"总计") || (label.size() == 2 && label[0] == U'全')) return area_row_kind::total;
    return ends_in_area_word(label) ? area_row_kind::area : area_row_kind::not_area;
}

// A line of a table by area that is only the first part of a row's name, the rest and the row's cells
// on the next line (a PDF-converted 统计公报: "锡林郭勒盟东乌珠穆沁⏎旗 120 30"): one cell of at most 16
// characters, no ASCII (no digit, no blank), no clause mark. Read from the text's bytes: the other
// line may lie in another chunk (round 34).
bool name_fragment(std::string_view line) {
    if (line.empty() || line.size() > 48) return false;
    for (const char c : line)
        if (static_cast<unsigned char>(c) < 0x80) return false;
    for (const std::string_view mark : {"，", "。", "：", "；", "、", "！", "？"})
        if (line.find(mark) != std::string_view::npos) return false;
    return true;
}

// The line before the one starting at byte `begin` ("" when there is none), without its line break.
std::string_view line_before(std::string_view text, std::size_t begin) {
    if (begin == 0 || text[begin - 1] != '\n') return {};
    std::size_t end = begin - 1;
    if (end > 0 && text[end - 1] == '\r') --end;
    const std::size_t from = text.rfind('\n', end == 0 ? 0 : end - 1);
    const std::size_t first = from == std::string_view::npos || end == 0 ? 0 : from + 1;
    return text.substr(first, end - first);
}

// The line after the line break at byte `at` is a row of `columns` cells (its name and the figures:
// blank-separated, the last opening with a digit) with no clause mark: the row a name_fragment opens. A table
// with a 序号 column (`numbered`): its row number first, then the name and the figures.
bool row_line_after(std::string_view text, std::size_t at, std::size_t columns, bool numbered = false) {
    if (at < text.size() && text[at] == '\r') ++at;
    if (at >= text.size() || text[at] != '\n') return false;
    ++at;
    const std::size_t end = std::min(text.find('\n', at), text.size());
    const std::string_view line = text.substr(at, end - at);
    std::size_t cells = 0, last = 0, second = 0;
    for (std::size_t k = 0; k < line.size(); ++k) {
        const bool blank = line[k] == ' ' || line[k] == '\t' || line[k] == '\r';
        if (!blank && (k == 0 || line[k - 1] == ' ' || line[k - 1] == '\t'))
            second = cells == 1 ? k : second, ++cells, last = k;
    }
    const auto digit = [&](std::size_t k) { return k < line.size() && line[k] >= '0' && line[k] <= '9'; };
    if (numbered) {  // "2 乙县 800 100": a row number of digits alone, then a row of the table's shape
        for (std::size_t k = 0; k < line.size() && line[k] != ' ' && line[k] != '\t'; ++k)
            if (!digit(k)) return false;
        if (cells != columns + 1 || !second || digit(second)) return false;
    } else if (cells != columns || line.empty() || digit(0)) {
        return false;
    }
    for (const std::string_view mark : {"，", "。", "：", "；"})
        if (line.find(mark) != std::string_view::npos) return false;
    return line[last] >= '0' && line[last] <= '9';
}

// The line [line, end) of one cell and no figure is the first part of the next row's name in a table by
// area ("锡林郭勒盟东乌珠穆沁⏎旗 120 30"), which row_area joins to it: the table goes on past it.
bool opens_next_row(std::string_view text, const code_points& cps, std::size_t line, std::size_t end,
                    const scan_state& carried) {
    return area_rows(carried.table) &&
           name_fragment(text.substr(cps[line].begin, cps.byte_at(end) - cps[line].begin)) &&
           row_line_after(text, cps.byte_at(end), carried.table.size(), carried.table_numbered);
}

// A line inside a table that is none of its rows and does not end it (bytes, its line break not
// included): blank, a note (注：, 备注：, 说明：, 资料来源…, 数据来源…, 单位：件), a page's turn (（下转第2页）, 续表,
// 第 3 页, - 3 -) or the report's title repeated at the top of a page of a PDF's conversion.
bool note_line(std::string_view text, std::string_view line) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (line.empty()) return true;
    if (line.size() > 240) return false;
    const auto opens = [&](std::string_view w) { return line.substr(0, w.size()) == w; };
    const auto has = [&](std::string_view w) { return line.find(w) != std::string_view::npos; };
    for (const std::string_view w : {"备注", "说明", "单位", "（单位", "(单位", "来源"})
        if (opens(w) && (has("：") || has(":"))) return true;
    if (opens("注") && line.size() > 3 &&
        (line.substr(3, 3) == "：" || line[3] == ':' || is_digit(line[3]) || line.substr(3, 3) == "释"))
        return true;
    if (opens("资料来源") || opens("数据来源") || opens("续表") || has("下转") || has("上接") || has("接上页") ||
        has("续上页"))
        return true;
    bool digit = false, other = false;  // a page's number: 3, - 3 -, — 3 —, 第 3 页, 第3页 共10页
    for (std::size_t k = 0; k < line.size();) {
        if (is_digit(line[k])) {
            digit = true, ++k;
        } else if (line[k] == ' ' || line[k] == '-') {
            ++k;
        } else if (line.substr(k, 3) == "—" || line.substr(k, 3) == "第" || line.substr(k, 3) == "页" ||
                   line.substr(k, 3) == "共" || line.substr(k, 3) == "－" || line.substr(k, 3) == "–") {
            k += 3;
        } else {
            other = true;
            break;
        }
    }
    if (digit && !other) return true;
    const std::size_t title_end = std::min(text.find('\n'), text.size());
    std::string_view title = text.substr(0, title_end);
    while (!title.empty() && (title.back() == '\r' || title.back() == ' ')) title.remove_suffix(1);
    return line == title && line.data() != text.data();
}

// The line at code point `line` is a note_line inside a table in force and the next line that is no
// note_line (at most six lines on: a page break's blank lines, number and running title) is a row of
// the table's shape (row_line_after): the table goes on past it, the note itself read as prose. Read
// from the text's bytes: the lines may lie in other chunks.
bool table_goes_on(std::string_view text, const code_points& cps, std::size_t line, const scan_state& carried) {
    std::size_t b = cps[line].begin;
    std::size_t e = std::min(text.find('\n', b), text.size());
    if (!note_line(text, text.substr(b, e - b))) return false;
    for (int lines = 0; lines < 6 && e < text.size(); ++lines) {
        if (row_line_after(text, e, carried.table.size(), carried.table_numbered)) return true;
        b = e + 1, e = std::min(text.find('\n', b), text.size());
        if (!note_line(text, text.substr(b, e - b))) return false;
    }
    return false;
}

// The table in force ends at a line that is no row of it: the shape of its rows kept (ended_columns).
void end_table(scan_state& carried) {
    if (!carried.table.empty()) carried.ended_columns = carried.table.size();
    carried.table.clear();
}

// A line of `tokens` after a table ended (ended_columns; none in force): a row of its shape (a name, then figures
// to the last cell, as many cells as the table's columns) gets a table_row finding — its figures,
// read as prose, are not the table's by its columns — and keeps the shape for the next; so does a
// line of no figure (a note's second line); any other line of figures forgets it, as prose does.
void row_after_ended_table(std::string_view text, const code_points& cps, std::size_t line, std::size_t end,
                           const std::vector<std::pair<std::size_t, std::size_t>>& tokens, scan_state& carried,
                           std::vector<report_finding>* findings);

// The area a row of a table by area names: the tokens of its name, a 其中 before them dropped ("其中
// 高新区", "其中：高新区": a part of the area above, an area of its own); "" when the row is no area
// (its kind in `kind`), and in a table of no areas.
std::string_view row_area(std::string_view text, const code_points& cps,
                          const std::vector<std::pair<std::size_t, std::size_t>>& tokens, std::size_t shift,
                          area_row_kind& kind, scan_state& carried) {
    if (!area_rows(carried.table)) return {};
    std::size_t b = tokens[0].first;
    const std::size_t e = tokens[shift].second;
    if (starts_with(cps, b, U"其中") && b + 2 < e) b += 2;
    while (b < e && (cps[b].c == ' ' || cps[b].c == U'：' || cps[b].c == ':')) ++b;
    std::u32string label;
    for (std::size_t k = b; k < e; ++k)
        if (cps[k].c != ' ') label += cps[k].c;
    // 青山区（含开发区）: the area the words before the bracket name
    if (!label.empty() && (label.back() == U'）' || label.back() == ')'))
        if (const std::size_t open = label.find_last_of(U"（("); open != std::u32string::npos && open > 0)
            label.resize(open);
    // 高新区管委会, 经开区管理委员会: the zone its administration speaks for (round 34), the area 高新区
    std::size_t last = e;
    for (const std::u32string_view office : {std::u32string_view(U"管委会"), std::u32string_view(U"管理委员会")})
        if (label.size() > office.size() + 1 && label.substr(label.size() - office.size()) == office &&
            ends_with(cps, e, office)) {
            label.resize(label.size() - office.size()), last = e - office.size();
            break;
        }
    kind = area_row_of(label);
    if (kind != area_row_kind::not_area || b != tokens[0].first) {
        if (kind != area_row_kind::area) return {};
        return text.substr(cps[b].begin, cps.end_of(last - 1) - cps[b].begin);
    }
    // "锡林郭勒盟东乌珠穆沁⏎旗 120 30": a name no area's, its first part on the line before (round 34)
    const std::string_view first = line_before(text, cps[b].begin);
    if (!name_fragment(first)) return {};
    std::string whole(first);
    whole += text.substr(cps[b].begin, cps.end_of(last - 1) - cps[b].begin);
    std::size_t invalid = 0;
    const code_points whole_cps = decode(whole, invalid);
    std::u32string whole_label;
    for (std::size_t k = 0; k < whole_cps.size(); ++k)
        if (whole_cps[k].c != ' ') whole_label += whole_cps[k].c;
    kind = area_row_of(whole_label);
    if (kind != area_row_kind::area) return {};
    return carried.labels.emplace_back(std::move(whole));
}

// Why a row of a table with these columns was not read (the table_row finding); `kind`: what its
// label names when the table is one by area.
const char* row_refused(const std::vector<scan_state::column>& columns, area_row_kind kind) {
    if (!area_rows(columns))
        return "a row of a table whose columns could not be read (its periods, units or cells): its figures have no "
               "variable";
    switch (kind) {
        case area_row_kind::subtotal:
            return "a row of a table with a row per area that is a subtotal of some of its areas (小计), neither an "
                   "area nor the report's own: its figures have no variable nor area";
        case area_row_kind::average:
            return "a row of a table with a row per area that is an average of its areas (平均, 均值), neither an "
                   "area nor the report's own: its figures have no variable nor area";
        case area_row_kind::not_area:
            return "a row of a table with a row per area whose first cell names no area (it ends in no 省, 市, 县, "
                   "区, 旗, 州, 盟, 镇, 乡, 街道, 办事处, 本级 nor a park's 工业园, 产业园, 科技园…: a firm, an "
                   "indicator or an industry of a table by industry is no area): its figures "
                   "have no variable nor area";
        default:
            return "a row of a table with a row per area (its first cell) and a column per indicator, not read: its "
                   "cells are not as many as the header's columns, or one is no figure or states no unit: its "
                   "figures have no variable nor area";
    }
}

// Digits only in cps[b, e), and some.
bool digits_only(const code_points& cps, std::size_t b, std::size_t e) {
    for (std::size_t k = b; k < e; ++k)
        if (!is_digit(cps[k].c)) return false;
    return e > b;
}

// "1 135" as one cell (join_split_cells): one to three digits, one blank, three digits — a thousands
// group a PDF's converter split from its figure.
bool split_group_cell(const code_points& cps, std::size_t b, std::size_t e) {
    if (e - b < 5 || e - b > 7 || cps[e - 4].c != ' ') return false;
    return digits_only(cps, b, e - 4) && digits_only(cps, e - 3, e);
}

// A cell of digits a conversion damaged, with no unit after it to tell it as prose does: "8,60"
// (bad_grouping), "21." (dangling_point), ".35" (leading_point), "13.x" (masked). A figure with its
// damage, never dropped (nor its row read without it).
bool damaged_cell(const code_points& cps, std::size_t b, std::size_t e, scanned& s) {
    if (split_group_cell(cps, b, e)) {
        s = scanned{};
        s.damage = "split_digits", s.guess = joined_digits(cps, b, e);
        s.q.value = s.q.high = std::numeric_limits<double>::quiet_NaN();
        s.first = b, s.last = e;
        return true;
    }
    std::size_t digits = 0, points = 0, masks = 0;
    bool bad_comma = false;
    for (std::size_t k = b; k < e; ++k) {
        const char32_t c = cps[k].c;
        if (is_digit(c)) {
            ++digits;
        } else if (c == '.') {
            ++points;
        } else if (is_mask(c)) {
            ++masks;
        } else if (c == ',') {
            std::size_t n = 0;
            while (k + 1 + n < e && is_digit(cps[k + 1 + n].c)) ++n;
            bad_comma |= n != 3 || k == b;
        } else {
            return false;
        }
    }
    if (digits == 0 || points > 1) return false;
    s = scanned{};
    if (masks)
        s.q.masked = true;
    else if (bad_comma)
        s.damage = "bad_grouping", s.guess = joined_digits(cps, b, e);
    else if (cps[e - 1].c == '.')
        s.damage = "dangling_point", s.guess = joined_digits(cps, b, e - 1);
    else if (cps[b].c == '.')
        s.damage = "leading_point";
    else
        return false;
    s.q.value = s.q.high = std::numeric_limits<double>::quiet_NaN();
    s.first = b, s.last = e;
    return true;
}

// A number cell of a table row at [b, e): a number (a leading - for a decline) filling the token, or
// a unit of its own after it, or a damaged one (damaged_cell); false if the token is not one.
bool number_cell(std::string_view text, const code_points& cps, std::size_t b, std::size_t e, scanned& s) {
    const bool negative = cps[b].c == '-' && e - b > 1;
    bool date = false;
    const std::size_t from = b + (negative ? 1 : 0);
    if (!number_at(text, cps, from, s, date) || s.last != e) {
        if (date || !damaged_cell(cps, from, e, s)) return false;
    }
    if (negative) s.q.value = -s.q.value, s.q.high = -s.q.high, s.guess = -s.guess;
    s.first = b;
    s.q.begin = cps[b].begin, s.q.end = cps.end_of(e - 1);
    return true;
}

// "1 020" in a row (a blank where a PDF's thousands separator was): a token of one to three digits
// and one of three digits opening with 0 after one blank (zero_led_group_at, no cell of its own) are
// one cell, read as a split figure (split_digits), never a confident 1 and a lost 020 (round 30).
// "1 135" is joined too when the row has exactly as many cells of figures too many for the header's
// columns of figures as there are such pairs: only then is each pair surely one cell (a name split by
// a blank, "高新技术 企业 家 30 180", leaves its cells as they are).
void join_split_cells(const code_points& cps, std::vector<std::pair<std::size_t, std::size_t>>& tokens,
                      const std::vector<scan_state::column>& columns) {
    const auto joinable = [&](std::size_t i, bool zero_led) {
        const auto [b, e] = tokens[i];
        const std::size_t next = tokens[i + 1].first;
        return e - b <= 3 && digits_only(cps, b, e) && next == e + 1 && cps[e].c == ' ' &&
               tokens[i + 1].second == next + 3 &&
               (zero_led ? zero_led_group_at(cps, next) : digits_only(cps, next, next + 3));
    };
    const auto join = [&](std::size_t i) {
        tokens[i].second = tokens[i + 1].second, tokens.erase(tokens.begin() + static_cast<std::ptrdiff_t>(i + 1));
    };
    for (std::size_t i = 0; i + 1 < tokens.size(); ++i)
        if (joinable(i, true)) join(i);
    using kind = scan_state::column::kind;
    const auto figure_columns =
        static_cast<std::size_t>(std::count_if(columns.begin(), columns.end(), [](const scan_state::column& c) {
            return c.what != kind::name && c.what != kind::unit;
        }));
    const auto cell_of_figure = [&](const std::pair<std::size_t, std::size_t>& t) {
        const char32_t c = cps[t.first].c;
        return is_digit(c) || c == '.' || (t.second - t.first == 1 && one_of(c, U"-—/")) ||
               (c == '-' && t.second - t.first > 1 && is_digit(cps[t.first + 1].c));
    };
    const auto cells = static_cast<std::size_t>(std::count_if(tokens.begin() + 1, tokens.end(), cell_of_figure));
    if (cells <= figure_columns) return;
    std::vector<std::size_t> pairs;
    for (std::size_t i = 1; i + 1 < tokens.size(); ++i)
        if (joinable(i, false)) pairs.push_back(i++);
    if (pairs.size() != cells - figure_columns) return;
    for (auto p = pairs.rbegin(); p != pairs.rend(); ++p) join(*p);
}

// A word between two figures of a line ("研发经费投入 120亿元 增长 8%" under a table): a sentence
// written with blanks, not a row, whose cells are figures from the first on (a 备注 column's words
// after them are a row's: "专利授权量 980 870 较好"; an empty cell's dash is no word).
bool words_between_figures(std::string_view text, const code_points& cps,
                           const std::vector<std::pair<std::size_t, std::size_t>>& tokens) {
    bool figure = false, word_after_figure = false;
    for (std::size_t i = 1; i < tokens.size(); ++i) {
        const auto [b, e] = tokens[i];
        scanned cell;
        if (number_cell(text, cps, b, e, cell)) {
            if (word_after_figure) return true;
            figure = true;
        } else if (figure && !(e - b == 1 && one_of(cps[b].c, U"-—/"))) {
            word_after_figure = true;
        }
    }
    return false;
}

// The line under a header of a table by area that a PDF's converter wrapped (header_line: no row read
// since): "（件） （亿元）", the units of its last columns (right-aligned) that named none, or "发明专利授权量
// （件） 技术合同成交额（亿元）", further columns, each a label with its unit. True when it is such a line (its
// columns taken); a line of anything else is left to be read as before.
bool header_continues(std::string_view text, const code_points& cps,
                      const std::vector<std::pair<std::size_t, std::size_t>>& tokens, scan_state& carried) {
    if (!area_rows(carried.table) || tokens.empty()) return false;
    std::size_t units = 0;
    for (const auto& [b, e] : tokens) {
        std::string unit;
        const std::size_t open = unit_in_brackets(text, cps, b, e, unit);
        if (!open) return false;
        units += open == b + 1;
    }
    std::vector<scan_state::column>& columns = carried.table;
    if (units == tokens.size()) {  // units alone: of the last columns, none of which named one
        if (tokens.size() >= columns.size()) return false;
        for (std::size_t i = 0; i < tokens.size(); ++i)
            if (columns[columns.size() - tokens.size() + i].unit) return false;
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            std::string unit;
            unit_in_brackets(text, cps, tokens[i].first, tokens[i].second, unit);
            columns[columns.size() - tokens.size() + i].unit = &carried.labels.emplace_back(std::move(unit));
        }
        return true;
    }
    if (units) return false;  // labels and bare units mixed: no telling which is whose
    for (const auto& [b, e] : tokens) {
        scan_state::column c = columns.back();  // of the period in force, as the header's
        const std::size_t label_end = label_before_unit(text, cps, b, e, carried, c);
        c.heading = &carried.labels.emplace_back(utf8_of(cps, b, label_end));
        columns.push_back(c);
    }
    return true;
}

// A column of the rows' units (指标名称 单位 …).
bool has_unit_column(const std::vector<scan_state::column>& columns) {
    return std::any_of(columns.begin(), columns.end(),
                       [](const scan_state::column& c) { return c.what == scan_state::column::kind::unit; });
}

// "乙旗 120⏎30": a row whose last cells a PDF's converter wrapped onto the next line (the row's line
// break at `end`): when that line is only figures, exactly as many as the row lacks of the table's
// `columns`, they are the row's and join its tokens; the code point after them (their line's break)
// returned, 0 when the next line is no such or the line after it is prose (the row is refused as before:
// never a shifted column). The next line in another chunk is not looked at.
std::size_t wrapped_cells(std::string_view text, const code_points& cps, std::size_t end, std::size_t columns,
                          std::vector<std::pair<std::size_t, std::size_t>>& tokens) {
    if (tokens.size() < 2 || tokens.size() >= columns || end >= cps.size()) return 0;
    std::size_t next = end + (cps[end].c == '\r' && end + 1 < cps.size() && cps[end + 1].c == '\n' ? 2 : 1);
    thread_local std::vector<std::pair<std::size_t, std::size_t>> more;
    std::size_t next_end = next;
    if (next >= cps.size() || !line_tokens(cps, next, next_end, more) || tokens.size() + more.size() != columns ||
        next_end >= cps.size())  // the line after may itself go on in the next chunk
        return 0;
    scanned cell;
    for (const auto& [b, e] : more)
        if (!number_cell(text, cps, b, e, cell)) return 0;
    scanned name;
    if (number_cell(text, cps, tokens[0].first, tokens[0].second, name)) return 0;  // a row of figures alone
    // the line after goes on with the table (a row of cells, a blank line) or the chunk ends: a page's number
    // alone before prose (乙县 150⏎7⏎全省…) is no wrapped cell (review 35: 7 became 乙县's 亿元)
    const std::size_t after = next_end + (cps[next_end].c == '\r' && next_end + 1 < cps.size() ? 2 : 1);
    if (after < cps.size() && cps[after].c != '\n' && cps[after].c != '\r') {
        thread_local std::vector<std::pair<std::size_t, std::size_t>> following;
        std::size_t after_end = after;
        if (!line_tokens(cps, after, after_end, following) || following.size() < 2) return 0;
    }
    tokens.insert(tokens.end(), more.begin(), more.end());
    return next_end;
}

// 序号 as a header's first label, and the row number opening each of its rows.
bool row_number_label(const code_points& cps, std::size_t b, std::size_t e) {
    return (e - b == 2 && (starts_with(cps, b, U"序号") || starts_with(cps, b, U"编号"))) ||
           (e - b == 1 && cps[b].c == U'序');
}

void row_after_ended_table(std::string_view text, const code_points& cps, std::size_t line, std::size_t end,
                           const std::vector<std::pair<std::size_t, std::size_t>>& tokens, scan_state& carried,
                           std::vector<report_finding>* findings) {
    if (!carried.table.empty() || !carried.ended_columns) return;
    scanned cell;
    const auto figure = [&](const std::pair<std::size_t, std::size_t>& t) {
        return number_cell(text, cps, t.first, t.second, cell);
    };
    if (std::none_of(tokens.begin(), tokens.end(), figure)) return;  // 1.含外观设计专利: more of the note
    // a table with a 序号 column: its rows open with their number (2 乙县 800 100)
    const std::size_t first = carried.table_numbered && tokens.size() == carried.ended_columns + 1 &&
                                      digits_only(cps, tokens.front().first, tokens.front().second)
                                  ? 1
                                  : 0;
    if (tokens.size() != carried.ended_columns + first ||
        number_cell(text, cps, tokens[first].first, tokens[first].second, cell) ||
        !number_cell(text, cps, tokens.back().first, tokens.back().second, cell)) {
        carried.ended_columns = 0;
        return;
    }
    if (findings)
        findings->push_back(make_finding(
            text, cps, line, end, "table_row",
            "a row of a table (a name, then figures: as many cells as the table above has columns) after a line that "
            "ended that table (neither a row, a note nor a page's header or footer): read by no table's columns, "
            "its figures read as prose may have no variable, unit or area"));
}

// A line of prose or an empty one at code point `line`: the table in force ends unless it is a note
// the table goes on past (table_goes_on); one that is no note forgets an ended table's shape.
[[gnu::always_inline]] inline void prose_line_in_table(std::string_view text, const code_points& cps, std::size_t line,
                                                       scan_state& carried) {
    if (carried.table.empty() && !carried.ended_columns) [[likely]]
        return;
    if (!carried.table.empty()) {
        if (!table_goes_on(text, cps, line, carried)) end_table(carried);
    } else if (carried.ended_columns) {
        const std::size_t b = cps[line].begin;
        if (!note_line(text, text.substr(b, std::min(text.find('\n', b), text.size()) - b))) carried.ended_columns = 0;
    }
}

// "单位：万元", "单位：亿元、%", "（单位：家）" a line of its own at code point `line`: the units it lists into `units`
// (true), in the order listed; false for any other line.
bool units_line(std::string_view text, const code_points& cps, std::size_t line, std::vector<std::string>& units) {
    std::size_t k = line + (line < cps.size() && is_open_paren(cps[line].c) ? 1 : 0);
    if (!starts_with(cps, k, U"单位") || k + 3 >= cps.size() || (cps[k + 2].c != U'：' && cps[k + 2].c != ':'))
        return false;
    units.clear();
    for (k += 3; k < cps.size() && units.size() < 4;) {
        std::string unit;
        const std::size_t n = unit_length(text, cps, k, unit);
        const std::size_t m = n ? n : measure_word_length(cps, k, unit);
        if (!m) return false;
        units.push_back(std::move(unit)), k += m;
        if (k < cps.size() && one_of(cps[k].c, U"、，,/")) {
            ++k;
            continue;
        }
        if (k < cps.size() && (cps[k].c == U'）' || cps[k].c == ')')) ++k;
        while (k < cps.size() && (is_blank(cps[k].c) || cps[k].c == '\r')) ++k;
        if (k < cps.size()) return cps[k].c == '\n';
        // the chunk ends here: the line only if the text does or a line break follows (not 单位：万 of 万元)
        const std::size_t at = cps.byte_at(k);
        return at >= text.size() || text[at] == '\n' || text[at] == '\r';
    }
    return false;
}

// The label of a column of shares or rates, whose figures are in %: 研发投入强度, 占GDP比重, 增速…, a label ending
// in 率 (not 生产率: 万元/人) or in 增长 (比上年增长; not 增长额, an amount).
bool share_label(std::string_view label) {
    const auto ends_with = [&](std::string_view w) {
        return label.size() >= w.size() && label.substr(label.size() - w.size()) == w;
    };
    for (const std::string_view w : {"强度", "比重", "占比", "比例", "之比", "增长率", "增速", "增幅", "%"})
        if (label.find(w) != std::string_view::npos) return true;
    return (ends_with("率") && !ends_with("生产率")) || ends_with("增长");
}

// The label of a column of amounts of money, the 万元 of 单位：万元、%: 研发经费支出, 技术合同成交额,
// 高新技术产业增加值, 财政科技支出合计 — not 劳动生产率 (万元/人), 人均研发经费, 每万人… (per head), nor a count
// (专利授权量).
bool amount_label(std::string_view label) {
    for (const std::string_view w : {"人均", "户均", "企均", "家均", "地均", "每万", "万人", "每"})
        if (label.find(w) != std::string_view::npos) return false;
    for (const std::string_view tail : {"合计", "总计", "总额", "总量"})
        if (label.size() > tail.size() + 3 && label.substr(label.size() - tail.size()) == tail)
            label.remove_suffix(tail.size());
    for (const std::string_view w : {"额", "支出", "投入", "经费", "资金", "增加值", "产值", "总值", "收入", "费用",
                                     "利润", "资产", "投资", "补助", "奖补", "税收"})
        if (label.size() >= w.size() && label.substr(label.size() - w.size()) == w) return true;
    return false;
}

// The units a units_line listed taken by the table in force (its columns naming none of their own): one unit,
// the unit of its figures from here on; a unit and % (单位：亿元、%) in a table by area, % for the columns of
// shares, rates and changes, the other unit for the columns of amounts (amount_label), and none for the rest
// (劳动生产率, 人均…: read with no unit and a finding, never in the amount's unit; round 37). Any other list
// (two units of amounts: whose is whose is unknown) is taken by none: the rows stay refused as before.
void take_listed_units(scan_state& carried) {
    std::vector<scan_state::column>& columns = carried.table;
    const std::vector<std::string>& units = carried.listed_units;
    using kind = scan_state::column::kind;
    if (columns.empty() || has_unit_column(columns) || !carried.table_unit.empty()) return;
    if (units.size() == 1 && units[0] != "%") {
        if (std::none_of(columns.begin(), columns.end(),
                         [](const scan_state::column& c) { return c.unit && c.what != kind::growth; }))
            carried.table_unit = units[0];
        return;
    }
    const std::size_t percent = std::count(units.begin(), units.end(), std::string("%"));
    if (units.size() != 2 || percent != 1 || !area_rows(columns)) return;
    const std::string& amount = units[0] == "%" ? units[1] : units[0];
    for (scan_state::column& c : columns) {
        if (!c.heading || c.unit) continue;
        if (c.what == kind::growth || share_label(*c.heading))
            c.unit = &carried.labels.emplace_back("%");
        else if (amount_label(*c.heading))
            c.unit = &carried.labels.emplace_back(amount);
        else
            c.no_unit = true;
    }
}

// The caption's label a header's line opens with ("表1 县（市、区） 专利授权量（件）", 表 1, 表2-1, 续表1: a PDF's
// converter put the caption's first cell on the header's line): how many of `tokens` it takes, 0 if none.
std::size_t caption_label_tokens(const code_points& cps,
                                 const std::vector<std::pair<std::size_t, std::size_t>>& tokens) {
    if (tokens.size() < 3) return 0;
    std::size_t b = tokens[0].first;
    const std::size_t e = tokens[0].second;
    if (starts_with(cps, b, U"续表")) ++b;
    if (cps[b].c != U'表') return 0;
    if (e == b + 1)  // 表 1: the number a cell of its own
        return tokens[1].second - tokens[1].first <= 4 && digits_only(cps, tokens[1].first, tokens[1].second) ? 2 : 0;
    for (std::size_t k = b + 1; k < e; ++k)
        if (!is_digit(cps[k].c) && !(k > b + 1 && k + 1 < e && is_dash(cps[k].c))) return 0;
    return 1;
}

// A units_line at code point `line`: its units kept for a header right under it, and taken by the table in force
// when it stands between the table's header and rows or between its rows.
void units_line_at(std::string_view text, const code_points& cps, std::size_t line, scan_state& carried) {
    ++carried.lines_since_listed_units;
    if (!one_of(cps[line].c, U"单（(") || !units_line(text, cps, line, carried.listed_units)) return;
    carried.lines_since_listed_units = 0;
    if (!carried.table.empty() && table_goes_on(text, cps, line, carried)) take_listed_units(carried);
}

// The line's `tokens` (a 序号 label taken off: `numbered`) are a table's header, a caption's label before them
// looked past: the table in force from here on, with the unit stated right above it.
bool header_line_at(std::string_view text, const code_points& cps,
                    const std::vector<std::pair<std::size_t, std::size_t>>& tokens, bool numbered,
                    scan_state& carried) {
    bool header = false;
    if (const std::size_t caption = numbered ? 0 : caption_label_tokens(cps, tokens)) {
        thread_local std::vector<std::pair<std::size_t, std::size_t>> labels;
        labels.assign(tokens.begin() + static_cast<std::ptrdiff_t>(caption), tokens.end());
        header = table_header(text, cps, labels, carried) || area_table_header(text, cps, labels, carried);
    }
    if (!header && !table_header(text, cps, tokens, carried) && !area_table_header(text, cps, tokens, carried))
        return false;
    carried.table_numbered = numbered, carried.header_line = true, carried.ended_columns = 0;
    if (carried.lines_since_unit == 0 && carried.table.back().unit) {  // its last column's unit: no heading's
        carried.heading_unit = std::move(carried.replaced_unit), carried.heading_unit_kind = carried.replaced_unit_kind;
        carried.lines_since_unit = carried.replaced_lines_since_unit;
    }
    // the caption right above (its line, perhaps a title or a blank line between): not one stated
    // for an earlier table under the same heading
    carried.table_unit = carried.lines_since_unit <= 2 ? carried.heading_unit : std::string();
    if (carried.lines_since_listed_units <= 2) take_listed_units(carried);  // 单位：亿元、% right above
    return true;
}

// What a column says of a figure in it: its period, a change, a target, a rate…, the column's unit when the cell
// states none, and in a table by area the column's heading and the row's area.
void take_column(scanned& cell, const scan_state::column& c, std::string_view area) {
    using kind = scan_state::column::kind;
    cell.table_period = c.period ? std::string_view(*c.period) : std::string_view();
    cell.table_change = c.what == kind::growth;
    cell.table_prior = c.what == kind::prior;
    cell.table_target = c.what == kind::target;
    cell.table_rate = c.what == kind::rate;
    if (cell.q.unit.empty() && c.unit) cell.q.unit = *c.unit;  // 金额（万元）: a cell's own unit wins
    if (c.heading) cell.table_area = true, cell.table_heading = *c.heading, cell.row_label = area;
    cell.table_no_unit = c.no_unit && cell.q.unit.empty();  // read with no unit, a finding says so
}

// The line at code point `line` if it is a table's header or row: its cells handed to `sink` (read
// by column when the header says how, else flagged as a row not read), and the code point of its
// line break returned; `line` itself when it is neither (prose: the table, if any, has ended).
template <class Sink>
std::size_t table_line(std::string_view text, const code_points& cps, std::size_t line, scan_state& carried,
                       std::vector<report_finding>* findings, Sink& sink) {
    thread_local std::vector<std::pair<std::size_t, std::size_t>> tokens;
    carried.text = text, carried.findings = findings;  // (respectively_list_at's findings)
    if (line >= cps.size()) return line;               // the line starts the next chunk (scan_state::line_start)
    units_line_at(text, cps, line, carried);
    std::size_t end = line;
    if (!line_tokens(cps, line, end, tokens))  // prose or an empty line: the table, if any, has ended
        return prose_line_in_table(text, cps, line, carried), line;
    // "序号 指标名称 单位 …" and its rows "1 高新技术企业 家 …": the row number is no figure nor a column
    const bool numbered = tokens.size() >= 4 && row_number_label(cps, tokens[0].first, tokens[0].second);
    if (numbered) tokens.erase(tokens.begin());
    if (header_line_at(text, cps, tokens, numbered, carried)) return end;
    if (std::exchange(carried.header_line, false) && header_continues(text, cps, tokens, carried))
        return carried.header_line = true, end;  // a header wrapped onto a second line
    row_after_ended_table(text, cps, line, end, tokens, carried, findings);
    if (numbered || carried.table.empty()) return line;
    if (carried.table_numbered && tokens.size() >= 2 && tokens[0].second - tokens[0].first <= 3 &&
        digits_only(cps, tokens[0].first, tokens[0].second))
        tokens.erase(tokens.begin());
    join_split_cells(cps, tokens, carried.table);
    // A row: the cells right-aligned under the columns, the tokens before them its name.
    const std::size_t columns = carried.table.size();
    if (const std::size_t joined = wrapped_cells(text, cps, end, columns, tokens)) end = joined;
    std::vector<scanned> cells;
    const bool unit_column = has_unit_column(carried.table);
    bool readable = carried.table_readable && tokens.size() >= columns, any_number = false;
    std::size_t read_cells = 0;  // figures of the row read by their column (not left: table_left)
    std::string unit;
    const std::size_t shift = tokens.size() >= columns ? tokens.size() - columns : 0;
    // "研发经费投入（亿元） | 1,086.4 | 1,192.7": a table without a unit column names it after the row's name
    std::string name_unit;
    const bool unit_in_name =
        !unit_column && unit_in_brackets(text, cps, tokens[shift].first, tokens[shift].second, name_unit) > 0;
    // "（单位：万元）", "单位：家" above the table: the unit of its cells that state none of their own
    const std::string_view table_unit = unit_column ? std::string_view() : std::string_view(carried.table_unit);
    area_row_kind row_kind = area_row_kind::area;
    const std::string_view area = row_area(text, cps, tokens, shift, row_kind, carried);
    if (row_kind != area_row_kind::area && row_kind != area_row_kind::total) readable = false;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const auto [b, e] = tokens[i];
        scanned cell;
        const bool number = number_cell(text, cps, b, e, cell);
        any_number |= number;
        if (i <= shift || !readable) {  // the name, or a row not read by its columns
            if (number && i > 0) cells.push_back(cell), readable = false;
            continue;
        }
        const scan_state::column& c = carried.table[i - shift];
        using kind = scan_state::column::kind;
        if (c.what == kind::unit) {
            std::string u;
            const std::size_t n = unit_length(text, cps, b, u);
            const std::size_t m = n ? n : measure_word_length(cps, b, u);
            if (b + m == e) {
                unit = u;
            } else {
                readable = false;
                if (number) cells.push_back(cell);  // a row shifted by a split cell: its figure kept (round 30)
            }
        } else if (number) {
            take_column(cell, c, area);
            // A level with no unit of its own, nor one the table states: its unit is unknown. In a table by area
            // its column is left (a finding names it), the row's other cells read — unless none is (round 38).
            cell.table_left = c.rank;
            if (!c.rank && !unit_column && !unit_in_name && table_unit.empty() && !cell.table_change &&
                !cell.table_rate && cell.q.unit.empty() && !cell.table_no_unit) {
                if (c.heading)
                    cell.table_left = true;
                else
                    readable = false;
            }
            read_cells += !cell.table_left;
            cells.push_back(cell);
        } else if (!(e - b == 1 && one_of(cps[b].c, U"-—/"))) {  // an empty cell
            readable = false;
        }
    }
    if (!any_number && tokens.size() == 1 && opens_next_row(text, cps, line, end, carried)) return end;
    if (!any_number || (!unit_column && words_between_figures(text, cps, tokens))) {     // not a row: the table ended
        if (any_number || !table_goes_on(text, cps, line, carried)) end_table(carried);  // not past 数据来源于…
        return line;
    }
    const std::size_t name_last = tokens[shift].second;
    if (read_cells == 0) readable = false;  // every figure of the row left: the row is not read (table_row)
    for (scanned& cell : cells) {
        cell.table_left = cell.table_left && readable;
        cell.table = readable && !cell.table_left ? scanned::table_cell::read : scanned::table_cell::unread;
        cell.name_first = line, cell.name_last = name_last;
        if (readable && cell.q.unit.empty() && !cell.table_no_unit)
            cell.q.unit = cell.table_change || cell.table_rate ? std::string_view("%")
                          : unit_in_name                       ? std::string_view(name_unit)
                          : unit_column                        ? std::string_view(unit)
                                                               : table_unit;
        sink(cell);
    }
    if (!readable && findings)
        findings->push_back(make_finding(text, cps, line, end, "table_row", row_refused(carried.table, row_kind)));
    return end;
}

}  // namespace
}  // namespace zhibiao
