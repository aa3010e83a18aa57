#pragma once
// Layer 2: code points → a figure. Takes code_points and gives number_at (a scanned figure: its value,
// unit, qualifiers, masks and the damage read off it) and the character predicates the later layers
// share. Per-figure and per-code-point code: it stays inline in the one translation unit.
#include <array>
#include <cmath>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>

#include <fast_float/fast_float.h>

#include "extract/decode.hpp"
#include "core/text.hpp"
#include "core/try_parse_unit.hpp"

namespace zhibiao {
namespace {

constexpr bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }
// x/X and *: a bureau masks a figure it will not publish as 13.x%, xx家 or **家 (full-width ＊
// decodes to *).
bool is_mask(char32_t c) { return c == 'x' || c == 'X' || c == '*'; }

std::size_t star_run_end(const code_points& cps, std::size_t j) {
    while (j < cps.size() && cps[j].c == '*') ++j;
    return j;
}
// Stars right after digits [k, i) that are no mask: a product (3*4个) or the close of emphasis a run
// as long opened just before the digits (**120**家, **12.5**亿元).
bool stars_end_digits(const code_points& cps, std::size_t k, std::size_t i) {
    const std::size_t run_end = star_run_end(cps, i);
    if (run_end < cps.size() && is_digit(cps[run_end].c)) return true;
    std::size_t b = k;
    while (b > 0 && cps[b - 1].c == '*') --b;
    return k - b == run_end - i;
}

// Stars before digits ("*2亿元", "**120家**"): a footnote's mark or emphasis around a figure, not
// its masked digits — the figure is the digits after them.
bool stars_before_digits(const code_points& cps, std::size_t k) {
    const std::size_t j = star_run_end(cps, k);
    return j > k && j < cps.size() && is_digit(cps[j].c);
}
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

constexpr int chinese_digit(char32_t c) {
    const std::size_t slot = c % 77;
    return digit_slot_table.c[slot] == c ? digit_slot_table.d[slot] : -1;
}
constexpr double chinese_multiplier(char32_t c) {
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
// The characters for which a predicate holds, as a bitmap of the Basic Multilingual Plane made once
// from the predicate itself (so the two never differ): 8 KiB, the test in line (is_chinese_numeral
// was a call of ~20 instructions at each code point a numeral's reader walks). GCC makes it when
// compiling (a constant: no guard of a function's static tested at each of the ~270,000 tests a warm
// call at published density, ~0.5 % of its instructions); clang, the fuzz build's compiler, stops at its
// constexpr step limit on 65,536 calls of the predicate, and makes it at first use.
template <bool (*Predicate)(char32_t)>
constexpr std::array<std::uint64_t, 1024> make_bmp_bits() {
    std::array<std::uint64_t, 1024> bits{};
    for (char32_t c = 0; c < 0x10000; ++c)
        if (Predicate(c)) bits[c >> 6] |= std::uint64_t{1} << (c & 63);
    return bits;
}
template <bool (*Predicate)(char32_t)>
struct bmp_bits {
#if defined(__clang__) || !defined(__GNUC__)
    [[gnu::always_inline]] static bool has(char32_t c) {
        static const std::array<std::uint64_t, 1024> bits = make_bmp_bits<Predicate>();
        return c < 0x10000 ? (bits[c >> 6] >> (c & 63)) & 1 : Predicate(c);
    }
#else
    static constexpr std::array<std::uint64_t, 1024> bits = make_bmp_bits<Predicate>();
    [[gnu::always_inline]] static bool has(char32_t c) {
        return c < 0x10000 ? (bits[c >> 6] >> (c & 63)) & 1 : Predicate(c);
    }
#endif
};
constexpr bool is_chinese_numeral_test(char32_t c) {
    return chinese_digit(c) >= 0 || chinese_multiplier(c) > 0 || c == U'廿' || c == U'卅' || c == U'点';
}
[[gnu::always_inline]] inline bool is_chinese_numeral(char32_t c) { return bmp_bits<is_chinese_numeral_test>::has(c); }

// Two neighbouring digits one apart inside a numeral, the second at k (三四十, 十二三, 一千二三百): a
// spoken range ("thirty or forty"), never the digits of one number (二〇二三 is a run of more).
bool spoken_pair_at(const code_points& cps, std::size_t from, std::size_t to, std::size_t k) {
    const int low = chinese_digit(cps[k - 1].c), high = chinese_digit(cps[k].c);
    if (low < 1 || high != low + 1 || cps[k].c == U'两' || cps[k - 1].c == U'两') return false;
    return (k - 1 == from || chinese_digit(cps[k - 2].c) < 0) && (k + 1 == to || chinese_digit(cps[k + 1].c) < 0);
}

// Which end of a spoken range (spoken_pair_at) chinese_value reads: none (refused), its low or its high.
enum class spoken_end : std::uint8_t { none, low, high };

// The numeral grammar of §7.3 over a run of code points; nullopt if it is not a numeral (only
// multipliers, two decimal points, a multiplier inside the decimals). `why`, when given, says why
// a run that looks like a numeral is none (两两, 十十): parse_chinese_number refuses it with that.
// A spoken range (三四十) is no one number: refused unless `end` asks for its low or its high.
std::optional<double> chinese_value(const code_points& cps, std::size_t from, std::size_t to,
                                    const char** why = nullptr, spoken_end end = spoken_end::none) {
    double total = 0, section = 0, number = 0, fraction = 0, scale = 0.1;
    bool any = false, previous_digit = false, decimals = false, hundred_million = false;
    double last_small = 0;  // the last 十/百/千 of the section: they only go down (一千二百三十)
    // The multiplier right before a lone digit that ends a section: 一千二 is 1200 and 一万二 12000,
    // the digit taking the place below it (spoken Chinese leaves that place's name off); 0 once
    // another digit or a point follows (一千零五 is 1005, 十二 12).
    double elided_below = 0;
    const auto elided = [&]() { return elided_below >= 100 && !decimals ? number * (elided_below / 10) : number; };
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
            if (previous_digit && !decimals && spoken_pair_at(cps, from, to, k)) {
                if (end == spoken_end::none)
                    return refuse(
                        "two neighbouring digits (三四十, 十二三, 五六百) are a spoken range, no one number: "
                        "write its ends in digits (30-40)");
                if (end == spoken_end::high) number = d;
                continue;  // previous_digit stays: 十二三 has no third digit
            }
            if (decimals)
                fraction += d * scale, scale /= 10;
            else
                number = previous_digit ? number * 10 + d : d;
            if (previous_digit) elided_below = 0;
            any = previous_digit = true;
            continue;
        }
        previous_digit = false;
        if (c == U'点') {
            if (decimals) return std::nullopt;
            decimals = true, elided_below = 0;
            continue;
        }
        if (c == U'廿' || c == U'卅') {
            if (decimals) return std::nullopt;
            if (last_small != 0 && last_small <= 10)
                return refuse("廿/卅 after 十 in one section: the multipliers 十, 百, 千 of a numeral go down");
            section += c == U'廿' ? 20 : 30, number = 0, any = true, last_small = 10, elided_below = 0;
            continue;
        }
        const double m = chinese_multiplier(c);
        if (m == 0) return std::nullopt;
        if (m == 1e4 || m == 1e8) {
            const double base = section + (elided_below < 1e4 ? elided() : number) + fraction;  // 三千五万
            // 一亿二千万: a 万 after 亿 scales only its own section; 十万亿: 亿 scales everything.
            if (m == 1e4)
                total = hundred_million ? total + base * 1e4 : (total + base) * 1e4;
            else
                total = (total + base) * 1e8, hundred_million = true;
            section = number = fraction = 0, scale = 0.1, decimals = false, last_small = 0, elided_below = m;
            continue;
        }
        if (decimals) return std::nullopt;
        // 十十, 百千: a multiplier repeated or growing inside a section is no numeral (一千二百 is).
        if (last_small != 0 && m >= last_small)
            return refuse(m == last_small ? "a multiplier twice in one section (十十, 百百): no numeral says so"
                                          : "a multiplier after a smaller one in one section (十百): the multipliers "
                                            "十, 百, 千 of a numeral go down");
        last_small = elided_below = m;
        if (m == 10) any = true;  // 十 alone is ten
        section += (number == 0 ? 1 : number) * m;
        number = 0;
    }
    if (!any) return std::nullopt;
    return total + section + elided() + fraction;
}

