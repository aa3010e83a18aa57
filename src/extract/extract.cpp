// Report text → quantities and facts (extract.hpp): the entry points of the report reader. The text is
// decoded into code points with their byte offsets a chunk at a time (a few dozen kB ending at a
// line break or 。: no rule looks across one), into one array reused for every chunk so that it
// stays in cache; numbers, units, qualifiers and periods are read off that array. Beside each code
// point the decoder writes a class byte (char_classes(): which walks stop there), so that the walks
// over a chunk jump from stop to stop instead of testing every code point. Offsets in the results
// are document offsets.
// The reader's layers are headers in src/extract/, included here in the order of its data flow (decode → numbers
// → periods → damage → stated_periods → lines → scan → lexicon → findings → distinctions → chunk_indexes →
// facts) and compiled as this one translation unit: their code runs per code point or per figure and shares
// internal types, and only one translation unit keeps it inlined (bench/NOTES.md, round 27).
#include "zhibiao/extract.hpp"

#include <atomic>
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <deque>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <unordered_map>

#include <fast_float/fast_float.h>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "io/encoding.hpp"
#include "core/text.hpp"
#include "core/try_parse_unit.hpp"
#include "extract/decode.hpp"
#include "extract/numbers.hpp"
#include "extract/periods.hpp"
#include "extract/damage.hpp"
#include "extract/stated_periods.hpp"
#include "extract/lines.hpp"
#include "extract/scan.hpp"
#include "extract/lexicon.hpp"
#include "extract/findings.hpp"
#include "extract/distinctions.hpp"
#include "extract/chunk_indexes.hpp"
#include "extract/facts.hpp"
#include "extract/lent_indexes.hpp"
#include "io/toml.hpp"
#include "zhibiao/detail/edit_distance.hpp"
#include "zhibiao/error.hpp"
#include "zhibiao/interrupt.hpp"
#include "zhibiao/period.hpp"
#include "zhibiao/units.hpp"

