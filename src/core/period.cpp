// Period grammar (after full-width normalisation and trimming):
//   YYYY | YYYYH[12] | YYYYQ[1-4] | YYYY-MM | YYYYMmm | YYYYYTDmm  (also YYYY-H1, YYYY-q2, YYYYh1)
//   YYYY年 | YYYY年上半年 | YYYY年下半年 | YYYY年[第]一..四季度 | YYYY年Q1 | YYYY年M月 | YYYY年1-M月
#include <cctype>

#include "core/text.hpp"
#include "zhibiao/period.hpp"

namespace zhibiao {
namespace {

bool take(std::string_view& s, std::string_view prefix) {
    if (s.substr(0, prefix.size()) != prefix) return false;
    s.remove_prefix(prefix.size());
    return true;
}

// Reads 1–2 (or exactly `digits`) ASCII digits.
bool take_number(std::string_view& s, int& value, std::size_t max_digits) {
    std::size_t n = 0;
    value = 0;
    while (n < s.size() && n < max_digits && std::isdigit(static_cast<unsigned char>(s[n])))
        value = value * 10 + (s[n++] - '0');
    if (!n) return false;
    s.remove_prefix(n);
    return true;
}

bool take_chinese_digit(std::string_view& s, int& value) {
    static constexpr std::string_view digits[] = {"一", "二", "三", "四"};
    for (int k = 0; k < 4; ++k)
        if (take(s, digits[k])) {
            value = k + 1;
            return true;
        }
    return false;
}

}  // namespace

period period::parse(std::string_view text) {
    std::string normal = detail::normalize_fullwidth(detail::trim(text));
    std::string_view s = normal;
    auto fail = [&]() -> period { throw parse_error("cannot read period " + detail::quoted(text)); };
    int y = 0;
    if (s.size() < 4 || !take_number(s, y, 4) || y < 1000) return fail();
    int k = 0;
    try {
        if (s.empty()) return period::year(y);
        // 2023-H1, 2023-q2, 2023h1: a dash or lower case before H and Q is the same period.
        if (s.size() > 1 && s[0] == '-' && (s[1] == 'H' || s[1] == 'Q' || s[1] == 'h' || s[1] == 'q'))
            s.remove_prefix(1);
        if (take(s, "h")) return take_number(s, k, 1) && s.empty() ? half(y, k) : fail();
        if (take(s, "q")) return take_number(s, k, 1) && s.empty() ? quarter(y, k) : fail();
        if (take(s, "H")) return take_number(s, k, 1) && s.empty() ? half(y, k) : fail();
        if (take(s, "Q")) return take_number(s, k, 1) && s.empty() ? quarter(y, k) : fail();
        if (take(s, "YTD")) return take_number(s, k, 2) && s.empty() ? year_to_date(y, k) : fail();
        if (take(s, "-") || take(s, "M")) return take_number(s, k, 2) && s.empty() ? month(y, k) : fail();
        if (!take(s, "年")) return fail();
        if (s.empty()) return period::year(y);
        if (take(s, "上半年")) return s.empty() ? half(y, 1) : fail();
        if (take(s, "下半年")) return s.empty() ? half(y, 2) : fail();
        if (take(s, "全年") || take(s, "度")) return s.empty() ? period::year(y) : fail();
        if (take(s, "Q")) return take_number(s, k, 1) && s.empty() ? quarter(y, k) : fail();
        take(s, "第");
        if (take_chinese_digit(s, k)) return take(s, "季度") && s.empty() ? quarter(y, k) : fail();
        int first = 0;
        if (!take_number(s, first, 2)) return fail();
        if (take(s, "月")) return s.empty() ? month(y, first) : fail();
        if (take(s, "-") || take(s, "—") || take(s, "–") || take(s, "~") || take(s, "～") || take(s, "至")) {
            int last = 0;
            if (!take_number(s, last, 2) || !take(s, "月") || !s.empty()) return fail();
            if (first == last) return month(y, first);
            if (first == 1) return year_to_date(y, last);
            if (first == 7 && last == 12) return half(y, 2);
            if (last == first + 2 && first % 3 == 1) return quarter(y, (first + 2) / 3);
            return fail();
        }
        return fail();
    } catch (const parse_error&) {
        return fail();
    }
}

}  // namespace zhibiao
