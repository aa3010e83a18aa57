// Unit grammar:   unit := product ('/' product)*      product := term (('·' | '*') term)*
//                 term := special | prefix* base | prefix+
// Prefixes multiply (百万 = 1e6, 万亿 = 1e12); the longest base symbol wins, and the special
// symbols (个百分点, 百分点, %, ‰) are tried first because 百 and 个 also start other symbols.
#include <algorithm>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "core/conversion.hpp"
#include "core/text.hpp"
#include "core/try_parse_unit.hpp"
#include "zhibiao/detail/edit_distance.hpp"
#include "zhibiao/detail/float_bits.hpp"
#include "zhibiao/units.hpp"

namespace zhibiao {
namespace {

struct symbol_entry {
    std::string_view text;
    dimension dim;
    int exponent;
};

constexpr dimension none{};
const dimension currency = dimension::of(base_quantity::currency);
const dimension person = dimension::of(base_quantity::person);
const dimension count = dimension::of(base_quantity::count);

// The spellings of percentage points (unit::is_points), first among the whole-term symbols.
constexpr const char* points_symbols[] = {"个百分点", "百分点", "pp"};

// Whole-term symbols that take no prefix.
const std::vector<symbol_entry>& specials() {
    static const std::vector<symbol_entry> table = {
        {points_symbols[0], none, -2},
        {points_symbols[1], none, -2},
        {points_symbols[2], none, -2},
        {"%", none, -2},
        {"pct", none, -2},
        {"percent", none, -2},
        {"‰", none, -3},
        {"1", none, 0},
    };
    return table;
}

// Base symbols; longest first so 人次 beats 人 and 吨标准煤 beats 吨.
const std::vector<symbol_entry>& bases() {
    static const std::vector<symbol_entry> table = [] {
        std::vector<symbol_entry> t = {
            {"元", currency, 0},
            {"圆", currency, 0},  // the formal character of 人民币圆 (壹万圆整), and its traditional form
            {"圓", currency, 0},
            {"yuan", currency, 0},
            {"CNY", currency, 0},
            {"人", person, 0},
            {"persons", person, 0},
            {"person", person, 0},
            {"people", person, 0},
            {"件", count, 0},
            {"项", count, 0},
            {"家", count, 0},
            {"个", count, 0},
            {"户", count, 0},
            {"所", count, 0},
            {"次", count, 0},
            {"人次", count, 0},
            {"pieces", count, 0},
            {"items", count, 0},
            {"count", count, 0},
            {"人年", dimension::of(base_quantity::person_year), 0},
            {"吨标准煤", dimension::of(base_quantity::energy), 0},
            {"tce", dimension::of(base_quantity::energy), 0},
            {"平方公里", dimension::of(base_quantity::area), 0},
            {"km2", dimension::of(base_quantity::area), 0},
        };
        std::stable_sort(t.begin(), t.end(),
                         [](const symbol_entry& a, const symbol_entry& b) { return a.text.size() > b.text.size(); });
        return t;
    }();
    return table;
}

const std::vector<std::pair<std::string_view, int>>& prefixes() {
    static const std::vector<std::pair<std::string_view, int>> table = {
        {"万", 4}, {"亿", 8}, {"千", 3}, {"百", 2},
        {"十", 1}, {"k", 3},  {"萬", 4}, {"億", 8},  // traditional forms, in Hong Kong, Macao and Taiwan tables
    };
    return table;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// The unit of one term, or nothing: never throws, so that the suggestion of unknown_unit_error
// can try terms without raising the error it is building.
std::optional<unit> term_unit(std::string_view term) {
    if (term.empty()) return std::nullopt;
    for (const auto& s : specials())
        if (term == s.text) return unit{s.dim, s.exponent, std::string(term)};
    int exponent = 0, last = 0;
    std::string_view rest = term;
    bool any_prefix = true;
    while (any_prefix && !rest.empty()) {
        any_prefix = false;
        // Try a base first so that a symbol starting like a prefix is not split.
        for (const auto& b : bases())
            if (rest == b.text) return unit{b.dim, exponent + b.exponent, std::string(term)};
        for (const auto& [p, e] : prefixes())
            if (starts_with(rest, p)) {
                // Prefixes stack as numerals do: one of 十, 百, 千 first, then 万, then 亿 (百万,
                // 千万, 万亿, 千亿). 亿万 or 万万 is a slip (spec §7.2 lists no such unit), never 10¹².
                if (last != 0 && (e <= last || e < 4)) return std::nullopt;
                exponent += e;
                last = e;
                rest.remove_prefix(p.size());
                any_prefix = true;
                break;
            }
    }
    if (rest.empty() && exponent != 0) return unit{none, exponent, std::string(term)};  // "万" alone
    return std::nullopt;
}

// The terms a misspelt term is compared with: the special symbols, the bases, and the bases
// after one Chinese prefix or the common pairs (万元, 亿元, 万人, 百万元, 万亿元). Prefixes alone
// and "1" are left out: "did you mean '万'?" is never what a misspelt unit meant.
const std::vector<std::string>& suggestion_terms() {
    static const std::vector<std::string> terms = [] {
        std::vector<std::string> t;
        for (const auto& s : specials())
            if (s.text != "1") t.emplace_back(s.text);
        // 圆 and 圓 are left out: forms of 元 it is never better to suggest. The commonest first (元,
        // 人, 件…, the order of bases()), which wins among several as near.
        const auto suggested = [](const symbol_entry& b) { return b.text != "圆" && b.text != "圓"; };
        for (const auto& b : bases())
            if (suggested(b)) t.emplace_back(b.text);
        for (const std::string_view p : {"万", "亿", "千", "百", "十", "百万", "千万", "万亿"})
            for (const auto& b : bases())
                if (suggested(b) && !detail::is_ascii(b.text)) t.push_back(std::string(p).append(b.text));
        return t;
    }();
    return terms;
}

// A term of prefixes stacked out of order and a base (亿万元, 万万元): each of its prefixes alone
// before the base (亿元, 万元), the readings a writer meant; nothing for any other term.
std::vector<std::string> single_prefix_readings(std::string_view term) {
    std::vector<std::string> seen;
    int exponent = 0;
    std::string_view rest = term;
    for (bool any_prefix = true; any_prefix && !rest.empty();) {
        any_prefix = false;
        for (const auto& b : bases())
            if (rest == b.text && seen.size() > 1) {
                for (const auto& [p, e] : prefixes())  // 万万 = 亿: the prefix the stack multiplies to
                    if (e == exponent && !detail::is_ascii(p)) {
                        seen.emplace_back(p);
                        break;
                    }
                std::vector<std::string> readings;
                for (const std::string& p : seen)
                    if (std::find(readings.begin(), readings.end(), p + std::string(b.text)) == readings.end())
                        readings.push_back(p + std::string(b.text));
                return readings;
            }
        for (const auto& [p, e] : prefixes())
            if (starts_with(rest, p)) {
                seen.emplace_back(p);
                exponent += e;
                rest.remove_prefix(p.size());
                any_prefix = true;
                break;
            }
    }
    return {};
}

// The known terms a misspelt one most likely is: those nearest by the shared edit distance, within
// one edit per three characters (one for two characters, none for one), all of them when several
// are as near; else the shared closest_name when it is a longer symbol that
// starts with or holds the term ("平方" → 平方公里). Unit symbols are short: two edits of three
// letters ("kwh" → "km2") make another unit.
std::vector<std::string> closest_terms(std::string_view term) {
    if (std::vector<std::string> single = single_prefix_readings(term); !single.empty()) return single;
    // Another currency is not a misspelt yuan: "万美元" → "万元" would be off by the exchange rate.
    for (const std::string_view money : {"美元", "欧元", "日元", "港元", "港币", "韩元", "澳元", "台币", "英镑", "卢布",
                                         "usd", "eur", "jpy", "hkd", "gbp", "dollar"})
        if (detail::suggestion_key(term).find(money) != std::string::npos) return {};
    // A space inside a symbol ("万 元", a cell typed by hand): the symbol without it, alone.
    std::string compact(term);
    compact.erase(std::remove(compact.begin(), compact.end(), ' '), compact.end());
    if (compact != term && term_unit(compact)) return {compact};
    const std::string key = detail::suggestion_key(term);
    const std::size_t characters = detail::code_points(key).size();
    // One character changed of one is another unit altogether (斤 is no misspelt 元).
    std::size_t nearest = characters < 2 ? 0 : std::max<std::size_t>(1, characters / 3);
    std::vector<std::string> found;
    for (const std::string& candidate : suggestion_terms()) {
        const std::size_t d = detail::edit_distance(key, detail::suggestion_key(candidate));
        if (d > nearest) continue;
        if (d < nearest) found.clear(), nearest = d;
        found.push_back(candidate);
    }
    if (!found.empty()) return found;
    const std::string best = detail::closest_name(
        term, suggestion_terms(), [](const std::string& t) -> std::string_view { return t; }, detail::as_written);
    if (!best.empty() && detail::suggestion_key(best).find(key) != std::string::npos) found.push_back(best);
    return found;
}

// The unit of a product of terms, or nothing when a term is no unit.
std::optional<unit> parse_product(std::string_view text) {
    std::vector<std::string_view> terms;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size();) {
        std::size_t sep_len = 0;
        if (i < text.size() && text[i] == '*')
            sep_len = 1;
        else if (starts_with(text.substr(i), "·"))
            sep_len = std::string_view("·").size();
        if (i == text.size() || sep_len) {
            terms.push_back(detail::trim(text.substr(start, i - start)));
            i += sep_len ? sep_len : 1;
            start = i;
        } else {
            ++i;
        }
    }
    std::optional<unit> result = term_unit(terms.front());
    for (std::size_t k = 1; result && k < terms.size(); ++k) {
        const std::optional<unit> next = term_unit(terms[k]);
        if (!next) return std::nullopt;
        result = *result * *next;
    }
    return result;
}

}  // namespace

namespace detail {
std::vector<std::string> stacked_multiplier_readings(std::string_view term) {
    const std::string normal = normalize_fullwidth(trim(term));
    if (term_unit(normal)) return {};
    return single_prefix_readings(normal);
}

std::optional<unit> try_parse_unit(std::string_view text) {
    std::string normal = normalize_fullwidth(trim(text));
    std::string_view whole = normal;
    if (whole.empty() || text.size() > 64) return std::nullopt;
    std::size_t slash = whole.find('/');
    std::optional<unit> result = parse_product(whole.substr(0, slash));
    while (result && slash != std::string_view::npos) {
        std::size_t next = whole.find('/', slash + 1);
        const std::optional<unit> divisor =
            parse_product(whole.substr(slash + 1, next == std::string_view::npos ? next : next - slash - 1));
        if (!divisor) return std::nullopt;
        result = *result / *divisor;
        slash = next;
    }
    if (!result) return std::nullopt;
    return unit{result->dim(), result->exponent(), normal, result->factor()};
}
}  // namespace detail

// The error's message carries a "did you mean" (edit distances to every unit there is): built only
// here, for a caller that wants the error, not by detail::try_parse_unit.
bool unit::is_points() const {
    for (const char* points : points_symbols)
        if (symbol_ == points) return true;
    return false;
}

unit unit::parse(std::string_view text) {
    if (std::optional<unit> u = detail::try_parse_unit(text)) return *std::move(u);
    if (detail::normalize_fullwidth(detail::trim(text)).empty()) throw unknown_unit_error(std::string(text));
    // No unit symbol is this long: refused before quoting it, shortened, in the message.
    if (text.size() > 64) throw unknown_unit_error(detail::shortened(text));
    throw unknown_unit_error(std::string(text));
}

namespace detail {
std::string unit_suggestion(const std::string& text) {
    // A text this long is no misspelt unit symbol (and the CSV reader quotes a long one shortened).
    if (text.size() > 32) return {};
    const std::string normal = normalize_fullwidth(trim(text));
    if (normal.empty()) return {};
    // Each term between '/', '*' and '·' as the parser splits them; a misspelt one is replaced by
    // the term it most likely is, the separators kept.
    // The readings meant: up to three nearest terms of the first misspelt term, the nearest of any other.
    std::vector<std::string> meant(1);
    bool changed = false, unmatched = false;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= normal.size();) {
        std::size_t sep = 0;
        if (i < normal.size() && (normal[i] == '*' || normal[i] == '/'))
            sep = 1;
        else if (normal.compare(i, std::string_view("·").size(), "·") == 0)
            sep = std::string_view("·").size();
        if (i < normal.size() && !sep) {
            ++i;
            continue;
        }
        const std::string_view term = trim(std::string_view(normal).substr(start, i - start));
        const bool known = !term.empty() && term_unit(term);
        const std::vector<std::string> near = term.empty() || known ? std::vector<std::string>{} : closest_terms(term);
        if (known) {
            for (std::string& m : meant) m.append(term);
        } else if (near.empty()) {
            unmatched = true;
        } else if (!changed) {
            // A few as near are all said; many (万仁: 万元, 万人, 万件… one edit each) the commonest.
            const std::string before = meant.front();
            meant.clear();
            for (std::size_t k = 0; k < (near.size() <= 3 ? near.size() : 1); ++k) meant.push_back(before + near[k]);
            changed = true;
        } else {
            for (std::string& m : meant) m.append(near.front());
        }
        for (std::string& m : meant) m.append(normal, i, sep);
        i += sep ? sep : 1;
        start = i;
    }
    if (changed && !unmatched) {
        std::string said = " (did you mean '" + meant.front() + "'";
        for (std::size_t k = 1; k < meant.size(); ++k)
            said += (k + 1 == meant.size() ? " or '" : ", '") + meant[k] + "'";
        return said + "?)";
    }
    return "; units are 元, 人, 件, 项, 家, 个, 人次, 人年, 吨标准煤, 平方公里, %, ‰ or 百分点, "
           "after 万, 亿, 千, 百 or 十, and quotients (件/万人)";
}
}  // namespace detail