// Called for every code point the clause cursors walk: the ideographs (most of a report) and the
// other characters without a clause end answer after one or two comparisons.
// Bit masks, not a chain of comparisons: an ideograph answers after three tests. Forced in line
// (GCC left it a call, 4 % of the driver's samples, at every code point a cursor walks).
[[gnu::always_inline]] inline constexpr bool clause_end(char32_t c) {
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
constexpr bool stops_unit_test(char32_t c) {
    return c == ' ' || c == '\t' || is_digit(c) || clause_end(c) || c == U'、' || c == '(' || c == ')' || c == U'（' ||
           c == U'）' || c == ':' || c == U'：' || c == U'“' || c == U'”' || c == '"' || c == 0xFFFD ||
           (is_chinese_numeral_test(c) && c != U'万' && c != U'亿' && c != U'千' && c != U'百' &&
            c != U'点');  // 个百分点
}
[[gnu::always_inline]] inline bool stops_unit(char32_t c) { return bmp_bits<stops_unit_test>::has(c); }
constexpr bool is_dash_test(char32_t c) {
    return c == '-' || c == U'—' || c == U'–' || c == '~' || c == U'～' || c == U'至' || c == U'到';
}
// A bit of a table, not seven comparisons: asked around most figures (spans, ranges, page marks).
[[gnu::always_inline]] inline bool is_dash(char32_t c) { return bmp_bits<is_dash_test>::has(c); }

// A year's four digits end at k and a span of years follows: 2025—2026年, 2023-2025年, 2023至2025年
// (the first year of a span is no figure).
bool year_span_after(const code_points& cps, std::size_t k) {
    if (k < 4 || k + 5 >= cps.size() || !is_dash(cps[k].c) || cps[k + 5].c != U'年') return false;
    if ((k > 4 && is_digit(cps[k - 5].c)) || (cps[k - 4].c != '1' && cps[k - 4].c != '2')) return false;
    for (std::size_t j = 1; j <= 4; ++j)
        if (!is_digit(cps[k - j].c) || !is_digit(cps[k + j].c)) return false;
    return true;
}

// In line: asked at the end of each figure's digits (~47 instructions as a call).
[[gnu::always_inline]] inline bool date_word(const code_points& cps, std::size_t k) {
    if (k >= cps.size()) return false;
    const char32_t c = cps[k].c;
    return c == U'年' || c == U'月' || c == U'日' || c == U'号' || c == U'时' ||
           (c == U'季' && k + 1 < cps.size() && cps[k + 1].c == U'度') || (is_dash(c) && year_span_after(cps, k));
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
// The characters after the first (which the caller compared) of a word at k.
bool starts_with_after_first(const code_points& cps, std::size_t k, std::u32string_view word) {
    if (k + word.size() > cps.size()) return false;
    for (std::size_t i = 1; i < word.size(); ++i)
        if (cps[k + i].c != word[i]) return false;
    return true;
}
// A word of a list (u32string_view: slot words, plan words, bounds) at k. Its first character compared in
// line: most calls, a list's words tried in turn at one code point, end there (the call was ~1 % of a warm call).
[[gnu::always_inline]] inline bool starts_with(const code_points& cps, std::size_t k, std::u32string_view word) {
    if (word.empty()) return k <= cps.size();
    if (k >= cps.size() || cps[k].c != word[0]) return false;
    return starts_with_after_first(cps, k, word);
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
        const std::string_view sign = cps[k].c == '%' ? "%" : cps[k].c == U'‰' ? "‰" : "倍";  // no strlen
        unit.assign(sign.data(), sign.size());
        return 1;
    }
    std::size_t limit = k;
    while (limit < cps.size() && limit - k < 8 && !stops_unit(cps[limit].c)) ++limit;
    if (limit == k) return 0;
    const std::string_view run = text.substr(cps[k].begin, cps.end_of(limit - 1) - cps[k].begin);
    // Before the map, the run seen last in a slot chosen by its first and last code points and
    // length: one comparison instead of hashing the run (a report repeats the same few units).
    // Keyed by the code points and the byte length of each, compared in line (a byte key called
    // memcmp at every figure). The lengths are part of the key: decode() reads full-width forms as
    // ASCII (ｍm and mｍ are the same code points, not the same bytes); bytes that are no UTF-8
    // are never part of a unit, whichever they are.
    struct recent_run {
        std::array<char32_t, 8> chars;
        std::array<std::uint8_t, 8> widths;
        std::uint8_t count = 0, n = 0;
    };
    thread_local std::array<recent_run, 256> recent{};
    const std::size_t count = limit - k;
    recent_run& slot = recent[(cps[k].c * 7 + cps[limit - 1].c * 31 + count) & 255];
    const auto answer = [&](std::size_t n) {
        // cleared and appended: the library's append is a shorter path than its replace (assign)
        if (n) unit.clear(), unit.append(text.data() + cps[k].begin, cps.end_of(k + n - 1) - cps[k].begin);
        return n;
    };
    const auto same_run = [&] {
        if (slot.count != count) return false;
        for (std::size_t i = 0; i < count; ++i)
            if (slot.chars[i] != cps[k + i].c || slot.widths[i] != cps.end_of(k + i) - cps[k + i].begin) return false;
        return true;
    };
    if (same_run()) return answer(slot.n);
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
        for (std::size_t i = 0; i < count; ++i)
            slot.chars[i] = cps[k + i].c,
            slot.widths[i] = static_cast<std::uint8_t>(cps.end_of(k + i) - cps[k + i].begin);
        slot.count = static_cast<std::uint8_t>(count), slot.n = static_cast<std::uint8_t>(n);
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
                // 亿万元, 万万元: a slip of two multipliers, kept whole as the figure's unit (no unit of the
                // algebra: the unit checks flag it) — never read as 亿 of 万元 nor cut to its 亿 (round 35)
                ok = detail::try_parse_unit(candidate).has_value() ||
                     !detail::stacked_multiplier_readings(candidate).empty();
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
// 笔 (loans, deals), 份 (contracts, agreements), 位 (people), 篇, 条, 支, 种, 座, 处, 例: counted
// things as well; a figure that dropped them was a bare number any variable took (质押融资4笔 as
// 4 of an amount in 万元).
constexpr std::array<std::pair<std::u32string_view, std::string_view>, 19> measure_words = {{{U"场次", "场次"},
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
// Their first characters (bmp_bits): most figures' next character opens none, and the 19 words were
// each compared at every figure without a unit.
constexpr bool opens_measure_word(char32_t c) {
    if (c < 0x4E00 || c > 0x9FFF) return false;  // all ideographs: a short evaluation when compiling
    for (const auto& word : measure_words)
        if (word.first[0] == c) return true;
    return false;
}
std::size_t measure_word_length(const code_points& cps, std::size_t k, std::string& unit) {
    if (k >= cps.size() || !bmp_bits<opens_measure_word>::has(cps[k].c)) return 0;
    for (const auto& [word, utf8] : measure_words)
        if (starts_with(cps, k, word)) return unit.assign(utf8.data(), utf8.size()), word.size();
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
    // A cell of a table with a row per area: its column's label (scan_state::column::heading), and the
    // area its row names ("" for the report's own: a 合计/全市 row), a view of the text.
    std::string_view table_heading, row_label;
    bool table_area = false;
    bool table_no_unit = false;  // its column's unit unknown (scan_state::column::no_unit)
    // A cell of a table by area left while the row's other cells are read: its column is a rank, or states no unit
    // where the row's other columns do (地区 研发投入（万元） 排名; round 38). A finding names the column.
    bool table_left = false;
    std::string_view heading_unit;  // the unit a heading stated for bare figures (scan_state::heading_unit)
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

// "18x.3", "1x5.2", "21.x": digits with a masked one and a decimal point — the shape of a figure whose
// digits were hidden or garbled (a PDF table cell), not a placeholder (x家) or a name (5G, 3D): with no
// unit after it, it is still a figure, masked, never dropped without a word.
bool masked_decimal(const code_points& cps, std::size_t k, std::size_t i) {
    std::size_t digits = 0;
    bool point = false;
    for (std::size_t j = k; j < i; ++j) digits += is_digit(cps[j].c), point |= cps[j].c == '.';
    return point && digits >= 2;
}

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
    std::size_t significant = 0, separators = 0, point_at = 0;
    std::size_t i = k;
    bool point = false;
    while (i < cps.size()) {
        const char32_t c = cps[i].c;
        // A digit in one test (c - '0' wraps round below '0'); the count of digits and of decimals
        // follow from where the point and the separators stood, not counted at each digit.
        // A star after a digit that multiplies or closes emphasis ends the digits.
        if (const auto digit = static_cast<std::uint32_t>(c - U'0');
            digit < 10 ||
            (is_mask(c) && (c != '*' || i == k || !is_digit(cps[i - 1].c) || !stars_end_digits(cps, k, i)))) {
            masked |= digit >= 10;
            const unsigned d = digit < 10 ? digit : 0;
            significant += significant || d ? 1 : 0;  // the zeros before the first other digit are not
            if (significant <= most_significant_digits) mantissa = mantissa * 10 + d;
            ++i;
        } else if (c == '.' && !point && i + 1 < cps.size() && (is_digit(cps[i + 1].c) || is_mask(cps[i + 1].c))) {
            point = true, point_at = i, ++separators;
            ++i;
        } else if (c == ',' && !point && i + 3 < cps.size() && is_digit(cps[i + 1].c) && is_digit(cps[i + 2].c) &&
                   is_digit(cps[i + 3].c) && (i + 4 >= cps.size() || !is_digit(cps[i + 4].c))) {
            comma = true, ++separators;
            i += 1;  // the separator; the digits follow in the next rounds
        } else {
            break;
        }
    }
    const std::size_t count = i - k - separators, decimals = point ? i - point_at - 1 : 0;
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

// A 亿 among code points [k, end).
bool yi_before(const code_points& cps, std::size_t k, std::size_t end) {
    for (std::size_t j = k; j < end; ++j)
        if (cps[j].c == U'亿') return true;
    return false;
}

// The value of the Chinese numeral cps[k, end). 二十八亿元 reads as 28 亿元, as 28亿元 does: a
// trailing 万/亿 that starts a unit (亿元, 万人) or comes before 余/多 is left to the unit (`end`
// moves back), so one variable's figures keep one scale however they are written.
std::optional<double> chinese_figure(std::string_view text, const code_points& cps, std::size_t k, std::size_t& end,
                                     spoken_end spoken = spoken_end::none) {
    const std::optional<double> whole = chinese_value(cps, k, end, nullptr, spoken);
    if (!whole || end - k < 2 || (cps[end - 1].c != U'万' && cps[end - 1].c != U'亿')) return whole;
    std::string unit;
    const bool approximate = end < cps.size() && (cps[end].c == U'余' || cps[end].c == U'多');
    if (!approximate && unit_length(text, cps, end - 1, unit) <= 1) return whole;
    // 三亿二千万元: the 万 scales only what follows the 亿, so the whole is read in 万 (32000 万元, as
    // 一亿三千六百万元 is 13600 万元 exactly), never the head 三亿二千 (300002000) before the unit.
    if (cps[end - 1].c == U'万' && yi_before(cps, k, end - 1)) {
        --end;
        return *whole / 1e4;
    }
    const std::optional<double> head = chinese_value(cps, k, end - 1, nullptr, spoken);
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
std::size_t list_number_after_test(const code_points& cps, std::size_t k, std::size_t j) {
    if (!at_item_start(cps, k)) return 0;
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
// 、 or a point after at most three digits, in line before the walk back to the line's start (asked at
// every figure's first digit; most digits are a figure's, and the call cost more than the test).
[[gnu::always_inline]] inline std::size_t list_number_at(const code_points& cps, std::size_t k) {
    std::size_t j = k;
    while (j < cps.size() && j - k < 3 && is_digit(cps[j].c)) ++j;
    if (j == k || j >= cps.size() || (cps[j].c != U'、' && cps[j].c != '.')) return 0;
    return list_number_after_test(cps, k, j);
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

// The label of a contact or an identifier code ending at b (服务热线, 邮编, QQ群, 编号…): the digits after
// it (and a colon or blanks) are no count, however few (12330, 310016) — the 8-digit 电话 of
// phone_number_at generalised to service numbers, postcodes, chat groups and registration numbers.
bool contact_label_before(const code_points& cps, std::size_t b) {
    constexpr std::u32string_view labels[] = {U"热线", U"电话", U"号码",   U"邮编", U"邮政编码", U"QQ",
                                              U"QQ群", U"群号", U"微信号", U"编号", U"登记号",   U"证书号",
                                              U"代码", U"账号", U"帐号",   U"邮箱", U"信箱"};
    return std::any_of(std::begin(labels), std::end(labels),
                       [&](std::u32string_view l) { return ends_with(cps, b, l); });
}

// A contact or identifier code at k after its label (contact_label_before): five or more digits with
// no measure word or unit after them (热线12330受理…5000次 still counts its 5000次; 编号312项 is no
// code). Its length, 0 if there is none.
std::size_t contact_code_at(const code_points& cps, std::size_t k) {
    std::size_t b = k;
    while (b > 0 && (is_blank(cps[b - 1].c) || cps[b - 1].c == ':' || cps[b - 1].c == U'：')) --b;
    std::size_t letters = b;  // a code's letters before its digits: 证书号GR2024…, 编号ZL2024…
    while (letters > 0 && b - letters < 4 && cps[letters - 1].c >= 'A' && cps[letters - 1].c <= 'Z') --letters;
    if (!contact_label_before(cps, b) && (letters == b || !contact_label_before(cps, letters))) return 0;
    std::size_t j = k;
    while (j < cps.size() && (is_digit(cps[j].c) || cps[j].c == '-')) ++j;
    while (j > k && !is_digit(cps[j - 1].c)) --j;
    if (j - k < 5) return 0;
    std::size_t unit = j;  // "服务热线 12345 次": a blank before the measure word, as PDF text has it
    while (unit < cps.size() && is_blank(cps[unit].c)) ++unit;
    return unit < cps.size() && one_of(cps[unit].c, U"次个件条项家人名位元万亿%‰余多通批台套场期户所座篇部份例株亩吨")
               ? 0
               : j - k;
}

bool in_address_token(char32_t c) {
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || one_of(c, U"@._-+%/:~?=&#");
}

// Digits inside an e-mail address or a web address (kjj2024@163.com, www.zj2024.gov.cn,
// http://…/2024/): a part of a name, no figure. The code point after the address, 0 if k is in none.
std::size_t address_end(const code_points& cps, std::size_t k) {
    std::size_t b = k, e = k;
    while (b > 0 && in_address_token(cps[b - 1].c)) --b;
    while (e < cps.size() && in_address_token(cps[e].c)) ++e;
    bool at = false;
    for (std::size_t j = b; j < e && !at; ++j) at = cps[j].c == '@';
    const bool web = starts_with(cps, b, U"http") || starts_with(cps, b, U"www.") || starts_with(cps, b, U"WWW.");
    if (!at && !web) return 0;
    while (e > k && one_of(cps[e - 1].c, U"._-/:")) --e;  // the sentence's full stop after .com.
    return e > k ? e : 0;
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
    // "表 1 各县…": one blank between a caption's label and its number (round 36)
    const std::size_t label = k >= 2 && is_blank(cps[k - 1].c) && one_of(cps[k - 2].c, U"表图") ? k - 1 : k;
    if (label == 0 || (cps[label - 1].c != U'表' && cps[label - 1].c != U'图')) return false;
    if (label == 1) return true;
    const char32_t before = cps[label - 2].c;
    return !is_ideograph(before) || one_of(before, U"见如附据由");
}

// "1. 30家企业通过认定": a list's number (one or two digits, a point, a blank) opening its line
// before the item's own figure — stepped over, no figure that lost its decimals (a chunk starts at
// a line break).
bool list_number_before_figure(const code_points& cps, std::size_t k) {
    if (k > 0 && cps[k - 1].c != '\n' && cps[k - 1].c != '\r') return false;
    std::size_t i = k;
    while (i < cps.size() && i - k < 3 && is_digit(cps[i].c)) ++i;
    return i > k && i - k <= 2 && i + 2 < cps.size() && cps[i].c == '.' && is_blank(cps[i + 1].c) &&
           is_digit(cps[i + 2].c);
}

// An ordinal (第2位, 第十二批) or the number of a label (表1) or a list's before its item's figure
// (1. 30家) at k: no figure.
bool ordinal_or_label_at(const code_points& cps, std::size_t k) {
    return (k > 0 && cps[k - 1].c == U'第' && (is_digit(cps[k].c) || is_chinese_numeral(cps[k].c))) ||
           (is_digit(cps[k].c) && (reference_label_before(cps, k) || list_number_before_figure(cps, k)));
}

bool page_dash(char32_t c) {
    return c == '-' || c == U'—' || c == U'–' || c == U'─' || c == U'·' || c == U'•' || c == U'～' || c == '~';
}

// A page's header or footer line left inside the text by a conversion from PDF ("— 3 —", "- 12 -",
// "第3页", "第 3 页 共 12 页"; `bare`: also a line of one to four digits alone) starting at code point
// j: the code point of the line break that ends it (or the end of the text), 0 if it is no such line.
std::size_t page_marker_end_after_test(const code_points& cps, std::size_t j, bool bare) {
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
// Asked at every line's start: a line opening with an ideograph other than 第 (most lines) is none, in line.
[[gnu::always_inline]] inline std::size_t page_marker_end(const code_points& cps, std::size_t j, bool bare) {
    if (j < cps.size() && cps[j].c >= 0x4E00 && cps[j].c <= 0x9FFF && cps[j].c != U'第') return 0;
    return page_marker_end_after_test(cps, j, bare);
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

// Three digits at j opening with 0 and ending there ("1 020" in a table row): no number a table
// prints on its own, so the blank before them is a lost thousands separator (round 30: the "020" was
// dropped as a code and the 1 kept as a confident figure).
bool zero_led_group_at(const code_points& cps, std::size_t j) {
    return j + 2 < cps.size() && cps[j].c == '0' && is_digit(cps[j + 1].c) && is_digit(cps[j + 2].c) &&
           (j + 3 >= cps.size() || (!is_digit(cps[j + 3].c) && cps[j + 3].c != '.'));
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
    if (!integer && !(separator && grouped_digits(cps, k, i)) && !detail::invisible_character(cps[i].c)) return 0;
    // An invisible character (U+200B, U+00AD, U+FEFF, NUL…: detail::invisible_character) stands as a
    // blank there; it never parts a table's cells, so it splits a figure whatever is before it (round 38:
    // "12.\u200b5亿元" was a bare 12 and a confident 5亿元).
    bool hidden = false;
    const auto past_blanks = [&](std::size_t from) {
        std::size_t b = from;
        for (; b < cps.size() && b - from < 2; ++b) {
            if (is_blank(cps[b].c)) continue;
            if (!detail::invisible_character(cps[b].c)) break;
            hidden = true;
        }
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
        else if (const std::size_t b = past_blanks(j); b > j && (after_word || hidden))
            j = b, kind = "split_digits";  // "1, 512件": a blank after the separator, a PDF's justified line
    } else {
        if (cps[j].c == '.') point = true, ++j;
        const std::size_t blanks = j;
        j = past_blanks(j);
        if (j == blanks) return 0;
        if (!point && j < cps.size() && cps[j].c == '.') point = true, ++j;  // "168 .5亿元"
        if (!point && ascii_comma(j)) j = past_blanks(j + 1);                // "2 ,360万元", "2 , 360万元"
        // a table's "1 020": one cell, not a confident 1 and a lost 020
        if (!point && !after_word && !hidden && i - k <= 3 && zero_led_group_at(cps, j)) {
            kind = "split_digits", guess = joined_digits(cps, k, j + 3);
            return j + 3;
        }
        if (!point && !hidden && (!after_word || i - k > 3)) return 0;
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

bool unit_follows(std::string_view text, const code_points& cps, std::size_t j);

// A point at i after digits whose decimals were lost: before a unit (21.%, 35.万元) or what
// lost_decimals_before says ("资金12.。", "12.，", "12.用于", "12." at a line's end: a Chinese
// sentence ends with 。, and a list number opening a line or a sentence was read before). Never the
// confident 12. Also one blank where the decimals stood, before a unit or the next cell's digits
// ("21. 万件", "2. %", a table's "21. 980": "21.5 万件" that lost its 5); the unit after the blank
// is read as after "21 万件" (unit_after_blank). "168. 5亿元" was read before: split_digits.
bool dangling_point_at(std::string_view text, const code_points& cps, std::size_t i) {
    if (i >= cps.size() || cps[i].c != '.') return false;
    if (i + 1 == cps.size()) return true;
    const char32_t c = cps[i + 1].c;
    if (is_blank(c)) {
        if (i + 2 >= cps.size()) return false;
        std::size_t d = i + 2;
        while (d < cps.size() && is_digit(cps[d].c)) ++d;
        if (d > i + 2) return !date_word(cps, d);  // the next cell, not a list's "1. 2025年，…"
        return cps[i + 2].c == '%' || cps[i + 2].c == U'‰' || unit_follows(text, cps, i + 2);
    }
    std::string ignored;
    return c == U'万' || c == U'亿' || lost_decimals_before(c) || unit_length(text, cps, i + 1, ignored) > 0;
}

// "1219.三万件" (a rewriter spelt out the decimals after the point): Chinese digits right after a
// dangling point, before 万/亿 or a unit, are the same damaged figure, not a figure of their own.
// The code point after them (i, the point's next, when there are none).
std::size_t spelt_decimals_end(std::string_view text, const code_points& cps, std::size_t i) {
    std::size_t j = i;
    while (j < cps.size() && chinese_digit(cps[j].c) >= 0 && cps[j].c != U'十' && cps[j].c != U'两') ++j;
    return j > i && unit_follows(text, cps, j) ? j : i;
}

// dangling_point_at(i); when so, i moves past the point and the decimals spelt out after it.
bool dangling_point_past(std::string_view text, const code_points& cps, std::size_t& i) {
    if (!dangling_point_at(text, cps, i)) return false;
    i = spelt_decimals_end(text, cps, i + 1);
    return true;
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
// 万 or 亿 (`head`: 1万2千件 is 1.2 万件, as 1.2万件 is), else the figure itself. Asked only where a digit
// follows the code point after the digits (number_at's test, in line: most figures' digits end before a unit).
std::size_t mixed_numeral_end(const code_points& cps, std::size_t k, std::size_t i, double& value,
                              std::string_view& head) {
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
[[gnu::always_inline]] inline std::size_t mixed_numeral_at(const code_points& cps, std::size_t k, std::size_t i,
                                                           double& value, std::string_view& head) {
    return i + 1 < cps.size() && is_digit(cps[i + 1].c) ? mixed_numeral_end(cps, k, i, value, head) : 0;
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
                        std::string_view& damage, spoken_end spoken = spoken_end::none) {
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
    std::optional<double> v = chinese_figure(text, cps, k, end, spoken);
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

// A spoken range at k (三四十家 30 to 40, 十二三家, 一千二三百万元): chinese_numeral_at refuses it as one
// number; its low end into `value`, its high end into `high`, `i` past it. False if there is none.
bool spoken_range_at(std::string_view text, const code_points& cps, std::size_t k, std::size_t& i, double& value,
                     double& high, std::string_view& damage) {
    bool pair = false;
    for (std::size_t j = k + 1; j < cps.size() && is_chinese_numeral(cps[j].c) && !pair; ++j)
        pair = chinese_digit(cps[j - 1].c) > 0 && chinese_digit(cps[j].c) > 0;
    std::size_t high_end = 0;
    return pair && chinese_numeral_at(text, cps, k, i, value, damage, spoken_end::low) &&
           chinese_numeral_at(text, cps, k, high_end, high, damage, spoken_end::high) && high_end == i;
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
    // 三分之一, 四分之三: a fraction of a one-digit denominator, a share in % (33.3… %, 75 %).
    const int denominator = chinese_digit(cps[k - 3].c);
    if (!unit && denominator >= 2 && (k < 4 || !is_chinese_numeral(cps[k - 4].c)))
        unit = "%", first = k - 3, divisor = denominator / 100.0;
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
// none. Two blanks or a digit after the blank are a table's next cell or a split figure. % and ‰
// too ("占GDP的2.31 %"): without them the figure lost its unit and read as an amount.
std::size_t unit_after_blank(std::string_view text, const code_points& cps, std::size_t k, std::string& unit) {
    if (k + 1 >= cps.size() || !is_blank(cps[k].c)) return 0;
    if (const char32_t c = cps[k + 1].c; !is_ideograph(c) && c != '%' && c != U'‰') return 0;
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
// An invisible character past ASCII (U+200B, U+00AD, U+FEFF: detail::invisible_character) is not
// plain either (split_figure reads it as a blank); all but U+FEFF are below U+3000, the ideographs' start.
[[gnu::always_inline]] inline bool digits_end_plainly(const code_points& cps, std::size_t i) {
    if (i >= cps.size()) return true;
    const char32_t c = cps[i].c;
    return c == '%' ||
           (c >= 0x3000 ? c != U'。' && c != 0xFFFD && c != 0xFEFF : c >= 0x80 && !detail::invisible_character(c));
}

// "1.2亿美元", "3200万美元", "1.5亿港元": an amount in another currency. The multiplier at i (n code
// points) with the currency's name after it, so that the unit is the one written (亿美元, which
// converts to no 元: unit_mismatch), never the bare 亿 completed as 亿元 (round 30).
constexpr std::pair<std::u32string_view, std::string_view> currencies[] = {
    {U"美元", "美元"},     {U"美金", "美金"}, {U"港元", "港元"}, {U"港币", "港币"},
    {U"欧元", "欧元"},     {U"日元", "日元"}, {U"英镑", "英镑"}, {U"澳元", "澳元"},
    {U"新台币", "新台币"}, {U"卢布", "卢布"}, {U"韩元", "韩元"}, {U"加元", "加元"}};
// Their first characters (bmp_bits): the code point after most figures and units opens none, and
// the 12 names were each compared there.
constexpr bool opens_currency(char32_t c) {
    if (c < 0x4E00 || c > 0x9FFF) return false;  // all ideographs
    for (const auto& currency : currencies)
        if (currency.first[0] == c) return true;
    return false;
}
std::size_t foreign_currency(const code_points& cps, std::size_t i, std::size_t n, std::string& unit) {
    if (i + n >= cps.size() || !bmp_bits<opens_currency>::has(cps[i + n].c)) return n;
    // 3200美元 (no multiplier: the currency is the whole unit), 1.2万亿美元, 5亿美金
    if (n > 0 && !is(unit, "万") && !is(unit, "亿") && !is(unit, "千万") && !is(unit, "百万") && !is(unit, "万亿"))
        return n;
    for (const auto& [name, utf8] : currencies)
        if (starts_with(cps, i + n, name)) {
            unit.append(utf8);
            return n + name.size();
        }
    return n;
}

// "28252亿人民币", "5万人民币": money, 亿元 and 万元 — the unit read stops at 亿人 (people) before
// 民币. The length of the unit at i (n code points) with 民币, the unit then the money's; else with
// another currency's name (foreign_currency).
std::size_t renminbi(const code_points& cps, std::size_t i, std::size_t n, std::string& unit) {
    constexpr std::string_view people = "人";
    if (n == 0 || i + n + 1 >= cps.size() || cps[i + n].c != U'民' || cps[i + n + 1].c != U'币' ||
        unit.size() <= people.size() || unit.compare(unit.size() - people.size(), people.size(), people))
        return foreign_currency(cps, i, n, unit);
    unit.replace(unit.size() - people.size(), people.size(), "元");
    return n + 2;
}

// **120**家: the emphasis's closing stars after digits [k, i) stand between the figure and its unit;
// the code point after them, read past only where a unit or 万 plainly follows (the readers of damage
// in number_at then never see a star). i when none.
std::size_t past_closing_emphasis(const code_points& cps, std::size_t k, std::size_t i) {
    if (i >= cps.size() || cps[i].c != '*' || i == k || !is_digit(cps[i - 1].c)) return i;
    const std::size_t stars = star_run_end(cps, i);
    return stars < cps.size() && !is_digit(cps[stars].c) && digits_end_plainly(cps, stars) &&
                   stars_end_digits(cps, k, i)
               ? stars
               : i;
}

// q = quantity{} field by field: the unit cleared in place, not a temporary's string moved in and
// freed at each figure. Bound by a structured binding of every field, so that a field added to
// quantity stops the build here instead of carrying one figure's value into the next.
void reset(quantity& q) {
    auto& [value, high, unit, qual, masked, range, begin, end] = q;
    value = high = 0, unit.clear(), qual = qualifier::exact, masked = range = false;
    begin = end = 0;
}

// 增长一倍半 (one and a half times) and 增长了1倍多 (more than once): 半 after 倍 adds a half to a
// whole number of times, 多 after it makes the figure a lower bound, as 多 before a unit does
// (1000多家). i is just past the unit; returns the position past what was read.
std::size_t past_half_or_more_times(const code_points& cps, std::size_t i, quantity& q, double& value) {
    if (i >= cps.size() || !is(q.unit, "倍")) return i;
    if (cps[i].c == U'半' && value == std::floor(value)) return value += 0.5, i + 1;
    if (cps[i].c == U'多' && q.qual == qualifier::exact) return q.qual = qualifier::lower_bound, i + 1;
    return i;
}

// 余/多 after a figure's number (1000余家, 1000多家): over it. 二十来家, 20来家 (twenty or so): 来 after a round
// figure (a multiple of ten), before its unit — "about", as 左右; never 来自 (三十来自高校 has no unit after
// 来). i moves past the word.
void about_before_unit(std::string_view text, const code_points& cps, std::size_t& i, double value, quantity& q) {
    if (i < cps.size() && (cps[i].c == U'余' || cps[i].c == U'多'))
        q.qual = qualifier::lower_bound, ++i;
    else if (i + 1 < cps.size() && cps[i].c == U'来' && value >= 10 && std::fmod(value, 10) == 0 &&
             unit_follows(text, cps, i + 1))
        q.qual = qualifier::approximate, ++i;
}

// What may follow a Chinese numeral instead of a unit: 成 (三成 = 30 %; 三成来自高校: a share of what
// follows). A round share, never an exact one (spec §7.3, round 35): approximate, 五成多 over it; a bound
// word (近三成, 三成以上) decides in qualifiers(). True if one was read: `value` and the unit are the
// figure's, i past it.
bool tenths_share(const code_points& cps, std::size_t& i, double& value, quantity& q) {
    if (i >= cps.size() || cps[i].c != U'成' || value < 1 || value > 10) return false;
    const bool share = i + 1 >= cps.size() || stops_unit(cps[i + 1].c) || cps[i + 1].c == U'以' ||
                       cps[i + 1].c == U'左' || cps[i + 1].c == U'多' || cps[i + 1].c == U'半' ||
                       starts_with(cps, i + 1, U"来自");
    if (!share) return false;
    value *= 10, q.unit = "%", ++i;
    // 三成五 (35 %), 一成半 (15 %): a digit or 半 after 成 is its percent points, when no numeral goes on
    if (i < cps.size()) {
        const int digit = cps[i].c == U'半' ? 5 : chinese_digit(cps[i].c);
        const char32_t after = i + 1 < cps.size() ? cps[i + 1].c : 0;
        if (digit >= 1 && digit <= 9 && chinese_digit(after) < 0 && chinese_multiplier(after) == 0 && !is_digit(after))
            value += digit, ++i;
    }
    if (i < cps.size() && cps[i].c == U'多')
        q.qual = qualifier::lower_bound, ++i;
    else if (q.qual == qualifier::exact)
        q.qual = qualifier::approximate;
    return true;
}

bool number_at(std::string_view text, const code_points& cps, std::size_t k, scanned& s, bool& date) {
    date = false;
    std::size_t i = k, first = k;
    std::string_view damage;
    double value = 0, guess = std::numeric_limits<double>::quiet_NaN(), per_divisor = 1;
    bool masked = false, comma = false, chinese = false, code = false, spoken = false;
    double spoken_low = 1, spoken_high = 0;  // a spoken range's ends (三四十家), before 成 or 百分之 scale them
    std::string_view multiplier;  // 1万2千件, 227万余元 (then 余/多): the multiplier that starts the unit
    if (ordinal_or_label_at(cps, k)) {
        date = true;  // an ordinal (第2位) or a table's or figure's number (表1): stepped over, as a date is
        s.last = ordinal_end(cps, k);
        return false;
    }
    if (is_digit(cps[k].c) || (is_mask(cps[k].c) && !stars_before_digits(cps, k))) {  // a lone x needs a unit (below)
        // ".35亿元": a point with no digit before it, after a word: the digits before it were lost.
        const bool leading_point = k > 0 && cps[k - 1].c == '.' && is_digit(cps[k].c) &&
                                   (k < 2 || (!is_digit(cps[k - 2].c) && !is_letter(cps[k - 2].c) &&
                                              !is_mask(cps[k - 2].c) && cps[k - 2].c != '.'));
        if (k > 0 && (is_letter(cps[k - 1].c) || is_digit(cps[k - 1].c) || (cps[k - 1].c == '.' && !leading_point)))
            return false;
        i = past_closing_emphasis(cps, k, arabic(cps, k, value, masked, comma));
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
        } else if (const std::size_t mixed = masked || comma ? 0 : mixed_numeral_at(cps, k, i, value, multiplier)) {
            i = mixed;
        } else if (std::string_view kind; !masked && !skip_damage) {  // leading_point: not here
            if (const std::size_t end = split_figure(text, cps, k, i, kind, guess)) damage = kind, i = end;
        }
        if (!masked && !stray_end && dangling_point_past(text, cps, i)) damage = "dangling_point", guess = value;
    } else if (is_chinese_numeral(cps[k].c) && cps[k].c != U'点') {
        chinese = chinese_numeral_at(text, cps, k, i, value, damage) ||
                  (spoken = spoken_range_at(text, cps, k, i, value, spoken_high, damage));
        if (!chinese) return false;
        spoken_low = value;
    } else {
        return false;
    }
    if (date_word(cps, i)) {
        date = true;
        s.last = i;
        return false;
    }
    quantity& q = s.q;
    reset(q);
    q.masked = masked;
    s.damage = damage;
    s.guess = guess;  // the digits before the lost ones, the fragments of a split figure joined
    if (!damage.empty()) value = std::numeric_limits<double>::quiet_NaN();
    s.thousands_comma = comma && !masked;
    if (multiplier.empty() && i + 1 < cps.size() && (cps[i].c == U'万' || cps[i].c == U'亿') &&
        (cps[i + 1].c == U'余' || cps[i + 1].c == U'多'))
        multiplier = cps[i].c == U'万' ? std::string_view("万") : std::string_view("亿"), ++i;
    about_before_unit(text, cps, i, value, q);
    if (!chinese || !tenths_share(cps, i, value, q)) {
        std::string after_multiplier, &unit = multiplier.empty() ? q.unit : after_multiplier;  // q.unit: no copy
        std::size_t n = renminbi(cps, i, with_visits(cps, i, unit_length(text, cps, i, unit), unit), unit);
        if (!n && !masked) n = word_after_number(text, cps, k, i, unit, multiplier.empty(), chinese, value);
        if (n && multiplier.empty()) n += scaled_measure_word(cps, i + n, unit);
        if (!multiplier.empty()) q.unit.assign(multiplier).append(after_multiplier);  // 227万余元, or 万 alone
        if (n || !multiplier.empty())
            i = past_half_or_more_times(cps, i + n, q, value);
        else if (const char* per = damage.empty() ? per_word_before(cps, k, per_divisor, first) : nullptr)
            q.unit = per, value /= per_divisor;  // 百分之十二点五 = 12.5 %, 千分之三 = 3 ‰
        else if (chinese || (masked && !masked_decimal(cps, k, i)) || code || damage == "leading_point")
            return false;  // a Chinese numeral, a placeholder or a code needs a unit to be a figure
    }
    if (!chinese && first == k) minus_sign_before(cps, k, s, first, value);
    q.value = q.high = value;
    if (spoken) q.high = spoken_high * (value / spoken_low), q.range = true;
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

// The last characters of the words qualifiers() reads before a figure (不超过, 不高于…, 超过, 突破, 逾,
// 超, 不足, 不到, 近, 约, 约为, 上): before most figures stands none of them, and its dozen word tests are skipped.
constexpr bool ends_bound_word(char32_t c) {
    return c == U'过' || c == U'于' || c == U'破' || c == U'逾' || c == U'超' || c == U'足' || c == U'近' ||
           c == U'约' || c == U'上' || c == U'到' || c == U'为';
}

// The bound word that ends at `before` (不超过, 超过, 突破, 逾, 超, 不足, 近, 约, 上 before a bounded
// magnitude): where it starts, its qualifier into `qual`; `before` if there is none.
std::size_t bound_word_start_after_test(const code_points& cps, std::size_t before, qualifier& qual) {
    // 达到 and 为 stand before many figures: only 不到 and 约为 of the words below end so
    if (cps[before - 1].c == U'到')
        return ends_with(cps, before, U"不到") ? (qual = qualifier::upper_bound, before - 2) : before;
    if (cps[before - 1].c == U'为')
        return ends_with(cps, before, U"约为") && !closes_a_word(cps, before - 1)
                   ? (qual = qualifier::approximate, before - 2)
                   : before;
    if (const std::size_t n = negated_bound(cps, before, qual)) return before - n;  // 不超过50万元, 不少于50场次
    if (ends_with(cps, before, U"超过") || ends_with(cps, before, U"突破") || ends_with(cps, before, U"逾"))
        return qual = qualifier::lower_bound, before - (ends_with(cps, before, U"逾") ? 1 : 2);
    if (ends_with(cps, before, U"超") && !closes_a_word(cps, before))
        return qual = qualifier::lower_bound, before - 1;                    // 超2000家: 超过 in short
    if (ends_with(cps, before, U"不足") || ends_with(cps, before, U"不到"))  // 不到1200家: under, as 不足
        return qual = qualifier::upper_bound, before - 2;
    if (ends_with(cps, before, U"近") && !closes_a_word(cps, before)) return qual = qualifier::upper_bound, before - 1;
    if (ends_with(cps, before, U"约") && !closes_a_word(cps, before)) return qual = qualifier::approximate, before - 1;
    if (ends_with(cps, before, U"约为") && !closes_a_word(cps, before - 1))  // 约为1.2万家: about, as 约
        return qual = qualifier::approximate, before - 2;
    if (ends_with(cps, before, U"上") && bounded_magnitude(cps, before))  // 上百家: over a hundred
        return qual = qualifier::lower_bound, before - 1;
    return before;
}
// The test that answers for most figures in line (the call's entry and exit cost more than it at each figure).
[[gnu::always_inline]] inline std::size_t bound_word_start(const code_points& cps, std::size_t before,
                                                           qualifier& qual) {
    if (before == 0 || !bmp_bits<ends_bound_word>::has(cps[before - 1].c)) return before;  // most figures
    return bound_word_start_after_test(cps, before, qual);
}

// 上下 after a figure (2.6%上下, 1200家上下): "about", as 左右 — not 上下游 (upstream and downstream
// firms) nor 上下级: only before what is no ideograph or 的.
bool about_after(const code_points& cps, std::size_t k) {
    return starts_with(cps, k, U"上下") &&
           (k + 2 >= cps.size() || !is_ideograph(cps[k + 2].c) || cps[k + 2].c == U'的');
}

[[gnu::always_inline]] inline void qualifiers(const code_points& cps, scanned& s) {  // once a figure
    quantity& q = s.q;
    std::size_t before = bound_word_start(cps, s.first, q.qual), after = s.last;
    if (starts_with(cps, after, U"左右") || about_after(cps, after))
        q.qual = qualifier::approximate, after += 2;
    else if (starts_with(cps, after, U"出头"))  // 1200家出头: a little over 1200
        q.qual = qualifier::lower_bound, after += 2;
    else if (starts_with(cps, after, U"以上"))
        q.qual = qualifier::lower_bound, after += 2;
    else if (starts_with(cps, after, U"以下") || starts_with(cps, after, U"以内"))
        q.qual = qualifier::upper_bound, after += 2;
    s.first = before, s.last = after;
}

}  // namespace
}  // namespace zhibiao