namespace zhibiao {
extern const char* const builtin_extract_lexicon;

namespace {

// ---- A report broken into lines as a PDF converter breaks it ----------------------------------
//
// Text converted from PDF breaks every line of the page, every 20-40 characters, inside sentences
// and inside phrases ("高新技术⏎企业"), and a line break ends a clause. When the report is broken
// that way, such a break is read as if it were not there: the text is read with it removed, the
// offsets mapped back to the text given. A break is soft when
//   - the report is wrapped: at least 3 lines end inside a sentence (an ideograph, a digit or a
//     mark such as ， before the break, one after it) or inside a figure (2⏎41, 0.⏎9), half of
//     their widths (a CJK character 2 columns, ASCII 1) lie within a fifth of their median W ≥ 20
//     columns, and 9 lines in 10 (not rows of a table) are no wider than 1.25 W: prose that is
//     not wrapped has paragraphs far wider than its headings;
//   - the line before is full (at least 3/4 W wide) and ends inside a sentence; or it ends inside
//     a figure (12⏎386件), the wrap is tight (5 breaks between words or more, two in three of
//     their lines within 2 columns of W) and the line is that full (within 2 columns of W): else
//     a figure split by a break stays damaged, split_digits;
//   - neither line is a row of a table (blanks between cells), the next line opens no list item
//     (5、, 2., 一、, （一）: the list number opens its line; 3.2亿元 is a figure) and is no page's
//     header or footer (a number alone, 第5页).
// A line that opens with 、 (its list number lost) or after a 。 starts a new line as before.

struct line_info {
    std::size_t begin = 0, end = 0;  // bytes of the line, without its break
    std::size_t brk = 0;             // bytes of its break (1 for \n, 2 for \r\n, 0 at the end)
    std::size_t width = 0;           // columns
    bool table_row = false;          // blanks between two cells
    bool stays = false;  // of a line ending inside a sentence: a heading's, or before a list item or a page line
};

// A full-width form as decode() reads it (１２．５％ as 12.5%), so a line of a PDF converted with
// full-width digits ends inside a figure as one with ASCII digits does.
char32_t as_decoded(char32_t c) { return c >= 0xFF01 && c <= 0xFF5E ? c - 0xFF01 + 0x21 : c; }

// The code point that ends at byte `end` (after `begin`), as decode() reads it; 0 if none or not UTF-8.
char32_t code_point_before(std::string_view text, std::size_t begin, std::size_t end) {
    if (end > begin && static_cast<unsigned char>(text[end - 1]) < 0x80)
        return static_cast<unsigned char>(text[end - 1]);
    std::size_t b = end;
    while (b > begin && end - b < 4 && (static_cast<unsigned char>(text[b - 1]) & 0xC0) == 0x80) --b;
    if (b == begin) return 0;
    --b;
    return as_decoded(utf8_code_point(reinterpret_cast<const unsigned char*>(text.data()) + b, end - b));
}

char32_t code_point_from(std::string_view text, std::size_t begin, std::size_t end) {
    if (begin >= end) return 0;
    const auto c = static_cast<unsigned char>(text[begin]);
    if (c < 0x80) return c;
    const std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (begin + n > end) return 0;
    return as_decoded(utf8_code_point(reinterpret_cast<const unsigned char*>(text.data()) + begin, n));
}

bool wraps_inside(char32_t c) { return is_ideograph(c) || is_digit(c) || is_letter(c); }
// A full line may also end with a mark inside a sentence ("…3.6亿元，⏎同比增长18.5%"): the break
// after it is no sentence's end either (after 。！？；： it stays one), or with the & of R&⏎D.
bool wraps_after(char32_t c) { return wraps_inside(c) || one_of(c, U"，、%）”》,)&"); }
// and the next line may open with a mark that never opens one (…28项⏎，获批立项; the & of R⏎&D): not
// 、, whose line lost its list number.
bool wraps_before(char32_t c) { return wraps_inside(c) || one_of(c, U"（“《(，。；：%）”》,;:)&"); }
// Two digits, or a digit and a point, on either side of a break: a figure broken by the wrap (or by
// digits lost). It tells that the report is wrapped, but the break stays (split_digits).
bool inside_figure(char32_t before, char32_t after) {
    return (is_digit(before) || before == '.') && (is_digit(after) || after == '.') && !(before == '.' && after == '.');
}
// A break inside a sentence: the report is wrapped where several lines end so.
// A 、 opening the next line after a word or a digit ("其中国家级12个⏎、省级67个") goes on with a list
// the wrap broke; after 。 (a line of its own, "、科技服务。") it lost its list number.
bool mid_sentence(char32_t before, char32_t after) {
    return (wraps_after(before) && wraps_before(after)) || inside_figure(before, after) ||
           (after == U'、' && wraps_inside(before));
}

// Opens a list item or is a page's header or footer: never joined to the line before.
bool item_or_page_line(std::string_view line) {
    fixed_list<char32_t, 24> cps;  // a u32string here was an allocation at every line break read
    // A marker is read from the first 6 code points (its digits end by the 5th, one after them);
    // only a line short enough to be a page line is read further.
    const std::size_t wanted = line.size() <= 36 ? 24 : 6;
    for (std::size_t b = 0; b < line.size() && cps.size() < wanted;) {
        const char32_t c = code_point_from(line, b, line.size());
        if (c == 0) break;
        cps.push_back(c);
        const auto lead = static_cast<unsigned char>(line[b]);
        b += lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    }
    const std::size_t open = !cps.empty() && one_of(cps[0], U"（(") ? 1 : 0;  // （一） (2)
    std::size_t j = open;
    while (j < cps.size() && (is_digit(cps[j]) || chinese_digit(cps[j]) >= 0)) ++j;
    const bool decimal = j + 1 < cps.size() && one_of(cps[j], U".．") && is_digit(cps[j + 1]);  // 3.2亿元
    if (j > open && j < cps.size() && j <= 3 + open && !decimal && one_of(cps[j], open ? U")）" : U"、.．)）"))
        return true;  // 5、 2. 一、 （一）
    // 第5页, 第 5 页 共 12 页, 5: a page line is short and holds only these
    return line.size() <= 36 && std::all_of(cps.begin(), cps.end(), [](char32_t c) {
               return is_digit(c) || is_blank(c) || is_dash(c) || one_of(c, U"第页共—－-");
           });
}

// No clause mark (，。；、) in the line: a heading or a table's row, not a sentence. Not ",": 1,206.8.
bool without_clause_mark(std::string_view line) {
    for (const std::string_view mark : {"，", "。", "；", "、"})
        if (line.find(mark) != std::string_view::npos) return false;
    return true;
}

// A heading: a list item's marker opens it ("二、科技经费投入情况（万元）") and no clause mark follows
// (、 after the marker aside). It ends its line: the sentence after it is not its continuation.
bool heading_line(std::string_view line) {
    if (!item_or_page_line(line)) return false;
    const std::size_t mark = line.find("、");
    return without_clause_mark(mark == std::string_view::npos || mark > 12 ? line : line.substr(mark + 3));
}

// Blanks between two cells and no clause mark: a row of a table, whose breaks are no wrap's. A
// line of prose with a stray blank ("３．６５亿 元，同比") is no row.
bool table_row_line(std::string_view line) {
    // Blanks are rare in prose. (A loop, not find_first_of: that calls memchr per byte.)
    if (!std::any_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t'; }) ||
        !without_clause_mark(line))
        return false;
    bool cell = false, blank = false;
    for (const char c : line) {
        if (c == ' ' || c == '\t') {
            blank = cell;
        } else {
            if (blank) return true;
            cell = true;
        }
    }
    return false;
}

// The breaks to read as if they were not there: byte offsets and sizes, in order.
std::vector<std::pair<std::size_t, std::size_t>> wrap_breaks(std::string_view text) {
    std::vector<std::pair<std::size_t, std::size_t>> breaks;
    // Cheap first: most reports have no line that ends inside a sentence.
    std::size_t candidates = 0;
    for (const char* p = text.data();
         (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(text.data() + text.size() - p))));
         ++p) {
        const auto at = static_cast<std::size_t>(p - text.data());
        const std::size_t end = at > 0 && text[at - 1] == '\r' ? at - 1 : at;
        const char32_t before = code_point_before(text, 0, end), after = code_point_from(text, at + 1, text.size());
        if (mid_sentence(before, after) && ++candidates >= 3) break;
    }
    if (candidates < 3) return breaks;
    // The lines of the first `limit` bytes (whole lines), then their wrap width, 0 if not wrapped.
    std::vector<line_info> lines;
    std::vector<std::size_t> wrapped;  // lines ending inside a sentence
    const auto read_lines = [&](std::size_t limit) {
        lines.clear(), wrapped.clear();
        for (std::size_t from = 0; from <= text.size() && from < limit;) {
            line_info l;
            l.begin = from;
            const void* nl = std::memchr(text.data() + from, '\n', text.size() - from);
            const std::size_t at =
                nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - text.data()) : text.size();
            l.end = at > from && text[at - 1] == '\r' ? at - 1 : at;
            l.brk = nl ? at + 1 - l.end : 0;
            for (std::size_t b = l.begin; b < l.end; ++b) {  // no branch: the compiler vectorizes it
                const auto c = static_cast<unsigned char>(text[b]);
                l.width += static_cast<std::size_t>(c < 0x80) + 2 * static_cast<std::size_t>(c >= 0xC0);
            }
            const std::string_view line = text.substr(l.begin, l.end - l.begin);
            l.table_row = table_row_line(line);
            lines.push_back(l);
            if (!nl) break;
            from = at + 1;
        }
        std::vector<std::size_t> widths;  // of prose lines
        for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
            const line_info &l = lines[i], &next = lines[i + 1];
            if (!l.table_row && l.width > 0) widths.push_back(l.width);
            const char32_t before = code_point_before(text, l.begin, l.end),
                           after = code_point_from(text, next.begin, next.end);
            if (!l.table_row && !next.table_row && mid_sentence(before, after)) wrapped.push_back(i);
        }
        if (wrapped.size() < 3) return std::size_t{0};
        // A heading, or a title or a paragraph's last line before a list item, is no line the wrap
        // ended (its break stays, below): its width would pull the median down, below the lines'.
        std::vector<std::size_t> w;
        for (std::size_t i : wrapped) {
            line_info& l = lines[i];
            l.stays = heading_line(text.substr(l.begin, l.end - l.begin)) ||
                      item_or_page_line(text.substr(lines[i + 1].begin, lines[i + 1].end - lines[i + 1].begin));
            if (!l.stays) w.push_back(l.width);
        }
        if (w.size() < 3) return std::size_t{0};
        std::nth_element(w.begin(), w.begin() + static_cast<std::ptrdiff_t>(w.size() / 2), w.end());
        const std::size_t median = w[w.size() / 2];
        const auto near = [&](std::size_t x) { return 5 * x >= 4 * median && 5 * x <= 6 * median; };
        if (median < 20 || 2 * static_cast<std::size_t>(std::count_if(w.begin(), w.end(), near)) < w.size())
            return std::size_t{0};
        const auto p90 = widths.begin() + static_cast<std::ptrdiff_t>(widths.size() * 9 / 10);
        std::nth_element(widths.begin(), p90, widths.end());
        return p90 != widths.end() && 4 * *p90 > 5 * median ? std::size_t{0} : median;
    };
    // Decided on the first 256 kB (a report that is not wrapped costs no more), then read whole.
    constexpr std::size_t sample = std::size_t{1} << 18;
    std::size_t median = read_lines(sample);
    if (median && text.size() > sample) median = read_lines(text.size());
    if (!median) return breaks;
    // A tight wrap, told by breaks between words alone (a break inside a figure proves nothing: its
    // digits may be lost): at least 5 of them, two in three within a CJK character of the median
    // width (a converter breaks at a fixed width, a character or a mark more or less).
    const auto full = [&](std::size_t width) { return width + 2 >= median && width <= median + 2; };
    std::size_t words = 0, tight = 0;
    for (std::size_t i : wrapped) {
        const line_info &l = lines[i], &next = lines[i + 1];
        if (inside_figure(code_point_before(text, l.begin, l.end), code_point_from(text, next.begin, next.end)))
            continue;
        ++words, tight += full(l.width) ? 1 : 0;
    }
    const bool confident = words >= 5 && 3 * tight >= 2 * words;
    for (std::size_t i : wrapped) {
        const line_info &l = lines[i], &next = lines[i + 1];
        if (l.stays) continue;  // after a heading, before a list item or a page line
        if (inside_figure(code_point_before(text, l.begin, l.end), code_point_from(text, next.begin, next.end))) {
            // 12⏎3件 at the end of a full line of a tight wrap: the converter broke the figure there,
            // it is 123件. Else (a short line, a loose wrap: digits may be lost) it stays split_digits.
            // A line wider than the wrap lost no digits at its end (half-width digits and marks
            // make a line of the same print width count more columns): it is full too.
            if (confident && l.width + 2 >= median) breaks.emplace_back(l.end, l.brk);
            continue;
        }
        if (4 * l.width >= 3 * median) breaks.emplace_back(l.end, l.brk);
    }
    return breaks;
}

