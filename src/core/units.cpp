// Unit grammar:   unit := product ('/' product)*      product := term (('·' | '*') term)*
//                 term := special | prefix* base | prefix+
// Prefixes multiply (百万 = 1e6, 万亿 = 1e12); the longest base symbol wins, and the special
// symbols (个百分点, 百分点, %, ‰) are tried first because 百 and 个 also start other symbols.
#include <algorithm>
#include <vector>

#include "core/conversion.hpp"
#include "core/text.hpp"
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

// Whole-term symbols that take no prefix.
const std::vector<symbol_entry>& specials() {
    static const std::vector<symbol_entry> table = {
        {"个百分点", none, -2}, {"百分点", none, -2},  {"pp", none, -2}, {"%", none, -2},
        {"pct", none, -2},      {"percent", none, -2}, {"‰", none, -3},  {"1", none, 0},
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

unit parse_term(std::string_view term, std::string_view whole) {
    if (term.empty()) throw unknown_unit_error(std::string(whole));
    for (const auto& s : specials())
        if (term == s.text) return {s.dim, s.exponent, std::string(term)};
    int exponent = 0;
    std::string_view rest = term;
    bool any_prefix = true;
    while (any_prefix && !rest.empty()) {
        any_prefix = false;
        // Try a base first so that a symbol starting like a prefix is not split.
        for (const auto& b : bases())
            if (rest == b.text) return {b.dim, exponent + b.exponent, std::string(term)};
        for (const auto& [p, e] : prefixes())
            if (starts_with(rest, p)) {
                exponent += e;
                rest.remove_prefix(p.size());
                any_prefix = true;
                break;
            }
    }
    if (rest.empty() && exponent != 0) return {none, exponent, std::string(term)};  // "万" alone
    throw unknown_unit_error(std::string(whole));
}

unit parse_product(std::string_view text, std::string_view whole) {
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
    unit result = parse_term(terms.front(), whole);
    for (std::size_t k = 1; k < terms.size(); ++k) result = result * parse_term(terms[k], whole);
    return result;
}

}  // namespace

unit unit::parse(std::string_view text) {
    std::string normal = detail::normalize_fullwidth(detail::trim(text));
    std::string_view whole = normal;
    if (whole.empty()) throw unknown_unit_error(std::string(text));
    // No unit symbol is this long: refuse it before quoting it, shortened, in the message.
    if (text.size() > 64) throw unknown_unit_error(detail::shortened(text));
    std::size_t slash = whole.find('/');
    unit result = parse_product(whole.substr(0, slash), text);
    while (slash != std::string_view::npos) {
        std::size_t next = whole.find('/', slash + 1);
        result = result /
                 parse_product(whole.substr(slash + 1, next == std::string_view::npos ? next : next - slash - 1), text);
        slash = next;
    }
    return {result.dim(), result.exponent(), normal, result.factor()};
}

double conversion::apply(double x) const { return detail::convert_exactly(*this, x); }

}  // namespace zhibiao
