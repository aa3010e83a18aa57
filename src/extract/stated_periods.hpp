#pragma once
// Layer 5: the periods a scan carries from line to line (stated_period, title_tracker, scan_state):
// takes the periods read at each place (periods.hpp) and gives the state in force across chunks,
// with the saved periods of prior years, targets and plans restored where their sentence ends.
#include "extract/damage.hpp"

namespace zhibiao {
namespace {

// A period stated in the text at code point `at`. A local one ("兑现2017年度奖补资金50万元": a
// year with 年度 outside the title line, once a period governs) names the period of its own
// clause's figures only; the others govern what follows.
struct stated_period {
    std::size_t at;
    std::string period;
    bool local;
    bool prior = false;  // the year before the governing period (上年同期，…)
    bool title = false;  // stated in the report's title: the report's period
};

// A period at k (n code points) that is the starting point of a change, "由2023年的120家增加到156家",
// "从上年的1.2亿元提高到1.5亿元": 由 or 从 before it and 的 after it (or 底/末 and 的). It governs the
// figure before the change only: the code point of the 到/至 that states where the change went
// (the end of the clause when there is none), 0 when the period is no such start.
std::size_t start_point_end(const code_points& cps, std::size_t k, std::size_t n) {
    if (k == 0 || (cps[k - 1].c != U'由' && cps[k - 1].c != U'从')) return 0;
    std::size_t j = k + n;
    if (j < cps.size() && (cps[j].c == U'底' || cps[j].c == U'末')) ++j;
    if (j >= cps.size() || cps[j].c != U'的') return 0;
    for (; j < cps.size() && !clause_end(cps[j].c); ++j)
        if (cps[j].c == U'到' || cps[j].c == U'至') return j;
    return j;
}

// A word of comparison between the start of the clause and k (高于全市去年水平, 与全区去年相比, 比我们去年):
// what stands at k is a base compared with.
bool compared_in_clause(const code_points& cps, std::size_t k) {
    for (std::size_t i = k; i > 0 && k - i < 16 && !clause_end(cps[i - 1].c) && !one_of(cps[i - 1].c, U"“\"：:"); --i)
        if (one_of(cps[i - 1].c, U"比较与于超达为是占同")) return true;
    return false;
}

// 上年同期 / 去年同期 / 上年 / 去年 (上年末, 上年度) opening a clause: the rest of the sentence is
// about the year before ("上年同期，全市技术合同成交额为1.5亿元"; "…，上年同期为1.5亿元"), unlike a
// comparison (比上年, 较去年同期, 与上年相比) or a span (去年以来). Its length, 0 if there is none at k.
std::size_t prior_year_at(const code_points& cps, std::size_t k, const period_state& state, bool& year_end) {
    if (!starts_with(cps, k, U"上年") && !starts_with(cps, k, U"去年")) return 0;
    // In a report its head or title dates, 去年 right after its subject (我们去年兑现…, 全区去年新增…)
    // names the year too — not 比去年, 在去年基础上, 达到去年的两倍, 去年同期 (a base of comparison).
    const bool after_subject = (state.dated_year || state.title_year) && cps[k].c == U'去' && k > 0 &&
                               one_of(cps[k - 1].c, U"们市区县省州镇园局委") && !starts_with(cps, k + 2, U"的") &&
                               !starts_with(cps, k + 2, U"同期") && !starts_with(cps, k + 2, U"基础") &&
                               !starts_with(cps, k + 2, U"水平") && !compared_in_clause(cps, k);
    // Else at the start of a clause only: "受上年同期高基数影响" is a cause, not a statement about the year.
    if (k > 0 && !after_subject && !clause_end(cps[k - 1].c) && !one_of(cps[k - 1].c, U" \t（(：:“\"") &&
        !start_point_end(cps, k, 2))  // 由上年的120家增加到156家: the start of a change
        return 0;
    if (starts_with(cps, k + 2, U"以来")) return 0;
    year_end = starts_with(cps, k + 2, U"末") || starts_with(cps, k + 2, U"底");
    return starts_with(cps, k + 2, U"同期") ? 4 : year_end || starts_with(cps, k + 2, U"度") ? 3 : 2;
}

// "2023年同期" with the year before the one in force, at the start of a clause or a parenthesis:
// the same span a year earlier, as 上年同期 (its length, 0 if there is none at k).
std::size_t year_same_span_at(const code_points& cps, std::size_t k, const period_state& state) {
    if (k + 7 > cps.size() || !state.year || !state.current || state.prior) return 0;
    if (k > 0 && !clause_end(cps[k - 1].c) && !one_of(cps[k - 1].c, U" \t（(：:“\"")) return 0;
    int y = 0;
    for (std::size_t j = k; j < k + 4; ++j) {
        if (!is_digit(cps[j].c)) return 0;
        y = y * 10 + static_cast<int>(cps[j].c - '0');
    }
    return y == state.year - 1 && cps[k + 4].c == U'年' && starts_with(cps, k + 5, U"同期") ? 7 : 0;
}

// The line break at k runs through a figure (企业3⏎0家, 4.⏎5亿元: a digit or a point before it, a digit
// after): a PDF's wrap the reader left as it is (split_digits), inside its sentence — no sentence's end.
bool break_inside_figure(const code_points& cps, std::size_t k) {
    if (k == 0 || (!is_digit(cps[k - 1].c) && cps[k - 1].c != '.')) return false;
    std::size_t j = k + 1;
    if (cps[k].c == '\r' && j < cps.size() && cps[j].c == '\n') ++j;
    return j < cps.size() && is_digit(cps[j].c);
}

// The code point after the sentence that code point k is in (。！？；, a line break, or the chunk's end).
std::size_t sentence_end_after(const code_points& cps, std::size_t k) {
    while (k < cps.size() && (!one_of(cps[k].c, U"。！？；;!?\n\r") || break_inside_figure(cps, k))) ++k;
    return k;
}

// The line from k on is a report's title ("某县2024年科技工作总结", "2024年度工作报告"): a word of
// reports (总结, 报告, 工作, 情况, 计划) before its end, no clause mark — not a sentence opening a text.
bool report_title(const code_points& cps, std::size_t k) {
    const auto title_word = [&](std::size_t i) {
        return starts_with(cps, i, U"总结") || starts_with(cps, i, U"报告") || starts_with(cps, i, U"工作") ||
               starts_with(cps, i, U"情况") || starts_with(cps, i, U"计划") ||
               // a bulletin's (2025年5月科技统计月报): its 本年 is January to its month (this_year_at)
               starts_with_any(cps, i, U"月报", U"季报", U"简报", U"快报", U"通报", U"公报");
    };
    // the year closing its title in brackets: 政府工作报告（2026年）
    if (k > 0 && is_open_paren(cps[k - 1].c))
        for (std::size_t i = k - 1; i > 0 && cps[i - 1].c != '\n' && !clause_end(cps[i - 1].c); --i)
            if (title_word(i - 1)) return true;
    for (; k < cps.size() && cps[k].c != '\n' && cps[k].c != '\r'; ++k) {
        if (clause_end(cps[k].c)) return false;
        if (title_word(k)) return true;
    }
    // a title split over two lines (某市2026年政府⏎工作报告): the short line after it ends the title
    if (k < cps.size() && cps[k].c == '\r') ++k;
    if (k >= cps.size() || cps[k].c != '\n') return false;
    for (std::size_t j = k + 1; j < cps.size() && j <= k + 24 && cps[j].c != '\n' && cps[j].c != '\r'; ++j) {
        if (clause_end(cps[j].c)) return false;
        if (title_word(j)) return true;
    }
    return false;
}

// A bulletin's issue line, "（2026年第3期）" or "（2026年）" on a line of its own, the year at k (n code
// points): the year of the report as a title's is (the caller: before any figure, no title year).
// Any other year in a parenthesis is named in passing and holds to its close (stated_period_end).
bool issue_line(const code_points& cps, std::size_t k, std::size_t n) {
    std::size_t open = k;
    while (open > 0 && is_blank(cps[open - 1].c)) --open;
    if (open == 0 || !is_open_paren(cps[open - 1].c)) return false;
    for (std::size_t j = open - 1; j > 0 && cps[j - 1].c != '\n' && cps[j - 1].c != '\r'; --j)
        if (!is_blank(cps[j - 1].c) && cps[j - 1].c != U'\u3000') return false;
    std::size_t j = k + n;
    while (j < cps.size() &&
           (is_digit(cps[j].c) || chinese_digit(cps[j].c) >= 0 || one_of(cps[j].c, U"第期号总 \u3000")))
        ++j;
    if (j >= cps.size() || !is_close_paren(cps[j].c)) return false;
    for (++j; j < cps.size() && cps[j].c != '\n' && cps[j].c != '\r'; ++j)
        if (!is_blank(cps[j].c) && cps[j].c != U'\u3000') return false;
    return true;
}

// Code points [b, e) are only what periods are written with (2026年第三季度, 2026年1-9月, 上半年).
bool period_word_run(const code_points& cps, std::size_t b, std::size_t e) {
    for (std::size_t j = b; j < e; ++j)
        if (!is_digit(cps[j].c) && chinese_digit(cps[j].c) < 0 && !is_blank(cps[j].c) &&
            !one_of(cps[j].c, U"年月季度第上下半前后全至到-—－~～"))
            return false;
    return e > b;
}

// A line that is only a period in brackets, the period at k: "（2026年第三季度）", "（2026年1-9月）" under a
// bulletin's title dates the report as a title's period does (the caller: before any figure).
bool dated_line(const code_points& cps, std::size_t k) {
    std::size_t open = k;
    while (open > 0 && !is_open_paren(cps[open - 1].c) && k - open < 12 && !one_of(cps[open - 1].c, U"\n\r")) --open;
    if (open == 0 || !is_open_paren(cps[open - 1].c)) return false;
    for (std::size_t j = open - 1; j > 0 && cps[j - 1].c != '\n' && cps[j - 1].c != '\r'; --j)
        if (!is_blank(cps[j - 1].c) && cps[j - 1].c != U'\u3000') return false;
    std::size_t j = k;
    while (j < cps.size() && j - k < 16 && !is_close_paren(cps[j].c) && !clause_end(cps[j].c) &&
           !one_of(cps[j].c, U"。\n\r"))
        ++j;
    if (j >= cps.size() || !is_close_paren(cps[j].c) || !period_word_run(cps, open, j)) return false;
    for (++j; j < cps.size() && cps[j].c != '\n' && cps[j].c != '\r'; ++j)
        if (!is_blank(cps[j].c) && cps[j].c != U'\u3000') return false;
    return true;
}

// The code point after the sentence of a target or a plan at k: 。！？, a line break or the chunk's
// end — not ；, which only splits what a target sentence lists ("力争…20家；技术合同成交额达到8亿元").
std::size_t target_sentence_end(const code_points& cps, std::size_t k) {
    while (k < cps.size() && (!one_of(cps[k].c, U"。！？!?\n\r") || break_inside_figure(cps, k))) ++k;
    return k;
}

// 到2027年 / 至2030年底 stated before code point `first` in its sentence, `year` being the figure's:
// "到2027年，全省高新技术企业达到1.5万家" (or 全省…到2027年突破…) in a report of an earlier year is a plan,
// as 力争 and 明年 are (trial33 15), when a verb of reaching stands in the figure's clause. Not a
// span (2020年至2025年, 从2020年到2025年) nor a change's end (由…提高到2027年的…), nor a level already
// reached (到2027年已达到…).
bool reached_by_year_at(const code_points& cps, std::size_t first, int year) {
    std::size_t sentence = first;
    while (sentence > 0 && first - sentence < 160 && !one_of(cps[sentence - 1].c, U"。！？!?\n")) --sentence;
    std::size_t clause = first;
    while (clause > sentence && !clause_end(cps[clause - 1].c)) --clause;
    bool by_year = false;
    for (std::size_t j = sentence; j + 5 < first && !by_year; ++j) {
        if ((cps[j].c != U'到' && cps[j].c != U'至') || cps[j + 5].c != U'年') continue;
        int y = 0;
        for (std::size_t d = j + 1; d < j + 5 && y >= 0; ++d)
            y = is_digit(cps[d].c) ? y * 10 + static_cast<int>(cps[d].c - '0') : -1;
        if (y != year) continue;
        // 2020年至2025年, 从2020年到2025年: a span; 由2020年的1.86%提高到2025年的2.52%: a change's end
        if ((j > 0 && one_of(cps[j - 1].c, U"年月底末")) || cps[j + 6].c == U'的') continue;  // j + 6 <= first
        std::size_t from = j;
        while (from > sentence && !clause_end(cps[from - 1].c) && !one_of(cps[from - 1].c, U"从由")) --from;
        by_year = from == sentence || clause_end(cps[from - 1].c);
    }
    if (!by_year) return false;
    for (std::size_t k = sentence; k < first; ++k)
        if (cps[k].c == U'已') return false;                         // 到2027年已达到: so far, no plan
    for (std::size_t k = clause; k <= first && k < cps.size(); ++k)  // 突破, 超过 may open the figure itself
        if (cps[k].c == U'达' || starts_with_any(cps, k, U"突破", U"超过", U"增至", U"提高到", U"提升到") ||
            starts_with_any(cps, k, U"增长到", U"增加到", U"力争", U"争取", U"实现", U"建成"))
            return true;
    return false;
}

// The characters at which a period, a document number, an empty number slot or a number may
// start (period_at, document_number_at, empty_slot_at, number_at return nothing elsewhere): the
// scan steps over every other character with one bitmap test.
constexpr std::u32string_view starts_of_interest =
    U"0123456789xX*\uFF0A%[〔【（("
    U"上下全前截去过明今本当未年十拾百佰千仟万亿廿卅零〇一壹二两贰三叁四肆五伍六陆七柒八捌九玖项件家名人个\n";
// list_marker (periods.hpp) answers "no marker" for a line whose first code point has no cc_interest bit: every
// first character of a marker is a start of interest.
constexpr bool starts_every_list_marker() {
    for (const char32_t c : std::u32string_view(U"0123456789（(十一壹二两贰三叁四肆五伍六陆七柒八捌九玖"))
        if (starts_of_interest.find(c) == std::u32string_view::npos) return false;
    return true;
}
static_assert(starts_every_list_marker(), "a list marker's first character must be a start of interest");
// Most code points are neither a clause mark nor the first character of a target word
// (fact_builder::target_before()).
constexpr std::u32string_view target_stops = U"力预确争目计拟将要明任以十过近来间;!?,\n\r。；！？，";
constexpr std::u32string_view distinction_starts = U"应需须已拨兑发支申立获批授累总新认组挂备入现拥共有全今当本目截即";
constexpr std::u32string_view denial_starts = U"未没无平每最失注";  // negation_at, part_or_lapse_at
bool cell_rule(char32_t c);

const std::uint8_t* char_classes() {
    static const std::array<std::uint8_t, 0x10000> table = [] {
        std::array<std::uint8_t, 0x10000> t{};
        for (char32_t c : starts_of_interest) t[c] |= cc_interest;
        for (char32_t c = 0; c < 0x10000; ++c)
            if (clause_end(c)) t[c] |= cc_clause_end;
        for (char32_t c : target_stops) t[c] |= cc_target_stop;
        for (char32_t c : distinction_starts) t[c] |= cc_distinction;
        for (char32_t c : denial_starts) t[c] |= cc_denial;
        for (char32_t c = 0; c < 0x10000; ++c)
            if (clause_end(c) || c == ' ' || c == '\t' || cell_rule(c) || c == U'：' || c == ':' || c == U'、')
                t[c] |= cc_line_stop;
        return t;
    }();
    return table.data();
}

// A range: 5%—10%, 5-10%, 5至10% — the second number joins the first.
void extend_to_range(std::string_view text, const code_points& cps, scanned& s) {
    if (s.last + 1 >= cps.size() || !is_dash(cps[s.last].c)) return;
    scanned second;
    bool second_date = false;
    // 5亿—10亿元, 5万至10万元: the multiplier on both sides, the rest of the unit once.
    const bool shared_multiplier = (s.q.unit == "万" || s.q.unit == "亿");
    if (number_at(text, cps, s.last + 1, second, second_date) &&
        (second.q.unit == s.q.unit || s.q.unit.empty() ||
         (shared_multiplier && second.q.unit.compare(0, s.q.unit.size(), s.q.unit) == 0))) {
        s.q.high = second.q.value;
        s.q.unit = second.q.unit;
        s.q.range = true;
        s.q.masked |= second.q.masked;
        s.last = second.last;
    }
}

// The title is the text before the first line break that follows some text.
struct title_tracker {
    bool in_title = true, any_text = false;
    std::size_t visited = 0;  // the code points before it have updated the two flags
    void advance(const code_points& cps, std::size_t k) {
        if (!in_title) {  // it never starts again: nothing left to watch
            visited = std::max(visited, k);
            return;
        }
        for (; visited < k; ++visited) {
            const char32_t c = cps[visited].c;
            if (c == '\n' && any_text) in_title = false;
            if (is_ideograph(c)) any_text = true;
        }
    }
    // The rest of a chunk, before the next one.
    void finish(const code_points& cps) {
        advance(cps, cps.size());
        visited = 0;
    }
};

// What reading a text carries from one chunk to the next.
struct scan_state {
    period_state period;
    title_tracker title;
    // In a sentence about the year before: the period state to go back to where it ends.
    std::optional<period_state> after_prior;
    std::size_t prior_ends = 0;  // code point of the chunk where that sentence ends
    // In a sentence with a target's period (2025年，力争…): the period state to go back to where it ends.
    std::optional<period_state> after_target;
    std::size_t target_ends = 0;
    // After the starting point of a change (由2023年的120家增加到…): the period state to go back to at its 到.
    std::optional<period_state> after_start;
    std::size_t start_ends = 0;
    // A table turned into lines ("指标名称 单位 2023年 2022年 增长%", then a row a line): its columns
    // while rows follow, empty otherwise.
    struct column {
        // current: 本期/完成 (the period in force); prior: 上年同期; target: 全年目标/计划; rate:
        // 完成率% (a rate of the row, never its count).
        enum class kind : std::uint8_t {
            name,
            unit,
            period,
            growth,
            current,
            prior,
            target,
            rate,
            other
        } what = kind::name;
        const std::string* period = nullptr;  // into `labels`
        const std::string* unit = nullptr;    // of its cells, named in its label (金额（万元）): into `labels`
        // A table with a row per area (县（市、区） 专利授权量（件） …): the column's label without its unit,
        // which names the variable of its cells (into `labels`); nullptr in other tables.
        const std::string* heading = nullptr;
        // Under 单位：万元、%, a column of neither an amount nor a share (劳动生产率, 人均…): the line gives it no
        // unit, and its cells are read with none (a finding says so), never the amount's.
        bool no_unit = false;
        // A rank (排名, 位次, 名次…) of a table by area: no quantity of the area; its cells are left (round 38).
        bool rank = false;
    };
    std::vector<column> table;
    bool table_readable = false;  // every column is one table_line() knows
    bool table_numbered = false;  // a 序号 column first: each row's leading number is no figure
    bool header_line = false;     // the line before was the table's header (or its wrapped part)
    // The columns of the table a line that is no row ended (0: none, or a line since that is no row of
    // its shape): a row of that shape after it is flagged (table_row), never read as prose unsaid.
    std::size_t ended_columns = 0;
    std::deque<std::string> labels;  // the periods of columns (deque: facts view them)
    bool line_start = true;          // the chunk starts a line
    // Under a heading of plans with a period (二、2026年工作打算): its list marker's kind, -1 when
    // not; after_target is restored at the next line with a marker of that kind.
    int plan_kind = -1;
    // A period stated inside such a section (力争全年…) holds to the end of its sentence: the
    // section's period state to go back to there.
    std::optional<period_state> after_plan_sentence;
    std::size_t plan_sentence_ends = 0;
    bool any_figure = false;  // a quantity was read: a plan heading without a marker is no title now
    // The year of the report's title (0: none stated), and a paragraph about an earlier year
    // (2024年全市R&D经费投入… in a 2025 report): the state to go back to where its line ends.
    int title_year = 0;
    int dateline_month = 0;  // a news report's dateline with no year (2月5日): its month, to its first year
    std::optional<period_state> after_line;
    std::size_t line_ends = 0;
    // A heading that states the unit of what follows (二、科技经费投入情况（万元）, （单位：万元）): the
    // unit of the bare figures under it, to the next heading of its rank (its marker's kind).
    std::string heading_unit;
    int heading_unit_kind = 0;
    // A table takes a stated unit only from the lines right above its header ("表1 …（单位：万元）", then
    // the header): lines since heading_unit was stated, and the unit the table in force took from it.
    // A later table under the same heading, after prose, states its own or has none.
    std::size_t lines_since_unit = 0;
    std::string table_unit;
    // What a line ending with a unit in brackets replaced (heading_unit_at): restored when that line is a table's
    // header, whose last column the unit is (县（市、区） 研发经费支出 专利授权量（件）: no heading's 件; round 37).
    std::string replaced_unit;
    int replaced_unit_kind = 0;
    std::size_t replaced_lines_since_unit = 0;
    // "单位：亿元、%" a line of its own (units_line): the units it lists, and the lines since, for a header
    // right under it; inside a table in force, it states the unit of the rows' figures from there on.
    std::vector<std::string> listed_units;
    std::size_t lines_since_listed_units = 3;
    // Periods listed before 分别 (2024年、2025年…分别为120亿元和150亿元): the figures after it, each with
    // the period of its place in the list ("" for all when the counts differ), handed to the periods as
    // the walk reaches each (code points of the text; `at` the local period's place, before the figure).
    struct paired_figure {
        std::size_t first, at;
        std::string period;
    };
    std::vector<paired_figure> paired;
    std::size_t paired_next = 0;  // paired[paired_next] is the next figure to reach
    bool pairing = false;         // some are still to reach
    // The text and the findings of the call (table_line sets them at each line): for a finding made
    // at a start of interest, where the walk hands out no findings.
    std::string_view text;
    std::vector<report_finding>* findings = nullptr;
};

// Where a statement about the year before at k (n code points: 上年同期, 2023年同期) stops governing:
// the end of its parenthesis ("（2023年同期0.9亿元）"), of its clause when it opens one inside a
// sentence ("…1.2亿元，去年同期为0.9亿元，专利授权量326件": not 326件), else of its sentence
// ("上年同期，全市…").
std::size_t prior_scope_end(const code_points& cps, std::size_t k, std::size_t n) {
    const std::size_t sentence = sentence_end_after(cps, k);
    if (k == 0) return sentence;
    if (const std::size_t to = start_point_end(cps, k, n)) return to;  // 由上年同期的…增加到
    const char32_t before = cps[k - 1].c;
    if (is_open_paren(before)) {
        std::size_t j = k + n;
        while (j < sentence && !is_close_paren(cps[j].c)) ++j;
        return j;
    }
    const bool opens_sentence = k + n < cps.size() && (cps[k + n].c == U'，' || cps[k + n].c == ',');
    if ((before == U'，' || before == ',') && !opens_sentence) {
        std::size_t j = k + n;
        while (j < sentence && !clause_end(cps[j].c)) ++j;
        return j;
    }
    return sentence;
}

// A sentence about the year before begins at k (prior_year_at): its figures take the prior year
// of the governing period (or of the year, at 上年末), or no period when none governs — never the
// governing one. The state in force before comes back where the sentence ends.
void enter_prior_year(const code_points& cps, std::size_t k, std::size_t n, bool same_span, scan_state& carried,
                      std::deque<stated_period>* periods) {
    period_state& state = carried.period;
    if (state.prior || carried.after_prior) return;  // 上年同期…上年: still the same year before
    carried.after_prior = state, carried.prior_ends = prior_scope_end(cps, k, n);
    // 去年 in a report its head dates is the year before that date, whatever year a section is about
    // (一、2025年工作回顾 of a 2026 work report; a 2025 press conference held in 2026: its own year)
    if (!same_span && cps[k].c == U'去' && state.dated_year) {
        state.year = state.dated_year - 1, state.current = period::year(state.year);
        state.prior = state.year < (state.title_year ? state.title_year : state.dated_year);
        if (periods) periods->push_back({cps.base() + k, state.current->to_string(), false, state.prior});
        return;
    }
    state.prior = true;
    try {
        // 上年同期: the same span a year earlier; 上年 / 去年 / 上年末 / 上年度: the year before.
        if (state.current) state.current = same_span ? state.current->prior_year() : period::year(state.year - 1);
    } catch (const error&) {
        state.current.reset();
    }
    if (state.year) --state.year;
    if (periods)
        periods->push_back({cps.base() + k, state.current ? state.current->to_string() : std::string(), false, true});
}

// The figures after 分别 in the clauses of the sentence from `from` on (分别为120亿元和150亿元，同比分别增长8%、
// 12%: each clause's own list): their first code point and the one after their digits. A run of digits
// followed by 年 is a period, not a figure. False when a clause has figures before its 分别 or none after it
// (what the list of periods pairs with is then unclear).
// A character of a figure's number: a digit or a Chinese numeral (not 点, which only joins them).
inline bool figure_char(char32_t c) { return is_digit(c) || (is_chinese_numeral(c) && c != U'点'); }

bool figures_after_respectively(const code_points& cps, std::size_t from,
                                std::vector<std::pair<std::size_t, std::size_t>>& figures) {
    std::size_t j = from;
    while (j < cps.size() && !one_of(cps[j].c, U"。！？；;!?\n\r")) {
        std::size_t clause = j;
        while (j < cps.size() && !clause_end(cps[j].c) && !starts_with(cps, j, U"分别")) {
            if (is_digit(cps[j].c)) return !figures.empty();  // a figure before 分别: this clause is no list's
            ++j;
        }
        if (j >= cps.size() || clause_end(cps[j].c)) {
            if (j == clause || figures.empty()) return !figures.empty();
            if (j < cps.size() && one_of(cps[j].c, U"。！？；;!?\n\r")) break;
            ++j;
            continue;  // a clause without 分别 nor figures (…分别为120亿元，均创历史新高，…)
        }
        const std::size_t before = figures.size();
        for (j += 2; j < cps.size() && !clause_end(cps[j].c);) {
            if (cps[j].c == U'（' || cps[j].c == '(') {  // an aside (见表1) holds no figure of the list
                while (j < cps.size() && cps[j].c != U'）' && cps[j].c != ')' && !clause_end(cps[j].c)) ++j;
                continue;
            }
            if (!figure_char(cps[j].c)) {
                ++j;
                continue;
            }
            const std::size_t first = j;
            // a figure in Chinese numerals (一百二十亿元) is one too, and a range (120-130亿元) one figure
            for (;;) {
                while (j < cps.size() && (figure_char(cps[j].c) || cps[j].c == '.' || cps[j].c == ',')) ++j;
                if (j + 1 < cps.size() &&
                    (is_dash(cps[j].c) || cps[j].c == '~' || cps[j].c == U'～' || cps[j].c == U'至') &&
                    figure_char(cps[j + 1].c))
                    ++j;
                else
                    break;
            }
            if (j < cps.size() && cps[j].c == U'年') continue;  // a period
            figures.emplace_back(first, j);
        }
        if (figures.size() == before) return false;
        if (j < cps.size()) ++j;
        if (j > 0 && one_of(cps[j - 1].c, U"。！？；;!?\n\r")) break;
    }
    return !figures.empty();
}

// A list of two or more years at k (2024年、2025年, 2023年和2024年, 2023、2024年度) whose sentence goes on to
// 分别 with no figure between: the figures after 分别, one a year in the order listed, take their year as
// a local period (stated_period::local: of their own clause only); when the counts differ, none takes
// one and a finding `respectively` says so — never the last year for all of them, nor a wrong pairing.
// An enumeration between the list and 分别 (技术合同成交额和登记额分别为…) is what 分别 pairs with: the
// years cannot be paired either.
[[gnu::noinline]] void respectively_list_at(const code_points& cps, std::size_t k, scan_state& carried) {
    if (cps[k + 4].c == U'年' && !one_of(cps[k + 5].c, U"、和及与度")) return;  // (k + 6 < cps.size())
    std::vector<int> years;
    std::size_t j = k;
    bool last_has_year = false;
    for (int y; (y = four_digit_year_at(cps, j)) != 0;) {
        years.push_back(y), j += 4;
        last_has_year = j < cps.size() && cps[j].c == U'年';
        if (last_has_year) j += (j + 1 < cps.size() && cps[j + 1].c == U'度') ? 2 : 1;
        if (j + 1 >= cps.size() || !one_of(cps[j].c, U"、和及与") || !is_digit(cps[j + 1].c)) break;
        ++j;
    }
    if (years.size() < 2 || !last_has_year) return;
    // 2024年、2025年一季度…分别: the quarter may be the last year's alone or each year's — not said (review 35)
    const bool part = starts_with_any(cps, j, U"一季度", U"二季度", U"三季度", U"四季度", U"第一季度", U"第二季度",
                                      U"第三季度", U"第四季度", U"上半年", U"下半年", U"前三季度");
    bool enumeration = false;
    std::size_t r = j;
    for (; r < cps.size() && r - j < 60 && !starts_with(cps, r, U"分别"); ++r) {
        if (is_digit(cps[r].c) || one_of(cps[r].c, U"。！？；;!?\n\r")) return;
        enumeration |= one_of(cps[r].c, U"、和及与");  // 研发经费与技术合同成交额分别为…: things listed, not years
    }
    if (r >= cps.size() || r - j >= 60) return;
    std::vector<std::pair<std::size_t, std::size_t>> figures;
    if (!figures_after_respectively(cps, r, figures)) return;
    // each clause after 分别 lists its own figures: a year for each of them in every clause
    // where each figure's local period is stated: after the figure before it in its clause, else after
    // its clause's start (the period is of that clause only)
    std::vector<std::size_t> at(figures.size(), r);
    std::size_t in_clause = 0;
    bool paired = !enumeration && !part;
    for (std::size_t i = 0; i < figures.size(); ++i) {
        if (i > 0) at[i] = figures[i - 1].second;
        for (std::size_t c = i > 0 ? figures[i - 1].second : r; c < figures[i].first; ++c)
            if (clause_end(cps[c].c)) at[i] = c + 1;
        if (i > 0 && at[i] != figures[i - 1].second) paired = paired && in_clause == years.size(), in_clause = 0;
        ++in_clause;
    }
    paired = paired && in_clause == years.size();
    carried.paired.clear(), carried.paired_next = 0, carried.pairing = true;
    const std::size_t base = cps.base();
    for (std::size_t i = 0; i < figures.size(); ++i)
        carried.paired.push_back(
            {base + figures[i].first, base + at[i], paired ? std::to_string(years[i % years.size()]) : std::string()});
    if (!paired && carried.findings)
        carried.findings->push_back(make_finding(
            carried.text, cps, k, figures.back().second, "respectively",
            enumeration ? "periods listed before 分别 with an enumeration between: 分别 may pair the figures with "
                          "the things enumerated or with the periods; the figures after it are given no period"
            : part ? "years listed before 分别 with a part of a year after the last (一季度, 上半年…): whether it is "
                     "each year's or the last's is not said; the figures after it are given no period"
                   : "periods listed before 分别 and the figures after it are not as many: not paired, the "
                     "figures after it are given no period"));
}

// The next figure of a list after 分别 reached at code point k: its period stated (local) just before it.
[[gnu::noinline]] void hand_out_paired(const code_points& cps, std::size_t k, scan_state& carried,
                                       std::deque<stated_period>* periods) {
    for (; carried.paired_next < carried.paired.size() && cps.base() + k >= carried.paired[carried.paired_next].first;
         ++carried.paired_next) {
        scan_state::paired_figure& f = carried.paired[carried.paired_next];
        if (periods) periods->push_back({f.at, std::move(f.period), true});
    }
    carried.pairing = carried.paired_next < carried.paired.size();
}

// Asked at every start of interest: a figure of a list after 分别 reached, or a list of years starting
// (four digits and 年 or 、, then 、和及与 or 度): the tests in line, the work out of it.
[[gnu::always_inline]] inline void pair_respectively_at(const code_points& cps, std::size_t k, scan_state& carried,
                                                        std::deque<stated_period>* periods) {
    if (k >= cps.size()) return;
    if (carried.pairing) [[unlikely]] {  // a figure of the list, in digits or Chinese numerals (一百二十亿元)
        if (figure_char(cps[k].c)) hand_out_paired(cps, k, carried, periods);
        return;
    }
    // (a list starts at a digit: most starts of interest are ideographs, one test each)
    if (!is_digit(cps[k].c)) [[likely]]
        return;
    if (k + 6 < cps.size() && (cps[k + 4].c == U'年' || cps[k + 4].c == U'、')) [[unlikely]]
        respectively_list_at(cps, k, carried);
}

// The period state before a sentence about the year before, once code point k is past its end.
// The walk asks this and restore_saved_period at every start of interest, and almost always nothing
// is due: the test is in line (~15 instructions of a call's entry and exit each), the work out of it.
[[gnu::noinline]] void put_back_prior_year(const code_points& cps, scan_state& carried,
                                           std::deque<stated_period>* periods) {
    carried.period = *carried.after_prior;
    carried.after_prior.reset();
    const std::optional<period>& p = carried.period.current;
    if (periods) periods->push_back({cps.base() + carried.prior_ends, p ? p->to_string() : std::string(), false});
}
[[gnu::always_inline]] inline void leave_prior_year(const code_points& cps, std::size_t k, scan_state& carried,
                                                    std::deque<stated_period>* periods) {
    if (carried.after_prior && k >= carried.prior_ends) put_back_prior_year(cps, carried, periods);
    // (the walk's hook at every start of interest, before a figure is read: the list after 分别 too)
    pair_respectively_at(cps, k, carried, periods);
}

// The period state saved before a target's sentence or the starting point of a change, back in
// force once code point k reaches `ends` (the sentence's end, the change's 到/至).
[[gnu::noinline]] void put_back_saved_period(const code_points& cps, std::optional<period_state>& saved,
                                             std::size_t ends, scan_state& carried,
                                             std::deque<stated_period>* periods) {
    carried.period = *saved;
    saved.reset();
    const std::optional<period>& p = carried.period.current;
    if (periods)
        periods->push_back({cps.base() + ends, p ? p->to_string() : std::string(), false, carried.period.prior});
}
[[gnu::always_inline]] inline void restore_saved_period(const code_points& cps, std::size_t k,
                                                        std::optional<period_state>& saved, std::size_t ends,
                                                        scan_state& carried, std::deque<stated_period>* periods) {
    if (saved && k >= ends) put_back_saved_period(cps, saved, ends, carried, periods);
}

// A line at k opens the next item of the list of a heading of plans (the kind of its marker,
// 0 for none: then 一、): the plans end there.
void end_of_plans(const code_points& cps, std::size_t k, scan_state& carried, std::deque<stated_period>* periods) {
    std::size_t after = 0;
    if (carried.plan_kind < 0 || list_marker(cps, k, after) != (carried.plan_kind ? carried.plan_kind : 1)) return;
    carried.plan_kind = -1;
    restore_saved_period(cps, k, carried.after_plan_sentence, k, carried, periods);
    restore_saved_period(cps, k, carried.after_target, k, carried, periods);
}

}  // namespace
}  // namespace zhibiao