// "全年新认定高新技术企业⏎18家": a line of prose (a clause mark in it) ending with a whole phrase of
// the lexicon at byte `end`, and the next line, at byte `next`, opening with a figure — digits and
// a measure word right after them, no date —, as a PDF converter breaks a sentence: the phrase's
// figure. Not a list item (2.人才工作) or a page's line there, nor a table's cells (blanks after digits).
bool phrase_before_figure(std::string_view text, const lexicon& words, std::size_t end, std::size_t next) {
    const auto digit = [](char32_t c) { return is_digit(c) || (c >= U'０' && c <= U'９'); };
    if (!digit(code_point_from(text, next, text.size()))) return false;
    const std::size_t next_end = std::min(text.find('\n', next), text.size());
    if (item_or_page_line(text.substr(next, next_end - next))) return false;
    std::size_t k = next;
    char32_t c = 0;
    while (k < next_end && (c = code_point_from(text, k, next_end), digit(c) || one_of(c, U".．,，")))
        k += c < 0x80 ? 1 : 3;
    if (k >= next_end || !is_ideograph(c) || one_of(c, U"年月日")) return false;
    const std::size_t newline = end == 0 ? std::string_view::npos : text.rfind('\n', end - 1);
    const std::size_t line = newline == std::string_view::npos ? 0 : newline + 1;
    if (without_clause_mark(text.substr(line, end - line))) return false;
    for (const lexicon_entry& e : words)
        for (const std::string& phrase : e.phrases)
            if (end - line >= phrase.size() && text.compare(end - phrase.size(), phrase.size(), phrase) == 0)
                return true;
    return false;
}

// In a report that is not wrapped, a line break between two ideographs inside a phrase of the
// lexicon ("全县研发⏎费用加计扣除…", "技术合同⏎成交额"): the phrase runs across it, the break is no
// clause's end. Not before a list item or a page's line. Nor is one between a phrase and its
// figure (phrase_before_figure).
phrase_cuts::phrase_cuts(const lexicon& words) {
    for (const lexicon_entry& e : words)
        for (const std::string& phrase : e.phrases)
            for (std::size_t cut = 1; cut < phrase.size(); ++cut)
                if ((static_cast<unsigned char>(phrase[cut]) & 0xC0) != 0x80)
                    by_last[code_point_before(phrase, 0, cut)].emplace_back(std::string_view(phrase).substr(0, cut),
                                                                            std::string_view(phrase).substr(cut));
}

const phrase_cuts& cuts_for(const lexicon& words, std::optional<phrase_cuts>& own);  // end of file

