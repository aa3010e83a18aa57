#pragma once
// Layer 7: the walk over a chunk (scan). Takes code points and the carried scan_state and hands every
// quantity (quantity_at) to a sink, with the periods stated on the way; the one place where the
// number, period, damage and table layers meet, called once a chunk.
#include "extract/lines.hpp"

namespace zhibiao {
namespace {

// The first character each reader of a start of interest needs (each reader tests it again), tested in
// line before its call: the calls' entries and exits were ~15 instructions each at every one of the
// ~140,000 starts of interest a call on the bench text, most of them a figure's first digit.
bool opens_prior_year(char32_t c) { return c == U'上' || c == U'去'; }  // 上年, 去年
// 2023年同期: four digits and 年 (most figures' digits end before their fifth code point).
bool opens_year_same_span(const code_points& cps, std::size_t k) {
    return is_digit(cps[k].c) && k + 4 < cps.size() && cps[k + 4].c == U'年';
}
bool opens_document_number(char32_t c) { return is_open_paren(c) || is_open_bracket(c); }
bool opens_empty_slot(char32_t c) {
    return c == '%' || c == U'项' || c == U'件' || c == U'家' || c == U'名' || c == U'万' || c == U'亿' || c == U'人' ||
           c == U'个' || c == U'百';
}

// What phone_number_at needs before the digits at k: an area code's 0, or a blank, a colon or the last
// character of 电话/手机/传真/热线/号码 right before them (most figures follow another character).
bool may_open_phone_number(const code_points& cps, std::size_t k) {
    if (cps[k].c == '0' || k == 0) return true;
    const char32_t c = cps[k - 1].c;
    return is_blank(c) || c == ':' || c == U'：' || one_of(c, U"话机真线码");
}

// What a contact code or an address (contact_code_at, address_end) needs before the digits at k: an
// ASCII character (a blank, a colon, a letter, @) or the last character of a label (热线, 邮编, QQ群…).
bool may_open_contact_code(const code_points& cps, std::size_t k) {
    if (k == 0) return false;
    const char32_t c = cps[k - 1].c;
    return (c < 0x80 && c != '\n' && c != '\r') || c == U'：' || one_of(c, U"线话码编群号箱");
}

// The code point after a contact code or an address with digits at k, 0 if there is none.
std::size_t contact_code_end(const code_points& cps, std::size_t k) {
    if (const std::size_t n = contact_code_at(cps, k)) return k + n;
    return address_end(cps, k);
}

// 届 right before k or before the body it names there (十四届人大三次, 届全国人大三次: at most four
// ideographs, none of 以来, 每 or 共: 本届以来共召开三次会议 counts meetings); not 每届 (每届三次培训
// counts a term's trainings).
bool term_before(const code_points& cps, std::size_t k) {
    for (std::size_t b = k; b > 0 && k - b <= 4; --b) {
        const char32_t c = cps[b - 1].c;
        if (c == U'届') return b < 2 || cps[b - 2].c != U'每';
        if (!is_ideograph(c) || one_of(c, U"以来每共")) return false;
    }
    return false;
}

// 十三届三次、四次全会, 十四届人大三次会议: a plenum or a congress's session named by its order after
// 届, not a count of 次 — right after 届, before 全会 (across a list 三次、四次), or before 会议 with 届
// and the body's name just before (召开三次会议 with no 届 counts meetings).
bool session_ordinal(const code_points& cps, std::size_t k, const scanned& s) {
    if (s.q.unit != "次") return false;
    if (k > 0 && cps[k - 1].c == U'届') return term_before(cps, k);
    std::size_t j = s.last;
    while (j < cps.size() &&
           (cps[j].c == U'、' || cps[j].c == U'次' || cps[j].c == U'十' || chinese_digit(cps[j].c) >= 0))
        ++j;
    if (starts_with(cps, j, U"全会") || starts_with(cps, j, U"全体会议")) return true;
    return starts_with(cps, j, U"会议") && term_before(cps, k);
}

// "**项目管理**", "*万人计划*": markdown emphasis on a word that opens with a measure word, not a
// masked figure (申报高企**家(其中新认定**家 are masks) — a star-only mask closed on its line, after
// at most 12 ideographs, by a run of as many stars with no unit after it; or whose measure word
// opens a word (项目, 家庭: the not_before of the empty slot's words).
bool emphasis_not_mask(std::string_view text, const code_points& cps, std::size_t k, const scanned& s) {
    if (cps[k].c != '*') return false;
    const std::size_t open_end = star_run_end(cps, k);
    if (open_end >= s.last || is_digit(cps[open_end].c) || cps[open_end].c == '.') return false;
    std::size_t j = open_end;
    while (j < cps.size() && j - open_end < 12 && is_ideograph(cps[j].c)) ++j;
    const std::size_t close_end = star_run_end(cps, j);
    if (j > open_end && close_end - j == open_end - k && !unit_follows(text, cps, close_end)) return true;
    for (const auto& w : slot_words) {
        const std::size_t after = open_end + w.word.size();
        if (starts_with(cps, open_end, w.word) && after < cps.size() && one_of(cps[after].c, w.not_before)) return true;
    }
    return false;
}

// A quantity at k (a number with its range and qualifiers, or an empty slot), handed to `sink`;
// returns the code point to go on from.
// A Chinese numeral with its measure word that is part of a word, not a figure (number_at read
// it, s.last its end): a name in quotation marks (“两个确保”, 《三年行动》); a slogan of numbered
// items (三个一批, 一家一策, 一件事一次办: a 一 right after the measure word, or after the one character
// 一X counts); 一 + measure word + 性 (一次性); and 一 with a measure word before a word when no
// count verb stands before it — the indefinite article (一个时期, 一项重要举措, 一个重要抓手), where
// "新增一家国家级孵化器" counts (新增) and "孵化器一家。" ends its clause.
bool numeral_in_a_word(const code_points& cps, std::size_t k, const scanned& s) {
    const char32_t c = cps[k].c;
    if (is_digit(c) || is_mask(c)) return false;
    if (session_ordinal(cps, k, s)) return true;
    if (k > 0 && one_of(cps[k - 1].c, U"“‘「『《\"'")) return true;
    const std::size_t i = s.last;
    if (i >= cps.size() || s.q.unit.empty()) return false;
    const std::string& u = s.q.unit;
    if (u.find("元") != std::string::npos || u == "%" || u == "‰" || u == "倍") return false;
    if (cps[i].c == U'一') return true;
    if (c != U'一' || is_chinese_numeral(cps[k + 1].c) || !is_ideograph(cps[i].c)) return false;
    if (cps[i].c == U'性' || (i + 1 < cps.size() && cps[i + 1].c == U'一')) return true;
    return !count_verb_before(cps, k);
}

// The end of a ratio whose first number is `s` (按1:1配套, 3:2:1), 0 if it is none: numbers with a
// unit (2024:326件) are figures of their own. A year and a colon (专利授权量（件）2024:326，2025:358)
// label the number after it: the year's end, no figure (round 27b).
std::size_t ratio_at(std::string_view text, const code_points& cps, const scanned& s) {
    if (!s.q.unit.empty()) return 0;
    const std::size_t end = ratio_end(cps, s.last);
    if (!end) return 0;
    if (s.last - s.first == 4 && s.q.value >= 1900 && s.q.value <= 2100) return s.last;
    std::size_t last = end;
    while (last > s.last && (is_digit(cps[last - 1].c) || cps[last - 1].c == U'.')) --last;
    scanned last_number;
    bool date = false;
    return number_at(text, cps, last, last_number, date) && !last_number.q.unit.empty() ? 0 : end;
}

// The end of a time of day after a date's end (2023-03-20 09:30, 09:30:15), the date's end if none.
std::size_t time_after_date(const code_points& cps, std::size_t end) {
    std::size_t j = end;
    while (j < cps.size() && j - end < 2 && is_blank(cps[j].c)) ++j;
    const std::size_t time = j > end ? time_of_day_at(cps, j) : 0;
    return time ? j + time : end;
}

// Most figures are none of page_data_at's: the code point before them or their fifth tells at once.
bool may_be_page_data(const code_points& cps, std::size_t k) {
    const char32_t before = k > 0 ? cps[k - 1].c : 0;
    return before == ':' || before == U'：' || before == '[' || before == U'［' || is_blank(before) ||
           (k + 4 < cps.size() && (cps[k + 4].c == '-' || cps[k + 4].c == '/'));
}

// What a web page prints around a report, not its figures, at k (a digit): a date written with
// dashes or slashes (2023-03-20, 2023/3/20), a reader count (浏览量:1, 阅读次数：35) and a
// footnote's number in brackets ("120亿元[49]"). Its length, 0 if none.
std::size_t page_data_at(const code_points& cps, std::size_t k) {
    const auto digits_end = [&](std::size_t j, std::size_t most) {
        const std::size_t from = j;
        while (j < cps.size() && is_digit(cps[j].c) && j - from < most) ++j;
        return j;
    };
    const char32_t before = k > 0 ? cps[k - 1].c : 0;
    const bool dated = k + 4 < cps.size() && (cps[k + 4].c == '-' || cps[k + 4].c == '/');
    if (dated && digits_end(k, 4) == k + 4) {  // a date with no 年 is no period a report states
        const char32_t sep = cps[k + 4].c;
        const std::size_t month = digits_end(k + 5, 2);
        if (month > k + 5 && month < cps.size() && cps[month].c == sep) {
            const std::size_t day = digits_end(month + 1, 2);
            if (day > month + 1 && (day >= cps.size() || !is_digit(cps[day].c))) return time_after_date(cps, day) - k;
        }
    }
    if (before == '[' || before == U'［') {
        const std::size_t end = digits_end(k, 4);
        return end - k <= 3 && end < cps.size() && (cps[end].c == ']' || cps[end].c == U'］') ? end - k + 1 : 0;
    }
    if (before != ':' && before != U'：' && !is_blank(before)) return 0;
    std::size_t b = k;
    while (b > 0 && (is_blank(cps[b - 1].c) || cps[b - 1].c == ':' || cps[b - 1].c == U'：')) --b;
    const bool counter = ends_with(cps, b, U"浏览量") || ends_with(cps, b, U"阅读量") || ends_with(cps, b, U"点击量") ||
                         ends_with(cps, b, U"访问量") || ends_with(cps, b, U"浏览次数") ||
                         ends_with(cps, b, U"阅读次数");
    if (!counter) return 0;
    // 浏览量：35 | 来源, 阅读次数：35⏎: the page's counter; 浏览量：35万人次 is a figure
    const std::size_t end = digits_end(k, 16);
    return end >= cps.size() || is_blank(cps[end].c) || one_of(cps[end].c, U"\r\n|/,;") ? end - k : 0;
}

// The magnitude a unit opens with (万元 1e4, 亿元 1e8, 万亿元 1e12, 千万元 1e7) and its length in bytes
// into `length`; 0 if it opens with none.
double unit_magnitude(std::string_view unit, std::size_t& length) {
    constexpr std::pair<std::string_view, double> magnitudes[] = {
        {"万亿", 1e12}, {"千万", 1e7}, {"百万", 1e6}, {"亿", 1e8}, {"万", 1e4}};
    for (const auto& [word, scale] : magnitudes)
        if (unit.substr(0, word.size()) == word) return length = word.size(), scale;
    return 0;
}

// A range whose ends each state their magnitude (8000万-1.2亿元, 5000亿元至1.2万亿元): one range in the
// unit of its high end (0.8-1.2 亿元). Read apart, the low end was an exact figure and the dash after
// its 万 a minus sign (a damaged -1.2亿元); 1.2万-1.5万亿元 and 5亿-10亿元 state one magnitude twice
// (the low end's 万 opens 万亿), their high end was NaN. True if it read one.
bool extend_to_scaled_range(std::string_view text, const code_points& cps, scanned& s) {
    std::size_t low_length = 0, high_length = 0;
    if (s.last + 1 >= cps.size() || !is_dash(cps[s.last].c) || !s.damage.empty()) return false;
    const double low_scale = unit_magnitude(s.q.unit, low_length);
    scanned second;
    bool date = false;
    if (low_scale == 0 || !number_at(text, cps, s.last + 1, second, date) || second.q.range) return false;
    if (second.damage == "minus_sign") second.q.value = second.q.high = -second.guess, second.damage = {};
    const double high_scale = unit_magnitude(second.q.unit, high_length);
    const std::string_view low_rest = std::string_view(s.q.unit).substr(low_length),
                           high_rest = std::string_view(second.q.unit).substr(high_length);
    if (!second.damage.empty() || high_scale == 0 || (!low_rest.empty() && low_rest != high_rest)) return false;
    if (!low_rest.empty() || second.q.unit.compare(0, low_length, s.q.unit) != 0)
        s.q.value = s.q.value * low_scale / high_scale;
    s.q.high = second.q.value;
    s.q.unit = second.q.unit;
    s.q.range = true;
    s.q.masked |= second.q.masked;
    s.last = second.last;
    return true;
}

// The qualifier of a 分别 list's bound word reaches every figure it lists (分别约为1.2万家和1.8万家,
// 分别超过A、B, 分别近A和B), not only the first: the exact figure of `s` after a joiner (和/与/及/、),
// in a clause whose 分别 a bound word follows right before the list's first figure, takes it.
void listed_qualifier(const code_points& cps, scanned& s) {
    if (s.q.qual != qualifier::exact || s.first < 4 || !one_of(cps[s.first - 1].c, U"和与及、")) return;
    std::size_t j = s.first - 1;
    while (j > 2 && s.first - j < 48 && !clause_end(cps[j - 1].c) && !ends_with(cps, j, U"分别")) --j;
    if (!ends_with(cps, j, U"分别")) return;
    std::size_t list = j;  // the list's first figure: the first digit or numeral after the bound word
    while (list < s.first && !is_digit(cps[list].c) && !is_chinese_numeral(cps[list].c)) ++list;
    qualifier qual = qualifier::exact;
    if (list < s.first && bound_word_start(cps, list, qual) == j) s.q.qual = qual;
}

// The last characters of the labels may_open_phone_number and may_open_contact_code accept before
// digits (电话, 手机, 传真, 热线, 号码, 邮编, QQ群, 账号, 信箱): one bit instead of their two lists.
constexpr bool ends_contact_label(char32_t c) {
    for (const char32_t l : std::u32string_view(U"话机真线码编群号箱"))
        if (l == c) return true;
    return false;
}
// Digits at k after an ideograph that ends no label, not opening with 0 nor a dash-or-slash date:
// none of phone_number_at, contact_code_end, page_data_at can read there (their pre-tests all
// answer false), so the three are skipped with one test (most figures follow such an ideograph).
[[gnu::always_inline]] inline bool plain_digits_start(const code_points& cps, std::size_t k) {
    if (k == 0 || cps[k].c == '0') return false;
    const char32_t before = cps[k - 1].c;
    return before >= 0x4E00 && before <= 0x9FFF && !bmp_bits<ends_contact_label>::has(before) &&
           !(k + 4 < cps.size() && (cps[k + 4].c == '-' || cps[k + 4].c == '/'));
}

template <class Sink>
std::size_t quantity_at(std::string_view text, const code_points& cps, std::size_t k, Sink& sink) {
    const char32_t c = cps[k].c;
    if (opens_empty_slot(c)) {
        scanned slot;
        if (empty_slot_at(text, cps, k, slot)) {
            sink(slot);
            return slot.last;
        }
    }
    if (is_digit(c)) {
        if (const std::size_t n = list_number_at(cps, k)) return k + n;
        if (!plain_digits_start(cps, k)) {
            if (const std::size_t n = may_open_phone_number(cps, k) ? phone_number_at(cps, k) : 0) return k + n;
            if (const std::size_t end = may_open_contact_code(cps, k) ? contact_code_end(cps, k) : 0) return end;
            if (const std::size_t n = may_be_page_data(cps, k) ? page_data_at(cps, k) : 0) return k + n;
        }
    }
    // number_at reads from a digit, a mask or a Chinese numeral only (its ordinals too: 第 before one of
    // those); at the other starts of interest (全, 上, 过, 项…: periods and slots) it answers false with
    // no date. Asked here, the call is spared at most stops in prose (~135 instructions each), and so
    // is the figure's `scanned` (made only past this test).
    if (!is_digit(c) && !is_mask(c) && !is_chinese_numeral(c)) return k + 1;
    scanned s;
    bool date = false;
    if (!number_at(text, cps, k, s, date)) return date ? std::max(k + 1, s.last) : k + 1;
    if (colon_at(cps, s.last) && is_digit(cps[k].c)) {  // 10:30 — asked only of a figure a colon ends
        if (const std::size_t n = time_of_day_at(cps, k)) return k + n;
        if (const std::size_t end = ratio_at(text, cps, s)) return end;
    }
    if (numeral_in_a_word(cps, k, s) || emphasis_not_mask(text, cps, k, s)) return s.last;
    if (!extend_to_scaled_range(text, cps, s)) extend_to_range(text, cps, s);
    qualifiers(cps, s);
    listed_qualifier(cps, s);
    if (s.damage == "zero_digits" && (s.q.qual == qualifier::lower_bound || s.q.qual == qualifier::upper_bound) &&
        (ends_with(cps, s.last, U"以上") || ends_with(cps, s.last, U"以下")))
        s.damage = "threshold";  // "00万元以上企业": a threshold that lost its digits
    s.q.begin = cps[s.first].begin;
    s.q.end = cps.end_of(s.last - 1);
    sink(s);
    return s.last;
}

// The period stated at k (n code points) where it is one of a target or of plans: saved to come
// back at the end of its sentence or of its section of plans (`before`: the state in force before it).
void plan_period(const code_points& cps, std::size_t k, std::size_t n, const period_state& before,
                 scan_state& carried) {
    const bool target = !carried.after_target && target_period(cps, k, n);
    if (!target && (carried.plan_kind < 0 || carried.after_plan_sentence)) return;  // most periods
    // in a section of plans, only a year stated for a target (力争全年…, 全年…, 2025年，确保…) is
    // one sentence's: another period there (上半年，…) stays in force, as elsewhere
    if (!target && !starts_with(cps, k, U"全年") && !target_period(cps, k, n)) return;
    // A heading's period stands within its first few dozen code points (plan_heading's reach): the
    // line of a period further on is no heading, and is not walked back to its start.
    std::size_t line = k;
    while (line > 0 && cps[line - 1].c != '\n' && k - line <= 48) --line;
    int kind = 0;
    const bool heading =
        (line == 0 || cps[line - 1].c == '\n') &&
        (plan_heading(cps, line, kind) || (carried.title.in_title && plan_heading(cps, line, kind, 40)));
    if (target) {
        // A report that is a plan throughout (its title "2025年工作计划", or such a heading without a
        // list marker before any figure): its period is the report's, for every figure.
        if (heading && (carried.title.in_title || (kind == 0 && !carried.any_figure))) return;
        // on a heading of plans (二、2026年工作打算), it holds for the plans under it
        carried.after_target = before;
        const bool plans = !carried.title.in_title && heading;
        carried.target_ends = plans ? std::numeric_limits<std::size_t>::max() : target_sentence_end(cps, k + n);
        carried.plan_kind = plans ? kind : -1;
    } else if (!heading) {
        // 力争全年… under 二、下半年工作计划: the year for its sentence, then the section's period again
        carried.after_plan_sentence = before, carried.plan_sentence_ends = target_sentence_end(cps, k + n);
    }
}

// A year earlier than the title's stated in a paragraph of prose (2024年全市R&D经费投入28.6亿元，… in
// a 2025 report: figures published a year late) is that paragraph's: the code point of the line
// break ending it (the first after a sentence's end: a line a PDF broke inside a sentence goes on),
// 0 when the year stands in a line without a clause mark (a heading, 一、2024年工作回顾, governs what
// follows it).
// A month stated (10月，…) after a longer span of its year in force (1-10月, 上半年).
bool month_within(const period_state& before, const period_state& state) {
    return state.current && state.current->kind() == period_kind::month && before.current &&
           before.current->kind() != period_kind::month && before.year == state.year;
}

std::size_t earlier_year_paragraph_end(const code_points& cps, std::size_t k) {
    std::size_t line = k;
    while (line > 0 && cps[line - 1].c != '\n' && cps[line - 1].c != '\r') --line;
    bool prose = false;
    for (; k < cps.size() && cps[k].c != '\n' && cps[k].c != '\r'; ++k) prose |= clause_end(cps[k].c);
    for (std::size_t j = line; j < k && !prose; ++j) prose = clause_end(cps[j].c);
    if (!prose) return 0;
    for (std::size_t gone = 0; k < cps.size() && gone < 4096; ++k, ++gone) {
        if (cps[k].c != '\n' && cps[k].c != '\r') continue;
        std::size_t b = k;
        while (b > 0 && (is_blank(cps[b - 1].c) || cps[b - 1].c == '\r')) --b;
        if (b == 0 || one_of(cps[b - 1].c, U"。！？!?")) return k;
        if (k + 1 < cps.size() && (cps[k + 1].c == '\n' || cps[k + 1].c == '\r')) return k;  // an empty line
    }
    return k;
}

// A period stated at k (n code points) set off by a comma (2025年上半年，… / 一季度，…): an
// adverbial of what follows, not of its own clause only.
bool set_off_by_comma(const code_points& cps, std::size_t j) {
    for (std::size_t i = 0; i < 8 && j < cps.size() && one_of(cps[j].c, U"全年上下半季度前一二三四底末初份月至-—"); ++i)
        ++j;
    return j < cps.size() && (cps[j].c == U'，' || cps[j].c == ',');
}

// A list item's marker at k opens a heading line: （一）/(2), 二、, 1. / 1、 / 1．
bool heading_opens(const code_points& cps, std::size_t k) {
    static constexpr std::u32string_view numerals = U"一二三四五六七八九十0123456789";
    const std::size_t at = k < cps.size() && is_open_paren(cps[k].c) ? k + 1 : k;
    std::size_t j = at;
    while (j < cps.size() && j - at < 3 && one_of(cps[j].c, numerals)) ++j;
    if (j == at || j >= cps.size()) return false;
    const char32_t c = cps[j].c;
    return at > k ? one_of(c, U"）)") : c == U'、' || (is_digit(cps[at].c) && one_of(c, U".．"));
}

// The full stop ending the sentence code point k is in (。！？, an empty line, or the chunk's end):
// past the ；s that split what it lists, and past a line break a PDF left inside it.
// A heading ends it too (a sentence left without its 。 does not run into the next section), and so
// does a clause opening with 目前/截至目前: how things stand now is the report's period, not the
// lead-in year's (据了解，2025年…120家，目前全市…860家). Not 当前 (当前形势下仍实现增长8%: review 26c).
std::size_t full_stop_after(const code_points& cps, std::size_t k) {
    for (; k < cps.size() && !one_of(cps[k].c, U"。！？!?"); ++k) {
        if (cps[k].c == '\n' && k + 1 < cps.size() && (one_of(cps[k + 1].c, U"\n\r") || heading_opens(cps, k + 1)))
            break;
        if (one_of(cps[k].c, U"，,；;") && starts_with_any(cps, k + 1, U"目前", U"截至目前", U"截止目前")) return k + 1;
    }
    return k;
}

// A year at k opens a clause after a lead-in that states nothing itself (会议指出，2025年全县…;
// 记者从会上获悉，2025年…): the sentence, from `from`, has no figure and no period before it — unlike
// 新增企业5家，2025年同期为3家 or 上半年，受2025年…影响.
bool after_lead_in(const code_points& cps, std::size_t from, std::size_t k) {
    if (k == 0 || !one_of(cps[k - 1].c, U"，,：:")) return false;
    for (std::size_t i = from; i < k; ++i)
        if (is_digit(cps[i].c) || chinese_figure_at(cps, i) || one_of(cps[i].c, U"年月季")) return false;
    return true;
}

// A period named in passing is its own figures', not carried on (issue #13): in a parenthesis
// (（2025年底为40家）) to its close; in a relative clause (2025年获批的12个项目已开工) or inside a
// sentence naming another year than the report's (据统计，2025年…) to the end of its clause (of its
// sentence when a comma sets it off). An earlier year than the title's opening a sentence holds
// to its paragraph's end (figures published a year late), in a heading for what follows; so does
// a month after a longer span of its year (10月，新增… after 1-10月: a monthly brief states its
// span once). The code point where the period ends, 0 when it carries.
// 本月/当月/上月, 本季度/当季/上季度 (relative_period_at) hold to the end of their sentence (。；！？), or to a clause
// opening with 累计 (…本月新增3家，累计认定12家: the span's, not the month's): "本月新增…3家；1—5月累计…12家",
// "本月…3家。科技型中小企业…150家" go back to the bulletin's span. One in a line with no sentence mark (a heading:
// 一、本月主要指标) carries. The code point where it ends, 0 if it carries; `relative` whether the period at k is one.
std::size_t relative_period_end(const code_points& cps, std::size_t k, std::size_t n, bool& relative) {
    relative = n <= 3 && one_of(cps[k].c, U"本当上") && k + 1 < cps.size() && one_of(cps[k + 1].c, U"月季");
    if (!relative) return 0;
    bool clause_seen = false;
    for (std::size_t j = k + n; j < cps.size(); ++j) {
        const char32_t c = cps[j].c;
        if (one_of(c, U"。！？!?；;")) return j;
        if ((c == '\n' || c == '\r') && !clause_seen) return 0;  // a heading; after a clause a PDF's wrap
        if (!clause_end(c)) continue;
        clause_seen = true;
        std::size_t next = j + 1;
        while (next < cps.size() && is_blank(cps[next].c)) ++next;
        if (starts_with(cps, next, U"累计") || starts_with(cps, next, U"全年累计")) return next;
    }
    return 0;
}

std::size_t stated_period_end(const code_points& cps, std::size_t k, std::size_t n, const period_state& before,
                              period_state& state, int title_year) {
    bool relative = false;
    if (const std::size_t end = relative_period_end(cps, k, n, relative); relative) return end;
    // the start of the sentence, or of the parenthesis, the period is in: a parenthesis closed before
    // it (本报讯（记者 李明）2月5日，…2025年, （一）2025年…) holds no period after its close
    std::size_t from = k;
    while (from > 0 && k - from < 64 && !one_of(cps[from - 1].c, U"。！？!?\n\r（()）")) --from;
    const bool in_parenthesis = from > 0 && is_open_paren(cps[from - 1].c);
    std::size_t clause = k + n;
    while (clause < cps.size() && !clause_end(cps[clause].c) && !one_of(cps[clause].c, U"。）)")) ++clause;
    if (in_parenthesis && state.year == title_year && (issue_line(cps, k, n) || dated_line(cps, k)))
        return 0;  // the report's year, or its period
    if (in_parenthesis) {
        std::size_t close = clause;
        while (close < cps.size() && !one_of(cps[close].c, U"）)。\n\r")) ++close;
        return close;
    }
    std::size_t j = k + n;
    while (j < cps.size() && j - k < 10 && !is_digit(cps[j].c) && cps[j].c != U'的' && j < clause) ++j;
    if (j < clause && cps[j].c == U'的') return clause;  // 2025年获批的…
    const int reference = title_year ? title_year : before.year;
    const bool other_year = state.year && reference && state.year != reference;
    bool opens_sentence = true;
    for (std::size_t i = from; i < k && opens_sentence; ++i) opens_sentence = !clause_end(cps[i].c);
    if (other_year && !opens_sentence && after_lead_in(cps, from, k)) {
        state.lead_in = true;  // a period with no year nearer a figure ends it (end_earlier_year_at)
        return full_stop_after(cps, k);
    }
    if (other_year && !opens_sentence) return set_off_by_comma(cps, k + n) ? sentence_end_after(cps, k) : clause;
    // with no year in the title (关于全市科技创新工作情况的报告), the report's is the one in force
    const bool earlier = before.year == reference && state.year && state.year < reference;
    if (!earlier && !month_within(before, state)) return 0;
    return earlier_year_paragraph_end(cps, k + n);
}

// A sentence opens at k (past blanks): the period stated there is what follows' (一季度，…).
bool opens_sentence_at(const code_points& cps, std::size_t k) {
    while (k > 0 && is_blank(cps[k - 1].c)) --k;
    return k == 0 || one_of(cps[k - 1].c, U"。！？!?；;\n\r");
}

// A period without its year (上半年, 一季度, 1-5月) opening a sentence in a paragraph about an
// earlier year than the report's (2025年全年技术合同成交额2.5亿元。上半年…): the report's period
// again, of the title's year — the earlier year named the figures of its own sentences. So is 今年
// in a report whose title names no year.
[[gnu::noinline]] void end_earlier_year(const code_points& cps, std::size_t k, scan_state& carried,
                                        std::deque<stated_period>* periods) {
    const period_state& state = carried.period;
    // a period with no year of its own after a lead-in's year (会议指出，2025年…，上半年…): the report's
    if (state.lead_in && carried.after_line) {
        period_state own_year;  // no year in force: only a period naming its year sets one
        if (period_at(cps, k, own_year) && !own_year.year) {
            restore_saved_period(cps, k, carried.after_line, k, carried, periods);
            return;
        }
    }
    // 今年 when the title names no year (this_year_at reads none): the year in force before the
    // paragraph of an earlier year ("2025年，…。（一）2024年全市…。今年…" is 2025 again)
    if (!carried.title_year && (starts_with(cps, k, U"今年") || starts_with(cps, k, U"本年")))
        return restore_saved_period(cps, k, carried.after_line, k, carried, periods);
    if (!carried.after_line || !carried.title_year || !state.year || state.year >= carried.title_year ||
        !opens_sentence_at(cps, k))
        return;
    period_state probe = state;
    if (!period_at(cps, k, probe) || probe.year != state.year) return;  // none, or with its year
    restore_saved_period(cps, k, carried.after_line, k, carried, periods);
}
// Asked at every start of interest; with no period saved for its line (after_line) only 今年/本年
// under a title with no year can do anything: that test in line, the rest out of it.
[[gnu::always_inline]] inline void end_earlier_year_at(const code_points& cps, std::size_t k, scan_state& carried,
                                                       std::deque<stated_period>* periods) {
    if (carried.after_line || (!carried.title_year && (cps[k].c == U'今' || cps[k].c == U'本')))
        end_earlier_year(cps, k, carried, periods);
}

// The unit a heading states for the figures under it, at the line at k: "二、科技经费投入情况（万元）",
// "（单位：万元）", "表2 科技经费（单位:亿元）" — a line without a clause mark ending with a unit in
// brackets, 单位 before it or not. A line with a list marker of the heading's rank or above ends it.
void heading_unit_at(std::string_view text, const code_points& cps, std::size_t k, scan_state& carried) {
    std::size_t after = 0;
    const int kind = list_marker(cps, k, after);
    if (!carried.heading_unit.empty() && kind > 0 && kind <= std::max(carried.heading_unit_kind, 1))
        carried.heading_unit.clear();
    // prose (a clause mark before the line's end), or too long for a heading (past 60)
    std::size_t end = cps.next_with(k, std::min(cps.size(), k + 61), cc_clause_end);
    if (end < cps.size() && cps[end].c != '\n' && cps[end].c != '\r') return;
    while (end > k && is_blank(cps[end - 1].c)) --end;
    // "单位：家", "单位:万元" a line of its own above a table: the unit stated bare
    if (const std::size_t from = starts_with(cps, k, U"单位") ? k + 2 : 0;
        from && from < end && (cps[from].c == U'：' || cps[from].c == ':')) {
        std::string unit;
        const std::size_t n = unit_length(text, cps, from + 1, unit);
        const std::size_t m = n ? n : measure_word_length(cps, from + 1, unit);
        if (m && from + 1 + m == end && unit != "%")
            carried.heading_unit = std::move(unit), carried.heading_unit_kind = kind, carried.lines_since_unit = 0;
        return;
    }
    if (end - k < 4 || (cps[end - 1].c != U'）' && cps[end - 1].c != ')')) return;
    std::size_t open = end - 1;
    while (open > k && cps[open - 1].c != U'（' && cps[open - 1].c != '(') --open;
    if (open == k) return;
    std::size_t from = open;
    if (starts_with(cps, from, U"单位")) from += 2;
    if (from < end && (cps[from].c == U'：' || cps[from].c == ':')) ++from;
    std::string unit;
    const std::size_t n = unit_length(text, cps, from, unit);
    if (n == 0 || from + n != end - 1 || unit == "%") return;
    carried.replaced_unit = std::move(carried.heading_unit), carried.replaced_unit_kind = carried.heading_unit_kind;
    carried.replaced_lines_since_unit = carried.lines_since_unit;
    carried.heading_unit = std::move(unit), carried.heading_unit_kind = kind, carried.lines_since_unit = 0;
}

// A line starts at k: a section of plans or of a heading's unit may end there, another start.
void at_line_start(std::string_view text, const code_points& cps, std::size_t k, scan_state& carried,
                   std::deque<stated_period>* periods) {
    end_of_plans(cps, k, carried, periods);
    if (k < cps.size()) ++carried.lines_since_unit;  // at the end: the next chunk starts the line
    heading_unit_at(text, cps, k, carried);
}

// The date at k opens its line, after blanks, an open bracket or a label (发布时间：2026年1月22日,
// （2026年1月8日）, 2026年1月20日，…举行): no date a sentence names in passing (…起施行的).
bool date_opens_line(const code_points& cps, std::size_t k) {
    std::size_t i = k;
    while (i > 0 && (is_blank(cps[i - 1].c) || is_open_paren(cps[i - 1].c) || cps[i - 1].c == U'\u3000')) --i;
    if (i == 0 || cps[i - 1].c == '\n' || cps[i - 1].c == '\r') return true;
    if (cps[i - 1].c != U'：' && cps[i - 1].c != ':') return false;
    for (; i > 0 && cps[i - 1].c != '\n' && cps[i - 1].c != '\r'; --i)
        if (is_digit(cps[i - 1].c) || clause_end(cps[i - 1].c)) return false;
    return true;
}

// The date ending at `end` stands alone (（2026年1月8日）, 发布时间：2026年1月22日) or says when the event
// was held (2026年1月20日，…新闻发布会在…举行): not a date the sentence names in passing
// (2026年1月1日起施行的《条例》…, 2026年1月5日印发…).
bool date_stands_alone(const code_points& cps, std::size_t end) {
    // past the time of day (上午, 10:30, 9时) and blanks: 2026年1月20日上午，…举行; 发布时间：2026年1月20日 10:30
    for (bool moved = true; moved;) {
        const std::size_t was = end;
        while (end < cps.size() && (is_blank(cps[end].c) || one_of(cps[end].c, U"）)\u3000:：0123456789时分"))) ++end;
        for (std::u32string_view part : {U"上午", U"下午", U"晚上"})
            if (starts_with(cps, end, part)) end += part.size();
        moved = end != was;
    }
    // a label after it on the line (2026年1月20日  来源：某市人民政府新闻办公室)
    if (end == cps.size() || one_of(cps[end].c, U"\n\r") || starts_with_any(cps, end, U"来源", U"作者", U"编辑"))
        return true;
    if (!one_of(cps[end].c, U"，,")) return false;
    for (std::size_t j = end + 1; j < cps.size() && j - end < 80 && !one_of(cps[j].c, U"。！？；\n\r"); ++j)
        if (starts_with_any(cps, j, U"举行", U"召开", U"举办")) return true;
    return false;
}

// Words after an event's name on the title line that make the title a report about it: 精神, 情况,
// 总结, 报告 (…会议精神情况的报告, …推进会工作总结).
bool about_a_report_after(const code_points& cps, std::size_t j) {
    for (; j < cps.size() && !one_of(cps[j].c, U"\n\r"); ++j)
        if (starts_with_any(cps, j, U"精神", U"情况", U"总结", U"报告")) return true;
    return false;
}

// The report's title (its first line with text) names an event given on a day — a meeting, a press
// conference, a speech — or is a government work report: a later date under it is the day it was
// held, unlike the date a summary of a year was signed on (某县2025年工作总结⏎（2026年1月8日）). The
// event must be what the title names, not what a summary or report is about: 某县2025年科技创新
// 推进会工作总结, 关于贯彻落实2025年全市科技工作会议精神情况的报告 are no events (review 26c).
bool title_names_event(const code_points& cps) {
    bool text = false;
    for (std::size_t j = 0; j < cps.size() && j < 120; ++j) {
        if (one_of(cps[j].c, U"\n\r") && text) return false;
        text = text || is_ideograph(cps[j].c);
        for (std::u32string_view event : {U"发布会", U"会议", U"大会", U"讲话", U"座谈会", U"推进会", U"政府工作报告"})
            if (starts_with(cps, j, event) && !about_a_report_after(cps, j + event.size())) return true;
    }
    return false;
}

// The date with a day just read at k (n code points, the period in `carried` now) dates the report
// when it is in its head before any figure and no title year: 政府工作报告⏎——2026年1月12日在…, the
// day it was given, as a title's year; a bulletin's issue date (临江市科学技术局    2026年5月8日) for
// its 1-4月, when nothing before it stated a year (`before`).
bool date_of_report_head(const code_points& cps, std::size_t k, std::size_t n, const period_state& before,
                         scan_state& carried, std::deque<stated_period>* periods) {
    period_state& state = carried.period;
    const bool speech = speech_date_line(cps, k) && line_names_work_report(cps, k);
    // a later year's date in the head (2025年…新闻发布会⏎2026年1月20日，…举行): the day it was held,
    // the year of its 今年 and 去年; the figures keep the title's year
    if (!carried.any_figure && carried.title_year && cps.base() == 0 && k < 400 && state.year > carried.title_year &&
        date_opens_line(cps, k) && date_stands_alone(cps, k + n) && title_names_event(cps)) {
        const int year = state.year;
        state = before, state.dated_year = year;
        return true;
    }
    if (carried.any_figure || carried.title_year || !(speech || (before.year == 0 && issue_date_line(cps, k, n))))
        return false;
    if (!speech) {
        // an issue's date gives the months its text names (1-4月) their year, and no period of its
        // own: a figure before any span stays without one, as under a meeting's date (review 25b);
        // it is the year of the bulletin's 今年 and 去年
        const int year = state.year;
        state = before, state.year = year, state.dated_year = year;
        return true;
    }
    state.current = period::year(state.year), state.title_period = state.current;
    carried.title_year = state.title_year = state.year, state.title_looks_ahead = speech;
    state.dated_year = state.year;
    if (periods) periods->push_back({cps.base() + k, state.current->to_string(), false, false, true});
    return true;
}

// The line code point k is in is a headline: no clause mark in it (a title, 东湖区召开2026年全区科技创新大会).
bool headline_at(const code_points& cps, std::size_t k) {
    for (std::size_t i = k; i > 0 && !one_of(cps[i - 1].c, U"\n\r"); --i)
        if (one_of(cps[i - 1].c, U"，,。；;")) return false;
    for (std::size_t j = k; j < cps.size() && !one_of(cps[j].c, U"\n\r"); ++j)
        if (one_of(cps[j].c, U"，,。；;")) return false;
    return true;
}

// The year a meeting named by the year at k (n code points, `year`) in the report's head was held in:
// that year for 2026年全区科技创新大会 / 2026年全市科技工作会议 (held early in it, looking back on the
// year before), the next for a summary's meeting (2025年科技工作总结大会); 0 for no meeting — a press
// conference (2025年…新闻发布会) reports on its year and may be held in it or after.
// A meeting of part of a year (2025年上半年…总结会议, 2025年第三季度…) is no meeting of this kind: 0.
// 年度 with 表彰/颁奖 (2025年度科技创新表彰大会) honours a finished year: held the next.
int meeting_held_in(const code_points& cps, std::size_t k, std::size_t n, int year) {
    if (cps.base() != 0 || k > 300) return 0;
    const std::size_t after = k + n < cps.size() && cps[k + n].c == U'度' ? k + n + 1 : k + n;
    if (after < cps.size() && one_of(cps[after].c, U"上下前后第季一二三四0123456789")) return 0;
    bool summary = false;
    for (std::size_t j = k + n;
         j < cps.size() && j < k + n + 30 && !clause_end(cps[j].c) && !one_of(cps[j].c, U"。！？\n\r"); ++j) {
        summary =
            summary || starts_with(cps, j, U"总结") || (after > k + n && starts_with_any(cps, j, U"表彰", U"颁奖"));
        if (starts_with(cps, j, U"大会") || starts_with(cps, j, U"会议") || starts_with(cps, j, U"推进会"))
            return summary ? year + 1 : year;
    }
    return 0;
}

// A news report's dateline at k, a day with no year (本报讯（记者 李明）2月5日，…; 新华社北京2月3日电): its
// month (n code points read as one: 2月), 0 for none — a byline (讯, 记者) before it on its line or 电/讯
// after the day. The day the report was published: no period of its figures.
int news_dateline_month(const code_points& cps, std::size_t k, std::size_t n, std::size_t day) {
    if (cps.base() + k > 400 || n < 2 || cps[k + n - 1].c != U'月') return 0;
    bool byline = starts_with_any(cps, k + n + day, U"电", U"讯");
    for (std::size_t i = k; i > 0 && !byline && !one_of(cps[i - 1].c, U"\n\r。！？"); --i)
        byline = cps[i - 1].c == U'讯' || starts_with(cps, i - 1, U"记者");
    int month = 0;
    for (std::size_t j = k; j < k + n - 1 && is_digit(cps[j].c); ++j)
        month = month * 10 + static_cast<int>(cps[j].c - '0');
    return byline && month >= 1 && month <= 12 ? month : 0;
}

// The day with no year just read at k (n code points, then `day`), when no year is in force: kept when
// it is a news report's dateline, until the first year stated.
void note_news_dateline(const code_points& cps, std::size_t k, std::size_t n, std::size_t day,
                        const period_state& before, scan_state& carried) {
    if (before.year || carried.title_year) return;
    if (const int month = news_dateline_month(cps, k, n, day)) carried.dateline_month = month;
}

// The first period a news report states after a dateline with no year (本报讯…2月5日，…2025年我市…):
// a whole year's is the year its figures are of, as a title's; published in its first half, the report
// is of the year after (a year's figures are out once it ends): the year of its 去年 and 今年.
void news_report_year(const code_points& cps, std::size_t k, std::size_t n, scan_state& carried) {
    period_state& state = carried.period;
    const int month = std::exchange(carried.dateline_month, 0);
    if (!month || month > 6 || carried.title_year || state.dated_year || !state.current ||
        state.current->kind() != period_kind::year || target_period(cps, k, n))
        return;
    const std::size_t after = k + n < cps.size() && cps[k + n].c == U'度' ? k + n + 1 : k + n;
    if (after < cps.size() && one_of(cps[after].c, U"上下前后第季一二三四0123456789")) return;  // part of it
    carried.title_year = state.title_year = state.year, state.title_period = state.current;
    state.dated_year = state.year + 1;
}

// Whether the period just read at k (n code points) is the report's own: in its title, on a dated
// line under it (（2026年第三季度）, （2026年1-9月）) or an issue's line (（2026年第3期）: its year only).
// The first such gives the title's year and period the report falls back to.
bool title_period_at(const code_points& cps, std::size_t k, std::size_t n, scan_state& carried) {
    period_state& state = carried.period;
    const bool issue = !carried.any_figure && !carried.title_year && issue_line(cps, k, n);
    const bool span_line = !carried.any_figure && dated_line(cps, k);
    const bool of_title = issue || span_line || (carried.title.in_title && !carried.any_figure && report_title(cps, k));
    if (of_title && !carried.title_year) {
        carried.title_year = state.title_year = state.year, state.title_looks_ahead = line_names_work_report(cps, k);
        if (state.title_looks_ahead) state.dated_year = state.year;  // a work report is given in its year
    }
    // a meeting of the title's year, or of the first year named when the title names none
    // (of a whole year: a meeting on 2025年上半年 is no such meeting), named in a title line (新闻稿⏎
    // 东湖区召开2026年全区科技创新大会), not in a sentence (2月，全县召开2025年…会议，部署…)
    if (!carried.any_figure && !state.dated_year && state.year && headline_at(cps, k) &&
        (!state.current || state.current->kind() == period_kind::year) &&
        (!carried.title_year || state.year == carried.title_year))
        state.dated_year = meeting_held_in(cps, k, n, state.year);
    // the span read from its first year, or its last (2026— before it: the first year of a span is no period)
    for (std::size_t back : {0, 5, 6})
        if (of_title && !state.title_span_end && k >= back) state.title_span_end = year_span_end_at(cps, k - back);
    if (of_title && (!issue || span_line) && state.year == state.title_year) state.title_period = state.current;
    if (carried.dateline_month) news_report_year(cps, k, n, carried);
    return of_title;
}

// Whether period_at may read a period at k, from the code point after it: each of its rules needs
// that one. A run of ASCII digits (not from inside one) is a period's only where 年, 月, 季度, a blank,
// a line break, a dash (or, after four digits, 、/和/及: a list of years) follows its first four digits; a Chinese
// digit or 十 only before 季度, 月, a blank, a dash or another digit (二〇二五年, 十四五, 十一月); a word only before
// its second character. Most starts of interest are a figure's first digit or a numeral inside a word (一是, 进一步)
// with none of these after it: the call, its state's copy and its number's reading are skipped there.
[[gnu::always_inline]] inline bool may_open_period(const code_points& cps, std::size_t k) {
    if (k + 1 >= cps.size()) return false;  // every period is two code points or more
    const char32_t c = cps[k].c;
    const char32_t next = cps[k + 1].c;
    if (is_digit(c)) {
        if (k > 0 && is_digit(cps[k - 1].c)) return false;
        std::size_t end = k + 1;
        while (end < cps.size() && end - k < 4 && is_digit(cps[end].c)) ++end;
        if (end >= cps.size()) return false;
        const char32_t after = cps[end].c;
        return after == U'年' || after == U'月' || after == U'季' || is_blank(after) || after == '\n' ||
               after == '\r' || is_dash(after) ||
               // 2023、2024年…分别: a year sharing the next one's 年 (round 35)
               (end == k + 4 && (after == U'、' || after == U'和' || after == U'及'));
    }
    switch (c) {
        case U'明':  // 明年
        case U'全':  // 全年
            return next == U'年';
        case U'本':  // 本年, 本月, 本季度
        case U'当':  // 当月, 当季度 (当年 reads nothing)
            return next == U'年' || next == U'月' || next == U'季';
        case U'今':  // 今年, 今后五年
            return next == U'年' || next == U'后';
        case U'未':  // 未来五年
            return next == U'来';
        case U'过':  // 过去一年
            return next == U'去';
        case U'上':  // 上半年, 上 半年 (a PDF's blank), 上月, 上季度
            return next == U'半' || next == U'月' || next == U'季' ||
                   (next == ' ' && k + 2 < cps.size() && cps[k + 2].c == U'半');
        case U'下':  // 下半年
            return next == U'半' || (next == ' ' && k + 2 < cps.size() && cps[k + 2].c == U'半');
        case U'前':  // 前三季度
            return next == U'三';
        case U'截':  // 截至, 截止
            return next == U'至' || next == U'止';
        case U'年':  // 年初以来, 年初至今 (round 36)
            return next == U'初';
        default:
            return (c == U'十' || chinese_digit(c) >= 0) &&
                   (next == U'季' || next == U'月' || is_blank(next) || is_dash(next) || chinese_digit(next) >= 0);
    }
}

// The period stated at k, if any (period_at): put in force, saved to come back, or left aside (a
// day's date, a compared year, 以来). The code point to go on from, 0 if none is stated there.
std::size_t period_stated_at(const code_points& cps, std::size_t k, scan_state& carried,
                             std::deque<stated_period>* periods) {
    period_state& state = carried.period;
    const title_tracker& title = carried.title;
    const period_state before = state;
    const std::size_t n = period_at(cps, k, state);
    if (!n) return 0;
    // An event's date (5月20日召开) and a compared period (比2023年) leave the period as it was.
    // 截至6月30日 is a stock at that day: the period 1-6月.
    const bool until = starts_with(cps, k, U"截至") || starts_with(cps, k, U"截止");
    const std::size_t day = until ? 0 : day_date_at(cps, k + n);
    // 2021年以来, 3月以来, 2023年底以来: where a span up to now starts, not the period in force.
    const std::size_t tail = k + n < cps.size() && one_of(cps[k + n].c, U"底末初份度") ? 1 : 0;
    const bool since = starts_with(cps, k + n + tail, U"以来") && before.current;
    if (day && date_of_report_head(cps, k, n + day, before, carried, periods)) return k + n + day;
    if (day) note_news_dateline(cps, k, n, day, before, carried);
    if (day || compared_period(cps, k) || multiple_base(cps, k + n) || batch_year(cps, k + n) || since) {
        state = before;
        return k + n + day;
    }
    plan_period(cps, k, n, before, carried);
    if (const std::size_t to = carried.after_start ? 0 : start_point_end(cps, k, n))
        carried.after_start = before, carried.start_ends = to;
    const bool local = !title.in_title && before.year != 0 && starts_with(cps, k + n, U"度") && state.current;
    if (state.year != before.year && !local) state.prior = false, carried.after_prior.reset();  // 2024年…
    const bool of_title = title_period_at(cps, k, n, carried);
    if (!local && !title.in_title && !carried.after_line && !carried.after_target && !carried.after_prior)
        if (const std::size_t end = stated_period_end(cps, k, n, before, state, carried.title_year))
            carried.after_line = before, carried.line_ends = end;
    if (periods)
        periods->push_back(
            {cps.base() + k, state.current ? state.current->to_string() : std::string(), local, state.prior, of_title});
    if (local) state = before;
    return k + n;
}

// Every quantity of the text, in order, handed to `sink` as it is read (the periods stated before
// it are in `periods` by then): no table of them all is kept.
template <class Sink>
void scan(std::string_view text, const code_points& cps, scan_state& carried, std::deque<stated_period>* periods,
          std::vector<report_finding>* findings, Sink&& sink) {
    period_state& state = carried.period;
    title_tracker& title = carried.title;
    const auto counted = [&](const scanned& s) {
        carried.any_figure = true;
        if (carried.heading_unit.empty() || !s.q.unit.empty() || s.table != scanned::table_cell::none) return sink(s);
        scanned under_heading = s;
        under_heading.heading_unit = carried.heading_unit;
        sink(under_heading);
    };
    std::size_t k = 0;
    if (carried.line_start && !cps.empty()) {
        at_line_start(text, cps, 0, carried, periods);
        if (const std::size_t e = page_marker_end(cps, 0, false))
            k = e;  // "— 3 —": a page's footer
        else
            k = table_line(text, cps, 0, carried, findings, counted);
    }
    while ((k = cps.next_with(k, cps.size(), cc_interest)) < cps.size()) {
        if (cps[k].c == U'明' && (k + 1 >= cps.size() || cps[k + 1].c != U'年')) {
            ++k;  // 明 only before 年 (明年: period_at), not in 明显, 说明, 明确
            continue;
        }
        if (cps[k].c == '\n') {  // a line of a table turned into lines is read here, whole
            at_line_start(text, cps, k + 1, carried, periods);
            if (const std::size_t e = page_marker_end(cps, k + 1, false)) {
                k = e;  // "— 3 —", "第3页": a page's header or footer, no figure (a table goes on past it)
                continue;
            }
            k = std::max(k + 1, table_line(text, cps, k + 1, carried, findings, counted));
            continue;
        }
        title.advance(cps, k);
        restore_saved_period(cps, k, carried.after_plan_sentence, carried.plan_sentence_ends, carried, periods);
        restore_saved_period(cps, k, carried.after_target, carried.target_ends, carried, periods);
        leave_prior_year(cps, k, carried, periods);
        restore_saved_period(cps, k, carried.after_start, carried.start_ends, carried, periods);
        restore_saved_period(cps, k, carried.after_line, carried.line_ends, carried, periods);
        bool year_end = false;
        if (const std::size_t n = opens_prior_year(cps[k].c) ? prior_year_at(cps, k, state, year_end) : 0) {
            enter_prior_year(cps, k, n, n == 4, carried, periods);  // 4: 上年同期 / 去年同期
            k += n;
            continue;
        }
        if (const std::size_t n =
                opens_year_same_span(cps, k) ? year_same_span_at(cps, k, state) : 0) {  // （2023年同期0.9亿元）
            enter_prior_year(cps, k, n, true, carried, periods);
            k += n;
            continue;
        }
        end_earlier_year_at(cps, k, carried, periods);
        if (const std::size_t next = may_open_period(cps, k) ? period_stated_at(cps, k, carried, periods) : 0) {
            k = next;
            continue;
        }
        if (const std::size_t n = opens_document_number(cps[k].c) ? document_number_at(text, cps, k, findings) : 0) {
            k += n;
            continue;
        }
        k = quantity_at(text, cps, k, counted);
    }
    // a chunk ends a sentence
    restore_saved_period(cps, cps.size(), carried.after_plan_sentence, carried.plan_sentence_ends, carried, periods);
    restore_saved_period(cps, cps.size(), carried.after_target, carried.target_ends, carried, periods);
    leave_prior_year(cps, cps.size(), carried, periods);
    restore_saved_period(cps, cps.size(), carried.after_start, carried.start_ends, carried, periods);
    restore_saved_period(cps, cps.size(), carried.after_line, carried.line_ends, carried, periods);
    carried.line_start = !cps.empty() && cps[cps.size() - 1].c == '\n';
    title.finish(cps);
}

}  // namespace
}  // namespace zhibiao