namespace {

// The count base a term is written in after its prefixes (万件 → 件); "" for a term of another
// dimension, nothing for a term that is no unit or counts without a measure word.
std::optional<std::string_view> count_word(std::string_view term) {
    for (const auto& s : specials())
        if (term == s.text) return std::string_view{};
    std::string_view rest = term;
    for (bool any_prefix = true; any_prefix && !rest.empty();) {
        any_prefix = false;
        for (const auto& b : bases())
            if (rest == b.text) {
                if (b.dim != count) return std::string_view{};
                if (detail::is_ascii(b.text)) return std::nullopt;  // count, items, pieces: of what?
                return b.text;
            }
        for (const auto& [p, e] : prefixes())
            if (starts_with(rest, p)) {
                rest.remove_prefix(p.size());
                any_prefix = true;
                break;
            }
    }
    return rest.empty() ? std::optional<std::string_view>{std::string_view{}} : std::nullopt;
}

// Each measure word of `symbol` with its power: the grammar of try_parse_unit (products between
// '/', terms between '·' or '*'). False when a term cannot be told.
bool add_count_words(std::string_view symbol, std::vector<std::pair<std::string, int>>& words) {
    std::size_t start = 0;
    int sign = 1;
    for (std::size_t i = 0; i <= symbol.size();) {
        std::size_t sep = 0;
        if (i < symbol.size() && (symbol[i] == '*' || symbol[i] == '/'))
            sep = 1;
        else if (starts_with(symbol.substr(i), "·"))
            sep = std::string_view("·").size();
        if (i < symbol.size() && !sep) {
            ++i;
            continue;
        }
        const std::optional<std::string_view> word = count_word(detail::trim(symbol.substr(start, i - start)));
        if (!word) return false;
        if (!word->empty()) words.emplace_back(std::string(*word), sign);
        if (i < symbol.size() && symbol[i] == '/') sign = -1;
        i += sep ? sep : 1;
        start = i;
    }
    return true;
}

}  // namespace