std::vector<std::pair<std::size_t, std::size_t>> phrase_breaks(std::string_view text, const lexicon& words) {
    std::vector<std::pair<std::size_t, std::size_t>> breaks;
    std::optional<phrase_cuts> own;
    const phrase_cuts* cuts = nullptr;  // made at the first such break: most texts have few
    const auto ends_with_bytes = [&](std::size_t end, std::string_view w) {
        return end >= w.size() && text.compare(end - w.size(), w.size(), w) == 0;
    };
    const auto starts_with_bytes = [&](std::size_t from, std::string_view w) {
        return text.size() - from >= w.size() && text.compare(from, w.size(), w) == 0;
    };
    for (const char* p = text.data();
         (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(text.data() + text.size() - p))));
         ++p) {
        const auto at = static_cast<std::size_t>(p - text.data());
        const std::size_t end = at > 0 && text[at - 1] == '\r' ? at - 1 : at;
        // between two characters of a word: ideographs, or the Latin letters of R&D, GDP, PCT (R&⏎D经费)
        const auto word = [](char32_t c) {
            return is_ideograph(c) || (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z') || c == U'&';
        };
        if (word(code_point_before(text, 0, end)) && phrase_before_figure(text, words, end, at + 1)) {
            breaks.emplace_back(end, at + 1 - end);
            continue;
        }
        if (!word(code_point_before(text, 0, end)) || !word(code_point_from(text, at + 1, text.size()))) continue;
        const std::size_t next_end = std::min(text.find('\n', at + 1), text.size());
        if (item_or_page_line(text.substr(at + 1, next_end - at - 1))) continue;
        if (!cuts) cuts = &cuts_for(words, own);
        const auto found = cuts->by_last.find(code_point_before(text, 0, end));
        if (found == cuts->by_last.end()) continue;
        for (const auto& [head, tail] : found->second)
            if (ends_with_bytes(end, head) && starts_with_bytes(at + 1, tail)) {
                breaks.emplace_back(end, at + 1 - end);
                break;
            }
    }
    return breaks;
}

// A page's header or footer line as scan() skips it (page_marker_end: "— 2 —", "第4页 共5页", a
// number alone), `line` without its break.
bool page_line(std::string_view line) {
    std::size_t invalid = 0;
    const code_points cps = decode(line, invalid);
    return !cps.empty() && page_marker_end(cps, 0, true) != 0;
}

// A running header or footer line (running_head_end), `line` without its break.
bool running_head_line(std::string_view line) {
    std::size_t invalid = 0;
    const code_points cps = decode(line, invalid);
    return !cps.empty() && running_head_end(cps, 0) == cps.size();
}

// Digits and then 年, 月 or 日 at byte `from`: a date, no figure.
bool opens_with_a_date(std::string_view text, std::size_t from) {
    std::size_t b = from;
    for (char32_t c; (c = code_point_from(text, b, text.size())) != 0 && is_digit(c);)
        b += static_cast<unsigned char>(text[b]) < 0x80 ? 1 : 3;  // an ASCII or a full-width digit
    const char32_t after = code_point_from(text, b, text.size());
    return b > from && (after == U'年' || after == U'月' || after == U'日');
}

// "…213家，同比增长⏎南坪县科学技术局⏎— 2 —⏎21.1%": a line that ends with a change word whose figure
// opens a later line, past blank lines and a page's header or footer, as a conversion from PDF
// leaves it. The break and the page's lines between are read as if they were not there (offsets
// and the size removed, in order): the change is the figure's, as on one line. A line of a table
// (blanks between cells) or a list item (2.人才工作) after it is no such figure.
std::vector<std::pair<std::size_t, std::size_t>> change_breaks(std::string_view text) {
    std::vector<std::pair<std::size_t, std::size_t>> breaks;
    static constexpr std::string_view change_words[] = {"同比", "增长", "下降", "提高", "降低", "减少", "增加",
                                                        "提升", "净增", "净减", "增幅", "降幅", "上升"};
    const auto ends_with_change = [&](std::size_t end) {
        for (std::string_view tail : {"了", "为", ""}) {
            if (end < tail.size() || text.compare(end - tail.size(), tail.size(), tail) != 0) continue;
            const std::size_t e = end - tail.size();
            for (std::string_view w : change_words)
                if (e >= w.size() && text.compare(e - w.size(), w.size(), w) == 0) return true;
        }
        return false;
    };
    const auto line_at = [&](std::size_t from) {  // the line from byte `from`, without its break
        const std::size_t nl = std::min(text.find('\n', from), text.size());
        const std::size_t end = nl > from && text[nl - 1] == '\r' ? nl - 1 : nl;
        return std::pair<std::string_view, std::size_t>{text.substr(from, end - from), nl};
    };
    const auto blank_line = [](std::string_view line) {
        return std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t'; });
    };
    for (const char* p = text.data();
         (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(text.data() + text.size() - p))));
         ++p) {
        const auto at = static_cast<std::size_t>(p - text.data());
        std::size_t end = at > 0 && text[at - 1] == '\r' ? at - 1 : at;
        while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
        // the last characters of the words (and of 了, 为) first: most lines end with 。
        if (!one_of(code_point_before(text, 0, end), U"比长降高低少加升增减幅了为") || !ends_with_change(end) ||
            (!breaks.empty() && end < breaks.back().first + breaks.back().second))
            continue;
        const std::size_t line_begin = text.rfind('\n', end == 0 ? 0 : end - 1);
        const std::size_t own_from = line_begin == std::string_view::npos ? 0 : line_begin + 1;
        const std::string_view own = text.substr(own_from, end - own_from);
        if (table_row_line(own) || heading_line(own)) continue;  // 一、科技投入稳步增长 ends its line
        // the lines after it: blank (0), a page's number (1), a running header (2), up to the figure's
        std::vector<int> kinds;
        std::size_t from = at + 1, content = 0;
        for (int lines = 0; lines < 8 && from < text.size(); ++lines) {
            const auto [line, nl] = line_at(from);
            std::size_t b = 0;
            while (b < line.size() && (line[b] == ' ' || line[b] == '\t')) ++b;
            if (blank_line(line)) {
                kinds.push_back(0);
            } else if (page_line(line)) {
                kinds.push_back(1);
            } else if (is_digit(code_point_from(line, b, line.size())) && !item_or_page_line(line.substr(b)) &&
                       !table_row_line(line)) {
                content = from + b;
                break;
            } else if (running_head_line(line)) {
                kinds.push_back(2);
            } else {
                break;
            }
            from = nl + 1;
        }
        if (!content || opens_with_a_date(text, content)) continue;  // ⏎2025年，… is no change's figure
        // a running header only beside a page's number (blank lines aside): else it is a line of its own
        bool sound = true;
        for (std::size_t i = 0; i < kinds.size() && sound; ++i) {
            if (kinds[i] != 2) continue;
            const auto page_beside = [&](std::ptrdiff_t step) {
                for (auto j = static_cast<std::ptrdiff_t>(i) + step;
                     j >= 0 && j < static_cast<std::ptrdiff_t>(kinds.size()); j += step)
                    if (kinds[static_cast<std::size_t>(j)] != 0) return kinds[static_cast<std::size_t>(j)] == 1;
                return false;
            };
            sound = page_beside(-1) || page_beside(1);
        }
        if (sound) breaks.emplace_back(end, content - end);
    }
    return breaks;
}

