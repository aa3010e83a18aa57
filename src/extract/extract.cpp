// Report text → quantities and facts (extract.hpp). The text is decoded into code points with
// their byte offsets a chunk at a time (a few dozen kB ending at a line break or 。: no rule looks
// across one), into one array reused for every chunk so that it stays in cache; numbers, units,
// qualifiers and periods are read off that array. Offsets in the results are document offsets.
// Beside each code point the decoder writes a class byte (char_classes(): which walks stop there),
// so that the walks over a chunk jump from stop to stop instead of testing every code point.
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

// 8 bytes a code point (offsets as 32 bits: a report is at most 4 GiB); where it ends is where
// the next one begins. The array is as long as the text: its size is what reading it costs.
struct code_point {
    char32_t c;
    std::uint32_t begin;
};

// The code points of a text or of a chunk of it, with one more entry after the last that begins
// where the chunk ends. Byte offsets (code_point::begin) are offsets in the whole text; index k
// is code point base() + k of the whole text.
class code_points {
public:
    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    std::size_t base() const { return base_; }
    const code_point& operator[](std::size_t k) const { return points_[k]; }
    std::uint32_t end_of(std::size_t k) const { return points_[k + 1].begin; }  // the byte after code point k
    std::uint32_t byte_at(std::size_t k) const { return points_[k].begin; }     // k == size(): where it ends
    const code_point* begin() const { return points_.get(); }
    const code_point* end() const { return points_.get() + size_; }
    // Room for the code points of `bytes` bytes (at most one a byte, and the entry after the last),
    // starting at code point `base` of the text; the storage is kept for the next chunk.
    code_point* reset(std::size_t bytes, std::size_t base) {
        if (capacity_ < bytes + 1) {
            points_.reset(new code_point[bytes + 1]), capacity_ = bytes + 1;
            classes_.reset(new std::uint8_t[bytes + 1 + 8]);  // 8 more: read a word at a time
        }
        base_ = base, size_ = 0;
        return points_.get();
    }
    std::uint8_t* classes() { return classes_.get(); }
    void resize(std::size_t size) { size_ = size; }
    // The class of code point k (char_class bits; 0 past the Basic Multilingual Plane).
    std::uint8_t class_of(std::size_t k) const { return classes_[k]; }
    // The first code point in [k, to) whose class has one of `bits`, `to` if none (k if k >= to; to <= size()):
    // 8 classes a step, so that the walks that stop at a few characters do not test every code
    // point. The 8 classes from size() on are 0 (decode_into), so a step may read past `to`.
    std::size_t next_with(std::size_t k, std::size_t to, std::uint8_t bits) const {
        if (k >= to) return k;
        const std::uint8_t* const cls = classes_.get();
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && (defined(__GNUC__) || defined(__clang__))
        const std::uint64_t mask = std::uint64_t{bits} * 0x0101010101010101ULL;
        for (; k < to; k += 8) {
            std::uint64_t w = 0;
            std::memcpy(&w, cls + k, 8);
            if (const std::uint64_t hit = w & mask)
                return std::min(to, k + static_cast<std::size_t>(__builtin_ctzll(hit)) / 8);
        }
        return to;
#else
        while (k < to && !(cls[k] & bits)) ++k;
        return k;
#endif
    }

private:
    std::unique_ptr<code_point[]> points_;
    std::unique_ptr<std::uint8_t[]> classes_;
    std::size_t size_ = 0, capacity_ = 0, base_ = 0;
};

// What the walks over a chunk stop at, one bit each, looked up once a code point while decoding
// (char_classes()): scan's starts of interest, the clause marks, target_before()'s stops.
enum char_class : std::uint8_t {
    cc_interest = 1,
    cc_clause_end = 2,
    cc_target_stop = 4,
    cc_distinction = 8,  // where a word of stated_distinctions() may start
    cc_line_stop = 16,   // what line_tokens() stops at: a blank, a cell rule, a clause or list mark
    cc_word_first = 32,  // the first character of a word the chunk's matcher looks for (its own table)
};
const std::uint8_t* char_classes();

// The code point of a well-formed UTF-8 sequence of n bytes at p, or 0 if it is not one (the
// checks of detail::valid_utf8_prefix, inline: this runs once a character).
char32_t utf8_code_point(const unsigned char* p, std::size_t n) {
    const unsigned c = p[0];
    if (n == 2 && c < 0xC2) return 0;
    for (std::size_t k = 1; k < n; ++k)
        if ((p[k] & 0xC0) != 0x80) return 0;
    char32_t cp = n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (p[k] & 0x3F);
    if (n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) return 0;
    if (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) return 0;
    return cp;
}

void check_size(std::string_view s) {
    if (s.size() >= std::numeric_limits<std::uint32_t>::max())
        throw limit_error("a report of more than 4 GiB is not read");
}

// Full-width ASCII forms, the ideographic space and U+2212 are read as their ASCII twins (NFKC
// for these characters); a byte that is not UTF-8 becomes U+FFFD and is counted. Bytes [from,
// to) of `s` into `into`: `from` starts a code point of the whole text's decoding and `to` ends
// one (a chunk), or they are the whole text.
// `classes`: the class of each code point of the plane (char_classes(), or a matcher's with its
// first characters marked).
void decode_into(std::string_view s, std::size_t from, std::size_t to, std::size_t base, code_points& into,
                 std::size_t& invalid, const std::uint8_t* classes = nullptr) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    code_point* const points = into.reset(to - from, base);
    code_point* out = points;
    std::uint8_t* cls = into.classes();
    const std::uint8_t* const table = classes ? classes : char_classes();
    for (std::size_t i = from; i < to;) {
        const unsigned c = p[i];
        const auto at = static_cast<std::uint32_t>(i);
        if (c < 0x80) {
            *out++ = {c, at};
            *cls++ = table[c];
            ++i;
            continue;
        }
        // E4-E9: the CJK ideographs (U+4000-9FFF), most of a report; nothing to read as another.
        if (c - 0xE4 < 6 && i + 3 <= to) {
            const unsigned c1 = p[i + 1], c2 = p[i + 2];
            if ((c1 & 0xC0) == 0x80 && (c2 & 0xC0) == 0x80) {
                const char32_t cp = ((c & 0x0F) << 12) | ((c1 & 0x3F) << 6) | (c2 & 0x3F);
                *out++ = {cp, at};
                *cls++ = table[cp];
                i += 3;
                continue;
            }
        }
        // Three bytes: every Chinese character, checked in line. Lead bytes E1-EC, EE, EF are never
        // an overlong form or a surrogate (those start with E0 and ED: the general path below), and
        // only E2, E3 and EF lead to a character read as another (U+2212, U+3000, U+FF01-FF5E).
        if (c >= 0xE1 && c <= 0xEF && c != 0xED && i + 3 <= to) {
            const unsigned c1 = p[i + 1], c2 = p[i + 2];
            if ((c1 & 0xC0) == 0x80 && (c2 & 0xC0) == 0x80) {
                char32_t cp = ((c & 0x0F) << 12) | ((c1 & 0x3F) << 6) | (c2 & 0x3F);
                if (c == 0xE2 || c == 0xE3 || c == 0xEF) {
                    if (cp >= 0xFF01 && cp <= 0xFF5E) cp = cp - 0xFF01 + 0x21;
                    if (cp == 0x3000) cp = ' ';
                    if (cp == 0x2212) cp = '-';
                }
                *out++ = {cp, at};
                *cls++ = table[cp];
                i += 3;
                continue;
            }
        }
        const std::size_t n = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        char32_t cp = n == 0 || i + n > to ? 0 : utf8_code_point(p + i, n);
        if (cp == 0) {
            *out++ = {0xFFFD, at};
            *cls++ = table[0xFFFD];
            ++invalid;
            ++i;
            continue;
        }
        if (cp >= 0xFF01 && cp <= 0xFF5E) cp = cp - 0xFF01 + 0x21;
        if (cp == 0x3000) cp = ' ';
        if (cp == 0x2212) cp = '-';
        *out++ = {cp, at};
        *cls++ = cp < 0x10000 ? table[cp] : 0;
        i += n;
    }
    *out = {0, static_cast<std::uint32_t>(to)};
    std::memset(cls, 0, 9);  // code_points::next_with() reads up to 8 past the last
    into.resize(static_cast<std::size_t>(out - points));
}

code_points decode(std::string_view s, std::size_t& invalid) {
    check_size(s);
    code_points cps;
    decode_into(s, 0, s.size(), 0, cps, invalid);
    return cps;
}

// Where the chunk that starts at byte `from` ends: after the first line break or 。 at least
// `min_bytes` further on (the end of the text if there is none). Both are a code point of their
// own in any decoding (0x0A and 0xE3 are never continuation bytes), end every clause and
// sentence, and no word the rules look for spans one.
bool page_line(std::string_view line);

std::size_t chunk_end(std::string_view text, std::size_t from, std::size_t min_bytes) {
    min_bytes = std::max<std::size_t>(min_bytes, 1);
    if (text.size() - from <= min_bytes) return text.size();
    // A line break with a digit just before it or at the start of the next line may run through a
    // figure a conversion broke ("专利授权量1\n26件", "立项1\n— 3 —\n2项"): never a chunk's end.
    // Past `give_up` (a text of table rows that open or end with digits) any line break ends a chunk.
    const std::size_t give_up = from + std::max<std::size_t>(4 * min_bytes, std::size_t{1} << 16);
    const auto blank = [](char c) { return c == ' ' || c == '\r' || c == '\n'; };
    // a digit or a point, in ASCII or full width (１２．: EF BC 90-99, EF BC 8E), ends at byte e / starts at a
    const auto full_width_figure = [&](std::size_t b) {
        const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
        return b + 3 <= text.size() && byte(b) == 0xEF && byte(b + 1) == 0xBC &&
               ((byte(b + 2) >= 0x90 && byte(b + 2) <= 0x99) || byte(b + 2) == 0x8E);
    };
    // A page's number line on either side ("局\n— 5 —\n41件"): the reader skips it and a running
    // header beside it between a figure's parts (next_line_of_figure), and a change word's link to
    // its figure runs through both. Such lines are short: a long one is never decoded here.
    const auto beside_page_line = [&](std::size_t line) {
        constexpr std::size_t longest = 48;
        const std::size_t before = line > from ? text.rfind('\n', line - 1) : std::string_view::npos;
        const std::size_t start = before == std::string_view::npos || before < from ? from : before + 1;
        const std::size_t after = std::min(text.find('\n', line + 1), text.size());
        return (line - start <= longest && page_line(text.substr(start, line - start))) ||
               (after - line - 1 <= longest && page_line(text.substr(line + 1, after - line - 1)));
    };
    const auto inside_figure = [&](std::size_t line) {
        if (line >= give_up) return false;
        std::size_t b = line;
        while (b > from && blank(text[b - 1])) --b;
        std::size_t a = line + 1;
        while (a < text.size() && blank(text[a])) ++a;
        return (b > from && ((text[b - 1] >= '0' && text[b - 1] <= '9') || text[b - 1] == '.')) ||
               (a < text.size() && ((text[a] >= '0' && text[a] <= '9') || text[a] == '.')) ||
               (b >= from + 3 && full_width_figure(b - 3)) || full_width_figure(a) || beside_page_line(line);
    };
    // A window at a time, so that a text with neither costs one pass, not one a chunk.
    for (std::size_t window = from + min_bytes; window < text.size();) {
        const std::string_view w = text.substr(window, min_bytes + 2);  // a 。 across the window's end
        const std::size_t line = w.find('\n'), stop = w.find("\xE3\x80\x82");
        const std::size_t end = std::min(line == std::string_view::npos ? line : line + 1,
                                         stop == std::string_view::npos ? stop : stop + 3);
        if (end == std::string_view::npos) {
            window += min_bytes;
        } else if (end == line + 1 && inside_figure(window + line)) {
            window += end;
        } else {
            return window + end;
        }
    }
    return text.size();
}

// A set of code points as a bitmap over the Basic Multilingual Plane (where every character
// the extractor looks for lies): one test a character instead of a search.
class char_set {
public:
    char_set() = default;
    explicit char_set(std::u32string_view chars) {
        for (char32_t c : chars) add(c);
    }
    void add(char32_t c) {
        if (c < 0x10000) bits_[c >> 6] |= std::uint64_t{1} << (c & 63);
    }
    bool has(char32_t c) const { return c < 0x10000 && (bits_[c >> 6] >> (c & 63)) & 1; }

private:
    std::array<std::uint64_t, 1024> bits_{};
};

bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }
bool is_mask(char32_t c) { return c == 'x' || c == 'X'; }
bool is_letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The 21 characters chinese_digit() reads, each in its own slot of c % 77: a load and a compare
// instead of a chain of compares (it runs at several code points of each figure and period).
struct digit_slots {
    char32_t c[77] = {};
    int d[77] = {};
};
constexpr digit_slots make_digit_slots() {
    constexpr std::pair<char32_t, int> digits[] = {
        {U'零', 0}, {U'〇', 0}, {U'一', 1}, {U'壹', 1}, {U'二', 2}, {U'两', 2}, {U'贰', 2},
        {U'三', 3}, {U'叁', 3}, {U'四', 4}, {U'肆', 4}, {U'五', 5}, {U'伍', 5}, {U'六', 6},
        {U'陆', 6}, {U'七', 7}, {U'柒', 7}, {U'八', 8}, {U'捌', 8}, {U'九', 9}, {U'玖', 9}};
    digit_slots t;
    for (int i = 0; i < 77; ++i) t.d[i] = -1;  // an empty slot (c 0) answers -1, for 0 too
    for (const auto& digit : digits) t.c[digit.first % 77] = digit.first, t.d[digit.first % 77] = digit.second;
    return t;
}
constexpr digit_slots digit_slot_table = make_digit_slots();

int chinese_digit(char32_t c) {
    const std::size_t slot = c % 77;
    return digit_slot_table.c[slot] == c ? digit_slot_table.d[slot] : -1;
}
double chinese_multiplier(char32_t c) {
    switch (c) {
        case U'十':
        case U'拾':
            return 10;
        case U'百':
        case U'佰':
            return 100;
        case U'千':
        case U'仟':
            return 1000;
        case U'万':
            return 1e4;
        case U'亿':
            return 1e8;
        default:
            return 0;
    }
}
// The characters for which a predicate holds, as a bitmap of the Basic Multilingual Plane made
// once from the predicate itself (so the two never differ): one test a character where the
// predicate was a chain of comparisons or a switch, on paths that run at every figure.
template <bool (*Predicate)(char32_t)>
const char_set& bmp_table() {
    static const char_set table = [] {
        char_set t;
        for (char32_t c = 0; c < 0x10000; ++c)
            if (Predicate(c)) t.add(c);
        return t;
    }();
    return table;
}
bool is_chinese_numeral_test(char32_t c) {
    return chinese_digit(c) >= 0 || chinese_multiplier(c) > 0 || c == U'廿' || c == U'卅' || c == U'点';
}
bool is_chinese_numeral(char32_t c) {
    return c < 0x10000 ? bmp_table<is_chinese_numeral_test>().has(c) : is_chinese_numeral_test(c);
}

// The numeral grammar of §7.3 over a run of code points; nullopt if it is not a numeral (only
// multipliers, two decimal points, a multiplier inside the decimals). `why`, when given, says why
// a run that looks like a numeral is none (两两, 十十): parse_chinese_number refuses it with that.
std::optional<double> chinese_value(const code_points& cps, std::size_t from, std::size_t to,
                                    const char** why = nullptr) {
    double total = 0, section = 0, number = 0, fraction = 0, scale = 0.1;
    bool any = false, previous_digit = false, decimals = false, hundred_million = false;
    double last_small = 0;  // the last 十/百/千 of the section: they only go down (一千二百三十)
    const auto refuse = [why](const char* reason) -> std::optional<double> {
        if (why) *why = reason;
        return std::nullopt;
    };
    for (std::size_t k = from; k < to; ++k) {
        const char32_t c = cps[k].c;
        const int d = chinese_digit(c);
        if (d >= 0) {
            // 二〇二四 is a numeral digit by digit; 两 never is (两两 is a word, 一两 "one or two").
            if (previous_digit && !decimals && (c == U'两' || cps[k - 1].c == U'两'))
                return refuse(
                    "两 next to another digit (两两, 一两): 两 is a numeral only alone or before a multiplier "
                    "(两项, 两百, 两万)");
            if (decimals)
                fraction += d * scale, scale /= 10;
            else
                number = previous_digit ? number * 10 + d : d;
            any = previous_digit = true;
            continue;
        }
        previous_digit = false;
        if (c == U'点') {
            if (decimals) return std::nullopt;
            decimals = true;
            continue;
        }
        if (c == U'廿' || c == U'卅') {
            if (decimals) return std::nullopt;
            if (last_small != 0 && last_small <= 10)
                return refuse("廿/卅 after 十 in one section: the multipliers 十, 百, 千 of a numeral go down");
            section += c == U'廿' ? 20 : 30, number = 0, any = true, last_small = 10;
            continue;
        }
        const double m = chinese_multiplier(c);
        if (m == 0) return std::nullopt;
        if (m == 1e4 || m == 1e8) {
            const double base = section + number + fraction;
            // 一亿二千万: a 万 after 亿 scales only its own section; 十万亿: 亿 scales everything.
            if (m == 1e4)
                total = hundred_million ? total + base * 1e4 : (total + base) * 1e4;
            else
                total = (total + base) * 1e8, hundred_million = true;
            section = number = fraction = 0, scale = 0.1, decimals = false, last_small = 0;
            continue;
        }
        if (decimals) return std::nullopt;
        // 十十, 百千: a multiplier repeated or growing inside a section is no numeral (一千二百 is).
        if (last_small != 0 && m >= last_small)
            return refuse(m == last_small ? "a multiplier twice in one section (十十, 百百): no numeral says so"
                                          : "a multiplier after a smaller one in one section (十百): the multipliers "
                                            "十, 百, 千 of a numeral go down");
        last_small = m;
        if (m == 10) any = true;  // 十 alone is ten
        section += (number == 0 ? 1 : number) * m;
        number = 0;
    }
    if (!any) return std::nullopt;
    return total + section + number + fraction;
}

// Called for every code point the clause cursors walk: the ideographs (most of a report) and the
// other characters without a clause end answer after one or two comparisons.
// Bit masks, not a chain of comparisons: an ideograph answers after three tests. Forced in line
// (GCC left it a call, 4 % of the driver's samples, at every code point a cursor walks).
[[gnu::always_inline]] inline bool clause_end(char32_t c) {
    constexpr std::uint64_t ascii = (std::uint64_t{1} << '\n') | (std::uint64_t{1} << '\r') |
                                    (std::uint64_t{1} << '!') | (std::uint64_t{1} << ',') | (std::uint64_t{1} << ';') |
                                    (std::uint64_t{1} << '?');
    // ！，；？ (U+FF01, U+FF0C, U+FF1B, U+FF1F) as bits of U+FF00..U+FF1F
    constexpr std::uint32_t full_width = (1U << 0x01) | (1U << 0x0C) | (1U << 0x1B) | (1U << 0x1F);
    if (c < 64) return (ascii >> c) & 1;
    if (c == U'。') return true;
    const char32_t f = c - 0xFF00;
    return f < 32 && ((full_width >> f) & 1);
}
bool stops_unit_test(char32_t c) {
    return c == ' ' || c == '\t' || is_digit(c) || clause_end(c) || c == U'、' || c == '(' || c == ')' || c == U'（' ||
           c == U'）' || c == ':' || c == U'：' || c == U'“' || c == U'”' || c == '"' || c == 0xFFFD ||
           (is_chinese_numeral(c) && c != U'万' && c != U'亿' && c != U'千' && c != U'百' && c != U'点');  // 个百分点
}
bool stops_unit(char32_t c) { return c < 0x10000 ? bmp_table<stops_unit_test>().has(c) : stops_unit_test(c); }
bool is_dash(char32_t c) {
    return c == '-' || c == U'—' || c == U'–' || c == '~' || c == U'～' || c == U'至' || c == U'到';
}
bool is_dash(char32_t c);

// A year's four digits end at k and a span of years follows: 2025—2026年, 2023-2025年, 2023至2025年
// (the first year of a span is no figure).
bool year_span_after(const code_points& cps, std::size_t k) {
    if (k < 4 || k + 5 >= cps.size() || !is_dash(cps[k].c) || cps[k + 5].c != U'年') return false;
    if ((k > 4 && is_digit(cps[k - 5].c)) || (cps[k - 4].c != '1' && cps[k - 4].c != '2')) return false;
    for (std::size_t j = 1; j <= 4; ++j)
        if (!is_digit(cps[k - j].c) || !is_digit(cps[k + j].c)) return false;
    return true;
}

bool date_word(const code_points& cps, std::size_t k) {
    if (k >= cps.size()) return false;
    const char32_t c = cps[k].c;
    return c == U'年' || c == U'月' || c == U'日' || c == U'号' || c == U'时' ||
           (c == U'季' && k + 1 < cps.size() && cps[k + 1].c == U'度') || year_span_after(cps, k);
}

std::string slice(std::string_view text, const code_points& cps, std::size_t from, std::size_t to) {
    if (from >= to) return {};
    return std::string(text.substr(cps[from].begin, cps.end_of(to - 1) - cps[from].begin));
}

// The text of code points [from, to) with every byte that was not UTF-8 shown as U+FFFD, so a
// quoted clause is always valid text.
void quote_into(std::string& out, std::string_view text, const code_points& cps, std::size_t from, std::size_t to) {
    for (std::size_t k = from; k < to; ++k) {
        if (cps[k].c == 0xFFFD && cps.end_of(k) - cps[k].begin == 1)
            out += "\xEF\xBF\xBD";
        else
            out.append(text.substr(cps[k].begin, cps.end_of(k) - cps[k].begin));
    }
}
std::string quote(std::string_view text, const code_points& cps, std::size_t from, std::size_t to) {
    std::string out;
    quote_into(out, text, cps, from, to);
    return out;
}
bool starts_with(const code_points& cps, std::size_t k, std::u32string_view word) {
    if (k + word.size() > cps.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i)
        if (cps[k + i].c != word[i]) return false;
    return true;
}
bool ends_with(const code_points& cps, std::size_t k,
               std::u32string_view word) {  // word ends just before k
    return k >= word.size() && starts_with(cps, k - word.size(), word);
}
// The same with a literal: its length known when compiling (a u32string_view made from a literal
// counts its characters at run time, on every call).
// The first character compared here, in line: most calls (every candidate start tries 全年, 截至,
// 上年…) end there.
// The whole comparison in line, a loop of known length (the call to the general starts_with was
// 3 % of the instructions).
template <std::size_t N>
[[gnu::always_inline]] inline bool starts_with(const code_points& cps, std::size_t k, const char32_t (&word)[N]) {
    static_assert(N > 1, "a word of at least one character");
    if (k + (N - 1) > cps.size() || cps[k].c != word[0]) return false;
    for (std::size_t i = 1; i + 1 < N; ++i)
        if (cps[k + i].c != word[i]) return false;
    return true;
}
template <std::size_t N>
[[gnu::always_inline]] inline bool ends_with(const code_points& cps, std::size_t k, const char32_t (&word)[N]) {
    static_assert(N > 1, "a word of at least one character");
    return k >= N - 1 && starts_with(cps, k - (N - 1), word);
}
bool one_of(char32_t c, std::u32string_view set) { return set.find(c) != std::u32string_view::npos; }
template <std::size_t... N>
bool starts_with_any(const code_points& cps, std::size_t k, const char32_t (&... words)[N]) {
    return (starts_with(cps, k, words) || ...);
}

// A text equal to a literal: its length compared first, then its bytes in line (std::string ==
// "…" called the library's compare and strlen, once or twice at every figure: 2 % of the reader's
// instructions).
template <std::size_t N>
inline bool is(std::string_view text, const char (&literal)[N]) {
    return text.size() == N - 1 && std::memcmp(text.data(), literal, N - 1) == 0;
}
template <std::size_t N>
bool one_of(char32_t c, const char32_t (&set)[N]) {
    for (std::size_t i = 0; i + 1 < N; ++i)
        if (set[i] == c) return true;
    return false;
}

// The longest run after `k` (up to 8 code points) that is a unit zhibiao knows; 0 if none.
std::size_t unit_length(std::string_view text, const code_points& cps, std::size_t k, std::string& unit) {
    if (k < cps.size() && (cps[k].c == '%' || cps[k].c == U'‰' || cps[k].c == U'倍')) {
        // 倍 (增长1.5倍) is no unit of the unit algebra, but it is what the figure counts in.
        unit = cps[k].c == '%' ? "%" : cps[k].c == U'‰' ? "‰" : "倍";
        return 1;
    }
    std::size_t limit = k;
    const char_set& stops = bmp_table<stops_unit_test>();  // once, not at each code point of the run
    while (limit < cps.size() && limit - k < 8 &&
           !(cps[limit].c < 0x10000 ? stops.has(cps[limit].c) : stops_unit_test(cps[limit].c)))
        ++limit;
    if (limit == k) return 0;
    const std::string_view run = text.substr(cps[k].begin, cps.end_of(limit - 1) - cps[k].begin);
    // Before the map, the run seen last in a slot chosen by its first and last bytes and length:
    // one comparison instead of hashing the run (a report repeats the same few units).
    struct recent_run {
        std::array<char, 32> bytes;
        std::uint8_t size = 0, n = 0;
    };
    thread_local std::array<recent_run, 256> recent{};
    recent_run& slot = recent[(static_cast<unsigned char>(run.front()) * 7 +
                               static_cast<unsigned char>(run.back()) * 31 + run.size()) &
                              255];
    const auto answer = [&](std::size_t n) {
        if (n) unit.assign(text.substr(cps[k].begin, cps.end_of(k + n - 1) - cps[k].begin));
        return n;
    };
    if (slot.size == run.size() && std::equal(run.begin(), run.end(), slot.bytes.begin())) return answer(slot.n);
    // Most candidates are not units, and report_finding that out costs an exception: remember the
    // answers (per thread, bounded) — a report repeats the same few words after its numbers.
    // Looked up by a view into the text (no string made per candidate); the keys the map holds
    // view the thread's own copies. Reached only when the recent run missed (the thread_locals'
    // guards and the size tests were paid at every figure before it).
    thread_local std::unordered_map<std::string_view, bool> known;
    thread_local std::deque<std::string> keys;
    // The answer for the whole run (the longest prefix that is a unit) is remembered too: one
    // lookup a figure instead of one per candidate length (up to 8, most of them no unit).
    thread_local std::unordered_map<std::string_view, std::uint8_t> longest;
    thread_local std::deque<std::string> runs;
    if (known.size() > 4096) known.clear(), keys.clear();
    if (longest.size() > 4096) longest.clear(), runs.clear();
    const auto remember = [&](std::size_t n) {
        if (run.size() <= slot.bytes.size()) {
            std::copy(run.begin(), run.end(), slot.bytes.begin());
            slot.size = static_cast<std::uint8_t>(run.size()), slot.n = static_cast<std::uint8_t>(n);
        }
        return n;
    };
    if (const auto it = longest.find(run); it != longest.end()) return remember(answer(it->second));
    std::size_t found = 0;
    for (std::size_t n = limit - k; n > 0; --n) {
        const std::string_view candidate = text.substr(cps[k].begin, cps.end_of(k + n - 1) - cps[k].begin);
        auto it = known.find(candidate);
        if (it == known.end()) {
            bool ok = true;
            try {
                ok = detail::try_parse_unit(candidate).has_value();
            } catch (const error&) {
                ok = false;
            }
            it = known.emplace(keys.emplace_back(candidate), ok).first;
        }
        if (it->second) {
            unit.assign(candidate);
            found = n;
            break;
        }
    }
    longest.emplace(runs.emplace_back(run), static_cast<std::uint8_t>(found));
    return remember(found);
}

// Measure words of reports that no unit of the unit algebra names (场次, 批次, 台套, 名…): kept
// as the figure's unit after Arabic digits, so that "培训23场次" is 23 场次 — never a bare 23 that
// a variable counted in 人次 would take — and a lexicon unit never matches them (unit_mismatch).
std::size_t measure_word_length(const code_points& cps, std::size_t k, std::string& unit) {
    // 笔 (loans, deals), 份 (contracts, agreements), 位 (people), 篇, 条, 支, 种, 座, 处, 例: counted
    // things as well; a figure that dropped them was a bare number any variable took (质押融资4笔 as
    // 4 of an amount in 万元).
    static constexpr std::array<std::pair<std::u32string_view, const char*>, 19> words = {{{U"场次", "场次"},
                                                                                           {U"批次", "批次"},
                                                                                           {U"台套", "台套"},
                                                                                           {U"场", "场"},
                                                                                           {U"期", "期"},
                                                                                           {U"批", "批"},
                                                                                           {U"名", "名"},
                                                                                           {U"台", "台"},
                                                                                           {U"套", "套"},
                                                                                           {U"笔", "笔"},
                                                                                           {U"份", "份"},
                                                                                           {U"位", "位"},
                                                                                           {U"篇", "篇"},
                                                                                           {U"条", "条"},
                                                                                           {U"支", "支"},
                                                                                           {U"种", "种"},
                                                                                           {U"座", "座"},
                                                                                           {U"处", "处"},
                                                                                           {U"例", "例"}}};
    for (const auto& [word, utf8] : words)
        if (starts_with(cps, k, word)) return unit = utf8, word.size();
    return 0;
}

struct scanned {
    quantity q;
    std::size_t first = 0, last = 0;  // code point range
    bool thousands_comma = false;
    std::string_view damage;                                  // the kind of damage, "" for a sound figure
    double guess = std::numeric_limits<double>::quiet_NaN();  // what the damaged text still says (21.% → 21)
    // A cell of a table turned into lines (table_line): read by its column (period, unit, change,
    // the row's name as its phrase), or a row that could not be read (no variable, a finding).
    enum class table_cell : std::uint8_t { none, read, unread } table = table_cell::none;
    bool table_change = false;                                           // the growth column (增长%)
    bool table_prior = false, table_target = false, table_rate = false;  // 上年同期, 全年目标, 完成率%
    std::string_view table_period;              // the column's period (stable storage: scan_state)
    std::size_t name_first = 0, name_last = 0;  // the row's name, code points
    std::string_view heading_unit;              // the unit a heading stated for bare figures (scan_state::heading_unit)
};

// Digits with at most one point, correctly rounded as strtod rounds them (fast_float is exact
// too); strtod where fast_float declines (more digits than a double holds: inf).
double digits_value(const std::string& digits) {
    double value = 0;
    const char* end = digits.data() + digits.size();
    const auto result = fast_float::from_chars(digits.data(), end, value);
    if (result.ec == std::errc() && result.ptr == end) return value;
    return std::strtod(digits.c_str(), nullptr);
}