std::string counted_things(const unit& u) {
    std::vector<std::pair<std::string, int>> words;
    if (!add_count_words(detail::normalize_fullwidth(u.symbol()), words)) return {};
    std::sort(words.begin(), words.end());
    std::vector<std::pair<std::string, int>> net;
    int total = 0;
    for (const auto& [word, power] : words) {
        total += power;
        if (!net.empty() && net.back().first == word)
            net.back().second += power;
        else
            net.emplace_back(word, power);
    }
    if (total != u.dim().exponent(base_quantity::count)) return {};
    std::string over, under;
    for (const auto& [word, power] : net)
        for (int k = 0; k < std::abs(power); ++k) {
            std::string& side = power > 0 ? over : under;
            side += side.empty() ? word : "·" + word;
        }
    if (under.empty()) return over;
    return (over.empty() ? "1" : over) + "/" + under;
}

bool counts_different_things(const unit& a, const unit& b) {
    const std::string x = counted_things(a), y = counted_things(b);
    return !x.empty() && !y.empty() && x != y;
}

double conversion::apply(double x) const {
    // No inf leaves the library: a product past the largest double is NaN, as compute() gives
    // NaN (out_of_range) for it. A bit test: -ffast-math folds std::isinf to false.
    const double y = detail::convert_exactly(*this, x);
    return detail::is_infinite(y) ? std::numeric_limits<double>::quiet_NaN() : y;
}

}  // namespace zhibiao