// The breaks read as if they were not there: a wrapped report's (wrap_breaks), else the line
// breaks inside a phrase of the lexicon (phrase_breaks); and the breaks between a change word and
// its figure (change_breaks), which take the place of those inside them.
std::vector<std::pair<std::size_t, std::size_t>> soft_breaks(std::string_view text, const lexicon& words) {
    auto breaks = wrap_breaks(text);
    if (breaks.empty()) breaks = phrase_breaks(text, words);
    const auto links = change_breaks(text);
    if (links.empty()) return breaks;
    std::vector<std::pair<std::size_t, std::size_t>> merged;
    merged.reserve(breaks.size() + links.size());
    std::size_t next = 0;
    for (const auto& link : links) {
        for (; next < breaks.size() && breaks[next].first < link.first; ++next)
            if (merged.empty() || breaks[next].first >= merged.back().first + merged.back().second)
                merged.push_back(breaks[next]);
        while (next < breaks.size() && breaks[next].first < link.first + link.second) ++next;  // inside the link
        if (!merged.empty() && merged.back().first + merged.back().second > link.first) merged.pop_back();
        merged.push_back(link);
    }
    for (; next < breaks.size(); ++next) merged.push_back(breaks[next]);
    return merged;
}

// Offsets in the text without the soft breaks → offsets in the text given. A begin at a removed
// break's place is after it, an end there before it. A break is a line break (as many code points
// as bytes) or, after a change word, a page's lines too (change_breaks): code points are counted.
class break_map {
public:
    struct moved {
        std::size_t bytes = 0, chars = 0;
    };
    break_map(std::string_view text, const std::vector<std::pair<std::size_t, std::size_t>>& breaks) {
        moved removed;
        for (const auto& [at, size] : breaks) {
            at_.push_back(at - removed.bytes), removed.bytes += size;
            for (std::size_t b = at; b < at + size; ++b)
                removed.chars += (static_cast<unsigned char>(text[b]) & 0xC0) != 0x80 ? 1 : 0;
            shift_.push_back(removed);
        }
    }
    // How far a begin (`end` false) or an end at byte `joined` of the joined text moves. Offsets
    // mostly come in order: a cursor walks on from the last answer (a binary search when one goes back).
    moved shift(std::size_t joined, bool end) {
        const auto before = [&](std::size_t at) { return end ? at < joined : at <= joined; };
        if (cursor_ > 0 && !before(at_[cursor_ - 1])) {
            const auto it = end ? std::lower_bound(at_.begin(), at_.end(), joined)
                                : std::upper_bound(at_.begin(), at_.end(), joined);
            cursor_ = static_cast<std::size_t>(it - at_.begin());
        }
        while (cursor_ < at_.size() && before(at_[cursor_])) ++cursor_;
        return cursor_ == 0 ? moved{} : shift_[cursor_ - 1];
    }

private:
    std::vector<std::size_t> at_;
    std::vector<moved> shift_;
    std::size_t cursor_ = 0;  // the breaks before the last offset asked for
};

}  // namespace

bool parse_chinese_number(std::string_view text, double& value, bool& out_of_range) {
    std::size_t invalid = 0;
    const code_points cps = decode(text, invalid);
    out_of_range = false;
    if (invalid || cps.empty()) return false;
    const char* why = nullptr;
    const std::optional<double> v = chinese_value(cps, 0, cps.size(), &why);
    if (why) throw parse_error(std::string("'") + std::string(text) + "' is not a Chinese numeral: " + why);
    if (!v) return false;
    // 亿亿 (10^16, 每秒亿亿次) is read as a report reads it (chinese_numeral_at): a magnitude
    // written twice is no figure a report states, whatever prose about speeds means by it.
    for (std::size_t k = 1; k < cps.size() && std::isfinite(*v); ++k)  // beyond a double: out_of_range
        if (cps[k].c == U'亿' && cps[k - 1].c == U'亿')
            throw parse_error(std::string("'") + std::string(text) +
                              "' is not a figure: a magnitude written twice (亿亿): write it in digits");
    out_of_range = !std::isfinite(*v);
    value = out_of_range ? std::numeric_limits<double>::quiet_NaN() : *v;
    return true;
}

bool parse_chinese_number(std::string_view text, double& value) {
    bool out_of_range = false;
    return parse_chinese_number(text, value, out_of_range);
}

