#pragma once
// Layer 4: what conversion from Word or PDF leaves in figures (empty slots, lost digits, document
// numbers). Takes a place in the code points and gives a scanned figure with its damage and a
// report_finding; kept apart from the reading of sound figures (numbers.hpp) it checks.
#include "extract/periods.hpp"

namespace zhibiao {
namespace {

// ---- Damage that conversion from Word or PDF leaves in figures --------------------------------

report_finding make_finding(std::string_view text, const code_points& cps, std::size_t first, std::size_t last,
                            std::string kind, std::string message) {
    report_finding f;
    f.kind = std::move(kind);
    f.message = std::move(message);
    f.char_begin = cps.base() + first, f.char_end = cps.base() + last;
    f.begin = cps.byte_at(first);
    f.end = last > first ? cps.end_of(last - 1) : f.begin;
    f.text = quote(text, cps, first, std::min(last, first + 40));  // a few dozen characters at most
    return f;
}

bool is_ideograph(char32_t c) { return c >= 0x4E00 && c <= 0x9FFF; }

// The figure from code point `first` to `last` is where a change starts (由1.0亿元增加到1.2亿元,
// 从90件增至96件): 由/从 right before it, a verb with 到/至 after it in its clause. The level of
// the period is the one reached; the start is an earlier level of no period stated.
bool start_of_change(const code_points& cps, std::size_t first, std::size_t last) {
    std::size_t b = first;
    while (b > 0 && is_blank(cps[b - 1].c)) --b;
    // 由2023年的120家, 由上年的…: a start with its period stated is that period's level (start_point_end)
    if (b == 0 || (cps[b - 1].c != U'由' && cps[b - 1].c != U'从')) return false;
    for (std::size_t j = last; j < cps.size() && j - last < 8 && !clause_end(cps[j].c) && !is_digit(cps[j].c); ++j)
        if (one_of(cps[j].c, U"到至") && j > last) return true;
    return false;
}

// Words that report a count or an amount as done or planned: an empty slot or a bare 0 after one
// of them stands where a figure was.
constexpr std::u32string_view count_verbs[] = {
    U"收集", U"征集", U"推荐", U"组织", U"培育", U"认定", U"引进", U"派出", U"选派", U"举办", U"开展",
    U"签订", U"签约", U"帮助", U"解决", U"走访", U"服务", U"新增", U"完成", U"实施", U"建成", U"落实",
    U"申报", U"获批", U"达到", U"实现", U"争取", U"兑现", U"拨付", U"发放", U"培训", U"对接", U"受理",
    U"办理", U"审核", U"评选", U"遴选", U"入库", U"登记", U"设立", U"安排", U"投入", U"下达", U"筹集",
    U"授权", U"转化", U"达成", U"吸引", U"召开", U"发布", U"备案", U"共",   U"累计", U"立项"};

// A count verb ends within the 12 code points before `k`, in the same clause, with no number between.
bool count_verb_before(const code_points& cps, std::size_t k) {
    for (std::size_t j = k; j > 0 && k - j <= 12; --j) {
        const char32_t c = cps[j - 1].c;
        if (clause_end(c) || is_digit(c) || (j < k && chinese_digit(c) >= 0)) return false;
        for (auto verb : count_verbs)
            if (ends_with(cps, j, verb)) return true;
    }
    return false;
}

// Measure words that stand for a lost number, with the characters that make a word of them
// before (国家, 立项, 文件, 排名) and after (项目, 家庭, 名单, 万元户; 项数, 件数, 家数: nouns).
struct slot_word {
    std::u32string_view word, not_after, not_before;
    bool needs_verb = true;  // a count verb before it (个百分点 stands for a number after any word)
};
// …and 余 (百余名, 千余名: a count about a magnitude; 其余名单: no count at all)
constexpr std::u32string_view demonstratives =
    U"每各该此本这那某哪几多数若逐单首全整第诸任两一二三四五六七八九十百千万亿零〇余";
// The same as a bitmap (bmp_bits): one test where a walk of the 40 characters was ~2 % of the reader's
// instructions. All of them are 〇 or CJK ideographs: the rest of the plane answers at once, which keeps
// the compiler's evaluation short.
constexpr bool is_demonstrative(char32_t c) {
    if (c != U'〇' && (c < 0x4E00 || c > 0x9FFF)) return false;
    for (const char32_t d : demonstratives)
        if (d == c) return true;
    return false;
}
constexpr slot_word slot_words[] = {
    {U"项", U"立专事款强弱选分项用要细进销奖大小子同缺漏列结前后上下末附加减", U"目下链背数"},
    {U"件", U"文条案事软硬零部配邮稿证信物要附组器元铸构工锻机急快函来专子插挂备散原复摘样密寄收发送取退批重", U"事数"},
    {U"家",
     U"国专大业学作厂商农独行名画人老管自本东买卖玩店酒皇公儒道法兵赢输藏船庄冤亲婆娘成安回在居当发起持养住搬离术",
     U"庭园乡电具属政居族长风访门里中底用禽畜务境教人业私产常当书数"},
    {U"名",
     U"排报提命署知著签实冠联点有更成题姓地品书域罪芳美驰匿功虚出盛浮齐同化威声闻扬挂除留慕莫艺人真俗学别列记具正大小",
     U"单称额录义字片牌优师校医人誉列次下气声胜家企品言城著贵流利目号分副望将曲作山茶"},
    {U"万元", U"", U"户以级"},
    {U"亿元", U"", U"以级"},
    {U"人次", U"", U""},
    {U"家次", U"", U""},
    {U"个百分点", U"", U"", false},
    {U"百分点", U"个", U"", false},
};

// Words that name an amount (成交额, 经费, 资金): 万元 or 亿元 right after one stands for a lost
// number whatever the verb (超亿元, 近亿元, 上亿元 are about 1亿: 超/近/上 are not among them).
bool names_an_amount(char32_t c) { return c == U'额' || c == U'费' || c == U'金'; }

// "% " after a word that stands alone after a blank ("指标名称 单位 2023年 增长%"): a table's column
// label, not a rate that lost its number.
bool column_label(const code_points& cps, std::size_t k) {
    std::size_t b = k;
    while (b > 0 && is_ideograph(cps[b - 1].c)) --b;
    const bool cell_before = b > 0 && b < k && is_blank(cps[b - 1].c);
    const bool cell_after =
        k + 1 >= cps.size() || is_blank(cps[k + 1].c) || cps[k + 1].c == '\n' || cps[k + 1].c == '\r';
    return cell_before && cell_after;
}

// "共收集企业难题项", "推荐名候选人", "占比达到%": a measure word after a word, not after a number.
bool empty_slot_at(std::string_view text, const code_points& cps, std::size_t k, scanned& s) {
    const char32_t at = cps[k].c;  // % or the first character of a slot word; most calls are at a digit
    if (at != '%' && at != U'项' && at != U'件' && at != U'家' && at != U'名' && at != U'万' && at != U'亿' &&
        at != U'人' && at != U'个' && at != U'百')
        return false;
    if (k == 0) return false;
    // "获批立项 项", "同比增长 %，": blanks between the word and the measure word, which are then no
    // part of it. A % after blanks is a slot only with text after it on its line: "增长 %" ending a
    // line is a table's column label.
    std::size_t word_end = k;
    while (word_end > 0 && k - word_end < 3 &&
           (is_blank(cps[word_end - 1].c) || (at == '%' && cps[word_end - 1].c == U'\u3000')))
        --word_end;
    const auto text_after = [&] {  // "增长 %，", "增长 % 。": not a table's label ("增长 %" then a cell)
        std::size_t j = k + 1;
        if (j < cps.size() && !is_blank(cps[j].c) && cps[j].c != U'\u3000' && cps[j].c != '\n' && cps[j].c != '\r')
            return true;
        while (j < cps.size() && (is_blank(cps[j].c) || cps[j].c == U'\u3000')) ++j;
        return j < cps.size() && cps[j].c != '\n' && cps[j].c != '\r' && one_of(cps[j].c, U"，。；：、）！？,;)");
    };
    // "引进新品种、新技术⏎项，": a measure word opening a line after a word, the digits lost where a
    // PDF's line wrapped, stands for a number as after a blank (with text after it on its line).
    const std::size_t cr = k >= 2 && cps[k - 1].c == '\n' && cps[k - 2].c == '\r' ? 1 : 0;
    const bool wrapped = at != '%' && word_end == k && k >= 2 + cr && cps[k - 1].c == '\n' && k + 1 < cps.size() &&
                         cps[k + 1].c != '\n' && cps[k + 1].c != '\r';
    if (wrapped) word_end = k - 1 - cr;
    const bool spaced =
        word_end < k && word_end > 0 && is_ideograph(cps[word_end - 1].c) && (at != '%' || text_after());
    if (word_end < k && !spaced) return false;
    if (spaced && at != '%' && !wrapped && word_end != k - 1) return false;  // a measure word: one blank, as before
    const char32_t before = cps[spaced ? word_end - 1 : k - 1].c;
    if (!is_ideograph(before) || bmp_bits<is_demonstrative>::has(before) || before == U'成') return false;
    // 近亿元, 上万元, 超亿元: the magnitude is the figure, a bound (bounded_magnitude), no lost number.
    if (!spaced && (at == U'万' || at == U'亿') && bounded_magnitude(cps, k)) return false;
    std::size_t length = 0;
    if (at == '%') {
        length = column_label(cps, k) ? 0 : 1;
    } else {
        for (const auto& w : slot_words) {
            if (!starts_with(cps, k, w.word)) continue;
            // 立项 is a word, but "获批立项项" names the measure word twice: the second lost its number.
            const bool doubled =
                w.word.size() == 1 && before == w.word[0] && k >= 2 && one_of(cps[k - 2].c, w.not_after);
            if (!spaced && !doubled && one_of(before, w.not_after)) continue;
            const std::size_t after = k + w.word.size();
            if (after < cps.size() && one_of(cps[after].c, w.not_before)) continue;
            // "技术交易额 亿元 96.4", "授权专利件 4215": a table's unit column, its cells after blanks.
            std::size_t cell = after;
            while (cell < cps.size() && is_blank(cps[cell].c)) ++cell;
            if (cell > after && (spaced || (cell < cps.size() && is_digit(cps[cell].c)))) continue;
            const bool amount = (w.word == U"万元" || w.word == U"亿元") && names_an_amount(before);
            if (w.needs_verb && !amount && !count_verb_before(cps, word_end)) continue;
            length = w.word.size();
            break;
        }
    }
    if (!length) return false;
    s = scanned{};
    s.q.value = s.q.high = std::numeric_limits<double>::quiet_NaN();
    s.q.unit = slice(text, cps, k, k + length);
    s.first = k, s.last = k + length;
    s.q.begin = cps[k].begin, s.q.end = cps.end_of(k + length - 1);
    s.damage = "empty_slot";
    return true;
}

bool is_open_bracket(char32_t c) { return c == U'〔' || c == '[' || c == U'【'; }
bool is_close_bracket(char32_t c) { return c == U'〕' || c == ']' || c == U'】'; }
bool is_open_paren(char32_t c) { return c == U'（' || c == '('; }
bool is_close_paren(char32_t c) { return c == U'）' || c == ')'; }

// A document number (科发〔2019〕19号) is a reference, not a figure; with a hole in it
// ("〔20〕19号", "[201]9号") it is a damaged reference. Returns its length, 0 if there is none at k.
std::size_t document_number_at(std::string_view text, const code_points& cps, std::size_t k,
                               std::vector<report_finding>* findings) {
    // In parentheses ("江政办（2023）15号") only with a whole year: "（3）5项" is a list item's number.
    const bool paren = is_open_paren(cps[k].c);
    if (!paren && !is_open_bracket(cps[k].c)) return 0;
    std::size_t i = k + 1;
    while (i < cps.size() && is_digit(cps[i].c)) ++i;
    const std::size_t year_digits = i - k - 1;
    if (year_digits == 0 || year_digits > 4 || i >= cps.size() ||
        !(paren ? is_close_paren(cps[i].c) : is_close_bracket(cps[i].c)))
        return 0;
    if (paren && (year_digits != 4 || cps[k + 1].c == '0')) return 0;
    const std::size_t number_start = ++i;
    while (i < cps.size() && is_digit(cps[i].c)) ++i;
    if (i >= cps.size() || cps[i].c != U'号') return 0;
    ++i;
    int year = 0;
    for (std::size_t j = k + 1; j < k + 1 + year_digits; ++j) year = year * 10 + static_cast<int>(cps[j].c - '0');
    if (findings && (year_digits != 4 || year < 1949 || year > 2100 || i - 1 == number_start))
        findings->push_back(make_finding(text, cps, k, i, "damaged_reference",
                                         "a document number with a hole (its year is not four digits or its number is "
                                         "missing): a reference, not a figure"));
    return i - k;
}

}  // namespace
}  // namespace zhibiao