// A double keeps 15 significant decimal digits exactly (9007199254740993 reads as …992), and no
// figure of a report has more (10^15 元 is ten times a year's GDP of China): more digits are no
// figure to compute with — damage or hostile input, out_of_range like a number beyond a double.
constexpr std::size_t most_significant_digits = 15;

// An Arabic number at k: digits, '.', a thousands separator before exactly three digits, and
// placeholder x/X; returns the code point after it.
// The digits are read once into their integer (the significant ones, at most 15 of them: more are
// NaN below) and the count of decimals: m / 10^d of two doubles held exactly is correctly rounded,
// so it is the value strtod and fast_float give (their own fast path is this division). Only more
// than 22 decimals (10^d inexact) build the text for digits_value. No string a figure.
std::size_t arabic(const code_points& cps, std::size_t k, double& value, bool& masked, bool& comma) {
    static constexpr double powers_of_ten[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                               1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    std::uint64_t mantissa = 0;
    std::size_t significant = 0, decimals = 0, count = 0;
    std::size_t i = k;
    bool point = false;
    while (i < cps.size()) {
        const char32_t c = cps[i].c;
        if (is_digit(c) || is_mask(c)) {
            masked |= is_mask(c);
            const unsigned d = is_mask(c) ? 0 : static_cast<unsigned>(c - '0');
            significant += significant || d ? 1 : 0;  // the zeros before the first other digit are not
            if (significant <= most_significant_digits) mantissa = mantissa * 10 + d;
            decimals += point ? 1 : 0, ++count;
            ++i;
        } else if (c == '.' && !point && i + 1 < cps.size() && (is_digit(cps[i + 1].c) || is_mask(cps[i + 1].c))) {
            point = true;
            ++i;
        } else if (c == ',' && !point && i + 3 < cps.size() && is_digit(cps[i + 1].c) && is_digit(cps[i + 2].c) &&
                   is_digit(cps[i + 3].c) && (i + 4 >= cps.size() || !is_digit(cps[i + 4].c))) {
            comma = true;
            i += 1;  // the separator; the digits follow in the next rounds
        } else {
            break;
        }
    }
    if (masked || count == 0 || significant > most_significant_digits) {
        value = std::numeric_limits<double>::quiet_NaN();  // flag_out_of_range, as beyond a double
    } else if (decimals < std::size(powers_of_ten)) {
        value = static_cast<double>(mantissa) / powers_of_ten[decimals];
    } else {
        std::string digits;  // 0.000…01: more decimals than a power of ten held exactly
        for (std::size_t j = k; j < i; ++j)
            if (cps[j].c != ',') digits.push_back(static_cast<char>(cps[j].c));
        value = digits_value(digits);
    }
    return i;
}

// The value of the Chinese numeral cps[k, end). 二十八亿元 reads as 28 亿元, as 28亿元 does: a
// trailing 万/亿 that starts a unit (亿元, 万人) or comes before 余/多 is left to the unit (`end`
// moves back), so one variable's figures keep one scale however they are written.
std::optional<double> chinese_figure(std::string_view text, const code_points& cps, std::size_t k, std::size_t& end) {
    const std::optional<double> whole = chinese_value(cps, k, end);
    if (!whole || end - k < 2 || (cps[end - 1].c != U'万' && cps[end - 1].c != U'亿')) return whole;
    std::string unit;
    const bool approximate = end < cps.size() && (cps[end].c == U'余' || cps[end].c == U'多');
    if (!approximate && unit_length(text, cps, end - 1, unit) <= 1) return whole;
    const std::optional<double> head = chinese_value(cps, k, end - 1);
    if (head) --end;
    return head ? head : whole;
}

bool is_blank(char32_t c) { return c == ' ' || c == '\t'; }

// Code point k opens a line or a sentence: only blanks between it and a line break, 。！？；：, or
// the start of the chunk (a chunk starts after one of them, or at the text's start).
bool at_item_start(const code_points& cps, std::size_t k) {
    while (k > 0 && is_blank(cps[k - 1].c)) --k;
    return k == 0 || one_of(cps[k - 1].c, U"\n\r。！？；;!?:");  // : also ：, decoded as ASCII (工作：1.加强…)
}

// A list item's number at k ("3.人才工作", "9. 项目管理", "3.1-9月，…", "2.2024年以来", "4、"):
// digits opening a line or a sentence, then 、 or a point before a word, a month range or a
// year. Not a figure, no damage, no period: its length, 0 if there is none (a point before a
// unit of amount, "35.万元" / "21.%", stays a figure that lost its digits).
std::size_t list_number_at(const code_points& cps, std::size_t k) {
    std::size_t j = k;
    while (j < cps.size() && j - k < 3 && is_digit(cps[j].c)) ++j;
    if (j == k || j >= cps.size() || is_digit(cps[j].c) || !at_item_start(cps, k)) return 0;
    if (cps[j].c == U'、') return j + 1 - k;
    if (cps[j].c != '.') return 0;
    std::size_t m = j + 1;
    while (m < cps.size() && is_blank(cps[m].c)) ++m;
    if (m >= cps.size() || cps[m].c == '\n' || cps[m].c == '\r') return j + 1 - k;
    const char32_t c = cps[m].c;
    if (!is_digit(c)) return one_of(c, U"%‰万亿") ? 0 : j + 1 - k;
    std::size_t d = m;
    while (d < cps.size() && is_digit(cps[d].c)) ++d;
    if (d - m == 4 && d < cps.size() && cps[d].c == U'年') return j + 1 - k;  // 2.2024年以来
    if (d - m > 2 || d >= cps.size() || !is_dash(cps[d].c)) return 0;         // 1-9月
    std::size_t e = d + 1;
    while (e < cps.size() && is_digit(cps[e].c)) ++e;
    return e > d + 1 && e - d - 1 <= 2 && e < cps.size() && cps[e].c == U'月' ? j + 1 - k : 0;
}

inline bool colon_at(const code_points& cps, std::size_t j) {
    return j < cps.size() && (cps[j].c == U':' || cps[j].c == U'：');
}

// A time of day at k, not a figure: 10:30 (and 10:30:15) after a blank, a date or 上午/下午, as a
// press release's head prints it (发布时间：2026年1月20日 10:30 gave figures 10 and 30). Its length,
// 0 if there is none; a ratio (按1:1配套) has no two-digit minutes.
std::size_t time_of_day_at(const code_points& cps, std::size_t k) {
    if (k > 0 && !is_blank(cps[k - 1].c) && !one_of(cps[k - 1].c, U"日午晚上\n\r（(")) return 0;
    const auto two_digits_at = [&](std::size_t j) {
        return j + 1 < cps.size() && is_digit(cps[j].c) && is_digit(cps[j + 1].c) &&
               !(j + 2 < cps.size() && is_digit(cps[j + 2].c));
    };
    std::size_t j = k;
    while (j < cps.size() && j - k < 3 && is_digit(cps[j].c)) ++j;
    if (j - k > 2 || !colon_at(cps, j) || !two_digits_at(j + 1)) return 0;
    const int hour = j - k == 1 ? cps[k].c - U'0' : (cps[k].c - U'0') * 10 + (cps[k + 1].c - U'0');
    const int minute = (cps[j + 1].c - U'0') * 10 + (cps[j + 2].c - U'0');
    if (hour > 24 || minute > 59) return 0;
    std::size_t end = j + 3;
    if (colon_at(cps, end) && two_digits_at(end + 1)) end += 3;  // seconds
    return end - k;
}

// A ratio whose first number ends at the colon at `colon` (按1:1配套, 1：0.5, 3:2:1): one quantity of two
// or more numbers, no level of anything — no figure at all, never two bare ones (round 27). The end of
// its last number, 0 if no digit follows the colon.
std::size_t ratio_end(const code_points& cps, std::size_t colon) {
    std::size_t j = colon;
    while (colon_at(cps, j) && j + 1 < cps.size() && is_digit(cps[j + 1].c))
        for (++j; j < cps.size() &&
                  (is_digit(cps[j].c) || (cps[j].c == U'.' && j + 1 < cps.size() && is_digit(cps[j + 1].c)));)
            ++j;
    return j == colon ? 0 : j;
}

// A telephone number at k, not a figure: an area code and a number (0571-88812345), or digits,
// dashes and blanks after 电话/手机/传真/热线 (and a colon). Its length, 0 if there is none.
std::size_t phone_number_at(const code_points& cps, std::size_t k) {
    std::size_t j = k;
    const auto digits = [&] {
        const std::size_t from = j;
        while (j < cps.size() && is_digit(cps[j].c)) ++j;
        return j - from;
    };
    if (cps[k].c == '0') {
        const std::size_t area = digits();
        if (area >= 3 && area <= 4 && j + 1 < cps.size() && is_dash(cps[j].c) && cps[j].c != U'至' &&
            cps[j].c != U'到') {
            ++j;
            const std::size_t number = digits();
            if (number >= 7 && number <= 8) return j - k;
        }
        j = k;
    }
    std::size_t b = k;
    while (b > 0 && (is_blank(cps[b - 1].c) || cps[b - 1].c == ':' || cps[b - 1].c == U'：')) --b;
    if (!(ends_with(cps, b, U"电话") || ends_with(cps, b, U"手机") || ends_with(cps, b, U"传真") ||
          ends_with(cps, b, U"热线") || ends_with(cps, b, U"号码")))
        return 0;
    std::size_t count = 0;
    while (j < cps.size() && (is_digit(cps[j].c) || cps[j].c == '-' || is_blank(cps[j].c)))
        count += is_digit(cps[j].c), ++j;
    while (j > k && !is_digit(cps[j - 1].c)) --j;
    return count >= 7 ? j - k : 0;
}

// An ordinal after 第 (第2位, 第3名, 第十二批, 第1-3名): a rank or a position in a list, not a
// quantity of anything. The code point after it (its digits or numeral and a range).
std::size_t ordinal_end(const code_points& cps, std::size_t k) {
    const auto run = [&](std::size_t j) {
        while (j < cps.size() && (is_digit(cps[j].c) || (is_chinese_numeral(cps[j].c) && cps[j].c != U'点'))) ++j;
        return j;
    };
    std::size_t j = run(k);
    if (j + 1 < cps.size() && is_dash(cps[j].c) && run(j + 1) > j + 1) j = run(j + 1);
    return j;
}

// The label of a table, a figure or an attachment right before k, whose number is no figure: 表1
// (a caption opening a line), 见表2, 如图3所示 (not 3所), 附件4, 附表1-2. 表 and 图 only standing alone
// (at a line's or a clause's start, after a blank or after 见/如/附/据/由), not in 代表12名 or 发表.
bool is_ideograph(char32_t c);

bool reference_label_before(const code_points& cps, std::size_t k) {
    if (k >= 2 && cps[k - 2].c == U'附' && one_of(cps[k - 1].c, U"件表图")) return true;
    if (k == 0 || (cps[k - 1].c != U'表' && cps[k - 1].c != U'图')) return false;
    if (k == 1) return true;
    const char32_t before = cps[k - 2].c;
    return !is_ideograph(before) || one_of(before, U"见如附据由");
}

// An ordinal (第2位, 第十二批) or the number of a label (表1) at k: no figure.
bool ordinal_or_label_at(const code_points& cps, std::size_t k) {
    return (k > 0 && cps[k - 1].c == U'第' && (is_digit(cps[k].c) || is_chinese_numeral(cps[k].c))) ||
           (is_digit(cps[k].c) && reference_label_before(cps, k));
}

bool page_dash(char32_t c) {
    return c == '-' || c == U'—' || c == U'–' || c == U'─' || c == U'·' || c == U'•' || c == U'～' || c == '~';
}

// A page's header or footer line left inside the text by a conversion from PDF ("— 3 —", "- 12 -",
// "第3页", "第 3 页 共 12 页"; `bare`: also a line of one to four digits alone) starting at code point
// j: the code point of the line break that ends it (or the end of the text), 0 if it is no such line.
std::size_t page_marker_end(const code_points& cps, std::size_t j, bool bare) {
    const std::size_t n = cps.size();
    const auto blanks = [&] {
        while (j < n && is_blank(cps[j].c)) ++j;
    };
    const auto digits = [&] {
        const std::size_t from = j;
        while (j < n && j - from < 5 && is_digit(cps[j].c)) ++j;
        return j - from;
    };
    blanks();
    std::size_t dashes = 0;
    bool page = false;
    while (j < n && page_dash(cps[j].c)) ++j, ++dashes;
    blanks();
    if (dashes == 0 && j < n && cps[j].c == U'第') page = true, ++j, blanks();
    const std::size_t d = digits();
    if (d == 0 || d > 4) return 0;
    blanks();
    if (page) {
        if (j >= n || cps[j].c != U'页') return 0;
        ++j, blanks();
        if (j < n && cps[j].c == U'共') {
            ++j, blanks();
            if (digits() == 0) return 0;
            blanks();
            if (j >= n || cps[j].c != U'页') return 0;
            ++j, blanks();
        }
    } else {
        std::size_t after = 0;
        while (j < n && page_dash(cps[j].c)) ++j, ++after;
        if ((dashes == 0) != (after == 0) || (dashes == 0 && !bare)) return 0;
        blanks();
    }
    return j >= n || cps[j].c == '\n' || cps[j].c == '\r' ? j : 0;
}

// A page's running header or footer beside its page number ("南坪县科学技术局" over "— 2 —") at code
// point j: a short line (at most 72 bytes, 24 Chinese characters) with no clause mark or colon that
// does not open with a digit. The line break that ends it (or the end of the text), 0 if it is no
// such line. Only taken as one next to a page line.
std::size_t running_head_end(const code_points& cps, std::size_t j) {
    constexpr std::size_t most_bytes = 3 * 24;
    if (j >= cps.size() || is_digit(cps[j].c)) return 0;
    std::size_t e = j;
    for (; e < cps.size() && cps[e].c != '\n' && cps[e].c != '\r'; ++e)
        if (cps.end_of(e) - cps[j].begin > most_bytes || one_of(cps[e].c, U"，。；、：:")) return 0;
    return e;
}

// A page line ("— 5 —") on the next line that is not blank after the line break at j.
bool page_line_follows(const code_points& cps, std::size_t j) {
    while (j < cps.size() && (cps[j].c == '\n' || cps[j].c == '\r' || is_blank(cps[j].c))) ++j;
    return j < cps.size() && page_marker_end(cps, j, true) != 0;
}

// The first code point of the line that goes on with a figure whose digits end a line
// ("专利授权量1\n26件", "获批立项1\n— 3 —\n2项": line breaks and pages' headers and footers
// between), 0 if the digits at `i` do not end a line.
std::size_t next_line_of_figure(const code_points& cps, std::size_t i) {
    std::size_t j = i;
    while (j < cps.size() && is_blank(cps[j].c)) ++j;
    if (j >= cps.size() || (cps[j].c != '\n' && cps[j].c != '\r')) return 0;
    bool after_page = false;
    for (int lines = 0; lines < 8 && j < cps.size();) {
        if (cps[j].c == '\n' || cps[j].c == '\r' || is_blank(cps[j].c)) {
            lines += cps[j].c == '\n';
            ++j;
        } else if (const std::size_t e = page_marker_end(cps, j, true)) {
            j = e, after_page = true;
        } else if (const std::size_t h = running_head_end(cps, j); h && (after_page || page_line_follows(cps, h))) {
            j = h;  // "专利授权量2⏎南坪县科学技术局⏎— 5 —⏎41件": the bureau's name over the page number
        } else {
            return j;
        }
    }
    return 0;
}

// The digits and the point of cps[k, end) (the fragments of a split figure joined): what the
// damaged text still says.
double joined_digits(const code_points& cps, std::size_t k, std::size_t end, std::size_t gap_from = 0,
                     std::size_t gap_to = 0) {
    std::string digits;
    for (std::size_t j = k; j < end; ++j) {
        if (j == gap_from && gap_to > gap_from) j = gap_to;  // a page's footer between the fragments
        if (is_digit(cps[j].c) || (cps[j].c == '.' && digits.find('.') == std::string::npos))
            digits.push_back(static_cast<char>(cps[j].c));
    }
    return digits.empty() ? std::numeric_limits<double>::quiet_NaN() : digits_value(digits);
}

// Past the sound thousands groups at j (",567" of "34,567万元": an ASCII comma before exactly three
// digits), as arabic() reads them.
std::size_t past_sound_groups(const code_points& cps, std::size_t j) {
    while (j + 3 < cps.size() && cps[j].c == ',' && cps.end_of(j) - cps[j].begin == 1 && is_digit(cps[j + 1].c) &&
           is_digit(cps[j + 2].c) && is_digit(cps[j + 3].c) && (j + 4 >= cps.size() || !is_digit(cps[j + 4].c)))
        j += 4;
    return j;
}

// Only digits and ASCII thousands separators in cps[k, i) ("1,234" before a split ",5⏎67万元").
bool grouped_digits(const code_points& cps, std::size_t k, std::size_t i) {
    for (std::size_t j = k; j < i; ++j)
        if (!is_digit(cps[j].c) && !(cps[j].c == ',' && cps.end_of(j) - cps[j].begin == 1)) return false;
    return i > k;
}

// "12,345 678万元": a grouped figure ending at i, a blank where its next separator was (a PDF's
// justified line) and the last group of three digits before the unit. Returns the code point after
// that group, 0 if i is not such a place. Only after a word (the caller): a table's cells stand after
// blanks, and "12,345 678" without a unit are two numbers.
std::size_t lost_separator_end(std::string_view text, const code_points& cps, std::size_t i) {
    std::size_t j = i;
    while (j < cps.size() && j - i < 2 && is_blank(cps[j].c)) ++j;
    const std::size_t d = j;
    while (j < cps.size() && is_digit(cps[j].c)) ++j;
    if (d == i || j - d != 3) return 0;
    j = past_sound_groups(cps, j);
    if (j + 1 < cps.size() && cps[j].c == '.' && is_digit(cps[j + 1].c))  // 12,345 678.5万元
        for (++j; j < cps.size() && is_digit(cps[j].c);) ++j;
    std::string unit;
    if (j >= cps.size() || date_word(cps, j) ||
        (cps[j].c != U'万' && cps[j].c != U'亿' && unit_length(text, cps, j, unit) == 0 &&
         measure_word_length(cps, j, unit) == 0))
        return 0;
    return j;
}

// "3 26件", "12 60万元", "168. 5亿元", "1,45项": the digits of one figure [k, i) split by a blank
// or by a separator that is not before exactly three digits (§7.3), the unit after the last
// fragment. Blanks split a figure only after a word (a table's cells, "168.5 131.0", stand after
// blanks) and after at most three digits. "专利授权量1⏎26件", "立项1⏎— 5 —⏎7项": split by a line break
// (next_line_of_figure), digits of any length; `continued`: the fragments before this one. Returns the code point after
// the last fragment's digits, 0 if there is no such split; `kind` split_digits or bad_grouping, `guess` the fragments
// joined (a page's footer left out).
std::size_t split_figure(std::string_view text, const code_points& cps, std::size_t k, std::size_t i,
                         std::string_view& kind, double& guess, int continued = 0) {
    if (i >= cps.size()) return 0;
    const bool integer =
        std::all_of(cps.begin() + static_cast<std::ptrdiff_t>(k), cps.begin() + static_cast<std::ptrdiff_t>(i),
                    [](const code_point& p) { return is_digit(p.c); });
    std::size_t j = i;
    bool point = false;
    const bool after_word =
        continued > 0 || (k > 0 && !is_blank(cps[k - 1].c) && cps[k - 1].c != '\n' && cps[k - 1].c != '\r');
    // "专利授权量1\n26件", "12.\n6亿元": a line break (and a page's footer) inside a figure of prose; a
    // table's cells stand after blanks, a list number opens its line.
    const std::size_t at_point = i < cps.size() && cps[i].c == '.' && integer ? i + 1 : i;
    if (const std::size_t next = after_word && (integer || at_point == i) ? next_line_of_figure(cps, at_point) : 0;
        next && (is_digit(cps[next].c) ||
                 (cps[next].c == '.' && at_point == i && next + 1 < cps.size() && is_digit(cps[next + 1].c)))) {
        j = next;
        if (cps[j].c == '.') ++j;
        const std::size_t d = j;
        while (j < cps.size() && is_digit(cps[j].c)) ++j;
        j = past_sound_groups(cps, j);  // "1,2⏎34,567万元"
        if (j + 1 < cps.size() && cps[j].c == '.' && is_digit(cps[j + 1].c) && at_point == i && cps[next].c != '.')
            for (++j; j < cps.size() && is_digit(cps[j].c);) ++j;
        std::string unit;
        if (j == d || j >= cps.size() || date_word(cps, j) || is_letter(cps[j].c)) return 0;
        // a measure word the unit algebra does not know ends one too (登记技术合同4⏎16份, 培训1⏎26场次)
        if (cps[j].c != U'万' && cps[j].c != U'亿' && cps[j].c != '%' && unit_length(text, cps, j, unit) == 0 &&
            measure_word_length(cps, j, unit) == 0)
            return 0;
        kind = "split_digits", guess = joined_digits(cps, k, j, at_point, next);  // the footer left out
        return j;
    }
    const bool separator = cps[j].c == ',' && cps.end_of(j) - cps[j].begin == 1;  // ASCII, never "，" (a clause end)
    if (!integer && after_word && !separator && grouped_digits(cps, k, i))
        if (const std::size_t end = lost_separator_end(text, cps, i)) {
            kind = "split_digits", guess = joined_digits(cps, k, end);
            return end;
        }
    if (!integer && !(separator && grouped_digits(cps, k, i))) return 0;
    const auto past_blanks = [&](std::size_t from) {
        std::size_t b = from;
        while (b < cps.size() && b - from < 2 && is_blank(cps[b].c)) ++b;
        return b;
    };
    const auto ascii_comma = [&](std::size_t at) {
        return at < cps.size() && cps[at].c == ',' && cps.end_of(at) - cps[at].begin == 1;
    };
    if (separator) {
        ++j, kind = "bad_grouping";
        // "1,⏎234万元": a line break right after the separator, the digits on the next line
        if (const std::size_t next = next_line_of_figure(cps, j); next && is_digit(cps[next].c))
            j = next, kind = "split_digits";
        else if (const std::size_t b = after_word ? past_blanks(j) : j; b > j)
            j = b, kind = "split_digits";  // "1, 512件": a blank after the separator, a PDF's justified line
    } else {
        if (cps[j].c == '.') point = true, ++j;
        const std::size_t blanks = j;
        j = past_blanks(j);
        if (j == blanks) return 0;
        if (!point && j < cps.size() && cps[j].c == '.') point = true, ++j;  // "168 .5亿元"
        if (!point && ascii_comma(j)) j = past_blanks(j + 1);                // "2 ,360万元", "2 , 360万元"
        if (!point && (!after_word || i - k > 3)) return 0;
        kind = "split_digits";
    }
    const std::size_t d = j;
    while (j < cps.size() && is_digit(cps[j].c)) ++j;
    if (j == d) return 0;
    j = past_sound_groups(cps, j);  // "1,2 34,567万元"
    if (!point && j + 1 < cps.size() && cps[j].c == '.' && is_digit(cps[j + 1].c))
        for (++j; j < cps.size() && is_digit(cps[j].c);) ++j;
    if (j >= cps.size() || date_word(cps, j) || is_letter(cps[j].c)) return 0;
    std::string unit;
    if (cps[j].c != U'万' && cps[j].c != U'亿' && unit_length(text, cps, j, unit) == 0 &&
        measure_word_length(cps, j, unit) == 0) {
        // "2,8 60万元", "1,2⏎34万元", "2,8 6⏎0万元": the fragment after a separator or a blank split
        // again; one figure, not a bare "1" and a confident "34万元". A few fragments at most: a run
        // of "1,2,3,4…" is no figure, and each of its digits would walk it to its end.
        constexpr int most_fragments = 4;
        std::string_view inner;
        const std::size_t end =
            continued + 1 < most_fragments ? split_figure(text, cps, d, j, inner, guess, continued + 1) : 0;
        if (end) kind = inner, guess = joined_digits(cps, k, end);
        return end;
    }
    guess = joined_digits(cps, k, j);
    return j;
}

// A letter a conversion reads for a digit (O o l I) or an invalid byte's U+FFFD.
// What may follow a point whose decimals were lost (12.。, 12.，, 12.用于, 12.⏎): a line's end, a
// mark of Chinese punctuation (。，、；：！？）”」』》, in full or half width) or an ideograph. Not a
// digit (12.5), a letter (V2.x), a blank (168. 5亿元: split_digits) or an opening bracket.
bool lost_decimals_before(char32_t c) {
    return c == '\n' || c == '\r' || is_ideograph(c) || one_of(c, U"。，、；：！？）”’」』》〕】,;:!?)");
}

// A point at i after digits whose decimals were lost: before a unit (21.%, 35.万元) or what
// lost_decimals_before says ("资金12.。", "12.，", "12.用于", "12." at a line's end: a Chinese
// sentence ends with 。, and a list number opening a line or a sentence was read before). Never the
// confident 12.
bool dangling_point_at(std::string_view text, const code_points& cps, std::size_t i) {
    if (i >= cps.size() || cps[i].c != '.') return false;
    if (i + 1 == cps.size()) return true;
    const char32_t c = cps[i + 1].c;
    std::string ignored;
    return c == U'万' || c == U'亿' || lost_decimals_before(c) || unit_length(text, cps, i + 1, ignored) > 0;
}

// A unit, 万/亿 or a measure word starts at j (what makes digits before it a figure).
bool unit_follows(std::string_view text, const code_points& cps, std::size_t j) {
    if (j >= cps.size() || date_word(cps, j) || is_letter(cps[j].c)) return false;
    std::string unit;
    return cps[j].c == U'万' || cps[j].c == U'亿' || unit_length(text, cps, j, unit) > 0 ||
           measure_word_length(cps, j, unit) > 0;
}

// A figure [k, i) garbled past its digits, before a unit: a second point ("12..5项", "1.2.3亿元"),
// a full stop read for the point ("12。5亿元": an OCR slip — a sentence ending in a bare number
// and the next opening with a figure is rarer than that) or a spreadsheet's scientific notation
// ("1e3家"). Returns the code point after its digits, 0 if none; `kind` and `guess` (12..5 → 12.5,
// 12。5 → 12.5, 1e3 → 1000; none for 1.2.3: which point is real is unknown).
std::size_t garbled_figure_end(std::string_view text, const code_points& cps, std::size_t k, std::size_t i,
                               double value, std::string_view& kind, double& guess) {
    if (i + 1 >= cps.size()) return 0;
    const char32_t c = cps[i].c;
    if (c != '.' && c != U'。' && c != 'e' && c != 'E') return 0;  // most figures: a unit follows
    const auto digits_end = [&](std::size_t j) {
        const std::size_t d = j;
        while (j < cps.size() && is_digit(cps[j].c)) ++j;
        return j == d ? 0 : j;
    };
    const bool point =
        std::any_of(cps.begin() + static_cast<std::ptrdiff_t>(k), cps.begin() + static_cast<std::ptrdiff_t>(i),
                    [](const code_point& p) { return p.c == '.'; });
    if (c == '.') {
        const bool doubled = cps[i + 1].c == '.';
        if (doubled == point) return 0;  // 12..5 (one point in the digits) or 1.2.3 (a point, then a second)
        std::size_t j = digits_end(i + (doubled ? 2 : 1));
        while (!doubled && j && j + 1 < cps.size() && cps[j].c == '.' && is_digit(cps[j + 1].c))
            j = digits_end(j + 1);  // "1.2.3.4项": a third point, a fourth group
        if (!j || !unit_follows(text, cps, j)) return 0;
        kind = "extra_point", guess = doubled ? joined_digits(cps, k, j) : std::numeric_limits<double>::quiet_NaN();
        return j;
    }
    if (c == U'。' && !point) {
        std::size_t j = digits_end(i + 1);
        if (!j || (j < cps.size() && cps[j].c == '.')) return 0;
        if (!unit_follows(text, cps, j)) return 0;
        kind = "stop_for_point", guess = joined_digits(cps, k, i) +
                                         joined_digits(cps, i + 1, j) / std::pow(10.0, static_cast<double>(j - i - 1));
        return j;
    }
    if (c == 'e' || c == 'E') {
        std::size_t e = i + 1;
        const bool minus = e < cps.size() && (cps[e].c == '-' || cps[e].c == '+') ? cps[e++].c == '-' : false;
        const std::size_t j = e < cps.size() ? digits_end(e) : 0;
        if (!j || j - e > 3 || !unit_follows(text, cps, j)) return 0;
        const double exponent = joined_digits(cps, e, j);
        kind = "scientific_notation", guess = value * std::pow(10.0, minus ? -exponent : exponent);
        return j;
    }
    return 0;
}

// "1万2千件", "1亿2千万元", "3千5百人": Arabic digits with Chinese multipliers, one figure, the
// multipliers going down as a Chinese numeral's do. Returns the code point after its last
// multiplier, 0 if the digits at [k, i) do not start this form (at least two groups, each with its
// multiplier: "1万2件" is not read). `value` is the figure in its first multiplier when that is
// 万 or 亿 (`head`: 1万2千件 is 1.2 万件, as 1.2万件 is), else the figure itself.
std::size_t mixed_numeral_end(const code_points& cps, std::size_t k, std::size_t i, double& value, std::string& head) {
    if (i + 1 >= cps.size() || !is_digit(cps[i + 1].c)) return 0;
    const double first = chinese_multiplier(cps[i].c);
    if (first == 0 || first == 10 || cps[i].c == U'拾' || cps[i].c == U'佰' || cps[i].c == U'仟') return 0;
    double total = 0, section = 0, last_small = 0, last_big = 0;  // multipliers only go down (1亿2千万)
    bool hundred_million = false;
    const auto big = [&](double m) {
        if (last_big != 0 && m >= last_big) return false;  // 1万1万: two figures, not one
        last_big = m;
        if (m == 1e4)
            total = hundred_million ? total + section * 1e4 : (total + section) * 1e4;
        else
            total = (total + section) * 1e8, hundred_million = true;
        section = 0, last_small = 0;
        return true;
    };
    std::size_t j = k, groups = 0;
    while (j < cps.size() && is_digit(cps[j].c)) {
        const std::size_t d = j;
        while (j < cps.size() && is_digit(cps[j].c)) ++j;
        const char32_t c = j < cps.size() ? cps[j].c : 0;
        const double m = c == U'万' || c == U'亿' || c == U'千' || c == U'百' ? chinese_multiplier(c) : 0;
        if (m == 0) return 0;  // digits without a multiplier: 1万2件 (2 what?)
        const double number = joined_digits(cps, d, j);
        if (m >= 1e4) {
            section += number;
            if (!big(m)) return 0;
        } else {
            if ((last_small != 0 && m >= last_small) || (groups > 0 && number >= 10)) return 0;  // 1万12千
            section += number * m, last_small = m;
            if (j + 1 < cps.size() && (cps[j + 1].c == U'万' || cps[j + 1].c == U'亿')) {  // 2千万
                if (!big(chinese_multiplier(cps[++j].c))) return 0;
            }
        }
        ++j, ++groups;
    }
    if (groups < 2 || !std::isfinite(total + section)) return 0;
    value = total + section;
    if (first >= 1e4) value /= first, head = first == 1e4 ? "万" : "亿";
    return j;
}

bool stray_in_digits(char32_t c) { return c == 0xFFFD || c == 'O' || c == 'o' || c == 'l' || c == 'I'; }

// The end of a run of digits at k with a stray_in_digits character inside it or right after it
// ("3l6", "1O5", "2,1OO", "3�26", "1�.5"), 0 if there is none or the run goes on into a word
// ("5Gb", "3lb") or a date (2O24年). A run longer than any figure ("1,1,1,…") is none: walking
// it to its end from each of its digits took time quadratic in its length.
std::size_t stray_run_end(const code_points& cps, std::size_t k) {
    constexpr std::size_t longest_figure = 40;  // code points: 1,234,567,890,123.45 is 20
    std::size_t j = k;
    bool stray = false;
    while (j < cps.size()) {
        if (j - k > longest_figure) return 0;
        const char32_t c = cps[j].c;
        if (is_digit(c))
            ++j;
        else if (stray_in_digits(c) && j > k)
            stray = true, ++j;
        else if ((c == '.' || c == ',') && j + 1 < cps.size() &&
                 (is_digit(cps[j + 1].c) || stray_in_digits(cps[j + 1].c)))  // only here: not at every digit
            ++j;
        else
            break;
    }
    if (!stray || (j < cps.size() && (is_letter(cps[j].c) || is_mask(cps[j].c))) || date_word(cps, j)) return 0;
    return j;
}

// 1.2万名, 3万份: a measure word after a multiplier alone is the figure's too (it was dropped). Its
// length, appended to `unit`.
std::size_t scaled_measure_word(const code_points& cps, std::size_t k, std::string& unit) {
    std::string word;
    if (!is(unit, "万") && !is(unit, "亿")) return 0;
    const std::size_t m = measure_word_length(cps, k, word);
    if (m) unit += word;
    return m;
}

// 百, 千, 万 or 亿 alone at k after a bound word (近百家 nearly a hundred, 上千人次 over a thousand, 逾万人
// over ten thousand, 近千万元 nearly 1000 万元, 超亿元 over 10^8 元): the bound's figure, never an exact number
// (qualifiers() reads the word before).
std::optional<double> bounded_magnitude(const code_points& cps, std::size_t k) {
    // 突破千亿元, 超过千亿元 too (round 25: 突破千亿元 was no figure)
    if (k == 0 || !(one_of(cps[k - 1].c, U"近上逾超") || ends_with(cps, k, U"突破") || ends_with(cps, k, U"超过")))
        return std::nullopt;
    const char32_t c = cps[k].c;
    if (c == U'百') return 100.0;
    if (c == U'千') return 1000.0;
    if (c == U'万') return 10000.0;
    if (c == U'亿') return 1e8;
    return std::nullopt;
}

// The Chinese numeral at k (not after another numeral): its end `i` and value (NaN beyond a
// double: out_of_range); 亿亿, a magnitude doubled (九千九百九十九亿亿项), is no figure of a report:
// `damage`. False if the run is no numeral.
bool chinese_numeral_at(std::string_view text, const code_points& cps, std::size_t k, std::size_t& i, double& value,
                        std::string_view& damage) {
    if (k > 0 && is_chinese_numeral(cps[k - 1].c)) return false;
    std::size_t end = k;
    bool doubled = false, magnitudes_only = true;
    for (; end < cps.size() && is_chinese_numeral(cps[end].c); ++end) {
        doubled |= end > k && cps[end].c == U'亿' && cps[end - 1].c == U'亿';
        magnitudes_only &= one_of(cps[end].c, U"十百千万亿");
    }
    // 数十名, 几十家, 数百万元: "some tens", no number a report states (review23b F2: read as exactly
    // 10); 总数十二家 is twelve.
    if (magnitudes_only && k > 0 && (cps[k - 1].c == U'数' || cps[k - 1].c == U'几')) return false;
    std::optional<double> v = chinese_figure(text, cps, k, end);
    if (!v && (end == k + 1 || (end == k + 2 && (cps[k + 1].c == U'万' || cps[k + 1].c == U'亿'))) &&
        (v = bounded_magnitude(cps, k)))
        end = k + 1;  // 近千万元: 1000 万元, the 万 the unit's
    if (end == k + 1 && (cps[k].c == U'万' || cps[k].c == U'亿') && v && bounded_magnitude(cps, k) &&
        end < cps.size() && !is_chinese_numeral(cps[end].c))
        v = 1.0, end = k;  // 近亿元: a bound of 1 亿元, the unit as written (not 1e8 元)
    if (!v) return false;
    if (doubled && std::isfinite(*v)) damage = "doubled_magnitude";
    value = std::isfinite(*v) ? *v : std::numeric_limits<double>::quiet_NaN();  // 一亿亿…亿: out_of_range
    i = end;
    return true;
}

// 百分之 / 千分之 / 万分之 (十万分之, 百万分之, 千万分之) before k: the unit (% or ‰) of the numeral
// after it, nullptr if none; `divisor` what its value is divided by in that unit (万分之3.5 =
// 0.035 %, 百万分之三 = 0.0003 %: no unit of their own); `first` where the words start, if any.
const char* per_word_before(const code_points& cps, std::size_t k, double& divisor, std::size_t& first) {
    divisor = 1;
    if (k < 3 || cps[k - 1].c != U'之' || cps[k - 2].c != U'分') return nullptr;
    if (cps[k - 3].c == U'万') {  // 万分之, or 万 as a magnitude of 十/百/千 (review23b F3: read as 万分之)
        const char32_t scale = k >= 4 ? cps[k - 4].c : 0;
        first = scale == U'十' || scale == U'百' || scale == U'千' ? k - 4 : k - 3;
        divisor = scale == U'十' ? 1e3 : scale == U'百' ? 1e4 : scale == U'千' ? 1e5 : 1e2;
        return "%";
    }
    const char* unit = cps[k - 3].c == U'百' ? "%" : cps[k - 3].c == U'千' ? "‰" : nullptr;
    if (unit) first = k - 3;
    return unit;
}

// "获批项目-5项", "研发经费支出－3亿元": a minus sign after a word, before the Arabic figure at k
// (s.q its unit). A rate or a change in points keeps it (增长-3.2% is a fall); a level (a count, an
// amount) is never negative in a report — a fall is written 下降/减少 — so the sign is damage: the
// value is unknown, the guess keeps the sign. A bare number keeps it too (温度-5, no level). Between
// figures (5-10亿元) it is a range's dash.
void minus_sign_before(const code_points& cps, std::size_t k, scanned& s, std::size_t& first, double& value) {
    if (k == 0 || (cps[k - 1].c != '-' && cps[k - 1].c != U'－')) return;
    if (k >= 2 && !is_ideograph(cps[k - 2].c) && cps[k - 2].c != U'：' && cps[k - 2].c != ':') return;
    first = k - 1;
    const std::string& unit = s.q.unit;
    if (unit.empty() || is(unit, "%") || is(unit, "‰") || is(unit, "个百分点") ||
        is(unit, "百分点")) {  // -5 alone: no level
        value = -value;
    } else if (s.damage.empty()) {
        s.damage = "minus_sign", s.guess = -value;
        value = std::numeric_limits<double>::quiet_NaN();
    }
}

// One number (Arabic or Chinese) with what directly follows it: 余/多, the unit, 成. Returns
// false if there is no quantity at k.
// A unit or measure word one blank after a figure's digits (at k, the blank): its length, 0 if
// none. Two blanks or a digit after the blank are a table's next cell or a split figure.
std::size_t unit_after_blank(std::string_view text, const code_points& cps, std::size_t k, std::string& unit) {
    if (k + 1 >= cps.size() || !is_blank(cps[k].c) || !is_ideograph(cps[k + 1].c)) return 0;
    std::size_t n = unit_length(text, cps, k + 1, unit);
    if (!n) n = measure_word_length(cps, k + 1, unit);
    return n;
}

// A measure word after a figure's digits at i, or (`spaced`) a unit one blank after them ("1.86
// 亿元", "241 件": typeset so, or spaced out by a PDF converter): its length, the blank included.
std::size_t word_after_figure(std::string_view text, const code_points& cps, std::size_t i, std::string& unit,
                              bool spaced) {
    if (const std::size_t n = measure_word_length(cps, i, unit)) return n;
    const std::size_t n = spaced ? unit_after_blank(text, cps, i, unit) : 0;
    return n ? n + 1 : 0;
}

// A ranking word in the clause before k, a few words back (居全省十二位, 排名全省十二位, 位居全市十二名,
// 名列前茅…): a 名 or 位 after the numeral is a place in a ranking, not people.
bool ranking_before(const code_points& cps, std::size_t k) {
    static constexpr const char32_t* ranks[] = {U"排名", U"排在", U"排位", U"排全", U"排第", U"位居", U"位列", U"名列",
                                                U"居全", U"居于", U"居第", U"居前", U"列全", U"列第", U"跃居", U"稳居"};
    for (std::size_t j = k; j > 0 && k - j < 12 && is_ideograph(cps[j - 1].c); --j)
        for (const char32_t* word : ranks)
            if (starts_with(cps, j - 1, word)) return true;
    return false;
}

// 名, 位, 期, 场, 场次, 笔 or 例 after a Chinese numeral of ten or more (引进人才一百二十名, 近千名科技特派员,
// 举办培训班十二期): people or events counted, as after digits. Not below ten: 一期工程, 三位一体,
// 一场硬仗 are words, no figures; nor is a rank (前十名, 排名前二十位, 居全省十二位: review23b F1). Its
// length, 0 if none.
std::size_t people_or_events_after_numeral(const code_points& cps, std::size_t k, std::size_t i, double value,
                                           std::string& unit) {
    if (!(value >= 10) || (k > 0 && one_of(cps[k - 1].c, U"前后"))) return 0;
    std::string word;
    const std::size_t n = measure_word_length(cps, i, word);
    if (n == 0 || !(word == "名" || word == "位" || word == "期" || word == "场" || word == "场次" || word == "笔" ||
                    word == "例"))
        return 0;
    if ((word == "名" || word == "位") && ranking_before(cps, k)) return 0;
    unit = std::move(word);
    return n;
}

// A measure word after digits (word_after_figure), or after a Chinese numeral of people or events
// (not 一批: people_or_events_after_numeral).
std::size_t word_after_number(std::string_view text, const code_points& cps, std::size_t k, std::size_t i,
                              std::string& unit, bool spaced, bool chinese, double value) {
    return chinese ? people_or_events_after_numeral(cps, k, i, value, unit)
                   : word_after_figure(text, cps, i, unit, spaced);
}

// "走访企业320家次", "服务1,245项次": 次 after a count word (家, 项, 件, 户, 所) counts visits or
// services, not firms or projects — one measure word (家次), which the unit algebra does not know
// (人次 it knows: people_trained), so no variable counted in 家 takes it. 次 appended to `unit`:
// the length of the unit at i (n code points) with it.
std::size_t with_visits(const code_points& cps, std::size_t i, std::size_t n, std::string& unit) {
    const std::size_t end = i + n;
    if (n == 0 || end >= cps.size() || cps[end].c != U'次' || !one_of(cps[end - 1].c, U"家项件户所")) return n;
    unit += "次";
    return n + 1;
}

// The digits read by arabic() end at i before what none of stray_run_end, garbled_figure_end,
// split_figure (with lost_separator_end and next_line_of_figure), dangling_point_at and the letter
// test can read on from (each needs a point, a comma, a blank, a line break, a letter, 。 or U+FFFD
// right after the digits): %, a code point past ASCII other than 。 and U+FFFD (a unit, 万, 年), or
// the text's end. Most figures end so, and number_at then enters none of them.
bool digits_end_plainly(const code_points& cps, std::size_t i) {
    if (i >= cps.size()) return true;
    const char32_t c = cps[i].c;
    return c == '%' || (c >= 0x80 && c != U'。' && c != 0xFFFD);
}

bool number_at(std::string_view text, const code_points& cps, std::size_t k, scanned& s, bool& date) {
    date = false;
    std::size_t i = k, first = k;
    std::string_view damage;
    double value = 0, guess = std::numeric_limits<double>::quiet_NaN(), per_divisor = 1;
    bool masked = false, comma = false, chinese = false, code = false;
    std::string multiplier;  // 1万2千件, 227万余元 (then 余/多): the multiplier that starts the unit
    if (ordinal_or_label_at(cps, k)) {
        date = true;  // an ordinal (第2位) or a table's or figure's number (表1): stepped over, as a date is
        s.last = ordinal_end(cps, k);
        return false;
    }
    if (is_digit(cps[k].c) || is_mask(cps[k].c)) {  // a lone x is a placeholder only if a unit follows (below)
        // ".35亿元": a point with no digit before it, after a word: the digits before it were lost.
        const bool leading_point = k > 0 && cps[k - 1].c == '.' && is_digit(cps[k].c) &&
                                   (k < 2 || (!is_digit(cps[k - 2].c) && !is_letter(cps[k - 2].c) &&
                                              !is_mask(cps[k - 2].c) && cps[k - 2].c != '.'));
        if (k > 0 && (is_letter(cps[k - 1].c) || is_digit(cps[k - 1].c) || (cps[k - 1].c == '.' && !leading_point)))
            return false;
        i = arabic(cps, k, value, masked, comma);
        const bool skip_damage = leading_point || digits_end_plainly(cps, i);  // most figures: no reader below
        // "3l6件", "1O5项", "2,1OO万元", "3�26件": a letter read for a digit (O o l I) or an invalid
        // byte (U+FFFD) inside or right after the digits is a misread digit, not the figure's end.
        const std::size_t stray_end = skip_damage ? 0 : stray_run_end(cps, k);
        const std::size_t garbled_end =
            stray_end || skip_damage || masked ? 0 : garbled_figure_end(text, cps, k, i, value, damage, guess);
        if (!stray_end && !garbled_end && i < cps.size() && is_letter(cps[i].c) && !is_mask(cps[i].c))
            return false;  // "5G", "2025H1": a name
        // Digits lost in a conversion: "000件" (zeros only, more than one) and "21.%" (a point
        // with no digits after it, before a unit) are figures whose value is unknown; so are
        // "00.5亿元" (zeros before the digits), ".35亿元" and a figure split in two ("3 26件").
        const auto integer_digits = [&] {
            std::size_t j = k;
            while (j < i && is_digit(cps[j].c)) ++j;
            return j - k;
        };
        if (stray_end) {
            damage = "stray_character", i = stray_end;
        } else if (garbled_end) {
            i = garbled_end;
        } else if (leading_point) {
            if (masked || integer_digits() != i - k) return false;
            first = k - 1, damage = "leading_point";  // no guess: how many digits were lost is unknown
        } else if (!masked && i - k >= 2 && cps[k].c == '0' &&
                   std::all_of(cps.begin() + static_cast<std::ptrdiff_t>(k),
                               cps.begin() + static_cast<std::ptrdiff_t>(i),
                               [](const code_point& p) { return p.c == '0'; })) {
            damage = "zero_digits";
        } else if (!masked && !comma && cps[k].c == '0' && integer_digits() >= 2) {
            damage = "leading_zeros", code = true;  // without a unit: a code (区号0571), not a figure
        } else if (const std::size_t mixed = masked || comma ? 0 : mixed_numeral_end(cps, k, i, value, multiplier)) {
            i = mixed;
        } else if (std::string_view kind; !masked && !skip_damage) {  // leading_point: not here
            if (const std::size_t end = split_figure(text, cps, k, i, kind, guess)) damage = kind, i = end;
        }
        if (!masked && !stray_end && dangling_point_at(text, cps, i)) damage = "dangling_point", guess = value, ++i;
    } else if (is_chinese_numeral(cps[k].c) && cps[k].c != U'点') {
        chinese = chinese_numeral_at(text, cps, k, i, value, damage);
        if (!chinese) return false;
    } else {
        return false;
    }
    if (date_word(cps, i)) {
        date = true;
        s.last = i;
        return false;
    }
    quantity& q = s.q;
    q = quantity{};
    q.masked = masked;
    s.damage = damage;
    s.guess = guess;  // the digits before the lost ones, the fragments of a split figure joined
    if (!damage.empty()) value = std::numeric_limits<double>::quiet_NaN();
    s.thousands_comma = comma && !masked;
    if (multiplier.empty() && i + 1 < cps.size() && (cps[i].c == U'万' || cps[i].c == U'亿') &&
        (cps[i + 1].c == U'余' || cps[i + 1].c == U'多'))
        multiplier = cps[i].c == U'万' ? "万" : "亿", ++i;
    if (i < cps.size() && (cps[i].c == U'余' || cps[i].c == U'多')) q.qual = qualifier::lower_bound, ++i;
    if (chinese && i < cps.size() && cps[i].c == U'成' && value >= 1 && value <= 10 &&
        (i + 1 >= cps.size() || stops_unit(cps[i + 1].c) || cps[i + 1].c == U'以' || cps[i + 1].c == U'左' ||
         cps[i + 1].c == U'多')) {
        value *= 10, q.unit = "%", ++i;  // 三成 = 30%
    } else {
        std::string after_multiplier, &unit = multiplier.empty() ? q.unit : after_multiplier;  // q.unit: no copy
        std::size_t n = with_visits(cps, i, unit_length(text, cps, i, unit), unit);
        if (!n && !masked) n = word_after_number(text, cps, k, i, unit, multiplier.empty(), chinese, value);
        if (n && multiplier.empty()) n += scaled_measure_word(cps, i + n, unit);
        if (!multiplier.empty()) q.unit = multiplier + unit;  // 227万余元; the multiplier alone if no unit follows
        if (n || !multiplier.empty())
            i += n;
        else if (const char* per = damage.empty() ? per_word_before(cps, k, per_divisor, first) : nullptr)
            q.unit = per, value /= per_divisor;  // 百分之十二点五 = 12.5 %, 千分之三 = 3 ‰
        else if (chinese || masked || code || damage == "leading_point")
            return false;  // a Chinese numeral, a placeholder or a code needs a unit to be a figure
    }
    if (!chinese && first == k) minus_sign_before(cps, k, s, first, value);
    q.value = q.high = value;
    s.first = first, s.last = i;
    return true;
}

// 约, 近 or 超 closing a word of its own (签约12项 signed, 最近3年 recent, 赶超3家 overtaking), not
// "about"/"nearly"/"over".
bool closes_a_word(const code_points& cps, std::size_t k) {
    if (k < 2) return false;
    const char32_t word = cps[k - 1].c, first = cps[k - 2].c;
    if (word == U'约') return one_of(first, U"签节预合履特制公条邀违续解立践缔");
    if (word == U'超') return one_of(first, U"赶高");
    return word == U'近' && (first == U'最' || first == U'附' || first == U'邻');
}

// A bound that 不 turns round, ending at k: 不超过/不高于/不多于/不大于 (at most) and 不少于/不低于/
// 不小于 (at least) — never the lower bound of the 超过 inside 不超过. Its length (0 if none), the
// qualifier into `qual`.
std::size_t negated_bound(const code_points& cps, std::size_t k, qualifier& qual) {
    if (ends_with(cps, k, U"不超过") || ends_with(cps, k, U"不高于") || ends_with(cps, k, U"不多于") ||
        ends_with(cps, k, U"不大于")) {
        qual = qualifier::upper_bound;
        return 3;
    }
    if (ends_with(cps, k, U"不少于") || ends_with(cps, k, U"不低于") || ends_with(cps, k, U"不小于")) {
        qual = qualifier::lower_bound;
        return 3;
    }
    return 0;
}

void qualifiers(const code_points& cps, scanned& s) {
    quantity& q = s.q;
    std::size_t before = s.first, after = s.last;
    if (const std::size_t n = negated_bound(cps, before, q.qual))  // 不超过50万元, 不少于50场次
        before -= n;
    else if (ends_with(cps, before, U"超过") || ends_with(cps, before, U"突破") || ends_with(cps, before, U"逾"))
        q.qual = qualifier::lower_bound, before -= ends_with(cps, before, U"逾") ? 1 : 2;
    else if (ends_with(cps, before, U"超") && !closes_a_word(cps, before))
        q.qual = qualifier::lower_bound, before -= 1;  // 超2000家: 超过 in short
    else if (ends_with(cps, before, U"不足"))
        q.qual = qualifier::upper_bound, before -= 2;
    else if (ends_with(cps, before, U"近") && !closes_a_word(cps, before))
        q.qual = qualifier::upper_bound, before -= 1;
    else if (ends_with(cps, before, U"约") && !closes_a_word(cps, before))
        q.qual = qualifier::approximate, before -= 1;
    else if (ends_with(cps, before, U"上") && bounded_magnitude(cps, before))  // 上百家: over a hundred
        q.qual = qualifier::lower_bound, before -= 1;
    if (starts_with(cps, after, U"左右"))
        q.qual = qualifier::approximate, after += 2;
    else if (starts_with(cps, after, U"以上"))
        q.qual = qualifier::lower_bound, after += 2;
    else if (starts_with(cps, after, U"以下") || starts_with(cps, after, U"以内"))
        q.qual = qualifier::upper_bound, after += 2;
    s.first = before, s.last = after;
}

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

// "到203⏎0年": a year a line break (a page's footer between) cut, as a PDF converter leaves it; four
// digits and 年 on both sides together are no figure a lost digit could leave. The digits [k, end)
// read as v: the whole year and its end, if they are its first part.
void year_across_break(const code_points& cps, std::size_t k, std::size_t& end, int& v) {
    const std::size_t next = next_line_of_figure(cps, end);
    if (!next) return;
    int year = v;
    std::size_t e = next;
    for (std::size_t digits = end - k; e < cps.size() && is_digit(cps[e].c) && digits < 4; ++e, ++digits)
        year = year * 10 + static_cast<int>(cps[e].c - '0');
    if (e - next + (end - k) == 4 && e < cps.size() && cps[e].c == U'年' && year >= 1900 && year <= 2200)
        v = year, end = e;
}

// 今年 / 本年 (本年度) at k: the year of the report's title, whatever year a paragraph before
// named — the title's own period when it is of that year (今年上半年 of a half-year report is
// its half; 今年，… its whole period). Its length, 0 if none or the title named no year.
std::size_t this_year_at(const code_points& cps, std::size_t k, period_state& state) {
    // the year the report was given in when its head dates it (a 2025 press conference held in 2026:
    // 今年 is 2026), else the title's
    const int year = state.dated_year ? state.dated_year : state.title_year;
    if (!year || (!starts_with(cps, k, U"今年") && !starts_with(cps, k, U"本年"))) return 0;
    state.year = year, state.prior = false;
    const bool of_title = state.title_period && state.title_period->year_number() == year;
    // a bulletin's issue line states no span (title_period unset): 今年 goes on with the one its
    // text stated (1-9月，… 今年申报…: 2026YTD09)
    const bool span = !state.title_period && state.current && state.current->year_number() == year &&
                      state.current->kind() == period_kind::year_to_date;
    state.current = of_title ? *state.title_period : span ? *state.current : period::year(year);
    return 2;
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

std::size_t period_at(const code_points& cps, std::size_t k, period_state& state) {
    auto number = [&](std::size_t i, std::size_t& end) {
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
    };
    auto set = [&](std::optional<period> p) {
        if (state.year) state.current = p;
    };
    try {
        if (const std::size_t n = year_word_at(cps, k, state)) return n;
        int plan_year = 0;
        bool span = false;
        if (const std::size_t n = plan_span_at(cps, k, plan_year, span)) {
            state.year = plan_year, state.current = period::year(plan_year);
            return n;
        }
        if (starts_with(cps, k, U"上半年") || starts_with(cps, k, U"下半年")) {
            set(period::half(state.year, cps[k].c == U'上' ? 1 : 2));
            return 3;
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
            const int y = at < cps.size() ? number(at, end) : 0;
            if (y >= 1900 && y <= 2200 && end < cps.size() && cps[end].c == U'年')
                state.year = y, state.current = period::year(y), at = end + 1;
            const int m = at < cps.size() ? number(at, end) : 0;
            if (m >= 1 && m <= 12 && end < cps.size() && cps[end].c == U'月') {
                set(period::year_to_date(state.year, m));
                return end + 1 + month_end_word(cps, end + 1) - k;
            }
            return at - k;
        }
        std::size_t end = 0;
        int v = (is_digit(cps[k].c) || chinese_digit(cps[k].c) > 0 || cps[k].c == U'十') ? number(k, end) : 0;
        if (!v || (k > 0 && is_digit(cps[k - 1].c))) return 0;
        if (is_digit(cps[k].c) && end - k < 4) year_across_break(cps, k, end, v);
        if (end < cps.size() && cps[end].c == U'年' && v >= 1900 && v <= 2200) {
            state.year = v, state.current = period::year(v);
            return end + 1 - k;
        }
        if (starts_with(cps, end, U"季度") && v >= 1 && v <= 4) {
            set(period::quarter(state.year, v));
            return end + 2 - k;
        }
        // 1-10月 (and 1月至10月, 1月—10月): January to October
        const std::size_t dash = end < cps.size() && cps[end].c == U'月' ? end + 1 : end;
        if (dash < cps.size() && is_dash(cps[dash].c) && v == 1) {
            std::size_t end2 = 0;
            const int m = dash + 1 < cps.size() ? number(dash + 1, end2) : 0;
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

// A word that makes a figure after it a target or a plan, not what was done (力争全年…25家, 完成
// 全年目标任务600件的54.3%, 全年计划争取资金2000万元): its length, 0 if none at k. `sentence`: it
// governs the rest of its sentence (力争, 预计, 确保, 争取达到…), else the rest of its clause (目标,
// 计划 — not 科技计划项目, 人才计划, 计划投资: names of programmes and of what is counted).
std::size_t target_word_at(const code_points& cps, std::size_t k, bool& sentence) {
    const char32_t c = cps[k].c;
    if (c != U'力' && c != U'预' && c != U'确' && c != U'争' && c != U'目' && c != U'计' && c != U'拟' && c != U'将')
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
    sentence = false;
    if (starts_with(cps, k, U"目标")) return 2;
    // 计划 names a programme after 科技/人才/研发… or before 项目/单列/a closing quote (入选省"双创计划"12人).
    if (starts_with(cps, k, U"计划") && !(k > 0 && one_of(cps[k - 1].c, U"技才人智英发炬星创业”\"'》")) &&
        !starts_with(cps, k + 2, U"项目") && !starts_with(cps, k + 2, U"投") && !starts_with(cps, k + 2, U"总投") &&
        !starts_with(cps, k + 2, U"单列") && !(k + 2 < cps.size() && one_of(cps[k + 2].c, U"”\"'》"))) {
        sentence = opens_clause;
        return 2;
    }
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
int list_marker(const code_points& cps, std::size_t k, std::size_t& after) {
    while (k < cps.size() && (cps[k].c == ' ' || cps[k].c == U'\u3000' || cps[k].c == '\t')) ++k;
    after = k;
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

// The year ending at code point j (its 年) is joined to the one before by a conjunction or a dash
// right after that one's 年: 2025年及2026年, 2025年和2026年, 2025年—2026年 (one span of plans).
bool joined_years(const code_points& cps, std::size_t from, std::size_t j) {
    std::size_t d = j;
    while (d > from && is_digit(cps[d - 1].c)) --d;
    return d >= from + 2 && (one_of(cps[d - 1].c, U"和及与、至到") || is_dash(cps[d - 1].c)) && cps[d - 2].c == U'年';
}

// A heading of plans (二、下半年工作打算; （三）2027年工作思路; 下一步工作计划): at most 12 code points
// after its list marker before the plan word, the line's end at most 4 after it. Its marker's kind
// (0 for none) in `kind`. `reach`: up to how far the plan word may stand (a title names its bureau
// first: 某县科学技术局2025年科技工作计划); never after a word of reports (总结, 情况, 回顾, 开展,
// 成效, 进展, 完成), after a conjunction before a period (及2025年, 和下半年, 暨下一步), or after two
// periods: "2026年上半年工作情况及下半年工作计划", "2024年科技工作回顾及2025年工作打算" report what was
// done first (their plans start at a heading of their own).
bool plan_heading(const code_points& cps, std::size_t line, int& kind, std::size_t reach = 12) {
    std::size_t from = 0;
    kind = list_marker(cps, line, from);
    int years = 0;  // 2024年, 2025年 stated so far
    static constexpr std::u32string_view words[] = {
        U"工作打算", U"工作计划",   U"工作思路", U"工作安排",   U"重点工作", U"工作重点", U"下步工作", U"下一步工作",
        U"工作设想", U"下一步打算", U"下步打算", U"下一步计划", U"今后工作", U"今后打算", U"明年工作", U"目标"};
    // The first character of every word below, the line's end and the clause marks: most code points
    // of a line are none of them, one bitmap test each (this runs at every line's start; 15 words
    // compared at every code point were 4-5 % of the reader's time).
    static const char_set firsts(U"\n\r。，总情回开成进完和及暨与年工重下今明目");
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
    // 明年重点工作: next year's key work is planned (2024年重点工作 may head the work done)
    if (cps[k].c == U'明' && (starts_with(cps, k + n, U"重点工作") || starts_with(cps, k + n, U"工作重点")))
        return true;
    for (std::size_t j = k; j > 0 && k - j < 8 && !clause_end(cps[j - 1].c); --j)
        if ((j >= 2 && target_word_at(cps, j - 2, sentence)) ||
            (cps[j - 1].c == U'拟' && target_word_at(cps, j - 1, sentence)))
            return true;
    // Another period before the target word is the one planned for: "2026年上半年工作情况及下半年工作
    // 计划" reports the first half and plans the second (the title's period is 2026H1, not a plan's).
    static const char_set stops(U"力预确争目计拟将打展思工上下全明0123456789。！？；;!?\n\r");  // one test a code point
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
// before (国家, 立项, 文件, 排名) and after (项目, 家庭, 名单, 万元户).
struct slot_word {
    std::u32string_view word, not_after, not_before;
    bool needs_verb = true;  // a count verb before it (个百分点 stands for a number after any word)
};
// …and 余 (百余名, 千余名: a count about a magnitude; 其余名单: no count at all)
constexpr std::u32string_view demonstratives =
    U"每各该此本这那某哪几多数若逐单首全整第诸任两一二三四五六七八九十百千万亿零〇余";
constexpr slot_word slot_words[] = {
    {U"项", U"立专事款强弱选分项用要细进销奖大小子同缺漏列结前后上下末附加减", U"目下链背"},
    {U"件", U"文条案事软硬零部配邮稿证信物要附组器元铸构工锻机急快函来专子插挂备散原复摘样密寄收发送取退批重", U"事"},
    {U"家",
     U"国专大业学作厂商农独行名画人老管自本东买卖玩店酒皇公儒道法兵赢输藏船庄冤亲婆娘成安回在居当发起持养住搬离术",
     U"庭园乡电具属政居族长风访门里中底用禽畜务境教人业私产常当书"},
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
    if (!is_ideograph(before) || one_of(before, demonstratives) || before == U'成') return false;
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

// The code point after the sentence that code point k is in (。！？；, a line break, or the chunk's end).
std::size_t sentence_end_after(const code_points& cps, std::size_t k) {
    while (k < cps.size() && !one_of(cps[k].c, U"。！？；;!?\n\r")) ++k;
    return k;
}

// The line from k on is a report's title ("某县2024年科技工作总结", "2024年度工作报告"): a word of
// reports (总结, 报告, 工作, 情况, 计划) before its end, no clause mark — not a sentence opening a text.
bool report_title(const code_points& cps, std::size_t k) {
    const auto title_word = [&](std::size_t i) {
        return starts_with(cps, i, U"总结") || starts_with(cps, i, U"报告") || starts_with(cps, i, U"工作") ||
               starts_with(cps, i, U"情况") || starts_with(cps, i, U"计划");
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
    while (k < cps.size() && !one_of(cps[k].c, U"。！？!?\n\r")) ++k;
    return k;
}

// The characters at which a period, a document number, an empty number slot or a number may
// start (period_at, document_number_at, empty_slot_at, number_at return nothing elsewhere): the
// scan steps over every other character with one bitmap test.
constexpr std::u32string_view starts_of_interest =
    U"0123456789xX%[〔【（("
    U"上下全前截去过明今本未十拾百佰千仟万亿廿卅零〇一壹二两贰三叁四肆五伍六陆七柒八捌九玖项件家名人个\n";
// Most code points are neither a clause mark nor the first character of a target word
// (fact_builder::target_before()).
constexpr std::u32string_view target_stops = U"力预确争目计拟将以十过近来间;!?,\n\r。；！？，";
constexpr std::u32string_view distinction_starts = U"应需须已拨兑发支申立获批授累总新认组挂备入现拥共有全今当本目截即";
bool cell_rule(char32_t c);

const std::uint8_t* char_classes() {
    static const std::array<std::uint8_t, 0x10000> table = [] {
        std::array<std::uint8_t, 0x10000> t{};
        for (char32_t c : starts_of_interest) t[c] |= cc_interest;
        for (char32_t c = 0; c < 0x10000; ++c)
            if (clause_end(c)) t[c] |= cc_clause_end;
        for (char32_t c : target_stops) t[c] |= cc_target_stop;
        for (char32_t c : distinction_starts) t[c] |= cc_distinction;
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
    };
    std::vector<column> table;
    bool table_readable = false;     // every column is one table_line() knows
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
    std::optional<period_state> after_line;
    std::size_t line_ends = 0;
    // A heading that states the unit of what follows (二、科技经费投入情况（万元）, （单位：万元）): the
    // unit of the bare figures under it, to the next heading of its rank (its marker's kind).
    std::string heading_unit;
    int heading_unit_kind = 0;
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

// The period state before a sentence about the year before, once code point k is past its end.
void leave_prior_year(const code_points& cps, std::size_t k, scan_state& carried, std::deque<stated_period>* periods) {
    if (!carried.after_prior || k < carried.prior_ends) return;
    carried.period = *carried.after_prior;
    carried.after_prior.reset();
    const std::optional<period>& p = carried.period.current;
    if (periods) periods->push_back({cps.base() + carried.prior_ends, p ? p->to_string() : std::string(), false});
}

// The period state saved before a target's sentence or the starting point of a change, back in
// force once code point k reaches `ends` (the sentence's end, the change's 到/至).
void restore_saved_period(const code_points& cps, std::size_t k, std::optional<period_state>& saved, std::size_t ends,
                          scan_state& carried, std::deque<stated_period>* periods) {
    if (!saved || k < ends) return;
    carried.period = *saved;
    saved.reset();
    const std::optional<period>& p = carried.period.current;
    if (periods)
        periods->push_back({cps.base() + ends, p ? p->to_string() : std::string(), false, carried.period.prior});
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

// ---- Tables turned into lines ------------------------------------------------------------------

// A rule between a table's cells as a converter or a writer leaves it ("指标 | 2023年 | 2024年"):
// a vertical bar, in full or half width, or a box-drawing line.
bool cell_rule(char32_t c) { return c == '|' || c == U'｜' || c == U'│' || c == U'┃'; }

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
        if (!separator && (clause_end(c) || c == U'：' || c == ':' || c == U'、')) return false;
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

// A header of several periods or a unit column and a period ("指标名称 单位 2023年 2022年 增长%";
// "指标 单位 全年目标 1-6月完成 完成率%"; "指标 本期 上年同期 增长%"): the columns into carried.table;
// false if the line is no such header. A header with a unit column and columns it does not know
// still is one: its rows are refused (table_row), never read as prose with the first cell winning.
bool table_header(const code_points& cps, const std::vector<std::pair<std::size_t, std::size_t>>& tokens,
                  scan_state& carried) {
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
    for (std::size_t i = 1; i < tokens.size(); ++i) {
        const auto [b, e] = tokens[i];
        using kind = scan_state::column::kind;
        period_state state = carried.period;
        state.prior = false;
        std::size_t used = 0;
        std::optional<period> month;  // of a 本月 column
        if (const int y = year_label(cps, b, e)) {
            columns[i] = {kind::period, label(period::year(y))};
            ++periods;
        } else if (starts_with(cps, b, U"单位") || starts_with(cps, b, U"计量单位")) {
            columns[i].what = kind::unit, ++units;
        } else if (starts_with(cps, b, U"增长") || starts_with(cps, b, U"增幅") || starts_with(cps, b, U"增速") ||
                   starts_with(cps, b, U"同比") || starts_with(cps, b, U"比上年") || starts_with(cps, b, U"增减") ||
                   starts_with(cps, b, U"比去年")) {
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
            columns[i] = {kind::prior, label(p)};
            ++periods, same_span[i] = true;
        } else if ((e - b == 2 || (e - b == 3 && cps[b + 2].c == U'度')) &&
                   (starts_with(cps, b, U"上年") || starts_with(cps, b, U"去年"))) {
            columns[i] = {kind::prior, state.year ? label(period::year(state.year - 1)) : nullptr};
            ++periods;
        } else if (starts_with(cps, b, U"全年目标") || starts_with(cps, b, U"年度目标") ||
                   starts_with(cps, b, U"目标") || starts_with(cps, b, U"全年计划") || starts_with(cps, b, U"计划") ||
                   starts_with(cps, b, U"任务")) {
            std::optional<period> p;
            if (state.year) p = period::year(state.year);
            columns[i] = {kind::target, label(p)};
            ++periods;
        } else if (month_label(cps, b, e, state, month)) {
            columns[i] = {kind::period, label(month)};
            ++periods;
        } else if (done_label(cps, b, e)) {
            columns[i] = {kind::current, label(state.current)};
            ++periods;
        } else if ((used = column_period(cps, b, e, state)) > 0 && (b + used == e || done_label(cps, b + used, e))) {
            columns[i] = {kind::period, label(state.current)};
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

// A cell of digits a conversion damaged, with no unit after it to tell it as prose does: "8,60"
// (bad_grouping), "21." (dangling_point), ".35" (leading_point), "13.x" (masked). A figure with its
// damage, never dropped (nor its row read without it).
bool damaged_cell(const code_points& cps, std::size_t b, std::size_t e, scanned& s) {
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
    if (negative) s.q.value = -s.q.value, s.q.high = -s.q.high;
    s.first = b;
    s.q.begin = cps[b].begin, s.q.end = cps.end_of(e - 1);
    return true;
}

// A unit in brackets closing cps[b, e) — "研发经费投入（亿元）", "有效发明专利(件)", "研发投入强度（%）" — into
// `unit`; false if there is none.
bool unit_in_brackets(std::string_view text, const code_points& cps, std::size_t b, std::size_t e, std::string& unit) {
    if (e - b < 3 || (cps[e - 1].c != U'）' && cps[e - 1].c != ')')) return false;
    std::size_t open = e - 1;
    while (open > b && cps[open - 1].c != U'（' && cps[open - 1].c != '(') --open;
    if (open == b) return false;
    std::string u;
    const std::size_t n = unit_length(text, cps, open, u);
    const std::size_t m = n ? n : measure_word_length(cps, open, u);
    if (m == 0 || open + m != e - 1) return false;
    unit = std::move(u);
    return true;
}

// The line at code point `line` if it is a table's header or row: its cells handed to `sink` (read
// by column when the header says how, else flagged as a row not read), and the code point of its
// line break returned; `line` itself when it is neither (prose: the table, if any, has ended).
template <class Sink>
std::size_t table_line(std::string_view text, const code_points& cps, std::size_t line, scan_state& carried,
                       std::vector<report_finding>* findings, Sink& sink) {
    thread_local std::vector<std::pair<std::size_t, std::size_t>> tokens;
    if (line >= cps.size()) return line;  // the line starts the next chunk (scan_state::line_start)
    std::size_t end = line;
    if (!line_tokens(cps, line, end, tokens)) {
        carried.table.clear();  // prose or an empty line: the table, if any, has ended
        return line;
    }
    if (table_header(cps, tokens, carried)) return end;
    if (carried.table.empty()) return line;
    // A row: the cells right-aligned under the columns, the tokens before them its name.
    const std::size_t columns = carried.table.size();
    std::vector<scanned> cells;
    const bool unit_column = std::any_of(carried.table.begin(), carried.table.end(), [](const scan_state::column& c) {
        return c.what == scan_state::column::kind::unit;
    });
    bool readable = carried.table_readable && tokens.size() >= columns, any_number = false;
    std::string unit;
    const std::size_t shift = tokens.size() >= columns ? tokens.size() - columns : 0;
    // "研发经费投入（亿元） | 1,086.4 | 1,192.7": a table without a unit column names it after the row's name
    std::string name_unit;
    const bool unit_in_name =
        !unit_column && unit_in_brackets(text, cps, tokens[shift].first, tokens[shift].second, name_unit);
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
            if (b + m == e)
                unit = u;
            else
                readable = false;
        } else if (number) {
            cell.table_period = c.period ? std::string_view(*c.period) : std::string_view();
            cell.table_change = c.what == kind::growth;
            cell.table_prior = c.what == kind::prior;
            cell.table_target = c.what == kind::target;
            cell.table_rate = c.what == kind::rate;
            // A level with no unit of its own in a table without a unit column: its unit is unknown.
            if (!unit_column && !unit_in_name && !cell.table_change && !cell.table_rate && cell.q.unit.empty())
                readable = false;
            cells.push_back(cell);
        } else if (!(e - b == 1 && one_of(cps[b].c, U"-—/"))) {  // an empty cell
            readable = false;
        }
    }
    if (!any_number) {  // not a row: the table has ended
        carried.table.clear();
        return line;
    }
    const std::size_t name_last = tokens[shift].second;
    for (scanned& cell : cells) {
        cell.table = readable ? scanned::table_cell::read : scanned::table_cell::unread;
        cell.name_first = line, cell.name_last = name_last;
        if (readable && cell.q.unit.empty())
            cell.q.unit = cell.table_change || cell.table_rate ? "%" : unit_in_name ? name_unit : unit;
        sink(cell);
    }
    if (!readable && findings)
        findings->push_back(make_finding(text, cps, line, end, "table_row",
                                         "a row of a table whose columns could not be read (its periods, units or "
                                         "cells): its figures have no variable"));
    return end;
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

template <class Sink>
std::size_t quantity_at(std::string_view text, const code_points& cps, std::size_t k, Sink& sink) {
    scanned s;
    bool date = false;
    if (empty_slot_at(text, cps, k, s)) {
        sink(s);
        return s.last;
    }
    if (is_digit(cps[k].c)) {
        if (const std::size_t n = list_number_at(cps, k)) return k + n;
        if (const std::size_t n = phone_number_at(cps, k)) return k + n;
    }
    if (!number_at(text, cps, k, s, date)) return date ? std::max(k + 1, s.last) : k + 1;
    if (colon_at(cps, s.last) && is_digit(cps[k].c)) {  // 10:30 — asked only of a figure a colon ends
        if (const std::size_t n = time_of_day_at(cps, k)) return k + n;
        if (s.q.unit.empty())
            if (const std::size_t end = ratio_end(cps, s.last)) return end;
    }
    if (numeral_in_a_word(cps, k, s)) return s.last;
    extend_to_range(text, cps, s);
    qualifiers(cps, s);
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
std::size_t stated_period_end(const code_points& cps, std::size_t k, std::size_t n, const period_state& before,
                              period_state& state, int title_year) {
    std::size_t from = k;  // the start of the sentence, or of the parenthesis, the period is in
    while (from > 0 && k - from < 64 && !one_of(cps[from - 1].c, U"。！？!?\n\r（(")) --from;
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
void end_earlier_year_at(const code_points& cps, std::size_t k, scan_state& carried,
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
    carried.heading_unit = std::move(unit), carried.heading_unit_kind = kind;
}

// A line starts at k: a section of plans or of a heading's unit may end there, another start.
void at_line_start(std::string_view text, const code_points& cps, std::size_t k, scan_state& carried,
                   std::deque<stated_period>* periods) {
    end_of_plans(cps, k, carried, periods);
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
    return of_title;
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
        if (const std::size_t n = prior_year_at(cps, k, state, year_end)) {
            enter_prior_year(cps, k, n, n == 4, carried, periods);  // 4: 上年同期 / 去年同期
            k += n;
            continue;
        }
        if (const std::size_t n = year_same_span_at(cps, k, state)) {  // （2023年同期0.9亿元）
            enter_prior_year(cps, k, n, true, carried, periods);
            k += n;
            continue;
        }
        end_earlier_year_at(cps, k, carried, periods);
        const period_state before = state;
        if (const std::size_t n = period_at(cps, k, state)) {
            // An event's date (5月20日召开) and a compared period (比2023年) leave the period as it was.
            // 截至6月30日 is a stock at that day: the period 1-6月.
            const bool until = starts_with(cps, k, U"截至") || starts_with(cps, k, U"截止");
            const std::size_t day = until ? 0 : day_date_at(cps, k + n);
            // 2021年以来, 3月以来, 2023年底以来: where a span up to now starts, not the period in force.
            const std::size_t tail = k + n < cps.size() && one_of(cps[k + n].c, U"底末初份度") ? 1 : 0;
            const bool since = starts_with(cps, k + n + tail, U"以来") && before.current;
            if (day && date_of_report_head(cps, k, n + day, before, carried, periods)) {
                k += n + day;
                continue;
            }
            if (day || compared_period(cps, k) || multiple_base(cps, k + n) || batch_year(cps, k + n) || since) {
                state = before;
                k += n + day;
                continue;
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
                periods->push_back({cps.base() + k, state.current ? state.current->to_string() : std::string(), local,
                                    state.prior, of_title});
            if (local) state = before;
            k += n;
            continue;
        }
        if (const std::size_t n = document_number_at(text, cps, k, findings)) {
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

namespace {
bool is_count_word(std::string_view u);
bool counts_in(std::string_view u);
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

namespace {

// Every occurrence of every lexicon phrase, sorted by end (then length): the phrase closest
// before a figure is found by a binary search, not by searching the clause again per figure
// (which made a long clause of n figures cost n × its length). A phrase several entries list is
// one hit with all of them (in lexicon order): the words around the figure choose.
struct phrase_entries {
    std::string_view phrase;
    std::vector<const lexicon_entry*> entries;
};

struct phrase_hit {
    std::size_t begin, end;
    const phrase_entries* group;
    std::size_t first;  // the code point of the chunk at `begin` (no search of the chunk to find it)
};

// The first code point of a UTF-8 word as decode() reads it (full-width forms as ASCII), so it
// meets the code points of the text; '\0' for an empty word.
// A verb that takes a sum as its object at v (争取…项目资金 is 争取项目资金): fact_builder's
// split_by_modifier opens a split phrase only at one, and report_indexes marks where the lexicon's
// phrases it opens end. The first test only spares the hot path the word comparisons.
bool verb_taking_a_sum(const code_points& cps, std::size_t v) {
    static constexpr std::u32string_view verbs[] = {U"争取", U"申请", U"拨付", U"兑现", U"兑付",
                                                    U"下达", U"获得", U"安排", U"落实"};
    return v < cps.size() && one_of(cps[v].c, U"争申拨兑下获安落") &&
           std::any_of(std::begin(verbs), std::end(verbs),
                       [&](std::u32string_view w) { return starts_with(cps, v, w); });
}

char32_t first_code_point(std::string_view word) {
    std::size_t invalid = 0;
    const code_points cps = decode(word.substr(0, std::min<std::size_t>(word.size(), 4)), invalid);
    return cps.empty() ? 0 : cps[0].c;
}

// A word of a few bytes compared in place: a memcmp call per candidate cost more than comparing.
inline bool same_bytes(const char* at, std::string_view word) {
    for (std::size_t j = 0; j < word.size(); ++j)
        if (at[j] != word[j]) return false;
    return true;
}

// Words looked up at every code point of a text in one pass: a bitmap of their first characters
// rules out almost every position with one test.
template <class Payload>
class word_matcher {
public:
    void add(std::string_view word, Payload payload) {
        const char32_t first = first_code_point(word);
        candidate c{word, payload, 0, 0, 0, 0};
        const std::size_t n = std::min<std::size_t>(word.size(), 8);  // the first 8 bytes as one word
        unsigned char mask[8] = {};
        std::memset(mask, 0xFF, n);
        std::memcpy(&c.prefix, word.data(), n), std::memcpy(&c.mask, mask, 8);
        if (word.size() > 8) {  // the next 8 as another (a phrase of three ideographs is 9 bytes)
            const std::size_t m = std::min<std::size_t>(word.size() - 8, 8);
            unsigned char more[8] = {};
            std::memset(more, 0xFF, m);
            std::memcpy(&c.prefix2, word.data() + 8, m), std::memcpy(&c.mask2, more, 8);
        }
        if (first >= 0x10000) return;  // never met: the classes cover the plane only
        if (bucket_of_.empty()) {
            bucket_of_.assign(0x10000, 0), buckets_.emplace_back();  // bucket 0: none
            classes_.assign(char_classes(), char_classes() + 0x10000);
        }
        if (!bucket_of_[first])
            bucket_of_[first] = static_cast<std::uint16_t>(buckets_.size()), buckets_.emplace_back();
        buckets_[bucket_of_[first]].push_back(c);
        classes_[first] |= cc_word_first;
    }
    // The classes to decode a text with for each_match(): char_classes() and the words' first characters.
    const std::uint8_t* classes() const { return classes_.empty() ? char_classes() : classes_.data(); }
    // `cps` decoded with classes(): the positions where no word starts are skipped 8 classes a step.
    // found(k, end, payload) for each word at code point k, ending at byte `end`.
    template <class F>
    void each_match(std::string_view text, const code_points& cps, F&& found) const {
        if (bucket_of_.empty()) return;
        const std::size_t n = cps.size();
        for (std::size_t k = cps.next_with(0, n, cc_word_first); k < n; k = cps.next_with(k + 1, n, cc_word_first)) {
            const code_point& cp = cps[k];
            const std::vector<candidate>& bucket = buckets_[bucket_of_[cp.c]];
            const char* at = text.data() + cp.begin;
            if (cp.begin + 8 <= text.size()) {
                // Up to 8 bytes compared at once (a load, a mask, a comparison), the next 8 the same
                // way (phrases sharing their first 8 bytes, 高新技术企业 and 高新技术产品, were compared
                // byte by byte: 3 % of the reader's instructions); only a word's rest past 16 bytes
                // byte by byte.
                std::uint64_t bytes = 0;
                std::memcpy(&bytes, at, 8);
                for (const candidate& c : bucket) {
                    if ((bytes & c.mask) != c.prefix) continue;
                    if (c.word.size() > 8) {
                        if (cp.begin + c.word.size() > text.size()) continue;
                        if (cp.begin + 16 <= text.size()) {
                            std::uint64_t more = 0;
                            std::memcpy(&more, at + 8, 8);
                            if ((more & c.mask2) != c.prefix2) continue;
                            if (c.word.size() > 16 && !same_bytes(at + 16, c.word.substr(16))) continue;
                        } else if (!same_bytes(at + 8, c.word.substr(8))) {
                            continue;
                        }
                    }
                    found(k, cp.begin + c.word.size(), c.payload);
                }
                continue;
            }
            for (const candidate& c : bucket) {
                // The last byte first: most candidates differ there.
                const std::size_t last = cp.begin + c.word.size() - 1;
                if (last >= text.size() || text[last] != c.word.back()) continue;
                if (same_bytes(at, c.word)) found(k, cp.begin + c.word.size(), c.payload);
            }
        }
    }

private:
    struct candidate {
        std::string_view word;
        Payload payload;
        std::uint64_t prefix, mask;
        std::uint64_t prefix2, mask2;  // bytes 8 to 15 of a longer word
    };
    std::vector<std::uint8_t> classes_;
    // The candidates by first character: a flat table of bucket numbers over the plane (a hash
    // map's lookup at every first character was most of the index's cost); 0 is no bucket.
    std::vector<std::uint16_t> bucket_of_;
    std::vector<std::vector<candidate>> buckets_;
};

class word_index;

// Where a word found in a chunk goes: a phrase of the lexicon, or a word of a family.
class phrase_index;
struct word_target {
    const phrase_entries* group = nullptr;
    word_index* family = nullptr;
    phrase_index* phrases = nullptr;  // the index of `group`
};
using chunk_matcher = word_matcher<word_target>;

// The phrases of a lexicon, found in one chunk at a time (by the chunk_matcher of report_indexes,
// in the same pass as the word families): a hit that runs across the end of a chunk is never
// the phrase of a figure (it spans a clause end).
class phrase_index {
public:
    // `list`: the phrases (lexicon_entry::phrases) or the words that follow a figure (follow_phrases).
    explicit phrase_index(const lexicon& words,
                          const std::vector<std::string> lexicon_entry::*list = &lexicon_entry::phrases) {
        for (const auto& e : words)
            for (const auto& p : e.*list) {
                const auto [it, fresh] = group_of_.emplace(p, groups_.size());
                if (fresh) groups_.push_back({p, {}});
                groups_[it->second].entries.push_back(&e);
            }
    }
    // The group of a phrase as written, nullptr if the lexicon has no such phrase.
    const phrase_entries* find(std::string_view phrase) const {
        const auto it = group_of_.find(phrase);
        return it == group_of_.end() ? nullptr : &groups_[it->second];
    }
    phrase_index(const phrase_index&) = delete;
    phrase_index& operator=(const phrase_index&) = delete;
    void add_words(chunk_matcher& matcher) {
        for (const auto& g : groups_) matcher.add(g.phrase, {&g, nullptr, this});
    }
    void clear() { hits_.clear(), hint_ = 0; }
    void add(std::size_t begin, std::size_t end, const phrase_entries* group, std::size_t first) {
        hits_.push_back({begin, end, group, first});
    }
    // By end, then length. The hits come in order of their first byte, so each is at most a
    // phrase's length out of place: an insertion sort does it in one pass (std::sort was 4 % of
    // the instructions). Hits that compare equal are the same phrase at the same place.
    void sort() {
        const auto before = [](const phrase_hit& a, const phrase_hit& b) {
            return a.end != b.end ? a.end < b.end : a.end - a.begin < b.end - b.begin;
        };
        for (std::size_t i = 1; i < hits_.size(); ++i) {
            if (!before(hits_[i], hits_[i - 1])) continue;
            const phrase_hit hit = hits_[i];
            std::size_t j = i;
            for (; j > 0 && before(hit, hits_[j - 1]); --j) hits_[j] = hits_[j - 1];
            hits_[j] = hit;
        }
    }
    // The hit inside bytes [from, to) that ends last (the longer one on a tie); nullptr if none.
    const phrase_hit* closest(std::size_t from, std::size_t to) const {
        if (from >= to) return nullptr;
        auto it = first_ending_after(to);
        while (it != hits_.begin()) {
            --it;
            if (it->end <= from) return nullptr;
            if (it->begin >= from) return &*it;
        }
        return nullptr;
    }

private:
    // The first hit that ends after byte `to`. Figures come in order, so the answer is mostly at
    // or a few hits past the previous one: a few steps from there instead of a binary search of
    // the chunk's hits (whose branches the processor cannot predict) for every figure.
    std::vector<phrase_hit>::const_iterator first_ending_after(std::size_t to) const {
        const auto ends_after = [](std::size_t t, const phrase_hit& h) { return t < h.end; };
        auto from = hits_.begin() + static_cast<std::ptrdiff_t>(std::min(hint_, hits_.size()));
        if (from != hits_.begin() && std::prev(from)->end > to) {
            from = std::upper_bound(hits_.begin(), from, to, ends_after);
        } else {
            for (int step = 0; step < 8 && from != hits_.end() && from->end <= to; ++step) ++from;
            if (from != hits_.end() && from->end <= to) from = std::upper_bound(from, hits_.end(), to, ends_after);
        }
        hint_ = static_cast<std::size_t>(from - hits_.begin());
        return from;
    }
    std::deque<phrase_entries> groups_;  // a deque: hits point into it while it grows
    std::unordered_map<std::string_view, std::size_t> group_of_;
    std::vector<phrase_hit> hits_;
    mutable std::size_t hint_ = 0;  // where the last search ended
};

// Where the words of one family occur in a chunk (sorted by position): "is one of them inside
// [from, to)?" in logarithmic time.
class word_index {
public:
    explicit word_index(std::initializer_list<const char*> words) : words_(words) {}
    word_index(const word_index&) = delete;
    word_index& operator=(const word_index&) = delete;
    void add_words(chunk_matcher& matcher) {
        for (const char* w : words_) matcher.add(w, {nullptr, this});
    }
    void clear() { spans_.clear(), hint_ = 0; }
    void add(std::size_t begin, std::size_t end) { spans_.push_back({begin, end}); }
    // The matcher finds the words in order of their start: only words that start at the same code
    // point may be out of order, and an insertion sort puts them right in one pass (std::sort
    // of the nearly sorted spans was ~1 % of the reader's instructions). Equal spans are the same.
    void sort() {
        for (std::size_t i = 1; i < spans_.size(); ++i) {
            if (!(spans_[i] < spans_[i - 1])) continue;
            const auto span = spans_[i];
            std::size_t j = i;
            for (; j > 0 && span < spans_[j - 1]; --j) spans_[j] = spans_[j - 1];
            spans_[j] = span;
        }
    }
    // The end of the last word inside [from, to); 0 if there is none.
    std::size_t last_end_inside(std::size_t from, std::size_t to) const {
        std::size_t last = 0;
        for (std::size_t k = first_at_or_after(from); k < spans_.size() && spans_[k].first < to; ++k)
            if (spans_[k].second <= to) last = std::max(last, spans_[k].second);
        return last;
    }
    bool any_inside(std::size_t from, std::size_t to) const {
        for (std::size_t k = first_at_or_after(from); k < spans_.size() && spans_[k].first < to; ++k)
            if (spans_[k].second <= to) return true;
        return false;
    }

private:
    // The first span that begins at `from` or later (std::lower_bound's answer). Figures come in
    // order, so the answer is mostly the last one or a few spans on: tried from there before a
    // binary search (4 searches a figure were ~4 % of the reader's instructions).
    std::size_t first_at_or_after(std::size_t from) const {
        std::size_t k = hint_;
        if (k == 0 || spans_[k - 1].first < from) {
            for (const std::size_t stop = std::min(spans_.size(), k + 4); k < stop && spans_[k].first < from;) ++k;
            if (k == spans_.size() || spans_[k].first >= from) return hint_ = k;
        }
        const auto it =
            std::lower_bound(spans_.begin(), spans_.end(), from,
                             [](const std::pair<std::size_t, std::size_t>& p, std::size_t b) { return p.first < b; });
        return hint_ = static_cast<std::size_t>(it - spans_.begin());
    }
    std::vector<const char*> words_;
    std::vector<std::pair<std::size_t, std::size_t>> spans_;
    mutable std::size_t hint_ = 0;  // first_at_or_after()'s last answer
};

// The clause (code points [begin, end)) around each figure, found with cursors that only move
// forward: figures come in order, so the whole report is walked once. A chunk ends a clause: the
// cursors start again at each (restart()).
class clause_finder {
public:
    explicit clause_finder(const code_points& cps) : cps_(cps) {}
    void restart() { cursor_ = begin_ = stop_ = 0; }
    std::pair<std::size_t, std::size_t> around(std::size_t first, std::size_t last) {
        if (first < cursor_) {  // a qualifier before the figure reached back past the cursor
            begin_ = first;
            while (begin_ > 0 && !clause_end(cps_[begin_ - 1].c)) --begin_;
        } else {
            for (std::size_t k = cursor_; (k = cps_.next_with(k, first, cc_clause_end)) < first; ++k) begin_ = k + 1;
        }
        cursor_ = first;
        if (last > stop_ || begin_ >= stop_) stop_ = cps_.next_with(last, cps_.size(), cc_clause_end);
        return {begin_, stop_};
    }

private:
    const code_points& cps_;
    std::size_t cursor_ = 0, begin_ = 0, stop_ = 0;
};

constexpr std::uint32_t bit(fact_flag f) { return std::uint32_t{1} << static_cast<unsigned>(f); }

// A count unit without its multipliers (万家 → 家, 千件 → 件).
std::string_view measure_of(std::string_view u) {
    for (bool more = true; more;) {
        more = false;
        for (std::string_view p : {"万", "亿", "千", "百", "十"})
            if (u.size() > p.size() && u.substr(0, p.size()) == p) u.remove_prefix(p.size()), more = true;
    }
    return u;
}

// The measure word of a count, people's synonyms as 人 (专家20名 and 20位专家 count people), 户 as 家.
std::string_view counted(std::string_view u) {
    u = measure_of(u);
    if (u == "户") return "家";  // 企业9户: firms, as 家
    if (u == "份") return "项";  // 技术合同46份, 协议12份: as 项
    return u == "名" || u == "位" ? std::string_view("人") : u;
}

// A unit parsed (try_parse_unit: no error built for a text that is no unit) and remembered per
// thread (bounded), as is_count_word's answers are: the checks of units and of 其中 parts
// (unit_flag, inconsistent_parts) parse the units of most figures, many of them measure words the
// unit algebra does not know (场次, 个百分点…). Returned by value: the map is cleared when full.
std::optional<unit> parsed_unit(std::string_view text) {
    thread_local std::unordered_map<std::string_view, std::optional<unit>> known;
    thread_local std::deque<std::string> keys;  // what the keys of `known` view
    if (const auto it = known.find(text); it != known.end()) return it->second;
    if (known.size() > 4096) known.clear(), keys.clear();
    std::optional<unit> u;
    try {
        u = detail::try_parse_unit(text);
    } catch (const error&) {
        u.reset();
    }
    known.emplace(keys.emplace_back(text), u);
    return u;
}

// A measure word of things counted (家, 项, 名, 万人…), not an amount, a rate or a length.
// Remembered per thread (bounded), as unit_length's answers are: a report asks about the same few
// units at every call, and parsing one (an exception for most words) cost ~9,000 instructions.
bool is_count_word(std::string_view u) {
    thread_local std::unordered_map<std::string_view, bool> known;
    thread_local std::deque<std::string> keys;  // what the keys of `known` view
    if (const auto it = known.find(u); it != known.end()) return it->second;
    if (known.size() > 4096) known.clear(), keys.clear();
    bool count = false;
    try {
        const std::optional<unit> parsed = detail::try_parse_unit(u);
        count = parsed && parsed->dim() == dimension::of(base_quantity::count);
    } catch (const error&) {
        count = false;
    }
    known.emplace(keys.emplace_back(u), count);
    return count;
}

// A count word as above, or a measure word the unit algebra does not know (场次, 场, 批次…, kept
// after Arabic digits: measure_word_length): what a lexicon's counted_in may list (科普活动120场次).
bool counts_in(std::string_view u) {
    if (is_count_word(u)) return true;
    for (std::string_view w : {"场次", "批次", "台套", "家次", "项次", "件次", "户次", "所次", "场", "期", "批",
                               "台",   "套",   "笔",   "篇",   "条",   "支",   "种",   "座",   "处", "例"})
        if (u == w) return true;
    return false;
}

// The unit flag of a figure written in `written` for a variable reported in `expected`: 0 when
// they convert, else unit_implied (件 for 件/万人) or unit_mismatch.
std::uint32_t unit_flag(std::string_view written, const std::string& expected) {
    // 名 and 位 (people) and 份 (as 项) are no units of the algebra: read as the word they count as,
    // with their scale (专家20名 as 20人, 1.2万名 as 1.2万人, 技术合同46份 as 46项).
    const std::string_view measure = measure_of(written);
    std::string canonical;
    if (measure == "名" || measure == "位" || measure == "份") {
        canonical = std::string(written.substr(0, written.size() - measure.size())) + std::string(counted(measure));
        written = canonical;
    }
    const std::optional<unit> want = parsed_unit(expected), have = parsed_unit(written);
    if (!want || !have) return bit(fact_flag::unit_mismatch);
    // Counts convert in the unit algebra (件, 项, 家, 个, 次 are all "count"), but a report's
    // measure word says what is counted: 在孵企业62家 is no number of incubators (个).
    if (have->convertible_to(*want) && have->dim() == dimension::of(base_quantity::count) &&
        expected.find('/') == std::string::npos && counted(written) != counted(expected))
        return bit(fact_flag::unit_mismatch);
    if (have->convertible_to(*want)) return 0;
    const auto slash = expected.find('/');
    const std::optional<unit> per = slash != std::string::npos ? parsed_unit(expected.substr(0, slash)) : std::nullopt;
    return bit(per && have->convertible_to(*per) ? fact_flag::unit_implied : fact_flag::unit_mismatch);
}

std::uint32_t quantity_flags(const scanned& s) {
    std::uint32_t flags = 0;
    if (s.q.masked)
        flags |= bit(fact_flag::masked);
    else if (std::isnan(s.q.value) && s.damage.empty())
        flags |= bit(fact_flag::out_of_range);  // digits beyond a double
    if (s.q.range) flags |= bit(fact_flag::range);
    if (s.thousands_comma) flags |= bit(fact_flag::thousands_comma);
    if (s.q.qual == qualifier::approximate) flags |= bit(fact_flag::approximate);
    if (s.q.qual == qualifier::lower_bound) flags |= bit(fact_flag::lower_bound);
    if (s.q.qual == qualifier::upper_bound) flags |= bit(fact_flag::upper_bound);
    if (!s.damage.empty()) flags |= bit(fact_flag::damaged);
    return flags;
}

const char* damage_message(std::string_view kind) {
    if (kind == "dangling_point")
        return "a decimal point with no digits after it: digits were lost, the value is unknown";
    if (kind == "zero_digits") return "a run of zeros where a figure stands: digits were lost, the value is unknown";
    if (kind == "threshold") return "a threshold of only zeros: its digits were lost";
    if (kind == "empty_slot") return "a measure word with no number before it: the number was lost";
    if (kind == "split_digits")
        return "the digits of one figure split by a blank or a line break (3 26件, 168. 5亿元, a page's footer "
               "between): which digits belong together is unknown";
    if (kind == "bad_grouping")
        return "a thousands separator not before exactly three digits (1,45项): digits were lost, the value is unknown";
    if (kind == "leading_point")
        return "a decimal point with no digits before it: digits were lost, the value is unknown";
    if (kind == "stray_character")
        return "a letter or an invalid byte (U+FFFD) inside or right after a figure's digits (3l6件, 1O5项): a digit "
               "was misread or lost, the value is unknown";
    if (kind == "extra_point")
        return "a second decimal point in a figure (12..5项, 1.2.3亿元): digits were garbled, the value is unknown";
    if (kind == "stop_for_point")
        return "a full stop where a figure's decimal point stands (12。5亿元, an OCR slip): the value is unknown "
               "(guess: the point read as a decimal point)";
    if (kind == "scientific_notation")
        return "scientific notation in a report's text (1e3家, a spreadsheet's cell pasted): the value is not "
               "confirmed (guess: the notation read)";
    if (kind == "minus_sign")
        return "a minus sign before a count or an amount (获批项目-5项): a level is never negative, a fall is "
               "written 下降/减少; the sign is damage or a misplaced change, the value is unknown (guess: signed)";
    if (kind == "doubled_magnitude")
        return "a magnitude doubled in a Chinese numeral (九千九百九十九亿亿项): no figure of a report, the value is "
               "unknown";
    if (kind == "leading_zeros")
        return "zeros before the digits of a figure (00.5亿元): digits were lost, the value is unknown";
    return "a damaged figure";
}

// A bare 0 people or items in a clause that reports the activity as done ("派出0名专家").
bool implausible_zero(const code_points& cps, const scanned& s) {
    const char32_t c = cps[s.first].c;
    const bool chinese = c == U'零' || c == U'〇';  // 零家 as 0家
    if (s.q.value != 0 || (c != '0' && !chinese) ||
        (s.first + 1 < cps.size() && (chinese ? is_chinese_numeral(cps[s.first + 1].c)
                                              : is_digit(cps[s.first + 1].c) || cps[s.first + 1].c == '.')))
        return false;
    // The measure word is the unit, or follows the number when it is not a unit zhibiao knows (名).
    constexpr std::u32string_view counted = U"名人个家项件次场批位";
    const bool counts = s.q.unit.empty()
                            ? s.last < cps.size() && one_of(cps[s.last].c, counted)
                            : s.q.unit == "人次" || s.q.unit == "家次" ||
                                  (s.q.unit.size() == 3 && s.last > 0 && one_of(cps[s.last - 1].c, counted));
    return counts && count_verb_before(cps, s.first);
}

// The blanks and 、 at the start of a line (byte `at` of a chunk): each 、 is a lost list number
// ("5、"). Returns whether the line still starts where they end (a line break or the chunk's end).
bool list_line_start(std::string_view text, std::string_view chunk, const code_points& cps, std::size_t at,
                     std::vector<report_finding>& findings) {
    while (at < chunk.size()) {
        const char c = chunk[at];
        if (c == ' ' || c == '\t') {
            ++at;
        } else if (c != '\xE3' && c != '\xEF' && c != '(') {  // none of the three below (most lines)
            return c == '\n' || c == '\r';
        } else if (chunk.compare(at, 3, "\xE3\x80\x80") == 0) {  // U+3000, read as a space
            at += 3;
        } else if (chunk.compare(at, 3, "\xE3\x80\x81") == 0) {  // 、
            const auto k = static_cast<std::size_t>(
                std::lower_bound(cps.begin(), cps.end(), at,
                                 [](const code_point& p, std::size_t b) { return p.begin < b; }) -
                cps.begin());
            findings.push_back(make_finding(text, cps, k, k + 1, "lost_list_number",
                                            "a line starts with 、: the number of its list item was lost"));
            at += 3;
        } else if (chunk.compare(at, 6, "\xEF\xBC\x88\xEF\xBC\x89") == 0 || chunk.compare(at, 2, "()") == 0) {
            const auto k = static_cast<std::size_t>(
                std::lower_bound(cps.begin(), cps.end(), at,
                                 [](const code_point& p, std::size_t b) { return p.begin < b; }) -
                cps.begin());
            findings.push_back(
                make_finding(text, cps, k, k + 2, "lost_list_number",
                             "a line starts with empty parentheses: the number of its list item was lost"));
            return false;
        } else {
            return c == '\n' || c == '\r';
        }
    }
    return true;
}

// A line that starts with 、 lost the number of its list item; `line_start` carries from one chunk
// to the next. Only the bytes after a line break are read (a line break byte is never inside a
// character).
void lost_list_numbers(std::string_view text, const code_points& cps, bool& line_start,
                       std::vector<report_finding>& findings) {
    const std::string_view chunk = text.substr(0, cps.byte_at(cps.size()));
    std::size_t at = cps.byte_at(0), lf = chunk.find('\n', at), cr = chunk.find('\r', at);
    for (;;) {
        if (line_start) line_start = list_line_start(text, chunk, cps, at, findings);
        const std::size_t line_break = std::min(lf, cr);
        if (line_break == std::string_view::npos) return;
        at = line_break + 1, line_start = true;
        if (line_break == lf)
            lf = chunk.find('\n', at);
        else
            cr = chunk.find('\r', at);
    }
}

// Is the figure of row `part` larger than the figure of row `total` (in units that convert)?
bool part_exceeds_total(const fact_table& t, std::size_t part, std::size_t total) {
    const std::string &part_unit = t.text_of(t.unit[part]), &total_unit = t.text_of(t.unit[total]);
    if (!std::isfinite(t.value[part]) || !std::isfinite(t.value[total]) || part_unit.empty() || total_unit.empty())
        return false;
    const std::optional<unit> pu = parsed_unit(part_unit), tu = parsed_unit(total_unit);
    return pu && tu && pu->convertible_to(*tu) &&
           t.value[part] * pu->scale() > t.value[total] * tu->scale() * (1 + 1e-9);
}

// The figure of row `part` in the unit of row `total` when both are of one variable (or of none)
// and their units convert; 0 otherwise (it adds nothing to a sum of levels).
double part_in_total_unit(const fact_table& t, std::size_t part, std::size_t total) {
    const std::string &part_unit = t.text_of(t.unit[part]), &total_unit = t.text_of(t.unit[total]);
    if (t.variable[part] != t.variable[total] || !std::isfinite(t.value[part]) || !std::isfinite(t.value[total]) ||
        part_unit.empty() || total_unit.empty())
        return 0;
    const std::optional<unit> pu = parsed_unit(part_unit), tu = parsed_unit(total_unit);
    return pu && tu && pu->convertible_to(*tu) ? t.value[part] * pu->scale() / tu->scale() : 0;
}

// A figure after 其中 that starts a total of its own instead of being a part of the one before: it
// has a variable by a phrase of its own (not shared from before; or a phrase its measure word did
// not fit: 众创空间入驻团队46个 is no part of the platforms before), no level of government (the
// caller checks), and no 其中 in its clause, byte offsets [clause, figure): "…，其中省级3个、市级5个，
// 新增研发机构8个，其中省级2个" has two totals, each with the parts of the 其中 nearest after it.
bool new_total(const word_index& part_words, std::size_t clause, std::size_t figure, bool bound, bool shared) {
    return bound && !shared && !part_words.any_inside(clause, figure);
}

// A level of a part that counts every level from it up (省级以上, 市级及以上): it overlaps the
// single levels listed beside it (其中国家级3个、省级以上8个).
bool cumulative_level(std::string_view level) { return level.find("以上") != std::string_view::npos; }

// Is the figure at byte `begin` a part of the total ending at `total_end`? A 其中 lies between them,
// in the total's sentence or opening the next one (…入库612家。其中制造业企业395家), and no end of a
// sentence between the 其中 and the figure but a ；, which goes on with the list of parts (其中制造业
// 企业395家，占64.5%；软件和信息服务业企业148家); a total of its own after it is new_total's.
bool part_of(std::string_view text, const word_index& part_words, const word_index& sentence_ends,
             std::size_t total_end, std::size_t begin) {
    const std::size_t after = part_words.last_end_inside(total_end, begin);
    if (after == 0) return false;
    std::size_t opening = after - std::string_view("其中").size();
    // back over the ends of the total's sentence right before the 其中 (。, a line break, blanks)
    for (bool more = true; more && opening > total_end;) {
        more = false;
        for (std::string_view end : {"。", "！", "？", "\n", "\r", " "})
            if (opening - total_end >= end.size() && text.compare(opening - end.size(), end.size(), end) == 0) {
                opening -= end.size(), more = true;
                break;
            }
    }
    if (sentence_ends.any_inside(total_end, opening)) return false;
    const std::string_view list = text.substr(after, begin - after);
    for (std::string_view end : {"。", "！", "？", "\n"})
        if (list.find(end) != std::string_view::npos) return false;
    return true;
}

// Figures introduced by 其中 are parts of the figure before it in the sentence: a part larger
// than its total means one of them is damaged (the part is flagged suspect). A chunk ends a
// sentence: the rows of one chunk at a time, from `first_row`.
void inconsistent_parts(std::string_view text, const word_index& part_words, const word_index& sentence_ends,
                        fact_table& t, std::size_t first_row, std::vector<report_finding>& findings) {
    std::optional<std::size_t> total;
    double levels = 0;  // the sum of the parts by level (flag part) of one variable so far, in the total's unit
    bool levels_over = false;
    for (std::size_t i = first_row; i < t.size(); ++i) {
        // A change (同比增长12.1%) is neither a total nor a part: the growth of a part may well
        // exceed its total's (…同比下降8.2%，其中发明专利授权量356件，同比增长12.1%).
        if (t.has(i, fact_flag::change)) continue;
        const bool part = total && part_of(text, part_words, sentence_ends, t.end[*total], t.begin[i]);
        if (!part ||
            (!t.has(i, fact_flag::part) && t.level[i] == 0 &&
             new_total(part_words, t.clause_begin[i], t.begin[i],
                       t.variable[i] != 0 || t.has(i, fact_flag::unit_mismatch), t.has(i, fact_flag::phrase_shared)))) {
            total = i, levels = 0, levels_over = false;
            continue;
        }
        report_finding x;  // its text made only for a finding (a string a part before)
        if (part_exceeds_total(t, i, *total)) {
            x.text = std::string(t.figure(i));
            x.message = "a part (其中 " + x.text + ") larger than its total (" + std::string(t.figure(*total)) + ")";
        } else if (t.has(i, fact_flag::part) && !levels_over && !cumulative_level(t.text_of(t.level[i])) &&
                   (levels += part_in_total_unit(t, i, *total)) > t.value[*total] * (1 + 1e-9)) {
            // 其中国家级5家、省级9家 of 12家: levels do not overlap, their sum is at most the total
            levels_over = true;
            x.text = std::string(t.figure(i));
            x.message = "parts by level (其中 …" + x.text + ") that add up to more than their total (" +
                        std::string(t.figure(*total)) + ")";
        } else {
            continue;
        }
        t.flags[i] |= bit(fact_flag::suspect);
        x.kind = "inconsistent_parts";
        x.begin = t.begin[i], x.end = t.end[i], x.char_begin = t.char_begin[i], x.char_end = t.char_end[i];
        findings.push_back(std::move(x));
    }
}

// ---- The words that decide between entries sharing a phrase (lexicon_entry) ------------------

struct distinctions {
    const char* status = "";
    const char* stage = "";
    const char* scope = "";
};

// 应/需/须 saying an amount is due, not inside a word of another meaning (应用, 供应, 需求, 无需).
bool due_marker(const code_points& cps, std::size_t k) {
    const char32_t c = cps[k].c, before = k > 0 ? cps[k - 1].c : 0, after = k + 1 < cps.size() ? cps[k + 1].c : 0;
    if (c == U'应') return !one_of(after, U"用急对届邀聘征答变") && !one_of(before, U"相供响对适反效呼感答");
    if (c == U'需') return after != U'求' && !one_of(before, U"无不毋急");
    if (c == U'须') return after != U'知' && !one_of(before, U"无不毋");
    return false;
}

// Verbs that say a count of platforms or firms is this period's (获批省级工程技术研究中心3家, 组建重点
// 实验室2家, 认定企业技术中心3个: flows) when no 新增/累计 says it outright: "new" for the verb at k,
// else `so_far`. With no such verb the stock is chosen (choose_entry): 达到30家 is how many there are,
// and 达到 after a flow's verb keeps the flow ("全年认定高新技术企业达到35家" are the year's).
const char* scope_by_verb(const code_points& cps, std::size_t k, const char* so_far, bool this_period) {
    if (!one_of(cps[k].c, U"获认组挂备入") ||
        !starts_with_any(cps, k, U"获批", U"认定", U"组建", U"获评", U"获得认定", U"挂牌", U"备案", U"入库"))
        return so_far;
    // 国家备案众创空间, 省级认定企业技术中心, 省级以上认定…: a kind of platform, how many there are
    // (全市认定…: a verb); so is one the verb qualifies with 的 (经认定的高新技术企业, 挂牌运营的众创空间).
    const bool level_before = ends_with(cps, k, U"国家") || ends_with(cps, k, U"以上") ||
                              (k > 0 && one_of(cps[k - 1].c, U"省市县级") && !ends_with(cps, k - 1, U"全"));
    // A word of this period before it (全年认定的, 当年获批组建的, 本年度经认定的) keeps the flow.
    bool qualifies = !this_period && k > 0 && cps[k - 1].c == U'经';
    for (std::size_t j = k + 2; j < std::min(cps.size(), k + 6) && !qualifies && !this_period; ++j)
        qualifies = cps[j].c == U'的';
    return level_before || qualifies ? so_far : "new";
}

// 全年, 今年, 当年, 本年(度) at k: what follows is of this period, not how many there are.
bool this_period_word_at(const code_points& cps, std::size_t k) {
    return starts_with_any(cps, k, U"全年", U"今年", U"当年", U"本年");
}

// Words that say the count is how many there are (现有, 拥有, 共有, 有效期内…), whatever verb
// stands beside them: 全市现有经认定的高新技术企业350家 is the stock.
bool stock_word_at(const code_points& cps, std::size_t k) {
    return starts_with_any(cps, k, U"现有", U"拥有", U"共有", U"有效期内", U"现存");
}

// A clause opening the sentence before code point `from` says "up to now" (截至目前，全市共有45个众创空间
// 获批备案; 目前，…): the stock, as 目前/截至 in the words read — the phrase read starts after its comma.
bool up_to_now_before(const code_points& cps, std::size_t from) {
    std::size_t b = from;
    while (b > 0 && from - b < 40 && !one_of(cps[b - 1].c, U"。！？!?；;\n\r")) --b;
    return b < from && (starts_with(cps, b, U"截至") || starts_with(cps, b, U"截止") || starts_with(cps, b, U"目前"));
}

// Which of stated_distinctions()'s word lists have a word starting with c, one bit a list: each stop
// runs only the lists its character can open (one switch instead of some thirty comparisons).
// A word added to a list needs its first character here as well as in distinction_starts.
enum distinction_list : unsigned {
    dl_payment = 1,       // 拨付 兑现 兑付 发放 支付
    dl_applied = 2,       // 申报 申请
    dl_approved = 4,      // 立项 获批 批准
    dl_this_period = 8,   // 全年 今年 当年 本年 (this_period_word_at)
    dl_stock = 16,        // 现有 拥有 共有 有效期内 现存 (stock_word_at)
    dl_plain_stock = 32,  // 现有 拥有 目前 截至 有效期内
    dl_cumulative = 64,   // 累计 累积 总数 总量
};
unsigned distinction_lists(char32_t c) {
    switch (c) {
        case U'拨':
        case U'兑':
        case U'发':
        case U'支':
            return dl_payment;
        case U'申':
            return dl_applied;
        case U'立':
        case U'获':
        case U'批':
            return dl_approved;
        case U'全':
        case U'今':
        case U'当':
        case U'本':
            return dl_this_period;
        case U'现':
        case U'拥':
        case U'有':
            return dl_stock | dl_plain_stock;
        case U'共':
            return dl_stock;
        case U'目':
        case U'截':
            return dl_plain_stock;
        case U'累':
        case U'总':
            return dl_cumulative;
        default:
            return 0;
    }
}

// The status, stage and scope words in code points [from, to), the last of each kind winning: a
// payment verb (拨付, 兑现) is done unless 应/需/须 stands just before it; a scope said outright
// (累计, 新增) over one a verb implies (scope_by_verb).
// A verb after the figure (`figure`: where it ends, when the words after it are in the range) says
// what happened to the things counted this period: 今年共有12个众创空间获批备案, 全区共有436家企业
// 通过科技型中小企业评价入库 are flows, whatever 共有 says before it.
distinctions stated_distinctions(const code_points& cps, std::size_t from, std::size_t to,
                                 std::size_t figure = std::numeric_limits<std::size_t>::max()) {
    distinctions d;
    bool verb_after_figure = false;
    std::size_t last_due = std::numeric_limits<std::size_t>::max();
    bool scope_stated = false;                     // 累计/新增…: said outright, whatever verb stands beside it
    bool stock_word = false, this_period = false;  // 现有/拥有/共有…; 全年/今年/当年 (this_period_word_at)
    bool plain_stock = false;                      // 现有/拥有/目前/截至: a stock whatever verb follows
    const char* weak_scope = "";
    for (std::size_t k = from; (k = cps.next_with(k, to, cc_distinction)) < to; ++k) {
        const char32_t c = cps[k].c;
        const unsigned lists = distinction_lists(c);
        if (due_marker(cps, k))
            d.status = "due", last_due = k;
        else if (c == U'已')
            d.status = "done";
        else if ((lists & dl_payment) && starts_with_any(cps, k, U"拨付", U"兑现", U"兑付", U"发放", U"支付") &&
                 !(k > last_due && k - last_due <= 3))
            d.status = "done";
        if ((lists & dl_applied) && starts_with_any(cps, k, U"申报", U"申请"))
            d.stage = "applied";
        else if ((lists & dl_approved) && starts_with_any(cps, k, U"立项", U"获批", U"批准"))
            d.stage = "approved";
        else if (c == U'授' && starts_with(cps, k, U"授权"))
            d.stage = "granted";
        this_period = this_period || ((lists & dl_this_period) && this_period_word_at(cps, k));
        stock_word = stock_word || ((lists & dl_stock) && stock_word_at(cps, k));
        plain_stock = plain_stock || ((lists & dl_plain_stock) &&
                                      starts_with_any(cps, k, U"现有", U"拥有", U"目前", U"截至", U"有效期内"));
        if ((lists & dl_cumulative) && starts_with_any(cps, k, U"累计", U"累积", U"总数", U"总量"))
            d.scope = "cumulative", scope_stated = true;
        else if (c == U'新' && k + 1 < cps.size() && one_of(cps[k + 1].c, U"增认培建引入登获申设签备"))
            d.scope = "new", scope_stated = true;
        else if (c == U'即' && k + 1 < cps.size() && cps[k + 1].c == U'将' &&
                 !(k > 0 && one_of(cps[k - 1].c, U"立随旋亦")))
            d.scope = "new", scope_stated = true;  // 即将建成的2个孵化器: not built yet, none of the stock (round 27)
        else if (!scope_stated) {
            const char* by_verb = scope_by_verb(cps, k, weak_scope, this_period);
            verb_after_figure = verb_after_figure || (k >= figure && std::string_view(by_verb) == "new");
            weak_scope = by_verb;
        }
    }
    // 现有, 共有… say how many there are, unless of this period (今年共有12个众创空间获批备案) or, for
    // 共有, a verb of the year follows the noun (共有436家企业通过…评价入库); 现有/目前… hold even then
    // (全市现有45个众创空间获批省级以上备案: how many there are, review 25b). The walk back to the
    // sentence's start (截至目前，…) is asked last: it cost more than the rest of the call.
    if (!scope_stated)
        d.scope = stock_word && !this_period && (!verb_after_figure || plain_stock || up_to_now_before(cps, from))
                      ? "cumulative"
                      : weak_scope;
    return d;
}

// The entry of a phrase the stated words choose: among those whose fields agree with every word
// stated (an empty field agrees with anything), the one matching most, then the first listed;
// nullptr when none agrees.
const lexicon_entry* choose_entry(const phrase_entries& group, const distinctions& stated) {
    const lexicon_entry* best = nullptr;
    int best_score = -1;
    for (const lexicon_entry* e : group.entries) {
        int score = 0;
        bool agrees = true;
        const std::pair<const std::string*, const char*> fields[] = {
            {&e->status, stated.status}, {&e->stage, stated.stage}, {&e->scope, stated.scope}};
        for (const auto& [field, word] : fields) {
            if (field->empty() || !*word) continue;
            if (std::string_view(*field) == std::string_view(word))
                ++score;
            else
                agrees = false;
        }
        // A stock and a flow (hnte_total, hnte_recognised) with no scope word stated: the stock,
        // not whichever the lexicon lists first ("全县高新技术企业46家" is how many there are).
        const bool stock_over_flow = agrees && score == best_score && !*stated.scope && best &&
                                     is(best->scope, "new") && is(e->scope, "cumulative");
        if ((agrees && score > best_score) || stock_over_flow) best = e, best_score = score;
    }
    return best;
}

// ---- From a scanned quantity to a fact ---------------------------------------------------------

// Every cut between two code points of every phrase of a lexicon (UTF-8: not before a
// continuation byte), by the code point before the cut: what phrase_breaks tests a line break
// between two ideographs against. Made once, not per text (cuts_for): a short report with one
// such break made them afresh, more than half of its reading (bench/NOTES.md, round 24).
struct phrase_cuts {
    std::unordered_map<char32_t, std::vector<std::pair<std::string_view, std::string_view>>> by_last;
    explicit phrase_cuts(const lexicon& words);
};

// The indexes over a chunk of the report that binding figures to phrases and finding 其中 parts
// consult, filled in one pass over the chunk's code points.
struct report_indexes {
    const lexicon& words;
    phrase_index phrases;
    phrase_index follow{words, &lexicon_entry::follow_phrases};  // 成交额 after 登记技术合同312项
    // 净增 (net increase: the new less those that left) is a change of the stock, not the new ones.
    word_index change_words{"增长", "增加", "提高", "提升", "下降", "减少", "同比", "增幅", "降幅", "净增", "净减"};
    word_index change_lead{"同比", "增长", "下降", "提高", "降低", "减少", "增加", "提升", "净增", "净减"};
    // Which way a change goes: the last of these before the figure (同比 says neither).
    word_index increase_words{"增长", "增加", "提高", "提升", "增幅", "上升", "上涨", "净增"};
    word_index decrease_words{"下降", "减少", "降低", "降幅", "下滑", "回落", "净减"};
    // A verb with 到/至 states the level reached (提高到三成), not a change; so does 达到 after a
    // change stated in the clause before ("较上年提高0.3个百分点，达到2.1%").
    word_index level_to{"提高到", "提高至", "提升到", "提升至", "增加到", "增加至", "增长到", "增长至", "上升到",
                        "上升至", "下降到", "下降至", "减少到", "减少至", "降低到", "降低至", "增至",   "降至"};
    word_index reach{"达到"};
    // "…1.2亿元，上年同期为1.5亿元": the figure these introduce is the one before it, a year earlier.
    word_index comparison_lead{"上年同期为", "去年同期为", "上年为", "去年为", "上年末为", "去年末为", "上年度为"};
    // "落实研发费用加计扣除、首台套奖励等扶持政策15项": across an enumeration the figure counts the
    // enumerating noun, not the phrase before it.
    word_index enumeration{"、", "等"};
    word_index part_words{"其中"};
    // "专利申请量和授权量分别为500件和326件": the figures name the listed quantities in order.
    word_index respectively{"分别"};
    word_index sentence_ends{"。", "！", "？", "；", ";", "\n"};
    // "立项率34.3%", "占GDP的比重达到14.6%": a rate or a share, not the count or amount of the noun.
    word_index share_words{"率", "比重", "占比", "比例", "占"};
    // "华芯微电子股份有限公司：研发费用投入1.36亿元": a firm named before a phrase (named_firm_before).
    word_index firm_names{"公司", "集团"};
    // "财政科技支出年初预算数为38,600万元": a budget between a phrase and its figure (bind_before).
    word_index budget_words{"预算"};
    // The last characters (as the decoder reads them) of the lexicon's phrases that open with a verb
    // taking a sum (verb_taking_a_sum): split_by_modifier looks up only phrases that end where
    // the figure's text does, so a figure after any other character has none to find.
    char_set sum_phrase_ends;
    bool sum_phrase_end_unknown = false;  // one ends outside the plane or is not UTF-8: no shortcut
    std::optional<phrase_cuts> cuts;      // made at the first text that needs them (cuts_for)
    // While a text is read with them: a read started inside it on the same thread (from the
    // interrupt poll: a Ctrl-C handler reading a report) builds its own (indexes_for).
    bool in_use = false;
    explicit report_indexes(const lexicon& w) : words(w), phrases(w) {
        mark_sum_phrase_ends();
        phrases.add_words(matcher_);
        follow.add_words(matcher_);
        for (word_index* family : families()) family->add_words(matcher_);
    }
    report_indexes(const report_indexes&) = delete;
    report_indexes& operator=(const report_indexes&) = delete;
    // What a chunk is decoded with for index(): its words' first characters are marked.
    const std::uint8_t* classes() const { return matcher_.classes(); }
    void index(std::string_view text, const code_points& cps) {
        phrases.clear(), follow.clear();
        for (word_index* family : families()) family->clear();
        matcher_.each_match(text, cps, [&](std::size_t k, std::size_t e, const word_target& target) {
            if (target.group)
                target.phrases->add(cps[k].begin, e, target.group, k);
            else
                target.family->add(cps[k].begin, e);
        });
        phrases.sort(), follow.sort();
        for (word_index* family : families()) family->sort();
    }

private:
    // Each phrase decoded as a text is (decode folds full-width forms as decode_into does).
    void mark_sum_phrase_ends() {
        for (const lexicon_entry& e : words)
            for (const std::string& p : e.phrases) {
                std::size_t invalid = 0;
                const code_points cps = decode(p, invalid);
                if (cps.empty() || !verb_taking_a_sum(cps, 0)) continue;
                const char32_t last = cps[cps.size() - 1].c;
                if (invalid || last >= 0x10000)
                    sum_phrase_end_unknown = true;
                else
                    sum_phrase_ends.add(last);
            }
    }
    std::array<word_index*, 14> families() {
        return {&change_words, &change_lead,  &increase_words, &decrease_words, &level_to,
                &reach,        &enumeration,  &part_words,     &sentence_ends,  &comparison_lead,
                &share_words,  &respectively, &firm_names,     &budget_words};
    }
    chunk_matcher matcher_;
};

// The period in force at each figure, walking the stated periods forward with the figures.
class period_cursor {
public:
    // `periods` may grow while the cursor walks it (a deque: its elements stay where they are).
    explicit period_cursor(const std::deque<stated_period>& periods) : periods_(periods) {}
    // The period of a figure at code point `first`, given the start of its clause later (local()).
    const period_cursor& at(std::size_t first) {
        while (next_ < periods_.size() && periods_[next_].at < first) {
            const stated_period& p = periods_[next_++];
            if (p.local) {
                local_ = &p;
                continue;
            }
            if (p.prior && !prior_) governing_ = current_;
            before_last_ = current_, current_ = &p.period, prior_ = p.prior;
            // "2024年上半年" states 2024, then 2024H1; "2025年度总结及2026年工作思路" is of 2025: a title's
            // later period of another year is its plan's.
            if (p.title && (!title_ || p.period.compare(0, 4, *title_, 0, 4) == 0)) title_ = &p.period;
        }
        return *this;
    }
    bool prior() const { return prior_; }  // in a sentence about the year before
    // Where the last period stated before the figure stands (code points), 0 if none.
    std::size_t last_stated() const { return next_ > 0 ? periods_[next_ - 1].at : 0; }
    // The period that governed before the sentence about the year before began.
    std::string_view governing() const { return governing_ ? std::string_view(*governing_) : std::string_view(); }
    // The period in force before the last one stated (完成全年目标的42%: the half-year's, before 全年).
    std::string_view before_last() const { return before_last_ ? std::string_view(*before_last_) : std::string_view(); }
    // The period the report's title states (the last one there), "" if none.
    std::string_view report() const { return title_ ? std::string_view(*title_) : std::string_view(); }
    std::string_view in_clause(std::size_t clause) const {
        if (local_ && local_->at >= clause) return local_->period;
        return current_ ? std::string_view(*current_) : std::string_view();
    }

private:
    const std::deque<stated_period>& periods_;
    std::size_t next_ = 0;
    const stated_period* local_ = nullptr;
    const std::string* current_ = nullptr;
    const std::string* governing_ = nullptr;
    const std::string* before_last_ = nullptr;
    const std::string* title_ = nullptr;
    bool prior_ = false;
};

// Up to N values in place, for a short walk done at every figure or line (no allocation).
template <class T, std::size_t N>
class fixed_list {
public:
    std::size_t size() const { return n_; }
    bool empty() const { return n_ == 0; }
    void push_back(T v) {  // callers stop at N; the test keeps a missed stop in bounds whatever the flags
        if (n_ < N) at_[n_++] = v;
    }
    T operator[](std::size_t i) const { return at_[i]; }
    const T* begin() const { return at_.data(); }
    const T* end() const { return at_.data() + n_; }

private:
    std::array<T, N> at_;
    std::size_t n_ = 0;
};

// The phrase a figure binds to and how.
struct binding {
    const lexicon_entry* entry = nullptr;
    const phrase_entries* group = nullptr;
    std::string_view phrase;
    std::size_t phrase_begin = 0;  // byte offset: share words count from there
    std::size_t phrase_end = 0;    // byte offset: change words count from there (bound or not)
    bool shared = false;
    distinctions stated;
    std::size_t following_end = 0;  // byte offset: the end of a phrase after the figure that named it
};

// Transparent huge pages for the whole 2 MiB pages of a column's reserved room, before any is
// touched: a large table is fresh memory on every call, and under a hypervisor each 4 KiB page
// fault is an exit (the table of 64 MB of text is ~50,000 of them). Advice only.
void advise_huge_pages(const void* data, std::size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    constexpr std::uintptr_t huge_page = std::uintptr_t{2} << 20;
    const auto start = reinterpret_cast<std::uintptr_t>(data);
    const std::uintptr_t first = (start + huge_page - 1) & ~(huge_page - 1), last = (start + bytes) & ~(huge_page - 1);
    if (last > first) ::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
#else
    (void)data, (void)bytes;
#endif
}
template <class T>
void reserve_column(std::vector<T>& column, std::size_t rows) {
    column.reserve(rows);
    advise_huge_pages(column.data(), column.capacity() * sizeof(T));
}

// The columns of a fact_table, filled a row at a time; texts are stored once each.
class table_writer {
public:
    explicit table_writer(fact_table& table) : t_(table) {
        ids_.emplace(std::string_view(), 0);
        t_.strings.assign(1, std::string());
    }
    // The id of a text in table.strings, added when new.
    std::uint32_t id(std::string_view text) {
        // The units of a report are a few texts over and over: a comparison with the two seen last
        // of its length and last byte costs less than hashing (two: 亿元 and 万元, 家 and 件 share them).
        recent* set =
            &recent_[2 * ((text.size() * 31 + (text.empty() ? 0 : static_cast<unsigned char>(text.back()))) & 63)];
        if (set[0].known && set[0].text == text) return set[0].id;
        if (set[1].known && set[1].text == text) return set[1].id;
        auto it = ids_.find(text);
        if (it == ids_.end()) {
            const auto next = static_cast<std::uint32_t>(t_.strings.size());
            t_.strings.emplace_back(text);
            it = ids_.emplace(keys_.emplace_back(text), next).first;
        }
        set[1] = set[0], set[0] = {it->first, it->second, true};  // the key views the writer's own copy
        return it->second;
    }
    // id() of a text whose storage outlives the writer unchanged (the lexicon, stated periods,
    // literals): remembered by address, which costs less than hashing the text.
    std::uint32_t stable_id(std::string_view text) {
        if (text.empty()) return 0;  // most damage kinds, statuses, stages and scopes
        remembered& r = by_address_[((reinterpret_cast<std::uintptr_t>(text.data()) >> 3) ^ text.size()) & 255];
        if (r.known && r.data == text.data() && r.size == text.size()) return r.id;
        r = {text.data(), text.size(), id(text), true};
        return r.id;
    }
    fact_table& table() { return t_; }
    void reserve(std::size_t rows) {
        for (auto* column : {&t_.variable, &t_.phrase, &t_.unit, &t_.period, &t_.damage, &t_.status, &t_.stage,
                             &t_.scope, &t_.level, &t_.flags, &t_.begin, &t_.end, &t_.clause_begin, &t_.clause_end,
                             &t_.char_begin, &t_.char_end, &t_.clause_char_begin, &t_.clause_char_end})
            reserve_column(*column, rows);
        reserve_column(t_.value, rows), reserve_column(t_.high, rows), reserve_column(t_.guess, rows);
        reserve_column(t_.qual, rows), reserve_column(t_.text_end, rows);
        t_.quoted.reserve(rows * 12);
        advise_huge_pages(t_.quoted.data(), t_.quoted.capacity());
    }

private:
    fact_table& t_;
    std::unordered_map<std::string_view, std::uint32_t> ids_;
    std::deque<std::string> keys_;  // what the keys of ids_ view (stable while it grows)
    struct recent {
        std::string_view text;
        std::uint32_t id = 0;
        bool known = false;
    };
    std::array<recent, 128> recent_{};
    struct remembered {
        const char* data = nullptr;
        std::size_t size = 0;
        std::uint32_t id = 0;
        bool known = false;
    };
    std::array<remembered, 256> by_address_{};
};

// What binding a figure to its phrase says about the fact, before it goes into the columns.
struct fact_naming {
    const lexicon_entry* entry = nullptr;
    std::string_view phrase, status, stage, scope;
    std::string_view level;  // of a part after 其中 (a literal)
    std::uint32_t flags = 0;
    bool decline = false;   // a change downwards (下降/减少…): its value is negative
    std::string_view unit;  // as written, or completed from the lexicon (2.35亿 of a 万元 variable: 亿元)
    static constexpr std::uint32_t unknown = std::numeric_limits<std::uint32_t>::max();
    // The id of `unit` in the table once check_unit() asked for it: write() uses it, so `unit`
    // does not change after check_unit().
    std::uint32_t unit_id = unknown;
};

// A decline's figure with its sign: the value negative, and a bound of its size (下降超过20%) the
// other bound of the signed value.
qualifier signed_qualifier(qualifier q, bool decline) {
    if (!decline) return q;
    return q == qualifier::lower_bound   ? qualifier::upper_bound
           : q == qualifier::upper_bound ? qualifier::lower_bound
                                         : q;
}
std::uint32_t signed_bound_flags(std::uint32_t flags, bool decline) {
    const std::uint32_t lower = bit(fact_flag::lower_bound), upper = bit(fact_flag::upper_bound);
    if (!decline || (flags & (lower | upper)) == 0) return flags;
    return (flags & ~(lower | upper)) | ((flags & lower) ? upper : 0) | ((flags & upper) ? lower : 0);
}
// 下降−5% is a fall of 5 % as 下降5% is: a minus sign after the word of a fall marks it once more.
double signed_value(double v, bool decline) { return decline && v > 0 ? -v : v; }

class fact_builder {
public:
    // `cps` holds the chunk being read (new_chunk() after it is refilled).
    fact_builder(std::string_view text, const code_points& cps, const report_indexes& indexes,
                 const extract_options& options, fact_table& table)
        : text_(text), cps_(cps), ix_(indexes), options_(options), clauses_(cps), out_(table) {}
    void reserve(std::size_t rows) { out_.reserve(rows); }
    // A chunk ends a clause: nothing before it binds to a figure after it (previous_end_ is a
    // chunk's index). What a clause that only states a change refers to carries over.
    // The lines after the chunk's last figure may open or end a section of plans (a heading alone in a chunk).
    void end_chunk() { target_before(cps_.size()); }
    void new_chunk(bool any_invalid) {
        clauses_.restart();
        target_cursor_ = 0, target_in_sentence_ = target_in_clause_ = target_estimate_ = false, since_start_ = 0;
        clause_since_at_ = 0;
        target_figure_ = false;
        chunk_starts_line_ = cps_.byte_at(0) == 0 || text_[cps_.byte_at(0) - 1] == '\n';
        previous_end_ = 0, parent_end_ = 0, previous_following_end_ = 0, previous_scope_ = "";
        any_invalid_ = any_invalid;
    }

    // A sum right before the firms or projects it sorts (研发投入超过亿元的企业52家, 营业收入500万元以上企业):
    // a threshold, not an amount of the phrase before it.
    bool sum_qualifying_a_noun(const scanned& s) const {
        const std::string_view unit = s.q.unit, yuan = "元";
        if (unit.size() < yuan.size() || unit.substr(unit.size() - yuan.size()) != yuan) return false;
        std::size_t k = s.last;
        for (const std::u32string_view w : {U"及以上", U"以上", U"以下"})
            if (starts_with(cps_, k, w)) {
                k += w.size();
                break;
            }
        if (k < cps_.size() && cps_[k].c == U'的') ++k;
        return starts_with(cps_, k, U"企业") || starts_with(cps_, k, U"项目") || starts_with(cps_, k, U"单位");
    }

    // The next quantity as a row of the table.
    void add(const scanned& s, const period_cursor& period, std::vector<report_finding>& findings) {
        unit_of_ = nullptr;  // a figure's object may sit where the previous one did
        if (s.table != scanned::table_cell::none) return add_table_cell(s, period, findings);
        const auto [clause, clause_stop] = clauses_.around(s.first, s.last);
        // a threshold (00万元以上企业, 超过亿元的企业) qualifies the noun after it: no level of the phrase
        // before it
        const bool threshold = s.damage == "threshold" || sum_qualifying_a_noun(s);
        const binding b = threshold ? no_binding(clause) : bind(s, clause, clause_stop);
        mismatched_entry_ = nullptr;
        const std::size_t after_previous = std::max(clause, previous_end_);
        fact_naming n = name(s, b, after_previous);
        previous_end_ = s.last, previous_following_end_ = b.following_end, previous_scope_ = b.stated.scope;
        if (n.entry && n.entry != b.entry && (n.flags & bit(fact_flag::change)))
            previous_scope_ = n.entry->scope.c_str();  // 比去年新增: the stock's
        n.unit = s.q.unit;
        // a bare amount under a heading that states its unit (科技经费投入情况（万元）: 财政科技支出1,426)
        if (n.entry && n.unit.empty() && !s.heading_unit.empty() && !n.entry->unit.empty() &&
            unit_flag(s.heading_unit, n.entry->unit) == 0)
            n.unit = s.heading_unit;
        if (n.entry) check_unit(s, n, std::max(b.phrase_end, byte_at(after_previous)));
        part_by_level(s, clause, after_previous, n);
        n.flags |= signed_bound_flags(quantity_flags(s), n.decline);
        const bool target = target_before(s.first);
        if (target_in_sentence_) target_figure_ = true;
        any_figure_ = true;  // after target_before(): the lines before this figure are read
        // "完成全年目标任务的78%", "年度目标完成率56.8%": how much of a target was done, which is done,
        // of the period of what was done (not of the target's 全年).
        const bool completion = target && !target_in_sentence_ && completion_rate(s, clause);
        // A change in a sentence about the year before (…上年同期为1.5亿元，同比下降20%) compares this
        // period with it: it is this period's.
        const bool prior = period.prior() && !(n.flags & bit(fact_flag::change));
        if (prior) n.flags |= bit(fact_flag::prior_year);
        if (!(n.flags & bit(fact_flag::change)) && start_of_change(cps_, s.first, s.last))
            n.flags |= bit(fact_flag::start);
        std::string_view when = period.prior() && !prior ? period.governing() : period.in_clause(cps_.base() + clause);
        if (completion && period.last_stated() >= cps_.base() + clause) when = period.before_last();
        // "预计全年完成技术合同成交额5.2亿元" in a report of the year 2024, "预计上半年完成…" in one of
        // its first half: the figure of the report's own period estimated at its end, not a plan —
        // unless a plan's section or another target word governs it, or it is of another period
        // (预计2025年…; 预计全年… in a half-year report forecasts the year ahead).
        if (target && !completion && target_estimate_ && !target_in_clause_ && !plan_section_ && !when.empty() &&
            when == period.report())
            n.flags |= bit(fact_flag::estimate);
        else if (target && !completion)
            n.flags |= bit(fact_flag::target);
        double guess = std::numeric_limits<double>::quiet_NaN();
        if (options_.guess && !std::isnan(s.guess))
            guess = signed_value(s.guess, n.decline), n.flags |= bit(fact_flag::guess);
        if (!s.damage.empty())
            findings.push_back(
                make_finding(text_, cps_, s.first, s.last, std::string(s.damage), damage_message(s.damage)));
        if (implausible_zero(cps_, s)) {
            n.flags |= bit(fact_flag::suspect);
            findings.push_back(
                make_finding(text_, cps_, s.first, s.last, "implausible_zero",
                             "0 people or items for an activity reported as done: a figure probably lost its digits"));
        }
        previous_entry_ = n.entry && !n.entry->variable.empty() ? last_entry_ : nullptr;
        previous_group_ = previous_entry_ ? last_group_ : nullptr;
        previous_change_ = (n.flags & bit(fact_flag::change)) != 0;
        previous_bound_ =
            !previous_change_ && (s.q.qual == qualifier::lower_bound || s.q.qual == qualifier::upper_bound);
        previous_unit_ = s.q.unit;
        // A period stated after the 以来 (…1.6亿元，上半年新认定…) ends the span.
        if ((since_start_ != 0 && since_at_ > period.last_stated() &&
             (since_start_ < 0 || since_start_ < year_of(when))) ||
            (clause_since_at_ >= cps_.base() + clause && clause_since_at_ > period.last_stated()))
            n.flags |= bit(fact_flag::since);
        write(s, n, guess, when, clause, clause_stop);
    }

private:
    // A cell of a table turned into lines (table_line): the variable the row's name names, the
    // period of its column, a change in the growth column; no variable in a row not read by column.
    void add_table_cell(const scanned& s, const period_cursor& period, std::vector<report_finding>& findings) {
        const auto [clause, clause_stop] = clauses_.around(s.first, s.last);
        fact_naming n;
        any_figure_ = true;
        last_entry_ = nullptr, last_group_ = nullptr;
        if (s.table == scanned::table_cell::read && !s.table_rate) {  // 完成率%: no rate of the row's count
            if (const phrase_hit* hit = ix_.phrases.closest(byte_at(s.name_first), byte_at(s.name_last))) {
                const distinctions d = stated_distinctions(cps_, s.name_first, s.name_last);
                n.entry = choose_entry(*hit->group, d);
                if (n.entry) {
                    n.phrase = hit->group->phrase;
                    n.status = *d.status ? std::string_view(d.status) : std::string_view(n.entry->status);
                    n.stage = *d.stage ? std::string_view(d.stage) : std::string_view(n.entry->stage);
                    n.scope = *d.scope ? std::string_view(d.scope) : std::string_view(n.entry->scope);
                    last_entry_ = n.entry, last_group_ = hit->group;
                }
            }
            if (s.table_change) n.flags |= bit(fact_flag::change);
            if (s.table_prior) n.flags |= bit(fact_flag::prior_year);
            if (s.table_target) n.flags |= bit(fact_flag::target);
        }
        n.unit = s.q.unit;
        if (n.entry) check_unit(s, n, s.q.begin);  // the row's name is the variable's: nothing between
        if (!n.entry) n.flags |= bit(fact_flag::no_variable);
        n.flags |= quantity_flags(s);
        if (!s.damage.empty())
            findings.push_back(
                make_finding(text_, cps_, s.first, s.last, std::string(s.damage), damage_message(s.damage)));
        previous_end_ = s.last, previous_scope_ = "", previous_entry_ = nullptr, previous_group_ = nullptr,
        previous_change_ = false;
        previous_bound_ = false, previous_following_end_ = 0;
        previous_unit_.clear(), mismatched_entry_ = nullptr;
        write(s, n, std::numeric_limits<double>::quiet_NaN(),
              s.table == scanned::table_cell::read ? s.table_period : period.in_clause(cps_.base() + clause), clause,
              clause_stop);
    }

    std::size_t byte_at(std::size_t k) const { return cps_.byte_at(k); }

    // The level of government a part after 其中 is of: the last level word in code points [from, to)
    // (其中获批省级项目6项、市级项目9项: 省级, then 市级), "" if none. A level with 以上 or 及以上
    // after it (省级以上8个, 市级及以上项目18项) counts every level from it up: kept whole, it is no
    // single level (inconsistent_parts leaves it out of the sum of levels).
    std::string_view level_between(std::size_t from, std::size_t to) const {
        // 市本级 (the city's own budget, 其中市本级财政科技支出4.85亿元): the city's level (round 24)
        static constexpr std::u32string_view words[] = {U"国家级", U"省部级", U"省级",   U"市级",
                                                        U"县级",   U"区级",   U"镇级",   U"乡级",
                                                        U"省本级", U"市本级", U"县本级", U"区本级"};
        static constexpr std::string_view names[] = {"国家级", "省部级", "省级", "市级", "县级", "区级",
                                                     "镇级",   "乡级",   "省级", "市级", "县级", "区级"};
        static constexpr std::string_view up[] = {"国家级以上", "省部级以上", "省级以上", "市级以上",
                                                  "县级以上",   "区级以上",   "镇级以上", "乡级以上",
                                                  "省级以上",   "市级以上",   "县级以上", "区级以上"};
        static constexpr std::string_view and_up[] = {"国家级及以上", "省部级及以上", "省级及以上", "市级及以上",
                                                      "县级及以上",   "区级及以上",   "镇级及以上", "乡级及以上",
                                                      "省级及以上",   "市级及以上",   "县级及以上", "区级及以上"};
        std::string_view level;
        for (std::size_t k = from; k + 1 < to; ++k) {
            if (cps_[k].c != U'级' && (k + 1 >= to || cps_[k + 1].c != U'级') &&
                (k + 2 >= to || cps_[k + 2].c != U'级'))
                continue;
            for (std::size_t w = 0; w < std::size(words); ++w)
                if (k + words[w].size() <= to && starts_with(cps_, k, words[w])) {
                    level = names[w];
                    k += words[w].size() - 1;
                    if (k + 3 <= to && starts_with(cps_, k + 1, U"以上"))
                        level = up[w], k += 2;
                    else if (k + 4 <= to && starts_with(cps_, k + 1, U"及以上"))
                        level = and_up[w], k += 3;
                    break;
                }
        }
        return level;
    }

    // "申报科技项目45项，其中国家级项目3项、省级项目12项": a figure after 其中 in the sentence of a
    // figure before it, with a level of government named since the figure before it, is a part of
    // that total by level: flagged `part`, its level kept. With no variable of its own (项目 alone),
    // it takes the variable of the part before it in the list (其中获批省级项目6项、市级项目9项: both
    // approved), else the total's, when its unit fits that variable. Any other figure may be a total:
    // after 其中 too, one with a phrase of its own and no 其中 in its clause (…，其中省级3个，新增研发
    // 机构8个，其中省级2个: 8个 is the total of the second 其中, as new_total() says for inconsistent_parts).
    void part_by_level(const scanned& s, std::size_t clause, std::size_t after_previous, fact_naming& n) {
        const bool change = (n.flags & bit(fact_flag::change)) != 0;
        // a 其中 in the total's sentence or opening the next one (…获批立项21项。其中获批省级项目6项), as
        // part_of() says for inconsistent_parts
        const bool after_part_word =
            parent_end_ != 0 && part_of(text_, ix_.part_words, ix_.sentence_ends, byte_at(parent_end_), s.q.begin);
        const std::string_view level = after_part_word && !change ? level_between(after_previous, s.first) : "";
        if (level.empty() && after_part_word && !change && !n.entry && parent_.entry) {
            if (const lexicon_entry* kind = part_of_kind(s, n)) {
                n.entry = kind, n.stage = kind->stage, n.scope = kind->scope, n.status = kind->status;
                n.flags &= ~(bit(fact_flag::no_variable) | bit(fact_flag::unit_mismatch));
                part_ = n;
                return;
            }
        }
        if (level.empty()) {
            if (!change &&
                (!after_part_word || new_total(ix_.part_words, byte_at(clause), s.q.begin,
                                               n.entry != nullptr || (n.flags & bit(fact_flag::unit_mismatch)) != 0,
                                               (n.flags & bit(fact_flag::phrase_shared)) != 0)) &&
                !share_after_total(s))
                parent_end_ = s.last, parent_ = n, part_ = fact_naming{};  // a total its parts may follow
            return;
        }
        const fact_naming& from = part_.entry ? part_ : parent_;
        if (!n.entry && from.entry && unit_flags(*from.entry, unit_id(s, s.q.unit), s.q.unit, n.flags) == 0) {
            n.entry = from.entry, n.phrase = from.phrase, n.status = from.status, n.stage = from.stage;
            n.scope = from.scope;
            n.flags = (n.flags & ~(bit(fact_flag::no_variable) | bit(fact_flag::unit_mismatch))) |
                      bit(fact_flag::phrase_shared);
        }
        n.level = level;
        n.flags |= bit(fact_flag::part);
        if (n.entry) part_ = n;
    }
    // A share or a rate right after a total (财政科技支出12.6亿元，占一般公共预算支出的比重为3.2%，其中
    // 市本级4.85亿元): the parts after it are the total's, not the share's (round 25: no variable).
    bool share_after_total(const scanned& s) const {
        return (is(s.q.unit, "%") || is(s.q.unit, "‰")) && parent_.entry && parent_end_ != 0 &&
               !is(parent_.entry->unit, "%") && !ix_.sentence_ends.any_inside(byte_at(parent_end_), s.q.begin);
    }
    // "专利授权量241件，其中发明专利19件": a part after 其中 named only by a kind of the total's
    // quantity (发明专利), the total's stage and scope saying which of the kind's variables it is: the
    // one entry with a phrase that starts with the kind and states the total's distinctions
    // (发明专利授权量: granted). None when no distinction is stated or two entries fit: never a guess.
    const lexicon_entry* part_of_kind(const scanned& s, fact_naming& n) {
        const lexicon_entry& total = *parent_.entry;
        if (total.stage.empty() && total.scope.empty()) return nullptr;
        const std::size_t opening = ix_.part_words.last_end_inside(byte_at(parent_end_), s.q.begin);
        if (opening == 0) return nullptr;
        std::string_view kind = text_.substr(opening, s.q.begin - opening);
        for (std::string_view verb : {"达到", "为", "达", "有", "共"})
            if (kind.size() > verb.size() && kind.substr(kind.size() - verb.size()) == verb)
                kind.remove_suffix(verb.size());
        if (kind.size() < std::string_view("专利").size() || kind.find_first_of(" ,.;:()") != std::string_view::npos ||
            kind.find("，") != std::string_view::npos || kind.find("、") != std::string_view::npos)
            return nullptr;
        const lexicon_entry* found = nullptr;
        for (const lexicon_entry& e : ix_.words) {
            if (&e == &total || e.stage != total.stage || e.scope != total.scope) continue;
            const bool named = std::any_of(e.phrases.begin(), e.phrases.end(), [&](const std::string& p) {
                return p.size() > kind.size() && std::string_view(p).substr(0, kind.size()) == kind;
            });
            if (!named || unit_flags(e, unit_id(s, s.q.unit), s.q.unit, n.flags) != 0) continue;
            if (found) return nullptr;
            found = &e;
        }
        if (found) n.phrase = kind;
        return found;
    }

    // A target word (target_word_at) before code point `first` in its sentence (力争…) or clause
    // (目标, 计划). Figures come in order: the cursor walks each code point of a chunk once.
    // The cursor also finds 以来 in the sentence (since_start).
    // A figure in % that says how much of the target named in its clause was done: 完成 before the
    // target word and 的 right before the figure (完成全年目标任务500件的42%), or 完成率/完成进度
    // after the target word (年度目标任务完成率56.8%).
    bool completion_rate(const scanned& s, std::size_t clause) const {
        if (s.q.unit != "%") return false;
        std::size_t target = 0;  // one past the last target word
        for (std::size_t k = clause; k + 1 < s.first; ++k)
            if (starts_with(cps_, k, U"目标") || starts_with(cps_, k, U"任务") || starts_with(cps_, k, U"计划"))
                target = k + 2;
        if (target == 0) return false;
        for (std::size_t k = target; k + 1 < s.first; ++k)
            if (starts_with(cps_, k, U"完成率") || starts_with(cps_, k, U"完成进度")) return true;
        std::size_t end = s.first;
        for (std::u32string_view w : {U"达到", U"达", U"为"})
            if (ends_with(cps_, end, w)) end -= w.size();
        if (end == 0 || cps_[end - 1].c != U'的') return false;
        for (std::size_t k = clause; k + 2 < target; ++k)  // 占全年目标任务120家的72.5%: the share done too
            if (starts_with(cps_, k, U"完成") || cps_[k].c == U'占') return true;
        return false;
    }

    bool target_before(std::size_t first) {
        if (target_cursor_ == 0 && first > 0 && chunk_starts_line_) plan_line(0);
        // The code points between stops skipped in a loop of locals (the member cursor was stored
        // at every code point); target_stop() reads the stops.
        std::size_t k = target_cursor_;
        for (;;) {
            k = cps_.next_with(k, first, cc_target_stop);
            if (k >= first) break;
            target_cursor_ = k;
            target_stop(cps_[k].c);
            k = target_cursor_ + 1;
        }
        target_cursor_ = k;
        return target_in_sentence_ || target_in_clause_ || plan_section_;
    }
    // One code point of target_before()'s stops, at target_cursor_.
    void target_stop(char32_t c) {
        if (c == '\n') plan_line(target_cursor_ + 1);
        if (clause_end(c)) {
            target_in_clause_ = false;
            if (c != ',' && c != U'，') {
                // ；splits what a target sentence lists (力争…20家；技术合同成交额达到8亿元): still its
                // targets, once a figure before it was one; a target word with no figure before ；
                // (确保资金安全；全年新增…12家, 力争进入全省前列的目标；…) names no target after it.
                if ((c != ';' && c != U'；') || !target_figure_)
                    target_in_sentence_ = target_estimate_ = target_figure_ = false;
                since_start_ = 0, clause_since_at_ = 0;
            }
            return;
        }
        if (c == U'以') {
            if (starts_with(cps_, target_cursor_ + 1, U"来"))
                since_start_ = since_start(cps_, target_cursor_), since_at_ = cps_.base() + target_cursor_;
            return;
        }
        int plan_year = 0;
        bool span = false;
        if (c == U'十' && plan_span_at(cps_, target_cursor_, plan_year, span) && span)
            since_start_ = -1, since_at_ = cps_.base() + target_cursor_ + 1;  // “十四五”期间累计…: five years'
        if (const years_span counted = years_counted_at(cps_, target_cursor_); counted == years_span::sentence) {
            if (since_start_ == 0) since_start_ = -1, since_at_ = cps_.base() + target_cursor_;  // 以来's outlives it
        } else if (counted == years_span::clause) {
            clause_since_at_ = cps_.base() + target_cursor_;
        }

        bool sentence = false;
        if (target_word_at(cps_, target_cursor_, sentence)) {
            // 预计 alone says what is expected: an estimate of what was done in a report of the year
            const bool estimate = sentence && starts_with(cps_, target_cursor_, U"预计");
            target_estimate_ = (estimate && (!target_in_sentence_ || target_estimate_));
            (sentence ? target_in_sentence_ : target_in_clause_) = true;
        }
    }
    // A line at k opens a section of plans (二、下半年工作打算: each figure under it is a plan) or
    // the next item of the heading's list, which ends it.
    void plan_line(std::size_t k) {
        int kind = 0;
        std::size_t after = 0;
        if (plan_kind_ < 0) return;  // a report that is a plan throughout
        if (plan_heading(cps_, k, kind) || (!any_figure_ && plan_heading(cps_, k, kind, 40) && kind == 0))
            // a heading without a list marker before any figure (the title "2025年工作计划"): the
            // whole report is a plan, no list item ends it
            plan_section_ = true, plan_kind_ = kind == 0 && !any_figure_ ? -1 : kind;
        else if (plan_section_ && list_marker(cps_, k, after) == (plan_kind_ ? plan_kind_ : 1))
            plan_section_ = false;
    }
    // The code point in [lo, hi) that starts at a byte offset (the phrase lies in the clause).
    std::size_t code_point_at(std::size_t byte, std::size_t lo, std::size_t hi) const {
        return static_cast<std::size_t>(
            std::lower_bound(cps_.begin() + lo, cps_.begin() + hi, byte,
                             [](const code_point& c, std::size_t b) { return c.begin < b; }) -
            cps_.begin());
    }

    // unit_flag(s.q.unit, e.unit), remembered per (entry, unit).
    std::uint32_t written_unit_flag(const lexicon_entry& e, const scanned& s) {
        const std::pair<const lexicon_entry*, std::uint32_t> key(&e, unit_id(s, s.q.unit));
        if (const auto it = written_flags_.find(key); it != written_flags_.end()) return it->second;
        return written_flags_.emplace(key, unit_flag(s.q.unit, e.unit)).first->second;
    }

    // The table's id of `unit`; the figure's unit as written (s.q.unit itself, which bind(), the part
    // rules, check_unit() and write() each ask for) looked up once a figure (add() forgets it).
    std::uint32_t unit_id(const scanned& s, std::string_view unit) {
        if (unit.data() != s.q.unit.data() || unit.size() != s.q.unit.size()) return out_.id(unit);
        if (unit_of_ != &s) unit_of_ = &s, unit_written_ = out_.id(unit);
        return unit_written_;
    }

    // code_point_at(hit.begin, lo, hi) without the search: the hit knows its first code point.
    static std::size_t first_of(const phrase_hit& hit, std::size_t lo, std::size_t hi) {
        return hit.first < lo ? lo : hit.first > hi ? hi : hit.first;
    }

    void write(const scanned& s, const fact_naming& n, double guess, std::string_view period, std::size_t clause,
               std::size_t clause_stop) {
        fact_table& t = out_.table();
        const std::uint32_t unit = n.unit_id != fact_naming::unknown ? n.unit_id : unit_id(s, n.unit);
        t.variable.push_back(n.entry ? out_.stable_id(n.entry->variable) : 0);
        t.phrase.push_back(out_.stable_id(n.phrase)), t.unit.push_back(unit),
            t.period.push_back(out_.stable_id(period));
        t.damage.push_back(out_.stable_id(s.damage)), t.status.push_back(out_.stable_id(n.status));
        t.stage.push_back(out_.stable_id(n.stage)), t.scope.push_back(out_.stable_id(n.scope));
        t.level.push_back(out_.stable_id(n.level));
        t.value.push_back(signed_value(s.q.value, n.decline)), t.high.push_back(signed_value(s.q.high, n.decline));
        t.guess.push_back(guess), t.qual.push_back(signed_qualifier(s.q.qual, n.decline));
        t.flags.push_back(n.flags);
        const auto u32 = [](std::size_t v) { return static_cast<std::uint32_t>(v); };
        t.begin.push_back(u32(s.q.begin)), t.end.push_back(u32(s.q.end));
        t.clause_begin.push_back(cps_[clause].begin);
        t.clause_end.push_back(clause_stop > clause ? cps_.end_of(clause_stop - 1) : cps_[clause].begin);
        const std::size_t base = cps_.base();
        t.char_begin.push_back(u32(base + s.first)), t.char_end.push_back(u32(base + s.last));
        t.clause_char_begin.push_back(u32(base + clause));
        t.clause_char_end.push_back(u32(base + std::max(clause, clause_stop)));
        if (any_invalid_)
            quote_into(t.quoted, text_, cps_, s.first, s.last);
        else
            t.quoted.append(text_.substr(s.q.begin, s.q.end - s.q.begin));
        t.text_end.push_back(t.quoted.size());
    }

    // unit_implied / unit_mismatch for a figure of `entry` written in `unit`, remembered per
    // (entry, unit): parsing two units a figure cost more than reading it.
    std::uint32_t unit_flags(const lexicon_entry& entry, std::uint32_t unit_id, std::string_view unit,
                             std::uint32_t flags) {
        const bool rate_of_change =
            (flags & bit(fact_flag::change)) && (unit == "%" || unit == "个百分点" || unit == "百分点" || unit == "倍");
        if (entry.unit.empty() || unit.empty() || rate_of_change) return 0;
        // find first: emplace makes a node (an allocation) even when the key is there.
        const std::pair<const lexicon_entry*, std::uint32_t> key(&entry, unit_id);
        if (const auto it = unit_flags_.find(key); it != unit_flags_.end()) return it->second;
        std::uint32_t flag = unit_flag(unit, entry.unit);
        // 研发中心8家 for a variable counted in 个 that lists 家 in counted_in: the count it is
        if (flag == bit(fact_flag::unit_mismatch) && !entry.counted_in.empty() && counts_in(unit)) {
            const std::string_view measure = counted(unit);
            for (const std::string& w : entry.counted_in)
                if (counted(w) == measure) flag = 0;
        }
        return unit_flags_.emplace(key, flag).first->second;
    }

    // The figure's unit against its variable's: a bare multiplier (2.35亿, "2.36亿 元" cut at the
    // blank) of a variable counted in 元, 家… is completed with that word (亿元); a unit that does
    // not convert (23场次 for 人次, 62家 for 个) leaves the figure without a variable (unit_mismatch),
    // never the number alone in the variable's unit. A measure word the variable accepts only by its
    // counted_in (研发中心8家) counts a noun written between the phrase and the figure instead, from
    // byte `counted_from` (有研发机构的企业120家: the firms, counted_noun_between): a mismatch too; so
    // is its own measure word after a team or a project it hosts (众创空间入驻团队46个).
    void check_unit(const scanned& s, fact_naming& n, std::size_t counted_from) {
        const std::string_view written = s.q.unit;
        if ((is(written, "万") || is(written, "亿") || is(written, "万亿") || is(written, "千万") ||
             is(written, "百万")) &&
            n.entry->unit.find('/') == std::string::npos) {
            const std::string_view base = measure_of(n.entry->unit);
            if (!base.empty() && !is(base, "%") && !is(base, "‰") && !is(base, "个百分点") && !is(base, "百分点") &&
                !is(base, "万") && !is(base, "亿")) {
                completed_unit_ = std::string(written) + std::string(base);
                n.unit = completed_unit_;
            }
        }
        n.unit_id = unit_id(s, n.unit);  // write() asks for it again
        std::uint32_t flags = unit_flags(*n.entry, n.unit_id, n.unit, n.flags);
        if (flags == 0 && !n.entry->counted_in.empty() &&
            (counted(n.unit) != counted(n.entry->unit)
                 ? counted_noun_between(counted_from, s.q.begin) || counted_noun_after(s.q.end)
                 : counted(n.entry->unit) == "个" && other_noun_between(counted_from, s.q.begin)))
            flags = bit(fact_flag::unit_mismatch);
        n.flags |= flags;
        if (flags & bit(fact_flag::unit_mismatch)) unit_mismatch(s, n);
    }

    // The figure is in a unit its variable's does not convert to: no variable.
    void unit_mismatch(const scanned& s, fact_naming& n) {
        mismatched_entry_ = n.entry, mismatched_group_ = last_group_, mismatched_end_ = s.last;
        n.entry = nullptr, n.phrase = {}, n.status = n.stage = n.scope = {};
        n.flags =
            (n.flags & ~bit(fact_flag::phrase_shared)) | bit(fact_flag::unit_mismatch) | bit(fact_flag::no_variable);
        last_entry_ = nullptr, last_group_ = nullptr;
    }

    // A noun that a measure word like 家 counts (企业, 单位, 机构…) in bytes [from, to): "建有企业研发
    // 中心的企业达到86家", "市级企业技术中心企业15家" count firms, not the centres of the phrase before.
    bool counted_noun_between(std::size_t from, std::size_t to) const {
        if (from >= to) return false;
        const std::string_view between = text_.substr(from, to - from);
        for (std::string_view noun : {"企业", "公司", "单位", "机构", "工厂", "厂家", "高校", "院所", "医院"})
            if (between.find(noun) != std::string_view::npos) return true;
        return false;
    }

    // A noun right after a figure in a measure word of the entry's counted_in, at byte `end`: "申报项目
    // 覆盖12个乡镇", "众创空间服务全县12家企业" count the towns and the firms, not the projects or the
    // spaces (round 27, when projects were given 个).
    bool counted_noun_after(std::size_t end) const {
        const std::string_view after = text_.substr(end, std::min<std::size_t>(6, text_.size() - end));
        for (std::string_view noun : {"企业", "公司", "单位", "机构", "乡镇", "街道", "村", "县", "镇", "园区", "高校",
                                      "院所", "医院", "行业", "领域", "部门"})
            if (after.substr(0, noun.size()) == noun) return true;
        return false;
    }

    // A noun counted in the facility's own measure word (个) that the facility hosts, in bytes
    // [from, to): "众创空间新增入驻团队46个", "孵化器内入驻项目52个" count teams or projects (asked only
    // of an entry counted in 个: projects, counted in 项 and 个, are that noun).
    bool other_noun_between(std::size_t from, std::size_t to) const {
        if (from >= to) return false;
        const std::string_view between = text_.substr(from, to - from);
        for (std::string_view noun : {"团队", "项目"})
            if (between.find(noun) != std::string_view::npos) return true;
        return false;
    }

    // The phrase closest before the number: first after the previous figure of the clause, else
    // anywhere earlier in the clause (a subject shared by a list of figures); none across an
    // enumeration. The words between it and the figure choose among the entries of the phrase.
    binding bind(const scanned& s, std::size_t clause, std::size_t clause_stop) {
        binding b = bind_before(s, clause);
        if (b.entry && unit_flags(*b.entry, unit_id(s, s.q.unit), s.q.unit, 0) != 0) split_by_modifier(s, clause, b);
        // 争取上级项目资金2,350万元: no phrase at all before it, the verb and the noun apart by a level of
        // government only (round 27; 兑现贴息资金 is no 兑现资金)
        if (!b.entry && !b.group) split_by_modifier(s, clause, b, true);
        if (b.entry || b.group) return b;
        if (level_after_changed_phrase(s, clause, b)) return b;
        if (const phrase_hit* hit = following_phrase(s, clause_stop)) {
            // the words of the clause around the figure and its noun say its scope: 新增12个众创空间
            // (before), 今年共有12个众创空间获批备案 (the verb after the noun, up to the next figure)
            std::size_t to = code_point_at(hit->end, s.last, clause_stop);
            while (to < clause_stop && !is_digit(cps_[to].c) && !chinese_figure_at(cps_, to)) ++to;
            b.stated = stated_distinctions(cps_, std::max(clause, previous_end_), to, s.last);
            b.entry = choose_entry(*hit->group, b.stated);
            // 11家省级众创空间, 11个…科技计划项目: a measure word the entry's counted_in lists counts its noun
            if (b.entry && unit_flags(*b.entry, unit_id(s, s.q.unit), s.q.unit, 0) == 0)
                b.group = hit->group, b.phrase = hit->group->phrase, b.phrase_begin = b.phrase_end = byte_at(s.first),
                b.following_end = hit->end;
            else
                b.entry = nullptr;
        }
        if (!b.entry) split_phrase(s, clause, clause_stop, b);
        return b;
    }

    // "新建市级以上创新平台三十二个，其中省级重点实验室五个": a part after 其中 that states no scope
    // word of its own has the one its total's words stated (the five were built this year too).
    void part_scope(std::size_t phrase_begin, distinctions& d) const {
        if (*d.scope || !*previous_scope_ || previous_end_ == 0 ||
            !part_of(text_, ix_.part_words, ix_.sentence_ends, byte_at(previous_end_), phrase_begin))
            return;
        d.scope = previous_scope_;
    }
    // "新增省级院士工作站3家、市级众创空间6家": an item after 、 that states no scope word of its own
    // has the one the list opened with (both were added), as the previous figure's entry states it.
    void listed_scope(std::size_t after_previous, distinctions& d) const {
        if (*d.scope || !previous_entry_ || previous_entry_->scope.empty() || previous_end_ == 0 ||
            after_previous >= cps_.size() || cps_[after_previous].c != U'、')
            return;
        d.scope = previous_entry_->scope.c_str();
    }

    // "组织申报2026年度第一批高新技术企业143家": a batch (第一批) or a year naming one (2026年度) between
    // the verb and the noun of a phrase (申报高新技术企业) is inside it: that phrase's group, not the
    // noun's (the stock of high-tech firms). The hit's own group when none.
    const phrase_entries* verb_before_batch(const phrase_hit& hit, std::size_t clause, std::size_t to) const {
        // the code points of the clause before the noun, nearest first, past the line breaks a wrap left out
        // (at most 16, in place: a vector here cost an allocation at most figures)
        fixed_list<std::size_t, 16> before;
        for (std::size_t k = first_of(hit, clause, to); k > clause && before.size() < 16; --k)
            if (!one_of(cps_[k - 1].c, U"\n\r ")) before.push_back(k - 1);
        const auto c = [&](std::size_t i) { return i < before.size() ? cps_[before[i]].c : char32_t{0}; };
        std::size_t i = 0;
        if (c(0) == U'批') {  // 第一批, 第2批
            std::size_t j = 1;
            while (is_digit(c(j)) || is_chinese_numeral(c(j))) ++j;
            if (j > 1 && c(j) == U'第') i = j + 1;
        }
        if (c(i) == U'度' && c(i + 1) == U'年' && is_digit(c(i + 2)) && is_digit(c(i + 3)) && is_digit(c(i + 4)) &&
            is_digit(c(i + 5)))
            i += 6;  // 2026年度
        if (i == 0) return hit.group;
        std::string verb;  // 申报, 组织申报
        for (std::size_t n = 0; n < 4 && i + n < before.size(); ++n) {
            verb.insert(0, slice(text_, cps_, before[i + n], before[i + n] + 1));
            if (const phrase_entries* group = n ? ix_.phrases.find(verb + std::string(hit.group->phrase)) : nullptr)
                return group;
        }
        return hit.group;
    }

    // No phrase: the words that may qualify the figure count from the clause (or the previous figure).
    binding no_binding(std::size_t clause) const {
        binding b;
        b.phrase_begin = b.phrase_end = byte_at(std::max(clause, previous_end_));
        return b;
    }
    // "争取省级科技特派员项目资金95万元": a phrase of the lexicon whose verb and noun a modifier splits
    // (争取…项目资金 is 争取项目资金), the noun right before the figure (or before 达, 共计…), when the
    // phrase closest before the figure (科技特派员) names a variable the figure's unit does not fit.
    // Only a verb that takes a sum as its object opens it, and no 的/用于/对 lies between: two nouns
    // (财政用于…的支出, 研发机构…投入) are no such phrase (review 25b).
    static bool modifier_only_between(const code_points& cps, std::size_t from, std::size_t to) {
        for (std::size_t k = from; k < to; ++k)
            if (one_of(cps[k].c, U"的对，,；;") || starts_with(cps, k, U"用于")) return false;
        return true;
    }
    // Only words of levels of government in code points [from, to) (上级, 省级以上, 中央和省级, 国家、省).
    bool levels_of_government_between(std::size_t from, std::size_t to) const {
        for (std::size_t k = from; k < to; ++k)
            if (!one_of(cps_[k].c, U"上级国家省市县区中央各和及、以部")) return false;
        return true;
    }
    void split_by_modifier(const scanned& s, std::size_t clause, binding& b, bool levels_between = false) {
        constexpr std::size_t verb = 2, widest_gap = 12, longest_tail = 4;
        const std::size_t from = std::max(clause, previous_end_);
        std::size_t end = s.first;
        if (ends_with(cps_, end, U"达到") || ends_with(cps_, end, U"共计") || ends_with(cps_, end, U"合计"))
            end -= 2;
        else if (end > from && one_of(cps_[end - 1].c, U"达为计"))
            end -= 1;
        // every phrase looked up below ends with code point end - 1
        if (end == 0 || !(ix_.sum_phrase_end_unknown || ix_.sum_phrase_ends.has(cps_[end - 1].c))) return;
        // the verbs first: most figures have none in reach, and then no phrase is built
        fixed_list<std::size_t, 8> verbs;
        const std::size_t reach = end > verb + longest_tail + widest_gap ? end - verb - longest_tail - widest_gap : 0;
        for (std::size_t v = end > 2 + verb ? end - 2 - verb - 1 + 1 : 0;
             v-- > std::max(from, reach) && verbs.size() < 8;)
            if (verb_taking_a_sum(cps_, v)) verbs.push_back(v);
        for (std::size_t tail = 2; tail <= longest_tail && !verbs.empty() && end >= from + verb + tail + 1; ++tail)
            for (const std::size_t v : verbs) {  // nearest first, as before
                if (v + verb + tail + 1 > end || end - tail - (v + verb) > widest_gap) continue;
                if (!modifier_only_between(cps_, v + verb, end - tail)) continue;
                if (levels_between && !levels_of_government_between(v + verb, end - tail)) continue;
                const phrase_entries* group =
                    ix_.phrases.find(slice(text_, cps_, v, v + verb) + slice(text_, cps_, end - tail, end));
                const distinctions stated = group ? stated_distinctions(cps_, clause, s.first) : distinctions{};
                const lexicon_entry* e = group ? choose_entry(*group, stated) : nullptr;
                if (e && written_unit_flag(*e, s) == 0) {
                    b = binding{};
                    b.stated = stated, b.entry = e, b.group = group, b.phrase = group->phrase;
                    b.phrase_begin = cps_[v].begin, b.phrase_end = byte_at(end);
                    return;
                }
            }
    }
    // "派出0名专家到各村": a count between the verb and the noun of a phrase (派出专家), the verb
    // right before the figure and the noun right after it. The longest such phrase whose entry
    // counts in the figure's unit; `b` untouched when there is none.
    void split_phrase(const scanned& s, std::size_t clause, std::size_t clause_stop, binding& b) const {
        constexpr std::size_t longest = 4;  // code points of each half
        if (s.q.unit.empty() || s.last >= clause_stop || s.first <= clause ||
            !(is_count_word(s.q.unit) || counted(s.q.unit) == "人"))
            return;
        for (std::size_t head = std::min(longest, s.first - clause); head > 0; --head)
            for (std::size_t tail = std::min(longest, clause_stop - s.last); tail > 0; --tail) {
                const phrase_entries* group = ix_.phrases.find(slice(text_, cps_, s.first - head, s.first) +
                                                               slice(text_, cps_, s.last, s.last + tail));
                // the noun an item of a list (走访12家企业和科技园区、…): the count is the list's
                if (!group || (s.last + tail < clause_stop && one_of(cps_[s.last + tail].c, U"和与及、等"))) continue;
                const distinctions stated = stated_distinctions(cps_, clause, s.first);
                const lexicon_entry* e = choose_entry(*group, stated);
                if (!e || unit_flag(s.q.unit, e->unit) != 0) continue;
                b.stated = stated, b.entry = e, b.group = group, b.phrase = group->phrase;
                b.phrase_begin = cps_[s.first - head].begin, b.phrase_end = byte_at(s.first);
                return;
            }
    }

    // "技术合同成交额比上年翻一番，达到2.4亿元": a clause that is only 达到 (增至, 提高到…) and the
    // figure states the level of the phrase whose change, without a figure, the clause before in the
    // sentence states. Not when that clause has a figure of its own (较上年提高0.3个百分点，达到2.1%:
    // level_after_change) or the phrase lies before an enumeration.
    bool level_after_changed_phrase(const scanned& s, std::size_t clause, binding& b) {
        if (clause < 2 || !one_of(cps_[clause - 1].c, U"，,")) return false;
        std::size_t verb = clause;
        while (verb < s.first && one_of(cps_[verb].c, U" \t\u3000")) ++verb;
        const std::u32string_view levels[] = {U"达到",   U"达",     U"增至",   U"升至",   U"增加到",
                                              U"增加至", U"增长到", U"增长至", U"提高到", U"提高至",
                                              U"提升到", U"提升至", U"上升到", U"上升至"};
        if (std::none_of(std::begin(levels), std::end(levels), [&](std::u32string_view w) {
                return verb + w.size() == s.first && starts_with(cps_, verb, w);
            }))
            return false;
        std::size_t before = clause - 1;  // the clause before: back to a clause mark or the chunk's start
        while (before > 0 && !one_of(cps_[before - 1].c, U"，,；;。！？!?\n")) --before;
        if ((previous_end_ != 0 && previous_end_ > before) || !states_change(before, clause - 1)) return false;
        const phrase_hit* hit = ix_.phrases.closest(byte_at(before), byte_at(clause - 1));
        if (!hit || ix_.enumeration.any_inside(hit->end, byte_at(clause - 1))) return false;
        b.stated = stated_distinctions(cps_, before, s.first);
        b.entry = choose_entry(*hit->group, b.stated);
        if (!b.entry) return false;
        b.group = hit->group, b.phrase = hit->group->phrase, b.shared = true;
        b.phrase_begin = hit->begin, b.phrase_end = byte_at(clause);  // no change between it and the figure
        return true;
    }

    // A change word, or 翻番 (翻一番, 翻了两番…), in code points [from, to).
    bool states_change(std::size_t from, std::size_t to) const {
        if (ix_.change_words.any_inside(byte_at(from), byte_at(to))) return true;
        for (std::size_t k = from; k + 1 < to; ++k)
            if (cps_[k].c == U'翻' && (cps_[k + 1].c == U'番' || (k + 2 < to && cps_[k + 2].c == U'番') ||
                                       (k + 3 < to && cps_[k + 3].c == U'番')))
                return true;
        return false;
    }

    // "22家企业申报高新技术企业", "5家企业通过高新技术企业认定": a count whose clause names nothing
    // before it is the subject of the first phrase a few characters after it, when no number lies
    // between and the phrase's variable is counted in the figure's own measure word (bind checks).
    const phrase_hit* following_phrase(const scanned& s, std::size_t clause_stop) const {
        constexpr std::size_t reach = 10;  // code points from the figure to the phrase
        // 5名科技特派员 names the people it counts as 22家企业 names the firms; an amount names only
        // the funds right after it (设立500万元风险补偿资金)
        if (s.q.unit.empty() || s.last >= clause_stop) return nullptr;
        const bool counts = is_count_word(s.q.unit) || counted(s.q.unit) == "人";
        const std::optional<unit> u = counts ? std::nullopt : parsed_unit(s.q.unit);
        const bool amount = u && u->dim() == dimension::of(base_quantity::currency);
        if (!counts && !amount) return nullptr;
        std::size_t stop = s.last;
        while (stop < clause_stop && !is_digit(cps_[stop].c) && chinese_digit(cps_[stop].c) < 0) ++stop;
        const phrase_hit* first = nullptr;
        for (const phrase_hit* hit = ix_.phrases.closest(s.q.end, byte_at(stop)); hit;
             hit = ix_.phrases.closest(s.q.end, hit->begin))
            first = hit;
        if (!first || first->begin > byte_at(std::min(stop, s.last + (amount ? 0 : reach)))) return nullptr;
        return ix_.enumeration.any_inside(s.q.end, first->begin) ? nullptr : first;
    }

    binding bind_before(const scanned& s, std::size_t clause) {
        binding b;
        const std::size_t after_previous = std::max(clause, previous_end_);
        b.phrase_begin = b.phrase_end = byte_at(after_previous);
        if (const phrase_entries* listed = respective_phrase(s, clause)) {
            b.stated = stated_distinctions(cps_, clause, s.first);
            b.stated.scope = b.stated.status = "", b.stated.stage = "";  // each listed phrase says its own
            b.entry = choose_entry(*listed, b.stated), b.group = listed, b.phrase = listed->phrase;
            // 分别增长10.2%和8.5%: the change words after 分别 are each figure's
            b.phrase_begin = byte_at(s.first), b.phrase_end = respectively_end_;
            if (b.entry) return b;
            b = binding{};
            b.phrase_begin = b.phrase_end = byte_at(after_previous);
        }
        // "组织申报国家、省、市科技项目28项": a list of levels modifies one noun, no enumeration.
        const bool levels = levels_only(after_previous, s.first);
        if (!levels && enumerated_count(s, after_previous, b)) return b;
        const phrase_hit* hit = ix_.phrases.closest(byte_at(after_previous), s.q.begin);
        if (!hit && after_previous > clause)
            b.shared = (hit = ix_.phrases.closest(byte_at(clause), byte_at(after_previous))) != nullptr;
        if (hit && !levels && ix_.enumeration.any_inside(hit->end, s.q.begin)) hit = nullptr, b.shared = false;
        // "每万人口<a phrase of a count>": a number per 10,000 people the lexicon does not know is no
        // count of the whole (每万人口高价值发明专利拥有量 without its entry was valid_invention_patents).
        // So for 人均, 户均: 人均财政科技支出312元 is no spending of the whole (round 24), nor is
        // 财政科技支出人均312元.
        const std::size_t hit_first = hit ? first_of(*hit, clause, s.first) : 0;
        if (hit &&
            (per_ten_thousand_before(hit_first) || per_head_before(hit_first) ||
             per_head_between(code_point_at(hit->end, clause, s.first), s.first)) &&
            std::none_of(hit->group->entries.begin(), hit->group->entries.end(),
                         [](const lexicon_entry* e) { return e->unit.find('/') != std::string::npos; }))
            hit = nullptr, b.shared = false;
        if (hit && of_a_kind_of_firm(*hit, byte_at(clause))) hit = nullptr, b.shared = false;
        if (hit && named_firm_before(hit->begin)) hit = nullptr, b.shared = false;
        // "财政科技支出年初预算数为38,600万元，调整预算数为41,250万元": a budget is what was planned,
        // never the level of the quantity whose phrase comes before it (round 27; 预算执行率 is a phrase
        // of its own, and the words are looked for only after the phrase)
        if (hit && ix_.budget_words.any_inside(hit->end, s.q.begin)) hit = nullptr, b.shared = false;
        if (hit) {
            // 应/已 just before the phrase belong to it (应拨付补助资金).
            const std::size_t phrase_first = first_of(*hit, clause, s.first);
            const std::size_t from =
                std::min(after_previous, std::max(clause, phrase_first - std::min<std::size_t>(2, phrase_first)));
            const phrase_entries* group = verb_before_batch(*hit, clause, s.first);  // 申报第一批高新技术企业
            b.stated = stated_distinctions(cps_, from, s.first);
            listed_scope(after_previous, b.stated);  // 新增院士工作站3家、众创空间6家
            part_scope(hit->begin, b.stated);        // 新建…平台三十二个，其中省级重点实验室五个
            b.entry = choose_entry(*group, b.stated);
            b.group = group, b.phrase = group->phrase;
            if (!b.entry) tail_entry(b);
            b.phrase_begin = hit->begin, b.phrase_end = hit->end;
            if (payment_of_previous(s, *hit->group))
                b.group = previous_group_, b.entry = choose_entry(*previous_group_, b.stated), b.shared = true,
                b.phrase = previous_group_->phrase;
            if (!b.entry) b.shared = false;
        } else if (const phrase_hit* follow = follower_of_previous(s, after_previous)) {
            // "登记技术合同312项，成交额5.8亿元": a word of the lexicon's follow_phrases after a figure of
            // the entry it follows (in the sentence) names the variable that lists it.
            b.stated = stated_distinctions(cps_, after_previous, s.first);
            b.group = follow->group, b.phrase = follow->group->phrase, b.shared = true;
            for (const lexicon_entry* e : follow->group->entries)
                if (e->follows == followed_entry()->variable) b.entry = e;
            b.phrase_begin = follow->begin, b.phrase_end = follow->end;
        } else if (mismatched_entry_ && mismatched_group_ && previous_end_ == mismatched_end_ && previous_end_ != 0 &&
                   !ix_.sentence_ends.any_inside(byte_at(previous_end_), s.q.begin) && !s.q.unit.empty() &&
                   unit_flag(s.q.unit, mismatched_entry_->unit) == 0) {
            // "申报项目2批次，共计37项": the figure in the variable's unit after one in another measure
            // word (2批次, left without a variable) is the phrase's figure.
            b.entry = mismatched_entry_, b.group = mismatched_group_, b.phrase = mismatched_group_->phrase;
            b.shared = true, b.phrase_begin = b.phrase_end = cps_[clause].begin;
        } else if (const lexicon_entry* paid = other_status_of_previous(s, after_previous)) {
            // "应拨付补助资金500万元，已拨付420万元": 已 (or a payment verb) alone names the paid entry
            // of the previous figure's phrase, as a scope word names the stock or the flow below
            b.entry = paid, b.group = previous_group_, b.phrase = previous_phrase_, b.shared = true;
            b.stated = stated_distinctions(cps_, after_previous, s.first);
            b.phrase_begin = b.phrase_end = cps_[clause].begin;
        } else if (const lexicon_entry* other = other_scope_of_previous(s, after_previous)) {
            // "新认定高新技术企业9家，累计达到87家": a scope word alone names the other entry of the
            // previous figure's phrase (the stock after the flow, or the flow after the stock).
            b.entry = other, b.group = other_scope_group_, b.phrase = other_scope_group_->phrase, b.shared = true;
            b.stated = stated_distinctions(cps_, after_previous, s.first);
            // a change word before the previous figure (净增218家、总数突破1500家) is that figure's
            b.phrase_begin = cps_[clause].begin, b.phrase_end = byte_at(after_previous);
        } else if (previous_entry_ && !per_head_between(after_previous, s.first) &&  // 增长12%，人均…1500元
                   ((ix_.change_lead.any_inside(byte_at(after_previous), s.q.begin) && change_of_previous(s)) ||
                    level_after_change(after_previous, s) || comparison_of_previous(after_previous, s))) {
            // "…241.8万元，同比增长12.5%": a clause that only states a change refers to the figure
            // before; so do "…提高0.3个百分点，达到2.1%" and "…突破1200亿元，达到1263.7亿元" (the level
            // reached) and "…1.2亿元，上年同期为
            // 1.5亿元" (the same figure a year earlier).
            // The group too: a share after the change ("…12.6亿元，同比增长10.2%，占GDP的比重14.6%")
            // is still the share of that figure's quantity.
            b.entry = previous_entry_, b.group = previous_group_, b.phrase = previous_phrase_, b.shared = true;
            b.phrase_begin = b.phrase_end = cps_[clause].begin;
            if (const lexicon_entry* stock = stock_of_net_change(s, after_previous))
                b.entry = stock, b.group = other_scope_group_, b.phrase = other_scope_group_->phrase;
        }
        return b;
    }

    // "其中高新技术企业研发费用26.1亿元", "科技型中小企业专利授权量": a phrase right after a phrase of
    // the lexicon naming a kind of firm (…企业; sharing its 企业: 企业研发费用) is that kind's
    // quantity, a part of the whole's, never the whole's variable. (全市企业研发费用: 企业 alone
    // names no kind.)
    bool of_a_kind_of_firm(const phrase_hit& hit, std::size_t from) const {
        constexpr std::string_view firm = "企业";
        const phrase_hit* kind = ix_.phrases.closest(from, std::min(hit.end, hit.begin + firm.size()));
        const std::string_view kind_phrase = kind ? kind->group->phrase : std::string_view(), own = hit.group->phrase;
        if (!kind || kind->begin >= hit.begin || kind_phrase.size() < firm.size() ||
            kind_phrase.substr(kind_phrase.size() - firm.size()) != firm)
            return false;
        return kind->end == hit.begin || (kind->end == hit.begin + firm.size() && own.substr(0, firm.size()) == firm);
    }

    // "1.华芯微电子股份有限公司：上半年研发费用投入1.36亿元，…新获发明专利授权23件": a phrase after a
    // firm's name (公司, 集团) in its sentence names that firm's quantity, not the report's — as a region's
    // figure is no total. Not 公司 before a count (引进上市公司3家: firms counted) nor 公司化 (round 27).
    bool named_firm_before(std::size_t phrase_begin) const {
        constexpr std::size_t reach = 300;  // bytes: a sentence of about a hundred characters
        const std::size_t end =
            ix_.firm_names.last_end_inside(phrase_begin > reach ? phrase_begin - reach : 0, phrase_begin);
        if (end == 0) return false;
        // a sentence's end between them; not a line break, which a wrapped text leaves inside sentences
        const std::string_view between = text_.substr(end, phrase_begin - end);
        for (const std::string_view stop : {"。", "！", "？", "；"})
            if (between.find(stop) != std::string_view::npos) return false;
        const char next = text_[end];
        return !(next >= '0' && next <= '9') && text_.compare(end, 3, "化") != 0;
    }

    // 每万人口, 每万人, 万人 (not after a digit: 1.2万人) right before code point k.
    // (The words as literals: a list of u32string_view counted their characters at every figure.)
    bool per_ten_thousand_before(std::size_t k) const {
        const auto no_digit_before = [&](std::size_t n) { return k == n || !is_digit(cps_[k - n - 1].c); };
        if (ends_with(cps_, k, U"万人口")) return no_digit_before(3);
        if (ends_with(cps_, k, U"万人") || ends_with(cps_, k, U"万名")) return no_digit_before(2);
        return false;
    }

    // 人均, 户均, 企均, 家均 (per person, household, firm) right before code point k.
    bool per_head_before(std::size_t k) const {
        return k >= 2 && cps_[k - 1].c == U'均' && one_of(cps_[k - 2].c, U"人户企家");
    }
    // One of them between code points from and to (a phrase's end and its figure).
    bool per_head_between(std::size_t from, std::size_t to) const {
        for (std::size_t k = from + 2; k <= to; ++k)
            if (per_head_before(k)) return true;
        return false;
    }

    // Every 、 between `from` and `to` (code points; at least one) stands between two levels of
    // government (国家、省、市科技项目; 省级、市级研发中心): the list modifies the noun after it, whose
    // phrase binds the figure as if no list were there. A level word before 、 ends the text before
    // it; one after 、 opens the text after it (not 市场, 区域, 部门…).
    bool levels_only(std::size_t from, std::size_t to) const {
        static constexpr std::u32string_view words[] = {U"国家级", U"省部级", U"国家", U"省级", U"市级", U"县级",
                                                        U"区级",   U"中央",   U"省",   U"市",   U"县",   U"区"};
        bool any = false;
        for (std::size_t k = from; k < to; ++k) {
            if (cps_[k].c != U'、') continue;
            const auto before = [&](std::u32string_view w) { return k - from >= w.size() && ends_with(cps_, k, w); };
            const auto after = [&](std::u32string_view w) {
                const std::size_t e = k + 1 + w.size();
                return e < to && starts_with(cps_, k + 1, w) &&
                       !(w.size() == 1 && one_of(cps_[e].c, U"场域部委政长民属直内外"));
            };
            if (std::none_of(std::begin(words), std::end(words), before) ||
                std::none_of(std::begin(words), std::end(words), after))
                return false;
            any = true;
        }
        return any;
    }

    // "引进高层次人才、急需紧缺人才27名", "引进博士、硕士等各类人才27名": a count after an enumeration
    // (items split at 、, after the previous figure of the clause) counts all its items, so it is
    // the enumerating noun's: the noun after 等, else the tail the items share (人才, 企业: two code
    // points at least). With a word of the first item before it (the verb: 引进) it names the
    // variable when the lexicon has that phrase (引进人才, 引进各类人才); else the figure has no
    // variable — never the last item's (科技型中小企业、高新技术企业共15家 is not 15 high-tech firms).
    // False, `b` untouched, when the text before the figure is no such enumeration (an item empty,
    // holding a digit, or no shared tail and no 等): the phrase before it decides as usual.
    bool enumerated_count(const scanned& s, std::size_t from, binding& b) const {
        if (!ix_.enumeration.any_inside(byte_at(from), s.q.begin)) return false;
        std::vector<std::pair<std::size_t, std::size_t>> items;  // code points [begin, end)
        std::size_t item = from, etc = 0;                        // 等 of the last item (0: none)
        for (std::size_t k = from; k < s.first; ++k) {
            const char32_t c = cps_[k].c;
            if (is_digit(c) || clause_end(c)) return false;
            if (c == U'、') items.emplace_back(item, k), item = k + 1, etc = 0;
            if (c == U'等' && k + 1 < s.first && cps_[k + 1].c != U'等' && k > item) etc = k;
        }
        std::size_t last_end = s.first;  // without the words between the noun and the figure
        for (bool cut = true; cut;) {
            cut = false;
            for (std::u32string_view w :
                 {U"合计", U"共计", U"总计", U"累计", U"达到", U"共", U"计", U"达", U"为", U"约"})
                if (last_end - item > w.size() && ends_with(cps_, last_end, w)) last_end -= w.size(), cut = true;
        }
        if (etc) items.emplace_back(item, etc), item = etc + 1;
        items.emplace_back(item, last_end);
        // A list number (一、, the heading this clause opens with) is no item.
        if (!items.empty() && std::all_of(&cps_[items[0].first], &cps_[0] + items[0].second,
                                          [](const code_point& cp) { return chinese_digit(cp.c) >= 0; }))
            items.erase(items.begin());
        if (items.size() < 2) return false;
        for (const auto& [i, e] : items)
            if (e <= i) return false;
        std::size_t tail = 0;  // code points of the enumerating noun, the last item's end
        if (etc) {
            tail = items.back().second - items.back().first;
            if (tail < 2) return false;  // 一等奖、二等奖: 等 of a word, no noun after it
        } else {
            const auto shared = [&](std::size_t n) {  // the n-th code point from each item's end is one
                for (const auto& [i, e] : items)
                    if (e - i < n || cps_[e - n].c != cps_[items.back().second - n].c) return false;
                return true;
            };
            while (shared(tail + 1)) ++tail;
            if (tail < 2) {
                // 研发平台、孵化器共5家: the last item is a phrase of its own, listed beside another
                // noun; the figure counts both, none of them (围绕新能源、新材料产业新增高新技术企业9家:
                // the phrase follows a verb of the last item, whose figure it is).
                const phrase_hit* own = ix_.phrases.closest(byte_at(items.back().first), byte_at(s.first));
                if (!own || own->begin != byte_at(items.back().first) || own->end != byte_at(items.back().second))
                    return false;
                b = binding{};
                b.phrase_begin = b.phrase_end = byte_at(from);
                return true;
            }
        }
        const std::string noun = slice(text_, cps_, items.back().second - tail, items.back().second);
        const std::size_t first = items.front().first, words = items.front().second - (etc ? 0 : tail) - first;
        b = binding{};
        b.phrase_begin = byte_at(first), b.phrase_end = byte_at(items.back().second);
        // The longest words of the first item first: 引进高层次人才 → 引进 + 人才 before 人才 alone; the
        // first item itself (all its words) names that item only.
        for (std::size_t length = etc || words == 0 ? words : words - 1;; --length) {
            for (std::size_t at = first; at + length <= first + words; ++at) {
                // 科技型中小 + 企业 is the first item's own phrase, not the enumerating noun's
                if (!etc && length > 0 && at + length == first + words) continue;
                const phrase_entries* group = ix_.phrases.find(slice(text_, cps_, at, at + length) + noun);
                if (!group) continue;
                b.stated = stated_distinctions(cps_, from, s.first);
                b.entry = choose_entry(*group, b.stated), b.group = group, b.phrase = group->phrase;
                b.shared = b.entry != nullptr;
                if (!b.entry) b.group = nullptr, b.phrase = {};
                return true;
            }
            if (length == 0) break;
        }
        return true;
    }

    // "A和B分别为x和y": the n-th figure after 分别 in its clause names the n-th listed quantity (split
    // at 和/与/及/、); a listed part that is no phrase of the lexicon borrows the head of the one
    // before it (专利申请量和授权量: 专利 + 授权量). nullptr when the list does not say.
    const phrase_entries* respective_phrase(const scanned& s, std::size_t clause) {
        // "分别为18,620件和9,874件": a thousands separator ends no clause of the list (the clause
        // cursor stops at every ASCII comma)
        while (clause >= 2 && clause < cps_.size() && cps_[clause - 1].c == ',' && is_digit(cps_[clause - 2].c) &&
               is_digit(cps_[clause].c)) {
            --clause;
            while (clause > 0 && !clause_end(cps_[clause - 1].c)) --clause;
        }
        const std::size_t at = ix_.respectively.last_end_inside(byte_at(clause), s.q.begin);
        if (at == 0) return nullptr;
        if (at != respectively_end_) respectively_end_ = at, respectively_count_ = 0;
        const std::size_t index = respectively_count_++;
        const std::size_t word = code_point_at(at, clause, s.first) - 2;  // 分别 starts here
        std::vector<std::pair<std::size_t, std::size_t>> items;           // code points
        std::size_t from = clause;
        for (std::size_t k = clause; k <= word; ++k)
            if (k == word || one_of(cps_[k].c, U"和与及、")) {
                if (k > from) items.emplace_back(from, k);
                from = k + 1;
            }
        if (items.size() < 2) return listed_before(index, s);  // 同比分别增长12.1%和18.4%
        if (index >= items.size()) return nullptr;
        if (index == 0) listed_.clear(), listed_at_ = at;
        std::string head;  // the previous listed phrase
        const phrase_entries* found = nullptr;
        for (std::size_t i = 0; i <= index; ++i) {
            const auto [b, e] = items[i];
            const phrase_hit* hit = ix_.phrases.closest(byte_at(b), byte_at(e));
            found = hit && hit->end == byte_at(e) ? hit->group : nullptr;
            if (!found && !head.empty()) {
                const std::string part = slice(text_, cps_, b, e);
                // the longest head of the previous phrase that makes a phrase with this part
                for (std::size_t cut = head.size(); cut > 0 && !found; --cut)
                    if ((static_cast<unsigned char>(head[cut]) & 0xC0) != 0x80 || cut == head.size())
                        found = ix_.phrases.find(head.substr(0, cut) + part);
            }
            // "R&D经费投入和财政科技支出": a phrase inside the item, words of its own after it, still
            // names that item (never the next item's, which the closest phrase before the figure is)
            if (!found && hit && hit->begin >= byte_at(b)) found = hit->group;
            if (!found) return nullptr;
            head = std::string(found->phrase);
        }
        if (listed_at_ == at && listed_.size() == index) listed_.push_back(found);
        return found;
    }

    // "高新技术企业和科技型中小企业分别达到1286家和2130家，同比分别增长12.1%和18.4%": a 分别 with no
    // list of its own in its clause goes on with the list the sentence's 分别 before it named, in
    // its order (12.1% is the high-tech firms', never the change of the figure just before it).
    const phrase_entries* listed_before(std::size_t index, const scanned& s) const {
        if (listed_.size() < 2 || index >= listed_.size() ||
            !ix_.change_words.any_inside(respectively_end_, s.q.begin) ||
            ix_.sentence_ends.any_inside(listed_at_, s.q.begin))
            return nullptr;
        return listed_[index];
    }

    // A word of follow_phrases between the previous figure (of its sentence) and this one, listed by
    // an entry that follows the previous figure's: its hit, nullptr otherwise.
    const phrase_hit* follower_of_previous(const scanned& s, std::size_t after_previous) const {
        const lexicon_entry* before = followed_entry();
        if (!before || previous_end_ == 0 || ix_.sentence_ends.any_inside(byte_at(previous_end_), s.q.begin))
            return nullptr;
        const phrase_hit* hit = ix_.follow.closest(byte_at(after_previous), s.q.begin);
        if (!hit || ix_.enumeration.any_inside(hit->end, s.q.begin)) return nullptr;
        const auto follows = [&](const lexicon_entry* e) { return e->follows == before->variable; };
        return std::any_of(hit->group->entries.begin(), hit->group->entries.end(), follows) ? hit : nullptr;
    }

    // The entry a follow phrase may follow: the previous figure's, or the one its phrase named when
    // its measure word did not fit (研发费用加计扣除企业12家，减免税额860万元: the firms claiming the
    // deduction, then the tax it saved).
    const lexicon_entry* followed_entry() const {
        if (previous_entry_) return previous_entry_;
        return mismatched_entry_ && previous_end_ == mismatched_end_ ? mismatched_entry_ : nullptr;
    }

    // A change after a figure refers to it only in its sentence and with no phrase of the lexicon
    // between ("…000家。全县R&D经费支出.35亿元，同比增长8.6%": the level of the change was lost; the
    // change is not the previous sentence's).
    bool change_of_previous(const scanned& s) const {
        if (previous_end_ == 0) return false;
        const std::size_t previous = byte_at(previous_end_);
        // "436家企业通过科技型中小企业评价入库，较上年增加58家": the phrase after the figure before,
        // which named it, stands between them and is no other quantity's
        const std::size_t from = std::max(previous, previous_following_end_);
        return !ix_.sentence_ends.any_inside(previous, s.q.begin) &&
               (from >= s.q.begin || !ix_.phrases.closest(from, s.q.begin));
    }

    // "累计认定高新技术企业312家": the words stated agree with no entry of the phrase (认定… is the
    // flow, 累计 says the stock); the longest tail of it that is a phrase with an entry that agrees
    // (高新技术企业: hnte_total) names the figure. `b` untouched when there is none.
    void tail_entry(binding& b) const {
        each_tail_phrase(b.group->phrase, 1, [&](const phrase_entries& group) {
            const lexicon_entry* e = choose_entry(group, b.stated);
            if (e) b.entry = e, b.group = &group, b.phrase = group.phrase;
            return e != nullptr;
        });
    }

    // The phrases of the lexicon that `phrase` ends with, from its byte `from` on, longest first
    // (新认定高新技术企业 → 高新技术企业 → …): `take` each until it returns true.
    template <class Take>
    void each_tail_phrase(std::string_view phrase, std::size_t from, Take take) const {
        for (std::size_t cut = from; cut < phrase.size(); ++cut) {
            if ((static_cast<unsigned char>(phrase[cut]) & 0xC0) == 0x80) continue;
            const phrase_entries* group = ix_.phrases.find(phrase.substr(cut));
            if (group && take(*group)) return;
        }
    }

    // The entry of the previous figure's phrase (in its sentence) that a status word in this
    // figure's clause names when it is not the previous figure's status (应… then 已…): nullptr otherwise.
    const lexicon_entry* other_status_of_previous(const scanned& s, std::size_t after_previous) const {
        if (!previous_group_ || !previous_entry_ || previous_entry_->status.empty() || previous_end_ == 0 ||
            ix_.sentence_ends.any_inside(byte_at(previous_end_), s.q.begin))
            return nullptr;
        distinctions d = stated_distinctions(cps_, after_previous, s.first);
        if (!*d.status || previous_entry_->status == d.status) return nullptr;
        d.stage = previous_entry_->stage.c_str(), d.scope = previous_entry_->scope.c_str();
        const lexicon_entry* e = choose_entry(*previous_group_, d);
        return e && e->status == d.status && unit_flag(s.q.unit, e->unit) == 0 ? e : nullptr;
    }

    // The entry of the previous figure's phrase that a scope word in this figure's clause names,
    // when it is not the previous figure's own (or the previous figure is its change): nullptr otherwise.
    const lexicon_entry* other_scope_of_previous(const scanned& s, std::size_t after_previous) const {
        if (!previous_group_ || !previous_entry_ || previous_end_ == 0 ||
            ix_.sentence_ends.any_inside(byte_at(previous_end_), s.q.begin))
            return nullptr;
        const distinctions d = stated_distinctions(cps_, after_previous, s.first);
        if (!*d.scope) return nullptr;
        // "高新技术企业净增218家、总数突破1500家": the level of the stock whose change came before.
        if (previous_entry_->scope == d.scope)
            return previous_change_ ? (other_scope_group_ = previous_group_, previous_entry_) : nullptr;
        return previous_entry_of_scope(d);
    }

    // The entry of the previous figure's phrase, or of its tails (新认定高新技术企业 → 高新技术企业, the
    // phrase the stock shares), in the scope `d` states and not the previous figure's own (its group in
    // other_scope_group_); nullptr when none.
    const lexicon_entry* previous_entry_of_scope(const distinctions& d) const {
        const lexicon_entry* found = nullptr;
        each_tail_phrase(previous_group_->phrase, 0, [&](const phrase_entries& group) {
            if (group.entries.size() < 2) return false;
            const lexicon_entry* e = choose_entry(group, d);
            if (!e || e == previous_entry_ || e->scope != d.scope) return false;
            other_scope_group_ = &group, found = e;
            return true;
        });
        return found;
    }

    // "新增高新技术企业12家，净增8家": 净增/净减 (the new less those that left) after a figure of the new
    // ones is a change of their stock, the entry of the same phrase in the cumulative scope.
    const lexicon_entry* stock_of_net_change(const scanned& s, std::size_t after_previous) const {
        if (!previous_group_ || !previous_entry_ || previous_entry_->scope != "new") return nullptr;
        const std::size_t from = byte_at(after_previous);
        if (from >= s.q.begin) return nullptr;
        const std::string_view between = text_.substr(from, s.q.begin - from);
        if (between.find("净增") == std::string_view::npos && between.find("净减") == std::string_view::npos)
            return nullptr;
        distinctions d;
        d.stage = previous_entry_->stage.c_str(), d.scope = "cumulative";
        return previous_entry_of_scope(d);
    }

    // "应拨付配套资金35.5万元，已拨付资金180万元": a phrase that only names the payment (拨付资金)
    // after, in the same sentence, a figure of a named kind of funds (entries told apart by their
    // status, due or paid) is about those funds.
    bool payment_of_previous(const scanned& s, const phrase_entries& group) const {
        const bool payment_only = group.phrase.rfind("拨付", 0) == 0 || group.phrase.rfind("兑付", 0) == 0 ||
                                  group.phrase.rfind("兑现", 0) == 0;
        const auto paid_or_due = [](const lexicon_entry* e) { return !e->status.empty(); };
        // 兑现率 names a rate of its own, never the funds before it
        const auto a_rate = [](const lexicon_entry* e) { return e->unit == "%" || e->unit == "‰"; };
        return payment_only && std::none_of(group.entries.begin(), group.entries.end(), a_rate) && previous_group_ &&
               previous_group_ != &group && previous_end_ != 0 &&
               std::any_of(previous_group_->entries.begin(), previous_group_->entries.end(), paid_or_due) &&
               !ix_.sentence_ends.any_inside(byte_at(previous_end_), s.q.begin);
    }

    // A figure in % or ‰ (not a change) bound to a count or an amount with a rate or share word
    // between ("立项率34.3%", "占GDP的比重达到14.6%") is not that count or amount: it is the share
    // the lexicon names "<the previous figure's phrase>占<this phrase>…", or nothing.
    void bind_share(const scanned& s, binding& b, std::size_t from) const {
        const auto is_share_unit = [](std::string_view u) { return u == "%" || u == "‰"; };
        if (!b.entry || !is_share_unit(s.q.unit) || is_share_unit(b.entry->unit) ||
            !ix_.share_words.any_inside(std::min(from, b.phrase_begin), s.q.begin))
            return;
        b.entry = nullptr, b.group = nullptr;
        if (!previous_group_ || b.shared || previous_end_ == 0 ||
            ix_.sentence_ends.any_inside(byte_at(previous_end_), s.q.begin))
            return;
        const std::string share = std::string(previous_group_->phrase) + "占" + std::string(b.phrase);
        for (const lexicon_entry& e : ix_.words)
            if (is_share_unit(e.unit))
                for (const std::string& p : e.phrases)
                    if (p.rfind(share, 0) == 0) {
                        b.entry = &e, b.phrase = p, b.shared = true;
                        return;
                    }
    }

    // 达到 / 提高到… before a figure (from code point `from`) in the sentence of the previous one, a
    // change ("新认定…43家，累计达到186家" is no level of the 43 new ones), or a bound in a unit of the
    // same kind ("技术合同成交额突破1200亿元，达到1263.7亿元": the level the bound was stated for).
    bool level_after_change(std::size_t from, const scanned& s) const {
        const std::size_t figure = s.q.begin;
        if (previous_end_ == 0 || !(previous_change_ || (previous_bound_ && same_kind_as_previous(s)))) return false;
        const std::size_t previous = byte_at(previous_end_);
        return (ix_.level_to.any_inside(byte_at(from), figure) || ix_.reach.any_inside(byte_at(from), figure)) &&
               !ix_.sentence_ends.any_inside(previous, figure);
    }

    // The figure's unit converts to the previous figure's (1263.7亿元 after 突破1200亿元).
    bool same_kind_as_previous(const scanned& s) const {
        if (s.q.unit.empty() || previous_unit_.empty()) return false;
        const std::optional<unit> u = parsed_unit(s.q.unit), previous = parsed_unit(previous_unit_);
        return u && previous && u->convertible_to(*previous);
    }

    // 上年同期为/去年同期为/上年为… just before a figure (from code point `from`) in the sentence of the
    // previous one, in a unit of the same kind: the previous figure's comparison value (not after a
    // change: "增长12%，上年同期为8%" is no level). A ； between them is no sentence's end here
    // ("研发费用2.3亿元；上年同期为1.9亿元": the lead names no quantity of its own, it compares);
    // 。！？ and a line break are.
    bool comparison_of_previous(std::size_t from, const scanned& s) const {
        if (previous_end_ == 0 || previous_change_ ||
            ix_.comparison_lead.last_end_inside(byte_at(from), s.q.begin) != s.q.begin)
            return false;
        const std::size_t previous = byte_at(previous_end_);
        const std::string_view between = text_.substr(previous, s.q.begin - previous);
        for (const std::string_view stop : {"。", "！", "？", "\n"})
            if (between.find(stop) != std::string_view::npos) return false;
        return same_kind_as_previous(s);
    }

    // A change (增长/下降… between the phrase and the figure) unless a verb with 到/至 after the last
    // change word states the level reached; a decline when the last word saying which way is one.
    void name_change(const scanned& s, const binding& b, fact_naming& n) const {
        const std::size_t from = b.phrase_end, to = s.q.begin;
        // 净增高新技术企业15家, 增加高新技术企业15家: a change word right before the phrase is still its
        // change (of the stock: the new ones are 新增); 减少… a decline.
        // The two characters before the phrase taken once and compared in line with each word (a
        // string_view == called the library's compare four times a figure).
        constexpr std::size_t word_bytes = 6;  // two characters of three bytes each
        const std::string_view before_phrase = b.entry && b.phrase_begin >= word_bytes
                                                   ? text_.substr(b.phrase_begin - word_bytes, word_bytes)
                                                   : std::string_view();
        if (is(before_phrase, "增加") || is(before_phrase, "净增")) {
            n.flags |= bit(fact_flag::change);
            return;
        }
        if (is(before_phrase, "减少") || is(before_phrase, "净减")) {
            n.flags |= bit(fact_flag::change);
            n.decline = true;
            return;
        }
        if (!ix_.change_words.any_inside(from, to)) return;
        if (ix_.level_to.last_end_inside(from, to) >= ix_.change_words.last_end_inside(from, to)) return;
        n.flags |= bit(fact_flag::change);
        n.decline = ix_.decrease_words.last_end_inside(from, to) > ix_.increase_words.last_end_inside(from, to);
    }

    // "比去年新增2个", "较上年新增众创空间3家", "同比新增": 新增 after a comparison (比/较 and the period
    // compared with, a few characters before it in its clause) says how many more there are than
    // then — a change of the stock, as 净增, not the number newly added (round 27).
    bool new_compared_with_before(std::size_t from, std::size_t to) const {
        for (std::size_t k = from; k + 1 < to; ++k) {
            if (cps_[k].c != U'新' || cps_[k + 1].c != U'增') continue;
            for (std::size_t j = k; j-- > from && k - j <= 7;) {
                const char32_t c = cps_[j].c;
                if (one_of(c, U"，,；;：:。")) break;
                const char32_t next = cps_[j + 1].c;
                if ((c == U'比' || c == U'较') &&
                    (is_digit(next) || one_of(next, U"上去前年同") || (c == U'比' && j > 0 && cps_[j - 1].c == U'同')))
                    return true;
            }
        }
        return false;
    }

    fact_naming name(const scanned& s, binding b, std::size_t after_previous) {
        fact_naming n;
        if (b.entry && is(b.entry->scope, "new") && b.group &&
            new_compared_with_before(std::min(after_previous, code_point_at(b.phrase_begin, 0, s.first)), s.first)) {
            distinctions stock = b.stated;
            stock.scope = "cumulative";
            if (const lexicon_entry* e = choose_entry(*b.group, stock); e && is(e->scope, "cumulative"))
                b.entry = e, b.stated.scope = "", n.flags |= bit(fact_flag::change);
        }
        name_change(s, b, n);  // bound or not: a decline is negative either way
        if (!(n.flags & bit(fact_flag::change))) bind_share(s, b, byte_at(after_previous));
        last_entry_ = b.entry;
        last_group_ = b.entry ? b.group : nullptr;
        if (!b.entry) {
            n.flags |= bit(fact_flag::no_variable);
            return n;
        }
        n.entry = b.entry;
        n.phrase = b.phrase;
        previous_phrase_ = b.phrase;
        n.status = *b.stated.status ? std::string_view(b.stated.status) : std::string_view(b.entry->status);
        n.stage = *b.stated.stage ? std::string_view(b.stated.stage) : std::string_view(b.entry->stage);
        n.scope = *b.stated.scope ? std::string_view(b.stated.scope) : std::string_view(b.entry->scope);
        if (b.shared) n.flags |= bit(fact_flag::phrase_shared);
        return n;
    }

    std::string_view text_;
    const code_points& cps_;
    const report_indexes& ix_;
    const extract_options& options_;
    clause_finder clauses_;
    bool any_invalid_ = false;
    table_writer out_;
    struct entry_unit_hash {
        std::size_t operator()(const std::pair<const lexicon_entry*, std::uint32_t>& k) const {
            return std::hash<const void*>()(k.first) * 31 + k.second;
        }
    };
    std::unordered_map<std::pair<const lexicon_entry*, std::uint32_t>, std::uint32_t, entry_unit_hash> unit_flags_;
    // unit_flag(unit, entry.unit) of a figure's written unit, by (entry, the unit's id): the same
    // few pairs over and over (split_by_modifier asked for one at ~10 % of the figures, ~580
    // instructions each)
    std::unordered_map<std::pair<const lexicon_entry*, std::uint32_t>, std::uint32_t, entry_unit_hash> written_flags_;
    mutable const phrase_entries* other_scope_group_ = nullptr;  // of other_scope_of_previous()
    std::size_t respectively_end_ = 0, respectively_count_ = 0;  // the 分别 in force, figures after it
    std::vector<const phrase_entries*> listed_;                  // the phrases its list named, in order
    std::size_t listed_at_ = 0;                                  // the byte after the 分别 of listed_
    std::string completed_unit_;                                 // n.unit when check_unit() completed it
    const scanned* unit_of_ = nullptr;                           // whose written unit unit_written_ is
    std::uint32_t unit_written_ = 0;
    const lexicon_entry* mismatched_entry_ = nullptr;  // the variable a figure's unit did not fit
    const phrase_entries* mismatched_group_ = nullptr;
    std::size_t mismatched_end_ = 0;  // code point after that figure
    std::size_t target_cursor_ = 0;   // code points before it are read by target_before()
    bool target_in_sentence_ = false, target_in_clause_ = false;
    bool target_estimate_ = false;   // 预计 is the only target word of the sentence so far
    bool target_figure_ = false;     // a figure under the sentence's target word was read
    bool plan_section_ = false;      // under a heading of plans (plan_heading), across chunks
    int plan_kind_ = 0;              // its list marker's kind (-1: the whole report)
    bool any_figure_ = false;        // a figure was read (add())
    bool chunk_starts_line_ = true;  // the chunk read starts a line
    int since_start_ = 0;            // of the 以来 in the sentence so far (since_start), 0 if none
    std::size_t since_at_ = 0;       // where that 以来 stands (code points from the report's start)
    // A count of years inside a sentence and a clause (years_counted_at: 高新技术企业五年累计新增…):
    // where it stands (as since_at_), 0 if none; its span is the figures of its clause.
    std::size_t clause_since_at_ = 0;
    std::size_t previous_end_ = 0;                   // code point after the previous quantity
    std::size_t parent_end_ = 0;                     // code point after the last figure that may be a total
    fact_naming parent_, part_;                      // that total's naming; the last part's of its list
    const lexicon_entry* previous_entry_ = nullptr;  // of the previous fact, if it had a variable
    const char* previous_scope_ = "";                // the scope its words stated (新增: "new"), "" if none
    bool previous_change_ = false;                   // the previous fact is a change
    bool previous_bound_ = false;                    // the previous fact is a bound (突破1200亿元, 近600人)
    std::string previous_unit_;                      // the unit written with the previous figure
    const lexicon_entry* last_entry_ = nullptr;
    const phrase_entries* previous_group_ = nullptr;  // the phrase of the previous fact, if one bound it
    const phrase_entries* last_group_ = nullptr;
    std::string_view previous_phrase_;
    std::size_t previous_following_end_ = 0;  // binding::following_end of the figure before
};

}  // namespace

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