std::string replace_invalid_utf8(std::string_view text) {
    std::size_t invalid = 0;
    const code_points cps = decode(text, invalid);
    return invalid ? quote(text, cps, 0, cps.size()) : std::string(text);
}

decoded_report decode_report(std::string_view bytes) {
    decoded_report out;
    const bool utf8_bom = bytes.substr(0, 3) == "\xEF\xBB\xBF";
    const std::string_view body = utf8_bom ? bytes.substr(3) : bytes;
    // UTF-16 (with a byte order mark or the NUL pattern without one) and workbooks: decode_text decides.
    const detail::sniffed kind = detail::sniff(bytes);
    const bool utf16 = kind != detail::sniffed::text && kind != detail::sniffed::binary;
    // Stray bytes against well-formed multi-byte characters: GB18030 text has next to none of the
    // latter, a UTF-8 report with a damaged byte has many.
    std::size_t well_formed = 0;
    std::vector<std::size_t> stray;
    for (std::size_t at = 0; !utf16 && at < body.size();) {
        const std::size_t valid = detail::valid_utf8_prefix(body.substr(at));
        for (std::size_t k = at; k < at + valid; ++k) well_formed += static_cast<unsigned char>(body[k]) >= 0xC0;
        at += valid;
        if (at < body.size()) stray.push_back(at++);
    }
    std::string storage;
    if (utf16 || (stray.size() > well_formed)) {
        try {
            const std::string_view text =
                detail::decode_text(bytes, csv_options::encoding_choice::automatic, storage, out.encoding, "<report>");
            out.text = storage.empty() ? std::string(text) : std::move(storage);
            return out;
        } catch (const parse_error&) {
            if (utf16) throw;  // a byte order mark or the NUL pattern promised UTF-16, or a workbook
        }
    }
    out.encoding = utf8_bom ? "utf-8-bom" : "utf-8";
    out.text = std::string(body);
    out.invalid_bytes = stray.size();
    for (std::size_t k = 0; k < stray.size() && k < 1000; ++k)
        out.invalid_offsets.push_back(stray[k] + (utf8_bom ? 3 : 0));
    return out;
}

std::vector<quantity> find_quantities(std::string_view text) {
    std::size_t invalid = 0;
    const code_points cps = decode(text, invalid);
    std::vector<quantity> out;
    scan_state state;
    scan(text, cps, state, nullptr, nullptr, [&](const scanned& s) { out.push_back(s.q); });
    return out;
}

namespace {

// status, stage and scope of a [[variable]]: each "" or one word of its vocabulary.
void read_distinctions(const detail::toml_reader& named, lexicon_entry& e) {
    const auto one_of_words = [&](const char* key, std::initializer_list<const char*> words) {
        std::string value = named.text(key);
        if (value.empty()) return value;
        std::string allowed;
        for (const char* w : words) {
            if (value == w) return value;
            allowed += allowed.empty() ? std::string(w) : ", " + std::string(w);
        }
        named.fail(key, "must be one of " + allowed + " (not '" + value + "')");
        return value;
    };
    e.status = one_of_words("status", {"due", "done"});
    e.stage = one_of_words("stage", {"applied", "approved", "granted"});
    e.scope = one_of_words("scope", {"cumulative", "new"});
}

}  // namespace

lexicon lexicon_from_toml(std::string_view text, const std::string& source) {
    const detail::toml_document doc(text, source);
    lexicon out;
    // A misspelt key (phrase = … for phrases = …) is an error with a suggestion, never a silently
    // empty field.
    const auto known_keys = [](const toml::table& t, std::initializer_list<std::string_view> keys,
                               const std::function<void(const std::string&, const std::string&)>& fail) {
        for (const auto& [key, node] : t) {
            (void)node;
            const std::string_view k = key.str();
            if (std::find(keys.begin(), keys.end(), k) != keys.end()) continue;
            std::string list;
            for (std::string_view w : keys) list += (list.empty() ? "" : ", ") + std::string(w);
            fail(std::string(k), "is not a key (the keys are " + list + ")" +
                                     detail::suggestion(k, keys, [](std::string_view w) { return w; }));
        }
    };
    // At the top only [[variable]] tables: "key 'entry' is not a key (the keys are variable)" left
    // a C++ user who wrote [[entry]] guessing (trial 26).
    for (const auto& [key, node] : doc.root()) {
        (void)node;
        if (key.str() == "variable") continue;
        const std::string_view tables[] = {"variable"};
        detail::toml_reader(doc.root(), source, "the lexicon")
            .fail(std::string(key.str()),
                  "is not a part of a lexicon: its entries are [[variable]] tables (id, phrases, unit, …)" +
                      detail::suggestion(key.str(), tables, [](std::string_view w) { return w; }));
    }
    detail::each_toml_table(doc.root(), "variable", source, [&](const detail::toml_reader& r) {
        known_keys(r.table(),
                   {"id", "phrases", "unit", "status", "stage", "scope", "follows", "follow_phrases", "counted_in"},
                   [&](const std::string& key, const std::string& problem) { r.fail(key, problem); });
        lexicon_entry e;
        e.variable = r.text("id", true);
        const detail::toml_reader named = r.as("variable '" + e.variable + "'");
        e.phrases = named.texts("phrases");
        if (e.phrases.empty()) named.fail("phrases", "must list at least one phrase");
        for (const auto& p : e.phrases)
            if (p.empty()) named.fail("phrases", "must not hold an empty phrase");
        read_distinctions(named, e);
        e.follows = named.text("follows");
        e.follow_phrases = named.texts("follow_phrases");
        if (e.follows.empty() != e.follow_phrases.empty())
            named.fail(e.follows.empty() ? "follow_phrases" : "follows",
                       "needs 'follows' (the id of the entry they follow) and 'follow_phrases' together");
        for (const auto& p : e.follow_phrases)
            if (p.empty()) named.fail("follow_phrases", "must not hold an empty phrase");
        e.unit = named.text("unit");
        if (!e.unit.empty()) {
            try {
                (void)unit::parse(e.unit);
            } catch (const error& err) {
                named.fail("unit", err.message());
            }
        }
        e.counted_in = named.texts("counted_in");
        for (const auto& w : e.counted_in)
            if (!counts_in(w) || !is_count_word(e.unit) || w.find('/') != std::string::npos)
                named.fail("counted_in",
                           "must list measure words of counts (家, 个, 项…) for a variable counted in one ('" + w +
                               "' for '" + e.unit + "')");
        out.push_back(std::move(e));
    });
    for (const lexicon_entry& e : out) {  // `follows` names an entry of this lexicon
        if (e.follows.empty()) continue;
        const auto same = [&](const lexicon_entry& o) { return o.variable == e.follows; };
        if (std::any_of(out.begin(), out.end(), same)) continue;
        std::vector<std::string_view> ids;
        for (const lexicon_entry& o : out) ids.push_back(o.variable);
        detail::each_toml_table(doc.root(), "variable", source, [&](const detail::toml_reader& r) {
            if (r.text("id", true) == e.variable)
                r.as("variable '" + e.variable + "'")
                    .fail("follows", "names no variable of the lexicon ('" + e.follows + "')" +
                                         detail::suggestion(e.follows, ids, [](std::string_view w) { return w; }));
        });
    }
    return out;
}

