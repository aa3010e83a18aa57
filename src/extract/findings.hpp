#pragma once
// Layer 9: what is checked about a fact and a table of facts: a figure's unit against its variable's,
// damage messages, implausible zeros, lost list numbers and parts larger than their totals. Takes
// facts as columns and gives report_findings; the checks change apart from the binding.
#include <optional>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "extract/lexicon.hpp"
#include "core/try_parse_unit.hpp"
#include "zhibiao/units.hpp"

namespace zhibiao {
namespace {

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

// Does a clause end (，。；！？、 and their ASCII forms, a line break) at byte `at`?
bool one_of_bytes_clause_end(std::string_view text, std::size_t at) {
    for (const std::string_view mark : {"，", "。", "；", "！", "？", "、", "）", "”"})
        if (text.compare(at, mark.size(), mark) == 0) return true;
    return at < text.size() && (text[at] == ',' || text[at] == ';' || text[at] == '.' || text[at] == '\n' ||
                                text[at] == '\r' || text[at] == '!' || text[at] == '?' || text[at] == ')');
}

// The byte where 翻 (E7 BF BB) next starts in [from, to), `to` when none: 16 bytes at a time (SSE2, the
// x86-64 baseline), comparing each byte and the two after it at once; byte by byte elsewhere. A memchr
// for one of its bytes stopped every 20-30 bytes of Chinese text (纟 and 辶 characters share them).
std::size_t next_fan(std::string_view text, std::size_t from, std::size_t to) {
    std::size_t k = from;
#if defined(__SSE2__)
    const __m128i e7 = _mm_set1_epi8(static_cast<char>(0xE7)), bf = _mm_set1_epi8(static_cast<char>(0xBF)),
                  bb = _mm_set1_epi8(static_cast<char>(0xBB));
    for (; k + 18 <= to; k += 16) {
        const char* p = text.data() + k;
        const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)),
                      b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 1)),
                      c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 2));
        const int mask = _mm_movemask_epi8(
            _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(a, e7), _mm_cmpeq_epi8(b, bf)), _mm_cmpeq_epi8(c, bb)));
        if (mask) return k + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
    }
#endif
    for (; k + 3 <= to; ++k)
        if (text[k] == '\xE7' && text[k + 1] == '\xBF' && text[k + 2] == '\xBB') return k;
    return to;
}

// "研发经费投入比2020年翻一番": a doubling (翻一番 ×2, 翻两番 ×4, 翻三番 ×8, 翻番/翻倍 ×2) gives no row of
// its own (a multiple of a base, often not the year before, is no level and no change of the period)
// but a finding `doubling`, quoting its clause up to the word: never nothing (round 34). 翻了一番多 and
// 翻一番以上 are "more than"; a clause of 力争/目标/预计… a target. Not a doubling: 推翻, a bare 翻番/翻倍
// naming something (翻番计划, 翻倍数). The chunk's bytes are read once (next_fan).
void doublings(std::string_view text, const code_points& cps, std::vector<report_finding>& findings) {
    const std::size_t to = cps.byte_at(cps.size());
    static constexpr std::pair<std::string_view, int> words[] = {{"一番", 2}, {"两番", 4}, {"二番", 4},
                                                                 {"三番", 8}, {"番", 2},   {"倍", 2}};
    for (std::size_t k = next_fan(text, cps.byte_at(0), to); k < to; k = next_fan(text, k + 3, to)) {
        std::size_t end = k + 3;
        if (text.compare(end, 3, "了") == 0) end += 3;
        int times = 0;
        for (const auto& [word, factor] : words)
            if (text.compare(end, word.size(), word) == 0) {
                times = factor, end += word.size();
                break;
            }
        if (times == 0 || end > to || (k >= 3 && text.compare(k - 3, 3, "推") == 0)) continue;
        const bool more = text.compare(end, 3, "多") == 0 || text.compare(end, 6, "以上") == 0;
        // a bare 翻番/翻倍 is a doubling only where its clause ends (翻番计划 names a plan)
        if (end - k <= 6 + (text.compare(k + 3, 3, "了") == 0 ? 3 : 0) && !more && end < to &&
            !one_of_bytes_clause_end(text, end))
            continue;
        const auto point_at = [&](std::size_t byte) {
            return static_cast<std::size_t>(
                std::lower_bound(cps.begin(), cps.end(), byte,
                                 [](const code_point& c, std::size_t b) { return c.begin < b; }) -
                cps.begin());
        };
        const std::size_t last = point_at(end);
        std::size_t first = point_at(k);
        while (first > 0 && last - first < 40 && !one_of(cps[first - 1].c, U"，,；;。！？!?\n\r：:")) --first;
        const std::string_view clause = text.substr(cps.byte_at(first), k - cps.byte_at(first));
        bool target = false;
        for (const std::string_view word : {"力争", "目标", "预计", "计划", "争取", "确保", "将实现"})
            target = target || clause.find(word) != std::string_view::npos;
        findings.push_back(make_finding(
            text, cps, first, last, "doubling",
            std::string(text.substr(k, end - k)) + ": " + (more ? "more than " : "") + "×" + std::to_string(times) +
                " the level of the base it is compared with (a change of " + (more ? "over " : "") + "+" +
                std::to_string((times - 1) * 100) + " %)" + (target ? ", a target" : "") +
                ": no row of its own (a multiple of a base is no level); the quantity is the one its clause "
                "names"));
    }
}

