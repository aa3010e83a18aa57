// Report text → quantities and facts (extract.hpp). The text is decoded once into code points
// with their byte offsets; numbers, units, qualifiers and periods are read off that array.
#include "zhibiao/extract.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <unordered_map>

#include "text.hpp"
#include "toml.hpp"
#include "zhibiao/error.hpp"
#include "zhibiao/period.hpp"
#include "zhibiao/units.hpp"

namespace zhibiao {
extern const char* const builtin_extract_lexicon;

namespace {

struct code_point {
    char32_t c;
    std::size_t begin, end;
};

// Full-width ASCII forms, the ideographic space and U+2212 are read as their ASCII twins (NFKC
// for these characters); a byte that is not UTF-8 becomes U+FFFD and is counted.
std::vector<code_point> decode(std::string_view s, std::size_t& invalid) {
    std::vector<code_point> out;
    out.reserve(s.size());
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    for (std::size_t i = 0; i < s.size();) {
        unsigned c = p[i];
        std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (n == 0 || i + n > s.size() || detail::valid_utf8_prefix(s.substr(i, n)) != n) {
            out.push_back({0xFFFD, i, i + 1});
            ++invalid;
            ++i;
            continue;
        }
        char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
        for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (p[i + k] & 0x3F);
        if (cp >= 0xFF01 && cp <= 0xFF5E) cp = cp - 0xFF01 + 0x21;
        if (cp == 0x3000) cp = ' ';
        if (cp == 0x2212) cp = '-';
        out.push_back({cp, i, i + n});
        i += n;
    }
    return out;
}

bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }
bool is_mask(char32_t c) { return c == 'x' || c == 'X'; }
bool is_letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

int chinese_digit(char32_t c) {
    switch (c) {
        case U'零': case U'〇': return 0;
        case U'一': case U'壹': return 1;
        case U'二': case U'两': case U'贰': return 2;
        case U'三': case U'叁': return 3;
        case U'四': case U'肆': return 4;
        case U'五': case U'伍': return 5;
        case U'六': case U'陆': return 6;
        case U'七': case U'柒': return 7;
        case U'八': case U'捌': return 8;
        case U'九': case U'玖': return 9;
        default: return -1;
    }
}
double chinese_multiplier(char32_t c) {
    switch (c) {
        case U'十': case U'拾': return 10;
        case U'百': case U'佰': return 100;
        case U'千': case U'仟': return 1000;
        case U'万': return 1e4;
        case U'亿': return 1e8;
        default: return 0;
    }
}
bool is_chinese_numeral(char32_t c) { return chinese_digit(c) >= 0 || chinese_multiplier(c) > 0 || c == U'廿' || c == U'卅' || c == U'点'; }

// The numeral grammar of §7.3 over a run of code points; nullopt if it is not a numeral (only
// multipliers, two decimal points, a multiplier inside the decimals).
std::optional<double> chinese_value(const std::vector<code_point>& cps, std::size_t from, std::size_t to) {
    double total = 0, section = 0, number = 0, fraction = 0, scale = 0.1;
    bool any = false, previous_digit = false, decimals = false, hundred_million = false;
    for (std::size_t k = from; k < to; ++k) {
        const char32_t c = cps[k].c;
        const int d = chinese_digit(c);
        if (d >= 0) {
            if (decimals) fraction += d * scale, scale /= 10;
            else number = previous_digit ? number * 10 + d : d;
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
            section += c == U'廿' ? 20 : 30, number = 0, any = true;
            continue;
        }
        const double m = chinese_multiplier(c);
        if (m == 0) return std::nullopt;
        if (m == 1e4 || m == 1e8) {
            const double base = section + number + fraction;
            // 一亿二千万: a 万 after 亿 scales only its own section; 十万亿: 亿 scales everything.
            if (m == 1e4) total = hundred_million ? total + base * 1e4 : (total + base) * 1e4;
            else total = (total + base) * 1e8, hundred_million = true;
            section = number = fraction = 0, scale = 0.1, decimals = false;
            continue;
        }
        if (decimals) return std::nullopt;
        if (m == 10) any = true;  // 十 alone is ten
        section += (number == 0 ? 1 : number) * m;
        number = 0;
    }
    if (!any) return std::nullopt;
    return total + section + number + fraction;
}

bool clause_end(char32_t c) {
    return c == U'。' || c == ';' || c == U'；' || c == '!' || c == U'！' || c == '?' || c == U'？' || c == '\n' || c == '\r' || c == ',' ||
           c == U'，';
}
bool stops_unit(char32_t c) {
    return c == ' ' || c == '\t' || is_digit(c) || clause_end(c) || c == U'、' || c == '(' || c == ')' || c == U'（' || c == U'）' || c == ':' ||
           c == U'：' || c == U'“' || c == U'”' || c == '"' || c == 0xFFFD ||
           (is_chinese_numeral(c) && c != U'万' && c != U'亿' && c != U'千' && c != U'百' && c != U'点');  // 个百分点
}
bool is_dash(char32_t c) { return c == '-' || c == U'—' || c == U'–' || c == '~' || c == U'～' || c == U'至' || c == U'到'; }
bool date_word(const std::vector<code_point>& cps, std::size_t k) {
    if (k >= cps.size()) return false;
    const char32_t c = cps[k].c;
    return c == U'年' || c == U'月' || c == U'日' || c == U'号' || c == U'时' ||
           (c == U'季' && k + 1 < cps.size() && cps[k + 1].c == U'度');
}

std::string slice(std::string_view text, const std::vector<code_point>& cps, std::size_t from, std::size_t to) {
    if (from >= to) return {};
    return std::string(text.substr(cps[from].begin, cps[to - 1].end - cps[from].begin));
}

// The text of code points [from, to) with every byte that was not UTF-8 shown as U+FFFD, so a
// quoted clause is always valid text.
std::string quote(std::string_view text, const std::vector<code_point>& cps, std::size_t from, std::size_t to) {
    std::string out;
    for (std::size_t k = from; k < to; ++k) {
        if (cps[k].c == 0xFFFD && cps[k].end - cps[k].begin == 1) out += "\xEF\xBF\xBD";
        else out.append(text.substr(cps[k].begin, cps[k].end - cps[k].begin));
    }
    return out;
}
bool starts_with(const std::vector<code_point>& cps, std::size_t k, std::u32string_view word) {
    if (k + word.size() > cps.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i)
        if (cps[k + i].c != word[i]) return false;
    return true;
}
bool ends_with(const std::vector<code_point>& cps, std::size_t k, std::u32string_view word) {  // word ends just before k
    return k >= word.size() && starts_with(cps, k - word.size(), word);
}

// The longest run after `k` (up to 8 code points) that is a unit zhibiao knows; 0 if none.
std::size_t unit_length(std::string_view text, const std::vector<code_point>& cps, std::size_t k, std::string& unit) {
    if (k < cps.size() && (cps[k].c == '%' || cps[k].c == U'‰')) {
        unit = cps[k].c == '%' ? "%" : "‰";
        return 1;
    }
    std::size_t limit = k;
    while (limit < cps.size() && limit - k < 8 && !stops_unit(cps[limit].c)) ++limit;
    // Most candidates are not units, and finding that out costs an exception: remember the
    // answers (per thread, bounded) — a report repeats the same few words after its numbers.
    thread_local std::unordered_map<std::string, bool> known;
    if (known.size() > 4096) known.clear();
    for (std::size_t n = limit - k; n > 0; --n) {
        const std::string candidate = slice(text, cps, k, k + n);
        auto it = known.find(candidate);
        if (it == known.end()) {
            bool ok = true;
            try {
                (void)unit::parse(candidate);
            } catch (const error&) {
                ok = false;
            }
            it = known.emplace(candidate, ok).first;
        }
        if (it->second) {
            unit = candidate;
            return n;
        }
    }
    return 0;
}

struct scanned {
    quantity q;
    std::size_t first = 0, last = 0;  // code point range
    bool thousands_comma = false;
};

// An Arabic number at k: digits, '.', a thousands separator before exactly three digits, and
// placeholder x/X; returns the code point after it.
std::size_t arabic(const std::vector<code_point>& cps, std::size_t k, double& value, bool& masked, bool& comma) {
    std::string digits;
    std::size_t i = k;
    bool point = false;
    while (i < cps.size()) {
        const char32_t c = cps[i].c;
        if (is_digit(c) || is_mask(c)) {
            masked |= is_mask(c);
            digits.push_back(is_mask(c) ? '0' : static_cast<char>(c));
            ++i;
        } else if (c == '.' && !point && i + 1 < cps.size() && (is_digit(cps[i + 1].c) || is_mask(cps[i + 1].c))) {
            point = true;
            digits.push_back('.');
            ++i;
        } else if (c == ',' && !point && i + 3 < cps.size() && is_digit(cps[i + 1].c) && is_digit(cps[i + 2].c) && is_digit(cps[i + 3].c) &&
                   (i + 4 >= cps.size() || !is_digit(cps[i + 4].c))) {
            comma = true;
            i += 1;  // the separator; the digits follow in the next rounds
        } else {
            break;
        }
    }
    value = digits.empty() ? std::numeric_limits<double>::quiet_NaN() : std::strtod(digits.c_str(), nullptr);
    if (masked || !std::isfinite(value)) value = std::numeric_limits<double>::quiet_NaN();
    return i;
}

// One number (Arabic or Chinese) with what directly follows it: 余/多, the unit, 成. Returns
// false if there is no quantity at k.
bool number_at(std::string_view text, const std::vector<code_point>& cps, std::size_t k, scanned& s, bool& date) {
    date = false;
    std::size_t i = k;
    double value = 0;
    bool masked = false, comma = false, chinese = false;
    if (is_digit(cps[k].c) || is_mask(cps[k].c)) {  // a lone x is a placeholder only if a unit follows (below)
        if (k > 0 && (is_letter(cps[k - 1].c) || is_digit(cps[k - 1].c) || cps[k - 1].c == '.')) return false;
        i = arabic(cps, k, value, masked, comma);
        if (i < cps.size() && is_letter(cps[i].c) && !is_mask(cps[i].c)) return false;  // "5G", "2025H1": a name
    } else if (is_chinese_numeral(cps[k].c) && cps[k].c != U'点') {
        if (k > 0 && is_chinese_numeral(cps[k - 1].c)) return false;
        std::size_t end = k;
        while (end < cps.size() && is_chinese_numeral(cps[end].c)) ++end;
        // Back off trailing multipliers that start a unit (二十万元: 二十万 + 元 is fine; 二十万人 too).
        std::optional<double> v = chinese_value(cps, k, end);
        if (!v) return false;
        value = *v, i = end, chinese = true;
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
    s.thousands_comma = comma && !masked;
    // 227万余元, 50多家: the multiplier, then 余/多, then the rest of the unit.
    std::string multiplier;
    if (i + 1 < cps.size() && (cps[i].c == U'万' || cps[i].c == U'亿') && (cps[i + 1].c == U'余' || cps[i + 1].c == U'多'))
        multiplier = cps[i].c == U'万' ? "万" : "亿", ++i;
    if (i < cps.size() && (cps[i].c == U'余' || cps[i].c == U'多')) q.qual = qualifier::lower_bound, ++i;
    if (chinese && i < cps.size() && cps[i].c == U'成' && value >= 1 && value <= 10 &&
        (i + 1 >= cps.size() || stops_unit(cps[i + 1].c) || cps[i + 1].c == U'以' || cps[i + 1].c == U'左' || cps[i + 1].c == U'多')) {
        value *= 10, q.unit = "%", ++i;  // 三成 = 30%
    } else {
        std::string unit;
        const std::size_t n = unit_length(text, cps, i, unit);
        if (n) q.unit = multiplier + unit, i += n;
        else if (!multiplier.empty()) q.unit = multiplier;
        else if (chinese || masked) return false;  // a Chinese numeral or a placeholder needs a unit to be a figure
    }
    q.value = q.high = value;
    s.first = k, s.last = i;
    return true;
}

void qualifiers(const std::vector<code_point>& cps, scanned& s) {
    quantity& q = s.q;
    std::size_t before = s.first, after = s.last;
    if (ends_with(cps, before, U"超过") || ends_with(cps, before, U"逾")) q.qual = qualifier::lower_bound, before -= ends_with(cps, before, U"逾") ? 1 : 2;
    else if (ends_with(cps, before, U"不足")) q.qual = qualifier::upper_bound, before -= 2;
    else if (ends_with(cps, before, U"近")) q.qual = qualifier::upper_bound, before -= 1;
    else if (ends_with(cps, before, U"约")) q.qual = qualifier::approximate, before -= 1;
    if (starts_with(cps, after, U"左右")) q.qual = qualifier::approximate, after += 2;
    else if (starts_with(cps, after, U"以上")) q.qual = qualifier::lower_bound, after += 2;
    else if (starts_with(cps, after, U"以下") || starts_with(cps, after, U"以内")) q.qual = qualifier::upper_bound, after += 2;
    s.first = before, s.last = after;
}

struct period_state {
    int year = 0;
    std::optional<period> current;
};

// Reads a period expression at k, if any, into `state`; returns its length in code points.
std::size_t period_at(const std::vector<code_point>& cps, std::size_t k, period_state& state) {
    auto number = [&](std::size_t i, std::size_t& end) {
        int v = 0;
        end = i;
        while (end < cps.size() && is_digit(cps[end].c) && end - i < 4) v = v * 10 + static_cast<int>(cps[end].c - '0'), ++end;
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
        if (starts_with(cps, k, U"上半年") || starts_with(cps, k, U"下半年")) {
            set(period::half(state.year, cps[k].c == U'上' ? 1 : 2));
            return 3;
        }
        if (starts_with(cps, k, U"全年")) {
            // 去年全年 / 上年全年 is last year: a comparison, not the period of what follows.
            if (!ends_with(cps, k, U"去年") && !ends_with(cps, k, U"上年") && !ends_with(cps, k, U"前年")) set(period::year(state.year));
            return 2;
        }
        if (starts_with(cps, k, U"前三季度")) {
            set(period::year_to_date(state.year, 9));
            return 4;
        }
        if (starts_with(cps, k, U"截至") || starts_with(cps, k, U"截止")) {
            std::size_t end = 0;
            const int m = k + 2 < cps.size() ? number(k + 2, end) : 0;
            if (m >= 1 && m <= 12 && end < cps.size() && cps[end].c == U'月') {
                set(period::month(state.year, m));
                return end + 1 - k;
            }
            return 2;
        }
        std::size_t end = 0;
        const int v = (is_digit(cps[k].c) || chinese_digit(cps[k].c) > 0 || cps[k].c == U'十') ? number(k, end) : 0;
        if (!v || (k > 0 && is_digit(cps[k - 1].c))) return 0;
        if (end < cps.size() && cps[end].c == U'年' && v >= 1900 && v <= 2200) {
            state.year = v, state.current = period::year(v);
            return end + 1 - k;
        }
        if (starts_with(cps, end, U"季度") && v >= 1 && v <= 4) {
            set(period::quarter(state.year, v));
            return end + 2 - k;
        }
        if (end < cps.size() && is_dash(cps[end].c) && v == 1) {  // 1-10月: January to October
            std::size_t end2 = 0;
            const int m = end + 1 < cps.size() ? number(end + 1, end2) : 0;
            if (m >= 1 && m <= 12 && end2 < cps.size() && cps[end2].c == U'月') {
                set(period::year_to_date(state.year, m));
                return end2 + 1 - k;
            }
        }
        if (end < cps.size() && cps[end].c == U'月' && v >= 1 && v <= 12) {
            set(period::month(state.year, v));
            return end + 1 - k;
        }
    } catch (const error&) {
    }
    return 0;
}

std::vector<scanned> scan(std::string_view text, const std::vector<code_point>& cps, std::vector<std::pair<std::size_t, std::string>>* periods) {
    std::vector<scanned> out;
    period_state state;
    for (std::size_t k = 0; k < cps.size();) {
        if (const std::size_t n = period_at(cps, k, state)) {
            if (periods) periods->push_back({k, state.current ? state.current->to_string() : std::string()});
            k += n;
            continue;
        }
        scanned s;
        bool date = false;
        if (!number_at(text, cps, k, s, date)) {
            k = date ? std::max(k + 1, s.last) : k + 1;
            continue;
        }
        // A range: 5%—10%, 5-10%, 5至10%.
        if (s.last + 1 < cps.size() && is_dash(cps[s.last].c)) {
            scanned second;
            bool second_date = false;
            if (number_at(text, cps, s.last + 1, second, second_date) && (second.q.unit == s.q.unit || s.q.unit.empty())) {
                s.q.high = second.q.value;
                s.q.unit = second.q.unit;
                s.q.range = true;
                s.q.masked |= second.q.masked;
                s.last = second.last;
            }
        }
        qualifiers(cps, s);
        s.q.begin = cps[s.first].begin;
        s.q.end = cps[s.last - 1].end;
        out.push_back(s);
        k = s.last;
    }
    return out;
}

}  // namespace

bool parse_chinese_number(std::string_view text, double& value) {
    std::size_t invalid = 0;
    const std::vector<code_point> cps = decode(text, invalid);
    if (invalid || cps.empty()) return false;
    const std::optional<double> v = chinese_value(cps, 0, cps.size());
    if (!v) return false;
    value = *v;
    return true;
}

std::vector<quantity> find_quantities(std::string_view text) {
    std::size_t invalid = 0;
    const std::vector<code_point> cps = decode(text, invalid);
    std::vector<quantity> out;
    for (const auto& s : scan(text, cps, nullptr)) out.push_back(s.q);
    return out;
}

lexicon lexicon_from_toml(std::string_view text, const std::string& source) {
    const detail::toml_document doc(text, source);
    lexicon out;
    detail::each_toml_table(doc.root(), "variable", source, [&](const detail::toml_reader& r) {
        lexicon_entry e;
        e.variable = r.text("id", true);
        const detail::toml_reader named = r.as("variable '" + e.variable + "'");
        e.phrases = named.texts("phrases");
        if (e.phrases.empty()) named.fail("phrases", "must list at least one phrase");
        for (const auto& p : e.phrases)
            if (p.empty()) named.fail("phrases", "must not hold an empty phrase");
        e.unit = named.text("unit");
        if (!e.unit.empty()) {
            try {
                (void)unit::parse(e.unit);
            } catch (const error& err) {
                named.fail("unit", err.message());
            }
        }
        out.push_back(std::move(e));
    });
    return out;
}

const lexicon& builtin_lexicon() {
    static const lexicon words = lexicon_from_toml(builtin_extract_lexicon, "data/extract.toml (built in)");
    return words;
}

extraction extract(std::string_view text, const lexicon& words) {
    extraction out;
    const std::vector<code_point> cps = decode(text, out.invalid_bytes);
    std::vector<std::pair<std::size_t, std::string>> periods;
    const std::vector<scanned> found = scan(text, cps, &periods);
    std::size_t period_index = 0;
    std::string current_period;
    std::size_t previous_end = 0;  // code point after the previous quantity
    for (const scanned& s : found) {
        while (period_index < periods.size() && periods[period_index].first < s.first) current_period = periods[period_index++].second;
        std::size_t clause = s.first;
        while (clause > 0 && !clause_end(cps[clause - 1].c)) --clause;
        std::size_t clause_stop = s.last;
        while (clause_stop < cps.size() && !clause_end(cps[clause_stop].c)) ++clause_stop;
        fact f;
        f.amount = s.q;
        f.period = current_period;
        f.text = quote(text, cps, s.first, s.last);
        f.clause = quote(text, cps, clause, clause_stop);
        // The phrase closest before the number: first after the previous figure of the clause,
        // else anywhere earlier in the clause (a subject shared by a list of figures).
        auto find_phrase = [&](std::size_t from, std::size_t to, const lexicon_entry*& entry, std::size_t& phrase_end) {
            if (from >= to) return false;
            const std::string_view window = text.substr(cps[from].begin, cps[to - 1].end - cps[from].begin);
            std::size_t best_end = 0, best_length = 0;
            for (const auto& e : words)
                for (const auto& p : e.phrases)
                    for (std::size_t at = window.find(p); at != std::string_view::npos; at = window.find(p, at + 1)) {
                        const std::size_t end = at + p.size();
                        if (end > best_end || (end == best_end && p.size() > best_length)) best_end = end, best_length = p.size(), entry = &e, f.phrase = p;
                    }
            phrase_end = cps[from].begin + best_end;
            return best_length > 0;
        };
        const lexicon_entry* entry = nullptr;
        std::size_t phrase_end = 0;
        const std::size_t after_previous = std::max(clause, previous_end);
        bool shared = false;
        if (!find_phrase(after_previous, s.first, entry, phrase_end) && after_previous > clause)
            shared = find_phrase(clause, after_previous, entry, phrase_end);
        previous_end = s.last;
        // "…241.8万元，同比增长12.5%": a clause that only states a change refers to the figure before.
        const std::string_view lead = text.substr(cps[clause].begin, s.q.begin - cps[clause].begin);
        const bool change_only = !entry && !out.facts.empty() && !out.facts.back().variable.empty() &&
                                 (lead.find("同比") != std::string_view::npos || lead.find("增长") != std::string_view::npos ||
                                  lead.find("下降") != std::string_view::npos);
        if (change_only) {
            for (const auto& e : words)
                if (e.variable == out.facts.back().variable) entry = &e;
            f.phrase = out.facts.back().phrase;
            shared = true;
            phrase_end = cps[clause].begin;
        }
        if (entry) {
            f.variable = entry->variable;
            if (shared) f.flags.push_back("phrase_shared");
            const std::string_view between = text.substr(phrase_end, s.q.begin - std::min(phrase_end, s.q.begin));
            for (const char* word : {"增长", "增加", "提高", "提升", "下降", "减少", "同比", "增幅", "降幅"})
                if (between.find(word) != std::string_view::npos) {
                    f.flags.push_back("change");
                    break;
                }
            const bool rate_of_change = (!f.flags.empty() && f.flags.back() == "change") &&
                                        (f.amount.unit == "%" || f.amount.unit == "个百分点" || f.amount.unit == "百分点");
            if (!entry->unit.empty() && !f.amount.unit.empty() && !rate_of_change) {
                try {
                    const unit expected = unit::parse(entry->unit), written = unit::parse(f.amount.unit);
                    if (!written.convertible_to(expected)) {
                        const auto slash = entry->unit.find('/');
                        bool implied = false;
                        if (slash != std::string::npos) implied = written.convertible_to(unit::parse(entry->unit.substr(0, slash)));
                        f.flags.push_back(implied ? "unit_implied" : "unit_mismatch");
                    }
                } catch (const error&) {
                    f.flags.push_back("unit_mismatch");
                }
            }
        } else {
            f.flags.push_back("no_variable");
        }
        if (s.q.masked) f.flags.push_back("masked");
        else if (std::isnan(s.q.value)) f.flags.push_back("out_of_range");  // digits beyond a double
        if (s.q.range) f.flags.push_back("range");
        if (s.thousands_comma) f.flags.push_back("thousands_comma");
        if (s.q.qual == qualifier::approximate) f.flags.push_back("approximate");
        if (s.q.qual == qualifier::lower_bound) f.flags.push_back("lower_bound");
        if (s.q.qual == qualifier::upper_bound) f.flags.push_back("upper_bound");
        out.facts.push_back(std::move(f));
    }
    return out;
}

}  // namespace zhibiao
