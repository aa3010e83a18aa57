#pragma once
// Layer 13: a report broken into lines as a PDF converter breaks it. Takes the whole text and gives
// the breaks to join (soft_breaks, once a text, before any chunk is read) and break_map, which moves
// the offsets of each fact read from the joined text back to the text as given (per fact, hence
// inline here). Its rules look at whole lines of the page, not at code points: a layer of its own.
#include "extract/facts.hpp"

namespace zhibiao {
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

// utf8_code_point's answer, a well-formed 3-byte character without the call (lead E1–EC, EE, EF:
// no overlong form, no surrogate): the characters on both sides of every line break are read
// twice or more, and the call was ~1 % of a warm call's instructions at published density.
inline char32_t code_point_of(const unsigned char* p, std::size_t n) {
    if (n == 3 && (p[0] & 0xF0) == 0xE0 && p[0] != 0xE0 && p[0] != 0xED && (p[1] & 0xC0) == 0x80 &&
        (p[2] & 0xC0) == 0x80)
        return (char32_t{p[0] & 0x0Fu} << 12) | (char32_t{p[1] & 0x3Fu} << 6) | char32_t{p[2] & 0x3Fu};
    return utf8_code_point(p, n);
}

// The code point that ends at byte `end` (after `begin`), as decode() reads it; 0 if none or not UTF-8.
char32_t code_point_before(std::string_view text, std::size_t begin, std::size_t end) {
    if (end > begin && static_cast<unsigned char>(text[end - 1]) < 0x80)
        return static_cast<unsigned char>(text[end - 1]);
    std::size_t b = end;
    while (b > begin && end - b < 4 && (static_cast<unsigned char>(text[b - 1]) & 0xC0) == 0x80) --b;
    if (b == begin) return 0;
    --b;
    return as_decoded(code_point_of(reinterpret_cast<const unsigned char*>(text.data()) + b, end - b));
}

char32_t code_point_from(std::string_view text, std::size_t begin, std::size_t end) {
    if (begin >= end) return 0;
    const auto c = static_cast<unsigned char>(text[begin]);
    if (c < 0x80) return c;
    const std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (begin + n > end) return 0;
    return as_decoded(code_point_of(reinterpret_cast<const unsigned char*>(text.data()) + begin, n));
}

// A mask's star (申报高企**家, full-width ＊ decodes to it) stands for digits: a line may break before or
// after it as inside a figure.
bool wraps_inside(char32_t c) { return is_ideograph(c) || is_digit(c) || is_letter(c) || c == '*'; }
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
    // Every marker below opens with one of these (the page line's test holds for each code point):
    // most lines open with an ideograph of prose and are ruled out on it, before 6 to 24 code
    // points are read (~1 % of a warm call's instructions at the density of published reports).
    if (const char32_t c = code_point_from(line, 0, line.size());
        c != 0 && c != '*' && c != U'（' && c != '(' && !is_digit(c) && chinese_digit(c) < 0 && !is_blank(c) &&
        !is_dash(c) && !one_of(c, U"第页共—－-"))
        return false;
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
    // "* 项目…", "*注：": a markdown bullet or a star footnote; a mask's star (**家, *万元) goes on
    if (!cps.empty() && cps[0] == '*' && (cps.size() < 2 || !one_of(cps[1], U"*项件家个名人位万亿元次台套篇所%")))
        return true;
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
    // Blanks are rare in prose. (Not find_first_of: that calls memchr per byte; a memchr per
    // blank reads the line a vector at a time, where a loop of bytes read it one at a time.)
    if (line.empty() || (!std::memchr(line.data(), ' ', line.size()) && !std::memchr(line.data(), '\t', line.size())) ||
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
// `first`: the code point at `next` (code_point_from), which the caller read already.
bool phrase_before_figure(std::string_view text, const lexicon& words, std::size_t end, std::size_t next,
                          char32_t first) {
    const auto digit = [](char32_t c) { return is_digit(c) || (c >= U'０' && c <= U'９'); };
    if (!digit(first)) return false;
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
        // the characters on both sides read once (each was read two or three times below)
        const char32_t last = code_point_before(text, 0, end);
        if (!word(last)) continue;
        const char32_t first = code_point_from(text, at + 1, text.size());
        if (phrase_before_figure(text, words, end, at + 1, first)) {
            breaks.emplace_back(end, at + 1 - end);
            continue;
        }
        if (!word(first)) continue;
        const std::size_t next_end = std::min(text.find('\n', at + 1), text.size());
        if (item_or_page_line(text.substr(at + 1, next_end - at - 1))) continue;
        if (!cuts) cuts = &cuts_for(words, own);
        const auto found = cuts->by_last.find(last);
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
    // A page marker is blanks, dashes, 第, 页, 共 and digits up to the line's end or a \r
    // (page_marker_end): a line with another character before those is ruled out where it stands,
    // not decoded whole (the line after a change word opens with its figure, 21.1%，…: ~11,000
    // instructions). Characters as decode() reads them: full width as ASCII (code_point_from),
    // U+3000 as a blank and U+2212 as '-'; from a byte that is not UTF-8 (0) on, decoded.
    for (std::size_t b = 0; b < line.size();) {
        char32_t c = code_point_from(line, b, line.size());
        if (c == 0 || c == '\r' || c == '\n') break;
        c = c == 0x3000 ? U' ' : c == 0x2212 ? U'-' : c;
        if (!is_blank(c) && !page_dash(c) && !is_digit(c) && c != U'第' && c != U'页' && c != U'共') return false;
        const auto lead = static_cast<unsigned char>(line[b]);
        b += lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    }
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
    static constexpr std::string_view change_words[] = {"同比", "增长", "下降", "提高", "降低", "减少", "增加", "提升",
                                                        "净增", "净减", "增幅", "降幅", "上升", "递增", "递减"};
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
}  // namespace zhibiao