// A line that starts with 、 lost the number of its list item; `line_start` carries from one chunk
// to the next. Only the bytes after a line break are read (a line break byte is never inside a
// character). The chunk's doublings are looked for here too (the one pass over each chunk that
// gives findings).
void lost_list_numbers(std::string_view text, const code_points& cps, bool& line_start,
                       std::vector<report_finding>& findings) {
    doublings(text, cps, findings);
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

// part_of() below once a 其中 ends at byte `after`, out of line: most figures have none, and the call of
// the whole function (its frame) cost more than the lookup that answers them.
bool part_after(std::string_view text, const word_index& sentence_ends, std::size_t total_end, std::size_t begin,
                std::size_t after) {
    static constexpr std::string_view total_ends[] = {"。", "！", "？", "\n", "\r", " "};
    static constexpr std::string_view list_ends[] = {"。", "！", "？", "\n"};
    std::size_t opening = after - std::string_view("其中").size();
    // back over the ends of the total's sentence right before the 其中 (。, a line break, blanks)
    for (bool more = true; more && opening > total_end;) {
        more = false;
        for (const std::string_view end : total_ends)
            if (opening - total_end >= end.size() && text.compare(opening - end.size(), end.size(), end) == 0) {
                opening -= end.size(), more = true;
                break;
            }
    }
    if (sentence_ends.any_inside(total_end, opening)) return false;
    const std::string_view list = text.substr(after, begin - after);
    for (const std::string_view end : list_ends)
        if (list.find(end) != std::string_view::npos) return false;
    return true;
}
// Is the figure at byte `begin` a part of the total ending at `total_end`? A 其中 lies between them,
// in the total's sentence or opening the next one (…入库612家。其中制造业企业395家), and no end of a
// sentence between the 其中 and the figure but a ；, which goes on with the list of parts (其中制造业
// 企业395家，占64.5%；软件和信息服务业企业148家); a total of its own after it is new_total's.
inline bool part_of(std::string_view text, const word_index& part_words, const word_index& sentence_ends,
                    std::size_t total_end, std::size_t begin) {
    const std::size_t after = part_words.last_end_inside(total_end, begin);
    return after != 0 && part_after(text, sentence_ends, total_end, begin, after);
}

// "预算执行率为88.4%…其中…执行率100%": a rate (率 in its clause before the figure, in % or ‰) is neither
// a total nor a part, since rates do not add up; a share (占, 比重, 占比) is a part of its whole's (round 28).
// Asked of every row: the unit's length first (an id the table wrote, so no checked text_of()).
bool rate_row(std::string_view text, const fact_table& t, std::size_t i) {
    const std::string& unit = t.strings[t.unit[i]];
    return (is(unit, "%") || is(unit, "‰")) &&  // is(): no library compare and strlen per row
           text.substr(t.clause_begin[i], t.begin[i] - t.clause_begin[i]).find("率") != std::string_view::npos;
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
        if (t.has(i, fact_flag::change) || rate_row(text, t, i)) continue;
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

}  // namespace
}  // namespace zhibiao