namespace {
// Where the built-in lexicon lives once made: asking whether a lexicon is it must not make it (a
// caller with a lexicon of its own never pays for parsing the built-in one).
std::atomic<const lexicon*> builtin_address{nullptr};
bool is_builtin(const lexicon& words) { return &words == builtin_address.load(std::memory_order_acquire); }
}  // namespace

const lexicon& builtin_lexicon() {
    static const lexicon words = lexicon_from_toml(builtin_extract_lexicon, "data/extract.toml (built in)");
    builtin_address.store(&words, std::memory_order_release);
    return words;
}

const std::vector<std::string>& fact_flag_names() {
    static const std::vector<std::string> names = {
        "masked",        "approximate", "lower_bound",     "upper_bound",   "range",        "change",  "unit_implied",
        "unit_mismatch", "no_variable", "thousands_comma", "phrase_shared", "out_of_range", "damaged", "suspect",
        "guess",         "prior_year",  "target",          "since",         "estimate",     "part",    "start"};
    return names;
}

extraction extract(std::string_view text, const lexicon& words) { return extract(text, words, extract_options{}); }

namespace {

// Findings of each kind in the order of the text, merged as extract_table has always listed them.
struct findings_by_kind {
    std::vector<report_finding> parts, list_numbers, references;
    void merge_into(std::vector<report_finding>& findings) {
        for (auto* kind : {&parts, &list_numbers, &references})
            findings.insert(findings.end(), std::make_move_iterator(kind->begin()),
                            std::make_move_iterator(kind->end()));
        std::stable_sort(findings.begin(), findings.end(),
                         [](const report_finding& a, const report_finding& b) { return a.begin < b.begin; });
    }
};

}  // namespace

namespace {

table_extraction extract_lines(std::string_view text, const lexicon& words, const extract_options& options);
report_indexes& indexes_for(const lexicon& words, std::optional<report_indexes>& own);  // end of file

}  // namespace

table_extraction extract_table(std::string_view text, const lexicon& words, const extract_options& options) {
    check_size(text);
    const auto breaks = soft_breaks(text, words);
    if (breaks.empty()) return extract_lines(text, words, options);
    std::string joined;
    joined.reserve(text.size());
    std::size_t from = 0;
    for (const auto& [at, size] : breaks) joined.append(text.substr(from, at - from)), from = at + size;
    joined.append(text.substr(from));
    table_extraction out = extract_lines(joined, words, options);
    break_map map(text, breaks);
    fact_table& t = out.facts;
    const auto u32 = [](std::size_t v) { return static_cast<std::uint32_t>(v); };
    std::vector<std::size_t> across;  // rows whose figure holds a removed break
    for (std::size_t i = 0; i < t.size(); ++i) {
        const break_map::moved cb = map.shift(t.clause_begin[i], false);
        const break_map::moved b = map.shift(t.begin[i], false), e = map.shift(t.end[i], true);
        const break_map::moved ce = map.shift(t.clause_end[i], true);
        if (b.bytes != e.bytes) across.push_back(i);
        t.char_begin[i] = u32(t.char_begin[i] + b.chars), t.char_end[i] = u32(t.char_end[i] + e.chars);
        t.clause_char_begin[i] = u32(t.clause_char_begin[i] + cb.chars),
        t.clause_char_end[i] = u32(t.clause_char_end[i] + ce.chars);
        t.begin[i] = u32(t.begin[i] + b.bytes), t.end[i] = u32(t.end[i] + e.bytes);
        t.clause_begin[i] = u32(t.clause_begin[i] + cb.bytes), t.clause_end[i] = u32(t.clause_end[i] + ce.bytes);
    }
    if (!across.empty()) {  // those figures as written, with their line breaks
        std::string quoted;
        quoted.reserve(t.quoted.size() + across.size() * 2);
        std::size_t row_from = 0, next = 0;  // row i in t.quoted; the next row of `across`
        for (std::size_t i = 0; i < t.size(); ++i) {
            if (next < across.size() && across[next] == i)
                quoted.append(replace_invalid_utf8(text.substr(t.begin[i], t.end[i] - t.begin[i]))), ++next;
            else
                quoted.append(std::string_view(t.quoted).substr(row_from, t.text_end[i] - row_from));
            row_from = t.text_end[i], t.text_end[i] = quoted.size();
        }
        t.quoted = std::move(quoted);
    }
    for (report_finding& f : out.findings) {
        const break_map::moved b = map.shift(f.begin, false), e = map.shift(f.end, true);
        const bool whole = f.text == std::string_view(joined).substr(f.begin, f.end - f.begin);
        f.char_begin += b.chars, f.char_end += e.chars, f.begin += b.bytes, f.end += e.bytes;
        if (b.bytes != e.bytes && whole) f.text = replace_invalid_utf8(text.substr(f.begin, f.end - f.begin));
    }
    return out;
}

namespace {

table_extraction extract_lines(std::string_view text, const lexicon& words, const extract_options& options) {
    table_extraction out;
    code_points cps;  // the chunk being read, its storage reused
    std::optional<report_indexes> own;
    report_indexes& indexes = indexes_for(words, own);  // lent by extract_tables, else built here
    const struct claimed {
        report_indexes& indexes;
        explicit claimed(report_indexes& i) : indexes(i) { indexes.in_use = true; }
        ~claimed() { indexes.in_use = false; }
        claimed(const claimed&) = delete;
        claimed& operator=(const claimed&) = delete;
    } claim(indexes);
    fact_builder build(text, cps, indexes, options, out.facts);
    std::deque<stated_period> periods;
    period_cursor period_in_force(periods);
    scan_state carried;
    findings_by_kind found;
    bool line_start = true;
    // Room for a figure every 8 characters (of 3 bytes): address space only until written, and
    // growing 22 columns (a copy of each) costs more than the pages never touched.
    build.reserve(std::min<std::size_t>(text.size() / 24, std::size_t{1} << 24) + 16);
    std::size_t count = 0;
    for (std::size_t from = 0, to = 0; from < text.size(); from = to) {
        to = chunk_end(text, from, options.chunk_bytes);
        std::size_t invalid = 0;
        decode_into(text, from, to, cps.base() + cps.size(), cps, invalid, indexes.classes());
        out.invalid_bytes += invalid;
        indexes.index(text, cps);
        build.new_chunk(invalid > 0);
        const std::size_t first_row = out.facts.size();
        scan(text, cps, carried, &periods, &found.references, [&](const scanned& s) {
            if ((count++ & 255) == 0) poll_interrupt();  // Ctrl-C between blocks of figures
            build.add(s, period_in_force.at(cps.base() + s.first), out.findings);
        });
        build.end_chunk();
        inconsistent_parts(text, indexes.part_words, indexes.sentence_ends, out.facts, first_row, found.parts);
        lost_list_numbers(text, cps, line_start, found.list_numbers);
    }
    found.merge_into(out.findings);
    return out;
}

}  // namespace

fact fact_at(const fact_table& t, std::size_t i) {
    fact f;
    f.variable = t.text_of(t.variable.at(i)), f.phrase = t.text_of(t.phrase[i]), f.period = t.text_of(t.period[i]);
    f.damage = t.text_of(t.damage[i]), f.status = t.text_of(t.status[i]), f.stage = t.text_of(t.stage[i]);
    f.scope = t.text_of(t.scope[i]), f.level = t.text_of(t.level[i]);
    f.amount.value = t.value[i], f.amount.high = t.high[i], f.amount.unit = t.text_of(t.unit[i]);
    f.amount.qual = t.qual[i], f.amount.masked = t.has(i, fact_flag::masked);
    f.amount.range = t.has(i, fact_flag::range);
    f.amount.begin = t.begin[i], f.amount.end = t.end[i];
    f.text = std::string(t.figure(i));
    f.clause_begin = t.clause_begin[i], f.clause_end = t.clause_end[i];
    f.char_begin = t.char_begin[i], f.char_end = t.char_end[i];
    f.clause_char_begin = t.clause_char_begin[i], f.clause_char_end = t.clause_char_end[i];
    f.guess = t.guess[i];
    const auto& names = fact_flag_names();
    for (std::size_t k = 0; k < names.size(); ++k)
        if (t.has(i, static_cast<fact_flag>(k))) f.flags.push_back(names[k]);
    return f;
}

extraction extract(std::string_view text, const lexicon& words, const extract_options& options) {
    table_extraction table = extract_table(text, words, options);
    extraction out;
    out.invalid_bytes = table.invalid_bytes;
    out.findings = std::move(table.findings);
    out.facts.reserve(table.facts.size());
    for (std::size_t i = 0; i < table.facts.size(); ++i) out.facts.push_back(fact_at(table.facts, i));
    return out;
}

// ---- Indexes lent to the texts of a batch (lent_indexes.hpp, for extract_tables in batch.cpp) ----

namespace {
thread_local report_indexes* lent = nullptr;  // the innermost detail::lent_indexes of this thread

// The built-in lexicon's indexes are kept by each thread that reads with it (building them costs
// more than reading a 1 kB report; they hold nothing from one text to the next); another
// lexicon's are built per call unless extract_tables lends them.
report_indexes& indexes_for(const lexicon& words, std::optional<report_indexes>& own) {
    if (lent && &lent->words == &words && !lent->in_use) return *lent;
    if (is_builtin(words)) {
        thread_local std::optional<report_indexes> builtin;
        if (!builtin) builtin.emplace(words);
        if (!builtin->in_use) return *builtin;
    }
    return own.emplace(words);
}

// The built-in lexicon's cuts are made once a process (it lives as long as the process; the cuts
// are never changed, so the threads share them); another lexicon's once per extract_tables
// thread, or per text.
const phrase_cuts& cuts_for(const lexicon& words, std::optional<phrase_cuts>& own) {
    if (is_builtin(words)) {
        static const phrase_cuts builtin(builtin_lexicon());
        return builtin;
    }
    if (!lent || &lent->words != &words) return own.emplace(words);
    if (!lent->cuts) lent->cuts.emplace(words);
    return *lent->cuts;
}
}  // namespace

detail::lent_indexes::lent_indexes(const lexicon& words) : indexes_(new report_indexes(words)), previous_(lent) {
    lent = static_cast<report_indexes*>(indexes_);
}

detail::lent_indexes::~lent_indexes() {
    lent = static_cast<report_indexes*>(previous_);
    delete static_cast<report_indexes*>(indexes_);
}

}  // namespace zhibiao
